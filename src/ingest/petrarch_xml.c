/*
 * petrarch_xml.c — see petrarch_xml.h.
 */
#include "petrarch_xml.h"
#include "../util/arena.h"
#include "../util/error.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

/* A copy with runs of white space collapsed to one blank, trimmed. */
static char *collapse(dyad_arena *arena, const char *text) {
    size_t length = strlen(text);
    char *out = arena_alloc(arena, length + 1);
    if (!out) return NULL;
    size_t used = 0;
    bool blank = true;
    for (size_t i = 0; i < length; i++) {
        if (isspace((unsigned char)text[i])) {
            if (!blank) out[used++] = ' ';
            blank = true;
        } else {
            out[used++] = text[i];
            blank = false;
        }
    }
    while (used && out[used - 1] == ' ') used--;
    out[used] = '\0';
    return out;
}

static const char *node_text(dyad_arena *arena, xmlNode *node, bool collapsed) {
    xmlChar *content = xmlNodeGetContent(node);
    if (!content) return NULL;
    const char *copy = collapsed ? collapse(arena, (const char *)content)
                                 : arena_strdup(arena, (const char *)content);
    xmlFree(content);
    return copy;
}

static const char *attribute(dyad_arena *arena, xmlNode *node, const char *name) {
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    if (!value) return NULL;
    const char *copy = collapse(arena, (const char *)value);
    xmlFree(value);
    return copy;
}

static bool is_element(xmlNode *node, const char *name) {
    return node->type == XML_ELEMENT_NODE && xmlStrcmp(node->name, (const xmlChar *)name) == 0;
}

static const char **split_words(dyad_arena *arena, const char *text, bool *valid_only) {
    if (!text) return NULL;
    size_t count = 0;
    const char *words[128];
    char *copy = arena_strdup(arena, text);
    if (!copy) return NULL;
    char *save = NULL;
    for (char *word = strtok_r(copy, " \t\n", &save); word && count < 127;
         word = strtok_r(NULL, " \t\n", &save)) {
        if (valid_only && strcmp(word, "valid") == 0) {
            *valid_only = true;
            continue;
        }
        words[count++] = word;
    }
    const char **list = arena_alloc(arena, (count + 1) * sizeof *list);
    if (!list) return NULL;
    memcpy(list, words, count * sizeof *words);
    list[count] = NULL;
    return list;
}

static dyad_status read_record(xmlNode *sentence, dyad_arena *arena, petrarch_record *record,
                               const char *path, dyad_error *error) {
    memset(record, 0, sizeof *record);
    record->line = (long)xmlGetLineNo(sentence);
    record->id = attribute(arena, sentence, "id");
    record->date = attribute(arena, sentence, "date");
    record->category = attribute(arena, sentence, "category");
    const char *valid = attribute(arena, sentence, "sentence");
    if (!valid) valid = attribute(arena, sentence, "valid");
    record->valid = valid && strcasecmp(valid, "true") == 0;
    size_t codings = 0;
    for (xmlNode *child = sentence->children; child; child = child->next)
        if (is_element(child, "EventCoding")) codings++;
    record->codings = arena_calloc(arena, codings ? codings : 1, sizeof *record->codings);
    if (!record->codings) return error_set(error, DYAD_ERR_MEMORY, path, record->line, -1, "out of memory");
    for (xmlNode *child = sentence->children; child; child = child->next) {
        if (is_element(child, "Text")) {
            record->text = node_text(arena, child, true);
        } else if (is_element(child, "Parse")) {
            record->parse = node_text(arena, child, false);
        } else if (is_element(child, "Skip")) {
            record->skip = true;
        } else if (is_element(child, "Stop")) {
            record->stop = true;
        } else if (is_element(child, "EventCoding")) {
            const char *none = attribute(arena, child, "noevents");
            const char *problem = attribute(arena, child, "error");
            if (none && strcasecmp(none, "true") == 0) {
                record->no_events = true;
            } else if (problem) {
                record->error = problem;
            } else {
                petrarch_coding *coding = &record->codings[record->coding_count++];
                coding->source = attribute(arena, child, "sourcecode");
                coding->target = attribute(arena, child, "targetcode");
                coding->code = attribute(arena, child, "eventcode");
                if (!coding->source || !coding->target || !coding->code)
                    return error_set(error, DYAD_ERR_FORMAT, path, (long)xmlGetLineNo(child), -1,
                                     "<EventCoding> of record %s lacks sourcecode, targetcode or "
                                     "eventcode", record->id ? record->id : "?");
            }
        }
    }
    if (!record->id)
        return error_set(error, DYAD_ERR_FORMAT, path, record->line, -1, "<Sentence> without id");
    if (!record->text)
        return error_set(error, DYAD_ERR_FORMAT, path, record->line, -1,
                         "record %s has no <Text>", record->id);
    return DYAD_OK;
}

dyad_status petrarch_xml_read(const char *path, dyad_arena *arena, petrarch_validation *out,
                              dyad_error *error) {
    memset(out, 0, sizeof *out);
    xmlDoc *document = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                   XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    if (!document) {
        const xmlError *problem = xmlGetLastError();
        return error_set(error, DYAD_ERR_FORMAT, path, problem ? problem->line : 0, -1,
                         "not a readable XML file: %s",
                         problem && problem->message ? problem->message : "parse error");
    }
    dyad_status status = DYAD_OK;
    xmlNode *root = xmlDocGetRootElement(document);
    size_t count = 0;
    for (xmlNode *section = root ? root->children : NULL; section; section = section->next) {
        if (is_element(section, "Environment")) {
            for (xmlNode *item = section->children; item; item = item->next) {
                if (is_element(item, "Verbfile")) out->verb_file = node_text(arena, item, true);
                else if (is_element(item, "Actorfile")) out->actor_file = node_text(arena, item, true);
                else if (is_element(item, "Agentfile")) out->agent_file = node_text(arena, item, true);
                else if (is_element(item, "Discardfile")) out->discard_file = node_text(arena, item, true);
                else if (is_element(item, "Include"))
                    out->include = split_words(arena, node_text(arena, item, true), &out->valid_only);
                else if (is_element(item, "Exclude"))
                    out->exclude = split_words(arena, node_text(arena, item, true), NULL);
            }
        } else if (is_element(section, "Sentences")) {
            for (xmlNode *item = section->children; item; item = item->next)
                if (is_element(item, "Sentence")) count++;
        }
    }
    out->records = arena_calloc(arena, count ? count : 1, sizeof *out->records);
    if (!out->records) status = error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    for (xmlNode *section = root ? root->children : NULL; status == DYAD_OK && section;
         section = section->next) {
        if (!is_element(section, "Sentences")) continue;
        for (xmlNode *item = section->children; status == DYAD_OK && item; item = item->next)
            if (is_element(item, "Sentence"))
                status = read_record(item, arena, &out->records[out->record_count++], path, error);
    }
    xmlFreeDoc(document);
    return status;
}
