/*
 * coder.c — see coder.h.  The order of work for one sentence:
 *
 *   1. verbs: each token that a dictionary anchors is tried against its
 *      patterns, most specific first; the first match (or the verb's own
 *      code) makes a candidate event, and the words it matched are spent;
 *   2. nouns: event nouns not spent by a verb pattern ("the meeting
 *      between X and Y", "Russia's attack on Kyiv");
 *   3. roles: slots the pattern did not fill come from the parse;
 *   4. context: modal verbs above the trigger (intent, threat, refusal,
 *      failure, attempt), negation, conditionals, transformations of
 *      reported events;
 *   5. events: one per source and target pair, deduplicated.
 */
#include "coder.h"
#include "coder_match.h"
#include "coder_sentence.h"
#include "../util/text_file.h"
#include "../util/arena.h"
#include "../util/dictionary_kind.h"
#include "../util/error.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------ resources */

typedef struct modality_rule {
    uint8_t modal;            /* modal_class */
    char prefix[8];
    char result[8];           /* "" = the event is dropped, "=" = it keeps its code */
} modality_rule;

typedef struct discard_phrase {
    const char **words;
    uint32_t count;
    bool story;
} discard_phrase;

/* A word list of data/coder/grammar.txt, as dictionary word ids. */
typedef struct word_list {
    word_id *words;
    size_t count;
} word_list;

struct coder_resources {
    codebook *codebook;
    verb_dictionary *verbs;
    word_list object_control;
    word_list light_verbs;
    word_list speech_verbs;
    word_list rejecting_adjectives;
    char *rejecting_pattern;  /* "grammar.txt:LINE" of the list, for provenance */
    char (*unarmed_sectors)[8];   /* actor sectors that cannot use military force */
    size_t unarmed_sector_count;
    modality_rule *modality;
    size_t modality_count;
    discard_phrase *discards;
    size_t discard_count;
    dyad_arena *strings;
};

static char *join_path(const char *directory, const char *name) {
    size_t length = strlen(directory) + strlen(name) + 2;
    char *path = malloc(length);
    if (path) snprintf(path, length, "%s/%s", directory, name);
    return path;
}

static dyad_status read_modality(coder_resources *resources, const char *path,
                                 dyad_error *error) {
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    if (status != DYAD_OK) return status;
    size_t capacity = 0;
    char *line;
    while (status == DYAD_OK && (line = text_file_next(&file))) {
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        if (text_is_blank(line)) continue;
        char name[16], prefix[8], result[8];
        if (sscanf(line, "%15s %7s %7s", name, prefix, result) != 3) {
            status = error_set(error, DYAD_ERR_MODEL, path, file.line, -1,
                               "expected 'CLASS CODE RESULT'");
            break;
        }
        modality_rule rule = {.modal = (uint8_t)modal_class_from_name(name)};
        bool drop = strcmp(result, "-") == 0, keep = strcmp(result, "=") == 0;
        if (rule.modal == MODAL_NONE || !cameo_code_is_wellformed(prefix) ||
            (!drop && !keep && !codebook_lookup(resources->codebook, result))) {
            status = error_set(error, DYAD_ERR_MODEL, path, file.line, -1,
                               "bad rule: the class must be a modal class (intent, threat, "
                               "refusal, attempt, appeal, demand), the code a CAMEO code prefix, "
                               "the result a codebook "
                               "code, '-' (drop) or '=' (keep)");
            break;
        }
        snprintf(rule.prefix, sizeof rule.prefix, "%s", prefix);
        snprintf(rule.result, sizeof rule.result, "%s", drop ? "" : result);
        if (resources->modality_count == capacity) {
            capacity = capacity ? capacity * 2 : 64;
            modality_rule *bigger = realloc(resources->modality, capacity * sizeof *bigger);
            if (!bigger) {
                status = error_set(error, DYAD_ERR_MEMORY, path, file.line, -1, "out of memory");
                break;
            }
            resources->modality = bigger;
        }
        resources->modality[resources->modality_count++] = rule;
    }
    text_file_close(&file);
    return status;
}

/* PETRARCH's discard format (ours uses it too): a phrase per line, words
 * joined by blanks or '_', '+' in front for a story-level discard. */
static dyad_status read_discards(coder_resources *resources, const char *path,
                                 dyad_error *error) {
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    if (status != DYAD_OK) return status;
    size_t capacity = resources->discard_count;
    char *line;
    bool comment = false;
    while (status == DYAD_OK && (line = text_file_next(&file))) {
        if (comment) {
            char *end = strstr(line, "-->");
            if (!end) continue;
            comment = false;
            line = end + 3;
        }
        char *open = strstr(line, "<!--");
        if (open) {
            char *end = strstr(open, "-->");
            if (end) memmove(open, end + 3, strlen(end + 3) + 1);
            else {
                *open = '\0';
                comment = true;
            }
        }
        char *hash = strpbrk(line, "#;");
        if (hash) *hash = '\0';
        char *text = text_trim(line);
        if (!*text) continue;
        bool story = text[0] == '+';
        if (story) text++;
        const char *words[16];
        uint32_t count = 0;
        char *save = NULL;
        for (char *word = strtok_r(text, " _\t", &save); word; word = strtok_r(NULL, " _\t", &save)) {
            if (count == 16) break;
            for (char *c = word; *c; c++) *c = (char)tolower((unsigned char)*c);
            words[count] = arena_strdup(resources->strings, word);
            if (!words[count]) {
                status = error_set(error, DYAD_ERR_MEMORY, path, file.line, -1, "out of memory");
                break;
            }
            count++;
        }
        if (status != DYAD_OK) break;
        if (!count || count == 16) {
            status = error_set(error, DYAD_ERR_MODEL, path, file.line, -1,
                               count ? "discard phrase longer than 15 words" : "empty discard phrase");
            break;
        }
        if (resources->discard_count == capacity) {
            capacity = capacity ? capacity * 2 : 64;
            discard_phrase *bigger = realloc(resources->discards, capacity * sizeof *bigger);
            if (!bigger) {
                status = error_set(error, DYAD_ERR_MEMORY, path, file.line, -1, "out of memory");
                break;
            }
            resources->discards = bigger;
        }
        discard_phrase *phrase = &resources->discards[resources->discard_count++];
        phrase->words = arena_alloc(resources->strings, count * sizeof *phrase->words);
        if (!phrase->words) {
            status = error_set(error, DYAD_ERR_MEMORY, path, file.line, -1, "out of memory");
            break;
        }
        memcpy(phrase->words, words, count * sizeof *words);
        phrase->count = count;
        phrase->story = story;
    }
    text_file_close(&file);
    return status;
}

static bool list_add(word_list *list, word_id word) {
    word_id *bigger = realloc(list->words, (list->count + 1) * sizeof *bigger);
    if (!bigger) return false;
    bigger[list->count++] = word;
    list->words = bigger;
    return true;
}

static dyad_status read_grammar(coder_resources *resources, const char *path, dyad_error *error) {
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    if (status != DYAD_OK) return status;
    word_list *list = NULL;
    bool in_sectors = false;
    char *line;
    while (status == DYAD_OK && (line = text_file_next(&file))) {
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *text = text_trim(line);
        if (!*text) continue;
        if (text[0] == '[') {
            in_sectors = strcmp(text, "[unarmed sectors]") == 0;
            if (in_sectors) list = NULL;
            else if (strcmp(text, "[object control]") == 0) list = &resources->object_control;
            else if (strcmp(text, "[light verbs]") == 0) list = &resources->light_verbs;
            else if (strcmp(text, "[speech verbs]") == 0) list = &resources->speech_verbs;
            else if (strcmp(text, "[rejecting adjectives]") == 0) {
                list = &resources->rejecting_adjectives;
                char where[64];
                snprintf(where, sizeof where, "grammar.txt:%zu", (size_t)file.line);
                free(resources->rejecting_pattern);
                resources->rejecting_pattern = strdup(where);
                if (!resources->rejecting_pattern)
                    status = error_set(error, DYAD_ERR_MEMORY, path, file.line, -1, "out of memory");
            } else status = error_set(error, DYAD_ERR_MODEL, path, file.line, -1,
                                      "unknown section %s ([object control], [light verbs], "
                                      "[speech verbs], [rejecting adjectives], [unarmed sectors])",
                                      text);
            continue;
        }
        if (in_sectors) {
            char *save = NULL;
            for (char *sector = strtok_r(text, " \t", &save); sector && status == DYAD_OK;
                 sector = strtok_r(NULL, " \t", &save)) {
                size_t length = strlen(sector);
                if (length != 3) {
                    status = error_set(error, DYAD_ERR_MODEL, path, file.line, -1,
                                       "sector %s is not a 3-letter CAMEO code", sector);
                    break;
                }
                char (*bigger)[8] = realloc(resources->unarmed_sectors,
                                            (resources->unarmed_sector_count + 1) * sizeof *bigger);
                if (!bigger) {
                    status = error_set(error, DYAD_ERR_MEMORY, path, file.line, -1, "out of memory");
                    break;
                }
                resources->unarmed_sectors = bigger;
                memcpy(bigger[resources->unarmed_sector_count++], sector, length + 1);
            }
            continue;
        }
        if (!list) {
            status = error_set(error, DYAD_ERR_MODEL, path, file.line, -1, "words before a [section]");
            break;
        }
        char *save = NULL;
        for (char *lemma = strtok_r(text, " \t", &save); lemma && status == DYAD_OK;
             lemma = strtok_r(NULL, " \t", &save)) {
            word_id word = verb_dictionary_word(resources->verbs, lemma);
            /* adjectives do not inflect */
            bool inflects = list != &resources->rejecting_adjectives;
            if (word == NO_INDEX ||
                (inflects && !verb_dictionary_inflect(resources->verbs, word, INFLECT_VERB)) ||
                !list_add(list, word))
                status = error_set(error, DYAD_ERR_MEMORY, path, file.line, -1, "out of memory");
        }
    }
    text_file_close(&file);
    return status;
}

