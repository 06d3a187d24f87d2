/*
 * verb_dictionary.h — the verb (and event-noun) dictionaries, in memory.
 *
 * Owns: what words start an event, the patterns that refine it, the word
 * sets patterns use, and the transformations of reported events.  Three
 * formats are read into this one model (docs/dictionaries.md, "verbs"):
 * ours (verb_native_read.c) and the field's TABARI and PETRARCH-2 files
 * (verb_petrarch_read.c).  Several dictionaries can be layered: the one
 * loaded last is consulted first, so a user's file refines or replaces
 * the default one.
 *
 * Shape: everything is interned.  Words become word ids; a hash of
 * surface forms maps a token's text or lemma to the ids it can stand for,
 * once per token, so that matching compares integers.  Patterns are flat
 * element arrays around the anchor (the verb or noun that triggers them),
 * exactly the TABARI idea, which both field formats and ours compile to;
 * what the parse adds (roles, structure checks) lives in the coder.  The
 * dictionary is built once, then immutable and shared by all threads.
 */
#ifndef DYAD_CODER_VERB_DICTIONARY_H
#define DYAD_CODER_VERB_DICTIONARY_H

#include "dyad.h"

#include <stdbool.h>
#include <stdint.h>

typedef uint32_t word_id;
enum { NO_INDEX = UINT32_MAX };

typedef enum element_kind {
    ELEMENT_WORD,             /* value: word id */
    ELEMENT_SET,              /* value: set id: any member phrase */
    ELEMENT_SOURCE,           /* $: the source actor is here */
    ELEMENT_TARGET,           /* +: the target actor is here */
    ELEMENT_COMPOUND,         /* %: a compound actor, source and target of each other */
    ELEMENT_SKIP,             /* ^: skip one actor or noun phrase */
} element_kind;

typedef struct pattern_element {
    uint8_t kind;
    uint8_t adjacent;         /* nothing may come between this element and the one
                                 before it (or the anchor) */
    uint32_t value;
} pattern_element;

/* A set of phrases: a named synset (&CURRENCY) or inline alternatives
 * (strike|raid, {A | B}).  A member is a run of consecutive words. */
typedef struct word_set {
    const char *name;         /* "&CURRENCY", NULL for inline alternatives */
    uint32_t first_member, member_count;
} word_set;

typedef struct set_member {
    uint32_t first_word, word_count;   /* into the dictionary's phrase words */
} set_member;

enum pattern_flags {
    PATTERN_NOUN = 1u << 0,        /* the anchor is a noun: a nominal event */
    PATTERN_MUTUAL = 1u << 1,      /* a compound actor's members act on each other */
    PATTERN_ALONE = 1u << 2,       /* an event even when there is no target */
    PATTERN_STRUCTURAL = 1u << 3,  /* words must hang together in the parse (our format) */
};

typedef struct verb_pattern {
    uint32_t first_element;
    uint16_t before_count;    /* elements before the anchor, in sentence order */
    uint16_t after_count;     /* then the elements after it */
    char code[8];             /* source -> target code; "" none; "---" matched, no event */
    char reverse_code[8];     /* target -> source code ([042:043]); "" none */
    uint8_t flags;
    uint16_t weight;          /* literal words: more specific patterns are tried first */
    uint32_t order;           /* position in its file, to break ties stably */
    const char *id;           /* "FILE:LINE" */
    const char *text;         /* the pattern as written */
} verb_pattern;

/* What a verb does to the event in its complement clause ("threatened to
 * cut off aid", "plans to visit", "refused to sign"). */
typedef enum modal_class {
    MODAL_NONE = 0,
    MODAL_INTENT,             /* plan, intend, promise: cooperative acts become 03x, hostile 13x */
    MODAL_THREAT,             /* threaten, vow: the act becomes a 13x threat */
    MODAL_REFUSAL,            /* refuse, decline: the act becomes a 12x rejection */
    MODAL_FAILURE,            /* fail: the act did not happen (negated) */
    MODAL_ATTEMPT,            /* try, attempt: the act was attempted */
    MODAL_SPEECH,             /* say, announce: the complement is reported speech */
    MODAL_APPEAL,             /* urge, call on: the complement is what is asked (02x) */
    MODAL_DEMAND,             /* demand, order: the complement is what is demanded (10x) */
    MODAL_DENIAL,             /* deny: the complement did not happen, says the subject */
    MODAL_COUNT
} modal_class;

/* "intent", "threat", ...; NULL for MODAL_NONE or out of range. */
const char *modal_class_name(modal_class modal);
modal_class modal_class_from_name(const char *name);

