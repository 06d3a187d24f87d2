/*
 * document.h — creating documents and attaching warnings to them.
 *
 * The dyad_document struct itself is public (dyad.h); this module owns its
 * construction so every reader builds documents the same way: metadata
 * copied into the arena, the raw text made valid UTF-8 with each
 * replacement reported as a warning carrying its byte offset.
 */
#ifndef DYAD_INGEST_DOCUMENT_H
#define DYAD_INGEST_DOCUMENT_H

#include "dyad.h"

/* Records a warning (message printf-formatted into the arena).  Returns
 * false only when memory runs out. */
_Bool document_add_warning(dyad_document *document, long long offset, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets raw_text from bytes that may not be valid UTF-8: ill-formed
 * sequences become U+FFFD and each is recorded as a warning whose offset is
 * base_offset plus its position in bytes (at most a handful are listed,
 * then a count). */
dyad_status document_set_raw_text(dyad_document *document, const char *bytes, size_t length,
                                  long long base_offset);

/* The same for bytes already known to be valid UTF-8 (a string jansson
 * decoded from a mended line): validating them again would find nothing,
 * so only NULs are looked for, and the text is copied as it is when there
 * are none. */
dyad_status document_set_valid_text(dyad_document *document, const char *bytes, size_t length,
                                    long long base_offset);

#endif
