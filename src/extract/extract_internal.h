/*
 * extract_internal.h — what the extractors of the stage share: the loaded
 * resources, and the per-document context each extractor reads and adds
 * its findings to.
 *
 * The extractors run in a fixed order, each seeing what the earlier ones
 * found: dates first (so "December 3" is never a figure), then places,
 * then quotations (so a figure knows which quotation claims it), then
 * figures.  Findings are appended to growable arrays in the document's
 * arena, in text order within each extractor.
 */
#ifndef DYAD_EXTRACT_INTERNAL_H
#define DYAD_EXTRACT_INTERNAL_H

#include "calendar.h"
#include "extract.h"
#include "gazetteer.h"
#include "lexicon.h"
#include "scan.h"

struct extract_resources {
    lexicon *lexicon;
    gazetteer *gazetteer;
};

typedef struct extract_context {
    const extract_resources *resources;
    const lexicon *lexicon;
    dyad_document *document;
    piece_list scan;
    bool has_article_date;
    long article_days;        /* the article's date as calendar_days() */
    civil_date article_date;
    size_t quote_capacity, number_capacity, place_capacity, date_capacity;
    bool mentions_sorted;     /* document->mentions in order of start: binary search */
    dyad_error *error;
} extract_context;

dyad_status dates_extract(extract_context *context);
dyad_status places_extract(extract_context *context);
dyad_status quotes_extract(extract_context *context);
dyad_status numbers_extract(extract_context *context);

/* Appending findings; NULL when memory runs out. */
dyad_date_expression *extract_add_date(extract_context *context);
dyad_place *extract_add_place(extract_context *context);
dyad_quote *extract_add_quote(extract_context *context);
dyad_number *extract_add_number(extract_context *context);

/* Pieces of sentence s: [*first, *end). */
static inline void sentence_pieces(const extract_context *context, size_t sentence,
                                   size_t *first, size_t *end) {
    *first = context->scan.sentence_first[sentence];
    *end = context->scan.sentence_first[sentence + 1];
}

/* The longest lexicon phrase with one of `classes` starting at piece i
 * and ending before piece `limit`; *last is set to its last piece. */
const lexeme *extract_match_phrase(const extract_context *context, size_t i, size_t limit,
                                   uint32_t classes, size_t *last);

/* The actor mention overlapping [start, end) — the one that covers its
 * end when several do (the head of "Russia's foreign minister") — or -1. */
int32_t extract_mention_at(const extract_context *context, uint32_t start, uint32_t end);

/* Out of memory, reported against the document. */
dyad_status extract_out_of_memory(extract_context *context);

#endif
