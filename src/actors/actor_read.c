/*
 * actor_read.c — see actor_read.h.
 */
#include "actor_read.h"
#include "../util/dictionary_kind.h"
#include "../util/error.h"
#include "../util/text_file.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SUBSTITUTION_MAX = 32, SUBSTITUTION_ITEMS = 32 };

/* ---------------------------------------------------------------- lines */

typedef struct line_reader {
    const char *text;
    size_t length, position;
    long number;             /* of the line last returned */
    bool in_comment;         /* inside a multi-line <!-- --> comment */
} line_reader;

typedef struct line_view {
    const char *text;
    size_t length;
    bool indented;           /* began with a blank or a tab */
} line_view;

static bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static void trim(const char **text, size_t *length) {
    while (*length && is_blank(**text)) {
        (*text)++;
        (*length)--;
    }
    while (*length && is_blank((*text)[*length - 1])) (*length)--;
}

static const char *find_bytes(const char *text, size_t length, const char *needle) {
    size_t needle_length = strlen(needle);
    for (size_t i = 0; i + needle_length <= length; i++)
        if (memcmp(text + i, needle, needle_length) == 0) return text + i;
    return NULL;
}

/* The next line holding something, comments removed.  comment_chars:
 * the characters that start a comment anywhere on a line. */
static bool next_line(line_reader *reader, const char *comment_chars, line_view *out) {
    while (reader->position < reader->length) {
        const char *start = reader->text + reader->position;
        const char *newline = memchr(start, '\n', reader->length - reader->position);
        size_t length = newline ? (size_t)(newline - start) : reader->length - reader->position;
        reader->position += length + (newline != NULL);
        reader->number++;
        if (length && start[length - 1] == '\r') length--;
        if (reader->in_comment) {
            const char *close = find_bytes(start, length, "-->");
            if (!close) continue;
            reader->in_comment = false;
            length -= (size_t)(close + 3 - start);
            start = close + 3;
        }
        if (length >= 2 && start[0] == '<' && start[1] == '!') {
            /* a comment line; one that opens a comment and does not close
             * it starts a comment block */
            const char *open_mark = find_bytes(start, length, "<!--");
            if (open_mark && !find_bytes(open_mark, length - (size_t)(open_mark - start), "-->"))
                reader->in_comment = true;
            continue;
        }
        /* an XML comment inside the line, or opening one that goes on */
        const char *open = find_bytes(start, length, "<!--");
        if (open) {
            const char *close = find_bytes(open, length - (size_t)(open - start), "-->");
            if (!close) {
                reader->in_comment = true;
                length = (size_t)(open - start);
            } else {
                /* keep what precedes the comment; what follows it is
                 * dropped, as PETRARCH does */
                length = (size_t)(open - start);
            }
        }
        for (size_t i = 0; i < length; i++)
            if (strchr(comment_chars, start[i])) {
                length = i;
                break;
            }
        bool indented = length && is_blank(start[0]);
        const char *text = start;
        trim(&text, &length);
        if (!length) continue;
        out->text = text;
        out->length = length;
        out->indented = indented;
        return true;
    }
    return false;
}

/* ------------------------------------------------------------- plurals */

static bool ends_with(const char *text, size_t length, const char *suffix) {
    size_t suffix_length = strlen(suffix);
    if (length < suffix_length) return false;
    for (size_t i = 0; i < suffix_length; i++)
        if (tolower((unsigned char)text[length - suffix_length + i]) != suffix[i]) return false;
    return true;
}

static bool is_vowel(char c) {
    return strchr("aeiouAEIOU", c) != NULL;
}

size_t actor_plural(const char *phrase, size_t length, char *out, size_t size) {
    while (length && (phrase[length - 1] == '_' || is_blank(phrase[length - 1]))) length--;
    if (!length || length + 4 > size) return 0;
    /* keep the case of the phrase: a PETRARCH phrase is in capitals */
    bool upper = isupper((unsigned char)phrase[length - 1]) != 0;
    const char *suffix;
    size_t keep = length;
    size_t word_start = length;
    while (word_start && isalpha((unsigned char)phrase[word_start - 1])) word_start--;
    size_t word_length = length - word_start;
    static const char *const man_exceptions[] = {"human", "german", "roman", "ottoman",
                                                 "shaman", "talisman", "caiman"};
    bool man_exception = false;
    for (size_t i = 0; i < sizeof man_exceptions / sizeof *man_exceptions; i++)
        if (word_length == strlen(man_exceptions[i]) && ends_with(phrase, length, man_exceptions[i]))
            man_exception = true;
    if (ends_with(phrase, length, "man") && !man_exception) {
        keep = length - 2;
        suffix = "en";
    } else if (ends_with(phrase, length, "y") && length >= 2 && !is_vowel(phrase[length - 2])) {
        keep = length - 1;
        suffix = "ies";
    } else if (ends_with(phrase, length, "s") || ends_with(phrase, length, "x") ||
               ends_with(phrase, length, "z") || ends_with(phrase, length, "ch") ||
               ends_with(phrase, length, "sh")) {
        suffix = "es";
    } else {
        suffix = "s";
    }
    memcpy(out, phrase, keep);
    size_t written = keep;
    for (const char *p = suffix; *p; p++)
        out[written++] = upper ? (char)toupper((unsigned char)*p) : *p;
    out[written] = '\0';
    return written;
}

/* ---------------------------------------------------------- shared bits */

/* PETRARCH phrases are in capitals with underscores: "VLADIMIR_PUTIN_"
 * becomes the display name "Vladimir Putin". */
