/*
 * sentence_train.h — training the sentence-boundary model.
 *
 * Owns the learning half of sentence.h: logistic regression trained by
 * stochastic gradient descent with AdaGrad step sizes and averaged
 * weights (averaging done lazily, so a step costs the features it
 * touches, not the table), over exactly the features the segmenter uses.
 * On EWT dev it beat the averaged perceptron by about half a point of
 * sentence F1 and, unlike it, does not peak after two passes and decay.
 * Examples are every gap between two tokens inside a paragraph of the
 * training documents, tokenized by our own tokenizer so the model learns
 * on what it will see; the label is whether a gold sentence ends at that
 * token's end.  The sentence-length feature is computed from the gold
 * boundaries while training (the segmenter uses its own decisions).
 * After each pass the averaged weights are scored on the development
 * documents (sentence-span F1) and the best pass is kept, so the number
 * of passes is chosen on held-out data rather than guessed.  Shuffling
 * uses a fixed seed: the same data gives the same model, byte for byte.
 */
#ifndef DYAD_TEXT_SENTENCE_TRAIN_H
#define DYAD_TEXT_SENTENCE_TRAIN_H

#include "tokenize.h"

#include <stdint.h>

typedef struct sentence_training_document {
    const dyad_document *document;  /* text and paragraphs */
    const uint32_t *sentence_ends;  /* byte offsets where gold sentences end, increasing */
    size_t sentence_count;
} sentence_training_document;

typedef struct sentence_train_options {
    int iterations;                 /* passes over the training data (default 15) */
    uint64_t seed;                  /* shuffling; 0 = the default seed */
    /* called after each pass; may be NULL */
    void (*report)(void *context, int iteration, double training_error_rate, double dev_f1);
    void *context;
} sentence_train_options;

typedef struct sentence_train_result {
    float *weights;                 /* 2^SENTENCE_MODEL_BITS averaged weights; free() them */
    float threshold;                /* decision threshold chosen on dev (0 without) */
    int best_iteration;             /* 1-based */
    double best_dev_f1;             /* sentence-span F1 on dev (-1 without dev data) */
    size_t examples;                /* training gaps */
    size_t positives;               /* of which boundaries */
} sentence_train_result;

dyad_status sentence_train(const tokenizer *tokenizer, const sentence_training_document *train,
                           size_t train_count, const sentence_training_document *dev,
                           size_t dev_count, const sentence_train_options *options,
                           sentence_train_result *result, dyad_error *error);

#endif
