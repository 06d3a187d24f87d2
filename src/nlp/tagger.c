/*
 * tagger.c — see tagger.h.
 *
 * Model file sections (kind "tagger"):
 *   tagger.meta     u32 format, label count, u64 id of the word classes
 *                   (lemmatizer) the model was trained with, 0 if none
 *   tagger.labels   label_count × "UPOS\0XPOS\0"
 *   tagger.lexicon  a key_table: for a normalised word, its ambiguity
 *                   class (high 32 bits, never 0) and WordNet word classes
 *                   + 1 (low 32 bits; 0 without word classes); for an
 *                   exact form in the tag dictionary, its label + 1
 *   weights.*       the final, left-to-right pass (nlp/perceptron.h)
 *   backward.*      the first, right-to-left pass (format 4 on; a format 3
 *                   model has none and is tagged in one pass)
 *   tagger.clusters format 5 only: u64 id of the word clusters the model
 *                   was trained with (word_clusters_id, never 0)
 */
#include "tagger.h"
#include "key_table.h"
#include "lemmatizer.h"
#include "perceptron.h"
#include "word_clusters.h"
#include "util/arena.h"
#include "util/buffer.h"
#include "util/error.h"
#include "util/model_file.h"
#include "util/random.h"
#include "util/utf8.h"
#include "util/clock.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

/* Format 4 added the right-to-left first pass; format 3 models (one pass,
 * the same feature keys otherwise) still load.  Format 5 is format 4 with
 * word-cluster features; a model trained without clusters is still
 * written as format 4, byte for byte what it was before clusters. */
enum {
    TAGGER_FORMAT_CLUSTERS = 5, TAGGER_FORMAT = 4, TAGGER_FORMAT_ONE_PASS = 3, WORD_BYTES = 128,
    SHAPE_BYTES = 48
};

/* What a tag dictionary entry needs: seen this often in training, and
 * with one label at least this share of the time. */
enum { DICTIONARY_MIN_COUNT = 20 };
static const double DICTIONARY_MIN_SHARE = 0.99;
/* Ambiguity classes come from words seen at least this often; rarer words
 * would teach the tagger to trust a class that, for them, is just the
 * gold tag of the sentence being learned. */
enum { LEXICON_MIN_COUNT = 1 };
/* Training sentences see a lexicon built without their tenth of the data. */
enum { LEXICON_FOLDS = 10 };
/* A label counts in a word's ambiguity class when it has this share of
 * the word's occurrences (treebank errors stay out). */
static const double LEXICON_MIN_SHARE = 0.02;
/* The final pass learns from first-pass tags of sentences that the
 * first-pass model did not train on: it is trained this many times, each
 * time without one fold, to tag that fold. */
enum { FIRST_PASS_FOLDS = 5 };
/* Averaged weights smaller than this are dropped from the saved model. */
static const float PRUNE_BELOW = 0.5f;

/* Keys of the lexicon table: the kind of entry mixed with the word hash. */
enum { LEXICON_AMBIGUITY = 0x61, LEXICON_DICTIONARY = 0x64 };

typedef struct tagger_meta {
    uint32_t format, label_count;
    uint64_t word_classes_id;     /* lemmatizer_word_classes_id of the lemmatizer trained with, or 0 */
} tagger_meta;

struct tagger {
    model_file *file;             /* NULL for a model being trained */
    perceptron_model weights;     /* the final pass, left to right */
    perceptron_model backward;    /* the first pass, right to left; empty in a one-pass model */
    bool backward_only;           /* training: score the first pass alone */
    uint32_t label_count;
    const char **upos, **xpos;    /* label_count each, into the labels section */
    key_table lexicon;
    uint64_t word_classes_id;
    const lemmatizer *word_classes;   /* WordNet's view of unknown words, or NULL */
    lemmatizer *owned_word_classes;   /* when tagger_load loaded it */
    uint64_t clusters_id;             /* word_clusters_id of the clusters trained with, or 0 */
    const word_clusters *clusters;    /* NULL for a model trained without */
    word_clusters *owned_clusters;    /* when the loader loaded it */
    /* heap copies when the tagger was built in memory */
    char *owned_labels;
    uint64_t *owned_lexicon;
};

/* Per-word values every feature of a sentence is built from, computed
 * once per word. */
enum { WORD_KEYS = 18 };

typedef struct word_context {
    uint64_t normalized, exact, shape, ambiguity, wordnet;
    uint64_t prefix[3], suffix[4];
    uint32_t flags;
    int32_t dictionary_label;     /* -1 when the word is not in the dictionary */
    /* the word's classes, coarse to fine (word_clusters_lookup), for a
     * word the dictionary does not settle; all 0 for a word the clusters do
     * not know, for the padding, and without clusters */
    uint16_t cluster[WORD_CLUSTER_LEVELS];
    /* the feature keys that look at the word alone, the same in both
     * passes: hashed once (only for words the dictionary does not settle) */
    uint32_t word_key_count;
    uint64_t word_keys[WORD_KEYS];
} word_context;

static void word_keys(const tagger *tagger, const char *word, word_context *context);

enum {
    FLAG_DIGIT = 1, FLAG_HYPHEN = 2, FLAG_INITIAL_UPPER = 4, FLAG_ALL_UPPER = 8,
    FLAG_LETTER = 16, FLAG_PERIOD = 32, FLAG_NON_ASCII = 64
};

/* Two sentinel words pad each side of a sentence. */
enum { PADDING = 2 };

static uint64_t lexicon_get(const tagger *tagger, uint64_t key) {
    uint64_t value = 0;
    return key_table_find(&tagger->lexicon, key, &value) ? value : 0;
}

/* ------------------------------------------------------ word analysis */

static int32_t next_codepoint(const unsigned char **cursor, const unsigned char *end) {
    int32_t codepoint;
    size_t length = utf8_decode(*cursor, (size_t)(end - *cursor), &codepoint);
    if (length == 0) {
        *cursor += 1;
        return 0xFFFD;
    }
    *cursor += length;
    return codepoint;
}

size_t tagger_normalize_word(const char *word, char *out, size_t size) {
    const unsigned char *cursor = (const unsigned char *)word, *end = cursor + strlen(word);
    size_t length = 0;
    while (cursor < end) {
        int32_t codepoint = next_codepoint(&cursor, end);
        char encoded[4];
        size_t bytes = utf8_encode(utf8_fold_word_codepoint(codepoint), encoded);
        if (length + bytes >= size) break;
        memcpy(out + length, encoded, bytes);
        length += bytes;
    }
    if (size) out[length] = '\0';
    return length;
}

static char shape_class(int32_t codepoint, uint32_t *flags) {
    if (codepoint < 0x80) {
        char c = (char)codepoint;
        if (c >= 'A' && c <= 'Z') {
            *flags |= FLAG_LETTER;
            return 'X';
        }
        if (c >= 'a' && c <= 'z') {
            *flags |= FLAG_LETTER;
            return 'x';
        }
        if (c >= '0' && c <= '9') {
            *flags |= FLAG_DIGIT;
            return 'd';
        }
        if (c == '-') *flags |= FLAG_HYPHEN;
        if (c == '.') *flags |= FLAG_PERIOD;
        return c;
    }
    *flags |= FLAG_NON_ASCII;
    switch (utf8proc_category(codepoint)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        *flags |= FLAG_LETTER;
        return 'X';
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        *flags |= FLAG_LETTER;
        return 'x';
    case UTF8PROC_CATEGORY_ND:
        *flags |= FLAG_DIGIT;
        return 'd';
    case UTF8PROC_CATEGORY_PD:
        *flags |= FLAG_HYPHEN;
        return '-';
    default:
        return '*';
    }
}

