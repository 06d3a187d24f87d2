/*
 * tokenize.c — see tokenize.h.
 *
 * A chunk (a maximal run of non-space characters) goes through:
 *   1. whole-chunk forms: a lone clitic ("'s" written apart), an emoticon;
 *   2. opening punctuation off the front, one token per run of the same
 *      character ("((" and "--" are one token each, as in EWT);
 *   3. a URL or e-mail address at the front, kept whole;
 *   4. closing punctuation off the back; a final full stop stays when the
 *      rest is an abbreviation, an initial or an acronym;
 *   5. clitics off the back: n't, 's, 'm, 'd, 're, 've, 'll;
 *   6. what is left is cut at every punctuation character that is not
 *      word-internal (see internal_punctuation), and each piece is checked
 *      for apostrophe-less contractions ("dont") and unit suffixes ("5km").
 * Tokens peeled off the back wait on a small stack and are written after
 * the middle ones; if the stack fills, the rest stays in the middle and is
 * cut by step 6, which splits the same punctuation.
 */
#include "tokenize.h"
#include "characters.h"
#include "word_list.h"
#include "../util/arena.h"
#include "../util/error.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tokenizer {
    /* contraction_starts[length] has bit (c - 'a') set when some
     * contraction of that length starts with letter c: a word that fails
     * this test skips the hash lookup, which almost every word does */
    uint32_t contraction_starts[WORD_LIST_MAX_KEY + 1];
    word_list *abbreviations;  /* value: title | general | number */
    word_list *prefixes;       /* lower case */
    word_list *contractions;   /* value: the parts, space-separated */
    word_list *units;          /* lower case */
    word_list *emoticons;
    size_t longest_emoticon;
    word_list *starters;       /* lower case */
};

/* ------------------------------------------------------------ loading */

typedef struct load_check {
    const char *path;
    dyad_error *error;
    size_t longest;
} load_check;

static dyad_status check_abbreviation(const char *key, const char *value, long line,
                                      void *context) {
    load_check *check = context;
    size_t length = strlen(key);
    if (length < 2 || key[length - 1] != '.')
        return error_set(check->error, DYAD_ERR_MODEL, check->path, line, -1,
                         "abbreviation '%s' does not end with a full stop", key);
    if (strcmp(value, "title") && strcmp(value, "general") && strcmp(value, "number"))
        return error_set(check->error, DYAD_ERR_MODEL, check->path, line, -1,
                         "unknown abbreviation kind '%s' (title, general or number)", value);
    return DYAD_OK;
}

static bool is_lower_ascii_word(const char *text, size_t length) {
    for (size_t i = 0; i < length; i++)
        if (!((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= '0' && text[i] <= '9')))
            return false;
    return length > 0;
}

static dyad_status check_lower_word(const char *key, const char *value, long line,
                                    void *context) {
    (void)value;
    load_check *check = context;
    if (!is_lower_ascii_word(key, strlen(key)))
        return error_set(check->error, DYAD_ERR_MODEL, check->path, line, -1,
                         "'%s' must be written in lower-case ASCII letters", key);
    return DYAD_OK;
}

