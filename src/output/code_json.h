/*
 * code_json.h — the article record of `dyad code` (CLI contract): the
 * segment layout plus what the later stages found, the events above all.
 *
 * Each part is a function that appends one key to an open JSON object, so
 * other commands can reuse them.  The "actors" array is written by
 * output/actors_json.h (shared with `dyad actors`), "quotes", "numbers",
 * "places" and "dates" by output/extract_json.h (shared with `dyad
 * extract`).
 */
#ifndef DYAD_OUTPUT_CODE_JSON_H
#define DYAD_OUTPUT_CODE_JSON_H

#include "dyad.h"

#include <stdbool.h>

/* "events": [...] */
bool json_write_events(const dyad_document *document, dyad_buffer *out, bool *first);
/* One event object. */
bool json_write_event(const dyad_document *document, const dyad_event *event, dyad_buffer *out);

#endif