/* Shape and flags in one pass over the form. */
static size_t shape_and_flags(const char *word, char *out, size_t size, uint32_t *flags) {
    const unsigned char *cursor = (const unsigned char *)word, *end = cursor + strlen(word);
    size_t length = 0;
    int run = 0;
    char previous = 0;
    bool first = true, any_lower = false;
    *flags = 0;
    while (cursor < end) {
        char c = shape_class(next_codepoint(&cursor, end), flags);
        if (first && c == 'X') *flags |= FLAG_INITIAL_UPPER;
        if (c == 'x') any_lower = true;
        first = false;
        run = c == previous ? run + 1 : 1;
        previous = c;
        if (run > 3 || length + 1 >= size) continue;
        out[length++] = c;
    }
    if ((*flags & FLAG_LETTER) && !any_lower) *flags |= FLAG_ALL_UPPER;
    if (size) out[length] = '\0';
    return length;
}

size_t tagger_word_shape(const char *word, char *out, size_t size) {
    uint32_t flags;
    return shape_and_flags(word, out, size, &flags);
}

/* Start of the last k code points of text[0..length), or 0. */
static size_t suffix_start(const char *text, size_t length, int k) {
    size_t position = length;
    while (k > 0 && position > 0) {
        position--;
        while (position > 0 && ((unsigned char)text[position] & 0xC0) == 0x80) position--;
        k--;
    }
    return position;
}

/* End of the first k code points. */
static size_t prefix_end(const char *text, size_t length, int k) {
    size_t position = 0;
    while (k > 0 && position < length) {
        position++;
        while (position < length && ((unsigned char)text[position] & 0xC0) == 0x80) position++;
        k--;
    }
    return position;
}

/* WordNet's classes of a normalised word as stored and used: + 1, so that
 * 0 means "no word classes". */
static uint64_t word_classes_value(const lemmatizer *word_classes, const char *normalized) {
    return 1 + (uint64_t)lemmatizer_word_classes(word_classes, normalized);
}

static void analyse_word(const tagger *tagger, const char *word, word_context *context) {
    char normalized[WORD_BYTES], shape[SHAPE_BYTES];
    size_t length = tagger_normalize_word(word, normalized, sizeof normalized);
    size_t shape_length = shape_and_flags(word, shape, sizeof shape, &context->flags);
    context->normalized = perceptron_hash_bytes(normalized, length);
    context->exact = perceptron_hash_bytes(word, strlen(word));
    context->shape = perceptron_hash_bytes(shape, shape_length);
    for (int k = 0; k < 3; k++)
        context->prefix[k] = perceptron_hash_bytes(normalized, prefix_end(normalized, length, k + 1));
    for (int k = 0; k < 4; k++) {
        size_t start = suffix_start(normalized, length, k + 1);
        context->suffix[k] = perceptron_hash_bytes(normalized + start, length - start);
    }
    /* known words carry their WordNet classes in the lexicon; only words
     * new to the tagger are looked up in WordNet */
    uint64_t known =
        lexicon_get(tagger, perceptron_hash_combine(LEXICON_AMBIGUITY, context->normalized));
    context->ambiguity = known >> 32;
    context->wordnet = known & 0xffffffffu;
    if (!known && tagger->word_classes)
        context->wordnet = word_classes_value(tagger->word_classes, normalized);
    uint64_t entry =
        lexicon_get(tagger, perceptron_hash_combine(LEXICON_DICTIONARY, context->exact));
    context->dictionary_label = entry && entry <= tagger->label_count ? (int32_t)(entry - 1) : -1;
    memset(context->cluster, 0, sizeof context->cluster); /* word_keys looks them up */
}

static void sentinel_context(word_context *context, uint64_t marker) {
    memset(context, 0, sizeof *context);
    context->normalized = context->exact = context->shape = context->ambiguity = marker;
    for (int k = 0; k < 3; k++) context->prefix[k] = marker;
    for (int k = 0; k < 4; k++) context->suffix[k] = marker;
    context->dictionary_label = -1;
}

/* contexts[PADDING + i] describes words[i]; the padding holds sentinels. */
static word_context *analyse_sentence(const tagger *tagger, const char *const *words,
                                      size_t count, dyad_arena *scratch) {
    word_context *contexts = arena_alloc(scratch, (count + 2 * PADDING) * sizeof *contexts);
    if (!contexts) return NULL;
    static const char start_marker[] = "-START-", end_marker[] = "-END-";
    uint64_t start = perceptron_hash_bytes(start_marker, sizeof start_marker - 1);
    uint64_t end = perceptron_hash_bytes(end_marker, sizeof end_marker - 1);
    for (int p = 0; p < PADDING; p++) {
        sentinel_context(&contexts[p], perceptron_hash_combine(start, (uint64_t)p));
        sentinel_context(&contexts[PADDING + count + (size_t)p],
                         perceptron_hash_combine(end, (uint64_t)p));
    }
    for (size_t i = 0; i < count; i++) {
        analyse_word(tagger, words[i], &contexts[PADDING + i]);
        if (contexts[PADDING + i].dictionary_label < 0)
            word_keys(tagger, words[i], &contexts[PADDING + i]);
    }
    return contexts;
}

/* Feature templates: each number is mixed into the keys it starts, so two
 * templates never share a key even when they look at equal values. */
enum {
    F_BIAS = 1, F_WORD, F_EXACT, F_SUFFIX1, F_SUFFIX2, F_SUFFIX3, F_SUFFIX4, F_PREFIX1,
    F_PREFIX2, F_PREFIX3, F_SHAPE, F_FLAGS, F_PREVIOUS_WORD, F_PREVIOUS2_WORD, F_NEXT_WORD,
    F_NEXT2_WORD, F_TAG1, F_TAG2, F_TAG1_TAG2, F_TAG1_WORD, F_PREVIOUS_SUFFIX3,
    F_NEXT_SUFFIX3, F_NEXT_SHAPE, F_AMBIGUITY, F_NEXT_AMBIGUITY, F_NEXT2_AMBIGUITY,
    F_TAG1_NEXT_AMBIGUITY, F_AMBIGUITY_NEXT_AMBIGUITY, F_WORD_NEXT_WORD, F_PREVIOUS_WORD_WORD,
    F_FIRST_SHAPE, F_TAG1_AMBIGUITY, F_PREVIOUS_SHAPE, F_TAG1_SHAPE, F_WORDNET, F_WORDNET_SHAPE,
    F_WORDNET_TAG1,
    /* the final pass only: what the first pass said of this word and the
     * next two */
    F_FIRST_OWN, F_FIRST_NEXT1, F_FIRST_NEXT2, F_FIRST_NEXT1_NEXT2, F_TAG1_FIRST_NEXT1,
    F_WORD_FIRST_NEXT1, F_TAG1_FIRST_OWN,
    /* models trained with word clusters: the word's class at each level,
     * the one template set tried that did not cost accuracy on EWT dev
     * (none gained; the neighbours' classes, the class with the suffix,
     * shape or previous tag, and the class standing in for the ambiguity
     * class of words the treebank lacks all cost: docs/tagger.md, "Word
     * clusters") */
    F_CLUSTER_COARSE, F_CLUSTER_MIDDLE, F_CLUSTER_FINE
};

/* The most features extract_features adds to the word's own keys. */
enum { CONTEXT_FEATURES = 29 };
_Static_assert(WORD_KEYS + CONTEXT_FEATURES <= TAGGER_MAX_FEATURES,
               "TAGGER_MAX_FEATURES is too small for the templates");

/* The first pass's tags around a word, for the final pass's features
 * (sentinel values past the sentence end). */
typedef struct first_pass_tags {
    uint32_t own, next1, next2;
} first_pass_tags;

