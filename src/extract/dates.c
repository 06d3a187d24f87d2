/*
 * dates.c — date expressions and their calendar values.
 *
 * Recognised, sentence by sentence (the first that matches at a piece
 * wins, longest form first):
 *   ISO             2025-12-03
 *   month day       December 3, 2025 / Dec. 3 / December 3rd / Wednesday, Dec. 3
 *   day month       3 December 2025 / 3rd of December
 *   month year      February 2022 / in February
 *   qualified month early March / mid-December / last March
 *   day words       yesterday, today, tonight, overnight, last night, this morning
 *   weekdays        (on|last|next|this) Wednesday [night|morning|...]
 *   relative        last week / this month / earlier this year / early next year
 *   ago             three days ago / a year ago
 *   year            2022 (when no figure's noun or unit follows)
 *
 * Resolution against the article's date (document->date); without one,
 * everything that needs it has value NULL.  A day or month named without a
 * year, and a bare weekday, is placed by the sentence's tense: the nearest
 * tense marker before the expression (else after it) decides — "will",
 * "would", "next", "scheduled" look ahead; said, was, had and -ed verbs
 * look back:
 *   - past: the latest such day on or before the article date ("on
 *     Wednesday" in a Friday story is two days earlier; in a Wednesday
 *     story it is that day);
 *   - future: the earliest on or after it;
 *   - no marker: a weekday looks back (news reports what has happened); a
 *     day or month of the year is the nearest one ("the talks begin on
 *     February 3" in a January story is next month).
 * "last Wednesday" is strictly before the article date, "next Wednesday"
 * strictly after.  "overnight" and "tonight" are the article's day (the
 * night that ends or begins on it), "last night" the day before.  Weeks
 * are ISO weeks ("2025-W49").
 *
 * Invalid dates ("31 February", "2025-13-45") are not dates, and their
 * numbers are not figures either: the pieces are marked OWNER_NOT_DATE.
 */
#include "extract_internal.h"
#include "../util/arena.h"

#include <stdlib.h>
#include <string.h>

enum tense { TENSE_PAST = -1, TENSE_UNKNOWN = 0, TENSE_FUTURE = 1 };

typedef struct date_match {
    size_t first, last;       /* pieces, inclusive */
    const char *value;
    bool invalid;             /* looks like a date, is not one */
} date_match;

/* ----------------------------------------------------------- helpers */

/* The value of a plain number piece (no commas, no decimals) with at most
 * `digits` digits; -1 otherwise. */
static long small_number(const extract_context *c, const piece *p, size_t digits) {
    if (p->kind != PIECE_NUMBER || (p->flags & (PIECE_GROUPED | PIECE_DECIMAL))) return -1;
    size_t length = p->end - p->start;
    if (p->flags & PIECE_ORDINAL) length -= 2;
    if (length == 0 || length > digits) return -1;
    long value = 0;
    for (size_t i = 0; i < length; i++) value = value * 10 + (c->document->text[p->start + i] - '0');
    return value;
}

static long year_number(const extract_context *c, const piece *p) {
    if (p->flags & PIECE_ORDINAL) return -1;
    if (p->end - p->start != 4) return -1;
    long year = small_number(c, p, 4);
    return year >= 1000 && year <= 2999 ? year : -1;
}

static bool is_month(const piece *p) {
    return p->kind == PIECE_WORD && (p->flags & PIECE_CAPITALISED) && piece_has(p, LEX_MONTH);
}

/* January, not Jan.: only full names stand alone ("in March") */
static bool is_full_month_name(const piece *p) {
    if (!is_month(p)) return false;
    const char *name = p->word->phrase;
    return strlen(name) >= 5 || strcmp(name, "may") == 0 || strcmp(name, "june") == 0 ||
           strcmp(name, "july") == 0;
}

static bool is_weekday(const piece *p) {
    return p->kind == PIECE_WORD && (p->flags & PIECE_CAPITALISED) && piece_has(p, LEX_WEEKDAY);
}