static dyad_status check_ascii_word(const char *key, const char *value, long line,
                                    void *context) {
    (void)value;
    load_check *check = context;
    for (const char *p = key; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            return error_set(check->error, DYAD_ERR_MODEL, check->path, line, -1,
                             "'%s' must be written in ASCII letters and digits", key);
    return DYAD_OK;
}

static dyad_status check_contraction(const char *key, const char *value, long line,
                                     void *context) {
    load_check *check = context;
    dyad_status status = check_lower_word(key, value, line, context);
    if (status != DYAD_OK) return status;
    char joined[WORD_LIST_MAX_KEY + 1];
    size_t length = 0, parts = 0;
    for (const char *p = value; *p;) {
        const char *space = strchr(p, ' ');
        size_t part = space ? (size_t)(space - p) : strlen(p);
        if (length + part > WORD_LIST_MAX_KEY) break;
        memcpy(joined + length, p, part);
        length += part;
        parts++;
        p += part + (space ? 1 : 0);
    }
    if (parts < 2 || length != strlen(key) || memcmp(joined, key, length) != 0)
        return error_set(check->error, DYAD_ERR_MODEL, check->path, line, -1,
                         "the parts '%s' do not spell '%s' in two or more pieces", value, key);
    return DYAD_OK;
}

static dyad_status note_contraction(const char *key, const char *value, long line,
                                    void *context) {
    (void)value;
    (void)line;
    tokenizer *t = context;
    t->contraction_starts[strlen(key)] |= 1u << (key[0] - 'a');
    return DYAD_OK;
}

static dyad_status measure_emoticon(const char *key, const char *value, long line,
                                    void *context) {
    (void)value;
    (void)line;
    load_check *check = context;
    size_t length = strlen(key);
    if (length > check->longest) check->longest = length;
    return DYAD_OK;
}

static dyad_status load_list(const char *data_dir, const char *name, word_list_values values,
                             dyad_status (*visit)(const char *, const char *, long, void *),
                             word_list **out, size_t *longest, dyad_error *error) {
    char path[4096];
    snprintf(path, sizeof path, "%s/text/%s", data_dir, name);
    dyad_status status = word_list_load(path, values, out, error);
    if (status != DYAD_OK) return status;
    load_check check = {path, error, 0};
    status = word_list_each(*out, visit, &check);
    if (longest) *longest = check.longest;
    return status;
}

dyad_status tokenizer_load(const char *data_dir, tokenizer **out, dyad_error *error) {
    *out = NULL;
    tokenizer *t = calloc(1, sizeof *t);
    if (!t) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    dyad_status status = load_list(data_dir, "abbreviations.txt", WORD_LIST_VALUE_REQUIRED,
                                   check_abbreviation, &t->abbreviations, NULL, error);
    if (status == DYAD_OK)
        status = load_list(data_dir, "hyphen-prefixes.txt", WORD_LIST_NO_VALUE, check_lower_word,
                           &t->prefixes, NULL, error);
    if (status == DYAD_OK)
        status = load_list(data_dir, "contractions.txt", WORD_LIST_VALUE_REQUIRED,
                           check_contraction, &t->contractions, NULL, error);
    if (status == DYAD_OK) status = word_list_each(t->contractions, note_contraction, t);
    if (status == DYAD_OK)
        status = load_list(data_dir, "unit-suffixes.txt", WORD_LIST_NO_VALUE, check_ascii_word,
                           &t->units, NULL, error);
    if (status == DYAD_OK)
        status = load_list(data_dir, "emoticons.txt", WORD_LIST_NO_VALUE, measure_emoticon,
                           &t->emoticons, &t->longest_emoticon, error);
    if (status == DYAD_OK)
        status = load_list(data_dir, "sentence-starters.txt", WORD_LIST_NO_VALUE, check_lower_word,
                           &t->starters, NULL, error);
    if (status != DYAD_OK) {
        tokenizer_free(t);
        return status;
    }
    *out = t;
    return DYAD_OK;
}

void tokenizer_free(tokenizer *t) {
    if (!t) return;
    word_list_free(t->abbreviations);
    word_list_free(t->prefixes);
    word_list_free(t->contractions);
    word_list_free(t->units);
    word_list_free(t->emoticons);
    word_list_free(t->starters);
    free(t);
}

/* ------------------------------------------------------------ helpers */

static bool ascii_lower(const char *text, size_t length, char *out) {
    if (length > WORD_LIST_MAX_KEY) return false;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    return true;
}

static bool in_lower_list(const word_list *list, const char *text, size_t length) {
    /* one byte more than a key takes: at -O3 GCC vectorises ascii_lower in
     * 16-byte stores and, unable to see that length <= 63, warns of a
     * 64th byte (-Wstringop-overflow) */
    char lower[WORD_LIST_MAX_KEY + 1];
    return ascii_lower(text, length, lower) && word_list_contains(list, lower, length);
}

unsigned tokenizer_abbreviation(const tokenizer *t, const char *text, size_t length,
                                int next_is_digit) {
    if (length < 2 || length > WORD_LIST_MAX_KEY) return 0;
    const char *kind = word_list_find(t->abbreviations, text, length);
    char variant[WORD_LIST_MAX_KEY];
    bool has_upper = false, all_upper = true;
    for (size_t i = 0; i < length; i++) {
        if (text[i] >= 'A' && text[i] <= 'Z') has_upper = true;
        else if (text[i] >= 'a' && text[i] <= 'z') all_upper = false;
    }
    if (!kind && has_upper) {
        /* a lower-case entry matches every capitalisation */
        ascii_lower(text, length, variant);
        kind = word_list_find(t->abbreviations, variant, length);
        if (!kind && all_upper && length > 2) {
            /* "GEN." finds "Gen." */
            variant[0] = text[0];
            kind = word_list_find(t->abbreviations, variant, length);
        }
    }
    if (!kind) return 0;
    if (kind[0] == 't') return TOKEN_TITLE;
    if (kind[0] == 'n') return next_is_digit ? TOKEN_ABBREVIATION : 0;
    return TOKEN_ABBREVIATION;
}

/* Letters and full stops ending in a full stop: "J." (an initial), or
 * groups of one or two letters each followed by a full stop ("U.S.",
 * "a.m.", "Ph.D.").  Bounded length, so the check is constant time. */
static unsigned letter_period_flags(const char *text, size_t start, size_t end) {
    if (end - start > WORD_LIST_MAX_KEY || end - start < 2) return 0;
    size_t groups = 0, position = start;
    while (position < end) {
        size_t letters = 0;
        while (position < end) {
            character c = character_at(text, position, end);
            if (!character_is_letter(c)) break;
            letters++;
            position += c.length;
        }
        if (letters < 1 || letters > 2 || position >= end || text[position] != '.') return 0;
        if (groups == 0 && letters == 2 && position + 1 == end) return 0; /* "to." */
        position++;
        groups++;
    }
    if (groups == 1) {
        character c = character_at(text, start, end);
        return (size_t)c.length + 1 == end - start ? TOKEN_INITIAL : 0;
    }
    return TOKEN_ACRONYM;
}

static bool is_apostrophe(const char *text, size_t position, size_t end, size_t *length) {
    unsigned char c = (unsigned char)text[position];
    if (c == '\'' || c == '`') {
        *length = 1;
        return true;
    }
    /* U+2019 RIGHT SINGLE QUOTATION MARK, the typographer's apostrophe */
    if (c == 0xE2 && position + 3 <= end && (unsigned char)text[position + 1] == 0x80 &&
        (unsigned char)text[position + 2] == 0x99) {
        *length = 3;
        return true;
    }
    return false;
}

static bool lower_equals(const char *text, size_t length, const char *word) {
    size_t n = strlen(word);
    if (n != length) return false;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != word[i]) return false;
    }
    return true;
}

