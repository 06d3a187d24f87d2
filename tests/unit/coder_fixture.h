/* Helpers for the coder tests: documents built from sentences annotated
 * by hand (a compact CoNLL-U: "ID FORM LEMMA UPOS HEAD DEPREL" per line)
 * and actor mentions given by token range, so that the coder can be
 * tested before the parser and the actor stage are in the pipeline. */
#ifndef DYAD_TESTS_CODER_FIXTURE_H
#define DYAD_TESTS_CODER_FIXTURE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "util/arena.h"

typedef struct fixture_mention {
    int sentence;             /* 0-based */
    int first, last;          /* 1-based token ids, inclusive */
    const char *code;         /* NULL: an unresolved name */
    int group;                /* compound id or -1 */
    int antecedent;           /* index of an earlier mention, or -1 */
} fixture_mention;

/* sentences: NULL-terminated array of annotated sentences; a HEAD of "_"
 * leaves the sentence unparsed (head -1, no relation). */
static dyad_document *fixture_document(dyad_arena *arena, const char *const *sentences,
                                       const fixture_mention *mentions, size_t mention_count,
                                       const char *date) {
    size_t sentence_count = 0;
    while (sentences[sentence_count]) sentence_count++;
    char text[8192] = "";
    size_t used = 0;
    dyad_sentence *out = arena_calloc(arena, sentence_count, sizeof *out);
    for (size_t s = 0; s < sentence_count; s++) {
        dyad_token tokens[256];
        uint32_t count = 0;
        char copy[4096];
        snprintf(copy, sizeof copy, "%s", sentences[s]);
        char *save = NULL;
        uint32_t sentence_start = (uint32_t)used;
        for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            char form[128], lemma[128], upos[16], head[16], deprel[32];
            int id;
            if (sscanf(line, "%d %127s %127s %15s %15s %31s", &id, form, lemma, upos, head, deprel) != 6)
                continue;
            dyad_token *token = &tokens[count++];
            memset(token, 0, sizeof *token);
            if (used && text[used - 1] != ' ' && strcmp(form, ".") && strcmp(form, ",") &&
                strcmp(form, "'s") && strcmp(form, "n't"))
                text[used++] = ' ';
            else if (used && text[used - 1] == ' ' &&
                     (!strcmp(form, ".") || !strcmp(form, ",") || !strcmp(form, "'s") || !strcmp(form, "n't")))
                used--;
            token->start = (uint32_t)used;
            memcpy(text + used, form, strlen(form));
            used += strlen(form);
            token->end = (uint32_t)used;
            text[used++] = ' ';
            token->text = arena_strdup(arena, form);
            token->lemma = arena_strdup(arena, lemma);
            /* "VERB/VBG": a Penn tag after the universal one */
            char *penn = strchr(upos, '/');
            if (penn) *penn++ = '\0';
            token->upos = arena_strdup(arena, upos);
            token->xpos = penn ? arena_strdup(arena, penn) : NULL;
            token->head = strcmp(head, "_") ? atoi(head) : -1;
            token->deprel = strcmp(head, "_") ? arena_strdup(arena, deprel) : NULL;
        }
        out[s].index = (uint32_t)s;
        out[s].start = sentence_start;
        out[s].end = count ? tokens[count - 1].end : sentence_start;
        out[s].tokens = arena_alloc(arena, count * sizeof *tokens);
        memcpy(out[s].tokens, tokens, count * sizeof *tokens);
        out[s].token_count = count;
    }
    while (used && text[used - 1] == ' ') used--;
    text[used] = '\0';
    dyad_document *document = dyad_document_new(arena, text, used, "test", date);
    document->text = document->raw_text;
    document->text_length = document->raw_length;
    document->sentences = out;
    document->sentence_count = sentence_count;
    document->mentions = arena_calloc(arena, mention_count ? mention_count : 1, sizeof *document->mentions);
    for (size_t m = 0; m < mention_count; m++) {
        const fixture_mention *spec = &mentions[m];
        dyad_mention *mention = &document->mentions[m];
        const dyad_sentence *sentence = &out[spec->sentence];
        mention->sentence = (uint32_t)spec->sentence;
        mention->first_token = (uint32_t)(spec->first - 1);
        mention->last_token = (uint32_t)(spec->last - 1);
        mention->start = sentence->tokens[spec->first - 1].start;
        mention->end = sentence->tokens[spec->last - 1].end;
        mention->text = arena_strndup(arena, document->text + mention->start, mention->end - mention->start);
        mention->code = spec->code ? arena_strdup(arena, spec->code) : NULL;
        mention->country = spec->code ? arena_strndup(arena, spec->code, 3) : NULL;
        mention->sector = spec->code && strlen(spec->code) > 3 ? arena_strdup(arena, spec->code + 3) : NULL;
        mention->kind = spec->code ? DYAD_ACTOR_STATE : DYAD_ACTOR_UNKNOWN;
        mention->group = spec->group;
        mention->antecedent = spec->antecedent;
    }
    document->mention_count = mention_count;
    return document;
}

/* The data directory of the source tree the tests were built from. */
static char *fixture_data_dir(void) {
    const char *root = getenv("DYAD_SOURCE_ROOT");
    char *path = malloc(4096);
    snprintf(path, 4096, "%s/data", root ? root : ".");
    return path;
}

/* The document's event with these codes (target NULL: an event without
 * one), or NULL; negated events count only when `negated_too`. */
static const dyad_event *fixture_find_event(const dyad_document *d, const char *source,
                                            const char *target, const char *cameo,
                                            bool negated_too) {
    for (size_t i = 0; i < d->event_count; i++) {
        const dyad_event *e = &d->events[i];
        if ((e->negated && !negated_too) || strcmp(e->source.code, source) != 0 ||
            strcmp(e->cameo, cameo) != 0)
            continue;
        if (target ? (e->has_target && strcmp(e->target.code, target) == 0) : !e->has_target) return e;
    }
    return NULL;
}

/* A mention of sentence s, tokens a..b (1-based), code c, no group or antecedent. */
#define M(s, a, b, c) {s, a, b, c, -1, -1}

#endif
