/*
 * parse_eval.h — scoring the tagger and parser against a CoNLL-U
 * treebank, as the CoNLL 2018 shared task did.
 *
 * Two settings:
 *   - gold tokens: the treebank's words are tagged and parsed as they are;
 *     every figure is an accuracy over words.
 *   - raw text: the documents are rebuilt from the `# newdoc`, `# newpar`
 *     and `# text` comments (paragraphs separated by a blank line,
 *     sentences of a paragraph by one space), segmented and tokenized by
 *     dyad itself, then tagged and parsed.  System and gold words are
 *     aligned by their character spans in that text, and every figure is
 *     an F1 over words: a word counts for UPOS when it is aligned and its
 *     tag is right, for UAS when its head is also aligned to the gold
 *     word's head (or both are the root), for LAS when the relation is
 *     right as well.
 *
 * As in the CoNLL 2018 evaluation script, LAS compares the universal part
 * of the relation only ("nsubj:pass" counts as "nsubj"); the figure with
 * subtypes is reported beside it.  Gold words of a multiword token whose
 * forms do not spell the token ("dont" written for do + n't is fine,
 * these are rare) share the token's span and align, in order, to system
 * words with that same span.  The EWT text is already in NFC, so no
 * normalisation is applied before segmenting.
 */
#ifndef DYAD_EVALUATE_PARSE_EVAL_H
#define DYAD_EVALUATE_PARSE_EVAL_H

#include "dyad.h"
#include "ingest/conllu_read.h"
#include "nlp/lemmatizer.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"
#include "text/segment.h"

#include <stdbool.h>

typedef struct parse_eval_counts {
    long gold_words, system_words, aligned_words;
    long upos, xpos, attached, labelled, labelled_subtypes;
    long tokens;              /* words tagged and parsed */
    double seconds;           /* CPU time of tagging, lemmatizing and parsing alone */
} parse_eval_counts;

typedef struct parse_eval_setup {
    const segment_resources *segment;   /* raw text only */
    const tagger *tagger;               /* NULL: keep the treebank's tags (gold tokens only) */
    const lemmatizer *lemmatizer;       /* NULL: no lemmas (they are not scored) */
    const parser_model *parser;
    int beam_width;                     /* 0: the width the parser model was trained with */
    double beam_margin;                 /* 0: PARSER_BEAM_MARGIN */
    bool raw;
} parse_eval_setup;

dyad_status parse_evaluate(const parse_eval_setup *setup, const conllu_corpus *gold,
                           const char *gold_path, parse_eval_counts *counts, dyad_error *error);

/* A figure in percent: accuracy with gold tokens, F1 with raw text. */
double parse_eval_percent(const parse_eval_counts *counts, long correct);

#endif
