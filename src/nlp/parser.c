/*
 * parser.c — see parser.h and parser_model.h: loading and checking a
 * model, the scoring layout derived from it at load, mapping tokens to
 * ids, scoring, and the greedy parse loop (the beam is parser_beam.c).
 */
#include "parser.h"
#include "parser_beam.h"
#include "parser_model.h"
#include "../util/arena.h"
#include "../util/error.h"
#include "../util/model_file.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

uint64_t parser_hash_string(const char *text, size_t length) {
    uint64_t hash = 0xcbf29ce484222325ULL; /* FNV-1a, then mixed for the low bits */
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)text[i];
        hash *= 0x100000001b3ULL;
    }
    hash ^= hash >> 29;
    hash *= 0xbf58476d1ce4e5b9ULL;
    hash ^= hash >> 32;
    return hash;
}

uint32_t parser_lexicon_find(const parser_lexicon *lexicon, const char *text, size_t length) {
    if (!lexicon->capacity) return PARSER_ID_UNKNOWN;
    uint32_t mask = lexicon->capacity - 1;
    for (uint32_t slot = (uint32_t)parser_hash_string(text, length) & mask;;
         slot = (slot + 1) & mask) {
        uint32_t id = lexicon->index[slot];
        if (id == 0) return PARSER_ID_UNKNOWN;
        const char *entry = lexicon->strings + lexicon->offsets[id - PARSER_ID_FIRST];
        if (strncmp(entry, text, length) == 0 && entry[length] == '\0') return id;
    }
}

const char *parser_lexicon_text(const parser_lexicon *lexicon, uint32_t id) {
    if (id < PARSER_ID_FIRST || id - PARSER_ID_FIRST >= lexicon->count) return NULL;
    return lexicon->strings + lexicon->offsets[id - PARSER_ID_FIRST];
}