static bool is_free(const piece *p) {
    return p->owner == OWNER_NONE;
}

/* The unit of a relative expression: 'w'eek, 'm'onth, 'y'ear, or 0. */
static char period_unit(const piece *p) {
    if (!piece_has(p, LEX_UNIT) || strcmp(p->word->unit_kind, "duration") != 0) return 0;
    const char *unit = p->word->unit;
    if (strcmp(unit, "week") == 0) return 'w';
    if (strcmp(unit, "month") == 0) return 'm';
    if (strcmp(unit, "year") == 0) return 'y';
    if (strcmp(unit, "day") == 0) return 'd';
    return 0;
}

/* A word ending in -ed counts as a past-tense marker. */
static bool looks_past(const extract_context *c, const piece *p) {
    if (p->kind != PIECE_WORD || (p->flags & PIECE_CAPITALISED)) return false;
    size_t length = p->end - p->start;
    const char *t = c->document->text + p->start;
    return length > 4 && t[length - 2] == 'e' && t[length - 1] == 'd';
}

static enum tense tense_near(const extract_context *c, size_t first, size_t last,
                             size_t sentence_first, size_t sentence_end) {
    const piece *pieces = c->scan.pieces;
    enum { WINDOW = 12, WINDOW_BEFORE = 20 };
    for (size_t k = first, steps = 0; k > sentence_first && steps < WINDOW_BEFORE; k--, steps++) {
        const piece *p = &pieces[k - 1];
        /* the tense of another clause does not count: stop at ";" and at a
         * conjunction that opens a clause ("... started in December and the
         * talks begin on February 3") */
        if (piece_is_punct(c->document, p, ";:")) break;
        if ((piece_is(c->document, p, "and") || piece_is(c->document, p, "but") ||
             piece_is(c->document, p, "while")) && k < first) {
            const piece *next = &pieces[k];
            if (piece_has(next, LEX_PRONOUN) || piece_is(c->document, next, "the") ||
                piece_is(c->document, next, "a") || piece_is(c->document, next, "an"))
                break;
        }
        if (piece_has(p, LEX_FUTURE)) return TENSE_FUTURE;
        if (piece_has(p, LEX_PAST) || looks_past(c, p)) return TENSE_PAST;
    }
    for (size_t k = last + 1, steps = 0; k < sentence_end && steps < WINDOW; k++, steps++) {
        const piece *p = &pieces[k];
        if (piece_has(p, LEX_FUTURE)) return TENSE_FUTURE;
        if (piece_has(p, LEX_PAST) || looks_past(c, p)) return TENSE_PAST;
    }
    return TENSE_UNKNOWN;
}

/* --------------------------------------------------------- resolving */

static const char *format_day(const extract_context *c, long days) {
    civil_date d = calendar_from_days(days);
    return arena_printf(c->document->arena, "%04d-%02d-%02d", d.year, d.month, d.day);
}

static const char *format_month(const extract_context *c, int year, int month) {
    return arena_printf(c->document->arena, "%04d-%02d", year, month);
}

static const char *format_year(const extract_context *c, int year) {
    return arena_printf(c->document->arena, "%04d", year);
}

static const char *format_week(const extract_context *c, long days) {
    int year, week;
    calendar_iso_week(days, &year, &week);
    return arena_printf(c->document->arena, "%04d-W%02d", year, week);
}

/* A month and day without a year, placed by tense. */
static const char *resolve_month_day(const extract_context *c, int month, int day,
                                     enum tense tense) {
    if (!c->has_article_date) return NULL;
    long best = 0;
    bool found = false;
    long article = c->article_days;
    for (int year = c->article_date.year - 1; year <= c->article_date.year + 1; year++) {
        if (!calendar_is_valid(year, month, day)) continue;
        long days = calendar_days(year, month, day);
        bool better;
        if (tense == TENSE_FUTURE) better = days >= article && (!found || days < best);
        else if (tense == TENSE_PAST) better = days <= article && (!found || days > best);
        else   /* no tense: the nearest, the earlier one on a tie */
            better = !found || labs(days - article) < labs(best - article);
        if (better) {
            best = days;
            found = true;
        }
    }
    return found ? format_day(c, best) : NULL;
}

