/*
 * tagger.h — part-of-speech tagging: Universal POS and Penn Treebank tags.
 *
 * Owns the tagger model (data/nlp/tagger.model), its feature extraction,
 * tagging and training.  A label is one (UPOS, XPOS) pair as seen in the
 * training treebank ("PROPN NNP", "AUX VBZ"): predicting the pair jointly
 * keeps the two tag sets consistent with each other, which the pattern
 * dictionaries downstream (Penn tags) and the parser (UPOS) both rely on.
 *
 * Tagging is two greedy passes of averaged perceptrons (nlp/perceptron.h):
 * a first pass right to left, then the final pass left to right, which
 * also sees the first pass's tags of the word and of the next two words.
 * A single left-to-right pass knows the words ahead only by their forms
 * and ambiguity classes; the first pass gives it their likely tags,
 * decided in the light of the words after them.  In
 * training, the first-pass tags the final pass learns from come from
 * first-pass models that did not see the sentence (jackknifing), so
 * that it trusts them as much as they deserve on new text.  Both passes
 * use one set of feature templates, mirrored for the right-to-left pass.
 * Each word's features look at the word itself
 * (form, lowercase, prefixes, suffixes, shape, flags), its neighbours two
 * either side, the tags already given to the two words before it (after
 * it, in the first pass), and the
 * "ambiguity class" of the words around it: the set of Penn tags each
 * word took in the training data, which lets the tagger see ahead to how
 * the next words are likely to be tagged before it has tagged them.
 * Words the treebank never showed it are described by what WordNet says
 * they can be (a noun lemma, a verb form in -ed, ...: the lemmatizer's
 * word classes), which is why a tagger model is paired with the
 * lemmatizer model it was trained with.  Frequent words that always took
 * one tag in training are looked up in a tag dictionary instead of being
 * scored, which is both faster and at least as accurate.
 *
 * A model may also be trained with word clusters (nlp/word_clusters.h:
 * classes learned from text fifty times larger than the treebank): the
 * word's classes and its neighbours' describe the many words the treebank
 * has seen rarely or never by the company they keep.  Such a model is
 * paired with its clusters model the same way as with the lemmatizer
 * (an id recorded at training, checked at loading); a model trained
 * without clusters extracts exactly the features it always did.
 *
 * The model is immutable after loading and shared by all threads; tag
 * strings handed out (token->upos, ->xpos) point into it, so tagging
 * allocates only per-sentence scratch from the caller's arena.
 */
#ifndef DYAD_NLP_TAGGER_H
#define DYAD_NLP_TAGGER_H

#include "dyad.h"
#include "ingest/conllu_read.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct tagger tagger;
typedef struct lemmatizer lemmatizer;
typedef struct word_clusters word_clusters;

/* Loads a tagger model file (one read; every section checked).  A model
 * trained with word classes also loads the lemmatizer model beside it
 * (lemmatizer.model in the same directory), which must be the one it was
 * trained with; the tagger owns it and tagger_word_classes hands it out,
 * so the pipeline can lemmatize without loading it twice.  A model
 * trained with word clusters loads clusters.model beside it in the same
 * way (tagger_word_clusters hands it out). */
dyad_status tagger_load(const char *path, tagger **out, dyad_error *error);
/* The same with a lemmatizer the caller loaded (borrowed: it must outlive
 * the tagger); clusters, when the model has them, from beside it. */
dyad_status tagger_load_with_word_classes(const char *path, const lemmatizer *word_classes,
                                          tagger **out, dyad_error *error);
/* The same with a lemmatizer and word clusters the caller loaded
 * (borrowed; either may be NULL, and a NULL one that the model needs is
 * loaded from beside it).  For models written elsewhere than their
 * companions, such as the parser trainer's fold taggers. */
dyad_status tagger_load_sharing(const char *path, const lemmatizer *word_classes,
                                const word_clusters *clusters, tagger **out, dyad_error *error);
/* Loads <data_dir>/nlp/tagger.model (and its lemmatizer.model). */
dyad_status tagger_load_from_data_dir(const char *data_dir, tagger **out, dyad_error *error);
void tagger_free(tagger *tagger);

/* The lemmatizer whose WordNet word classes the tagger uses, or NULL for
 * a model trained without. */
const lemmatizer *tagger_word_classes(const tagger *tagger);

