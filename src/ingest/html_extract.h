/*
 * html_extract.h — the article body and metadata of a news web page.
 *
 * A news page is mostly not the article: navigation, menus, share bars,
 * related-story lists, cookie banners, newsletter boxes, comments,
 * footers, scripts.  This module finds the article the way readability
 * and its descendants do, without any per-site rule:
 *
 *   1. the page is decoded to UTF-8 (html_decode.h) and parsed with
 *      libxml2's forgiving HTML parser;
 *   2. metadata is read (html_metadata.h);
 *   3. what is never article text goes (scripts, styles, forms, media,
 *      hidden elements), then what announces itself as furniture by tag
 *      (nav, aside, header, footer), ARIA role, or class/id words (share,
 *      comment, related, newsletter, cookie, byline, ...; the words are
 *      data, html_hints.h) — unless it holds
 *      most of the page's prose, which protects pages that put everything
 *      in one oddly named box;
 *   4. every paragraph-like block (a block with at least a line of its own
 *      text) scores its ancestors by length and commas, less its link
 *      text; containers get a prior from their tag and class/id words
 *      (article, story, content, body vs the furniture words) and a bonus
 *      for schema.org itemprop="articleBody";
 *   5. the best container is widened to a parent that holds several good
 *      candidates, and joined by siblings that score nearly as well (an
 *      article split across boxes by advertisements);
 *   6. inside it, link lists and boxes made mostly of links are dropped
 *      (quotations excepted: an embedded post is part of the story);
 *   7. the blocks are written out as paragraphs separated by "\n\n", a
 *      <br> as "\n" (two in a row end the paragraph), table rows as lines,
 *      white space collapsed; headings stay as their own paragraphs,
 *      except one that repeats the title; a line that is mostly links
 *      ("Home > World", "Read more: ...") and a second copy of a run of
 *      long paragraphs (pages that carry the story twice) are left out.
 *
 * When that leaves very little text, the page is tried again without the
 * class/id pruning (step 3), and then from its JSON-LD articleBody (pages
 * rendered by script); the longest result is kept if it is much longer.
 *
 * Measured with `dyad eval extract` (evaluate/extract_eval.h).
 */
#ifndef DYAD_INGEST_HTML_EXTRACT_H
#define DYAD_INGEST_HTML_EXTRACT_H

#include "dyad.h"
#include "html_hints.h"

typedef struct html_article {
    const char *title;        /* og:title, JSON-LD headline, <title>; NULL if none */
    const char *date;         /* publication date, ISO 8601; NULL if none */
    const char *url;          /* canonical or og:url; NULL if none */
    const char *site;         /* og:site_name; NULL if none */
    const char *text;         /* body text, UTF-8, paragraphs separated by "\n\n" */
    size_t text_length;
    dyad_paragraph *paragraphs;  /* the paragraphs of text; heading set for <h1>-<h6> */
    size_t paragraph_count;
} html_article;

typedef struct html_extract_options {
    /* charset of the HTTP Content-Type header the page came with (WARC),
     * or NULL: it overrides what the page declares, as in browsers */
    const char *charset;
} html_extract_options;

/* hints: the class/id words (html_hints.h), required.
 * bytes: the page in any encoding (html_decode.h); options may be NULL.
 * origin names the file in errors.  All output strings live in arena.
 * A page with no article text is DYAD_ERR_FORMAT "no article text found". */
dyad_status html_extract_article(const html_hints *hints, const char *bytes, size_t length,
                                 const char *origin, const html_extract_options *options,
                                 dyad_arena *arena, html_article *out, dyad_error *error);

#endif
