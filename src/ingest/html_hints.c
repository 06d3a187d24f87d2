/*
 * html_hints.c — see html_hints.h.
 *
 * Everything loaded lives in one arena owned by the table, so freeing it
 * is one call and no entry is ever moved after loading.
 */
#include "html_hints.h"
#include "../util/arena.h"
#include "../util/error.h"
#include "../util/text_file.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct hint_word {
    const char *word;
    html_word_hint hint;
    long line;                 /* where it was listed, for duplicate errors */
} hint_word;

typedef struct string_list {
    const char **items;
    size_t count, capacity;
} string_list;

struct html_hints {
    dyad_arena *arena;
    hint_word *words;          /* sorted by word */
    size_t word_count, word_capacity;
    string_list remove_fragments;
    string_list positive_fragments;
    string_list fragment_exceptions;   /* prefixes a remove-fragment never matches in */
    string_list hidden_classes;
};

typedef enum line_kind {
    KIND_REMOVE,
    KIND_NEGATIVE,
    KIND_POSITIVE,
    KIND_REMOVE_FRAGMENT,
    KIND_POSITIVE_FRAGMENT,
    KIND_FRAGMENT_EXCEPTION,
    KIND_HIDDEN_CLASS,
} line_kind;

static const struct {
    const char *name;
    line_kind kind;
} kinds[] = {
    {"remove", KIND_REMOVE},
    {"negative", KIND_NEGATIVE},
    {"positive", KIND_POSITIVE},
    {"remove-fragment", KIND_REMOVE_FRAGMENT},
    {"positive-fragment", KIND_POSITIVE_FRAGMENT},
    {"fragment-exception", KIND_FRAGMENT_EXCEPTION},
    {"hidden-class", KIND_HIDDEN_CLASS},
};

static bool list_add(dyad_arena *arena, string_list *list, const char *item) {
    if (list->count == list->capacity) {
        list->items = arena_grow(arena, list->items, &list->capacity, sizeof *list->items);
        if (!list->items) return false;
    }
    list->items[list->count++] = item;
    return true;
}

/* Class/id words reach the lookup lower-cased and alphanumeric only. */
static bool is_lookup_word(const char *word) {
    for (const char *p = word; *p; p++)
        if (!isalnum((unsigned char)*p) || isupper((unsigned char)*p)) return false;
    return strlen(word) <= HTML_HINT_WORD_MAX;
}

static int compare_words(const void *a, const void *b) {
    return strcmp(((const hint_word *)a)->word, ((const hint_word *)b)->word);
}

static dyad_status parse_line(html_hints *hints, char *text, const char *path, long line,
                              dyad_error *error) {
    char *save = NULL;
    char *kind_name = strtok_r(text, " \t\r\n", &save);
    if (!kind_name || kind_name[0] == '#') return DYAD_OK;
    char *word = strtok_r(NULL, " \t\r\n", &save);
    if (!word)
        return error_set(error, DYAD_ERR_MODEL, path, line, -1, "'%s' without a word",
                         kind_name);
    char *extra = strtok_r(NULL, " \t\r\n", &save);
    if (extra)
        return error_set(error, DYAD_ERR_MODEL, path, line, -1,
                         "one word per line ('%s' after '%s')", extra, word);
    size_t k = 0;
    while (k < sizeof kinds / sizeof *kinds && strcmp(kinds[k].name, kind_name) != 0) k++;
    if (k == sizeof kinds / sizeof *kinds)
        return error_set(error, DYAD_ERR_MODEL, path, line, -1, "unknown kind '%s'", kind_name);
    line_kind kind = kinds[k].kind;
    if (kind != KIND_HIDDEN_CLASS && !is_lookup_word(word))
        return error_set(error, DYAD_ERR_MODEL, path, line, -1,
                         "'%s' can never match: class/id words are lower-case letters and "
                         "digits, at most %d bytes",
                         word, HTML_HINT_WORD_MAX);
    const char *copy = arena_strdup(hints->arena, word);
    if (!copy) return error_set(error, DYAD_ERR_MEMORY, path, line, -1, "out of memory");
    bool ok = true;
    switch (kind) {
    case KIND_REMOVE:
    case KIND_NEGATIVE:
    case KIND_POSITIVE:
        if (hints->word_count == hints->word_capacity) {
            hints->words = arena_grow(hints->arena, hints->words, &hints->word_capacity,
                                      sizeof *hints->words);
            if (!hints->words) {
                ok = false;
                break;
            }
        }
        hints->words[hints->word_count++] = (hint_word){
            copy,
            kind == KIND_REMOVE     ? HTML_WORD_REMOVE
            : kind == KIND_NEGATIVE ? HTML_WORD_NEGATIVE
                                    : HTML_WORD_POSITIVE,
            line};
        break;
    case KIND_REMOVE_FRAGMENT: ok = list_add(hints->arena, &hints->remove_fragments, copy); break;
    case KIND_POSITIVE_FRAGMENT:
        ok = list_add(hints->arena, &hints->positive_fragments, copy);
        break;
    case KIND_FRAGMENT_EXCEPTION:
        ok = list_add(hints->arena, &hints->fragment_exceptions, copy);
        break;
    case KIND_HIDDEN_CLASS: ok = list_add(hints->arena, &hints->hidden_classes, copy); break;
    }
    return ok ? DYAD_OK : error_set(error, DYAD_ERR_MEMORY, path, line, -1, "out of memory");
}

