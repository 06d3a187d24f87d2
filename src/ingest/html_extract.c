/*
 * html_extract.c — see html_extract.h.
 *
 * Facts about each element (text length, link text, commas, paragraphs
 * below) are computed in one bottom-up pass and hung on the element's
 * `_private` pointer, which libxml2 leaves to applications; every later
 * decision reads them in constant time, so the whole extraction is linear
 * in the size of the page.  They live in a scratch arena freed at the end.
 *
 * Lengths count non-space characters (code points), so that markup
 * indentation and non-Latin scripts weigh the same as anything else.
 */
#include "html_extract.h"
#include "html_hints.h"
#include "html_date.h"
#include "html_decode.h"
#include "html_dom.h"
#include "html_metadata.h"
#include "../util/arena.h"
#include "../util/buffer.h"
#include "../util/error.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------- tuning */

enum {
    UNIT_MIN_TEXT = 20,        /* own text that makes a block a paragraph (about 25 chars) */
    SIBLING_LONG_TEXT = 65,    /* a sibling paragraph this long joins the article */
    ANCESTOR_LEVELS = 5,       /* how far up a paragraph's score reaches */
    RETRY_BELOW = 250,         /* text shorter than this is tried again, relaxed */
    ARTICLE_BODY_MIN_PROSE = 80,   /* itemprop=articleBody is trusted from this much prose */
    ALTERNATIVES = 5,          /* runners-up looked at when widening the container */
    REPEAT_MIN_LENGTH = 100,   /* bytes from which a repeated paragraph is a copy */
    LINKED_PARAGRAPH_OWN_TEXT = 40,  /* unlinked characters that save a mostly linked line */
};

/* ----------------------------------------------------------------- tags */

enum tag_flag {
    TAG_BLOCK = 1u << 0,       /* starts a paragraph of its own */
    TAG_DROP = 1u << 1,        /* never article text */
    TAG_HEADING = 1u << 2,
    TAG_FURNITURE = 1u << 3,   /* page structure around the article: nav, aside, ... */
    TAG_LINE_BREAK = 1u << 4,
    TAG_PREFORMATTED = 1u << 5,
    TAG_CONTAINER = 1u << 7,   /* checked for link lists inside the article */
    TAG_CELL = 1u << 8,        /* a table cell: a paragraph when scoring, a row's part when written */
};

typedef struct tag_info {
    const char *name;
    unsigned flags;
    int prior;                 /* the container's starting score (as in readability) */
} tag_info;

/* sorted by name for bsearch */
static const tag_info tag_table[] = {
    {"address", TAG_BLOCK, -3},
    {"applet", TAG_DROP, 0},
    {"area", TAG_DROP, 0},
    {"article", TAG_BLOCK, 10},
    {"aside", TAG_BLOCK | TAG_FURNITURE | TAG_CONTAINER, -5},
    {"audio", TAG_DROP, 0},
    {"blockquote", TAG_BLOCK, 3},
    {"body", TAG_BLOCK, 0},
    {"br", TAG_LINE_BREAK, 0},
    {"button", TAG_DROP, 0},
    {"canvas", TAG_DROP, 0},
    {"caption", TAG_BLOCK, 0},
    {"center", TAG_BLOCK | TAG_CONTAINER, 0},
    {"datalist", TAG_DROP, 0},
    {"dd", TAG_BLOCK, -3},
    {"details", TAG_BLOCK | TAG_CONTAINER, 0},
    {"dialog", TAG_DROP, 0},
    {"dir", TAG_BLOCK | TAG_CONTAINER, -3},
    {"div", TAG_BLOCK | TAG_CONTAINER, 5},
    {"dl", TAG_BLOCK | TAG_CONTAINER, -3},
    {"dt", TAG_BLOCK, -3},
    {"embed", TAG_DROP, 0},
    {"fieldset", TAG_BLOCK | TAG_CONTAINER, 0},
    {"figcaption", TAG_DROP, 0},
    {"figure", TAG_DROP, 0},
    {"footer", TAG_BLOCK | TAG_FURNITURE | TAG_CONTAINER, -5},
    {"form", TAG_BLOCK | TAG_FURNITURE | TAG_CONTAINER, -3},
    {"frame", TAG_DROP, 0},
    {"frameset", TAG_DROP, 0},
    {"h1", TAG_BLOCK | TAG_HEADING, -5},
    {"h2", TAG_BLOCK | TAG_HEADING, -5},
    {"h3", TAG_BLOCK | TAG_HEADING, -5},
    {"h4", TAG_BLOCK | TAG_HEADING, -5},
    {"h5", TAG_BLOCK | TAG_HEADING, -5},
    {"h6", TAG_BLOCK | TAG_HEADING, -5},
    {"head", TAG_DROP, 0},
    {"header", TAG_BLOCK | TAG_FURNITURE | TAG_CONTAINER, -5},
    {"hr", TAG_BLOCK, 0},
    {"html", TAG_BLOCK, 0},
    {"iframe", TAG_DROP, 0},
    {"img", TAG_DROP, 0},
    {"input", TAG_DROP, 0},
    {"label", TAG_DROP, 0},
    {"legend", TAG_BLOCK, 0},
    {"li", TAG_BLOCK, -3},
    {"link", TAG_DROP, 0},
    {"main", TAG_BLOCK, 5},
    {"map", TAG_DROP, 0},
    {"math", TAG_DROP, 0},
    {"menu", TAG_BLOCK | TAG_FURNITURE | TAG_CONTAINER, -5},
    {"meta", TAG_DROP, 0},
    {"meter", TAG_DROP, 0},
    {"nav", TAG_BLOCK | TAG_FURNITURE | TAG_CONTAINER, -5},
    {"noscript", TAG_DROP, 0},
    {"object", TAG_DROP, 0},
    {"ol", TAG_BLOCK | TAG_CONTAINER, -3},
    {"optgroup", TAG_DROP, 0},
    {"option", TAG_DROP, 0},
    {"output", TAG_DROP, 0},
    {"p", TAG_BLOCK, 0},
    {"picture", TAG_DROP, 0},
    {"pre", TAG_BLOCK | TAG_PREFORMATTED, 3},
    {"progress", TAG_DROP, 0},
    {"script", TAG_DROP, 0},
    {"section", TAG_BLOCK, 0},
    {"select", TAG_DROP, 0},
    {"source", TAG_DROP, 0},
    {"style", TAG_DROP, 0},
    {"summary", TAG_BLOCK, 0},
    {"svg", TAG_DROP, 0},
    {"table", TAG_BLOCK | TAG_CONTAINER, 0},
    {"tbody", TAG_BLOCK, 0},
    {"td", TAG_BLOCK | TAG_CELL, 3},
    {"template", TAG_DROP, 0},
    {"textarea", TAG_DROP, 0},
    {"tfoot", TAG_BLOCK, 0},
    {"th", TAG_BLOCK | TAG_CELL, -5},
    {"thead", TAG_BLOCK, 0},
    {"title", TAG_DROP, 0},
    {"tr", TAG_BLOCK, 0},
    {"track", TAG_DROP, 0},
    {"ul", TAG_BLOCK | TAG_CONTAINER, -3},
    {"video", TAG_DROP, 0},
};

