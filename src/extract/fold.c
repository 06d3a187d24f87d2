/*
 * fold.c — see fold.h.
 */
#include "fold.h"
#include "../util/utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <utf8proc.h>

static bool is_apostrophe(int32_t c) {
    return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x0060 ||
           c == 0x00B4 || c == 0x02B9;
}

static bool is_separator(int32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == 0x00A0 ||
           (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x202F;
}

size_t fold_text(const char *text, size_t length, char *out, size_t capacity) {
    size_t written = 0;
    bool pending_space = false;
    const unsigned char *bytes = (const unsigned char *)text;
    size_t i = 0;
    while (i < length) {
        int32_t c;
        size_t step;
        if (bytes[i] < 0x80) {
            c = bytes[i];
            step = 1;
        } else {
            step = utf8_decode(bytes + i, length - i, &c);
            if (!step) {
                c = 0xFFFD;
                step = 1;
            }
        }
        i += step;
        if (is_apostrophe(c)) continue;
        if (is_separator(c)) {
            pending_space = written > 0;
            continue;
        }
        utf8proc_int32_t folded[8];
        utf8proc_ssize_t count;
        if (c < 0x80) {
            folded[0] = c >= 'A' && c <= 'Z' ? c + 32 : c;
            count = 1;
        } else {
            int boundary = 0;
            count = utf8proc_decompose_char(c, folded, 8,
                                            UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE |
                                                UTF8PROC_STRIPMARK | UTF8PROC_COMPAT,
                                            &boundary);
            if (count < 0 || count > 8) {
                folded[0] = c;
                count = 1;
            }
        }
        if (pending_space) {
            if (written + 1 >= capacity) return (size_t)-1;
            out[written++] = ' ';
            pending_space = false;
        }
        for (utf8proc_ssize_t k = 0; k < count; k++) {
            char encoded[4];
            size_t n = utf8_encode(folded[k], encoded);
            if (written + n >= capacity) return (size_t)-1;
            for (size_t b = 0; b < n; b++) out[written++] = encoded[b];
        }
    }
    if (written >= capacity) return (size_t)-1;
    out[written] = '\0';
    return written;
}
