/*
 * credits.h — agency credits, bylines and copyright lines: who wrote and
 * who supplied the story.
 *
 * They are not part of what happened, so they leave the coded text, but
 * they say where a story comes from, so they are kept as
 * document->credits.  A credit opens with a phrase of data/clean/credits.txt
 * ("Reporting by", "With inputs from") or closes with one ("contributed to
 * this report"), and what is left is a list of names: capitalised words
 * joined by the lower-case words of data/clean/name-words.txt ("and", "in",
 * "by", "de").  That last test is what keeps "Reporting by the ministry
 * showed..." in the text.
 */
#ifndef DYAD_CLEAN_CREDITS_H
#define DYAD_CLEAN_CREDITS_H

#include "patterns.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum credit_verdict {
    CREDIT_NONE = 0,
    CREDIT_LINE,              /* "Reporting by ...", "(with inputs from Reuters)", "© 2025 ..." */
    CREDIT_BARE_AGENCY,       /* a line that is only an agency name ("Reuters"): a credit at
                                 the end of a story, a photo credit anywhere else */
} credit_verdict;

/* Judges a whole line. */
credit_verdict credits_classify_line(const clean_patterns *patterns, const char *line,
                                     size_t length);

/* "By Jane Doe and John Roe, Reuters" (only near the top of a story). */
bool credits_is_byline(const clean_patterns *patterns, const char *line, size_t length);

/* Names joined by "and", "in", commas, semicolons: "Anna Petrova in Kyiv;
 * Editing by Mark Jones". */
bool credits_is_name_list(const clean_patterns *patterns, const char *text, size_t length);

/* When text ends with a parenthesised credit ("... he said. (Reporting by
 * X)"), returns where its "(" is; otherwise returns length. */
size_t credits_trailing_parenthetical(const clean_patterns *patterns, const char *text,
                                      size_t length);

#endif