static inline uint64_t key1(uint64_t template_id, uint64_t a) {
    return perceptron_hash_combine(template_id * 0x9e3779b97f4a7c15ull, a);
}

static inline uint64_t key2(uint64_t template_id, uint64_t a, uint64_t b) {
    return perceptron_hash_combine(key1(template_id, a), b);
}

/* The keys of the features that look at the word alone (the first
 * features of every pass), for a word the dictionary does not settle:
 * only such a word's classes are features, so only its classes are
 * looked up. */
static void word_keys(const tagger *tagger, const char *word, word_context *context) {
    if (tagger->clusters) word_clusters_lookup(tagger->clusters, word, strlen(word), context->cluster);
    uint64_t *keys = context->word_keys;
    size_t n = 0;
    keys[n++] = key1(F_BIAS, 0);
    keys[n++] = key1(F_WORD, context->normalized);
    keys[n++] = key1(F_EXACT, context->exact);
    keys[n++] = key1(F_SUFFIX1, context->suffix[0]);
    keys[n++] = key1(F_SUFFIX2, context->suffix[1]);
    keys[n++] = key1(F_SUFFIX3, context->suffix[2]);
    keys[n++] = key1(F_SUFFIX4, context->suffix[3]);
    keys[n++] = key1(F_PREFIX1, context->prefix[0]);
    keys[n++] = key1(F_PREFIX2, context->prefix[1]);
    keys[n++] = key1(F_PREFIX3, context->prefix[2]);
    keys[n++] = key1(F_SHAPE, context->shape);
    keys[n++] = key1(F_FLAGS, context->flags);
    keys[n++] = key1(F_AMBIGUITY, context->ambiguity);
    if (context->wordnet) {
        keys[n++] = key1(F_WORDNET, context->wordnet);
        keys[n++] = key2(F_WORDNET_SHAPE, context->wordnet, context->shape);
    }
    /* class 0: a word the clusters do not know, or a model without them */
    if (context->cluster[WORD_CLUSTER_COARSE]) {
        keys[n++] = key1(F_CLUSTER_COARSE, context->cluster[WORD_CLUSTER_COARSE]);
        keys[n++] = key1(F_CLUSTER_MIDDLE, context->cluster[WORD_CLUSTER_MIDDLE]);
        keys[n++] = key1(F_CLUSTER_FINE, context->cluster[WORD_CLUSTER_FINE]);
    }
    context->word_key_count = (uint32_t)n;
}

/* here points at the word's context (with PADDING neighbours either side).
 * step is +1 for a left-to-right pass and -1 for the right-to-left one:
 * "previous" is the neighbour the pass has already tagged, so one set of
 * templates serves both directions (each pass has its own weights).
 * tag1, tag2: labels of the two words tagged just before (sentinel values
 * at the sentence edge); first: the pass's first word; first_pass: the
 * first pass's tags, for the final pass of a two-pass model, else NULL. */
static size_t extract_features(const word_context *here, ptrdiff_t step, bool first,
                               uint32_t tag1, uint32_t tag2, const first_pass_tags *first_pass,
                               uint64_t *features) {
    const word_context *previous = here - step, *previous2 = here - 2 * step, *next = here + step,
                       *next2 = here + 2 * step;
    size_t n = here->word_key_count;
    memcpy(features, here->word_keys, n * sizeof *features);
    features[n++] = key1(F_PREVIOUS_WORD, previous->normalized);
    features[n++] = key1(F_PREVIOUS2_WORD, previous2->normalized);
    features[n++] = key1(F_NEXT_WORD, next->normalized);
    features[n++] = key1(F_NEXT2_WORD, next2->normalized);
    features[n++] = key1(F_TAG1, tag1);
    features[n++] = key1(F_TAG2, tag2);
    features[n++] = key2(F_TAG1_TAG2, tag1, tag2);
    features[n++] = key2(F_TAG1_WORD, tag1, here->normalized);
    features[n++] = key1(F_PREVIOUS_SUFFIX3, previous->suffix[2]);
    features[n++] = key1(F_NEXT_SUFFIX3, next->suffix[2]);
    features[n++] = key1(F_NEXT_SHAPE, next->shape);
    features[n++] = key1(F_PREVIOUS_SHAPE, previous->shape);
    features[n++] = key1(F_NEXT_AMBIGUITY, next->ambiguity);
    features[n++] = key1(F_NEXT2_AMBIGUITY, next2->ambiguity);
    features[n++] = key2(F_TAG1_NEXT_AMBIGUITY, tag1, next->ambiguity);
    features[n++] = key2(F_AMBIGUITY_NEXT_AMBIGUITY, here->ambiguity, next->ambiguity);
    features[n++] = key2(F_WORD_NEXT_WORD, here->normalized, next->normalized);
    features[n++] = key2(F_PREVIOUS_WORD_WORD, previous->normalized, here->normalized);
    features[n++] = key2(F_FIRST_SHAPE, first, here->shape);
    features[n++] = key2(F_TAG1_AMBIGUITY, tag1, here->ambiguity);
    features[n++] = key2(F_TAG1_SHAPE, tag1, here->shape);
    if (here->wordnet) features[n++] = key2(F_WORDNET_TAG1, here->wordnet, tag1);
    if (first_pass) {
        features[n++] = key1(F_FIRST_OWN, first_pass->own);
        features[n++] = key1(F_FIRST_NEXT1, first_pass->next1);
        features[n++] = key1(F_FIRST_NEXT2, first_pass->next2);
        features[n++] = key2(F_FIRST_NEXT1_NEXT2, first_pass->next1, first_pass->next2);
        features[n++] = key2(F_TAG1_FIRST_NEXT1, tag1, first_pass->next1);
        features[n++] = key2(F_WORD_FIRST_NEXT1, here->normalized, first_pass->next1);
        features[n++] = key2(F_TAG1_FIRST_OWN, tag1, first_pass->own);
    }
    return n;
}

/* The label of the word `back` places before `position` in the pass's
 * direction (step), or a value standing for "outside the sentence". */
static inline uint32_t history_label(const uint16_t *labels, size_t position, size_t count,
                                     ptrdiff_t step, size_t back, uint32_t label_count) {
    ptrdiff_t at = (ptrdiff_t)position - step * (ptrdiff_t)back;
    return at >= 0 && (size_t)at < count ? labels[at] : label_count + (uint32_t)back;
}

static inline first_pass_tags first_pass_at(const uint16_t *first_pass, size_t position,
                                            size_t count, uint32_t label_count) {
    return (first_pass_tags){
        .own = first_pass[position],
        .next1 = history_label(first_pass, position, count, -1, 1, label_count),
        .next2 = history_label(first_pass, position, count, -1, 2, label_count)};
}

size_t tagger_word_features(const tagger *tagger, const char *const *words, size_t count,
                            size_t position, const uint16_t *labels, const uint16_t *first_pass,
                            uint64_t *features, dyad_arena *scratch) {
    if (position >= count) return 0;
    word_context *contexts = analyse_sentence(tagger, words, count, scratch);
    if (!contexts) return 0;
    /* tagging skips a dictionary word; its features are asked for here */
    if (contexts[PADDING + position].dictionary_label >= 0)
        word_keys(tagger, words[position], &contexts[PADDING + position]);
    first_pass_tags around;
    if (first_pass) around = first_pass_at(first_pass, position, count, tagger->label_count);
    return extract_features(&contexts[PADDING + position], 1, position == 0,
                            history_label(labels, position, count, 1, 1, tagger->label_count),
                            history_label(labels, position, count, 1, 2, tagger->label_count),
                            first_pass ? &around : NULL, features);
}

/* ------------------------------------------------------------- tagging */

uint32_t tagger_label_count(const tagger *tagger) { return tagger->label_count; }

