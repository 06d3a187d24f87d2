/*
 * tokenize_eval.h — scoring the tokenizer and sentence splitter against a
 * treebank (`dyad eval tokenize`).
 *
 * What is measured: the documents behind the treebank are rebuilt
 * (treebank_text.h), segmented by segment_document() exactly as in the
 * pipeline but without the clean stage (not under test), and two sets of
 * spans are compared by exact byte offsets:
 *   tokens     gold syntactic words (multiword tokens split into their
 *              words) against dyad's tokens;
 *   sentences  gold sentences (first word start to last word end) against
 *              dyad's sentences.
 * A span counts as correct only when both ends match.  Precision is
 * correct / predicted, recall correct / gold, F1 their harmonic mean.  For
 * UD English, whose multiword tokens always spell their surface form,
 * token F1 on spans equals the CoNLL 2018 "Words" F1 (its character
 * alignment only matters when they do not).
 */
#ifndef DYAD_EVALUATE_TOKENIZE_EVAL_H
#define DYAD_EVALUATE_TOKENIZE_EVAL_H

#include "dyad.h"
#include "treebank_text.h"
#include "text/segment.h"

typedef struct span_score {
    size_t gold, predicted, correct;
} span_score;

typedef struct tokenize_scores {
    span_score tokens, sentences;
    size_t documents;
    double seconds;           /* CPU time spent in segment_document */
    size_t bytes;             /* text segmented */
} tokenize_scores;

/* Called after each document is segmented (for listing differences);
 * may be NULL. */
typedef void (*tokenize_eval_visit)(void *context, const treebank_document *gold,
                                    const dyad_document *predicted);

/* Reads the CoNLL-U file at gold_path and scores resources on it. */
dyad_status tokenize_evaluate(const segment_resources *resources, const char *gold_path,
                              tokenize_eval_visit visit, void *context,
                              tokenize_scores *scores, dyad_error *error);

/* Counts exact matches between two sorted span lists. */
span_score span_compare(const treebank_span *gold, size_t gold_count,
                        const treebank_span *predicted, size_t predicted_count);

double span_precision(span_score score);
double span_recall(span_score score);
double span_f1(span_score score);

#endif