/* An apostrophe at `at` followed by a clitic ending exactly at end:
 * 's 'm 'd 're 've 'll. */
static bool is_clitic_after_apostrophe(const char *text, size_t at, size_t end) {
    size_t length;
    if (!is_apostrophe(text, at, end, &length)) return false;
    size_t rest = end - at - length;
    const char *tail = text + at + length;
    return (rest == 1 && (lower_equals(tail, 1, "s") || lower_equals(tail, 1, "m") ||
                          lower_equals(tail, 1, "d"))) ||
           (rest == 2 && (lower_equals(tail, 2, "re") || lower_equals(tail, 2, "ve") ||
                          lower_equals(tail, 2, "ll")));
}

/* Where a clitic at the end of text[start, end) begins, or start if
 * none.  The clitic must follow a letter: "1990's" stays whole. */
static size_t clitic_start(const char *text, size_t start, size_t end) {
    switch (text[end - 1]) {
    case 't': case 'T': case 's': case 'S': case 'm': case 'M': case 'd': case 'D':
    case 'e': case 'E': case 'l': case 'L':
        break;
    default:
        return start;
    }
    /* n't: 'n' + apostrophe + 't' */
    if (end - start >= 4 && (text[end - 1] == 't' || text[end - 1] == 'T')) {
        for (size_t apostrophe_length = 1; apostrophe_length <= 3; apostrophe_length += 2) {
            if (end - start < apostrophe_length + 3) continue;
            size_t apostrophe = end - 1 - apostrophe_length;
            size_t length;
            if (!is_apostrophe(text, apostrophe, end, &length) || length != apostrophe_length)
                continue;
            size_t n = apostrophe - 1;
            if ((text[n] == 'n' || text[n] == 'N') && n > start &&
                character_is_letter(character_before(text, start, n)))
                return n;
        }
    }
    /* 's 'm 'd (apostrophe + 1 letter), 're 've 'll (+ 2 letters) */
    for (size_t letters = 1; letters <= 2; letters++) {
        for (size_t apostrophe_length = 1; apostrophe_length <= 3; apostrophe_length += 2) {
            if (end - start < letters + apostrophe_length + 1) continue;
            size_t at = end - letters - apostrophe_length;
            if (is_clitic_after_apostrophe(text, at, end) &&
                character_is_letter(character_before(text, start, at)))
                return at;
        }
    }
    return start;
}

