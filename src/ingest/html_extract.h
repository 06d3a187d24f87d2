/*
 * html_extract.h — the article body and metadata of a news web page.
 *
 * A news page is mostly not the article: navigation, menus, share bars,
 * related-story lists, cookie banners, footers, scripts.  This module
 * parses the page with libxml2's forgiving HTML parser and returns the body
 * text with paragraph breaks ("\n\n" between blocks) plus the metadata a
 * page usually carries (<title>, og:title, article:published_time and
 * similar date tags, canonical URL, site name).
 */
#ifndef DYAD_INGEST_HTML_EXTRACT_H
#define DYAD_INGEST_HTML_EXTRACT_H

#include "dyad.h"

typedef struct html_article {
    const char *title;        /* og:title, else <title>; NULL if none */
    const char *date;         /* publication date as found in meta tags; NULL if none */
    const char *url;          /* canonical or og:url; NULL if none */
    const char *site;         /* og:site_name; NULL if none */
    const char *text;         /* body text, UTF-8, paragraphs separated by "\n\n" */
    size_t text_length;
} html_article;

/* bytes: the page in any encoding libxml2 can detect (meta charset, BOM;
 * UTF-8 assumed otherwise).  origin names the file in errors.  All output
 * strings live in arena. */
dyad_status html_extract_article(const char *bytes, size_t length, const char *origin,
                                 dyad_arena *arena, html_article *out, dyad_error *error);

#endif
