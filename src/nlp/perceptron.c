/*
 * perceptron.c — see perceptron.h.
 */
#include "perceptron.h"
#include "util/error.h"

#include <math.h>
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#include <immintrin.h>
#endif
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ hashing */

uint64_t perceptron_hash_bytes(const void *data, size_t length) {
    /* FNV-1a, then a final mix so that short strings spread over all bits */
    const unsigned char *bytes = data;
    uint64_t hash = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < length; i++) {
        hash ^= bytes[i];
        hash *= 0x100000001b3ull;
    }
    return perceptron_hash_combine(hash, length);
}

/* Slot of a key in a table of slot_count slots: multiply-shift on the low
 * half, so any table size works and the load factor can be chosen freely;
 * the fingerprint is the high half, independent of the slot. */
static inline uint32_t slot_of(uint64_t key, uint32_t slot_count) {
    return (uint32_t)(((uint64_t)(uint32_t)key * slot_count) >> 32);
}

static inline uint32_t fingerprint_of(uint64_t key) {
    uint32_t fingerprint = (uint32_t)(key >> 32);
    return fingerprint ? fingerprint : 1; /* 0 marks an empty slot */
}

/* -------------------------------------------------------------- model */

/* Adds a dense row (perceptron_score_room weights, the padding zero)
 * eight classes at a time (GCC's and Clang's vector
 * extensions: one widening load and one add per eight with AVX2), the
 * compiler's -O2 vectorizer leaving a loop of unknown length alone. */
#if defined(__GNUC__)
typedef int16_t eight_weights __attribute__((vector_size(16)));
typedef int32_t eight_scores __attribute__((vector_size(32)));

static inline void add_eight(int32_t *scores, const int16_t *row) {
    eight_weights weights;
    eight_scores sums;
    memcpy(&weights, row, sizeof weights);
    memcpy(&sums, scores, sizeof sums);
    sums += __builtin_convertvector(weights, eight_scores);
    memcpy(scores, &sums, sizeof sums);
}

/* Sixteen classes a step, so that the loop's counting and branching is
 * paid half as often. */
static inline void add_dense_row(int32_t *scores, const int16_t *row, uint32_t room) {
    uint32_t c = 0;
    for (; c + 16 <= room; c += 16) {
        add_eight(scores + c, row + c);
        add_eight(scores + c + 8, row + c + 8);
    }
    if (c < room) add_eight(scores + c, row + c);
}

/* Four rows at once: the scores are loaded and stored once for four rows
 * instead of once each (a word looks up a dozen dense rows). */
static inline void add_four_dense_rows(int32_t *scores, const int16_t *const rows[4],
                                       uint32_t room) {
    for (uint32_t c = 0; c < room; c += 8) {
        eight_weights a, b, d, e;
        eight_scores sums;
        memcpy(&a, rows[0] + c, sizeof a);
        memcpy(&b, rows[1] + c, sizeof b);
        memcpy(&d, rows[2] + c, sizeof d);
        memcpy(&e, rows[3] + c, sizeof e);
        memcpy(&sums, scores + c, sizeof sums);
        eight_scores first = __builtin_convertvector(a, eight_scores) +
                             __builtin_convertvector(b, eight_scores);
        eight_scores second = __builtin_convertvector(d, eight_scores) +
                              __builtin_convertvector(e, eight_scores);
        sums += first + second;
        memcpy(scores + c, &sums, sizeof sums);
    }
}
#else
static inline void add_dense_row(int32_t *scores, const int16_t *row, uint32_t room) {
    for (uint32_t c = 0; c < room; c++) scores[c] += row[c];
}

static inline void add_four_dense_rows(int32_t *scores, const int16_t *const rows[4],
                                       uint32_t room) {
    for (int r = 0; r < 4; r++) add_dense_row(scores, rows[r], room);
}
#endif

/* Features scored in one pass of perceptron_model_score (their lookups in
 * flight together), and so the most dense rows waiting to be added. */
enum { SCORE_BATCH = 64 };

