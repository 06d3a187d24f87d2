/*
 * numbers.c — figures: cardinals, ranges, money, percentages, areas,
 * durations and counts of people, with what they count and who claims
 * them.
 *
 * A figure is read left to right from the piece where it starts:
 *
 *   [approximation] [currency] quantity [range] [unit | counted noun]
 *
 *   approximation  about, more than, at least, up to ... (numbers.txt)
 *   quantity       digits with a scale ("25,000", "1.5bn", "2.5 million")
 *                  or words ("five", "twenty-five", "two million", "a dozen")
 *   range          "to", "-" or "–" and a second quantity, or "between X and
 *                  Y"; a scale on the second applies to the first when the
 *                  first has none ("2 to 3 million", "$2-3bn")
 *   unit           %, percent, currencies, square kilometres, km2, hours,
 *                  days ... (units.txt), also hyphenated ("a five-hour
 *                  meeting"); "N-year-old" is an age
 *   counted noun   people, civilians, protesters, soldiers ... (people.txt),
 *                  possibly after up to two modifiers ("25,000 Russian
 *                  soldiers"); any plural noun is kept as the noun too
 *
 * The category of a count of people comes from a word near it — "12
 * people were killed", "killing at least 12", "the death toll rose to 35"
 * — or else from the noun itself ("protesters", "troops").
 *
 * Not figures: dates (dates.c runs first and owns those pieces), ordinals,
 * times ("10:30", "3 pm"), labels ("Resolution 2334", "F-16", "Boeing
 * 737"), the pronoun "one" ("one of them"), and digits glued to letters
 * ("5G", "1990s").
 *
 * Values are doubles.  A number too large for a double (hundreds of digits
 * and more) gets the value infinity, written as null in JSON; reading it
 * is linear in its length, so even ten thousand digits cost nothing.
 *
 * Claims: a figure inside a quotation (direct or reported) is claimed by
 * that quotation's speaker (dyad_number.quote and claimed_by).
 */
#include "extract_internal.h"
#include "../util/arena.h"

#include <math.h>
#include <string.h>

typedef struct quantity {
    size_t first, last;       /* pieces, inclusive */
    double value;
    double scale;             /* the scale applied (1 when none) */
    bool words;               /* written in words */
    bool lone_one;            /* the single word "one" */
} quantity;

typedef struct figure {
    size_t first, last;
    double value, low, high;
    const char *unit;
    const char *category;
    const char *approximation;
    size_t noun_first, noun_last;
    bool has_noun;
    bool person;              /* the noun counts people */
} figure;

static const char *piece_text(const extract_context *c, const piece *p) {
    return c->document->text + p->start;
}

static bool word_is(const extract_context *c, const piece *p, const char *word) {
    size_t length = strlen(word);
    if (p->kind != PIECE_WORD || p->end - p->start != length) return false;
    const char *t = piece_text(c, p);
    for (size_t i = 0; i < length; i++)
        if ((t[i] | 32) != word[i]) return false;
    return true;
}

/* The value of a digits piece: commas skipped, one decimal point. */
static double digits_value(const extract_context *c, const piece *p) {
    const char *t = piece_text(c, p);
    size_t length = p->end - p->start;
    double value = 0, fraction = 0, place = 1;
    bool after_point = false;
    for (size_t i = 0; i < length; i++) {
        char ch = t[i];
        if (ch == ',') continue;
        if (ch == '.') {
            after_point = true;
            continue;
        }
        if (ch < '0' || ch > '9') break;
        if (after_point) {
            place /= 10;
            fraction += (ch - '0') * place;
        } else {
            value = value * 10 + (ch - '0');   /* becomes inf past ~308 digits */
        }
    }
    return value + fraction;
}

