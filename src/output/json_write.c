/*
 * json_write.c — see json_write.h.
 */
#include "json_write.h"
#include "../util/buffer.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes that may need escaping: controls, '"', '\\', and 0xE2, the lead
 * byte of U+2028 / U+2029. */
static const unsigned char needs_care[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1, [0xE2] = 1};

/* Whether any of the eight bytes in word needs care: a control byte, '"',
 * '\\' or 0xE2.  The has-zero-byte test (v - 0x01..) & ~v & 0x80.. is
 * exact for "some byte is zero" (and, with 0x20 in place of 0x01, for
 * "some byte is below 0x20"), so a word it passes is copied whole: most
 * text has no byte that needs care, and testing eight at once takes a
 * fraction of the instructions of a table look-up per byte. */
static inline bool word_needs_care(uint64_t word) {
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t quote = word ^ (ones * '"'), backslash = word ^ (ones * '\\'),
             lead = word ^ (ones * 0xE2);
    uint64_t found = ((word - ones * 0x20) & ~word) | ((quote - ones) & ~quote) |
                     ((backslash - ones) & ~backslash) | ((lead - ones) & ~lead);
    return (found & highs) != 0;
}

size_t json_escape(char *out, const char *text, size_t length) {
    char *w = out;
    const unsigned char *s = (const unsigned char *)text;
    static const char hex[] = "0123456789abcdef";
    size_t i = 0;
    while (i < length) {
        if (length - i >= 8) {
            uint64_t word;
            memcpy(&word, s + i, 8);
            if (!word_needs_care(word)) {
                memcpy(w, &word, 8);
                w += 8;
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i++];
        if (!needs_care[c]) {
            *w++ = (char)c;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            /* U+2028 / U+2029 are E2 80 A8 / E2 80 A9 */
            if (c == 0xE2 && i + 1 < length && s[i] == 0x80 &&
                (s[i + 1] == 0xA8 || s[i + 1] == 0xA9)) {
                memcpy(w, s[i + 1] == 0xA8 ? "\\u2028" : "\\u2029", 6);
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

static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* Byte offsets and counts, nearly every number written, fit in 32 bits,
 * where division by a constant is one short multiplication. */
static size_t format_small(char *out, uint32_t value) {
    size_t digits = value < 10          ? 1
                    : value < 100       ? 2
                    : value < 1000      ? 3
                    : value < 10000     ? 4
                    : value < 100000    ? 5
                    : value < 1000000   ? 6
                    : value < 10000000  ? 7
                    : value < 100000000 ? 8
                    : value < 1000000000 ? 9
                                         : 10;
    char *w = out + digits;
    while (value >= 100) {
        uint32_t pair = (value % 100) * 2;
        value /= 100;
        *--w = digit_pairs[pair + 1];
        *--w = digit_pairs[pair];
    }
    if (value >= 10) {
        *--w = digit_pairs[value * 2 + 1];
        *--w = digit_pairs[value * 2];
    } else {
        *--w = (char)('0' + value);
    }
    return digits;
}

size_t json_format_int(char *out, long long value) {
    /* the digits are counted first so that they can be written in place,
     * two at a time from the right: printf's format parsing, or a scratch
     * buffer and a copy, cost more than the conversion itself */
    if (value >= 0 && value <= (long long)UINT32_MAX) return format_small(out, (uint32_t)value);
    static const unsigned long long powers[] = {
        10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull,
        1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull,
        100000000000000ull, 1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
        1000000000000000000ull, 10000000000000000000ull};
    unsigned long long magnitude = value < 0 ? 0ull - (unsigned long long)value
                                             : (unsigned long long)value;
    size_t sign = value < 0, digits = 1;
    while (digits < 20 && magnitude >= powers[digits - 1]) digits++;
    if (sign) out[0] = '-';
    char *w = out + sign + digits;
    while (magnitude >= 100) {
        unsigned pair = (unsigned)(magnitude % 100) * 2;
        magnitude /= 100;
        *--w = digit_pairs[pair + 1];
        *--w = digit_pairs[pair];
    }
    if (magnitude >= 10) {
        *--w = digit_pairs[magnitude * 2 + 1];
        *--w = digit_pairs[magnitude * 2];
    } else {
        *--w = (char)('0' + magnitude);
    }
    return sign + digits;
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
