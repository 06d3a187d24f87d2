/*
 * html_date.h — publication dates as web pages and archives write them,
 * normalised to ISO 8601.
 *
 * Pages state dates in many shapes: "2025-12-03T14:05:00+01:00" in
 * article:published_time, "2025-12-03 14:05" in custom meta tags, "Wed, 03
 * Dec 2025 14:05:00 GMT" (RFC 1123), "December 3, 2025" or "3 December
 * 2025" in bylines, "20251203", epoch seconds.  All of them become either
 * "YYYY-MM-DD" (no time given) or "YYYY-MM-DDTHH:MM:SS" followed by "Z" or
 * "+HH:MM" when the zone is known.  Anything that is not clearly a
 * calendar date (an impossible day, a year outside 1900–2199, day and
 * month in an order that cannot be told, "03/12/2025") is refused rather
 * than guessed.  The date must open the text (after an optional weekday);
 * what follows the date and its time is ignored ("Dec 3, 2025 | Updated").
 */
#ifndef DYAD_INGEST_HTML_DATE_H
#define DYAD_INGEST_HTML_DATE_H

#include <stdbool.h>

enum { HTML_DATE_SIZE = 32 };

/* Writes the normalised form of text into out; false if text is not a
 * date this module understands. */
bool html_date_normalize(const char *text, char out[HTML_DATE_SIZE]);

#endif