static size_t display_name(const char *phrase, size_t length, char *out, size_t size) {
    size_t written = 0;
    bool word_start = true;
    while (length && (phrase[length - 1] == '_' || is_blank(phrase[length - 1]))) length--;
    for (size_t i = 0; i < length && written + 1 < size; i++) {
        char c = phrase[i] == '_' ? ' ' : phrase[i];
        unsigned char u = (unsigned char)c;
        if (u < 0x80 && isalpha(u)) {
            out[written++] = word_start ? (char)toupper(u) : (char)tolower(u);
            word_start = false;
        } else {
            out[written++] = c;
            word_start = c == ' ' || c == '-' || c == '(' || c == '/';
        }
    }
    out[written] = '\0';
    return written;
}

static bool is_code_char(char c) {
    return isalnum((unsigned char)c) || c == '-' || c == '/' || c == '+';
}

/* Parses a PETRARCH date: YYMMDD (years up to 30 are 20YY, as in KEDS and
 * TABARI) or YYYYMMDD. */
static bool parse_petrarch_date(const char *text, size_t length, int32_t *out) {
    for (size_t i = 0; i < length; i++)
        if (!isdigit((unsigned char)text[i])) return false;
    int year, month, day;
    if (length == 6) {
        year = (text[0] - '0') * 10 + (text[1] - '0');
        year += year <= 30 ? 2000 : 1900;
        month = (text[2] - '0') * 10 + (text[3] - '0');
        day = (text[4] - '0') * 10 + (text[5] - '0');
    } else if (length == 8) {
        year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 +
               (text[3] - '0');
        month = (text[4] - '0') * 10 + (text[5] - '0');
        day = (text[6] - '0') * 10 + (text[7] - '0');
    } else {
        return false;
    }
    if (!actor_date_valid(year, month, day)) return false;
    *out = year * 10000 + month * 100 + day;
    return true;
}

/* ------------------------------------------------------ PETRARCH actors */

typedef struct actor_record {
    uint32_t entry;          /* UINT32_MAX: none yet */
    long line;
    bool has_codes;
    const char *name;
    size_t name_length;
} actor_record;

/* PETRARCH files do not say what an actor is; the codes tell enough:
 * CountryInfo's people have dated roles, a bare three-letter code is a
 * country, IGO/NGO codes are organisations, rebels and militarised groups
 * are groups. */
static dyad_actor_kind guess_kind(const actor_dictionary *d, const actor_entry *entry) {
    size_t count;
    const actor_code_range *ranges = actor_dictionary_entry_ranges(d, entry, &count);
    for (size_t i = 0; i < count; i++)
        if (ranges[i].restricted) return DYAD_ACTOR_PERSON;
    const char *code = actor_entry_code_at(d, entry, 0);
    if (!code) return DYAD_ACTOR_ORGANIZATION;
    if (strlen(code) == 3) return DYAD_ACTOR_STATE;
    if (strncmp(code, "IMG", 3) == 0 || strstr(code, "REB") || strstr(code, "INS") ||
        strstr(code, "UAF"))
        return DYAD_ACTOR_GROUP;
    return DYAD_ACTOR_ORGANIZATION;
}

static dyad_status close_record(actor_dictionary *d, actor_record *record, const char *name,
                                actor_load_report *report, dyad_error *error) {
    if (record->entry == UINT32_MAX) return DYAD_OK;
    actor_entry *entry = actor_dictionary_entry_mutable(d, record->entry);
    dyad_status status = DYAD_OK;
    if (!record->has_codes) {
        status = actor_load_problem(report, error, name, record->line,
                                    "actor '%.*s' has no code", (int)record->name_length,
                                    record->name);
    } else {
        entry->kind = (uint8_t)guess_kind(d, entry);
    }
    record->entry = UINT32_MAX;
    return status;
}

/* Reads "[CODE]", "[CODE <date]", "[CODE >date]", "[CODE d1-d2]" groups
 * from text into the record's entry.  Returns false (with a message in
 * why) on the first bad group; good groups before it are kept. */
static bool read_code_groups(actor_dictionary *d, actor_record *record, const char *text,
                             size_t length, char *why, size_t why_size) {
    size_t i = 0;
    while (i < length) {
        const char *open = memchr(text + i, '[', length - i);
        if (!open) {
            /* text after the last group that is not a code */
            for (size_t k = i; k < length; k++)
                if (!is_blank(text[k])) {
                    snprintf(why, why_size, "unexpected text '%.*s' after the codes",
                             (int)(length - k), text + k);
                    return false;
                }
            return true;
        }
        size_t start = (size_t)(open - text) + 1;
        const char *close = memchr(text + start, ']', length - start);
        if (!close) {
            snprintf(why, why_size, "'[' without ']'");
            return false;
        }
        size_t end = (size_t)(close - text);
        i = end + 1;
        const char *group = text + start;
        size_t group_length = end - start;
        trim(&group, &group_length);
        size_t code_length = 0;
        while (code_length < group_length && is_code_char(group[code_length])) code_length++;
        if (code_length == 0) {
            snprintf(why, why_size, "no code in '[%.*s]'", (int)group_length, group);
            return false;
        }
        char code[64];
        if (code_length >= sizeof code) {
            snprintf(why, why_size, "code too long in '[%.*s]'", (int)group_length, group);
            return false;
        }
        for (size_t k = 0; k < code_length; k++) code[k] = (char)toupper((unsigned char)group[k]);
        code[code_length] = '\0';
        const char *rest = group + code_length;
        size_t rest_length = group_length - code_length;
        trim(&rest, &rest_length);
        bool restricted = rest_length > 0;
        int32_t from = ACTOR_DATE_MIN, to = ACTOR_DATE_MAX;
        if (restricted) {
            char operator = rest[0];
            if (operator == '<' || operator == '>') {
                const char *date = rest + 1;
                size_t date_length = rest_length - 1;
                trim(&date, &date_length);
                int32_t value;
                if (!parse_petrarch_date(date, date_length, &value)) {
                    snprintf(why, why_size, "bad date '%.*s' in '[%.*s]'", (int)date_length,
                             date, (int)group_length, group);
                    return false;
                }
                if (operator == '<') to = value;
                else from = value;
            } else {
                const char *dash = memchr(rest, '-', rest_length);
                if (!dash) {
                    snprintf(why, why_size,
                             "date restriction '%.*s' is not <date, >date or date-date",
                             (int)rest_length, rest);
                    return false;
                }
                const char *first = rest, *second = dash + 1;
                size_t first_length = (size_t)(dash - rest);
                size_t second_length = rest_length - first_length - 1;
                trim(&first, &first_length);
                trim(&second, &second_length);
                if (!parse_petrarch_date(first, first_length, &from) ||
                    !parse_petrarch_date(second, second_length, &to)) {
                    snprintf(why, why_size, "bad date range '%.*s'", (int)rest_length, rest);
                    return false;
                }
                if (to < from) {
                    snprintf(why, why_size, "date range '%.*s' ends before it starts",
                             (int)rest_length, rest);
                    return false;
                }
            }
        }
        if (!actor_dictionary_add_code(d, record->entry, code, code_length, restricted, from,
                                       to)) {
            snprintf(why, why_size, "out of memory");
            return false;
        }
        record->has_codes = true;
    }
    return true;
}

