/*
 * debris.c — see debris.h.
 */
#include "debris.h"
#include "lexical.h"

#include <string.h>
#include <strings.h>

/* Beyond these lengths a line is taken for prose whatever it starts with. */
enum {
    MAX_FURNITURE_LINE = 300,  /* "Read more: <a headline>", prompts */
    MAX_CAPTION_LINE = 600,    /* wire photo captions run long */
    MAX_TIMESTAMP_LINE = 120,
    MAX_BREADCRUMB_LINE = 200,
    MAX_SHARE_LINE = 160,
    MAX_BREADCRUMB_ITEM = 40,
    MAX_LIST_ITEM = 160,
    MAX_PROMPT_LINE = 200,
    MAX_OPEN_LABEL = 40,
    MAX_ACTION_PROMPT = 60,
};

/* Length of the separator mark (ASCII or a UTF-8 dash, guillemet, arrow,
 * bullet) at text[i], 0 if there is none. */
static size_t separator_at(const char *text, size_t length, size_t i) {
    if (i >= length) return 0;
    char c = text[i];
    if (c == ':' || c == '|' || c == '-' || c == '>' || c == '/' || c == '\\') return 1;
    const unsigned char *s = (const unsigned char *)text + i;
    size_t left = length - i;
    if (left >= 2 && s[0] == 0xC2 && (s[1] == 0xBB || s[1] == 0xB7)) return 2; /* » · */
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
        (s[2] == 0x93 || s[2] == 0x94 || s[2] == 0xBA || s[2] == 0xA2 || s[2] == 0x95))
        return 3;                                                          /* – — › • ― */
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x86 && s[2] == 0x92) return 3;  /* → */
    return 0;
}

/* Strips bullets and separators from the start and end of a folded key,
 * so "• Advertisement •" and "Related:" look up as the bare phrase. */
static void trim_marks(const char *key, size_t *start, size_t *end) {
    for (;;) {
        while (*start < *end && (key[*start] == ' ' || key[*start] == '*')) (*start)++;
        size_t mark = separator_at(key, *end, *start);
        if (!mark) break;
        *start += mark;
    }
    for (;;) {
        while (*end > *start && (key[*end - 1] == ' ' || key[*end - 1] == '.' ||
                                 key[*end - 1] == '*'))
            (*end)--;
        bool trimmed = false;
        for (size_t width = 1; width <= 3 && width <= *end - *start; width++)
            if (separator_at(key, *end, *end - width) == width) {
                *end -= width;
                trimmed = true;
                break;
            }
        if (!trimmed) break;
    }
}

/* Tokens of a folded key: runs of letters, '#', apostrophes, hyphens and
 * non-ASCII bytes.  Tokens without a letter or digit are skipped. */
static bool next_token(const char *key, size_t length, size_t *position, size_t *start,
                       size_t *token_length) {
    for (;;) {
        size_t i = *position;
        while (i < length) {
            unsigned char c = (unsigned char)key[i];
            if ((c >= 'a' && c <= 'z') || c == '#' || c >= 0x80) break;
            i++;
        }
        if (i >= length) {
            *position = i;
            return false;
        }
        size_t j = i;
        while (j < length) {
            unsigned char c = (unsigned char)key[j];
            if (!((c >= 'a' && c <= 'z') || c == '#' || c == '\'' || c == '-' || c >= 0x80))
                break;
            j++;
        }
        *position = j;
        /* "•" or "—" on their own are marks, not words */
        int32_t first = lexical_first_codepoint(key + i, j - i);
        if (!lexical_is_letter(first) && first != '#') continue;
        while (j > i && (key[j - 1] == '-' || key[j - 1] == '\'')) j--;
        *start = i;
        *token_length = j - i;
        return true;
    }
}

