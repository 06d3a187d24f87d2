/*
 * actor_eval.c — see actor_eval.h.
 */
#include "actor_eval.h"
#include "../util/buffer.h"
#include "../util/clock.h"
#include "../util/error.h"
#include "../util/text_file.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct gold_mention {
    size_t start, end;       /* in the article text as built; then in the cleaned text */
    char text[256];
    char code[32];
    char label[32];
    char mark;               /* '#', '=', '&' or 0 */
    bool aligned;
    int32_t predicted;       /* the matched mention, -1 if none */
} gold_mention;

typedef struct gold_article {
    char id[128];
    char date[16];
    dyad_buffer text;
    gold_mention *mentions;
    size_t mention_count, mention_capacity;
} gold_article;

static void article_reset(gold_article *article) {
    article->id[0] = article->date[0] = '\0';
    buffer_clear(&article->text);
    article->mention_count = 0;
}

static bool add_gold(gold_article *article, gold_mention *mention) {
    if (article->mention_count == article->mention_capacity) {
        size_t capacity = article->mention_capacity ? article->mention_capacity * 2 : 64;
        gold_mention *bigger = realloc(article->mentions, capacity * sizeof *bigger);
        if (!bigger) return false;
        article->mentions = bigger;
        article->mention_capacity = capacity;
    }
    article->mentions[article->mention_count++] = *mention;
    return true;
}

static void copy_field(char *out, size_t size, const char *text, size_t length) {
    while (length && (*text == ' ')) {
        text++;
        length--;
    }
    while (length && text[length - 1] == ' ') length--;
    if (length >= size) length = size - 1;
    memcpy(out, text, length);
    out[length] = '\0';
}

/* Appends one line of body text, turning [text|CODE|label] into text and
 * a gold mention. */
static dyad_status add_body_line(gold_article *article, const char *line, size_t length,
                                 const char *path, long line_number, dyad_error *error) {
    size_t i = 0;
    while (i < length) {
        const char *open = memchr(line + i, '[', length - i);
        size_t plain = open ? (size_t)(open - line) - i : length - i;
        if (!buffer_append(&article->text, line + i, plain))
            return error_set(error, DYAD_ERR_MEMORY, path, line_number, -1, "out of memory");
        i += plain;
        if (!open) break;
        const char *close = memchr(open, ']', length - (size_t)(open - line));
        const char *bar = close ? memchr(open, '|', (size_t)(close - open)) : NULL;
        if (!close || !bar)
            return error_set(error, DYAD_ERR_FORMAT, path, line_number, -1,
                             "annotation without '|' or ']'");
        gold_mention mention;
        memset(&mention, 0, sizeof mention);
        mention.predicted = -1;
        size_t text_length = (size_t)(bar - open - 1);
        copy_field(mention.text, sizeof mention.text, open + 1, text_length);
        const char *second = memchr(bar + 1, '|', (size_t)(close - bar - 1));
        const char *code_end = second ? second : close;
        copy_field(mention.code, sizeof mention.code, bar + 1, (size_t)(code_end - bar - 1));
        if (second) {
            const char *label = second + 1;
            if (label < close && (*label == '#' || *label == '=' || *label == '&')) {
                mention.mark = *label;
                copy_field(mention.label, sizeof mention.label, label + 1,
                           (size_t)(close - label - 1));
            } else {
                return error_set(error, DYAD_ERR_FORMAT, path, line_number, -1,
                                 "a label starts with '#', '=' or '&'");
            }
        }
        if (!mention.text[0] || !mention.code[0])
            return error_set(error, DYAD_ERR_FORMAT, path, line_number, -1,
                             "empty mention or code");
        mention.start = article->text.length;
        if (!buffer_append(&article->text, open + 1, text_length))
            return error_set(error, DYAD_ERR_MEMORY, path, line_number, -1, "out of memory");
        mention.end = article->text.length;
        if (!add_gold(article, &mention))
            return error_set(error, DYAD_ERR_MEMORY, path, line_number, -1, "out of memory");
        i = (size_t)(close - line) + 1;
    }
    return DYAD_OK;
}

