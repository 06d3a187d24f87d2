/*
 * sentence_train.c — see sentence_train.h.
 */
#include "sentence_train.h"
#include "sentence_features.h"
#include "sentence_model.h"
#include "../util/arena.h"
#include "../util/error.h"
#include "../util/random.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { TABLE_SIZE = 1 << SENTENCE_MODEL_BITS };

/* AdaGrad's base step; chosen on EWT dev among 0.05, 0.1, 0.2, 0.5. */
static const double LEARNING_RATE = 0.1;

/* A paragraph prepared once: token contexts and gold labels. */
typedef struct prepared_paragraph {
    token_context *contexts;
    uint8_t *gold;                 /* gold[i]: a sentence ends after token i */
    size_t count;
} prepared_paragraph;

typedef struct prepared_set {
    prepared_paragraph *paragraphs;
    size_t count, capacity;
} prepared_set;

static dyad_status prepare(const tokenizer *tokenizer, const sentence_training_document *documents,
                           size_t document_count, bool merge, dyad_arena *arena, prepared_set *out) {
    token_list tokens = {0};
    for (size_t d = 0; d < document_count; d++) {
        const dyad_document *document = documents[d].document;
        const uint32_t *ends = documents[d].sentence_ends;
        size_t end_count = documents[d].sentence_count, next_end = 0;
        size_t ranges = merge && document->paragraph_count ? 1 : document->paragraph_count;
        for (size_t p = 0; p < ranges; p++) {
            dyad_paragraph whole = {0, 0, 0};
            const dyad_paragraph *paragraph = &document->paragraphs[p];
            if (merge) {
                whole.start = document->paragraphs[0].start;
                whole.end = document->paragraphs[document->paragraph_count - 1].end;
                paragraph = &whole;
            }
            tokens.count = 0;
            if (tokenize_range(tokenizer, document->text, paragraph->start, paragraph->end, arena,
                               &tokens) != DYAD_OK)
                return DYAD_ERR_MEMORY;
            if (!tokens.count) continue;
            if (out->count == out->capacity) {
                out->paragraphs = arena_grow(arena, out->paragraphs, &out->capacity,
                                             sizeof *out->paragraphs);
                if (!out->paragraphs) return DYAD_ERR_MEMORY;
            }
            prepared_paragraph *prepared = &out->paragraphs[out->count++];
            prepared->count = tokens.count;
            prepared->contexts = arena_alloc(arena, tokens.count * sizeof *prepared->contexts);
            prepared->gold = arena_alloc(arena, tokens.count);
            if (!prepared->contexts || !prepared->gold) return DYAD_ERR_MEMORY;
            sentence_contexts(document->text, tokens.items, tokens.count, prepared->contexts);
            for (size_t i = 0; i < tokens.count; i++) {
                while (next_end < end_count && ends[next_end] < tokens.items[i].end) next_end++;
                prepared->gold[i] = next_end < end_count && ends[next_end] == tokens.items[i].end;
            }
            prepared->gold[tokens.count - 1] = 1;
        }
    }
    return DYAD_OK;
}

/* Sentence-span F1 of the decisions against the gold labels, counted over
 * token ranges. */
static void score_paragraph(const uint8_t *gold, const uint8_t *predicted, size_t count,
                            size_t *gold_sentences, size_t *predicted_sentences, size_t *correct) {
    size_t gold_start = 0, predicted_start = 0;
    for (size_t i = 0; i < count; i++) {
        bool g = gold[i], p = predicted[i];
        if (g && p && gold_start == predicted_start) (*correct)++;
        if (g) {
            (*gold_sentences)++;
            gold_start = i + 1;
        }
        if (p) {
            (*predicted_sentences)++;
            predicted_start = i + 1;
        }
    }
}

