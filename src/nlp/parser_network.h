/*
 * parser_network.h — a small feed-forward network that scores the greedy
 * parser's moves beside the perceptron.
 *
 * Why a second scorer.  The perceptron over the 127 sparse templates of
 * parser_features.h stopped improving in session 6: four training runs
 * differing only in their seed score 86.29-86.65 UAS on EWT test, and
 * summing the scores of several of them (a bigger linear model) gives the
 * mean of its members — their errors are the same errors, set by what
 * the templates can express.  A network over dense embeddings of the same
 * configuration (Chen & Manning 2014: the words, tags and arc labels of
 * the stack, the buffer and the outermost children) generalises
 * differently: alone it is four points worse, but its logits added to the
 * perceptron's scores move 0.25-0.4 UAS the right way on dev and test for
 * every perceptron tried (docs/parser.md, "Session 6").
 *
 * Shape.  20 word slots (s0-s2, b0-b2, the two outermost children on each
 * side of s0 and s1, b0's two leftmost, and the outermost grandchildren of
 * s0 and s1), each giving a word, its XPOS tag and its fine word-cluster
 * class; the 14 child slots also give the label of their arc.  Words are
 * the most frequent forms of the treebank (the rest share one row and are
 * told apart by their class).  One ReLU hidden layer, one logit per class
 * of the parser (SHIFT, LEFT-l, RIGHT-l).
 *
 * Exact integer scoring.  The trainer works in floats; the model stores
 * floats; at load time every (slot, row) product with the first layer is
 * computed once and rounded to fixed point, so a move costs 74 additions
 * of a row of `hidden` integers and one small integer layer — no
 * multiplication by the embeddings at parse time, and sums that do not
 * depend on the processor's vector width: output stays byte-identical on
 * every build and thread count, as the perceptron's integer sums are.
 * The logits are converted to the perceptron's integer units with the
 * combination weight the trainer chose, and added to its sums.
 *
 * The network lives in the parser model's file (sections "network.*",
 * parser format 6), so it can never meet a lexicon it was not trained
 * with.
 */
#ifndef DYAD_NLP_PARSER_NETWORK_H
#define DYAD_NLP_PARSER_NETWORK_H

#include "dyad.h"
#include "parser_features.h"
#include "transition.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    NETWORK_WORD_SLOTS = 20,
    NETWORK_LABEL_SLOTS = 14,     /* the child slots: word slots 6..19 */
    NETWORK_MAX_HIDDEN = 512,
    NETWORK_MAX_INPUT = 4096
};

/* The "network.header" section. */
typedef struct parser_network_header {
    uint32_t hidden;          /* units of the hidden layer */
    uint32_t classes;         /* logits: the parser's class count */
    uint32_t word_rows;       /* PARSER_ID_FIRST reserved rows + the frequent forms */
    uint32_t tag_rows, cluster_rows, label_rows;
    uint32_t word_dim, tag_dim, cluster_dim, label_dim;
    /* combined score of a class = perceptron weight sum + weight × logit,
     * both in the perceptron's own units (parser_header.weight_scale) */
    float weight;
    uint32_t reserved[5];
} parser_network_header;

/* The float parameters, as stored ("network.embeddings": word, tag,
 * cluster and label tables one after the other, row-major;
 * "network.hidden": the first layer, input-major, then its biases;
 * "network.output": the second layer, hidden-major, then its biases) and
 * as the trainer holds them. */
typedef struct parser_network_parameters {
    parser_network_header header;
    const uint32_t *frequent_forms;   /* header.word_rows - PARSER_ID_FIRST parser form ids */
    const float *word, *tag, *cluster, *label;
    const float *first, *first_bias;  /* input × hidden, hidden */
    const float *second, *second_bias;/* hidden × classes, classes */
} parser_network_parameters;

/* The input of one configuration: row numbers into the four tables. */
typedef struct network_inputs {
    uint32_t word[NETWORK_WORD_SLOTS], tag[NETWORK_WORD_SLOTS], cluster[NETWORK_WORD_SLOTS];
    uint32_t label[NETWORK_LABEL_SLOTS];
} network_inputs;

typedef struct parser_network parser_network;

/* Float loops over multiples of 8, written with vector types so that they
 * are vectorised at any optimisation level (GCC's -O2 leaves such loops
 * scalar).  y[i] += a * x[i] is element-wise, so its result is the same
 * whatever the vector width. */
typedef float network_float8 __attribute__((vector_size(32)));

static inline void network_add_scaled(float *restrict y, const float *restrict x, float scale,
                                      uint32_t count) {
    network_float8 factor = {scale, scale, scale, scale, scale, scale, scale, scale};
    for (uint32_t i = 0; i < count; i += 8) {
        network_float8 a, b;
        __builtin_memcpy(&a, y + i, sizeof a);
        __builtin_memcpy(&b, x + i, sizeof b);
        a += b * factor;
        __builtin_memcpy(y + i, &a, sizeof a);
    }
}

