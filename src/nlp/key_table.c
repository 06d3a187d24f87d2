/*
 * key_table.c — see key_table.h.
 */
#include "key_table.h"
#include "util/error.h"

#include <stdlib.h>

uint64_t *key_table_build(const uint64_t *keys, const uint64_t *values, size_t count,
                          uint32_t *slot_count) {
    size_t slots = count + count * 2 / 3 + 1;
    if (slots > UINT32_MAX) return NULL;
    uint64_t *table = calloc(slots * 2, sizeof *table);
    if (!table) return NULL;
    for (size_t i = 0; i < count; i++) {
        uint32_t slot = (uint32_t)(((keys[i] >> 20) & 0xffffffffu) * slots >> 32);
        while (table[2 * slot] && table[2 * slot] != keys[i]) slot = slot + 1 == slots ? 0 : slot + 1;
        if (table[2 * slot]) continue; /* the first value of a key wins */
        table[2 * slot] = keys[i];
        table[2 * slot + 1] = values[i];
    }
    *slot_count = (uint32_t)slots;
    return table;
}

dyad_status key_table_view(const model_file *file, const char *section, const char *path,
                           key_table *table, dyad_error *error) {
    size_t size;
    const uint64_t *slots = model_file_section(file, section, &size);
    table->slots = NULL;
    table->slot_count = 0;
    if (!slots) return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "model lacks its '%s' section", section);
    if (size % 16 != 0 || size / 16 > UINT32_MAX)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "section '%s' has a bad size", section);
    uint32_t count = (uint32_t)(size / 16);
    bool has_empty = count == 0;
    for (uint32_t s = 0; s < count && !has_empty; s++) has_empty = slots[2 * s] == 0;
    if (!has_empty)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "table '%s' has no empty slot", section);
    table->slots = slots;
    table->slot_count = count;
    return DYAD_OK;
}
