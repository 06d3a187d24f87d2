/*
 * clean.c — see clean.h.  The passes, in order:
 *
 *   1. normalise code points (normalize.c);
 *   2. cut the text into lines, noting which ones open a block (follow a
 *      blank line);
 *   3. judge each line alone: furniture, credit or text;
 *   4. judge lines by their neighbours: link titles under a "Related"
 *      label, the author name above "+ posts", a byline near the top, a
 *      lone agency name (a credit at the end, a photo credit elsewhere);
 *   5. gather the text lines into paragraphs, joining the lines of a
 *      hard-wrapped paragraph and splitting blocks written one paragraph
 *      per line;
 *   6. judge paragraphs: headline and subheadings, the dateline of the
 *      first body paragraph, a credit in brackets at the end, repeats;
 *   7. write the kept paragraphs once, separated by a blank line.
 */
#include "clean.h"
#include "credits.h"
#include "dateline.h"
#include "debris.h"
#include "heading.h"
#include "lexical.h"
#include "normalize.h"
#include "../util/arena.h"
#include "../util/error.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    BYLINE_WINDOW = 6,          /* a byline is among the first lines */
    MAX_LIST_ITEMS = 10,        /* link titles removed under one "Related" label */
    MIN_DUPLICATE_BYTES = 30,   /* shorter repeats may be real ("No.", a refrain) */
    MIN_TRUNCATED_REPEAT = 40,  /* "The talks ended..." must match this much */
    MAX_MEASURED_LINE = 240,    /* heading tests look no further */
    MAX_AUTHOR_NAME_WORDS = 5,
};

struct clean_resources {
    clean_patterns patterns;
};

dyad_status clean_resources_load(const char *data_dir, clean_resources **out, dyad_error *error) {
    *out = calloc(1, sizeof **out);
    if (!*out) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    dyad_status status = clean_patterns_load(data_dir, &(*out)->patterns, error);
    if (status != DYAD_OK) {
        free(*out);
        *out = NULL;
    }
    return status;
}

void clean_resources_free(clean_resources *resources) {
    if (!resources) return;
    clean_patterns_free(&resources->patterns);
    free(resources);
}

const clean_patterns *clean_resources_patterns(const clean_resources *resources) {
    return &resources->patterns;
}

typedef struct clean_line {
    uint32_t start, end;      /* trimmed, in the normalised text */
    uint8_t block_start;      /* follows a blank line, or opens the text */
    uint8_t debris;           /* debris_kind; DEBRIS_NONE for text */
    uint8_t label;            /* a list label: link titles follow */
    uint8_t credit;           /* CREDIT_LINE, CREDIT_BARE_AGENCY, or 0 */
} clean_line;

typedef struct draft_paragraph {
    uint32_t start, end;      /* in the scratch text, spaces collapsed */
    uint32_t first_line, last_line;
    uint8_t single_line, heading, removed;
} draft_paragraph;

typedef struct pending_credit {
    size_t order;             /* 2 * line index, +1 for a credit cut from a paragraph */
    const char *text;
} pending_credit;

/* Everything one run works on. */
typedef struct cleaner {
    const clean_patterns *patterns;
    dyad_document *document;
    dyad_arena *arena;
    clean_counts *counts;
    const char *text;         /* normalised */
    size_t length;
    clean_line *lines;
    size_t line_count;
    char *scratch;            /* paragraphs, spaces collapsed */
    size_t scratch_length;
    draft_paragraph *drafts;
    size_t draft_count, draft_capacity;
    pending_credit *credits;
    size_t credit_count, credit_capacity;
} cleaner;

/* ------------------------------------------------------------ 2. lines */

