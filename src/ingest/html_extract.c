/*
 * html_extract.c — see html_extract.h.
 *
 * First version: metadata from <head>, body text from the block elements
 * outside page furniture (nav, header, footer, aside, forms, scripts).
 */
#include "html_extract.h"
#include "../util/arena.h"
#include "../util/buffer.h"
#include "../util/error.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

typedef struct extract_state {
    dyad_buffer text;
    dyad_buffer paragraph;
} extract_state;

static bool name_is(const xmlNode *node, const char *name) {
    return node->name && strcasecmp((const char *)node->name, name) == 0;
}

static bool is_furniture(const xmlNode *node) {
    static const char *const skip[] = {"script", "style", "noscript", "nav", "header", "footer",
                                       "aside", "form", "button", "select", "iframe", "svg",
                                       "template", "figure", "menu", NULL};
    for (size_t i = 0; skip[i]; i++)
        if (name_is(node, skip[i])) return true;
    return false;
}

static bool is_block(const xmlNode *node) {
    static const char *const blocks[] = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li",
                                         "blockquote", "section", "article", "ul", "ol", "br",
                                         "table", "tr", "pre", NULL};
    for (size_t i = 0; blocks[i]; i++)
        if (name_is(node, blocks[i])) return true;
    return false;
}

/* Ends the current paragraph: collapses its white space and appends it. */
static void flush_paragraph(extract_state *state) {
    dyad_buffer *p = &state->paragraph;
    size_t out = 0;
    bool space = false;
    for (size_t i = 0; i < p->length; i++) {
        char c = p->data[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            space = out > 0;
            continue;
        }
        if (space) p->data[out++] = ' ';
        space = false;
        p->data[out++] = c;
    }
    if (out) {
        if (state->text.length) buffer_append(&state->text, "\n\n", 2);
        buffer_append(&state->text, p->data, out);
    }
    buffer_clear(p);
}

static void walk(xmlNode *node, extract_state *state) {
    for (; node; node = node->next) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content) buffer_append_string(&state->paragraph, (const char *)node->content);
            continue;
        }
        if (node->type != XML_ELEMENT_NODE) continue;
        if (is_furniture(node)) continue;
        bool block = is_block(node);
        if (block) flush_paragraph(state);
        walk(node->children, state);
        if (block) flush_paragraph(state);
    }
}

static const char *meta_content(xmlNode *node, const char *const *names, dyad_arena *arena) {
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        if (name_is(node, "meta")) {
            xmlChar *key = xmlGetProp(node, (const xmlChar *)"property");
            if (!key) key = xmlGetProp(node, (const xmlChar *)"name");
            if (!key) key = xmlGetProp(node, (const xmlChar *)"itemprop");
            bool match = false;
            for (size_t i = 0; key && names[i] && !match; i++)
                match = strcasecmp((const char *)key, names[i]) == 0;
            xmlFree(key);
            if (match) {
                xmlChar *content = xmlGetProp(node, (const xmlChar *)"content");
                const char *copy = content ? arena_strdup(arena, (const char *)content) : NULL;
                xmlFree(content);
                if (copy && copy[0]) return copy;
            }
        }
        const char *found = meta_content(node->children, names, arena);
        if (found) return found;
    }
    return NULL;
}

static xmlNode *find_element(xmlNode *node, const char *name) {
    for (; node; node = node->next) {
        if (node->type == XML_ELEMENT_NODE && name_is(node, name)) return node;
        xmlNode *found = find_element(node->children, name);
        if (found) return found;
    }
    return NULL;
}

dyad_status html_extract_article(const char *bytes, size_t length, const char *origin,
                                 dyad_arena *arena, html_article *out, dyad_error *error) {
    memset(out, 0, sizeof *out);
    if (length > (size_t)INT32_MAX)
        return error_set(error, DYAD_ERR_LIMIT, origin, 0, -1, "HTML page too large");
    htmlDocPtr page = htmlReadMemory(bytes, (int)length, origin, NULL,
                                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                         HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!page) return error_set(error, DYAD_ERR_FORMAT, origin, 0, -1, "cannot parse HTML");
    xmlNode *root = xmlDocGetRootElement(page);
    static const char *const title_names[] = {"og:title", "twitter:title", NULL};
    static const char *const date_names[] = {"article:published_time", "datePublished",
                                             "pubdate", "publishdate", "date", "dc.date",
                                             "og:published_time", NULL};
    static const char *const url_names[] = {"og:url", NULL};
    static const char *const site_names[] = {"og:site_name", NULL};
    out->title = meta_content(root, title_names, arena);
    if (!out->title) {
        xmlNode *title = find_element(root, "title");
        if (title) {
            xmlChar *content = xmlNodeGetContent(title);
            if (content) out->title = arena_strdup(arena, (const char *)content);
            xmlFree(content);
        }
    }
    out->date = meta_content(root, date_names, arena);
    out->url = meta_content(root, url_names, arena);
    out->site = meta_content(root, site_names, arena);

    extract_state state = {{0}, {0}};
    xmlNode *body = find_element(root, "body");
    walk(body ? body->children : root, &state);
    flush_paragraph(&state);
    out->text = state.text.data ? arena_strndup(arena, state.text.data, state.text.length)
                                : arena_strdup(arena, "");
    out->text_length = state.text.length;
    dyad_buffer_free(&state.text);
    dyad_buffer_free(&state.paragraph);
    xmlFreeDoc(page);
    if (!out->text) return error_set(error, DYAD_ERR_MEMORY, origin, 0, -1, "out of memory");
    if (out->text_length == 0)
        return error_set(error, DYAD_ERR_FORMAT, origin, 0, -1, "no article text found in HTML");
    return DYAD_OK;
}
