/*
 * sentence.h — where the sentences of a paragraph end.
 *
 * Owns the sentence-boundary decision over the tokens of one paragraph.
 * Paragraph ends are always boundaries (the clean stage found them); this
 * module decides the gaps inside a paragraph.
 *
 * Shape: every gap between two tokens is a candidate, scored by a linear
 * model (logistic regression over hashed features of the tokens on each
 * side: lower-cased words, character shapes, abbreviation kind, coarse
 * classes, how long the sentence is so far).  Scoring every gap rather
 * than only those after a full stop is what lets it end sentences that
 * have no punctuation (e-mail sign-offs, captions, lines of a list), and
 * learning rather than listing is what lets it weigh "Dec. 3" against
 * "... etc. Then".  A few rules (sentence_features.h) settle the gaps
 * whose answer is known before the model is asked.  Decisions are made
 * left to right so that the sentence so far can be a feature.  The model
 * is trained by our own code (sentence_train.h) on UD English EWT and
 * stored with util/model_file.h; without one, a rule decides (a final
 * mark followed by something that can start a sentence), which is what
 * `eval tokenize --rules` measures.  On EWT the model is worth ten points
 * of sentence F1 over the rule (dev 0.91 against 0.81).
 *
 * A sentence never grows beyond SENTENCE_MAX_TOKENS: a paragraph with no
 * full stop at all (a 10 MB dump, a table flattened into one line) is cut
 * after the last comma, semicolon, colon or dash within the last quarter
 * of the limit, or at the limit when there is none, so that later stages
 * (the parser is quadratic in sentence length at worst) stay bounded.
 */
#ifndef DYAD_TEXT_SENTENCE_H
#define DYAD_TEXT_SENTENCE_H

#include "tokenize.h"

#include <stdbool.h>
#include <stdint.h>

enum { SENTENCE_MAX_TOKENS = 500 };

typedef struct sentence_model sentence_model;

/* Reads a model written by sentence_model_save (kind "segmenter"). */
dyad_status sentence_model_load(const char *path, sentence_model **out, dyad_error *error);
void sentence_model_free(sentence_model *model);

/* Sets boundary[i] to 1 when a sentence ends after tokens[i], 0 otherwise;
 * boundary[count - 1] is always 1.  model NULL: rules only.  heading:
 * the paragraph is one sentence (cut only by the length limit).  Scratch
 * memory comes from arena. */
dyad_status sentence_boundaries(const sentence_model *model, const char *text,
                                const token_span *tokens, size_t count, bool heading,
                                uint8_t *boundary, dyad_arena *arena);

#endif