static inline void add_pending_rows_portable(int32_t *scores, const int16_t *const *rows,
                                             size_t count, uint32_t room) {
    size_t groups = count / 4;
    for (size_t g = 0; g < groups; g++) add_four_dense_rows(scores, rows + 4 * g, room);
    for (size_t r = 4 * groups; r < count; r++) add_dense_row(scores, rows[r], room);
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
/* The same with AVX2 written out: GCC turns the vector conversion above
 * into two 128-bit widenings and an insert per eight weights, where AVX2
 * widens eight 16-bit weights straight from memory in one instruction. */
#define WIDEN(row) _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)((row) + c)))

/* All the rows with the scores held in vector registers from the first
 * row to the last, so that a row costs one widening load and one addition
 * per eight classes and no load or store of the sums.  Inlined with
 * vectors a constant, so that the loops unroll and the sums become
 * registers. */
__attribute__((target("avx2"), always_inline)) static inline void
add_rows_in_registers_avx2(int32_t *scores, const int16_t *const *rows, size_t count,
                           const uint32_t vectors) {
    __m256i sums[16];
#pragma GCC unroll 16
    for (uint32_t v = 0; v < vectors; v++)
        sums[v] = _mm256_loadu_si256((const __m256i *)(scores + 8 * v));
    for (size_t r = 0; r < count; r++) {
        const int16_t *row = rows[r];
#pragma GCC unroll 16
        for (uint32_t v = 0; v < vectors; v++) {
            uint32_t c = 8 * v;
            sums[v] = _mm256_add_epi32(sums[v], WIDEN(row));
        }
    }
#pragma GCC unroll 16
    for (uint32_t v = 0; v < vectors; v++)
        _mm256_storeu_si256((__m256i *)(scores + 8 * v), sums[v]);
}

__attribute__((target("avx2"))) static void add_pending_rows_avx2(int32_t *scores,
                                                                  const int16_t *const *rows,
                                                                  size_t count, uint32_t room) {
    /* one copy per score width up to 128 classes, four rows at a time
     * through memory beyond */
    switch (room / 8) {
#define WIDTH(vectors) \
    case vectors: add_rows_in_registers_avx2(scores, rows, count, vectors); return;
    WIDTH(1) WIDTH(2) WIDTH(3) WIDTH(4) WIDTH(5) WIDTH(6) WIDTH(7) WIDTH(8)
    WIDTH(9) WIDTH(10) WIDTH(11) WIDTH(12) WIDTH(13) WIDTH(14) WIDTH(15) WIDTH(16)
#undef WIDTH
    default: break;
    }
    size_t r = 0;
    for (; r + 4 <= count; r += 4) {
        const int16_t *a = rows[r], *b = rows[r + 1], *d = rows[r + 2], *e = rows[r + 3];
        for (uint32_t c = 0; c < room; c += 8) {
            __m256i sum = _mm256_loadu_si256((const __m256i *)(scores + c));
            sum = _mm256_add_epi32(sum, _mm256_add_epi32(_mm256_add_epi32(WIDEN(a), WIDEN(b)),
                                                         _mm256_add_epi32(WIDEN(d), WIDEN(e))));
            _mm256_storeu_si256((__m256i *)(scores + c), sum);
        }
    }
    for (; r < count; r++)
        for (uint32_t c = 0; c < room; c += 8) {
            __m256i sum = _mm256_loadu_si256((const __m256i *)(scores + c));
            _mm256_storeu_si256((__m256i *)(scores + c), _mm256_add_epi32(sum, WIDEN(rows[r])));
        }
#undef WIDEN
}
#endif

static inline void add_pending_rows(int32_t *scores, const int16_t *const *rows, size_t count,
                                    uint32_t room) {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
    if (__builtin_cpu_supports("avx2")) {
        add_pending_rows_avx2(scores, rows, count, room);
        return;
    }
#endif
    add_pending_rows_portable(scores, rows, count, room);
}

/* A row whose count is PERCEPTRON_DENSE_ROW holds one weight per class:
 * the features seen with most classes (the bias, shapes, suffixes, tag
 * history) are also the ones every word looks up, and adding a dense row
 * takes a fraction of the instructions of a sparse one (no class index,
 * vector adds).  Built twice, for AVX2 and for any x86-64, the processor
 * picking one when the program loads; integer sums, so both clones give
 * the same scores. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void perceptron_model_score(const perceptron_model *model, const uint64_t *features,
                            size_t count, int32_t *scores) {
    const uint32_t slot_count = model->slot_count, room = perceptron_score_room(model->class_count);
    if (!slot_count) return;
    /* In passes over up to SCORE_BATCH features, so that their
     * memory loads are in flight together: each feature is a slot and then
     * a row somewhere in a model of megabytes, two cache misses in a row,
     * and looked up one after the other the misses would not overlap.
     * First every slot is computed and fetched, then every slot probed and
     * its row fetched, then the rows added. */
    uint32_t slots[SCORE_BATCH];
    const int16_t *found[SCORE_BATCH], *pending[SCORE_BATCH];
    for (size_t from = 0; from < count; from += SCORE_BATCH) {
        size_t batch = count - from < SCORE_BATCH ? count - from : SCORE_BATCH;
        const uint64_t *keys = features + from;
        for (size_t f = 0; f < batch; f++) {
            slots[f] = slot_of(keys[f], slot_count);
            __builtin_prefetch(&model->slots[2 * slots[f]]);
        }
        size_t found_count = 0;
        for (size_t f = 0; f < batch; f++) {
            uint32_t fingerprint = fingerprint_of(keys[f]);
            for (uint32_t slot = slots[f];;) {
                uint32_t stored = model->slots[2 * slot];
                if (stored == 0) break;
                if (stored == fingerprint) {
                    const int16_t *row = model->rows + model->slots[2 * slot + 1];
                    /* two lines: a dense row of 50-odd classes spans two
                     * (the address of the second is computed as an
                     * integer: it may lie past the last row) */
                    __builtin_prefetch(row);
                    __builtin_prefetch((const void *)((uintptr_t)row + 64));
                    found[found_count++] = row;
                    break;
                }
                if (++slot == slot_count) slot = 0;
            }
        }
        size_t pending_count = 0;
        for (size_t f = 0; f < found_count; f++) {
            const int16_t *row = found[f];
            int entries = (uint16_t)row[0];
            row++;
            if (entries == PERCEPTRON_DENSE_ROW) {
                pending[pending_count++] = row;
                continue;
            }
            /* two a step: fewer instructions to count and branch */
            int e = 0;
            for (; e + 2 <= entries; e += 2) {
                scores[(uint16_t)row[2 * e]] += row[2 * e + 1];
                scores[(uint16_t)row[2 * e + 2]] += row[2 * e + 3];
            }
            if (e < entries) scores[(uint16_t)row[2 * e]] += row[2 * e + 1];
        }
        add_pending_rows(scores, pending, pending_count, room);
    }
}