size_t parser_normalize_form(const char *form, char buffer[64]) {
    size_t length = 0;
    const unsigned char *p = (const unsigned char *)form;
    while (*p) {
        if (*p < 0x80) {
            if (length + 1 > 63) break;
            buffer[length++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
            p++;
            continue;
        }
        utf8proc_int32_t codepoint;
        utf8proc_ssize_t used = utf8proc_iterate(p, -1, &codepoint);
        if (used <= 0) break; /* the readers only pass valid UTF-8 */
        utf8proc_uint8_t encoded[4];
        utf8proc_ssize_t size = utf8proc_encode_char(utf8proc_tolower(codepoint), encoded);
        if (length + (size_t)size > 63) break;
        memcpy(buffer + length, encoded, (size_t)size);
        length += (size_t)size;
        p += used;
    }
    buffer[length] = '\0';
    return length;
}

static uint32_t find_tag(const parser_lexicon *lexicon, const char *tag) {
    return tag ? parser_lexicon_find(lexicon, tag, strlen(tag)) : PARSER_ID_UNKNOWN;
}

dyad_status parser_words_from_tokens(const parser_model *model, const dyad_token *tokens,
                                     int token_count, dyad_arena *arena, parser_words *words) {
    size_t slots = (size_t)token_count + 1;
    uint32_t *form = arena_alloc(arena, slots * sizeof *form);
    uint8_t *tag = arena_alloc(arena, 2 * slots);
    if (!form || !tag) return DYAD_ERR_MEMORY;
    uint8_t *upos = tag + slots;
    form[0] = tag[0] = upos[0] = PARSER_ID_ROOT;
    uint32_t groups = model->clusters ? model->header.cluster_features : 0;
    uint16_t *classes[WORD_CLUSTER_LEVELS] = {NULL};
    if (groups) {
        uint16_t *block = arena_alloc(arena, WORD_CLUSTER_LEVELS * slots * sizeof *block);
        if (!block) return DYAD_ERR_MEMORY;
        for (int level = 0; level < WORD_CLUSTER_LEVELS; level++) {
            classes[level] = block + (size_t)level * slots;
            classes[level][0] = PARSER_ID_ROOT;
        }
    }
    /* backed-off forms: one id per fine class after the lexicon's */
    uint32_t backoff_base = model->forms.count + PARSER_ID_FIRST - 1;
    char normalized[64];
    for (int i = 0; i < token_count; i++) {
        size_t length = parser_normalize_form(tokens[i].text, normalized);
        form[i + 1] = parser_lexicon_find(&model->forms, normalized, length);
        tag[i + 1] = (uint8_t)find_tag(&model->xpos, tokens[i].xpos);
        upos[i + 1] = (uint8_t)find_tag(&model->upos, tokens[i].upos);
        if (groups) {
            uint16_t found[WORD_CLUSTER_LEVELS];
            word_clusters_lookup(model->clusters, tokens[i].text, strlen(tokens[i].text), found);
            for (int level = 0; level < WORD_CLUSTER_LEVELS; level++)
                classes[level][i + 1] = parser_cluster_value(found[level]);
            if ((groups & PARSER_CLUSTER_BACKOFF) && form[i + 1] == PARSER_ID_UNKNOWN &&
                found[WORD_CLUSTER_LEVELS - 1])
                form[i + 1] = backoff_base + found[WORD_CLUSTER_LEVELS - 1];
        }
    }
    words->word_count = token_count;
    words->form = form;
    words->tag = tag;
    words->upos = upos;
    words->cluster_features = groups;
    for (int level = 0; level < WORD_CLUSTER_LEVELS; level++) words->cluster[level] = classes[level];
    return DYAD_OK;
}

/* scores[0..stride) += row[0..stride), eight at a time (stride is a
 * multiple of 8).  Written with vector types because the compiler cannot
 * know that the two arrays do not overlap and would add one by one; a
 * 32-byte vector is two SSE2 additions in the baseline build and one AVX2
 * addition in the AVX2 clone of parser_table_score. */
typedef int32_t int32x8 __attribute__((vector_size(32)));

/* (a macro: a function returning a 32-byte vector has a different ABI
 * in the two clones) */
#define LOAD_EIGHT(name, from) int32x8 name; memcpy(&name, (from), sizeof name)

static inline void add_row(int32_t *scores, const int32_t *row, uint32_t stride) {
    for (uint32_t c = 0; c < stride; c += 8) {
        LOAD_EIGHT(sum, scores + c);
        LOAD_EIGHT(add, row + c);
        sum += add;
        memcpy(scores + c, &sum, sizeof sum);
    }
}

/* Four rows at once: the scores are loaded and stored once for four
 * additions instead of once each, which halves the instructions of the
 * dense rows (a move adds about thirty). */
static inline void add_four_rows(int32_t *scores, const int32_t *const rows[4], uint32_t stride) {
    const int32_t *a = rows[0], *b = rows[1], *c = rows[2], *d = rows[3];
    for (uint32_t i = 0; i < stride; i += 8) {
        LOAD_EIGHT(sum, scores + i);
        LOAD_EIGHT(add_a, a + i);
        LOAD_EIGHT(add_b, b + i);
        LOAD_EIGHT(add_c, c + i);
        LOAD_EIGHT(add_d, d + i);
        sum += (add_a + add_b) + (add_c + add_d);
        memcpy(scores + i, &sum, sizeof sum);
    }
}

/* scores[0..8 * vectors) += each of the rows, the scores held in vector
 * registers from the first row to the last: a move adds ~70 dense rows,
 * and keeping the sums out of memory leaves one addition per eight
 * classes per row, where add_four_rows also loads and stores the sums
 * and counts its loop.  Inlined with vectors a constant, so that the
 * loops over it unroll and the array becomes registers (13 of AVX2's 16
 * for the 104 classes of an EWT model). */
static inline __attribute__((always_inline)) void
add_rows_in_registers(int32_t *scores, const int32_t **rows, size_t count,
                      const uint32_t vectors) {
    int32x8 sums[16];
#pragma GCC unroll 16
    for (uint32_t v = 0; v < vectors; v++) {
        LOAD_EIGHT(start, scores + 8 * v);
        sums[v] = start;
    }
    for (size_t r = 0; r < count; r++) {
        const int32_t *row = rows[r];
#pragma GCC unroll 16
        for (uint32_t v = 0; v < vectors; v++) {
            LOAD_EIGHT(add, row + 8 * v);
            sums[v] += add;
        }
    }
#pragma GCC unroll 16
    for (uint32_t v = 0; v < vectors; v++) memcpy(scores + 8 * v, &sums[v], sizeof sums[v]);
}

/* scores += the rows; stride a multiple of 8.  One copy of
 * add_rows_in_registers per row width up to 128 classes, four rows at a
 * time through memory beyond. */
static inline __attribute__((always_inline)) void
add_dense_rows(int32_t *scores, const int32_t **rows, size_t count, uint32_t stride) {
    switch (stride / 8) {
#define WIDTH(vectors) \
    case vectors: add_rows_in_registers(scores, rows, count, vectors); return;
    WIDTH(1) WIDTH(2) WIDTH(3) WIDTH(4) WIDTH(5) WIDTH(6) WIDTH(7) WIDTH(8)
    WIDTH(9) WIDTH(10) WIDTH(11) WIDTH(12) WIDTH(13) WIDTH(14) WIDTH(15) WIDTH(16)
#undef WIDTH
    default: break;
    }
    size_t d = 0;
    for (; d + 4 <= count; d += 4) add_four_rows(scores, rows + d, stride);
    for (; d < count; d++) add_row(scores, rows[d], stride);
}

/* scores[class] += weight of one scoring cell: the weight in the top 24
 * bits, the class in the low 8 (parser_table_prepare re-encodes them). */
static inline void add_cell(int32_t *scores, uint32_t cell) {
    scores[cell & 0xff] += (int32_t)cell >> 8;
}

#if defined(__SSE2__)
/* Bit i set when fingerprints[i] == want, bit 8 + i when it is 0 (empty),
 * for the eight slots from group. */
static inline unsigned probe_group(const uint32_t *group, __m128i want) {
    __m128i low = _mm_loadu_si128((const __m128i *)group);
    __m128i high = _mm_loadu_si128((const __m128i *)(group + 4));
    __m128i zero = _mm_setzero_si128();
    __m128i match = _mm_packs_epi32(_mm_cmpeq_epi32(low, want), _mm_cmpeq_epi32(high, want));
    __m128i empty = _mm_packs_epi32(_mm_cmpeq_epi32(low, zero), _mm_cmpeq_epi32(high, zero));
    return (unsigned)_mm_movemask_epi8(_mm_packs_epi16(match, empty));
}
#endif

/* The weights word of key in table, or 0 when the key is absent (0 is
 * never a valid weights word: a sparse entry has at least one cell).
 * Exactly the linear probe over the stored entries: the first slot from
 * the key's own that holds its fingerprint or is empty decides. */
static inline uint32_t hash_find(const parser_hash *table, uint64_t key, uint32_t slot) {
    uint32_t fingerprint = parser_key_fingerprint(key);
    /* the key's own slot alone first: most features found are there */
    uint32_t stored = table->fingerprints[slot];
    if (stored == fingerprint) return table->weights[slot];
    if (stored == 0) return 0;
    slot++; /* may be capacity: the repeated slots follow */
#if defined(__SSE2__)
    __m128i want = _mm_set1_epi32((int)fingerprint);
    for (;;) {
        unsigned found = probe_group(table->fingerprints + slot, want);
        unsigned stop = (found | found >> 8) & 0xff;
        if (stop) {
            unsigned first = (unsigned)__builtin_ctz(stop);
            return found >> first & 1 ? table->weights[slot + first] : 0;
        }
        slot += PARSER_PROBE_WIDTH;
        if (slot >= table->capacity) slot %= table->capacity;
    }
#else
    if (slot == table->capacity) slot = 0;
    for (;;) {
        stored = table->fingerprints[slot];
        if (stored == fingerprint) return table->weights[slot];
        if (stored == 0) return 0;
        if (++slot == table->capacity) slot = 0;
    }
#endif
}

/* The same answer read from the stored entries, one slot at a time: for
 * the cold table, whose lookups are few (one in five) and cache misses
 * anyway, so that it needs no second copy of its 7.7 MB. */
static inline uint32_t entries_find(const parser_hash *table, uint64_t key, uint32_t slot) {
    uint32_t fingerprint = parser_key_fingerprint(key);
    for (;;) {
        const parser_entry *entry = &table->entries[slot];
        if (entry->fingerprint == fingerprint) return entry->weights;
        if (entry->fingerprint == 0) return 0;
        if (++slot == table->capacity) slot = 0;
    }
}

/* All the cache lines of a feature's weights, not just the first: they
 * are read right after, and one miss at a time would serialise them. */
static inline void prefetch_weights(const parser_table *table, uint32_t weights) {
    const char *start, *end;
    if (weights & PARSER_DENSE_ROW) {
        start = (const char *)(table->scoring_rows +
                               (size_t)(weights & ~PARSER_DENSE_ROW) * table->row_stride);
        end = start + table->row_stride * sizeof *table->scoring_rows;
    } else {
        start = (const char *)(table->scoring_cells + (weights >> 8));
        end = start + (weights & 0xff) * sizeof *table->scoring_cells;
    }
    for (const char *line = start; line < end; line += 64) __builtin_prefetch(line);
}

/* Built twice, for AVX2 and for any x86-64, the processor picking one when
 * the program loads: the dense rows are most of the arithmetic, and AVX2
 * adds them in half the instructions.  Integer sums: both clones give the
 * same scores. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void parser_table_score(const parser_table *table, const uint64_t *keys, size_t key_count,
                        int32_t *scores) {
    /* In passes, so that the memory loads of all features are in flight
     * at once: a lookup in the cold table is mostly a cache miss, and
     * misses overlap.  Hot table first; what it lacks, in the cold one.
     * Sparse runs and dense rows are gathered apart, the rows to be added
     * four at a time. */
    uint32_t slots[PARSER_MAX_FEATURES], sparse[PARSER_MAX_FEATURES];
    const int32_t *dense[PARSER_MAX_FEATURES];
    size_t cold[PARSER_MAX_FEATURES];
    size_t sparse_count = 0, dense_count = 0, cold_count = 0;
    uint32_t stride = table->row_stride;
    for (size_t i = 0; i < key_count; i++) {
        uint32_t slot = parser_key_slot(keys[i], table->hot.capacity);
        uint32_t weights = hash_find(&table->hot, keys[i], slot);
        if (weights) {
            prefetch_weights(table, weights);
            if (weights & PARSER_DENSE_ROW)
                dense[dense_count++] =
                    table->scoring_rows + (size_t)(weights & ~PARSER_DENSE_ROW) * stride;
            else
                sparse[sparse_count++] = weights;
        } else {
            slots[i] = parser_key_slot(keys[i], table->cold.capacity);
            __builtin_prefetch(&table->cold.entries[slots[i]]);
            cold[cold_count++] = i;
        }
    }
    for (size_t c = 0; c < cold_count; c++) {
        size_t i = cold[c];
        uint32_t weights = entries_find(&table->cold, keys[i], slots[i]);
        if (weights) {
            prefetch_weights(table, weights);
            if (weights & PARSER_DENSE_ROW)
                dense[dense_count++] =
                    table->scoring_rows + (size_t)(weights & ~PARSER_DENSE_ROW) * stride;
            else
                sparse[sparse_count++] = weights;
        }
    }
    add_dense_rows(scores, dense, dense_count, stride);
    for (size_t i = 0; i < sparse_count; i++) {
        uint32_t weights = sparse[i];
        /* four cells per round: the loop's own counting and branching
         * would otherwise cost as much as the additions */
        const uint32_t *cell = table->scoring_cells + (weights >> 8);
        const uint32_t *end = cell + (weights & 0xff), *end_of_fours = end - (weights & 3);
        for (; cell < end_of_fours; cell += 4) {
            add_cell(scores, cell[0]);
            add_cell(scores, cell[1]);
            add_cell(scores, cell[2]);
            add_cell(scores, cell[3]);
        }
        switch (end - cell) {
        case 3: add_cell(scores, cell[2]); /* fall through */
        case 2: add_cell(scores, cell[1]); /* fall through */
        case 1: add_cell(scores, cell[0]); break;
        default: break;
        }
    }
}

