/*
 * parser_model.h — what a trained parser consists of, shared by the
 * parser (parser.c) and its trainer (parser_train.c).
 *
 * A model is four lexicons (lowercased word forms, XPOS tags, UPOS tags,
 * dependency labels) that turn strings into the small ids the feature
 * templates pack, and a table of feature weights.  The weight table is an
 * open-addressing hash table keyed by the 64-bit feature keys; each entry
 * points at a run of cells, one per class (move + label) the feature has
 * a non-zero weight for.  The perceptron leaves most (feature, class)
 * pairs at zero — a feature seen with a determiner never votes for
 * `nsubj` — so storing only the non-zero cells keeps the model a few MB
 * instead of 100 floats per feature.
 *
 * A table entry is 8 bytes: the high half of the feature key as a
 * fingerprint (the low half picks the slot) and where its weights are.
 * Rare features (nearly all of them) keep a short run of cells, one 32-bit
 * word each: the class in the top 8 bits and the weight as a 24-bit signed
 * fixed-point number below (scale in the header).  The few thousand
 * frequent features (tags, tag pairs) that have weights for dozens of
 * classes — and that make up most lookups — have a dense row of int32
 * weights instead, added with vector instructions and small enough to
 * stay in cache.  Small entries and a table ~75% full matter more than
 * anything else for speed: scoring is a hundred random lookups per move,
 * and whether they hit the processor's caches decides how fast the parser
 * runs.  So the entries are split in two hash tables: a small "hot" one
 * with the features training looked up most (32k of them answer three
 * quarters of all lookups, and the table stays in the L2 cache), probed
 * first, and a large "cold" one with the rest.  Weights the
 * averaged perceptron leaves near zero are dropped when the model is
 * frozen (parser_train.h), which removes two thirds of the features at no
 * cost in accuracy.
 * Scores are summed as integers, so they do not depend on summation order
 * and every build gives byte-identical parses.
 *
 * The stored arrays point either into a loaded model file (used in place,
 * never copied) or into memory the trainer owns.  What scoring reads is
 * laid out from them once, when the model is loaded or frozen, by
 * parser_table_prepare (the one allocation here): the cells re-encoded,
 * the hot table's fingerprints apart from its weights, and dense rows for
 * the hot features with many cells.  That block is never written again,
 * so a loaded model stays shared by all threads.
 *
 * Since format 6 a model may also carry a small network that rescores the
 * perceptron's closest moves (parser_network.h, sections "network.*"),
 * built into its own tables at load and as immutable as the rest.
 */
#ifndef DYAD_NLP_PARSER_MODEL_H
#define DYAD_NLP_PARSER_MODEL_H

#include "parser.h"
#include "parser_features.h"
#include "transition.h"
#include "../util/model_file.h"
#include "parser_network.h"

#include <stdbool.h>
#include <stdint.h>

/* Bumped whenever the feature templates or the layout below change: an
 * older model is then refused instead of parsing garbage.  A model with
 * word clusters says PARSER_FORMAT_VERSION_CLUSTERS instead, so that a
 * dyad from before clusters refuses it rather than parse without them;
 * one without stays at PARSER_FORMAT_VERSION, the same bytes as before. */
enum { PARSER_FORMAT_VERSION = 4, PARSER_FORMAT_VERSION_CLUSTERS = 5 };
/* A model with word clusters and a move-scoring network beside the
 * perceptron (sections "network.*", parser_network.h): a dyad from before
 * the network refuses it rather than parse without it. */
enum { PARSER_FORMAT_VERSION_NETWORK = 6 };

enum {
    PARSER_MAX_LABELS = 126,
    PARSER_MAX_CLASSES = 1 + 2 * PARSER_MAX_LABELS,
    PARSER_MAX_ROW_STRIDE = 256,         /* classes rounded up for vector adds */
    PARSER_DENSE_ROW = 1u << 31,         /* entry payload: a dense row index follows */
    PARSER_MAX_CELLS = 1u << 23          /* a sparse payload has 23 bits of cell index */
};

