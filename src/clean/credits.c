/*
 * credits.c — see credits.h.
 */
#include "credits.h"
#include "lexical.h"

#include <string.h>

enum {
    MAX_CREDIT_LINE = 400,
    MAX_NAME_LIST = 300,
    MAX_NAME_WORDS = 40,
    MAX_COPYRIGHT_LINE = 200,
    MAX_BYLINE = 120,
    MAX_BYLINE_WORDS = 12,
    MAX_AGENCY_NAME = 64,
};

bool credits_is_name_list(const clean_patterns *patterns, const char *text, size_t length) {
    if (!length || length > MAX_NAME_LIST) return false;
    size_t position = 0, words = 0, capitals = 0;
    lexical_word word;
    while (lexical_next_word(text, length, &position, &word)) {
        if (++words > MAX_NAME_WORDS) return false;
        lexical_word bare = lexical_strip_punctuation(word);
        if (!bare.length) continue;               /* ";" "&" "|" */
        int32_t initial = lexical_first_codepoint(bare.text, bare.length);
        if (lexical_is_upper(initial)) {
            capitals++;
            continue;
        }
        if (!lexical_is_lower(initial)) return false;   /* digits, symbols */
        if (phrase_table_find_text(&patterns->name_words, bare.text, bare.length) >= 0) continue;
        /* particles joined to a name: "al-Hassan", "d'Alema" */
        size_t joint = 0;
        while (joint < bare.length && bare.text[joint] != '-' && bare.text[joint] != '\'') joint++;
        if (joint < bare.length && joint > 0 &&
            phrase_table_find_text(&patterns->name_words, bare.text, joint) >= 0)
            continue;
        return false;
    }
    /* "With inputs from agencies" names nobody in capitals, and is short */
    return words > 0 && (capitals > 0 || words <= 3);
}

/* Skips n words of text from the start; returns the offset after them. */
static size_t skip_words(const char *text, size_t length, size_t n) {
    size_t position = 0;
    lexical_word word;
    for (size_t i = 0; i < n && lexical_next_word(text, length, &position, &word); i++) {
    }
    return position;
}

static size_t count_words(const char *phrase, size_t length) {
    size_t words = 1;
    for (size_t i = 0; i < length; i++) words += phrase[i] == ' ';
    return words;
}

/* Strips ":" "-" and spaces at the start of text[*start..end). */
static void skip_joiners(const char *text, size_t end, size_t *start) {
    while (*start < end && (text[*start] == ' ' || text[*start] == ':' || text[*start] == '-'))
        (*start)++;
}

/* Is text (no brackets, no leading dash) a credit by its opening or
 * closing phrase? */
static bool body_is_credit(const clean_patterns *patterns, const char *text, size_t length) {
    char key[LEXICAL_MAX_KEY];
    size_t key_length = lexical_fold(text, length, key);
    if (!key_length) return false;
    size_t bare = key_length;
    while (bare && (key[bare - 1] == '.' || key[bare - 1] == ' ')) bare--;
    int whole = phrase_table_find(&patterns->credits, key, bare);
    if (whole >= 0 && patterns->credits.kinds[whole] == CREDIT_WHOLE) return true;
    size_t matched = 0;
    int lead = phrase_table_find_prefix(&patterns->credits, key, key_length, &matched);
    if (lead >= 0 && patterns->credits.kinds[lead] == CREDIT_LEAD) {
        size_t rest = skip_words(text, length,
                                 count_words(patterns->credits.phrases[lead],
                                             patterns->credits.lengths[lead]));
        /* "Reporting by:" leaves the colon on the last phrase word */
        skip_joiners(text, length, &rest);
        size_t end = length;
        while (end > rest && (text[end - 1] == '.' || text[end - 1] == ' ')) end--;
        if (end > rest && credits_is_name_list(patterns, text + rest, end - rest)) return true;
    }
    /* "Anna Petrova contributed to this report." */
    size_t end = key_length;
    while (end && (key[end - 1] == '.' || key[end - 1] == ' ')) end--;
    size_t spaces = 0;
    for (size_t i = end; i-- > 0 && spaces < 6;) {
        if (key[i] != ' ') continue;
        spaces++;
        int tail = phrase_table_find(&patterns->credits, key + i + 1, end - i - 1);
        if (tail < 0 || patterns->credits.kinds[tail] != CREDIT_TAIL) continue;
        size_t total = count_words(key, end);
        size_t tail_words = count_words(key + i + 1, end - i - 1);
        size_t head_end = skip_words(text, length, total - tail_words);
        while (head_end && text[head_end - 1] == ' ') head_end--;
        return head_end > 0 && credits_is_name_list(patterns, text, head_end);
    }
    return false;
}

