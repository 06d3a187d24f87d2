/*
 * calendar.c — see calendar.h.  Days are counted in 400-year eras of
 * 146097 days, each starting on 1 March so that the leap day falls at the
 * end of the counting year.
 */
#include "calendar.h"

#include <ctype.h>

bool calendar_is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int calendar_month_length(int year, int month) {
    static const int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return month == 2 && calendar_is_leap(year) ? 29 : lengths[month - 1];
}

bool calendar_is_valid(int year, int month, int day) {
    return year >= 1 && year <= 9999 && day >= 1 && day <= calendar_month_length(year, month);
}

long calendar_days(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = (y >= 0 ? y : y - 399) / 400;
    long year_of_era = y - era * 400;                                  /* 0..399 */
    long month_from_march = month > 2 ? month - 3 : month + 9;         /* 0..11 */
    long day_of_year = (153 * month_from_march + 2) / 5 + day - 1;     /* 0..365 */
    long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

civil_date calendar_from_days(long days) {
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097;
    long day_of_era = days - era * 146097;
    long year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    long month_from_march = (5 * day_of_year + 2) / 153;
    civil_date date;
    date.day = (int)(day_of_year - (153 * month_from_march + 2) / 5 + 1);
    date.month = (int)(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
    date.year = (int)(year_of_era + era * 400 + (date.month <= 2));
    return date;
}

int calendar_weekday(long days) {
    /* 1970-01-01 was a Thursday (4) */
    long weekday = (days % 7 + 7 + 3) % 7;   /* 0 Monday */
    return (int)weekday + 1;
}

void calendar_iso_week(long days, int *year, int *week) {
    /* the week belongs to the year of its Thursday */
    long thursday = days - (calendar_weekday(days) - 1) + 3;
    civil_date date = calendar_from_days(thursday);
    long first = calendar_days(date.year, 1, 1);
    *year = date.year;
    *week = (int)((thursday - first) / 7 + 1);
}

bool calendar_parse_iso(const char *text, civil_date *out) {
    if (!text) return false;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (text[i] != '-') return false;
        } else if (!isdigit((unsigned char)text[i])) {
            return false;
        }
    }
    out->year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
    out->month = (text[5] - '0') * 10 + (text[6] - '0');
    out->day = (text[8] - '0') * 10 + (text[9] - '0');
    return calendar_is_valid(out->year, out->month, out->day);
}
