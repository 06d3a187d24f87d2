/*
 * tokenize.h — splitting text into Universal Dependencies syntactic words
 * the way UD English EWT does.
 *
 * Owns the tokenization conventions: "Russia's" is Russia + 's, "don't"
 * is do + n't, "cannot" is can + not, "U.S.", "Gen.", "5,000", "2.5",
 * "10:30", "e-mail", URLs, e-mail addresses and emoticons stay whole,
 * most hyphenated compounds are split at the hyphen ("long - term"),
 * currency signs, per cent signs, quotes, brackets and dashes are tokens
 * of their own, and runs of the same punctuation ("...", "!!", "--") are
 * one token.
 *
 * Shape: rules, not a model.  Each white-space-delimited chunk is peeled
 * like an onion — opening punctuation off the front, closing punctuation
 * and clitics off the back — and what is left is cut at punctuation that
 * is not word-internal.  The word lists that make the rules English
 * rather than ad hoc (abbreviations, bound prefixes, contractions, unit
 * suffixes, emoticons) are data files in data/text/, loaded once.  Every
 * step removes at least one character and every lookup is bounded by the
 * longest list entry, so a chunk costs time linear in its length even when
 * it is megabytes of punctuation.
 *
 * Whether the full stop of an abbreviation belongs to it depends on the
 * sentence: EWT writes "etc." inside a sentence but "etc" + "." at its
 * end.  The tokenizer always keeps the abbreviation whole and flags it;
 * the segmenter splits the full stop off once it knows the sentence ends
 * there.
 */
#ifndef DYAD_TEXT_TOKENIZE_H
#define DYAD_TEXT_TOKENIZE_H

#include "dyad.h"

#include <stddef.h>
#include <stdint.h>

typedef struct tokenizer tokenizer;

/* What the tokenizer knew about a token, for the sentence classifier. */
enum token_flag {
    TOKEN_TITLE = 1 << 0,        /* abbreviation that precedes names: "Gen.", "Mr." */
    TOKEN_ABBREVIATION = 1 << 1, /* other abbreviation with a full stop: "etc.", "Corp." */
    TOKEN_INITIAL = 1 << 2,      /* one letter and a full stop: "J." */
    TOKEN_ACRONYM = 1 << 3,      /* letters and full stops: "U.S.", "a.m." */
    TOKEN_LINK = 1 << 4,         /* URL or e-mail address */
    TOKEN_EMOTICON = 1 << 5,
    TOKEN_AFTER_NEWLINE = 1 << 6,/* a line break precedes the token */
    TOKEN_STARTER = 1 << 7       /* a capitalised function word ("The") right after
                                    an abbreviation or acronym: a new sentence */
};

typedef struct token_span {
    uint32_t start, end;         /* byte offsets into the text */
    uint8_t joined;              /* no white space before, inside the same chunk */
    uint8_t space_after;         /* white space follows */
    uint8_t flags;               /* token_flag */
} token_span;

/* A growable array of spans in an arena. */
typedef struct token_list {
    token_span *items;
    size_t count, capacity;
} token_list;

/* Loads data/text/{abbreviations,hyphen-prefixes,contractions,
 * unit-suffixes,emoticons,sentence-starters}.txt from data_dir. */
dyad_status tokenizer_load(const char *data_dir, tokenizer **out, dyad_error *error);
void tokenizer_free(tokenizer *tokenizer);

/* Appends the tokens of text[start, end) to out, which grows in arena.
 * Fails only when memory runs out. */
dyad_status tokenize_range(const tokenizer *tokenizer, const char *text, size_t start,
                           size_t end, dyad_arena *arena, token_list *out);

/* Kind of abbreviation text[0, length) is according to the list
 * (TOKEN_TITLE, TOKEN_ABBREVIATION, or 0), case variants included;
 * next_is_digit decides "number" entries such as "No.". */
unsigned tokenizer_abbreviation(const tokenizer *tokenizer, const char *text, size_t length,
                                int next_is_digit);

#endif
