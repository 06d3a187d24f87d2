/*
 * lemmatizer.h — dictionary forms of words ("met" → meet, "children" →
 * child, "criticised" → criticise, "was" → be).
 *
 * Owns data/nlp/lemmatizer.model and the lemmatization of tagged words.
 * The knowledge comes from two public sources, compiled into one model by
 * `dyad train lemmatizer`:
 *
 *   - WordNet (Debian's wordnet-base): its exception lists (irregular
 *     forms: "went" → go, "better" → good) and its lemma index, against
 *     which the candidates of WordNet's detachment rules ("-ies" → "-y",
 *     "-ed" → "-e" or nothing, ...) are checked, exactly as WordNet's
 *     morphy does.  The index lists British and American spellings alike.
 *   - The training treebank: a table of (form, Penn tag) → lemma for the
 *     words where WordNet's procedure would disagree with the treebank
 *     (closed-class words: "n't" → not, "'s" → be; conventions: "data" →
 *     data), and suffix rules (for a tag and a word ending, the most
 *     frequent edit) that pick among WordNet's candidates and lemmatize
 *     words WordNet does not know.
 *
 * The order of a lookup: treebank table; proper nouns keep their form;
 * uninflected tags give the (case-normalised) form; WordNet exceptions;
 * the treebank's suffix rule when WordNet knows its result; WordNet's
 * detachment rules; the suffix rule for unknown words.  Lemmas keep the
 * case of proper nouns, acronyms and of capitalised words inside a
 * sentence ("American"), and are lower-cased otherwise.
 *
 * The model is immutable after loading and shared by all threads; a lemma
 * is the form itself, a string inside the model, or built in the caller's
 * buffer, so lemmatizing a sentence allocates only lemmas that exist
 * nowhere else.
 */
#ifndef DYAD_NLP_LEMMATIZER_H
#define DYAD_NLP_LEMMATIZER_H

#include "dyad.h"
#include "ingest/conllu_read.h"

#include <stdbool.h>

typedef struct lemmatizer lemmatizer;

dyad_status lemmatizer_load(const char *path, lemmatizer **out, dyad_error *error);
/* Loads <data_dir>/nlp/lemmatizer.model. */
dyad_status lemmatizer_load_from_data_dir(const char *data_dir, lemmatizer **out,
                                          dyad_error *error);
void lemmatizer_free(lemmatizer *lemmatizer);

enum { LEMMA_MAX_BYTES = 256 };

/* The lemma of one word, given its tags (xpos may be NULL or "_"; then
 * upos decides) and whether it opens its sentence.  Returns form itself,
 * a string in the model, or buffer (LEMMA_MAX_BYTES bytes) holding a
 * lemma built for this word. */
const char *lemmatize_word(const lemmatizer *lemmatizer, const char *form, const char *upos,
                           const char *xpos, bool sentence_initial, char *buffer);

/* Fills token->lemma for every token of a tagged sentence (tokens without
 * tags are lemmatized as their form).  Lemmas built for a word are copied
 * into arena. */
dyad_status lemmatize_sentence(const lemmatizer *lemmatizer, dyad_sentence *sentence,
                               dyad_arena *arena, dyad_error *error);

/* What WordNet says a lower-case word can be, as a bit set: for each of
 * noun, verb, adjective, adverb, whether the word is a lemma (bits 0-3),
 * an irregular form (bits 4-7), and for each detachment rule whether it
 * turns the word into a lemma (bits 8 and up).  The tagger uses it to
 * guess the tags of words its training data never showed it. */
uint32_t lemmatizer_word_classes(const lemmatizer *lemmatizer, const char *lower);

/* Identifies the data lemmatizer_word_classes reads, so that a tagger
 * trained with one lemmatizer refuses another built from different
 * WordNet data.  Never 0. */
uint64_t lemmatizer_word_classes_id(const lemmatizer *lemmatizer);

/* ------------------------------------------------------------ building */

typedef struct lemmatizer_build_report {
    size_t wordnet_lemmas, wordnet_exceptions;
    size_t learned_forms;     /* (form, tag) entries taken from the treebank */
    size_t suffix_rules;
    double train_accuracy;    /* lemma accuracy on the training words with gold tags */
} lemmatizer_build_report;

/* Reads WordNet's index.{noun,verb,adj,adv} and {noun,verb,adj,adv}.exc
 * from wordnet_dir, learns from train, writes the model to out_path.  A
 * malformed WordNet line is an error naming its file and line. */
dyad_status lemmatizer_build(const conllu_corpus *train, const char *wordnet_dir,
                             const char *out_path, lemmatizer_build_report *report,
                             dyad_error *error);

#endif
