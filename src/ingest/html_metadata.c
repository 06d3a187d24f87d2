/*
 * html_metadata.c — see html_metadata.h.
 */
#include "html_metadata.h"
#include "html_date.h"
#include "html_dom.h"
#include "../util/arena.h"

#include <jansson.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* Where a date came from, most trusted first. */
enum date_rank {
    DATE_ARTICLE_PUBLISHED,   /* article:published_time */
    DATE_JSON_LD,             /* datePublished of an Article in JSON-LD */
    DATE_ITEMPROP,            /* microdata itemprop="datePublished" */
    DATE_OTHER_META,          /* og:published_time, pubdate, DC.date.issued, ... */
    DATE_CREATED,             /* dateCreated, WebPage datePublished, <time pubdate> */
    DATE_VISIBLE,             /* a <time> or a "date" box inside <article> or <main> */
    DATE_RANKS
};

typedef struct metadata_state {
    dyad_arena *arena;
    html_metadata *out;
    const char *og_title, *json_ld_headline, *twitter_title;
    const char *canonical, *og_url, *json_ld_url;
    const char *og_site, *json_ld_site, *application_name;
    bool has_date[DATE_RANKS];
    char dates[DATE_RANKS][HTML_DATE_SIZE];
} metadata_state;

static void offer_date(metadata_state *state, enum date_rank rank, const char *text) {
    if (!state->has_date[rank] && text)
        state->has_date[rank] = html_date_normalize(text, state->dates[rank]);
}

static void offer_string(metadata_state *state, const char **slot, const char *text) {
    if (!*slot && text) *slot = dom_collapse_spaces(text, state->arena);
}

/* <meta> names that carry a publication date, besides the ranked ones. */
static bool is_date_meta_name(const char *key) {
    static const char *const names[] = {
        "og:published_time",        "og:article:published_time", "article:published",
        "article.published",        "published_time",            "publish-date",
        "publish_date",             "publishdate",               "pubdate",
        "publication_date",         "publication-date",          "date",
        "dc.date",                  "dc.date.issued",            "dc.date.created",
        "dcterms.issued",           "dcterms.date",              "dcterms.created",
        "sailthru.date",            "parsely-pub-date",          "article_date_original",
        "original-publish-date",    "citation_publication_date", "citation_date",
        "prism.publicationdate",    "cxenseparse:recs:publishtime", "datepublished",
        "date.published",           "release_date",              NULL};
    for (size_t i = 0; names[i]; i++)
        if (strcasecmp(key, names[i]) == 0) return true;
    return false;
}

static void read_meta(metadata_state *state, const xmlNode *node) {
    const char *content = dom_attribute(node, "content");
    if (!content || !*content) return;
    const char *keys[] = {dom_attribute(node, "property"), dom_attribute(node, "name"),
                          dom_attribute(node, "itemprop")};
    for (size_t i = 0; i < 3; i++) {
        const char *key = keys[i];
        if (!key) continue;
        if (strcasecmp(key, "og:title") == 0)
            offer_string(state, &state->og_title, content);
        else if (strcasecmp(key, "twitter:title") == 0)
            offer_string(state, &state->twitter_title, content);
        else if (strcasecmp(key, "og:url") == 0)
            offer_string(state, &state->og_url, content);
        else if (strcasecmp(key, "og:site_name") == 0)
            offer_string(state, &state->og_site, content);
        else if (strcasecmp(key, "application-name") == 0)
            offer_string(state, &state->application_name, content);
        else if (strcasecmp(key, "article:published_time") == 0)
            offer_date(state, DATE_ARTICLE_PUBLISHED, content);
        else if (i == 2 && strcasecmp(key, "datePublished") == 0)
            offer_date(state, DATE_ITEMPROP, content);
        else if (i == 2 && strcasecmp(key, "dateCreated") == 0)
            offer_date(state, DATE_CREATED, content);
        else if (is_date_meta_name(key))
            offer_date(state, DATE_OTHER_META, content);
    }
}

/* ------------------------------------------------------------- JSON-LD */

static bool type_is(json_t *type, bool (*test)(const char *)) {
    if (json_is_string(type)) return test(json_string_value(type));
    size_t i;
    json_t *item;
    json_array_foreach(type, i, item) if (json_is_string(item) && test(json_string_value(item))) return true;
    return false;
}

static bool ends_with(const char *text, const char *suffix) {
    size_t n = strlen(text), m = strlen(suffix);
    return n >= m && strcmp(text + n - m, suffix) == 0;
}

