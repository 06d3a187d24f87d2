/*
 * codebook.c — see codebook.h.
 */
#include "codebook.h"
#include "../util/text_file.h"
#include "../util/arena.h"
#include "../util/error.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct codebook {
    cameo_code *codes;
    size_t count;
    dyad_arena *strings;
};

bool cameo_code_is_wellformed(const char *code) {
    size_t length = strlen(code);
    if (length < 2 || length > 4) return false;
    for (size_t i = 0; i < length; i++)
        if (!isdigit((unsigned char)code[i])) return false;
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    return root >= 1 && root <= 20;
}

static int compare_codes(const void *a, const void *b) {
    return strcmp(((const cameo_code *)a)->code, ((const cameo_code *)b)->code);
}

/* Splits line at tabs into at most max fields; returns the count. */
static size_t split_tabs(char *line, char **fields, size_t max) {
    size_t count = 0;
    while (count < max) {
        fields[count++] = line;
        char *tab = strchr(line, '\t');
        if (!tab) break;
        *tab = '\0';
        line = tab + 1;
    }
    return count;
}

static dyad_status read_cameo(codebook *book, const char *path, dyad_error *error) {
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    if (status != DYAD_OK) return status;
    size_t capacity = 0;
    char *line;
    while ((line = text_file_next(&file))) {
        if (line[0] == '#' || text_is_blank(line)) continue;
        char *fields[5];
        size_t count = split_tabs(line, fields, 5);
        char *end = NULL;
        if (count != 4) {
            status = error_set(error, DYAD_ERR_MODEL, path, file.line, -1,
                               "expected 4 tab-separated fields (code, quad class, goldstein, "
                               "name), found %zu", count);
            break;
        }
        if (!cameo_code_is_wellformed(fields[0])) {
            status = error_set(error, DYAD_ERR_MODEL, path, file.line, -1,
                               "'%s' is not a CAMEO code", fields[0]);
            break;
        }
        long quad = strtol(fields[1], &end, 10);
        if (*end || quad < 1 || quad > 4) {
            status = error_set(error, DYAD_ERR_MODEL, path, file.line, -1,
                               "quad class must be 1 to 4, not '%s'", fields[1]);
            break;
        }
        double goldstein = strtod(fields[2], &end);
        if (*end || end == fields[2] || goldstein < -10 || goldstein > 10) {
            status = error_set(error, DYAD_ERR_MODEL, path, file.line, -1,
                               "Goldstein score must be a number from -10 to 10, not '%s'",
                               fields[2]);
            break;
        }
        if (book->count == capacity) {
            size_t grown = capacity ? capacity * 2 : 512;
            cameo_code *bigger = realloc(book->codes, grown * sizeof *bigger);
            if (!bigger) {
                status = error_set(error, DYAD_ERR_MEMORY, path, file.line, -1, "out of memory");
                break;
            }
            book->codes = bigger;
            capacity = grown;
        }
        cameo_code *entry = &book->codes[book->count++];
        memset(entry, 0, sizeof *entry);
        strcpy(entry->code, fields[0]);
        entry->quad_class = (uint8_t)quad;
        entry->goldstein = goldstein;
        entry->name = arena_strdup(book->strings, text_trim(fields[3]));
        if (!entry->name) {
            status = error_set(error, DYAD_ERR_MEMORY, path, file.line, -1, "out of memory");
            break;
        }
    }
    text_file_close(&file);
    if (status != DYAD_OK) return status;
    qsort(book->codes, book->count, sizeof *book->codes, compare_codes);
    for (size_t i = 1; i < book->count; i++)
        if (strcmp(book->codes[i - 1].code, book->codes[i].code) == 0)
            return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "code %s is listed twice",
                             book->codes[i].code);
    if (book->count == 0)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "no event codes in the codebook");
    return DYAD_OK;
}

static const char *optional_field(codebook *book, char *text) {
    text = text_trim(text);
    if (!*text || strcmp(text, "-") == 0) return NULL;
    return arena_strdup(book->strings, text);
}

static dyad_status read_plover(codebook *book, const char *path, dyad_error *error) {
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    if (status != DYAD_OK) return status;
    char *line;
    while (status == DYAD_OK && (line = text_file_next(&file))) {
        if (line[0] == '#' || text_is_blank(line)) continue;
        char *fields[5];
        size_t count = split_tabs(line, fields, 5);
        if (count != 4) {
            status = error_set(error, DYAD_ERR_MODEL, path, file.line, -1,
                               "expected 4 tab-separated fields (cameo, event, mode, context), "
                               "found %zu", count);
            break;
        }
        cameo_code *entry = (cameo_code *)codebook_lookup(book, text_trim(fields[0]));
        if (!entry) {
            status = error_set(error, DYAD_ERR_MODEL, path, file.line, -1,
                               "CAMEO code '%s' is not in the codebook", fields[0]);
            break;
        }
        if (entry->plover_event) {
            status = error_set(error, DYAD_ERR_MODEL, path, file.line, -1,
                               "CAMEO code %s is mapped twice", entry->code);
            break;
        }
        entry->plover_event = optional_field(book, fields[1]);
        entry->plover_mode = optional_field(book, fields[2]);
        entry->plover_context = optional_field(book, fields[3]);
        if (!entry->plover_event)
            status = error_set(error, DYAD_ERR_MODEL, path, file.line, -1,
                               "PLOVER event missing for %s", entry->code);
    }
    text_file_close(&file);
    return status;
}

dyad_status codebook_load(const char *cameo_path, const char *plover_path, codebook **out,
                          dyad_error *error) {
    *out = NULL;
    codebook *book = calloc(1, sizeof *book);
    if (!book || !(book->strings = dyad_arena_new())) {
        free(book);
        return error_set(error, DYAD_ERR_MEMORY, cameo_path, 0, -1, "out of memory");
    }
    dyad_status status = read_cameo(book, cameo_path, error);
    if (status == DYAD_OK && plover_path) status = read_plover(book, plover_path, error);
    if (status != DYAD_OK) {
        codebook_free(book);
        return status;
    }
    *out = book;
    return DYAD_OK;
}

void codebook_free(codebook *book) {
    if (!book) return;
    free(book->codes);
    dyad_arena_free(book->strings);
    free(book);
}

const cameo_code *codebook_lookup(const codebook *book, const char *code) {
    size_t low = 0, high = book->count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        int order = strcmp(book->codes[middle].code, code);
        if (order == 0) return &book->codes[middle];
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return NULL;
}

size_t codebook_count(const codebook *book) {
    return book->count;
}

const cameo_code *codebook_entry(const codebook *book, size_t index) {
    return index < book->count ? &book->codes[index] : NULL;
}
