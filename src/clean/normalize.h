/*
 * normalize.h — Unicode and white-space normalisation of an article's raw
 * text, the first step of cleaning.
 *
 * Scraped text carries characters that look like nothing but break
 * matching and tokenization: no-break and other odd spaces, zero-width
 * spaces, word joiners and bidi controls, soft hyphens, byte-order marks,
 * control characters, joiners against ASCII text,
 * Windows line ends, and C1 controls left by text decoded as Latin-1 when
 * it was Windows-1252 (U+0092 for a right quote).  This pass maps them in
 * one linear walk, then composes the result to NFC with utf8proc.
 *
 * Line structure is kept (the debris rules work on lines), and runs of
 * spaces are kept too: two spaces are how some breadcrumb trails separate
 * their items.  Spaces are collapsed later, when paragraphs are written.
 *
 * NFC's canonical reordering is quadratic in the length of a run of
 * combining marks; following the Stream-Safe Text Format (UAX #15) a run
 * is cut at 30 marks, so normalisation stays linear on hostile input.
 */
#ifndef DYAD_CLEAN_NORMALIZE_H
#define DYAD_CLEAN_NORMALIZE_H

#include "dyad.h"

/* text: valid UTF-8 (the readers guarantee it).  On success *out is a
 * NUL-terminated malloc'ed string the caller frees, *out_length its
 * length.  Paragraph separators (U+2029) become a blank line. */
dyad_status clean_normalize(const char *text, size_t length, char **out, size_t *out_length,
                            dyad_error *error);

/* True for code points NFC leaves unchanged in any context, so text made
 * only of them needs no composition pass. */
#include <stdbool.h>
#include <stdint.h>
bool normalize_is_nfc_stable(int32_t codepoint);

#endif
