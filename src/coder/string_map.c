/*
 * string_map.c — see string_map.h.
 */
#include "string_map.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash_bytes(const char *text, size_t length) {
    uint64_t hash = 1469598103934665603ull;   /* FNV-1a */
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)text[i];
        hash *= 1099511628211ull;
    }
    return hash;
}

size_t map_slot(const string_map *map, const char *key, size_t length) {
    size_t mask = map->capacity - 1;
    size_t slot = (size_t)hash_bytes(key, length) & mask;
    while (map->keys[slot] &&
           !(strncmp(map->keys[slot], key, length) == 0 && map->keys[slot][length] == '\0'))
        slot = (slot + 1) & mask;
    return slot;
}

uint32_t map_get(const string_map *map, const char *key, size_t length) {
    if (!map->capacity) return STRING_MAP_MISSING;
    size_t slot = map_slot(map, key, length);
    return map->keys[slot] ? map->values[slot] : STRING_MAP_MISSING;
}

static bool map_grow(string_map *map) {
    size_t capacity = map->capacity ? map->capacity * 2 : 1024;
    string_map bigger = {calloc(capacity, sizeof *bigger.keys),
                         malloc(capacity * sizeof *bigger.values), capacity, 0};
    if (!bigger.keys || !bigger.values) {
        free(bigger.keys);
        free(bigger.values);
        return false;
    }
    for (size_t i = 0; i < map->capacity; i++) {
        if (!map->keys[i]) continue;
        size_t slot = map_slot(&bigger, map->keys[i], strlen(map->keys[i]));
        bigger.keys[slot] = map->keys[i];
        bigger.values[slot] = map->values[i];
        bigger.count++;
    }
    free(map->keys);
    free(map->values);
    *map = bigger;
    return true;
}

/* key must outlive the map. */
bool map_put(string_map *map, const char *key, uint32_t value) {
    if ((map->count + 1) * 10 > map->capacity * 7 && !map_grow(map)) return false;
    size_t slot = map_slot(map, key, strlen(key));
    if (!map->keys[slot]) map->count++;
    map->keys[slot] = key;
    map->values[slot] = value;
    return true;
}

void map_free(string_map *map) {
    free(map->keys);
    free(map->values);
    memset(map, 0, sizeof *map);
}