/* Eight lanes at a time, each keeping its best score and the first class
 * that reached it; then the best lane, the lowest class among equals, so
 * the answer is the scalar loop's. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
uint32_t perceptron_argmax(const int32_t *scores, uint32_t class_count) {
#if defined(__GNUC__)
    if (class_count >= 16) {
        typedef int32_t eight_lanes __attribute__((vector_size(32)));
        eight_lanes best, best_class, lane_class = {0, 1, 2, 3, 4, 5, 6, 7};
        const eight_lanes step = {8, 8, 8, 8, 8, 8, 8, 8};
        memcpy(&best, scores, sizeof best);
        best_class = lane_class;
        uint32_t c = 8;
        for (; c + 8 <= class_count; c += 8) {
            eight_lanes here;
            memcpy(&here, scores + c, sizeof here);
            lane_class += step;
            eight_lanes better = here > best;
            best = (here & better) | (best & ~better);
            best_class = (lane_class & better) | (best_class & ~better);
        }
        int32_t top = best[0];
        uint32_t result = (uint32_t)best_class[0];
        for (int lane = 1; lane < 8; lane++)
            if (best[lane] > top || (best[lane] == top && (uint32_t)best_class[lane] < result)) {
                top = best[lane];
                result = (uint32_t)best_class[lane];
            }
        for (; c < class_count; c++)
            if (scores[c] > top) {
                top = scores[c];
                result = c;
            }
        return result;
    }
#endif
    uint32_t best = 0;
    for (uint32_t c = 1; c < class_count; c++)
        if (scores[c] > scores[best]) best = c;
    return best;
}

/* "<prefix>.<part>" */
static void section_name(char *out, size_t size, const char *prefix, const char *part) {
    snprintf(out, size, "%s.%s", prefix, part);
}

