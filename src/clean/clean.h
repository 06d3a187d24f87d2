/*
 * clean.h — from the raw text of a scraped article to the text dyad codes.
 *
 * Owns: Unicode normalisation (NFC), white-space and paragraph structure,
 * and the removal of page debris (breadcrumbs, author boxes, share lines,
 * repeated standfirsts, agency credits), keeping what is worth keeping as
 * fields (credits, the dateline).  Produces document->text, ->paragraphs,
 * ->credits and ->dateline from document->raw_text.
 */
#ifndef DYAD_CLEAN_CLEAN_H
#define DYAD_CLEAN_CLEAN_H

#include "dyad.h"

typedef struct clean_resources clean_resources;

/* data_dir: where data/clean/ files live (may be NULL for built-in
 * behaviour only). */
dyad_status clean_resources_load(const char *data_dir, clean_resources **out, dyad_error *error);
void clean_resources_free(clean_resources *resources);

dyad_status clean_document(const clean_resources *resources, dyad_document *document,
                           dyad_error *error);

#endif