bool debris_is_breadcrumb(const clean_patterns *patterns, const char *line, size_t length) {
    if (length > MAX_BREADCRUMB_LINE) return false;
    size_t items = 0, strong = 0, i = 0;
    size_t first_start = 0, first_end = 0;
    size_t previous_mark = 0;    /* the first strong separator, all must be alike */
    bool mixed = false;
    while (i <= length) {
        /* one item: up to a separator mark or a run of two spaces */
        size_t start = i, end = i, mark = 0;
        bool double_space = false;
        while (end < length) {
            mark = separator_at(line, length, end);
            /* a colon introduces ("Subject: Re: ..."); a hyphen or slash
             * inside a word ("Middle-East", "fyi/review") joins */
            if (mark == 1 && line[end] == ':') mark = 0;
            if (mark == 1 && (line[end] == '-' || line[end] == '/') && end > start &&
                line[end - 1] != ' ' && (end + 1 >= length || line[end + 1] != ' '))
                mark = 0;
            if (mark) break;
            if (line[end] == ' ' && end + 1 < length && line[end + 1] == ' ') {
                double_space = true;
                break;
            }
            end++;
        }
        size_t a = start, b = end;
        while (a < b && line[a] == ' ') a++;
        while (b > a && line[b - 1] == ' ') b--;
        if (a == b) {
            if (end >= length) break;      /* a trailing separator */
            if (items) return false;       /* two separators in a row: not a trail */
        } else {
            /* an item: a short name, no sentence punctuation */
            if (b - a > MAX_BREADCRUMB_ITEM) return false;
            int32_t first = lexical_first_codepoint(line + a, b - a);
            if (!lexical_is_letter(first)) return false;
            size_t words = 0, position = a;
            lexical_word word;
            while (lexical_next_word(line, b, &position, &word))
                if (++words > 4) return false;
            char last = line[b - 1];
            if (last == '.' || last == '!' || last == '?' || last == ',' || last == ';' ||
                last == '"')
                return false;
            if (!items) {
                first_start = a;
                first_end = b;
            }
            items++;
        }
        if (end >= length) break;
        if (double_space) {
            i = end;
            while (i < length && line[i] == ' ') i++;
        } else {
            if (!previous_mark) previous_mark = (size_t)(unsigned char)line[end] << 8 | mark;
            else if (previous_mark != ((size_t)(unsigned char)line[end] << 8 | mark)) mixed = true;
            strong++;
            i = end + mark;
        }
    }
    if (items < 2) return false;
    /* "Home" first needs only one separator of any kind; otherwise three
     * items in a row of the same mark ("News > World > Europe") */
    int home = phrase_table_find_text(&patterns->debris_lines, line + first_start,
                                      first_end - first_start);
    if (home >= 0 && patterns->debris_lines.kinds[home] == DEBRIS_NAVIGATION) return true;
    return items >= 3 && strong >= 2 && !mixed && strong + 1 >= items;
}

static bool share_bar_key(const clean_patterns *patterns, const char *line, size_t length,
                          const char *key, size_t key_length) {
    if (length > MAX_SHARE_LINE || !key_length) return false;
    size_t position = 0, start, token_length, words = 0, known = 0, keys = 0;
    int first_kind = -1, last_kind = -1, before_last_kind = -1;
    while (next_token(key, key_length, &position, &start, &token_length)) {
        words++;
        int found = phrase_table_find(&patterns->share_words, key + start, token_length);
        int kind = found >= 0 ? patterns->share_words.kinds[found] : -1;
        if (token_length == 1 && key[start] == '#') kind = SHARE_WORD;   /* "12 shares" */
        if (words == 1) first_kind = kind;
        before_last_kind = last_kind;
        last_kind = kind;
        if (kind >= 0) known++;
        if (kind == SHARE_NETWORK || kind == SHARE_VERB) keys++;
    }
    if (!words) return false;
    /* every word is share-bar vocabulary: "Share this article", "Facebook Twitter Email" */
    if (known == words && keys) return true;
    /* "Follow Reuters on X": a verb, a few words, a network at the end */
    return first_kind == SHARE_VERB && words <= 8 && line[length - 1] != '.' &&
           (last_kind == SHARE_NETWORK || before_last_kind == SHARE_NETWORK);
}

