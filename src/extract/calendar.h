/*
 * calendar.h — proleptic Gregorian date arithmetic for resolving dates.
 *
 * Dates are counted as days since 1970-01-01 so that "three days ago",
 * "last Wednesday" and "next week" are additions, and validity ("31
 * February") is one comparison against the month's length.
 */
#ifndef DYAD_EXTRACT_CALENDAR_H
#define DYAD_EXTRACT_CALENDAR_H

#include <stdbool.h>

typedef struct civil_date {
    int year, month, day;
} civil_date;

bool calendar_is_leap(int year);
/* Days in the month, 0 for a month outside 1..12. */
int calendar_month_length(int year, int month);
bool calendar_is_valid(int year, int month, int day);
/* Days since 1970-01-01 (negative before). */
long calendar_days(int year, int month, int day);
civil_date calendar_from_days(long days);
/* ISO weekday: 1 Monday .. 7 Sunday. */
int calendar_weekday(long days);
/* ISO 8601 week-numbering year and week of a day. */
void calendar_iso_week(long days, int *year, int *week);
/* Parses "YYYY-MM-DD" at the start of text (a full ISO 8601 timestamp is
 * fine: the rest is ignored); false when it is not a valid date. */
bool calendar_parse_iso(const char *text, civil_date *out);

#endif