/* Multiplies q by the scale words that follow it ("million", "bn"). */
static void apply_scales(const extract_context *c, quantity *q, size_t end) {
    const piece *p = c->scan.pieces;
    while (q->last + 1 < end) {
        const piece *next = &p[q->last + 1];
        if (!piece_has(next, LEX_SCALE) || next->kind != PIECE_WORD) break;
        /* one-letter scales ("5m", "30k") only when glued to the number */
        if (next->end - next->start == 1 && !piece_joined(next)) break;
        if (q->words && next->word->scale == 100) break;   /* handled in words */
        q->value *= next->word->scale;
        q->scale *= next->word->scale;
        q->last++;
    }
}

/* A quantity in words: "twenty-five", "two hundred thousand", "a dozen". */
static bool words_quantity(const extract_context *c, size_t i, size_t end, quantity *q) {
    const piece *p = c->scan.pieces;
    size_t last;
    const lexeme *start = extract_match_phrase(c, i, end, LEX_NUMBER, &last);
    if (!start) return false;
    double total = 0, current = start->number;
    size_t k = last + 1;
    bool any_scale = false;
    while (k < end) {
        size_t next = k;
        if (piece_is_dash(c->document, &p[k]) && piece_joined(&p[k]) && k + 1 < end &&
            piece_joined(&p[k + 1]))
            next = k + 1;
        else if (word_is(c, &p[k], "and") && k + 1 < end && piece_has(&p[k + 1], LEX_NUMBER) &&
                 current >= 100)
            next = k + 1;
        const piece *w = &p[next];
        if (w->kind != PIECE_WORD || w->owner != OWNER_NONE) break;
        if (piece_has(w, LEX_SCALE) && w->end - w->start > 2) {
            double scale = w->word->scale;
            if (scale == 100) current = (current ? current : 1) * 100;
            else {
                total += (current ? current : 1) * scale;
                current = 0;
            }
            any_scale = true;
        } else if (piece_has(w, LEX_NUMBER) && !(w->flags & PIECE_CAPITALISED && next != i)) {
            if (w->word->number >= 100) break;   /* "a hundred" inside is a new figure */
            /* "twenty five" and "twenty-five", not "five ten" */
            if (current >= 20 && (long)current % 10 == 0 && current < 100 && w->word->number < 10)
                current += w->word->number;
            else if ((long)current % 100 == 0 && current >= 100 && w->word->number < 100)
                current += w->word->number;
            else
                break;
        } else {
            break;
        }
        last = next;
        k = next + 1;
    }
    q->first = i;
    q->last = last;
    q->value = total + current;
    q->scale = 1;
    q->words = true;
    q->lone_one = !any_scale && last == i && word_is(c, &p[i], "one");
    return true;
}

/* "3 pm", "1 p.m.", "1400 GMT" */
static bool is_time_suffix(const extract_context *c, const piece *p) {
    if (word_is(c, p, "am") || word_is(c, p, "pm") || word_is(c, p, "gmt") ||
        word_is(c, p, "utc") || word_is(c, p, "hrs") || word_is(c, p, "a.m.") ||
        word_is(c, p, "p.m."))
        return true;
    const char *t = c->document->text + p->start;
    size_t rest = c->document->text_length - p->start;
    return rest >= 3 && (t[0] == 'a' || t[0] == 'p' || t[0] == 'A' || t[0] == 'P') && t[1] == '.' &&
           (t[2] == 'm' || t[2] == 'M');
}

/* A quantity starting at piece i; false when there is none or it is a
 * label, a time, an ordinal or glued to letters. */
