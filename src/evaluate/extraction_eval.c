/*
 * extraction_eval.c — see extraction_eval.h.
 */
#include "extraction_eval.h"
#include "../util/arena.h"
#include "../util/buffer.h"
#include "../util/clock.h"
#include "../util/error.h"
#include "../util/text_file.h"

#include <ctype.h>
#include <stdarg.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef struct gold_item {
    char kind;                /* q r n d p */
    uint32_t start, end;
    const char *speaker;
    bool has_value, has_range;
    double value, low, high;
    const char *unit, *category;
    const char *value_text;   /* dates: "2025-12-03" or NULL for null */
    const char *country;      /* places: NULL for "-" */
    bool matched;
} gold_item;

typedef struct gold_article {
    char id[128];
    char date[32];
    dyad_buffer raw;          /* the body with markup, paragraphs joined */
    dyad_buffer text;         /* the body without markup */
    gold_item *items;
    size_t count, capacity;
} gold_article;

double extraction_precision(const extraction_score *score) {
    return score->found ? (double)score->correct / (double)score->found : 1.0;
}

double extraction_recall(const extraction_score *score) {
    return score->gold ? (double)score->correct / (double)score->gold : 1.0;
}

/* -------------------------------------------------------- gold parsing */

static gold_item *add_item(gold_article *a) {
    if (a->count == a->capacity) {
        size_t capacity = a->capacity ? a->capacity * 2 : 64;
        gold_item *bigger = realloc(a->items, capacity * sizeof *bigger);
        if (!bigger) return NULL;
        a->items = bigger;
        a->capacity = capacity;
    }
    gold_item *item = &a->items[a->count++];
    memset(item, 0, sizeof *item);
    return item;
}

static void free_article(gold_article *a) {
    for (size_t i = 0; i < a->count; i++) {
        free((char *)a->items[i].speaker);
        free((char *)a->items[i].unit);
        free((char *)a->items[i].category);
        free((char *)a->items[i].value_text);
        free((char *)a->items[i].country);
    }
    free(a->items);
    dyad_buffer_free(&a->raw);
    dyad_buffer_free(&a->text);
    memset(a, 0, sizeof *a);
}

static dyad_status gold_error(dyad_error *error, const char *path, const gold_article *a,
                              const char *what) {
    return error_set(error, DYAD_ERR_FORMAT, path, 0, -1, "article %s: %s", a->id, what);
}

/* Parses "kind key=value key="two words"" into item. */
static bool parse_header(const char *header, size_t length, gold_item *item) {
    char copy[512];
    if (length >= sizeof copy) return false;
    memcpy(copy, header, length);
    copy[length] = '\0';
    char *cursor = copy;
    while (*cursor == ' ') cursor++;
    char kind = *cursor++;
    if (!strchr("qrndp", kind) || (*cursor && *cursor != ' ')) return false;
    item->kind = kind;
    while (*cursor) {
        while (*cursor == ' ') cursor++;
        if (!*cursor) break;
        char *key = cursor;
        char *equals = strchr(cursor, '=');
        if (!equals) return false;
        *equals = '\0';
        char *value = equals + 1, *end;
        if (*value == '"') {
            value++;
            end = strchr(value, '"');
            if (!end) return false;
            *end = '\0';
            cursor = end + 1;
        } else {
            end = value;
            while (*end && *end != ' ') end++;
            cursor = *end ? end + 1 : end;
            *end = '\0';
        }
        char *number_end;
        if (strcmp(key, "speaker") == 0) {
            item->speaker = strdup(value);
        } else if (strcmp(key, "v") == 0 && kind == 'n') {
            item->value = strtod(value, &number_end);
            item->has_value = *number_end == '\0';
            if (!item->has_value) return false;
        } else if (strcmp(key, "lo") == 0 || strcmp(key, "hi") == 0) {
            double number = strtod(value, &number_end);
            if (*number_end) return false;
            if (key[0] == 'l') item->low = number;
            else item->high = number;
            item->has_range = true;
        } else if (strcmp(key, "u") == 0) {
            item->unit = strdup(value);
        } else if (strcmp(key, "c") == 0 && kind == 'n') {
            item->category = strdup(value);
        } else if (strcmp(key, "c") == 0 && kind == 'p') {
            item->country = strcmp(value, "-") == 0 ? NULL : strdup(value);
        } else if (strcmp(key, "v") == 0 && kind == 'd') {
            item->value_text = strcmp(value, "null") == 0 ? NULL : strdup(value);
        } else {
            return false;
        }
    }
    if ((kind == 'q' || kind == 'r') && !item->speaker) return false;
    if (kind == 'n' && !item->has_value && !item->has_range) return false;
    return true;
}

