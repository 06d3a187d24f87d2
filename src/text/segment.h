/*
 * segment.h — sentences and tokens of a cleaned document.
 *
 * Owns: turning document->text and ->paragraphs (set by the clean stage)
 * into document->sentences, each with its tokens (Universal Dependencies
 * syntactic words, byte offsets into the text).  The work is split in
 * three modules: tokenize.h (the tokenizer and its word lists),
 * sentence.h (where sentences end), and this one, which runs them per
 * paragraph and builds the public structs.
 *
 * Shape: a paragraph is tokenized into a scratch array of spans, the
 * boundaries are decided over those spans, and then every sentence gets
 * an exact-size dyad_token array and every token a NUL-terminated copy
 * of its text, all from the document's arena (one allocation per
 * paragraph for the copies, none per token).  Headings are one sentence
 * each.  When a sentence ends on an abbreviation ("... and Co."), the
 * full stop becomes a token of its own, as UD English writes it.
 */
#ifndef DYAD_TEXT_SEGMENT_H
#define DYAD_TEXT_SEGMENT_H

#include "dyad.h"
#include "sentence.h"
#include "tokenize.h"

typedef struct segment_resources segment_resources;

/* data_dir: where data/text/ lives; loads the word lists and
 * data/text/sentence.model. */
dyad_status segment_resources_load(const char *data_dir, segment_resources **out,
                                   dyad_error *error);

/* The same with another sentence model: model_path NULL is the default
 * one, "" none at all (sentence boundaries by rule only). */
dyad_status segment_resources_load_model(const char *data_dir, const char *model_path,
                                         segment_resources **out, dyad_error *error);
void segment_resources_free(segment_resources *resources);

const tokenizer *segment_tokenizer(const segment_resources *resources);

dyad_status segment_document(const segment_resources *resources, dyad_document *document,
                             dyad_error *error);

#endif