static void fill_probe_arrays(const parser_hash *hash, uint32_t *fingerprints, uint32_t *weights) {
    uint32_t capacity = hash->capacity;
    for (uint32_t i = 0; i < capacity; i++) {
        fingerprints[i] = hash->entries[i].fingerprint;
        weights[i] = hash->entries[i].weights;
    }
    for (uint32_t i = 0; i < PARSER_PROBE_WIDTH; i++) {
        fingerprints[capacity + i] = fingerprints[i % capacity];
        weights[capacity + i] = weights[i % capacity];
    }
}

/* Hot features with at least this many cells get a dense row at load
 * time (see parser_table.scoring_rows). */
enum { PARSER_DENSE_FROM_CELLS = 16 };

static bool densify(const parser_hash *hash, uint32_t slot) {
    const parser_entry *entry = &hash->entries[slot];
    return entry->fingerprint && !(entry->weights & PARSER_DENSE_ROW) &&
           (entry->weights & 0xff) >= PARSER_DENSE_FROM_CELLS;
}

/* Hot features with a short sparse run (the others have dense rows) get a
 * copy of their cells at load time, all of them together after the stored
 * cells.  Stored, a feature's cells lie wherever training put them among
 * millions, and each hot feature costs a cache line (and often a page) of
 * its own; packed, the cells of the features looked up on most moves take
 * 0.6 MB of lines and pages they share, which stay in the caches (0-2%
 * faster in interleaved runs, within the machine's noise; same scores). */