static bool codes_agree(const gold_mention *gold, const dyad_mention *found) {
    if (strcmp(gold->code, "?") == 0) return found->code == NULL;
    if (gold->code[0] == '~')
        return found->code == NULL && found->sector && strcmp(found->sector, gold->code + 1) == 0;
    return found->code && strcmp(found->code, gold->code) == 0;
}

static int32_t root_of(const dyad_document *document, int32_t mention) {
    for (size_t guard = 0; mention >= 0 && guard < document->mention_count; guard++) {
        int32_t antecedent = document->mentions[mention].antecedent;
        if (antecedent < 0) break;
        mention = antecedent;
    }
    return mention;
}

static void report_line(dyad_buffer *report, const char *what, const gold_article *article,
                        const char *format, ...) __attribute__((format(printf, 4, 5)));

static void report_line(dyad_buffer *report, const char *what, const gold_article *article,
                        const char *format, ...) {
    if (!report) return;
    char message[768];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(message, sizeof message, format, arguments);
    va_end(arguments);
    buffer_printf(report, "%-7s %s: %s\n", what, article->id, message);
}

static dyad_status score_article(const dyad_resources *resources, unsigned stages,
                                 gold_article *article, actor_eval_result *result,
                                 dyad_buffer *report, dyad_error *error) {
    dyad_arena *arena = dyad_arena_new();
    if (!arena) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    dyad_document *document =
        dyad_document_new(arena, article->text.data ? article->text.data : "",
                          article->text.length, article->id, article->date[0] ? article->date : NULL);
    double before = clock_seconds(CLOCK_MONOTONIC);
    dyad_status status = document ? dyad_process(resources, document, stages, error)
                                  : error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    double after = clock_seconds(CLOCK_MONOTONIC);
    if (status != DYAD_OK) {
        dyad_arena_free(arena);
        return status;
    }
    result->seconds += after - before;
    for (size_t s = 0; s < document->sentence_count; s++)
        result->tokens += document->sentences[s].token_count;
    result->articles++;

    /* find each gold mention in the cleaned text, in order */
    size_t cursor = 0;
    for (size_t g = 0; g < article->mention_count; g++) {
        gold_mention *gold = &article->mentions[g];
        const char *found = document->text && cursor <= document->text_length
                                ? strstr(document->text + cursor, gold->text)
                                : NULL;
        gold->aligned = found != NULL;
        if (!found) {
            result->unaligned++;
            report_line(report, "UNALIGNED", article, "'%s' is not in the cleaned text",
                        gold->text);
            continue;
        }
        gold->start = (size_t)(found - document->text);
        gold->end = gold->start + strlen(gold->text);
        cursor = gold->end;
    }

    bool *used = calloc(document->mention_count + 1, sizeof *used);
    if (!used) {
        dyad_arena_free(arena);
        return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    }
    result->gold += article->mention_count;
    result->predicted += document->mention_count;
    for (size_t g = 0; g < article->mention_count; g++) {
        gold_mention *gold = &article->mentions[g];
        if (!gold->aligned) continue;
        int32_t overlapping = -1;
        for (size_t m = 0; m < document->mention_count; m++) {
            const dyad_mention *mention = &document->mentions[m];
            if (used[m] || mention->end <= gold->start || mention->start >= gold->end) continue;
            if (codes_agree(gold, mention)) {
                gold->predicted = (int32_t)m;
                used[m] = true;
                break;
            }
            if (overlapping < 0) overlapping = (int32_t)m;
        }
        if (gold->predicted >= 0) {
            result->matched++;
        } else if (overlapping >= 0) {
            const dyad_mention *mention = &document->mentions[overlapping];
            report_line(report, "WRONG", article, "'%s' want %s, got '%s' %s (sector %s)",
                        gold->text, gold->code, mention->text,
                        mention->code ? mention->code : "null",
                        mention->sector ? mention->sector : "null");
        } else {
            report_line(report, "MISSING", article, "'%s' want %s", gold->text, gold->code);
        }
    }
    for (size_t m = 0; m < document->mention_count; m++) {
        if (used[m]) continue;
        const dyad_mention *mention = &document->mentions[m];
        bool overlaps_gold = false;
        for (size_t g = 0; g < article->mention_count && !overlaps_gold; g++) {
            const gold_mention *gold = &article->mentions[g];
            overlaps_gold = gold->aligned && gold->predicted < 0 &&
                            mention->end > gold->start && mention->start < gold->end;
        }
        if (!overlaps_gold)
            report_line(report, "EXTRA", article, "'%s' %s (sector %s)", mention->text,
                        mention->code ? mention->code : "null",
                        mention->sector ? mention->sector : "null");
    }
    free(used);

    /* links: compounds and coreference */
    for (size_t g = 0; g < article->mention_count; g++) {
        const gold_mention *gold = &article->mentions[g];
        if (gold->mark == '&') {
            /* a link to the next member of the same compound */
            for (size_t h = g + 1; h < article->mention_count; h++) {
                const gold_mention *next = &article->mentions[h];
                if (next->mark != '&' || strcmp(next->label, gold->label) != 0) continue;
                result->group_links++;
                if (gold->predicted >= 0 && next->predicted >= 0) {
                    int32_t a = document->mentions[gold->predicted].group;
                    int32_t b = document->mentions[next->predicted].group;
                    if (a >= 0 && a == b) result->group_links_found++;
                    else
                        report_line(report, "GROUP", article, "'%s' and '%s' not grouped",
                                    gold->text, next->text);
                }
                break;
            }
        } else if (gold->mark == '=') {
            result->coreference_links++;
            const gold_mention *target = NULL;
            for (size_t h = 0; h < g; h++)
                if (article->mentions[h].mark == '#' &&
                    strcmp(article->mentions[h].label, gold->label) == 0)
                    target = &article->mentions[h];
            bool found = target && gold->predicted >= 0 && target->predicted >= 0 &&
                         root_of(document, gold->predicted) ==
                             root_of(document, target->predicted);
            if (found) result->coreference_links_found++;
            else
                report_line(report, "COREF", article, "'%s' does not refer back to '%s'",
                            gold->text, target ? target->text : gold->label);
        }
    }
    dyad_arena_free(arena);
    return DYAD_OK;
}