/* NewsArticle, ReportageNewsArticle, BlogPosting, LiveBlogPosting, Report, ... */
static bool is_article_type(const char *type) {
    return ends_with(type, "Article") || ends_with(type, "Posting") || strcmp(type, "Report") == 0;
}

static bool is_page_type(const char *type) {
    return ends_with(type, "WebPage");
}

static const char *json_text(json_t *object, const char *key) {
    json_t *value = json_object_get(object, key);
    return json_is_string(value) ? json_string_value(value) : NULL;
}

static void read_json_ld_value(metadata_state *state, json_t *value, int depth) {
    if (depth > 8) return;
    size_t i;
    json_t *item;
    if (json_is_array(value)) {
        json_array_foreach(value, i, item) read_json_ld_value(state, item, depth + 1);
        return;
    }
    if (!json_is_object(value)) return;
    json_t *type = json_object_get(value, "@type");
    if (type && type_is(type, is_article_type)) {
        offer_string(state, &state->json_ld_headline, json_text(value, "headline"));
        offer_date(state, DATE_JSON_LD, json_text(value, "datePublished"));
        offer_date(state, DATE_CREATED, json_text(value, "dateCreated"));
        offer_string(state, &state->json_ld_url, json_text(value, "url"));
        json_t *main_entity = json_object_get(value, "mainEntityOfPage");
        if (json_is_string(main_entity))
            offer_string(state, &state->json_ld_url, json_string_value(main_entity));
        else if (json_is_object(main_entity))
            offer_string(state, &state->json_ld_url, json_text(main_entity, "@id"));
        json_t *publisher = json_object_get(value, "publisher");
        if (json_is_array(publisher)) publisher = json_array_get(publisher, 0);
        if (json_is_object(publisher))
            offer_string(state, &state->json_ld_site, json_text(publisher, "name"));
        const char *body = json_text(value, "articleBody");
        if (body && !state->out->json_ld_body)
            state->out->json_ld_body = arena_strdup(state->arena, body);
    } else if (type && type_is(type, is_page_type)) {
        offer_date(state, DATE_CREATED, json_text(value, "datePublished"));
    }
    json_t *graph = json_object_get(value, "@graph");
    if (graph) read_json_ld_value(state, graph, depth + 1);
    json_t *main_entity = json_object_get(value, "mainEntity");
    if (main_entity) read_json_ld_value(state, main_entity, depth + 1);
}

/* Pages wrap JSON-LD in comments or CDATA markers and put raw line
 * breaks inside its strings; JSON allows neither.  Keep from the first
 * bracket to the last and turn control characters inside strings into
 * spaces, then let jansson judge the rest. */
static void read_json_ld(metadata_state *state, const char *script) {
    const char *start = script;
    while (*start && *start != '{' && *start != '[') start++;
    const char *end = script + strlen(script);
    while (end > start && end[-1] != '}' && end[-1] != ']') end--;
    if (end <= start) return;
    size_t length = (size_t)(end - start);
    char *copy = arena_strndup(state->arena, start, length);
    if (!copy) return;
    bool in_string = false, escaped = false;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)copy[i];
        if (escaped) {
            escaped = false;
        } else if (in_string && c == '\\') {
            escaped = true;
        } else if (c == '"') {
            in_string = !in_string;
        } else if (in_string && c < 0x20) {
            copy[i] = ' ';
        }
    }
    json_error_t error;
    json_t *root = json_loadb(copy, length, 0, &error);
    if (!root) return;
    read_json_ld_value(state, root, 0);
    json_decref(root);
}

/* ---------------------------------------------------------------- walk */

static bool has_token(const char *list, const char *token) {
    size_t n = strlen(token);
    for (const char *p = list; (p = strcasestr(p, token)) != NULL; p += n) {
        bool starts = p == list || p[-1] == ' ';
        bool ends = p[n] == '\0' || p[n] == ' ';
        if (starts && ends) return true;
    }
    return false;
}

/* The date a reader sees in the byline: a <time>, or a short element
 * whose class or id speaks of a date, inside the article.  Its text may
 * carry words around the date ("Published Nov. 19, 2019 at 3:05 pm"). */
static void offer_visible_date(metadata_state *state, xmlNode *node) {
    if (state->has_date[DATE_VISIBLE]) return;
    const char *datetime = dom_attribute(node, "datetime");
    if (datetime && dom_is(node, "time")) {
        offer_date(state, DATE_VISIBLE, datetime);
        if (state->has_date[DATE_VISIBLE]) return;
    }
    if (!dom_is(node, "time")) {
        const char *names[] = {dom_attribute(node, "class"), dom_attribute(node, "id")};
        bool dated = false;
        for (size_t i = 0; i < 2 && !dated; i++)
            dated = names[i] && (strcasestr(names[i], "date") || strcasestr(names[i], "time") ||
                                 strcasestr(names[i], "publish"));
        if (!dated) return;
    }
    const char *text = dom_text(node, state->arena);
    if (!text || strlen(text) > 100) return;
    /* try from each word: the date may follow a label */
    for (const char *p = text; *p && !state->has_date[DATE_VISIBLE];) {
        offer_date(state, DATE_VISIBLE, p);
        while (*p && *p != ' ') p++;
        while (*p == ' ') p++;
    }
}

