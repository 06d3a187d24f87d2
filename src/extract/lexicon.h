/*
 * lexicon.h — the word lists the extractors read: months and weekdays,
 * number words, units and currencies, counted nouns and their categories,
 * approximations, speech verbs, and the small closed classes (locative
 * prepositions, region words, titles, pronouns) that give context.
 *
 * All of them are one table because a word often belongs to several
 * ("may" is a month and a modal, "second" a number and a unit, "dead" a
 * category and an adjective), and because the scanner looks every word up
 * once and keeps the entry: the extractors then test class bits instead of
 * comparing strings.
 *
 * The files (the *.txt lists in data/extract/) are text, one entry per line:
 *
 *     phrase <TAB> class [<TAB> value [<TAB> value]]   # comment
 *
 * The phrase is folded (fold.h) before it is stored, so case, accents and
 * apostrophes do not matter.  Multi-word phrases ("more than", "according
 * to", "square kilometres") are stored whole, and each of their proper
 * prefixes is marked LEX_PREFIX so that matching extends word by word only
 * while a longer phrase is possible.  A malformed line stops loading with
 * its file and line number.
 */
#ifndef DYAD_EXTRACT_LEXICON_H
#define DYAD_EXTRACT_LEXICON_H

#include "dyad.h"

#include <stddef.h>
#include <stdint.h>

enum lexeme_class {
    LEX_MONTH = 1u << 0,        /* value: 1..12 */
    LEX_WEEKDAY = 1u << 1,      /* value: 1 Monday .. 7 Sunday (ISO 8601) */
    LEX_DAY = 1u << 2,          /* yesterday, today, overnight: value = day offset */
    LEX_DATE_MODIFIER = 1u << 3,/* last, next, this, earlier, early, mid: value names it */
    LEX_NUMBER = 1u << 4,       /* one, twenty, dozen: value */
    LEX_SCALE = 1u << 5,        /* hundred, million, bn: value multiplies */
    LEX_UNIT = 1u << 6,         /* dollars, km2, percent, hours: code and kind */
    LEX_COUNTED = 1u << 7,      /* people, civilians, protesters: category or none */
    LEX_CATEGORY = 1u << 8,     /* killed, wounded, arrested: what happened to them */
    LEX_APPROXIMATION = 1u << 9,/* about, more than, at least */
    LEX_SPEECH = 1u << 10,      /* said, told, according to: lemma and flags */
    LEX_FUNCTION = 1u << 11,    /* the, of, in: never names or places by themselves */
    LEX_LOCATIVE = 1u << 12,    /* in, near, outside: a place may follow */
    LEX_REGION = 1u << 13,      /* region, oblast, province: a region's name precedes */
    LEX_TITLE = 1u << 14,       /* president, minister, spokesman: a person follows */
    LEX_FUTURE = 1u << 15,      /* will, shall, next: the sentence looks ahead */
    LEX_PRONOUN = 1u << 16,     /* he, she, they: a speaker named earlier */
    LEX_LABEL = 1u << 17,       /* article, resolution, flight: a number that is a name */
    LEX_ORDINAL = 1u << 18,     /* first, third, 3rd: value */
    LEX_PAST = 1u << 19,        /* was, had, ago: the sentence looks back */
    LEX_DIRECTION = 1u << 20,   /* northern, eastern: may precede a place name */
    LEX_PREFIX = 1u << 31       /* a proper prefix of a longer phrase */
};

/* Flags of a speech entry. */
enum speech_flag {
    SPEECH_OBJECT = 1u << 0,    /* takes an addressee: "told reporters" */
    SPEECH_AMBIGUOUS = 1u << 1, /* also a noun ("claims", "notes"): needs a subject */
    SPEECH_PHRASE = 1u << 2,    /* "according to": the speaker follows, no subject */
    SPEECH_CONTINUE = 1u << 3   /* "adding", "continuing": the same speaker goes on */
};

typedef struct lexeme {
    const char *phrase;         /* folded */
    uint32_t classes;
    int8_t month;               /* LEX_MONTH */
    int8_t weekday;             /* LEX_WEEKDAY */
    int16_t day_offset;         /* LEX_DAY */
    int16_t ordinal;            /* LEX_ORDINAL */
    const char *modifier;       /* LEX_DATE_MODIFIER: "last", "next", "this", ... */
    double number;              /* LEX_NUMBER */
    double scale;               /* LEX_SCALE */
    const char *unit;           /* LEX_UNIT: "USD", "km2", "percent", "hour" */
    const char *unit_kind;      /* LEX_UNIT: "money", "area", "percent", "duration", ... */
    const char *category;       /* LEX_COUNTED (NULL: none) / LEX_CATEGORY */
    const char *speech_lemma;   /* LEX_SPEECH: "say", "according to" */
    uint32_t speech_flags;      /* LEX_SPEECH */
    uint32_t extension_classes; /* classes of the longer phrases this one begins, so
                                   that matching need not extend when none is wanted */
} lexeme;

typedef struct lexicon lexicon;

/* Loads every list named in lexicon_files from data_dir/extract/. */
dyad_status lexicon_load(const char *data_dir, lexicon **out, dyad_error *error);
/* Loads one file into an existing lexicon (used by tests and the loader). */
lexicon *lexicon_new(void);
dyad_status lexicon_load_file(lexicon *lexicon, const char *path, dyad_error *error);
void lexicon_free(lexicon *lexicon);

/* The entry for an already folded phrase, or NULL. */
const lexeme *lexicon_find(const lexicon *lexicon, const char *folded, size_t length);
/* Folds text and looks it up; NULL when absent or too long. */
const lexeme *lexicon_find_text(const lexicon *lexicon, const char *text, size_t length);

#endif
