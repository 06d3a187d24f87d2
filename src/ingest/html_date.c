/*
 * html_date.c — see html_date.h.
 *
 * A small hand-written scanner rather than strptime: strptime depends on
 * the locale, cannot say "optional", and accepts day 31 of February.
 */
#include "html_date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef struct date_parts {
    int year, month, day;
    int hour, minute, second;
    bool has_time;
    bool has_zone;
    int zone_minutes;         /* east of UTC */
} date_parts;

static const char *skip_spaces(const char *p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

/* Reads min_digits..max_digits digits, not followed by another digit. */
static bool read_number(const char **cursor, int min_digits, int max_digits, int *value) {
    const char *p = *cursor;
    int n = 0, v = 0;
    while (n < max_digits && isdigit((unsigned char)p[n])) v = v * 10 + (p[n++] - '0');
    if (n < min_digits || isdigit((unsigned char)p[n])) return false;
    *value = v;
    *cursor = p + n;
    return true;
}

static bool leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static bool valid_date(const date_parts *d) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d->year < 1900 || d->year > 2199 || d->month < 1 || d->month > 12 || d->day < 1)
        return false;
    int limit = days[d->month - 1] + (d->month == 2 && leap_year(d->year));
    if (d->day > limit) return false;
    if (d->has_time && (d->hour > 23 || d->minute > 59 || d->second > 60)) return false;
    return true;
}

/* Month name or abbreviation at *cursor ("Dec", "Dec.", "December", "Sept"). */
static int read_month_name(const char **cursor) {
    static const char *const names[] = {"january", "february", "march",     "april",
                                        "may",     "june",     "july",      "august",
                                        "september", "october", "november", "december"};
    const char *p = *cursor;
    size_t n = 0;
    while (isalpha((unsigned char)p[n])) n++;
    if (n < 3) return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(names[m]);
        bool whole = n == full && strncasecmp(p, names[m], n) == 0;
        bool abbreviated = n == 3 && strncasecmp(p, names[m], 3) == 0;
        bool sept = m == 8 && n == 4 && strncasecmp(p, "sept", 4) == 0;
        if (whole || abbreviated || sept) {
            p += n;
            if (*p == '.') p++;
            *cursor = p;
            return m + 1;
        }
    }
    return 0;
}

static void skip_weekday(const char **cursor) {
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
    const char *p = *cursor;
    size_t n = 0;
    while (isalpha((unsigned char)p[n])) n++;
    for (int i = 0; i < 7; i++)
        if (n >= 3 && n <= strlen(days[i]) && strncasecmp(p, days[i], n) == 0) {
            p += n;
            if (*p == '.') p++;
            p = skip_spaces(p);
            if (*p == ',') p++;
            *cursor = skip_spaces(p);
            return;
        }
}

/* "Z", "UTC", "GMT", "+01:00", "+0100", "-05", "EST", ... */
static bool read_zone(const char **cursor, date_parts *d) {
    static const struct {
        const char *name;
        int minutes;
    } zones[] = {{"UTC", 0},    {"GMT", 0},    {"Z", 0},      {"EST", -300}, {"EDT", -240},
                 {"CST", -360}, {"CDT", -300}, {"MST", -420}, {"MDT", -360}, {"PST", -480},
                 {"PDT", -420}, {"BST", 60},   {"CET", 60},   {"CEST", 120}, {"EET", 120},
                 {"EEST", 180}, {"IST", 330},  {"JST", 540},  {"MSK", 180}};
    const char *p = *cursor;
    if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1, hours, minutes = 0;
        p++;
        if (!read_number(&p, 2, 2, &hours)) {
            /* "+0100" */
            int packed;
            if (!read_number(&p, 4, 4, &packed)) return false;
            hours = packed / 100;
            minutes = packed % 100;
        } else if (*p == ':') {
            p++;
            if (!read_number(&p, 2, 2, &minutes)) return false;
        } else if (isdigit((unsigned char)*p)) {
            return false;
        }
        if (hours > 14 || minutes > 59) return false;
        d->has_zone = true;
        d->zone_minutes = sign * (hours * 60 + minutes);
        *cursor = p;
        return true;
    }
    for (size_t i = 0; i < sizeof zones / sizeof *zones; i++) {
        size_t n = strlen(zones[i].name);
        if (strncasecmp(p, zones[i].name, n) == 0 && !isalpha((unsigned char)p[n])) {
            p += n;
            d->has_zone = true;
            d->zone_minutes = zones[i].minutes;
            /* "GMT+01:00" */
            if ((*p == '+' || *p == '-') && zones[i].minutes == 0) {
                const char *offset = p;
                date_parts extra = *d;
                if (read_zone(&offset, &extra)) {
                    *d = extra;
                    p = offset;
                }
            }
            *cursor = p;
            return true;
        }
    }
    return false;
}

/* "14:05", "14:05:09.123", "2:05 pm", then an optional zone.  Leaves the
 * time unset and returns false if what follows is not a time. */
