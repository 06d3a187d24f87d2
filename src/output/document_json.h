/*
 * document_json.h — the JSONL layouts of the CLI contract.
 *
 * Each function appends the fields of one part of a document to an open
 * JSON object, so the layouts of `segment`, later `code`, share the parts
 * they have in common (metadata, sentences) instead of repeating them.
 */
#ifndef DYAD_OUTPUT_DOCUMENT_JSON_H
#define DYAD_OUTPUT_DOCUMENT_JSON_H

#include "dyad.h"

#include <stdbool.h>

/* "id", "date", "title", "source", "url", "meta" (when present). */
bool json_write_document_metadata(const dyad_document *document, dyad_buffer *out, bool *first);
/* "text", "credits", "dateline", "warnings". */
bool json_write_document_text(const dyad_document *document, dyad_buffer *out, bool *first);
/* "sentences": [...], with tokens when with_tokens is set. */
bool json_write_sentences(const dyad_document *document, dyad_buffer *out, bool *first,
                          bool with_tokens);

#endif
