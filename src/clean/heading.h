/*
 * heading.h — does a line read as a headline or a subheading?
 *
 * A heading is short, does not end like a sentence, and is written the
 * way headings are: Title Case ("Talks Resume in Cairo"), ALL CAPS
 * ("WHAT COMES NEXT"), or, for short lines, sentence case ("What we know
 * so far").  A line that stops on "and", "the" or a comma looks cut off,
 * not like a heading.  The measurements are kept apart from the decision
 * so the headline (first line, looser) and subheadings (inside the body,
 * stricter) can use the same shape.
 */
#ifndef DYAD_CLEAN_HEADING_H
#define DYAD_CLEAN_HEADING_H

#include "patterns.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct heading_shape {
    size_t words;
    bool title_case;          /* every word capitalised but minor words */
    bool all_caps;
    bool capitalised;         /* the first word starts with a capital or a digit */
    bool sentence_end;        /* ends with . ; , or : */
    bool question;            /* ends with ? or ! */
    bool dangling;            /* ends on a minor word or a dash: looks cut off */
    bool starts_well;         /* begins with a letter, digit or quotation mark */
    bool two_sentences;       /* a sentence ends inside it ("... advertiser. All ...") */
} heading_shape;

void heading_measure(const clean_patterns *patterns, const char *text, size_t length,
                     heading_shape *shape);

/* A subheading inside the body. */
bool heading_is_subheading(const heading_shape *shape, size_t length);

/* The first line of an article read as its headline. */
bool heading_is_headline(const heading_shape *shape, size_t length);

#endif
