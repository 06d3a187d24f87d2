/*
 * dateline.h — the dateline that opens a wire story: where it was filed,
 * when, and by which agency.
 *
 *     KYIV, Dec 3 (Reuters) - Russian and U.S. envoys ...
 *     WASHINGTON (AP) — The Senate ...
 *     MOSCOW, December 3 /TASS/. The Kremlin ...
 *     Kyiv, Ukraine — Ukrainian officials ...
 *     NEW DELHI: The government ...
 *     (CNN) — ...
 *
 * Grammar: PLACE {", " PLACE} [", " DATE] [AGENCY] SEPARATOR, where a
 * place is one to four capitalised words (with the lower-case particles of
 * data/clean/place-words.txt: "RIO de JANEIRO"), a date is a month and a
 * day (data/clean/dates.txt) in either order with an optional year, an
 * agency is a short name in (brackets) or /slashes/, and the separator is
 * a dash, a colon or, after /AGENCY/, a full stop.  The story must go on
 * after it with a capital.  A single Title Case place ("Ukraine — once
 * ...") needs a date or an agency before it counts, since a sentence can
 * open that way; an ALL-CAPS place may stand alone ("GAZA CITY —") unless
 * it is a label such as "BREAKING:" or "FROM:" (data/clean/labels.txt),
 * and after a colon the story may not shout ("HOAX: CHURCH ...").  An
 * agency with no place must be a known one (data/clean/agencies.txt).
 */
#ifndef DYAD_CLEAN_DATELINE_H
#define DYAD_CLEAN_DATELINE_H

#include "patterns.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct dateline_span {
    size_t start, length;     /* length 0: absent */
} dateline_span;

typedef struct dateline_match {
    size_t text_length;       /* the dateline as written, through its separator */
    size_t consumed;          /* with the spaces after it: where the story starts */
    dateline_span place, date, agency;
} dateline_match;

/* Parses a dateline at the start of text (one paragraph, spaces
 * collapsed).  Returns false, leaving *match undefined, when there is none. */
bool dateline_parse(const clean_patterns *patterns, const char *text, size_t length,
                    dateline_match *match);

#endif
