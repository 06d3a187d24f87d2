/*
 * verb_petrarch_read.c — reads the field's verb dictionaries: the KEDS /
 * TABARI flat-pattern files (PETR.Validate.verbs.txt) and PETRARCH-2's
 * CAMEO.2.0.txt.
 *
 * Both share one skeleton: synsets ("&NAME" then "+member" lines), verb
 * blocks ("--- LABEL [CODE] ---" then the verbs, one per line, with
 * irregular forms in {...} and an optional own code), patterns ("- words *
 * words [CODE]") and, in PETRARCH-2, transformations ("~ ...").  They
 * differ in the pattern syntax: TABARI joins words with "_" (adjacent) or
 * " " (gaps allowed) and writes alternatives as {A | B}; PETRARCH-2 groups
 * words into noun phrases {A B} and prepositional phrases (TO B), which we
 * read as the same words in order, and separates alternatives with "/".
 * Words are matched as written (no stems), verbs in all their forms.
 *
 * Dictionaries of the field contain malformed lines (unbalanced brackets,
 * undefined synsets); each is recorded with file and line and skipped,
 * unless the caller asks for strict reading.
 */
#include "verb_dictionary.h"
#include "../util/text_file.h"
#include "../util/error.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ELEMENTS = 48, MAX_WORDS = 16, MAX_FORMS = 32 };

typedef struct petrarch_reader {
    verb_dictionary *dictionary;
    const char *path, *name;
    bool strict;
    dyad_error *error;
    long line;
    dyad_status status;
    verb_format dialect;
    uint32_t block;           /* current verb block, NO_INDEX before the first */
    uint32_t set;             /* synset being filled, NO_INDEX if none */
    bool set_plurals;
    bool in_comment;          /* inside <!-- ... --> */
} petrarch_reader;

static bool complain(petrarch_reader *reader, const char *format, const char *detail) {
    char message[400];
    snprintf(message, sizeof message, format, detail ? detail : "");
    if (reader->strict) {
        reader->status = error_set(reader->error, DYAD_ERR_MODEL, reader->path, reader->line, -1,
                                   "%s", message);
        return false;
    }
    if (!verb_dictionary_problem(reader->dictionary, reader->path, reader->line, "%s", message)) {
        reader->status = error_set(reader->error, DYAD_ERR_MEMORY, reader->path, reader->line,
                                   -1, "out of memory");
        return false;
    }
    return true;
}

/* A problem that makes the caller drop the line: always false. */
static bool reject(petrarch_reader *reader, const char *format, const char *detail) {
    complain(reader, format, detail);
    return false;
}

static bool out_of_memory(petrarch_reader *reader) {
    reader->status = error_set(reader->error, DYAD_ERR_MEMORY, reader->path, reader->line, -1,
                               "out of memory");
    return false;
}

static void make_id(petrarch_reader *reader, char *id, size_t size) {
    snprintf(id, size, "%s:%ld", reader->name, reader->line);
}

/* Removes a "#" comment, leaving '#' inside [...] codes alone ("[###]"). */
static void strip_comment(char *line) {
    int depth = 0;
    for (char *c = line; *c; c++) {
        if (*c == '[') depth++;
        else if (*c == ']' && depth) depth--;
        else if (*c == '#' && depth == 0) {
            *c = '\0';
            return;
        }
    }
}

/* Parses "CODE" or "CODE:REVERSE" from inside brackets. */
static bool split_code(const char *text, char *code, char *reverse) {
    char copy[32];
    size_t length = strlen(text);
    if (length >= sizeof copy) return false;
    memcpy(copy, text, length + 1);
    char *trimmed = text_trim(copy);
    char *colon = strchr(trimmed, ':');
    if (colon) *colon = '\0';
    if (strlen(trimmed) >= 8 || (colon && strlen(colon + 1) >= 8)) return false;
    for (const char *c = trimmed; *c; c++)
        if (isspace((unsigned char)*c)) return false;
    strcpy(code, trimmed);
    strcpy(reverse, colon ? text_trim(colon + 1) : "");
    return *code || *reverse;
}

/* The last [...] in line: copies its content to code and cuts the line
 * there.  Returns false when there is none or it is unbalanced. */