static bool token_in_list(const coder_token *token, const word_list *list) {
    for (size_t i = 0; i < list->count; i++)
        if (coder_token_has_word(token, list->words[i])) return true;
    return false;
}

/* Our dictionaries may only use codes of the codebook. */
static dyad_status check_codes(const coder_resources *resources, dyad_error *error) {
    verb_dictionary_stats stats;
    verb_dictionary_get_stats(resources->verbs, &stats);
    for (size_t i = 0; i < stats.patterns; i++) {
        const verb_pattern *pattern = verb_dictionary_pattern(resources->verbs, (uint32_t)i);
        if (!(pattern->flags & PATTERN_STRUCTURAL)) continue;
        const char *codes[2] = {pattern->code, pattern->reverse_code};
        for (int k = 0; k < 2; k++)
            if (codes[k][0] && strcmp(codes[k], "---") != 0 &&
                !codebook_lookup(resources->codebook, codes[k]))
                return error_set(error, DYAD_ERR_MODEL, pattern->id, 0, -1,
                                 "code %s is not in the CAMEO codebook", codes[k]);
    }
    return DYAD_OK;
}

dyad_status coder_resources_load(const char *data_dir, const coder_options *options,
                                 coder_resources **out, dyad_error *error) {
    *out = NULL;
    coder_options defaults = {0};
    if (!options) options = &defaults;
    coder_resources *resources = calloc(1, sizeof *resources);
    if (!resources || !(resources->strings = dyad_arena_new()) ||
        !(resources->verbs = verb_dictionary_new())) {
        coder_resources_free(resources);
        return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    }
    char *cameo = join_path(data_dir, "coder/cameo.tsv");
    char *plover = join_path(data_dir, "coder/plover.tsv");
    char *irregular = join_path(data_dir, "coder/irregular.txt");
    char *verbs = join_path(data_dir, "coder/verbs.txt");
    char *modality = join_path(data_dir, "coder/modality.txt");
    char *discards = join_path(data_dir, "coder/discards.txt");
    char *grammar = join_path(data_dir, "coder/grammar.txt");
    dyad_status status = DYAD_OK;
    if (!cameo || !plover || !irregular || !verbs || !modality || !discards || !grammar)
        status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    if (status == DYAD_OK) status = codebook_load(cameo, plover, &resources->codebook, error);
    if (status == DYAD_OK) status = verb_irregular_read(resources->verbs, irregular, error);
    if (status == DYAD_OK) status = read_grammar(resources, grammar, error);
    /* the user's files of the coder's kinds, and whether they replace ours */
    size_t named = 0;
    for (size_t i = 0; status == DYAD_OK && options->dictionaries && options->dictionaries[i]; i++) {
        dictionary_kind kind;
        status = dictionary_kind_of_file(options->dictionaries[i], &kind, error);
        if (status == DYAD_OK && dictionary_kind_for_coder(kind)) named++;
    }
    bool load_defaults = !(options->dictionaries_only && named);
    if (status == DYAD_OK && load_defaults)
        status = verb_native_read(resources->verbs, verbs, true, error);
    for (size_t i = 0; status == DYAD_OK && named && options->dictionaries[i]; i++) {
        dictionary_kind kind;
        status = dictionary_kind_of_file(options->dictionaries[i], &kind, error);
        if (status == DYAD_OK && (kind == DICTIONARY_DYAD_VERBS || kind == DICTIONARY_PETRARCH_VERBS))
            status = verb_dictionary_read(resources->verbs, options->dictionaries[i], false, error);
    }
    if (status == DYAD_OK) status = verb_dictionary_finish(resources->verbs, error);
    if (status == DYAD_OK) status = check_codes(resources, error);
    if (status == DYAD_OK) status = read_modality(resources, modality, error);
    if (status == DYAD_OK && load_defaults) status = read_discards(resources, discards, error);
    for (size_t i = 0; status == DYAD_OK && named && options->dictionaries[i]; i++) {
        dictionary_kind kind;
        status = dictionary_kind_of_file(options->dictionaries[i], &kind, error);
        if (status == DYAD_OK && kind == DICTIONARY_PETRARCH_DISCARDS)
            status = read_discards(resources, options->dictionaries[i], error);
    }
    free(cameo);
    free(plover);
    free(irregular);
    free(verbs);
    free(modality);
    free(discards);
    free(grammar);
    if (status != DYAD_OK) {
        coder_resources_free(resources);
        return status;
    }
    *out = resources;
    return DYAD_OK;
}

void coder_resources_free(coder_resources *resources) {
    if (!resources) return;
    codebook_free(resources->codebook);
    verb_dictionary_free(resources->verbs);
    free(resources->modality);
    free(resources->discards);
    free(resources->object_control.words);
    free(resources->light_verbs.words);
    free(resources->speech_verbs.words);
    free(resources->rejecting_adjectives.words);
    free(resources->rejecting_pattern);
    free(resources->unarmed_sectors);
    dyad_arena_free(resources->strings);
    free(resources);
}

const dictionary_problem *coder_resources_problems(const coder_resources *resources,
                                                   size_t *count) {
    return verb_dictionary_problems(resources->verbs, count);
}

const verb_dictionary *coder_resources_verbs(const coder_resources *resources) {
    return resources->verbs;
}

const codebook *coder_resources_codebook(const coder_resources *resources) {
    return resources->codebook;
}

const char *event_modality_name(int modality) {
    switch (modality) {
    case EVENT_INTENDED: return "intended";
    case EVENT_THREATENED: return "threatened";
    case EVENT_REFUSED: return "refused";
    case EVENT_ATTEMPTED: return "attempted";
    default: return "asserted";
    }
}

/* ------------------------------------------------------------ candidates */

enum { MAX_CANDIDATES = 64 };

typedef struct candidate {
    uint32_t trigger;         /* the anchor token */
    uint32_t first, last;     /* the trigger words */
    uint32_t block;
    char code[8], reverse_code[8];
    const char *pattern;      /* id of the pattern or entry */
    uint8_t pattern_flags;
    actor_set source, target;
    bool has_source, has_target;
    bool source_inherited;    /* the subject came from a governing clause */
    bool compound;            /* the source is a compound acting on itself (%) */
    bool noun;
    bool negated, spelled_negation, dropped;
    uint8_t modality;
} candidate;

typedef struct sentence_work {
    const coder_resources *resources;
    const verb_dictionary *verbs;
    coder_sentence view;
    dyad_document *document;
    uint32_t sentence;
    candidate candidates[MAX_CANDIDATES];
    uint32_t candidate_count;
    uint8_t *spent;           /* tokens a pattern consumed */
    match_domain domain;      /* scratch for the anchor being tried */
    match_result result, candidate_result;   /* scratch for pattern matches */
    bool petrarch;            /* coder_conventions.petrarch */
} sentence_work;

/* ------------------------------------------------------------ discards */

static bool phrase_at(const coder_sentence *view, const discard_phrase *phrase, uint32_t start) {
    if (start + phrase->count > view->count) return false;
    /* the first bytes first: discard_level tries every phrase at every
     * token, and nearly all differ there, without a call */
    for (uint32_t i = 0; i < phrase->count; i++) {
        const char *word = view->tokens[start + i].lower;
        if (word[0] != phrase->words[i][0] || strcmp(word, phrase->words[i]) != 0) return false;
    }
    return true;
}

/* 0 no discard, 1 the sentence, 2 the whole story. */
static int discard_level(const coder_resources *resources, const coder_sentence *view) {
    int level = 0;
    for (size_t d = 0; d < resources->discard_count; d++) {
        const discard_phrase *phrase = &resources->discards[d];
        for (uint32_t t = 0; t < view->count; t++)
            if (phrase_at(view, phrase, t)) {
                if (phrase->story) return 2;
                level = 1;
            }
    }
    return level;
}

/* ---------------------------------------------------------------- roles */

static candidate *candidate_at(sentence_work *work, uint32_t token) {
    for (uint32_t i = 0; i < work->candidate_count; i++)
        if (work->candidates[i].trigger == token) return &work->candidates[i];
    return NULL;
}


static bool is_relative_pronoun(const coder_token *token) {
    return strcmp(token->lower, "who") == 0 || strcmp(token->lower, "which") == 0 ||
           strcmp(token->lower, "that") == 0 || strcmp(token->lower, "whom") == 0;
}

static bool is_passive(const coder_sentence *view, uint32_t verb) {
    if (coder_child(view, verb, REL_NSUBJ_PASS) >= 0 || coder_child(view, verb, REL_AUX_PASS) >= 0)
        return true;
    /* a reduced relative or participle: "an attack carried out by X" */
    const dyad_token *token = view->tokens[verb].token;
    return view->tokens[verb].relation == REL_ACL && token->xpos && strcmp(token->xpos, "VBN") == 0;
}

/* The passive agent: obl:agent, or an oblique introduced by "by", also
 * behind an adverb ("opposed earlier by X"). */
static int32_t passive_agent(const coder_sentence *view, uint32_t verb) {
    for (int32_t child = view->tokens[verb].first_child; child >= 0;
         child = view->tokens[child].next_sibling) {
        if (coder_is_by_agent(view, (uint32_t)child)) return child;
        if (view->tokens[child].relation == REL_ADVMOD) {
            int32_t inner = passive_agent(view, (uint32_t)child);
            if (inner >= 0) return inner;
        }
    }
    return -1;
}

