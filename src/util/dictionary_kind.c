/*
 * dictionary_kind.c — see dictionary_kind.h.
 */
#include "dictionary_kind.h"
#include "error.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DETECT_LIMIT = 256 * 1024 };

typedef struct line_signals {
    size_t verb_blocks;       /* "--- NAME [CODE] ---" */
    size_t verb_sections;     /* "[046 Label]", "[modal intent]" */
    size_t issues;            /* "<ISSUE" */
    size_t agent_codes;       /* "[~GOV]", "[NGO~]", "!PERSON! = ..." */
    size_t actor_codes;       /* "[RUS]", "[RUSGOV >150101]" */
    size_t phrases;           /* lines without any code */
    size_t long_phrases;      /* ... of more than eight words: prose, not a discard list */
} line_signals;

static bool starts_with(const char *line, size_t length, const char *prefix) {
    size_t n = strlen(prefix);
    return length >= n && memcmp(line, prefix, n) == 0;
}

/* dyad's verb sections: '[' then a CAMEO code or "---", then a label or a
 * reverse code; or "[modal CLASS]".  Actor codes are letters, so "[AFG]"
 * is not one. */
static bool is_verb_section(const char *line, size_t length) {
    if (length < 5 || line[0] != '[') return false;
    const char *rest = line + 1;
    size_t n = length - 1;
    size_t code = 0;
    if (starts_with(rest, n, "modal ")) return true;
    if (starts_with(rest, n, "---")) code = 3;
    else
        while (code < n && isdigit((unsigned char)rest[code])) code++;
    /* then a label or a reverse code: "[046 Engage ...]", "[042:043 ...]";
     * an actor file's null code with a date, "[--- <950630]", is neither */
    if (code < 2 || code + 1 >= n) return false;
    if (rest[code] == ':') return isdigit((unsigned char)rest[code + 1]) != 0;
    return rest[code] == ' ' && isalpha((unsigned char)rest[code + 1]);
}

static size_t count_words(const char *line, size_t length) {
    size_t words = 0;
    bool inside = false;
    for (size_t i = 0; i < length; i++) {
        bool blank = line[i] == ' ' || line[i] == '\t' || line[i] == '_';
        if (!blank && !inside) words++;
        inside = !blank;
    }
    return words;
}

static void read_line(const char *line, size_t length, line_signals *signals) {
    if (starts_with(line, length, "---") && memchr(line, '[', length)) {
        signals->verb_blocks++;
        return;
    }
    if (starts_with(line, length, "<ISSUE")) {
        signals->issues++;
        return;
    }
    if (is_verb_section(line, length)) {
        signals->verb_sections++;
        return;
    }
    if (line[0] == '!' && memchr(line + 1, '!', length - 1) && memchr(line, '=', length)) {
        signals->agent_codes++;
        return;
    }
    const char *open = memchr(line, '[', length);
    if (!open) {
        signals->phrases++;
        if (count_words(line, length) > 8) signals->long_phrases++;
        return;
    }
    const char *close = memchr(open, ']', length - (size_t)(open - line));
    if (!close) return;
    if (memchr(open, '~', (size_t)(close - open))) signals->agent_codes++;
    else if (close > open + 1 && (isupper((unsigned char)open[1]) || open[1] == '-'))
        signals->actor_codes++;
}

