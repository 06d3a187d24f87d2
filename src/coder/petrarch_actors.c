/*
 * petrarch_actors.c — see petrarch_actors.h (a stand-in for src/actors).
 */
#include "petrarch_actors.h"
#include "string_map.h"
#include "text_file.h"
#include "../util/arena.h"
#include "../util/error.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RULE_DEFAULT, RULE_BEFORE, RULE_AFTER, RULE_BETWEEN };

typedef struct code_rule {
    const char *code;         /* may hold several codes joined by '/' */
    int kind;
    long from, to;            /* YYYYMMDD */
} code_rule;

typedef struct phrase {
    const char **words;
    uint32_t word_count;
    uint32_t entry;           /* actor entry, or agent index */
    bool agent;
    uint32_t next;            /* next phrase with the same first word */
} phrase;

typedef struct agent_code {
    const char *code;         /* "GOV" */
    bool prefix;              /* [NGO~] rather than [~GOV] */
} agent_code;

typedef struct actor_entry {
    uint32_t first_rule, rule_count;
} actor_entry;

struct petrarch_actors {
    dyad_arena *arena;
    phrase *phrases;
    size_t phrase_count, phrase_capacity;
    code_rule *rules;
    size_t rule_count, rule_capacity;
    actor_entry *entries;
    size_t entry_count, entry_capacity;
    agent_code *agents;
    size_t agent_count, agent_capacity;
    string_map first_words;   /* first word -> first phrase */
};

typedef struct reader {
    petrarch_actors *actors;
    const char *path;
    long line;
    void (*problem)(void *, const char *, long, const char *);
    void *context;
} reader;

static void report(reader *r, const char *message) {
    if (r->problem) r->problem(r->context, r->path, r->line, message);
}

static bool grow(void **items, size_t *capacity, size_t count, size_t size) {
    if (count < *capacity) return true;
    size_t grown = *capacity ? *capacity * 2 : 64;
    void *bigger = realloc(*items, grown * size);
    if (!bigger) return false;
    *items = bigger;
    *capacity = grown;
    return true;
}

/* Dates are YYYYMMDD or YYMMDD (00-30 is 20YY, as TABARI reads it). */
static bool parse_date(const char *text, long *out) {
    while (*text == ' ') text++;
    size_t digits = strspn(text, "0123456789");
    if (digits != 6 && digits != 8) return false;
    long value = strtol(text, NULL, 10);
    if (digits == 6) {
        long year = value / 10000;
        value += (year <= 30 ? 20000000 : 19000000);
    }
    *out = value;
    return true;
}

static bool add_rule(reader *r, const char *content) {
    petrarch_actors *a = r->actors;
    char copy[128];
    snprintf(copy, sizeof copy, "%s", content);
    char *text = text_trim(copy);
    char *space = strpbrk(text, " \t<>");
    code_rule rule = {.kind = RULE_DEFAULT};
    char code[64];
    size_t length = space ? (size_t)(space - text) : strlen(text);
    if (!length || length >= sizeof code) {
        report(r, "bad actor code");
        return true;
    }
    memcpy(code, text, length);
    code[length] = '\0';
    if (space) {
        char *restriction = text_trim(space);
        if (*restriction == '<' || *restriction == '>') {
            rule.kind = *restriction == '<' ? RULE_BEFORE : RULE_AFTER;
            if (!parse_date(restriction + 1, rule.kind == RULE_BEFORE ? &rule.to : &rule.from)) {
                report(r, "bad date in actor code restriction");
                return true;
            }
        } else if (*restriction) {
            char *dash = strchr(restriction, '-');
            if (!dash || !parse_date(restriction, &rule.from) || !parse_date(dash + 1, &rule.to)) {
                report(r, "bad date range in actor code restriction");
                return true;
            }
            rule.kind = RULE_BETWEEN;
        }
    }
    if (!a->entry_count) {
        report(r, "code restriction before any actor");
        return true;
    }
    if (!grow((void **)&a->rules, &a->rule_capacity, a->rule_count, sizeof *a->rules)) return false;
    rule.code = arena_strdup(a->arena, code);
    if (!rule.code) return false;
    actor_entry *entry = &a->entries[a->entry_count - 1];
    /* rules of an entry are contiguous: a later entry's rules never
     * interleave because entries are read in order */
    if (!entry->rule_count) entry->first_rule = (uint32_t)a->rule_count;
    a->rules[a->rule_count++] = rule;
    entry->rule_count++;
    return true;
}