static bool is_personal_pronoun(const coder_token *token) {
    static const char *const pronouns[] = {"it", "they", "he", "she", "we", "i", "its", "their"};
    for (size_t i = 0; i < sizeof pronouns / sizeof *pronouns; i++)
        if (strcmp(token->lower, pronouns[i]) == 0) return true;
    return false;
}

/* The subject of a verb: its own, or the one its clause inherits
 * (coordination, control, relative clauses).  *inherited is set when it
 * came from another clause. */
/* PETRARCH reads a passive only where "by" names its agent; an
 * agentless one is read as active (coder_conventions). */
static bool reads_as_passive(const sentence_work *work, uint32_t verb) {
    if (!is_passive(&work->view, verb)) return false;
    return !work->petrarch || passive_agent(&work->view, verb) >= 0;
}

static bool is_light_verb(const sentence_work *work, const coder_token *token);

/* The light verb whose event noun a participle modifies ("issued
 * statements supporting Y": issued), or -1: the participle's subject and
 * context are then the light verb's, as the noun's would be ("did not
 * sign the statement criticising Y" is negated, "refused to join the
 * declaration condemning Y" a refusal). */
static int32_t participle_light_verb(const sentence_work *work, uint32_t participle) {
    const coder_sentence *view = &work->view;
    const coder_token *item = &view->tokens[participle];
    if (item->relation != REL_ACL || item->head < 0 || !item->token->xpos ||
        strcmp(item->token->xpos, "VBG") != 0)
        return -1;
    const coder_token *noun = &view->tokens[item->head];
    if (noun->mention >= 0 || noun->relation != REL_OBJ || noun->head < 0 ||
        !is_light_verb(work, &view->tokens[noun->head]))
        return -1;
    return noun->head;
}

static int32_t subject_of(const sentence_work *work, uint32_t verb, bool *inherited, int depth) {
    const coder_sentence *view = &work->view;
    if (depth > 6) return -1;
    const coder_token *item = &view->tokens[verb];
    if (work->petrarch && is_passive(view, verb) && passive_agent(view, verb) < 0) {
        int32_t patient = coder_child(view, verb, REL_NSUBJ_PASS);
        if (patient >= 0) return patient;
    }
    if (reads_as_passive(work, verb)) {
        int32_t agent = passive_agent(view, verb);
        if (agent >= 0) return agent;
        /* agentless passive, also when the parser lost its subject
         * ("a hafling was reported", the hafling attached elsewhere) */
        if (coder_child(view, verb, REL_NSUBJ_PASS) >= 0 || coder_child(view, verb, REL_AUX_PASS) >= 0)
            return -1;
    }
    int32_t subject = coder_child(view, verb, REL_NSUBJ);
    if (subject >= 0 && view->tokens[subject].mention < 0 && is_personal_pronoun(&view->tokens[subject]) &&
        (item->relation == REL_CCOMP || item->relation == REL_PARATAXIS ||
         item->relation == REL_XCOMP) && item->head >= 0) {
        /* "Russia said it would retaliate": an unresolved pronoun in a
         * reported clause stands for the speaker (an xcomp with a subject
         * of its own is such a clause the parser took for a control verb's
         * complement) */
        bool speaker_inherited = false;
        int32_t speaker = subject_of(work, (uint32_t)item->head, &speaker_inherited, depth + 1);
        if (speaker >= 0) {
            *inherited = true;
            return speaker;
        }
    }
    if (subject >= 0 && !(item->relation == REL_RELCL && is_relative_pronoun(&view->tokens[subject])))
        return subject;
    if (subject < 0 && coder_child(view, verb, REL_NSUBJ_PASS) >= 0) return -1;
    if (item->head < 0) return -1;
    uint32_t head = (uint32_t)item->head;
    switch (item->relation) {
    case REL_ACL: {
        /* a participle on the event noun of a light verb speaks for the
         * light verb's subject: "X issued statements supporting Y", "X
         * launched a campaign targeting Y" (X supports, X targets); the
         * noun itself is no actor.  Any other noun is the participle's
         * subject ("the troops guarding the border"). */
        *inherited = true;
        int32_t light = participle_light_verb(work, verb);
        return light >= 0 ? subject_of(work, (uint32_t)light, inherited, depth + 1) : (int32_t)head;
    }
    case REL_RELCL:
        *inherited = true;
        return (int32_t)head;
    case REL_XCOMP: {
        *inherited = true;
        int32_t object = coder_child(view, head, REL_OBJ);
        if (object >= 0 && token_in_list(&view->tokens[head], &work->resources->object_control))
            return object;
        /* raising: "X was seen to break", "is said to be about to" */
        int32_t raised = coder_child(view, head, REL_NSUBJ_PASS);
        if (raised >= 0 && object < 0) return raised;
        return subject_of(work, head, inherited, depth + 1);
    }
    case REL_CONJ:
        /* a verb the parser coordinated with a nominal of the clause
         * before it ("condemned X on Thursday and promised aid", the
         * conjunct under "Thursday"): it is a conjunct of that clause */
        if (item->verb && !view->tokens[head].verb) {
            int32_t up = (int32_t)head;
            while (up >= 0 && !view->tokens[up].verb) up = view->tokens[up].head;
            if (up < 0) return -1;
            *inherited = true;
            return subject_of(work, (uint32_t)up, inherited, depth + 1);
        }
        /* fall through */
    case REL_ADVCL:
    case REL_CCOMP:
    case REL_DEP:
    case REL_PARATAXIS:
        if (item->relation == REL_CCOMP || item->relation == REL_PARATAXIS) {
            /* a complement clause without a subject of its own is rare and
             * usually a parse error; inherit only for an infinitive */
            if (coder_child(view, verb, REL_MARK) < 0) return -1;
        }
        *inherited = true;
        return subject_of(work, head, inherited, depth + 1);
    default:
        return -1;
    }
}

/* Prepositions that introduce a topic or a time, not a party: the actor
 * of "a report on Ukraine" or "talks after the Gaza war" is no target. */
static bool is_topic_preposition(const char *word) {
    static const char *const words[] = {"on", "about", "over", "regarding", "concerning", "during",
                                        "after", "before", "since", "amid", "despite", "following",
                                        "until", "throughout", "like", "as", "than", "per"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(word, words[i]) == 0) return true;
    return false;
}

/* The first coded actor in a subtree, in sentence order, without crossing
 * into clauses of its own or into topic phrases. */
static void first_actor_in(const coder_sentence *view, uint32_t root, actor_set *out) {
    const coder_token *top = &view->tokens[root];
    for (uint32_t t = top->subtree_first; t <= top->subtree_last && !out->count; t++) {
        if (!coder_is_descendant(view, t, root)) continue;
        int32_t mention = view->tokens[t].mention;
        if (mention < 0 || !coder_mention_coded(view->document, mention)) continue;
        /* stay out of relative and complement clauses (a participle
         * modifying a noun is still part of the phrase: "the roads leading
         * into Mordor") */
        bool clause = false;
        for (int32_t up = (int32_t)t; up >= 0 && (uint32_t)up != root; up = view->tokens[up].head) {
            uint8_t relation = view->tokens[up].relation;
            const char *tag = view->tokens[up].token->xpos;
            bool participle = relation == REL_ACL && tag && (!strcmp(tag, "VBG") || !strcmp(tag, "VBN"));
            if (relation == REL_RELCL || (relation == REL_ACL && !participle) ||
                relation == REL_CCOMP || relation == REL_ADVCL || relation == REL_PARATAXIS) {
                clause = true;
                break;
            }
            if (relation == REL_NMOD || relation == REL_OBL) {
                int32_t marker = coder_case_of(view, (uint32_t)up);
                if (marker >= 0 && is_topic_preposition(view->tokens[marker].lower)) {
                    clause = true;
                    break;
                }
            }
        }
        if (clause) continue;
        /* the phrase the mention heads, with its coordination */
        int32_t head = (int32_t)t;
        const dyad_mention *item = &view->document->mentions[mention];
        for (uint32_t k = item->first_token; k <= item->last_token; k++) {
            int32_t up = view->tokens[k].head;
            if (up < (int32_t)item->first_token || up > (int32_t)item->last_token) {
                head = (int32_t)k;
                break;
            }
        }
        coder_actors_of_phrase(view, (uint32_t)head, out);
    }
}

/* Actors of an object or oblique phrase: its own, the author of the act
 * it names ("condemned Russia's attack", "criticised the decision by X"),
 * else the first actor inside it. */
static void actors_of_argument(const coder_sentence *view, uint32_t phrase, actor_set *out) {
    coder_actors_of_phrase(view, phrase, out);
    if (out->count) return;
    for (int32_t child = view->tokens[phrase].first_child; child >= 0 && !out->count;
         child = view->tokens[child].next_sibling) {
        uint8_t relation = view->tokens[child].relation;
        int32_t marker = coder_case_of(view, (uint32_t)child);
        if (relation == REL_NMOD_POSS ||
            (relation == REL_NMOD && marker >= 0 && strcmp(view->tokens[marker].lower, "by") == 0))
            coder_actors_of_phrase(view, (uint32_t)child, out);
    }
    if (!out->count) first_actor_in(view, phrase, out);
    /* the author named in a relative clause: "welcomed the deal that X and
     * Y initialled", "criticised the law that X passed" */
    for (int32_t child = view->tokens[phrase].first_child; child >= 0 && !out->count;
         child = view->tokens[child].next_sibling) {
        if (view->tokens[child].relation != REL_RELCL) continue;
        int32_t subject = coder_child(view, (uint32_t)child, REL_NSUBJ);
        if (subject >= 0 && !is_relative_pronoun(&view->tokens[subject]))
            coder_actors_of_phrase(view, (uint32_t)subject, out);
    }
}