dyad_status actor_eval_file(const dyad_resources *resources, unsigned stages, const char *path,
                            actor_eval_result *result, dyad_buffer *report, dyad_error *error) {
    memset(result, 0, sizeof *result);
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    if (status != DYAD_OK) return status;
    gold_article article;
    memset(&article, 0, sizeof article);
    bool open = false, blank = false;
    while (status == DYAD_OK) {
        char *line = text_file_next(&file);
        long line_number = file.line;
        bool end = line == NULL;
        if (!end) {
            size_t length = strlen(line);
            while (length && line[length - 1] == '\r') line[--length] = '\0';
        }
        if (!end && line[0] == '#') continue;
        if (end || strncmp(line, "@article", 8) == 0) {
            if (open) status = score_article(resources, stages, &article, result, report, error);
            if (end || status != DYAD_OK) break;
            article_reset(&article);
            char id[128] = "", date[16] = "";
            int fields = sscanf(line + 8, "%127s %15s", id, date);
            if (fields < 1) {
                status = error_set(error, DYAD_ERR_FORMAT, path, line_number, -1,
                                   "@article needs an id");
                break;
            }
            memcpy(article.id, id, sizeof id);
            if (fields == 2 && strcmp(date, "-") != 0) memcpy(article.date, date, sizeof date);
            open = true;
            blank = false;
            continue;
        }
        const char *text = line;
        while (*text == ' ' || *text == '\t') text++;
        if (!*text) {
            blank = true;
            continue;
        }
        if (!open) {
            status = error_set(error, DYAD_ERR_FORMAT, path, line_number, -1,
                               "text before the first @article");
            break;
        }
        if (article.text.length) {
            bool ok = blank ? buffer_append_string(&article.text, "\n\n")
                            : buffer_append_char(&article.text, ' ');
            if (!ok) status = error_set(error, DYAD_ERR_MEMORY, path, line_number, -1, "out of memory");
        }
        blank = false;
        size_t text_length = strlen(text);
        while (text_length && text[text_length - 1] == ' ') text_length--;
        if (status == DYAD_OK)
            status = add_body_line(&article, text, text_length, path, line_number, error);
    }
    text_file_close(&file);
    dyad_buffer_free(&article.text);
    free(article.mentions);
    return status;
}
