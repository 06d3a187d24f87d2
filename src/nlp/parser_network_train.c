/*
 * parser_network_train.c — see parser_network_train.h.
 *
 * The arithmetic is written out plainly: one example at a time, the
 * first layer as a sum of (input value × row) so that an input of zero
 * costs nothing, the gradient of the dense layers accumulated over a
 * minibatch and applied with AdaGrad, the embeddings' rows updated at
 * once (an example touches 74 of them).  About a minute per pass over EWT
 * train on one core at 128 hidden units.
 */
#include "parser_network_train.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/error.h"
#include "../util/random.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void network_training_defaults(network_training_options *options) {
    memset(options, 0, sizeof *options);
    options->epochs = 5;
    options->hidden = 256;
    options->frequent_forms = 1000;
    options->rate = 0.02f;
    options->dropout = 0;
    options->weight = 24;
    options->exploration = 0.9;
    options->seed = 1;
}




/* The trainer's state: parameters, their AdaGrad sums, and the dense
 * layers' minibatch gradients, each a block of floats inside `memory`. */
typedef struct network_trainer {
    parser_network_header header;
    uint32_t input_size;
    float *word, *tag, *cluster, *label, *first, *first_bias, *second, *second_bias;
    float *squares;                 /* AdaGrad sums, parallel to the parameters */
    float *first_gradient, *first_bias_gradient, *second_gradient, *second_bias_gradient;
    size_t parameter_count;
    float *memory;
    uint32_t *frequent_forms;
    uint16_t *word_map;
    uint32_t word_ids;
} network_trainer;


/* The most frequent forms of the training words, most frequent first
 * (ties: lower id first); backed-off class ids are not forms. */
static uint32_t choose_frequent_forms(const parser_model *model, const parser_gold_sentence *train,
                                      size_t count, uint32_t wanted, uint32_t *out) {
    uint32_t forms = model->forms.count + PARSER_ID_FIRST;
    uint32_t *seen = calloc(forms, sizeof *seen);
    uint32_t *order = malloc(forms * sizeof *order);
    uint32_t chosen = 0;
    if (seen && order) {
        for (size_t s = 0; s < count; s++)
            for (int i = 1; i <= train[s].words.word_count; i++) {
                uint32_t form = train[s].words.form[i];
                if (form >= PARSER_ID_FIRST && form < forms) seen[form]++;
            }
        uint32_t candidates = 0;
        for (uint32_t id = PARSER_ID_FIRST; id < forms; id++)
            if (seen[id]) order[candidates++] = id;
        /* selection of the `wanted` largest: a partial insertion sort is
         * enough for a thousand of twenty thousand */
        for (uint32_t i = 0; i < candidates && chosen < wanted; i++) {
            uint32_t best = i;
            for (uint32_t j = i + 1; j < candidates; j++)
                if (seen[order[j]] > seen[order[best]] ||
                    (seen[order[j]] == seen[order[best]] && order[j] < order[best]))
                    best = j;
            uint32_t swap = order[i];
            order[i] = order[best];
            order[best] = swap;
            out[chosen++] = order[i];
        }
    }
    free(seen);
    free(order);
    return chosen;
}

static void trainer_free(network_trainer *t) {
    free(t->memory);
    free(t->frequent_forms);
    free(t->word_map);
}

