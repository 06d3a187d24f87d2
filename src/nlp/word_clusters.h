/*
 * word_clusters.h — word classes learned from unlabelled text (Brown
 * clusters), for the tagger's and parser's features.
 *
 * Owns data/nlp/clusters.model: its training, its file format, loading
 * and lookup.  The treebank the tagger and parser learn from has about
 * 200k words; most words of the news it never showed.  A class-bigram
 * clustering of a corpus thirty times larger groups words that occur in
 * the same contexts ("Tuesday" with "Friday", "said" with "told"), so a
 * feature on a word's class generalises to the words the treebank did not
 * have (Koo, Carreras & Collins 2008).
 *
 * Shape:
 *   - Three granularities that nest: level 2 (finest, e.g. 512 classes)
 *     comes from the exchange algorithm (Martin, Liebermann & Ney 1998),
 *     which maximises the class-bigram likelihood by moving one word at a
 *     time to its best class; levels 1 and 0 (e.g. 128, 32) are made by
 *     merging the fine classes greedily with Brown et al.'s (1992)
 *     criterion (the merge that loses the least likelihood).  Nesting
 *     makes a coarse class a function of the fine one, like a prefix of a
 *     Brown bit string, so the model stores one fine class per word and a
 *     small table of the coarser ones, and a feature at a coarse level
 *     backs off its finer one consistently.
 *   - A word is looked up by a 32-bit fingerprint of its normalised form
 *     in an open-addressing table that lives in the model file and is used
 *     in place (layout in word_clusters_format.h): 6 bytes a slot, about
 *     7.5 bytes a word, and a lookup reads one or two cache lines.
 *   - Normalisation (simple lower-casing of every letter, every decimal
 *     digit written '0') is one function used by training and lookup
 *     alike: "Gaza", "GAZA" and "gaza" share a class, and so do "1990"
 *     and "2024" (but not "1990" and "90").
 *
 * The model is immutable after loading and shared by all threads.
 */
#ifndef DYAD_NLP_WORD_CLUSTERS_H
#define DYAD_NLP_WORD_CLUSTERS_H

#include "dyad.h"

#include <stddef.h>
#include <stdint.h>

enum { WORD_CLUSTER_LEVELS = 3 };          /* level 0 coarsest */
/* The levels by name, for the features that read one of them. */
enum { WORD_CLUSTER_COARSE = 0, WORD_CLUSTER_MIDDLE = 1, WORD_CLUSTER_FINE = 2 };

/* The most classes a level may have (classes are 16-bit, 0 is unknown). */
enum { WORD_CLUSTER_MAX_CLASSES = 4096 };

typedef struct word_clusters word_clusters;

dyad_status word_clusters_load(const char *path, word_clusters **out, dyad_error *error);
void word_clusters_free(word_clusters *clusters);

/* The word's class at each level (1-based), all 0 for a word the corpus did not have
 * often enough.  `word` is a token's form as written; normalisation (case folding,
 * digits) happens inside, the same way as in training. */
void word_clusters_lookup(const word_clusters *clusters, const char *word, size_t length,
                          uint16_t classes[WORD_CLUSTER_LEVELS]);

/* Identifies the data, like lemmatizer_word_classes_id: a tagger or parser
 * trained with one clusters model can refuse another.  Never 0. */
uint64_t word_clusters_id(const word_clusters *clusters);

/* How many classes each level has, and how many words the model knows. */
uint32_t word_clusters_class_count(const word_clusters *clusters, int level);
uint32_t word_clusters_word_count(const word_clusters *clusters);

/* ------------------------------------------------------------ training */

/* Longest normalised form that takes part (bytes); longer words are
 * unknown in training and at lookup. */
enum { WORD_CLUSTER_MAX_WORD = 96, WORD_CLUSTER_MAX_ITERATIONS = 100 };

/* Writes the normalised form of word into out (at most
 * WORD_CLUSTER_MAX_WORD bytes, not NUL-terminated) and returns its length,
 * or 0 when the word is empty or too long. */
size_t word_clusters_normalise(const char *word, size_t length, char *out);

typedef struct word_clusters_options {
    uint32_t min_count;                        /* words seen fewer times are unknown (3) */
    uint32_t classes[WORD_CLUSTER_LEVELS];     /* coarse to fine, each < the next (32,128,512) */
    uint32_t iterations;                       /* exchange passes at most (15); it stops
                                                  earlier when a pass moves no word */
    /* Called with a line of progress ("iteration 3: ..."), may be NULL:
     * the library does not print. */
    void (*progress)(void *context, const char *message);
    void *progress_context;
} word_clusters_options;

/* Fills the defaults above. */
void word_clusters_options_init(word_clusters_options *options);

typedef struct word_clusters_report {
    uint64_t tokens;               /* tokens read */
    uint64_t lines;                /* non-empty lines (paragraphs) read */
    uint64_t invalid_lines;        /* lines that were not UTF-8: counted and left out */
    uint64_t unknown_tokens;       /* tokens of words below min_count */
    uint32_t words;                /* words clustered */
    uint32_t iterations;           /* exchange passes run */
    uint32_t moves_last;           /* words the last pass moved */
    uint32_t fingerprint_clashes;  /* words left out of the table (word_clusters_format.h) */
    /* Class-bigram log-likelihood per token (natural log) of the fine
     * clustering: [0] the initial one, [i] after pass i. */
    double log_likelihood[WORD_CLUSTER_MAX_ITERATIONS + 1];
    double merged_log_likelihood[WORD_CLUSTER_LEVELS]; /* each level's, after merging */
    double seconds_reading, seconds_exchange, seconds_merging;
} word_clusters_report;

typedef struct word_clusters_trainer word_clusters_trainer;

/* A trainer that tokenizes with dyad's tokenizer loaded from data_dir
 * (data/text/ word lists). */
dyad_status word_clusters_trainer_new(const char *data_dir, word_clusters_trainer **out,
                                      dyad_error *error);
/* Adds the text of a file: one paragraph per line, UTF-8. */
dyad_status word_clusters_trainer_add_file(word_clusters_trainer *trainer, const char *path,
                                           dyad_error *error);
/* Adds text held in memory (paragraphs separated by line breaks). */
dyad_status word_clusters_trainer_add_text(word_clusters_trainer *trainer, const char *text,
                                           size_t length, dyad_error *error);
/* Clusters what was added and writes the model to out_path.  words_path,
 * when not NULL, receives a readable listing: one line per word with its
 * classes at each level, its count and its form, by fine class. */
dyad_status word_clusters_train(word_clusters_trainer *trainer,
                                const word_clusters_options *options, const char *out_path,
                                const char *words_path, word_clusters_report *report,
                                dyad_error *error);
void word_clusters_trainer_free(word_clusters_trainer *trainer);

#endif