/* Strings <-> ids.  Entry i (0-based) has id PARSER_ID_FIRST + i. */
typedef struct parser_lexicon {
    uint32_t count;
    uint32_t capacity;        /* slots in index: a power of two, > count */
    const char *strings;      /* the entries, NUL-terminated, back to back */
    uint32_t strings_size;
    const uint32_t *offsets;  /* [count]: start of entry i in strings */
    const uint32_t *index;    /* [capacity]: id hashed to that slot, 0 = empty */
} parser_lexicon;

typedef struct parser_entry {
    uint32_t fingerprint;     /* parser_key_fingerprint(key); 0 = empty slot */
    uint32_t weights;         /* PARSER_DENSE_ROW | row, or first cell << 8 | cell count */
} parser_entry;

/* An open-addressing table of entries, linear probing. */
typedef struct parser_hash {
    uint32_t capacity;        /* slots: any number >= 1, at least one empty */
    const parser_entry *entries;
    /* Derived by parser_table_prepare for the hot table, the layout its
     * lookups read: the fingerprints alone, so that one vector compare
     * tests PARSER_PROBE_WIDTH slots at once (a table three quarters full
     * makes a key it lacks walk eight slots on average), and the weights
     * words by slot.  Both have PARSER_PROBE_WIDTH extra slots repeating
     * the first ones, so a group of slots never wraps around the end.
     * The cold table (half full, a fifth of the lookups, cache misses
     * either way) is probed in its stored entries and has neither. */
    const uint32_t *fingerprints;
    const uint32_t *weights;
} parser_hash;

enum { PARSER_PROBE_WIDTH = 8 };

typedef struct parser_table {
    parser_hash hot, cold;
    const uint32_t *cells;    /* class << 24 | (weight & 0xffffff) */
    uint32_t cell_count;
    const int32_t *rows;      /* row_count rows of row_stride weights, by class */
    uint32_t row_count;
    uint32_t row_stride;      /* class_count rounded up to a multiple of 8 */
    /* Derived by parser_table_prepare: the cells re-encoded as
     * weight << 8 | class, so that the class is the low byte and the
     * weight one arithmetic shift away (the stored order costs two shifts
     * more a cell, and a cell is added a thousand times a move); after
     * them, a packed copy of the cells of the hot features with a sparse
     * run (the hot weights words point at the copies). */
    const uint32_t *scoring_cells;
    /* Derived too: the dense rows, followed by one for each hot feature
     * with at least 16 cells (the hot weights words point at those).
     * Added with the sums held in vector registers, a row of 104 classes
     * costs about as much as five cells, and those features are
     * looked up on most moves; limited to the hot table, whose features
     * stay in cache, it adds ~2 MB. */
    const int32_t *scoring_rows;
    void *derived;            /* the one block the derived arrays live in */
} parser_table;

/* The "parser.header" section. */
typedef struct parser_header {
    uint32_t format_version;
    uint32_t label_count;
    uint32_t root_label;      /* index of "root" among the labels */
    uint32_t class_count;     /* 1 + 2 * label_count */
    float weight_scale;       /* a cell's integer weight times this is the perceptron weight */
    uint32_t row_stride;      /* weights per dense row */
    /* The beam width the model was trained with and parses with; 0 (models
     * written before beam search, whose header had zeros here) means 1:
     * greedy.  Not a format change: the field was reserved. */
    uint32_t beam_width;
    /* Word clusters: the PARSER_CLUSTER_* template groups the model was
     * trained with, and the word_clusters_id (low half, high half) of the
     * clusters model it read, which must be the one it is loaded with.
     * All 0 for a model without clusters (every model written before
     * them: the fields were reserved). */
    uint32_t cluster_features;
    uint32_t clusters_id[2];
    uint32_t reserved[6];
} parser_header;

struct parser_model {
    parser_header header;
    parser_lexicon forms, xpos, upos, labels;
    parser_table table;
    model_file *file;         /* NULL when the arrays belong to a trainer */
    /* The clusters the templates read; NULL when header.cluster_features
     * is 0.  Borrowed, or owned_clusters when the loader loaded it. */
    const word_clusters *clusters;
    word_clusters *owned_clusters;
    /* The network whose scores the greedy parser adds to the perceptron's
     * (format 6), built at load; NULL for a model without one. */
    parser_network *network;
};
typedef struct parser_model parser_model;

static inline uint64_t parser_clusters_id(const parser_header *header) {
    return (uint64_t)header->clusters_id[1] << 32 | header->clusters_id[0];
}