static bool is_whole_clitic(const char *text, size_t start, size_t end) {
    unsigned char first = (unsigned char)text[start];
    if (first != '\'' && first != '`' && first != 0xE2 && first != 'n' && first != 'N') return false;
    if (is_clitic_after_apostrophe(text, start, end)) return true;
    size_t length;
    return end - start >= 3 && (text[start] == 'n' || text[start] == 'N') &&
           is_apostrophe(text, start + 1, end, &length) && start + 1 + length + 1 == end &&
           (text[end - 1] == 't' || text[end - 1] == 'T');
}

static bool starts_with_lower(const char *text, size_t start, size_t end, const char *prefix) {
    size_t n = strlen(prefix);
    return end - start >= n && lower_equals(text + start, n, prefix);
}

static bool is_url_start(const char *text, size_t start, size_t end) {
    switch (text[start]) {
    case 'h': case 'H': case 'f': case 'F': case 'm': case 'M': case 'w': case 'W': break;
    default: return false;
    }
    static const char *const schemes[] = {"http://", "https://", "ftp://", "mailto:", "www."};
    for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
        if (starts_with_lower(text, start, end, schemes[i]) &&
            end - start > strlen(schemes[i]))
            return true;
    return false;
}

/* End of a URL starting at start: everything up to end, less closing
 * punctuation that belongs to the sentence (a bracket only when it has
 * no partner inside the URL). */
static size_t url_end(const char *text, size_t start, size_t end) {
    long open_round = 0, open_square = 0;
    for (size_t i = start; i < end; i++) {
        if (text[i] == '(') open_round++;
        else if (text[i] == ')') open_round--;
        else if (text[i] == '[') open_square++;
        else if (text[i] == ']') open_square--;
    }
    size_t stop = end;
    while (stop > start) {
        character c = character_before(text, start, stop);
        bool trailing;
        if (c.code == ')') trailing = open_round < 0, open_round += trailing;
        else if (c.code == ']') trailing = open_square < 0, open_square += trailing;
        else
            trailing = c.code == '.' || c.code == ',' || c.code == ';' || c.code == ':' ||
                       c.code == '!' || c.code == '?' || c.code == '\'' || c.code == '"' ||
                       c.code == '>' || c.code == 0x201D || c.code == 0x2019 ||
                       c.code == 0x2026;
        if (!trailing) break;
        stop -= c.length;
    }
    return stop;
}

/* Characters that form one token however they mix: "?!", "...", "!.". */
static bool is_final_mark(int32_t code) {
    return code == '.' || code == '!' || code == '?' || code == 0x2026;
}

/* ------------------------------------------------------------ chunks */

enum { SUFFIX_STACK = 32 };