static bool take_code(char *line, char *content, size_t size) {
    char *open = strrchr(line, '[');
    if (!open) return false;
    char *close = strchr(open, ']');
    if (!close || !text_is_blank(close + 1)) return false;
    size_t length = (size_t)(close - open - 1);
    if (length >= size) return false;
    memcpy(content, open + 1, length);
    content[length] = '\0';
    *open = '\0';
    return true;
}

static void strip_trailing_underscores(char *word) {
    size_t length = strlen(word);
    while (length > 1 && word[length - 1] == '_') word[--length] = '\0';
}

/* ------------------------------------------------------------ synsets */

static bool read_synset_header(petrarch_reader *reader, char *line) {
    char name[128];
    if (sscanf(line, "%127s", name) != 1 || strlen(name) < 2)
        return complain(reader, "synset without a name%s", NULL);
    size_t length = strlen(name);
    reader->set_plurals = name[length - 1] != '_';
    strip_trailing_underscores(name);
    reader->set = verb_dictionary_new_set(reader->dictionary, name);
    return reader->set != NO_INDEX || out_of_memory(reader);
}

static bool read_synset_member(petrarch_reader *reader, char *line) {
    char *member = text_trim(line + 1);
    if (!*member) return complain(reader, "empty synset member%s", NULL);
    if (member[0] == '&') {
        /* an embedded synset: copy its members */
        strip_trailing_underscores(member);
        uint32_t inner = verb_dictionary_find_set(reader->dictionary, member);
        if (inner == NO_INDEX) return complain(reader, "synset %s is used before it is defined", member);
        const word_set *set = verb_dictionary_set(reader->dictionary, inner);
        const word_id *words = verb_dictionary_phrase_words(reader->dictionary);
        for (uint32_t m = 0; m < set->member_count; m++) {
            const set_member *item = verb_dictionary_member(reader->dictionary, set->first_member + m);
            word_id copy[MAX_WORDS];
            uint32_t count = item->word_count < MAX_WORDS ? item->word_count : MAX_WORDS;
            memcpy(copy, words + item->first_word, count * sizeof *copy);
            if (!verb_dictionary_add_member(reader->dictionary, reader->set, copy, count))
                return out_of_memory(reader);
            words = verb_dictionary_phrase_words(reader->dictionary);   /* may have moved */
        }
        return true;
    }
    size_t length = strlen(member);
    bool plural = reader->set_plurals && member[length - 1] != '_';
    word_id words[MAX_WORDS];
    size_t count = 0;
    char *save = NULL;
    for (char *word = strtok_r(member, " _\t", &save); word; word = strtok_r(NULL, " _\t", &save)) {
        if (count == MAX_WORDS) return complain(reader, "synset phrase too long%s", NULL);
        words[count] = verb_dictionary_word(reader->dictionary, word);
        if (words[count] == NO_INDEX) return out_of_memory(reader);
        count++;
    }
    if (!count) return complain(reader, "empty synset member%s", NULL);
    if (plural && !verb_dictionary_inflect(reader->dictionary, words[count - 1], INFLECT_NOUN))
        return out_of_memory(reader);
    return verb_dictionary_add_member(reader->dictionary, reader->set, words, count) ||
           out_of_memory(reader);
}

/* ------------------------------------------------------------- blocks */

static bool read_block_header(petrarch_reader *reader, char *line) {
    char *text = line;
    while (*text == '-') text++;
    char name[128] = "";
    char *bracket = strchr(text, '[');
    size_t length = bracket ? (size_t)(bracket - text) : strlen(text);
    if (length >= sizeof name) length = sizeof name - 1;
    memcpy(name, text, length);
    name[length] = '\0';
    char *dashes = strstr(name, "---");
    if (dashes) *dashes = '\0';
    char *label = text_trim(name);
    strip_trailing_underscores(label);
    char code[8] = "---", reverse[8] = "";
    if (bracket) {
        char *close = strchr(bracket, ']');
        char content[32];
        size_t inner = close ? (size_t)(close - bracket - 1) : sizeof content;
        if (!close || inner >= sizeof content)
            return complain(reader, "block header with an unbalanced [code]%s", NULL);
        memcpy(content, bracket + 1, inner);
        content[inner] = '\0';
        if (!split_code(content, code, reverse))
            return complain(reader, "bad code in block header: [%s]", content);
    }
    if (!*label) return complain(reader, "block header without a name%s", NULL);
    char id[600];
    make_id(reader, id, sizeof id);
    reader->block = verb_dictionary_new_block(reader->dictionary, label, code, reverse, id);
    return reader->block != NO_INDEX || out_of_memory(reader);
}