/* A month without a year, placed by tense (or a modifier: last, next, this). */
static const char *resolve_month(const extract_context *c, int month, enum tense tense,
                                 const char *modifier) {
    if (!c->has_article_date) return NULL;
    int year = c->article_date.year, current = c->article_date.month;
    if (modifier && strcmp(modifier, "this") == 0) return format_month(c, year, month);
    if (modifier && strcmp(modifier, "last") == 0)
        return format_month(c, month < current ? year : year - 1, month);
    if (modifier && strcmp(modifier, "next") == 0)
        return format_month(c, month > current ? year : year + 1, month);
    if (tense == TENSE_FUTURE) return format_month(c, month >= current ? year : year + 1, month);
    if (tense == TENSE_PAST || month <= current) return format_month(c, month <= current ? year : year - 1, month);
    /* no tense and a later month: the nearer of last year's and this year's */
    return format_month(c, month - current <= 12 - (month - current) ? year : year - 1, month);
}

static const char *resolve_weekday(const extract_context *c, int weekday, enum tense tense,
                                   const char *modifier) {
    if (!c->has_article_date) return NULL;
    long article = c->article_days;
    int today = calendar_weekday(article);
    long back = (today - weekday + 7) % 7;      /* days back to the latest such day */
    long ahead = (weekday - today + 7) % 7;     /* days ahead to the next one */
    if (modifier && strcmp(modifier, "last") == 0) return format_day(c, article - (back ? back : 7));
    if (modifier && strcmp(modifier, "next") == 0) return format_day(c, article + (ahead ? ahead : 7));
    if (tense == TENSE_FUTURE) return format_day(c, article + ahead);
    return format_day(c, article - back);
}

/* A week, month or year relative to the article's (offset -1, 0, +1). */
static const char *resolve_period(const extract_context *c, char unit, int offset) {
    if (!c->has_article_date) return NULL;
    civil_date d = c->article_date;
    switch (unit) {
    case 'w': return format_week(c, c->article_days + 7L * offset);
    case 'm': {
        int month = d.month + offset, year = d.year;
        if (month < 1) { month += 12; year--; }
        if (month > 12) { month -= 12; year++; }
        return format_month(c, year, month);
    }
    case 'y': return format_year(c, d.year + offset);
    case 'd': return format_day(c, c->article_days + offset);
    default: return NULL;
    }
}

/* "three days ago": days, weeks, months, years before the article date. */
static const char *resolve_ago(const extract_context *c, char unit, long count) {
    if (!c->has_article_date || count < 0 || count > 5000) return NULL;
    civil_date d = c->article_date;
    switch (unit) {
    case 'd': return format_day(c, c->article_days - count);
    case 'w': return format_week(c, c->article_days - 7 * count);
    case 'm': {
        long months = (long)d.year * 12 + (d.month - 1) - count;
        return format_month(c, (int)(months / 12), (int)(months % 12) + 1);
    }
    case 'y': return format_year(c, d.year - (int)count);
    default: return NULL;
    }
}

/* ------------------------------------------------------ recognisers */