static dyad_status read_petrarch_actors(actor_dictionary *d, const char *name, const char *text,
                                        size_t length, actor_load_report *report,
                                        dyad_error *error) {
    uint32_t source = actor_dictionary_add_source(d, name);
    line_reader reader = {text, length, 0, 0, false};
    line_view line;
    actor_record record = {UINT32_MAX, 0, false, NULL, 0};
    char why[256];
    dyad_status status = DYAD_OK;
    size_t entries = 0, names = 0;
    while (status == DYAD_OK && next_line(&reader, "#;", &line)) {
        if (find_bytes(line.text, line.length, "---STOP---")) break;
        if (line.indented || line.text[0] == '[') {
            if (record.entry == UINT32_MAX) {
                status = actor_load_problem(report, error, name, reader.number,
                                            "date line without an actor before it");
                continue;
            }
            if (!read_code_groups(d, &record, line.text, line.length, why, sizeof why))
                status = actor_load_problem(report, error, name, reader.number, "%s", why);
            continue;
        }
        bool synonym = line.text[0] == '+';
        const char *phrase = line.text + synonym;
        size_t phrase_length = line.length - synonym;
        const char *open = memchr(phrase, '[', phrase_length);
        const char *codes = NULL;
        size_t codes_length = 0;
        if (open) {
            codes = open;
            codes_length = phrase_length - (size_t)(open - phrase);
            phrase_length = (size_t)(open - phrase);
        }
        trim(&phrase, &phrase_length);
        if (!phrase_length) {
            status = actor_load_problem(report, error, name, reader.number, "no actor phrase");
            continue;
        }
        if (synonym && record.entry == UINT32_MAX) {
            status = actor_load_problem(report, error, name, reader.number,
                                        "synonym '%.*s' without an actor before it",
                                        (int)phrase_length, phrase);
            continue;
        }
        if (!synonym && (record.entry == UINT32_MAX || record.has_codes)) {
            status = close_record(d, &record, name, report, error);
            if (status != DYAD_OK) break;
            char display[256];
            size_t display_length = display_name(phrase, phrase_length, display, sizeof display);
            record.entry = actor_dictionary_add_entry(d, display, display_length,
                                                      DYAD_ACTOR_UNKNOWN, source,
                                                      (uint32_t)reader.number);
            if (record.entry == UINT32_MAX)
                return error_set(error, DYAD_ERR_MEMORY, name, reader.number, -1,
                                 "out of memory");
            record.line = reader.number;
            record.has_codes = false;
            record.name = phrase;
            record.name_length = phrase_length;
            entries++;
        }
        const char *problem;
        if (!actor_dictionary_add_phrase(d, PHRASE_ACTOR, record.entry, phrase, phrase_length,
                                         false, CASE_CAPITALISED, &problem)) {
            status = actor_load_problem(report, error, name, reader.number, "%s", problem);
            continue;
        }
        names++;
        if (codes && !read_code_groups(d, &record, codes, codes_length, why, sizeof why))
            status = actor_load_problem(report, error, name, reader.number, "%s", why);
    }
    if (status == DYAD_OK) status = close_record(d, &record, name, report, error);
    if (report) {
        report->entries += entries;
        report->names += names;
    }
    return status;
}

/* ------------------------------------------------------ PETRARCH agents */

typedef struct substitution_set {
    char marker[32];
    char items[SUBSTITUTION_ITEMS][48];
    size_t item_count;
} substitution_set;

static bool add_agent_form(actor_dictionary *d, const char *code, size_t code_length,
                           unsigned flags, const char *phrase, size_t phrase_length,
                           bool case_from_text, const char **why) {
    uint32_t agent = actor_dictionary_add_agent(d, code, code_length, phrase, phrase_length,
                                                flags);
    if (agent == UINT32_MAX) {
        *why = "out of memory";
        return false;
    }
    return actor_dictionary_add_phrase(d, PHRASE_AGENT, agent, phrase, phrase_length,
                                       case_from_text, CASE_ANY, why);
}

/* "~GOV" → GOV after the actor; "NGO~" → before; spaces are tolerated. */
static bool parse_agent_code(const char *text, size_t length, char *code, size_t size,
                             size_t *code_length, unsigned *flags) {
    trim(&text, &length);
    *flags = 0;
    if (length && text[0] == '~') {
        text++;
        length--;
    } else if (length && text[length - 1] == '~') {
        length--;
        *flags |= AGENT_PREFIX;
    }
    trim(&text, &length);
    if (!length || length >= size) return false;
    for (size_t i = 0; i < length; i++) {
        if (!is_code_char(text[i])) return false;
        code[i] = (char)toupper((unsigned char)text[i]);
    }
    code[length] = '\0';
    *code_length = length;
    return true;
}

