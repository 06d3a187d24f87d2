/*
 * extract_eval.h — how well article extraction recovers article bodies.
 *
 * The metric is the one of the ScrapingHub article-extraction benchmark,
 * so figures compare with published ones:
 *
 *   - tokens are maximal runs of letters, marks, digits and "_" (Unicode
 *     categories L*, M*, N*; Python's \w without the marks), lower-cased
 *     with utf8proc (the benchmark does not lower-case; case differences
 *     between a page and its gold text are rare and not extraction errors);
 *   - shingles are runs of 4 consecutive tokens across the whole text,
 *     paragraph breaks ignored (a text of 1–3 tokens is one shingle, an
 *     empty text none), counted with multiplicity;
 *   - per page, true positives are the shingles both texts share (minimum
 *     of the two counts), false positives the extra extracted ones, false
 *     negatives the missed gold ones; the three are divided by their sum,
 *     so long articles do not outweigh short ones;
 *   - precision is the mean over pages with some extracted or shared
 *     shingle, recall the mean over pages with some gold shingle, and F1
 *     their harmonic mean (not the mean of per-page F1s).
 *
 * A page whose extraction fails counts as an empty extraction (recall 0,
 * no precision), as in the benchmark.
 */
#ifndef DYAD_EVALUATE_EXTRACT_EVAL_H
#define DYAD_EVALUATE_EXTRACT_EVAL_H

#include "dyad.h"
#include "ingest/html_hints.h"

#include <stdbool.h>

typedef struct extract_eval_counts {
    double true_positive, false_positive, false_negative;   /* normalised to sum 1 (or all 0) */
} extract_eval_counts;

/* Compares an extracted text with the gold text.  scratch holds the
 * temporary tables (reset it between pages). */
dyad_status extract_eval_compare(const char *gold, size_t gold_length, const char *extracted,
                                 size_t extracted_length, dyad_arena *scratch,
                                 extract_eval_counts *out);

typedef struct extract_eval_page {
    const char *id;
    const char *text;          /* what was extracted ("" on failure) */
    size_t text_length;
    extract_eval_counts counts;
    double precision, recall, f1;
    bool failed;               /* extraction returned an error (in error) */
    dyad_error error;
} extract_eval_page;

typedef struct extract_eval_summary {
    size_t pages;
    size_t failed;             /* extraction errors */
    double precision, recall, f1;   /* the benchmark's figures */
    double mean_page_f1;       /* mean of per-page F1 */
    double good_pages;         /* share of pages with F1 >= 0.9 */
} extract_eval_summary;

/* Called once per page, in id order; page and its strings live until the
 * call returns. */
typedef void (*extract_eval_page_fn)(void *context, const extract_eval_page *page);

/* Runs the extractor over gold_dir/html/<id>.html.gz (or .html) for every
 * id of gold_dir/ground-truth.json ({id: {"articleBody": ...}}) and
 * scores it.  A missing page or bad gold file is an error naming it. */
dyad_status extract_eval_run(const html_hints *hints, const char *gold_dir,
                             extract_eval_page_fn on_page, void *context,
                             extract_eval_summary *out, dyad_error *error);

#endif