static dyad_status trainer_init(network_trainer *t, const parser_model *model,
                                const parser_gold_sentence *train, size_t count,
                                const network_training_options *options) {
    memset(t, 0, sizeof *t);
    parser_network_header *h = &t->header;
    h->hidden = options->hidden;
    h->classes = model->header.class_count;
    h->tag_rows = PARSER_MAX_TAG_ID + 1;
    h->cluster_rows = PARSER_ID_FIRST + (model->clusters ? word_clusters_class_count(
                                                               model->clusters, WORD_CLUSTER_FINE)
                                                         : 0);
    h->label_rows = model->header.label_count + 1;
    h->word_dim = 32;
    h->tag_dim = h->cluster_dim = h->label_dim = 16;
    h->weight = options->weight;
    t->input_size = parser_network_input_size(h);
    t->frequent_forms = malloc((options->frequent_forms + 1) * sizeof *t->frequent_forms);
    t->word_ids = parser_word_id_count(model);
    t->word_map = malloc(t->word_ids * sizeof *t->word_map);
    if (!t->frequent_forms || !t->word_map) return DYAD_ERR_MEMORY;
    uint32_t chosen = choose_frequent_forms(model, train, count, options->frequent_forms,
                                            t->frequent_forms);
    h->word_rows = PARSER_ID_FIRST + chosen;
    for (uint32_t id = 0; id < t->word_ids; id++)
        t->word_map[id] = id < PARSER_ID_FIRST ? (uint16_t)id : PARSER_ID_UNKNOWN;
    for (uint32_t i = 0; i < chosen; i++)
        t->word_map[t->frequent_forms[i]] = (uint16_t)(PARSER_ID_FIRST + i);

    size_t sizes[NETWORK_BLOCKS];
    t->parameter_count = parser_network_block_sizes(h, sizes);
    size_t dense = sizes[4] + sizes[5] + sizes[6] + sizes[7];
    t->memory = calloc(2 * t->parameter_count + dense, sizeof(float));
    if (!t->memory) return DYAD_ERR_MEMORY;
    float **blocks[8] = {&t->word, &t->tag, &t->cluster, &t->label,
                         &t->first, &t->first_bias, &t->second, &t->second_bias};
    float *cursor = t->memory;
    for (int i = 0; i < 8; i++) {
        *blocks[i] = cursor;
        cursor += sizes[i];
    }
    t->squares = cursor;
    cursor += t->parameter_count;
    t->first_gradient = cursor;
    t->first_bias_gradient = cursor + sizes[4];
    t->second_gradient = t->first_bias_gradient + sizes[5];
    t->second_bias_gradient = t->second_gradient + sizes[6];

    /* small uniform embeddings; Glorot-uniform layers; a small positive
     * bias so that ReLU units start alive */
    uint64_t random = options->seed ? options->seed : 1;
    for (size_t i = 0; i < sizes[0] + sizes[1] + sizes[2] + sizes[3]; i++)
        t->memory[i] = (float)((random_unit(&random) * 2 - 1) * 0.1);
    double first_range = sqrt(6.0 / (t->input_size + h->hidden));
    for (size_t i = 0; i < sizes[4]; i++)
        t->first[i] = (float)((random_unit(&random) * 2 - 1) * first_range);
    for (size_t i = 0; i < sizes[5]; i++) t->first_bias[i] = 0.01f;
    double second_range = sqrt(6.0 / (h->hidden + h->classes));
    for (size_t i = 0; i < sizes[6]; i++)
        t->second[i] = (float)((random_unit(&random) * 2 - 1) * second_range);
    return DYAD_OK;
}

static parser_network_parameters trainer_parameters(const network_trainer *t) {
    parser_network_parameters p = {
        .header = t->header,
        .frequent_forms = t->frequent_forms,
        .word = t->word, .tag = t->tag, .cluster = t->cluster, .label = t->label,
        .first = t->first, .first_bias = t->first_bias,
        .second = t->second, .second_bias = t->second_bias};
    return p;
}

/* The input vector of a configuration: the rows of its inputs, slot after
 * slot, as the first layer's rows are laid out. */
static void gather(const network_trainer *t, const network_inputs *in, float *x) {
    const parser_network_header *h = &t->header;
    for (int s = 0; s < NETWORK_WORD_SLOTS; s++) {
        memcpy(x, t->word + (size_t)in->word[s] * h->word_dim, h->word_dim * sizeof *x);
        x += h->word_dim;
        memcpy(x, t->tag + (size_t)in->tag[s] * h->tag_dim, h->tag_dim * sizeof *x);
        x += h->tag_dim;
        memcpy(x, t->cluster + (size_t)in->cluster[s] * h->cluster_dim, h->cluster_dim * sizeof *x);
        x += h->cluster_dim;
    }
    for (int s = 0; s < NETWORK_LABEL_SLOTS; s++) {
        memcpy(x, t->label + (size_t)in->label[s] * h->label_dim, h->label_dim * sizeof *x);
        x += h->label_dim;
    }
}

