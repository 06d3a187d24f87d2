/*
 * word_list.c — see word_list.h.
 */
#include "word_list.h"
#include "../util/buffer.h"
#include "../util/error.h"
#include "../util/text_file.h"

#include <stdlib.h>
#include <string.h>

typedef struct word_entry {
    uint32_t key, value;      /* offsets into pool */
    uint32_t key_length;
    long line;
} word_entry;

struct word_list {
    char *pool;               /* "key\0value\0" for every entry */
    word_entry *entries;      /* in file order */
    size_t count;
    uint32_t *slots;          /* entry index + 1, 0 = empty */
    size_t slot_mask;
};

static uint64_t hash_bytes(const char *bytes, size_t length) {
    uint64_t hash = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)bytes[i];
        hash *= 1099511628211ull;
    }
    return hash;
}

void word_list_free(word_list *list) {
    if (!list) return;
    free(list->pool);
    free(list->entries);
    free(list->slots);
    free(list);
}

static const word_entry *find_entry(const word_list *list, const char *key, size_t length) {
    if (!list || !list->count) return NULL;
    size_t slot = (size_t)hash_bytes(key, length) & list->slot_mask;
    for (;;) {
        uint32_t index = list->slots[slot];
        if (!index) return NULL;
        const word_entry *entry = &list->entries[index - 1];
        if (entry->key_length == length && memcmp(list->pool + entry->key, key, length) == 0)
            return entry;
        slot = (slot + 1) & list->slot_mask;
    }
}

const char *word_list_find(const word_list *list, const char *key, size_t length) {
    const word_entry *entry = find_entry(list, key, length);
    return entry ? list->pool + entry->value : NULL;
}

long word_list_line(const word_list *list, const char *key, size_t length) {
    const word_entry *entry = find_entry(list, key, length);
    return entry ? entry->line : 0;
}

size_t word_list_count(const word_list *list) {
    return list ? list->count : 0;
}

dyad_status word_list_each(const word_list *list,
                           dyad_status (*visit)(const char *key, const char *value, long line,
                                                void *context),
                           void *context) {
    for (size_t i = 0; list && i < list->count; i++) {
        const word_entry *entry = &list->entries[i];
        dyad_status status =
            visit(list->pool + entry->key, list->pool + entry->value, entry->line, context);
        if (status != DYAD_OK) return status;
    }
    return DYAD_OK;
}

static bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

dyad_status word_list_load(const char *path, word_list_values values, word_list **out,
                           dyad_error *error) {
    *out = NULL;
    dyad_buffer pool = {0};
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    /* a list that cannot be read is a missing resource */
    if (status != DYAD_OK && error) error->status = status = DYAD_ERR_MODEL;
    word_list *list = calloc(1, sizeof *list);
    size_t capacity = 0;
    if (status == DYAD_OK && !list)
        status = error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    const char *line;
    while (status == DYAD_OK && (line = text_file_next(&file))) {
        long line_number = file.line;
        size_t length = strlen(line);
        size_t a = 0, b = length;
        while (a < b && is_blank(line[a])) a++;
        while (b > a && is_blank(line[b - 1])) b--;
        if (a == b || line[a] == '#') continue;
        size_t key_end = a;
        while (key_end < b && !is_blank(line[key_end])) key_end++;
        size_t key_length = key_end - a;
        if (key_length > WORD_LIST_MAX_KEY) {
            status = error_set(error, DYAD_ERR_MODEL, path, line_number, -1,
                               "entry longer than %d bytes", WORD_LIST_MAX_KEY);
            break;
        }
        bool has_value = key_end < b;
        if (has_value && values == WORD_LIST_NO_VALUE) {
            status = error_set(error, DYAD_ERR_MODEL, path, line_number, -1,
                               "one word per line expected, found more after '%.*s'",
                               (int)key_length, line + a);
            break;
        }
        if (!has_value && values == WORD_LIST_VALUE_REQUIRED) {
            status = error_set(error, DYAD_ERR_MODEL, path, line_number, -1,
                               "'%.*s' has no value", (int)key_length, line + a);
            break;
        }
        if (list->count == capacity) {
            size_t bigger = capacity ? capacity * 2 : 64;
            word_entry *entries = realloc(list->entries, bigger * sizeof *entries);
            if (!entries) {
                status = error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
                break;
            }
            list->entries = entries;
            capacity = bigger;
        }
        word_entry *entry = &list->entries[list->count];
        entry->line = line_number;
        entry->key = (uint32_t)pool.length;
        entry->key_length = (uint32_t)key_length;
        bool ok = buffer_append(&pool, line + a, key_length) && buffer_append_char(&pool, '\0');
        entry->value = (uint32_t)pool.length;
        /* the value: remaining fields joined by single spaces */
        size_t i = key_end;
        bool first = true;
        while (ok && i < b) {
            while (i < b && is_blank(line[i])) i++;
            size_t field = i;
            while (i < b && !is_blank(line[i])) i++;
            if (i > field) {
                ok = (first || buffer_append_char(&pool, ' ')) &&
                     buffer_append(&pool, line + field, i - field);
                first = false;
            }
        }
        ok = ok && buffer_append_char(&pool, '\0');
        if (!ok) {
            status = error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
            break;
        }
        list->count++;
    }
    text_file_close(&file);
    if (status == DYAD_OK) {
        list->pool = pool.data;
        pool.data = NULL;
        size_t slots = 16;
        while (slots < list->count * 2) slots *= 2;
        list->slots = calloc(slots, sizeof *list->slots);
        list->slot_mask = slots - 1;
        if (!list->slots) status = error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
        for (size_t e = 0; status == DYAD_OK && e < list->count; e++) {
            const word_entry *entry = &list->entries[e];
            const char *key = list->pool + entry->key;
            size_t slot = (size_t)hash_bytes(key, entry->key_length) & list->slot_mask;
            while (list->slots[slot]) {
                const word_entry *other = &list->entries[list->slots[slot] - 1];
                if (other->key_length == entry->key_length &&
                    memcmp(list->pool + other->key, key, entry->key_length) == 0) {
                    status = error_set(error, DYAD_ERR_MODEL, path, entry->line, -1,
                                       "'%s' repeats the entry of line %ld", key, other->line);
                    break;
                }
                slot = (slot + 1) & list->slot_mask;
            }
            list->slots[slot] = (uint32_t)(e + 1);
        }
    }
    dyad_buffer_free(&pool);
    if (status != DYAD_OK) {
        word_list_free(list);
        return status;
    }
    *out = list;
    return DYAD_OK;
}
