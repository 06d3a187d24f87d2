/*
 * actor_words.c — see actor_words.h.
 */
#include "actor_words.h"
#include "../util/arena.h"

#include "../util/utf8.h"

#include <ctype.h>
#include <string.h>
#include <utf8proc.h>

typedef struct word_builder {
    const actor_dictionary *dictionary;
    const dyad_document *document;
    dyad_arena *arena;
    actor_word *words;
    size_t count, capacity;
    /* folded forms of the sentence, back to back: one allocation per
     * sentence instead of one per word */
    char *folds;
    size_t folds_used, folds_size;
} word_builder;

/* A letter or digit anywhere in the bytes (Unicode categories L and N). */
static bool has_alnum(const char *text, size_t length) {
    size_t i = 0;
    while (i < length) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            if (isalnum(c)) return true;
            i++;
            continue;
        }
        int32_t codepoint;
        size_t size = utf8_decode((const unsigned char *)text + i, length - i, &codepoint);
        if (!size) return false;
        utf8proc_category_t category = utf8proc_category(codepoint);
        if (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) return true;
        if (category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO) return true;
        i += size;
    }
    return false;
}

static size_t letter_count(const char *text, size_t length) {
    size_t letters = 0;
    for (size_t i = 0; i < length; i++) letters += isalpha((unsigned char)text[i]) != 0;
    return letters;
}

/* "U.", "U.S", "U.S.": single letters separated by periods. */
static bool is_initialism(const char *text, size_t length) {
    if (!length) return false;
    for (size_t i = 0; i < length; i++) {
        bool letter_here = isalpha((unsigned char)text[i]) != 0;
        if (i % 2 == 0 ? !letter_here : text[i] != '.') return false;
    }
    return true;
}

static bool refold(word_builder *builder, actor_word *word) {
    const char *text = builder->document->text + word->start;
    size_t length = word->end - word->start;
    bool in_buffer = builder->folds_used + ACTOR_WORD_MAX + 1 <= builder->folds_size;
    char *folded = in_buffer ? builder->folds + builder->folds_used
                             : arena_alloc(builder->arena, ACTOR_WORD_MAX + 1);
    if (!folded) return false;
    actor_word_shape shape;
    size_t folded_length = actor_fold_shape(text, length, folded, &shape);
    if (folded_length == 0) {
        /* punctuation folds to itself so that "," can be matched */
        if (length > ACTOR_WORD_MAX) length = ACTOR_WORD_MAX;
        memcpy(folded, text, length);
        folded[length] = '\0';
        folded_length = length;
    }
    if (in_buffer) builder->folds_used += folded_length + 1;
    word->folded = folded;
    word->id = actor_dictionary_word(builder->dictionary, folded, folded_length);
    word->shape = (uint8_t)shape;
    return true;
}

static actor_word *add_word(word_builder *builder, uint32_t start, uint32_t end,
                            uint32_t token, unsigned flags) {
    if (builder->count == builder->capacity) {
        builder->words = arena_grow(builder->arena, builder->words, &builder->capacity,
                                    sizeof *builder->words);
        if (!builder->words) return NULL;
    }
    actor_word *word = &builder->words[builder->count];
    memset(word, 0, sizeof *word);
    word->first_token = word->last_token = token;
    word->start = start;
    word->end = end;
    word->lemma_id = -1;
    word->flags = (uint8_t)flags;
    if (!has_alnum(builder->document->text + start, end - start)) word->flags |= WORD_PUNCT;
    if (!refold(builder, word)) return NULL;
    builder->count++;
    return word;
}

static bool ends_with_possessive(const char *text, size_t length, size_t *suffix) {
    if (length >= 2 && (text[length - 1] == 's' || text[length - 1] == 'S') &&
        text[length - 2] == '\'') {
        *suffix = 2;
        return true;
    }
    /* ’s: E2 80 99 then s */
    if (length >= 4 && (text[length - 1] == 's' || text[length - 1] == 'S') &&
        (unsigned char)text[length - 4] == 0xE2 && (unsigned char)text[length - 3] == 0x80 &&
        (unsigned char)text[length - 2] == 0x99) {
        *suffix = 4;
        return true;
    }
    return false;
}

