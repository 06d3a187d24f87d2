/*
 * cluster_eval.h — how much the word clusters say about a word's part of
 * speech, measured on a treebank.
 *
 * The clusters are meant to stand in for the words a treebank never
 * showed the tagger and parser.  This scores exactly that, without
 * training either: each class at each level is given the Universal POS
 * tag its words most often have in the training treebank, and the gold
 * words of another treebank are "tagged" with their class's tag.  The
 * figures that matter are over the words whose (normalised) form the
 * training treebank lacks: how many the clusters know (coverage) and how
 * many of those their class tags right.  Comparing two cluster models
 * (minimum count, number of classes, corpus) by these figures is cheap,
 * and a model that wins here gives the tagger more to learn from.
 */
#ifndef DYAD_EVALUATE_CLUSTER_EVAL_H
#define DYAD_EVALUATE_CLUSTER_EVAL_H

#include "dyad.h"
#include "ingest/conllu_read.h"
#include "nlp/word_clusters.h"

typedef struct cluster_eval_counts {
    long words;                            /* gold words */
    long covered;                          /* of them, with a class */
    long right[WORD_CLUSTER_LEVELS];       /* of those, whose class's tag is theirs */
} cluster_eval_counts;

typedef struct cluster_eval_result {
    cluster_eval_counts all;               /* every gold word */
    cluster_eval_counts unseen;            /* gold words whose form the training treebank lacks */
    long lookups;                          /* a timed pass of lookups of every training word */
    double lookup_seconds;
} cluster_eval_result;

dyad_status cluster_eval(const word_clusters *clusters, const conllu_corpus *train,
                         const conllu_corpus *gold, cluster_eval_result *result,
                         dyad_error *error);

#endif