static double evaluate(const float *weights, float threshold, const prepared_set *set,
                       uint8_t *decisions) {
    size_t gold = 0, predicted = 0, correct = 0;
    for (size_t p = 0; p < set->count; p++) {
        const prepared_paragraph *paragraph = &set->paragraphs[p];
        sentence_weights table = {weights, NULL, 1.0f, threshold};
        sentence_decide(&table, paragraph->contexts, paragraph->count, false, decisions);
        score_paragraph(paragraph->gold, decisions, paragraph->count, &gold, &predicted, &correct);
    }
    return gold + predicted ? 2.0 * (double)correct / (double)(gold + predicted) : 0.0;
}

/* The gaps the segmenter leaves to the model are the ones to learn from. */
static bool model_decides(const token_context *contexts, size_t count, size_t i) {
    return !sentence_forced(contexts, count, i) && !sentence_impossible(contexts, count, i);
}


/* Logistic regression trained by stochastic gradient with AdaGrad step
 * sizes, and the weights averaged over all steps (as the averaged
 * perceptron does; on this task it generalises better than either the
 * perceptron or the last iterate).  Features are binary, so the gradient
 * of an example is the same number for each of its features. */
typedef struct learner {
    float *weights;
    double *totals;            /* sum over steps of each weight, brought up to date lazily */
    uint64_t *stamps;          /* step at which totals[i] was last brought up to date */
    double *squares;           /* AdaGrad: sum of squared gradients */
    uint64_t clock;
    double rate;
} learner;

static void learner_step(learner *model, const uint32_t *features, size_t count, bool truth) {
    double y = truth ? 1.0 : -1.0;
    double score = sentence_score(model->weights, features, count);
    double gradient = y / (1.0 + exp(y * score));
    for (size_t f = 0; f < count; f++) {
        uint32_t index = features[f];
        model->totals[index] +=
            (double)(model->clock - model->stamps[index]) * model->weights[index];
        model->stamps[index] = model->clock;
        model->squares[index] += gradient * gradient;
        model->weights[index] += (float)(model->rate * gradient / sqrt(model->squares[index]));
    }
    model->clock++;
}

static void learner_average(const learner *model, float *out) {
    double clock = model->clock ? (double)model->clock : 1.0;
    for (size_t i = 0; i < TABLE_SIZE; i++) {
        double total =
            model->totals[i] + (double)(model->clock - model->stamps[i]) * model->weights[i];
        out[i] = (float)(total / clock);
    }
}

