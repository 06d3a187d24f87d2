/*
 * actor_dictionary.h — the actor dictionary: who can be named, and how.
 *
 * Owns the loaded form of every actor dictionary dyad reads, whatever its
 * file format (ours in data/actors/, or the field's PETRARCH/TABARI
 * files, see actor_read.h):
 *
 *   - actors: names and synonyms ("Vladimir Putin", "Putin", "the
 *     Kremlin") pointing to one entry whose codes may each be restricted
 *     to a date range (RUSGOV from 2000-05-07, RUSELI otherwise);
 *   - agents: role words ("foreign minister", "troops") with a sector code
 *     placed after (~GOV) or before (NGO~) the actor's code;
 *   - modifiers ("senior", "top") that may sit inside an actor phrase, and
 *     common words ("The", "Monday") that are capitalised without being
 *     names;
 *   - discard phrases ("Champions League") that mark a sentence or a whole
 *     story as not to be coded.
 *
 * Shape: phrases are sequences of interned word ids, stored in a trie
 * whose edges live in one hash table keyed by (node, word).  Looking up a
 * phrase at a position of a sentence therefore costs one hash probe per
 * word actually matched, and the first probe is the "hash of the first
 * word" that selects the candidates; the longest phrase wins.  Discards
 * keep TABARI's stem semantics (the last word matches any word it begins),
 * so they live in a small byte trie of their own.
 *
 * A dictionary is built by the readers, then actor_dictionary_finish()
 * freezes it; after that it is immutable and shared by every thread.
 * Strings live in one pool and are referenced by offset while building,
 * so that growing the pool never invalidates anything.
 */
#ifndef DYAD_ACTORS_ACTOR_DICTIONARY_H
#define DYAD_ACTORS_ACTOR_DICTIONARY_H

#include "dyad.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Dates are kept as YYYYMMDD integers: ordered like the calendar and
 * readable in a debugger. */
enum { ACTOR_DATE_MIN = 0, ACTOR_DATE_MAX = 99991231 };

/* The longest folded word we match; longer words never match anything. */
enum { ACTOR_WORD_MAX = 96 };

typedef enum actor_phrase_type {
    PHRASE_ACTOR = 0,
    PHRASE_AGENT,
    PHRASE_MODIFIER,
    PHRASE_COMMON
} actor_phrase_type;

/* How a dictionary word must be capitalised in the text.  Names written
 * "Kremlin" need a capital, acronyms written "US" need capitals throughout
 * (so the pronoun "us" is never the United States), lower-case words
 * ("the", "troops") match in any case. */
typedef enum actor_case_rule {
    CASE_ANY = 0,
    CASE_CAPITALISED,
    CASE_UPPER
} actor_case_rule;

/* The shape of a word in the text, compared against actor_case_rule. */
typedef enum actor_word_shape {
    SHAPE_OTHER = 0,         /* digits, punctuation */
    SHAPE_LOWER,             /* "troops" */
    SHAPE_CAPITALISED,       /* "Kremlin", "McDonald" */
    SHAPE_UPPER              /* "US", "NATO" */
} actor_word_shape;

typedef struct actor_code_range {
    uint32_t code;           /* string offset */
    int32_t from, to;        /* inclusive YYYYMMDD bounds */
    uint8_t restricted;      /* 0: the entry's default code */
} actor_code_range;

/* Flags of an actor entry. */
enum {
    ENTRY_SEAT = 1u << 0,    /* a seat of government ("Moscow", "the Kremlin"):
                                in a locative phrase it names the country */
    ENTRY_NULL = 1u << 1     /* PETRARCH's "---": known, but not an actor */
};

typedef struct actor_entry {
    uint32_t name;           /* string offset of the canonical name */
    uint32_t first_range, range_count;
    uint32_t source, line;   /* file (index into sources) and line, for messages */
    uint8_t kind;            /* dyad_actor_kind */
    uint8_t flags;
} actor_entry;

