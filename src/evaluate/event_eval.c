/*
 * event_eval.c — see event_eval.h.
 */
#include "event_eval.h"
#include "../util/text_file.h"
#include "../util/arena.h"
#include "../util/buffer.h"
#include "../util/error.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_TRIPLES = 64, TRIPLE_SIZE = 48 };

typedef struct triple_set {
    char items[MAX_TRIPLES][TRIPLE_SIZE];
    size_t count;
} triple_set;

static bool set_contains(const triple_set *set, const char *triple) {
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->items[i], triple) == 0) return true;
    return false;
}

static void set_add(triple_set *set, const char *triple) {
    if (set->count < MAX_TRIPLES && !set_contains(set, triple))
        snprintf(set->items[set->count++], TRIPLE_SIZE, "%s", triple);
}

/* One annotated sentence, while it is being read. */
typedef struct gold_item {
    char *text;
    long line;
    char date[11];
    triple_set expected;
    bool none;                /* "= none" */
    bool has_answer;          /* some "=" line was read */
} gold_item;

static void collect_events(const dyad_document *document, triple_set *out) {
    out->count = 0;
    for (size_t i = 0; i < document->event_count; i++) {
        const dyad_event *event = &document->events[i];
        if (event->negated || !event->has_target || !event->source.country ||
            !event->target.country || !event->root[0])
            continue;
        char triple[TRIPLE_SIZE];
        snprintf(triple, sizeof triple, "%s %s %s", event->source.country, event->root,
                 event->target.country);
        set_add(out, triple);
    }
}

static dyad_status score_item(const dyad_resources *resources, const gold_item *item,
                              const char *path, dyad_arena *arena, event_eval_result *result,
                              dyad_buffer *report, dyad_error *error) {
    if (!item->has_answer)
        return error_set(error, DYAD_ERR_FORMAT, path, item->line, -1,
                         "a sentence without '= SOURCE ROOT TARGET' or '= none' lines");
    if (item->none && item->expected.count)
        return error_set(error, DYAD_ERR_FORMAT, path, item->line, -1,
                         "'= none' together with expected events");
    dyad_arena_reset(arena);
    dyad_document *document = dyad_document_new(arena, item->text, strlen(item->text), "gold",
                                                 item->date[0] ? item->date : NULL);
    if (!document) return error_set(error, DYAD_ERR_MEMORY, path, item->line, -1, "out of memory");
    dyad_status status = dyad_process(resources, document, 0, error);
    if (status != DYAD_OK) {
        error->line = item->line;
        snprintf(error->file, sizeof error->file, "%s", path);
        return status;
    }
    triple_set produced;
    collect_events(document, &produced);
    result->sentences++;
    size_t right = 0;
    for (size_t i = 0; i < produced.count; i++)
        if (set_contains(&item->expected, produced.items[i])) right++;
    result->true_positive += right;
    result->false_positive += produced.count - right;
    result->false_negative += item->expected.count - right;
    if (item->none) {
        result->none_sentences++;
        result->none_events += produced.count;
        if (produced.count) result->none_sentences_coded++;
    }
    bool exact = right == produced.count && right == item->expected.count;
    if (report && !exact) {
        bool ok = buffer_printf(report, "%s:%ld: %s\n", path, item->line, item->text);
        for (size_t i = 0; ok && i < item->expected.count; i++)
            if (!set_contains(&produced, item->expected.items[i]))
                ok = buffer_printf(report, "  missed   %s\n", item->expected.items[i]);
        for (size_t i = 0; ok && i < produced.count; i++)
            if (!set_contains(&item->expected, produced.items[i]))
                ok = buffer_printf(report, "  extra    %s\n", produced.items[i]);
        for (size_t i = 0; ok && i < document->event_count; i++) {
            const dyad_event *event = &document->events[i];
            ok = buffer_printf(report, "  event    %s %s %s%s \"%s\" %s\n",
                               event->source.code ? event->source.code : "-", event->cameo,
                               event->has_target && event->target.code ? event->target.code : "-",
                               event->negated ? " (negated)" : "", event->trigger_text,
                               event->pattern ? event->pattern : "");
        }
        if (!ok) return error_set(error, DYAD_ERR_MEMORY, path, item->line, -1, "out of memory");
    }
    return DYAD_OK;
}

