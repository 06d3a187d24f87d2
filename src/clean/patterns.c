/*
 * patterns.c — see patterns.h.
 */
#include "patterns.h"
#include "lexical.h"
#include "../util/error.h"
#include "../util/text_file.h"
#include "../util/utf8.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_PHRASE = 96 };

typedef struct list_spec {
    const char *file;
    const char *const *kinds;     /* NULL-terminated; NULL: entries have no kind */
    bool prefixes;                /* entries may end in " *" */
    size_t offset;                /* of the phrase_table in clean_patterns */
} list_spec;

static const char *const debris_kinds[] = {
    "none", "navigation", "author", "share", "related", "prompt", "caption",
    "advert", "timestamp", "legal", "tags", "comments", NULL};
static const char *const credit_kinds[] = {"lead", "tail", "whole", NULL};
static const char *const share_kinds[] = {"network", "verb", "word", NULL};
static const char *const prompt_kinds[] = {"topic", "address", "action", NULL};
static const char *const date_kinds[] = {"month", "weekday", "clock", NULL};

static const list_spec lists[] = {
    {"debris-lines.txt", debris_kinds, false, offsetof(clean_patterns, debris_lines)},
    {"debris-prefixes.txt", debris_kinds, true, offsetof(clean_patterns, debris_prefixes)},
    {"credits.txt", credit_kinds, false, offsetof(clean_patterns, credits)},
    {"agencies.txt", NULL, false, offsetof(clean_patterns, agencies)},
    {"dates.txt", date_kinds, false, offsetof(clean_patterns, dates)},
    {"share-words.txt", share_kinds, false, offsetof(clean_patterns, share_words)},
    {"prompt-words.txt", prompt_kinds, false, offsetof(clean_patterns, prompt_words)},
    {"minor-words.txt", NULL, false, offsetof(clean_patterns, minor_words)},
    {"name-words.txt", NULL, false, offsetof(clean_patterns, name_words)},
    {"place-words.txt", NULL, false, offsetof(clean_patterns, place_words)},
    {"labels.txt", NULL, false, offsetof(clean_patterns, labels)},
};

static uint32_t hash_bytes(const char *key, size_t length) {
    uint32_t hash = 2166136261u;   /* FNV-1a */
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)key[i];
        hash *= 16777619u;
    }
    return hash;
}

int phrase_table_find(const phrase_table *table, const char *key, size_t length) {
    if (!table->count || length > table->longest) return -1;
    size_t slot = hash_bytes(key, length) & table->slot_mask;
    for (;;) {
        uint32_t entry = table->slots[slot];
        if (!entry) return -1;
        entry--;
        if (table->lengths[entry] == length && memcmp(table->phrases[entry], key, length) == 0)
            return (int)entry;
        slot = (slot + 1) & table->slot_mask;
    }
}

static bool is_key_word_byte(char c) {
    return (c >= 'a' && c <= 'z') || c == '#' || (unsigned char)c >= 0x80 || c == '\'';
}

int phrase_table_find_prefix(const phrase_table *table, const char *key, size_t length,
                             size_t *matched) {
    int best = -1;
    /* entries are a few words long: try every word end among the first dozen */
    int ends = 0;
    size_t limit = length < table->longest ? length : table->longest;
    for (size_t i = 0; i < limit && ends < 12; i++) {
        bool word_end = is_key_word_byte(key[i]) && (i + 1 == length || !is_key_word_byte(key[i + 1]));
        if (!word_end) continue;
        ends++;
        int found = phrase_table_find(table, key, i + 1);
        if (found >= 0) {
            best = found;
            *matched = i + 1;
        }
    }
    return best;
}

int phrase_table_find_text(const phrase_table *table, const char *text, size_t length) {
    char key[LEXICAL_MAX_KEY];
    size_t key_length = lexical_fold(text, length, key);
    if (!key_length) return -1;
    return phrase_table_find(table, key, key_length);
}

static void phrase_table_free(phrase_table *table) {
    free(table->storage);
    free(table->phrases);
    free(table->lengths);
    free(table->kinds);
    free(table->open_ended);
    free(table->slots);
    memset(table, 0, sizeof *table);
}

void clean_patterns_free(clean_patterns *patterns) {
    if (!patterns) return;
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        phrase_table_free((phrase_table *)((char *)patterns + lists[i].offset));
}

/* One parsed line of a list file, before it is stored. */
typedef struct list_entry {
    size_t text_offset, length;
    long line;
    uint8_t kind, open_ended;
} list_entry;