/* "WORD", "WORD {FORMS}", "+WORD_PARTICLE {...}", "PRE_+WORD", "LASH OUT",
 * each optionally followed by "[CODE]". */
static bool read_verb(petrarch_reader *reader, char *line) {
    if (reader->block == NO_INDEX) return complain(reader, "verb outside a --- block ---: %s", line);
    char code[8] = "", reverse[8] = "";
    if (strchr(line, '[')) {
        char content[32];
        if (!take_code(line, content, sizeof content) || !split_code(content, code, reverse))
            return complain(reader, "bad [code] on verb line%s", NULL);
    }
    char *forms_text = NULL;
    char *brace = strchr(line, '{');
    if (brace) {
        char *close = strchr(brace, '}');
        if (!close) return complain(reader, "verb forms without closing '}'%s", NULL);
        *close = '\0';
        *brace = '\0';
        forms_text = brace + 1;
    }
    char *phrase = text_trim(line);
    if (!*phrase) return complain(reader, "verb line without a verb%s", NULL);
    /* the words of the phrase; '+' marks the verb among them */
    char *parts[MAX_WORDS];
    size_t count = 0, verb = 0;
    bool marked = false;
    char *save = NULL;
    for (char *word = strtok_r(phrase, " _\t", &save); word; word = strtok_r(NULL, " _\t", &save)) {
        if (count == MAX_WORDS) return complain(reader, "verb phrase too long%s", NULL);
        if (word[0] == '+') {
            word++;
            verb = count;
            marked = true;
        }
        if (!*word) continue;
        parts[count++] = word;
    }
    if (!count) return complain(reader, "verb line without a verb%s", NULL);
    if (!marked) verb = 0;
    word_id words[MAX_WORDS];
    for (size_t i = 0; i < count; i++) {
        words[i] = verb_dictionary_word(reader->dictionary, parts[i]);
        if (words[i] == NO_INDEX) return out_of_memory(reader);
    }
    word_id lemma = words[verb];
    if (forms_text) {
        /* explicit forms replace the generated ones; in a multi-word verb
         * each form is the whole phrase and '+' marks the verb in it */
        char *form_save = NULL;
        for (char *form = strtok_r(forms_text, " \t,", &form_save); form;
             form = strtok_r(NULL, " \t,", &form_save)) {
            char *verb_form = form;
            if (count > 1) {
                char *plus = strchr(form, '+');
                if (!plus) return complain(reader, "form %s of a multi-word verb lacks '+'", form);
                verb_form = plus + 1;
                char *end = strchr(verb_form, '_');
                if (end) *end = '\0';
            }
            if (*verb_form && !verb_dictionary_add_form(reader->dictionary, verb_form, lemma))
                return out_of_memory(reader);
        }
    } else if (!verb_dictionary_inflect(reader->dictionary, lemma, INFLECT_VERB)) {
        return out_of_memory(reader);
    }
    word_id extra[MAX_WORDS];
    size_t extra_count = 0;
    for (size_t i = 0; i < count; i++)
        if (i != verb) extra[extra_count++] = words[i];
    if (!verb_dictionary_add_anchor(reader->dictionary, lemma, reader->block, code, reverse,
                                    extra, (uint8_t)verb, (uint8_t)(count - 1 - verb), false,
                                    parts[verb]))
        return out_of_memory(reader);
    return true;
}

/* ----------------------------------------------------------- patterns */

typedef struct pattern_builder {
    pattern_element elements[MAX_ELEMENTS];
    size_t count;
} pattern_builder;

static bool push_element(pattern_builder *builder, element_kind kind, uint32_t value,
                         bool adjacent) {
    if (builder->count == MAX_ELEMENTS) return false;
    builder->elements[builder->count++] =
        (pattern_element){.kind = (uint8_t)kind, .adjacent = adjacent, .value = value};
    return true;
}

/* Turns one side of a pattern into elements.  adjacency[i] is set when
 * the connector between element i and its neighbour toward the verb is
 * '_' (for the lower side the connector before the element, for the upper
 * side the one after it). */