static bool same_code(const dyad_document *document, int32_t a, int32_t b) {
    const dyad_mention *left = coder_resolve_mention(document, a);
    const dyad_mention *right = coder_resolve_mention(document, b);
    return left && right && strcmp(left->code, right->code) == 0;
}

/* Drops from target every actor that is also a source. */
static void remove_sources(const dyad_document *document, const actor_set *source, actor_set *target) {
    uint32_t kept = 0;
    for (uint32_t i = 0; i < target->count; i++) {
        bool clash = false;
        for (uint32_t j = 0; j < source->count && !clash; j++)
            clash = same_code(document, target->mentions[i], source->mentions[j]);
        if (!clash) target->mentions[kept++] = target->mentions[i];
    }
    target->count = kept;
}

static void verb_roles(sentence_work *work, candidate *event) {
    const coder_sentence *view = &work->view;
    uint32_t verb = event->trigger;
    bool passive = reads_as_passive(work, verb);
    if (!event->has_source) {
        bool inherited = false;
        int32_t subject = subject_of(work, verb, &inherited, 0);
        if (subject >= 0) {
            coder_actors_of_phrase(view, (uint32_t)subject, &event->source);
            /* subjects the parser left side by side instead of coordinated
             * ("Ithilen and the government of Gondor warned") */
            if (!inherited && view->tokens[subject].head == (int32_t)verb)
                for (int32_t child = view->tokens[verb].first_child; child >= 0;
                     child = view->tokens[child].next_sibling)
                    if (child != subject && view->tokens[child].relation == REL_NSUBJ)
                        coder_actors_of_phrase(view, (uint32_t)child, &event->source);
            event->has_source = event->source.count > 0;
            event->source_inherited = inherited;
        }
    }
    if (event->has_target) return;
    int32_t agent = passive ? passive_agent(view, verb) : -1;
    if (passive && agent >= 0) {
        int32_t patient = coder_child(view, verb, REL_NSUBJ_PASS);
        if (patient < 0 && view->tokens[verb].relation == REL_ACL && view->tokens[verb].head >= 0)
            patient = view->tokens[verb].head;
        if (patient >= 0) coder_actors_of_phrase(view, (uint32_t)patient, &event->target);
    }
    for (int32_t child = view->tokens[verb].first_child; child >= 0 && !event->target.count;
         child = view->tokens[child].next_sibling) {
        uint8_t relation = view->tokens[child].relation;
        if (relation == REL_OBJ || relation == REL_IOBJ)
            actors_of_argument(view, (uint32_t)child, &event->target);
    }
    /* "hosted and praised the minister": the object of the verb
     * coordinated after it, which the parser hung there only */
    if (!event->target.count && coder_child(view, verb, REL_OBJ) < 0 && !passive) {
        int32_t shared = coder_shared_object(view, verb);
        if (shared >= 0) actors_of_argument(view, (uint32_t)shared, &event->target);
    }
    for (int32_t child = view->tokens[verb].first_child; child >= 0 && !event->target.count;
         child = view->tokens[child].next_sibling) {
        uint8_t relation = view->tokens[child].relation;
        if ((relation == REL_OBL || relation == REL_NMOD) && child != agent)
            actors_of_argument(view, (uint32_t)child, &event->target);
    }
    /* "to" read as an infinitive marker before a noun phrase ("contribute
     * aid to Gondor after crowds trashed", "to" taken as the mark of
     * "trashed" and Gondor as its subject): an infinitive has no subject
     * after its "to", so that phrase is the verb's own "to" oblique */
    for (int32_t child = view->tokens[verb].first_child; child >= 0 && !event->target.count;
         child = view->tokens[child].next_sibling) {
        int32_t phrase = coder_to_phrase_read_as_clause(view, (uint32_t)child);
        if (phrase >= 0) coder_actors_of_phrase(view, (uint32_t)phrase, &event->target);
    }
    /* a non-finite complement or purpose clause that is no event of its
     * own: "cordoned off the roads leading into Mordor", "signed an accord
     * to supply Gondor with wheat" */
    for (int32_t child = view->tokens[verb].first_child; child >= 0 && !event->target.count;
         child = view->tokens[child].next_sibling) {
        uint8_t clause = view->tokens[child].relation;
        if (clause == REL_ADVCL) {
            int32_t marker = coder_child(view, (uint32_t)child, REL_MARK);
            if (marker < 0 || strcmp(view->tokens[marker].lower, "to") != 0 ||
                coder_child(view, (uint32_t)child, REL_NSUBJ) >= 0)
                continue;
        } else if (clause != REL_XCOMP) {
            continue;
        }
        if (candidate_at(work, (uint32_t)child)) continue;
        for (int32_t inner = view->tokens[child].first_child; inner >= 0 && !event->target.count;
             inner = view->tokens[inner].next_sibling) {
            uint8_t relation = view->tokens[inner].relation;
            if (relation == REL_OBJ || relation == REL_OBL)
                actors_of_argument(view, (uint32_t)inner, &event->target);
        }
    }
    /* last, the subject of a complement clause: "allowed that Mordor is
     * no pleasant place", "warned that Russia would pay" */
    bool speech = token_in_list(&view->tokens[verb], &work->resources->speech_verbs);
    for (int32_t child = view->tokens[verb].first_child; child >= 0 && !event->target.count && !speech;
         child = view->tokens[child].next_sibling) {
        if (view->tokens[child].relation != REL_CCOMP) continue;
        int32_t subject = coder_child(view, (uint32_t)child, REL_NSUBJ);
        if (subject < 0) subject = coder_child(view, (uint32_t)child, REL_NSUBJ_PASS);
        if (subject >= 0) coder_actors_of_phrase(view, (uint32_t)subject, &event->target);
    }
    /* "condemned and denounced X": a conjoined verb shares the object */
    if (!event->target.count && view->tokens[verb].relation == REL_CONJ &&
        view->tokens[verb].head >= 0) {
        int32_t object = coder_child(view, (uint32_t)view->tokens[verb].head, REL_OBJ);
        if (object > (int32_t)verb) actors_of_argument(view, (uint32_t)object, &event->target);
    }
    if (!event->target.count && work->petrarch) {
        /* PETRARCH: the first actor of the verb phrase, however deep, that
         * is not the source */
        const coder_token *top = &view->tokens[verb];
        for (uint32_t t = verb + 1; t <= top->subtree_last && !event->target.count; t++) {
            int32_t mention = view->tokens[t].mention;
            if (mention < 0 || !coder_mention_coded(view->document, mention) ||
                !coder_is_descendant(view, t, verb))
                continue;
            actor_set found = {.count = 0};
            coder_actors_of_mention(view, mention, &found);
            remove_sources(view->document, &event->source, &found);
            event->target = found;
        }
    }
    event->has_target = event->target.count > 0;
}

/* Light verbs lend their subject to the event noun they govern ("held
 * talks", "launched strikes"). */
static bool is_light_verb(const sentence_work *work, const coder_token *token) {
    return token_in_list(token, &work->resources->light_verbs);
}

static void noun_roles(sentence_work *work, candidate *event) {
    const coder_sentence *view = &work->view;
    uint32_t noun = event->trigger;
    const coder_token *item = &view->tokens[noun];
    if (!event->has_source && view->parsed) {
        for (int32_t child = item->first_child; child >= 0 && !event->source.count;
             child = view->tokens[child].next_sibling) {
            uint8_t relation = view->tokens[child].relation;
            int32_t marker = coder_case_of(view, (uint32_t)child);
            bool by = marker >= 0 && strcmp(view->tokens[marker].lower, "by") == 0;
            if (relation == REL_NMOD_POSS || (relation == REL_NMOD && by) ||
                ((relation == REL_AMOD || relation == REL_COMPOUND) && view->tokens[child].mention >= 0))
                coder_actors_of_phrase(view, (uint32_t)child, &event->source);
        }
        if (!event->source.count && item->head >= 0 &&
            (item->relation == REL_OBJ || item->relation == REL_NSUBJ_PASS) &&
            is_light_verb(work, &view->tokens[item->head])) {
            bool inherited = false;
            int32_t subject = subject_of(work, (uint32_t)item->head, &inherited, 0);
            if (subject >= 0) coder_actors_of_phrase(view, (uint32_t)subject, &event->source);
            event->source_inherited = true;
        }
        event->has_source = event->source.count > 0;
    }
    if (!event->has_target && view->parsed) {
        for (int32_t child = item->first_child; child >= 0 && !event->target.count;
             child = view->tokens[child].next_sibling) {
            if (view->tokens[child].relation != REL_NMOD) continue;
            int32_t marker = coder_case_of(view, (uint32_t)child);
            if (marker < 0) continue;
            const char *preposition = view->tokens[marker].lower;
            if (strcmp(preposition, "on") == 0 || strcmp(preposition, "against") == 0 ||
                strcmp(preposition, "with") == 0 || strcmp(preposition, "to") == 0 ||
                strcmp(preposition, "at") == 0 || strcmp(preposition, "into") == 0 ||
                strcmp(preposition, "toward") == 0 || strcmp(preposition, "towards") == 0)
                coder_actors_of_phrase(view, (uint32_t)child, &event->target);
        }
        event->has_target = event->target.count > 0;
    }
}