/* Whether the lexicon's form ids and, after them, one backed-off form id
 * per fine class (parser_words_from_tokens) all fit in a word id. */
static inline bool parser_word_ids_fit(const parser_model *model, const word_clusters *clusters) {
    return (uint64_t)model->forms.count + PARSER_ID_FIRST +
               word_clusters_class_count(clusters, WORD_CLUSTER_LEVELS - 1) <=
           (uint64_t)PARSER_MAX_WORD_ID + 1;
}

/* How many word ids the model's words can have: the reserved ids, the
 * lexicon's forms and, with the backoff group, one per fine class. */
static inline uint32_t parser_word_id_count(const parser_model *model) {
    uint32_t count = model->forms.count + PARSER_ID_FIRST;
    if (model->clusters && (model->header.cluster_features & PARSER_CLUSTER_BACKOFF))
        count += word_clusters_class_count(model->clusters, WORD_CLUSTER_LEVELS - 1);
    return count;
}

/* Classes: 0 is SHIFT, 1 + l is LEFT with label l, 1 + L + l is RIGHT. */
static inline transition_move parser_class_move(const parser_model *model, int class_index) {
    if (class_index == 0) return TRANSITION_SHIFT;
    return class_index <= (int)model->header.label_count ? TRANSITION_LEFT : TRANSITION_RIGHT;
}

static inline int parser_class_label(const parser_model *model, int class_index) {
    if (class_index == 0) return -1;
    return (class_index - 1) % (int)model->header.label_count;
}

static inline int parser_class_of(const parser_model *model, transition_move move, int label) {
    if (move == TRANSITION_SHIFT) return 0;
    return 1 + (move == TRANSITION_RIGHT ? (int)model->header.label_count : 0) + label;
}

/* The class of the only legal move, or -1 when there is a choice: when
 * the stack is down to the root (SHIFT) and at the last move (RIGHT to
 * the root).  The greedy parser skips scoring such a move, since no score
 * can change it; a beam must not, because the forced move's score still
 * ranks its item against the others. */
static inline int parser_forced_class(const parser_model *model, const transition_state *state) {
    if (state->stack_size == 1) return transition_buffer_empty(state) ? -1 : 0;
    if (state->stack_size == 2 && transition_buffer_empty(state))
        return 1 + (int)model->header.label_count + (int)model->header.root_label;
    return -1;
}

/* The cost of every class in this configuration against a gold tree
 * (gold_head, gold_label: 1-based, labels as model label indexes; a gold
 * arc with the wrong label costs one), -1 for a move that is not legal. */
static inline void parser_class_costs(const parser_model *model, const transition_state *state,
                                      const int *gold_head, const int *gold_label, int *costs) {
    int move_cost[TRANSITION_MOVE_COUNT];
    transition_costs(state, gold_head, move_cost);
    int left_label = transition_gold_label(state, TRANSITION_LEFT, gold_head, gold_label);
    int right_label = transition_gold_label(state, TRANSITION_RIGHT, gold_head, gold_label);
    int labels = (int)model->header.label_count;
    costs[0] = move_cost[TRANSITION_SHIFT];
    for (int l = 0; l < labels; l++) {
        costs[1 + l] = move_cost[TRANSITION_LEFT] < 0
                           ? -1
                           : move_cost[TRANSITION_LEFT] + (left_label >= 0 && l != left_label);
        costs[1 + labels + l] = move_cost[TRANSITION_RIGHT] < 0
                                    ? -1
                                    : move_cost[TRANSITION_RIGHT] +
                                          (right_label >= 0 && l != right_label);
    }
}

/* The legal classes of a configuration as up to PARSER_MAX_LEGAL_RANGES
 * non-empty ranges [first[r], end[r]), in increasing class order: SHIFT,
 * LEFT-l (never the root label), RIGHT-l (the root label exactly when the
 * arc attaches to the root).  Every decoder visits classes in this order,
 * so that a tie goes to the lowest class and greedy, integer and beam
 * decoding agree. */
enum { PARSER_MAX_LEGAL_RANGES = 5 };