typedef struct chunk_state {
    const tokenizer *tokenizer;
    const char *text;
    size_t chunk_start, chunk_end, range_end;
    dyad_arena *arena;
    token_list *out;
    uint8_t first_flags;      /* flags for the chunk's first token */
    bool failed;
    bool next_is_digit;       /* the next chunk starts with a digit */
} chunk_state;

static void emit(chunk_state *state, size_t start, size_t end, unsigned flags) {
    if (state->failed || start >= end) return;
    token_list *out = state->out;
    if (out->count == out->capacity) {
        out->items = arena_grow(state->arena, out->items, &out->capacity, sizeof *out->items);
        if (!out->items) {
            state->failed = true;
            return;
        }
    }
    token_span *token = &out->items[out->count++];
    token->start = (uint32_t)start;
    token->end = (uint32_t)end;
    token->joined = start != state->chunk_start;
    token->space_after = 0;
    token->flags = (uint8_t)(flags | (start == state->chunk_start ? state->first_flags : 0));
}

/* The run of punctuation starting at start: final marks mix ("?!"),
 * anything else repeats itself ("--", "((") . */
static size_t punctuation_run_end(const char *text, size_t start, size_t end) {
    character first = character_at(text, start, end);
    size_t position = start + first.length;
    while (position < end) {
        character c = character_at(text, position, end);
        bool same = is_final_mark(first.code) ? is_final_mark(c.code) : c.code == first.code;
        if (!same) break;
        position += c.length;
    }
    return position;
}

static size_t punctuation_run_start(const char *text, size_t start, size_t end) {
    character last = character_before(text, start, end);
    size_t position = end - last.length;
    while (position > start) {
        character c = character_before(text, start, position);
        bool same = is_final_mark(last.code) ? is_final_mark(c.code) : c.code == last.code;
        if (!same) break;
        position -= c.length;
    }
    return position;
}

/* A piece with no splitting punctuation left: apostrophe-less
 * contractions ("dont"), numbers with a unit ("35mm"), or one token. */
static void emit_word(chunk_state *state, size_t start, size_t end) {
    const tokenizer *t = state->tokenizer;
    const char *text = state->text;
    size_t length = end - start;
    char lower[WORD_LIST_MAX_KEY];
    unsigned char first = (unsigned char)(text[start] | 0x20);
    if (length >= 2 && length <= WORD_LIST_MAX_KEY && first >= 'a' && first <= 'z' &&
        (t->contraction_starts[length] >> (first - 'a') & 1) &&
        ascii_lower(text + start, length, lower)) {
        const char *parts = word_list_find(t->contractions, lower, length);
        if (parts) {
            size_t position = start;
            for (const char *p = parts; *p;) {
                const char *space = strchr(p, ' ');
                size_t part = space ? (size_t)(space - p) : strlen(p);
                emit(state, position, position + part, 0);
                position += part;
                p += part + (space ? 1 : 0);
            }
            return;
        }
    }
    if (text[start] >= '0' && text[start] <= '9') {
        size_t split = start;
        while (split < end && ((text[split] >= '0' && text[split] <= '9') || text[split] == '.' ||
                               text[split] == ',' || text[split] == ':'))
            split++;
        if (split < end && split > start && text[split - 1] >= '0' && text[split - 1] <= '9' &&
            word_list_contains(t->units, text + split, end - split)) {
            emit(state, start, split, 0);
            emit(state, split, end, 0);
            return;
        }
    }
    emit(state, start, end, 0);
}

/* Digit groups joined by '-' or '/', the first of at most three digits,
 * the last of at least four: a telephone number ("713-654-0365"). */
static bool is_telephone_number(const char *text, size_t start, size_t end) {
    size_t groups = 0, first = 0, last = 0, digits = 0;
    for (size_t i = start; i < end; i++) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
            digits++;
        } else if ((c == '-' || c == '/') && digits) {
            if (!groups) first = digits;
            groups++;
            digits = 0;
        } else {
            return false;
        }
    }
    last = digits;
    return groups >= 1 && first <= 3 && last >= 4;
}

