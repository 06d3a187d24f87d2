/*
 * sentence_features.h — the features of a candidate sentence boundary,
 * shared by the segmenter (sentence.c) and its trainer (sentence_train.c)
 * so that the two can never disagree about what a feature means.
 *
 * Each token is summarised once (token_context: hashes of its lower-cased
 * form and of its character shape, a coarse class); each gap then yields
 * SENTENCE_FEATURES indices into a weight table of 2^SENTENCE_MODEL_BITS
 * entries (feature hashing: no dictionary to store or look up, a few
 * collisions that training learns around).  Changing a template
 * changes what the weights mean, so SENTENCE_FEATURE_VERSION is stored in
 * the model and a model of another version is refused.
 */
#ifndef DYAD_TEXT_SENTENCE_FEATURES_H
#define DYAD_TEXT_SENTENCE_FEATURES_H

#include "tokenize.h"

#include <stdbool.h>
#include <stdint.h>

enum {
    SENTENCE_MODEL_BITS = 20,
    SENTENCE_FEATURES = 19,
    SENTENCE_FEATURE_VERSION = 5
};

typedef enum token_class {
    CLASS_LOWER,          /* word starting with a lower-case letter */
    CLASS_CAPITALISED,    /* upper-case first letter, not all capitals */
    CLASS_CAPITALS,       /* two or more letters, all capitals */
    CLASS_NUMBER,         /* starts with a digit */
    CLASS_OTHER_WORD,     /* caseless letters, symbols mixed in */
    CLASS_FINAL,          /* . ! ? … and runs of them */
    CLASS_CLOSE,          /* closing quote or bracket */
    CLASS_OPEN,           /* opening quote or bracket */
    CLASS_PAUSE,          /* , ; : */
    CLASS_DASH,           /* - – — and runs */
    CLASS_BULLET,         /* • ▪ ● ◦ ‣ */
    CLASS_SYMBOL,         /* any other punctuation or symbol */
    CLASS_COUNT
} token_class;

typedef struct token_context {
    uint32_t word;        /* hash of the lower-cased form, digits folded to 0 */
    uint32_t shape;       /* hash of the character shape ("Xxx.", "d,ddd") */
    uint8_t class;        /* token_class */
    uint8_t flags;        /* token_flag from the tokenizer */
    uint8_t final_ahead;  /* tokens to the next final mark after this one, 255 = none near */
    uint8_t joined;       /* no white space before the token */
} token_context;

/* What the decisions so far say about the sentence being built. */
typedef struct sentence_state {
    uint32_t length;      /* tokens so far, this one included */
    uint32_t lower_words; /* of which words starting with a lower-case letter */
    uint32_t first_class; /* class of the sentence's first token */
} sentence_state;

static inline void sentence_state_add(sentence_state *state, const token_context *token) {
    if (!state->length) state->first_class = token->class;
    state->length++;
    state->lower_words += token->class == CLASS_LOWER;
}

/* Fills contexts[0..count). */
void sentence_contexts(const char *text, const token_span *tokens, size_t count,
                       token_context *contexts);

/* The rule decision at the gap after token i (i + 1 < count): a final
 * mark (or a closing quote or bracket after one) followed by something
 * that can start a sentence, or a bullet coming next. */
bool sentence_rule(const token_context *contexts, size_t count, size_t i);

/* Feature indices for the gap after token i; state describes the current
 * sentence up to and including token i.  Returns SENTENCE_FEATURES. */
size_t sentence_gap_features(const token_context *contexts, size_t count, size_t i,
                             const sentence_state *state, uint32_t *features);

/* Gaps the model does not decide.  A bullet always starts a sentence, and
 * so does a capitalised function word after an abbreviation or acronym
 * ("... Acme Corp. The deal", TOKEN_STARTER): EWT has too few sentences
 * ending in an abbreviation for the model to learn it.  A
 * sentence never ends inside a written word (between two tokens with no
 * white space between them, "----==", "word.Next") nor after a title
 * ("Gen.", "Lt.", "Mr."), which always has a name to come; the model
 * learns from none of these.  It does learn from the gaps before a final mark, comma or
 * closing bracket, which teach it about the word before them, but it is
 * not asked about them: EWT's training data has no boundary there. */
bool sentence_forced(const token_context *contexts, size_t count, size_t i);
bool sentence_impossible(const token_context *contexts, size_t count, size_t i);
bool sentence_unlikely(const token_context *contexts, size_t count, size_t i);

#endif