static bool read_time(const char **cursor, date_parts *d) {
    const char *p = *cursor;
    int hour, minute, second = 0;
    if (!read_number(&p, 1, 2, &hour) || *p != ':') return false;
    p++;
    if (!read_number(&p, 2, 2, &minute)) return false;
    if (*p == ':') {
        p++;
        if (!read_number(&p, 2, 2, &second)) return false;
        if (*p == '.' || *p == ',') {
            p++;
            while (isdigit((unsigned char)*p)) p++;
        }
    }
    const char *after = skip_spaces(p);
    if ((strncasecmp(after, "am", 2) == 0 || strncasecmp(after, "a.m.", 4) == 0) &&
        hour >= 1 && hour <= 12) {
        if (hour == 12) hour = 0;
        p = after + (after[1] == '.' ? 4 : 2);
    } else if ((strncasecmp(after, "pm", 2) == 0 || strncasecmp(after, "p.m.", 4) == 0) &&
               hour >= 1 && hour <= 12) {
        if (hour != 12) hour += 12;
        p = after + (after[1] == '.' ? 4 : 2);
    }
    d->hour = hour;
    d->minute = minute;
    d->second = second;
    d->has_time = true;
    const char *zone = skip_spaces(p);
    if (read_zone(&zone, d)) p = zone;
    *cursor = p;
    return true;
}

static bool parse_epoch(const char *text, date_parts *d) {
    size_t n = strlen(text);
    if ((n != 10 && n != 13) || strspn(text, "0123456789") != n) return false;
    long long value = 0;
    for (size_t i = 0; i < n; i++) value = value * 10 + (text[i] - '0');
    if (n == 13) value /= 1000;
    time_t seconds = (time_t)value;
    struct tm parts;
    if (!gmtime_r(&seconds, &parts)) return false;
    d->year = parts.tm_year + 1900;
    d->month = parts.tm_mon + 1;
    d->day = parts.tm_mday;
    d->hour = parts.tm_hour;
    d->minute = parts.tm_min;
    d->second = parts.tm_sec;
    d->has_time = d->has_zone = true;
    /* epoch values outside the web's lifetime are ids, not dates */
    return d->year >= 1995 && d->year <= 2100;
}

/* 2025-12-03, 2025/12/03, 2025.12.03, 20251203, optionally followed by a time. */
static bool parse_numeric(const char *p, date_parts *d) {
    if (!read_number(&p, 4, 4, &d->year)) {
        if (!read_number(&p, 8, 8, &d->year)) return false;
        d->day = d->year % 100;
        d->month = d->year / 100 % 100;
        d->year /= 10000;
    } else {
        char separator = *p;
        if (separator != '-' && separator != '/' && separator != '.') return false;
        p++;
        if (!read_number(&p, 1, 2, &d->month) || *p != separator) return false;
        p++;
        if (!read_number(&p, 1, 2, &d->day)) return false;
    }
    if (*p == 'T' || *p == 't' || *p == ' ') {
        const char *time = skip_spaces(p + 1);
        if (read_time(&time, d)) p = time;
    }
    (void)p;
    return true;
}

/* "3 December 2025", "December 3, 2025", "Wed, 03 Dec 2025 14:05:00 GMT",
 * "Dec. 3, 2025 at 2:05 p.m. EST". */
static bool parse_words(const char *p, date_parts *d) {
    skip_weekday(&p);
    if (isdigit((unsigned char)*p)) {
        if (!read_number(&p, 1, 2, &d->day)) return false;
        if (*p == '.') p++;
        p = skip_spaces(p);
        if (*p == '-') p = skip_spaces(p + 1);
        if (!(d->month = read_month_name(&p))) return false;
        p = skip_spaces(p);
        if (*p == '-' || *p == ',') p = skip_spaces(p + 1);
    } else {
        if (!(d->month = read_month_name(&p))) return false;
        p = skip_spaces(p);
        if (!read_number(&p, 1, 2, &d->day)) return false;
        /* "3rd", "21st" */
        if (isalpha((unsigned char)p[0]) && isalpha((unsigned char)p[1]) &&
            !isalpha((unsigned char)p[2]))
            p += 2;
        p = skip_spaces(p);
        if (*p == ',') p = skip_spaces(p + 1);
    }
    if (!read_number(&p, 4, 4, &d->year)) return false;
    p = skip_spaces(p);
    if (*p == ',' || *p == '|' || *p == '-') p = skip_spaces(p + 1);
    if (strncasecmp(p, "at ", 3) == 0) p = skip_spaces(p + 3);
    read_time(&p, d);
    return true;
}

bool html_date_normalize(const char *text, char out[HTML_DATE_SIZE]) {
    if (!text) return false;
    char copy[96];
    text = skip_spaces(text);
    size_t n = strlen(text);
    while (n && isspace((unsigned char)text[n - 1])) n--;
    if (n == 0 || n >= sizeof copy) return false;
    memcpy(copy, text, n);
    copy[n] = '\0';
    date_parts d;
    memset(&d, 0, sizeof d);
    bool parsed = parse_epoch(copy, &d);
    if (!parsed) {
        memset(&d, 0, sizeof d);
        parsed = isdigit((unsigned char)copy[0]) && parse_numeric(copy, &d);
    }
    if (!parsed) {
        memset(&d, 0, sizeof d);
        parsed = parse_words(copy, &d);
    }
    if (!parsed || !valid_date(&d)) return false;
    if (!d.has_time) {
        snprintf(out, HTML_DATE_SIZE, "%04d-%02d-%02d", d.year, d.month, d.day);
        return true;
    }
    int written = snprintf(out, HTML_DATE_SIZE, "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month,
                           d.day, d.hour, d.minute, d.second);
    if (d.has_zone && d.zone_minutes == 0) {
        snprintf(out + written, HTML_DATE_SIZE - (size_t)written, "Z");
    } else if (d.has_zone) {
        int minutes = d.zone_minutes < 0 ? -d.zone_minutes : d.zone_minutes;
        snprintf(out + written, HTML_DATE_SIZE - (size_t)written, "%c%02d:%02d",
                 d.zone_minutes < 0 ? '-' : '+', minutes / 60, minutes % 60);
    }
    return true;
}