/* The word clusters the tagger uses, or NULL for a model trained without. */
const word_clusters *tagger_word_clusters(const tagger *tagger);

uint32_t tagger_label_count(const tagger *tagger);
const char *tagger_label_upos(const tagger *tagger, uint32_t label);
const char *tagger_label_xpos(const tagger *tagger, uint32_t label);

/* Tags words[0..count) (NUL-terminated UTF-8 forms), writing one label
 * per word.  scratch holds per-sentence working memory; it may be reset
 * after the call. */
dyad_status tagger_tag_words(const tagger *tagger, const char *const *words, size_t count,
                             uint16_t *labels, dyad_arena *scratch, dyad_error *error);

/* Fills token->upos and token->xpos of every token of the sentence. */
dyad_status tagger_tag_sentence(const tagger *tagger, dyad_sentence *sentence,
                                dyad_arena *arena, dyad_error *error);

/* ------------------------------------------------------------ features */

/* The shape of a word: upper case letters become X, lower case x,
 * digits d, anything else stays; runs longer than three are cut to three
 * ("Moscow" → "Xxxx", "10,000" → "dd,ddd", "U.S." → "X.X.").  Writes a
 * NUL-terminated string of at most size-1 bytes; returns its length. */
size_t tagger_word_shape(const char *word, char *out, size_t size);

/* The lower-case form the tagger uses as a word's identity: case folded,
 * every digit written 0 ("1,500" → "0,000").  Same contract as above. */
size_t tagger_normalize_word(const char *word, char *out, size_t size);

enum { TAGGER_MAX_FEATURES = 48 };

/* The feature keys of word `position` of words[0..count), given the labels
 * already chosen for the words before it (labels[0..position)).  Fills
 * features[TAGGER_MAX_FEATURES] and returns how many.  A position before
 * `position` whose label is unknown may be given as UINT16_MAX.  Exposed
 * for tests and tools; tagging computes the same keys faster from
 * per-sentence tables. */
size_t tagger_word_features(const tagger *tagger, const char *const *words, size_t count,
                            size_t position, const uint16_t *labels, const uint16_t *first_pass,
                            uint64_t *features, dyad_arena *scratch);

/* ------------------------------------------------------------ training */

typedef struct tagger_iteration_report {
    unsigned pass;            /* 1: the first pass (right to left), 2: the final pass */
    unsigned iteration;
    double train_accuracy;    /* on the words scored while training (not dictionary words) */
    double dev_upos, dev_xpos;/* percentages */
    size_t features;          /* features with at least one weight after averaging and pruning */
    bool best;                /* the best so far on dev (by UPOS, then XPOS) */
} tagger_iteration_report;

typedef struct tagger_training_options {
    unsigned iterations;      /* passes over the training data (default 12) */
    uint64_t seed;            /* shuffling seed; same seed, same model */
    /* called after each iteration (may be NULL) */
    void (*on_iteration)(const tagger_iteration_report *report, void *context);
    void *context;
    /* WordNet word classes for words the treebank does not know (see
     * lemmatizer_word_classes); NULL trains a model without them */
    const lemmatizer *word_classes;
    /* folds for the first pass's tags that the final pass trains on
     * (0: 5; at least 2).  Each fold costs one more first-pass training. */
    unsigned first_pass_folds;
    /* word clusters whose classes become features (see word_clusters.h);
     * NULL trains a model without them, the same as before they existed */
    const word_clusters *clusters;
} tagger_training_options;

/* Trains on `train`, picks the iteration with the best dev accuracy, and
 * writes that averaged model to out_path. */
dyad_status tagger_train(const conllu_corpus *train, const conllu_corpus *dev,
                         const tagger_training_options *options, const char *out_path,
                         dyad_error *error);

/* -------------------------------------------------------------- scoring */

typedef struct tagger_accuracy {
    size_t words;
    size_t upos_correct, xpos_correct, both_correct;
    double seconds;           /* time spent tagging (CPU, this thread) */
} tagger_accuracy;

/* Tags every sentence of corpus with its gold words and counts agreement
 * with the gold tags.  predicted_labels may be NULL; when given, it
 * receives corpus->word_count labels in corpus order. */
dyad_status tagger_evaluate(const tagger *tagger, const conllu_corpus *corpus,
                            tagger_accuracy *accuracy, uint16_t *predicted_labels,
                            dyad_error *error);

#endif