static bool prompt_key(const clean_patterns *patterns, const char *line, size_t length,
                       const char *key, size_t key_length) {
    if (length > MAX_PROMPT_LINE || !key_length || lexical_has_quotation_mark(line, length))
        return false;
    bool topic = false, address = false, opens_with_action = false;
    size_t position = 0, start, token_length, tokens = 0;
    size_t previous_start = 0, previous_length = 0;
    while (next_token(key, key_length, &position, &start, &token_length)) {
        tokens++;
        int found = phrase_table_find(&patterns->prompt_words, key + start, token_length);
        bool pair = false;
        /* two-word entries: "sign up", "log in", "privacy policy" */
        if (found < 0 && previous_length && previous_start + previous_length + 1 == start &&
            key[previous_start + previous_length] == ' ') {
            found = phrase_table_find(&patterns->prompt_words, key + previous_start,
                                      start + token_length - previous_start);
            pair = true;
        }
        previous_start = start;
        previous_length = token_length;
        if (found < 0) continue;
        switch (patterns->prompt_words.kinds[found]) {
        case PROMPT_ACTION:
            if (tokens == 1 || (pair && tokens == 2)) opens_with_action = true;
            break;
        case PROMPT_TOPIC:
            topic = true;
            break;
        default:
            address = true;
        }
    }
    /* "Subscribe to Dyad News for full access": an order, short and
     * without figures (a sentence about prices is not a prompt) */
    if (opens_with_action && length <= MAX_ACTION_PROMPT) {
        bool digit = false;
        for (size_t i = 0; i < length && !digit; i++) digit = line[i] >= '0' && line[i] <= '9';
        if (!digit) return true;
    }
    return topic && address;
}

bool debris_is_share_bar(const clean_patterns *patterns, const char *line, size_t length) {
    char key[LEXICAL_MAX_KEY];
    size_t key_length = length <= MAX_SHARE_LINE ? lexical_fold(line, length, key) : 0;
    return share_bar_key(patterns, line, length, key, key_length);
}

bool debris_is_prompt(const clean_patterns *patterns, const char *line, size_t length) {
    char key[LEXICAL_MAX_KEY];
    size_t key_length = length <= MAX_PROMPT_LINE ? lexical_fold(line, length, key) : 0;
    return prompt_key(patterns, line, length, key, key_length);
}

/* Is the word ending at text[end) (with one or two words before it) an
 * agency name?  Tries "AP Photo", then "Photo". */
static bool agency_before(const clean_patterns *patterns, const char *text, size_t end) {
    size_t starts[3], found = 0, i = end;
    while (found < 3) {
        while (i > 0 && text[i - 1] != ' ' && text[i - 1] != '(') i--;
        starts[found++] = i;
        if (i == 0 || text[i - 1] == '(') break;
        i--;                      /* the space */
    }
    for (size_t k = found; k-- > 0;) {
        lexical_word word = {text + starts[k], end - starts[k]};
        word = lexical_strip_punctuation(word);
        if (word.length && phrase_table_find_text(&patterns->agencies, word.text, word.length) >= 0)
            return true;
    }
    return false;
}

/* Is text[start..) opening with an agency name (one to three words)? */
static bool agency_after(const clean_patterns *patterns, const char *text, size_t length,
                         size_t start) {
    size_t i = start;
    for (int words = 0; words < 3 && i < length; words++) {
        while (i < length && text[i] != ' ' && text[i] != '/' && text[i] != ')') i++;
        lexical_word word = {text + start, i - start};
        word = lexical_strip_punctuation(word);
        if (word.length && phrase_table_find_text(&patterns->agencies, word.text, word.length) >= 0)
            return true;
        if (i >= length || text[i] != ' ') break;
        i++;
    }
    return false;
}

bool debris_ends_with_photo_credit(const clean_patterns *patterns, const char *line,
                                   size_t length) {
    if (length > MAX_CAPTION_LINE || length < 4) return false;
    /* the credit closes the caption and carries no sentence end of its own */
    if (line[length - 1] == '.' || line[length - 1] == ',') return false;
    size_t tail = length > 80 ? length - 80 : 0;
    size_t slash = 0;
    bool found = false;
    for (size_t i = length; i-- > tail;)
        if (line[i] == '/') {
            slash = i;
            found = true;
            /* "REUTERS/Anna Petrova/File Photo": look at the first slash of the tail */
            size_t j = i;
            while (j > tail && line[j - 1] != ' ' && line[j - 1] != '(') j--;
            for (size_t k = j; k < i; k++)
                if (line[k] == '/') slash = k;
        }
    if (!found || slash == 0 || slash + 1 >= length) return false;
    if (line[slash - 1] == ' ' || line[slash + 1] == ' ') return false;
    /* what follows the slash is a name or an agency: a few words */
    size_t words = 0, position = slash + 1;
    lexical_word word;
    while (lexical_next_word(line, length, &position, &word))
        if (++words > 6) return false;
    return agency_before(patterns, line, slash) || agency_after(patterns, line, length, slash + 1);
}

