/*
 * html_metadata.h — what a news page says about itself: title, date,
 * canonical URL, site name.
 *
 * Pages repeat their metadata in several vocabularies (Open Graph,
 * schema.org microdata, JSON-LD, Dublin Core, plain <meta name>), and no
 * one of them is always present or always right.  Each field is taken
 * from the most specific source present, in a fixed order of trust:
 *
 *   title  og:title, JSON-LD headline, twitter:title, <title>
 *   date   article:published_time, JSON-LD datePublished, itemprop
 *          datePublished, the other usual meta names (og:published_time,
 *          pubdate, DC.date.issued, ...), JSON-LD dateCreated, <time
 *          pubdate>; every value normalised to ISO 8601 (html_date.h),
 *          values that are not dates skipped
 *   url    <link rel=canonical> (absolute), og:url, JSON-LD url
 *   site   og:site_name, JSON-LD publisher name, application-name
 *
 * JSON-LD blocks are parsed with jansson; a block that is not valid JSON
 * (they often are not) is ignored, as a browser would.
 */
#ifndef DYAD_INGEST_HTML_METADATA_H
#define DYAD_INGEST_HTML_METADATA_H

#include "dyad.h"

#include <libxml/tree.h>

typedef struct html_metadata {
    const char *title;        /* the best title, NULL if none */
    const char *title_element;/* the <title> text, NULL if none */
    const char *date;         /* ISO 8601, NULL if none */
    const char *url;
    const char *site;
    const char *json_ld_body; /* JSON-LD articleBody, NULL if none */
} html_metadata;

/* Reads the metadata of a parsed page; strings are copied into arena.
 * Fails only when memory runs out. */
dyad_status html_read_metadata(xmlDoc *page, dyad_arena *arena, html_metadata *out);

#endif
