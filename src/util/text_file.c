/*
 * text_file.c — see text_file.h.
 */
#include "text_file.h"
#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Resource files are text: a NUL byte would end a line early without a
 * word, so it is an error naming its line rather than a silent cut. */
static dyad_status refuse_nul(text_file *file, dyad_error *error) {
    const char *nul = memchr(file->data, '\0', file->length);
    if (!nul) return DYAD_OK;
    long line = 1;
    for (const char *p = file->data; p < nul; p++) line += *p == '\n';
    const char *path = file->path;
    text_file_close(file);
    return error_set(error, DYAD_ERR_FORMAT, path, line, -1, "NUL byte in a text file");
}

dyad_status text_file_from_memory(text_file *file, const char *text, size_t length,
                                  const char *origin, dyad_error *error) {
    memset(file, 0, sizeof *file);
    file->path = origin;
    file->data = malloc(length + 1);
    if (!file->data) return error_set(error, DYAD_ERR_MEMORY, origin, 0, -1, "out of memory");
    memcpy(file->data, text, length);
    file->data[length] = '\0';
    file->length = length;
    if (length >= 3 && memcmp(file->data, "\xEF\xBB\xBF", 3) == 0) file->position = 3;
    return refuse_nul(file, error);
}

dyad_status text_file_open(text_file *file, const char *path, dyad_error *error) {
    memset(file, 0, sizeof *file);
    file->path = path;
    FILE *in = fopen(path, "rb");
    if (!in) return error_set(error, DYAD_ERR_IO, path, 0, -1, "cannot open: %s", strerror(errno));
    char *data = NULL;
    size_t length = 0, capacity = 0;
    for (;;) {
        if (capacity - length < 65536) {
            size_t grown = capacity ? capacity * 2 : 65536;
            char *bigger = realloc(data, grown + 1);
            if (!bigger) {
                free(data);
                fclose(in);
                return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
            }
            data = bigger;
            capacity = grown;
        }
        size_t got = fread(data + length, 1, capacity - length, in);
        length += got;
        if (got == 0) break;
    }
    bool failed = ferror(in);
    fclose(in);
    if (failed) {
        free(data);
        return error_set(error, DYAD_ERR_IO, path, 0, -1, "read error");
    }
    data[length] = '\0';
    file->data = data;
    file->length = length;
    if (length >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) file->position = 3;
    return refuse_nul(file, error);
}

char *text_file_next(text_file *file) {
    if (!file->data || file->position >= file->length) return NULL;
    char *start = file->data + file->position;
    char *end = memchr(start, '\n', file->length - file->position);
    if (end) {
        file->position = (size_t)(end - file->data) + 1;
    } else {
        end = file->data + file->length;
        file->position = file->length;
    }
    *end = '\0';
    if (end > start && end[-1] == '\r') end[-1] = '\0';
    file->line++;
    return start;
}

void text_file_close(text_file *file) {
    free(file->data);
    memset(file, 0, sizeof *file);
}

char *text_trim(char *text) {
    while (*text == ' ' || *text == '\t') text++;
    size_t length = strlen(text);
    while (length && (text[length - 1] == ' ' || text[length - 1] == '\t' ||
                      text[length - 1] == '\r'))
        text[--length] = '\0';
    return text;
}

bool text_is_blank(const char *text) {
    for (; *text; text++)
        if (*text != ' ' && *text != '\t' && *text != '\r') return false;
    return true;
}