/* "= RUS 04 UKR" or "= none" into item. */
static dyad_status read_answer(char *line, const char *path, long number, gold_item *item,
                               dyad_error *error) {
    char source[16], root[16], target[16], extra[2];
    const char *text = line + 1;
    while (*text == ' ' || *text == '\t') text++;
    item->has_answer = true;
    if (strncmp(text, "none", 4) == 0 && !text[4 + strspn(text + 4, " \t\r")]) {
        item->none = true;
        return DYAD_OK;
    }
    if (sscanf(text, "%15s %15s %15s %1s", source, root, target, extra) != 3 ||
        strlen(root) != 2 || !isdigit((unsigned char)root[0]) || !isdigit((unsigned char)root[1]))
        return error_set(error, DYAD_ERR_FORMAT, path, number, -1,
                         "expected '= SOURCE ROOT TARGET' (ROOT two digits) or '= none'");
    if (item->expected.count == MAX_TRIPLES)
        return error_set(error, DYAD_ERR_LIMIT, path, number, -1, "more than %d events",
                         MAX_TRIPLES);
    char triple[TRIPLE_SIZE];
    snprintf(triple, sizeof triple, "%s %s %s", source, root, target);
    set_add(&item->expected, triple);
    return DYAD_OK;
}

dyad_status event_eval_file(const dyad_resources *resources, const char *path,
                            event_eval_result *result, dyad_buffer *report, dyad_error *error) {
    memset(result, 0, sizeof *result);
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    if (status != DYAD_OK) return status;
    dyad_arena *arena = dyad_arena_new();
    gold_item *item = calloc(1, sizeof *item);
    if (!arena || !item) status = error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    char date[11] = "";
    char *line;
    while (status == DYAD_OK && (line = text_file_next(&file))) {
        char *text = text_trim(line);
        if (!*text || text[0] == '#') continue;
        if (text[0] == '@') {
            if (strncmp(text, "@date ", 6) != 0 || strlen(text_trim(text + 6)) != 10) {
                status = error_set(error, DYAD_ERR_FORMAT, path, file.line, -1,
                                   "expected '@date YYYY-MM-DD'");
                break;
            }
            snprintf(date, sizeof date, "%s", text_trim(text + 6));
            continue;
        }
        if (text[0] == '=') {
            if (!item->text) {
                status = error_set(error, DYAD_ERR_FORMAT, path, file.line, -1,
                                   "an answer line before any sentence");
                break;
            }
            status = read_answer(text, path, file.line, item, error);
            continue;
        }
        if (item->text) {
            status = score_item(resources, item, path, arena, result, report, error);
            free(item->text);
            memset(item, 0, sizeof *item);
            if (status != DYAD_OK) break;
        }
        item->text = strdup(text);
        item->line = file.line;
        snprintf(item->date, sizeof item->date, "%s", date);
        if (!item->text) status = error_set(error, DYAD_ERR_MEMORY, path, file.line, -1, "out of memory");
    }
    if (status == DYAD_OK && item && item->text)
        status = score_item(resources, item, path, arena, result, report, error);
    if (item) free(item->text);
    free(item);
    dyad_arena_free(arena);
    text_file_close(&file);
    if (status != DYAD_OK) return status;
    size_t produced = result->true_positive + result->false_positive;
    size_t expected = result->true_positive + result->false_negative;
    result->precision = produced ? (double)result->true_positive / (double)produced : 0.0;
    result->recall = expected ? (double)result->true_positive / (double)expected : 0.0;
    double sum = result->precision + result->recall;
    result->f1 = sum > 0 ? 2 * result->precision * result->recall / sum : 0.0;
    return DYAD_OK;
}