const lemmatizer *tagger_word_classes(const tagger *tagger) { return tagger->word_classes; }

const word_clusters *tagger_word_clusters(const tagger *tagger) { return tagger->clusters; }

const char *tagger_label_upos(const tagger *tagger, uint32_t label) {
    return label < tagger->label_count ? tagger->upos[label] : NULL;
}

const char *tagger_label_xpos(const tagger *tagger, uint32_t label) {
    return label < tagger->label_count ? tagger->xpos[label] : NULL;
}

/* One greedy pass over the sentence in the direction of step (+1 left to
 * right, -1 right to left), with first_pass (the first pass's labels) for
 * the final pass of a two-pass model, NULL otherwise. */
static void tag_pass(const perceptron_model *weights, uint32_t label_count,
                     const word_context *contexts, size_t count, ptrdiff_t step,
                     const uint16_t *first_pass, uint16_t *labels, int32_t *scores) {
    uint64_t features[TAGGER_MAX_FEATURES];
    for (size_t k = 0; k < count; k++) {
        size_t i = step > 0 ? k : count - 1 - k;
        const word_context *here = &contexts[PADDING + i];
        if (here->dictionary_label >= 0) {
            labels[i] = (uint16_t)here->dictionary_label;
            continue;
        }
        first_pass_tags around;
        if (first_pass) around = first_pass_at(first_pass, i, count, label_count);
        size_t n = extract_features(here, step, k == 0,
                                    history_label(labels, i, count, step, 1, label_count),
                                    history_label(labels, i, count, step, 2, label_count),
                                    first_pass ? &around : NULL, features);
        memset(scores, 0, perceptron_score_room(label_count) * sizeof *scores);
        perceptron_model_score(weights, features, n, scores);
        labels[i] = (uint16_t)perceptron_argmax(scores, label_count);
    }
}

static bool has_first_pass(const tagger *tagger) { return tagger->backward.class_count != 0; }

dyad_status tagger_tag_words(const tagger *tagger, const char *const *words, size_t count,
                             uint16_t *labels, dyad_arena *scratch, dyad_error *error) {
    if (count == 0) return DYAD_OK;
    word_context *contexts = analyse_sentence(tagger, words, count, scratch);
    int32_t *scores = arena_alloc(scratch, perceptron_score_room(tagger->label_count) * sizeof *scores);
    uint16_t *first_pass =
        has_first_pass(tagger) ? arena_alloc(scratch, count * sizeof *first_pass) : NULL;
    if (!contexts || !scores || (has_first_pass(tagger) && !first_pass))
        return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    if (tagger->backward_only) {
        tag_pass(&tagger->backward, tagger->label_count, contexts, count, -1, NULL, labels, scores);
    } else if (first_pass) {
        tag_pass(&tagger->backward, tagger->label_count, contexts, count, -1, NULL, first_pass,
                 scores);
        tag_pass(&tagger->weights, tagger->label_count, contexts, count, 1, first_pass, labels,
                 scores);
    } else {
        tag_pass(&tagger->weights, tagger->label_count, contexts, count, 1, NULL, labels, scores);
    }
    return DYAD_OK;
}

dyad_status tagger_tag_sentence(const tagger *tagger, dyad_sentence *sentence,
                                dyad_arena *arena, dyad_error *error) {
    size_t count = sentence->token_count;
    if (count == 0) return DYAD_OK;
    const char **words = arena_alloc(arena, count * sizeof *words);
    uint16_t *labels = arena_alloc(arena, count * sizeof *labels);
    if (!words || !labels) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    for (size_t i = 0; i < count; i++) words[i] = sentence->tokens[i].text;
    dyad_status status = tagger_tag_words(tagger, words, count, labels, arena, error);
    if (status != DYAD_OK) return status;
    for (size_t i = 0; i < count; i++) {
        sentence->tokens[i].upos = tagger->upos[labels[i]];
        sentence->tokens[i].xpos = tagger->xpos[labels[i]];
    }
    return DYAD_OK;
}

/* ------------------------------------------------------------- loading */

/* Splits the labels section into the upos/xpos pointer arrays. */
static dyad_status index_labels(tagger *tagger, const char *labels, size_t size, const char *path,
                                dyad_error *error) {
    tagger->upos = calloc(tagger->label_count ? tagger->label_count : 1, sizeof *tagger->upos);
    tagger->xpos = calloc(tagger->label_count ? tagger->label_count : 1, sizeof *tagger->xpos);
    if (!tagger->upos || !tagger->xpos)
        return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    size_t offset = 0;
    for (uint32_t label = 0; label < tagger->label_count; label++) {
        for (int part = 0; part < 2; part++) {
            const char *start = labels + offset;
            const char *nul = offset < size ? memchr(start, '\0', size - offset) : NULL;
            if (!nul || nul == start)
                return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                                 "tagger labels section ends inside label %u of %u", label,
                                 tagger->label_count);
            if (part == 0) tagger->upos[label] = start;
            else tagger->xpos[label] = start;
            offset += (size_t)(nul - start) + 1;
        }
    }
    return DYAD_OK;
}

static dyad_status open_tagger(const char *path, tagger **out, dyad_error *error) {
    *out = NULL;
    tagger *result = calloc(1, sizeof *result);
    if (!result) return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    dyad_status status = model_file_open(path, "tagger", &result->file, error);
    if (status != DYAD_OK) {
        free(result);
        return status;
    }
    size_t meta_size, labels_size;
    const tagger_meta *meta = model_file_section(result->file, "tagger.meta", &meta_size);
    const char *labels = model_file_section(result->file, "tagger.labels", &labels_size);
    if (!meta || meta_size != sizeof *meta || !labels) {
        status = error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                           "tagger model lacks its meta or labels section");
    } else if (meta->format != TAGGER_FORMAT_CLUSTERS && meta->format != TAGGER_FORMAT &&
               meta->format != TAGGER_FORMAT_ONE_PASS) {
        status = error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                           "tagger feature format %u, this dyad uses %d to %d; retrain the tagger",
                           meta->format, TAGGER_FORMAT_ONE_PASS, TAGGER_FORMAT_CLUSTERS);
    } else if (meta->label_count == 0 || meta->label_count > UINT16_MAX - 4) {
        status = error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                           "tagger model has %u labels", meta->label_count);
    } else {
        bool two_pass = meta->format != TAGGER_FORMAT_ONE_PASS;
        result->label_count = meta->label_count;
        result->word_classes_id = meta->word_classes_id;
        status = index_labels(result, labels, labels_size, path, error);
        if (status == DYAD_OK)
            status = key_table_view(result->file, "tagger.lexicon", path, &result->lexicon, error);
        if (status == DYAD_OK)
            status = perceptron_model_view(result->file, "weights", path, &result->weights, error);
        if (status == DYAD_OK && two_pass)
            status = perceptron_model_view(result->file, "backward", path, &result->backward, error);
        if (status == DYAD_OK && meta->format == TAGGER_FORMAT_CLUSTERS) {
            size_t size;
            const void *clusters = model_file_section(result->file, "tagger.clusters", &size);
            if (clusters && size == sizeof result->clusters_id)
                memcpy(&result->clusters_id, clusters, sizeof result->clusters_id);
            if (!result->clusters_id)
                status = error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                                   "tagger model of format %d lacks its tagger.clusters section",
                                   TAGGER_FORMAT_CLUSTERS);
        }
        if (status == DYAD_OK && (result->weights.class_count != result->label_count ||
                                  (two_pass && result->backward.class_count != result->label_count)))
            status = error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                               "tagger weights score %u and %u classes but the model has %u labels",
                               result->weights.class_count, result->backward.class_count,
                               result->label_count);
    }
    if (status != DYAD_OK) {
        tagger_free(result);
        return status;
    }
    *out = result;
    return DYAD_OK;
}

