/*
 * text_file.h — reading a resource file line by line (every stage's data
 * files: dictionaries, word lists, tables).
 *
 * Dictionaries and tables are small enough to read whole; the reader hands
 * out lines with their numbers so that every complaint about a resource
 * can name the file and line it is about.  Lines are NUL-terminated in
 * place (the buffer is ours), with "\r\n" endings and a UTF-8 byte-order
 * mark removed.
 */
#ifndef DYAD_UTIL_TEXT_FILE_H
#define DYAD_UTIL_TEXT_FILE_H

#include "dyad.h"

#include <stdbool.h>

typedef struct text_file {
    char *data;               /* the whole file, NUL-terminated */
    size_t length;
    size_t position;          /* where the next line starts */
    long line;                /* number of the line last returned, 1-based */
    const char *path;
} text_file;

/* Reads path whole.  On failure fills error (DYAD_ERR_IO; DYAD_ERR_FORMAT
 * naming the line for a NUL byte) and leaves file empty. */
dyad_status text_file_open(text_file *file, const char *path, dyad_error *error);
/* Uses text (copied) as if it were a file named origin. */
dyad_status text_file_from_memory(text_file *file, const char *text, size_t length,
                                  const char *origin, dyad_error *error);
/* The next line without its end-of-line, or NULL at the end. */
char *text_file_next(text_file *file);
void text_file_close(text_file *file);

/* Helpers for line parsers. */
char *text_trim(char *text);                      /* strips leading and trailing blanks */
bool text_is_blank(const char *text);

#endif
