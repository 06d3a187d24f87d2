/*
 * extraction_eval.h — scoring the extraction stage against annotated
 * articles (`dyad eval extraction --gold FILE`).
 *
 * The gold format is plain text, written by hand, one or more articles per
 * file:
 *
 *     # article: ID
 *     # date: YYYY-MM-DD          (optional: the article's date)
 *     Paragraph text, lines joined by a space; a blank line ends a paragraph.
 *     Annotations are inline and may nest:
 *       [[q speaker="Yuri Ushakov"|“We will win,”]]   direct quotation
 *       [[r speaker="the ministry"|12 people died]]   reported speech
 *       [[n v=25000 u=person c=protesters|25,000 protesters]]   figure
 *       [[n lo=10 hi=12|between 10 and 12]]           range
 *       [[d v=2025-12-03|Wednesday]]   date (v=null: cannot be resolved)
 *       [[p c=UKR|Kharkiv]]            place (c=- : no country)
 *
 * Other lines beginning with "#" are comments.  The text of an article is
 * the file's text with the markup removed, paragraphs separated by one
 * blank line, exactly as the cleaning stage would leave it (checked).
 *
 * A prediction is correct when its span overlaps a gold span of its kind
 * not yet matched and:
 *   quotes  the direct/reported flag agrees and the speaker is right: the
 *           last word of one speaker (its name, else as written) appears
 *           among the words of the other ("Ushakov" ~ "Yuri Ushakov")
 *   figures the value (or low and high) is equal
 *   dates   the value is equal (null included)
 *   places  the country is equal (null included)
 * Units and categories of matched figures are scored apart, as accuracy.
 */
#ifndef DYAD_EVALUATE_EXTRACTION_EVAL_H
#define DYAD_EVALUATE_EXTRACTION_EVAL_H

#include "dyad.h"

#include <stddef.h>

typedef struct extraction_score {
    size_t gold, found, correct;   /* matching is one to one */
} extraction_score;

typedef struct extraction_result {
    size_t articles;
    extraction_score quotes, numbers, dates, places;
    size_t units_scored, units_right;          /* matched figures with a gold unit */
    size_t categories_scored, categories_right;/* matched figures with a gold category */
    size_t gold_in_removed_text;               /* gold items in text cleaning removed
                                                  (datelines): set aside, not scored */
    double seconds;                            /* extraction stage time */
    size_t tokens;
} extraction_result;

/* Called for every miss and every false alarm: kind is "quote",
 * "figure", "date" or "place"; missed is 1 for a gold item not found, 0
 * for a prediction not in the gold; detail describes it. */
typedef void (*extraction_listener)(void *context, const char *article, const char *kind,
                                    int missed, const char *text, const char *detail);

dyad_status extraction_eval_file(const dyad_resources *resources, const char *path,
                                 extraction_result *result, extraction_listener listener,
                                 void *context, dyad_error *error);

double extraction_precision(const extraction_score *score);
double extraction_recall(const extraction_score *score);

#endif
