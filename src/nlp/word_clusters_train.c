/*
 * word_clusters_train.c — see word_clusters.h: reading a corpus into
 * counts, the exchange algorithm, Brown's merges, and writing the model
 * (layout in word_clusters_format.h).
 */
#include "word_clusters.h"
#include "word_clusters_format.h"
#include "clean/normalize.h"
#include "text/tokenize.h"
#include "util/arena.h"
#include "util/buffer.h"
#include "util/error.h"
#include "util/model_file.h"
#include "util/utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

enum { FINE = CLUSTERS_FINE };

/* ------------------------------------------------------ reading a corpus */

void word_clusters_options_init(word_clusters_options *options) {
    memset(options, 0, sizeof *options);
    options->min_count = 3;
    options->classes[0] = 32;
    options->classes[1] = 128;
    options->classes[2] = 512;
    options->iterations = 15;
}

/* Words of the corpus are numbered as they first appear; 0 and 1 are the
 * paragraph boundary and the words too long to normalise. */
enum { READ_BOUNDARY = 0, READ_TOO_LONG = 1, READ_FIRST_WORD = 2 };

typedef struct corpus_word {
    uint64_t hash;
    uint64_t count;
    uint32_t offset, length;      /* the normalised form in trainer->forms */
} corpus_word;

struct word_clusters_trainer {
    tokenizer *tokenizer;
    dyad_arena *arena;            /* a line's tokens */
    corpus_word *words;           /* by reading number */
    size_t word_count, word_capacity;
    uint32_t *index;              /* open addressing: reading number + 1, 0 empty */
    size_t index_size;            /* a power of two */
    dyad_buffer forms;            /* normalised forms, back to back */
    uint32_t *stream;             /* reading numbers of the corpus's tokens */
    size_t stream_count, stream_capacity;
    uint64_t lines, invalid_lines, tokens;
    clock_t started;
};

dyad_status word_clusters_trainer_new(const char *data_dir, word_clusters_trainer **out,
                                      dyad_error *error) {
    *out = NULL;
    word_clusters_trainer *trainer = calloc(1, sizeof *trainer);
    if (!trainer) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    dyad_status status = tokenizer_load(data_dir, &trainer->tokenizer, error);
    if (status != DYAD_OK) {
        free(trainer);
        return status;
    }
    trainer->arena = dyad_arena_new();
    trainer->index_size = 1 << 16;
    trainer->index = calloc(trainer->index_size, sizeof *trainer->index);
    trainer->word_capacity = 1 << 12;
    trainer->words = malloc(trainer->word_capacity * sizeof *trainer->words);
    if (!trainer->arena || !trainer->index || !trainer->words) {
        word_clusters_trainer_free(trainer);
        return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    }
    /* the two reserved numbers, never looked up by form */
    trainer->words[READ_BOUNDARY] = (corpus_word){0};
    trainer->words[READ_TOO_LONG] = (corpus_word){0};
    trainer->word_count = READ_FIRST_WORD;
    trainer->started = clock();
    *out = trainer;
    return DYAD_OK;
}

void word_clusters_trainer_free(word_clusters_trainer *trainer) {
    if (!trainer) return;
    tokenizer_free(trainer->tokenizer);
    dyad_arena_free(trainer->arena);
    free(trainer->words);
    free(trainer->index);
    dyad_buffer_free(&trainer->forms);
    free(trainer->stream);
    free(trainer);
}

static bool grow_index(word_clusters_trainer *trainer) {
    size_t size = trainer->index_size * 2;
    uint32_t *index = calloc(size, sizeof *index);
    if (!index) return false;
    for (size_t w = READ_FIRST_WORD; w < trainer->word_count; w++) {
        size_t slot = trainer->words[w].hash & (size - 1);
        while (index[slot]) slot = (slot + 1) & (size - 1);
        index[slot] = (uint32_t)w + 1;
    }
    free(trainer->index);
    trainer->index = index;
    trainer->index_size = size;
    return true;
}

/* The reading number of a normalised form, added when new; UINT32_MAX
 * when memory runs out. */
static uint32_t word_number(word_clusters_trainer *trainer, const char *form, size_t length) {
    uint64_t hash = clusters_form_hash(form, length);
    size_t mask = trainer->index_size - 1;
    size_t slot = hash & mask;
    for (uint32_t entry; (entry = trainer->index[slot]) != 0; slot = (slot + 1) & mask) {
        const corpus_word *word = &trainer->words[entry - 1];
        if (word->hash == hash && word->length == length &&
            memcmp(trainer->forms.data + word->offset, form, length) == 0)
            return entry - 1;
    }
    if (trainer->word_count >= UINT32_MAX / 2 || trainer->forms.length + length > UINT32_MAX)
        return UINT32_MAX;
    if (trainer->word_count == trainer->word_capacity) {
        size_t capacity = trainer->word_capacity * 2;
        corpus_word *words = realloc(trainer->words, capacity * sizeof *words);
        if (!words) return UINT32_MAX;
        trainer->words = words;
        trainer->word_capacity = capacity;
    }
    uint32_t number = (uint32_t)trainer->word_count;
    trainer->words[number] = (corpus_word){.hash = hash,
                                           .offset = (uint32_t)trainer->forms.length,
                                           .length = (uint32_t)length};
    if (!buffer_append(&trainer->forms, form, length)) return UINT32_MAX;
    trainer->word_count++;
    trainer->index[slot] = number + 1;
    if (trainer->word_count * 2 > trainer->index_size && !grow_index(trainer)) return UINT32_MAX;
    return number;
}

static bool stream_push(word_clusters_trainer *trainer, uint32_t number) {
    if (trainer->stream_count == trainer->stream_capacity) {
        size_t capacity = trainer->stream_capacity ? trainer->stream_capacity * 2 : 1 << 16;
        uint32_t *stream = realloc(trainer->stream, capacity * sizeof *stream);
        if (!stream) return false;
        trainer->stream = stream;
        trainer->stream_capacity = capacity;
    }
    trainer->stream[trainer->stream_count++] = number;
    trainer->words[number].count++;
    return true;
}

static bool needs_cleaning(const char *line, size_t length) {
    for (size_t i = 0; i < length; i++) {
        unsigned char byte = (unsigned char)line[i];
        if (byte >= 0x80 || (byte < 0x20 && byte != '\t')) return true;
    }
    return false;
}