/* Flags of an agent. */
enum {
    AGENT_PREFIX = 1u << 0,  /* CODE~: the code goes before the actor's */
    AGENT_PERSON = 1u << 1,  /* one person holds it ("president"), not a body */
    AGENT_PLURAL = 1u << 2,  /* the plural form ("presidents", "troops") */
    AGENT_BOUND = 1u << 3,   /* also an ordinary word ("official", "military"):
                                an agent only next to an actor, or when tagged
                                as a noun */
    AGENT_ABROAD = 1u << 4,  /* works in other states' capitals (envoys, embassies):
                                "diplomats in Moscow" are not Russia's */
    AGENT_HOME = 1u << 5     /* an institution of the state a story is filed
                                from: with no country in the text, "the
                                police" in a story datelined TBILISI are
                                Georgia's */
};

typedef struct actor_agent {
    uint32_t code;           /* string offset: "GOV", "MIL", "NGO" */
    uint32_t name;           /* the form as written, for messages */
    uint8_t flags;
} actor_agent;

typedef struct actor_phrase {
    uint32_t target;         /* entry or agent index; unused for other types */
    uint32_t words;          /* offset of its word ids and case rules */
    uint16_t word_count;
    uint8_t type;            /* actor_phrase_type */
} actor_phrase;

/* Discard flags. */
enum {
    DISCARD_STORY = 1u << 0, /* '+' in PETRARCH: the whole story is not coded */
    DISCARD_EXACT = 1u << 1  /* ends in '_': the last word must end there too */
};

typedef struct actor_dictionary actor_dictionary;

/* What loading reported: counts for the load statistics, and the lines
 * that could not be read (each with file and line).  Readers given a
 * report note a bad line there and go on; given none, they fail on it. */
typedef struct actor_load_report {
    size_t files;
    size_t entries;          /* actor records */
    size_t names;            /* actor names and synonyms */
    size_t agents;           /* agent forms, plurals and substitutions included */
    size_t discards;
    size_t other;            /* modifiers and common words */
    size_t problems;         /* lines reported */
    bool strict;             /* problems are errors even with a report (our own files) */
    dyad_error *messages;    /* the first `message_limit` problems, heap */
    size_t message_count, message_limit;
} actor_load_report;

/* message_limit 0 keeps none of the messages, only the count. */
void actor_load_report_init(actor_load_report *report, size_t message_limit);
void actor_load_report_free(actor_load_report *report);
/* Records a problem in report, or (report NULL or strict) fills error
 * and returns DYAD_ERR_FORMAT.  Returns DYAD_OK when the reader may go on. */
dyad_status actor_load_problem(actor_load_report *report, dyad_error *error, const char *file,
                               long line, const char *format, ...)
    __attribute__((format(printf, 5, 6)));

/* ------------------------------------------------------------ building */

actor_dictionary *actor_dictionary_new(void);
void actor_dictionary_free(actor_dictionary *dictionary);

/* Interns a file name for messages; returns its index. */
uint32_t actor_dictionary_add_source(actor_dictionary *dictionary, const char *path);
/* Copies a string into the pool; returns its offset (UINT32_MAX on failure). */
uint32_t actor_dictionary_add_string(actor_dictionary *dictionary, const char *text,
                                     size_t length);

/* A new actor entry with no codes yet; returns its index. */
uint32_t actor_dictionary_add_entry(actor_dictionary *dictionary, const char *name,
                                    size_t name_length, dyad_actor_kind kind, uint32_t source,
                                    uint32_t line);
/* Appends a code to the entry last added (codes of an entry are
 * contiguous).  restricted 0: a default code (from/to ignored). */
bool actor_dictionary_add_code(actor_dictionary *dictionary, uint32_t entry, const char *code,
                               size_t code_length, bool restricted, int32_t from, int32_t to);
actor_entry *actor_dictionary_entry_mutable(actor_dictionary *dictionary, uint32_t entry);

uint32_t actor_dictionary_add_agent(actor_dictionary *dictionary, const char *code,
                                    size_t code_length, const char *name, size_t name_length,
                                    unsigned flags);

/* Adds a phrase: words separated by blanks or underscores, hyphens
 * splitting words as they do in the text.  case_from_text: derive each
 * word's case rule from how it is written (our files); otherwise the
 * file is in capitals throughout (PETRARCH) and `default_rule` applies to
 * content words.  Returns false with *why set when the phrase has no
 * word. */
bool actor_dictionary_add_phrase(actor_dictionary *dictionary, actor_phrase_type type,
                                 uint32_t target, const char *text, size_t length,
                                 bool case_from_text, actor_case_rule default_rule,
                                 const char **why);