static bool all_upper_ascii(const char *text, size_t start, size_t end) {
    for (size_t i = start; i < end; i++)
        if (text[i] < 'A' || text[i] > 'Z') return false;
    return end > start;
}

/* Step 6: cut [start, end) at punctuation that is not word-internal. */
static void split_inside(chunk_state *state, size_t start, size_t end) {
    const char *text = state->text;
    const tokenizer *t = state->tokenizer;
    size_t piece = start, position = start;
    int telephone = -1; /* not yet known */
    while (position < end && !state->failed) {
        character c = character_at(text, position, end);
        if (character_is_alphanumeric(c)) {
            position += c.length;
            continue;
        }
        size_t after = position + c.length;
        character none = {0, 0, CHARACTER_SPACE};
        character previous = position > piece ? character_before(text, piece, position) : none;
        character next = after < end ? character_at(text, after, end) : none;
        bool previous_letter = character_is_letter(previous), next_letter = character_is_letter(next);
        bool previous_digit = previous.kind == CHARACTER_DIGIT, next_digit = next.kind == CHARACTER_DIGIT;
        bool previous_alphanumeric = character_is_alphanumeric(previous);
        bool next_alphanumeric = character_is_alphanumeric(next);
        bool internal = false;
        switch (c.code) {
        case '.':
            if (previous_alphanumeric && !next_alphanumeric && after < end) {
                /* "U.S.-led": an acronym or abbreviation keeps its stop
                 * before a hyphen or slash */
                unsigned flags = letter_period_flags(text, piece, after);
                if (!flags) flags = tokenizer_abbreviation(t, text + piece, after - piece, 0);
                if (flags && next.code != '.') {
                    emit(state, piece, after, flags);
                    piece = position = after;
                    continue;
                }
            }
            if (position == start && next_alphanumeric) {
                internal = true; /* ".doc" */
            } else if (previous_alphanumeric && next_alphanumeric) {
                size_t next_end = after + next.length;
                bool capitalised_word = next.kind == CHARACTER_UPPER && next_end < end &&
                                        character_at(text, next_end, end).kind == CHARACTER_LOWER;
                if (capitalised_word &&
                    (tokenizer_abbreviation(t, text + piece, after - piece, 0) ||
                     letter_period_flags(text, piece, after) == TOKEN_INITIAL)) {
                    /* "Dr.Michael", "S.Korea": the full stop stays with the abbreviation */
                    emit(state, piece, after, letter_period_flags(text, piece, after));
                    piece = position = after;
                    continue;
                }
                internal = true;
            }
            break;
        case ',':
        case ':':
            internal = previous_digit && next_digit;
            break;
        case '-':
        case 0x2010: /* HYPHEN */
        case 0x2011: /* NON-BREAKING HYPHEN */
            if (position == piece && next_digit && (c.code == '-')) {
                internal = piece == start; /* a sign: "-0.39" */
            } else if (previous_letter && (next_letter || next_digit)) {
                internal = in_lower_list(t->prefixes, text + piece, position - piece);
            } else if (previous_digit && next_digit) {
                if (telephone < 0) telephone = is_telephone_number(text, start, end);
                internal = telephone;
            }
            break;
        case '+':
            internal = position == piece && piece == start && next_digit;
            break;
        case '\'':
        case 0x2019:
            /* "Shi'ite", "O'Neill"; "1990's" and "'72" keep theirs too */
            internal = (previous_letter && next_letter) ||
                       (previous_digit && after + 1 == end && (next.code == 's' || next.code == 'S')) ||
                       (position == piece && piece == start && next_digit);
            break;
        case '&':
            internal = previous_alphanumeric && next_alphanumeric;
            break;
        case '@':
            internal = (position > piece || position == start) && next_alphanumeric;
            break;
        case '#':
            internal = position == start && next_letter;
            break;
        case '_':
            internal = position > piece || after < end;
            break;
        case '*':
            internal = previous_letter && next_letter;
            break;
        case '/':
            if (previous_digit && next_digit) {
                internal = true;
            } else if (previous_letter && next_letter && position - piece <= 2) {
                size_t tail = after;
                while (tail < end && character_is_letter(character_at(text, tail, end))) tail++;
                internal = tail - after <= 3 && (position - piece == 1 || tail - after == 1);
            }
            break;
        case '$':
            if (position > piece && position - piece <= 3 && all_upper_ascii(text, piece, position)) {
                emit(state, piece, after, 0); /* "US$" */
                piece = position = after;
                continue;
            }
            break;
        default:
            break;
        }
        if (!internal && c.code == '.' && previous_alphanumeric) {
            /* "franz371...@gmail.com": an address with its middle masked */
            size_t run_end = punctuation_run_end(text, position, end);
            if (run_end < end && text[run_end] == '@') {
                position = run_end;
                continue;
            }
        }
        if (internal) {
            position = after;
            continue;
        }
        if (position > piece) emit_word(state, piece, position);
        size_t run_end = punctuation_run_end(text, position, end);
        emit(state, position, run_end, 0);
        piece = position = run_end;
    }
    if (piece < end) emit_word(state, piece, end);
}