static int compare_tag(const void *key, const void *entry) {
    return strcmp(key, ((const tag_info *)entry)->name);
}

/* Unknown elements (custom elements, <span>, <a>, <em>...) are inline. */
static const tag_info *tag_lookup(const xmlNode *node) {
    if (node->type != XML_ELEMENT_NODE || !node->name) return NULL;
    return bsearch(node->name, tag_table, sizeof tag_table / sizeof *tag_table,
                   sizeof *tag_table, compare_tag);
}

static unsigned tag_flags(const xmlNode *node) {
    const tag_info *info = tag_lookup(node);
    return info ? info->flags : 0;
}

/* ------------------------------------------------------ class/id words */

enum hint {
    HINT_POSITIVE = 1u << 0,   /* article, story, content, body, ... */
    HINT_NEGATIVE = 1u << 1,   /* likely furniture: removed unless also positive */
    HINT_REMOVE = 1u << 2,     /* furniture even when also positive ("article-share") */
    HINT_HIDDEN = 1u << 3,     /* not shown to the reader */
    HINT_FURNITURE_ROLE = 1u << 4,
};

/* The word lists are data (html_hints.h); what each kind does is here. */
static unsigned word_hints(const html_hints *hints, const char *word) {
    switch (html_hints_word(hints, word)) {
    case HTML_WORD_REMOVE: return HINT_REMOVE;
    case HTML_WORD_NEGATIVE: return HINT_NEGATIVE;
    case HTML_WORD_POSITIVE: return HINT_POSITIVE;
    case HTML_WORD_NONE: break;
    }
    return 0;
}

/* Splits a class or id value into lower-case words at non-alphanumerics
 * and camelCase humps, and ORs their hints. */
static unsigned attribute_hints(const html_hints *hint_words, const char *value) {
    unsigned hints = 0;
    char word[HTML_HINT_WORD_MAX + 1];
    size_t n = 0;
    for (const char *p = value;; p++) {
        unsigned char c = (unsigned char)*p;
        bool alnum = c && isalnum(c);
        bool hump = alnum && n && isupper(c) && islower((unsigned char)p[-1]);
        if ((!alnum || hump) && n) {
            word[n] = '\0';
            hints |= word_hints(hint_words, word);
            n = 0;
        }
        if (!c) break;
        if (alnum && n + 1 < sizeof word) word[n++] = (char)tolower(c);
    }
    return hints;
}

static bool has_class_token(const char *value, const char *const *tokens) {
    const char *p = value;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n') p++;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n') p++;
        size_t n = (size_t)(p - start);
        for (size_t i = 0; n && tokens[i]; i++)
            if (strlen(tokens[i]) == n && strncasecmp(start, tokens[i], n) == 0) return true;
    }
    return false;
}

/* "display: none" and "visibility:hidden", in any spacing and case. */
static bool style_hides(const char *style) {
    char squeezed[160];
    size_t n = 0;
    for (const char *p = style; *p && n + 1 < sizeof squeezed; p++)
        if (!isspace((unsigned char)*p)) squeezed[n++] = (char)tolower((unsigned char)*p);
    squeezed[n] = '\0';
    return strstr(squeezed, "display:none") || strstr(squeezed, "visibility:hidden");
}

static bool is_furniture_role(const char *role) {
    static const char *const roles[] = {"navigation", "menu",   "menubar",     "complementary",
                                        "banner",     "contentinfo", "search", "dialog",
                                        "alertdialog", "toolbar", "tablist",  "tooltip", NULL};
    return has_class_token(role, roles);
}

typedef struct element_hints {
    unsigned hints;
    int weight;                /* readability's class weight: ±25 for class, ±25 for id */
} element_hints;

static element_hints hints_of(const html_hints *hint_words, const xmlNode *node) {
    element_hints result = {0, 0};
    const char *names[] = {dom_attribute(node, "class"), dom_attribute(node, "id")};
    for (size_t i = 0; i < 2; i++) {
        if (!names[i] || !*names[i]) continue;
        unsigned hints = attribute_hints(hint_words, names[i]);
        if (hints & HINT_POSITIVE) result.weight += 25;
        if (hints & (HINT_NEGATIVE | HINT_REMOVE)) result.weight -= 25;
        result.hints |= hints;
    }
    const char *class_value = dom_attribute(node, "class");
    if (class_value && html_hints_hides(hint_words, class_value)) result.hints |= HINT_HIDDEN;
    const char *style = dom_attribute(node, "style");
    if (style && style_hides(style)) result.hints |= HINT_HIDDEN;
    if (dom_attribute(node, "hidden")) result.hints |= HINT_HIDDEN;
    const char *aria_hidden = dom_attribute(node, "aria-hidden");
    if (aria_hidden && strcasecmp(aria_hidden, "true") == 0) result.hints |= HINT_HIDDEN;
    const char *role = dom_attribute(node, "role");
    if (role && is_furniture_role(role)) result.hints |= HINT_FURNITURE_ROLE;
    const char *itemprop = dom_attribute(node, "itemprop");
    if (itemprop) {
        static const char *const people[] = {"author", "creator", "publisher", "contributor",
                                             NULL};
        if (has_class_token(itemprop, people)) result.hints |= HINT_REMOVE;
        static const char *const body[] = {"articleBody", "articlebody", "text", NULL};
        if (has_class_token(itemprop, body)) {
            result.hints |= HINT_POSITIVE;
            result.weight += 25;
        }
    }
    return result;
}