/* Gives the tagger the word classes it was trained with (borrowed). */
static dyad_status attach_word_classes(tagger *tagger, const lemmatizer *word_classes,
                                       const char *path, dyad_error *error) {
    if (!tagger->word_classes_id) return DYAD_OK; /* trained without: ignore */
    if (!word_classes)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "this tagger needs the lemmatizer model it was trained with");
    if (lemmatizer_word_classes_id(word_classes) != tagger->word_classes_id)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "this tagger was trained with a lemmatizer built from other WordNet data; "
                         "retrain the tagger");
    tagger->word_classes = word_classes;
    return DYAD_OK;
}

/* Gives the tagger the word clusters it was trained with (borrowed). */
static dyad_status attach_clusters(tagger *tagger, const word_clusters *clusters, const char *path,
                                   dyad_error *error) {
    if (!tagger->clusters_id) return DYAD_OK; /* trained without: ignore */
    if (!clusters)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "this tagger needs the word clusters model it was trained with");
    if (word_clusters_id(clusters) != tagger->clusters_id)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "this tagger was trained with other word clusters (id %016llx, the "
                         "clusters model given is %016llx); retrain the tagger or give it its own "
                         "clusters.model",
                         (unsigned long long)tagger->clusters_id,
                         (unsigned long long)word_clusters_id(clusters));
    tagger->clusters = clusters;
    return DYAD_OK;
}

dyad_status tagger_load_sharing(const char *path, const lemmatizer *word_classes,
                                const word_clusters *clusters, tagger **out, dyad_error *error) {
    dyad_status status = open_tagger(path, out, error);
    if (status != DYAD_OK) return status;
    tagger *result = *out;
    char sibling[PATH_MAX];
    if (result->word_classes_id && !word_classes) {
        status = model_file_sibling_path(path, "lemmatizer.model", sibling, sizeof sibling, error);
        if (status == DYAD_OK) {
            status = lemmatizer_load(sibling, &result->owned_word_classes, error);
            if (status != DYAD_OK)
                error_prefix(error,
                             "the tagger needs the lemmatizer.model it was trained with beside it");
        }
        word_classes = result->owned_word_classes;
    }
    if (status == DYAD_OK) status = attach_word_classes(result, word_classes, path, error);
    if (status == DYAD_OK && result->clusters_id && !clusters) {
        status = model_file_sibling_path(path, "clusters.model", sibling, sizeof sibling, error);
        if (status == DYAD_OK) {
            status = word_clusters_load(sibling, &result->owned_clusters, error);
            if (status != DYAD_OK)
                error_prefix(error,
                             "the tagger needs the clusters.model it was trained with beside it");
        }
        clusters = result->owned_clusters;
    }
    if (status == DYAD_OK) status = attach_clusters(result, clusters, path, error);
    if (status != DYAD_OK) {
        tagger_free(result);
        *out = NULL;
    }
    return status;
}

dyad_status tagger_load(const char *path, tagger **out, dyad_error *error) {
    return tagger_load_sharing(path, NULL, NULL, out, error);
}

dyad_status tagger_load_with_word_classes(const char *path, const lemmatizer *word_classes,
                                          tagger **out, dyad_error *error) {
    return tagger_load_sharing(path, word_classes, NULL, out, error);
}

dyad_status tagger_load_from_data_dir(const char *data_dir, tagger **out, dyad_error *error) {
    char path[PATH_MAX];
    if ((size_t)snprintf(path, sizeof path, "%s/nlp/tagger.model", data_dir) >= sizeof path)
        return error_set(error, DYAD_ERR_USAGE, data_dir, 0, -1, "data directory path too long");
    return tagger_load(path, out, error);
}

void tagger_free(tagger *tagger) {
    if (!tagger) return;
    if (tagger->file) {
        model_file_close(tagger->file);
    } else {
        perceptron_model_release(&tagger->weights);
        perceptron_model_release(&tagger->backward);
    }
    free(tagger->upos);
    free(tagger->xpos);
    free(tagger->owned_labels);
    free(tagger->owned_lexicon);
    lemmatizer_free(tagger->owned_word_classes);
    word_clusters_free(tagger->owned_clusters);
    free(tagger);
}

/* ------------------------------------------------------------- scoring */

dyad_status tagger_evaluate(const tagger *tagger, const conllu_corpus *corpus,
                            tagger_accuracy *accuracy, uint16_t *predicted_labels,
                            dyad_error *error) {
    memset(accuracy, 0, sizeof *accuracy);
    dyad_arena *scratch = dyad_arena_new();
    if (!scratch) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    dyad_status status = DYAD_OK;
    size_t done = 0;
    for (size_t s = 0; s < corpus->sentence_count && status == DYAD_OK; s++) {
        const conllu_sentence *sentence = &corpus->sentences[s];
        size_t count = sentence->word_count;
        dyad_arena_reset(scratch);
        const char **words = arena_alloc(scratch, (count ? count : 1) * sizeof *words);
        uint16_t *labels = arena_alloc(scratch, (count ? count : 1) * sizeof *labels);
        if (!words || !labels) {
            status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
            break;
        }
        for (size_t w = 0; w < count; w++) words[w] = sentence->words[w].form;
        double started = clock_seconds(CLOCK_THREAD_CPUTIME_ID);
        status = tagger_tag_words(tagger, words, count, labels, scratch, error);
        accuracy->seconds += clock_seconds(CLOCK_THREAD_CPUTIME_ID) - started;
        for (size_t w = 0; w < count && status == DYAD_OK; w++) {
            bool upos = strcmp(tagger->upos[labels[w]], sentence->words[w].upos) == 0;
            bool xpos = strcmp(tagger->xpos[labels[w]], sentence->words[w].xpos) == 0;
            accuracy->words++;
            accuracy->upos_correct += upos;
            accuracy->xpos_correct += xpos;
            accuracy->both_correct += upos && xpos;
            if (predicted_labels) predicted_labels[done] = labels[w];
            done++;
        }
    }
    dyad_arena_free(scratch);
    return status;
}

/* ------------------------------------------------------------ training */

typedef struct label_set {
    char **upos, **xpos;
    uint32_t count, capacity;
} label_set;

static void label_set_free(label_set *set) {
    for (uint32_t i = 0; i < set->count; i++) {
        free(set->upos[i]);
        free(set->xpos[i]);
    }
    free(set->upos);
    free(set->xpos);
}

static int32_t label_find(const label_set *set, const char *upos, const char *xpos) {
    for (uint32_t i = 0; i < set->count; i++)
        if (strcmp(set->upos[i], upos) == 0 && strcmp(set->xpos[i], xpos) == 0) return (int32_t)i;
    return -1;
}

static int compare_labels(const void *a, const void *b, void *context) {
    const label_set *set = context;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    int order = strcmp(set->upos[x], set->upos[y]);
    return order ? order : strcmp(set->xpos[x], set->xpos[y]);
}

/* The distinct (UPOS, XPOS) pairs of the training data, sorted so that the
 * model does not depend on the order of the file. */