static dyad_status read_petrarch_agents(actor_dictionary *d, const char *name, const char *text,
                                        size_t length, actor_load_report *report,
                                        dyad_error *error) {
    actor_dictionary_add_source(d, name);
    line_reader reader = {text, length, 0, 0, false};
    line_view line;
    substitution_set *sets = calloc(SUBSTITUTION_MAX, sizeof *sets);
    if (!sets) return error_set(error, DYAD_ERR_MEMORY, name, 0, -1, "out of memory");
    size_t set_count = 0, forms = 0;
    dyad_status status = DYAD_OK;
    while (status == DYAD_OK && next_line(&reader, "#", &line)) {
        const char *bang = memchr(line.text, '!', line.length);
        const char *equals = memchr(line.text, '=', line.length);
        if (bang && equals && bang < equals) {
            /* !MARKER! = A, B, C */
            const char *second = memchr(bang + 1, '!', (size_t)(equals - bang - 1));
            size_t marker_length = second ? (size_t)(second - bang - 1) : 0;
            if (!second || marker_length == 0 || marker_length >= sizeof sets->marker) {
                status = actor_load_problem(report, error, name, reader.number,
                                            "substitution marker incorrectly defined");
                continue;
            }
            substitution_set *set = NULL;
            for (size_t s = 0; s < set_count; s++)
                if (strlen(sets[s].marker) == marker_length &&
                    strncasecmp(sets[s].marker, bang + 1, marker_length) == 0)
                    set = &sets[s];
            if (!set) {
                if (set_count == SUBSTITUTION_MAX) {
                    status = actor_load_problem(report, error, name, reader.number,
                                                "too many substitution sets");
                    continue;
                }
                set = &sets[set_count++];
            }
            memcpy(set->marker, bang + 1, marker_length);
            set->marker[marker_length] = '\0';
            set->item_count = 0;
            const char *p = equals + 1, *end = line.text + line.length;
            while (p < end) {
                const char *comma = memchr(p, ',', (size_t)(end - p));
                const char *item = p;
                size_t item_length = (size_t)((comma ? comma : end) - p);
                trim(&item, &item_length);
                if (item_length && item_length < sizeof set->items[0] &&
                    set->item_count < SUBSTITUTION_ITEMS) {
                    memcpy(set->items[set->item_count], item, item_length);
                    set->items[set->item_count++][item_length] = '\0';
                } else if (item_length) {
                    status = actor_load_problem(report, error, name, reader.number,
                                                "substitution item '%.*s' too long or too many",
                                                (int)item_length, item);
                }
                p = comma ? comma + 1 : end;
            }
            continue;
        }
        const char *open = memchr(line.text, '[', line.length);
        if (!open) {
            status = actor_load_problem(report, error, name, reader.number,
                                        "agent without a [code]");
            continue;
        }
        const char *close = memchr(open, ']', line.length - (size_t)(open - line.text));
        char code[64];
        size_t code_length;
        unsigned flags;
        if (!close || !parse_agent_code(open + 1, (size_t)(close - open - 1), code, sizeof code,
                                        &code_length, &flags)) {
            status = actor_load_problem(report, error, name, reader.number,
                                        "bad agent code '%.*s'",
                                        (int)(line.length - (size_t)(open - line.text)), open);
            continue;
        }
        const char *phrase = line.text;
        size_t phrase_length = (size_t)(open - line.text);
        trim(&phrase, &phrase_length);
        const char *brace = memchr(phrase, '{', phrase_length);
        const char *plural = NULL;
        size_t plural_length = 0;
        bool explicit_plural = false;
        if (brace) {
            const char *brace_close = memchr(brace, '}', phrase_length - (size_t)(brace - phrase));
            if (!brace_close) {
                status = actor_load_problem(report, error, name, reader.number, "missing '}'");
                continue;
            }
            plural = brace + 1;
            plural_length = (size_t)(brace_close - brace - 1);
            trim(&plural, &plural_length);
            explicit_plural = true;
            phrase_length = (size_t)(brace - phrase);
            trim(&phrase, &phrase_length);
        }
        while (phrase_length && phrase[phrase_length - 1] == '_') phrase_length--;
        if (!phrase_length) {
            status = actor_load_problem(report, error, name, reader.number, "no agent phrase");
            continue;
        }
        const char *why = NULL;
        const char *marker_open = memchr(phrase, '!', phrase_length);
        if (marker_open) {
            const char *marker_close =
                memchr(marker_open + 1, '!', phrase_length - (size_t)(marker_open - phrase) - 1);
            substitution_set *set = NULL;
            if (marker_close)
                for (size_t s = 0; s < set_count; s++)
                    if (strlen(sets[s].marker) == (size_t)(marker_close - marker_open - 1) &&
                        strncasecmp(sets[s].marker, marker_open + 1,
                                    (size_t)(marker_close - marker_open - 1)) == 0)
                        set = &sets[s];
            if (!set) {
                status = actor_load_problem(report, error, name, reader.number,
                                            "substitution marker in '%.*s' is not defined",
                                            (int)phrase_length, phrase);
                continue;
            }
            size_t head = (size_t)(marker_open - phrase);
            const char *tail = marker_close + 1;
            size_t tail_length = phrase_length - (size_t)(tail - phrase);
            for (size_t k = 0; k < set->item_count && !why; k++) {
                char expanded[512];
                int written = snprintf(expanded, sizeof expanded, "%.*s%s%.*s", (int)head, phrase,
                                       set->items[k], (int)tail_length, tail);
                if (written <= 0 || (size_t)written >= sizeof expanded) {
                    why = "expanded agent too long";
                    break;
                }
                /* the set lists singular and plural forms itself */
                bool is_plural = ends_with(set->items[k], strlen(set->items[k]), "s") ||
                                 ends_with(set->items[k], strlen(set->items[k]), "men");
                if (add_agent_form(d, code, code_length, flags | (is_plural ? AGENT_PLURAL : 0),
                                   expanded, (size_t)written, false, &why))
                    forms++;
            }
            if (why) status = actor_load_problem(report, error, name, reader.number, "%s", why);
            continue;
        }
        if (!add_agent_form(d, code, code_length, flags, phrase, phrase_length, false, &why)) {
            status = actor_load_problem(report, error, name, reader.number, "%s", why);
            continue;
        }
        forms++;
        char generated[512];
        if (!explicit_plural) {
            plural_length = actor_plural(phrase, phrase_length, generated, sizeof generated);
            plural = generated;
        }
        if (plural_length) {
            if (!add_agent_form(d, code, code_length, flags | AGENT_PLURAL, plural, plural_length,
                                false, &why))
                status = actor_load_problem(report, error, name, reader.number, "%s", why);
            else
                forms++;
        }
    }
    free(sets);
    if (report) report->agents += forms;
    return status;
}