static void adagrad(float *weights, float *squares, const float *gradient, size_t count,
                    float rate, float scale) {
    for (size_t i = 0; i < count; i++) {
        float g = gradient[i] * scale;
        if (g == 0) continue;
        squares[i] += g * g;
        weights[i] -= rate * g / (sqrtf(squares[i]) + 1e-6f);
    }
}

/* The squares of a parameter block sit at the same offset in `squares`. */
static float *squares_of(const network_trainer *t, const float *block) {
    return t->squares + (block - t->memory);
}

/* One example: forward with dropout, softmax over the legal classes,
 * backward; returns the loss.  *predicted gets the best legal class. */
/* Built for AVX2 as well: the element-wise loops widen, the sums that
 * run across a row (back) stay in order, so either build trains the same
 * network. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
static double train_example(network_trainer *t, const network_inputs *in, const bool *legal,
                            const int *costs, const network_training_options *options,
                            uint64_t *random, int *predicted, int *gold) {
    const parser_network_header *h = &t->header;
    uint32_t hidden = h->hidden, classes = h->classes;
    float x[NETWORK_MAX_INPUT], layer[NETWORK_MAX_HIDDEN], logits[PARSER_MAX_CLASSES];
    float delta[PARSER_MAX_CLASSES], hidden_delta[NETWORK_MAX_HIDDEN];
    gather(t, in, x);
    memcpy(layer, t->first_bias, hidden * sizeof *layer);
    for (uint32_t i = 0; i < t->input_size; i++)
        if (x[i] != 0) network_add_scaled(layer, t->first + (size_t)i * hidden, x[i], hidden);
    float keep = 1.0f / (1.0f - options->dropout);
    for (uint32_t j = 0; j < hidden; j++) {
        if (layer[j] < 0) layer[j] = 0;
        else if (options->dropout > 0)
            layer[j] = random_unit(random) < options->dropout ? 0 : layer[j] * keep;
    }
    memcpy(logits, t->second_bias, classes * sizeof *logits);
    for (uint32_t j = 0; j < hidden; j++) {
        if (layer[j] == 0) continue;
        const float *row = t->second + (size_t)j * classes;
        for (uint32_t c = 0; c < classes; c++) logits[c] += layer[j] * row[c];
    }
    /* the best legal class, and the best among the cheapest legal ones */
    int best = -1, target = -1, cheapest = 0;
    for (uint32_t c = 0; c < classes; c++) {
        if (!legal[c]) continue;
        if (best < 0 || logits[c] > logits[best]) best = (int)c;
        if (costs[c] < 0) continue;
        if (target < 0 || costs[c] < cheapest || (costs[c] == cheapest && logits[c] > logits[target])) {
            target = (int)c;
            cheapest = costs[c];
        }
    }
    *predicted = best;
    if (target < 0) target = best; /* not reached: some legal move always has a cost */
    *gold = target;
    float top = logits[best];
    double sum = 0;
    for (uint32_t c = 0; c < classes; c++) {
        delta[c] = legal[c] ? expf(logits[c] - top) : 0;
        sum += delta[c];
    }
    for (uint32_t c = 0; c < classes; c++) delta[c] = (float)(delta[c] / sum);
    double loss = -log(delta[target] + 1e-12);
    delta[target] -= 1;
    /* second layer */
    for (uint32_t c = 0; c < classes; c++) t->second_bias_gradient[c] += delta[c];
    for (uint32_t j = 0; j < hidden; j++) {
        hidden_delta[j] = 0;
        if (layer[j] == 0) continue;
        float *gradient = t->second_gradient + (size_t)j * classes;
        const float *row = t->second + (size_t)j * classes;
        float back = 0;
        for (uint32_t c = 0; c < classes; c++) {
            gradient[c] += layer[j] * delta[c];
            back += row[c] * delta[c];
        }
        hidden_delta[j] = back * (options->dropout > 0 ? keep : 1.0f);
    }
    /* first layer, and the input's gradient into the embeddings at once */
    for (uint32_t j = 0; j < hidden; j++) t->first_bias_gradient[j] += hidden_delta[j];
    float input_gradient[NETWORK_MAX_INPUT];
    for (uint32_t i = 0; i < t->input_size; i++) {
        input_gradient[i] = network_dot(t->first + (size_t)i * hidden, hidden_delta, hidden);
        if (x[i] != 0)
            network_add_scaled(t->first_gradient + (size_t)i * hidden, hidden_delta, x[i], hidden);
    }
    const float *g = input_gradient;
    for (int s = 0; s < NETWORK_WORD_SLOTS; s++) {
        float *word = t->word + (size_t)in->word[s] * h->word_dim;
        adagrad(word, squares_of(t, word), g, h->word_dim, options->rate, 1);
        g += h->word_dim;
        float *tag = t->tag + (size_t)in->tag[s] * h->tag_dim;
        adagrad(tag, squares_of(t, tag), g, h->tag_dim, options->rate, 1);
        g += h->tag_dim;
        float *cluster = t->cluster + (size_t)in->cluster[s] * h->cluster_dim;
        adagrad(cluster, squares_of(t, cluster), g, h->cluster_dim, options->rate, 1);
        g += h->cluster_dim;
    }
    for (int s = 0; s < NETWORK_LABEL_SLOTS; s++) {
        float *label = t->label + (size_t)in->label[s] * h->label_dim;
        adagrad(label, squares_of(t, label), g, h->label_dim, options->rate, 1);
        g += h->label_dim;
    }
    return loss;
}

