/*
 * verb_native_read.c — reads dyad's own verb dictionary format.
 *
 * The format (docs/dictionaries.md, "verbs") is written for people: one
 * pattern per line, in the order the words come in a sentence, lemmas
 * rather than inflected forms, sections headed by the CAMEO code:
 *
 *     &talks = talk, negotiation, consultation, dialogue
 *     [046 Engage in negotiation]
 *     hold &talks with +
 *     negotiate with +
 *     [modal threat]
 *     threaten
 *
 * The first word of a pattern is its anchor: the verb (or, with @noun, the
 * noun) whose token starts the event; the other words must hang together
 * with it in the dependency parse.  Every line loads or is reported.
 */
#include "verb_dictionary.h"
#include "codebook.h"
#include "../util/text_file.h"
#include "../util/error.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ELEMENTS = 48, MAX_ALTERNATIVES = 32, MAX_PHRASE = 8 };

typedef struct native_reader {
    verb_dictionary *dictionary;
    const char *path;
    bool strict;
    dyad_error *error;
    long line;
    char code[8], reverse_code[8];
    modal_class modal;
    bool in_section;
    dyad_status status;
} native_reader;

/* Reports a bad line: an error in strict mode, otherwise a recorded
 * problem.  Returns false when reading must stop. */
static bool complain(native_reader *reader, const char *message, const char *detail) {
    if (reader->strict) {
        reader->status = error_set(reader->error, DYAD_ERR_MODEL, reader->path, reader->line, -1,
                                   "%s%s%s", message, detail ? ": " : "", detail ? detail : "");
        return false;
    }
    if (!verb_dictionary_problem(reader->dictionary, reader->path, reader->line, "%s%s%s",
                                 message, detail ? ": " : "", detail ? detail : "")) {
        reader->status = error_set(reader->error, DYAD_ERR_MEMORY, reader->path, reader->line,
                                   -1, "out of memory");
        return false;
    }
    return true;
}

static bool out_of_memory(native_reader *reader) {
    reader->status = error_set(reader->error, DYAD_ERR_MEMORY, reader->path, reader->line, -1,
                               "out of memory");
    return false;
}

static bool is_function_word(const char *word) {
    static const char *const words[] = {
        "a", "an", "the", "to", "with", "on", "in", "at", "for", "from", "of", "by",
        "against", "about", "over", "into", "onto", "toward", "towards", "between", "among",
        "up", "down", "out", "off", "and", "or", "not", "as", "that", "than", "upon", "back",
        "away", "its", "their", "his", "her", "no", "under", "through", "across", "after",
        "before", "within", "without", "behind", "around", "near", "along", "amid", "via"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(word, words[i]) == 0) return true;
    return false;
}

static bool valid_word(const char *word) {
    if (!*word) return false;
    for (const char *c = word; *c; c++)
        if (isspace((unsigned char)*c) || strchr("[]{}()&+$%|@#", *c)) return false;
    return true;
}

/* Interns one word and its inflections. */
static word_id intern(native_reader *reader, const char *word, unsigned kinds) {
    word_id id = verb_dictionary_word(reader->dictionary, word);
    if (id == NO_INDEX) return NO_INDEX;
    if (kinds && !is_function_word(word) && !verb_dictionary_inflect(reader->dictionary, id, kinds))
        return NO_INDEX;
    return id;
}

/* Splits "carry_out" into interned words; returns the count, 0 on error. */
static size_t intern_phrase(native_reader *reader, char *phrase, word_id *out, unsigned kinds) {
    size_t count = 0;
    char *save = NULL;
    for (char *word = strtok_r(phrase, "_", &save); word; word = strtok_r(NULL, "_", &save)) {
        if (count == MAX_PHRASE || !valid_word(word)) return 0;
        out[count] = intern(reader, word, kinds);
        if (out[count] == NO_INDEX) return 0;
        count++;
    }
    return count;
}

