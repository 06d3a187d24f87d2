/*
 * extract.c — see extract.h: loading the stage's resources and running
 * its extractors in order over a document.
 */
#include "extract_internal.h"
#include "fold.h"
#include "extract/gazetteer_path.h"
#include "../util/arena.h"
#include "../util/error.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Where the compiled gazetteer is: installed beside the data
 * (data_dir/extract/gazetteer.bin), else in the build tree that compiled
 * this library (GAZETTEER_BUILD_PATH, from gazetteer_path.h). */
static const char *find_gazetteer(const char *data_dir, char *buffer, size_t size) {
    struct stat info;
    snprintf(buffer, size, "%s/extract/gazetteer.bin", data_dir);
    if (stat(buffer, &info) == 0) return buffer;
    if (stat(GAZETTEER_BUILD_PATH, &info) == 0) return GAZETTEER_BUILD_PATH;
    return NULL;
}

dyad_status extract_resources_load(const char *data_dir, extract_resources **out,
                                   dyad_error *error) {
    *out = NULL;
    extract_resources *resources = calloc(1, sizeof *resources);
    if (!resources) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    dyad_status status = lexicon_load(data_dir, &resources->lexicon, error);
    if (status == DYAD_OK) {
        char buffer[PATH_MAX];
        const char *path = find_gazetteer(data_dir, buffer, sizeof buffer);
        if (path)
            status = gazetteer_open(path, &resources->gazetteer, error);
        else
            status = error_set(error, DYAD_ERR_MODEL, GAZETTEER_BUILD_PATH, 0, -1,
                               "the compiled gazetteer is missing (ninja -C build builds it; "
                               "an installed dyad has it in DATADIR/dyad/extract/)");
    }
    if (status != DYAD_OK) {
        extract_resources_free(resources);
        return status;
    }
    *out = resources;
    return DYAD_OK;
}

void extract_resources_free(extract_resources *resources) {
    if (!resources) return;
    lexicon_free(resources->lexicon);
    gazetteer_close(resources->gazetteer);
    free(resources);
}

bool extract_has_cities(const extract_resources *resources) {
    return resources && gazetteer_has_cities(resources->gazetteer);
}

dyad_status extract_out_of_memory(extract_context *context) {
    return error_set(context->error, DYAD_ERR_MEMORY, context->document->origin,
                     context->document->origin_line, -1, "out of memory");
}

#define DEFINE_ADD(function, type, array, count_field, capacity_field)                           \
    type *function(extract_context *context) {                                                   \
        dyad_document *document = context->document;                                             \
        if (document->count_field == context->capacity_field) {                                  \
            document->array = arena_grow(document->arena, document->array,                       \
                                         &context->capacity_field, sizeof *document->array);     \
            if (!document->array) return NULL;                                                   \
        }                                                                                        \
        type *item = &document->array[document->count_field++];                                 \
        memset(item, 0, sizeof *item);                                                           \
        return item;                                                                             \
    }

DEFINE_ADD(extract_add_date, dyad_date_expression, dates, date_count, date_capacity)
DEFINE_ADD(extract_add_place, dyad_place, places, place_count, place_capacity)
DEFINE_ADD(extract_add_quote, dyad_quote, quotes, quote_count, quote_capacity)
DEFINE_ADD(extract_add_number, dyad_number, numbers, number_count, number_capacity)

const lexeme *extract_match_phrase(const extract_context *context, size_t i, size_t limit,
                                   uint32_t classes, size_t *last) {
    const piece *pieces = context->scan.pieces;
    const lexeme *entry = pieces[i].word;
    const lexeme *best = entry && (entry->classes & classes) ? entry : NULL;
    *last = i;
    if (!entry || !(entry->extension_classes & classes)) return best;
    const char *text = context->document->text;
    /* phrases are at most a few words; the fold buffer bounds them too */
    for (size_t j = i + 1; j < limit && j < i + 6; j++) {
        char folded[128];
        size_t length = fold_text(text + pieces[i].start, pieces[j].end - pieces[i].start, folded,
                                  sizeof folded);
        if (length == (size_t)-1) break;
        const lexeme *longer = lexicon_find(context->lexicon, folded, length);
        if (!longer) break;
        if (longer->classes & classes) {
            best = longer;
            *last = j;
        }
        if (!(longer->extension_classes & classes)) break;
    }
    return best;
}

int32_t extract_mention_at(const extract_context *c, uint32_t start, uint32_t end) {
    const dyad_document *d = c->document;
    size_t from = 0, to = d->mention_count;
    if (c->mentions_sorted) {
        /* the first mention starting at or after `start`; a few before it may
         * still overlap (a mention that begins earlier and encloses it) */
        size_t low = 0, high = d->mention_count;
        while (low < high) {
            size_t middle = (low + high) / 2;
            if (d->mentions[middle].start < start) low = middle + 1;
            else high = middle;
        }
        enum { LOOK_BACK = 8 };
        from = low > LOOK_BACK ? low - LOOK_BACK : 0;
    }
    int32_t best = -1;
    for (size_t i = from; i < to; i++) {
        const dyad_mention *m = &d->mentions[i];
        if (c->mentions_sorted && m->start >= end) break;
        if (m->start < end && start < m->end &&
            (best < 0 || (m->end >= end && d->mentions[best].end < end)))
            best = (int32_t)i;
    }
    return best;
}

dyad_status extract_document(const extract_resources *resources, dyad_document *document,
                             dyad_error *error) {
    extract_context context = {
        .resources = resources,
        .lexicon = resources->lexicon,
        .document = document,
        .error = error,
    };
    document->quotes = NULL;
    document->quote_count = 0;
    document->numbers = NULL;
    document->number_count = 0;
    document->places = NULL;
    document->place_count = 0;
    document->dates = NULL;
    document->date_count = 0;
    if (!document->text || !document->sentence_count) return DYAD_OK;
    context.mentions_sorted = true;
    for (size_t i = 1; i < document->mention_count && context.mentions_sorted; i++)
        if (document->mentions[i].start < document->mentions[i - 1].start) context.mentions_sorted = false;
    civil_date date;
    if (calendar_parse_iso(document->date, &date)) {
        context.has_article_date = true;
        context.article_date = date;
        context.article_days = calendar_days(date.year, date.month, date.day);
    }
    dyad_status status = scan_document(resources->lexicon, document, &context.scan, error);
    if (status == DYAD_OK) status = dates_extract(&context);
    if (status == DYAD_OK) status = places_extract(&context);
    if (status == DYAD_OK) status = quotes_extract(&context);
    if (status == DYAD_OK) status = numbers_extract(&context);
    return status;
}

const char *extract_sentence_date(const dyad_document *document, size_t sentence_index) {
    size_t low = 0, high = document->date_count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (document->dates[middle].sentence < sentence_index) low = middle + 1;
        else high = middle;
    }
    for (size_t i = low; i < document->date_count && document->dates[i].sentence == sentence_index; i++)
        if (document->dates[i].value) return document->dates[i].value;
    return NULL;
}
