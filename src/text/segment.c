/*
 * segment.c — see segment.h.  First version: sentences end at . ! ? before
 * white space; tokens are runs of letters/digits or single punctuation.
 */
#include "segment.h"
#include "../util/arena.h"
#include "../util/error.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct segment_resources {
    int unused;
};

dyad_status segment_resources_load(const char *data_dir, segment_resources **out,
                                   dyad_error *error) {
    (void)data_dir;
    *out = calloc(1, sizeof **out);
    if (!*out) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    return DYAD_OK;
}

void segment_resources_free(segment_resources *resources) {
    free(resources);
}

static bool is_word_byte(unsigned char c) {
    return isalnum(c) || c >= 0x80;
}

static dyad_status add_sentence(dyad_document *d, size_t *capacity, uint32_t start, uint32_t end,
                                uint32_t paragraph, bool heading) {
    dyad_arena *arena = d->arena;
    const char *t = d->text;
    while (start < end && isspace((unsigned char)t[start])) start++;
    while (end > start && isspace((unsigned char)t[end - 1])) end--;
    if (start == end) return DYAD_OK;
    if (d->sentence_count == *capacity) {
        d->sentences = arena_grow(arena, d->sentences, capacity, sizeof *d->sentences);
        if (!d->sentences) return DYAD_ERR_MEMORY;
    }
    dyad_sentence *s = &d->sentences[d->sentence_count];
    memset(s, 0, sizeof *s);
    s->index = (uint32_t)d->sentence_count++;
    s->start = start;
    s->end = end;
    s->paragraph = paragraph;
    s->heading = heading;
    size_t token_capacity = 0;
    uint32_t i = start;
    while (i < end) {
        if (isspace((unsigned char)t[i])) {
            i++;
            continue;
        }
        uint32_t j = i + 1;
        if (is_word_byte((unsigned char)t[i]))
            while (j < end && is_word_byte((unsigned char)t[j])) j++;
        if (s->token_count == token_capacity) {
            s->tokens = arena_grow(arena, s->tokens, &token_capacity, sizeof *s->tokens);
            if (!s->tokens) return DYAD_ERR_MEMORY;
        }
        dyad_token *token = &s->tokens[s->token_count++];
        memset(token, 0, sizeof *token);
        token->text = arena_strndup(arena, t + i, j - i);
        token->start = i;
        token->end = j;
        token->head = -1;
        token->joined = i > start && !isspace((unsigned char)t[i - 1]);
        token->space_after = j < end && isspace((unsigned char)t[j]);
        i = j;
    }
    return DYAD_OK;
}

dyad_status segment_document(const segment_resources *resources, dyad_document *d,
                             dyad_error *error) {
    (void)resources;
    size_t capacity = 0;
    for (size_t p = 0; p < d->paragraph_count; p++) {
        const dyad_paragraph *paragraph = &d->paragraphs[p];
        uint32_t start = paragraph->start;
        for (uint32_t i = paragraph->start; i < paragraph->end; i++) {
            char c = d->text[i];
            bool boundary = !paragraph->heading && (c == '.' || c == '!' || c == '?') &&
                            (i + 1 == paragraph->end || isspace((unsigned char)d->text[i + 1]));
            if (!boundary) continue;
            if (add_sentence(d, &capacity, start, i + 1, (uint32_t)p, false) != DYAD_OK)
                return error_set(error, DYAD_ERR_MEMORY, d->origin, 0, -1, "out of memory");
            start = i + 1;
        }
        if (add_sentence(d, &capacity, start, paragraph->end, (uint32_t)p, paragraph->heading) !=
            DYAD_OK)
            return error_set(error, DYAD_ERR_MEMORY, d->origin, 0, -1, "out of memory");
    }
    return DYAD_OK;
}