static void tokenize_chunk(chunk_state *state, bool plain) {
    const char *text = state->text;
    const tokenizer *t = state->tokenizer;
    size_t start = state->chunk_start, end = state->chunk_end;
    if (plain) {
        /* ASCII letters and digits only, the commonest chunk: no
         * punctuation to peel, no clitic, no URL */
        emit_word(state, start, end);
        return;
    }
    token_span suffixes[SUFFIX_STACK];
    size_t suffix_count = 0;
    while (start < end && !state->failed) {
        if (is_whole_clitic(text, start, end)) {
            emit(state, start, end, 0);
            start = end;
            break;
        }
        character first = character_at(text, start, end);
        if (first.kind == CHARACTER_PUNCTUATION) {
            /* emoticons, longest first */
            size_t longest = t->longest_emoticon < end - start ? t->longest_emoticon : end - start;
            size_t matched = 0;
            for (size_t length = longest; length >= 2 && !matched; length--)
                if (word_list_contains(t->emoticons, text + start, length) &&
                    (start + length == end ||
                     character_at(text, start + length, end).kind == CHARACTER_PUNCTUATION))
                    matched = length;
            if (matched) {
                emit(state, start, start + matched, TOKEN_EMOTICON);
                start += matched;
                continue;
            }
            size_t after = start + first.length;
            character next = after < end ? character_at(text, after, end)
                                         : (character){0, 0, CHARACTER_SPACE};
            bool keeps = false;
            if (first.code == '.' && character_is_alphanumeric(next)) {
                /* ".doc" */
                size_t i = after;
                while (i < end && character_is_alphanumeric(character_at(text, i, end))) i++;
                keeps = i == end;
            } else if ((first.code == '-' || first.code == '+' || first.code == '\'' ||
                        first.code == 0x2019) &&
                       next.kind == CHARACTER_DIGIT) {
                keeps = true; /* "-0.39", "+44", "'72" */
            } else if ((first.code == '#' && character_is_letter(next)) ||
                       (first.code == '@' && character_is_alphanumeric(next))) {
                keeps = true; /* "#hashtag", "@handle" */
            }
            if (!keeps) {
                size_t run_end = punctuation_run_end(text, start, end);
                emit(state, start, run_end, 0);
                start = run_end;
                continue;
            }
        } else if (is_url_start(text, start, end)) {
            size_t stop = url_end(text, start, end);
            emit(state, start, stop, TOKEN_LINK);
            start = stop;
            continue;
        }
        if (start >= end) break;
        character last = character_before(text, start, end);
        if (last.kind == CHARACTER_PUNCTUATION && suffix_count < SUFFIX_STACK) {
            size_t run_start;
            if (last.code == '.') {
                size_t run = punctuation_run_start(text, start, end);
                if (run == end - 1) {
                    unsigned flags = letter_period_flags(text, start, end);
                    unsigned kind = tokenizer_abbreviation(
                        t, text + start, end - start,
                        end == state->chunk_end && state->next_is_digit);
                    if (kind) flags = kind | (flags & TOKEN_ACRONYM);
                    if (flags) {
                        emit(state, start, end, flags);
                        start = end;
                        break;
                    }
                } else if (run == end - 2 && run > start && text[run] == '.' &&
                           (letter_period_flags(text, start, end - 1) ||
                            tokenizer_abbreviation(t, text + start, end - 1 - start, 0))) {
                    run = end - 1; /* "Inc..": the abbreviation, then the full stop */
                }
                run_start = run;
            } else if (last.code == '$' && end - start <= 4 &&
                       all_upper_ascii(text, start, end - 1)) {
                split_inside(state, start, end);
                start = end;
                break;
            } else {
                run_start = punctuation_run_start(text, start, end);
            }
            if (run_start == start) {
                /* punctuation only, and the front did not take it (".5"
                 * kept): let the middle step cut it */
                split_inside(state, start, end);
                start = end;
                break;
            }
            suffixes[suffix_count++] = (token_span){(uint32_t)run_start, (uint32_t)end, 0, 0, 0};
            end = run_start;
            continue;
        }
        size_t clitic = clitic_start(text, start, end);
        if (clitic > start && suffix_count < SUFFIX_STACK) {
            suffixes[suffix_count++] = (token_span){(uint32_t)clitic, (uint32_t)end, 0, 0, 0};
            end = clitic;
            continue;
        }
        split_inside(state, start, end);
        start = end;
    }
    while (suffix_count) {
        token_span *suffix = &suffixes[--suffix_count];
        emit(state, suffix->start, suffix->end, 0);
    }
}