/* ---------------------------------------------------- PETRARCH discards */

static dyad_status read_petrarch_discards(actor_dictionary *d, const char *name,
                                          const char *text, size_t length,
                                          actor_load_report *report, dyad_error *error) {
    actor_dictionary_add_source(d, name);
    line_reader reader = {text, length, 0, 0, false};
    line_view line;
    dyad_status status = DYAD_OK;
    size_t count = 0;
    while (status == DYAD_OK && next_line(&reader, "#;", &line)) {
        const char *phrase = line.text;
        size_t phrase_length = line.length;
        unsigned flags = 0;
        if (phrase[0] == '+') {
            flags |= DISCARD_STORY;
            phrase++;
            phrase_length--;
            trim(&phrase, &phrase_length);
        }
        if (phrase_length && phrase[phrase_length - 1] == '_') flags |= DISCARD_EXACT;
        if (!actor_dictionary_add_discard(d, phrase, phrase_length, flags)) {
            status = actor_load_problem(report, error, name, reader.number,
                                        "discard phrase '%.*s' is empty or too long",
                                        (int)phrase_length, phrase);
            continue;
        }
        count++;
    }
    if (report) report->discards += count;
    return status;
}

/* ----------------------------------------------------------- our format */

typedef enum dyad_record_kind {
    RECORD_NONE = 0,
    RECORD_ACTOR,
    RECORD_AGENT,
    RECORD_MODIFIER,
    RECORD_COMMON,
    RECORD_DISCARD
} dyad_record_kind;

typedef struct dyad_record {
    dyad_record_kind kind;
    dyad_actor_kind actor_kind;
    unsigned entry_flags;
    uint32_t entry;          /* actor entry, UINT32_MAX if none */
    long line;
    bool has_codes;
    /* agents: the code comes after the names, so names wait here */
    char code[64];
    size_t code_length;
    unsigned agent_flags;
    unsigned discard_flags;
} dyad_record;

static bool parse_iso_date(const char *text, size_t length, int32_t *out) {
    if (length != 10) return false;
    char copy[11];
    memcpy(copy, text, 10);
    copy[10] = '\0';
    *out = actor_date_parse(copy);
    return *out != 0;
}

/* "CODE", "CODE FROM..", "CODE ..TO", "CODE FROM..TO", then flag words. */
static bool parse_dyad_code(const char *text, size_t length, char *code, size_t code_size,
                            size_t *code_length, bool *restricted, int32_t *from, int32_t *to,
                            const char **flags, size_t *flags_length, char *why, size_t why_size) {
    trim(&text, &length);
    size_t i = 0;
    while (i < length && !is_blank(text[i])) i++;
    if (i == 0 || i >= code_size) {
        snprintf(why, why_size, "missing or too long code");
        return false;
    }
    for (size_t k = 0; k < i; k++) {
        char c = text[k];
        if (!is_code_char(c) && c != '~') {
            snprintf(why, why_size, "bad character '%c' in code '%.*s'", c, (int)i, text);
            return false;
        }
        code[k] = c;
    }
    code[i] = '\0';
    *code_length = i;
    *restricted = false;
    *from = ACTOR_DATE_MIN;
    *to = ACTOR_DATE_MAX;
    const char *rest = text + i;
    size_t rest_length = length - i;
    trim(&rest, &rest_length);
    size_t word = 0;
    while (word < rest_length && !is_blank(rest[word])) word++;
    const char *dots = find_bytes(rest, word, "..");
    if (dots) {
        *restricted = true;
        size_t before = (size_t)(dots - rest), after = word - before - 2;
        if ((before && !parse_iso_date(rest, before, from)) ||
            (after && !parse_iso_date(dots + 2, after, to)) || (!before && !after)) {
            snprintf(why, why_size, "bad date range '%.*s' (want YYYY-MM-DD..YYYY-MM-DD)",
                     (int)word, rest);
            return false;
        }
        if (*to < *from) {
            snprintf(why, why_size, "date range '%.*s' ends before it starts", (int)word, rest);
            return false;
        }
        rest += word;
        rest_length -= word;
        trim(&rest, &rest_length);
    }
    *flags = rest;
    *flags_length = rest_length;
    return true;
}