static bool pack_cells(const parser_hash *hash, uint32_t slot) {
    const parser_entry *entry = &hash->entries[slot];
    return entry->fingerprint && !(entry->weights & PARSER_DENSE_ROW) &&
           (entry->weights & 0xff) < PARSER_DENSE_FROM_CELLS;
}

dyad_status parser_table_prepare(parser_table *table) {
    parser_table_release(table);
    uint32_t stride = table->row_stride, new_rows = 0;
    size_t packed_cells = 0;
    for (uint32_t i = 0; i < table->hot.capacity; i++) {
        new_rows += densify(&table->hot, i);
        if (pack_cells(&table->hot, i)) packed_cells += table->hot.entries[i].weights & 0xff;
    }
    /* the packed copies are addressed like the stored cells, after them */
    bool pack = table->cell_count + packed_cells < PARSER_MAX_CELLS;
    if (!pack) packed_cells = 0;
    size_t hot = (size_t)table->hot.capacity + PARSER_PROBE_WIDTH;
    size_t row_words = ((size_t)table->row_count + new_rows) * stride;
    size_t words = 2 * hot + table->cell_count + packed_cells + row_words;
    uint32_t *block = model_memory_alloc(words * sizeof *block);
    if (!block) return DYAD_ERR_MEMORY;
    /* rows first: 32-byte aligned like the block */
    int32_t *rows = (int32_t *)block;
    memcpy(rows, table->rows, (size_t)table->row_count * stride * sizeof *rows);
    memset(rows + (size_t)table->row_count * stride, 0, (size_t)new_rows * stride * sizeof *rows);
    uint32_t *next = block + row_words;
    uint32_t *hot_weights = next + hot;
    fill_probe_arrays(&table->hot, next, hot_weights);
    table->hot.fingerprints = next;
    table->hot.weights = hot_weights;
    next += 2 * hot;
    uint32_t row = table->row_count;
    for (uint32_t i = 0; i < table->hot.capacity; i++) {
        if (!densify(&table->hot, i)) continue;
        uint32_t weights = table->hot.entries[i].weights;
        int32_t *dense = rows + (size_t)row * stride;
        for (uint32_t c = 0; c < (weights & 0xff); c++) {
            uint32_t cell = table->cells[(weights >> 8) + c];
            dense[cell >> 24] += (int32_t)(cell << 8) >> 8;
        }
        hot_weights[i] = PARSER_DENSE_ROW | row++;
    }
    for (uint32_t i = 0; i < table->cell_count; i++) {
        uint32_t cell = table->cells[i];
        next[i] = (cell & 0xffffff) << 8 | cell >> 24;
    }
    uint32_t packed = table->cell_count;
    for (uint32_t i = 0; pack && i < table->hot.capacity; i++) {
        if (!pack_cells(&table->hot, i)) continue;
        uint32_t weights = table->hot.entries[i].weights, count = weights & 0xff;
        memcpy(next + packed, next + (weights >> 8), count * sizeof *next);
        hot_weights[i] = packed << 8 | count;
        packed += count;
    }
    for (uint32_t i = 0; i < PARSER_PROBE_WIDTH; i++)
        hot_weights[table->hot.capacity + i] = hot_weights[i % table->hot.capacity];
    table->scoring_cells = next;
    table->scoring_rows = rows;
    table->derived = block;
    return DYAD_OK;
}

void parser_table_release(parser_table *table) {
    free(table->derived);
    table->derived = NULL;
    table->hot.fingerprints = table->hot.weights = NULL;
    table->scoring_cells = NULL;
    table->scoring_rows = NULL;
}

/* The best of scores[first..end) into *best (ties keep the earlier). */
static inline void best_in_range(const float *scores, const bool *allowed, int first, int end,
                                 int *best, float *best_score) {
    for (int c = first; c < end; c++)
        if ((!allowed || allowed[c]) && (*best < 0 || scores[c] > *best_score)) {
            *best = c;
            *best_score = scores[c];
        }
}

int parser_best_class(const parser_model *model, const transition_state *state,
                      const float *scores, const bool *allowed) {
    int first[PARSER_MAX_LEGAL_RANGES], end[PARSER_MAX_LEGAL_RANGES];
    int ranges = parser_legal_class_ranges(model, state, first, end);
    int best = -1;
    float best_score = 0;
    for (int r = 0; r < ranges; r++)
        best_in_range(scores, allowed, first[r], end[r], &best, &best_score);
    return best;
}