/* "&name = phrase, phrase" */
static bool read_set(native_reader *reader, char *line) {
    char *equals = strchr(line, '=');
    if (!equals) return complain(reader, "a word set is written '&name = word, word phrase, ...'", NULL);
    *equals = '\0';
    char *name = text_trim(line);
    if (strlen(name) < 2 || !valid_word(name + 1))
        return complain(reader, "bad word set name", name);
    uint32_t set = verb_dictionary_new_set(reader->dictionary, name);
    if (set == NO_INDEX) return out_of_memory(reader);
    size_t members = 0;
    char *rest = equals + 1, *items = NULL;
    for (char *item = strtok_r(rest, ",", &items); item; item = strtok_r(NULL, ",", &items)) {
        char *phrase = text_trim(item);
        if (!*phrase) continue;
        /* phrase words are separated by blanks inside a set */
        word_id words[MAX_PHRASE];
        size_t count = 0;
        char *save = NULL;
        for (char *word = strtok_r(phrase, " \t_", &save); word;
             word = strtok_r(NULL, " \t_", &save)) {
            if (count == MAX_PHRASE || !valid_word(word))
                return complain(reader, "bad word in word set", word);
            words[count] = intern(reader, word, INFLECT_VERB | INFLECT_NOUN);
            if (words[count] == NO_INDEX) return out_of_memory(reader);
            count++;
        }
        if (count && !verb_dictionary_add_member(reader->dictionary, set, words, count))
            return out_of_memory(reader);
        members += count != 0;
    }
    if (!members) return complain(reader, "word set has no members", name);
    return true;
}

static bool parse_code(const char *text, char *code, char *reverse) {
    code[0] = reverse[0] = '\0';
    const char *colon = strchr(text, ':');
    size_t length = colon ? (size_t)(colon - text) : strlen(text);
    if (length >= 8) return false;
    memcpy(code, text, length);
    code[length] = '\0';
    if (colon) {
        if (strlen(colon + 1) >= 8) return false;
        strcpy(reverse, colon + 1);
        if (!cameo_code_is_wellformed(reverse)) return false;
    }
    return strcmp(code, "---") == 0 || cameo_code_is_wellformed(code);
}

/* "[046 Engage in negotiation]", "[042:043 Make a visit]", "[modal threat]" */
static bool read_section(native_reader *reader, char *line) {
    char *close = strchr(line, ']');
    if (!close) return complain(reader, "section header without ']'", NULL);
    *close = '\0';
    char *inside = text_trim(line + 1);
    char first[32] = "", second[32] = "";
    sscanf(inside, "%31s %31s", first, second);
    reader->in_section = true;
    reader->modal = MODAL_NONE;
    if (strcmp(first, "modal") == 0) {
        reader->modal = modal_class_from_name(second);
        if (reader->modal == MODAL_NONE) {
            reader->in_section = false;
            return complain(reader, "unknown modal class (intent, threat, refusal, failure, "
                                    "attempt, speech, appeal, demand, denial)", second);
        }
        strcpy(reader->code, "---");
        reader->reverse_code[0] = '\0';
        return true;
    }
    if (!parse_code(first, reader->code, reader->reverse_code)) {
        reader->in_section = false;
        return complain(reader, "section must start with a CAMEO code, CODE:REVERSE or ---",
                        first);
    }
    return true;
}

/* Finds or creates the block of an anchor lemma (one per lemma and kind). */
static uint32_t block_for(native_reader *reader, const char *lemma, bool noun) {
    char name[128];
    snprintf(name, sizeof name, "%s%s", lemma, noun ? "/n" : "");
    uint32_t block = verb_dictionary_find_block(reader->dictionary, name);
    if (block != NO_INDEX) return block;
    char id[600];
    const char *slash = strrchr(reader->path, '/');
    snprintf(id, sizeof id, "%s:%ld", slash ? slash + 1 : reader->path, reader->line);
    block = verb_dictionary_new_block(reader->dictionary, name, "---", "", id);
    if (block == NO_INDEX) return NO_INDEX;
    word_id words[MAX_PHRASE];
    char copy[128];
    snprintf(copy, sizeof copy, "%s", lemma);
    size_t count = intern_phrase(reader, copy, words, noun ? INFLECT_NOUN : INFLECT_VERB);
    if (!count) return NO_INDEX;
    /* a verb phrase is anchored on its first word ("carry out"), a noun
     * phrase on its head, the last word ("air strike") */
    bool ok = noun ? verb_dictionary_add_anchor(reader->dictionary, words[count - 1], block, "", "",
                                                words, (uint8_t)(count - 1), 0, noun, lemma)
                   : verb_dictionary_add_anchor(reader->dictionary, words[0], block, "", "",
                                                words + 1, 0, (uint8_t)(count - 1), noun, lemma);
    return ok ? block : NO_INDEX;
}

