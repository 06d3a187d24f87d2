/*
 * event_eval.h — how well the whole pipeline codes events, against
 * sentences annotated by hand (tests/data/events/, format in
 * docs/events.md).
 *
 * Each sentence is coded as an article of its own, through every stage
 * (segmentation, parse when loaded, actors, extraction, coder), so the
 * figure is the one a user gets.  Events are compared as sets of triples
 * (source country, CAMEO root, target country): the level at which event
 * data are analysed, and one where annotators agree; the full code and
 * sector are left out on purpose.  Negated events and events without a
 * target or a country are not assertions about a pair of actors, and are
 * left out of the produced set.  Over-coding is counted separately: the
 * events produced on sentences annotated `none`.
 */
#ifndef DYAD_EVALUATE_EVENT_EVAL_H
#define DYAD_EVALUATE_EVENT_EVAL_H

#include "dyad.h"

#include <stddef.h>

typedef struct event_eval_result {
    size_t sentences;
    size_t true_positive, false_positive, false_negative;
    double precision, recall, f1;
    size_t none_sentences;        /* sentences annotated `none` */
    size_t none_events;           /* events produced on them */
    size_t none_sentences_coded;  /* of them, how many got any event */
} event_eval_result;

/* Scores the gold file; with `report`, every sentence that is not exactly
 * right is written there (text, missing and extra triples). */
dyad_status event_eval_file(const dyad_resources *resources, const char *path,
                            event_eval_result *result, dyad_buffer *report, dyad_error *error);

#endif