/* Tokenizes one paragraph and appends its words and a boundary. */
static dyad_status add_line(word_clusters_trainer *trainer, const char *line, size_t length,
                            const char *origin, long line_number, dyad_error *error) {
    while (length && (line[length - 1] == '\r' || line[length - 1] == '\n')) length--;
    size_t start = 0;
    while (start < length && (line[start] == ' ' || line[start] == '\t')) start++;
    if (start == length) return DYAD_OK;
    if (!utf8_is_valid(line, length)) {
        /* counted in the report, so a corpus in the wrong encoding shows */
        trainer->invalid_lines++;
        return DYAD_OK;
    }
    /* the same Unicode clean-up the pipeline's clean stage does, so the
     * tokenizer sees the same characters */
    char *cleaned = NULL;
    const char *text = line;
    if (needs_cleaning(line, length)) {
        size_t cleaned_length;
        dyad_status status = clean_normalize(line, length, &cleaned, &cleaned_length, error);
        if (status != DYAD_OK) {
            if (error) {
                error->line = line_number;
                snprintf(error->file, sizeof error->file, "%s", origin);
            }
            return status;
        }
        text = cleaned;
        length = cleaned_length;
    }
    if (trainer->stream_count == 0 && !stream_push(trainer, READ_BOUNDARY)) {
        free(cleaned);
        return error_set(error, DYAD_ERR_MEMORY, origin, line_number, -1, "out of memory");
    }
    dyad_arena_reset(trainer->arena);
    token_list tokens = {0};
    dyad_status status = tokenize_range(trainer->tokenizer, text, 0, length, trainer->arena, &tokens);
    bool ok = status == DYAD_OK;
    char normalised[WORD_CLUSTER_MAX_WORD];
    for (size_t t = 0; ok && t < tokens.count; t++) {
        const token_span *span = &tokens.items[t];
        size_t normalised_length =
            word_clusters_normalise(text + span->start, span->end - span->start, normalised);
        uint32_t number = normalised_length
                              ? word_number(trainer, normalised, normalised_length)
                              : READ_TOO_LONG;
        ok = number != UINT32_MAX && stream_push(trainer, number);
    }
    free(cleaned);
    if (!ok || !stream_push(trainer, READ_BOUNDARY))
        return error_set(error, DYAD_ERR_MEMORY, origin, line_number, -1, "out of memory");
    trainer->tokens += tokens.count;
    trainer->lines++;
    return DYAD_OK;
}

dyad_status word_clusters_trainer_add_text(word_clusters_trainer *trainer, const char *text,
                                           size_t length, dyad_error *error) {
    long line_number = 0;
    for (size_t start = 0; start < length;) {
        const char *newline = memchr(text + start, '\n', length - start);
        size_t end = newline ? (size_t)(newline - text) : length;
        dyad_status status =
            add_line(trainer, text + start, end - start, "(text)", ++line_number, error);
        if (status != DYAD_OK) return status;
        start = end + 1;
    }
    return DYAD_OK;
}

dyad_status word_clusters_trainer_add_file(word_clusters_trainer *trainer, const char *path,
                                           dyad_error *error) {
    /* zlib reads plain files as they are, and .gz ones too */
    gzFile file = gzopen(path, "rb");
    if (!file) return error_set(error, DYAD_ERR_IO, path, 0, -1, "cannot open corpus file");
    gzbuffer(file, 1 << 17);
    dyad_buffer line = {0};
    char chunk[1 << 14];
    long line_number = 0;
    dyad_status status = DYAD_OK;
    for (;;) {
        line.length = 0;
        bool complete = false, read_any = false;
        while (!complete && gzgets(file, chunk, sizeof chunk)) {
            size_t size = strlen(chunk);
            read_any = true;
            complete = size && chunk[size - 1] == '\n';
            if (!buffer_append(&line, chunk, size)) {
                status = error_set(error, DYAD_ERR_MEMORY, path, line_number + 1, -1,
                                   "out of memory");
                break;
            }
        }
        if (status != DYAD_OK || !read_any) break;
        status = add_line(trainer, line.data, line.length, path, ++line_number, error);
        if (status != DYAD_OK) break;
    }
    int code = Z_OK;
    const char *message = gzerror(file, &code);
    if (status == DYAD_OK && code != Z_OK && code != Z_STREAM_END)
        status = error_set(error, DYAD_ERR_IO, path, line_number, -1, "read error: %s", message);
    gzclose(file);
    dyad_buffer_free(&line);
    return status;
}

/* ---------------------------------------------------------- clustering */

/*
 * The model: a word's probability given the previous word is
 * P(class | previous class) × P(word | class).  With N(g,h) the count of
 * class bigrams, L(g) and R(g) the counts of a class as the left and as
 * the right member of a bigram, and R(w) a word's, the log-likelihood of
 * the corpus is
 *     Σ f(N(g,h)) − Σ f(L(g)) − Σ f(R(g)) + Σ f(R(w)),    f(x) = x ln x,
 * and only the first three sums depend on the classes.  The paragraph
 * boundary and the unknown (rare) words are two items in two fixed
 * classes of their own: they are contexts like any class, never moved
 * and never merged.
 */

/* x ln x, from a table for the small counts that dominate. */
enum { XLOGX_TABLE = 1 << 16 };

typedef struct cluster_state {
    const double *xlogx_table;
    uint32_t item_count;          /* words + 2 */
    uint32_t word_count;
    uint32_t class_count;         /* K movable classes + 2 fixed */
    /* bigram counts of items: successors of each item (CSR), and
     * predecessors */
    const uint32_t *next_start, *next_item, *next_count;
    const uint32_t *previous_start, *previous_item, *previous_count;
    const uint64_t *left_total, *right_total;    /* per item: L(w), R(w) */
    uint64_t bigrams;
    uint32_t *item_class;
    uint32_t *class_size;         /* items in each class */
    int64_t *counts;              /* class_count²: N(g,h) */
    int64_t *transposed;          /* N(h,g), so both a row and a column are contiguous */
    int64_t *left, *right;        /* L(g), R(g) */
    double word_term;             /* Σ f(R(w)) */
} cluster_state;

static inline double xlogx(const cluster_state *state, int64_t x) {
    if (x < XLOGX_TABLE) return state->xlogx_table[x];
    double value = (double)x;
    return value * log(value);
}