static dyad_status dyad_add_code(actor_dictionary *d, dyad_record *record, const char *text,
                                 size_t length, const char *name, long line,
                                 actor_load_report *report, dyad_error *error) {
    char code[64], why[256];
    size_t code_length;
    bool restricted;
    int32_t from, to;
    const char *flags;
    size_t flags_length;
    if (!parse_dyad_code(text, length, code, sizeof code, &code_length, &restricted, &from, &to,
                         &flags, &flags_length, why, sizeof why))
        return actor_load_problem(report, error, name, line, "%s", why);
    if (record->kind == RECORD_AGENT) {
        if (record->has_codes)
            return actor_load_problem(report, error, name, line, "an agent has one code");
        unsigned agent_flags;
        if (restricted)
            return actor_load_problem(report, error, name, line, "agents have no dates");
        if (!parse_agent_code(code, code_length, record->code, sizeof record->code,
                              &record->code_length, &agent_flags))
            return actor_load_problem(report, error, name, line, "bad agent code '%s'", code);
        record->agent_flags |= agent_flags;
        while (flags_length) {
            size_t word = 0;
            while (word < flags_length && !is_blank(flags[word])) word++;
            if (word == 6 && strncmp(flags, "person", 6) == 0) {
                record->agent_flags |= AGENT_PERSON;
            } else if (word == 6 && strncmp(flags, "plural", 6) == 0) {
                record->agent_flags |= AGENT_PLURAL;
            } else if (word == 5 && strncmp(flags, "bound", 5) == 0) {
                record->agent_flags |= AGENT_BOUND;
            } else if (word == 6 && strncmp(flags, "abroad", 6) == 0) {
                record->agent_flags |= AGENT_ABROAD;
            } else if (word == 4 && strncmp(flags, "home", 4) == 0) {
                record->agent_flags |= AGENT_HOME;
            } else {
                return actor_load_problem(report, error, name, line, "unknown agent flag '%.*s'",
                                          (int)word, flags);
            }
            flags += word;
            flags_length -= word;
            trim(&flags, &flags_length);
        }
        record->has_codes = true;
        return DYAD_OK;
    }
    if (record->kind != RECORD_ACTOR)
        return actor_load_problem(report, error, name, line, "this kind of record has no code");
    if (flags_length)
        return actor_load_problem(report, error, name, line, "unexpected '%.*s' after the code",
                                  (int)flags_length, flags);
    if (!actor_dictionary_add_code(d, record->entry, code, code_length, restricted, from, to))
        return error_set(error, DYAD_ERR_MEMORY, name, line, -1, "out of memory");
    record->has_codes = true;
    return DYAD_OK;
}

/* Names are added as they are read, except agents' (their code follows
 * them); those are kept as line spans and added at the end of the
 * record. */
typedef struct pending_name {
    const char *text;
    size_t length;
    long line;
} pending_name;

typedef struct pending_names {
    pending_name *items;
    size_t count, capacity;
} pending_names;

static dyad_status add_dyad_name(actor_dictionary *d, dyad_record *record, const char *text,
                                 size_t length, const char *name, long line,
                                 pending_names *pending, actor_load_report *report,
                                 dyad_error *error, size_t *counter) {
    trim(&text, &length);
    if (!length) return actor_load_problem(report, error, name, line, "empty name");
    const char *why = NULL;
    switch (record->kind) {
    case RECORD_ACTOR:
        if (!actor_dictionary_add_phrase(d, PHRASE_ACTOR, record->entry, text, length, true,
                                         CASE_ANY, &why))
            return actor_load_problem(report, error, name, line, "%s", why);
        break;
    case RECORD_MODIFIER:
    case RECORD_COMMON:
        if (!actor_dictionary_add_phrase(
                d, record->kind == RECORD_MODIFIER ? PHRASE_MODIFIER : PHRASE_COMMON, 0, text,
                length, true, CASE_ANY, &why))
            return actor_load_problem(report, error, name, line, "%s", why);
        break;
    case RECORD_DISCARD:
        if (!actor_dictionary_add_discard(d, text, length, record->discard_flags))
            return actor_load_problem(report, error, name, line, "bad discard phrase");
        break;
    case RECORD_AGENT:
        if (pending->count == pending->capacity) {
            size_t capacity = pending->capacity ? pending->capacity * 2 : 16;
            pending_name *items = realloc(pending->items, capacity * sizeof *items);
            if (!items) return error_set(error, DYAD_ERR_MEMORY, name, line, -1, "out of memory");
            pending->items = items;
            pending->capacity = capacity;
        }
        pending->items[pending->count++] = (pending_name){text, length, line};
        return DYAD_OK;
    case RECORD_NONE:
        return actor_load_problem(report, error, name, line, "name outside a record");
    }
    (*counter)++;
    return DYAD_OK;
}

static dyad_status close_dyad_record(actor_dictionary *d, dyad_record *record, const char *name,
                                     pending_names *pending, actor_load_report *report,
                                     dyad_error *error, size_t *agent_forms) {
    dyad_status status = DYAD_OK;
    if (record->kind == RECORD_ACTOR && !record->has_codes)
        status = actor_load_problem(report, error, name, record->line, "actor without a code");
    if (record->kind == RECORD_AGENT) {
        if (!record->has_codes) {
            status = actor_load_problem(report, error, name, record->line,
                                        "agent without a code");
        }
        for (size_t i = 0; status == DYAD_OK && i < pending->count; i++) {
            const pending_name *item = &pending->items[i];
            const char *text = item->text;
            size_t length = item->length;
            const char *brace = memchr(text, '{', length);
            const char *plural = NULL;
            size_t plural_length = 0;
            char generated[256];
            if (brace) {
                const char *close = memchr(brace, '}', length - (size_t)(brace - text));
                if (!close) {
                    status = actor_load_problem(report, error, name, item->line, "missing '}'");
                    break;
                }
                plural = brace + 1;
                plural_length = (size_t)(close - brace - 1);
                trim(&plural, &plural_length);
                length = (size_t)(brace - text);
                trim(&text, &length);
            } else {
                plural_length = actor_plural(text, length, generated, sizeof generated);
                plural = generated;
            }
            const char *why = NULL;
            if (!add_agent_form(d, record->code, record->code_length, record->agent_flags, text,
                                length, true, &why)) {
                status = actor_load_problem(report, error, name, item->line, "%s", why);
                break;
            }
            (*agent_forms)++;
            if (plural_length) {
                if (!add_agent_form(d, record->code, record->code_length,
                                    record->agent_flags | AGENT_PLURAL, plural, plural_length,
                                    true, &why)) {
                    status = actor_load_problem(report, error, name, item->line, "%s", why);
                    break;
                }
                (*agent_forms)++;
            }
        }
    }
    pending->count = 0;
    memset(record, 0, sizeof *record);
    record->entry = UINT32_MAX;
    return status;
}

