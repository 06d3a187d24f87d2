/*
 * parser_train.c — see parser_train.h.
 *
 * Three kinds of memory: the corpora and their id arrays live in one
 * arena for the whole run; the live perceptron weights (a hash table of
 * rows, each a run of cells in one growing pool) and the frozen snapshots
 * are plain heap arrays; per-sentence parser state uses a scratch arena
 * reset after every sentence.
 */
#include "parser_train.h"
#include "parser_beam.h"
#include "parser_model.h"
#include "tagger.h"
#include "../util/arena.h"
#include "../util/buffer.h"
#include "../util/error.h"
#include "../util/random.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void parser_train_defaults(parser_train_options *options) {
    memset(options, 0, sizeof *options);
    options->iterations = 15;
    options->exploration = 0.9;
    options->min_form_count = 2;
    options->prune_below = 1.0;
    options->min_lookups = 12;
    options->seed = 20250601;
    options->beam_width = 1;
}

/* ------------------------------------------------------ lexicon builder */

/* A growing string -> id map that counts occurrences; its arrays have the
 * layout of parser_lexicon, so a finished builder is saved as it is. */
typedef struct lexicon_builder {
    dyad_buffer strings;
    uint32_t *offsets, *counts;
    size_t count, allocated;
    uint32_t *index;
    size_t capacity;
} lexicon_builder;

static bool builder_rehash(lexicon_builder *builder, size_t capacity) {
    uint32_t *index = calloc(capacity, sizeof *index);
    if (!index) return false;
    for (size_t i = 0; i < builder->count; i++) {
        const char *text = builder->strings.data + builder->offsets[i];
        size_t slot = parser_hash_string(text, strlen(text)) & (capacity - 1);
        while (index[slot]) slot = (slot + 1) & (capacity - 1);
        index[slot] = (uint32_t)(i + PARSER_ID_FIRST);
    }
    free(builder->index);
    builder->index = index;
    builder->capacity = capacity;
    return true;
}

static bool builder_init(lexicon_builder *builder) {
    memset(builder, 0, sizeof *builder);
    return builder_rehash(builder, 64);
}

/* Counts one occurrence of text; returns its id, 0 when memory ran out. */
static uint32_t builder_add(lexicon_builder *builder, const char *text, size_t length) {
    if ((builder->count + 1) * 2 > builder->capacity &&
        !builder_rehash(builder, builder->capacity * 2))
        return 0;
    size_t mask = builder->capacity - 1;
    size_t slot = parser_hash_string(text, length) & mask;
    for (; builder->index[slot]; slot = (slot + 1) & mask) {
        uint32_t i = builder->index[slot] - PARSER_ID_FIRST;
        const char *entry = builder->strings.data + builder->offsets[i];
        if (strncmp(entry, text, length) == 0 && entry[length] == '\0') {
            builder->counts[i]++;
            return builder->index[slot];
        }
    }
    if (builder->count == builder->allocated) {
        size_t allocated = builder->allocated ? builder->allocated * 2 : 64;
        uint32_t *offsets = realloc(builder->offsets, allocated * sizeof *offsets);
        if (!offsets) return 0;
        builder->offsets = offsets;
        uint32_t *counts = realloc(builder->counts, allocated * sizeof *counts);
        if (!counts) return 0;
        builder->counts = counts;
        builder->allocated = allocated;
    }
    builder->offsets[builder->count] = (uint32_t)builder->strings.length;
    if (!buffer_append(&builder->strings, text, length) ||
        !buffer_append_char(&builder->strings, '\0'))
        return 0;
    builder->counts[builder->count] = 1;
    builder->index[slot] = (uint32_t)(builder->count + PARSER_ID_FIRST);
    builder->count++;
    return builder->index[slot];
}

static void builder_view(const lexicon_builder *builder, parser_lexicon *lexicon) {
    lexicon->count = (uint32_t)builder->count;
    lexicon->capacity = (uint32_t)builder->capacity;
    lexicon->strings = builder->strings.data ? builder->strings.data : "";
    lexicon->strings_size = (uint32_t)builder->strings.length;
    lexicon->offsets = builder->offsets;
    lexicon->index = builder->index;
}

static void builder_free(lexicon_builder *builder) {
    dyad_buffer_free(&builder->strings);
    free(builder->offsets);
    free(builder->counts);
    free(builder->index);
    memset(builder, 0, sizeof *builder);
}

/* -------------------------------------------------------- live weights */

typedef struct live_cell {
    float weight;
    uint32_t class_index;
    double total;             /* sum of time * update, for averaging */
} live_cell;

typedef struct live_row {
    uint64_t key;
    uint32_t start, count, capacity;
    uint32_t lookups;         /* how often training looked it up: picks the hot features */
} live_row;

typedef struct live_table {
    live_row *rows;
    size_t capacity, used;
    live_cell *cells;
    size_t cell_count, cell_capacity;
    double time;              /* configurations trained on so far */
    uint32_t class_count;
    bool averaged;            /* score with averaged rather than current weights */
} live_table;

static live_row *live_find(live_table *table, uint64_t key) {
    size_t mask = table->capacity - 1;
    for (size_t slot = key & mask;; slot = (slot + 1) & mask) {
        if (table->rows[slot].key == key) return &table->rows[slot];
        if (table->rows[slot].key == 0) return NULL;
    }
}

static bool live_rehash(live_table *table, size_t capacity) {
    live_row *rows = calloc(capacity, sizeof *rows);
    if (!rows) return false;
    for (size_t i = 0; i < table->capacity; i++) {
        if (!table->rows[i].key) continue;
        size_t slot = table->rows[i].key & (capacity - 1);
        while (rows[slot].key) slot = (slot + 1) & (capacity - 1);
        rows[slot] = table->rows[i];
    }
    free(table->rows);
    table->rows = rows;
    table->capacity = capacity;
    return true;
}

static live_row *live_insert(live_table *table, uint64_t key) {
    if ((table->used + 1) * 2 > table->capacity && !live_rehash(table, table->capacity * 2))
        return NULL;
    size_t mask = table->capacity - 1, slot = key & mask;
    while (table->rows[slot].key) {
        if (table->rows[slot].key == key) return &table->rows[slot];
        slot = (slot + 1) & mask;
    }
    table->rows[slot].key = key;
    table->used++;
    return &table->rows[slot];
}