static bool add_phrase(reader *r, const char *text, uint32_t entry, bool agent) {
    petrarch_actors *a = r->actors;
    char copy[512];
    snprintf(copy, sizeof copy, "%s", text);
    const char *words[32];
    uint32_t count = 0;
    char *save = NULL;
    for (char *word = strtok_r(copy, " _\t", &save); word && count < 32;
         word = strtok_r(NULL, " _\t", &save)) {
        for (char *c = word; *c; c++) *c = (char)tolower((unsigned char)*c);
        words[count] = arena_strdup(a->arena, word);
        if (!words[count]) return false;
        count++;
    }
    if (!count) {
        report(r, "empty phrase");
        return true;
    }
    if (!grow((void **)&a->phrases, &a->phrase_capacity, a->phrase_count, sizeof *a->phrases))
        return false;
    phrase *item = &a->phrases[a->phrase_count];
    item->words = arena_alloc(a->arena, count * sizeof *item->words);
    if (!item->words) return false;
    memcpy(item->words, words, count * sizeof *words);
    item->word_count = count;
    item->entry = entry;
    item->agent = agent;
    uint32_t head = map_get(&a->first_words, words[0], strlen(words[0]));
    item->next = head;
    if (!map_put(&a->first_words, words[0], (uint32_t)a->phrase_count)) return false;
    a->phrase_count++;
    return true;
}

/* Removes a "#" or ";" comment, leaving brackets alone. */
static void strip_comment(char *line) {
    int depth = 0;
    for (char *c = line; *c; c++) {
        if (*c == '[') depth++;
        else if (*c == ']' && depth) depth--;
        else if ((*c == '#' || *c == ';') && !depth) {
            *c = '\0';
            return;
        }
    }
}

/* Handles <!-- ... --> (also over several lines) and other markup lines;
 * returns false when the whole line is a comment. */
static bool strip_markup(char *line, bool *in_comment) {
    if (*in_comment) {
        char *end = strstr(line, "-->");
        if (!end) return false;
        *in_comment = false;
        memmove(line, end + 3, strlen(end + 3) + 1);
    }
    char *open = strstr(line, "<!--");
    if (open) {
        char *end = strstr(open, "-->");
        if (end) memmove(open, end + 3, strlen(end + 3) + 1);
        else {
            *open = '\0';
            *in_comment = true;
        }
    }
    const char *start = line;
    while (*start == ' ' || *start == '\t') start++;
    if (*start == '<') return false;   /* "<! -- ..." and other markup */
    return true;
}

static dyad_status read_actor_file(reader *r, dyad_error *error) {
    petrarch_actors *a = r->actors;
    text_file file;
    dyad_status status = text_file_open(&file, r->path, error);
    if (status != DYAD_OK) return status;
    bool comment = false, ok = true;
    char *line;
    while (ok && (line = text_file_next(&file))) {
        r->line = file.line;
        if (!strip_markup(line, &comment)) continue;
        strip_comment(line);
        bool indented = line[0] == ' ' || line[0] == '\t';
        char *text = text_trim(line);
        if (!*text) continue;
        if (strstr(text, "---STOP---")) break;
        if (indented && text[0] == '[') {
            char *close = strchr(text, ']');
            if (!close) {
                report(r, "code restriction without ']'");
                continue;
            }
            *close = '\0';
            ok = add_rule(r, text + 1);
            continue;
        }
        char *bracket = strchr(text, '[');
        char code[128] = "";
        if (bracket) {
            char *close = strchr(bracket, ']');
            if (!close || (size_t)(close - bracket) >= sizeof code) {
                report(r, "actor code without ']'");
                continue;
            }
            memcpy(code, bracket + 1, (size_t)(close - bracket - 1));
            code[close - bracket - 1] = '\0';
            *bracket = '\0';
        }
        if (text[0] == '+') {
            if (!a->entry_count) {
                report(r, "synonym before any actor");
                continue;
            }
            ok = add_phrase(r, text + 1, (uint32_t)(a->entry_count - 1), false);
            if (ok && code[0]) ok = add_rule(r, code);
            continue;
        }
        if (!grow((void **)&a->entries, &a->entry_capacity, a->entry_count, sizeof *a->entries)) {
            ok = false;
            break;
        }
        a->entries[a->entry_count++] = (actor_entry){0, 0};
        ok = add_phrase(r, text, (uint32_t)(a->entry_count - 1), false);
        if (ok && code[0]) ok = add_rule(r, code);
    }
    text_file_close(&file);
    if (!ok) return error_set(error, DYAD_ERR_MEMORY, r->path, r->line, -1, "out of memory");
    return DYAD_OK;
}