static bool split_lines(cleaner *c) {
    size_t capacity = 0;
    bool block_start = true;
    size_t i = 0;
    while (i < c->length) {
        const char *newline = memchr(c->text + i, '\n', c->length - i);
        size_t line_end = newline ? (size_t)(newline - c->text) : c->length;
        size_t a = i, b = line_end;
        while (a < b && c->text[a] == ' ') a++;
        while (b > a && c->text[b - 1] == ' ') b--;
        i = line_end + 1;
        if (a == b) {
            block_start = true;
            continue;
        }
        /* blank lines take no room: a text of ten million newlines is cheap */
        if (c->line_count == capacity) {
            c->lines = arena_grow(c->arena, c->lines, &capacity, sizeof *c->lines);
            if (!c->lines) return false;
        }
        clean_line *line = &c->lines[c->line_count++];
        *line = (clean_line){(uint32_t)a, (uint32_t)b, block_start, DEBRIS_NONE, 0, 0};
        block_start = false;
    }
    return true;
}

static const char *line_text(const cleaner *c, const clean_line *line) {
    return c->text + line->start;
}

static size_t line_length(const clean_line *line) {
    return line->end - line->start;
}

static bool is_text_line(const clean_line *line) {
    return line->debris == DEBRIS_NONE && !line->credit;
}

/* ------------------------------------------------- 3, 4. judging lines */

static void judge_lines_alone(cleaner *c) {
    for (size_t i = 0; i < c->line_count; i++) {
        clean_line *line = &c->lines[i];
        const char *text = line_text(c, line);
        size_t length = line_length(line);
        debris_verdict verdict = debris_classify_line(c->patterns, text, length);
        if (verdict.kind != DEBRIS_NONE) {
            line->debris = (uint8_t)verdict.kind;
            line->label = verdict.label;
            continue;
        }
        line->credit = (uint8_t)credits_classify_line(c->patterns, text, length);
    }
}

/* Does line i stand alone in its block? */
static bool alone_in_block(const cleaner *c, size_t i) {
    return c->lines[i].block_start && (i + 1 == c->line_count || c->lines[i + 1].block_start);
}

static void judge_lines_in_context(cleaner *c) {
    size_t last_text = c->line_count;   /* the last line of prose */
    for (size_t i = 0; i < c->line_count; i++) {
        clean_line *line = &c->lines[i];
        const char *text = line_text(c, line);
        size_t length = line_length(line);
        if (line->debris == DEBRIS_RELATED && line->label) {
            /* the link titles listed under "Related stories" */
            size_t items = 0;
            for (size_t j = i + 1; j < c->line_count && items < MAX_LIST_ITEMS; j++) {
                clean_line *item = &c->lines[j];
                if (!is_text_line(item)) break;
                if (item->block_start && !alone_in_block(c, j)) break;
                if (!debris_is_list_item(line_text(c, item), line_length(item))) break;
                item->debris = DEBRIS_RELATED;
                items++;
            }
        } else if (line->debris == DEBRIS_AUTHOR && !line->block_start && i > 0) {
            /* "Jane Doe" right above "+ posts" is the box's name line */
            clean_line *above = &c->lines[i - 1];
            const char *name = line_text(c, above);
            size_t name_length = line_length(above);
            size_t words = 0, position = 0;
            lexical_word word;
            while (lexical_next_word(name, name_length, &position, &word)) words++;
            if (is_text_line(above) && words <= MAX_AUTHOR_NAME_WORDS &&
                !lexical_ends_sentence(name, name_length) &&
                credits_is_name_list(c->patterns, name, name_length))
                above->debris = DEBRIS_AUTHOR;
        } else if (is_text_line(line) && i < BYLINE_WINDOW &&
                   credits_is_byline(c->patterns, text, length)) {
            line->credit = CREDIT_LINE;
        }
    }
    for (size_t i = 0; i < c->line_count; i++)
        if (is_text_line(&c->lines[i])) last_text = i;
    for (size_t i = 0; i < c->line_count; i++) {
        clean_line *line = &c->lines[i];
        if (line->credit != CREDIT_BARE_AGENCY) continue;
        if (last_text < c->line_count && i < last_text) {
            line->credit = 0;
            line->debris = DEBRIS_CAPTION;
        } else {
            line->credit = CREDIT_LINE;
        }
    }
}