static double log_likelihood(const cluster_state *state) {
    uint32_t classes = state->class_count;
    double sum = state->word_term;
    for (size_t i = 0; i < (size_t)classes * classes; i++) sum += xlogx(state, state->counts[i]);
    for (uint32_t g = 0; g < classes; g++)
        sum -= xlogx(state, state->left[g]) + xlogx(state, state->right[g]);
    return sum;
}

static void add_count(cluster_state *state, uint32_t from, uint32_t to, int64_t amount) {
    state->counts[(size_t)from * state->class_count + to] += amount;
    state->transposed[(size_t)to * state->class_count + from] += amount;
}

static void count_classes(cluster_state *state) {
    uint32_t classes = state->class_count;
    memset(state->counts, 0, (size_t)classes * classes * sizeof *state->counts);
    memset(state->transposed, 0, (size_t)classes * classes * sizeof *state->transposed);
    memset(state->left, 0, classes * sizeof *state->left);
    memset(state->right, 0, classes * sizeof *state->right);
    for (uint32_t item = 0; item < state->item_count; item++) {
        uint32_t from = state->item_class[item];
        for (uint32_t e = state->next_start[item]; e < state->next_start[item + 1]; e++)
            add_count(state, from, state->item_class[state->next_item[e]], state->next_count[e]);
        state->left[from] += (int64_t)state->left_total[item];
        state->right[from] += (int64_t)state->right_total[item];
    }
}

/* Scratch of one exchange step: the word's bigram counts summed by the
 * class of the other word. */
typedef struct word_contexts {
    int64_t *next_by_class, *previous_by_class;  /* dense, class_count, kept zero */
    uint32_t *next_classes, *previous_classes;   /* which entries are non-zero */
    uint32_t next_used, previous_used;
    int64_t self;                                /* the bigram (w, w) */
} word_contexts;

static void gather_contexts(const cluster_state *state, uint32_t word, word_contexts *contexts) {
    contexts->next_used = contexts->previous_used = 0;
    contexts->self = 0;
    for (uint32_t e = state->next_start[word]; e < state->next_start[word + 1]; e++) {
        uint32_t other = state->next_item[e];
        if (other == word) {
            contexts->self = state->next_count[e];
            continue;
        }
        uint32_t g = state->item_class[other];
        if (!contexts->next_by_class[g]) contexts->next_classes[contexts->next_used++] = g;
        contexts->next_by_class[g] += state->next_count[e];
    }
    for (uint32_t e = state->previous_start[word]; e < state->previous_start[word + 1]; e++) {
        uint32_t other = state->previous_item[e];
        if (other == word) continue;
        uint32_t g = state->item_class[other];
        if (!contexts->previous_by_class[g])
            contexts->previous_classes[contexts->previous_used++] = g;
        contexts->previous_by_class[g] += state->previous_count[e];
    }
}

/* Adds (sign +1) or removes (−1) a word's counts to or from class k. */
static void move_word_counts(cluster_state *state, uint32_t word, uint32_t k,
                             const word_contexts *contexts, int sign) {
    int64_t diagonal = contexts->self;
    for (uint32_t i = 0; i < contexts->next_used; i++) {
        uint32_t g = contexts->next_classes[i];
        if (g == k) diagonal += contexts->next_by_class[g];
        else add_count(state, k, g, sign * contexts->next_by_class[g]);
    }
    for (uint32_t i = 0; i < contexts->previous_used; i++) {
        uint32_t g = contexts->previous_classes[i];
        if (g == k) diagonal += contexts->previous_by_class[g];
        else add_count(state, g, k, sign * contexts->previous_by_class[g]);
    }
    add_count(state, k, k, sign * diagonal);
    state->left[k] += sign * (int64_t)state->left_total[word];
    state->right[k] += sign * (int64_t)state->right_total[word];
}

/* How much the likelihood would grow if the word (taken out of every
 * class) joined class k: only row k, column k and k's totals change, so
 * the cost is the number of distinct context classes. */
static double join_gain(const cluster_state *state, uint32_t word, uint32_t k,
                        const word_contexts *contexts) {
    uint32_t classes = state->class_count;
    const int64_t *row = state->counts + (size_t)k * classes;
    const int64_t *column = state->transposed + (size_t)k * classes;
    double gain = 0;
    for (uint32_t i = 0; i < contexts->next_used; i++) {
        uint32_t g = contexts->next_classes[i];
        gain += xlogx(state, row[g] + contexts->next_by_class[g]) - xlogx(state, row[g]);
    }
    for (uint32_t i = 0; i < contexts->previous_used; i++) {
        uint32_t g = contexts->previous_classes[i];
        gain += xlogx(state, column[g] + contexts->previous_by_class[g]) - xlogx(state, column[g]);
    }
    /* the diagonal: the loops above treated (k,k) as an ordinary cell from
     * each side; undo that and count it once with the self bigrams */
    int64_t diagonal = row[k], to_k = contexts->next_by_class[k], from_k = contexts->previous_by_class[k];
    if (to_k) gain -= xlogx(state, diagonal + to_k) - xlogx(state, diagonal);
    if (from_k) gain -= xlogx(state, diagonal + from_k) - xlogx(state, diagonal);
    gain += xlogx(state, diagonal + to_k + from_k + contexts->self) - xlogx(state, diagonal);
    gain -= xlogx(state, state->left[k] + (int64_t)state->left_total[word]) - xlogx(state, state->left[k]);
    gain -= xlogx(state, state->right[k] + (int64_t)state->right_total[word]) - xlogx(state, state->right[k]);
    return gain;
}

/* One exchange pass over the words in order of frequency; returns how
 * many moved. */
static uint32_t exchange_pass(cluster_state *state, uint32_t movable, word_contexts *contexts) {
    uint32_t moved = 0;
    for (uint32_t word = 0; word < state->word_count; word++) {
        uint32_t current = state->item_class[word];
        /* a class is never emptied: the level keeps its number of classes */
        if (state->class_size[current] == 1) continue;
        gather_contexts(state, word, contexts);
        move_word_counts(state, word, current, contexts, -1);
        double stay = join_gain(state, word, current, contexts);
        uint32_t best = current;
        double best_gain = stay;
        for (uint32_t k = 0; k < movable; k++) {
            if (k == current) continue;
            double gain = join_gain(state, word, k, contexts);
            if (gain > best_gain) {
                best_gain = gain;
                best = k;
            }
        }
        /* a move must gain more than rounding can, or the likelihood
         * could drift down and words could swap back and forth */
        if (best != current && best_gain - stay <= 1e-9 * (fabs(stay) + 1)) best = current;
        move_word_counts(state, word, best, contexts, +1);
        if (best != current) {
            state->item_class[word] = best;
            state->class_size[current]--;
            state->class_size[best]++;
            moved++;
        }
        for (uint32_t i = 0; i < contexts->next_used; i++)
            contexts->next_by_class[contexts->next_classes[i]] = 0;
        for (uint32_t i = 0; i < contexts->previous_used; i++)
            contexts->previous_by_class[contexts->previous_classes[i]] = 0;
    }
    return moved;
}