static bool read_side(petrarch_reader *reader, char *text, bool upper, pattern_builder *builder,
                      unsigned *words) {
    size_t start = builder->count;
    /* connectors[k] = the connector that precedes element k of this side
     * (the one right after '*' for the first lower element) */
    bool connectors[MAX_ELEMENTS + 1];
    size_t n = strlen(text);
    size_t i = 0;
    bool pending_adjacent = false;
    if (!upper && n && text[0] == '_') pending_adjacent = true;
    while (i < n) {
        char c = text[i];
        if (c == ' ' || c == '\t' || c == '(' || c == ')') {
            i++;
            continue;
        }
        if (c == '_') {
            /* "_ " is TABARI's "end of word" mark, not a connector */
            if (i + 1 < n && text[i + 1] != ' ' && text[i + 1] != '\t') pending_adjacent = true;
            i++;
            continue;
        }
        if (c == '{' || c == '}') {
            char *close = strchr(text + i, '}');
            if (c == '}' || !close || !memchr(text + i, '|', (size_t)(close - (text + i)))) {
                /* a PETRARCH-2 noun phrase: its words count in order */
                i++;
                continue;
            }
            size_t length = (size_t)(close - (text + i) - 1);
            char group[512];
            if (length >= sizeof group) return reject(reader, "pattern group too long%s", NULL);
            memcpy(group, text + i + 1, length);
            group[length] = '\0';
            i = (size_t)(close - text) + 1;
            {
                /* TABARI alternatives: {A B | C} */
                uint32_t set = verb_dictionary_new_set(reader->dictionary, NULL);
                if (set == NO_INDEX) return out_of_memory(reader);
                char *save = NULL;
                for (char *choice = strtok_r(group, "|", &save); choice;
                     choice = strtok_r(NULL, "|", &save)) {
                    word_id phrase[MAX_WORDS];
                    size_t count = 0;
                    char *inner = NULL;
                    for (char *word = strtok_r(choice, " _\t", &inner); word;
                         word = strtok_r(NULL, " _\t", &inner)) {
                        if (count == MAX_WORDS || word[0] == '&' || strchr("$+%^*", word[0]))
                            return reject(reader, "alternatives may hold only words: %s", word);
                        phrase[count] = verb_dictionary_word(reader->dictionary, word);
                        if (phrase[count] == NO_INDEX) return out_of_memory(reader);
                        count++;
                    }
                    if (count && !verb_dictionary_add_member(reader->dictionary, set, phrase, count))
                        return out_of_memory(reader);
                }
                connectors[builder->count - start] = pending_adjacent;
                if (!push_element(builder, ELEMENT_SET, set, false))
                    return reject(reader, "pattern too long%s", NULL);
                pending_adjacent = false;
                (*words)++;
                continue;
            }
        }
        /* a token up to the next separator */
        size_t end = i;
        while (end < n && !strchr(" \t_(){}", text[end])) end++;
        char token[128];
        size_t length = end - i;
        if (length >= sizeof token) return reject(reader, "word too long in pattern%s", NULL);
        memcpy(token, text + i, length);
        token[length] = '\0';
        i = end;
        /* a name may end in '_' (TABARI's "no plural" mark) */
        bool is_set = token[0] == '&';
        if (is_set)
            while (i < n && text[i] == '_' && (i + 1 >= n || text[i + 1] == ' ' || text[i + 1] == '_'))
                i++;
        element_kind kind = ELEMENT_WORD;
        uint32_t value = 0;
        if (strcmp(token, "$") == 0) kind = ELEMENT_SOURCE;
        else if (strcmp(token, "+") == 0) kind = ELEMENT_TARGET;
        else if (strcmp(token, "%") == 0) kind = ELEMENT_COMPOUND;
        else if (strcmp(token, "^") == 0) kind = ELEMENT_SKIP;
        else if (is_set) {
            kind = ELEMENT_SET;
            value = verb_dictionary_find_set(reader->dictionary, token);
            if (value == NO_INDEX)
                return reject(reader, "synset %s is not defined", token);
            (*words)++;
        } else if (strchr(token, '/')) {
            kind = ELEMENT_SET;
            value = verb_dictionary_new_set(reader->dictionary, NULL);
            if (value == NO_INDEX) return out_of_memory(reader);
            char *save = NULL;
            for (char *choice = strtok_r(token, "/", &save); choice;
                 choice = strtok_r(NULL, "/", &save)) {
                word_id word = verb_dictionary_word(reader->dictionary, choice);
                if (word == NO_INDEX || !verb_dictionary_add_member(reader->dictionary, value, &word, 1))
                    return out_of_memory(reader);
            }
            (*words)++;
        } else if (strchr("$+%^*&|", token[0]) || !isgraph((unsigned char)token[0])) {
            return reject(reader, "unexpected '%s' in pattern", token);
        } else {
            value = verb_dictionary_word(reader->dictionary, token);
            if (value == NO_INDEX) return out_of_memory(reader);
            (*words)++;
        }
        connectors[builder->count - start] = pending_adjacent;
        if (!push_element(builder, kind, value, false))
            return reject(reader, "pattern too long%s", NULL);
        pending_adjacent = false;
    }
    size_t side = builder->count - start;
    if (upper) {
        /* the connector after element k is the one before element k+1; the
         * last one's is what stood before '*' */
        bool before_star = n && text[n - 1] == '_';
        for (size_t k = 0; k < side; k++)
            builder->elements[start + k].adjacent = k + 1 < side ? connectors[k + 1] : before_star;
    } else {
        for (size_t k = 0; k < side; k++) builder->elements[start + k].adjacent = connectors[k];
    }
    return true;
}

