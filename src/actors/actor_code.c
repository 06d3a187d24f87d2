/*
 * actor_code.c — see actor_code.h.
 */
#include "actor_code.h"
#include "../util/error.h"
#include "../util/text_file.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK_SECTOR = 1, BLOCK_INTERNATIONAL = 2 };

/* 26^3 three-letter blocks: a direct index is smaller than a hash table
 * and needs no collisions handled. */
enum { BLOCK_SPACE = 26 * 26 * 26 };

struct actor_code_table {
    unsigned char kinds[BLOCK_SPACE];
};

static int block_index(const char *block) {
    int index = 0;
    for (int i = 0; i < 3; i++) {
        char c = block[i];
        if (c < 'A' || c > 'Z') return -1;
        index = index * 26 + (c - 'A');
    }
    return index;
}

dyad_status actor_code_table_parse(const char *name, const char *text, size_t length,
                                   actor_code_table **out, dyad_error *error) {
    *out = NULL;
    actor_code_table *table = calloc(1, sizeof *table);
    if (!table) return error_set(error, DYAD_ERR_MEMORY, name, 0, -1, "out of memory");
    size_t position = 0;
    long line_number = 0;
    while (position < length) {
        const char *line = text + position;
        const char *newline = memchr(line, '\n', length - position);
        size_t line_length = newline ? (size_t)(newline - line) : length - position;
        position += line_length + (newline != NULL);
        line_number++;
        const char *hash = memchr(line, '#', line_length);
        if (hash) line_length = (size_t)(hash - line);
        char kind[32], block[32];
        char copy[256];
        if (line_length >= sizeof copy) line_length = sizeof copy - 1;
        memcpy(copy, line, line_length);
        copy[line_length] = '\0';
        int fields = sscanf(copy, "%31s %31s", kind, block);
        if (fields <= 0) continue;
        int index = fields == 2 && strlen(block) == 3 ? block_index(block) : -1;
        unsigned char value = strcmp(kind, "sector") == 0          ? BLOCK_SECTOR
                              : strcmp(kind, "international") == 0 ? BLOCK_INTERNATIONAL
                                                                   : 0;
        if (index < 0 || !value) {
            free(table);
            return error_set(error, DYAD_ERR_MODEL, name, line_number, -1,
                             "want 'sector|international CODE description' with a "
                             "three-capital code");
        }
        table->kinds[index] |= value;
    }
    *out = table;
    return DYAD_OK;
}

dyad_status actor_code_table_load(const char *path, actor_code_table **out, dyad_error *error) {
    *out = NULL;
    text_file file;
    if (text_file_open(&file, path, error) != DYAD_OK) {
        /* a missing or unreadable table is a model error here, as it
         * always was: the table is part of the actor model */
        if (error->status == DYAD_ERR_IO) error->status = DYAD_ERR_MODEL;
        return error->status;
    }
    /* the whole text, byte-order mark included, as before */
    dyad_status status = actor_code_table_parse(path, file.data, file.length, out, error);
    text_file_close(&file);
    return status;
}

void actor_code_table_free(actor_code_table *table) {
    free(table);
}

static unsigned char block_kind(const actor_code_table *table, const char *block) {
    int index = block_index(block);
    return index >= 0 ? table->kinds[index] : 0;
}

bool actor_code_is_sector(const actor_code_table *table, const char *block) {
    return block_kind(table, block) & BLOCK_SECTOR;
}

bool actor_code_is_international(const actor_code_table *table, const char *block) {
    return block_kind(table, block) & BLOCK_INTERNATIONAL;
}

void actor_code_split(const actor_code_table *table, const char *code, char *country,
                      char *sector) {
    country[0] = sector[0] = '\0';
    if (!code) return;
    size_t length = strlen(code);
    if (length < 3 || length > 30) {
        if (length && length <= 30) memcpy(country, code, length + 1);
        return;
    }
    size_t blocks = length / 3;
    /* the first role block ends the actor part; the first one found is
     * the sector */
    size_t first_sector = blocks;
    for (size_t b = 1; b < blocks; b++)
        if (actor_code_is_sector(table, code + 3 * b)) {
            first_sector = b;
            break;
        }
    bool none = memcmp(code, "---", 3) == 0;
    if (none && blocks > 1) {
        memcpy(sector, code + 3, 3);
        sector[3] = '\0';
        return;
    }
    if (actor_code_is_sector(table, code) && !actor_code_is_international(table, code)) {
        /* a bare role ("GOV") has no country */
        memcpy(sector, code, 3);
        sector[3] = '\0';
        return;
    }
    if (actor_code_is_international(table, code)) {
        /* IGOUNO, IMGMOSALQ: the organisation is the whole actor part */
        memcpy(country, code, 3 * first_sector);
        country[3 * first_sector] = '\0';
    } else {
        memcpy(country, code, 3);
        country[3] = '\0';
    }
    if (first_sector < blocks) {
        memcpy(sector, code + 3 * first_sector, 3);
        sector[3] = '\0';
    }
}

void actor_code_sector(const actor_code_table *table, const char *code, char *sector) {
    char country[32], found[32];
    actor_code_split(table, code, country, found);
    size_t length = strlen(found);
    if (length > 3) length = 3;
    memcpy(sector, found, length);
    sector[length] = '\0';
}