/* Largest of sums[first..end) and *largest, eight lanes at a time. */
static inline int32_t largest_in_range(const int32_t *sums, int first, int end, int32_t largest) {
    int c = first;
    if (end - first >= 16) {
        LOAD_EIGHT(lanes, sums + c);
        for (c += 8; c + 8 <= end; c += 8) {
            LOAD_EIGHT(here, sums + c);
            int32x8 greater = here > lanes;
            lanes = (here & greater) | (lanes & ~greater);
        }
        for (int lane = 0; lane < 8; lane++)
            if (lanes[lane] > largest) largest = lanes[lane];
    }
    for (; c < end; c++)
        if (sums[c] > largest) largest = sums[c];
    return largest;
}

/* parser_best_class compares (float)sums[c], keeping the lowest class
 * among equals.  The conversion never reverses an order, so the float
 * maximum is the conversion of the integer maximum M, and the answer is
 * the lowest legal class whose sum converts to it.  When |M| < 2^24 every
 * integer up to M converts exactly, and that class is simply the first
 * whose sum is M.  Built for AVX2 as well, where the lane maximum is one
 * instruction. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
int parser_best_class_sums(const parser_model *model, const transition_state *state,
                           const int32_t *sums) {
    int first[PARSER_MAX_LEGAL_RANGES], end[PARSER_MAX_LEGAL_RANGES];
    int ranges = parser_legal_class_ranges(model, state, first, end);
    if (ranges == 0) return -1;
    int32_t largest = INT32_MIN;
    for (int r = 0; r < ranges; r++) largest = largest_in_range(sums, first[r], end[r], largest);
    bool exact = largest > -(1 << 24) && largest < (1 << 24);
    float target = (float)largest;
    for (int r = 0; r < ranges; r++)
        for (int c = first[r]; c < end[r]; c++)
            if (exact ? sums[c] == largest : (float)sums[c] == target) return c;
    return -1; /* not reached: the largest is some legal class's */
}

/* The NETWORK_CANDIDATES classes with the largest sums among the legal
 * ranges [first[r], end[r]), best first; of equal sums the lower class
 * first, as everywhere. */
static size_t best_legal_classes(const int *first, const int *end, int ranges,
                                 const int32_t *sums, int *out) {
    size_t count = 0;
    for (int r = 0; r < ranges; r++)
        for (int c = first[r]; c < end[r]; c++) {
            if (count == NETWORK_CANDIDATES && sums[c] <= sums[out[count - 1]]) continue;
            size_t at = count < NETWORK_CANDIDATES ? count++ : count - 1;
            while (at > 0 && sums[out[at - 1]] < sums[c]) {
                out[at] = out[at - 1];
                at--;
            }
            out[at] = c;
        }
    return count;
}

/* The move of a model with a network: the perceptron's best legal
 * classes, those of them within the network's reach of the best
 * (parser_network_reach), each with the network's score added, and the
 * best of them (of equal totals the lower class).  The others are out of
 * the running: a network score is not a correction that a class outside
 * the perceptron's first eight could be owed.  When no other class is
 * within reach, the network is not run. */
static int rescore_with_network(const parser_model *model, const parser_words *words,
                                const transition_state *state, int32_t *sums) {
    /* most moves: the runner-up is out of reach, and the best is the move
     * (the best and runner-up by the same order as best_legal_classes') */
    int first[PARSER_MAX_LEGAL_RANGES], end[PARSER_MAX_LEGAL_RANGES];
    int ranges = parser_legal_class_ranges(model, state, first, end), best = -1, second = -1;
    for (int r = 0; r < ranges; r++)
        for (int c = first[r]; c < end[r]; c++) {
            if (best < 0 || sums[c] > sums[best]) {
                second = best;
                best = c;
            } else if (second < 0 || sums[c] > sums[second]) {
                second = c;
            }
        }
    int64_t reach = parser_network_reach(model->network);
    if (second < 0 || (int64_t)sums[best] - sums[second] > reach) return best;
    int candidates[NETWORK_CANDIDATES];
    size_t count = best_legal_classes(first, end, ranges, sums, candidates);
    while (count > 1 && (int64_t)sums[candidates[0]] - sums[candidates[count - 1]] > reach) count--;
    parser_network_add_scores(model->network, words, state, candidates, count, sums);
    best = -1;
    for (size_t i = 0; i < count; i++) {
        int c = candidates[i];
        if (best < 0 || sums[c] > sums[best] || (sums[c] == sums[best] && c < best)) best = c;
    }
    return best;
}

dyad_status parser_run_frozen(const parser_model *model, const parser_words *words,
                              dyad_arena *arena, transition_state *state) {
    dyad_status status = transition_state_init(state, words->word_count, arena);
    if (status != DYAD_OK) return status;
    uint64_t keys[PARSER_MAX_FEATURES];
    int32_t sums[PARSER_MAX_ROW_STRIDE];
    size_t stride = model->table.row_stride;
    while (!transition_is_terminal(state)) {
        int best = parser_forced_class(model, state);
        if (best < 0) {
            size_t key_count = parser_extract_features(words, state, keys);
            memset(sums, 0, stride * sizeof *sums);
            parser_table_score(&model->table, keys, key_count, sums);
            best = model->network ? rescore_with_network(model, words, state, sums)
                                  : parser_best_class_sums(model, state, sums);
        }
        transition_apply(state, parser_class_move(model, best), parser_class_label(model, best));
    }
    return DYAD_OK;
}