static inline int parser_legal_class_ranges(const parser_model *model,
                                            const transition_state *state,
                                            int first[PARSER_MAX_LEGAL_RANGES],
                                            int end[PARSER_MAX_LEGAL_RANGES]) {
    int labels = (int)model->header.label_count, root = (int)model->header.root_label;
    bool right = transition_is_legal(state, TRANSITION_RIGHT);
    int count = 0;
#define RANGE(from, to) (first[count] = (from), end[count] = (to), count += (from) < (to))
    if (transition_is_legal(state, TRANSITION_SHIFT)) RANGE(0, 1);
    if (transition_is_legal(state, TRANSITION_LEFT)) {
        RANGE(1, 1 + root);
        RANGE(2 + root, 1 + labels);
    }
    if (right && transition_attaches_to_root(state, TRANSITION_RIGHT)) {
        RANGE(1 + labels + root, 2 + labels + root);
    } else if (right) {
        RANGE(1 + labels, 1 + labels + root);
        RANGE(2 + labels + root, 1 + 2 * labels);
    }
#undef RANGE
    return count;
}

/* Where a key's probe sequence starts, and what identifies it there: the
 * two halves of the (already well mixed) key. */
static inline uint32_t parser_key_slot(uint64_t key, uint32_t capacity) {
    return (uint32_t)(((key & 0xffffffffu) * (uint64_t)capacity) >> 32);
}

static inline uint32_t parser_key_fingerprint(uint64_t key) {
    uint32_t fingerprint = (uint32_t)(key >> 32);
    return fingerprint ? fingerprint : 1;
}

/* The lexicon's id for text (PARSER_ID_UNKNOWN if absent). */
uint32_t parser_lexicon_find(const parser_lexicon *lexicon, const char *text, size_t length);
/* Entry text of an id, NULL for reserved ids. */
const char *parser_lexicon_text(const parser_lexicon *lexicon, uint32_t id);
uint64_t parser_hash_string(const char *text, size_t length);

/* The form as the model sees it: lowercased (full Unicode case folding of
 * the first 63 bytes' worth of characters) into buffer[64]; returns the
 * length. */
size_t parser_normalize_form(const char *form, char buffer[64]);

/* Fills words (arrays allocated in arena) from a sentence's tokens: forms,
 * the tags a tagger or the treebank put on them, and the words' clusters
 * when the model uses them. */
dyad_status parser_words_from_tokens(const parser_model *model, const dyad_token *tokens,
                                     int token_count, dyad_arena *arena, parser_words *words);

/* Builds the table's derived arrays (above) from its entries and cells,
 * which must have been checked; DYAD_ERR_MEMORY when memory runs out.
 * parser_table_release frees them (and does nothing to a table never
 * prepared, or released already). */
dyad_status parser_table_prepare(parser_table *table);
void parser_table_release(parser_table *table);

/* Adds the frozen table's weights for the keys into scores[row_stride]
 * (a prepared table). */
void parser_table_score(const parser_table *table, const uint64_t *keys, size_t key_count,
                        int32_t *scores);

/* Among the legal classes in this configuration, the best scoring one;
 * when allowed is not NULL, only classes with allowed[c] set count. */
int parser_best_class(const parser_model *model, const transition_state *state,
                      const float *scores, const bool *allowed);

/* Parses with a scorer: the frozen table, or the trainer's live weights.
 * score fills scores[class_count] for the keys. */
typedef void (*parser_score_fn)(const void *context, const uint64_t *keys, size_t key_count,
                                float *scores);
dyad_status parser_run(const parser_model *model, const parser_words *words, parser_score_fn score,
                       const void *context, dyad_arena *arena, transition_state *state);

/* The parser_score_fn of a frozen model (context: the parser_model). */
void parser_score_frozen(const void *context, const uint64_t *keys, size_t key_count,
                         float *scores);

/* parser_run with the frozen table, the same moves: what the pipeline
 * calls.  It skips the float copy of the scores, picking the best class
 * from the integer sums with the float comparison's exact outcome. */
dyad_status parser_run_frozen(const parser_model *model, const parser_words *words,
                              dyad_arena *arena, transition_state *state);

/* The class parser_best_class would pick from scores[c] = (float)sums[c]
 * (allowed: NULL), computed from the integer sums. */
int parser_best_class_sums(const parser_model *model, const transition_state *state,
                           const int32_t *sums);

#endif
