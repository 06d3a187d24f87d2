/*
 * string_map.h — a map from strings to 32-bit values for the coder's
 * load-time tables (word forms, blocks, actor phrases).
 *
 * Open addressing with linear probing over a power-of-two table, FNV-1a
 * hashing.  Keys are not copied: they must outlive the map (the tables
 * keep them in their own arena).  Filled while loading, read-only after,
 * so lookups need no locks.
 */
#ifndef DYAD_CODER_STRING_MAP_H
#define DYAD_CODER_STRING_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct string_map {
    const char **keys;
    uint32_t *values;
    size_t capacity, count;   /* capacity is a power of two */
} string_map;

enum { STRING_MAP_MISSING = UINT32_MAX };

/* The value stored for key[0..length), or STRING_MAP_MISSING. */
uint32_t map_get(const string_map *map, const char *key, size_t length);
/* Inserts or replaces; false when memory runs out. */
bool map_put(string_map *map, const char *key, uint32_t value);
/* Slot of key (for in-place updates); the map must not be empty. */
size_t map_slot(const string_map *map, const char *key, size_t length);
void map_free(string_map *map);

#endif