/* -------------------------------------------------------------- facts */

typedef struct node_facts {
    uint32_t text;             /* non-space characters below */
    uint32_t link_text;        /* ... of them inside links */
    uint32_t commas;
    uint32_t own_text;         /* text not inside a nested block: a paragraph's own words */
    uint32_t own_link_text;
    uint32_t own_commas;
    uint32_t prose;            /* own text of the paragraphs below, less their link text */
    uint32_t quoted_text;      /* text inside <blockquote> (embedded posts, quotations) */
    uint32_t paragraphs;       /* paragraphs below, this one included */
    double score;
    element_hints hints;
    const tag_info *tag;
    bool paragraph;            /* a block with enough text of its own */
    bool candidate;            /* has been given a score */
    bool protected_;           /* holds the itemprop=articleBody element */
} node_facts;

static node_facts *facts(const xmlNode *node) {
    return node->_private;
}

typedef struct extraction {
    const html_hints *hints;
    dyad_arena *scratch;
    xmlNode *body;
    html_metadata *metadata;
    bool relaxed;              /* second attempt: no class/id pruning */
    size_t candidate_count;
} extraction;

static void count_text(const char *text, uint32_t *chars, uint32_t *commas) {
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        unsigned char c = *p;
        if (c <= ' ' || (c & 0xC0) == 0x80) continue;
        if (c == 0xC2 && p[1] == 0xA0) continue; /* no-break space */
        (*chars)++;
        if (c == ',' || (c == 0xEF && p[1] == 0xBC && p[2] == 0x8C) ||  /* U+FF0C */
            (c == 0xE3 && p[1] == 0x80 && p[2] == 0x81) ||              /* U+3001 */
            (c == 0xD8 && p[1] == 0x8C))                                 /* U+060C */
            (*commas)++;
    }
}

/* Computes the facts of node and everything below it.  Facts already
 * allocated by an earlier pass are reused (hints do not change). */
static bool gather_facts(extraction *x, xmlNode *node) {
    node_facts *f = node->_private;
    if (!f) {
        f = arena_calloc(x->scratch, 1, sizeof *f);
        if (!f) return false;
        node->_private = f;
        f->tag = tag_lookup(node);
        f->hints = hints_of(x->hints, node);
    } else {
        element_hints hints = f->hints;
        const tag_info *tag = f->tag;
        bool protected_ = f->protected_;
        memset(f, 0, sizeof *f);
        f->hints = hints;
        f->tag = tag;
        f->protected_ = protected_;
    }
    for (xmlNode *child = node->children; child; child = child->next) {
        if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
            uint32_t chars = 0, commas = 0;
            if (child->content) count_text((const char *)child->content, &chars, &commas);
            f->text += chars;
            f->own_text += chars;
            f->commas += commas;
            f->own_commas += commas;
            continue;
        }
        if (child->type != XML_ELEMENT_NODE) continue;
        if (!gather_facts(x, child)) return false;
        node_facts *c = facts(child);
        f->text += c->text;
        f->link_text += c->link_text;
        f->commas += c->commas;
        f->prose += c->prose;
        f->quoted_text += c->quoted_text;
        f->paragraphs += c->paragraphs;
        if (!(c->tag && (c->tag->flags & TAG_BLOCK))) {
            f->own_text += c->own_text;
            f->own_link_text += c->own_link_text;
            f->own_commas += c->own_commas;
        }
    }
    if (dom_is(node, "blockquote")) f->quoted_text = f->text;
    if (dom_is(node, "a")) {
        const char *href = dom_attribute(node, "href");
        if (href && href[0] == '#') {
            /* a link within the page (a heading's anchor, a footnote)
             * leads nowhere else: it weighs a third (as in readability) */
            f->link_text = f->text / 3;
            f->own_link_text = f->own_text / 3;
        } else if (href) {
            f->link_text = f->text;
            f->own_link_text = f->own_text;
        }
    }
    if (f->tag && (f->tag->flags & TAG_BLOCK) && !(f->tag->flags & TAG_HEADING) &&
        f->own_text >= UNIT_MIN_TEXT) {
        f->paragraph = true;
        f->paragraphs++;
        f->prose += f->own_text - (f->own_link_text < f->own_text ? f->own_link_text : f->own_text);
    }
    return true;
}

static double link_density(const node_facts *f) {
    return f->text ? (double)f->link_text / f->text : 0.0;
}

/* ------------------------------------------------------------- pruning */

/* A box that is mostly a quotation is an embedded post (a tweet, an
 * Instagram caption) or a quoted document: part of the story, whatever its
 * class says ("social-embed") and however many links it carries. */
static bool mostly_quoted(const node_facts *f) {
    return f->quoted_text >= UNIT_MIN_TEXT && f->quoted_text * 2 > f->text;
}

static void remove_node(xmlNode *node) {
    xmlUnlinkNode(node);
    xmlFreeNode(node);
}

/* Removes what is never article text, wherever it is.  Runs before facts
 * exist, so it must not look at them. */
static void drop_non_text(xmlNode *node) {
    xmlNode *next;
    for (; node; node = next) {
        next = node->next;
        if (node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE) {
            remove_node(node);
            continue;
        }
        if (node->type != XML_ELEMENT_NODE) continue;
        if (tag_flags(node) & TAG_DROP) {
            remove_node(node);
            continue;
        }
        drop_non_text(node->children);
    }
}

/* Removes furniture announced by tag, role, class or id, top-down.  An
 * element holding more than half of the page's prose is never furniture:
 * that is the article in an unlucky box. */