typedef struct substitution {
    char name[32];
    char members[16][48];
    int count;
} substitution;

/* Expands one !NAME! in text (recursively) and adds every variant. */
static bool add_agent_variants(reader *r, const char *text, uint32_t agent,
                               const substitution *sets, int set_count) {
    const char *open = strchr(text, '!');
    const char *close = open ? strchr(open + 1, '!') : NULL;
    if (!open || !close) return add_phrase(r, text, agent, true);
    for (int s = 0; s < set_count; s++) {
        size_t length = (size_t)(close - open + 1);
        if (strlen(sets[s].name) != length || strncmp(sets[s].name, open, length) != 0) continue;
        for (int m = 0; m < sets[s].count; m++) {
            char expanded[512];
            snprintf(expanded, sizeof expanded, "%.*s%s%s", (int)(open - text), text,
                     sets[s].members[m], close + 1);
            if (!add_agent_variants(r, expanded, agent, sets, set_count)) return false;
        }
        return true;
    }
    report(r, "unknown !substitution! set");
    return true;
}

static void regular_plural(const char *word, char *out, size_t size) {
    size_t n = strlen(word);
    char last = n ? (char)toupper((unsigned char)word[n - 1]) : 0;
    if (last == 'Y' && n > 1 && !strchr("AEIOU", toupper((unsigned char)word[n - 2])))
        snprintf(out, size, "%.*sIES", (int)(n - 1), word);
    else if (last == 'S' || last == 'X' || last == 'Z' ||
             (n > 1 && (strcasecmp(word + n - 2, "CH") == 0 || strcasecmp(word + n - 2, "SH") == 0)))
        snprintf(out, size, "%sES", word);
    else
        snprintf(out, size, "%sS", word);
}

static dyad_status read_agent_file(reader *r, dyad_error *error) {
    petrarch_actors *a = r->actors;
    text_file file;
    dyad_status status = text_file_open(&file, r->path, error);
    if (status != DYAD_OK) return status;
    substitution sets[16];
    int set_count = 0;
    bool comment = false, ok = true;
    char *line;
    while (ok && (line = text_file_next(&file))) {
        r->line = file.line;
        if (!strip_markup(line, &comment)) continue;
        strip_comment(line);
        char *text = text_trim(line);
        if (!*text) continue;
        if (text[0] == '!' && strchr(text, '=')) {
            char *equals = strchr(text, '=');
            char *close = strchr(text + 1, '!');
            if (!equals || !close || close > equals || set_count == 16) {
                report(r, "a substitution set is written '!NAME! = WORD, WORD'");
                continue;
            }
            substitution *set = &sets[set_count++];
            snprintf(set->name, sizeof set->name, "%.*s", (int)(close - text + 1), text);
            set->count = 0;
            char *save = NULL;
            for (char *member = strtok_r(equals + 1, ",", &save); member && set->count < 16;
                 member = strtok_r(NULL, ",", &save))
                snprintf(set->members[set->count++], sizeof set->members[0], "%s", text_trim(member));
            continue;
        }
        char *bracket = strchr(text, '[');
        char *close = bracket ? strchr(bracket, ']') : NULL;
        if (!bracket || !close) {
            report(r, "agent without [~CODE] or [CODE~]");
            continue;
        }
        *close = '\0';
        char *code = text_trim(bracket + 1);
        *bracket = '\0';
        bool prefix = code[0] != '~';
        size_t code_length = strlen(code);
        if (prefix && (code_length < 2 || code[code_length - 1] != '~')) {
            report(r, "agent code must start or end with '~'");
            continue;
        }
        if (prefix) code[code_length - 1] = '\0';
        else code++;
        code = text_trim(code);
        char *plurals = NULL;
        char *brace = strchr(text, '{');
        if (brace) {
            char *end = strchr(brace, '}');
            if (!end) {
                report(r, "agent plurals without '}'");
                continue;
            }
            *end = '\0';
            plurals = brace + 1;
            *brace = '\0';
        }
        char *name = text_trim(text);
        if (!*name) {
            report(r, "agent without a phrase");
            continue;
        }
        if (!grow((void **)&a->agents, &a->agent_capacity, a->agent_count, sizeof *a->agents)) {
            ok = false;
            break;
        }
        a->agents[a->agent_count] = (agent_code){arena_strdup(a->arena, code), prefix};
        uint32_t agent = (uint32_t)a->agent_count++;
        ok = a->agents[agent].code && add_agent_variants(r, name, agent, sets, set_count);
        if (ok && plurals) {
            char *save = NULL;
            for (char *form = strtok_r(plurals, " \t,", &save); form && ok;
                 form = strtok_r(NULL, " \t,", &save))
                ok = add_agent_variants(r, form, agent, sets, set_count);
        } else if (ok && !strchr(name, '!')) {
            /* substitution sets list their own plural forms; others get
             * the regular one */
            char plural[512];
            size_t length = strlen(name);
            while (length && name[length - 1] == '_') name[--length] = '\0';
            regular_plural(name, plural, sizeof plural);
            ok = add_agent_variants(r, plural, agent, sets, set_count);
        }
    }
    text_file_close(&file);
    if (!ok) return error_set(error, DYAD_ERR_MEMORY, r->path, r->line, -1, "out of memory");
    return DYAD_OK;
}