bool debris_is_list_item(const char *line, size_t length) {
    if (length > MAX_LIST_ITEM || lexical_ends_sentence(line, length)) return false;
    char last = line[length - 1];
    if (last == ',' || last == ';') return false;
    size_t words = 0, position = 0;
    lexical_word word;
    while (lexical_next_word(line, length, &position, &word))
        if (++words > 20) return false;
    return words > 0;
}

/* What follows "Updated" or "Published": a date or a time, and nothing
 * that reads as a sentence ("Published figures show 3% growth."). */
static bool looks_like_time_stamp(const clean_patterns *patterns, const char *key,
                                  size_t length) {
    bool digit = false, date_word = false;
    for (size_t i = 0; i < length; i++) {
        if (key[i] != '#') continue;
        digit = true;
        /* 10:15, 03/12/2025, 2025-12-03, 10.15 */
        if (i + 2 < length && (key[i + 1] == ':' || key[i + 1] == '/' || key[i + 1] == '-' ||
                               key[i + 1] == '.') && key[i + 2] == '#')
            date_word = true;
    }
    if (!digit) return false;
    if (length && key[length - 1] == '.' &&
        !(length >= 4 && (memcmp(key + length - 4, "a.m.", 4) == 0 ||
                          memcmp(key + length - 4, "p.m.", 4) == 0)))
        return false;
    size_t position = 0, start, token_length;
    while (!date_word && next_token(key, length, &position, &start, &token_length)) {
        if (key[start] == '#') continue;
        int found = phrase_table_find(&patterns->dates, key + start, token_length);
        if (found < 0 && token_length > 1 && key[start + token_length - 1] == '.')
            found = phrase_table_find(&patterns->dates, key + start, token_length - 1);
        date_word = found >= 0;
    }
    return date_word;
}

/* The prefix rules: a phrase at the start of the line, then a separator,
 * the end of the line, or (for entries written with " *") anything. */
static debris_verdict match_prefix(const clean_patterns *patterns, size_t length,
                                   const char *key, size_t key_length) {
    debris_verdict verdict = {DEBRIS_NONE, false};
    size_t start = 0, end = key_length;
    /* leading bullets only: a trailing colon belongs to the match */
    while (start < end && (key[start] == ' ' || key[start] == '*' || key[start] == '-'))
        start++;
    size_t matched = 0;
    int found = phrase_table_find_prefix(&patterns->debris_prefixes, key + start, end - start,
                                         &matched);
    if (found < 0) return verdict;
    debris_kind kind = (debris_kind)patterns->debris_prefixes.kinds[found];
    size_t after = start + matched;
    lexical_skip_spaces(key, end, &after);
    size_t rest = after;
    bool at_end = after >= end;
    /* "View all posts by Olena Marchenko" is furniture, "All posts by the
     * ministry were deleted." a sentence: an open phrase takes no sentence */
    if (patterns->debris_prefixes.open_ended[found] && kind != DEBRIS_CAPTION &&
        kind != DEBRIS_TIMESTAMP && end && key[end - 1] == '.')
        return verdict;
    if (!at_end && !patterns->debris_prefixes.open_ended[found]) {
        size_t mark = separator_at(key, end, after);
        if (!mark) return verdict;
        rest = after + mark;
        lexical_skip_spaces(key, end, &rest);
        /* a link title has no full stop: "MUST READ - Do not waste your
         * time in this store." is a review */
        if (kind == DEBRIS_RELATED && rest < end && key[end - 1] == '.') return verdict;
    }
    size_t limit = kind == DEBRIS_CAPTION ? MAX_CAPTION_LINE
                   : kind == DEBRIS_TIMESTAMP ? MAX_TIMESTAMP_LINE
                                              : MAX_FURNITURE_LINE;
    if (length > limit) return verdict;
    if (kind == DEBRIS_TIMESTAMP && !looks_like_time_stamp(patterns, key + rest, end - rest))
        return verdict;
    verdict.kind = kind;
    /* "Related stories", or a short open label such as "More from Dyad
     * News": the link titles under it go too */
    verdict.label = kind == DEBRIS_RELATED &&
                    (rest >= end || (patterns->debris_prefixes.open_ended[found] &&
                                     length <= MAX_OPEN_LABEL &&
                                     !lexical_ends_sentence(key, end)));
    return verdict;
}

/* A line that is only a date or a time: "Nov. 19, 2019 8:03 am ET",
 * "Tuesday 3 December 2025". */