/* Interns a word without any phrase, so that the resolver can recognise
 * it by id (closed-class words: "the", "of", "he").  Returns its id, -1
 * on failure. */
int32_t actor_dictionary_add_word(actor_dictionary *dictionary, const char *word);

bool actor_dictionary_add_discard(actor_dictionary *dictionary, const char *text, size_t length,
                                  unsigned flags);

/* Builds the lookup structures and frees what only building needed.
 * After this the dictionary must not be changed. */
dyad_status actor_dictionary_finish(actor_dictionary *dictionary, dyad_error *error);

/* -------------------------------------------------------------- lookup */

/* Folds a word for matching: case folding, accents removed, typographic
 * apostrophes and dashes made ASCII, periods dropped ("U.S." → "us").
 * Writes at most ACTOR_WORD_MAX bytes plus NUL to out; returns the length,
 * 0 when nothing is left or the word is too long.  No allocation. */
size_t actor_fold_word(const char *text, size_t length, char *out);

/* The shape of a word as written. */
actor_word_shape actor_word_shape_of(const char *text, size_t length);

/* actor_fold_word and actor_word_shape_of in one pass (the resolver's
 * hot path: every word of every sentence). */
size_t actor_fold_shape(const char *text, size_t length, char *out, actor_word_shape *shape);

/* The id of a folded word, or -1 if no phrase uses it. */
int32_t actor_dictionary_word(const actor_dictionary *dictionary, const char *folded,
                              size_t length);

/* Trie walk: the child of node (0 = root) along word, or -1. */
int32_t actor_dictionary_step(const actor_dictionary *dictionary, int32_t node, int32_t word);
/* The phrases ending at node, in load order. */
const uint32_t *actor_dictionary_terminals(const actor_dictionary *dictionary, int32_t node,
                                           size_t *count);

const actor_phrase *actor_dictionary_phrase(const actor_dictionary *dictionary, uint32_t phrase);
/* The case rules of a phrase's words. */
const uint8_t *actor_dictionary_phrase_cases(const actor_dictionary *dictionary,
                                             const actor_phrase *phrase);
const actor_entry *actor_dictionary_entry(const actor_dictionary *dictionary, uint32_t entry);
/* An entry's codes, in file order. */
const actor_code_range *actor_dictionary_entry_ranges(const actor_dictionary *dictionary,
                                                      const actor_entry *entry, size_t *count);
const actor_agent *actor_dictionary_agent(const actor_dictionary *dictionary, uint32_t agent);
const char *actor_dictionary_string(const actor_dictionary *dictionary, uint32_t offset);
const char *actor_dictionary_source(const actor_dictionary *dictionary, uint32_t source);

/* The code of entry valid at date (YYYYMMDD, or 0 when the article has no
 * date).  The first restricted range containing the date wins, else the
 * last default code, else NULL.  Without a date the entry is read as of
 * the end of time: open-ended ranges, then the default, then the range
 * that ends last — i.e. the most recent role. */
const char *actor_entry_code_at(const actor_dictionary *dictionary, const actor_entry *entry,
                                int32_t date);

/* Discards: does a discard phrase start at word `first` of the folded
 * words (NUL-terminated strings)?  Returns its flags | 0x100 when one
 * does, 0 otherwise. */
unsigned actor_dictionary_discard_at(const actor_dictionary *dictionary,
                                     const char *const *folded_words, size_t word_count,
                                     size_t first);
bool actor_dictionary_has_discards(const actor_dictionary *dictionary);

/* Sizes, for the load statistics. */
size_t actor_dictionary_entry_count(const actor_dictionary *dictionary);
size_t actor_dictionary_phrase_count(const actor_dictionary *dictionary);
size_t actor_dictionary_agent_count(const actor_dictionary *dictionary);
size_t actor_dictionary_discard_count(const actor_dictionary *dictionary);
size_t actor_dictionary_word_count(const actor_dictionary *dictionary);
size_t actor_dictionary_bytes(const actor_dictionary *dictionary);

/* Parses "YYYY-MM-DD" (or the start of an ISO 8601 timestamp) into
 * YYYYMMDD; 0 when text is NULL or not a valid date. */
int32_t actor_date_parse(const char *text);
/* True if y-m-d is a real calendar day. */
bool actor_date_valid(int year, int month, int day);

#endif