static bool read_quantity(const extract_context *c, size_t i, size_t first, size_t end,
                          quantity *q) {
    const piece *p = c->scan.pieces;
    const piece *at = &p[i];
    if (at->owner != OWNER_NONE) return false;
    if (at->kind == PIECE_NUMBER) {
        if (at->flags & PIECE_ORDINAL) return false;
        if (i > first) {
            const piece *before = &p[i - 1];
            if (piece_has(before, LEX_LABEL)) return false;
            if (piece_is_dash(c->document, before) && piece_joined(at) && i >= first + 2 &&
                p[i - 2].kind == PIECE_WORD && piece_joined(before))
                return false;                           /* F-16, COVID-19 */
            if (before->kind == PIECE_WORD && (before->flags & PIECE_CAPITALISED) &&
                !(before->flags & PIECE_SENTENCE_START) &&
                !piece_has(before, LEX_FUNCTION | LEX_APPROXIMATION | LEX_MONTH | LEX_UNIT |
                                       LEX_LOCATIVE | LEX_DATE_MODIFIER | LEX_CATEGORY))
                return false;                           /* Boeing 737, Windows 10 */
            if (piece_is_punct(c->document, before, "#")) return false;
            if (piece_is_punct(c->document, before, ":.") && piece_joined(at)) return false;
        }
        if (i + 1 < end) {
            const piece *after = &p[i + 1];
            if (piece_is_punct(c->document, after, ":") && piece_joined(after) && i + 2 < end &&
                p[i + 2].kind == PIECE_NUMBER)
                return false;                           /* 10:30 */
            if (is_time_suffix(c, after)) return false;
            if (after->kind == PIECE_WORD && piece_joined(after) && !piece_has(after, LEX_SCALE | LEX_UNIT))
                return false;                           /* 5G, 1990s, 3D */
        }
        q->first = q->last = i;
        q->value = digits_value(c, at);
        q->scale = 1;
        q->words = false;
        q->lone_one = false;
        apply_scales(c, q, end);
        return true;
    }
    if (at->kind != PIECE_WORD) return false;
    if (!words_quantity(c, i, end, q)) return false;
    apply_scales(c, q, end);
    return true;
}

/* A currency symbol ("$", "€", "US$") at piece i; returns the ISO code and
 * sets *last. */
static const char *currency_symbol(const extract_context *c, size_t i, size_t end, size_t *last) {
    const piece *p = c->scan.pieces;
    size_t k = i;
    /* "US$", "A$": the letters go with the symbol */
    if (p[k].kind == PIECE_WORD && (p[k].flags & PIECE_ALL_CAPS || p[k].end - p[k].start == 1) &&
        k + 1 < end && piece_joined(&p[k + 1]) && p[k + 1].kind == PIECE_PUNCT)
        k++;
    if (p[k].kind != PIECE_PUNCT || !piece_has(&p[k], LEX_UNIT) ||
        strcmp(p[k].word->unit_kind, "money") != 0)
        return NULL;
    *last = k;
    return p[k].word->unit;
}

/* Adjectives allowed between a figure and its counted noun. */
static bool is_modifier(const extract_context *c, const piece *p) {
    if (p->kind != PIECE_WORD || p->owner != OWNER_NONE) return false;
    if (piece_has(p, LEX_FUNCTION | LEX_CATEGORY | LEX_SPEECH | LEX_UNIT | LEX_NUMBER |
                         LEX_SCALE | LEX_PRONOUN | LEX_APPROXIMATION | LEX_MONTH))
        return !!piece_has(p, LEX_FUNCTION) && (word_is(c, p, "more") || word_is(c, p, "other"));
    const char *t = piece_text(c, p);
    size_t n = p->end - p->start;
    /* a verb in -ed or -ing follows the figure: "12 killed" is not a modifier */
    if (n > 3 && !(p->flags & PIECE_CAPITALISED) &&
        ((t[n - 2] == 'e' && t[n - 1] == 'd') || (t[n - 3] == 'i' && t[n - 2] == 'n' && t[n - 1] == 'g')))
        return false;
    return true;
}

/* A plural noun that was not in the lists ("tanks", "drones",
 * "Palestinians"): kept as the noun; capitalised ones count people. */
static bool is_plural_noun(const extract_context *c, const piece *p, bool *people) {
    if (p->kind != PIECE_WORD || p->owner == OWNER_DATE) return false;
    if (piece_has(p, LEX_FUNCTION | LEX_CATEGORY | LEX_SPEECH | LEX_PRONOUN | LEX_NUMBER |
                         LEX_SCALE | LEX_APPROXIMATION | LEX_MONTH | LEX_WEEKDAY | LEX_DATE_MODIFIER |
                         LEX_LOCATIVE))
        return false;
    const char *t = piece_text(c, p);
    size_t n = p->end - p->start;
    if (n < 4 || t[n - 1] != 's' || t[n - 2] == 's' || (p->flags & PIECE_ALL_CAPS)) return false;
    *people = (p->flags & PIECE_CAPITALISED) != 0;
    return true;
}

