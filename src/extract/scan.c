/*
 * scan.c — see scan.h.
 */
#include "scan.h"
#include "../util/arena.h"
#include "../util/error.h"
#include "../util/utf8.h"

#include <string.h>
#include <utf8proc.h>

static int32_t decode_at(const char *text, size_t length, size_t at, size_t *step) {
    unsigned char byte = (unsigned char)text[at];
    if (byte < 0x80) {
        *step = 1;
        return byte;
    }
    int32_t codepoint;
    *step = utf8_decode((const unsigned char *)text + at, length - at, &codepoint);
    if (!*step) {
        *step = 1;
        return 0xFFFD;
    }
    return codepoint;
}

static bool is_letter(int32_t c) {
    if (c < 0x80) return (c | 32) >= 'a' && (c | 32) <= 'z';
    utf8proc_category_t category = utf8proc_category(c);
    return (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_ME) ||
           c == 0x00B2 || c == 0x00B3;   /* ² ³ in "km²" */
}

static bool is_upper(int32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    utf8proc_category_t category = utf8proc_category(c);
    return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
}

static bool is_digit(int32_t c) {
    return c >= '0' && c <= '9';
}

static bool is_space(int32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x00A0 || c == 0x2009 ||
           c == 0x202F || c == 0x2002 || c == 0x2003;
}

static bool is_apostrophe(int32_t c) {
    return c == '\'' || c == 0x2019 || c == 0x02BC;
}

/* The quote_mark bits of a character, 0 if it is not a quotation mark. */
static uint8_t quote_bits(int32_t c) {
    switch (c) {
    case 0x201C: case 0x201E: case 0x201F: case 0x00AB: return QUOTE_OPENS;
    case 0x201D: case 0x00BB: return QUOTE_CLOSES;
    case '"': return QUOTE_OPENS | QUOTE_CLOSES;
    case 0x2018: case 0x2039: return QUOTE_OPENS | QUOTE_SINGLE;
    case 0x2019: case 0x203A: return QUOTE_CLOSES | QUOTE_SINGLE;
    case '\'': return QUOTE_OPENS | QUOTE_CLOSES | QUOTE_SINGLE;
    default: return 0;
    }
}

static bool lookup_punctuation(const char *text, size_t length) {
    if (length == 1) return text[0] == '$' || text[0] == '%' || text[0] == '#' || text[0] == '&';
    int32_t codepoint;
    if (!utf8_decode((const unsigned char *)text, length, &codepoint)) return false;
    return utf8proc_category(codepoint) == UTF8PROC_CATEGORY_SC;
}

typedef struct scanner {
    const lexicon *lexicon;
    const dyad_document *document;
    piece_list *list;
    size_t capacity;
    bool next_starts;         /* the next word starts a sentence or a quotation */
} scanner;

static bool add_piece(scanner *s, uint32_t start, uint32_t end, uint32_t sentence, uint8_t kind,
                      uint8_t flags, uint8_t quote) {
    piece_list *list = s->list;
    if (list->count == s->capacity) {
        list->pieces = arena_grow(s->document->arena, list->pieces, &s->capacity, sizeof *list->pieces);
        if (!list->pieces) return false;
    }
    piece *p = &list->pieces[list->count++];
    p->start = start;
    p->end = end;
    p->sentence = sentence;
    p->kind = kind;
    p->flags = flags;
    p->quote = quote;
    p->owner = OWNER_NONE;
    p->word = NULL;
    /* punctuation is looked up only when it can be in the lists: currency
     * signs, %, and the like (folding every dash and bracket costs time) */
    if (kind == PIECE_WORD || (kind == PIECE_PUNCT && lookup_punctuation(s->document->text + start,
                                                                        end - start)))
        p->word = lexicon_find_text(s->lexicon, s->document->text + start, end - start);
    if (kind == PIECE_WORD || kind == PIECE_NUMBER) {
        if (s->next_starts) p->flags |= PIECE_SENTENCE_START;
        s->next_starts = false;
    } else if ((kind == PIECE_QUOTE && (quote & QUOTE_OPENS)) ||
               (kind == PIECE_PUNCT && end - start == 1 &&
                strchr(":(", s->document->text[start]))) {
        s->next_starts = true;
    }
    return true;
}