typedef struct model_meta {
    uint32_t class_count, slot_count, feature_count, reserved;
    float scale;
    uint32_t padding[3];
} model_meta;

bool perceptron_model_write(const perceptron_model *model, model_writer *writer,
                            const char *prefix) {
    char name[64];
    model_meta meta = {.class_count = model->class_count,
                       .slot_count = model->slot_count,
                       .feature_count = model->feature_count,
                       .scale = model->scale};
    section_name(name, sizeof name, prefix, "meta");
    if (!model_writer_add(writer, name, &meta, sizeof meta)) return false;
    section_name(name, sizeof name, prefix, "slots");
    if (!model_writer_add(writer, name, model->slots, (size_t)model->slot_count * 8)) return false;
    section_name(name, sizeof name, prefix, "rows");
    return model_writer_add(writer, name, model->rows, model->row_length * sizeof(int16_t));
}

dyad_status perceptron_model_view(const model_file *file, const char *prefix, const char *path,
                                  perceptron_model *model, dyad_error *error) {
    memset(model, 0, sizeof *model);
    char name[64];
    size_t meta_size, slots_size, rows_size;
    section_name(name, sizeof name, prefix, "meta");
    const model_meta *meta = model_file_section(file, name, &meta_size);
    section_name(name, sizeof name, prefix, "slots");
    const uint32_t *slots = model_file_section(file, name, &slots_size);
    section_name(name, sizeof name, prefix, "rows");
    const int16_t *rows = model_file_section(file, name, &rows_size);
    if (!meta || !slots || !rows || meta_size != sizeof *meta)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "model lacks the weight sections '%s.*' or they are malformed", prefix);
    if (meta->class_count == 0 || meta->class_count > PERCEPTRON_MAX_CLASSES ||
        slots_size != (size_t)meta->slot_count * 8 || rows_size % sizeof(int16_t) != 0 ||
        !(meta->scale > 0.0f) || !isfinite(meta->scale) || meta->feature_count > meta->slot_count)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "weight sections '%s.*' have inconsistent sizes", prefix);
    size_t row_length = rows_size / sizeof(int16_t);
    uint32_t used = 0;
    for (uint32_t s = 0; s < meta->slot_count; s++) {
        if (slots[2 * s] == 0) continue;
        used++;
        uint32_t offset = slots[2 * s + 1];
        if (offset >= row_length)
            return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                             "weight slot %u of '%s' points outside its rows", s, prefix);
        size_t entries = (uint16_t)rows[offset];
        if (entries == PERCEPTRON_DENSE_ROW) {
            if (perceptron_score_room(meta->class_count) > row_length - offset - 1)
                return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                                 "dense weight row of slot %u of '%s' runs past its section", s,
                                 prefix);
            continue;
        }
        if (entries > (row_length - offset - 1) / 2)
            return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                             "weight row of slot %u of '%s' runs past its section", s, prefix);
        for (size_t e = 0; e < entries; e++)
            if ((uint16_t)rows[offset + 1 + 2 * e] >= meta->class_count)
                return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                                 "weight row of slot %u of '%s' names class %u of %u", s, prefix,
                                 (unsigned)(uint16_t)rows[offset + 1 + 2 * e], meta->class_count);
    }
    /* a full table would make lookups of unknown features loop forever */
    if (used != meta->feature_count || (meta->slot_count && used == meta->slot_count))
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "weight table of '%s' holds %u features, its header says %u", prefix,
                         used, meta->feature_count);
    model->class_count = meta->class_count;
    model->slot_count = meta->slot_count;
    model->feature_count = meta->feature_count;
    model->scale = meta->scale;
    model->slots = slots;
    model->rows = rows;
    model->row_length = row_length;
    return DYAD_OK;
}