/* The unit or counted noun after the figure; extends f->last. */
static void read_unit(const extract_context *c, figure *f, size_t end) {
    const piece *p = c->scan.pieces;
    size_t k = f->last + 1;
    if (k >= end) return;
    /* "a five-hour meeting", "a 45-year-old man" */
    if (piece_is_dash(c->document, &p[k]) && piece_joined(&p[k]) && k + 1 < end &&
        piece_joined(&p[k + 1])) {
        size_t last;
        const lexeme *unit = extract_match_phrase(c, k + 1, end, LEX_UNIT, &last);
        if (unit && strcmp(unit->unit_kind, "money") != 0) {
            f->unit = unit->unit;
            f->last = last;
            if (last + 2 < end && piece_is_dash(c->document, &p[last + 1]) &&
                word_is(c, &p[last + 2], "old")) {
                f->last = last + 2;
                f->category = "age";
            }
        }
        return;
    }
    size_t last;
    const lexeme *unit = extract_match_phrase(c, k, end, LEX_UNIT, &last);
    if (unit && (piece_joined(&p[k]) || p[k].kind == PIECE_WORD)) {
        /* "%" must be glued on; words need not */
        if (!(p[k].kind == PIECE_PUNCT && !piece_joined(&p[k])) &&
            !(strcmp(unit->unit_kind, "money") == 0 && p[k].kind == PIECE_PUNCT)) {
            if (!(f->unit && strcmp(unit->unit_kind, "money") == 0)) f->unit = unit->unit;
            f->last = last;
            return;
        }
    }
    if (f->unit) return;   /* "$5 million" needs no noun */
    /* the counted noun, after at most two modifiers */
    for (size_t n = k, skipped = 0; n < end && skipped <= 2; n++) {
        const lexeme *counted = extract_match_phrase(c, n, end, LEX_COUNTED, &last);
        if (counted && p[n].kind == PIECE_WORD && p[n].owner == OWNER_NONE) {
            f->has_noun = true;
            f->person = true;
            f->noun_first = n;
            f->noun_last = last;
            f->last = last;
            f->unit = "person";
            if (counted->category && !f->category) f->category = counted->category;
            return;
        }
        bool people = false;
        if (is_plural_noun(c, &p[n], &people) && (skipped == 0 || !people)) {
            /* a plural noun after the figure: "15 tanks", "12 Palestinians",
             * "five Indian jets" */
            f->has_noun = true;
            f->person = people;
            f->noun_first = f->noun_last = n;
            f->last = n;
            if (people) f->unit = "person";
            return;
        }
        if (!is_modifier(c, &p[n])) break;
        skipped++;
    }
}

/* What happened to the people counted: a category word after the figure
 * in the same clause ("were killed"), or before it ("killing 12"). */
static const char *find_category(const extract_context *c, const figure *f, size_t first,
                                 size_t end, bool *weak) {
    *weak = false;
    const piece *p = c->scan.pieces;
    size_t last;
    /* a verb right before the figure governs it: "killing at least 12 and
     * wounding 30" */
    if (f->first > first) {
        for (size_t k = f->first > first + 3 ? f->first - 3 : first; k < f->first; k++) {
            const lexeme *category = extract_match_phrase(c, k, f->first, LEX_CATEGORY, &last);
            if (category && last == f->first - 1) return category->category;
        }
    }
    for (size_t k = f->last + 1, steps = 0; k < end && steps < 6; k++, steps++) {
        if (p[k].kind == PIECE_NUMBER || p[k].kind == PIECE_QUOTE ||
            piece_is_punct(c->document, &p[k], ",;:()"))
            break;
        const lexeme *category = extract_match_phrase(c, k, end, LEX_CATEGORY, &last);
        if (category) return category->category;
    }
    /* further left, it is a weaker hint than the counted noun itself
     * ("were displaced and 300 refugees crossed") */
    for (size_t k = f->first, steps = 0; k > first && steps < 5; k--, steps++) {
        const piece *before = &p[k - 1];
        if (before->kind == PIECE_NUMBER || before->kind == PIECE_QUOTE ||
            piece_is_punct(c->document, before, ",;:()"))
            break;
        const lexeme *category = extract_match_phrase(c, k - 1, f->first, LEX_CATEGORY, &last);
        if (category) {
            *weak = true;
            return category->category;
        }
    }
    return NULL;
}