dyad_status petrarch_actors_load(const char *actor_path, const char *agent_path,
                                 void (*problem)(void *, const char *, long, const char *),
                                 void *context, petrarch_actors **out, dyad_error *error) {
    *out = NULL;
    petrarch_actors *actors = calloc(1, sizeof *actors);
    if (!actors || !(actors->arena = dyad_arena_new())) {
        free(actors);
        return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    }
    reader r = {.actors = actors, .path = actor_path, .problem = problem, .context = context};
    dyad_status status = read_actor_file(&r, error);
    if (status == DYAD_OK && agent_path) {
        r.path = agent_path;
        status = read_agent_file(&r, error);
    }
    if (status != DYAD_OK) {
        petrarch_actors_free(actors);
        return status;
    }
    *out = actors;
    return DYAD_OK;
}

void petrarch_actors_free(petrarch_actors *actors) {
    if (!actors) return;
    free(actors->phrases);
    free(actors->rules);
    free(actors->entries);
    free(actors->agents);
    map_free(&actors->first_words);
    dyad_arena_free(actors->arena);
    free(actors);
}

/* ---------------------------------------------------------- resolution */

static const char *code_for_date(const petrarch_actors *actors, uint32_t entry, long date) {
    const actor_entry *item = &actors->entries[entry];
    for (uint32_t i = 0; i < item->rule_count; i++) {
        const code_rule *rule = &actors->rules[item->first_rule + i];
        if ((rule->kind == RULE_BEFORE && date && date <= rule->to) ||
            (rule->kind == RULE_AFTER && date >= rule->from) ||
            (rule->kind == RULE_BETWEEN && date >= rule->from && date <= rule->to))
            return rule->code;
    }
    for (uint32_t i = 0; i < item->rule_count; i++)
        if (actors->rules[item->first_rule + i].kind == RULE_DEFAULT)
            return actors->rules[item->first_rule + i].code;
    return NULL;
}

typedef struct match {
    uint32_t first, last;     /* tokens */
    uint32_t entry;
    bool agent;
} match;

/* Longest phrase of the wanted kind starting at token start. */
static bool longest_match(const petrarch_actors *actors, const dyad_sentence *sentence,
                          const char **lower, uint32_t start, bool agent, match *out) {
    uint32_t head = map_get(&actors->first_words, lower[start], strlen(lower[start]));
    bool found = false;
    for (uint32_t p = head; p != STRING_MAP_MISSING; p = actors->phrases[p].next) {
        const phrase *item = &actors->phrases[p];
        if (item->agent != agent || start + item->word_count > sentence->token_count) continue;
        bool equal = true;
        for (uint32_t w = 1; w < item->word_count && equal; w++)
            equal = strcmp(lower[start + w], item->words[w]) == 0;
        if (!equal || (found && out->last - out->first + 1 >= item->word_count)) continue;
        *out = (match){start, start + item->word_count - 1, item->entry, agent};
        found = true;
    }
    return found;
}

static bool is_glue(const dyad_token *token) {
    static const char *const tags[] = {"DT", "PDT", "PRP$", "POS", "JJ", "JJR", "JJS", "NN",
                                       "NNS", "NNP", "NNPS", "CD", "VBN", "HYPH", NULL};
    if (!token->xpos) return false;
    for (const char *const *tag = tags; *tag; tag++)
        if (strcmp(token->xpos, *tag) == 0) return true;
    return false;
}