dictionary_kind dictionary_kind_detect(const char *text, size_t length) {
    if (length > DETECT_LIMIT) length = DETECT_LIMIT;
    line_signals signals = {0};
    bool first = true, in_comment = false;
    size_t i = 0;
    while (i < length) {
        size_t end = i;
        while (end < length && text[end] != '\n') end++;
        const char *line = text + i;
        size_t n = end - i;
        i = end + 1;
        /* <!-- ... --> comments of the PETRARCH files may span lines */
        if (in_comment) {
            const char *close = NULL;
            for (size_t k = 0; k + 3 <= n && !close; k++)
                if (memcmp(line + k, "-->", 3) == 0) close = line + k + 3;
            if (!close) continue;
            in_comment = false;
            n -= (size_t)(close - line);
            line = close;
        }
        while (n && (*line == ' ' || *line == '\t' || *line == '\r')) line++, n--;
        if (starts_with(line, n, "<!--")) {
            bool closed = false;
            for (size_t k = 4; k + 3 <= n && !closed; k++) closed = memcmp(line + k, "-->", 3) == 0;
            in_comment = !closed;
            continue;
        }
        /* '#' comments (and ';' in the PETRARCH files), to the end of the line */
        for (size_t k = 0; k < n; k++)
            if (line[k] == '#' || (line[k] == ';' && k > 0 && line[k - 1] == ' ')) {
                n = k;
                break;
            }
        while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r')) n--;
        if (!n) continue;
        if (first) {
            first = false;
            if (starts_with(line, n, "dyad-dictionary")) return DICTIONARY_DYAD_ACTORS;
        }
        read_line(line, n, &signals);
    }
    if (signals.verb_blocks) return DICTIONARY_PETRARCH_VERBS;
    if (signals.issues) return DICTIONARY_PETRARCH_ISSUES;
    if (signals.verb_sections > signals.actor_codes) return DICTIONARY_DYAD_VERBS;
    if (signals.agent_codes && signals.agent_codes >= signals.actor_codes)
        return DICTIONARY_PETRARCH_AGENTS;
    if (signals.actor_codes) return DICTIONARY_PETRARCH_ACTORS;
    if (signals.phrases && !signals.long_phrases) return DICTIONARY_PETRARCH_DISCARDS;
    return DICTIONARY_UNKNOWN;
}

dyad_status dictionary_kind_of_file(const char *path, dictionary_kind *out, dyad_error *error) {
    *out = DICTIONARY_UNKNOWN;
    FILE *file = fopen(path, "rb");
    if (!file) return error_set(error, DYAD_ERR_IO, path, 0, -1, "cannot open: %s", strerror(errno));
    char *head = malloc(DETECT_LIMIT);
    if (!head) {
        fclose(file);
        return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    }
    size_t got = fread(head, 1, DETECT_LIMIT, file);
    bool failed = ferror(file) != 0;
    fclose(file);
    if (!failed) *out = dictionary_kind_detect(head, got);
    free(head);
    if (failed) return error_set(error, DYAD_ERR_IO, path, 0, -1, "cannot read");
    return DYAD_OK;
}

const char *dictionary_kind_name(dictionary_kind kind) {
    switch (kind) {
    case DICTIONARY_DYAD_ACTORS: return "dyad actor dictionary";
    case DICTIONARY_DYAD_VERBS: return "dyad verb dictionary";
    case DICTIONARY_PETRARCH_ACTORS: return "PETRARCH actor dictionary";
    case DICTIONARY_PETRARCH_AGENTS: return "PETRARCH agent dictionary";
    case DICTIONARY_PETRARCH_DISCARDS: return "PETRARCH discard list";
    case DICTIONARY_PETRARCH_VERBS: return "TABARI/PETRARCH verb dictionary";
    case DICTIONARY_PETRARCH_ISSUES: return "PETRARCH issue dictionary";
    case DICTIONARY_UNKNOWN: break;
    }
    return "unknown kind";
}

bool dictionary_kind_for_actors(dictionary_kind kind) {
    return kind == DICTIONARY_DYAD_ACTORS || kind == DICTIONARY_PETRARCH_ACTORS ||
           kind == DICTIONARY_PETRARCH_AGENTS;
}

bool dictionary_kind_for_coder(dictionary_kind kind) {
    return kind == DICTIONARY_DYAD_VERBS || kind == DICTIONARY_PETRARCH_VERBS ||
           kind == DICTIONARY_PETRARCH_DISCARDS;
}