static void prune_furniture(extraction *x, xmlNode *node, uint32_t page_prose, bool in_table) {
    xmlNode *next;
    for (; node; node = next) {
        next = node->next;
        if (node->type != XML_ELEMENT_NODE) continue;
        node_facts *f = facts(node);
        if (!f) continue;
        unsigned hints = f->hints.hints;
        bool furniture = (f->tag && (f->tag->flags & TAG_FURNITURE)) ||
                         (hints & (HINT_HIDDEN | HINT_FURNITURE_ROLE));
        /* class names inside tables and code describe data, not page parts
         * (a "player" row in a league table) */
        if (!x->relaxed && !in_table)
            furniture = furniture || (hints & HINT_REMOVE) ||
                        ((hints & HINT_NEGATIVE) && !(hints & HINT_POSITIVE));
        bool keep = f->protected_ || dom_is(node, "body") || dom_is(node, "html") ||
                    (uint64_t)f->prose * 2 > page_prose || mostly_quoted(f);
        if (furniture && !keep) {
            remove_node(node);
            continue;
        }
        prune_furniture(x, node->children, page_prose,
                        in_table || dom_is(node, "table") || dom_is(node, "pre") ||
                            dom_is(node, "code"));
    }
}

/* ------------------------------------------------------------- scoring */

static void add_candidate(extraction *x, node_facts *f) {
    if (f->candidate) return;
    x->candidate_count++;
    f->candidate = true;
    f->score = (f->tag ? f->tag->prior : 0) + f->hints.weight;
}

/* Each paragraph scores its ancestors: the parent fully, the grandparent
 * half, further ones less (as readability does). */
static void score_paragraphs(extraction *x, xmlNode *node) {
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        node_facts *f = facts(node);
        if (f->paragraph) {
            double own = f->own_text, links = f->own_link_text;
            double points = 1.0 + f->own_commas + (own / 100.0 < 3.0 ? own / 100.0 : 3.0);
            points *= 1.0 - (links < own ? links / own : 1.0);
            xmlNode *ancestor = node->parent;
            for (int level = 0; level < ANCESTOR_LEVELS && ancestor &&
                                ancestor->type == XML_ELEMENT_NODE;
                 level++, ancestor = ancestor->parent) {
                node_facts *a = facts(ancestor);
                if (!a) break; /* above <body> */
                add_candidate(x, a);
                a->score += points / (level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0);
            }
        }
        score_paragraphs(x, node->children);
    }
}

static bool is_ancestor(const xmlNode *ancestor, const xmlNode *node) {
    for (; node; node = node->parent)
        if (node == ancestor) return true;
    return false;
}

/* A scored element and its facts, for sorting. */
typedef struct candidate_entry {
    xmlNode *node;
    node_facts *facts;
} candidate_entry;

static int compare_candidates(const void *a, const void *b) {
    double sa = ((const candidate_entry *)a)->facts->score;
    double sb = ((const candidate_entry *)b)->facts->score;
    return sa < sb ? 1 : sa > sb ? -1 : 0;
}

/* Collects the scored elements with their nodes (walks the tree once). */
static void collect_candidates(xmlNode *node, candidate_entry *entries, size_t *count,
                               size_t capacity) {
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        node_facts *f = facts(node);
        if (f->candidate && *count < capacity) {
            entries[*count].node = node;
            entries[*count].facts = f;
            (*count)++;
        }
        collect_candidates(node->children, entries, count, capacity);
    }
}

/* Picks the article's container among the scored elements. */
static xmlNode *choose_container(extraction *x) {
    if (!x->candidate_count) return NULL;
    candidate_entry *entries = arena_alloc(x->scratch, x->candidate_count * sizeof *entries);
    if (!entries) return NULL;
    size_t count = 0;
    if (facts(x->body)->candidate) entries[count++] = (candidate_entry){x->body, facts(x->body)};
    collect_candidates(x->body->children, entries, &count, x->candidate_count);
    for (size_t i = 0; i < count; i++)
        entries[i].facts->score *= 1.0 - link_density(entries[i].facts);
    qsort(entries, count, sizeof *entries, compare_candidates);
    if (!count || entries[0].facts->score <= 0) return NULL;
    xmlNode *top = entries[0].node;
    double top_score = entries[0].facts->score;

    /* several strong runners-up under one ancestor: the article is that
     * ancestor, split into boxes */
    xmlNode *alternatives[ALTERNATIVES];
    size_t alternative_count = 0;
    for (size_t i = 1; i < count && alternative_count < ALTERNATIVES; i++)
        if (entries[i].facts->score >= 0.75 * top_score)
            alternatives[alternative_count++] = entries[i].node;
    if (alternative_count >= 3) {
        for (xmlNode *ancestor = top->parent; ancestor && ancestor != x->body &&
                                              ancestor->type == XML_ELEMENT_NODE;
             ancestor = ancestor->parent) {
            size_t inside = 0;
            for (size_t i = 0; i < alternative_count; i++)
                inside += is_ancestor(ancestor, alternatives[i]);
            if (inside >= 3) {
                top = ancestor;
                break;
            }
        }
    }
    add_candidate(x, facts(top));

    /* climb while the parent scores better: the container was one box of
     * the article */
    double last = facts(top)->score, threshold = last / 3.0;
    for (xmlNode *parent = top->parent; parent && parent != x->body &&
                                        parent->type == XML_ELEMENT_NODE;
         parent = parent->parent) {
        node_facts *p = facts(parent);
        if (!p) break;
        if (!p->candidate) continue;
        if (p->score < threshold) break;
        if (p->score > last) {
            top = parent;
            break;
        }
        last = p->score;
    }
    /* an only child says nothing its parent does not */
    for (;;) {
        xmlNode *parent = top->parent;
        if (!parent || top == x->body || parent == x->body || parent->type != XML_ELEMENT_NODE)
            break;
        size_t elements = 0;
        for (xmlNode *c = parent->children; c; c = c->next) elements += c->type == XML_ELEMENT_NODE;
        if (elements != 1) break;
        top = parent;
    }
    return top;
}

/* ------------------------------------------------------------ cleaning */

/* Takes a removed element's text out of its ancestors' facts, so that
 * decisions further up see what is left. */
static void discount(xmlNode *node, xmlNode *root) {
    node_facts *removed = facts(node);
    bool inside_link = false;
    for (xmlNode *a = node->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
        node_facts *f = facts(a);
        if (dom_is(a, "a")) inside_link = true;
        uint32_t links = inside_link ? removed->text : removed->link_text;
        f->text -= removed->text < f->text ? removed->text : f->text;
        f->link_text -= links < f->link_text ? links : f->link_text;
        f->commas -= removed->commas < f->commas ? removed->commas : f->commas;
        f->prose -= removed->prose < f->prose ? removed->prose : f->prose;
        if (a == root) break;
    }
}