static bool is_date_only(const clean_patterns *patterns, const char *key, size_t length) {
    if (length > MAX_TIMESTAMP_LINE || key[length - 1] == '?' || key[length - 1] == '!')
        return false;     /* "September 20, 1888?" is someone asking */
    size_t position = 0, start, token_length, numbers = 0, names = 0;
    while (next_token(key, length, &position, &start, &token_length)) {
        if (key[start] == '#') {
            /* "19th", "3rd" */
            if (token_length > 1 && phrase_table_find(&patterns->dates, key + start + 1,
                                                      token_length - 1) < 0 &&
                !(token_length == 3 && (memcmp(key + start + 1, "st", 2) == 0 ||
                                        memcmp(key + start + 1, "nd", 2) == 0 ||
                                        memcmp(key + start + 1, "rd", 2) == 0 ||
                                        memcmp(key + start + 1, "th", 2) == 0)))
                return false;
            numbers++;
            continue;
        }
        int found = phrase_table_find(&patterns->dates, key + start, token_length);
        if (found < 0) return false;
        if (patterns->dates.kinds[found] != DATE_CLOCK) names++;
    }
    return numbers && names;
}

/* A line that is one web address. */
static bool is_bare_address(const char *line, size_t length) {
    for (size_t i = 0; i < length; i++)
        if (line[i] == ' ') return false;
    return lexical_starts_with_word(line, length, "http", 4) ||
           lexical_starts_with_word(line, length, "https", 5) ||
           (length > 4 && (line[0] == 'w' || line[0] == 'W') && strncasecmp(line, "www.", 4) == 0);
}

debris_verdict debris_classify_line(const clean_patterns *patterns, const char *line,
                                    size_t length) {
    debris_verdict verdict = {DEBRIS_NONE, false};
    if (!length || length > MAX_CAPTION_LINE) return verdict;
    char key[LEXICAL_MAX_KEY];
    size_t key_length = lexical_fold(line, length, key);
    if (!key_length) return verdict;

    /* the whole line is a known phrase ("Advertisement", "Related stories") */
    size_t start = 0, end = key_length;
    trim_marks(key, &start, &end);
    /* furniture is written with a capital ("Recommended", "Read more:");
     * a lower-case "recommended" alone is someone's one-word verdict */
    size_t first = 0;
    for (;;) {
        while (first < length && (line[first] == ' ' || line[first] == '*')) first++;
        size_t mark = separator_at(line, length, first);
        if (!mark) break;
        first += mark;
    }
    bool lower_case_line = first < length &&
                           lexical_is_lower(lexical_first_codepoint(line + first, length - first));
    if (end > start && !lower_case_line) {
        int found = phrase_table_find(&patterns->debris_lines, key + start, end - start);
        if (found >= 0) {
            verdict.kind = (debris_kind)patterns->debris_lines.kinds[found];
            verdict.label = verdict.kind == DEBRIS_RELATED;
            return verdict;
        }
    }
    if (!lower_case_line) verdict = match_prefix(patterns, length, key, key_length);
    if (verdict.kind != DEBRIS_NONE) return verdict;
    if (is_date_only(patterns, key, key_length)) {
        verdict.kind = DEBRIS_TIMESTAMP;
        return verdict;
    }
    if (is_bare_address(line, length)) {
        verdict.kind = DEBRIS_NAVIGATION;
        return verdict;
    }

    if (debris_is_breadcrumb(patterns, line, length)) verdict.kind = DEBRIS_NAVIGATION;
    else if (share_bar_key(patterns, line, length, key, key_length)) verdict.kind = DEBRIS_SHARE;
    else if (prompt_key(patterns, line, length, key, key_length)) verdict.kind = DEBRIS_PROMPT;
    else if (debris_ends_with_photo_credit(patterns, line, length)) verdict.kind = DEBRIS_CAPTION;
    else {
        /* a caption tucked after a sentence: "... in Kyiv. Photo: Jane Doe"
         * (the key keeps the line's full stops and single spaces) */
        size_t from = key_length > 160 ? key_length - 160 : 0;
        for (size_t i = from + 2; i < key_length; i++) {
            if (key[i - 1] != ' ' || key[i - 2] != '.') continue;
            debris_verdict tail = match_prefix(patterns, key_length - i, key + i, key_length - i);
            if (tail.kind == DEBRIS_CAPTION && !tail.label) {
                verdict.kind = DEBRIS_CAPTION;
                break;
            }
        }
    }
    return verdict;
}
