/*
 * segment_helpers.h — what the text-stage tests share: finding the data
 * directory and ../shared, building a document from a string the way the
 * clean stage would (paragraphs split at blank lines, optionally marked
 * as headings), and reading tokens back as one string.
 */
#ifndef DYAD_TESTS_SEGMENT_HELPERS_H
#define DYAD_TESTS_SEGMENT_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>

#include "dyad.h"
#include "text/segment.h"
#include "util/arena.h"

static inline const char *source_root(void) {
    const char *root = getenv("DYAD_SOURCE_ROOT");
    return root && *root ? root : ".";
}

/* data/ of the source tree */
static inline const char *data_directory(void) {
    static char path[4096];
    snprintf(path, sizeof path, "%s/data", source_root());
    return path;
}

/* ../shared, or NULL when it is not there */
static inline const char *shared_directory(void) {
    static char path[4096];
    const char *shared = getenv("DYAD_SHARED");
    if (shared && *shared) snprintf(path, sizeof path, "%s", shared);
    else snprintf(path, sizeof path, "%s/../shared", source_root());
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/data", path);
    FILE *file = fopen(probe, "r");
    if (!file) return NULL;
    fclose(file);
    return path;
}

/* A document whose cleaned text is `text`, paragraphs at "\n\n"; the
 * paragraphs whose numbers are listed in `headings` (terminated by -1,
 * or NULL) are headings. */
static inline dyad_document *make_document(dyad_arena *arena, const char *text,
                                           const int *headings) {
    dyad_document *d = arena_calloc(arena, 1, sizeof *d);
    assert_non_null(d);
    d->arena = arena;
    d->id = "test";
    d->origin = "test";
    size_t length = strlen(text);
    d->text = d->raw_text = arena_strndup(arena, text, length);
    d->text_length = d->raw_length = length;
    size_t count = 1;
    for (const char *p = text; (p = strstr(p, "\n\n")) != NULL; p += 2) count++;
    d->paragraphs = arena_calloc(arena, count, sizeof *d->paragraphs);
    size_t start = 0, p = 0;
    for (;;) {
        const char *gap = strstr(text + start, "\n\n");
        size_t end = gap ? (size_t)(gap - text) : length;
        d->paragraphs[p].start = (uint32_t)start;
        d->paragraphs[p].end = (uint32_t)end;
        for (const int *h = headings; h && *h >= 0; h++)
            if ((size_t)*h == p) d->paragraphs[p].heading = 1;
        p++;
        if (!gap) break;
        start = end + 2;
    }
    d->paragraph_count = p;
    return d;
}

static inline segment_resources *load_segmenter(void) {
    segment_resources *resources = NULL;
    dyad_error error;
    dyad_status status = segment_resources_load(data_directory(), &resources, &error);
    if (status != DYAD_OK) fprintf(stderr, "cannot load the segmenter: %s\n", error.message);
    assert_int_equal(status, DYAD_OK);
    return resources;
}

/* The tokens of sentence s joined by '|' ("Russia|'s|envoy"). */
static inline const char *sentence_tokens(const dyad_document *d, size_t s) {
    static char joined[8192];
    size_t length = 0;
    joined[0] = '\0';
    assert_true(s < d->sentence_count);
    const dyad_sentence *sentence = &d->sentences[s];
    for (uint32_t t = 0; t < sentence->token_count; t++) {
        int written = snprintf(joined + length, sizeof joined - length, "%s%s", t ? "|" : "",
                               sentence->tokens[t].text);
        if (written < 0 || (size_t)written >= sizeof joined - length) break;
        length += (size_t)written;
    }
    return joined;
}

/* The text of sentence s. */
static inline const char *sentence_text(const dyad_document *d, size_t s) {
    static char text[8192];
    assert_true(s < d->sentence_count);
    const dyad_sentence *sentence = &d->sentences[s];
    snprintf(text, sizeof text, "%.*s", (int)(sentence->end - sentence->start),
             d->text + sentence->start);
    return text;
}

/* Segments text (paragraphs at blank lines) with the given resources. */
static inline dyad_document *segment_text(const segment_resources *resources, dyad_arena *arena,
                                          const char *text, const int *headings) {
    dyad_document *d = make_document(arena, text, headings);
    dyad_error error;
    assert_int_equal(segment_document(resources, d, &error), DYAD_OK);
    return d;
}

/* Every token's text is its span of the document text, offsets rise and
 * `joined` / `space_after` agree with the bytes around the token. */
static inline void assert_offsets_consistent(const dyad_document *d) {
    uint32_t previous_end = 0;
    for (size_t s = 0; s < d->sentence_count; s++) {
        const dyad_sentence *sentence = &d->sentences[s];
        assert_true(sentence->token_count > 0);
        assert_int_equal(sentence->start, sentence->tokens[0].start);
        assert_int_equal(sentence->end, sentence->tokens[sentence->token_count - 1].end);
        for (uint32_t t = 0; t < sentence->token_count; t++) {
            const dyad_token *token = &sentence->tokens[t];
            assert_true(token->start < token->end);
            assert_true(token->start >= previous_end);
            assert_int_equal(strlen(token->text), token->end - token->start);
            assert_memory_equal(token->text, d->text + token->start, token->end - token->start);
            bool space_before = token->start > 0 && strchr(" \n\t", d->text[token->start - 1]);
            if (token->joined) assert_false(space_before);
            bool space_after = token->end < d->text_length && strchr(" \n\t", d->text[token->end]);
            assert_int_equal(token->space_after, space_after);
            assert_int_equal(token->head, -1);
            assert_null(token->upos);
            previous_end = token->end;
        }
    }
}

#endif