static void apply_minibatch(network_trainer *t, float rate, int examples) {
    const parser_network_header *h = &t->header;
    size_t first = (size_t)t->input_size * h->hidden, second = (size_t)h->hidden * h->classes;
    float scale = 1.0f / (float)examples;
    adagrad(t->first, squares_of(t, t->first), t->first_gradient, first, rate, scale);
    adagrad(t->first_bias, squares_of(t, t->first_bias), t->first_bias_gradient, h->hidden, rate,
            scale);
    adagrad(t->second, squares_of(t, t->second), t->second_gradient, second, rate, scale);
    adagrad(t->second_bias, squares_of(t, t->second_bias), t->second_bias_gradient, h->classes,
            rate, scale);
    memset(t->first_gradient, 0, (first + h->hidden + second + h->classes) * sizeof(float));
}

/* UAS and LAS of the perceptron with the network on the dev sentences. */
static dyad_status evaluate(const parser_model *model, const network_trainer *t,
                            const parser_gold_sentence *dev, size_t count, dyad_arena *scratch,
                            double *uas, double *las) {
    parser_network_parameters parameters = trainer_parameters(t);
    parser_model combined = *model;
    dyad_status status = parser_network_build(&parameters, t->word_ids, model->header.weight_scale,
                                              &combined.network);
    long words = 0, attached = 0, labelled = 0;
    for (size_t s = 0; s < count && status == DYAD_OK; s++) {
        dyad_arena_reset(scratch);
        transition_state state;
        status = parser_run_frozen(&combined, &dev[s].words, scratch, &state);
        for (int i = 1; status == DYAD_OK && i <= dev[s].words.word_count; i++) {
            words++;
            if (state.head[i] == dev[s].true_head[i]) {
                attached++;
                labelled += state.label[i] == dev[s].label[i];
            }
        }
    }
    parser_network_free(combined.network);
    *uas = words ? 100.0 * (double)attached / (double)words : 0;
    *las = words ? 100.0 * (double)labelled / (double)words : 0;
    return status;
}