static bool kind_word(const char *word, size_t length, dyad_record *record) {
    static const struct {
        const char *word;
        dyad_record_kind kind;
        dyad_actor_kind actor_kind;
        unsigned entry_flags, discard_flags;
    } kinds[] = {
        {"state", RECORD_ACTOR, DYAD_ACTOR_STATE, 0, 0},
        {"seat", RECORD_ACTOR, DYAD_ACTOR_ORGANIZATION, ENTRY_SEAT, 0},
        {"person", RECORD_ACTOR, DYAD_ACTOR_PERSON, 0, 0},
        {"org", RECORD_ACTOR, DYAD_ACTOR_ORGANIZATION, 0, 0},
        {"group", RECORD_ACTOR, DYAD_ACTOR_GROUP, 0, 0},
        {"agent", RECORD_AGENT, DYAD_ACTOR_UNKNOWN, 0, 0},
        {"modifier", RECORD_MODIFIER, DYAD_ACTOR_UNKNOWN, 0, 0},
        {"common", RECORD_COMMON, DYAD_ACTOR_UNKNOWN, 0, 0},
        {"discard", RECORD_DISCARD, DYAD_ACTOR_UNKNOWN, 0, 0},
        {"discard-story", RECORD_DISCARD, DYAD_ACTOR_UNKNOWN, 0, DISCARD_STORY},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strlen(kinds[i].word) == length && memcmp(kinds[i].word, word, length) == 0) {
            record->kind = kinds[i].kind;
            record->actor_kind = kinds[i].actor_kind;
            record->entry_flags = kinds[i].entry_flags;
            record->discard_flags = kinds[i].discard_flags;
            return true;
        }
    return false;
}

/* Splits "a | b | c" and adds each name. */
static dyad_status add_dyad_names(actor_dictionary *d, dyad_record *record, const char *text,
                                  size_t length, const char *name, long line,
                                  pending_names *pending, actor_load_report *report,
                                  dyad_error *error, size_t *counter) {
    const char *end = text + length;
    const char *p = text;
    dyad_status status = DYAD_OK;
    while (status == DYAD_OK && p <= end) {
        const char *bar = memchr(p, '|', (size_t)(end - p));
        const char *item = p;
        size_t item_length = (size_t)((bar ? bar : end) - p);
        trim(&item, &item_length);
        if (item_length)
            status = add_dyad_name(d, record, item, item_length, name, line, pending, report,
                                   error, counter);
        else if (bar || p == text)
            status = actor_load_problem(report, error, name, line, "empty name");
        if (!bar) break;
        p = bar + 1;
    }
    return status;
}

static dyad_status read_dyad(actor_dictionary *d, const char *name, const char *text,
                             size_t length, actor_load_report *report, dyad_error *error) {
    uint32_t source = actor_dictionary_add_source(d, name);
    line_reader reader = {text, length, 0, 0, false};
    line_view line;
    if (!next_line(&reader, "#", &line) || line.length < 15 ||
        strncmp(line.text, "dyad-dictionary", 15) != 0)
        return actor_load_problem(report, error, name, reader.number ? reader.number : 1,
                                  "not a dyad dictionary (no 'dyad-dictionary 1' line)");
    if (line.length != 17 || line.text[16] != '1')
        return actor_load_problem(report, error, name, reader.number,
                                  "unsupported dictionary version '%.*s'", (int)line.length,
                                  line.text);
    dyad_record record;
    memset(&record, 0, sizeof record);
    record.entry = UINT32_MAX;
    pending_names pending = {NULL, 0, 0};
    dyad_status status = DYAD_OK;
    size_t entries = 0, names = 0, others = 0, agent_forms = 0, discards = 0;
    while (status == DYAD_OK && next_line(&reader, "#", &line)) {
        const char *body = line.text;
        size_t body_length = line.length;
        if (line.indented) {
            if (record.kind == RECORD_NONE) {
                status = actor_load_problem(report, error, name, reader.number,
                                            "indented line outside a record");
                continue;
            }
            size_t *counter = record.kind == RECORD_ACTOR     ? &names
                              : record.kind == RECORD_DISCARD ? &discards
                                                              : &others;
            if (body[0] == '|') {
                status = add_dyad_names(d, &record, body + 1, body_length - 1, name,
                                        reader.number, &pending, report, error, counter);
            } else {
                if (body_length >= 2 && body[0] == '=' && body[1] == '>') {
                    body += 2;
                    body_length -= 2;
                }
                status = dyad_add_code(d, &record, body, body_length, name, reader.number, report,
                                       error);
            }
            continue;
        }
        status = close_dyad_record(d, &record, name, &pending, report, error, &agent_forms);
        if (status != DYAD_OK) break;
        size_t word = 0;
        while (word < body_length && !is_blank(body[word])) word++;
        if (!kind_word(body, word, &record)) {
            status = actor_load_problem(report, error, name, reader.number,
                                        "unknown record kind '%.*s'", (int)word, body);
            record.kind = RECORD_NONE;
            continue;
        }
        record.line = reader.number;
        const char *names_text = body + word;
        size_t names_length = body_length - word;
        const char *arrow = find_bytes(names_text, names_length, "=>");
        const char *code_text = NULL;
        size_t code_length = 0;
        if (arrow) {
            code_text = arrow + 2;
            code_length = names_length - (size_t)(code_text - names_text);
            names_length = (size_t)(arrow - names_text);
        }
        trim(&names_text, &names_length);
        if (!names_length) {
            status = actor_load_problem(report, error, name, reader.number, "record without a name");
            record.kind = RECORD_NONE;
            continue;
        }
        if (record.kind == RECORD_ACTOR) {
            const char *bar = memchr(names_text, '|', names_length);
            const char *first = names_text;
            size_t first_length = bar ? (size_t)(bar - names_text) : names_length;
            trim(&first, &first_length);
            record.entry = actor_dictionary_add_entry(d, first, first_length, record.actor_kind,
                                                      source, (uint32_t)reader.number);
            if (record.entry == UINT32_MAX)
                return error_set(error, DYAD_ERR_MEMORY, name, reader.number, -1,
                                 "out of memory");
            actor_dictionary_entry_mutable(d, record.entry)->flags = (uint8_t)record.entry_flags;
            entries++;
        }
        size_t *counter = record.kind == RECORD_ACTOR     ? &names
                          : record.kind == RECORD_DISCARD ? &discards
                                                          : &others;
        status = add_dyad_names(d, &record, names_text, names_length, name, reader.number,
                                &pending, report, error, counter);
        if (status == DYAD_OK && code_text)
            status = dyad_add_code(d, &record, code_text, code_length, name, reader.number, report,
                                   error);
    }
    if (status == DYAD_OK)
        status = close_dyad_record(d, &record, name, &pending, report, error, &agent_forms);
    free(pending.items);
    if (report) {
        report->entries += entries;
        report->names += names;
        report->agents += agent_forms;
        report->discards += discards;
        report->other += others;
    }
    return status;
}