/* Strips the markup of a->raw into a->text, recording the items. */
static dyad_status strip_markup(const char *path, gold_article *a, dyad_error *error) {
    enum { MAX_DEPTH = 8 };
    size_t stack[MAX_DEPTH];
    size_t depth = 0;
    const char *s = a->raw.data ? a->raw.data : "";
    size_t n = a->raw.length;
    for (size_t i = 0; i < n;) {
        if (s[i] == '[' && i + 1 < n && s[i + 1] == '[') {
            const char *bar = memchr(s + i + 2, '|', n - i - 2);
            const char *close = strstr(s + i + 2, "]]");
            if (!bar || (close && close < bar)) return gold_error(error, path, a, "[[ without |");
            gold_item *item = add_item(a);
            if (!item) return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
            if (!parse_header(s + i + 2, (size_t)(bar - s - i - 2), item)) {
                char what[300];
                snprintf(what, sizeof what, "bad annotation '%.*s'", (int)(bar - s - i - 2), s + i + 2);
                return gold_error(error, path, a, what);
            }
            if (depth == MAX_DEPTH) return gold_error(error, path, a, "annotations nested too deep");
            item->start = (uint32_t)a->text.length;
            stack[depth++] = a->count - 1;
            i = (size_t)(bar - s) + 1;
            continue;
        }
        if (s[i] == ']' && i + 1 < n && s[i + 1] == ']' && depth) {
            a->items[stack[--depth]].end = (uint32_t)a->text.length;
            i += 2;
            continue;
        }
        if (!buffer_append_char(&a->text, s[i]))
            return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
        i++;
    }
    if (depth) return gold_error(error, path, a, "unclosed [[");
    if (!a->text.data && !buffer_append(&a->text, "", 0))
        return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    return DYAD_OK;
}

/* ------------------------------------------------------------ scoring */

static bool overlaps(uint32_t a_start, uint32_t a_end, uint32_t b_start, uint32_t b_end) {
    return a_start < b_end && b_start < a_end;
}