/* --------------------------------------------------------- credits */

static bool add_credit(cleaner *c, size_t order, const char *text, size_t length) {
    while (length && text[length - 1] == ' ') length--;
    while (length && text[0] == ' ') {
        text++;
        length--;
    }
    if (!length) return true;
    if (c->credit_count == c->credit_capacity) {
        c->credits = arena_grow(c->arena, c->credits, &c->credit_capacity, sizeof *c->credits);
        if (!c->credits) return false;
    }
    /* collapse the spaces a raw line may still have */
    char *copy = arena_alloc(c->arena, length + 1);
    if (!copy) return false;
    size_t out = 0;
    for (size_t i = 0; i < length; i++) {
        if (text[i] == ' ' && out && copy[out - 1] == ' ') continue;
        copy[out++] = text[i];
    }
    copy[out] = '\0';
    c->credits[c->credit_count].order = order;
    c->credits[c->credit_count].text = copy;
    c->credit_count++;
    if (c->counts) c->counts->credits++;
    return true;
}

/* ------------------------------------------------------ 5. paragraphs */

static bool is_opening_mark(int32_t codepoint) {
    return codepoint == '"' || codepoint == '\'' || codepoint == '(' || codepoint == '[' ||
           codepoint == 0x201C || codepoint == 0x2018 || codepoint == 0x00AB ||
           codepoint == '-' || codepoint == 0x2013 || codepoint == 0x2014 ||
           codepoint == 0x2022;
}

/* Could this line open a paragraph? */
static bool opens_paragraph(const char *text, size_t length) {
    int32_t first = lexical_first_codepoint(text, length);
    return lexical_is_upper(first) || lexical_is_digit(first) || is_opening_mark(first);
}

/* "U.S.", "Gen.", "Feb." at the end of a line may be mid-sentence: a
 * hard-wrapped line stays joined to the next. */
static bool ends_with_abbreviation(const char *text, size_t length) {
    if (!length || text[length - 1] != '.') return false;
    size_t start = length - 1;
    while (start > 0 && text[start - 1] != ' ') start--;
    lexical_word word = {text + start, length - 1 - start};
    word = lexical_strip_punctuation(word);
    if (!word.length) return false;
    if (memchr(word.text, '.', word.length)) return true;
    if (word.length > 4 || !(word.text[0] >= 'A' && word.text[0] <= 'Z')) return false;
    for (size_t i = 1; i < word.length; i++)
        if (!((word.text[i] >= 'a' && word.text[i] <= 'z') ||
              (word.text[i] >= 'A' && word.text[i] <= 'Z')))
            return false;
    return true;
}

/* Inside a block, does a paragraph end between previous and next?  Yes
 * after a full sentence when the next line opens like a paragraph (text
 * written one paragraph per line), and after a heading-like first line
 * that is much shorter than the next (a headline over its story).
 * Otherwise the lines are one hard-wrapped paragraph. */
static bool paragraph_break_between(const cleaner *c, const clean_line *previous,
                                    const clean_line *next, bool previous_opens_paragraph,
                                    bool first_paragraph) {
    const char *a = line_text(c, previous), *b = line_text(c, next);
    size_t a_length = line_length(previous), b_length = line_length(next);
    if (!opens_paragraph(b, b_length)) return false;
    if (lexical_ends_sentence(a, a_length)) return !ends_with_abbreviation(a, a_length);
    if (!previous_opens_paragraph || a_length > MAX_MEASURED_LINE) return false;
    if (b_length * 3 < a_length * 5 && b_length < 120) return false;
    heading_shape shape;
    heading_measure(c->patterns, a, a_length, &shape);
    return first_paragraph ? heading_is_headline(&shape, a_length)
                           : heading_is_subheading(&shape, a_length);
}