/* Inside the container: drops boxes and lists made mostly of links
 * (related stories, "read more" lines, tag lists), bottom-up so that a
 * box is judged on what its children left. */
static void clean_container(extraction *x, xmlNode *node, xmlNode *root, bool in_quote) {
    xmlNode *next;
    for (; node; node = next) {
        next = node->next;
        if (node->type != XML_ELEMENT_NODE) continue;
        bool quote = in_quote || dom_is(node, "blockquote");
        clean_container(x, node->children, root, quote);
        node_facts *f = facts(node);
        if (f->protected_ || !f->text || mostly_quoted(f) || quote) continue;
        /* a box with most of the container's prose is the article itself */
        if ((uint64_t)f->prose * 2 > facts(root)->prose) continue;
        unsigned flags = f->tag ? f->tag->flags : 0;
        double density = link_density(f);
        bool drop = false;
        if (flags & TAG_CONTAINER) {
            int weight = x->relaxed ? 0 : f->hints.weight;
            if (f->commas < 10)
                drop = (weight < 25 && density > 0.2) || (weight >= 25 && density > 0.5);
        } else if (f->paragraph || (flags & TAG_HEADING)) {
            drop = density > 0.5;
        }
        if (drop) {
            discount(node, root);
            remove_node(node);
        }
    }
}

/* ------------------------------------------------------------- writing */

/* U+0001 marks a <br> in the paragraph being assembled: white space is
 * collapsed first, line breaks decided after. */
#define LINE_MARK '\x01'
/* U+0002 and U+0003 open and close a link, so that each paragraph's link
 * text can be measured once it is cut. */
#define LINK_OPEN '\x02'
#define LINK_CLOSE '\x03'

typedef struct text_writer {
    dyad_buffer text;
    dyad_buffer paragraph;
    dyad_paragraph *paragraphs;
    size_t paragraph_count, paragraph_capacity;
    dyad_arena *arena;
    dyad_arena *scratch;
    const char *titles[3];     /* headings equal to one of these are the title again */
    bool *repeats;             /* per paragraph: a long paragraph written before */
    int quote_depth;           /* inside <blockquote> */
    uint64_t *seen;            /* hashes of the long paragraphs written (open addressing, 0 empty) */
    size_t seen_count, seen_capacity;
    bool failed;
} text_writer;

static uint64_t paragraph_hash(const char *text, size_t length) {
    uint64_t hash = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < length; i++) hash = (hash ^ (unsigned char)text[i]) * 0x100000001b3ULL;
    return hash | 1;
}

/* Returns true the first time text is seen. */
static bool first_sighting(text_writer *w, const char *text, size_t length) {
    if (w->seen_count * 2 >= w->seen_capacity) {
        size_t capacity = w->seen_capacity ? w->seen_capacity * 2 : 256;
        uint64_t *table = arena_calloc(w->scratch, capacity, sizeof *table);
        if (!table) {
            w->failed = true;
            return true;
        }
        for (size_t i = 0; i < w->seen_capacity; i++) {
            if (!w->seen[i]) continue;
            size_t slot = (size_t)w->seen[i] & (capacity - 1);
            while (table[slot]) slot = (slot + 1) & (capacity - 1);
            table[slot] = w->seen[i];
        }
        w->seen = table;
        w->seen_capacity = capacity;
    }
    uint64_t hash = paragraph_hash(text, length);
    size_t slot = (size_t)hash & (w->seen_capacity - 1);
    while (w->seen[slot]) {
        if (w->seen[slot] == hash) return false;
        slot = (slot + 1) & (w->seen_capacity - 1);
    }
    w->seen[slot] = hash;
    w->seen_count++;
    return true;
}

static bool is_space_at(const unsigned char *p, size_t *width) {
    unsigned char c = p[0];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        *width = 1;
        return true;
    }
    if (c == 0xC2 && p[1] == 0xA0) { /* no-break space */
        *width = 2;
        return true;
    }
    /* U+2000..U+200A, U+202F, U+205F, U+3000 */
    if (c == 0xE2 && p[1] == 0x80 && ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xAF)) {
        *width = 3;
        return true;
    }
    if ((c == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) || (c == 0xE3 && p[1] == 0x80 && p[2] == 0x80)) {
        *width = 3;
        return true;
    }
    return false;
}

/* Zero-width space, word joiner, byte-order mark, soft hyphen: invisible
 * in a browser, so not part of the text. */
static bool is_invisible_at(const unsigned char *p, size_t *width) {
    if (p[0] == 0xC2 && p[1] == 0xAD) {
        *width = 2;
        return true;
    }
    if ((p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x8B) || (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0xA0) ||
        (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)) {
        *width = 3;
        return true;
    }
    return false;
}

/* Letters and digits of a string, lower-cased ASCII, for comparing a
 * heading with the title. */
static size_t comparable(const char *text, size_t length, char *out, size_t size) {
    size_t n = 0;
    for (size_t i = 0; i < length && n + 1 < size; i++) {
        unsigned char c = (unsigned char)text[i];
        if (isalnum(c) || c >= 0x80) out[n++] = (char)tolower(c);
    }
    out[n] = '\0';
    return n;
}

static bool repeats_title(const text_writer *w, const char *text, size_t length) {
    char heading[512], title[512];
    size_t h = comparable(text, length, heading, sizeof heading);
    if (h < 8) return false;
    for (size_t i = 0; i < 3; i++) {
        if (!w->titles[i]) continue;
        size_t t = comparable(w->titles[i], strlen(w->titles[i]), title, sizeof title);
        if (!t) continue;
        if (strcmp(heading, title) == 0) return true;
        /* "<title>Headline | Site</title>" */
        if (h * 2 >= t && strstr(title, heading)) return true;
    }
    return false;
}

