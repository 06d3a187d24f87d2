/*
 * json_write.c — see json_write.h.
 */
#include "json_write.h"
#include "../util/buffer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool json_write_string_n(dyad_buffer *out, const char *text, size_t length) {
    if (!text) return buffer_append(out, "null", 4);
    /* worst case every byte becomes \u00XX */
    if (!buffer_reserve(out, length * 6 + 2)) return false;
    char *w = out->data + out->length;
    *w++ = '"';
    const unsigned char *s = (const unsigned char *)text;
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < length; i++) {
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

bool json_write_int(dyad_buffer *out, long long value) {
    return buffer_printf(out, "%lld", value);
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
