/*
 * patterns.h — the phrase lists the cleaning rules consult, loaded once
 * from data/clean/ and immutable afterwards.
 *
 * Every list is a readable text file: one entry per line, '#' starts a
 * comment line, blank lines are ignored.  Lists whose entries have a kind
 * write it first ("advert  story continues below advertisement"); the
 * kinds a file may use are fixed here, so a typo in a kind is an error
 * naming the file and line rather than a rule that silently never fires.
 * Entries are written in lower case with digits as '#', the form
 * lexical_fold() gives a line, so matching is one hash lookup per
 * candidate phrase.  An entry of a prefix list that ends in " *" matches
 * whatever follows it; without the star the phrase must be followed by a
 * separator (: | - — > »...) or the end of the line.
 */
#ifndef DYAD_CLEAN_PATTERNS_H
#define DYAD_CLEAN_PATTERNS_H

#include "dyad.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct phrase_table {
    char *storage;            /* all entries, NUL-separated */
    const char **phrases;
    uint16_t *lengths;
    uint8_t *kinds;
    uint8_t *open_ended;      /* prefix entries written with a trailing " *" */
    size_t count;
    size_t longest;           /* bytes of the longest entry: longer keys cannot match */
    uint32_t *slots;          /* open addressing: entry index + 1, 0 empty */
    size_t slot_mask;
} phrase_table;

/* Kinds of page furniture (data/clean/debris-lines.txt, debris-prefixes.txt).
 * The order is the order of clean_counts.removed. */
typedef enum debris_kind {
    DEBRIS_NONE = 0,
    DEBRIS_NAVIGATION,        /* breadcrumbs, menus, "Skip to content" */
    DEBRIS_AUTHOR,            /* author boxes: "+ posts", "View all posts by" */
    DEBRIS_SHARE,             /* share and follow bars */
    DEBRIS_RELATED,           /* "Read more:", "Related stories" and their items */
    DEBRIS_PROMPT,            /* newsletter, cookie and subscription prompts */
    DEBRIS_CAPTION,           /* photo captions and photo credits */
    DEBRIS_ADVERT,            /* "Advertisement", "Story continues below" */
    DEBRIS_TIMESTAMP,         /* "Updated 3 Dec 2025", "4 min read" */
    DEBRIS_LEGAL,             /* "All rights reserved", redistribution notices */
    DEBRIS_TAGS,              /* "Tags: ...", "Topics: ..." */
    DEBRIS_COMMENTS,          /* "Comments", "Leave a comment" */
    DEBRIS_KIND_COUNT
} debris_kind;

enum { CREDIT_LEAD = 0, CREDIT_TAIL = 1, CREDIT_WHOLE = 2 };   /* credits.txt */
enum { SHARE_NETWORK = 0, SHARE_VERB = 1, SHARE_WORD = 2 };  /* share-words.txt */
enum { PROMPT_TOPIC = 0, PROMPT_ADDRESS = 1, PROMPT_ACTION = 2 };   /* prompt-words.txt */
enum { DATE_MONTH = 0, DATE_WEEKDAY = 1, DATE_CLOCK = 2 };  /* dates.txt */

typedef struct clean_patterns {
    phrase_table debris_lines;     /* whole lines that are furniture */
    phrase_table debris_prefixes;  /* line openings that mark furniture */
    phrase_table credits;          /* "reporting by" (lead), "contributed to this report" (tail) */
    phrase_table agencies;         /* news and photo agencies */
    phrase_table dates;            /* month and weekday names, time words ("gmt", "ago") */
    phrase_table share_words;      /* the vocabulary of share and follow bars */
    phrase_table prompt_words;     /* newsletter/cookie topics, words addressing the reader */
    phrase_table minor_words;      /* words left in lower case in Title Case */
    phrase_table name_words;       /* lower-case words allowed inside a list of names */
    phrase_table place_words;      /* lower-case words inside place names ("de", "al") */
    phrase_table labels;           /* "breaking", "exclusive": capitals that are not places */
} clean_patterns;

/* Loads every list from data_dir/clean/.  Errors name the file and line. */
dyad_status clean_patterns_load(const char *data_dir, clean_patterns *patterns, dyad_error *error);
void clean_patterns_free(clean_patterns *patterns);

/* The entry equal to key[0..length), or -1. */
int phrase_table_find(const phrase_table *table, const char *key, size_t length);

/* The longest entry that key starts with, ending at a word boundary; its
 * length in *matched.  -1 if none. */
int phrase_table_find_prefix(const phrase_table *table, const char *key, size_t length,
                             size_t *matched);

/* Case-insensitive lookup of arbitrary text (folded first). */
int phrase_table_find_text(const phrase_table *table, const char *text, size_t length);

#endif