/* A word listed twice, even under the same kind, is a slip that would
 * make the file say two things at once. */
static dyad_status sort_words(html_hints *hints, const char *path, dyad_error *error) {
    if (hints->word_count > 1)
        qsort(hints->words, hints->word_count, sizeof *hints->words, compare_words);
    for (size_t i = 1; i < hints->word_count; i++) {
        const hint_word *a = &hints->words[i - 1], *b = &hints->words[i];
        if (strcmp(a->word, b->word) == 0) {
            const hint_word *later = a->line > b->line ? a : b;
            const hint_word *earlier = later == a ? b : a;
            return error_set(error, DYAD_ERR_MODEL, path, later->line, -1,
                             "'%s' is already listed on line %ld", later->word, earlier->line);
        }
    }
    return DYAD_OK;
}

dyad_status html_hints_load(const char *path, html_hints **out, dyad_error *error) {
    *out = NULL;
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    if (status != DYAD_OK) {
        /* a hints file that cannot be read is a missing resource */
        if (error) error->status = DYAD_ERR_MODEL;
        return DYAD_ERR_MODEL;
    }
    html_hints *hints = calloc(1, sizeof *hints);
    if (hints) hints->arena = dyad_arena_new();
    if (!hints || !hints->arena) {
        text_file_close(&file);
        html_hints_free(hints);
        return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    }
    char *text;
    while (status == DYAD_OK && (text = text_file_next(&file)))
        status = parse_line(hints, text, path, file.line, error);
    text_file_close(&file);
    if (status == DYAD_OK) status = sort_words(hints, path, error);
    if (status != DYAD_OK) {
        html_hints_free(hints);
        return status;
    }
    *out = hints;
    return DYAD_OK;
}

dyad_status html_hints_load_from_data_dir(const char *data_dir, html_hints **out,
                                          dyad_error *error) {
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/ingest/html-hints.txt", data_dir) >= (int)sizeof path)
        return error_set(error, DYAD_ERR_LIMIT, data_dir, 0, -1, "data directory path too long");
    return html_hints_load(path, out, error);
}

void html_hints_free(html_hints *hints) {
    if (!hints) return;
    dyad_arena_free(hints->arena);
    free(hints);
}

static bool contains_fragment(const string_list *list, const char *word) {
    for (size_t i = 0; i < list->count; i++)
        if (strstr(word, list->items[i])) return true;
    return false;
}

static bool has_prefix_in(const string_list *list, const char *word) {
    for (size_t i = 0; i < list->count; i++)
        if (strncmp(word, list->items[i], strlen(list->items[i])) == 0) return true;
    return false;
}

/* Fragments only from five letters: shorter words are whole words or
 * abbreviations, where a fragment would match by accident. */
html_word_hint html_hints_word(const html_hints *hints, const char *word) {
    hint_word key = {word, HTML_WORD_NONE, 0};
    const hint_word *found =
        hints->word_count ? bsearch(&key, hints->words, hints->word_count,
                                    sizeof *hints->words, compare_words)
                          : NULL;
    if (found) return found->hint;
    if (strlen(word) < 5) return HTML_WORD_NONE;
    if (contains_fragment(&hints->remove_fragments, word) &&
        !has_prefix_in(&hints->fragment_exceptions, word))
        return HTML_WORD_REMOVE;
    if (contains_fragment(&hints->positive_fragments, word)) return HTML_WORD_POSITIVE;
    return HTML_WORD_NONE;
}

bool html_hints_hides(const html_hints *hints, const char *class_value) {
    const char *p = class_value;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n') p++;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n') p++;
        size_t n = (size_t)(p - start);
        for (size_t i = 0; n && i < hints->hidden_classes.count; i++) {
            const char *class_name = hints->hidden_classes.items[i];
            if (strlen(class_name) == n && strncasecmp(start, class_name, n) == 0) return true;
        }
    }
    return false;
}