static void add_paragraph(text_writer *w, const char *text, size_t length, bool heading) {
    if (heading && repeats_title(w, text, length)) return;
    if (w->text.length && !buffer_append(&w->text, "\n\n", 2)) w->failed = true;
    uint32_t start = (uint32_t)w->text.length;
    if (!buffer_append(&w->text, text, length)) w->failed = true;
    if (w->paragraph_count == w->paragraph_capacity) {
        size_t capacity = w->paragraph_capacity;
        dyad_paragraph *bigger = arena_grow(w->arena, w->paragraphs, &w->paragraph_capacity,
                                            sizeof *w->paragraphs);
        bool *repeats = arena_grow(w->scratch, w->repeats, &capacity, sizeof *w->repeats);
        if (!bigger || !repeats) {
            w->failed = true;
            return;
        }
        w->paragraphs = bigger;
        w->repeats = repeats;
    }
    /* short lines repeat legitimately (a recipe's "1 cup rice", "***") */
    w->repeats[w->paragraph_count] =
        length >= REPEAT_MIN_LENGTH && !first_sighting(w, text, length);
    w->paragraphs[w->paragraph_count++] =
        (dyad_paragraph){.start = start, .end = (uint32_t)w->text.length, .heading = heading};
}

/* Pages often carry the article twice or more: a mobile and a desktop
 * copy (one hidden by a style sheet we do not read), an endless-scroll
 * page with the story repeated, an "about us" box in two layouts.  A
 * long paragraph seen before goes when its neighbour is a repeat too:
 * copies come in runs, while a list that legitimately repeats a long line
 * (a meal plan, a fixture list) repeats it among new ones. */
static void drop_copies(text_writer *w) {
    size_t count = w->paragraph_count, kept = 0, length = 0;
    bool any = false;
    for (size_t i = 0; i < count && !any; i++) any = w->repeats[i];
    if (!any) return;
    char *text = w->text.data;
    for (size_t i = 0; i < count; i++) {
        bool copy = w->repeats[i] && ((i > 0 && w->repeats[i - 1]) ||
                                      (i + 1 < count && w->repeats[i + 1]));
        if (copy) continue;
        dyad_paragraph p = w->paragraphs[i];
        size_t size = p.end - p.start;
        if (length) {
            memcpy(text + length, "\n\n", 2);
            length += 2;
        }
        /* moving left within the buffer: memmove */
        memmove(text + length, text + p.start, size);
        w->paragraphs[kept++] =
            (dyad_paragraph){.start = (uint32_t)length, .end = (uint32_t)(length + size),
                             .heading = p.heading};
        length += size;
    }
    w->text.length = length;
    text[length] = '\0';
    w->paragraph_count = kept;
}

/* Ends the block being assembled: collapses white space, turns single
 * <br> into "\n" and a run of two or more into a paragraph break. */
/* Writes a cut paragraph unless it is a line of links ("Home > World",
 * "Read more: <a>headline</a>"): mostly link text, and too little of its
 * own to be a sentence. */
static void emit_paragraph(text_writer *w, const char *text, size_t length, bool heading,
                           size_t characters, size_t link_characters) {
    if (link_characters * 2 > characters &&
        characters - link_characters < LINKED_PARAGRAPH_OWN_TEXT)
        return;
    add_paragraph(w, text, length, heading);
}

/* Ends the block being assembled: collapses white space, turns single
 * <br> into "\n" and a run of two or more into a paragraph break. */
static void flush_block(text_writer *w, bool heading) {
    dyad_buffer *p = &w->paragraph;
    if (!p->length) return;
    const unsigned char *in = (const unsigned char *)p->data;
    char *out = p->data;     /* compacting in place: the output never outruns the input */
    size_t n = 0, paragraph_start = 0, characters = 0, link_characters = 0;
    bool pending_space = false;
    int pending_breaks = 0, link_depth = 0;
    for (size_t i = 0; i < p->length;) {
        size_t width;
        if (in[i] == LINE_MARK) {
            pending_breaks++;
            pending_space = false;
            i++;
            continue;
        }
        if (in[i] == LINK_OPEN || in[i] == LINK_CLOSE) {
            link_depth += in[i] == LINK_OPEN ? 1 : link_depth > 0 ? -1 : 0;
            i++;
            continue;
        }
        if (is_space_at(in + i, &width)) {
            pending_space = n > paragraph_start;
            i += width;
            continue;
        }
        if (is_invisible_at(in + i, &width)) {
            i += width;
            continue;
        }
        if (pending_breaks && n > paragraph_start) {
            if (pending_breaks >= 2) {
                emit_paragraph(w, out + paragraph_start, n - paragraph_start, heading,
                               characters, link_characters);
                paragraph_start = n;
                characters = link_characters = 0;
            } else {
                out[n++] = '\n';
            }
        } else if (pending_space && n > paragraph_start) {
            out[n++] = ' ';
        }
        pending_breaks = 0;
        pending_space = false;
        if ((in[i] & 0xC0) != 0x80) {
            characters++;
            link_characters += link_depth > 0;
        }
        out[n++] = (char)in[i++];
    }
    if (n > paragraph_start)
        emit_paragraph(w, out + paragraph_start, n - paragraph_start, heading, characters,
                       link_characters);
    buffer_clear(p);
}

/* Appends text, keeping the bytes used as marks out of it (and, inside
 * <pre>, turning line breaks into marks). */
static void append_text(text_writer *w, const char *text, bool preformatted) {
    for (const char *c = text; *c; c++) {
        char byte = *c;
        if (byte == LINE_MARK || byte == LINK_OPEN || byte == LINK_CLOSE) byte = ' ';
        if (preformatted && byte == '\n') byte = LINE_MARK;
        if (!buffer_append_char(&w->paragraph, byte)) w->failed = true;
    }
}

static void write_children(text_writer *w, const xmlNode *node, bool preformatted);

