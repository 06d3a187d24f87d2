/*
 * sentence_features.h — the features of a candidate sentence boundary,
 * shared by the segmenter (sentence.c) and its trainer (sentence_train.c)
 * so that the two can never disagree about what a feature means.
 *
 * Each token is summarised once (token_context: hashes of its lower-cased
 * form and of its character shape, a coarse class); each gap then yields
 * SENTENCE_FEATURES indices into a weight table of 2^SENTENCE_MODEL_BITS
 * entries (feature hashing: no dictionary to store or look up, a few
 * collisions that the perceptron learns around).  Changing a template
 * changes what the weights mean, so SENTENCE_FEATURE_VERSION is stored in
 * the model and a model of another version is refused.
 */
#ifndef DYAD_TEXT_SENTENCE_FEATURES_H
#define DYAD_TEXT_SENTENCE_FEATURES_H

#include "tokenize.h"

#include <stdbool.h>
#include <stdint.h>

enum {
    SENTENCE_MODEL_BITS = 18,
    SENTENCE_FEATURES = 22,
    SENTENCE_FEATURE_VERSION = 1
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
} token_context;

/* Fills contexts[0..count). */
void sentence_contexts(const char *text, const token_span *tokens, size_t count,
                       token_context *contexts);

/* The rule decision at the gap after token i (i + 1 < count): a final
 * mark (or a closing quote or bracket after one) followed by something
 * that can start a sentence, or a bullet coming next. */
bool sentence_rule(const token_context *contexts, size_t count, size_t i);

/* Feature indices for the gap after token i; `length` is the number of
 * tokens of the current sentence up to and including i.  Returns
 * SENTENCE_FEATURES. */
size_t sentence_gap_features(const token_context *contexts, size_t count, size_t i,
                             size_t length, uint32_t *features);

/* Gaps the model must not touch: a bullet always starts a sentence. */
bool sentence_forced(const token_context *contexts, size_t count, size_t i);

#endif
