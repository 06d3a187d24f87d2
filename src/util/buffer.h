/*
 * buffer.h — a growable byte buffer on the heap (dyad_buffer in dyad.h).
 *
 * Output records are rendered into a buffer and written with one fwrite,
 * so a record is never half-written; readers use one to assemble lines of
 * any length.  Unlike the arena it outlives documents and is reused.
 */
#ifndef DYAD_UTIL_BUFFER_H
#define DYAD_UTIL_BUFFER_H

#include "dyad.h"

#include <stdbool.h>

/* All return false when memory runs out (the buffer is left as it was). */
bool buffer_reserve(dyad_buffer *buffer, size_t extra);
bool buffer_append(dyad_buffer *buffer, const void *data, size_t length);
bool buffer_append_string(dyad_buffer *buffer, const char *text);
bool buffer_append_char(dyad_buffer *buffer, char c);
bool buffer_printf(dyad_buffer *buffer, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
void buffer_clear(dyad_buffer *buffer);

#endif