typedef struct chunk {
    uint32_t first, last;
    const char *codes[8];     /* actor codes, possibly "A/B" */
    uint32_t code_count;
    const agent_code *agents[8];
    uint32_t agent_count;
} chunk;

static bool push_mention(dyad_document *document, size_t *capacity, uint32_t sentence_index,
                         uint32_t first, uint32_t last, const char *code, const char *sector,
                         int32_t group) {
    const dyad_sentence *sentence = &document->sentences[sentence_index];
    if (document->mention_count == *capacity) {
        document->mentions = arena_grow(document->arena, document->mentions, capacity,
                                        sizeof *document->mentions);
        if (!document->mentions) return false;
    }
    dyad_mention *m = &document->mentions[document->mention_count++];
    memset(m, 0, sizeof *m);
    m->sentence = sentence_index;
    m->first_token = first;
    m->last_token = last;
    m->start = sentence->tokens[first].start;
    m->end = sentence->tokens[last].end;
    m->text = arena_strndup(document->arena, document->text + m->start, m->end - m->start);
    m->code = code ? arena_strdup(document->arena, code) : NULL;
    m->country = code && strlen(code) >= 3 ? arena_strndup(document->arena, code, 3) : NULL;
    m->sector = sector ? arena_strdup(document->arena, sector) : NULL;
    m->kind = code ? DYAD_ACTOR_STATE : DYAD_ACTOR_UNKNOWN;
    m->antecedent = -1;
    m->group = group;
    return m->text && (!code || m->code);
}

/* Writes prefix agents + code + suffix agents, skipping a suffix the code
 * already ends with ("USAGOV" + "GOV"). */
static void compose(const chunk *c, const agent_code *const *extra, uint32_t extra_count,
                    const char *code, char *out, size_t size) {
    char prefixes[64] = "", suffixes[64] = "";
    const agent_code *all[16];
    uint32_t n = 0;
    for (uint32_t i = 0; i < c->agent_count && n < 16; i++) all[n++] = c->agents[i];
    for (uint32_t i = 0; i < extra_count && n < 16; i++) all[n++] = extra[i];
    for (uint32_t i = 0; i < n; i++) {
        const char *agent = all[i]->code;
        if (all[i]->prefix) {
            strncat(prefixes, agent, sizeof prefixes - strlen(prefixes) - 1);
        } else {
            size_t length = strlen(agent);
            char current[96];
            snprintf(current, sizeof current, "%s%s", code, suffixes);
            if (strlen(current) >= length && strcmp(current + strlen(current) - length, agent) == 0)
                continue;
            strncat(suffixes, agent, sizeof suffixes - strlen(suffixes) - 1);
        }
    }
    snprintf(out, size, "%s%s%s", prefixes, code, suffixes);
}

static bool emit_chunk(dyad_document *document, size_t *capacity, uint32_t sentence, const chunk *c,
                       const agent_code *const *extra, uint32_t extra_count, int32_t *groups) {
    uint32_t codes = 0;
    const char *split[16];
    char storage[16][32];
    for (uint32_t i = 0; i < c->code_count; i++) {
        /* "ELR/GAL": a compound of two actors */
        char copy[128];
        snprintf(copy, sizeof copy, "%s", c->codes[i]);
        char *save = NULL;
        for (char *part = strtok_r(copy, "/", &save); part && codes < 16; part = strtok_r(NULL, "/", &save)) {
            if (strcmp(part, "---") == 0) continue;
            bool seen = false;
            for (uint32_t k = 0; k < codes && !seen; k++) seen = strcmp(split[k], part) == 0;
            if (seen) continue;
            snprintf(storage[codes], sizeof storage[codes], "%s", part);
            split[codes] = storage[codes];
            codes++;
        }
    }
    int32_t group = codes > 1 ? (*groups)++ : -1;
    for (uint32_t i = 0; i < codes; i++) {
        char code[96];
        compose(c, extra, extra_count, split[i], code, sizeof code);
        const char *sector = c->agent_count ? c->agents[0]->code : extra_count ? extra[0]->code : NULL;
        if (!push_mention(document, capacity, sentence, c->first, c->last, code, sector, group))
            return false;
    }
    return true;
}

