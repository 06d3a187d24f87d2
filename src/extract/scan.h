/*
 * scan.h — the extractors' view of a document: pieces.
 *
 * A piece is a word, a number, a quotation mark or one other character,
 * with byte offsets into document->text and the lexicon entry of its
 * folded text.  The extractors read pieces rather than the tokenizer's
 * tokens because the constructions they recognise are defined at the level
 * of characters: "25,000–30,000", "1.5bn", "$400m", "Dec. 3", "km²" and a
 * curly quote glued to a word must come out the same whatever the
 * tokenizer does with them (the first tokenizer keeps “Hello together, UD
 * splits "25,000" off nothing).  Tags and the parse are still used: a piece
 * maps to the token that covers it (scan_token_at).
 *
 * The scan is one linear pass over the sentences; pieces live in the
 * document's arena, in one array for the whole document so that quotes,
 * which cross sentences and paragraphs, see the same sequence as the
 * sentence-level extractors.  Each piece's word is looked up once here.
 */
#ifndef DYAD_EXTRACT_SCAN_H
#define DYAD_EXTRACT_SCAN_H

#include "dyad.h"
#include "lexicon.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum piece_kind {
    PIECE_WORD = 1,           /* letters (and digits after a letter: "km2", "MH17") */
    PIECE_NUMBER,             /* digits with grouping commas and a decimal point */
    PIECE_QUOTE,              /* a quotation mark (see quote_mark) */
    PIECE_PUNCT               /* any other single character */
} piece_kind;

enum piece_flag {
    PIECE_SPACE_BEFORE = 1u << 0,   /* white space or the sentence start before it */
    PIECE_CAPITALISED = 1u << 1,    /* begins with an upper-case letter */
    PIECE_ALL_CAPS = 1u << 2,       /* two or more letters, all upper case */
    PIECE_SENTENCE_START = 1u << 3, /* first word of a sentence or of a quotation */
    PIECE_ORDINAL = 1u << 4,        /* a number with st/nd/rd/th glued on ("3rd") */
    PIECE_GROUPED = 1u << 5,        /* a number with thousands commas ("25,000") */
    PIECE_DECIMAL = 1u << 6         /* a number with a decimal point ("1.5") */
};

/* What a quotation mark can do. */
enum quote_mark {
    QUOTE_OPENS = 1u << 0,
    QUOTE_CLOSES = 1u << 1,
    QUOTE_SINGLE = 1u << 2    /* ‘ ’ ' ‹ › rather than “ ” " « » */
};

/* Which extractor has taken a piece, so the others leave it alone. */
enum piece_owner {
    OWNER_NONE = 0,
    OWNER_DATE,
    OWNER_PLACE,
    OWNER_NUMBER,
    OWNER_NOT_DATE,           /* looked like a date and is not one: not a figure either */
    OWNER_CUE,                /* a speech verb already used to attribute a quotation */
    OWNER_REPORTED            /* a speech verb that introduced reported speech */
};

typedef struct piece {
    uint32_t start, end;      /* byte offsets into document->text */
    uint32_t sentence;
    uint8_t kind;             /* piece_kind */
    uint8_t flags;            /* piece_flag */
    uint8_t quote;            /* quote_mark, for PIECE_QUOTE */
    uint8_t owner;            /* piece_owner */
    const lexeme *word;       /* lexicon entry of the folded text, or NULL */
} piece;

typedef struct piece_list {
    piece *pieces;
    size_t count;
    /* sentence_first[s] is the first piece of sentence s; one extra entry
     * at sentence_count holds count, so sentence s is [first[s], first[s+1]). */
    uint32_t *sentence_first;
} piece_list;

dyad_status scan_document(const lexicon *lexicon, const dyad_document *document,
                          piece_list *out, dyad_error *error);

/* The token of the piece's sentence whose span covers the piece's start,
 * or NULL (no tokens, or the piece falls between them). */
const dyad_token *scan_token_at(const dyad_document *document, const piece *piece);

static inline bool piece_has(const piece *piece, uint32_t classes) {
    return piece->word && (piece->word->classes & classes);
}

/* No white space between this piece and the one before. */
static inline bool piece_joined(const piece *piece) {
    return !(piece->flags & PIECE_SPACE_BEFORE);
}

/* The piece's text is exactly this ASCII string. */
bool piece_is(const dyad_document *document, const piece *piece, const char *text);

/* The piece is one character of punctuation among `characters` (ASCII). */
bool piece_is_punct(const dyad_document *document, const piece *piece, const char *characters);

/* A hyphen or a dash (-, ‐, ‑, –, —). */
bool piece_is_dash(const dyad_document *document, const piece *piece);

#endif