static bool read_pattern(petrarch_reader *reader, char *line) {
    if (reader->block == NO_INDEX) return complain(reader, "pattern outside a --- block ---%s", NULL);
    char text[1024];
    snprintf(text, sizeof text, "%s", text_trim(line));
    char content[32], code[8], reverse[8];
    char *body = line + 1;
    if (!take_code(body, content, sizeof content))
        return complain(reader, "pattern without a [code] at its end (or with brackets "
                                "unbalanced)%s", NULL);
    if (!split_code(content, code, reverse)) return complain(reader, "bad code [%s]", content);
    body = text_trim(body);
    int depth_round = 0, depth_curly = 0;
    for (const char *c = body; *c; c++) {
        depth_round += (*c == '(') - (*c == ')');
        depth_curly += (*c == '{') - (*c == '}');
        if (depth_round < 0 || depth_curly < 0) break;
    }
    if (depth_round || depth_curly)
        return complain(reader, "unbalanced brackets in pattern%s", NULL);
    char *star = strchr(body, '*');
    if (!star) return complain(reader, "pattern without '*' (the verb)%s", NULL);
    if (strchr(star + 1, '*')) return complain(reader, "pattern with two '*'%s", NULL);
    /* "WORD_*": adjacent to the verb; "WORD_ *" is TABARI's plain word */
    bool upper_adjacent = star > body && star[-1] == '_';
    *star = '\0';
    char upper[1024], lower[1024];
    snprintf(upper, sizeof upper, "%s", body);
    snprintf(lower, sizeof lower, "%s", star + 1);
    /* keep '_' right before/after '*', trim blanks */
    size_t upper_length = strlen(upper);
    while (upper_length && (upper[upper_length - 1] == ' ' || upper[upper_length - 1] == '\t'))
        upper[--upper_length] = '\0';
    char *lower_start = lower;
    while (*lower_start == ' ' || *lower_start == '\t') lower_start++;
    /* "* X": a blank after '*' means the first lower word may follow a gap */
    if (lower_start != lower && *lower_start == '_') lower_start++;
    pattern_builder builder = {.count = 0};
    unsigned words = 0;
    char *upper_text = text_trim(upper);
    size_t upper_text_length = strlen(upper_text);
    if (!upper_adjacent && upper_text_length && upper_text[upper_text_length - 1] == '_')
        upper_text[upper_text_length - 1] = '\0';
    if (!read_side(reader, upper_text, true, &builder, &words)) return reader->status == DYAD_OK;
    size_t before = builder.count;
    if (!read_side(reader, lower_start, false, &builder, &words)) return reader->status == DYAD_OK;
    char id[600];
    make_id(reader, id, sizeof id);
    if (!verb_dictionary_add_pattern(reader->dictionary, reader->block, builder.elements,
                                     (uint16_t)before, (uint16_t)(builder.count - before), code,
                                     reverse, 0, id, text))
        return out_of_memory(reader);
    return true;
}