static bool starts_with_bytes(const char *text, size_t length, const char *prefix) {
    size_t n = strlen(prefix);
    return length >= n && memcmp(text, prefix, n) == 0;
}

static bool is_copyright(const char *text, size_t length) {
    if (length > MAX_COPYRIGHT_LINE) return false;
    size_t rest;
    bool word = false;
    if (starts_with_bytes(text, length, "\xC2\xA9")) rest = 2;                  /* © */
    else if (starts_with_bytes(text, length, "(c) ") || starts_with_bytes(text, length, "(C) "))
        rest = 4;
    else if (lexical_starts_with_word(text, length, "copyright", 9)) {
        rest = 9;
        word = true;
    } else return false;
    lexical_skip_spaces(text, length, &rest);
    if (rest >= length) return false;
    int32_t next = lexical_first_codepoint(text + rest, length - rest);
    /* "Copyright 2025 Reuters", "Copyright © Dyad News"; the bare word
     * before a capital could open a headline ("Copyright Law Changes") */
    if (word) return lexical_is_digit(next) || next == 0xA9;
    return lexical_is_digit(next) || lexical_is_upper(next);
}

/* Strips a leading dash or bullet ("— AFP") and reports whether one was there. */
static bool strip_lead_mark(const char *text, size_t *start, size_t end) {
    bool stripped = false;
    for (;;) {
        lexical_skip_spaces(text, end, start);
        if (*start >= end) break;
        int32_t c = lexical_first_codepoint(text + *start, end - *start);
        if (c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2022 || c == '*') {
            *start += c < 0x80 ? 1 : 3;
            stripped = true;
            continue;
        }
        break;
    }
    return stripped;
}

credit_verdict credits_classify_line(const clean_patterns *patterns, const char *line,
                                     size_t length) {
    if (!length || length > MAX_CREDIT_LINE) return CREDIT_NONE;
    size_t start = 0, end = length;
    bool dashed = strip_lead_mark(line, &start, end);
    if (start >= end) return CREDIT_NONE;
    if (is_copyright(line + start, end - start)) return CREDIT_LINE;
    bool bracketed = false;
    if ((line[start] == '(' && line[end - 1] == ')') ||
        (line[start] == '[' && line[end - 1] == ']')) {
        start++;
        end--;
        bracketed = true;
        lexical_skip_spaces(line, end, &start);
        while (end > start && line[end - 1] == ' ') end--;
        if (start >= end) return CREDIT_NONE;
    }
    if (body_is_credit(patterns, line + start, end - start)) return CREDIT_LINE;
    size_t bare_end = end;
    while (bare_end > start && line[bare_end - 1] == '.') bare_end--;
    if (bare_end - start <= MAX_AGENCY_NAME &&
        phrase_table_find_text(&patterns->agencies, line + start, bare_end - start) >= 0)
        return dashed || bracketed ? CREDIT_LINE : CREDIT_BARE_AGENCY;
    return CREDIT_NONE;
}

bool credits_is_byline(const clean_patterns *patterns, const char *line, size_t length) {
    if (length < 4 || length > MAX_BYLINE) return false;
    if (!(line[0] == 'B' && (line[1] == 'y' || line[1] == 'Y') && line[2] == ' ')) return false;
    if (line[length - 1] == '.' && !(length >= 3 && line[length - 3] == ' ')) return false;
    size_t rest = 3;
    lexical_skip_spaces(line, length, &rest);
    if (rest >= length || !lexical_is_upper(lexical_first_codepoint(line + rest, length - rest)))
        return false;
    size_t words = 0, position = rest;
    lexical_word word;
    while (lexical_next_word(line, length, &position, &word))
        if (++words > MAX_BYLINE_WORDS) return false;
    return credits_is_name_list(patterns, line + rest, length - rest);
}

size_t credits_trailing_parenthetical(const clean_patterns *patterns, const char *text,
                                      size_t length) {
    size_t end = length;
    while (end && text[end - 1] == ' ') end--;
    if (!end || (text[end - 1] != ')' && text[end - 1] != ']')) return length;
    char close = text[end - 1], open = close == ')' ? '(' : '[';
    size_t floor = end > MAX_CREDIT_LINE ? end - MAX_CREDIT_LINE : 0;
    int depth = 0;
    for (size_t i = end; i-- > floor;) {
        if (text[i] == close) depth++;
        else if (text[i] == open && --depth == 0) {
            if (i > 0 && text[i - 1] != ' ') return length;
            size_t inner = i + 1, inner_end = end - 1;
            lexical_skip_spaces(text, inner_end, &inner);
            while (inner_end > inner && text[inner_end - 1] == ' ') inner_end--;
            if (inner_end > inner && body_is_credit(patterns, text + inner, inner_end - inner))
                return i;
            return length;
        }
    }
    return length;
}