/* x[0..count) · y[0..count), count a multiple of 8: eight running sums,
 * added together at the end in a fixed order — the same bits whatever the
 * vector width (the trainer's backward pass and the parser's logits). */
static inline float network_dot(const float *x, const float *y, uint32_t count) {
    network_float8 sum = {0};
    for (uint32_t i = 0; i < count; i += 8) {
        network_float8 a, b;
        __builtin_memcpy(&a, x + i, sizeof a);
        __builtin_memcpy(&b, y + i, sizeof b);
        sum += a * b;
    }
    return ((sum[0] + sum[1]) + (sum[2] + sum[3])) + ((sum[4] + sum[5]) + (sum[6] + sum[7]));
}

static inline uint32_t parser_network_input_size(const parser_network_header *header) {
    return NETWORK_WORD_SLOTS * (header->word_dim + header->tag_dim + header->cluster_dim) +
           NETWORK_LABEL_SLOTS * header->label_dim;
}

/* The float counts of the eight parameter blocks, in their stored order:
 * the word, tag, cluster and label tables ("network.embeddings"), the first
 * layer and its biases ("network.hidden"), the second layer and its biases
 * ("network.output").  Returns their sum. */
enum { NETWORK_BLOCKS = 8 };
static inline size_t parser_network_block_sizes(const parser_network_header *h,
                                                size_t sizes[NETWORK_BLOCKS]) {
    sizes[0] = (size_t)h->word_rows * h->word_dim;
    sizes[1] = (size_t)h->tag_rows * h->tag_dim;
    sizes[2] = (size_t)h->cluster_rows * h->cluster_dim;
    sizes[3] = (size_t)h->label_rows * h->label_dim;
    sizes[4] = (size_t)parser_network_input_size(h) * h->hidden;
    sizes[5] = h->hidden;
    sizes[6] = (size_t)h->hidden * h->classes;
    sizes[7] = h->classes;
    size_t total = 0;
    for (int i = 0; i < NETWORK_BLOCKS; i++) total += sizes[i];
    return total;
}

/* Checks the header against the parser it belongs to (class count, label
 * count, tag and form ids) and the limits above; NULL when sound,
 * otherwise what is wrong. */
const char *parser_network_check_header(const parser_network_header *header, uint32_t classes,
                                        uint32_t labels, uint32_t forms);

/* Builds the exact integer tables of the parameters (copied: the
 * parameters may be freed afterwards); DYAD_ERR_MODEL when a parameter is
 * not a finite number.  word_ids: how many parser word
 * ids exist (forms, reserved ids and backed-off class ids), each mapped
 * to its word row; weight_scale: the perceptron's. */
dyad_status parser_network_build(const parser_network_parameters *parameters, uint32_t word_ids,
                                 float weight_scale, parser_network **out);
void parser_network_free(parser_network *network);

/* The configuration's inputs.  map: parser word id -> word row (NULL:
 * every word the unknown row, for the trainer before it has one). */
void parser_network_inputs(const parser_words *words, const transition_state *state,
                           const uint16_t *map, uint32_t word_ids, network_inputs *inputs);

/* Adds the network's score of each of classes[0..class_count), in the
 * perceptron's integer units, to its sum.  The greedy parser asks for the
 * perceptron's best few classes only (parser_network_candidates): the
 * hidden layer is the same work for one class or all, but the output
 * layer is a dot product per class. */
void parser_network_add_scores(const parser_network *network, const parser_words *words,
                               const transition_state *state, const int *classes,
                               size_t class_count, int32_t *sums);

/* How many of the perceptron's best legal classes the network rescores:
 * the right move is among the perceptron's first eight at nearly every
 * step (docs/parser.md), and rescoring all ~100 classes costs as much as
 * the rest of the network. */
enum { NETWORK_CANDIDATES = 8 };

/* Whether scoring uses the AVX2 loops where the processor has them (the
 * default) or the plain ones; both give the same sums (a unit test checks
 * it), so this is for that test and for measuring. */
void parser_network_use_vectors(parser_network *network, bool use);

/* How far behind the perceptron's best class, in the perceptron's integer
 * units, a class can be and still be rescored: NETWORK_REACH_LOGITS
 * logits' worth of network score.  When the runner-up is farther behind,
 * the perceptron's choice stands and the network is not run at all: with
 * the committed model it runs on 8% of the moves (docs/parser.md,
 * "Session 6": dev is the same from 2 logits up as with no limit, and
 * lower below). */
enum { NETWORK_REACH_LOGITS = 2 };
int64_t parser_network_reach(const parser_network *network);

/* The map of parser word ids to word rows the network was built with
 * (for the trainer, which extracts inputs itself). */
const uint16_t *parser_network_word_map(const parser_network *network, uint32_t *word_ids);

#endif