typedef struct verb_block {
    const char *name;         /* block label ("EXPLAIN_VERBAL") or anchor lemma ("meet") */
    char code[8];             /* code of the bare verb; "---" none */
    char reverse_code[8];
    uint32_t *patterns;       /* pattern indices, most specific first */
    uint32_t pattern_count, pattern_capacity;
    uint8_t modal;            /* modal_class */
    uint8_t flags;            /* PATTERN_* for the bare verb */
    uint16_t layer;
    const char *id;           /* "FILE:LINE" of the block or entry */
} verb_block;

typedef struct verb_anchor {
    word_id word;             /* the form this anchor is found under */
    uint32_t block;
    char code[8];             /* verb-specific code ("" = the block's) */
    char reverse_code[8];
    uint32_t first_extra;     /* multi-word verbs: phrase words that must directly */
    uint8_t before_count;     /* precede the anchor (WIRE_+TAP) ... */
    uint8_t after_count;      /* ... and follow it (+BREAK_DOWN) */
    uint8_t noun;             /* a noun anchor (our format's @noun patterns) */
    uint16_t layer;
    const char *lemma;        /* primary form, for transformations and diagnostics */
    uint32_t next;            /* next anchor of the same word, most recent layer first */
} verb_anchor;

/* PETRARCH-2 transformation: "~ a (a b ATTACK) SAY = a b 015". */
typedef struct transformation {
    char outer_source;        /* always 'a' */
    char inner_source;        /* 'a' same actor as the outer source, 'b' another, '_' none,
                                 '.' any */
    char inner_target;        /* 'a', 'b', '_' or '.' */
    const char *inner_verb;   /* verb name or "Q" (any) */
    const char *outer_verb;
    char result_source, result_target;   /* 'a' or 'b' */
    char result_code[8];      /* code or "Q" (the inner event's code) */
    uint32_t inner_block, outer_block;   /* resolved by verb_dictionary_finish; NO_INDEX = any */
    const char *id;
} transformation;

/* A problem with one line of a dictionary that was skipped (field
 * dictionaries are read leniently; ours must have none). */
typedef struct dictionary_problem {
    const char *file;
    long line;
    const char *message;
} dictionary_problem;

typedef struct verb_dictionary verb_dictionary;

verb_dictionary *verb_dictionary_new(void);
void verb_dictionary_free(verb_dictionary *dictionary);

/* ------------------------------------------------------------ building */

/* Starts a new layer (one per file): its entries are consulted before
 * those of earlier layers.  Returns the layer number. */
uint16_t verb_dictionary_begin_layer(verb_dictionary *dictionary);

/* Interns text (lowercased) as a word; registers text itself as a form. */
word_id verb_dictionary_word(verb_dictionary *dictionary, const char *text);
/* Registers a surface form (lowercased) for a word. */
bool verb_dictionary_add_form(verb_dictionary *dictionary, const char *form, word_id word);
/* Registers the regular and irregular inflections of a word: verb forms
 * (-s, -ed, -ing and the irregular table), noun plurals, or both. */
enum { INFLECT_VERB = 1, INFLECT_NOUN = 2 };
bool verb_dictionary_inflect(verb_dictionary *dictionary, word_id word, unsigned kinds);
/* Irregular verb forms ("hold held held"), used by verb_dictionary_inflect. */
bool verb_dictionary_add_irregular(verb_dictionary *dictionary, const char *lemma,
                                   const char *past, const char *participle);

/* Word sets. */
uint32_t verb_dictionary_new_set(verb_dictionary *dictionary, const char *name);
uint32_t verb_dictionary_find_set(const verb_dictionary *dictionary, const char *name);
/* Adds a member phrase (words already interned) to the last set created. */
bool verb_dictionary_add_member(verb_dictionary *dictionary, uint32_t set,
                                const word_id *words, size_t count);

uint32_t verb_dictionary_new_block(verb_dictionary *dictionary, const char *name,
                                   const char *code, const char *reverse_code, const char *id);
/* Finds a block of the current layer by name and noun-ness (our format
 * keeps one block per anchor lemma). */
uint32_t verb_dictionary_find_block(const verb_dictionary *dictionary, const char *name);
verb_block *verb_dictionary_block(verb_dictionary *dictionary, uint32_t block);

/* Adds an anchor; extra_words: before_count words that precede it, then
 * after_count that follow. */