void perceptron_model_release(perceptron_model *model) {
    if (!model) return;
    free(model->owned);
    memset(model, 0, sizeof *model);
}

/* ------------------------------------------------------------ trainer */

typedef struct trainer_entry {
    double total;            /* sum of the weight over all instances up to timestamp */
    float weight;
    uint32_t timestamp;      /* instance clock when total was last brought up to date */
    uint32_t class_id;
} trainer_entry;

typedef struct trainer_feature {
    uint64_t key;
    uint32_t first;          /* index of its first entry in the pool */
    uint16_t count, capacity;
} trainer_feature;

struct perceptron_trainer {
    uint32_t class_count;
    uint32_t clock;          /* instances seen */
    uint32_t *table;         /* feature index + 1, 0 empty; open addressing */
    uint32_t table_size;
    trainer_feature *features;
    size_t feature_count, feature_capacity;
    trainer_entry *entries;
    size_t entry_count, entry_capacity;
};

perceptron_trainer *perceptron_trainer_new(uint32_t class_count) {
    if (class_count == 0 || class_count > PERCEPTRON_MAX_CLASSES) return NULL;
    perceptron_trainer *trainer = calloc(1, sizeof *trainer);
    if (!trainer) return NULL;
    trainer->class_count = class_count;
    trainer->table_size = 1u << 16;
    trainer->table = calloc(trainer->table_size, sizeof *trainer->table);
    if (!trainer->table) {
        free(trainer);
        return NULL;
    }
    return trainer;
}

void perceptron_trainer_free(perceptron_trainer *trainer) {
    if (!trainer) return;
    free(trainer->table);
    free(trainer->features);
    free(trainer->entries);
    free(trainer);
}

size_t perceptron_trainer_feature_count(const perceptron_trainer *trainer) {
    return trainer->feature_count;
}

static const trainer_feature *trainer_find(const perceptron_trainer *trainer, uint64_t key) {
    uint32_t slot = slot_of(key, trainer->table_size);
    for (;;) {
        uint32_t index = trainer->table[slot];
        if (index == 0) return NULL;
        if (trainer->features[index - 1].key == key) return &trainer->features[index - 1];
        if (++slot == trainer->table_size) slot = 0;
    }
}

static bool trainer_grow_table(perceptron_trainer *trainer) {
    uint32_t size = trainer->table_size * 2;
    uint32_t *table = calloc(size, sizeof *table);
    if (!table) return false;
    for (size_t i = 0; i < trainer->feature_count; i++) {
        uint32_t slot = slot_of(trainer->features[i].key, size);
        while (table[slot]) slot = slot + 1 == size ? 0 : slot + 1;
        table[slot] = (uint32_t)i + 1;
    }
    free(trainer->table);
    trainer->table = table;
    trainer->table_size = size;
    return true;
}