/* ------------------------------------------------------------- triggers */

typedef struct anchor_choice {
    uint32_t anchors[16];
    uint32_t count;
} anchor_choice;

/* Anchors of a token's words, most recent layer first. */
static void anchors_of(const verb_dictionary *verbs, const coder_token *token, anchor_choice *out) {
    out->count = 0;
    for (uint8_t w = 0; w < token->word_count; w++)
        for (uint32_t a = verb_dictionary_first_anchor(verbs, token->words[w]);
             a != NO_INDEX && out->count < 16; a = verb_dictionary_anchor(verbs, a)->next)
            out->anchors[out->count++] = a;
    /* insertion sort by layer, descending, stable */
    for (uint32_t i = 1; i < out->count; i++) {
        uint32_t moving = out->anchors[i], j = i;
        uint16_t layer = verb_dictionary_anchor(verbs, moving)->layer;
        while (j > 0 && verb_dictionary_anchor(verbs, out->anchors[j - 1])->layer < layer) {
            out->anchors[j] = out->anchors[j - 1];
            j--;
        }
        out->anchors[j] = moving;
    }
}

/* The modal class of the verb (or adjective: "ready to") a token stands for. */
static modal_class modal_of(const verb_dictionary *verbs, const coder_token *token) {
    anchor_choice choice;
    anchors_of(verbs, token, &choice);
    for (uint32_t i = 0; i < choice.count; i++) {
        const verb_anchor *anchor = verb_dictionary_anchor(verbs, choice.anchors[i]);
        if (anchor->noun) continue;
        const verb_block *block = verb_dictionary_get_block(verbs, anchor->block);
        if (block->modal != MODAL_NONE) return (modal_class)block->modal;
    }
    return MODAL_NONE;
}

static uint32_t block_of_token(const verb_dictionary *verbs, const coder_token *token) {
    anchor_choice choice;
    anchors_of(verbs, token, &choice);
    for (uint32_t i = 0; i < choice.count; i++) {
        const verb_anchor *anchor = verb_dictionary_anchor(verbs, choice.anchors[i]);
        if (!anchor->noun) return anchor->block;
    }
    return NO_INDEX;
}

static bool usable_code(const char *code) {
    return code[0] && strcmp(code, "---") != 0;
}

/* Verbs that link a subject to an adjective as a copula does ("appeared
 * ready to talk"). */
static bool is_linking_verb(const coder_token *token) {
    static const char *const verbs[] = {"be", "seem", "appear", "remain", "become", "look",
                                        "sound", "stay", "prove", "grow", "feel"};
    const char *lemma = token->token->lemma ? token->token->lemma : token->lower;
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
        if (strcmp(lemma, verbs[i]) == 0) return true;
    return false;
}

/* An adjective heads its clause like a verb only as a predicate ("is
 * concerned about", "appeared ready to talk"): after a copula or a linking
 * verb.  Elsewhere it is an adjective of a verb's clause ("marched close to
 * the border": close is no act of closing). */
static bool predicative_adjective(const coder_sentence *view, uint32_t token) {
    const coder_token *item = &view->tokens[token];
    if (!item->adjective) return false;
    if (!view->parsed) return true;
    if (coder_child(view, token, REL_COP) >= 0) return true;
    /* "is ready and willing to" */
    if (item->relation == REL_CONJ && item->head >= 0 && view->tokens[item->head].adjective &&
        coder_child(view, (uint32_t)item->head, REL_COP) >= 0)
        return true;
    return item->relation == REL_XCOMP && item->head >= 0 &&
           is_linking_verb(&view->tokens[item->head]);
}

/* Tries every anchor of the token; fills event on the first that codes. */
static bool find_trigger(sentence_work *work, uint32_t token, bool noun, candidate *event) {
    const coder_sentence *view = &work->view;
    const coder_token *item = &view->tokens[token];
    /* a predicative adjective heads its clause like a verb ("concerned
     * about", "ready to talk") */
    bool verb_like = item->verb || predicative_adjective(view, token);
    if (noun && !item->noun) return false;
    anchor_choice choice;
    anchors_of(work->verbs, item, &choice);
    for (uint32_t i = 0; i < choice.count; i++) {
        const verb_anchor *anchor = verb_dictionary_anchor(work->verbs, choice.anchors[i]);
        if ((bool)anchor->noun != noun) continue;
        uint32_t first, last;
        if (!match_anchor_words(view, work->verbs, anchor, token, &first, &last)) continue;
        uint32_t head = token;
        if (!noun && !verb_like) {
            /* a verb of several words whose verb the tagger found on
             * another of them ("will wire tap", tap read as a noun): the
             * tagged verb heads the clause */
            head = UINT32_MAX;
            for (uint32_t t = first; t <= last && head == UINT32_MAX; t++)
                if (view->tokens[t].verb) head = t;
            if (head == UINT32_MAX) continue;
        }
        bool spent = false;
        for (uint32_t t = first; t <= last; t++) spent = spent || work->spent[t];
        if (spent) continue;
        const verb_block *block = verb_dictionary_get_block(work->verbs, anchor->block);
        match_domain *domain = &work->domain;
        match_domain_build(view, first, last, noun, domain);
        memset(event, 0, sizeof *event);
        event->trigger = head;
        event->block = anchor->block;
        event->noun = noun;
        /* the first pattern that matches wins; among patterns as specific
         * as it, the one that matched more words ("war crimes" over
         * "crimes") */
        const verb_pattern *best = NULL;
        match_result *result = &work->result, *candidate_result = &work->candidate_result;
        for (uint32_t p = 0; p < block->pattern_count; p++) {
            const verb_pattern *pattern = verb_dictionary_pattern(work->verbs, block->patterns[p]);
            if (best && pattern->weight < best->weight) break;
            if (!match_pattern(view, work->verbs, domain, pattern, candidate_result)) continue;
            if (best && candidate_result->matched_count <= result->matched_count) continue;
            best = pattern;
            match_result *swap = result;
            result = candidate_result;
            candidate_result = swap;
        }
        if (best) {
            if (!usable_code(best->code) && !usable_code(best->reverse_code)) {
                /* a pattern with code --- says: these words are no event */
                for (uint32_t m = 0; m < result->matched_count; m++) work->spent[result->matched[m]] = 1;
                return false;
            }
            snprintf(event->code, sizeof event->code, "%s", best->code);
            snprintf(event->reverse_code, sizeof event->reverse_code, "%s", best->reverse_code);
            event->pattern = best->id;
            event->pattern_flags = best->flags;
            event->first = result->first;
            event->last = result->last;
            event->source = result->source;
            event->target = result->target;
            event->has_source = result->has_source;
            event->has_target = result->has_target;
            event->compound = result->compound;
            if (!event->has_target && view->parsed && result->last > token) {
                /* a pattern that ends in a preposition ("welcomed assurances
                 * on security from +") names the party by it, wherever the
                 * parser attached the phrase */
                const coder_token *last = &view->tokens[result->last];
                if (last->relation == REL_CASE && last->head > (int32_t)result->last)
                    coder_actors_of_phrase(view, (uint32_t)last->head, &event->target);
                event->has_target = event->target.count > 0;
            }
            if (event->compound) {
                /* the target, if any, comes from the clause */
                event->target.count = 0;
                event->has_target = false;
            }
            event->spelled_negation = result->matched_negation;
            for (uint32_t m = 0; m < result->matched_count; m++) work->spent[result->matched[m]] = 1;
            return true;
        }
        const char *code = anchor->code[0] ? anchor->code : block->code;
        if (!usable_code(code)) continue;
        snprintf(event->code, sizeof event->code, "%s", code);
        snprintf(event->reverse_code, sizeof event->reverse_code, "%s",
                 anchor->code[0] ? anchor->reverse_code : block->reverse_code);
        event->pattern = block->id;
        event->pattern_flags = block->flags;
        event->first = first;
        event->last = last;
        for (uint32_t t = first; t <= last; t++) work->spent[t] = 1;
        return true;
    }
    return false;
}

/* --------------------------------------------------------------- context */

static const char *modality_result(const coder_resources *resources, modal_class modal,
                                   const char *code, bool *found) {
    const modality_rule *best = NULL;
    size_t best_length = 0;
    for (size_t i = 0; i < resources->modality_count; i++) {
        const modality_rule *rule = &resources->modality[i];
        size_t length = strlen(rule->prefix);
        if (rule->modal == modal && length > best_length && strncmp(code, rule->prefix, length) == 0) {
            best = rule;
            best_length = length;
        }
    }
    *found = best != NULL;
    return best ? best->result : NULL;
}

static bool has_negation(const coder_sentence *view, uint32_t token) {
    if (view->parsed) {
        for (int32_t child = view->tokens[token].first_child; child >= 0;
             child = view->tokens[child].next_sibling)
            if (view->tokens[child].negation) return true;
        return false;
    }
    for (uint32_t back = 1; back <= 3 && back <= token; back++)
        if (view->tokens[token - back].negation) return true;
    return false;
}

/* "will", "would", "shall" on the verb: a future act, not one done. */
static bool has_future_auxiliary(const coder_sentence *view, uint32_t token) {
    for (int32_t child = view->tokens[token].first_child; child >= 0;
         child = view->tokens[child].next_sibling) {
        if (view->tokens[child].relation != REL_AUX) continue;
        const char *word = view->tokens[child].lower;
        if (strcmp(word, "will") == 0 || strcmp(word, "would") == 0 || strcmp(word, "shall") == 0 ||
            strcmp(word, "'ll") == 0 || strcmp(word, "wo") == 0)
            return true;
    }
    return false;
}

