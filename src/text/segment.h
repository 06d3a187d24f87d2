/*
 * segment.h — sentences and tokens of a cleaned document.
 *
 * Owns: sentence boundaries (abbreviations, initials, numbers, quotations,
 * ellipses, headings) and tokenization following Universal Dependencies
 * English (EWT) conventions, with byte offsets into document->text.
 * Fills document->sentences from document->text and ->paragraphs.
 */
#ifndef DYAD_TEXT_SEGMENT_H
#define DYAD_TEXT_SEGMENT_H

#include "dyad.h"

typedef struct segment_resources segment_resources;

/* data_dir: where data/text/ lists live. */
dyad_status segment_resources_load(const char *data_dir, segment_resources **out,
                                   dyad_error *error);
void segment_resources_free(segment_resources *resources);

dyad_status segment_document(const segment_resources *resources, dyad_document *document,
                             dyad_error *error);

#endif
