/*
 * utf8.h — decoding helpers shared by the readers and the text stages.
 *
 * Input arrives as bytes from anywhere.  utf8_sanitize() makes it valid
 * UTF-8 by replacing every ill-formed sequence (stray continuation bytes,
 * overlongs, surrogates, truncated sequences) with U+FFFD, one per maximal
 * ill-formed subpart as Unicode recommends, and reports where each
 * replacement happened so the reader can name the byte offset.  NUL bytes
 * are replaced too: every later stage uses NUL-terminated strings.
 */
#ifndef DYAD_UTIL_UTF8_H
#define DYAD_UTIL_UTF8_H

#include "dyad.h"

#include <stdbool.h>
#include <stdint.h>

/* Length of the valid UTF-8 sequence at text[0..length), or 0 if it is
 * ill-formed.  On success *codepoint is set. */
size_t utf8_decode(const unsigned char *text, size_t length, int32_t *codepoint);

/* Encodes codepoint into out (at least 4 bytes); returns the byte count. */
size_t utf8_encode(int32_t codepoint, char *out);

/* Copies text into the arena, replacing ill-formed bytes and NULs with
 * U+FFFD.  Up to max_offsets offsets of the first replacements are stored
 * in offsets (may be NULL); *replacements counts all of them.  Returns the
 * copy (NUL-terminated) and its length in *out_length, NULL on allocation
 * failure. */
char *utf8_sanitize(dyad_arena *arena, const char *text, size_t length, size_t *out_length,
                    long long *offsets, size_t max_offsets, size_t *replacements);

/* The folding under which the tagger's and the word clusters' lexicons
 * key a word: lowercase, and every decimal digit (any script's) '0', so
 * that "1996" and "2003" are one word and "Kyiv" and "KYIV" another.
 * One codepoint in, one out; a model's keys depend on it, so changing it
 * means retraining both. */
int32_t utf8_fold_word_codepoint(int32_t codepoint);

/* True if the bytes are valid UTF-8 with no NUL. */
bool utf8_is_valid(const char *text, size_t length);

#endif