/*
 * Brown's merges.  For active classes a and b, merging them changes the
 * likelihood by  after(a,b) − before(a,b), where
 *   before = q(a) + q(b) − f(N(a,b)) − f(N(b,a)),
 *   q(a)   = Σ_g [f(N(a,g)) + f(N(g,a))] − f(N(a,a)) − f(L(a)) − f(R(a)),
 *   after  = S(a,b) + f(N(a,a)+N(a,b)+N(b,a)+N(b,b)) − f(L(a)+L(b)) − f(R(a)+R(b)),
 *   S(a,b) = Σ_{g ≠ a,b} [f(N(a,g)+N(b,g)) + f(N(g,a)+N(g,b))].
 * After merging y into x only the terms of S and q with g = x or y change
 * for the other pairs, so a merge costs O(K²) and the whole descent from
 * K classes O(K³), as in Brown et al.
 */
typedef struct merge_state {
    cluster_state *state;
    uint32_t movable;             /* K: classes 0..K-1 may merge */
    bool *active;
    double *q;                    /* per class */
    double *sum;                  /* S(a,b) at [a * K + b], a < b */
} merge_state;

static inline int64_t cell(const cluster_state *state, uint32_t from, uint32_t to) {
    return state->counts[(size_t)from * state->class_count + to];
}

static double merge_q(const merge_state *merge, uint32_t a) {
    const cluster_state *state = merge->state;
    double q = 0;
    for (uint32_t g = 0; g < state->class_count; g++) {
        if (g < merge->movable && !merge->active[g]) continue;
        q += xlogx(state, cell(state, a, g)) + xlogx(state, cell(state, g, a));
    }
    return q - xlogx(state, cell(state, a, a)) - xlogx(state, state->left[a]) -
           xlogx(state, state->right[a]);
}

static double merge_sum(const merge_state *merge, uint32_t a, uint32_t b) {
    const cluster_state *state = merge->state;
    double sum = 0;
    for (uint32_t g = 0; g < state->class_count; g++) {
        if (g == a || g == b || (g < merge->movable && !merge->active[g])) continue;
        sum += xlogx(state, cell(state, a, g) + cell(state, b, g)) +
               xlogx(state, cell(state, g, a) + cell(state, g, b));
    }
    return sum;
}

static double merge_change(const merge_state *merge, uint32_t a, uint32_t b) {
    const cluster_state *state = merge->state;
    double before = merge->q[a] + merge->q[b] - xlogx(state, cell(state, a, b)) -
                    xlogx(state, cell(state, b, a));
    double after = merge->sum[(size_t)a * merge->movable + b] +
                   xlogx(state, cell(state, a, a) + cell(state, a, b) + cell(state, b, a) +
                                    cell(state, b, b)) -
                   xlogx(state, state->left[a] + state->left[b]) -
                   xlogx(state, state->right[a] + state->right[b]);
    return after - before;
}

/* The terms of S(a,b) that read the cells of class g. */
static double sum_terms_of(const cluster_state *state, uint32_t a, uint32_t b, uint32_t g) {
    return xlogx(state, cell(state, a, g) + cell(state, b, g)) +
           xlogx(state, cell(state, g, a) + cell(state, g, b));
}

static double q_terms_of(const cluster_state *state, uint32_t a, uint32_t g) {
    return xlogx(state, cell(state, a, g)) + xlogx(state, cell(state, g, a));
}

/* Merges class y into class x (x < y). */
static void merge_classes(merge_state *merge, uint32_t x, uint32_t y) {
    cluster_state *state = merge->state;
    uint32_t movable = merge->movable, classes = state->class_count;
    for (uint32_t a = 0; a < movable; a++) {
        if (!merge->active[a] || a == x || a == y) continue;
        merge->q[a] -= q_terms_of(state, a, x) + q_terms_of(state, a, y);
        for (uint32_t b = a + 1; b < movable; b++) {
            if (!merge->active[b] || b == x || b == y) continue;
            merge->sum[(size_t)a * movable + b] -=
                sum_terms_of(state, a, b, x) + sum_terms_of(state, a, b, y);
        }
    }
    /* the counts: row y into row x, column y into column x */
    for (uint32_t g = 0; g < classes; g++) {
        int64_t value = cell(state, y, g);
        if (value) {
            add_count(state, x, g, value);
            add_count(state, y, g, -value);
        }
    }
    for (uint32_t g = 0; g < classes; g++) {
        int64_t value = cell(state, g, y);
        if (value) {
            add_count(state, g, x, value);
            add_count(state, g, y, -value);
        }
    }
    state->left[x] += state->left[y];
    state->right[x] += state->right[y];
    state->left[y] = state->right[y] = 0;
    merge->active[y] = false;
    for (uint32_t a = 0; a < movable; a++) {
        if (!merge->active[a] || a == x) continue;
        merge->q[a] += q_terms_of(state, a, x);
        for (uint32_t b = a + 1; b < movable; b++) {
            if (!merge->active[b] || b == x) continue;
            merge->sum[(size_t)a * movable + b] += sum_terms_of(state, a, b, x);
        }
    }
    merge->q[x] = merge_q(merge, x);
    for (uint32_t a = 0; a < movable; a++) {
        if (!merge->active[a] || a == x) continue;
        uint32_t low = a < x ? a : x, high = a < x ? x : a;
        merge->sum[(size_t)low * movable + high] = merge_sum(merge, low, high);
    }
}

/* ------------------------------------------------------------ training */

/* Orders reading numbers by count, most frequent first, then by form, so
 * the vocabulary's order (and so the initial classes and the whole run)
 * depends only on the corpus. */