/* Writes the members of a set as "a|b_c|d" (phrases joined by '_'). */
static bool set_as_alternatives(native_reader *reader, uint32_t set, char *out, size_t size) {
    const word_set *item = verb_dictionary_set(reader->dictionary, set);
    const word_id *words = verb_dictionary_phrase_words(reader->dictionary);
    size_t used = 0;
    out[0] = '\0';
    for (uint32_t m = 0; m < item->member_count; m++) {
        const set_member *member = verb_dictionary_member(reader->dictionary, item->first_member + m);
        for (uint32_t w = 0; w < member->word_count; w++) {
            const char *text = verb_dictionary_word_text(reader->dictionary, words[member->first_word + w]);
            int written = snprintf(out + used, size - used, "%s%s",
                                   w ? "_" : (m ? "|" : ""), text);
            if (written < 0 || (size_t)written >= size - used) return false;
            used += (size_t)written;
        }
    }
    return used > 0;
}

typedef struct parsed_pattern {
    char *anchors[MAX_ALTERNATIVES];
    size_t anchor_count;
    pattern_element elements[MAX_ELEMENTS];
    size_t element_count;
    uint8_t flags;
} parsed_pattern;

static bool add_element(parsed_pattern *pattern, element_kind kind, uint32_t value, bool adjacent) {
    if (pattern->element_count == MAX_ELEMENTS) return false;
    pattern->elements[pattern->element_count++] =
        (pattern_element){.kind = (uint8_t)kind, .adjacent = adjacent, .value = value};
    return true;
}

/* One pattern token after the anchor. */
static bool read_token(native_reader *reader, parsed_pattern *pattern, char *token) {
    if (strcmp(token, "+") == 0) return add_element(pattern, ELEMENT_TARGET, 0, false);
    if (strcmp(token, "$") == 0) return add_element(pattern, ELEMENT_SOURCE, 0, false);
    if (strcmp(token, "%") == 0) return add_element(pattern, ELEMENT_COMPOUND, 0, false);
    if (token[0] == '&') {
        uint32_t set = verb_dictionary_find_set(reader->dictionary, token);
        if (set == NO_INDEX) return complain(reader, "word set used before it is defined", token);
        return add_element(pattern, ELEMENT_SET, set, false);
    }
    if (strchr(token, '|')) {
        uint32_t set = verb_dictionary_new_set(reader->dictionary, NULL);
        if (set == NO_INDEX) return out_of_memory(reader);
        char *save = NULL;
        for (char *choice = strtok_r(token, "|", &save); choice;
             choice = strtok_r(NULL, "|", &save)) {
            word_id words[MAX_PHRASE];
            char *inner_save = NULL;
            size_t count = 0;
            for (char *word = strtok_r(choice, "_", &inner_save); word;
                 word = strtok_r(NULL, "_", &inner_save)) {
                if (count == MAX_PHRASE || !valid_word(word))
                    return complain(reader, "bad word in alternatives", word);
                words[count] = intern(reader, word, INFLECT_VERB | INFLECT_NOUN);
                if (words[count] == NO_INDEX) return out_of_memory(reader);
                count++;
            }
            if (count && !verb_dictionary_add_member(reader->dictionary, set, words, count))
                return out_of_memory(reader);
        }
        return add_element(pattern, ELEMENT_SET, set, false);
    }
    bool first = true;
    char *save = NULL;
    for (char *word = strtok_r(token, "_", &save); word; word = strtok_r(NULL, "_", &save)) {
        if (!valid_word(word)) return complain(reader, "not a word", word);
        word_id id = intern(reader, word, INFLECT_VERB | INFLECT_NOUN);
        if (id == NO_INDEX) return out_of_memory(reader);
        if (!add_element(pattern, ELEMENT_WORD, id, !first))
            return complain(reader, "pattern too long", NULL);
        first = false;
    }
    return true;
}

