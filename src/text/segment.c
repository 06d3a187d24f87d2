/*
 * segment.c — see segment.h.
 */
#include "segment.h"
#include "characters.h"
#include "../util/arena.h"
#include "../util/error.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct segment_resources {
    tokenizer *tokenizer;
    sentence_model *model;   /* NULL: rules only */
};

dyad_status segment_resources_load_model(const char *data_dir, const char *model_path,
                                         segment_resources **out, dyad_error *error) {
    *out = NULL;
    if (!data_dir)
        return error_set(error, DYAD_ERR_USAGE, NULL, 0, -1, "no data directory for the segmenter");
    segment_resources *resources = calloc(1, sizeof *resources);
    if (!resources) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    dyad_status status = tokenizer_load(data_dir, &resources->tokenizer, error);
    if (status == DYAD_OK && !(model_path && !*model_path)) {
        char path[4096];
        if (!model_path) {
            snprintf(path, sizeof path, "%s/text/sentence.model", data_dir);
            model_path = path;
        }
        status = sentence_model_load(model_path, &resources->model, error);
    }
    if (status != DYAD_OK) {
        segment_resources_free(resources);
        return status;
    }
    *out = resources;
    return DYAD_OK;
}

dyad_status segment_resources_load(const char *data_dir, segment_resources **out,
                                   dyad_error *error) {
    return segment_resources_load_model(data_dir, NULL, out, error);
}

void segment_resources_free(segment_resources *resources) {
    if (!resources) return;
    tokenizer_free(resources->tokenizer);
    sentence_model_free(resources->model);
    free(resources);
}

const tokenizer *segment_tokenizer(const segment_resources *resources) {
    return resources->tokenizer;
}

/* A sentence that ends on an abbreviation gives its full stop to the
 * sentence: "Co." -> "Co" + ".". */
static bool ends_with_detachable_stop(const char *text, const token_span *token) {
    return token->end - token->start >= 2 && text[token->end - 1] == '.' &&
           text[token->end - 2] != '.' &&
           (token->flags & (TOKEN_TITLE | TOKEN_ABBREVIATION | TOKEN_INITIAL | TOKEN_ACRONYM));
}

static inline void make_token(dyad_token *token, const token_span *span, uint32_t start,
                              uint32_t end, char **pool, const char *text) {
    size_t length = end - start;
    char *copy = *pool;
    memcpy(copy, text + start, length);
    copy[length] = '\0';
    *pool += length + 1;
    *token = (dyad_token){.text = copy, .start = start, .end = end,
                          .space_after = span->space_after, .joined = span->joined,
                          .head = -1};
}

typedef struct segment_scratch {
    token_list tokens;
    uint8_t *boundary;
    size_t boundary_capacity;
} segment_scratch;

static dyad_status add_sentences(dyad_document *d, size_t paragraph_index,
                                 const segment_scratch *scratch, size_t *capacity) {
    dyad_arena *arena = d->arena;
    const dyad_paragraph *paragraph = &d->paragraphs[paragraph_index];
    const token_span *spans = scratch->tokens.items;
    size_t count = scratch->tokens.count;
    /* every token's text, NUL-terminated, in one block: at most the
     * paragraph's bytes plus a NUL and a split-off full stop per token */
    size_t pool_size = (paragraph->end - paragraph->start) + 2 * count + 1;
    char *pool = arena_alloc(arena, pool_size);
    if (!pool) return DYAD_ERR_MEMORY;
    size_t first = 0;
    for (size_t i = 0; i < count; i++) {
        if (!scratch->boundary[i]) continue;
        bool detach = ends_with_detachable_stop(d->text, &spans[i]);
        size_t token_count = i + 1 - first + detach;
        dyad_token *tokens = arena_alloc(arena, token_count * sizeof *tokens);
        if (!tokens) return DYAD_ERR_MEMORY;
        for (size_t t = first; t <= i; t++) {
            uint32_t end = t == i && detach ? spans[t].end - 1 : spans[t].end;
            make_token(&tokens[t - first], &spans[t], spans[t].start, end, &pool, d->text);
        }
        if (detach) {
            tokens[i - first].space_after = 0;
            dyad_token *stop = &tokens[token_count - 1];
            make_token(stop, &spans[i], spans[i].end - 1, spans[i].end, &pool, d->text);
            stop->joined = 1;
        }
        if (d->sentence_count == *capacity) {
            d->sentences = arena_grow(arena, d->sentences, capacity, sizeof *d->sentences);
            if (!d->sentences) return DYAD_ERR_MEMORY;
        }
        dyad_sentence *sentence = &d->sentences[d->sentence_count];
        sentence->index = (uint32_t)d->sentence_count++;
        sentence->start = spans[first].start;
        sentence->end = spans[i].end;
        sentence->paragraph = (uint32_t)paragraph_index;
        sentence->heading = paragraph->heading;
        sentence->tokens = tokens;
        sentence->token_count = (uint32_t)token_count;
        first = i + 1;
    }
    return DYAD_OK;
}

dyad_status segment_document(const segment_resources *resources, dyad_document *d,
                             dyad_error *error) {
    dyad_arena *arena = d->arena;
    d->sentences = NULL;
    d->sentence_count = 0;
    if (d->text_length > UINT32_MAX - 1)
        return error_set(error, DYAD_ERR_LIMIT, d->origin, d->origin_line, -1,
                         "text of %zu bytes is over the 4 GiB limit", d->text_length);
    size_t capacity = 0;
    segment_scratch scratch = {{0}, NULL, 0};
    for (size_t p = 0; p < d->paragraph_count; p++) {
        const dyad_paragraph *paragraph = &d->paragraphs[p];
        scratch.tokens.count = 0;
        if (paragraph->end > d->text_length || paragraph->start > paragraph->end)
            return error_set(error, DYAD_ERR_USAGE, d->origin, d->origin_line, paragraph->start,
                             "paragraph %zu lies outside the text", p);
        if (tokenize_range(resources->tokenizer, d->text, paragraph->start, paragraph->end, arena,
                           &scratch.tokens) != DYAD_OK)
            return error_set(error, DYAD_ERR_MEMORY, d->origin, d->origin_line, -1, "out of memory");
        size_t count = scratch.tokens.count;
        if (!count) continue;
        /* white space after the paragraph counts for its last token */
        token_span *last = &scratch.tokens.items[count - 1];
        if (last->end < d->text_length) {
            character after = character_at(d->text, last->end, d->text_length);
            last->space_after = after.kind == CHARACTER_SPACE;
        }
        if (count > scratch.boundary_capacity) {
            scratch.boundary_capacity = count + count / 2;
            scratch.boundary = arena_alloc(arena, scratch.boundary_capacity);
            if (!scratch.boundary)
                return error_set(error, DYAD_ERR_MEMORY, d->origin, d->origin_line, -1,
                                 "out of memory");
        }
        if (sentence_boundaries(resources->model, d->text, scratch.tokens.items, count,
                                paragraph->heading, scratch.boundary, arena) != DYAD_OK ||
            add_sentences(d, p, &scratch, &capacity) != DYAD_OK)
            return error_set(error, DYAD_ERR_MEMORY, d->origin, d->origin_line, -1, "out of memory");
    }
    return DYAD_OK;
}