static bool is_apostrophe(const char *text, size_t length) {
    return (length == 1 && text[0] == '\'') ||
           (length == 3 && memcmp(text, "\xE2\x80\x99", 3) == 0);
}

static bool is_possessive_token(const char *text, size_t length) {
    size_t suffix;
    return ends_with_possessive(text, length, &suffix) && suffix == length;
}

/* Adds one piece of a token (a token minus hyphens), splitting a final
 * possessive off. */
static bool add_piece(word_builder *builder, uint32_t start, uint32_t end, uint32_t token,
                      unsigned flags) {
    const char *text = builder->document->text + start;
    size_t length = end - start, suffix;
    if (ends_with_possessive(text, length, &suffix) && suffix < length) {
        return add_word(builder, start, end - (uint32_t)suffix, token, flags) &&
               add_word(builder, end - (uint32_t)suffix, end, token, WORD_POSSESSIVE);
    }
    /* "protesters'" — a plural possessive: the apostrophe goes */
    while (length > 1 && (text[length - 1] == '\'')) {
        length--;
        end--;
    }
    return add_word(builder, start, end, token, flags) != NULL;
}

static bool is_alnum_at(const char *text, size_t length) {
    return length && has_alnum(text, length);
}

/* Non-ASCII punctuation, symbols and spaces: curly quotes, dashes,
 * guillemets, glued to a word by tokenizers that only split ASCII. */
static bool is_unicode_break(int32_t codepoint) {
    utf8proc_category_t category = utf8proc_category(codepoint);
    return category >= UTF8PROC_CATEGORY_ZS || (category >= UTF8PROC_CATEGORY_PC &&
                                                category <= UTF8PROC_CATEGORY_SO);
}

/* Cuts a token into pieces at hyphens between letters and at glued
 * Unicode punctuation (which become words of their own); an apostrophe
 * inside a word (O’Brien, Ukraine’s) stays. */
static bool split_token(word_builder *builder, uint32_t start, uint32_t end, uint32_t token,
                        unsigned flags) {
    const char *base = builder->document->text;
    uint32_t piece_start = start, i = start;
    while (i < end) {
        unsigned char c = (unsigned char)base[i];
        if (c < 0x80) {
            if (c == '-' && i > start && i + 1 < end && is_alnum_at(base + i - 1, 1) &&
                is_alnum_at(base + i + 1, 1)) {
                if (i > piece_start && !add_piece(builder, piece_start, i, token, flags))
                    return false;
                piece_start = i + 1;
            }
            i++;
            continue;
        }
        int32_t codepoint;
        size_t size = utf8_decode((const unsigned char *)base + i, end - i, &codepoint);
        if (!size) break;
        bool inner_apostrophe = codepoint == 0x2019 && i > piece_start && i + size < end;
        if (is_unicode_break(codepoint) && !inner_apostrophe) {
            if (i > piece_start && !add_piece(builder, piece_start, i, token, flags)) return false;
            if (!add_word(builder, i, i + (uint32_t)size, token, WORD_PUNCT)) return false;
            piece_start = i + (uint32_t)size;
        }
        i += (uint32_t)size;
    }
    if (end > piece_start && !add_piece(builder, piece_start, end, token, flags)) return false;
    return true;
}

static unsigned tag_flags(const dyad_token *token) {
    if (!token->upos) return 0;
    unsigned flags = WORD_TAGGED;
    if (strcmp(token->upos, "PROPN") == 0) flags |= WORD_PROPER;
    else if (strcmp(token->upos, "VERB") == 0 || strcmp(token->upos, "AUX") == 0)
        flags |= WORD_VERB;
    else if (strcmp(token->upos, "ADJ") == 0)
        flags |= WORD_ADJECTIVE;
    else if (strcmp(token->upos, "NOUN") == 0)
        flags |= WORD_NOUN;
    return flags;
}