static bool is_conditional(const coder_sentence *view, uint32_t token) {
    if (view->tokens[token].relation != REL_ADVCL) return false;
    int32_t marker = coder_child(view, token, REL_MARK);
    return marker >= 0 && (strcmp(view->tokens[marker].lower, "if") == 0 ||
                           strcmp(view->tokens[marker].lower, "unless") == 0);
}


static bool same_actors(const dyad_document *document, const actor_set *a, const actor_set *b) {
    if (!a->count || a->count != b->count) return false;
    for (uint32_t i = 0; i < a->count; i++) {
        bool found = false;
        for (uint32_t j = 0; j < b->count && !found; j++)
            found = same_code(document, a->mentions[i], b->mentions[j]);
        if (!found) return false;
    }
    return true;
}

/* PETRARCH-2 transformations of an event reported or wanted by another
 * actor: "~ a (a b ATTACK) SAY = a b 015". */
static bool transform(sentence_work *work, candidate *inner, uint32_t outer_token) {
    size_t count;
    const transformation *rules = verb_dictionary_transformations(work->verbs, &count);
    if (!count) return false;
    uint32_t outer_block = block_of_token(work->verbs, &work->view.tokens[outer_token]);
    if (outer_block == NO_INDEX) return false;
    candidate *outer = candidate_at(work, outer_token);
    actor_set speaker = {.count = 0};
    if (outer && outer->has_source) {
        speaker = outer->source;
    } else {
        bool inherited = false;
        int32_t subject = subject_of(work, outer_token, &inherited, 0);
        if (subject >= 0) coder_actors_of_phrase(&work->view, (uint32_t)subject, &speaker);
    }
    if (!speaker.count) return false;
    for (size_t r = 0; r < count; r++) {
        const transformation *rule = &rules[r];
        if (rule->outer_block != outer_block) continue;
        if (rule->inner_block != NO_INDEX && rule->inner_block != inner->block) {
            const verb_block *named = verb_dictionary_get_block(work->verbs, rule->inner_block);
            if (!cameo_code_is_wellformed(named->code) || strncmp(named->code, inner->code, 2) != 0)
                continue;
        }
        bool explicit_source = inner->has_source && !inner->source_inherited;
        bool same = explicit_source ? same_actors(work->document, &inner->source, &speaker)
                                    : inner->source_inherited;
        switch (rule->inner_source) {
        case 'a': if (!same) continue; break;
        case 'b': if (!explicit_source || same) continue; break;
        case '_': if (explicit_source) continue; break;
        default: break;
        }
        if (rule->inner_target == 'b' && !inner->has_target) continue;
        if (rule->inner_target == '_' && inner->has_target) continue;
        const actor_set *b = rule->inner_source == 'b' ? &inner->source : &inner->target;
        actor_set source = rule->result_source == 'a' ? speaker : *b;
        actor_set target = rule->result_target == 'a' ? speaker : *b;
        if (!source.count || !target.count) continue;
        inner->source = source;
        inner->target = target;
        inner->has_source = inner->has_target = true;
        if (strcmp(rule->result_code, "Q") != 0 && strcmp(rule->result_code, "q") != 0)
            snprintf(inner->code, sizeof inner->code, "%s", rule->result_code);
        inner->reverse_code[0] = '\0';
        inner->pattern = rule->id;
        if (outer) outer->dropped = true;
        return true;
    }
    return false;
}

/* Walks up the chain of complement clauses above an event's trigger. */
static void apply_context(sentence_work *work, candidate *event) {
    const coder_sentence *view = &work->view;
    if (has_negation(view, event->trigger) && !event->spelled_negation) event->negated = true;
    if (!view->parsed) return;
    uint32_t token = event->trigger;
    if (event->noun && view->tokens[token].head >= 0 &&
        (view->tokens[token].relation == REL_OBJ || view->tokens[token].relation == REL_NSUBJ_PASS) &&
        is_light_verb(work, &view->tokens[view->tokens[token].head])) {
        /* "did not hold talks": the light verb's context is the event's */
        token = (uint32_t)view->tokens[token].head;
        if (has_negation(view, token)) event->negated = true;
    } else if (!event->noun) {
        /* "did not sign the statement criticising Y": the same for a
         * participle on the light verb's noun */
        int32_t light = participle_light_verb(work, token);
        if (light >= 0) {
            token = (uint32_t)light;
            if (has_negation(view, token)) event->negated = true;
        }
    }
    if (!work->petrarch && has_future_auxiliary(view, token)) {
        /* "Ankara would mediate", "China will send a delegation": a stated
         * future act is the intention to act (CAMEO codes announcements
         * of what an actor will do as 03x, or 13x for harm) */
        bool found = false;
        const char *result = modality_result(work->resources, MODAL_INTENT, event->code, &found);
        if (found && !*result) {
            event->dropped = true;
            return;
        }
        if (found && strcmp(result, "=") != 0) snprintf(event->code, sizeof event->code, "%s", result);
        event->reverse_code[0] = '\0';
        event->modality = EVENT_INTENDED;
    }
    for (int steps = 0; steps < 8; steps++) {
        if (is_conditional(view, token)) {
            event->dropped = true;
            return;
        }
        const coder_token *item = &view->tokens[token];
        if (item->head < 0) return;
        uint8_t relation = item->relation;
        if (relation != REL_XCOMP && relation != REL_CCOMP && relation != REL_CONJ) return;
        uint32_t head = (uint32_t)item->head;
        if (relation == REL_CONJ) {
            /* a conjoined verb shares its first conjunct's context, not its modality */
            token = head;
            continue;
        }
        modal_class modal = modal_of(work->verbs, &view->tokens[head]);
        if (relation == REL_CCOMP && transform(work, event, head)) {
            token = head;
            continue;
        }
        bool negated_here = has_negation(view, head) && !event->spelled_negation;
        candidate *outer = candidate_at(work, head);
        bool found = false;
        const char *result = NULL;
        switch (modal) {
        case MODAL_INTENT:
        case MODAL_THREAT:
        case MODAL_REFUSAL:
        case MODAL_ATTEMPT:
            result = modality_result(work->resources, modal, event->code, &found);
            if (found && !*result) {
                event->dropped = true;
                return;
            }
            if (found && strcmp(result, "=") != 0)
                snprintf(event->code, sizeof event->code, "%s", result);
            else if (modal == MODAL_THREAT) snprintf(event->code, sizeof event->code, "130");
            else if (modal == MODAL_REFUSAL) snprintf(event->code, sizeof event->code, "120");
            if (modal != MODAL_ATTEMPT || found) event->reverse_code[0] = '\0';
            event->modality = modal == MODAL_INTENT   ? EVENT_INTENDED
                              : modal == MODAL_THREAT  ? EVENT_THREATENED
                              : modal == MODAL_REFUSAL ? EVENT_REFUSED
                                                       : EVENT_ATTEMPTED;
            /* the modal verb's own event is this one now */
            if (outer) outer->dropped = true;
            if (negated_here) {
                /* "did not threaten to", "did not plan to": nothing was said */
                event->negated = true;
            }
            break;
        case MODAL_FAILURE:
            event->negated = !event->negated;
            if (outer) outer->dropped = true;
            break;
        case MODAL_APPEAL:
        case MODAL_DEMAND:
            /* "urged X to withdraw": only the appeal happened; what was
             * asked for refines its code */
            event->dropped = true;
            if (outer && !outer->dropped) {
                result = modality_result(work->resources, modal, event->code, &found);
                if (found && *result && strcmp(result, "=") != 0)
                    snprintf(outer->code, sizeof outer->code, "%s", result);
            }
            return;
        case MODAL_DENIAL:
            event->dropped = true;
            return;
        default:
            if (negated_here && relation == REL_XCOMP) event->negated = true;
            break;
        }
        token = head;
    }
}

/* ---------------------------------------------------------------- events */

static const char *normalized_date(dyad_document *document) {
    const char *date = document->date;
    if (!date) return NULL;
    char out[11];
    size_t length = strlen(date);
    if (length >= 10 && isdigit((unsigned char)date[0]) && date[4] == '-' && date[7] == '-') {
        memcpy(out, date, 10);
    } else if (length >= 8 && strspn(date, "0123456789") >= 8) {
        snprintf(out, sizeof out, "%.4s-%.2s-%.2s", date, date + 4, date + 6);
    } else {
        return NULL;
    }
    out[10] = '\0';
    return arena_strdup(document->arena, out);
}

typedef struct event_sink {
    dyad_document *document;
    const coder_resources *resources;
    size_t capacity;
    const char *date;
} event_sink;

static void fill_actor(const dyad_document *document, int32_t mention, dyad_event_actor *out) {
    const dyad_mention *item = &document->mentions[mention];
    const dyad_mention *resolved = coder_resolve_mention(document, mention);
    out->text = item->text;
    out->code = resolved ? resolved->code : NULL;
    out->country = resolved ? resolved->country : NULL;
    out->sector = resolved ? resolved->sector : NULL;
    out->mention = mention;
}