static bool same_number(double a, double b) {
    if (isinf(a) || isinf(b)) return a == b;
    return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* The last word of text, lower case, into out. */
static void last_word(const char *text, char *out, size_t size) {
    size_t length = strlen(text);
    while (length && !isalnum((unsigned char)text[length - 1]) && (unsigned char)text[length - 1] < 0x80)
        length--;
    size_t start = length;
    while (start && (isalnum((unsigned char)text[start - 1]) || (unsigned char)text[start - 1] >= 0x80 ||
                     text[start - 1] == '-'))
        start--;
    size_t n = length - start < size - 1 ? length - start : size - 1;
    for (size_t i = 0; i < n; i++) out[i] = (char)tolower((unsigned char)text[start + i]);
    out[n] = '\0';
}

/* Does `word` appear as a whole word in text (case-insensitively)? */
static bool has_word(const char *text, const char *word) {
    size_t w = strlen(word);
    if (!w) return false;
    for (const char *p = text; *p; p++) {
        if (strncasecmp(p, word, w) != 0) continue;
        bool left = p == text || !isalnum((unsigned char)p[-1]);
        bool right = !isalnum((unsigned char)p[w]);
        if (left && right) return true;
    }
    return false;
}

static bool same_speaker(const char *gold, const char *found) {
    if (!gold || !found) return false;
    char a[128], b[128];
    last_word(gold, a, sizeof a);
    last_word(found, b, sizeof b);
    return has_word(found, a) || has_word(gold, b);
}

static void describe(char *out, size_t size, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static void describe(char *out, size_t size, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(out, size, format, arguments);
    va_end(arguments);
}

typedef struct scorer {
    const gold_article *article;
    const dyad_document *document;
    extraction_result *result;
    extraction_listener listener;
    void *context;
} scorer;

static void report(const scorer *s, const char *kind, int missed, uint32_t start, uint32_t end,
                   const char *detail) {
    if (!s->listener) return;
    char text[400];
    size_t length = end - start < sizeof text - 1 ? end - start : sizeof text - 1;
    memcpy(text, s->document->text + start, length);
    text[length] = '\0';
    s->listener(s->context, s->article->id, kind, missed, text, detail);
}

static void score_quotes(scorer *s) {
    const dyad_document *d = s->document;
    gold_article *a = (gold_article *)s->article;
    for (size_t i = 0; i < a->count; i++) {
        gold_item *g = &a->items[i];
        if (g->kind != 'q' && g->kind != 'r') continue;
        s->result->quotes.gold++;
    }
    bool *used = calloc(d->quote_count + 1, sizeof *used);
    for (size_t i = 0; used && i < a->count; i++) {
        gold_item *g = &a->items[i];
        if (g->kind != 'q' && g->kind != 'r') continue;
        bool found = false;
        for (size_t k = 0; k < d->quote_count && !found; k++) {
            const dyad_quote *q = &d->quotes[k];
            const char *speaker = q->speaker_name ? q->speaker_name : q->speaker_text;
            if (used[k] || !overlaps(g->start, g->end, q->start, q->end)) continue;
            if ((g->kind == 'q') != (q->direct != 0) || !same_speaker(g->speaker, speaker)) continue;
            used[k] = found = true;
            s->result->quotes.correct++;
        }
        if (!found) {
            char detail[300];
            describe(detail, sizeof detail, "%s speaker=%s", g->kind == 'q' ? "direct" : "reported",
                     g->speaker);
            report(s, "quote", 1, g->start, g->end, detail);
        }
    }
    for (size_t k = 0; used && k < d->quote_count; k++) {
        s->result->quotes.found++;
        if (used[k]) continue;
        const dyad_quote *q = &d->quotes[k];
        char detail[300];
        describe(detail, sizeof detail, "%s speaker=%s cue=%s", q->direct ? "direct" : "reported",
                 q->speaker_name ? q->speaker_name : q->speaker_text ? q->speaker_text : "-",
                 q->cue ? q->cue : "-");
        report(s, "quote", 0, q->start, q->end, detail);
    }
    free(used);
}

static bool number_matches(const gold_item *g, const dyad_number *n) {
    if (g->has_range) return same_number(g->low, n->low) && same_number(g->high, n->high);
    return same_number(g->value, n->value) && same_number(n->low, n->high);
}

static void score_numbers(scorer *s) {
    const dyad_document *d = s->document;
    gold_article *a = (gold_article *)s->article;
    bool *used = calloc(d->number_count + 1, sizeof *used);
    for (size_t i = 0; used && i < a->count; i++) {
        gold_item *g = &a->items[i];
        if (g->kind != 'n') continue;
        s->result->numbers.gold++;
        bool found = false;
        for (size_t k = 0; k < d->number_count && !found; k++) {
            const dyad_number *n = &d->numbers[k];
            if (used[k] || !overlaps(g->start, g->end, n->start, n->end) || !number_matches(g, n))
                continue;
            used[k] = found = true;
            s->result->numbers.correct++;
            if (g->unit) {
                s->result->units_scored++;
                bool right = n->unit && strcmp(n->unit, g->unit) == 0;
                if (right) s->result->units_right++;
                else {
                    char detail[200];
                    describe(detail, sizeof detail, "unit %s, expected %s", n->unit ? n->unit : "-", g->unit);
                    report(s, "figure unit", 1, n->start, n->end, detail);
                }
            }
            if (g->category) {
                s->result->categories_scored++;
                bool right = n->category && strcmp(n->category, g->category) == 0;
                if (right) s->result->categories_right++;
                else {
                    char detail[200];
                    describe(detail, sizeof detail, "category %s, expected %s",
                             n->category ? n->category : "-", g->category);
                    report(s, "figure category", 1, n->start, n->end, detail);
                }
            }
        }
        if (!found) {
            char detail[200];
            if (g->has_range) describe(detail, sizeof detail, "low=%g high=%g", g->low, g->high);
            else describe(detail, sizeof detail, "value=%g", g->value);
            report(s, "figure", 1, g->start, g->end, detail);
        }
    }
    for (size_t k = 0; used && k < d->number_count; k++) {
        s->result->numbers.found++;
        if (used[k]) continue;
        const dyad_number *n = &d->numbers[k];
        char detail[200];
        describe(detail, sizeof detail, "value=%g low=%g high=%g unit=%s", n->value, n->low, n->high,
                 n->unit ? n->unit : "-");
        report(s, "figure", 0, n->start, n->end, detail);
    }
    free(used);
}

static bool same_text(const char *a, const char *b) {
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void score_dates(scorer *s) {
    const dyad_document *d = s->document;
    gold_article *a = (gold_article *)s->article;
    bool *used = calloc(d->date_count + 1, sizeof *used);
    for (size_t i = 0; used && i < a->count; i++) {
        gold_item *g = &a->items[i];
        if (g->kind != 'd') continue;
        s->result->dates.gold++;
        bool found = false;
        for (size_t k = 0; k < d->date_count && !found; k++) {
            const dyad_date_expression *e = &d->dates[k];
            if (used[k] || !overlaps(g->start, g->end, e->start, e->end) || !same_text(g->value_text, e->value))
                continue;
            used[k] = found = true;
            s->result->dates.correct++;
        }
        if (!found) {
            char detail[100];
            describe(detail, sizeof detail, "value=%s", g->value_text ? g->value_text : "null");
            report(s, "date", 1, g->start, g->end, detail);
        }
    }
    for (size_t k = 0; used && k < d->date_count; k++) {
        s->result->dates.found++;
        if (used[k]) continue;
        char detail[100];
        describe(detail, sizeof detail, "value=%s", d->dates[k].value ? d->dates[k].value : "null");
        report(s, "date", 0, d->dates[k].start, d->dates[k].end, detail);
    }
    free(used);
}

static void score_places(scorer *s) {
    const dyad_document *d = s->document;
    gold_article *a = (gold_article *)s->article;
    bool *used = calloc(d->place_count + 1, sizeof *used);
    for (size_t i = 0; used && i < a->count; i++) {
        gold_item *g = &a->items[i];
        if (g->kind != 'p') continue;
        s->result->places.gold++;
        bool found = false;
        for (size_t k = 0; k < d->place_count && !found; k++) {
            const dyad_place *p = &d->places[k];
            if (used[k] || !overlaps(g->start, g->end, p->start, p->end) || !same_text(g->country, p->country))
                continue;
            used[k] = found = true;
            s->result->places.correct++;
        }
        if (!found) {
            char detail[100];
            describe(detail, sizeof detail, "country=%s", g->country ? g->country : "-");
            report(s, "place", 1, g->start, g->end, detail);
        }
    }
    for (size_t k = 0; used && k < d->place_count; k++) {
        s->result->places.found++;
        if (used[k]) continue;
        const dyad_place *p = &d->places[k];
        char detail[200];
        describe(detail, sizeof detail, "country=%s name=%s kind=%s", p->country ? p->country : "-",
                 p->name ? p->name : "-", p->kind ? p->kind : "-");
        report(s, "place", 0, p->start, p->end, detail);
    }
    free(used);
}

/* --------------------------------------------------------------- run */

/* The cleaning stage removes datelines ("TAIPEI — "), credits and debris
 * lines, so the cleaned text can be shorter than the gold text.  Every
 * cleaned paragraph is still a verbatim piece of the gold text, in order:
 * find each one and move the gold spans onto the cleaned offsets.  Gold
 * items inside removed text (a dateline's place) cannot be found by the
 * extractors, which only see the cleaned text; they are set aside
 * (kind 'x') and counted, not scored.  Returns false when a paragraph
 * cannot be found, i.e. cleaning rewrote text rather than removing it. */
static bool map_gold_through_cleaning(gold_article *a, const dyad_document *document,
                                      extraction_result *result) {
    const char *gold = a->text.data;
    size_t gold_length = a->text.length, from = 0;
    size_t count = document->paragraph_count;
    size_t *gold_start = calloc(count ? count : 1, sizeof *gold_start);
    if (!gold_start) return false;
    bool ok = true;
    for (size_t p = 0; p < count && ok; p++) {
        const dyad_paragraph *paragraph = &document->paragraphs[p];
        size_t length = paragraph->end - paragraph->start;
        const char *found = memmem(gold + from, gold_length - from,
                                   document->text + paragraph->start, length);
        ok = found != NULL;
        if (ok) {
            gold_start[p] = (size_t)(found - gold);
            from = gold_start[p] + length;
        }
    }
    for (size_t i = 0; ok && i < a->count; i++) {
        gold_item *item = &a->items[i];
        bool mapped = false;
        for (size_t p = 0; p < count && !mapped; p++) {
            const dyad_paragraph *paragraph = &document->paragraphs[p];
            size_t start = gold_start[p], end = start + paragraph->end - paragraph->start;
            if (item->start >= start && item->end <= end) {
                item->start = (uint32_t)(item->start - start + paragraph->start);
                item->end = (uint32_t)(item->end - start + paragraph->start);
                mapped = true;
            }
        }
        if (!mapped) {
            item->kind = 'x';
            result->gold_in_removed_text++;
        }
    }
    free(gold_start);
    return ok;
}

static dyad_status evaluate_article(const dyad_resources *resources, const char *path,
                                    gold_article *a, extraction_result *result,
                                    extraction_listener listener, void *context, dyad_error *error) {
    dyad_status status = strip_markup(path, a, error);
    if (status != DYAD_OK) return status;
    dyad_arena *arena = dyad_arena_new();
    if (!arena) return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    dyad_document *document = dyad_document_new(arena, a->text.data, a->text.length, a->id,
                                                 a->date[0] ? a->date : NULL);
    if (!document) status = error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    if (status == DYAD_OK) status = dyad_process(resources, document, DYAD_STAGE_SEGMENT, error);
    if (status == DYAD_OK && (document->text_length != a->text.length ||
                              memcmp(document->text, a->text.data, a->text.length) != 0) &&
        !map_gold_through_cleaning(a, document, result))
        status = gold_error(error, path, a,
                            "the cleaning stage changed the text beyond removing lines and "
                            "datelines, so the gold offsets cannot be mapped: write paragraphs "
                            "as single lines separated by one blank line");
    if (status == DYAD_OK) {
        double start = clock_seconds(CLOCK_MONOTONIC);
        status = dyad_process(resources, document, DYAD_STAGE_EXTRACT, error);
        result->seconds += clock_seconds(CLOCK_MONOTONIC) - start;
        for (size_t i = 0; i < document->sentence_count; i++)
            result->tokens += document->sentences[i].token_count;
    }
    if (status == DYAD_OK) {
        scorer s = {.article = a, .document = document, .result = result, .listener = listener,
                    .context = context};
        score_quotes(&s);
        score_numbers(&s);
        score_dates(&s);
        score_places(&s);
        result->articles++;
    }
    dyad_arena_free(arena);
    return status;
}

dyad_status extraction_eval_file(const dyad_resources *resources, const char *path,
                                 extraction_result *result, extraction_listener listener,
                                 void *context, dyad_error *error) {
    memset(result, 0, sizeof *result);
    error_clear(error);
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    if (status != DYAD_OK) return status;
    gold_article article = {0};
    bool in_article = false, paragraph_open = false;
    char *line;
    while (status == DYAD_OK && (line = text_file_next(&file))) {
        long line_number = file.line;
        size_t length = strlen(line);
        while (length && (line[length - 1] == '\r' || line[length - 1] == ' ' ||
                          line[length - 1] == '\t'))
            line[--length] = '\0';
        if (strncmp(line, "# article:", 10) == 0) {
            if (in_article)
                status = evaluate_article(resources, path, &article, result, listener, context, error);
            free_article(&article);
            const char *id = line + 10;
            while (*id == ' ') id++;
            snprintf(article.id, sizeof article.id, "%s", id);
            in_article = true;
            paragraph_open = false;
            continue;
        }
        if (strncmp(line, "# date:", 7) == 0) {
            const char *date = line + 7;
            while (*date == ' ') date++;
            snprintf(article.date, sizeof article.date, "%s", date);
            continue;
        }
        if (line[0] == '#') continue;
        const char *start = line;
        while (*start == ' ' || *start == '\t') start++;
        if (!*start) {
            paragraph_open = false;
            continue;
        }
        if (!in_article) {
            status = error_set(error, DYAD_ERR_FORMAT, path, line_number, -1,
                               "text before the first '# article:' line");
            break;
        }
        bool ok = true;
        if (paragraph_open) ok = buffer_append_char(&article.raw, ' ');
        else if (article.raw.length) ok = buffer_append(&article.raw, "\n\n", 2);
        ok = ok && buffer_append_string(&article.raw, start);
        if (!ok) status = error_set(error, DYAD_ERR_MEMORY, path, line_number, -1, "out of memory");
        paragraph_open = true;
    }
    if (status == DYAD_OK && in_article)
        status = evaluate_article(resources, path, &article, result, listener, context, error);
    free_article(&article);
    text_file_close(&file);
    return status;
}