dyad_status parser_run(const parser_model *model, const parser_words *words, parser_score_fn score,
                       const void *context, dyad_arena *arena, transition_state *state) {
    dyad_status status = transition_state_init(state, words->word_count, arena);
    if (status != DYAD_OK) return status;
    uint64_t keys[PARSER_MAX_FEATURES];
    float scores[PARSER_MAX_CLASSES];
    while (!transition_is_terminal(state)) {
        int best = parser_forced_class(model, state);
        if (best < 0) {
            size_t key_count = parser_extract_features(words, state, keys);
            score(context, keys, key_count, scores);
            best = parser_best_class(model, state, scores, NULL);
        }
        /* some move is always legal before the terminal configuration */
        transition_apply(state, parser_class_move(model, best), parser_class_label(model, best));
    }
    return DYAD_OK;
}

void parser_score_frozen(const void *context, const uint64_t *keys, size_t key_count,
                             float *scores) {
    const parser_model *model = context;
    int32_t sums[PARSER_MAX_ROW_STRIDE];
    memset(sums, 0, model->table.row_stride * sizeof *sums);
    parser_table_score(&model->table, keys, key_count, sums);
    for (uint32_t c = 0; c < model->header.class_count; c++) scores[c] = (float)sums[c];
}

dyad_status parser_parse_sentence_beam(const parser_model *model, int beam_width, double margin,
                                       dyad_sentence *sentence, dyad_arena *arena,
                                       dyad_error *error) {
    if (sentence->token_count == 0) return DYAD_OK;
    if (sentence->token_count > (1u << 24))
        return error_set(error, DYAD_ERR_LIMIT, NULL, 0, sentence->start,
                         "sentence of %u tokens is too long to parse", sentence->token_count);
    if (beam_width < 1 || beam_width > PARSER_MAX_BEAM)
        return error_set(error, DYAD_ERR_USAGE, NULL, 0, sentence->start,
                         "beam width %d is not between 1 and %d", beam_width, PARSER_MAX_BEAM);
    if (!(margin >= 0))
        return error_set(error, DYAD_ERR_USAGE, NULL, 0, sentence->start,
                         "beam margin %g is not a number of moves >= 0", margin);
    parser_words words;
    transition_state greedy_state;
    const transition_state *state = &greedy_state;
    int n = (int)sentence->token_count;
    dyad_status status = parser_words_from_tokens(model, sentence->tokens, n, arena, &words);
    /* width 1 is the beam's special case, but the plain loop needs no
     * state pool nor candidate list */
    if (status == DYAD_OK && beam_width == 1)
        status = parser_run_frozen(model, &words, arena, &greedy_state);
    else if (status == DYAD_OK)
        status = parser_beam_search(model, &words, parser_score_frozen, model, beam_width, margin,
                                    arena, &state);
    if (status != DYAD_OK) return error_set(error, status, NULL, 0, sentence->start, "out of memory");
    for (int i = 0; i < n; i++) {
        dyad_token *token = &sentence->tokens[i];
        token->head = state->head[i + 1];
        token->deprel = parser_lexicon_text(&model->labels,
                                            (uint32_t)state->label[i + 1] + PARSER_ID_FIRST);
    }
    return DYAD_OK;
}

int parser_beam_width(const parser_model *model) {
    return model->header.beam_width ? (int)model->header.beam_width : 1;
}

dyad_status parser_parse_sentence(const parser_model *model, dyad_sentence *sentence,
                                  dyad_arena *arena, dyad_error *error) {
    return parser_parse_sentence_beam(model, parser_beam_width(model), PARSER_BEAM_MARGIN,
                                      sentence, arena, error);
}

/* ---------------------------------------------------------------- loading */

static bool is_power_of_two(uint64_t x) { return x && !(x & (x - 1)); }

static dyad_status load_lexicon(const model_file *file, const char *path, const char *name,
                                uint32_t max_id, parser_lexicon *lexicon, dyad_error *error) {
    char section[32];
    size_t strings_size, offsets_size, index_size;
    snprintf(section, sizeof section, "%s.strings", name);
    const char *strings = model_file_section(file, section, &strings_size);
    snprintf(section, sizeof section, "%s.offsets", name);
    const uint32_t *offsets = model_file_section(file, section, &offsets_size);
    snprintf(section, sizeof section, "%s.index", name);
    const uint32_t *index = model_file_section(file, section, &index_size);
    if (!strings || !offsets || !index)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "parser model lacks its %s lexicon", name);
    size_t count = offsets_size / 4, capacity = index_size / 4;
    if (offsets_size % 4 || index_size % 4 || !is_power_of_two(capacity) || count >= capacity ||
        count + PARSER_ID_FIRST > (size_t)max_id + 1 || strings_size > UINT32_MAX ||
        (strings_size && strings[strings_size - 1] != '\0') || (count && !strings_size))
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "parser model: %s lexicon is malformed",
                         name);
    for (size_t i = 0; i < count; i++)
        if (offsets[i] >= strings_size)
            return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                             "parser model: %s entry %zu points outside its strings", name, i);
    for (size_t i = 0; i < capacity; i++)
        if (index[i] && (index[i] < PARSER_ID_FIRST || index[i] - PARSER_ID_FIRST >= count))
            return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                             "parser model: %s index slot %zu holds a bad id", name, i);
    lexicon->count = (uint32_t)count;
    lexicon->capacity = (uint32_t)capacity;
    lexicon->strings = strings;
    lexicon->strings_size = (uint32_t)strings_size;
    lexicon->offsets = offsets;
    lexicon->index = index;
    return DYAD_OK;
}