/* Appends line to the scratch text, collapsing runs of spaces. */
static void append_line(cleaner *c, const clean_line *line) {
    const char *text = line_text(c, line);
    size_t length = line_length(line);
    char *out = c->scratch + c->scratch_length;
    size_t n = 0;
    for (size_t i = 0; i < length; i++) {
        if (text[i] == ' ' && n && out[n - 1] == ' ') continue;
        out[n++] = text[i];
    }
    c->scratch_length += n;
}

static bool build_paragraphs(cleaner *c) {
    c->scratch = arena_alloc(c->arena, c->length + 1);
    if (!c->scratch) return false;
    draft_paragraph *open = NULL;
    for (size_t i = 0; i < c->line_count; i++) {
        const clean_line *line = &c->lines[i];
        if (line->credit == CREDIT_LINE) {
            if (!add_credit(c, 2 * i, line_text(c, line), line_length(line))) return false;
            open = NULL;
            continue;
        }
        if (line->debris != DEBRIS_NONE) {
            if (c->counts) c->counts->removed[line->debris]++;
            open = NULL;      /* a removed line ends the paragraph it sat in */
            continue;
        }
        if (open && !line->block_start &&
            !paragraph_break_between(c, &c->lines[i - 1], line, open->single_line,
                                     c->draft_count == 1)) {
            c->scratch[c->scratch_length++] = ' ';
            append_line(c, line);
            open->end = (uint32_t)c->scratch_length;
            open->last_line = (uint32_t)i;
            open->single_line = 0;
            continue;
        }
        if (c->draft_count == c->draft_capacity) {
            c->drafts = arena_grow(c->arena, c->drafts, &c->draft_capacity, sizeof *c->drafts);
            if (!c->drafts) return false;
        }
        open = &c->drafts[c->draft_count++];
        open->start = (uint32_t)c->scratch_length;
        append_line(c, line);
        open->end = (uint32_t)c->scratch_length;
        open->first_line = open->last_line = (uint32_t)i;
        open->single_line = 1;
        open->heading = open->removed = 0;
    }
    return true;
}

/* ---------------------------------------------------- 6. judging paragraphs */

static const char *draft_text(const cleaner *c, const draft_paragraph *d) {
    return c->scratch + d->start;
}

static size_t draft_length(const draft_paragraph *d) {
    return d->end - d->start;
}

static bool same_words(const char *a, size_t a_length, const char *b, size_t b_length) {
    char key_a[LEXICAL_MAX_KEY], key_b[LEXICAL_MAX_KEY];
    size_t na = lexical_fold(a, a_length, key_a), nb = lexical_fold(b, b_length, key_b);
    return na && na == nb && memcmp(key_a, key_b, na) == 0;
}

static bool mark_headings(cleaner *c) {
    dyad_document *d = c->document;
    for (size_t k = 0; k < c->draft_count; k++) {
        draft_paragraph *draft = &c->drafts[k];
        const char *text = draft_text(c, draft);
        size_t length = draft_length(draft);
        if (k == 0 && d->title && same_words(text, length, d->title, strlen(d->title))) {
            draft->heading = 1;
        } else if (draft->single_line && length <= MAX_MEASURED_LINE) {
            heading_shape shape;
            heading_measure(c->patterns, text, length, &shape);
            if (k == 0)
                draft->heading = c->draft_count > 1 && heading_is_headline(&shape, length);
            else
                draft->heading = heading_is_subheading(&shape, length);
        }
        if (!draft->heading) continue;
        if (c->counts) c->counts->headings++;
        if (k == 0 && !d->title) {
            d->title = arena_strndup(c->arena, text, length);
            if (!d->title) return false;
        }
    }
    return true;
}

