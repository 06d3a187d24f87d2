/*
 * actor_words.h — a sentence seen as the words the actor dictionary
 * matches.
 *
 * Tokenizers disagree on exactly the spots actor names live in: "U.S."
 * is one token in Universal Dependencies and four in a naive splitter,
 * "al-Qaeda" one or three, "Ukraine's" two or three, "Ukraine’s" one.
 * Instead of depending on one convention, the resolver matches against
 * this view: joined initials are merged ("U.S."), hyphenated tokens are
 * split into their parts, possessives are separate words ("'s"), and a
 * period glued to an abbreviation is absorbed.  Each word keeps its token
 * range and byte span, so mentions point back into the text exactly.
 * The dictionary side splits its phrases the same way (actor_dictionary.c).
 *
 * Words are folded (actor_fold_word) and looked up once; tags and lemmas
 * are used when the tagger has run, and ignored when they are NULL.
 */
#ifndef DYAD_ACTORS_ACTOR_WORDS_H
#define DYAD_ACTORS_ACTOR_WORDS_H

#include "actor_dictionary.h"

#include <stdbool.h>
#include <stdint.h>

enum {
    WORD_PUNCT = 1u << 0,        /* no letter or digit */
    WORD_POSSESSIVE = 1u << 1,   /* "'s" */
    WORD_FIRST = 1u << 2,        /* first word of its sentence (after quotes, brackets) */
    WORD_PROPER = 1u << 3,       /* tagged PROPN */
    WORD_TAGGED = 1u << 4,       /* the tagger ran: upos is meaningful */
    WORD_VERB = 1u << 5,         /* tagged VERB or AUX */
    WORD_ADJECTIVE = 1u << 6,    /* tagged ADJ */
    WORD_NOUN = 1u << 7          /* tagged NOUN */
};

typedef struct actor_word {
    uint32_t first_token, last_token;
    uint32_t start, end;         /* byte span in the document text */
    int32_t id;                  /* dictionary word id of the folded form, -1 if none */
    int32_t lemma_id;            /* of the folded lemma, -1 if none or the same */
    const char *folded;          /* NUL-terminated, in the document's arena */
    const char *deprel;          /* of the token, NULL if unparsed */
    uint8_t shape;               /* actor_word_shape */
    uint8_t flags;
} actor_word;

/* Builds the view of one sentence in the document's arena.  Returns false
 * when the arena is out of memory. */
bool actor_words_build(const actor_dictionary *dictionary, const dyad_document *document,
                       const dyad_sentence *sentence, actor_word **out, size_t *count);

#endif
