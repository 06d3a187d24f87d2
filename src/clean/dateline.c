/*
 * dateline.c — see dateline.h.  A small recursive-descent parser over the
 * first bytes of a paragraph; it never looks further than MAX_DATELINE.
 */
#include "dateline.h"
#include "lexical.h"

#include <string.h>

enum {
    MAX_DATELINE = 100,
    MAX_PLACE_WORDS = 4,
    MAX_PLACE_PARTS = 3,
    MAX_AGENCY = 40,
    MAX_AGENCY_WORDS = 5,
};

typedef struct parser {
    const clean_patterns *patterns;
    const char *text;
    size_t length;            /* at most MAX_DATELINE + a little: the dateline window */
} parser;

/* End of the word at i: up to a space or one of , : ( / */
static size_t word_end(const parser *p, size_t i) {
    while (i < p->length) {
        char c = p->text[i];
        if (c == ' ' || c == ',' || c == ':' || c == '(' || c == '/' || c == ')') break;
        i++;
    }
    return i;
}

/* A word of a place name: a capital, then letters, dots, apostrophes and
 * hyphens ("ST.", "N'DJAMENA", "Port-au-Prince"). */
static bool is_place_word(const char *word, size_t length, bool *all_caps) {
    if (!length) return false;
    int32_t first = lexical_first_codepoint(word, length);
    if (!lexical_is_upper(first)) return false;
    size_t i = 0;
    bool lower = false;
    while (i < length) {
        int32_t c;
        size_t step = 1;
        unsigned char byte = (unsigned char)word[i];
        if (byte < 0x80) c = byte;
        else {
            c = lexical_first_codepoint(word + i, length - i);
            step = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
        }
        if (lexical_is_lower(c)) lower = true;
        else if (!lexical_is_letter(c) && c != '.' && c != '\'' && c != '-' && c != 0x2019)
            return false;
        i += step;
    }
    *all_caps = !lower;
    return true;
}

static bool is_month(const parser *p, const char *word, size_t length) {
    if (length > 1 && word[length - 1] == '.') length--;
    int found = phrase_table_find_text(&p->patterns->dates, word, length);
    return found >= 0 && p->patterns->dates.kinds[found] == DATE_MONTH;
}

/* Digits at i (1..max_digits of them, value in [low, high]); returns the
 * end or 0.  A day may carry "st", "nd", "rd", "th". */
static size_t parse_number(const parser *p, size_t i, size_t max_digits, int low, int high,
                           bool ordinal) {
    size_t j = i;
    int value = 0;
    while (j < p->length && j - i < max_digits + 1 && p->text[j] >= '0' && p->text[j] <= '9')
        value = value * 10 + (p->text[j++] - '0');
    if (j == i || j - i > max_digits || value < low || value > high) return 0;
    if (ordinal && j + 1 < p->length) {
        const char *s = p->text + j;
        if (strncmp(s, "st", 2) == 0 || strncmp(s, "nd", 2) == 0 || strncmp(s, "rd", 2) == 0 ||
            strncmp(s, "th", 2) == 0)
            j += 2;
    }
    if (j < p->length && ((p->text[j] >= '0' && p->text[j] <= '9') ||
                          lexical_is_letter(lexical_first_codepoint(p->text + j, p->length - j))))
        return 0;
    return j;
}

/* "Dec 3", "Dec. 3, 2025", "3 December", "3 Dec 2025"; returns the end or 0. */
static size_t parse_date(const parser *p, size_t i) {
    size_t end = word_end(p, i), after;
    if (is_month(p, p->text + i, end - i)) {
        if (end >= p->length || p->text[end] != ' ') return 0;
        after = parse_number(p, end + 1, 2, 1, 31, true);
        if (!after) return 0;
    } else {
        after = parse_number(p, i, 2, 1, 31, true);
        if (!after || after >= p->length || p->text[after] != ' ') return 0;
        size_t month_end = word_end(p, after + 1);
        if (!is_month(p, p->text + after + 1, month_end - after - 1)) return 0;
        after = month_end;
    }
    /* an optional year: " 2025" or ", 2025" */
    size_t year = after;
    if (year < p->length && p->text[year] == ',') year++;
    if (year < p->length && p->text[year] == ' ') {
        size_t year_end = parse_number(p, year + 1, 4, 1900, 2999, false);
        if (year_end) after = year_end;
    }
    return after;
}

