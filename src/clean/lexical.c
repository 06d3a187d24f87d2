/*
 * lexical.c — see lexical.h.
 */
#include "lexical.h"
#include "../util/utf8.h"

#include <utf8proc.h>

static bool is_space_byte(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t lexical_fold(const char *text, size_t length, char *key) {
    size_t a = 0, b = length;
    while (a < b && is_space_byte(text[a])) a++;
    while (b > a && is_space_byte(text[b - 1])) b--;
    if (a == b || b - a >= LEXICAL_MAX_KEY * 2) return 0;
    size_t out = 0;
    for (size_t i = a; i < b; i++) {
        char c = text[i];
        char folded;
        if (is_space_byte(c)) {
            if (out && key[out - 1] == ' ') continue;
            folded = ' ';
        } else if (c >= '0' && c <= '9') {
            if (out && key[out - 1] == '#') continue;
            folded = '#';
        } else if (c >= 'A' && c <= 'Z') {
            folded = (char)(c - 'A' + 'a');
        } else {
            folded = c;
        }
        if (out + 1 >= LEXICAL_MAX_KEY) return 0;
        key[out++] = folded;
    }
    key[out] = '\0';
    return out;
}

bool lexical_next_word(const char *text, size_t length, size_t *position, lexical_word *word) {
    size_t i = *position;
    while (i < length && is_space_byte(text[i])) i++;
    if (i == length) {
        *position = i;
        return false;
    }
    size_t start = i;
    while (i < length && !is_space_byte(text[i])) i++;
    word->text = text + start;
    word->length = i - start;
    *position = i;
    return true;
}

static bool is_punctuation(int32_t codepoint) {
    switch (utf8proc_category(codepoint)) {
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        return true;
    default:
        return codepoint == '|' || codepoint == '<' || codepoint == '>';
    }
}

lexical_word lexical_strip_punctuation(lexical_word word) {
    const unsigned char *s = (const unsigned char *)word.text;
    size_t a = 0, b = word.length;
    while (a < b) {
        int32_t codepoint;
        size_t step = utf8_decode(s + a, b - a, &codepoint);
        if (!step || !is_punctuation(codepoint)) break;
        a += step;
    }
    while (b > a) {
        size_t start;
        int32_t codepoint = lexical_last_codepoint(word.text + a, b - a, &start);
        if (!is_punctuation(codepoint)) break;
        b = a + start;
    }
    lexical_word stripped = {word.text + a, b - a};
    return stripped;
}

int32_t lexical_first_codepoint(const char *text, size_t length) {
    int32_t codepoint;
    if (!length || !utf8_decode((const unsigned char *)text, length, &codepoint)) return 0xFFFD;
    return codepoint;
}

int32_t lexical_last_codepoint(const char *text, size_t length, size_t *start) {
    if (!length) {
        *start = 0;
        return 0xFFFD;
    }
    size_t i = length - 1;
    /* back over continuation bytes: at most three */
    while (i > 0 && length - i < 4 && ((unsigned char)text[i] & 0xC0) == 0x80) i--;
    int32_t codepoint;
    if (!utf8_decode((const unsigned char *)text + i, length - i, &codepoint)) {
        *start = length - 1;
        return 0xFFFD;
    }
    *start = i;
    return codepoint;
}

bool lexical_is_upper(int32_t codepoint) {
    utf8proc_category_t category = utf8proc_category(codepoint);
    return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
}

bool lexical_is_lower(int32_t codepoint) {
    return utf8proc_category(codepoint) == UTF8PROC_CATEGORY_LL;
}

bool lexical_is_letter(int32_t codepoint) {
    utf8proc_category_t category = utf8proc_category(codepoint);
    return category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO;
}

bool lexical_is_digit(int32_t codepoint) {
    return codepoint >= '0' && codepoint <= '9';
}

bool lexical_is_all_caps(const char *text, size_t length) {
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, letters = 0;
    while (i < length) {
        int32_t codepoint;
        size_t step = utf8_decode(s + i, length - i, &codepoint);
        if (!step) return false;
        if (lexical_is_lower(codepoint)) return false;
        if (lexical_is_letter(codepoint)) letters++;
        i += step;
    }
    return letters >= 2;
}

static bool is_closing(int32_t codepoint) {
    return codepoint == '"' || codepoint == '\'' || codepoint == ')' || codepoint == ']' ||
           codepoint == 0x201D || codepoint == 0x2019 || codepoint == 0x00BB ||
           codepoint == 0x203A;
}

bool lexical_ends_sentence(const char *text, size_t length) {
    while (length && is_space_byte(text[length - 1])) length--;
    for (int guard = 0; length && guard < 4; guard++) {
        size_t start;
        int32_t codepoint = lexical_last_codepoint(text, length, &start);
        if (codepoint == '.' || codepoint == '!' || codepoint == '?' || codepoint == 0x2026 ||
            codepoint == 0x3002 || codepoint == 0xFF01 || codepoint == 0xFF1F ||
            codepoint == 0xFF0E)   /* 。！？． */
            return true;
        if (!is_closing(codepoint)) return false;
        length = start;
    }
    return false;
}

bool lexical_starts_with_word(const char *text, size_t length, const char *prefix,
                              size_t prefix_length) {
    if (length < prefix_length) return false;
    for (size_t i = 0; i < prefix_length; i++) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    if (length == prefix_length) return true;
    int32_t next = lexical_first_codepoint(text + prefix_length, length - prefix_length);
    return !lexical_is_letter(next) && !lexical_is_digit(next);
}

void lexical_skip_spaces(const char *text, size_t length, size_t *position) {
    while (*position < length && is_space_byte(text[*position])) (*position)++;
}

bool lexical_has_quotation_mark(const char *text, size_t length) {
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < length; i++) {
        if (s[i] == '"') return true;
        /* “ ” „ « » are E2 80 9C/9D/9E and C2 AB/BB */
        if (s[i] == 0xE2 && i + 2 < length && s[i + 1] == 0x80 &&
            (s[i + 2] == 0x9C || s[i + 2] == 0x9D || s[i + 2] == 0x9E))
            return true;
        if (s[i] == 0xC2 && i + 1 < length && (s[i + 1] == 0xAB || s[i + 1] == 0xBB))
            return true;
    }
    return false;
}