static trainer_feature *trainer_find_or_add(perceptron_trainer *trainer, uint64_t key) {
    uint32_t slot = slot_of(key, trainer->table_size);
    for (;;) {
        uint32_t index = trainer->table[slot];
        if (index == 0) break;
        if (trainer->features[index - 1].key == key) return &trainer->features[index - 1];
        if (++slot == trainer->table_size) slot = 0;
    }
    if ((trainer->feature_count + 1) * 3 > (size_t)trainer->table_size * 2) {
        if (trainer->table_size >= (1u << 31) || !trainer_grow_table(trainer)) return NULL;
        slot = slot_of(key, trainer->table_size);
        while (trainer->table[slot]) slot = slot + 1 == trainer->table_size ? 0 : slot + 1;
    }
    if (trainer->feature_count == trainer->feature_capacity) {
        size_t capacity = trainer->feature_capacity ? trainer->feature_capacity * 2 : 4096;
        trainer_feature *features = realloc(trainer->features, capacity * sizeof *features);
        if (!features) return NULL;
        trainer->features = features;
        trainer->feature_capacity = capacity;
    }
    trainer_feature *feature = &trainer->features[trainer->feature_count++];
    feature->key = key;
    feature->first = 0;
    feature->count = feature->capacity = 0;
    trainer->table[slot] = (uint32_t)trainer->feature_count;
    return feature;
}

/* Rows grow by moving to the end of the pool with twice the room; the
 * abandoned space is bounded by the live space. */
static trainer_entry *trainer_entry_for(perceptron_trainer *trainer, trainer_feature *feature,
                                        uint32_t class_id) {
    trainer_entry *row = trainer->entries + feature->first;
    for (uint16_t e = 0; e < feature->count; e++)
        if (row[e].class_id == class_id) return &row[e];
    if (feature->count == feature->capacity) {
        size_t capacity = feature->capacity ? (size_t)feature->capacity * 2 : 2;
        if (capacity > trainer->class_count) capacity = trainer->class_count;
        if (trainer->entry_count + capacity > UINT32_MAX) return NULL;
        if (trainer->entry_count + capacity > trainer->entry_capacity) {
            size_t pool = trainer->entry_capacity ? trainer->entry_capacity * 2 : 1 << 16;
            while (pool < trainer->entry_count + capacity) pool *= 2;
            trainer_entry *entries = realloc(trainer->entries, pool * sizeof *entries);
            if (!entries) return NULL;
            trainer->entries = entries;
            trainer->entry_capacity = pool;
        }
        if (feature->count)
            memcpy(trainer->entries + trainer->entry_count, trainer->entries + feature->first,
                   feature->count * sizeof *trainer->entries);
        feature->first = (uint32_t)trainer->entry_count;
        feature->capacity = (uint16_t)capacity;
        trainer->entry_count += capacity;
        row = trainer->entries + feature->first;
    }
    trainer_entry *entry = &row[feature->count++];
    entry->total = 0;
    entry->weight = 0;
    entry->timestamp = trainer->clock;
    entry->class_id = class_id;
    return entry;
}

void perceptron_trainer_score(const perceptron_trainer *trainer, const uint64_t *features,
                              size_t count, float *scores) {
    for (size_t f = 0; f < count; f++) {
        const trainer_feature *feature = trainer_find(trainer, features[f]);
        if (!feature) continue;
        const trainer_entry *row = trainer->entries + feature->first;
        for (uint16_t e = 0; e < feature->count; e++) scores[row[e].class_id] += row[e].weight;
    }
}

static void entry_add(trainer_entry *entry, uint32_t clock, float delta) {
    entry->total += (double)(clock - entry->timestamp) * entry->weight;
    entry->timestamp = clock;
    entry->weight += delta;
}

bool perceptron_trainer_learn(perceptron_trainer *trainer, const uint64_t *features,
                              size_t count, uint32_t gold, uint32_t guess) {
    trainer->clock++;
    if (gold == guess) return true;
    for (size_t f = 0; f < count; f++) {
        trainer_feature *feature = trainer_find_or_add(trainer, features[f]);
        if (!feature) return false;
        trainer_entry *entry = trainer_entry_for(trainer, feature, gold);
        if (!entry) return false;
        entry_add(entry, trainer->clock, 1.0f);
        /* the pool may have moved while adding the gold entry */
        entry = trainer_entry_for(trainer, feature, guess);
        if (!entry) return false;
        entry_add(entry, trainer->clock, -1.0f);
    }
    return true;
}

