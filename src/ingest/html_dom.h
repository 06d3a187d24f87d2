/*
 * html_dom.h — small helpers over libxml2's tree shared by the HTML
 * modules (metadata, extraction).
 *
 * libxml2's HTML parser lower-cases element and attribute names, so plain
 * strcmp is enough.  Attribute values are returned borrowed from the tree
 * (no copy, no xmlFree): the extractor asks for class and id on every
 * element, and a malloc per question would cost more than the parse.
 */
#ifndef DYAD_INGEST_HTML_DOM_H
#define DYAD_INGEST_HTML_DOM_H

#include "dyad.h"

#include <libxml/tree.h>
#include <stdbool.h>
#include <string.h>

static inline bool dom_is(const xmlNode *node, const char *name) {
    return node->type == XML_ELEMENT_NODE && node->name &&
           strcmp((const char *)node->name, name) == 0;
}

/* The value of attribute `name`, "" for an attribute without a value,
 * NULL when absent. */
static inline const char *dom_attribute(const xmlNode *node, const char *name) {
    if (node->type != XML_ELEMENT_NODE) return NULL;
    for (const xmlAttr *attribute = node->properties; attribute; attribute = attribute->next) {
        if (!attribute->name || strcmp((const char *)attribute->name, name) != 0) continue;
        const xmlNode *value = attribute->children;
        if (!value) return "";
        if (value->type == XML_TEXT_NODE && !value->next && value->content)
            return (const char *)value->content;
        return NULL; /* split values (entity references) do not occur in HTML trees */
    }
    return NULL;
}

/* The text below node with white space collapsed and trimmed, copied into
 * arena; NULL when empty. */
const char *dom_text(const xmlNode *node, dyad_arena *arena);

/* text with runs of white space collapsed to one space and trimmed, copied
 * into arena; NULL when nothing is left. */
const char *dom_collapse_spaces(const char *text, dyad_arena *arena);

#endif