/* Writes one node and what is below it. */
static void write_node(text_writer *w, const xmlNode *node, bool preformatted) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        if (!node->content) return;
        append_text(w, (const char *)node->content, preformatted);
        return;
    }
    if (node->type != XML_ELEMENT_NODE) return;
    unsigned flags = tag_flags(node);
    if (flags & TAG_LINE_BREAK) {
        if (!buffer_append_char(&w->paragraph, LINE_MARK)) w->failed = true;
    } else if (!(flags & TAG_BLOCK)) {
        /* links are measured, except in quotations (embedded posts) */
        const char *href = dom_is(node, "a") ? dom_attribute(node, "href") : NULL;
        bool link = href && href[0] != '#' && !w->quote_depth;
        if (link && !buffer_append_char(&w->paragraph, LINK_OPEN)) w->failed = true;
        write_children(w, node->children, preformatted);
        if (link && !buffer_append_char(&w->paragraph, LINK_CLOSE)) w->failed = true;
    } else if (flags & TAG_CELL) {
        /* the cells of a row make one line */
        if (!buffer_append_char(&w->paragraph, ' ')) w->failed = true;
        write_children(w, node->children, preformatted);
        if (!buffer_append_char(&w->paragraph, ' ')) w->failed = true;
    } else {
        bool quote = dom_is(node, "blockquote");
        flush_block(w, false);
        w->quote_depth += quote;
        write_children(w, node->children, preformatted || (flags & TAG_PREFORMATTED));
        flush_block(w, flags & TAG_HEADING);
        w->quote_depth -= quote;
    }
}

static void write_children(text_writer *w, const xmlNode *node, bool preformatted) {
    for (; node; node = node->next) write_node(w, node, preformatted);
}

/* ----------------------------------------------------------- extraction */

/* The first element marked itemprop="articleBody" (schema.org). */
static xmlNode *find_article_body(xmlNode *node) {
    static const char *const names[] = {"articleBody", NULL};
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        const char *itemprop = dom_attribute(node, "itemprop");
        if (itemprop && has_class_token(itemprop, names)) return node;
        xmlNode *found = find_article_body(node->children);
        if (found) return found;
    }
    return NULL;
}

static void mark_protected(xmlNode *node) {
    for (; node && node->type == XML_ELEMENT_NODE; node = node->parent)
        if (facts(node)) facts(node)->protected_ = true;
}

/* True when the last text below node ends like a sentence. */
static bool ends_sentence(const xmlNode *node) {
    const xmlNode *last = NULL;
    for (const xmlNode *c = node->children; c; c = c->next)
        if (c->type == XML_TEXT_NODE || c->type == XML_ELEMENT_NODE) last = c;
    if (!last) return false;
    if (last->type == XML_ELEMENT_NODE) return ends_sentence(last);
    const char *text = (const char *)last->content;
    size_t n = text ? strlen(text) : 0;
    while (n && isspace((unsigned char)text[n - 1])) n--;
    return n && strchr(".!?\"", text[n - 1]);
}

/* The article's containers in document order: the chosen one and the
 * siblings that belong with it.  Returns the count written to out. */
static size_t gather_article(extraction *x, xmlNode *top, xmlNode **out, size_t capacity) {
    xmlNode *parent = top->parent;
    if (!parent || top == x->body || parent->type != XML_ELEMENT_NODE) {
        out[0] = top;
        return 1;
    }
    node_facts *t = facts(top);
    double threshold = t->score * 0.2 > 10.0 ? t->score * 0.2 : 10.0;
    const char *top_class = dom_attribute(top, "class");
    size_t count = 0;
    for (xmlNode *sibling = parent->children; sibling && count < capacity; sibling = sibling->next) {
        if (sibling->type != XML_ELEMENT_NODE) continue;
        if (sibling == top) {
            out[count++] = sibling;
            continue;
        }
        node_facts *s = facts(sibling);
        const char *sibling_class = dom_attribute(sibling, "class");
        double bonus = top_class && *top_class && sibling_class &&
                               strcmp(top_class, sibling_class) == 0
                           ? t->score * 0.2
                           : 0.0;
        bool join = s->candidate && s->score + bonus >= threshold;
        /* a box of prose whose paragraphs sit too deep to have scored it */
        if (!join && s->prose * 4 >= t->prose && link_density(s) < 0.25) join = true;
        if (!join && s->paragraph && dom_is(sibling, "p")) {
            double density = link_density(s);
            join = (s->text > SIBLING_LONG_TEXT && density < 0.25) ||
                   (density == 0.0 && ends_sentence(sibling));
        }
        if (join) out[count++] = sibling;
    }
    return count;
}

/* The first <time datetime> below node, normalised into out. */
static bool find_time(const xmlNode *node, char out[HTML_DATE_SIZE]) {
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        const char *value = dom_is(node, "time") ? dom_attribute(node, "datetime") : NULL;
        if (value && html_date_normalize(value, out)) return true;
        if (find_time(node->children, out)) return true;
    }
    return false;
}

typedef struct attempt {
    const char *text;
    size_t length;
    dyad_paragraph *paragraphs;
    size_t paragraph_count;
    uint32_t characters;       /* non-space characters */
} attempt;