/* 2025-12-03 */
static bool match_iso(const extract_context *c, size_t i, size_t end, date_match *m) {
    const piece *p = c->scan.pieces;
    if (i + 4 >= end) return false;
    long year = year_number(c, &p[i]);
    if (year < 0 || !piece_is_dash(c->document, &p[i + 1]) || piece_joined(&p[i + 1]) == false ||
        !piece_joined(&p[i + 2]) || !piece_joined(&p[i + 3]) || !piece_joined(&p[i + 4]) ||
        !piece_is_dash(c->document, &p[i + 3]) || p[i + 2].end - p[i + 2].start != 2 ||
        p[i + 4].end - p[i + 4].start != 2)
        return false;
    long month = small_number(c, &p[i + 2], 2), day = small_number(c, &p[i + 4], 2);
    if (month < 0 || day < 0) return false;
    m->first = i;
    m->last = i + 4;
    if (!calendar_is_valid((int)year, (int)month, (int)day)) {
        m->invalid = true;
        return true;
    }
    m->value = format_day(c, calendar_days((int)year, (int)month, (int)day));
    return true;
}

/* A day number: "3", "3rd"; -1 if not. */
static long day_number(const extract_context *c, const piece *p) {
    long day = small_number(c, p, 2);
    return day >= 1 && day <= 31 ? day : -1;
}

/* Month [.] day[,] [year] — starting at the month. */
static bool match_month_day(const extract_context *c, size_t i, size_t end, date_match *m,
                            size_t sentence_first) {
    const piece *p = c->scan.pieces;
    if (!is_month(&p[i])) return false;
    int month = p[i].word->month;
    size_t k = i + 1;
    if (k < end && piece_is_punct(c->document, &p[k], ".") && piece_joined(&p[k])) {
        k++;
        /* a segmenter that ends the sentence at "Dec." leaves the day at the
         * start of the next one: take it from there */
        if (k == end && end < c->scan.count && c->scan.pieces[end].kind == PIECE_NUMBER)
            end = c->scan.sentence_first[p[i].sentence + 2];
    }
    long day = -1;
    if (k < end && p[k].kind == PIECE_NUMBER) day = day_number(c, &p[k]);
    if (day < 0) return false;
    /* "December 3 people" would be odd; "December 2022" is month-year */
    if (p[k].end - p[k].start >= 4 && !(p[k].flags & PIECE_ORDINAL)) return false;
    size_t last = k;
    long year = -1;
    size_t y = k + 1;
    if (y < end && piece_is_punct(c->document, &p[y], ",")) y++;
    if (y < end && (year = year_number(c, &p[y])) >= 0) last = y;
    else year = -1;
    m->first = i;
    m->last = last;
    if (year >= 0) {
        if (!calendar_is_valid((int)year, month, (int)day)) m->invalid = true;
        else m->value = format_day(c, calendar_days((int)year, month, (int)day));
    } else if (day > calendar_month_length(2024, month)) {   /* 2024: a leap year */
        m->invalid = true;
    } else {
        m->value = resolve_month_day(c, month, (int)day,
                                     tense_near(c, i, last, sentence_first, end));
    }
    return true;
}

/* day [of] Month [year] — starting at the day number. */
static bool match_day_month(const extract_context *c, size_t i, size_t end, date_match *m,
                            size_t sentence_first) {
    const piece *p = c->scan.pieces;
    long day = day_number(c, &p[i]);
    if (day < 0) return false;
    size_t k = i + 1;
    if (k < end && piece_is(c->document, &p[k], "of") && (p[i].flags & PIECE_ORDINAL)) k++;
    if (k >= end || !is_month(&p[k])) return false;
    int month = p[k].word->month;
    size_t last = k;
    /* "3 Dec. 2025": the abbreviation's period belongs to the date only
     * when the year follows it (else it may end the sentence) */
    size_t after_month = last + 1;
    if (after_month + 1 < end && piece_is_punct(c->document, &p[after_month], ".") &&
        piece_joined(&p[after_month]) && year_number(c, &p[after_month + 1]) >= 0)
        after_month++;
    long year = -1;
    if (after_month < end && (year = year_number(c, &p[after_month])) >= 0) last = after_month;
    else year = -1;
    m->first = i;
    m->last = last;
    if (year >= 0) {
        if (!calendar_is_valid((int)year, month, (int)day)) m->invalid = true;
        else m->value = format_day(c, calendar_days((int)year, month, (int)day));
    } else if (day > calendar_month_length(2024, month)) {
        m->invalid = true;
    } else {
        m->value = resolve_month_day(c, month, (int)day, tense_near(c, i, last, sentence_first, end));
    }
    return true;
}