dyad_status sentence_train(const tokenizer *tokenizer, const sentence_training_document *train,
                           size_t train_count, const sentence_training_document *dev,
                           size_t dev_count, const sentence_train_options *options,
                           sentence_train_result *result, dyad_error *error) {
    memset(result, 0, sizeof *result);
    result->best_dev_f1 = -1;
    int iterations = options && options->iterations > 0 ? options->iterations : 15;
    uint64_t random_state = options && options->seed ? options->seed : 0x5EED5EED12345ull;
    dyad_arena *arena = dyad_arena_new();
    prepared_set training = {0}, development = {0};
    learner model = {0};
    float *averaged = NULL, *best = NULL;
    uint32_t *features = NULL;
    uint8_t *labels = NULL, *decisions = NULL;
    size_t *order = NULL;
    dyad_status status = DYAD_OK;
    if (!arena || prepare(tokenizer, train, train_count, false, arena, &training) != DYAD_OK ||
        prepare(tokenizer, train, train_count, true, arena, &training) != DYAD_OK ||
        prepare(tokenizer, dev, dev_count, false, arena, &development) != DYAD_OK) {
        status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        goto done;
    }
    /* every gap of the training data, features computed once */
    size_t examples = 0, largest = 1;
    for (size_t p = 0; p < training.count; p++) {
        const prepared_paragraph *paragraph = &training.paragraphs[p];
        for (size_t i = 0; i + 1 < paragraph->count; i++)
            examples += model_decides(paragraph->contexts, paragraph->count, i);
    }
    for (size_t p = 0; p < development.count; p++)
        if (development.paragraphs[p].count > largest) largest = development.paragraphs[p].count;
    if (!examples) {
        status = error_set(error, DYAD_ERR_USAGE, NULL, 0, -1,
                           "the training data has no paragraph with two tokens");
        goto done;
    }
    features = malloc(examples * SENTENCE_FEATURES * sizeof *features);
    labels = malloc(examples);
    order = malloc(examples * sizeof *order);
    decisions = malloc(largest);
    model.weights = calloc(TABLE_SIZE, sizeof *model.weights);
    model.totals = calloc(TABLE_SIZE, sizeof *model.totals);
    model.stamps = calloc(TABLE_SIZE, sizeof *model.stamps);
    model.squares = calloc(TABLE_SIZE, sizeof *model.squares);
    model.rate = LEARNING_RATE;
    averaged = malloc(TABLE_SIZE * sizeof *averaged);
    best = malloc(TABLE_SIZE * sizeof *best);
    if (!features || !labels || !order || !decisions || !model.weights || !model.totals ||
        !model.stamps || !model.squares || !averaged || !best) {
        status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        goto done;
    }
    size_t example = 0;
    for (size_t p = 0; p < training.count; p++) {
        const prepared_paragraph *paragraph = &training.paragraphs[p];
        sentence_state state = {0, 0, 0};
        for (size_t i = 0; i + 1 < paragraph->count; i++) {
            sentence_state_add(&state, &paragraph->contexts[i]);
            if (model_decides(paragraph->contexts, paragraph->count, i)) {
                sentence_gap_features(paragraph->contexts, paragraph->count, i, &state,
                                      features + example * SENTENCE_FEATURES);
                labels[example] = paragraph->gold[i];
                result->positives += paragraph->gold[i];
                    example++;
            }
            if (paragraph->gold[i]) state = (sentence_state){0, 0, 0};
        }
    }
    for (size_t k = 0; k < examples; k++) order[k] = k;
    result->examples = examples;
    for (int iteration = 1; iteration <= iterations; iteration++) {
        for (size_t i = examples - 1; i > 0; i--) {
            size_t j = (size_t)(random_next(&random_state) % (i + 1));
            size_t swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        size_t mistakes = 0;
        for (size_t k = 0; k < examples; k++) {
            size_t e = order[k];
            const uint32_t *f = features + e * SENTENCE_FEATURES;
            bool truth = labels[e];
            if ((sentence_score(model.weights, f, SENTENCE_FEATURES) > 0) != truth) mistakes++;
            learner_step(&model, f, SENTENCE_FEATURES, truth);
        }
        learner_average(&model, averaged);
        double f1 = development.count ? evaluate(averaged, 0, &development, decisions) : -1;
        if (options && options->report)
            options->report(options->context, iteration, (double)mistakes / (double)examples, f1);
        if (iteration == 1 || f1 > result->best_dev_f1) {
            result->best_dev_f1 = f1;
            result->best_iteration = iteration;
            memcpy(best, averaged, TABLE_SIZE * sizeof *best);
        }
    }
    /* the decision threshold, on the development data too: the
     * classifier's own (zero) is where the log-loss is best balanced, not
     * necessarily where sentence F1 peaks */
    result->threshold = 0;
    if (development.count) {
        double best_f1 = result->best_dev_f1;
        for (int step = -12; step <= 12; step++) {
            float threshold = (float)step * 0.25f;
            double f1 = evaluate(best, threshold, &development, decisions);
            if (f1 > best_f1 + 1e-9) {
                best_f1 = f1;
                result->threshold = threshold;
            }
        }
        result->best_dev_f1 = best_f1;
    }
    result->weights = best;
    best = NULL;
done:
    free(features);
    free(labels);
    free(order);
    free(decisions);
    free(model.weights);
    free(model.totals);
    free(model.stamps);
    free(model.squares);
    free(averaged);
    free(best);
    dyad_arena_free(arena);
    return status;
}
