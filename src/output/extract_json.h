/*
 * extract_json.h — the JSON layout of quotations, figures, places and
 * dates (CLI contract: `dyad code` and `dyad extract`).
 *
 * Each writer appends one "key": [...] member to an open object, so the
 * coder's `dyad code` record and the `dyad extract` record share them.
 * Beyond the contract's fields they write "sentence" everywhere, a figure's
 * "approximation" and counted "noun", a place's gazetteer "name" and
 * "kind".  A speaker, and a figure's claimant, is an object {"text",
 * "name", "code", "country"}: "text" as written, "name" who that is
 * (a mention's name, or the named speaker a pronoun refers to), "code" and
 * "country" from the actor mention when there is one.
 */
#ifndef DYAD_OUTPUT_EXTRACT_JSON_H
#define DYAD_OUTPUT_EXTRACT_JSON_H

#include "dyad.h"

#include <stdbool.h>

bool json_write_quotes(const dyad_document *document, dyad_buffer *out, bool *first);
bool json_write_numbers(const dyad_document *document, dyad_buffer *out, bool *first);
bool json_write_places(const dyad_document *document, dyad_buffer *out, bool *first);
bool json_write_dates(const dyad_document *document, dyad_buffer *out, bool *first);

/* `dyad extract`: one object and a newline — "id", "date", "title" (and
 * "source", "url", "meta" when present), "text" (the cleaned text the
 * offsets point into), then "quotes", "numbers", "places", "dates". */
dyad_status extract_json_write_record(const dyad_document *document, dyad_buffer *out);

#endif