/* [early|mid|late|last|next|this] Month [[,|of] year] */
static bool match_month(const extract_context *c, size_t i, size_t end, date_match *m,
                        size_t sentence_first) {
    const piece *p = c->scan.pieces;
    size_t k = i;
    const char *modifier = NULL;
    bool qualified = false;
    if (piece_has(&p[k], LEX_DATE_MODIFIER)) {
        const char *name = p[k].word->modifier;
        if (strcmp(name, "early") == 0 || strcmp(name, "late") == 0 || strcmp(name, "mid") == 0 ||
            strcmp(name, "last") == 0 || strcmp(name, "next") == 0 || strcmp(name, "this") == 0) {
            modifier = name;
            qualified = true;
            k++;
            if (k < end && piece_is_dash(c->document, &p[k])) k++;
        }
    }
    if (k >= end || !is_month(&p[k])) return false;
    int month = p[k].word->month;
    size_t last = k;
    long year = -1;
    size_t y = k + 1;
    if (y < end && (piece_is_punct(c->document, &p[y], ",") || piece_is(c->document, &p[y], "of"))) y++;
    if (y < end && (year = year_number(c, &p[y])) >= 0) last = y;
    else year = -1;
    if (year < 0 && !qualified) {
        /* a month alone is written in full; "May" and "March" (a name and a
         * verb too) need a preposition before them ("in March", "since
         * May"), and any month followed by a capitalised word may be a
         * name ("August Strindberg") */
        if (!is_full_month_name(&p[k])) return false;
        bool preposition = false;
        if (k > sentence_first) {
            const piece *before = &p[k - 1];
            preposition = piece_has(before, LEX_DATE_MODIFIER | LEX_LOCATIVE) ||
                          piece_is(c->document, before, "until") || piece_is(c->document, before, "by") ||
                          piece_is(c->document, before, "of") || piece_is(c->document, before, "during") ||
                          piece_is(c->document, before, "before") || piece_is(c->document, before, "after");
        }
        int month_number = p[k].word->month;
        if (!preposition && (month_number == 3 || month_number == 5)) return false;
        if (!preposition && k + 1 < end && (p[k + 1].flags & PIECE_CAPITALISED)) return false;
    }
    m->first = i;
    m->last = last;
    if (year >= 0) {
        m->value = format_month(c, (int)year, month);
    } else {
        const char *relative = modifier && (strcmp(modifier, "last") == 0 ||
                                            strcmp(modifier, "next") == 0 ||
                                            strcmp(modifier, "this") == 0) ? modifier : NULL;
        m->value = resolve_month(c, month, tense_near(c, i, last, sentence_first, end), relative);
    }
    return true;
}

/* [last|next|this] Weekday [night|morning|afternoon|evening] [, Month day [, year]] */
static bool match_weekday(const extract_context *c, size_t i, size_t end, date_match *m,
                          size_t sentence_first) {
    const piece *p = c->scan.pieces;
    size_t k = i;
    const char *modifier = NULL;
    if (piece_has(&p[k], LEX_DATE_MODIFIER) && !is_weekday(&p[k])) {
        const char *name = p[k].word->modifier;
        if (strcmp(name, "last") != 0 && strcmp(name, "next") != 0 && strcmp(name, "this") != 0)
            return false;
        modifier = name;
        k++;
    }
    if (k >= end || !is_weekday(&p[k])) return false;
    /* three-letter abbreviations only before a date ("Wed, Dec 3") */
    bool abbreviated = p[k].end - p[k].start <= 4;
    size_t weekday_at = k;
    /* "Wednesday, December 3": the date carries the value */
    size_t next = k + 1;
    if (next < end && piece_is_punct(c->document, &p[next], ",")) next++;
    date_match inner = {0};
    if (next < end && (match_month_day(c, next, end, &inner, sentence_first) ||
                       match_day_month(c, next, end, &inner, sentence_first))) {
        *m = inner;
        m->first = i;
        return true;
    }
    if (abbreviated) return false;
    size_t last = k;
    static const char *const parts[] = {"night", "morning", "afternoon", "evening"};
    if (last + 1 < end)
        for (size_t n = 0; n < sizeof parts / sizeof *parts; n++)
            if (piece_is(c->document, &p[last + 1], parts[n])) last++;
    m->first = i;
    m->last = last;
    m->value = resolve_weekday(c, p[weekday_at].word->weekday,
                               tense_near(c, i, last, sentence_first, end), modifier);
    return true;
}