static double entry_average(const trainer_entry *entry, uint32_t clock) {
    double total = entry->total + (double)(clock - entry->timestamp) * entry->weight;
    return clock ? total / clock : 0.0;
}

/* A row becomes dense when it has weights for at least 1/DENSE_FROM of the
 * classes. */
enum { DENSE_FROM = 4 };

bool perceptron_trainer_average(const perceptron_trainer *trainer, float prune_below,
                                perceptron_model *out) {
    memset(out, 0, sizeof *out);
    out->class_count = trainer->class_count;
    double largest = 0;
    size_t kept_features = 0, kept_entries = 0, dense_rows = 0;
    for (size_t i = 0; i < trainer->feature_count; i++) {
        const trainer_feature *feature = &trainer->features[i];
        size_t kept = 0;
        for (uint16_t e = 0; e < feature->count; e++) {
            double average = fabs(entry_average(&trainer->entries[feature->first + e], trainer->clock));
            if (average >= prune_below && average > 0) {
                kept++;
                if (average > largest) largest = average;
            }
        }
        if (kept) {
            kept_features++;
            kept_entries += kept;
            dense_rows += kept * DENSE_FROM >= trainer->class_count;
        }
    }
    /* load factor about 0.6: short probes for the many unknown features */
    size_t slot_count = kept_features + kept_features * 2 / 3 + 1;
    /* room for every row sparse, and dense as well where it may be */
    uint32_t room = perceptron_score_room(trainer->class_count);
    size_t row_length = kept_features + 2 * kept_entries + dense_rows * room;
    if (slot_count > UINT32_MAX || row_length > UINT32_MAX) return false;
    size_t slot_bytes = slot_count * 8, bytes = slot_bytes + row_length * sizeof(int16_t);
    void *block = calloc(1, bytes ? bytes : 1);
    int16_t *dense = calloc(room, sizeof *dense);
    if (!block || !dense) {
        free(block);
        free(dense);
        return false;
    }
    uint32_t *slots = block;
    int16_t *rows = (int16_t *)((char *)block + slot_bytes);
    double scale = largest > 0 ? largest / 32767.0 : 1.0;
    size_t offset = 0;
    for (size_t i = 0; i < trainer->feature_count; i++) {
        const trainer_feature *feature = &trainer->features[i];
        size_t start = offset;
        int16_t count = 0;
        offset++;
        for (uint16_t e = 0; e < feature->count; e++) {
            const trainer_entry *entry = &trainer->entries[feature->first + e];
            double average = entry_average(entry, trainer->clock);
            if (fabs(average) < prune_below || average == 0) continue;
            long quantised = lround(average / scale);
            if (quantised == 0) continue;
            rows[offset++] = (int16_t)entry->class_id;
            rows[offset++] = (int16_t)quantised;
            count++;
        }
        if (count == 0) {
            offset = start;
            continue;
        }
        rows[start] = count;
        /* dense from a quarter of the classes on: adding it is then
         * cheaper than the sparse row, for at most twice its room */
        if ((size_t)count * DENSE_FROM >= trainer->class_count) {
            memset(dense, 0, room * sizeof *dense);
            for (int16_t e = 0; e < count; e++)
                dense[(uint16_t)rows[start + 1 + 2 * e]] = rows[start + 2 + 2 * e];
            rows[start] = (int16_t)PERCEPTRON_DENSE_ROW;
            memcpy(rows + start + 1, dense, room * sizeof *dense);
            offset = start + 1 + room;
        }
        uint32_t slot = slot_of(feature->key, (uint32_t)slot_count);
        while (slots[2 * slot]) slot = slot + 1 == slot_count ? 0 : slot + 1;
        slots[2 * slot] = fingerprint_of(feature->key);
        slots[2 * slot + 1] = (uint32_t)start;
        out->feature_count++;
    }
    out->slot_count = (uint32_t)slot_count;
    out->scale = (float)scale;
    out->slots = slots;
    out->rows = rows;
    out->row_length = offset;
    out->owned = block;
    free(dense);
    return true;
}
