/*
 * html_dom.c — see html_dom.h.
 */
#include "html_dom.h"
#include "../util/arena.h"

#include <libxml/tree.h>

static bool is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

const char *dom_collapse_spaces(const char *text, dyad_arena *arena) {
    if (!text) return NULL;
    size_t length = strlen(text);
    char *out = arena_alloc(arena, length + 1);
    if (!out) return NULL;
    size_t n = 0;
    bool pending_space = false;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)text[i];
        /* U+00A0 no-break space counts as space here */
        if (is_space(c) || (c == 0xC2 && (unsigned char)text[i + 1] == 0xA0)) {
            if (c == 0xC2) i++;
            pending_space = n > 0;
            continue;
        }
        if (pending_space) out[n++] = ' ';
        pending_space = false;
        out[n++] = (char)c;
    }
    out[n] = '\0';
    return n ? out : NULL;
}

const char *dom_text(const xmlNode *node, dyad_arena *arena) {
    xmlChar *content = xmlNodeGetContent(node);
    if (!content) return NULL;
    const char *text = dom_collapse_spaces((const char *)content, arena);
    xmlFree(content);
    return text;
}