/* [early|late|mid|earlier|later] [this|last|next|past|coming] week|month|year */
static bool match_relative(const extract_context *c, size_t i, size_t end, date_match *m) {
    const piece *p = c->scan.pieces;
    size_t k = i, last;
    int offset = 0;
    bool has_anchor = false;
    const lexeme *modifier = extract_match_phrase(c, k, end, LEX_DATE_MODIFIER, &last);
    if (modifier) {
        const char *name = modifier->modifier;
        if (strcmp(name, "early") == 0 || strcmp(name, "late") == 0 || strcmp(name, "mid") == 0 ||
            strcmp(name, "earlier") == 0 || strcmp(name, "later") == 0) {
            k = last + 1;
            if (k < end && piece_is_dash(c->document, &p[k])) k++;
            modifier = k < end ? extract_match_phrase(c, k, end, LEX_DATE_MODIFIER, &last) : NULL;
        }
    }
    if (modifier) {
        const char *name = modifier->modifier;
        if (strcmp(name, "this") == 0) offset = 0;
        else if (strcmp(name, "last") == 0) offset = -1;
        else if (strcmp(name, "next") == 0) offset = 1;
        else return false;
        has_anchor = true;
        k = last + 1;
    }
    if (!has_anchor || k >= end) return false;
    char unit = period_unit(&p[k]);
    if (!unit || unit == 'd') return false;
    /* "the coming weeks" is a stretch of time, not a week */
    if (c->document->text[p[k].end - 1] == 's') return false;
    m->first = i;
    m->last = k;
    m->value = resolve_period(c, unit, offset);
    return true;
}

/* yesterday, today, overnight, last night, this morning ... */
static bool match_day_word(const extract_context *c, size_t i, size_t end, date_match *m) {
    size_t last;
    const lexeme *day = extract_match_phrase(c, i, end, LEX_DAY, &last);
    if (!day) return false;
    m->first = i;
    m->last = last;
    m->value = c->has_article_date ? format_day(c, c->article_days + day->day_offset) : NULL;
    return true;
}

/* N days|weeks|months|years ago */
static bool match_ago(const extract_context *c, size_t i, size_t end, date_match *m) {
    const piece *p = c->scan.pieces;
    long count = -1;
    if (piece_is(c->document, &p[i], "a") || piece_is(c->document, &p[i], "an") ||
        piece_is(c->document, &p[i], "A") || piece_is(c->document, &p[i], "An"))
        count = 1;
    else if (p[i].kind == PIECE_NUMBER)
        count = small_number(c, &p[i], 4);
    else if (piece_has(&p[i], LEX_NUMBER) && p[i].word->number >= 1 && p[i].word->number <= 1000)
        count = (long)p[i].word->number;
    if (count < 0 || i + 2 >= end) return false;
    char unit = period_unit(&p[i + 1]);
    if (!unit || !piece_has(&p[i + 2], LEX_DATE_MODIFIER) ||
        strcmp(p[i + 2].word->modifier, "ago") != 0)
        return false;
    m->first = i;
    m->last = i + 2;
    m->value = resolve_ago(c, unit, count);
    return true;
}