/* ---------------------------------------------------------------- files */

/* The kind from the content (util/dictionary_kind.h): file names are no
 * guide (CAMEO.2.0.txt holds verbs, users rename files). */
static actor_file_kind kind_from_content(const char *text, size_t length) {
    switch (dictionary_kind_detect(text, length)) {
    case DICTIONARY_DYAD_ACTORS: return ACTOR_FILE_DYAD;
    case DICTIONARY_PETRARCH_ACTORS: return ACTOR_FILE_PETRARCH_ACTORS;
    case DICTIONARY_PETRARCH_AGENTS: return ACTOR_FILE_PETRARCH_AGENTS;
    case DICTIONARY_PETRARCH_DISCARDS: return ACTOR_FILE_PETRARCH_DISCARDS;
    case DICTIONARY_DYAD_VERBS:
    case DICTIONARY_PETRARCH_VERBS:
    case DICTIONARY_PETRARCH_ISSUES: return ACTOR_FILE_FOREIGN;
    case DICTIONARY_UNKNOWN: break;
    }
    return ACTOR_FILE_UNKNOWN;
}

actor_file_kind actor_file_kind_of(const char *path) {
    dictionary_kind kind;
    dyad_error error;
    if (dictionary_kind_of_file(path, &kind, &error) != DYAD_OK) return ACTOR_FILE_UNKNOWN;
    switch (kind) {
    case DICTIONARY_DYAD_ACTORS: return ACTOR_FILE_DYAD;
    case DICTIONARY_PETRARCH_ACTORS: return ACTOR_FILE_PETRARCH_ACTORS;
    case DICTIONARY_PETRARCH_AGENTS: return ACTOR_FILE_PETRARCH_AGENTS;
    case DICTIONARY_UNKNOWN: return ACTOR_FILE_UNKNOWN;
    /* discard lists are the coder's: it is the stage that leaves a
     * discarded sentence uncoded */
    default: return ACTOR_FILE_FOREIGN;
    }
}

dyad_status actor_read_text(actor_dictionary *d, const char *name, const char *text,
                            size_t length, actor_file_kind kind, actor_load_report *report,
                            dyad_error *error) {
    if (kind == ACTOR_FILE_UNKNOWN)
        kind = kind_from_content(text, length);
    if (report) report->files++;
    switch (kind) {
    case ACTOR_FILE_DYAD:
        return read_dyad(d, name, text, length, report, error);
    case ACTOR_FILE_PETRARCH_ACTORS:
        return read_petrarch_actors(d, name, text, length, report, error);
    case ACTOR_FILE_PETRARCH_AGENTS:
        return read_petrarch_agents(d, name, text, length, report, error);
    case ACTOR_FILE_PETRARCH_DISCARDS:
        return read_petrarch_discards(d, name, text, length, report, error);
    case ACTOR_FILE_FOREIGN:
    case ACTOR_FILE_UNKNOWN:
        break;
    }
    if (report) report->files--;
    return error_set(error, DYAD_ERR_USAGE, name, 0, -1,
                     "not an actor, agent or discard dictionary (name it *.actors.txt, "
                     "*.agents.txt, *.discards.txt, or start it with 'dyad-dictionary 1')");
}

dyad_status actor_read_file(actor_dictionary *d, const char *path, actor_file_kind kind,
                            actor_load_report *report, dyad_error *error) {
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    if (status != DYAD_OK) return status;
    /* the whole text, byte-order mark included: actor_read_text parses
     * from memory with its own line reader (it keeps <!-- --> comment
     * state across lines) and has never removed a mark */
    status = actor_read_text(d, path, file.data, file.length, kind, report, error);
    text_file_close(&file);
    return status;
}