typedef struct rank_key {
    const corpus_word *word;
    const char *form;
    uint32_t number;
} rank_key;

static int compare_rank(const void *a, const void *b) {
    const rank_key *x = a, *y = b;
    if (x->word->count != y->word->count) return x->word->count > y->word->count ? -1 : 1;
    size_t shorter = x->word->length < y->word->length ? x->word->length : y->word->length;
    int order = memcmp(x->form, y->form, shorter);
    if (order) return order;
    return x->word->length < y->word->length ? -1 : x->word->length > y->word->length;
}

static int compare_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Everything a training run allocates, freed in one place. */
typedef struct training_memory {
    rank_key *ranked;
    uint32_t *item_of_number;
    uint32_t *next_start, *next_item, *next_count;
    uint32_t *previous_start, *previous_item, *previous_count;
    uint64_t *left_total, *right_total;
    uint32_t *item_class, *class_size;
    int64_t *counts, *transposed, *left, *right;
    double *xlogx_table;
    int64_t *next_by_class, *previous_by_class;
    uint32_t *next_classes, *previous_classes;
    bool *active;
    uint32_t *representative;     /* per fine class: the class it is merged into so far */
    uint32_t *number_of;          /* renumbering scratch */
    double *q, *sum;
    uint32_t *level_class;        /* per level, per fine class: its class, 1-based */
    uint32_t *keys;
    uint16_t *slot_classes;
    uint16_t *coarse;
} training_memory;

static void training_memory_free(training_memory *m) {
    free(m->ranked);
    free(m->item_of_number);
    free(m->next_start);
    free(m->next_item);
    free(m->next_count);
    free(m->previous_start);
    free(m->previous_item);
    free(m->previous_count);
    free(m->left_total);
    free(m->right_total);
    free(m->item_class);
    free(m->class_size);
    free(m->counts);
    free(m->transposed);
    free(m->left);
    free(m->right);
    free(m->xlogx_table);
    free(m->next_by_class);
    free(m->previous_by_class);
    free(m->next_classes);
    free(m->previous_classes);
    free(m->active);
    free(m->representative);
    free(m->number_of);
    free(m->q);
    free(m->sum);
    free(m->level_class);
    free(m->keys);
    free(m->slot_classes);
    free(m->coarse);
}

/* One training run: the phases below fill it in turn. */
typedef struct training {
    const word_clusters_trainer *trainer;
    const word_clusters_options *options;
    word_clusters_report *report;
    dyad_error *error;
    clock_t started;
    training_memory m;
    cluster_state state;
    uint32_t word_count;          /* the vocabulary, items 0..word_count-1 by rank */
    uint32_t movable;             /* classes of the finest level */
    uint64_t bigrams;
    double per_token;             /* 1 / bigrams: likelihoods are reported per token */
} training;

static double seconds_since(clock_t start) { return (double)(clock() - start) / CLOCKS_PER_SEC; }