/* ---------------------------------------------------- transformations */

bool verb_read_transformation(verb_dictionary *dictionary, const char *line, const char *id) {
    char copy[512];
    snprintf(copy, sizeof copy, "%s", line);
    for (char *c = copy; *c; c++)
        if (*c == '(' || *c == ')' || *c == '~') *c = ' ';
    char *tokens[16];
    size_t count = 0;
    char *save = NULL;
    for (char *token = strtok_r(copy, " \t", &save); token && count < 16;
         token = strtok_r(NULL, " \t", &save))
        tokens[count++] = token;
    /* a  a b INNER  OUTER  =  a b CODE */
    if (count != 9 || strcmp(tokens[5], "=") != 0) return false;
    for (int k = 0; k < 3; k++)
        if (strlen(tokens[k]) != 1 || !strchr("ab_.", tokens[k][0])) return false;
    if (strlen(tokens[6]) != 1 || strlen(tokens[7]) != 1 || !strchr("ab", tokens[6][0]) ||
        !strchr("ab", tokens[7][0]) || strlen(tokens[8]) >= 8)
        return false;
    transformation rule;
    memset(&rule, 0, sizeof rule);
    rule.outer_source = tokens[0][0];
    rule.inner_source = tokens[1][0];
    rule.inner_target = tokens[2][0];
    rule.inner_verb = tokens[3];
    rule.outer_verb = tokens[4];
    rule.result_source = tokens[6][0];
    rule.result_target = tokens[7][0];
    snprintf(rule.result_code, sizeof rule.result_code, "%s", tokens[8]);
    rule.id = id;
    return verb_dictionary_add_transformation(dictionary, &rule);
}

/* ---------------------------------------------------------------- file */

static bool read_line(petrarch_reader *reader, char *line) {
    /* XML-style comments, possibly over several lines */
    if (reader->in_comment) {
        char *end = strstr(line, "-->");
        if (!end) return true;
        reader->in_comment = false;
        line = end + 3;
    }
    char *open;
    while ((open = strstr(line, "<!--"))) {
        char *end = strstr(open + 4, "-->");
        if (!end) {
            *open = '\0';
            reader->in_comment = true;
            break;
        }
        memmove(open, end + 3, strlen(end + 3) + 1);
    }
    bool blank = text_is_blank(line);
    strip_comment(line);
    char *text = text_trim(line);
    if (!*text) {
        /* a blank line ends a synset; a comment line inside one does not */
        if (blank) reader->set = NO_INDEX;
        return true;
    }
    if (text[0] != '+') reader->set = NO_INDEX;
    if (strncmp(text, "---", 3) == 0) return read_block_header(reader, text);
    switch (text[0]) {
    case '&':
        return read_synset_header(reader, text);
    case '+':
        if (reader->set != NO_INDEX) return read_synset_member(reader, text);
        return read_verb(reader, text);
    case '-':
        return read_pattern(reader, text);
    case '~': {
        char id[600];
        make_id(reader, id, sizeof id);
        return verb_read_transformation(reader->dictionary, text, id) ||
               complain(reader, "a transformation is written '~ a (a b VERB) VERB = a b CODE'%s",
                        NULL);
    }
    case '<':
        return complain(reader, "unexpected markup: %s", text);
    default:
        return read_verb(reader, text);
    }
}

dyad_status verb_petrarch_read(verb_dictionary *dictionary, const char *path, bool strict,
                               dyad_error *error) {
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    if (status != DYAD_OK) return status;
    petrarch_reader reader = {.dictionary = dictionary, .path = path, .strict = strict,
                              .error = error, .status = DYAD_OK, .block = NO_INDEX,
                              .set = NO_INDEX};
    const char *slash = strrchr(path, '/');
    reader.name = slash ? slash + 1 : path;
    reader.dialect = verb_format_detect(file.data, file.length);
    verb_dictionary_begin_layer(dictionary);
    char *line;
    while ((line = text_file_next(&file))) {
        reader.line = file.line;
        if (!read_line(&reader, line)) break;
    }
    if (reader.status == DYAD_OK && reader.in_comment)
        complain(&reader, "comment opened with <!-- is never closed%s", NULL);
    text_file_close(&file);
    return reader.status;
}