static void walk(metadata_state *state, xmlNode *node, bool in_article) {
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        if (dom_is(node, "meta")) {
            read_meta(state, node);
        } else if (dom_is(node, "link")) {
            const char *rel = dom_attribute(node, "rel");
            if (rel && has_token(rel, "canonical"))
                offer_string(state, &state->canonical, dom_attribute(node, "href"));
        } else if (dom_is(node, "script")) {
            const char *type = dom_attribute(node, "type");
            if (type && strcasestr(type, "ld+json")) {
                xmlChar *script = xmlNodeGetContent(node);
                if (script) read_json_ld(state, (const char *)script);
                xmlFree(script);
            }
            continue;
        } else if (dom_is(node, "title")) {
            if (!state->out->title_element) state->out->title_element = dom_text(node, state->arena);
            continue;
        } else if (dom_is(node, "svg")) {
            continue; /* an SVG <title> is not the page's */
        } else if (dom_is(node, "time") && dom_attribute(node, "pubdate")) {
            offer_date(state, DATE_CREATED, dom_attribute(node, "datetime"));
        }
        const char *itemprop = dom_attribute(node, "itemprop");
        if (itemprop && !dom_is(node, "meta")) {
            if (has_token(itemprop, "datePublished")) {
                const char *value = dom_attribute(node, "datetime");
                if (!value) value = dom_attribute(node, "content");
                if (value) {
                    offer_date(state, DATE_ITEMPROP, value);
                } else {
                    offer_date(state, DATE_ITEMPROP, dom_text(node, state->arena));
                }
            }
        }
        if (in_article) offer_visible_date(state, node);
        walk(state, node->children, in_article || dom_is(node, "article") || dom_is(node, "main"));
    }
}

/* "Talks resume | Example News" → "Talks resume" when the site is
 * "Example News": <title> usually carries the site's name, og:title not. */
static const char *strip_site_name(const char *title, const char *site, dyad_arena *arena) {
    size_t title_length = strlen(title), site_length = strlen(site);
    if (site_length + 4 > title_length ||
        strcasecmp(title + title_length - site_length, site) != 0)
        return title;
    size_t end = title_length - site_length;
    while (end && title[end - 1] == ' ') end--;
    static const char *const separators[] = {"|", "-", "::", ":", "\xE2\x80\x94", "\xE2\x80\x93",
                                             "\xC2\xB7", "/", NULL};
    for (size_t i = 0; separators[i]; i++) {
        size_t n = strlen(separators[i]);
        if (end > n && strncmp(title + end - n, separators[i], n) == 0) {
            end -= n;
            while (end && title[end - 1] == ' ') end--;
            return end ? arena_strndup(arena, title, end) : title;
        }
    }
    return title;
}

static bool is_absolute_url(const char *url) {
    return url && (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0);
}

dyad_status html_read_metadata(xmlDoc *page, dyad_arena *arena, html_metadata *out) {
    memset(out, 0, sizeof *out);
    metadata_state state;
    memset(&state, 0, sizeof state);
    state.arena = arena;
    state.out = out;
    walk(&state, xmlDocGetRootElement(page), false);

    out->title = state.og_title ? state.og_title
                 : state.json_ld_headline ? state.json_ld_headline
                 : state.twitter_title ? state.twitter_title
                                       : out->title_element;
    if (is_absolute_url(state.canonical))
        out->url = state.canonical;
    else if (state.og_url)
        out->url = state.og_url;
    else if (state.json_ld_url)
        out->url = state.json_ld_url;
    else
        out->url = state.canonical;
    out->site = state.og_site ? state.og_site
                : state.json_ld_site ? state.json_ld_site
                                     : state.application_name;
    if (out->title && out->title == out->title_element && out->site)
        out->title = strip_site_name(out->title, out->site, arena);
    for (int rank = 0; rank < DATE_RANKS; rank++)
        if (state.has_date[rank]) {
            out->date = arena_strdup(arena, state.dates[rank]);
            if (!out->date) return DYAD_ERR_MEMORY;
            break;
        }
    return DYAD_OK;
}