/* Reads a figure starting at piece i. */
static bool read_figure(const extract_context *c, size_t i, size_t first, size_t end, figure *f) {
    const piece *p = c->scan.pieces;
    memset(f, 0, sizeof *f);
    f->first = i;
    size_t k = i, last;
    const lexeme *approximation = extract_match_phrase(c, k, end, LEX_APPROXIMATION, &last);
    if (approximation) {
        f->approximation = approximation->phrase;
        k = last + 1;
        if (k >= end) return false;
    }
    bool between = false, from = false;
    if (!approximation && (word_is(c, &p[k], "between") || word_is(c, &p[k], "from"))) {
        between = word_is(c, &p[k], "between");
        from = !between;
        k++;
        if (k >= end) return false;
    }
    const char *currency = currency_symbol(c, k, end, &last);
    if (currency) {
        k = last + 1;
        if (k >= end) return false;
    }
    quantity low;
    if (!read_quantity(c, k, first, end, &low)) return false;
    if ((between || from) && !currency && !approximation) {
        /* "between" and "from" belong to the figure only as a range */
        size_t joiner = low.last + 1;
        const char *word = between ? "and" : "to";
        if (joiner + 1 >= end || !word_is(c, &p[joiner], word)) return false;
    }
    f->value = f->low = f->high = low.value;
    f->last = low.last;
    f->unit = currency;
    /* the range */
    size_t joiner = low.last + 1;
    if (joiner + 1 < end) {
        bool dash = piece_is_dash(c->document, &p[joiner]);
        bool to = word_is(c, &p[joiner], between ? "and" : "to");
        if (dash || to) {
            size_t second = joiner + 1;
            size_t currency_last;
            if (currency_symbol(c, second, end, &currency_last)) second = currency_last + 1;
            quantity high;
            if (second < end && read_quantity(c, second, first, end, &high) &&
                high.words == low.words) {
                double low_value = low.value;
                if (low.scale == 1 && high.scale > 1 && low.value * high.scale <= high.value)
                    low_value = low.value * high.scale;
                if (low_value < high.value) {
                    f->low = low_value;
                    f->high = high.value;
                    f->value = (low_value + high.value) / 2;
                    f->last = high.last;
                }
            }
        }
    }
    if (f->last == low.last && (between || from)) return false;
    read_unit(c, f, end);
    /* "one" is a figure only when it counts something ("one person was
     * killed", "one week"), not as a pronoun ("one of them") */
    if (low.lone_one && !f->unit && !f->has_noun) return false;
    bool weak = false;
    /* "said Faith Wanjiru, 22, a student": an age between commas after a name */
    if (!f->unit && !f->has_noun && !approximation && !low.words && f->low == f->high &&
        f->value >= 1 && f->value <= 120 && low.first == low.last && low.first >= first + 2 &&
        f->last + 1 < end && piece_is_punct(c->document, &p[f->last + 1], ",") &&
        piece_is_punct(c->document, &p[low.first - 1], ",") &&
        (p[low.first - 2].flags & PIECE_CAPITALISED) && p[low.first - 2].kind == PIECE_WORD &&
        !(p[low.first].flags & (PIECE_GROUPED | PIECE_DECIMAL))) {
        f->unit = "year";
        f->category = "age";
        return true;
    }
    const char *category = !f->unit || f->person ? find_category(c, f, first, end, &weak) : NULL;
    /* "two" alone is too often "the two" (sides, leaders); "injuring nine"
     * counts people */
    if (low.words && f->low == f->high && !f->unit && !f->has_noun && !approximation &&
        low.value < 10 && !category)
        return false;
    if (!f->unit || f->person) {
        if (category) {
            if (!f->unit) f->unit = "person";
            if (!f->category || (strcmp(f->category, "age") != 0 && !weak)) f->category = category;
        }
    }
    if (f->category && strcmp(f->category, "age") == 0) return true;
    if (f->unit && strcmp(f->unit, "person") != 0 && !f->person) f->category = NULL;
    return true;
}

