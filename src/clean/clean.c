/*
 * clean.c — see clean.h.  First version: NFC and paragraph structure only.
 */
#include "clean.h"
#include "../util/arena.h"
#include "../util/error.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct clean_resources {
    int unused;
};

dyad_status clean_resources_load(const char *data_dir, clean_resources **out, dyad_error *error) {
    (void)data_dir;
    *out = calloc(1, sizeof **out);
    if (!*out) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    return DYAD_OK;
}

void clean_resources_free(clean_resources *resources) {
    free(resources);
}

dyad_status clean_document(const clean_resources *resources, dyad_document *document,
                           dyad_error *error) {
    (void)resources;
    dyad_arena *arena = document->arena;
    utf8proc_uint8_t *normal = NULL;
    utf8proc_ssize_t length = utf8proc_map((const utf8proc_uint8_t *)document->raw_text,
                                           (utf8proc_ssize_t)document->raw_length, &normal,
                                           UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (length < 0)
        return error_set(error, DYAD_ERR_ENCODING, document->origin, document->origin_line, -1,
                         "cannot normalise text: %s", utf8proc_errmsg(length));
    /* paragraphs: runs of non-blank lines; lines inside one are joined */
    /* each line break becomes at most two bytes ("\n\n" for one "\n" at worst) */
    char *text = arena_alloc(arena, (size_t)length * 2 + 1);
    if (!text) {
        free(normal);
        return error_set(error, DYAD_ERR_MEMORY, document->origin, 0, -1, "out of memory");
    }
    size_t capacity = 0, count = 0, out = 0;
    dyad_paragraph *paragraphs = NULL;
    const char *s = (const char *)normal;
    size_t i = 0, n = (size_t)length;
    bool open = false;        /* a paragraph is open: the next line joins it */
    while (i < n) {
        size_t line_end = i;
        while (line_end < n && s[line_end] != '\n') line_end++;
        size_t a = i, b = line_end;
        while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) b--;
        i = line_end + 1;
        if (a == b) {
            open = false;
            continue;
        }
        if (open) {
            text[out++] = ' ';
        } else {
            if (count) {
                text[out++] = '\n';
                text[out++] = '\n';
            }
            if (count == capacity) {
                paragraphs = arena_grow(arena, paragraphs, &capacity, sizeof *paragraphs);
                if (!paragraphs) break;
            }
            paragraphs[count].start = (uint32_t)out;
            paragraphs[count].heading = 0;
            count++;
            open = true;
        }
        memcpy(text + out, s + a, b - a);
        out += b - a;
        paragraphs[count - 1].end = (uint32_t)out;
    }
    free(normal);
    if (!paragraphs && count)
        return error_set(error, DYAD_ERR_MEMORY, document->origin, 0, -1, "out of memory");
    text[out] = '\0';
    document->text = text;
    document->text_length = out;
    document->paragraphs = paragraphs;
    document->paragraph_count = count;
    return DYAD_OK;
}