/* Scans one word starting at a letter; returns its end. */
static size_t scan_word(const char *text, size_t end, size_t at, uint8_t *flags) {
    size_t step;
    int32_t c = decode_at(text, end, at, &step);
    size_t letters = 0, uppers = 0;
    /* initialisms with dots: "U.S.", "D.C." */
    if (is_upper(c) && at + step < end && text[at + step] == '.') {
        size_t cursor = at, groups = 0;
        while (cursor < end) {
            size_t letter_step;
            int32_t letter = decode_at(text, end, cursor, &letter_step);
            if (!is_upper(letter) || cursor + letter_step >= end || text[cursor + letter_step] != '.')
                break;
            cursor += letter_step + 1;
            groups++;
        }
        if (groups >= 2) {
            *flags |= PIECE_CAPITALISED | PIECE_ALL_CAPS;
            return cursor;
        }
    }
    size_t cursor = at;
    while (cursor < end) {
        c = decode_at(text, end, cursor, &step);
        if (is_letter(c) || (letters && is_digit(c))) {
            if (is_letter(c)) {
                if (!letters && is_upper(c)) *flags |= PIECE_CAPITALISED;
                letters++;
                if (is_upper(c)) uppers++;
            }
            cursor += step;
            continue;
        }
        if (is_apostrophe(c) && letters && cursor + step < end) {
            size_t next_step;
            int32_t next = decode_at(text, end, cursor + step, &next_step);
            if (!is_letter(next)) break;
            /* "'s" at the end of a word is a possessive: a piece of its own */
            if ((next == 's' || next == 'S')) {
                size_t after = cursor + step + next_step;
                size_t after_step = 0;
                int32_t following = after < end ? decode_at(text, end, after, &after_step) : ' ';
                if (!is_letter(following) && !is_digit(following)) break;
            }
            cursor += step;
            continue;
        }
        break;
    }
    if (letters >= 2 && uppers == letters) *flags |= PIECE_ALL_CAPS;
    return cursor;
}

/* Scans a number starting at a digit; returns its end. */
static size_t scan_number(const char *text, size_t end, size_t at, uint8_t *flags) {
    size_t cursor = at;
    while (cursor < end && is_digit((unsigned char)text[cursor])) cursor++;
    for (;;) {
        if (cursor + 1 < end && text[cursor] == ',' && is_digit((unsigned char)text[cursor + 1])) {
            size_t digits = 0;
            while (cursor + 1 + digits < end && is_digit((unsigned char)text[cursor + 1 + digits]))
                digits++;
            if (digits != 3) break;
            cursor += 4;
            *flags |= PIECE_GROUPED;
            continue;
        }
        if (cursor + 1 < end && text[cursor] == '.' && is_digit((unsigned char)text[cursor + 1]) &&
            !(*flags & PIECE_DECIMAL)) {
            cursor++;
            while (cursor < end && is_digit((unsigned char)text[cursor])) cursor++;
            *flags |= PIECE_DECIMAL;
            continue;
        }
        break;
    }
    return cursor;
}

