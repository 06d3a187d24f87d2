/*
 * actor_code.h — reading a CAMEO actor code ("RUSGOV", "IGOUNO",
 * "PSEHMSMIL", "---GOV") into its country and sector.
 *
 * CAMEO codes are 3-letter blocks: a country (ISO 3166-1 alpha-3) or
 * region, or an international type (IGO, NGO, IMG, MNC...) followed by
 * the organisation's blocks; then role blocks (GOV, MIL, REB...).  Which
 * blocks are roles and which are international types comes from
 * data/actors/codes.tsv, so the split is data, not code; a block that is
 * neither is taken as part of the actor (a country, a region, a named
 * group like HMS).
 *
 *   RUSGOV     → country RUS,       sector GOV
 *   IGOUNO     → country IGOUNO,    sector none
 *   PSEHMSMIL  → country PSE,       sector MIL
 *   ---GOV     → country none,      sector GOV
 */
#ifndef DYAD_ACTORS_ACTOR_CODE_H
#define DYAD_ACTORS_ACTOR_CODE_H

#include "dyad.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct actor_code_table actor_code_table;

/* Reads the table (lines "sector GOV Government", "international IGO
 * ..."; '#' comments).  A bad line is an error naming file and line. */
dyad_status actor_code_table_load(const char *path, actor_code_table **out, dyad_error *error);
dyad_status actor_code_table_parse(const char *name, const char *text, size_t length,
                                   actor_code_table **out, dyad_error *error);
void actor_code_table_free(actor_code_table *table);

bool actor_code_is_sector(const actor_code_table *table, const char *block);
bool actor_code_is_international(const actor_code_table *table, const char *block);

/* Splits code: country and sector are written into the caller's buffers
 * (at least 32 bytes each) and set to "" when absent. */
void actor_code_split(const actor_code_table *table, const char *code, char *country,
                      char *sector);

/* The sector of code, "" if none (into a 4-byte buffer). */
void actor_code_sector(const actor_code_table *table, const char *code, char *sector);

#endif
