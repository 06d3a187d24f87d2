/* Shared by the extraction tests: resources loaded once per test group,
 * one arena reused by the documents of a test, and lookups of findings by
 * the text they cover. */
#ifndef DYAD_TESTS_EXTRACT_FIXTURE_H
#define DYAD_TESTS_EXTRACT_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "resources.h"

typedef struct extract_fixture {
    dyad_resources *resources;
    dyad_arena *arena;
} extract_fixture;

static inline int extract_fixture_setup(void **state) {
    extract_fixture *f = calloc(1, sizeof *f);
    dyad_config config = {.stages = DYAD_STAGE_SEGMENT | DYAD_STAGE_EXTRACT};
    dyad_error error;
    if (!f || dyad_resources_load(&config, &f->resources, &error) != DYAD_OK) {
        char message[1200];
        fprintf(stderr, "cannot load resources: %s\n", dyad_error_format(&error, message, sizeof message));
        free(f);
        return -1;
    }
    f->arena = dyad_arena_new();
    *state = f;
    return 0;
}

static inline int extract_fixture_teardown(void **state) {
    extract_fixture *f = *state;
    dyad_resources_free(f->resources);
    dyad_arena_free(f->arena);
    free(f);
    return 0;
}

/* Segments and extracts text dated `date` (may be NULL). */
static inline dyad_document *extract_text(void **state, const char *text, const char *date) {
    extract_fixture *f = *state;
    dyad_arena_reset(f->arena);
    dyad_document *d = dyad_document_new(f->arena, text, strlen(text), "test", date);
    assert_non_null(d);
    dyad_error error;
    assert_int_equal(dyad_process(f->resources, d, DYAD_STAGE_SEGMENT | DYAD_STAGE_EXTRACT, &error),
                     DYAD_OK);
    return d;
}

static inline bool span_is(const dyad_document *d, uint32_t start, uint32_t end, const char *text) {
    return end - start == strlen(text) && memcmp(d->text + start, text, end - start) == 0;
}

static inline bool span_contains(const dyad_document *d, uint32_t start, uint32_t end, const char *text) {
    size_t n = strlen(text);
    for (uint32_t i = start; i + n <= end; i++)
        if (memcmp(d->text + i, text, n) == 0) return true;
    return false;
}

static inline const dyad_date_expression *date_named(const dyad_document *d, const char *text) {
    for (size_t i = 0; i < d->date_count; i++)
        if (span_is(d, d->dates[i].start, d->dates[i].end, text)) return &d->dates[i];
    return NULL;
}

/* The figure whose span contains text. */
static inline const dyad_number *figure_with(const dyad_document *d, const char *text) {
    for (size_t i = 0; i < d->number_count; i++)
        if (span_contains(d, d->numbers[i].start, d->numbers[i].end, text)) return &d->numbers[i];
    return NULL;
}

static inline const dyad_place *place_named(const dyad_document *d, const char *text) {
    for (size_t i = 0; i < d->place_count; i++)
        if (span_is(d, d->places[i].start, d->places[i].end, text)) return &d->places[i];
    return NULL;
}

/* The quotation whose span contains text. */
static inline const dyad_quote *quote_with(const dyad_document *d, const char *text) {
    for (size_t i = 0; i < d->quote_count; i++)
        if (span_contains(d, d->quotes[i].start, d->quotes[i].end, text)) return &d->quotes[i];
    return NULL;
}

static inline const char *speaker_of(const dyad_quote *q) {
    return q->speaker_name ? q->speaker_name : q->speaker_text;
}

#endif