static bool scan_sentence(scanner *s, const dyad_sentence *sentence) {
    const char *text = s->document->text;
    size_t end = sentence->end;
    size_t at = sentence->start;
    bool space_before = true;
    s->next_starts = true;
    while (at < end) {
        size_t step;
        int32_t c = decode_at(text, end, at, &step);
        if (is_space(c)) {
            space_before = true;
            at += step;
            continue;
        }
        uint8_t flags = space_before ? PIECE_SPACE_BEFORE : 0;
        space_before = false;
        size_t piece_end;
        uint8_t kind, quote = 0;
        if (is_letter(c)) {
            kind = PIECE_WORD;
            piece_end = scan_word(text, end, at, &flags);
        } else if (is_digit(c)) {
            kind = PIECE_NUMBER;
            piece_end = scan_number(text, end, at, &flags);
            /* "3rd", "21st": the suffix makes it an ordinal */
            if (piece_end + 2 <= end) {
                char a = (char)(text[piece_end] | 32), b = (char)(text[piece_end + 1] | 32);
                bool suffix = (a == 's' && b == 't') || (a == 'n' && b == 'd') ||
                              (a == 'r' && b == 'd') || (a == 't' && b == 'h');
                size_t after = piece_end + 2;
                size_t after_step = 0;
                int32_t following = after < end ? decode_at(text, end, after, &after_step) : ' ';
                if (suffix && !is_letter(following) && !is_digit(following)) {
                    flags |= PIECE_ORDINAL;
                    piece_end += 2;
                }
            }
        } else if (is_apostrophe(c) && at > sentence->start && (flags & PIECE_SPACE_BEFORE) == 0 &&
                   at + step < end && (text[at + step] == 's' || text[at + step] == 'S') &&
                   (at + step + 1 >= end || !is_letter((unsigned char)text[at + step + 1]))) {
            /* the possessive "'s" split off by scan_word */
            kind = PIECE_WORD;
            piece_end = at + step + 1;
        } else if ((quote = quote_bits(c)) != 0) {
            kind = PIECE_QUOTE;
            piece_end = at + step;
        } else {
            kind = PIECE_PUNCT;
            piece_end = at + step;
        }
        if (!add_piece(s, (uint32_t)at, (uint32_t)piece_end, sentence->index, kind, flags, quote))
            return false;
        at = piece_end;
    }
    return true;
}

dyad_status scan_document(const lexicon *lexicon, const dyad_document *document,
                          piece_list *out, dyad_error *error) {
    memset(out, 0, sizeof *out);
    scanner s = {.lexicon = lexicon, .document = document, .list = out};
    out->sentence_first =
        arena_alloc(document->arena, (document->sentence_count + 1) * sizeof *out->sentence_first);
    if (!out->sentence_first)
        return error_set(error, DYAD_ERR_MEMORY, document->origin, 0, -1, "out of memory");
    for (size_t i = 0; i < document->sentence_count; i++) {
        out->sentence_first[i] = (uint32_t)out->count;
        if (!scan_sentence(&s, &document->sentences[i]))
            return error_set(error, DYAD_ERR_MEMORY, document->origin, 0, -1, "out of memory");
    }
    out->sentence_first[document->sentence_count] = (uint32_t)out->count;
    return DYAD_OK;
}

const dyad_token *scan_token_at(const dyad_document *document, const piece *piece) {
    if (piece->sentence >= document->sentence_count) return NULL;
    const dyad_sentence *sentence = &document->sentences[piece->sentence];
    size_t low = 0, high = sentence->token_count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (sentence->tokens[middle].end <= piece->start) low = middle + 1;
        else high = middle;
    }
    if (low < sentence->token_count && sentence->tokens[low].start <= piece->start)
        return &sentence->tokens[low];
    return NULL;
}

bool piece_is(const dyad_document *document, const piece *piece, const char *text) {
    size_t length = strlen(text);
    return piece->end - piece->start == length &&
           memcmp(document->text + piece->start, text, length) == 0;
}

bool piece_is_punct(const dyad_document *document, const piece *piece, const char *characters) {
    return piece->kind == PIECE_PUNCT && piece->end - piece->start == 1 &&
           strchr(characters, document->text[piece->start]) != NULL;
}

bool piece_is_dash(const dyad_document *document, const piece *piece) {
    if (piece->kind != PIECE_PUNCT) return false;
    const unsigned char *t = (const unsigned char *)document->text + piece->start;
    size_t n = piece->end - piece->start;
    if (n == 1) return t[0] == '-';
    /* U+2010..U+2015 are E2 80 90..95 */
    return n == 3 && t[0] == 0xE2 && t[1] == 0x80 && t[2] >= 0x90 && t[2] <= 0x95;
}
