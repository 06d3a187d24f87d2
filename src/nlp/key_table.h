/*
 * key_table.h — an immutable hash table from 64-bit keys to 64-bit values.
 *
 * The tagger's lexicon and the lemmatizer's tables are all maps from a
 * hashed key (a word, a word with its tag, a suffix) to a small value (a
 * label, a string offset, an edit).  Storing only the 64-bit hash and not
 * the string keeps them compact and lets them live in a model file section
 * used in place: slots of {key, value}, open addressing with linear
 * probing, key 0 meaning empty.  With 64-bit keys a false match needs a
 * full hash collision, which for tables of this size does not happen in
 * practice.
 */
#ifndef DYAD_NLP_KEY_TABLE_H
#define DYAD_NLP_KEY_TABLE_H

#include "dyad.h"
#include "util/model_file.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct key_table {
    const uint64_t *slots;    /* 2 × slot_count: key, value */
    uint32_t slot_count;
} key_table;

/* True and *value set when key is present. */
static inline bool key_table_find(const key_table *table, uint64_t key, uint64_t *value) {
    uint32_t slot_count = table->slot_count;
    if (!slot_count) return false;
    uint32_t slot = (uint32_t)(((key >> 20) & 0xffffffffu) * slot_count >> 32);
    for (;;) {
        uint64_t stored = table->slots[2 * slot];
        if (stored == key) {
            *value = table->slots[2 * slot + 1];
            return true;
        }
        if (stored == 0) return false;
        if (++slot == slot_count) slot = 0;
    }
}

/* Builds a table of the pairs (load factor about 0.6; for a repeated key
 * the first value wins).  Keys must not be 0.  Returns the heap block of
 * 2 × *slot_count words, or NULL when memory runs out. */
uint64_t *key_table_build(const uint64_t *keys, const uint64_t *values, size_t count,
                          uint32_t *slot_count);

/* Points table at a section of a loaded model file, checking its size and
 * that it has an empty slot (a full table would make a miss loop). */
dyad_status key_table_view(const model_file *file, const char *section, const char *path,
                           key_table *table, dyad_error *error);

#endif
