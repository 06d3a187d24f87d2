/*
 * html_hints.h — the class/id words the HTML extractor reads as hints.
 *
 * Whether a box on a web page is the article or furniture around it is
 * guessed partly from the words in its class and id attributes ("share",
 * "related", "newsletter" vs "article", "story", "content").  Those words
 * are tuning data, not HTML semantics, so they live in a text file people
 * may edit (data/ingest/html-hints.txt, format in docs/html-extraction.md)
 * and are loaded once into this immutable table; what HTML itself defines
 * (which tags are blocks, ARIA roles, schema.org properties) stays in
 * html_extract.c.
 *
 * Whole words are looked up by binary search over one sorted array;
 * fragments (parts of run-together names such as "sharebar") are few and
 * scanned with strstr.  Nothing changes after loading, so any number of
 * threads may share one table.
 */
#ifndef DYAD_INGEST_HTML_HINTS_H
#define DYAD_INGEST_HTML_HINTS_H

#include "dyad.h"

#include <stdbool.h>

typedef struct html_hints html_hints;

/* What one class/id word says about its element. */
typedef enum html_word_hint {
    HTML_WORD_NONE,
    HTML_WORD_REMOVE,     /* furniture even beside a positive word ("article-share") */
    HTML_WORD_NEGATIVE,   /* likely furniture, unless a positive word is there too */
    HTML_WORD_POSITIVE    /* likely the article */
} html_word_hint;

/* Class/id words are split at non-alphanumerics and lower-cased before
 * lookup, and cut to this many bytes; a listed word longer, or with other
 * characters, could never match and is refused. */
enum { HTML_HINT_WORD_MAX = 47 };

/* Reads path; a line that breaks the format is an error naming the file
 * and line. */
dyad_status html_hints_load(const char *path, html_hints **out, dyad_error *error);

/* Reads data_dir/ingest/html-hints.txt. */
dyad_status html_hints_load_from_data_dir(const char *data_dir, html_hints **out,
                                          dyad_error *error);
void html_hints_free(html_hints *hints);

/* word: one lower-case alphanumeric word of a class or id value. */
html_word_hint html_hints_word(const html_hints *hints, const char *word);

/* Whether one of the white-space separated tokens of a class value is a
 * class that hides its element ("sr-only", "d-none"), in any case. */
bool html_hints_hides(const html_hints *hints, const char *class_value);

#endif