static dyad_status load_list(const char *path, const list_spec *spec, phrase_table *table,
                             dyad_error *error) {
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    if (status != DYAD_OK) {
        /* a list that cannot be read is a missing resource */
        if (error) error->status = DYAD_ERR_MODEL;
        return DYAD_ERR_MODEL;
    }
    list_entry *entries = NULL;
    size_t count = 0, capacity = 0;
    char *storage = NULL;
    size_t storage_length = 0, storage_capacity = 0;
    char *line;

    while ((line = text_file_next(&file))) {
        long line_number = file.line;
        size_t length = strlen(line);
        while (length && line[length - 1] == '\r') length--;
        size_t a = 0;
        while (a < length && (line[a] == ' ' || line[a] == '\t')) a++;
        if (a == length || line[a] == '#') continue;
        if (!utf8_is_valid(line + a, length - a)) {
            status = error_set(error, DYAD_ERR_MODEL, path, line_number, -1, "invalid UTF-8");
            break;
        }
        list_entry entry = {0};
        if (spec->kinds) {
            size_t kind_end = a;
            while (kind_end < length && line[kind_end] != ' ' && line[kind_end] != '\t') kind_end++;
            int kind = -1;
            for (int k = 0; spec->kinds[k]; k++)
                if (strlen(spec->kinds[k]) == kind_end - a &&
                    memcmp(spec->kinds[k], line + a, kind_end - a) == 0 &&
                    strcmp(spec->kinds[k], "none") != 0)
                    kind = k;
            if (kind < 0) {
                status = error_set(error, DYAD_ERR_MODEL, path, line_number, -1,
                                   "unknown kind '%.*s'", (int)(kind_end - a), line + a);
                break;
            }
            entry.kind = (uint8_t)kind;
            a = kind_end;
        }
        /* the phrase: collapse inner white space, as keys are folded */
        char phrase[MAX_PHRASE + 1];
        size_t phrase_length = 0;
        bool too_long = false, upper = false;
        for (size_t i = a; i < length; i++) {
            char c = line[i] == '\t' ? ' ' : line[i];
            if (c == ' ' && (!phrase_length || phrase[phrase_length - 1] == ' ')) continue;
            if (c >= 'A' && c <= 'Z') upper = true;
            if (c >= '0' && c <= '9') upper = true;   /* digits are written '#' */
            if (phrase_length == MAX_PHRASE) {
                too_long = true;
                break;
            }
            phrase[phrase_length++] = c;
        }
        while (phrase_length && phrase[phrase_length - 1] == ' ') phrase_length--;
        if (spec->prefixes && phrase_length >= 2 && phrase[phrase_length - 1] == '*' &&
            phrase[phrase_length - 2] == ' ') {
            entry.open_ended = 1;
            phrase_length -= 2;
        }
        if (!phrase_length) {
            status = error_set(error, DYAD_ERR_MODEL, path, line_number, -1,
                               spec->kinds ? "a kind without a phrase" : "empty entry");
            break;
        }
        if (too_long) {
            status = error_set(error, DYAD_ERR_MODEL, path, line_number, -1,
                               "entry longer than %d bytes", MAX_PHRASE);
            break;
        }
        if (upper) {
            status = error_set(error, DYAD_ERR_MODEL, path, line_number, -1,
                               "entries are written in lower case, with '#' for digits");
            break;
        }
        if (count == capacity) {
            size_t grown = capacity ? capacity * 2 : 64;
            list_entry *more = realloc(entries, grown * sizeof *entries);
            if (!more) {
                status = error_set(error, DYAD_ERR_MEMORY, path, line_number, -1, "out of memory");
                break;
            }
            entries = more;
            capacity = grown;
        }
        if (storage_length + phrase_length + 1 > storage_capacity) {
            size_t grown = storage_capacity ? storage_capacity * 2 : 4096;
            while (grown < storage_length + phrase_length + 1) grown *= 2;
            char *more = realloc(storage, grown);
            if (!more) {
                status = error_set(error, DYAD_ERR_MEMORY, path, line_number, -1, "out of memory");
                break;
            }
            storage = more;
            storage_capacity = grown;
        }
        memcpy(storage + storage_length, phrase, phrase_length);
        storage[storage_length + phrase_length] = '\0';
        entry.text_offset = storage_length;
        entry.length = phrase_length;
        entry.line = line_number;
        storage_length += phrase_length + 1;
        entries[count++] = entry;
    }
    text_file_close(&file);

    if (status == DYAD_OK) {
        size_t slots = 16;
        while (slots < count * 2) slots *= 2;
        table->storage = storage;
        storage = NULL;
        table->phrases = calloc(count ? count : 1, sizeof *table->phrases);
        table->lengths = calloc(count ? count : 1, sizeof *table->lengths);
        table->kinds = calloc(count ? count : 1, 1);
        table->open_ended = calloc(count ? count : 1, 1);
        table->slots = calloc(slots, sizeof *table->slots);
        table->slot_mask = slots - 1;
        if (!table->phrases || !table->lengths || !table->kinds || !table->open_ended ||
            !table->slots) {
            status = error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
        } else {
            for (size_t i = 0; i < count; i++) {
                const char *phrase = table->storage + entries[i].text_offset;
                int existing = phrase_table_find(table, phrase, entries[i].length);
                if (existing >= 0) {
                    status = error_set(error, DYAD_ERR_MODEL, path, entries[i].line, -1,
                                       "'%s' is listed twice (first on line %ld)", phrase,
                                       entries[existing].line);
                    break;
                }
                table->phrases[i] = phrase;
                table->lengths[i] = (uint16_t)entries[i].length;
                table->kinds[i] = entries[i].kind;
                table->open_ended[i] = entries[i].open_ended;
                size_t slot = hash_bytes(phrase, entries[i].length) & table->slot_mask;
                while (table->slots[slot]) slot = (slot + 1) & table->slot_mask;
                table->slots[slot] = (uint32_t)i + 1;
                table->count = i + 1;
                if (entries[i].length > table->longest) table->longest = entries[i].length;
            }
        }
    }
    free(storage);
    free(entries);
    return status;
}

dyad_status clean_patterns_load(const char *data_dir, clean_patterns *patterns, dyad_error *error) {
    memset(patterns, 0, sizeof *patterns);
    if (!data_dir) return DYAD_OK;   /* no lists: only the rules that need none apply */
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
        char path[PATH_MAX];
        if ((size_t)snprintf(path, sizeof path, "%s/clean/%s", data_dir, lists[i].file) >=
            sizeof path) {
            clean_patterns_free(patterns);
            return error_set(error, DYAD_ERR_MODEL, data_dir, 0, -1, "data path too long");
        }
        phrase_table *table = (phrase_table *)((char *)patterns + lists[i].offset);
        dyad_status status = load_list(path, &lists[i], table, error);
        if (status != DYAD_OK) {
            clean_patterns_free(patterns);
            return status;
        }
    }
    return DYAD_OK;
}