static live_cell *live_cell_for(live_table *table, live_row *row, uint32_t class_index) {
    for (uint32_t i = 0; i < row->count; i++)
        if (table->cells[row->start + i].class_index == class_index)
            return &table->cells[row->start + i];
    if (row->count == row->capacity) {
        /* move the row to a twice larger run at the end of the pool; the
         * old run is abandoned (at most as much as is in use) */
        uint32_t capacity = row->capacity ? row->capacity * 2 : 2;
        if (capacity > table->class_count) capacity = table->class_count;
        if (table->cell_count + capacity > table->cell_capacity) {
            size_t grown = table->cell_capacity ? table->cell_capacity * 2 : 1 << 20;
            live_cell *cells = realloc(table->cells, grown * sizeof *cells);
            if (!cells) return NULL;
            table->cells = cells;
            table->cell_capacity = grown;
        }
        if (row->count)
            memcpy(table->cells + table->cell_count, table->cells + row->start,
                   row->count * sizeof *table->cells);
        row->start = (uint32_t)table->cell_count;
        row->capacity = capacity;
        table->cell_count += capacity;
    }
    live_cell *cell = &table->cells[row->start + row->count++];
    cell->weight = 0;
    cell->total = 0;
    cell->class_index = class_index;
    return cell;
}

static bool live_update(live_table *table, const uint64_t *keys, size_t key_count,
                        int class_index, float delta) {
    for (size_t i = 0; i < key_count; i++) {
        live_row *row = live_insert(table, keys[i]);
        live_cell *cell = row ? live_cell_for(table, row, (uint32_t)class_index) : NULL;
        if (!cell) return false;
        cell->weight += delta;
        cell->total += table->time * delta;
    }
    return true;
}

static void live_score(live_table *table, const uint64_t *keys, size_t key_count, float *scores) {
    double sums[PARSER_MAX_CLASSES] = {0};
    double inverse_time = table->time > 0 ? 1.0 / table->time : 0;
    for (size_t i = 0; i < key_count; i++) {
        live_row *row = live_find(table, keys[i]);
        if (!row) continue;
        if (row->lookups < UINT32_MAX) row->lookups++;
        for (uint32_t c = 0; c < row->count; c++) {
            const live_cell *cell = &table->cells[row->start + c];
            sums[cell->class_index] += table->averaged
                                           ? cell->weight - cell->total * inverse_time
                                           : cell->weight;
        }
    }
    for (uint32_t c = 0; c < table->class_count; c++) scores[c] = (float)sums[c];
}

static void live_free(live_table *table) {
    free(table->rows);
    free(table->cells);
}

/* ------------------------------------------------------- frozen weights */

typedef struct frozen_table {
    parser_entry *hot, *cold;
    uint32_t *cells;
    int32_t *rows;
    size_t hot_capacity, cold_capacity, cell_count, row_count, row_stride, features;
    float scale;
} frozen_table;

/* Features with more weights than this get a dense row.  A dense row
 * costs its whole width in memory traffic (a row of 104 classes is seven
 * cache lines) and a sparse run four bytes a weight, so rows pay only for
 * features with weights for a good part of the classes: a few hundred
 * tag-only features, which stay in cache. */
enum { DENSE_ROW_THRESHOLD = 40 };

/* How many of the most looked-up features go to the hot table: 32k answer
 * about three quarters of the lookups on EWT, and their table (~350 KB)
 * fits in a core's L2 cache. */
enum { HOT_FEATURES = 32768 };

static void frozen_free(frozen_table *frozen) {
    free(frozen->hot);
    free(frozen->cold);
    free(frozen->cells);
    free(frozen->rows);
    memset(frozen, 0, sizeof *frozen);
}

static double averaged_weight(const live_table *table, const live_cell *cell) {
    return cell->weight - cell->total / table->time;
}

static bool kept_weight(double weight, double prune_below) {
    return fabs(weight) > prune_below && weight != 0;
}

/* What survives freezing: features training looked up at least
 * min_lookups times (rarer ones will hardly ever fire on new text either),
 * and of those the weights larger than prune_below. */
typedef struct pruning {
    double prune_below;
    unsigned min_lookups;
} pruning;

static size_t kept_weights(const live_table *table, const live_row *row, const pruning *pruning) {
    if (row->lookups < pruning->min_lookups) return 0;
    double prune_below = pruning->prune_below;
    size_t kept = 0;
    for (uint32_t c = 0; c < row->count; c++)
        kept += kept_weight(averaged_weight(table, &table->cells[row->start + c]), prune_below);
    return kept;
}

typedef struct ranked_row {
    uint32_t lookups;
    uint32_t row;             /* index in the live table */
} ranked_row;

