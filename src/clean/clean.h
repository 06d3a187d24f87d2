/*
 * clean.h — from the raw text of a scraped article to the text dyad codes.
 *
 * Owns: Unicode normalisation (NFC), white-space and paragraph structure,
 * and the removal of page debris (breadcrumbs, author boxes, share lines,
 * repeated standfirsts, agency credits), keeping what is worth keeping as
 * fields (credits, the dateline).  Produces document->text, ->paragraphs,
 * ->credits and ->dateline from document->raw_text, and the title when the
 * record has none and the text opens with a headline.
 *
 * The work is split by what it recognises, each module judging text it is
 * handed and none of them editing it:
 *   normalize.c  code points: NFC, odd spaces, invisible characters
 *   debris.c     lines of page furniture
 *   credits.c    credits, bylines, copyright lines
 *   dateline.c   "KYIV, Dec 3 (Reuters) -"
 *   heading.c    headlines and subheadings
 *   patterns.c   the word lists of data/clean/ they consult
 * clean.c runs them in order over lines, then paragraphs, and writes the
 * result once.  Every pass is linear in the text (a 10 MB article with no
 * line breaks is one long line that every line rule declines at a glance).
 *
 * Removal is line by line and conservative: a line goes only when a rule
 * says what it is.  Nothing is reported per line (a page has dozens of
 * such lines); clean_document_counted() returns counts by kind for tests
 * and measurements.
 */
#ifndef DYAD_CLEAN_CLEAN_H
#define DYAD_CLEAN_CLEAN_H

#include "dyad.h"
#include "patterns.h"

#include <stdint.h>

typedef struct clean_resources clean_resources;

/* What cleaning did to one document. */
typedef struct clean_counts {
    uint32_t removed[DEBRIS_KIND_COUNT];  /* lines removed, by debris_kind */
    uint32_t credits;                     /* credits moved to document->credits */
    uint32_t headings;                    /* paragraphs marked as headings */
    uint32_t duplicates;                  /* repeated paragraphs collapsed */
    uint32_t datelines;                   /* 0 or 1 */
} clean_counts;

/* data_dir: where data/clean/ files live (NULL: no word lists, so only
 * the rules that need none apply: normalisation, paragraphs, duplicates). */
dyad_status clean_resources_load(const char *data_dir, clean_resources **out, dyad_error *error);
void clean_resources_free(clean_resources *resources);

/* The word lists, for the modules' own tests. */
const clean_patterns *clean_resources_patterns(const clean_resources *resources);

dyad_status clean_document(const clean_resources *resources, dyad_document *document,
                           dyad_error *error);

/* clean_document, also returning what it did (counts may be NULL). */
dyad_status clean_document_counted(const clean_resources *resources, dyad_document *document,
                                   clean_counts *counts, dyad_error *error);

#endif