/* "(Reuters)" or "/TASS/" at i; returns the end or 0. */
static size_t parse_agency(const parser *p, size_t i, bool need_known, dateline_span *span) {
    if (i >= p->length || (p->text[i] != '(' && p->text[i] != '/')) return 0;
    char close = p->text[i] == '(' ? ')' : '/';
    size_t j = i + 1;
    while (j < p->length && j - i <= MAX_AGENCY && p->text[j] != close) j++;
    if (j >= p->length || p->text[j] != close || j == i + 1) return 0;
    const char *inner = p->text + i + 1;
    size_t inner_length = j - i - 1;
    if (!lexical_is_upper(lexical_first_codepoint(inner, inner_length))) return 0;
    size_t words = 0, position = 0;
    lexical_word word;
    while (lexical_next_word(inner, inner_length, &position, &word))
        if (++words > MAX_AGENCY_WORDS) return 0;
    for (size_t k = 0; k < inner_length; k++)
        if (inner[k] >= '0' && inner[k] <= '9') return 0;
    if (need_known && phrase_table_find_text(&p->patterns->agencies, inner, inner_length) < 0)
        return 0;
    span->start = i + 1;
    span->length = inner_length;
    return j + 1;
}

typedef enum separator_kind { SEPARATOR_NONE, SEPARATOR_DASH, SEPARATOR_COLON,
                              SEPARATOR_STOP } separator_kind;

/* The separator at i (a space may come first); *end is after it. */
static separator_kind parse_separator(const parser *p, size_t i, bool after_slash, size_t *end) {
    const char *s = p->text;
    if (after_slash && i < p->length && s[i] == '.') {
        *end = i + 1;
        return SEPARATOR_STOP;
    }
    if (i < p->length && s[i] == ':') {
        *end = i + 1;
        return SEPARATOR_COLON;
    }
    bool spaced = i < p->length && s[i] == ' ';
    if (spaced) i++;
    if (i + 1 < p->length && s[i] == '-' && s[i + 1] == '-') {
        *end = i + 2;
        return SEPARATOR_DASH;
    }
    if (i < p->length && s[i] == '-') {
        /* a hyphen needs space on both sides, or it joins words */
        if (!spaced || i + 1 >= p->length || s[i + 1] != ' ') return SEPARATOR_NONE;
        *end = i + 1;
        return SEPARATOR_DASH;
    }
    if (i + 2 < p->length && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94 ||
         (unsigned char)s[i + 2] == 0x95)) {
        *end = i + 3;
        return SEPARATOR_DASH;
    }
    return SEPARATOR_NONE;
}