static dyad_status extract_once(const html_hints *hints, const html_decoded *decoded,
                                const char *origin, html_metadata *metadata, bool relaxed,
                                dyad_arena *arena,
                                attempt *result, char **date_out, dyad_error *error) {
    memset(result, 0, sizeof *result);
    htmlDocPtr page = htmlReadMemory(decoded->text, (int)decoded->length, origin, "UTF-8",
                                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                         HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                         HTML_PARSE_IGNORE_ENC);
    /* libxml2 recovers from anything but an empty page */
    if (!page) return DYAD_OK;
    dyad_status status = DYAD_OK;
    dyad_arena *scratch = dyad_arena_new();
    text_writer writer;
    memset(&writer, 0, sizeof writer);
    if (!scratch) {
        status = error_set(error, DYAD_ERR_MEMORY, origin, 0, -1, "out of memory");
        goto done;
    }
    if (!relaxed && html_read_metadata(page, arena, metadata) != DYAD_OK) {
        status = error_set(error, DYAD_ERR_MEMORY, origin, 0, -1, "out of memory");
        goto done;
    }
    extraction x;
    memset(&x, 0, sizeof x);
    x.hints = hints;
    x.scratch = scratch;
    x.metadata = metadata;
    x.relaxed = relaxed;
    xmlNode *root = xmlDocGetRootElement(page);
    if (!root) goto done;
    x.body = root;
    for (xmlNode *child = root->children; child; child = child->next)
        if (dom_is(child, "body")) x.body = child;

    drop_non_text(x.body->children);
    if (!gather_facts(&x, x.body)) goto out_of_memory;
    xmlNode *article_body = find_article_body(x.body->children);
    if (article_body) mark_protected(article_body);
    prune_furniture(&x, x.body->children, facts(x.body)->prose, false);
    if (!gather_facts(&x, x.body)) goto out_of_memory;

    xmlNode *top = NULL;
    /* schema.org says where the body is: trust it when it holds prose */
    if (article_body && facts(article_body)->prose >= ARTICLE_BODY_MIN_PROSE &&
        (uint64_t)facts(article_body)->prose * 4 >= facts(x.body)->prose)
        top = article_body;
    xmlNode *containers[64];
    size_t container_count = 0;
    if (!top) {
        score_paragraphs(&x, x.body->children);
        top = choose_container(&x);
        if (top) container_count = gather_article(&x, top, containers, 64);
    } else {
        containers[0] = top;
        container_count = 1;
    }
    if (!top) goto done;

    writer.arena = arena;
    writer.scratch = scratch;
    writer.titles[0] = metadata->title;
    writer.titles[1] = metadata->title_element;
    for (size_t i = 0; i < container_count; i++) {
        clean_container(&x, containers[i]->children, containers[i], false);
        /* a sibling that is itself a lone link box goes too */
        node_facts *f = facts(containers[i]);
        if (containers[i] != top && link_density(f) > 0.5) continue;
        write_node(&writer, containers[i], false);
    }
    flush_block(&writer, false);
    if (writer.failed) goto out_of_memory;
    drop_copies(&writer);

    /* no date in the metadata: a <time> beside the article body (in its
     * parent: the byline usually sits next to the body, not inside it) */
    if (date_out && !metadata->date) {
        char found[HTML_DATE_SIZE];
        xmlNode *around = top->parent && top != x.body ? top->parent : top;
        if (find_time(around->children, found)) *date_out = arena_strdup(arena, found);
    }

    result->text = writer.text.data ? arena_strndup(arena, writer.text.data, writer.text.length)
                                    : arena_strdup(arena, "");
    if (!result->text) goto out_of_memory;
    result->length = writer.text.length;
    result->paragraphs = writer.paragraphs;
    result->paragraph_count = writer.paragraph_count;
    uint32_t commas = 0;
    count_text(result->text, &result->characters, &commas);
    goto done;

out_of_memory:
    status = error_set(error, DYAD_ERR_MEMORY, origin, 0, -1, "out of memory");
done:
    dyad_buffer_free(&writer.text);
    dyad_buffer_free(&writer.paragraph);
    /* facts live in the scratch arena; libxml2 never looks at _private */
    xmlFreeDoc(page);
    dyad_arena_free(scratch);
    return status;
}

/* A page made of a JSON-LD articleBody: its text may hold markup (some
 * sites put HTML there) or plain lines, which become <br>s. */
static bool json_ld_page(const char *body, dyad_arena *arena, html_decoded *out) {
    dyad_buffer page = {0};
    bool ok = buffer_append_string(&page, "<html><body><div>");
    for (const char *c = body; *c && ok; c++)
        ok = *c == '\n' ? buffer_append_string(&page, "<br>") : buffer_append_char(&page, *c);
    ok = ok && buffer_append_string(&page, "</div></body></html>");
    memset(out, 0, sizeof *out);
    if (ok) {
        out->text = arena_strndup(arena, page.data, page.length);
        out->length = page.length;
        out->encoding = "UTF-8";
    }
    dyad_buffer_free(&page);
    return ok && out->text;
}

/* libxml2 must be initialised once before threads use it; its own lazy
 * initialisation is not safe when the first two calls race. */
static pthread_once_t libxml_once = PTHREAD_ONCE_INIT;

static void initialise_libxml(void) {
    xmlInitParser();
}

dyad_status html_extract_article(const html_hints *hints, const char *bytes, size_t length,
                                 const char *origin, const html_extract_options *options,
                                 dyad_arena *arena, html_article *out, dyad_error *error) {
    memset(out, 0, sizeof *out);
    pthread_once(&libxml_once, initialise_libxml);
    if (length > (size_t)INT32_MAX / 4)
        return error_set(error, DYAD_ERR_LIMIT, origin, 0, -1, "HTML page too large");
    /* the decoded page is needed only while extracting */
    dyad_arena *work = dyad_arena_new();
    html_decoded decoded;
    if (!work || html_decode(bytes, length, options ? options->charset : NULL, work, &decoded) !=
                     DYAD_OK) {
        dyad_arena_free(work);
        return error_set(error, DYAD_ERR_MEMORY, origin, 0, -1, "out of memory");
    }
    html_metadata metadata;
    memset(&metadata, 0, sizeof metadata);
    attempt strict, relaxed;
    char *time_date = NULL;
    dyad_status status = extract_once(hints, &decoded, origin, &metadata, false, arena, &strict,
                                      &time_date, error);
    attempt *best = &strict;
    if (status == DYAD_OK && strict.characters < RETRY_BELOW) {
        status = extract_once(hints, &decoded, origin, &metadata, true, arena, &relaxed, NULL,
                              error);
        if (relaxed.characters > 2 * strict.characters + 100 ||
            (strict.characters == 0 && relaxed.characters > 0))
            best = &relaxed;
    }
    /* pages rendered by script have little text in their markup, but
     * often the whole body in JSON-LD: take that when it is longer */
    attempt structured;
    if (status == DYAD_OK && best->characters < RETRY_BELOW && metadata.json_ld_body) {
        uint32_t characters = 0, commas = 0;
        count_text(metadata.json_ld_body, &characters, &commas);
        html_decoded synthetic;
        if (characters > best->characters + 100 &&
            json_ld_page(metadata.json_ld_body, work, &synthetic)) {
            html_metadata ignored = metadata;
            status = extract_once(hints, &synthetic, origin, &ignored, true, arena,
                                  &structured, NULL, error);
            if (structured.characters > best->characters) best = &structured;
        }
    }
    dyad_arena_free(work);
    if (status != DYAD_OK) return status;
    out->title = metadata.title;
    out->date = metadata.date ? metadata.date : time_date;
    out->url = metadata.url;
    out->site = metadata.site;
    out->text = best->text;
    out->text_length = best->length;
    out->paragraphs = best->paragraphs;
    out->paragraph_count = best->paragraph_count;
    if (!out->text || out->text_length == 0)
        return error_set(error, DYAD_ERR_FORMAT, origin, 0, -1, "no article text found");
    return DYAD_OK;
}
