/*
 * actors_json.h — the "actors" array of the CLI contract.
 *
 * `dyad actors` writes it alone; `dyad code` writes it inside its record,
 * so the layout of a mention lives in one place.  Each mention is
 *
 *   {"text", "start", "end", "sentence", "code", "country", "sector",
 *    "kind", "name", "antecedent", "group"}
 *
 * with the contract's fields first; "name" is the canonical name (or
 * null), "antecedent" the index of the mention this one refers back to
 * and "group" the compound it belongs to (both omitted when -1).
 */
#ifndef DYAD_OUTPUT_ACTORS_JSON_H
#define DYAD_OUTPUT_ACTORS_JSON_H

#include "dyad.h"

#include <stdbool.h>

/* "person", "organization", "state", "group", "unknown". */
const char *actor_kind_name(dyad_actor_kind kind);

/* "actors": [...] — a key of an open object. */
bool json_write_mentions(const dyad_document *document, dyad_buffer *out, bool *first);

/* `dyad actors`: {"id", "date", "actors": [...]} and a newline. */
dyad_status dyad_write_actors_json(const dyad_document *document, dyad_buffer *out);

#endif