bool dateline_parse(const clean_patterns *patterns, const char *text, size_t length,
                    dateline_match *match) {
    memset(match, 0, sizeof *match);
    parser p = {patterns, text, length < MAX_DATELINE + 8 ? length : MAX_DATELINE + 8};
    size_t i = 0;
    bool caps_place = false, have_place = false, slash_agency = false;
    size_t parts = 0;

    if (p.length && text[0] == '(') {
        /* "(CNN) — ...": a known agency alone */
        i = parse_agency(&p, 0, true, &match->agency);
        if (!i) return false;
    } else {
        /* place parts: "KYIV", "Kyiv, Ukraine", "GAZA CITY, Gaza Strip" */
        for (;;) {
            size_t words = 0, part_start = i;
            bool part_caps = true;
            for (;;) {
                size_t end = word_end(&p, i);
                bool word_caps = false;
                bool particle = words > 0 &&
                                lexical_is_lower(lexical_first_codepoint(text + i, end - i)) &&
                                phrase_table_find_text(&patterns->place_words, text + i,
                                                       end - i) >= 0;
                if (!particle && !is_place_word(text + i, end - i, &word_caps)) return false;
                if (particle || !word_caps) part_caps = false;
                if (++words > MAX_PLACE_WORDS) return false;
                i = end;
                /* another word of the same part? */
                if (i + 1 < p.length && text[i] == ' ' && text[i + 1] != '(' &&
                    text[i + 1] != '/' && text[i + 1] != '-' &&
                    (unsigned char)text[i + 1] != 0xE2) {
                    i++;
                    continue;
                }
                break;
            }
            if (parts == 0) {
                caps_place = part_caps;
                match->place.start = part_start;
            }
            parts++;
            have_place = true;
            match->place.length = i - match->place.start;
            if (i + 1 < p.length && text[i] == ',' && text[i + 1] == ' ') {
                size_t date_end = parse_date(&p, i + 2);
                if (date_end) {
                    match->date.start = i + 2;
                    match->date.length = date_end - (i + 2);
                    i = date_end;
                    break;
                }
                if (parts == MAX_PLACE_PARTS) return false;
                i += 2;
                continue;
            }
            break;
        }
        /* the agency: " (Reuters)", " /TASS/" */
        if (i + 1 < p.length && text[i] == ' ' && (text[i + 1] == '(' || text[i + 1] == '/')) {
            size_t end = parse_agency(&p, i + 1, false, &match->agency);
            if (!end) return false;
            slash_agency = text[i + 1] == '/';
            i = end;
        }
    }

    size_t end = i;
    separator_kind separator = parse_separator(&p, i, slash_agency, &end);
    if (separator == SEPARATOR_NONE) {
        /* "Moscow, Dec 3 (IANS) The ...": a bracketed agency may end it alone */
        if (!match->agency.length || slash_agency || i + 1 >= p.length || text[i] != ' ' ||
            !lexical_is_upper(lexical_first_codepoint(text + i + 1, p.length - i - 1)))
            return false;
        end = i;
    }
    if (end > MAX_DATELINE) return false;
    if (have_place) {
        if (caps_place) {
            /* "BREAKING:", "UPDATE —" are labels, not places */
            if (parts == 1 && !match->date.length && !match->agency.length &&
                phrase_table_find_text(&patterns->labels, text + match->place.start,
                                       match->place.length) >= 0)
                return false;
        } else {
            if (separator == SEPARATOR_COLON) return false;
            if (parts < 2 && !match->date.length && !match->agency.length) return false;
        }
    } else if (separator == SEPARATOR_STOP) {
        return false;
    }
    /* the story goes on after it, opening like a sentence */
    size_t story = end;
    lexical_skip_spaces(text, length, &story);
    if (story >= length) return false;
    int32_t next = lexical_first_codepoint(text + story, length - story);
    if (!lexical_is_upper(next) && !lexical_is_digit(next) && next != '"' && next != 0x201C &&
        next != '\'' && next != 0x2018)
        return false;
    if (separator == SEPARATOR_COLON) {
        /* "NEW DELHI: The government ..." but not "FROM: GEORGE W. ..." or
         * "HOAX: CHURCH = ...": a shouted line is not a story */
        size_t word_end = story;
        while (word_end < length && text[word_end] != ' ') word_end++;
        if (word_end - story > 3 && lexical_is_all_caps(text + story, word_end - story))
            return false;
    }
    if (separator == SEPARATOR_DASH && story == end && !(end >= 3 && (unsigned char)text[end - 3] == 0xE2))
        return false;      /* "-" glued to the story */
    match->text_length = end;
    match->consumed = story;
    return true;
}