static int by_lookups(const void *a, const void *b) {
    const ranked_row *x = a, *y = b;
    if (x->lookups != y->lookups) return x->lookups > y->lookups ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

static void insert_entry(parser_entry *entries, size_t capacity, uint64_t key, uint32_t weights) {
    size_t slot = parser_key_slot(key, (uint32_t)capacity);
    while (entries[slot].fingerprint)
        if (++slot == capacity) slot = 0;
    entries[slot].fingerprint = parser_key_fingerprint(key);
    entries[slot].weights = weights;
}

/* The averaged weights in the model layout: cells below prune_below
 * dropped, the rest quantised to 24 bits; dense rows for features with
 * many weights; the most looked-up features in the hot table. */
static dyad_status freeze(const live_table *table, const pruning *pruning, frozen_table *out,
                          dyad_error *error) {
    memset(out, 0, sizeof *out);
    double largest = 0;
    size_t features = 0, cells = 0, rows = 0;
    for (size_t i = 0; i < table->capacity; i++) {
        const live_row *row = &table->rows[i];
        for (uint32_t c = 0; row->key && c < row->count; c++) {
            double weight = fabs(averaged_weight(table, &table->cells[row->start + c]));
            if (weight > largest) largest = weight;
        }
        size_t kept = row->key ? kept_weights(table, row, pruning) : 0;
        features += kept > 0;
        if (kept > DENSE_ROW_THRESHOLD) rows++;
        else cells += kept;
    }
    if (cells >= PARSER_MAX_CELLS)
        return error_set(error, DYAD_ERR_LIMIT, NULL, 0, -1,
                         "%zu weights: more than a model holds (2^23); prune more", cells);
    ranked_row *ranked = malloc((features ? features : 1) * sizeof *ranked);
    size_t hot = features < HOT_FEATURES ? features : HOT_FEATURES;
    out->hot_capacity = hot + hot / 3 + 16; /* ~75% full */
    /* the cold table half full: a key it lacks (one lookup in six) is
     * then found absent after 2.5 slots on average instead of 8.5, which
     * is one cache line instead of two */
    out->cold_capacity = 2 * (features - hot) + 16;
    out->row_stride = (table->class_count + 7) & ~7u;
    out->hot = calloc(out->hot_capacity, sizeof *out->hot);
    out->cold = calloc(out->cold_capacity, sizeof *out->cold);
    out->cells = malloc((cells ? cells : 1) * sizeof *out->cells);
    out->rows = calloc((rows ? rows : 1) * out->row_stride, sizeof *out->rows);
    if (!ranked || !out->hot || !out->cold || !out->cells || !out->rows) {
        free(ranked);
        frozen_free(out);
        return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    }
    size_t ranked_count = 0;
    for (size_t i = 0; i < table->capacity; i++)
        if (table->rows[i].key && kept_weights(table, &table->rows[i], pruning))
            ranked[ranked_count++] = (ranked_row){table->rows[i].lookups, (uint32_t)i};
    qsort(ranked, ranked_count, sizeof *ranked, by_lookups);
    out->scale = (float)(largest > 0 ? largest / 8388607.0 : 1.0);
    for (size_t r = 0; r < ranked_count; r++) {
        const live_row *row = &table->rows[ranked[r].row];
        bool dense = kept_weights(table, row, pruning) > DENSE_ROW_THRESHOLD;
        int32_t *dense_row = out->rows + out->row_count * out->row_stride;
        size_t start = out->cell_count;
        for (uint32_t c = 0; c < row->count; c++) {
            const live_cell *cell = &table->cells[row->start + c];
            double weight = averaged_weight(table, cell);
            if (!kept_weight(weight, pruning->prune_below)) continue;
            int32_t quantised = (int32_t)lround(weight / out->scale);
            if (dense)
                dense_row[cell->class_index] = quantised;
            else
                out->cells[out->cell_count++] =
                    cell->class_index << 24 | ((uint32_t)quantised & 0xffffffu);
        }
        uint32_t weights = dense ? PARSER_DENSE_ROW | (uint32_t)out->row_count++
                                 : (uint32_t)(start << 8 | (out->cell_count - start));
        if (r < hot)
            insert_entry(out->hot, out->hot_capacity, row->key, weights);
        else
            insert_entry(out->cold, out->cold_capacity, row->key, weights);
        out->features++;
    }
    free(ranked);
    return DYAD_OK;
}

static dyad_status use_frozen(parser_model *model, const frozen_table *frozen) {
    model->table.hot = (parser_hash){.capacity = (uint32_t)frozen->hot_capacity,
                                     .entries = frozen->hot};
    model->table.cold = (parser_hash){.capacity = (uint32_t)frozen->cold_capacity,
                                      .entries = frozen->cold};
    model->table.cells = frozen->cells;
    model->table.cell_count = (uint32_t)frozen->cell_count;
    model->table.rows = frozen->rows;
    model->table.row_count = (uint32_t)frozen->row_count;
    model->table.row_stride = (uint32_t)frozen->row_stride;
    model->header.weight_scale = frozen->scale;
    model->header.row_stride = (uint32_t)frozen->row_stride;
    return parser_table_prepare(&model->table);
}

/* ------------------------------------------------------------ sentences */

/* words, gold heads to train on (projective), gold label indexes (-1 for
 * a label the model lacks), the treebank's heads for scoring */
typedef parser_gold_sentence train_sentence;

static dyad_status check_tree(const conllu_sentence *sentence, const char *path,
                              dyad_error *error) {
    int n = (int)sentence->word_count, roots = 0;
    for (int i = 0; i < n; i++) {
        int head = sentence->words[i].head;
        if (head < 0 || head > n || head == i + 1)
            return error_set(error, DYAD_ERR_FORMAT, path, sentence->line, -1,
                             "word %d has no valid head", i + 1);
        roots += head == 0;
        /* following heads from any word must reach the root within n steps */
        int word = i + 1, steps = 0;
        while (word != 0 && steps++ <= n) word = sentence->words[word - 1].head;
        if (word != 0)
            return error_set(error, DYAD_ERR_FORMAT, path, sentence->line, -1,
                             "the heads of word %d form a cycle", i + 1);
    }
    if (roots != 1)
        return error_set(error, DYAD_ERR_FORMAT, path, sentence->line, -1,
                         "the sentence has %d roots, not one", roots);
    return DYAD_OK;
}

static dyad_status prepare_sentences(const parser_model *model, const conllu_corpus *corpus,
                                     const char *path, bool training, dyad_arena *arena,
                                     train_sentence **out, parser_corpus_report *report,
                                     dyad_error *error) {
    train_sentence *sentences = arena_calloc(arena, corpus->sentence_count + 1, sizeof *sentences);
    if (!sentences) return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    memset(report, 0, sizeof *report);
    for (size_t s = 0; s < corpus->sentence_count; s++) {
        const conllu_sentence *sentence = &corpus->sentences[s];
        int n = (int)sentence->word_count;
        dyad_status status = check_tree(sentence, path, error);
        if (status != DYAD_OK) return status;
        dyad_token *tokens = arena_calloc(arena, (size_t)n + 1, sizeof *tokens);
        int *ints = arena_alloc(arena, 3 * ((size_t)n + 1) * sizeof *ints);
        if (!tokens || !ints) return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
        train_sentence *t = &sentences[s];
        t->head = ints;
        t->label = ints + n + 1;
        t->true_head = ints + 2 * (n + 1);
        t->head[0] = t->true_head[0] = -1;
        t->label[0] = -1;
        for (int i = 0; i < n; i++) {
            const conllu_word *word = &sentence->words[i];
            tokens[i].text = word->form;
            tokens[i].xpos = word->xpos;
            tokens[i].upos = word->upos;
            tokens[i].lemma = word->lemma;
            t->head[i + 1] = t->true_head[i + 1] = word->head;
            uint32_t id = parser_lexicon_find(&model->labels, word->deprel, strlen(word->deprel));
            t->label[i + 1] = id >= PARSER_ID_FIRST ? (int)(id - PARSER_ID_FIRST) : -1;
        }
        if (parser_words_from_tokens(model, tokens, n, arena, &t->words) != DYAD_OK)
            return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
        if (training && !transition_tree_is_projective(t->head, n)) {
            report->non_projective++;
            report->lifted_arcs += transition_projectivize(t->head, n);
        }
        report->sentences++;
        report->words += n;
    }
    *out = sentences;
    return DYAD_OK;
}

/* ------------------------------------------------------------ jackknife */

/* The tagger's tags for every word of corpus, in corpus order, as
 * strings copied into arena: upos[i], xpos[i]. */
static dyad_status predict_tags(const tagger *tagger, const conllu_corpus *corpus,
                                dyad_arena *arena, const char **upos, const char **xpos,
                                tagger_accuracy *accuracy, dyad_error *error) {
    uint16_t *labels = malloc((corpus->word_count ? corpus->word_count : 1) * sizeof *labels);
    uint32_t label_count = tagger_label_count(tagger);
    const char **strings = arena_alloc(arena, 2 * (label_count ? label_count : 1) * sizeof *strings);
    if (!labels || !strings) {
        free(labels);
        return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    }
    dyad_status status = DYAD_OK;
    for (uint32_t i = 0; i < label_count && status == DYAD_OK; i++) {
        strings[2 * i] = arena_strdup(arena, tagger_label_upos(tagger, i));
        strings[2 * i + 1] = arena_strdup(arena, tagger_label_xpos(tagger, i));
        if (!strings[2 * i] || !strings[2 * i + 1])
            status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    }
    if (status == DYAD_OK) status = tagger_evaluate(tagger, corpus, accuracy, labels, error);
    for (size_t i = 0; status == DYAD_OK && i < corpus->word_count; i++) {
        upos[i] = strings[2 * labels[i]];
        xpos[i] = strings[2 * labels[i] + 1];
    }
    free(labels);
    return status;
}

static void set_tags(conllu_corpus *corpus, const char **upos, const char **xpos) {
    size_t next = 0;
    for (size_t s = 0; s < corpus->sentence_count; s++) {
        conllu_sentence *sentence = &corpus->sentences[s];
        for (size_t w = 0; w < sentence->word_count; w++, next++) {
            sentence->words[w].upos = upos[next];
            sentence->words[w].xpos = xpos[next];
        }
    }
}

/* Predicts the tags of fold `fold` (sentences s with s % folds == fold)
 * with a tagger trained on the others; they go to upos/xpos at the fold's
 * words' positions in corpus order, the corpus itself is not touched. */
static dyad_status jackknife_fold(const parser_jackknife *jackknife, const conllu_corpus *corpus,
                                  const conllu_corpus *dev, int fold, conllu_sentence *held_out,
                                  conllu_sentence *rest, const char **upos, const char **xpos,
                                  dyad_error *error) {
    conllu_corpus fold_corpus = {held_out, 0, 0}, rest_corpus = {rest, 0, 0};
    for (size_t s = 0; s < corpus->sentence_count; s++) {
        conllu_corpus *into = (int)(s % (size_t)jackknife->folds) == fold ? &fold_corpus : &rest_corpus;
        into->sentences[into->sentence_count++] = corpus->sentences[s];
        into->word_count += corpus->sentences[s].word_count;
    }
    /* the fold taggers are trained like the pipeline's, WordNet word
     * classes and word clusters included when it has them */
    const lemmatizer *word_classes = tagger_word_classes(jackknife->tagger);
    const word_clusters *clusters = tagger_word_clusters(jackknife->tagger);
    /* each fold tagger jackknifes its own first pass: two inner folds
     * rather than the tagger's five keep ten fold taggers within minutes */
    tagger_training_options options = {.iterations = jackknife->tagger_iterations,
                                       .seed = (uint64_t)fold + 1,
                                       .word_classes = word_classes,
                                       .first_pass_folds = 2,
                                       .clusters = clusters};
    dyad_status status = tagger_train(&rest_corpus, dev, &options, jackknife->scratch_path, error);
    tagger *fold_tagger = NULL;
    if (status == DYAD_OK)
        status = tagger_load_sharing(jackknife->scratch_path, word_classes, clusters, &fold_tagger,
                                     error);
    remove(jackknife->scratch_path);
    const char **fold_upos = malloc((fold_corpus.word_count + 1) * 2 * sizeof *fold_upos);
    if (status == DYAD_OK && !fold_upos)
        status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    const char **fold_xpos = fold_upos ? fold_upos + fold_corpus.word_count + 1 : NULL;
    tagger_accuracy accuracy = {0};
    if (status == DYAD_OK)
        status = predict_tags(fold_tagger, &fold_corpus, jackknife->arena, fold_upos, fold_xpos,
                              &accuracy, error);
    tagger_free(fold_tagger);
    if (status == DYAD_OK) {
        size_t from = 0, to = 0;
        for (size_t s = 0; s < corpus->sentence_count; s++) {
            size_t count = corpus->sentences[s].word_count;
            if ((int)(s % (size_t)jackknife->folds) == fold) {
                memcpy(upos + to, fold_upos + from, count * sizeof *upos);
                memcpy(xpos + to, fold_xpos + from, count * sizeof *xpos);
                from += count;
            }
            to += count;
        }
        if (jackknife->on_fold && accuracy.words)
            jackknife->on_fold(jackknife->report_context, fold,
                               100.0 * (double)accuracy.upos_correct / (double)accuracy.words,
                               100.0 * (double)accuracy.xpos_correct / (double)accuracy.words);
    }
    free(fold_upos);
    return status;
}

static const char *field_or_blank(const char *field) {
    return field && *field ? field : "_";
}

/* Writes the corpus as CoNLL-U, its words only (multiword tokens and
 * comments other than the sentence id are left out: the file only has to
 * carry the tags back to the same treebank). */
static dyad_status save_tags(const char *path, const conllu_corpus *corpus, dyad_error *error) {
    FILE *file = fopen(path, "w");
    if (!file) return error_set(error, DYAD_ERR_IO, path, 0, -1, "cannot write the tags file");
    fprintf(file, "# jackknifed tags (dyad train parser --save-tags)\n");
    for (size_t s = 0; s < corpus->sentence_count; s++) {
        const conllu_sentence *sentence = &corpus->sentences[s];
        if (sentence->sent_id) fprintf(file, "# sent_id = %s\n", sentence->sent_id);
        for (size_t w = 0; w < sentence->word_count; w++) {
            const conllu_word *word = &sentence->words[w];
            fprintf(file, "%zu\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", w + 1, word->form,
                    field_or_blank(word->lemma), field_or_blank(word->upos),
                    field_or_blank(word->xpos), field_or_blank(word->feats), word->head,
                    field_or_blank(word->deprel), field_or_blank(word->deps),
                    field_or_blank(word->misc));
        }
        fputc('\n', file);
    }
    bool failed = ferror(file) != 0;
    if (fclose(file) != 0 || failed)
        return error_set(error, DYAD_ERR_IO, path, 0, -1, "cannot write the tags file");
    return DYAD_OK;
}

/* Reads the tags of a file save_tags wrote for the same treebank into
 * upos/xpos (corpus order; the strings live in arena). */
static dyad_status load_tags(const char *path, const conllu_corpus *corpus, dyad_arena *arena,
                             const char **upos, const char **xpos, dyad_error *error) {
    conllu_corpus tagged;
    dyad_status status = conllu_read_file(path, arena, &tagged, error);
    if (status != DYAD_OK) return status;
    if (tagged.sentence_count != corpus->sentence_count)
        return error_set(error, DYAD_ERR_FORMAT, path, 0, -1,
                         "the tags file has %zu sentences, the training corpus %zu",
                         tagged.sentence_count, corpus->sentence_count);
    size_t next = 0;
    for (size_t s = 0; s < corpus->sentence_count; s++) {
        const conllu_sentence *mine = &corpus->sentences[s], *theirs = &tagged.sentences[s];
        bool same = mine->word_count == theirs->word_count;
        for (size_t w = 0; same && w < mine->word_count; w++)
            same = strcmp(mine->words[w].form, theirs->words[w].form) == 0;
        if (!same)
            return error_set(error, DYAD_ERR_FORMAT, path, theirs->line, -1,
                             "the tags file's sentence %zu has other words than the training "
                             "corpus's (line %ld there)", s + 1, mine->line);
        for (size_t w = 0; w < mine->word_count; w++, next++) {
            upos[next] = theirs->words[w].upos;
            xpos[next] = theirs->words[w].xpos;
        }
    }
    return DYAD_OK;
}

dyad_status parser_jackknife_retag(void *context, conllu_corpus *corpus, bool training,
                                   dyad_error *error) {
    const parser_jackknife *jackknife = context;
    const char **upos = malloc((corpus->word_count + 1) * 2 * sizeof *upos);
    if (!upos) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    const char **xpos = upos + corpus->word_count + 1;
    dyad_status status = DYAD_OK;
    if (training && jackknife->load_tags_path) {
        status = load_tags(jackknife->load_tags_path, corpus, jackknife->arena, upos, xpos, error);
    } else if (!training) {
        tagger_accuracy accuracy;
        status = predict_tags(jackknife->tagger, corpus, jackknife->arena, upos, xpos, &accuracy,
                              error);
    } else if (jackknife->folds < 2) {
        status = error_set(error, DYAD_ERR_USAGE, NULL, 0, -1, "jackknifing needs at least 2 folds");
    } else {
        conllu_corpus dev;
        dyad_arena *dev_arena = dyad_arena_new();
        conllu_sentence *held_out = malloc((corpus->sentence_count + 1) * sizeof *held_out);
        conllu_sentence *rest = malloc((corpus->sentence_count + 1) * sizeof *rest);
        if (!dev_arena || !held_out || !rest)
            status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        if (status == DYAD_OK)
            status = conllu_read_file(jackknife->tagger_dev_path, dev_arena, &dev, error);
        for (int fold = 0; fold < jackknife->folds && status == DYAD_OK; fold++)
            status = jackknife_fold(jackknife, corpus, &dev, fold, held_out, rest, upos, xpos, error);
        free(held_out);
        free(rest);
        dyad_arena_free(dev_arena);
    }
    if (status == DYAD_OK) set_tags(corpus, upos, xpos);
    if (status == DYAD_OK && training && jackknife->save_tags_path)
        status = save_tags(jackknife->save_tags_path, corpus, error);
    free(upos);
    return status;
}

/* ------------------------------------------------------------- training */


typedef struct trainer {
    parser_model model;       /* lexicons from the builders, table from `frozen` */
    live_table live;
    uint64_t random;
    long moves, correct_moves;
} trainer;

static dyad_status train_sentence_once(trainer *t, const train_sentence *sentence, bool explore,
                                       double exploration, dyad_arena *scratch) {
    const parser_model *model = &t->model;
    transition_state state;
    if (transition_state_init(&state, sentence->words.word_count, scratch) != DYAD_OK)
        return DYAD_ERR_MEMORY;
    uint64_t keys[PARSER_MAX_FEATURES];
    float scores[PARSER_MAX_CLASSES];
    int costs[PARSER_MAX_CLASSES];
    bool allowed[PARSER_MAX_CLASSES];
    int class_count = (int)model->header.class_count;
    while (!transition_is_terminal(&state)) {
        size_t key_count = parser_extract_features(&sentence->words, &state, keys);
        live_score(&t->live, keys, key_count, scores);
        int predicted = parser_best_class(model, &state, scores, NULL);
        parser_class_costs(model, &state, sentence->head, sentence->label, costs);
        /* the best legal class among the cheapest: zero cost whenever the
         * gold tree is projective, which training trees are */
        int gold = -1;
        for (int limit = 0; gold < 0 && limit <= state.word_count + 1; limit++) {
            for (int c = 0; c < class_count; c++) allowed[c] = costs[c] >= 0 && costs[c] <= limit;
            gold = parser_best_class(model, &state, scores, allowed);
        }
        int next = predicted;
        if (costs[predicted] > costs[gold]) {
            if (!live_update(&t->live, keys, key_count, gold, 1.0f) ||
                !live_update(&t->live, keys, key_count, predicted, -1.0f))
                return DYAD_ERR_MEMORY;
            bool follow = explore && random_unit(&t->random) < exploration;
            if (!follow) next = gold;
        } else {
            t->correct_moves++;
        }
        t->moves++;
        t->live.time += 1;
        transition_apply(&state, parser_class_move(model, next), parser_class_label(model, next));
    }
    return DYAD_OK;
}

/* The parser_score_fn of the live weights during training.  Scoring
 * counts lookups (they pick the hot features and prune the rare ones), so
 * the table is not const, though the beam passes it as its context. */
static void live_score_moves(const void *context, const uint64_t *keys, size_t key_count,
                             float *scores) {
    live_score((live_table *)context, keys, key_count, scores);
}

/* Global training of one sentence (Zhang & Clark 2008, Huang, Fayong & Guo
 * 2012): a beam search with the current weights runs beside the gold move
 * sequence (the static oracle's on the projective tree), and the sentence
 * is one perceptron instance.  The update is the max-violation one: at the
 * step where the beam's best item leads the gold prefix by the most, the
 * gold prefix's features are rewarded and the best item's penalised —
 * from the first move where the two differ, since before it they share
 * every configuration and the updates would cancel.  Unlike early update
 * (stop when gold falls off the beam) it keeps learning from the rest of
 * the sentence, and converges in fewer passes.  No exploration: the beam
 * already shows the model its own mistakes. */
static dyad_status train_sentence_beam(trainer *t, const train_sentence *sentence, int width,
                                       dyad_arena *scratch) {
    const parser_model *model = &t->model;
    const parser_words *words = &sentence->words;
    size_t steps = 2 * (size_t)words->word_count, item_keys = (size_t)width * PARSER_MAX_FEATURES;
    parser_beam beam;
    transition_state gold;
    if (parser_beam_init(&beam, model, width, words->word_count, scratch) != DYAD_OK ||
        transition_state_init(&gold, words->word_count, scratch) != DYAD_OK)
        return DYAD_ERR_MEMORY;
    /* what every step saw: the features of each item and of the gold
     * configuration, and the back-pointers, to rebuild any item's moves */
    uint64_t *keys = arena_alloc(scratch, steps * item_keys * sizeof *keys);
    size_t *key_counts = arena_alloc(scratch, steps * (size_t)width * sizeof *key_counts);
    int *parents = arena_alloc(scratch, 2 * steps * (size_t)width * sizeof *parents);
    uint64_t *gold_keys = arena_alloc(scratch, steps * PARSER_MAX_FEATURES * sizeof *gold_keys);
    size_t *gold_key_counts = arena_alloc(scratch, steps * sizeof *gold_key_counts);
    int *gold_classes = arena_alloc(scratch, 3 * steps * sizeof *gold_classes);
    bool *on_gold = arena_alloc(scratch, 2 * (size_t)width * sizeof *on_gold);
    if (!keys || !key_counts || !parents || !gold_keys || !gold_key_counts || !gold_classes ||
        !on_gold)
        return DYAD_ERR_MEMORY;
    int *classes = parents + steps * (size_t)width;
    int *predicted_classes = gold_classes + steps, *predicted_parents = gold_classes + 2 * steps;
    bool *next_on_gold = on_gold + width;
    on_gold[0] = true;
    float scores[PARSER_MAX_CLASSES];
    double gold_score = 0, worst_violation = -1;
    size_t update_length = 0; /* moves in the prefixes to update: 0 = none */
    for (size_t step = 0; step < steps; step++) {
        parser_beam_step(&beam, words, live_score_moves, &t->live, keys + step * item_keys,
                         key_counts + step * (size_t)width);
        memcpy(parents + step * (size_t)width, beam.parent, (size_t)beam.count * sizeof *parents);
        memcpy(classes + step * (size_t)width, beam.last_class, (size_t)beam.count * sizeof *classes);
        gold_key_counts[step] =
            parser_extract_features(words, &gold, gold_keys + step * PARSER_MAX_FEATURES);
        live_score(&t->live, gold_keys + step * PARSER_MAX_FEATURES, gold_key_counts[step], scores);
        transition_move move = transition_static_oracle(&gold, sentence->head);
        /* every label of the training trees is in the model's lexicon,
         * which was built from them */
        int label = move == TRANSITION_SHIFT ? -1 : sentence->label[transition_stack_top(&gold, 0)];
        int gold_class = parser_class_of(model, move, label);
        gold_classes[step] = gold_class;
        gold_score += scores[gold_class];
        transition_apply(&gold, move, label);
        for (int j = 0; j < beam.count; j++)
            next_on_gold[j] = on_gold[beam.parent[j]] && beam.last_class[j] == gold_class;
        bool *swap = on_gold;
        on_gold = next_on_gold;
        next_on_gold = swap;
        if (!on_gold[0] && beam.score[0] - gold_score >= 0 &&
            beam.score[0] - gold_score > worst_violation) {
            worst_violation = beam.score[0] - gold_score;
            update_length = step + 1;
        }
    }
    t->moves += (long)steps;
    if (update_length == 0) {
        t->correct_moves += (long)steps;
    } else {
        /* the moves of the best item at the update step, back to the start */
        for (size_t step = update_length, item = 0; step-- > 0;) {
            predicted_classes[step] = classes[step * (size_t)width + item];
            item = (size_t)parents[step * (size_t)width + item];
            predicted_parents[step] = (int)item;
        }
        size_t first = 0;
        while (first < update_length && predicted_classes[first] == gold_classes[first]) first++;
        t->correct_moves += (long)first;
        for (size_t step = first; step < update_length; step++) {
            const uint64_t *predicted_keys =
                keys + step * item_keys + (size_t)predicted_parents[step] * PARSER_MAX_FEATURES;
            size_t predicted_count = key_counts[step * (size_t)width + (size_t)predicted_parents[step]];
            if (!live_update(&t->live, gold_keys + step * PARSER_MAX_FEATURES,
                             gold_key_counts[step], gold_classes[step], 1.0f) ||
                !live_update(&t->live, predicted_keys, predicted_count, predicted_classes[step],
                             -1.0f))
                return DYAD_ERR_MEMORY;
        }
    }
    t->live.time += 1;
    return DYAD_OK;
}

static dyad_status evaluate(const parser_model *model, const train_sentence *sentences,
                            size_t count, int beam_width, dyad_arena *scratch, double *uas,
                            double *las) {
    long words = 0, attached = 0, labelled = 0;
    for (size_t s = 0; s < count; s++) {
        const train_sentence *sentence = &sentences[s];
        transition_state greedy_state;
        const transition_state *state = &greedy_state;
        dyad_arena_reset(scratch);
        /* the full beam (no margin): pruning is a parse-time setting, and
         * the pass kept must not depend on it */
        dyad_status status =
            beam_width > 1 ? parser_beam_search(model, &sentence->words, parser_score_frozen, model,
                                                beam_width, HUGE_VAL, scratch, &state)
                           : parser_run(model, &sentence->words, parser_score_frozen, model,
                                        scratch, &greedy_state);
        if (status != DYAD_OK) return DYAD_ERR_MEMORY;
        for (int i = 1; i <= sentence->words.word_count; i++) {
            words++;
            if (state->head[i] == sentence->true_head[i]) {
                attached++;
                labelled += state->label[i] == sentence->label[i];
            }
        }
    }
    *uas = words ? 100.0 * (double)attached / (double)words : 0;
    *las = words ? 100.0 * (double)labelled / (double)words : 0;
    return DYAD_OK;
}

static bool add_lexicon(model_writer *writer, const char *name, const lexicon_builder *builder) {
    char section[32];
    snprintf(section, sizeof section, "%s.strings", name);
    if (!model_writer_add(writer, section, builder->strings.data, builder->strings.length))
        return false;
    snprintf(section, sizeof section, "%s.offsets", name);
    if (!model_writer_add(writer, section, builder->offsets, builder->count * sizeof(uint32_t)))
        return false;
    snprintf(section, sizeof section, "%s.index", name);
    return model_writer_add(writer, section, builder->index, builder->capacity * sizeof(uint32_t));
}

static bool add_network(model_writer *writer, const parser_network_parameters *network) {
    const parser_network_header *h = &network->header;
    size_t n[NETWORK_BLOCKS];
    parser_network_block_sizes(h, n);
    /* the trainer's blocks are contiguous in this order (parser_network_train.c) */
    return model_writer_add(writer, "network.header", h, sizeof *h) &&
           model_writer_add(writer, "network.words", network->frequent_forms,
                            (h->word_rows - PARSER_ID_FIRST) * sizeof *network->frequent_forms) &&
           model_writer_add(writer, "network.embeddings", network->word,
                            (n[0] + n[1] + n[2] + n[3]) * sizeof(float)) &&
           model_writer_add(writer, "network.hidden", network->first, (n[4] + n[5]) * sizeof(float)) &&
           model_writer_add(writer, "network.output", network->second, (n[6] + n[7]) * sizeof(float));
}

static dyad_status save_model(const char *path, const parser_header *header,
                              const lexicon_builder *lexicons[4], const frozen_table *frozen,
                              const parser_network_parameters *network, dyad_error *error) {
    static const char *const names[4] = {"forms", "xpos", "upos", "labels"};
    model_writer *writer = model_writer_new("parser");
    bool ok = writer && model_writer_add(writer, "parser.header", header, sizeof *header);
    for (int i = 0; ok && i < 4; i++) ok = add_lexicon(writer, names[i], lexicons[i]);
    ok = ok &&
         model_writer_add(writer, "parser.hot", frozen->hot,
                          frozen->hot_capacity * sizeof *frozen->hot) &&
         model_writer_add(writer, "parser.cold", frozen->cold,
                          frozen->cold_capacity * sizeof *frozen->cold) &&
         model_writer_add(writer, "parser.cells", frozen->cells,
                          frozen->cell_count * sizeof *frozen->cells) &&
         model_writer_add(writer, "parser.rows", frozen->rows,
                          frozen->row_count * frozen->row_stride * sizeof *frozen->rows);
    if (network) ok = ok && add_network(writer, network);
    dyad_status status = ok ? model_writer_save(writer, path, error)
                            : error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    model_writer_free(writer);
    return status;
}

static dyad_status read_corpus(const parser_train_options *options, const char *path,
                               bool training, dyad_arena *arena, conllu_corpus *corpus,
                               dyad_error *error) {
    dyad_status status = conllu_read_file(path, arena, corpus, error);
    if (status == DYAD_OK && options->retag)
        status = options->retag(options->retag_context, corpus, training, error);
    if (status == DYAD_OK && corpus->sentence_count == 0)
        status = error_set(error, DYAD_ERR_FORMAT, path, 0, -1, "no sentences");
    return status;
}

/* Appends the sentences of an automatically parsed file to the training
 * corpus (parser_train_options.parsed_paths): read as they are, never
 * retagged. */
static dyad_status append_parsed_corpus(const char *path, dyad_arena *arena, conllu_corpus *train,
                                        dyad_error *error) {
    conllu_corpus parsed;
    dyad_status status = conllu_read_file(path, arena, &parsed, error);
    if (status != DYAD_OK) return status;
    if (parsed.sentence_count == 0) return error_set(error, DYAD_ERR_FORMAT, path, 0, -1, "no sentences");
    size_t count = train->sentence_count + parsed.sentence_count;
    conllu_sentence *sentences = arena_alloc(arena, count * sizeof *sentences);
    if (!sentences) return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    memcpy(sentences, train->sentences, train->sentence_count * sizeof *sentences);
    memcpy(sentences + train->sentence_count, parsed.sentences,
           parsed.sentence_count * sizeof *sentences);
    train->sentences = sentences;
    train->sentence_count = count;
    train->word_count += parsed.word_count;
    return DYAD_OK;
}

static dyad_status build_lexicons(const parser_train_options *options, const conllu_corpus *train,
                                  lexicon_builder lexicons[4], dyad_error *error) {
    lexicon_builder all_forms;
    if (!builder_init(&all_forms)) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    bool ok = true;
    for (int i = 0; i < 4 && ok; i++) ok = builder_init(&lexicons[i]);
    char normalized[64];
    for (size_t s = 0; ok && s < train->sentence_count; s++) {
        const conllu_sentence *sentence = &train->sentences[s];
        for (size_t w = 0; ok && w < sentence->word_count; w++) {
            const conllu_word *word = &sentence->words[w];
            size_t length = parser_normalize_form(word->form, normalized);
            ok = builder_add(&all_forms, normalized, length) &&
                 builder_add(&lexicons[1], word->xpos, strlen(word->xpos)) &&
                 builder_add(&lexicons[2], word->upos, strlen(word->upos)) &&
                 builder_add(&lexicons[3], word->deprel, strlen(word->deprel));
        }
    }
    for (size_t i = 0; ok && i < all_forms.count; i++) {
        if (all_forms.counts[i] < (uint32_t)options->min_form_count) continue;
        const char *form = all_forms.strings.data + all_forms.offsets[i];
        ok = builder_add(&lexicons[0], form, strlen(form));
    }
    builder_free(&all_forms);
    if (!ok) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    if (lexicons[0].count + PARSER_ID_FIRST > PARSER_MAX_WORD_ID)
        return error_set(error, DYAD_ERR_LIMIT, options->train_path, 0, -1,
                         "%zu word forms: more than the parser's ids can hold", lexicons[0].count);
    for (int i = 1; i < 4; i++)
        if (lexicons[i].count + PARSER_ID_FIRST > PARSER_MAX_TAG_ID ||
            (i == 3 && lexicons[i].count > PARSER_MAX_LABELS))
            return error_set(error, DYAD_ERR_LIMIT, options->train_path, 0, -1,
                             "%zu distinct %s: more than the parser's ids can hold",
                             lexicons[i].count, i == 3 ? "labels" : "tags");
    return DYAD_OK;
}

dyad_status parser_train(const parser_train_options *options, dyad_error *error) {
    dyad_arena *corpus_arena = dyad_arena_new(), *scratch = dyad_arena_new();
    lexicon_builder lexicons[4];
    memset(lexicons, 0, sizeof lexicons);
    trainer t;
    memset(&t, 0, sizeof t);
    frozen_table best = {0}, current = {0};
    size_t *order = NULL;
    dyad_status status = DYAD_OK;
    if (!corpus_arena || !scratch) {
        status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        goto done;
    }
    conllu_corpus train_corpus, dev_corpus;
    status = read_corpus(options, options->train_path, true, corpus_arena, &train_corpus, error);
    /* the treebank's sentences come first; the network learns from them
     * alone unless told otherwise */
    size_t treebank_count = status == DYAD_OK ? train_corpus.sentence_count : 0;
    for (size_t i = 0; status == DYAD_OK && i < options->parsed_path_count; i++)
        status = append_parsed_corpus(options->parsed_paths[i], corpus_arena, &train_corpus, error);
    if (status == DYAD_OK)
        status = read_corpus(options, options->dev_path, false, corpus_arena, &dev_corpus, error);
    if (status == DYAD_OK) status = build_lexicons(options, &train_corpus, lexicons, error);
    if (status != DYAD_OK) goto done;

    parser_model *model = &t.model;
    builder_view(&lexicons[0], &model->forms);
    builder_view(&lexicons[1], &model->xpos);
    builder_view(&lexicons[2], &model->upos);
    builder_view(&lexicons[3], &model->labels);
    uint32_t root = parser_lexicon_find(&model->labels, "root", 4);
    if (root < PARSER_ID_FIRST) {
        status = error_set(error, DYAD_ERR_FORMAT, options->train_path, 0, -1,
                           "no word is attached with the label 'root'");
        goto done;
    }
    model->header.format_version = PARSER_FORMAT_VERSION;
    model->header.label_count = model->labels.count;
    model->header.root_label = root - PARSER_ID_FIRST;
    model->header.class_count = 1 + 2 * model->labels.count;
    int width = options->beam_width > 1 ? options->beam_width : 1;
    if (width > PARSER_MAX_BEAM) {
        status = error_set(error, DYAD_ERR_USAGE, NULL, 0, -1, "beam width %d is more than %d",
                           width, PARSER_MAX_BEAM);
        goto done;
    }
    model->header.beam_width = (uint32_t)width;
    if (options->network &&
        (width > 1 || !options->clusters || !(options->cluster_features & PARSER_CLUSTER_KNOWN))) {
        status = error_set(error, DYAD_ERR_USAGE, NULL, 0, -1,
                           "a network is trained for greedy parsers with word clusters only");
        goto done;
    }
    if (options->clusters && (options->cluster_features & PARSER_CLUSTER_KNOWN)) {
        uint64_t id = word_clusters_id(options->clusters);
        model->header.format_version = PARSER_FORMAT_VERSION_CLUSTERS;
        model->header.cluster_features = options->cluster_features & PARSER_CLUSTER_KNOWN;
        model->header.clusters_id[0] = (uint32_t)id;
        model->header.clusters_id[1] = (uint32_t)(id >> 32);
        model->clusters = options->clusters;
        if (!parser_word_ids_fit(model, options->clusters)) {
            status = error_set(error, DYAD_ERR_LIMIT, options->train_path, 0, -1,
                               "too many word forms and classes for the parser's word ids");
            goto done;
        }
    }

    train_sentence *train_sentences, *dev_sentences;
    parser_corpus_report train_report, dev_report;
    status = prepare_sentences(model, &train_corpus, options->train_path, true, corpus_arena,
                               &train_sentences, &train_report, error);
    if (status == DYAD_OK)
        status = prepare_sentences(model, &dev_corpus, options->dev_path, false, corpus_arena,
                                   &dev_sentences, &dev_report, error);
    if (status != DYAD_OK) goto done;
    if (options->on_corpus) options->on_corpus(options->report_context, &train_report);

    t.live.class_count = model->header.class_count;
    t.random = options->seed ? options->seed : 1;
    order = malloc(train_corpus.sentence_count * sizeof *order);
    if (!order || !live_rehash(&t.live, 1 << 16)) {
        status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < train_corpus.sentence_count; i++) order[i] = i;
    double best_las = -1;
    for (int iteration = 1; iteration <= options->iterations; iteration++) {
        clock_t started = clock();
        random_shuffle(order, train_corpus.sentence_count, &t.random);
        t.moves = t.correct_moves = 0;
        for (size_t i = 0; i < train_corpus.sentence_count && status == DYAD_OK; i++) {
            dyad_arena_reset(scratch);
            dyad_status trained =
                width > 1 ? train_sentence_beam(&t, &train_sentences[order[i]], width, scratch)
                          : train_sentence_once(&t, &train_sentences[order[i]], iteration > 1,
                                                options->exploration, scratch);
            if (trained != DYAD_OK)
                status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        }
        if (status != DYAD_OK) goto done;
        parser_iteration_report report = {.iteration = iteration};
        report.seconds = (double)(clock() - started) / CLOCKS_PER_SEC;
        report.train_move_accuracy = t.moves ? 100.0 * (double)t.correct_moves / (double)t.moves : 0;
        /* a beam looks every feature of a configuration up once per item,
         * so the same rarity is `width` times as many lookups */
        pruning pruning = {options->prune_below, options->min_lookups * (unsigned)width};
        status = freeze(&t.live, &pruning, &current, error);
        if (status != DYAD_OK) goto done;
        if (use_frozen(model, &current) != DYAD_OK) {
            status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
            goto done;
        }
        if (evaluate(model, dev_sentences, dev_corpus.sentence_count, width, scratch,
                     &report.dev_uas, &report.dev_las) != DYAD_OK) {
            status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
            goto done;
        }
        report.features = (long)current.features;
        report.weights = (long)(current.cell_count + current.row_count * current.row_stride);
        if (report.dev_las > best_las) {
            best_las = report.dev_las;
            report.best = true;
            frozen_free(&best);
            best = current;
            memset(&current, 0, sizeof current);
        } else {
            frozen_free(&current);
        }
        if (options->on_iteration) options->on_iteration(options->report_context, &report);
    }
    if (use_frozen(model, &best) != DYAD_OK) {
        status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        goto done;
    }
    parser_network_trained network = {0};
    if (options->network) {
        size_t network_count =
            options->network->parsed_sentences ? train_corpus.sentence_count : treebank_count;
        status = parser_network_train(model, train_sentences, network_count, dev_sentences,
                                      dev_corpus.sentence_count, options->network, &network, error);
        if (status != DYAD_OK) goto done;
        model->header.format_version = PARSER_FORMAT_VERSION_NETWORK;
    }
    const lexicon_builder *sections[4] = {&lexicons[0], &lexicons[1], &lexicons[2], &lexicons[3]};
    status = save_model(options->out_path, &model->header, sections, &best,
                        options->network ? &network.parameters : NULL, error);
    parser_network_trained_free(&network);

done:
    free(order);
    parser_table_release(&t.model.table);
    frozen_free(&best);
    frozen_free(&current);
    live_free(&t.live);
    for (int i = 0; i < 4; i++) builder_free(&lexicons[i]);
    dyad_arena_free(corpus_arena);
    dyad_arena_free(scratch);
    return status;
}