static bool read_pattern(native_reader *reader, char *line, const char *text) {
    if (!reader->in_section)
        return complain(reader, "pattern outside a section: start one with [CODE Label]", NULL);
    parsed_pattern pattern;
    memset(&pattern, 0, sizeof pattern);
    char *tokens[MAX_ELEMENTS + 8];
    size_t token_count = 0;
    char *save = NULL;
    for (char *token = strtok_r(line, " \t", &save); token; token = strtok_r(NULL, " \t", &save)) {
        if (token[0] == '@') {
            if (strcmp(token, "@noun") == 0) pattern.flags |= PATTERN_NOUN;
            else if (strcmp(token, "@mutual") == 0) pattern.flags |= PATTERN_MUTUAL;
            else if (strcmp(token, "@alone") == 0) pattern.flags |= PATTERN_ALONE;
            else return complain(reader, "unknown option (@noun, @mutual, @alone)", token);
            continue;
        }
        if (token_count == MAX_ELEMENTS + 8) return complain(reader, "pattern too long", NULL);
        tokens[token_count++] = token;
    }
    if (token_count == 0) return complain(reader, "pattern has no words", NULL);
    char *anchor = tokens[0];
    char expanded[2048];
    if (anchor[0] == '&') {
        /* a word set as the anchor: every member is one */
        uint32_t set = verb_dictionary_find_set(reader->dictionary, anchor);
        if (set == NO_INDEX) return complain(reader, "word set used before it is defined", anchor);
        if (!set_as_alternatives(reader, set, expanded, sizeof expanded))
            return complain(reader, "word set too large to anchor a pattern", anchor);
        anchor = expanded;
    }
    if (!isalpha((unsigned char)anchor[0]))
        return complain(reader, "a pattern starts with its verb or noun", anchor);
    for (char *choice = strtok_r(anchor, "|", &save); choice; choice = strtok_r(NULL, "|", &save)) {
        if (pattern.anchor_count == MAX_ALTERNATIVES)
            return complain(reader, "too many alternatives", NULL);
        for (char *c = choice; *c; c++) *c = (char)tolower((unsigned char)*c);
        char check[128], *check_save = NULL;
        snprintf(check, sizeof check, "%s", choice);
        for (char *word = strtok_r(check, "_", &check_save); word;
             word = strtok_r(NULL, "_", &check_save))
            if (!valid_word(word)) return complain(reader, "not a word", choice);
        pattern.anchors[pattern.anchor_count++] = choice;
    }
    for (size_t i = 1; i < token_count; i++) {
        for (char *c = tokens[i]; *c; c++) *c = (char)tolower((unsigned char)*c);
        if (!read_token(reader, &pattern, tokens[i])) return reader->status == DYAD_OK;
    }
    if (reader->modal != MODAL_NONE && pattern.element_count)
        return complain(reader, "a modal section lists bare verbs, not patterns", text);
    char id[600];
    const char *slash = strrchr(reader->path, '/');
    snprintf(id, sizeof id, "%s:%ld", slash ? slash + 1 : reader->path, reader->line);
    bool noun = pattern.flags & PATTERN_NOUN;
    for (size_t a = 0; a < pattern.anchor_count; a++) {
        uint32_t block = block_for(reader, pattern.anchors[a], noun);
        if (block == NO_INDEX) return complain(reader, "bad anchor", pattern.anchors[a]);
        verb_block *owner = verb_dictionary_block(reader->dictionary, block);
        if (reader->modal != MODAL_NONE) {
            owner->modal = (uint8_t)reader->modal;
            continue;
        }
        if (!verb_dictionary_add_pattern(reader->dictionary, block, pattern.elements, 0,
                                         (uint16_t)pattern.element_count, reader->code,
                                         reader->reverse_code,
                                         (uint8_t)(pattern.flags | PATTERN_STRUCTURAL), id, text))
            return out_of_memory(reader);
    }
    return true;
}

dyad_status verb_native_read(verb_dictionary *dictionary, const char *path, bool strict,
                             dyad_error *error) {
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    if (status != DYAD_OK) return status;
    verb_dictionary_begin_layer(dictionary);
    native_reader reader = {.dictionary = dictionary, .path = path, .strict = strict,
                            .error = error, .status = DYAD_OK};
    char *line;
    while ((line = text_file_next(&file))) {
        reader.line = file.line;
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        line = text_trim(line);
        if (!*line) continue;
        char text[1024];
        snprintf(text, sizeof text, "%s", line);
        bool ok;
        if (line[0] == '&' && strchr(line, '='))
            ok = read_set(&reader, line);
        else if (line[0] == '[')
            ok = read_section(&reader, line);
        else if (line[0] == '~') {
            char id[600];
            const char *slash = strrchr(path, '/');
            snprintf(id, sizeof id, "%s:%ld", slash ? slash + 1 : path, file.line);
            ok = verb_read_transformation(dictionary, line, id) ||
                 complain(&reader, "a transformation is written '~ a (a b VERB) VERB = a b CODE'",
                          NULL);
        } else
            ok = read_pattern(&reader, line, text);
        if (!ok) break;
    }
    text_file_close(&file);
    return reader.status;
}