/* One of the two hash tables: every used entry must point inside the
 * weights, and at least one slot must be empty so that probing ends. */
static dyad_status check_hash(const model_file *file, const char *path, const char *name,
                              const parser_table *table, parser_hash *hash, dyad_error *error) {
    size_t size;
    const parser_entry *entries = model_file_section(file, name, &size);
    if (!entries || size == 0 || size % sizeof *entries || size / sizeof *entries > UINT32_MAX)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "parser model: %s table is malformed",
                         name);
    size_t capacity = size / sizeof *entries, used = 0;
    for (size_t i = 0; i < capacity; i++) {
        if (entries[i].fingerprint == 0) continue;
        used++;
        uint32_t weights = entries[i].weights;
        bool inside = weights & PARSER_DENSE_ROW
                          ? (weights & ~PARSER_DENSE_ROW) < table->row_count
                          : (weights & 0xff) > 0 &&
                                (uint64_t)(weights >> 8) + (weights & 0xff) <= table->cell_count;
        if (!inside)
            return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                             "parser model: %s feature %zu points outside the weights", name, i);
    }
    if (used >= capacity)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "parser model: %s table is full", name);
    hash->capacity = (uint32_t)capacity;
    hash->entries = entries;
    return DYAD_OK;
}

static dyad_status check_model(parser_model *model, const char *path, dyad_error *error) {
    const model_file *file = model->file;
    size_t size;
    const parser_header *header = model_file_section(file, "parser.header", &size);
    if (!header || size != sizeof *header)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "parser model lacks its header");
    model->header = *header;
    if (header->format_version != PARSER_FORMAT_VERSION &&
        header->format_version != PARSER_FORMAT_VERSION_CLUSTERS &&
        header->format_version != PARSER_FORMAT_VERSION_NETWORK)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "parser model has feature format %u, this dyad uses %d to %d: retrain it",
                         header->format_version, PARSER_FORMAT_VERSION,
                         PARSER_FORMAT_VERSION_NETWORK);
    /* a network model has clusters too: its cluster inputs are theirs */
    bool clusters = header->format_version != PARSER_FORMAT_VERSION;
    if (clusters ? !header->cluster_features || header->cluster_features & ~PARSER_CLUSTER_KNOWN ||
                       !parser_clusters_id(header)
                 : header->cluster_features || parser_clusters_id(header))
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "parser model header is inconsistent about word clusters");
    if (header->label_count == 0 || header->label_count > PARSER_MAX_LABELS ||
        header->root_label >= header->label_count ||
        header->class_count != 1 + 2 * header->label_count ||
        header->row_stride < header->class_count || header->row_stride > PARSER_MAX_ROW_STRIDE ||
        header->row_stride % 8 != 0 || header->beam_width > PARSER_MAX_BEAM)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "parser model header is inconsistent");
    dyad_status status = load_lexicon(file, path, "forms", PARSER_MAX_WORD_ID, &model->forms, error);
    if (status == DYAD_OK)
        status = load_lexicon(file, path, "xpos", PARSER_MAX_TAG_ID, &model->xpos, error);
    if (status == DYAD_OK)
        status = load_lexicon(file, path, "upos", PARSER_MAX_TAG_ID, &model->upos, error);
    if (status == DYAD_OK)
        status = load_lexicon(file, path, "labels", PARSER_MAX_TAG_ID, &model->labels, error);
    if (status != DYAD_OK) return status;
    if (model->labels.count != header->label_count)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "parser model has %u labels but its header says %u", model->labels.count,
                         header->label_count);

    size_t cells_size, rows_size;
    const uint32_t *cells = model_file_section(file, "parser.cells", &cells_size);
    const int32_t *rows = model_file_section(file, "parser.rows", &rows_size);
    size_t row_bytes = (size_t)header->row_stride * sizeof *rows;
    if (!cells || !rows || cells_size % 4 || cells_size / 4 > PARSER_MAX_CELLS ||
        rows_size % row_bytes || rows_size / row_bytes >= PARSER_DENSE_ROW)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "parser model weights are malformed");
    for (size_t i = 0; i < cells_size / 4; i++)
        if (cells[i] >> 24 >= header->class_count)
            return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                             "parser model: weight %zu has a class out of range", i);
    model->table.cells = cells;
    model->table.cell_count = (uint32_t)(cells_size / 4);
    model->table.rows = rows;
    model->table.row_count = (uint32_t)(rows_size / row_bytes);
    model->table.row_stride = header->row_stride;
    dyad_status status_hash = check_hash(file, path, "parser.hot", &model->table, &model->table.hot,
                                         error);
    if (status_hash != DYAD_OK) return status_hash;
    status_hash = check_hash(file, path, "parser.cold", &model->table, &model->table.cold, error);
    if (status_hash != DYAD_OK) return status_hash;
    if (parser_table_prepare(&model->table) != DYAD_OK)
        return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    return DYAD_OK;
}

static dyad_status open_model(const char *path, parser_model **out, dyad_error *error) {
    *out = NULL;
    parser_model *model = calloc(1, sizeof *model);
    if (!model) return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    dyad_status status = model_file_open(path, "parser", &model->file, error);
    if (status == DYAD_OK) status = check_model(model, path, error);
    if (status != DYAD_OK) {
        parser_model_free(model);
        return status;
    }
    *out = model;
    return DYAD_OK;
}