dyad_status parser_network_train(const parser_model *model, const parser_gold_sentence *train,
                                 size_t train_count, const parser_gold_sentence *dev,
                                 size_t dev_count, const network_training_options *options,
                                 parser_network_trained *out, dyad_error *error) {
    memset(out, 0, sizeof *out);
    if (options->hidden == 0 || options->hidden % 64 || options->hidden > NETWORK_MAX_HIDDEN ||
        options->epochs < 1 || !(options->dropout >= 0 && options->dropout < 0.9f) ||
        !(options->weight > 0) || !(options->rate > 0))
        return error_set(error, DYAD_ERR_USAGE, NULL, 0, -1,
                         "network options: hidden a multiple of 64 up to %d, at least one epoch, "
                         "dropout in [0, 0.9), weight and rate above 0",
                         NETWORK_MAX_HIDDEN);
    if (model->header.class_count > PARSER_MAX_CLASSES)
        return error_set(error, DYAD_ERR_LIMIT, NULL, 0, -1, "too many classes for the network");
    network_trainer t;
    memset(&t, 0, sizeof t);
    dyad_arena *scratch = dyad_arena_new();
    size_t *order = malloc((train_count ? train_count : 1) * sizeof *order);
    dyad_status status = scratch && order ? trainer_init(&t, model, train, train_count, options)
                                          : DYAD_ERR_MEMORY;
    uint64_t random = options->seed ? options->seed : 1;
    for (size_t i = 0; i < train_count && order; i++) order[i] = i;
    for (int epoch = 1; status == DYAD_OK && epoch <= options->epochs; epoch++) {
        double started = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
        random_shuffle(order, train_count, &random);
        double loss = 0;
        long examples = 0, right = 0;
        int pending = 0;
        for (size_t k = 0; k < train_count && status == DYAD_OK; k++) {
            const parser_gold_sentence *sentence = &train[order[k]];
            dyad_arena_reset(scratch);
            transition_state state;
            status = transition_state_init(&state, sentence->words.word_count, scratch);
            while (status == DYAD_OK && !transition_is_terminal(&state)) {
                int next = parser_forced_class(model, &state);
                if (next < 0) {
                    network_inputs in;
                    int costs[PARSER_MAX_CLASSES];
                    bool legal[PARSER_MAX_CLASSES] = {false};
                    int first[PARSER_MAX_LEGAL_RANGES], end[PARSER_MAX_LEGAL_RANGES];
                    int ranges = parser_legal_class_ranges(model, &state, first, end);
                    for (int r = 0; r < ranges; r++)
                        for (int c = first[r]; c < end[r]; c++) legal[c] = true;
                    parser_class_costs(model, &state, sentence->head, sentence->label, costs);
                    parser_network_inputs(&sentence->words, &state, t.word_map, t.word_ids, &in);
                    int predicted, gold;
                    loss += train_example(&t, &in, legal, costs, options, &random, &predicted, &gold);
                    examples++;
                    if (++pending == 32) {
                        apply_minibatch(&t, options->rate, pending);
                        pending = 0;
                    }
                    next = gold;
                    if (costs[predicted] == costs[gold]) right++;
                    else if (epoch > 1 && random_unit(&random) < options->exploration) next = predicted;
                }
                transition_apply(&state, parser_class_move(model, next), parser_class_label(model, next));
            }
        }
        if (status == DYAD_OK && pending) apply_minibatch(&t, options->rate, pending);
        network_epoch_report report = {.epoch = epoch};
        report.seconds = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - started;
        report.loss = examples ? loss / (double)examples : 0;
        report.move_accuracy = examples ? 100.0 * (double)right / (double)examples : 0;
        if (status == DYAD_OK)
            status = evaluate(model, &t, dev, dev_count, scratch, &report.dev_uas, &report.dev_las);
        if (status == DYAD_OK && options->on_epoch) options->on_epoch(&report, options->context);
    }
    free(order);
    dyad_arena_free(scratch);
    if (status != DYAD_OK) {
        trainer_free(&t);
        return error_set(error, status, NULL, 0, -1,
                         status == DYAD_ERR_MODEL
                             ? "network training diverged (a weight is not a number)"
                             : "out of memory");
    }
    out->parameters = trainer_parameters(&t);
    out->memory = t.memory;
    /* the frequent forms travel with the parameters; the map is rebuilt at load */
    out->parameters.frequent_forms = t.frequent_forms;
    free(t.word_map);
    return DYAD_OK;
}

void parser_network_trained_free(parser_network_trained *trained) {
    free(trained->memory);
    free((void *)trained->parameters.frequent_forms);
    memset(trained, 0, sizeof *trained);
}