static bool take_dateline(cleaner *c) {
    for (size_t k = 0; k < c->draft_count; k++) {
        draft_paragraph *draft = &c->drafts[k];
        if (draft->heading) continue;
        const char *text = draft_text(c, draft);
        dateline_match match;
        if (!dateline_parse(c->patterns, text, draft_length(draft), &match)) return true;
        dyad_dateline *dateline = arena_calloc(c->arena, 1, sizeof *dateline);
        if (!dateline) return false;
        dateline->text = arena_strndup(c->arena, text, match.text_length);
        if (match.place.length)
            dateline->place = arena_strndup(c->arena, text + match.place.start, match.place.length);
        if (match.date.length)
            dateline->date = arena_strndup(c->arena, text + match.date.start, match.date.length);
        if (match.agency.length)
            dateline->agency =
                arena_strndup(c->arena, text + match.agency.start, match.agency.length);
        if (!dateline->text) return false;
        c->document->dateline = dateline;
        draft->start += (uint32_t)match.consumed;
        if (c->counts) c->counts->datelines++;
        return true;
    }
    return true;
}

static bool take_trailing_credits(cleaner *c) {
    for (size_t k = c->draft_count; k-- > 0;) {
        draft_paragraph *draft = &c->drafts[k];
        if (draft->removed) continue;
        if (draft->heading) return true;
        for (int guard = 0; guard < 3; guard++) {
            const char *text = draft_text(c, draft);
            size_t length = draft_length(draft);
            size_t cut = credits_trailing_parenthetical(c->patterns, text, length);
            if (cut == length) break;
            if (!add_credit(c, 2 * (size_t)draft->last_line + 1, text + cut, length - cut))
                return false;
            while (cut && text[cut - 1] == ' ') cut--;
            draft->end = draft->start + (uint32_t)cut;
        }
        if (draft->end == draft->start) {
            draft->removed = 1;
            continue;          /* the credit was the whole paragraph: look above */
        }
        return true;
    }
    return true;
}

static uint64_t hash_text(const char *text, size_t length) {
    uint64_t hash = 1469598103934665603ull;   /* FNV-1a, 64 bits */
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)text[i];
        hash *= 1099511628211ull;
    }
    return hash;
}

/* A paragraph that repeats an earlier one word for word goes: scrapers
 * pick up a standfirst twice, or a pull quote set beside the text. */
static bool collapse_repeats(cleaner *c) {
    size_t slots = 16;
    while (slots < c->draft_count * 2) slots *= 2;
    uint32_t *table = arena_calloc(c->arena, slots, sizeof *table);
    if (!table) return false;
    for (size_t k = 0; k < c->draft_count; k++) {
        draft_paragraph *draft = &c->drafts[k];
        size_t length = draft_length(draft);
        if (draft->removed || length < MIN_DUPLICATE_BYTES) continue;
        const char *text = draft_text(c, draft);
        size_t slot = hash_text(text, length) & (slots - 1);
        bool repeated = false;
        while (table[slot]) {
            const draft_paragraph *earlier = &c->drafts[table[slot] - 1];
            if (draft_length(earlier) == length &&
                memcmp(draft_text(c, earlier), text, length) == 0) {
                repeated = true;
                break;
            }
            slot = (slot + 1) & (slots - 1);
        }
        if (repeated) {
            draft->removed = 1;
            if (c->counts) c->counts->duplicates++;
        } else {
            table[slot] = (uint32_t)k + 1;
        }
    }

    /* the standfirst again at the end, cut short: "The talks ended..." */
    size_t last = c->draft_count;
    while (last > 0 && c->drafts[last - 1].removed) last--;
    if (last < 2) return true;
    draft_paragraph *tail = &c->drafts[last - 1];
    const char *text = draft_text(c, tail);
    size_t length = draft_length(tail);
    if (length >= 3 && memcmp(text + length - 3, "...", 3) == 0) length -= 3;
    else if (length >= 3 && memcmp(text + length - 3, "\xE2\x80\xA6", 3) == 0) length -= 3;
    else return true;
    while (length && text[length - 1] == ' ') length--;
    if (length < MIN_TRUNCATED_REPEAT) return true;
    for (size_t k = 0; k + 1 < last; k++) {
        const draft_paragraph *earlier = &c->drafts[k];
        if (earlier->removed || draft_length(earlier) < length) continue;
        if (memcmp(draft_text(c, earlier), text, length) == 0) {
            tail->removed = 1;
            if (c->counts) c->counts->duplicates++;
            break;
        }
    }
    return true;
}