dyad_status petrarch_actors_resolve(const petrarch_actors *actors, dyad_document *document,
                                    dyad_error *error) {
    long date = 0;
    if (document->date) {
        char digits[9];
        size_t n = 0;
        for (const char *c = document->date; *c && n < 8; c++)
            if (isdigit((unsigned char)*c)) digits[n++] = *c;
        digits[n] = '\0';
        if (n == 8) date = strtol(digits, NULL, 10);
    }
    size_t capacity = 0;
    int32_t groups = 0;
    document->mentions = NULL;
    document->mention_count = 0;
    for (uint32_t s = 0; s < document->sentence_count; s++) {
        const dyad_sentence *sentence = &document->sentences[s];
        uint32_t n = sentence->token_count;
        if (!n) continue;
        const char **lower = arena_alloc(document->arena, n * sizeof *lower);
        match *matches = arena_alloc(document->arena, n * sizeof *matches);
        chunk *chunks = arena_alloc(document->arena, n * sizeof *chunks);
        if (!lower || !matches || !chunks)
            return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        for (uint32_t t = 0; t < n; t++) {
            char *copy = arena_strdup(document->arena, sentence->tokens[t].text);
            if (!copy) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
            for (char *c = copy; *c; c++) *c = (char)tolower((unsigned char)*c);
            lower[t] = copy;
        }
        /* actors first, then agents on the words left over */
        uint32_t match_count = 0;
        uint8_t *taken = arena_calloc(document->arena, n, 1);
        if (!taken) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        for (int pass = 0; pass < 2; pass++)
            for (uint32_t t = 0; t < n; t++) {
                if (taken[t]) continue;
                match found;
                if (!longest_match(actors, sentence, lower, t, pass == 1, &found)) continue;
                bool free_span = true;
                for (uint32_t k = found.first; k <= found.last; k++) free_span = free_span && !taken[k];
                if (!free_span) continue;
                for (uint32_t k = found.first; k <= found.last; k++) taken[k] = 1;
                matches[match_count++] = found;
                t = found.last;
            }
        /* chunks: runs of matched words and noun-phrase words */
        uint32_t chunk_count = 0;
        for (uint32_t t = 0; t < n;) {
            if (!taken[t] && !is_glue(&sentence->tokens[t])) {
                t++;
                continue;
            }
            chunk *c = &chunks[chunk_count];
            memset(c, 0, sizeof *c);
            c->first = t;
            while (t < n && (taken[t] || is_glue(&sentence->tokens[t]))) t++;
            c->last = t - 1;
            for (uint32_t m = 0; m < match_count; m++) {
                if (matches[m].first < c->first || matches[m].last > c->last) continue;
                if (matches[m].agent) {
                    if (c->agent_count < 8) c->agents[c->agent_count++] = &actors->agents[matches[m].entry];
                } else {
                    const char *code = code_for_date(actors, matches[m].entry, date);
                    if (code && c->code_count < 8) c->codes[c->code_count++] = code;
                }
            }
            if (c->code_count || c->agent_count) chunk_count++;
        }
        /* an agent-only chunk followed by of/in/from lends its agents to
         * the actors after it ("lawmakers in Fornost and Gondor") */
        uint32_t *lent_count = arena_calloc(document->arena, chunk_count ? chunk_count : 1,
                                            sizeof *lent_count);
        const agent_code ***lent_list = arena_calloc(document->arena, chunk_count ? chunk_count : 1,
                                                     sizeof *lent_list);
        if (!lent_count || !lent_list)
            return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        for (uint32_t i = 0; i < chunk_count; i++) {
            chunk *c = &chunks[i];
            if (c->code_count || !c->agent_count || c->last + 1 >= n) continue;
            const char *next = lower[c->last + 1];
            if (strcmp(next, "of") && strcmp(next, "in") && strcmp(next, "from")) continue;
            uint32_t expected = c->last + 2;
            for (uint32_t j = i + 1; j < chunk_count; j++) {
                if (chunks[j].first != expected || !chunks[j].code_count) break;
                lent_list[j] = c->agents;
                lent_count[j] = c->agent_count;
                expected = chunks[j].last + 1;
                /* coordination: ", X", "and X", ", and X" */
                while (expected < n && (!strcmp(lower[expected], ",") || !strcmp(lower[expected], "and")))
                    expected++;
            }
            c->agent_count = 0;   /* the agents now live on the actors */
        }
        for (uint32_t i = 0; i < chunk_count; i++) {
            chunk *c = &chunks[i];
            if (!c->code_count) continue;
            if (!emit_chunk(document, &capacity, s, c, lent_list[i], lent_count[i], &groups))
                return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        }
    }
    return DYAD_OK;
}
