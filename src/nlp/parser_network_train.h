/*
 * parser_network_train.h — training the move-scoring network
 * (parser_network.h) beside a trained perceptron.
 *
 * The network is trained after the perceptron, on the treebank sentences
 * alone (with the same jackknifed tags), with the perceptron's lexicons and
 * classes: greedy decoding with the dynamic oracle as for the perceptron
 * (the gold move is the best-scoring move that loses no reachable gold
 * arc; from the second epoch the network follows its own wrong move 90%
 * of the time), a softmax over the legal classes, AdaGrad on minibatches
 * of 32 (embedding rows updated at once, sparsely), optional dropout on
 * the hidden layer.  It is not trained on the perceptron's residual: the
 * perceptron scores its own training sentences almost perfectly, so its
 * mistakes there teach nothing; the two are combined only when parsing,
 * with a fixed weight (`weight`) chosen on held-out dev.
 */
#ifndef DYAD_NLP_PARSER_NETWORK_TRAIN_H
#define DYAD_NLP_PARSER_NETWORK_TRAIN_H

#include "parser_model.h"
#include "parser_network.h"

#include <stdbool.h>
#include <stddef.h>

/* A training or dev sentence: its words (parser_words_from_tokens) and
 * gold tree, 1-based: head[i], label[i] (model label index, -1 for one the
 * model lacks); head is projectivised for training, true_head is the
 * treebank's, for scoring. */
typedef struct parser_gold_sentence {
    parser_words words;
    int *head;
    int *label;
    int *true_head;
} parser_gold_sentence;

typedef struct network_epoch_report {
    int epoch;
    double loss;              /* mean cross-entropy of the gold moves */
    double move_accuracy;     /* % of scored moves the network got right */
    double dev_uas, dev_las;  /* the perceptron and the network together, % of dev words */
    double seconds;
} network_epoch_report;

typedef struct network_training_options {
    int epochs;               /* passes over the treebank; the last is kept */
    unsigned hidden;          /* hidden units, a multiple of 64 */
    unsigned frequent_forms;  /* forms that get a row of their own */
    float rate;               /* AdaGrad step */
    float dropout;            /* chance of dropping a hidden unit in training, 0..0.9 */
    float weight;             /* combination weight (parser_network_header.weight) */
    double exploration;       /* chance of following the network's own wrong move */
    /* learn from the uptraining's parsed sentences too (parser_train_options
     * .parsed_paths), not from the treebank's alone */
    bool parsed_sentences;
    unsigned long long seed;
    void (*on_epoch)(const network_epoch_report *report, void *context);
    void *context;
} network_training_options;

/* Defaults as used for the committed model (docs/parser.md). */
void network_training_defaults(network_training_options *options);

/* The trained parameters, owned (free with parser_network_trained_free). */
typedef struct parser_network_trained {
    parser_network_parameters parameters;
    void *memory;
} parser_network_trained;

/* Trains on train[0..train_count), reporting on dev[0..dev_count) after
 * every epoch (perceptron and network combined, as parsing will use
 * them).  model: the trained perceptron, its scoring table ready. */
dyad_status parser_network_train(const parser_model *model, const parser_gold_sentence *train,
                                 size_t train_count, const parser_gold_sentence *dev,
                                 size_t dev_count, const network_training_options *options,
                                 parser_network_trained *out, dyad_error *error);
void parser_network_trained_free(parser_network_trained *trained);

#endif