bool actor_words_build(const actor_dictionary *dictionary, const dyad_document *document,
                       const dyad_sentence *sentence, actor_word **out, size_t *count) {
    word_builder builder = {dictionary, document, document->arena, NULL, 0, 0, NULL, 0, 0};
    const char *base = document->text;
    /* a folded word is at most three times as long as the word (case
     * folding can expand), plus its NUL; the headroom lets a fold write in
     * place before its length is known */
    builder.folds_size = (size_t)(sentence->end - sentence->start) * 4 + ACTOR_WORD_MAX + 64;
    builder.folds = arena_alloc(document->arena, builder.folds_size);
    if (!builder.folds) return false;
    builder.capacity = sentence->token_count + 8;
    builder.words = arena_alloc(document->arena, builder.capacity * sizeof *builder.words);
    if (!builder.words) return false;
    for (uint32_t t = 0; t < sentence->token_count; t++) {
        const dyad_token *token = &sentence->tokens[t];
        const char *text = base + token->start;
        size_t length = token->end - token->start;
        actor_word *previous = builder.count ? &builder.words[builder.count - 1] : NULL;
        bool glued = previous && token->joined && previous->end == token->start;
        const char *previous_text = previous ? base + previous->start : NULL;
        size_t previous_length = previous ? previous->end - previous->start : 0;

        if (length == 1 && text[0] == '.' && glued && !(previous->flags & WORD_PUNCT) &&
            letter_count(previous_text, previous_length) <= 3 &&
            letter_count(previous_text, previous_length) == strlen(previous->folded)) {
            /* "Gen." "U." : the period belongs to the abbreviation; an
             * initial keeps it in its span */
            previous->last_token = t;
            if (is_initialism(previous_text, previous_length) &&
                previous_text[previous_length - 1] != '.') {
                previous->end = token->end;
                if (!refold(&builder, previous)) return false;
            }
            continue;
        }
        if (glued && previous_length >= 2 && previous_text[previous_length - 1] == '.' &&
            is_initialism(previous_text, previous_length) && length == 1 &&
            isalpha((unsigned char)text[0])) {
            /* "U." + "S" → "U.S" */
            previous->end = token->end;
            previous->last_token = t;
            if (!refold(&builder, previous)) return false;
            continue;
        }
        if (length == 1 && text[0] == '-' && glued && t + 1 < sentence->token_count &&
            sentence->tokens[t + 1].joined)
            continue; /* "al" "-" "Qaeda": a connector, not a word */
        if (is_possessive_token(text, length)) {
            if (!add_word(&builder, token->start, token->end, t, WORD_POSSESSIVE)) return false;
            continue;
        }
        if (is_apostrophe(text, length) && glued) {
            const dyad_token *next = t + 1 < sentence->token_count ? &sentence->tokens[t + 1] : NULL;
            if (next && next->joined && next->end - next->start == 1 &&
                (base[next->start] == 's' || base[next->start] == 'S')) {
                if (!add_word(&builder, token->start, next->end, t, WORD_POSSESSIVE)) return false;
                builder.words[builder.count - 1].last_token = t + 1;
                t++;
            }
            continue; /* plural possessive "protesters'" */
        }
        unsigned flags = tag_flags(token);
        size_t before = builder.count;
        if (!split_token(&builder, token->start, token->end, t, flags)) return false;
        /* a lemma helps only when the word is the whole token */
        if (builder.count == before + 1 && token->lemma) {
            actor_word *word = &builder.words[before];
            word->deprel = token->deprel;
            char folded[ACTOR_WORD_MAX + 1];
            size_t folded_length = actor_fold_word(token->lemma, strlen(token->lemma), folded);
            int32_t lemma = actor_dictionary_word(dictionary, folded, folded_length);
            if (lemma != word->id) word->lemma_id = lemma;
        } else if (builder.count > before) {
            for (size_t w = before; w < builder.count; w++)
                builder.words[w].deprel = token->deprel;
        }
    }
    for (size_t w = 0; w < builder.count; w++)
        if (!(builder.words[w].flags & WORD_PUNCT)) {
            builder.words[w].flags |= WORD_FIRST;
            break;
        }
    *out = builder.words;
    *count = builder.count;
    return true;
}
