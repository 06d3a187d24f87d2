/*
 * json_write.c — see json_write.h.
 */
#include "json_write.h"
#include "../util/buffer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes that may need escaping: controls, '"', '\\', and 0xE2, the lead
 * byte of U+2028 / U+2029. */
static const unsigned char needs_care[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1, [0xE2] = 1};

size_t json_escape(char *out, const char *text, size_t length) {
    char *w = out;
    const unsigned char *s = (const unsigned char *)text;
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < length; i++) {
        /* copy the run of plain bytes in one go */
        size_t run = i;
        while (run < length && !needs_care[s[run]]) run++;
        if (run > i) {
            memcpy(w, s + i, run - i);
            w += run - i;
            i = run;
            if (i == length) break;
        }
        unsigned char c = s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            /* U+2028 / U+2029 are E2 80 A8 / E2 80 A9 */
            if (c == 0xE2 && i + 2 < length && s[i + 1] == 0x80 &&
                (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
                memcpy(w, s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
                w += 6;
                i += 2;
                continue;
            }
            *w++ = (char)c;
            continue;
        }
        *w++ = '\\';
        switch (c) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '\n': *w++ = 'n'; break;
        case '\r': *w++ = 'r'; break;
        case '\t': *w++ = 't'; break;
        case '\b': *w++ = 'b'; break;
        case '\f': *w++ = 'f'; break;
        default:
            *w++ = 'u';
            *w++ = '0';
            *w++ = '0';
            *w++ = hex[c >> 4];
            *w++ = hex[c & 15];
        }
    }
    return (size_t)(w - out);
}

bool json_write_string_n(dyad_buffer *out, const char *text, size_t length) {
    if (!text) return buffer_append(out, "null", 4);
    /* worst case every byte becomes \u00XX */
    if (!buffer_reserve(out, length * 6 + 2)) return false;
    char *w = out->data + out->length;
    *w++ = '"';
    w += json_escape(w, text, length);
    *w++ = '"';
    out->length = (size_t)(w - out->data);
    out->data[out->length] = '\0';
    return true;
}

bool json_write_string(dyad_buffer *out, const char *text) {
    return json_write_string_n(out, text, text ? strlen(text) : 0);
}

bool json_write_key(dyad_buffer *out, const char *key, bool *first) {
    if (first && !*first && !buffer_append_char(out, ',')) return false;
    if (first) *first = false;
    return json_write_string(out, key) && buffer_append_char(out, ':');
}

size_t json_format_int(char *out, long long value) {
    /* two digits at a time backwards into a scratch buffer, then forwards
     * into out: printf's format parsing costs more than the conversion */
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                "8081828384858687888990919293949596979899";
    char digits[24];
    unsigned long long magnitude = value < 0 ? 0ull - (unsigned long long)value
                                             : (unsigned long long)value;
    size_t position = sizeof digits;
    while (magnitude >= 100) {
        unsigned pair = (unsigned)(magnitude % 100) * 2;
        magnitude /= 100;
        digits[--position] = pairs[pair + 1];
        digits[--position] = pairs[pair];
    }
    if (magnitude >= 10) {
        digits[--position] = pairs[magnitude * 2 + 1];
        digits[--position] = pairs[magnitude * 2];
    } else {
        digits[--position] = (char)('0' + magnitude);
    }
    size_t length = 0;
    if (value < 0) out[length++] = '-';
    memcpy(out + length, digits + position, sizeof digits - position);
    return length + sizeof digits - position;
}

bool json_write_int(dyad_buffer *out, long long value) {
    if (!buffer_reserve(out, 24)) return false;
    out->length += json_format_int(out->data + out->length, value);
    out->data[out->length] = '\0';
    return true;
}

bool json_write_double(dyad_buffer *out, double value) {
    if (!isfinite(value)) return buffer_append(out, "null", 4);
    /* %.17g round-trips; trim to the shortest that does for readability */
    char text[32];
    for (int precision = 6; precision <= 17; precision++) {
        snprintf(text, sizeof text, "%.*g", precision, value);
        if (strtod(text, NULL) == value) break;
    }
    return buffer_append_string(out, text);
}
