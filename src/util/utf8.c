/*
 * utf8.c — see utf8.h.  The decoder follows Table 3-7 of the Unicode
 * Standard (well-formed byte sequences); utf8proc's iterate() would do the
 * same, but we need the length of the maximal ill-formed subpart to replace
 * it as one U+FFFD, which utf8proc does not report.
 */
#include "utf8.h"
#include "arena.h"

#include <string.h>
#include <utf8proc.h>

size_t utf8_decode(const unsigned char *s, size_t n, int32_t *codepoint) {
    if (n == 0) return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *codepoint = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        if (n < 2 || (s[1] & 0xC0) != 0x80) return 0;
        *codepoint = ((c & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned char low = 0x80, high = 0xBF;
        if (c == 0xE0) low = 0xA0;
        if (c == 0xED) high = 0x9F;          /* no surrogates */
        if (n < 3 || s[1] < low || s[1] > high || (s[2] & 0xC0) != 0x80) return 0;
        *codepoint = ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned char low = 0x80, high = 0xBF;
        if (c == 0xF0) low = 0x90;
        if (c == 0xF4) high = 0x8F;          /* nothing above U+10FFFF */
        if (n < 4 || s[1] < low || s[1] > high || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        *codepoint = ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) |
                     (s[3] & 0x3F);
        return 4;
    }
    return 0;
}

/* Length of the maximal ill-formed subpart starting at s: the longest
 * prefix of a valid sequence, at least one byte. */
static size_t ill_formed_length(const unsigned char *s, size_t n) {
    unsigned char c = s[0];
    size_t expected = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) expected = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        expected = 3;
        if (c == 0xE0) low = 0xA0;
        if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        expected = 4;
        if (c == 0xF0) low = 0x90;
        if (c == 0xF4) high = 0x8F;
    } else
        return 1;
    size_t i = 1;
    if (i < n && s[i] >= low && s[i] <= high) {
        i++;
        while (i < expected && i < n && (s[i] & 0xC0) == 0x80) i++;
    }
    return i;
}

size_t utf8_encode(int32_t cp, char *out) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

bool utf8_is_valid(const char *text, size_t length) {
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < length) {
        /* eight ASCII bytes at a time, none of them NUL: most text is
         * ASCII, and this is run over every input line */
        if (length - i >= 8) {
            uint64_t word;
            memcpy(&word, s + i, 8);
            const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
            if (!((word | ((word - ones) & ~word)) & highs)) {
                i += 8;
                continue;
            }
        }
        if (s[i] && s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t step = utf8_decode(s + i, length - i, &cp);
        if (!step || cp == 0) return false;
        i += step;
    }
    return true;
}

char *utf8_sanitize(dyad_arena *arena, const char *text, size_t length, size_t *out_length,
                    long long *offsets, size_t max_offsets, size_t *replacements) {
    size_t count = 0;
    if (utf8_is_valid(text, length)) {
        char *copy = arena_strndup(arena, text, length);
        if (out_length) *out_length = length;
        if (replacements) *replacements = 0;
        return copy;
    }
    /* worst case: every byte becomes a 3-byte U+FFFD */
    if (length > (SIZE_MAX - 1) / 3) return NULL;
    char *copy = arena_alloc(arena, length * 3 + 1);
    if (!copy) return NULL;
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, o = 0;
    while (i < length) {
        int32_t cp = 0;
        size_t step = s[i] ? utf8_decode(s + i, length - i, &cp) : 0;
        if (step) {
            memcpy(copy + o, s + i, step);
            o += step;
            i += step;
            continue;
        }
        if (count < max_offsets && offsets) offsets[count] = (long long)i;
        count++;
        i += s[i] ? ill_formed_length(s + i, length - i) : 1;
        memcpy(copy + o, "\xEF\xBF\xBD", 3);
        o += 3;
    }
    copy[o] = '\0';
    if (out_length) *out_length = o;
    if (replacements) *replacements = count;
    return copy;
}

int32_t utf8_fold_word_codepoint(int32_t codepoint) {
    if (codepoint < 0x80) {
        if (codepoint >= 'A' && codepoint <= 'Z') return codepoint + ('a' - 'A');
        return codepoint >= '0' && codepoint <= '9' ? '0' : codepoint;
    }
    if (utf8proc_category(codepoint) == UTF8PROC_CATEGORY_ND) return '0';
    return utf8proc_tolower(codepoint);
}
