/*
 * parser.h — the labelled dependency parser of the nlp stage.
 *
 * Owns: turning a tagged sentence into a Universal Dependencies tree
 * (token->head, token->deprel).  A greedy transition-based parser
 * (arc-hybrid, see transition.h) whose moves are chosen by an averaged
 * perceptron over rich sparse features (parser_features.h), trained on UD
 * English EWT (parser_train.h).  Either greedy — one pass, two moves per
 * word, trained with a dynamic oracle — or with a beam of k partial parses
 * (parser_beam.h), trained globally, k times the work for better
 * attachments; the model says which width it was trained for.  The output
 * depends only on the sentence, never on threads or earlier input.
 *
 * The model (data/nlp/parser.model) is loaded once, used in place and
 * never modified, so one parser_model is shared by all threads.  Parsing
 * allocates only from the caller's arena.
 */
#ifndef DYAD_NLP_PARSER_H
#define DYAD_NLP_PARSER_H

#include "dyad.h"

#include <math.h>

typedef struct parser_model parser_model;

/* Loads a model written by the trainer; every inconsistency (wrong kind or
 * version, truncation, bad checksum, out-of-range tables) is an error
 * naming the file. */
dyad_status parser_model_load(const char *path, parser_model **out, dyad_error *error);
void parser_model_free(parser_model *model);

/* A model trained with word clusters records which (word_clusters_id)
 * and reads them at every word: parser_model_load then loads the
 * clusters.model beside the model file, and refuses it when it is not the
 * one the model was trained with.  This variant takes clusters the caller
 * loaded instead (borrowed: they must outlive the model), to share one
 * copy; a model without clusters ignores them. */
typedef struct word_clusters word_clusters;
dyad_status parser_model_load_with_clusters(const char *path, const word_clusters *clusters,
                                            parser_model **out, dyad_error *error);
/* The clusters the model reads, NULL for a model without. */
const word_clusters *parser_model_clusters(const parser_model *model);

/* The model file's path under a data directory, into buffer. */
const char *parser_model_path(const char *data_dir, char *buffer, size_t size);

/* Parses one sentence with the beam width the model was trained with
 * (pruned at PARSER_BEAM_MARGIN, below):
 * reads each token's text, xpos and upos (tags may be NULL: unknown),
 * sets head (1-based, 0 = root) and deprel (a string
 * owned by the model).  Scratch memory comes from arena. */
dyad_status parser_parse_sentence(const parser_model *model, dyad_sentence *sentence,
                                  dyad_arena *arena, dyad_error *error);

/* The widest beam a model may ask for or a caller parse with. */
enum { PARSER_MAX_BEAM = 64 };

/* The margin a beam is pruned at unless the caller says otherwise: none
 * (the full beam).  0.25 was the cheapest margin that kept EWT dev at the
 * full beam's accuracy, a beam of 8 then scoring 1.9 items a step instead
 * of 7.4, but on test it lost 0.4 UAS (docs/parser.md, "Beam pruning"):
 * dev cannot tell such margins apart, so pruning is what a caller asks
 * for (--beam-margin), not what it gets unasked. */
#define PARSER_BEAM_MARGIN INFINITY

/* The same with another beam width (1..PARSER_MAX_BEAM; 1 = greedy), to
 * measure what width buys: wider is more accurate up to a point, and
 * costs more where the model is unsure; pruned at margin: candidates
 * further behind the best than margin times its average move score are
 * dropped (parser_beam.h).  margin >= 0; PARSER_BEAM_MARGIN (HUGE_VAL)
 * keeps the full beam, every item scored at every step. */
dyad_status parser_parse_sentence_beam(const parser_model *model, int beam_width, double margin,
                                       dyad_sentence *sentence, dyad_arena *arena,
                                       dyad_error *error);

/* The beam width the model was trained with. */
int parser_beam_width(const parser_model *model);

#endif
