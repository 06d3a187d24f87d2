/*
 * parser.h — the labelled dependency parser of the nlp stage.
 *
 * Owns: turning a tagged sentence into a Universal Dependencies tree
 * (token->head, token->deprel).  A greedy transition-based parser
 * (arc-hybrid, see transition.h) whose moves are chosen by an averaged
 * perceptron over rich sparse features (parser_features.h), trained on UD
 * English EWT with a dynamic oracle (parser_train.h).  Greedy and linear
 * in the sentence length: one pass, two moves per word, no search — the
 * fastest design that reaches the accuracy we need, and the output
 * depends only on the sentence, never on threads or earlier input.
 *
 * The model (data/nlp/parser.model) is loaded once, used in place and
 * never modified, so one parser_model is shared by all threads.  Parsing
 * allocates only from the caller's arena.
 */
#ifndef DYAD_NLP_PARSER_H
#define DYAD_NLP_PARSER_H

#include "dyad.h"

typedef struct parser_model parser_model;

/* Loads a model written by the trainer; every inconsistency (wrong kind or
 * version, truncation, bad checksum, out-of-range tables) is an error
 * naming the file. */
dyad_status parser_model_load(const char *path, parser_model **out, dyad_error *error);
void parser_model_free(parser_model *model);

/* The model file's path under a data directory, into buffer. */
const char *parser_model_path(const char *data_dir, char *buffer, size_t size);

/* Parses one sentence: reads each token's text, xpos and upos (tags may
 * be NULL: unknown), sets head (1-based, 0 = root) and deprel (a string
 * owned by the model).  Scratch memory comes from arena. */
dyad_status parser_parse_sentence(const parser_model *model, dyad_sentence *sentence,
                                  dyad_arena *arena, dyad_error *error);

#endif
