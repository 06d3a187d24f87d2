/*
 * word_clusters_format.h — the layout of data/nlp/clusters.model, shared
 * by the loader (word_clusters.c) and the trainer (word_clusters_train.c)
 * and by nothing else.
 *
 * A model container (util/model_file.h) of kind "clusters":
 *   clusters.meta     clusters_meta below
 *   clusters.keys     u32 × slot_count: a word's fingerprint, 0 when empty
 *   clusters.classes  u16 × slot_count: its fine class (1-based), 0 when empty
 *   clusters.coarse   u16 × fine classes × (levels − 1): for fine class f,
 *                     its class at level 0, 1, ... at [(f − 1) × (levels − 1) + level]
 * The table is open addressing with linear probing at a load of at most
 * 0.8, keyed by the hash of the normalised form: the fingerprint is its
 * high 32 bits, the first slot a multiply-shift of its low 32, so the two
 * are independent.  Storing a 32-bit fingerprint and no string keeps a
 * word to 6 bytes a slot; an unknown word is taken for a known one only
 * if its fingerprint equals one in its probe chain (a dozen slots or
 * so, on average): a few lookups in 10^9.  Keys and classes are
 * separate arrays so a probe reads consecutive keys only.
 */
#ifndef DYAD_NLP_WORD_CLUSTERS_FORMAT_H
#define DYAD_NLP_WORD_CLUSTERS_FORMAT_H

#include "word_clusters.h"
#include "perceptron.h"

#include <stdint.h>

enum { CLUSTERS_FORMAT = 1, CLUSTERS_FINE = WORD_CLUSTER_LEVELS - 1 };

typedef struct clusters_meta {
    uint32_t format;
    uint32_t word_count;          /* filled slots */
    uint32_t class_counts[WORD_CLUSTER_LEVELS];
    uint32_t slot_count;
    uint64_t id;                  /* word_clusters_id */
} clusters_meta;

/* Slots for a vocabulary: load 0.8 and at least one empty slot, which
 * ends every miss's probe. */
static inline uint32_t clusters_slot_count(uint32_t word_count) {
    return word_count + word_count / 4 + 1;
}

static inline uint64_t clusters_form_hash(const char *normalised, size_t length) {
    return perceptron_hash_bytes(normalised, length);
}

static inline uint32_t clusters_fingerprint(uint64_t hash) {
    uint32_t fingerprint = (uint32_t)(hash >> 32);
    return fingerprint ? fingerprint : 1;
}

static inline uint32_t clusters_first_slot(uint64_t hash, uint32_t slot_count) {
    return (uint32_t)(((uint64_t)(uint32_t)hash * slot_count) >> 32);
}

#endif