static dyad_status emit(extract_context *c, const figure *f, uint32_t sentence) {
    piece *pieces = c->scan.pieces;
    dyad_number *number = extract_add_number(c);
    if (!number) return extract_out_of_memory(c);
    number->start = pieces[f->first].start;
    number->end = pieces[f->last].end;
    number->value = f->value;
    number->low = f->low;
    number->high = f->high;
    number->unit = f->unit;
    number->category = f->category;
    number->approximation = f->approximation;
    number->claimed_by = -1;
    number->quote = -1;
    number->sentence = sentence;
    if (f->has_noun) {
        number->noun = arena_strndup(c->document->arena, c->document->text + pieces[f->noun_first].start,
                                     pieces[f->noun_last].end - pieces[f->noun_first].start);
        if (!number->noun) return extract_out_of_memory(c);
    }
    for (size_t k = f->first; k <= f->last; k++)
        if (pieces[k].owner == OWNER_NONE) pieces[k].owner = OWNER_NUMBER;
    return DYAD_OK;
}

/* The quotation that contains [start, end), or -1.  Quotes are sorted by
 * start and do not overlap. */
static int32_t containing_quote(const dyad_document *d, uint32_t start, uint32_t end) {
    size_t low = 0, high = d->quote_count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (d->quotes[middle].start <= start) low = middle + 1;
        else high = middle;
    }
    if (low == 0) return -1;
    const dyad_quote *q = &d->quotes[low - 1];
    return q->end >= end ? (int32_t)(low - 1) : -1;
}

/* Can a figure start at this piece: digits, a number word, an
 * approximation, a currency sign, "between" or "from"? */
static bool may_start_figure(const extract_context *c, const piece *p) {
    if (p->kind == PIECE_NUMBER) return true;
    if (!p->word) return false;
    enum { STARTS = LEX_NUMBER | LEX_APPROXIMATION | LEX_UNIT };
    if ((p->word->classes & STARTS) || (p->word->extension_classes & STARTS)) return true;
    if (p->kind == PIECE_WORD && ((p->flags & PIECE_ALL_CAPS) || p->end - p->start == 1))
        return true;   /* "US$", "A$" */
    return word_is(c, p, "between") || word_is(c, p, "from");
}

dyad_status numbers_extract(extract_context *c) {
    for (size_t s = 0; s < c->document->sentence_count; s++) {
        size_t first, end;
        sentence_pieces(c, s, &first, &end);
        for (size_t i = first; i < end;) {
            figure f;
            const piece *p = &c->scan.pieces[i];
            if (p->owner != OWNER_NONE || !may_start_figure(c, p) || !read_figure(c, i, first, end, &f)) {
                i++;
                continue;
            }
            dyad_status status = emit(c, &f, (uint32_t)s);
            if (status != DYAD_OK) return status;
            i = f.last + 1;
        }
    }
    dyad_document *d = c->document;
    for (size_t i = 0; i < d->number_count; i++) {
        dyad_number *number = &d->numbers[i];
        number->quote = containing_quote(d, number->start, number->end);
        if (number->quote >= 0) number->claimed_by = d->quotes[number->quote].speaker;
    }
    return DYAD_OK;
}