bool verb_dictionary_add_anchor(verb_dictionary *dictionary, word_id word, uint32_t block,
                                const char *code, const char *reverse_code,
                                const word_id *extra_words,
                                uint8_t before_count, uint8_t after_count, bool noun,
                                const char *lemma);

/* Adds a pattern to a block.  elements: before_count then after_count. */
bool verb_dictionary_add_pattern(verb_dictionary *dictionary, uint32_t block,
                                 const pattern_element *elements, uint16_t before_count,
                                 uint16_t after_count, const char *code,
                                 const char *reverse_code, uint8_t flags, const char *id,
                                 const char *text);

bool verb_dictionary_add_transformation(verb_dictionary *dictionary,
                                        const transformation *transformation);

/* Records a skipped line. */
bool verb_dictionary_problem(verb_dictionary *dictionary, const char *file, long line,
                             const char *format, ...) __attribute__((format(printf, 4, 5)));

/* A copy of text in the dictionary's own storage. */
const char *verb_dictionary_string(verb_dictionary *dictionary, const char *text);

/* Sorts patterns, links anchors, resolves transformations.  After this
 * the dictionary is read-only. */
dyad_status verb_dictionary_finish(verb_dictionary *dictionary, dyad_error *error);

/* ------------------------------------------------------------ reading */

/* Word ids a form or lemma can stand for (lowercase text).  Returns the
 * number found (up to max). */
size_t verb_dictionary_words_of(const verb_dictionary *dictionary, const char *text,
                                size_t length, word_id *out, size_t max);
/* First anchor for a word, NO_INDEX if none; follow ->next. */
uint32_t verb_dictionary_first_anchor(const verb_dictionary *dictionary, word_id word);
const verb_anchor *verb_dictionary_anchor(const verb_dictionary *dictionary, uint32_t anchor);
const verb_block *verb_dictionary_get_block(const verb_dictionary *dictionary, uint32_t block);
const verb_pattern *verb_dictionary_pattern(const verb_dictionary *dictionary, uint32_t pattern);
const pattern_element *verb_dictionary_elements(const verb_dictionary *dictionary);
const word_set *verb_dictionary_set(const verb_dictionary *dictionary, uint32_t set);
const set_member *verb_dictionary_member(const verb_dictionary *dictionary, uint32_t member);
const word_id *verb_dictionary_phrase_words(const verb_dictionary *dictionary);
const char *verb_dictionary_word_text(const verb_dictionary *dictionary, word_id word);
size_t verb_dictionary_word_count(const verb_dictionary *dictionary);
const transformation *verb_dictionary_transformations(const verb_dictionary *dictionary,
                                                      size_t *count);
const dictionary_problem *verb_dictionary_problems(const verb_dictionary *dictionary,
                                                   size_t *count);

typedef struct verb_dictionary_stats {
    size_t words, forms, anchors, blocks, patterns, sets, transformations, problems;
} verb_dictionary_stats;
void verb_dictionary_get_stats(const verb_dictionary *dictionary, verb_dictionary_stats *stats);

/* ------------------------------------------------------------ readers */

/* Which format a file is in, from its content: ours starts sections with
 * "[" and has no "---" blocks; the field's have "--- NAME [CODE] ---"
 * blocks, PETRARCH-2 patterns use (...) phrases. */
typedef enum verb_format {
    VERB_FORMAT_UNKNOWN = 0,
    VERB_FORMAT_NATIVE,
    VERB_FORMAT_TABARI,
    VERB_FORMAT_PETRARCH2,
} verb_format;

verb_format verb_format_detect(const char *text, size_t length);

/* Read a file into the dictionary as a new layer.  strict: any bad line is
 * an error (our own files); otherwise bad lines are recorded as problems
 * and skipped.  An unreadable file is always an error. */
dyad_status verb_native_read(verb_dictionary *dictionary, const char *path, bool strict,
                             dyad_error *error);
dyad_status verb_petrarch_read(verb_dictionary *dictionary, const char *path, bool strict,
                               dyad_error *error);
/* Detects the format and calls the right reader. */
dyad_status verb_dictionary_read(verb_dictionary *dictionary, const char *path, bool strict,
                                 dyad_error *error);
/* The irregular-forms table (data/coder/irregular.txt). */
dyad_status verb_irregular_read(verb_dictionary *dictionary, const char *path,
                                dyad_error *error);
/* Parses a PETRARCH-2 transformation line ("~ a (a b ATTACK) SAY = a b
 * 015"); false if it is malformed. */
bool verb_read_transformation(verb_dictionary *dictionary, const char *line, const char *id);

#endif