static dyad_status collect_labels(const conllu_corpus *train, label_set *set, dyad_error *error) {
    memset(set, 0, sizeof *set);
    for (size_t s = 0; s < train->sentence_count; s++) {
        const conllu_sentence *sentence = &train->sentences[s];
        for (size_t w = 0; w < sentence->word_count; w++) {
            const conllu_word *word = &sentence->words[w];
            if (label_find(set, word->upos, word->xpos) >= 0) continue;
            if (set->count >= UINT16_MAX - 4)
                return error_set(error, DYAD_ERR_LIMIT, NULL, sentence->line, -1,
                                 "too many distinct tag pairs in the training data");
            if (set->count == set->capacity) {
                uint32_t capacity = set->capacity ? set->capacity * 2 : 64;
                char **upos = realloc(set->upos, capacity * sizeof *upos);
                if (upos) set->upos = upos;
                char **xpos = upos ? realloc(set->xpos, capacity * sizeof *xpos) : NULL;
                if (!upos || !xpos) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
                set->xpos = xpos;
                set->capacity = capacity;
            }
            set->upos[set->count] = strdup(word->upos);
            set->xpos[set->count] = strdup(word->xpos);
            if (!set->upos[set->count] || !set->xpos[set->count]) {
                free(set->upos[set->count]);
                free(set->xpos[set->count]);
                return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
            }
            set->count++;
        }
    }
    if (set->count == 0)
        return error_set(error, DYAD_ERR_FORMAT, NULL, 0, -1, "the training data has no words");
    uint32_t *order = malloc(set->count * sizeof *order);
    char **upos = malloc(set->count * sizeof *upos), **xpos = malloc(set->count * sizeof *xpos);
    if (!order || !upos || !xpos) {
        free(order);
        free(upos);
        free(xpos);
        return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    }
    for (uint32_t i = 0; i < set->count; i++) order[i] = i;
    qsort_r(order, set->count, sizeof *order, compare_labels, set);
    for (uint32_t i = 0; i < set->count; i++) {
        upos[i] = set->upos[order[i]];
        xpos[i] = set->xpos[order[i]];
    }
    free(set->upos);
    free(set->xpos);
    free(order);
    set->upos = upos;
    set->xpos = xpos;
    set->capacity = set->count;
    return DYAD_OK;
}

/* Word statistics for the lexicon: per word hash, label counts. */
typedef struct word_count {
    uint64_t key;             /* hash of the normalised or exact form */
    uint32_t total;
    uint32_t word_classes;    /* word_classes_value, 0 without */
    uint32_t *labels;         /* label_count counts */
} word_count;

typedef struct word_counts {
    word_count *slots;
    uint32_t slot_count, used, label_count;
} word_counts;

static inline uint32_t count_slot(uint64_t key, uint32_t slot_count) {
    return (uint32_t)(((uint64_t)(uint32_t)key * slot_count) >> 32);
}

static word_count *word_counts_get(word_counts *counts, uint64_t key) {
    if ((counts->used + 1) * 2 > counts->slot_count) {
        uint32_t size = counts->slot_count ? counts->slot_count * 2 : 1u << 14;
        word_count *slots = calloc(size, sizeof *slots);
        if (!slots) return NULL;
        for (uint32_t s = 0; s < counts->slot_count; s++) {
            if (!counts->slots[s].key) continue;
            uint32_t slot = count_slot(counts->slots[s].key, size);
            while (slots[slot].key) slot = slot + 1 == size ? 0 : slot + 1;
            slots[slot] = counts->slots[s];
        }
        free(counts->slots);
        counts->slots = slots;
        counts->slot_count = size;
    }
    uint32_t slot = count_slot(key, counts->slot_count);
    while (counts->slots[slot].key && counts->slots[slot].key != key)
        slot = slot + 1 == counts->slot_count ? 0 : slot + 1;
    word_count *entry = &counts->slots[slot];
    if (!entry->key) {
        entry->labels = calloc(counts->label_count, sizeof *entry->labels);
        if (!entry->labels) return NULL;
        entry->key = key;
        counts->used++;
    }
    return entry;
}

static void word_counts_free(word_counts *counts) {
    for (uint32_t s = 0; s < counts->slot_count; s++) free(counts->slots[s].labels);
    free(counts->slots);
}

/* Builds the lexicon table (ambiguity classes and tag dictionary) from the
 * training data; with folds > 0, from all sentences but those whose index
 * is excluded_fold modulo folds. */
static dyad_status build_lexicon(const conllu_corpus *train, const int32_t *gold, uint32_t label_count,
                                 const lemmatizer *word_classes, size_t folds,
                                 size_t excluded_fold, uint64_t **out_table, uint32_t *out_slots,
                                 dyad_error *error) {
    word_counts normalized = {.label_count = label_count}, exact = {.label_count = label_count};
    dyad_status status = DYAD_OK;
    size_t index = 0;
    char buffer[WORD_BYTES];
    for (size_t s = 0; s < train->sentence_count && status == DYAD_OK; s++) {
        const conllu_sentence *sentence = &train->sentences[s];
        if (folds && s % folds == excluded_fold) {
            index += sentence->word_count;
            continue;
        }
        for (size_t w = 0; w < sentence->word_count; w++, index++) {
            const char *form = sentence->words[w].form;
            size_t length = tagger_normalize_word(form, buffer, sizeof buffer);
            word_count *a = word_counts_get(&normalized, perceptron_hash_bytes(buffer, length));
            word_count *b = word_counts_get(&exact, perceptron_hash_bytes(form, strlen(form)));
            if (!a || !b) {
                status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
                break;
            }
            if (a->total++ == 0 && word_classes)
                a->word_classes = (uint32_t)word_classes_value(word_classes, buffer);
            a->labels[gold[index]]++;
            b->total++;
            b->labels[gold[index]]++;
        }
    }
    size_t capacity = (size_t)normalized.used + exact.used + 1, entries = 0;
    uint64_t *keys = status == DYAD_OK ? malloc(capacity * sizeof *keys) : NULL;
    uint64_t *values = keys ? malloc(capacity * sizeof *values) : NULL;
    if (status == DYAD_OK && !values)
        status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    if (status == DYAD_OK) {
        for (uint32_t s = 0; s < normalized.slot_count; s++) {
            const word_count *entry = &normalized.slots[s];
            if (!entry->key || entry->total < LEXICON_MIN_COUNT) continue;
            uint64_t ambiguity = 0x616d62ull;
            for (uint32_t label = 0; label < label_count; label++)
                if (entry->labels[label] > 0 &&
                    entry->labels[label] >= LEXICON_MIN_SHARE * entry->total)
                    ambiguity = perceptron_hash_combine(ambiguity, label);
            keys[entries] = perceptron_hash_combine(LEXICON_AMBIGUITY, entry->key);
            values[entries++] = (ambiguity | 1) << 32 | entry->word_classes;
        }
        for (uint32_t s = 0; s < exact.slot_count; s++) {
            const word_count *entry = &exact.slots[s];
            if (!entry->key || entry->total < DICTIONARY_MIN_COUNT) continue;
            uint32_t best = 0;
            for (uint32_t label = 1; label < label_count; label++)
                if (entry->labels[label] > entry->labels[best]) best = label;
            if (entry->labels[best] < DICTIONARY_MIN_SHARE * entry->total) continue;
            keys[entries] = perceptron_hash_combine(LEXICON_DICTIONARY, entry->key);
            values[entries++] = best + 1;
        }
    }
    uint64_t *table = NULL;
    uint32_t slot_count = 0;
    if (status == DYAD_OK && !(table = key_table_build(keys, values, entries, &slot_count)))
        status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    free(keys);
    free(values);
    word_counts_free(&normalized);
    word_counts_free(&exact);
    if (status != DYAD_OK) {
        free(table);
        return status;
    }
    *out_table = table;
    *out_slots = slot_count;
    return DYAD_OK;
}


static dyad_status gold_labels(const conllu_corpus *corpus, const label_set *labels, int32_t *out) {
    size_t index = 0;
    for (size_t s = 0; s < corpus->sentence_count; s++)
        for (size_t w = 0; w < corpus->sentences[s].word_count; w++, index++) {
            const conllu_word *word = &corpus->sentences[s].words[w];
            out[index] = label_find(labels, word->upos, word->xpos);
        }
    return DYAD_OK;
}