static bool emit(event_sink *sink, const candidate *event, uint32_t sentence, const char *code,
                 int32_t source, int32_t target) {
    dyad_document *document = sink->document;
    const dyad_mention *from = coder_resolve_mention(document, source);
    const dyad_mention *to = target >= 0 ? coder_resolve_mention(document, target) : NULL;
    if (!from || (target >= 0 && !to)) return true;
    if (to && strcmp(from->code, to->code) == 0) return true;
    /* Military force and mass violence (roots 19 and 20) need an armed
     * source: "refugees crossed into Chad" is a movement of people, not the
     * incursion the same words make of an army's act. */
    if (from->sector && (strncmp(code, "19", 2) == 0 || strncmp(code, "20", 2) == 0))
        for (size_t i = 0; i < sink->resources->unarmed_sector_count; i++)
            if (strcmp(from->sector, sink->resources->unarmed_sectors[i]) == 0) return true;
    for (size_t i = document->event_count; i-- > 0 && document->events[i].sentence == sentence;) {
        const dyad_event *other = &document->events[i];
        if (strcmp(other->cameo, code) == 0 &&
            other->negated == event->negated && strcmp(other->source.code, from->code) == 0 &&
            (other->has_target ? to && strcmp(other->target.code, to->code) == 0 : !to))
            return true;
    }
    if (document->event_count == sink->capacity) {
        document->events = arena_grow(document->arena, document->events, &sink->capacity,
                                      sizeof *document->events);
        if (!document->events) return false;
    }
    dyad_event *out = &document->events[document->event_count++];
    memset(out, 0, sizeof *out);
    out->sentence = sentence;
    fill_actor(document, source, &out->source);
    out->target.mention = -1;
    if (target >= 0) {
        fill_actor(document, target, &out->target);
        out->has_target = 1;
    }
    snprintf(out->cameo, sizeof out->cameo, "%s", code);
    snprintf(out->root, sizeof out->root, "%.2s", code);
    const cameo_code *entry = codebook_lookup(sink->resources->codebook, code);
    if (entry) {
        out->quad_class = entry->quad_class;
        out->goldstein = entry->goldstein;
        out->plover_event = entry->plover_event;
        out->plover_mode = entry->plover_mode;
    } else {
        out->quad_class = 0;
        out->goldstein = NAN;
        if (!cameo_code_is_wellformed(code)) out->root[0] = '\0';
    }
    out->negated = event->negated;
    out->modality = event->modality;
    const dyad_sentence *s = &document->sentences[sentence];
    out->trigger_start = s->tokens[event->first].start;
    out->trigger_end = s->tokens[event->last].end;
    out->trigger_text = arena_strndup(document->arena, document->text + out->trigger_start,
                                      out->trigger_end - out->trigger_start);
    out->pattern = event->pattern;
    out->date = sink->date;
    out->quote = -1;
    out->place = -1;
    return out->trigger_text != NULL;
}

static bool emit_candidate(event_sink *sink, const candidate *event, uint32_t sentence) {
    /* a compound source (%) acts on its own members unless the clause
     * gives it a target */
    bool mutual = (event->compound && !event->target.count) ||
                  ((event->pattern_flags & PATTERN_MUTUAL) && !event->has_target &&
                   event->source.count > 1);
    if (mutual) {
        const actor_set *members = &event->source;
        for (uint32_t i = 0; i < members->count; i++)
            for (uint32_t j = 0; j < members->count; j++) {
                if (i == j) continue;
                if (usable_code(event->code) &&
                    !emit(sink, event, sentence, event->code, members->mentions[i], members->mentions[j]))
                    return false;
            }
        return true;
    }
    /* "@mutual" nouns with a compound target and no source: "talks between X and Y" */
    if (!event->source.count && (event->pattern_flags & PATTERN_MUTUAL) && event->target.count > 1) {
        for (uint32_t i = 0; i < event->target.count; i++)
            for (uint32_t j = 0; j < event->target.count; j++)
                if (i != j && usable_code(event->code) &&
                    !emit(sink, event, sentence, event->code, event->target.mentions[i],
                          event->target.mentions[j]))
                    return false;
        return true;
    }
    if (!event->source.count) return true;
    actor_set target = event->target;
    remove_sources(sink->document, &event->source, &target);
    if (!target.count) {
        if ((event->pattern_flags & PATTERN_ALONE) && usable_code(event->code))
            for (uint32_t i = 0; i < event->source.count; i++)
                if (!emit(sink, event, sentence, event->code, event->source.mentions[i], -1))
                    return false;
        return true;
    }
    for (uint32_t i = 0; i < event->source.count; i++)
        for (uint32_t j = 0; j < target.count; j++) {
            if (usable_code(event->code) &&
                !emit(sink, event, sentence, event->code, event->source.mentions[i], target.mentions[j]))
                return false;
            if (usable_code(event->reverse_code) &&
                !emit(sink, event, sentence, event->reverse_code, target.mentions[j],
                      event->source.mentions[i]))
                return false;
        }
    return true;
}

/* ------------------------------------------------------------- document */

/* The sentence's events in the order of their triggers. */
static void sort_events(dyad_document *document, size_t first) {
    for (size_t i = first + 1; i < document->event_count; i++) {
        dyad_event moving = document->events[i];
        size_t j = i;
        while (j > first && document->events[j - 1].trigger_start > moving.trigger_start) {
            document->events[j] = document->events[j - 1];
            j--;
        }
        document->events[j] = moving;
    }
}

/* ------------------------------------------------------- evaluations */