/* A year standing alone: 1900..2099, not a figure ("2000 troops"). */
static bool match_year(const extract_context *c, size_t i, size_t end, date_match *m,
                       size_t sentence_first) {
    const piece *p = c->scan.pieces;
    long year = year_number(c, &p[i]);
    if (year < 1900 || year > 2099) return false;
    if (i + 1 < end) {
        const piece *after = &p[i + 1];
        if (piece_joined(after) && after->kind == PIECE_WORD) return false;   /* 1990s */
        if (piece_has(after, LEX_UNIT | LEX_COUNTED | LEX_SCALE)) return false;
        if (piece_is_punct(c->document, after, ":")) return false;            /* 2000:30 */
    }
    if (i > sentence_first) {
        const piece *before = &p[i - 1];
        if (piece_has(before, LEX_APPROXIMATION | LEX_LABEL | LEX_UNIT)) return false;
        if (before->kind == PIECE_WORD && (before->flags & PIECE_CAPITALISED) &&
            !piece_has(before, LEX_FUNCTION | LEX_MONTH | LEX_DATE_MODIFIER | LEX_LOCATIVE))
            return false;   /* "Windows 2000", "Euro 2024" */
        if (piece_is_dash(c->document, before) && piece_joined(before) && i >= sentence_first + 2 &&
            p[i - 2].kind == PIECE_WORD)
            return false;   /* "COVID-2019" style codes */
    }
    m->first = i;
    m->last = i;
    m->value = format_year(c, (int)year);
    return true;
}

/* ------------------------------------------------------------ driver */

/* Can a date expression start at this word?  Most words are ruled out by
 * one test of their classes before any recogniser runs. */
static bool may_start_date(const piece *p) {
    if (!p->word) return false;
    enum { STARTS = LEX_MONTH | LEX_WEEKDAY | LEX_DATE_MODIFIER | LEX_DAY | LEX_NUMBER };
    return (p->word->classes & STARTS) || (p->word->extension_classes & STARTS);
}

static dyad_status emit(extract_context *c, const date_match *m, uint32_t sentence) {
    piece *pieces = c->scan.pieces;
    for (size_t k = m->first; k <= m->last; k++)
        pieces[k].owner = m->invalid ? OWNER_NOT_DATE : OWNER_DATE;
    if (m->invalid) return DYAD_OK;
    dyad_date_expression *date = extract_add_date(c);
    if (!date) return extract_out_of_memory(c);
    date->start = pieces[m->first].start;
    date->end = pieces[m->last].end;
    date->value = m->value;
    date->sentence = sentence;
    return DYAD_OK;
}

dyad_status dates_extract(extract_context *c) {
    const piece *pieces = c->scan.pieces;
    for (size_t s = 0; s < c->document->sentence_count; s++) {
        size_t first, end;
        sentence_pieces(c, s, &first, &end);
        for (size_t i = first; i < end;) {
            date_match m = {0};
            const piece *p = &pieces[i];
            bool found = false;
            if (is_free(p)) {
                if (p->kind == PIECE_NUMBER)
                    found = match_iso(c, i, end, &m) || match_day_month(c, i, end, &m, first) ||
                            match_ago(c, i, end, &m) || match_year(c, i, end, &m, first);
                else if (p->kind == PIECE_WORD && may_start_date(p))
                    found = match_weekday(c, i, end, &m, first) ||
                            match_month_day(c, i, end, &m, first) ||
                            match_month(c, i, end, &m, first) || match_relative(c, i, end, &m) ||
                            match_day_word(c, i, end, &m) || match_ago(c, i, end, &m);
            }
            if (!found) {
                i++;
                continue;
            }
            dyad_status status = emit(c, &m, (uint32_t)s);
            if (status != DYAD_OK) return status;
            i = m.last + 1;
        }
    }
    return DYAD_OK;
}