dyad_status tokenize_range(const tokenizer *t, const char *text, size_t start, size_t end,
                           dyad_arena *arena, token_list *out) {
    chunk_state state = {.tokenizer = t, .text = text, .arena = arena, .out = out, .range_end = end};
    size_t position = start;
    bool newline = false;
    while (position < end) {
        character c = character_at(text, position, end);
        if (c.kind == CHARACTER_SPACE) {
            newline |= c.code == '\n' || c.code == 0x2028 || c.code == 0x2029;
            position += c.length;
            continue;
        }
        size_t chunk_end = position + c.length;
        bool plain = c.code < 0x80 && c.kind != CHARACTER_PUNCTUATION;
        while (chunk_end < end) {
            unsigned char byte = (unsigned char)text[chunk_end];
            if (byte < 0x80) {
                unsigned kind = character_ascii_kind[byte];
                if (kind == CHARACTER_SPACE) break;
                plain &= kind != CHARACTER_PUNCTUATION;
                chunk_end++;
                continue;
            }
            character d = character_at(text, chunk_end, end);
            if (d.kind == CHARACTER_SPACE) break;
            plain = false;
            chunk_end += d.length;
        }
        state.chunk_start = position;
        state.chunk_end = chunk_end;
        state.first_flags = newline ? TOKEN_AFTER_NEWLINE : 0;
        state.next_is_digit = false;
        if (text[chunk_end - 1] == '.') {
            size_t next = chunk_end;
            while (next < end && (text[next] == ' ' || text[next] == '\t' || text[next] == '\n'))
                next++;
            state.next_is_digit = next < end && text[next] >= '0' && text[next] <= '9';
        }
        size_t before = out->count;
        tokenize_chunk(&state, plain);
        if (state.failed) return DYAD_ERR_MEMORY;
        if (before > 0 && out->count > before &&
            (out->items[before - 1].flags & (TOKEN_ABBREVIATION | TOKEN_ACRONYM)) &&
            text[position] >= 'A' && text[position] <= 'Z' &&
            in_lower_list(t->starters, text + position, out->items[before].end - position))
            out->items[before].flags |= TOKEN_STARTER;
        if (out->count > before) out->items[out->count - 1].space_after = chunk_end < end;
        newline = false;
        position = chunk_end;
    }
    return DYAD_OK;
}
