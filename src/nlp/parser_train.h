/*
 * parser_train.h — training the parser on a CoNLL-U treebank.
 *
 * Online learning with an averaged perceptron and the dynamic oracle of
 * transition.h (Goldberg & Nivre 2012, 2013): at every configuration the
 * model's best move is compared with the best move that loses no gold
 * arc; on a mistake the weights move towards the latter.  From the second
 * iteration on, the parser follows its own (possibly wrong) move most of
 * the time, so it is trained on the configurations it will really meet,
 * mistakes included, not only on the perfect path a static oracle walks.
 *
 * With a beam (beam_width > 1) training is global instead: each sentence
 * is decoded with the beam and the current weights, and one structured
 * perceptron update (max-violation, Huang, Fayong & Guo 2012) compares the
 * gold move sequence with the best item where it is most wrong — the
 * greedy model's scores are tuned for single moves and lose accuracy in a
 * beam, so a beam needs a model trained for it.
 *
 * Non-projective trees (which arc-hybrid cannot build) are made projective
 * by lifting their crossing arcs before training; all other arcs of those
 * sentences still teach.  After every iteration the averaged weights are
 * frozen into the compact model layout (parser_model.h) and that frozen
 * model is scored on the development set, so the figures printed are
 * exactly those of the file written; the best iteration is kept.
 *
 * The library prints nothing: progress goes through a callback.
 */
#ifndef DYAD_NLP_PARSER_TRAIN_H
#define DYAD_NLP_PARSER_TRAIN_H

#include "dyad.h"
#include "word_clusters.h"
#include "parser_network_train.h"
#include "../ingest/conllu_read.h"

#include <stdbool.h>

typedef struct parser_iteration_report {
    int iteration;
    /* Greedy: % of configurations where the model's move lost nothing.
     * Beam: % of gold moves the beam's best item had made before it first
     * went wrong (all of a sentence's moves when it needed no update). */
    double train_move_accuracy;
    double dev_uas, dev_las;      /* % of dev words, gold tokens, labels with subtypes */
    long features, weights;       /* in the frozen model */
    double seconds;               /* training time of this iteration */
    bool best;                    /* the best so far: this one will be written */
} parser_iteration_report;

typedef struct parser_corpus_report {
    long sentences, words;
    long non_projective;          /* training sentences that had to be lifted */
    long lifted_arcs;
} parser_corpus_report;

typedef struct parser_train_options {
    const char *train_path;
    /* Uptraining (Petrov et al. 2010): CoNLL-U files of sentences parsed
     * by a more accurate, slower parser (dyad's beam parser on unlabelled
     * text), added to the training sentences after the treebank's.  Their
     * tags are kept as they are (a tagger's predictions already, so they
     * are not jackknifed) and their words count for the lexicon.  The
     * greedy parser then learns the beam parser's decisions on several
     * times more text than the treebank has. */
    const char *const *parsed_paths;
    size_t parsed_path_count;
    const char *dev_path;
    const char *out_path;
    int iterations;               /* default 15 */
    double exploration;           /* chance of following the model's own move, from iteration 2 */
    int min_form_count;           /* forms seen fewer times are "unknown": default 2 */
    double prune_below;           /* averaged weights no larger than this are dropped: 1.0 */
    unsigned min_lookups;         /* features looked up fewer times in training dropped: 12 */
    unsigned long long seed;
    /* 1: greedy, trained with the dynamic oracle.  More: beam search of
     * that width, trained globally with max-violation updates; the model
     * records the width and parses with it. */
    int beam_width;
    /* Word clusters for the PARSER_CLUSTER_* templates in cluster_features
     * (parser_features.h); NULL, or cluster_features 0, trains a model
     * without.  The model records the clusters' id and, when loaded, reads
     * the clusters.model beside it, which must be these. */
    const word_clusters *clusters;
    uint32_t cluster_features;
    /* Replaces the tags of a corpus's words (e.g. with a tagger's
     * predictions, jackknifed for the training set) before training; NULL
     * trains on the treebank's gold tags. */
    dyad_status (*retag)(void *context, conllu_corpus *corpus, bool training, dyad_error *error);
    void *retag_context;
    /* A move-scoring network (parser_network.h) trained after the
     * perceptron, on the treebank's sentences (not the parsed ones), and
     * stored in the same model; NULL for none.  Greedy models with word
     * clusters only. */
    const network_training_options *network;
    /* Called after reading the corpora, and after every iteration. */
    void (*on_corpus)(void *context, const parser_corpus_report *report);
    void (*on_iteration)(void *context, const parser_iteration_report *report);
    void *report_context;
} parser_train_options;

/* A retag hook (parser_train_options.retag) that gives the parser the
 * tags it will see in use: the training corpus is tagged by k-fold
 * jackknifing — each fold by a tagger trained on the other folds, so no
 * sentence is tagged by a tagger that learnt it — and any other corpus by
 * `tagger`, the model that runs in the pipeline.  Trained on gold tags, a
 * parser learns to trust them far more than it should (EWT dev: 4 points
 * of UAS lost with a tagger's tags). */
typedef struct tagger tagger;
typedef struct parser_jackknife {
    const tagger *tagger;          /* tags the development corpus */
    const char *tagger_dev_path;   /* picks each fold tagger's best iteration */
    const char *scratch_path;      /* where fold taggers are written (then removed) */
    int folds;                     /* e.g. 10 */
    unsigned tagger_iterations;    /* e.g. 12 */
    dyad_arena *arena;             /* holds the tag strings; outlives the training */
    /* Jackknifing is most of a greedy training run (ten taggers trained),
     * and its result depends only on the tagger and the treebank, not on
     * the parser's options: so experiments can tag once and reuse.  When
     * save_tags_path is set the jackknifed training corpus is written
     * there as CoNLL-U (the treebank with its UPOS and XPOS replaced);
     * when load_tags_path is set the training tags are read from such a
     * file instead of being predicted (its words must be the training
     * corpus's, one for one: anything else is an error naming the line).
     * The development corpus is tagged by `tagger` either way. */
    const char *save_tags_path;
    const char *load_tags_path;
    void (*on_fold)(void *context, int fold, double upos, double xpos);
    void *report_context;
} parser_jackknife;

dyad_status parser_jackknife_retag(void *context, conllu_corpus *corpus, bool training,
                                   dyad_error *error);

/* Fills options with the defaults. */
void parser_train_defaults(parser_train_options *options);

/* Trains and writes the best iteration's model to options->out_path. */
dyad_status parser_train(const parser_train_options *options, dyad_error *error);

#endif