/* ---------------------------------------------------------- 7. output */

static int compare_credits(const void *a, const void *b) {
    size_t x = ((const pending_credit *)a)->order, y = ((const pending_credit *)b)->order;
    return x < y ? -1 : x > y;
}

static bool write_document(cleaner *c) {
    dyad_document *d = c->document;
    size_t kept = 0, total = 0;
    for (size_t k = 0; k < c->draft_count; k++)
        if (!c->drafts[k].removed && draft_length(&c->drafts[k])) {
            kept++;
            total += draft_length(&c->drafts[k]);
        }
    char *text = arena_alloc(c->arena, total + 2 * kept + 1);
    dyad_paragraph *paragraphs = arena_alloc(c->arena, (kept ? kept : 1) * sizeof *paragraphs);
    if (!text || !paragraphs) return false;
    size_t out = 0, count = 0;
    for (size_t k = 0; k < c->draft_count; k++) {
        const draft_paragraph *draft = &c->drafts[k];
        size_t length = draft_length(draft);
        if (draft->removed || !length) continue;
        if (count) {
            text[out++] = '\n';
            text[out++] = '\n';
        }
        paragraphs[count].start = (uint32_t)out;
        memcpy(text + out, draft_text(c, draft), length);
        out += length;
        paragraphs[count].end = (uint32_t)out;
        paragraphs[count].heading = draft->heading;
        count++;
    }
    text[out] = '\0';
    d->text = text;
    d->text_length = out;
    d->paragraphs = paragraphs;
    d->paragraph_count = count;

    /* credits in the order they stood: one cut from a paragraph sorts
     * after that paragraph's lines (few credits: qsort is plenty) */
    if (c->credit_count) {
        qsort(c->credits, c->credit_count, sizeof *c->credits, compare_credits);
        const char **credits = arena_alloc(c->arena, c->credit_count * sizeof *credits);
        if (!credits) return false;
        for (size_t i = 0; i < c->credit_count; i++) credits[i] = c->credits[i].text;
        d->credits = credits;
        d->credit_count = c->credit_count;
    }
    return true;
}

dyad_status clean_document_counted(const clean_resources *resources, dyad_document *document,
                                   clean_counts *counts, dyad_error *error) {
    if (counts) memset(counts, 0, sizeof *counts);
    if (document->raw_length > UINT32_MAX / 2)
        return error_set(error, DYAD_ERR_LIMIT, document->origin, document->origin_line, -1,
                         "article larger than 2 GiB");
    cleaner c = {.patterns = &resources->patterns, .document = document,
                 .arena = document->arena, .counts = counts};
    char *normal = NULL;
    size_t normal_length = 0;
    dyad_status status = clean_normalize(document->raw_text ? document->raw_text : "",
                                         document->raw_text ? document->raw_length : 0, &normal,
                                         &normal_length, error);
    if (status != DYAD_OK && error) {
        error->line = document->origin_line;
        snprintf(error->file, sizeof error->file, "%s", document->origin ? document->origin : "");
    }
    if (status != DYAD_OK) return status;
    c.text = normal;
    c.length = normal_length;
    document->credits = NULL;
    document->credit_count = 0;
    document->dateline = NULL;
    bool ok = split_lines(&c);
    if (ok) {
        judge_lines_alone(&c);
        judge_lines_in_context(&c);
        ok = build_paragraphs(&c) && mark_headings(&c) && take_dateline(&c) &&
             take_trailing_credits(&c) && collapse_repeats(&c) && write_document(&c);
    }
    free(normal);
    if (!ok)
        return error_set(error, DYAD_ERR_MEMORY, document->origin, document->origin_line, -1,
                         "out of memory while cleaning");
    return DYAD_OK;
}

dyad_status clean_document(const clean_resources *resources, dyad_document *document,
                           dyad_error *error) {
    return clean_document_counted(resources, document, NULL, error);
}
