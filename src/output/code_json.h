/*
 * code_json.h — the article record of `dyad code` (CLI contract): the
 * segment layout plus what the later stages found, the events above all.
 *
 * Each part is a function that appends one key to an open JSON object, so
 * other commands can reuse them.  The actors writer here is deliberately
 * simple (the contract's fields from document->mentions); the actor stage
 * owns a richer one, and the two are to be reconciled when it lands.
 */
#ifndef DYAD_OUTPUT_CODE_JSON_H
#define DYAD_OUTPUT_CODE_JSON_H

#include "dyad.h"

#include <stdbool.h>

/* "actors": [{"text", "start", "end", "sentence", "code", "country", "sector", "kind"}] */
bool json_write_actor_mentions(const dyad_document *document, dyad_buffer *out, bool *first);
/* "events": [...] */
bool json_write_events(const dyad_document *document, dyad_buffer *out, bool *first);
/* One event object. */
bool json_write_event(const dyad_document *document, const dyad_event *event, dyad_buffer *out);
/* "quotes", "numbers", "places", "dates" */
bool json_write_quotes(const dyad_document *document, dyad_buffer *out, bool *first);
bool json_write_numbers(const dyad_document *document, dyad_buffer *out, bool *first);
bool json_write_places(const dyad_document *document, dyad_buffer *out, bool *first);
bool json_write_dates(const dyad_document *document, dyad_buffer *out, bool *first);

const char *actor_kind_name(dyad_actor_kind kind);

#endif
