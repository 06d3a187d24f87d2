/*
 * buffer.c — see buffer.h.
 */
#include "buffer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool buffer_reserve(dyad_buffer *buffer, size_t extra) {
    if (buffer->capacity - buffer->length > extra) return true;
    size_t capacity = buffer->capacity ? buffer->capacity : 256;
    while (capacity - buffer->length <= extra) {
        if (capacity > SIZE_MAX / 2) return false;
        capacity *= 2;
    }
    char *data = realloc(buffer->data, capacity);
    if (!data) return false;
    buffer->data = data;
    buffer->capacity = capacity;
    return true;
}

bool buffer_append(dyad_buffer *buffer, const void *data, size_t length) {
    if (!buffer_reserve(buffer, length)) return false;
    memcpy(buffer->data + buffer->length, data, length);
    buffer->length += length;
    buffer->data[buffer->length] = '\0';
    return true;
}

bool buffer_append_string(dyad_buffer *buffer, const char *text) {
    return buffer_append(buffer, text, strlen(text));
}

bool buffer_append_char(dyad_buffer *buffer, char c) {
    return buffer_append(buffer, &c, 1);
}

bool buffer_printf(dyad_buffer *buffer, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int length = vsnprintf(NULL, 0, format, arguments);
    va_end(arguments);
    if (length < 0 || !buffer_reserve(buffer, (size_t)length + 1)) return false;
    va_start(arguments, format);
    vsnprintf(buffer->data + buffer->length, (size_t)length + 1, format, arguments);
    va_end(arguments);
    buffer->length += (size_t)length;
    return true;
}

void buffer_clear(dyad_buffer *buffer) {
    buffer->length = 0;
    if (buffer->data) buffer->data[0] = '\0';
}

void dyad_buffer_free(dyad_buffer *buffer) {
    if (!buffer) return;
    free(buffer->data);
    buffer->data = NULL;
    buffer->length = buffer->capacity = 0;
}
