/*
 * word_list.h — the small read-only string tables the text stage loads
 * from data/text/ (abbreviations, hyphen prefixes, contractions, unit
 * suffixes, emoticons).
 *
 * The files are written by hand, so the format is the simplest one that a
 * person can edit without mistakes: one entry per line, fields separated
 * by white space, '#' starting a comment line, blank lines ignored.  Each
 * entry is a key (the first field) with an optional value (the rest of
 * the line, its fields separated by single spaces).  A line that breaks a
 * rule (a duplicate key, a missing or unknown value) is an error naming
 * the file and line; nothing is skipped silently.
 *
 * The table is an open-addressing hash over one block of memory built at
 * load time and never modified afterwards, so any number of threads may
 * look words up at once.  Lookups take a (pointer, length) pair so the
 * tokenizer can ask about a slice of the text without copying it.
 */
#ifndef DYAD_TEXT_WORD_LIST_H
#define DYAD_TEXT_WORD_LIST_H

#include "dyad.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct word_list word_list;

/* How the value field is checked at load time. */
typedef enum word_list_values {
    WORD_LIST_NO_VALUE,       /* key only; a second field is an error */
    WORD_LIST_VALUE_REQUIRED  /* every entry must have a value */
} word_list_values;

/* Reads path.  Keys longer than 63 bytes are refused (no entry of ours
 * needs more, and the tokenizer folds case into a fixed buffer). */
dyad_status word_list_load(const char *path, word_list_values values, word_list **out,
                           dyad_error *error);
void word_list_free(word_list *list);

/* The value of key (the empty string for an entry without one), or NULL
 * when the key is absent.  Matching is byte-exact. */
const char *word_list_find(const word_list *list, const char *key, size_t length);

static inline bool word_list_contains(const word_list *list, const char *key, size_t length) {
    return word_list_find(list, key, length) != NULL;
}

/* Entries, for the loaders that check values against a vocabulary. */
size_t word_list_count(const word_list *list);
/* The source line of the entry with this key (0 if absent), so that a
 * loader rejecting a value can name the line. */
long word_list_line(const word_list *list, const char *key, size_t length);

/* Calls visit on every entry in file order; stops at the first non-OK
 * status and returns it. */
dyad_status word_list_each(const word_list *list,
                           dyad_status (*visit)(const char *key, const char *value, long line,
                                                void *context),
                           void *context);

enum { WORD_LIST_MAX_KEY = 63 };

#endif