static void progress(const training *run, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void progress(const training *run, const char *format, ...) {
    if (!run->options->progress) return;
    char message[512];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(message, sizeof message, format, arguments);
    va_end(arguments);
    run->options->progress(run->options->progress_context, message);
}

static dyad_status out_of_memory(training *run) {
    return error_set(run->error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory training clusters");
}

/* Builds the item bigram tables from the token stream: successors by
 * bucketing the stream's pairs by their left item (a counting sort), then
 * sorting each bucket and counting runs; predecessors by transposing
 * that. */
static bool build_bigrams(const word_clusters_trainer *trainer, training_memory *m,
                          uint32_t item_count, uint64_t *bigrams) {
    size_t pairs = trainer->stream_count ? trainer->stream_count - 1 : 0;
    m->next_start = calloc((size_t)item_count + 1, sizeof *m->next_start);
    m->left_total = calloc(item_count, sizeof *m->left_total);
    m->right_total = calloc(item_count, sizeof *m->right_total);
    uint32_t *bucket_start = calloc((size_t)item_count + 1, sizeof *bucket_start);
    uint32_t *bucketed = malloc((pairs ? pairs : 1) * sizeof *bucketed);
    if (!m->next_start || !m->left_total || !m->right_total || !bucket_start || !bucketed) {
        free(bucket_start);
        free(bucketed);
        return false;
    }
    const uint32_t *stream = trainer->stream;
    const uint32_t *item_of = m->item_of_number;
    for (size_t i = 0; i < pairs; i++) {
        bucket_start[item_of[stream[i]] + 1]++;
        m->left_total[item_of[stream[i]]]++;
        m->right_total[item_of[stream[i + 1]]]++;
    }
    for (uint32_t item = 0; item < item_count; item++) bucket_start[item + 1] += bucket_start[item];
    uint32_t *fill = m->next_start; /* used as a cursor, rebuilt below */
    for (size_t i = 0; i < pairs; i++) {
        uint32_t left = item_of[stream[i]];
        bucketed[bucket_start[left] + fill[left]++] = item_of[stream[i + 1]];
    }
    /* distinct successors: sort each bucket, count runs, compact in place */
    size_t distinct = 0;
    for (uint32_t item = 0; item < item_count; item++) {
        uint32_t begin = bucket_start[item], end = bucket_start[item + 1];
        qsort(bucketed + begin, end - begin, sizeof *bucketed, compare_u32);
        for (uint32_t i = begin; i < end;) {
            uint32_t run = i;
            while (run < end && bucketed[run] == bucketed[i]) run++;
            distinct++;
            i = run;
        }
    }
    m->next_item = malloc((distinct ? distinct : 1) * sizeof *m->next_item);
    m->next_count = malloc((distinct ? distinct : 1) * sizeof *m->next_count);
    m->previous_start = calloc((size_t)item_count + 1, sizeof *m->previous_start);
    m->previous_item = malloc((distinct ? distinct : 1) * sizeof *m->previous_item);
    m->previous_count = malloc((distinct ? distinct : 1) * sizeof *m->previous_count);
    if (!m->next_item || !m->next_count || !m->previous_start || !m->previous_item ||
        !m->previous_count) {
        free(bucket_start);
        free(bucketed);
        return false;
    }
    size_t e = 0;
    for (uint32_t item = 0; item < item_count; item++) {
        m->next_start[item] = (uint32_t)e;
        uint32_t begin = bucket_start[item], end = bucket_start[item + 1];
        for (uint32_t i = begin; i < end;) {
            uint32_t run = i;
            while (run < end && bucketed[run] == bucketed[i]) run++;
            m->next_item[e] = bucketed[i];
            m->next_count[e++] = run - i;
            m->previous_start[bucketed[i] + 1]++;
            i = run;
        }
    }
    m->next_start[item_count] = (uint32_t)e;
    free(bucket_start);
    free(bucketed);
    for (uint32_t item = 0; item < item_count; item++)
        m->previous_start[item + 1] += m->previous_start[item];
    /* transposing in order of the left item leaves each item's
     * predecessors sorted */
    uint32_t *cursor = calloc(item_count ? item_count : 1, sizeof *cursor);
    if (!cursor) return false;
    for (uint32_t item = 0; item < item_count; item++) {
        for (uint32_t k = m->next_start[item]; k < m->next_start[item + 1]; k++) {
            uint32_t right = m->next_item[k];
            uint32_t at = m->previous_start[right] + cursor[right]++;
            m->previous_item[at] = item;
            m->previous_count[at] = m->next_count[k];
        }
    }
    free(cursor);
    *bigrams = pairs;
    return true;
}

/* The readable listing: words by class, coarse to fine. */
typedef struct listed_word {
    uint32_t classes[WORD_CLUSTER_LEVELS];
    uint32_t rank;
} listed_word;

static int compare_listed(const void *a, const void *b) {
    const listed_word *x = a, *y = b;
    for (int level = 0; level < WORD_CLUSTER_LEVELS; level++)
        if (x->classes[level] != y->classes[level])
            return x->classes[level] < y->classes[level] ? -1 : 1;
    return (x->rank > y->rank) - (x->rank < y->rank);
}

static dyad_status write_listing(const char *path, const training_memory *m,
                                 const word_clusters_trainer *trainer, uint32_t word_count,
                                 uint32_t fine_count, dyad_error *error) {
    listed_word *listed = malloc((word_count ? word_count : 1) * sizeof *listed);
    if (!listed) return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    for (uint32_t w = 0; w < word_count; w++) {
        uint32_t fine = m->item_class[w];
        for (int level = 0; level < WORD_CLUSTER_LEVELS; level++)
            listed[w].classes[level] = m->level_class[(size_t)level * fine_count + fine];
        listed[w].rank = w;
    }
    qsort(listed, word_count, sizeof *listed, compare_listed);
    FILE *file = fopen(path, "w");
    if (!file) {
        free(listed);
        return error_set(error, DYAD_ERR_IO, path, 0, -1, "cannot write the word listing");
    }
    fprintf(file, "# class at each level (coarse to fine), count, normalised form\n");
    for (uint32_t i = 0; i < word_count; i++) {
        const corpus_word *word = m->ranked[listed[i].rank].word;
        fprintf(file, "%u\t%u\t%u\t%llu\t%.*s\n", listed[i].classes[0], listed[i].classes[1],
                listed[i].classes[2], (unsigned long long)word->count, (int)word->length,
                trainer->forms.data + word->offset);
    }
    bool ok = fclose(file) == 0;
    free(listed);
    return ok ? DYAD_OK : error_set(error, DYAD_ERR_IO, path, 0, -1, "cannot write the word listing");
}

static dyad_status check_options(const word_clusters_options *options, dyad_error *error) {
    if (options->min_count < 1)
        return error_set(error, DYAD_ERR_USAGE, NULL, 0, -1, "the minimum count must be at least 1");
    if (options->iterations > WORD_CLUSTER_MAX_ITERATIONS)
        return error_set(error, DYAD_ERR_USAGE, NULL, 0, -1, "at most %d iterations",
                         WORD_CLUSTER_MAX_ITERATIONS);
    for (int level = 0; level < WORD_CLUSTER_LEVELS; level++) {
        uint32_t count = options->classes[level];
        if (count < 2 || count > WORD_CLUSTER_MAX_CLASSES ||
            (level && count <= options->classes[level - 1]))
            return error_set(error, DYAD_ERR_USAGE, NULL, 0, -1,
                             "class counts must grow from level to level, each from 2 to %d",
                             WORD_CLUSTER_MAX_CLASSES);
    }
    return DYAD_OK;
}

/* The vocabulary (words seen min_count times, by rank) and the item
 * bigram tables. */
static dyad_status choose_vocabulary(training *run) {
    const word_clusters_trainer *trainer = run->trainer;
    training_memory *m = &run->m;
    word_clusters_report *report = run->report;
    size_t number_count = trainer->word_count;
    m->ranked = malloc(number_count * sizeof *m->ranked);
    m->item_of_number = malloc(number_count * sizeof *m->item_of_number);
    if (!m->ranked || !m->item_of_number) return out_of_memory(run);
    uint32_t word_count = 0;
    for (size_t n = READ_FIRST_WORD; n < number_count; n++) {
        const corpus_word *word = &trainer->words[n];
        if (word->count < run->options->min_count) {
            report->unknown_tokens += word->count;
            continue;
        }
        m->ranked[word_count++] = (rank_key){
            .word = word, .form = trainer->forms.data + word->offset, .number = (uint32_t)n};
    }
    report->unknown_tokens += trainer->words[READ_TOO_LONG].count;
    qsort(m->ranked, word_count, sizeof *m->ranked, compare_rank);
    report->words = run->word_count = word_count;
    if (word_count < run->movable)
        return error_set(run->error, DYAD_ERR_USAGE, NULL, 0, -1,
                         "the corpus has %u words seen at least %u times, fewer than the %u "
                         "classes asked for",
                         word_count, run->options->min_count, run->movable);
    /* items: the words by rank, then the boundary, then the unknown word */
    uint32_t boundary_item = word_count, unknown_item = word_count + 1;
    for (size_t n = 0; n < number_count; n++) m->item_of_number[n] = unknown_item;
    m->item_of_number[READ_BOUNDARY] = boundary_item;
    for (uint32_t w = 0; w < word_count; w++) m->item_of_number[m->ranked[w].number] = w;
    if (!build_bigrams(trainer, m, word_count + 2, &run->bigrams)) return out_of_memory(run);
    if (run->bigrams == 0)
        return error_set(run->error, DYAD_ERR_USAGE, NULL, 0, -1, "the corpus is empty");
    run->per_token = 1.0 / (double)run->bigrams;
    progress(run,
             "read %llu tokens in %llu paragraphs (%llu lines not UTF-8, left out): %u words "
             "seen at least %u times, %llu tokens of rarer words; %u distinct bigrams (%.1f s)",
             (unsigned long long)report->tokens, (unsigned long long)report->lines,
             (unsigned long long)report->invalid_lines, word_count, run->options->min_count,
             (unsigned long long)report->unknown_tokens, m->next_start[word_count + 2],
             report->seconds_reading + seconds_since(run->started));
    return DYAD_OK;
}

/* The initial classes, by frequency rank round robin so each class starts
 * with words of every frequency, and their counts. */
static dyad_status start_classes(training *run) {
    training_memory *m = &run->m;
    uint32_t word_count = run->word_count, item_count = word_count + 2, movable = run->movable;
    uint32_t class_count = movable + 2;
    m->xlogx_table = malloc(XLOGX_TABLE * sizeof *m->xlogx_table);
    m->item_class = malloc(item_count * sizeof *m->item_class);
    m->class_size = calloc(class_count, sizeof *m->class_size);
    m->counts = malloc((size_t)class_count * class_count * sizeof *m->counts);
    m->transposed = malloc((size_t)class_count * class_count * sizeof *m->transposed);
    m->left = malloc(class_count * sizeof *m->left);
    m->right = malloc(class_count * sizeof *m->right);
    if (!m->xlogx_table || !m->item_class || !m->class_size || !m->counts || !m->transposed ||
        !m->left || !m->right)
        return out_of_memory(run);
    m->xlogx_table[0] = 0;
    for (int x = 1; x < XLOGX_TABLE; x++) m->xlogx_table[x] = x * log((double)x);
    for (uint32_t w = 0; w < word_count; w++) m->item_class[w] = w % movable;
    m->item_class[word_count] = movable;          /* the boundary */
    m->item_class[word_count + 1] = movable + 1;  /* the unknown word */
    for (uint32_t item = 0; item < item_count; item++) m->class_size[m->item_class[item]]++;
    run->state = (cluster_state){.xlogx_table = m->xlogx_table,
                                 .item_count = item_count,
                                 .word_count = word_count,
                                 .class_count = class_count,
                                 .next_start = m->next_start,
                                 .next_item = m->next_item,
                                 .next_count = m->next_count,
                                 .previous_start = m->previous_start,
                                 .previous_item = m->previous_item,
                                 .previous_count = m->previous_count,
                                 .left_total = m->left_total,
                                 .right_total = m->right_total,
                                 .bigrams = run->bigrams,
                                 .item_class = m->item_class,
                                 .class_size = m->class_size,
                                 .counts = m->counts,
                                 .transposed = m->transposed,
                                 .left = m->left,
                                 .right = m->right};
    for (uint32_t item = 0; item < item_count; item++)
        run->state.word_term += xlogx(&run->state, (int64_t)m->right_total[item]);
    count_classes(&run->state);
    return DYAD_OK;
}

static dyad_status exchange(training *run) {
    training_memory *m = &run->m;
    word_clusters_report *report = run->report;
    uint32_t class_count = run->state.class_count;
    m->next_by_class = calloc(class_count, sizeof *m->next_by_class);
    m->previous_by_class = calloc(class_count, sizeof *m->previous_by_class);
    m->next_classes = malloc(class_count * sizeof *m->next_classes);
    m->previous_classes = malloc(class_count * sizeof *m->previous_classes);
    if (!m->next_by_class || !m->previous_by_class || !m->next_classes || !m->previous_classes)
        return out_of_memory(run);
    word_contexts contexts = {.next_by_class = m->next_by_class,
                              .previous_by_class = m->previous_by_class,
                              .next_classes = m->next_classes,
                              .previous_classes = m->previous_classes};
    report->log_likelihood[0] = log_likelihood(&run->state) * run->per_token;
    progress(run, "%u classes: log-likelihood per token %.5f at the start", run->movable,
             report->log_likelihood[0]);
    clock_t started = clock();
    for (uint32_t pass = 1; pass <= run->options->iterations; pass++) {
        clock_t pass_started = clock();
        uint32_t moved = exchange_pass(&run->state, run->movable, &contexts);
        report->iterations = pass;
        report->moves_last = moved;
        report->log_likelihood[pass] = log_likelihood(&run->state) * run->per_token;
        progress(run, "pass %u: moved %u words, log-likelihood per token %.5f (%.1f s)", pass,
                 moved, report->log_likelihood[pass], seconds_since(pass_started));
        if (!moved) break;
    }
    report->seconds_exchange = seconds_since(started);
    return DYAD_OK;
}

/* Brown's merges down to each coarser level; then every level's classes
 * are numbered 1.. in order of their first word by rank. */
static dyad_status merge_levels(training *run) {
    training_memory *m = &run->m;
    word_clusters_report *report = run->report;
    uint32_t movable = run->movable;
    clock_t started = clock();
    m->level_class = calloc((size_t)WORD_CLUSTER_LEVELS * movable, sizeof *m->level_class);
    m->active = malloc(movable * sizeof *m->active);
    m->q = malloc(movable * sizeof *m->q);
    m->sum = calloc((size_t)movable * movable, sizeof *m->sum);
    m->representative = malloc(movable * sizeof *m->representative);
    m->number_of = malloc(movable * sizeof *m->number_of);
    if (!m->level_class || !m->active || !m->q || !m->sum || !m->representative || !m->number_of)
        return out_of_memory(run);
    for (uint32_t f = 0; f < movable; f++) {
        m->active[f] = true;
        m->representative[f] = f;
    }
    merge_state merge = {.state = &run->state, .movable = movable, .active = m->active, .q = m->q,
                         .sum = m->sum};
    report->merged_log_likelihood[FINE] = report->log_likelihood[report->iterations];
    for (uint32_t a = 0; a < movable; a++) {
        m->q[a] = merge_q(&merge, a);
        for (uint32_t b = a + 1; b < movable; b++)
            m->sum[(size_t)a * movable + b] = merge_sum(&merge, a, b);
    }
    uint32_t active_count = movable;
    for (int level = FINE - 1; level >= 0; level--) {
        while (active_count > run->options->classes[level]) {
            /* the pair that loses least; the first such pair on a tie */
            double best = -HUGE_VAL;
            uint32_t best_a = 0, best_b = 0;
            for (uint32_t a = 0; a < movable; a++) {
                if (!m->active[a]) continue;
                for (uint32_t b = a + 1; b < movable; b++) {
                    if (!m->active[b]) continue;
                    double change = merge_change(&merge, a, b);
                    if (change > best) {
                        best = change;
                        best_a = a;
                        best_b = b;
                    }
                }
            }
            merge_classes(&merge, best_a, best_b);
            for (uint32_t f = 0; f < movable; f++)
                if (m->representative[f] == best_b) m->representative[f] = best_a;
            active_count--;
        }
        for (uint32_t f = 0; f < movable; f++)
            m->level_class[(size_t)level * movable + f] = m->representative[f];
        report->merged_log_likelihood[level] = log_likelihood(&run->state) * run->per_token;
        progress(run, "merged to %u classes: log-likelihood per token %.5f",
                 run->options->classes[level], report->merged_log_likelihood[level]);
    }
    for (uint32_t f = 0; f < movable; f++) m->level_class[(size_t)FINE * movable + f] = f;
    for (int level = 0; level < WORD_CLUSTER_LEVELS; level++) {
        uint32_t *classes = m->level_class + (size_t)level * movable;
        for (uint32_t f = 0; f < movable; f++) m->number_of[f] = 0;
        uint32_t next = 0;
        for (uint32_t w = 0; w < run->word_count; w++) {
            uint32_t raw = classes[m->item_class[w]];
            if (!m->number_of[raw]) m->number_of[raw] = ++next;
        }
        for (uint32_t f = 0; f < movable; f++) classes[f] = m->number_of[classes[f]];
    }
    report->seconds_merging = seconds_since(started);
    return DYAD_OK;
}

/* The model file (word_clusters_format.h). */
static dyad_status save_model(training *run, const char *out_path) {
    training_memory *m = &run->m;
    uint32_t movable = run->movable, word_count = run->word_count;
    const uint32_t *fine_number = m->level_class + (size_t)FINE * movable;
    uint32_t slot_count = clusters_slot_count(word_count);
    m->coarse = malloc((size_t)movable * FINE * sizeof *m->coarse);
    m->keys = calloc(slot_count, sizeof *m->keys);
    m->slot_classes = calloc(slot_count, sizeof *m->slot_classes);
    if (!m->coarse || !m->keys || !m->slot_classes) return out_of_memory(run);
    for (uint32_t f = 0; f < movable; f++)
        for (int level = 0; level < FINE; level++)
            m->coarse[(size_t)(fine_number[f] - 1) * FINE + level] =
                (uint16_t)m->level_class[(size_t)level * movable + f];
    uint32_t stored = 0;
    for (uint32_t w = 0; w < word_count; w++) {
        const corpus_word *word = m->ranked[w].word;
        uint32_t fingerprint = clusters_fingerprint(word->hash);
        uint32_t slot = clusters_first_slot(word->hash, slot_count);
        while (m->keys[slot] && m->keys[slot] != fingerprint)
            slot = slot + 1 == slot_count ? 0 : slot + 1;
        if (m->keys[slot]) {
            /* two words with one fingerprint in one probe chain: the more
             * frequent one keeps it, the other will read its class */
            run->report->fingerprint_clashes++;
            continue;
        }
        m->keys[slot] = fingerprint;
        m->slot_classes[slot] = (uint16_t)fine_number[m->item_class[w]];
        stored++;
    }
    size_t keys_size = slot_count * sizeof *m->keys;
    size_t classes_size = slot_count * sizeof *m->slot_classes;
    size_t coarse_size = (size_t)movable * FINE * sizeof *m->coarse;
    clusters_meta meta = {.format = CLUSTERS_FORMAT, .word_count = stored, .slot_count = slot_count};
    for (int level = 0; level < WORD_CLUSTER_LEVELS; level++)
        meta.class_counts[level] = run->options->classes[level];
    uint64_t id = perceptron_hash_bytes(m->keys, keys_size);
    id = perceptron_hash_combine(id, perceptron_hash_bytes(m->slot_classes, classes_size));
    id = perceptron_hash_combine(id, perceptron_hash_bytes(m->coarse, coarse_size));
    meta.id = perceptron_hash_combine(id, perceptron_hash_bytes(meta.class_counts,
                                                                 sizeof meta.class_counts));
    model_writer *writer = model_writer_new("clusters");
    bool added = writer && model_writer_add(writer, "clusters.meta", &meta, sizeof meta) &&
                 model_writer_add(writer, "clusters.keys", m->keys, keys_size) &&
                 model_writer_add(writer, "clusters.classes", m->slot_classes, classes_size) &&
                 model_writer_add(writer, "clusters.coarse", m->coarse, coarse_size);
    dyad_status status = added ? model_writer_save(writer, out_path, run->error) : out_of_memory(run);
    model_writer_free(writer);
    if (status == DYAD_OK)
        progress(run,
                 "wrote %u words in %u/%u/%u classes, %u left out by a fingerprint clash "
                 "(%.1f s exchanging, %.1f s merging)",
                 stored, meta.class_counts[0], meta.class_counts[1], meta.class_counts[2],
                 run->report->fingerprint_clashes, run->report->seconds_exchange,
                 run->report->seconds_merging);
    return status;
}

dyad_status word_clusters_train(word_clusters_trainer *trainer,
                                const word_clusters_options *options, const char *out_path,
                                const char *words_path, word_clusters_report *report,
                                dyad_error *error) {
    word_clusters_report local_report;
    if (!report) report = &local_report;
    memset(report, 0, sizeof *report);
    dyad_status status = check_options(options, error);
    if (status != DYAD_OK) return status;
    report->tokens = trainer->tokens;
    report->lines = trainer->lines;
    report->invalid_lines = trainer->invalid_lines;
    report->seconds_reading = seconds_since(trainer->started);
    training run = {.trainer = trainer,
                    .options = options,
                    .report = report,
                    .error = error,
                    .started = clock(),
                    .movable = options->classes[FINE]};
    status = choose_vocabulary(&run);
    if (status == DYAD_OK) status = start_classes(&run);
    if (status == DYAD_OK) status = exchange(&run);
    if (status == DYAD_OK) status = merge_levels(&run);
    if (status == DYAD_OK) status = save_model(&run, out_path);
    if (status == DYAD_OK && words_path)
        status = write_listing(words_path, &run.m, trainer, run.word_count, run.movable, error);
    training_memory_free(&run.m);
    return status;
}