/* Builds a format-6 model's network from its "network.*" sections, once
 * the clusters are attached (the word ids and cluster classes it maps
 * depend on them).  Every size is checked against the header and the
 * parser's own before a byte is read. */
static dyad_status load_network(parser_model *model, const char *path, dyad_error *error) {
    if (model->header.format_version != PARSER_FORMAT_VERSION_NETWORK) return DYAD_OK;
    const model_file *file = model->file;
    size_t size, words_size, embeddings_size, hidden_size, output_size;
    const parser_network_header *header = model_file_section(file, "network.header", &size);
    if (!header || size != sizeof *header)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "parser model lacks its network's header");
    const char *wrong = parser_network_check_header(header, model->header.class_count,
                                                    model->header.label_count, model->forms.count);
    if (!wrong && header->cluster_rows !=
                      PARSER_ID_FIRST + word_clusters_class_count(model->clusters, WORD_CLUSTER_FINE))
        wrong = "cluster table does not match the word clusters";
    if (wrong) return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "parser model network: %s", wrong);
    const uint32_t *frequent = model_file_section(file, "network.words", &words_size);
    const float *embeddings = model_file_section(file, "network.embeddings", &embeddings_size);
    const float *hidden = model_file_section(file, "network.hidden", &hidden_size);
    const float *output = model_file_section(file, "network.output", &output_size);
    size_t n[NETWORK_BLOCKS];
    parser_network_block_sizes(header, n);
    if (!frequent || words_size != (header->word_rows - PARSER_ID_FIRST) * sizeof *frequent ||
        !embeddings || embeddings_size != (n[0] + n[1] + n[2] + n[3]) * sizeof(float) ||
        !hidden || hidden_size != (n[4] + n[5]) * sizeof(float) || !output ||
        output_size != (n[6] + n[7]) * sizeof(float))
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "parser model network: a section has the wrong size");
    for (uint32_t i = 0; i + PARSER_ID_FIRST < header->word_rows; i++)
        if (frequent[i] < PARSER_ID_FIRST || frequent[i] >= model->forms.count + PARSER_ID_FIRST)
            return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                             "parser model network: word %u is not in the lexicon", i);
    parser_network_parameters parameters = {
        .header = *header, .frequent_forms = frequent,
        .word = embeddings, .tag = embeddings + n[0], .cluster = embeddings + n[0] + n[1],
        .label = embeddings + n[0] + n[1] + n[2],
        .first = hidden, .first_bias = hidden + n[4],
        .second = output, .second_bias = output + n[6]};
    dyad_status status = parser_network_build(&parameters, parser_word_id_count(model),
                                              model->header.weight_scale, &model->network);
    if (status == DYAD_ERR_MODEL)
        return error_set(error, status, path, 0, -1, "parser model network: a weight is not a number");
    if (status != DYAD_OK) return error_set(error, status, path, 0, -1, "out of memory");
    return DYAD_OK;
}

/* Gives the model the clusters it was trained with (borrowed); a model
 * without clusters ignores them. */
static dyad_status attach_clusters(parser_model *model, const word_clusters *clusters,
                                   const char *path, dyad_error *error) {
    const parser_header *header = &model->header;
    if (!header->cluster_features) return DYAD_OK;
    if (!clusters)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "this parser model needs the word clusters it was trained with");
    if (word_clusters_id(clusters) != parser_clusters_id(header))
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "this parser model was trained with other word clusters than these; "
                         "give it the clusters.model it was trained with, or retrain it");
    if ((header->cluster_features & PARSER_CLUSTER_BACKOFF) &&
        !parser_word_ids_fit(model, clusters))
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "parser model: too many word forms and classes for the word ids");
    model->clusters = clusters;
    return DYAD_OK;
}

dyad_status parser_model_load(const char *path, parser_model **out, dyad_error *error) {
    dyad_status status = open_model(path, out, error);
    if (status != DYAD_OK || !(*out)->header.cluster_features) return status;
    /* the clusters model beside the parser model */
    char sibling[PATH_MAX];
    status = model_file_sibling_path(path, "clusters.model", sibling, sizeof sibling, error);
    if (status == DYAD_OK) {
        status = word_clusters_load(sibling, &(*out)->owned_clusters, error);
        if (status != DYAD_OK)
            error_prefix(error, "the parser model needs the clusters.model it was trained with "
                                "beside it");
    }
    if (status == DYAD_OK) status = attach_clusters(*out, (*out)->owned_clusters, path, error);
    if (status == DYAD_OK) status = load_network(*out, path, error);
    if (status != DYAD_OK) {
        parser_model_free(*out);
        *out = NULL;
    }
    return status;
}

dyad_status parser_model_load_with_clusters(const char *path, const word_clusters *clusters,
                                            parser_model **out, dyad_error *error) {
    dyad_status status = open_model(path, out, error);
    if (status == DYAD_OK) status = attach_clusters(*out, clusters, path, error);
    if (status == DYAD_OK) status = load_network(*out, path, error);
    if (status != DYAD_OK) {
        parser_model_free(*out);
        *out = NULL;
    }
    return status;
}

const word_clusters *parser_model_clusters(const parser_model *model) {
    return model->clusters;
}

void parser_model_free(parser_model *model) {
    if (!model) return;
    parser_table_release(&model->table);
    parser_network_free(model->network);
    model_file_close(model->file);
    word_clusters_free(model->owned_clusters);
    free(model);
}

const char *parser_model_path(const char *data_dir, char *buffer, size_t size) {
    snprintf(buffer, size, "%s/nlp/parser.model", data_dir);
    return buffer;
}