static dyad_status save_tagger(const tagger *tagger, const perceptron_model *weights,
                               const perceptron_model *backward, const char *labels,
                               size_t labels_size, const char *path, dyad_error *error) {
    model_writer *writer = model_writer_new("tagger");
    if (!writer) return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    tagger_meta meta = {.format = tagger->clusters_id ? TAGGER_FORMAT_CLUSTERS : TAGGER_FORMAT,
                        .label_count = tagger->label_count,
                        .word_classes_id = tagger->word_classes_id};
    bool ok = model_writer_add(writer, "tagger.meta", &meta, sizeof meta) &&
              (!tagger->clusters_id || model_writer_add(writer, "tagger.clusters",
                                                        &tagger->clusters_id,
                                                        sizeof tagger->clusters_id)) &&
              model_writer_add(writer, "tagger.labels", labels, labels_size) &&
              model_writer_add(writer, "tagger.lexicon", tagger->lexicon.slots,
                               (size_t)tagger->lexicon.slot_count * 16) &&
              perceptron_model_write(weights, writer, "weights") &&
              perceptron_model_write(backward, writer, "backward");
    dyad_status status = ok ? model_writer_save(writer, path, error)
                            : error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    model_writer_free(writer);
    return status;
}

/* Everything one training run holds; freed by training_free. */
typedef struct training {
    const conllu_corpus *train;
    label_set labels;
    tagger model;               /* labels, lexicon, word classes; weights per iteration */
    size_t labels_size;         /* bytes of model.owned_labels */
    int32_t *gold;              /* per training word, its label */
    uint16_t *predicted;        /* per training word, the label guessed in this pass */
    uint16_t *first_pass;       /* per training word, the jackknifed first pass's label */
    size_t *word_start;         /* per sentence, index of its first word */
    size_t *context_start;      /* per sentence, index of its first context (padding included) */
    word_context *contexts;
    size_t *order;              /* sentence order of the current pass */
    float *scores;
    dyad_arena *scratch;
} training;

static void training_free(training *state) {
    free(state->model.upos);
    free(state->model.xpos);
    free(state->model.owned_labels);
    free(state->model.owned_lexicon);
    label_set_free(&state->labels);
    free(state->gold);
    free(state->predicted);
    free(state->first_pass);
    free(state->word_start);
    free(state->context_start);
    free(state->contexts);
    free(state->order);
    free(state->scores);
    dyad_arena_free(state->scratch);
}

/* Labels, gold labels, the lexicon, and room for the rest. */
static dyad_status training_prepare(training *state, const conllu_corpus *train,
                                    const lemmatizer *word_classes, const word_clusters *clusters,
                                    dyad_error *error) {
    state->train = train;
    dyad_status status = collect_labels(train, &state->labels, error);
    if (status != DYAD_OK) return status;
    uint32_t label_count = state->labels.count;
    state->model.label_count = label_count;
    state->model.word_classes = word_classes;
    if (word_classes) state->model.word_classes_id = lemmatizer_word_classes_id(word_classes);
    state->model.clusters = clusters;
    if (clusters) state->model.clusters_id = word_clusters_id(clusters);
    size_t words = train->word_count + 1, sentences = train->sentence_count + 1;
    state->gold = malloc(words * sizeof *state->gold);
    state->predicted = malloc(words * sizeof *state->predicted);
    state->first_pass = malloc(words * sizeof *state->first_pass);
    state->word_start = malloc(sentences * sizeof *state->word_start);
    state->context_start = malloc(sentences * sizeof *state->context_start);
    state->contexts = malloc((words + 2 * PADDING * sentences) * sizeof *state->contexts);
    state->order = malloc(sentences * sizeof *state->order);
    state->scores = malloc(label_count * sizeof *state->scores);
    state->scratch = dyad_arena_new();
    dyad_buffer label_bytes = {0};
    bool ok = state->gold && state->predicted && state->first_pass && state->word_start &&
              state->context_start && state->contexts && state->order && state->scores &&
              state->scratch;
    for (uint32_t i = 0; i < label_count && ok; i++)
        ok = buffer_append(&label_bytes, state->labels.upos[i], strlen(state->labels.upos[i]) + 1) &&
             buffer_append(&label_bytes, state->labels.xpos[i], strlen(state->labels.xpos[i]) + 1);
    state->model.owned_labels = label_bytes.data;
    state->labels_size = label_bytes.length;
    if (!ok) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    size_t word = 0, context = 0;
    for (size_t s = 0; s < train->sentence_count; s++) {
        state->word_start[s] = word;
        state->context_start[s] = context;
        state->order[s] = s;
        word += train->sentences[s].word_count;
        context += train->sentences[s].word_count + 2 * PADDING;
    }
    status = index_labels(&state->model, state->model.owned_labels, state->labels_size, NULL, error);
    if (status == DYAD_OK) status = gold_labels(train, &state->labels, state->gold);
    if (status == DYAD_OK)
        status = build_lexicon(train, state->gold, label_count, word_classes, 0, 0,
                               &state->model.owned_lexicon, &state->model.lexicon.slot_count, error);
    state->model.lexicon.slots = state->model.owned_lexicon;
    return status;
}

/* The word contexts of the whole training set, computed once.  Each
 * sentence sees the lexicon of the other folds only ("jackknifing"):
 * otherwise a rare word's ambiguity class would be exactly its gold tag in
 * training, and the tagger would learn to trust classes far more than
 * they deserve on new text. */
static dyad_status training_analyse(training *state, dyad_error *error) {
    const conllu_corpus *train = state->train;
    for (size_t fold = 0; fold < LEXICON_FOLDS; fold++) {
        tagger fold_model = state->model;
        uint64_t *fold_lexicon = NULL;
        dyad_status status = build_lexicon(train, state->gold, state->labels.count,
                                           state->model.word_classes, LEXICON_FOLDS, fold,
                                           &fold_lexicon, &fold_model.lexicon.slot_count, error);
        if (status != DYAD_OK) return status;
        fold_model.lexicon.slots = fold_lexicon;
        for (size_t s = fold; s < train->sentence_count; s += LEXICON_FOLDS) {
            const conllu_sentence *sentence = &train->sentences[s];
            dyad_arena_reset(state->scratch);
            const char **words = arena_alloc(state->scratch, (sentence->word_count + 1) * sizeof *words);
            word_context *analysed = NULL;
            if (words) {
                for (size_t w = 0; w < sentence->word_count; w++) words[w] = sentence->words[w].form;
                analysed = analyse_sentence(&fold_model, words, sentence->word_count, state->scratch);
            }
            if (!analysed) {
                free(fold_lexicon);
                return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
            }
            memcpy(state->contexts + state->context_start[s], analysed,
                   (sentence->word_count + 2 * PADDING) * sizeof *state->contexts);
        }
        free(fold_lexicon);
    }
    return DYAD_OK;
}

/* One pass over the training sentences in a fresh random order, learning
 * from each word the dictionary does not settle, in the direction of step
 * (+1 for the final pass, -1 for the first).  With folds > 0 the sentences
 * of fold excluded_fold are left out.  The history features see the
 * pass's own guesses, as tagging will; first_pass (per training word)
 * feeds the final pass and is NULL for the first. */
