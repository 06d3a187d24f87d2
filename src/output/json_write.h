/*
 * json_write.h — streaming JSON output into a dyad_buffer.
 *
 * Records are written field by field straight into a buffer rather than
 * built as a jansson tree: a segmented article has one object per token,
 * and allocating a tree node for each would cost more than the whole
 * segmenter.  jansson is still what reads JSON (ingest/); this is only the
 * escaping half.  Strings are assumed to be valid UTF-8 (the readers
 * guarantee it) and are escaped per RFC 8259: quotes, backslashes and
 * control characters; U+2028/U+2029 too, so the output is safe to embed
 * in JavaScript.
 */
#ifndef DYAD_OUTPUT_JSON_WRITE_H
#define DYAD_OUTPUT_JSON_WRITE_H

#include "dyad.h"

#include <stdbool.h>

/* A JSON string literal, or null when text is NULL. */
bool json_write_string(dyad_buffer *out, const char *text);
bool json_write_string_n(dyad_buffer *out, const char *text, size_t length);
/* "key": — a comma is written first unless *first is set (then cleared). */
bool json_write_key(dyad_buffer *out, const char *key, bool *first);
bool json_write_int(dyad_buffer *out, long long value);
/* For writers that reserve space once and fill it directly (the token
 * loop of `dyad segment`): the escaped bytes of text, at most 6 per input
 * byte, no quotes; the decimal digits of value, at most 21 bytes.  Both
 * return the bytes written. */
size_t json_escape(char *out, const char *text, size_t length);
size_t json_format_int(char *out, long long value);
bool json_write_double(dyad_buffer *out, double value);

#endif