static bool is_be_form(const coder_token *token) {
    static const char *const forms[] = {"is", "are", "was", "were", "be", "been", "being", "'s",
                                        "remain", "remains", "remained", "seem", "seems",
                                        "seemed"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        if (strcmp(token->lower, forms[i]) == 0) return true;
    return false;
}

static bool is_quote_or_adverb(const coder_token *token) {
    if (token->relation == REL_ADVMOD || token->relation == REL_PUNCT) return true;
    const char *text = token->lower;
    return strcmp(text, "\"") == 0 || strcmp(text, "'") == 0 || strcmp(text, "\xe2\x80\x9c") == 0 ||
           strcmp(text, "\xe2\x80\x9d") == 0 || strcmp(text, "``") == 0 ||
           strcmp(text, "''") == 0 || strcmp(text, "simply") == 0 ||
           strcmp(text, "completely") == 0 || strcmp(text, "totally") == 0 ||
           strcmp(text, "entirely") == 0 || strcmp(text, "absolutely") == 0;
}

/* The tokens of a mention, first and last. */
static void mention_tokens(const coder_sentence *view, int32_t mention, uint32_t from, uint32_t to,
                           uint32_t *first, uint32_t *last) {
    *first = UINT32_MAX;
    *last = 0;
    for (uint32_t t = from; t < to; t++) {
        if (view->tokens[t].mention != mention) continue;
        if (*first == UINT32_MAX) *first = t;
        *last = t;
    }
}

/* "The EU announced new sanctions ...  Russia said the sanctions were
 * illegal": a definite noun with no author in its own sentence names the
 * thing an actor of the last few sentences made — the object, with the
 * same lemma, of a verb whose subject is that actor.  The nearest such
 * sentence wins. */
static void earlier_author(sentence_work *work, uint32_t thing, actor_set *out) {
    const coder_sentence *view = &work->view;
    const dyad_token *noun = view->tokens[thing].token;
    int32_t determiner = coder_child(view, thing, REL_DET);
    if (!noun->lemma || determiner < 0 || strcmp(view->tokens[determiner].lower, "the") != 0 ||
        view->tokens[thing].mention >= 0)
        return;
    const dyad_document *document = view->document;
    for (uint32_t back = 1; back <= 3 && back <= work->sentence && !out->count; back++) {
        coder_sentence earlier;
        if (document->sentences[work->sentence - back].heading ||
            !coder_sentence_build(&earlier, document, work->sentence - back, work->verbs) ||
            !earlier.parsed || !earlier.has_actors)
            continue;
        for (uint32_t t = 0; t < earlier.count && !out->count; t++) {
            const coder_token *item = &earlier.tokens[t];
            if (item->relation != REL_OBJ || item->head < 0 || !item->token->lemma ||
                strcasecmp(item->token->lemma, noun->lemma) != 0)
                continue;
            int32_t subject = coder_child(&earlier, (uint32_t)item->head, REL_NSUBJ);
            if (subject >= 0) coder_actors_of_phrase(&earlier, (uint32_t)subject, out);
        }
    }
}

/* "X said the proposals put forward by Y were unacceptable": an aide who
 * calls another party's proposal, plan or measure unacceptable or illegal
 * rejects it, and so its author.  The pattern is written with a copula and
 * a verb of saying before it on purpose: the writer's own judgement ("the
 * plan was unacceptable to many") is no event, and neither is one whose
 * author is not named in the same sentence — the author is the actor that
 * proposed the thing ("by Y", "Y's plan", "the Russian proposal"), never
 * one merely mentioned inside it ("the situation in Y"). */
static bool code_evaluation(sentence_work *work, uint32_t adjective, candidate *event) {
    const coder_sentence *view = &work->view;
    const coder_token *item = &view->tokens[adjective];
    if (!item->adjective || !token_in_list(item, &work->resources->rejecting_adjectives))
        return false;
    /* a predicate: "were (simply) "unacceptable"" */
    uint32_t t = adjective;
    while (t > 0 && is_quote_or_adverb(&view->tokens[t - 1])) t--;
    if (t == 0 || !is_be_form(&view->tokens[t - 1])) return false;
    uint32_t copula = t - 1;
    for (uint32_t back = copula; back < adjective; back++)
        if (view->tokens[back].negation) return false;
    if (view->parsed && (has_negation(view, adjective) || is_conditional(view, adjective)))
        return false;
    /* the speaker: the nearest verb of saying before the evaluated thing */
    int32_t speech = -1;
    for (uint32_t back = copula; back-- > 0;) {
        const coder_token *token = &view->tokens[back];
        if (token->verb && token_in_list(token, &work->resources->speech_verbs)) {
            speech = (int32_t)back;
            break;
        }
    }
    if (speech < 0) return false;
    memset(event, 0, sizeof *event);
    if (view->parsed) {
        bool inherited = false;
        int32_t subject = subject_of(work, (uint32_t)speech, &inherited, 0);
        if (subject >= 0) coder_actors_of_phrase(view, (uint32_t)subject, &event->source);
    }
    for (uint32_t back = (uint32_t)speech; back-- > 0 && !event->source.count;) {
        int32_t mention = view->tokens[back].mention;
        if (mention >= 0 && coder_mention_coded(view->document, mention))
            coder_actors_of_mention(view, mention, &event->source);
    }
    if (!event->source.count) return false;
    /* the author, between the verb of saying and the copula */
    for (uint32_t k = (uint32_t)speech + 1; k < copula; k++) {
        int32_t mention = view->tokens[k].mention;
        if (mention < 0 || (k > 0 && view->tokens[k - 1].mention == mention)) continue;
        if (!coder_mention_coded(view->document, mention)) continue;
        uint32_t first, last;
        mention_tokens(view, mention, k, copula, &first, &last);
        uint32_t before = first;
        if (before > 0 && strcmp(view->tokens[before - 1].lower, "the") == 0) before--;
        bool by = before > 0 && strcmp(view->tokens[before - 1].lower, "by") == 0;
        bool possessive = last + 1 < copula && (strcmp(view->tokens[last + 1].lower, "'s") == 0 ||
                                                strcmp(view->tokens[last + 1].lower, "'") == 0);
        /* "the Russian proposal": the actor modifies the noun after it */
        const coder_token *next = last + 1 < copula ? &view->tokens[last + 1] : NULL;
        bool modifier = next && next->noun && next->mention < 0 && !next->verb &&
                        (first == 0 || strcmp(view->tokens[first - 1].lower, "of") != 0);
        if (by || possessive || modifier) coder_actors_of_mention(view, mention, &event->target);
    }
    if (!event->target.count && view->parsed) {
        int32_t thing = coder_child(view, adjective, REL_NSUBJ);
        if (thing >= 0) earlier_author(work, (uint32_t)thing, &event->target);
    }
    remove_sources(view->document, &event->source, &event->target);
    if (!event->target.count) return false;
    event->trigger = event->first = event->last = adjective;
    event->has_source = event->has_target = true;
    snprintf(event->code, sizeof event->code, "%s", "120");
    event->pattern = work->resources->rejecting_pattern;
    return true;
}

/* PETRARCH codes a verb phrase once: after a verb codes, the search
 * resumes past the end of its phrase, so the verbs inside it (after the
 * verb, in its subtree) are not coded.  Verbs before it in its subtree are
 * other clauses the tree hangs under it ("X attacked Y, officials said":
 * said heads the sentence) and stay. */
static void drop_nested_verbs(sentence_work *work) {
    const coder_sentence *view = &work->view;
    if (!view->parsed) return;
    for (uint32_t i = 0; i < work->candidate_count; i++) {
        const candidate *outer = &work->candidates[i];
        if (outer->noun || outer->dropped) continue;
        for (uint32_t j = 0; j < work->candidate_count; j++) {
            candidate *inner = &work->candidates[j];
            if (j == i || inner->noun || inner->dropped || inner->trigger <= outer->last) continue;
            if (!coder_is_descendant(view, inner->trigger, outer->trigger)) continue;
            /* a conjunct of the verb is a verb phrase of its own ("condemned
             * X and promised Y") */
            uint32_t below = inner->trigger;
            while (view->tokens[below].head >= 0 && (uint32_t)view->tokens[below].head != outer->trigger)
                below = (uint32_t)view->tokens[below].head;
            /* nor is a verb the parser coordinated with a nominal of the
             * clause ("condemned X on Thursday and promised Y", promised
             * under Thursday) */
            const coder_token *item = &view->tokens[inner->trigger];
            bool misplaced_conjunct = item->relation == REL_CONJ && item->head >= 0 &&
                                      !view->tokens[item->head].verb;
            if (view->tokens[below].relation != REL_CONJ && !misplaced_conjunct) inner->dropped = true;
        }
    }
}

static bool sets_share(const dyad_document *document, const actor_set *a, const actor_set *b) {
    for (uint32_t i = 0; i < a->count; i++)
        for (uint32_t j = 0; j < b->count; j++)
            if (same_code(document, a->mentions[i], b->mentions[j])) return true;
    return false;
}

/* The object of a reaction is what was reacted to, not news of its own:
 * "welcomed the agreement between X and Y", "condemned Russia's attack".
 * The verb's event took its target from that phrase; the nominal event
 * the phrase names is not coded again beside it. */
static void drop_reacted_nominals(sentence_work *work) {
    const coder_sentence *view = &work->view;
    for (uint32_t i = 0; i < work->candidate_count; i++) {
        candidate *nominal = &work->candidates[i];
        if (!nominal->noun || nominal->dropped) continue;
        const coder_token *item = &view->tokens[nominal->trigger];
        if (item->relation != REL_OBJ || item->head < 0) continue;
        for (uint32_t j = 0; j < work->candidate_count; j++) {
            const candidate *verb = &work->candidates[j];
            if (verb->noun || verb->dropped || verb->trigger != (uint32_t)item->head || !verb->has_target)
                continue;
            if (sets_share(view->document, &verb->target, &nominal->source) ||
                sets_share(view->document, &verb->target, &nominal->target))
                nominal->dropped = true;
        }
    }
}

static dyad_status code_sentence(sentence_work *work, event_sink *sink) {
    const coder_sentence *view = &work->view;
    size_t first_event = work->document->event_count;
    work->candidate_count = 0;
    for (int pass = 0; pass < 2; pass++) {
        bool noun = pass == 1;
        for (uint32_t t = 0; t < view->count && work->candidate_count < MAX_CANDIDATES; t++) {
            if (work->spent[t]) continue;
            candidate *event = &work->candidates[work->candidate_count];
            if (!find_trigger(work, t, noun, event)) continue;
            work->candidate_count++;
        }
    }
    for (uint32_t i = 0; i < work->candidate_count; i++) {
        candidate *event = &work->candidates[i];
        if (event->noun)
            noun_roles(work, event);
        else if (view->parsed)
            verb_roles(work, event);
        else {
            /* no parse: TABARI's reading, the nearest actor before the verb
             * and the first one after it */
            for (uint32_t t = event->first; t-- > 0 && !event->has_source;) {
                if (view->tokens[t].mention < 0) continue;
                coder_actors_of_mention(view, view->tokens[t].mention, &event->source);
                event->has_source = event->source.count > 0;
            }
            for (uint32_t t = event->last + 1; t < view->count && !event->has_target; t++) {
                if (view->tokens[t].mention < 0) continue;
                coder_actors_of_mention(view, view->tokens[t].mention, &event->target);
                event->has_target = event->target.count > 0;
            }
        }
    }
    if (work->petrarch) drop_nested_verbs(work);
    else if (view->parsed) drop_reacted_nominals(work);
    for (uint32_t i = 0; i < work->candidate_count; i++)
        if (!work->candidates[i].dropped) apply_context(work, &work->candidates[i]);
    /* evaluations are coded only where no dictionary pattern took the
     * adjective */
    for (uint32_t t = 0; t < view->count && work->candidate_count < MAX_CANDIDATES; t++) {
        if (work->spent[t]) continue;
        candidate *event = &work->candidates[work->candidate_count];
        if (code_evaluation(work, t, event)) work->candidate_count++;
    }
    for (uint32_t i = 0; i < work->candidate_count; i++) {
        const candidate *event = &work->candidates[i];
        if (event->dropped) continue;
        if (!emit_candidate(sink, event, work->sentence))
            return DYAD_ERR_MEMORY;
    }
    sort_events(work->document, first_event);
    return DYAD_OK;
}

dyad_status code_document(const coder_resources *resources, dyad_document *document,
                          dyad_error *error) {
    return code_document_with(resources, document, NULL, error);
}

dyad_status code_document_with(const coder_resources *resources, dyad_document *document,
                               const coder_conventions *conventions, dyad_error *error) {
    document->events = NULL;
    document->event_count = 0;
    event_sink sink = {.document = document, .resources = resources, .capacity = 0,
                       .date = normalized_date(document)};
    sentence_work *work = arena_calloc(document->arena, 1, sizeof *work);
    if (!work) return error_set(error, DYAD_ERR_MEMORY, document->origin, document->origin_line, -1,
                                "out of memory");
    work->resources = resources;
    work->verbs = resources->verbs;
    work->petrarch = conventions && conventions->petrarch;
    work->document = document;
    for (size_t s = 0; s < document->sentence_count; s++) {
        const dyad_sentence *sentence = &document->sentences[s];
        if (sentence->heading || !sentence->token_count) continue;
        work->sentence = (uint32_t)s;
        if (!coder_sentence_build(&work->view, document, (uint32_t)s, resources->verbs))
            return error_set(error, DYAD_ERR_MEMORY, document->origin, document->origin_line, -1,
                             "out of memory");
        int discard = discard_level(resources, &work->view);
        if (discard == 2) {
            document->event_count = 0;
            return DYAD_OK;
        }
        if (discard == 1 || !work->view.has_actors) continue;   /* no actors, no event */
        work->spent = arena_calloc(document->arena, sentence->token_count, 1);
        if (!work->spent || code_sentence(work, &sink) != DYAD_OK)
            return error_set(error, DYAD_ERR_MEMORY, document->origin, document->origin_line, -1,
                             "out of memory");
    }
    return DYAD_OK;
}