static dyad_status training_pass(training *state, perceptron_trainer *trainer, ptrdiff_t step,
                                 size_t folds, size_t excluded_fold, const uint16_t *first_pass,
                                 uint64_t *random_state, double *accuracy, dyad_error *error) {
    const conllu_corpus *train = state->train;
    uint32_t label_count = state->labels.count;
    random_shuffle(state->order, train->sentence_count, random_state);
    size_t scored = 0, correct = 0;
    uint64_t features[TAGGER_MAX_FEATURES];
    for (size_t k = 0; k < train->sentence_count; k++) {
        size_t s = state->order[k];
        if (folds && s % folds == excluded_fold) continue;
        size_t count = train->sentences[s].word_count;
        const word_context *contexts = state->contexts + state->context_start[s];
        uint16_t *history = state->predicted + state->word_start[s];
        const int32_t *gold = state->gold + state->word_start[s];
        for (size_t visited = 0; visited < count; visited++) {
            size_t i = step > 0 ? visited : count - 1 - visited;
            const word_context *here = &contexts[PADDING + i];
            if (here->dictionary_label >= 0) {
                history[i] = (uint16_t)here->dictionary_label;
                continue;
            }
            first_pass_tags around;
            if (first_pass)
                around = first_pass_at(first_pass + state->word_start[s], i, count, label_count);
            size_t n = extract_features(here, step, visited == 0,
                                        history_label(history, i, count, step, 1, label_count),
                                        history_label(history, i, count, step, 2, label_count),
                                        first_pass ? &around : NULL, features);
            memset(state->scores, 0, label_count * sizeof *state->scores);
            perceptron_trainer_score(trainer, features, n, state->scores);
            uint32_t guess = 0;
            for (uint32_t c = 1; c < label_count; c++)
                if (state->scores[c] > state->scores[guess]) guess = c;
            if (!perceptron_trainer_learn(trainer, features, n, (uint32_t)gold[i], guess))
                return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
            scored++;
            correct += guess == (uint32_t)gold[i];
            history[i] = (uint16_t)guess;
        }
    }
    *accuracy = scored ? 100.0 * (double)correct / (double)scored : 0;
    return DYAD_OK;
}

static double percent(size_t part, size_t whole) {
    return whole ? 100.0 * (double)part / (double)whole : 0;
}

/* Trains one of the two passes on all the training data (pass 1: the
 * first, right to left; pass 2: the final one, which reads
 * state->first_pass in training and the first-pass model already in
 * state->model.backward on dev), and keeps the averaged weights of the
 * iteration with the best dev accuracy (the last without dev). */
static dyad_status train_pass_model(training *state, const conllu_corpus *dev, unsigned iterations,
                                    unsigned pass, const tagger_training_options *options,
                                    uint64_t *random_state, perceptron_model *best,
                                    unsigned *best_iteration, dyad_error *error) {
    bool first = pass == 1;
    perceptron_trainer *trainer = perceptron_trainer_new(state->labels.count);
    if (!trainer) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    double best_upos = -1, best_xpos = -1;
    dyad_status status = DYAD_OK;
    for (unsigned iteration = 1; iteration <= iterations && status == DYAD_OK; iteration++) {
        tagger_iteration_report report = {.iteration = iteration, .pass = pass};
        status = training_pass(state, trainer, first ? -1 : 1, 0, 0, first ? NULL : state->first_pass,
                               random_state, &report.train_accuracy, error);
        if (status != DYAD_OK) break;
        perceptron_model averaged;
        if (!perceptron_trainer_average(trainer, PRUNE_BELOW, &averaged)) {
            status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
            break;
        }
        tagger_accuracy accuracy = {0};
        perceptron_model *scored = first ? &state->model.backward : &state->model.weights;
        *scored = averaged;
        state->model.backward_only = first;
        if (dev) status = tagger_evaluate(&state->model, dev, &accuracy, NULL, error);
        *scored = (perceptron_model){0};
        state->model.backward_only = false;
        report.dev_upos = percent(accuracy.upos_correct, accuracy.words);
        report.dev_xpos = percent(accuracy.xpos_correct, accuracy.words);
        report.features = averaged.feature_count;
        report.best = !dev || report.dev_upos > best_upos ||
                      (report.dev_upos == best_upos && report.dev_xpos > best_xpos);
        if (status == DYAD_OK && report.best) {
            best_upos = report.dev_upos;
            best_xpos = report.dev_xpos;
            perceptron_model_release(best);
            *best = averaged;
            *best_iteration = iteration;
        } else {
            perceptron_model_release(&averaged);
        }
        if (status == DYAD_OK && options && options->on_iteration)
            options->on_iteration(&report, options->context);
    }
    perceptron_trainer_free(trainer);
    return status;
}

/* Fills state->first_pass: each fold's sentences tagged right to left by a
 * first-pass model trained on the other folds.  Tagged by a model that had
 * seen them, the training sentences would get first-pass tags far better
 * than new text gets, and the final pass would learn to trust them too
 * much. */
static dyad_status jackknife_first_pass(training *state, size_t folds, unsigned iterations,
                                        uint64_t *random_state, dyad_error *error) {
    const conllu_corpus *train = state->train;
    uint32_t label_count = state->labels.count;
    int32_t *scores = malloc(perceptron_score_room(label_count) * sizeof *scores);
    if (!scores) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    dyad_status status = DYAD_OK;
    for (size_t fold = 0; fold < folds && status == DYAD_OK; fold++) {
        perceptron_trainer *trainer = perceptron_trainer_new(label_count);
        if (!trainer) status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        for (unsigned iteration = 0; iteration < iterations && status == DYAD_OK; iteration++) {
            double accuracy;
            status = training_pass(state, trainer, -1, folds, fold, NULL, random_state, &accuracy,
                                   error);
        }
        perceptron_model averaged = {0};
        if (status == DYAD_OK && !perceptron_trainer_average(trainer, PRUNE_BELOW, &averaged))
            status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        for (size_t s = fold; s < train->sentence_count && status == DYAD_OK; s += folds)
            tag_pass(&averaged, label_count, state->contexts + state->context_start[s],
                     train->sentences[s].word_count, -1, NULL,
                     state->first_pass + state->word_start[s], scores);
        perceptron_model_release(&averaged);
        perceptron_trainer_free(trainer);
    }
    free(scores);
    return status;
}

dyad_status tagger_train(const conllu_corpus *train, const conllu_corpus *dev,
                         const tagger_training_options *options, const char *out_path,
                         dyad_error *error) {
    unsigned iterations = options && options->iterations ? options->iterations : 12;
    size_t folds = options && options->first_pass_folds ? options->first_pass_folds
                                                        : FIRST_PASS_FOLDS;
    if (folds < 2) folds = 2;
    /* xorshift needs a state other than 0, which a seed of 0 ("the
     * default") never becomes; every other seed is its own state, so two
     * seeds never train the same model */
    uint64_t random_state = options && options->seed ? options->seed : 0x5eed;
    training state = {0};
    perceptron_model backward = {0}, forward = {0};
    unsigned backward_iterations = iterations, forward_iterations = iterations;
    dyad_status status =
        training_prepare(&state, train, options ? options->word_classes : NULL,
                         options ? options->clusters : NULL, error);
    if (status == DYAD_OK) status = training_analyse(&state, error);
    if (status == DYAD_OK)
        status = train_pass_model(&state, dev, iterations, 1, options, &random_state, &backward,
                                  &backward_iterations, error);
    /* the fold models train as long as the best full first pass did */
    if (status == DYAD_OK)
        status = jackknife_first_pass(&state, folds, backward_iterations, &random_state, error);
    state.model.backward = backward;
    if (status == DYAD_OK)
        status = train_pass_model(&state, dev, iterations, 2, options, &random_state, &forward,
                                  &forward_iterations, error);
    state.model.backward = (perceptron_model){0};
    if (status == DYAD_OK)
        status = save_tagger(&state.model, &forward, &backward, state.model.owned_labels,
                             state.labels_size, out_path, error);
    perceptron_model_release(&backward);
    perceptron_model_release(&forward);
    training_free(&state);
    return status;
}
