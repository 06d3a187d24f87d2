/*
 * dyad.c — library entry points that tie the stages together:
 * loading resources and running the pipeline on a document.
 */
#include "resources.h"
#include "util/error.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_data_dir(const char *dir) {
    char marker[PATH_MAX + 16];
    struct stat info;
    if (strlen(dir) >= PATH_MAX) return false;
    snprintf(marker, sizeof marker, "%s/dyad-data", dir);
    return stat(marker, &info) == 0;
}

char *resources_find_data_dir(const char *configured) {
    if (configured) return strdup(configured);
    const char *environment = getenv("DYAD_DATA_DIR");
    if (environment && *environment) return strdup(environment);
    char executable[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", executable, sizeof executable - 1);
    if (length > 0) {
        executable[length] = '\0';
        char *slash = strrchr(executable, '/');
        if (slash) *slash = '\0';
        static const char *const relative[] = {"/../data", "/../share/dyad", "/data"};
        for (size_t i = 0; i < sizeof relative / sizeof *relative; i++) {
            char candidate[PATH_MAX + 32];
            snprintf(candidate, sizeof candidate, "%s%s", executable, relative[i]);
            if (is_data_dir(candidate)) return realpath(candidate, NULL);
        }
    }
#ifdef DYAD_SOURCE_DATA_DIR
    if (is_data_dir(DYAD_SOURCE_DATA_DIR)) return strdup(DYAD_SOURCE_DATA_DIR);
#endif
#ifdef DYAD_INSTALL_DATA_DIR
    if (is_data_dir(DYAD_INSTALL_DATA_DIR)) return strdup(DYAD_INSTALL_DATA_DIR);
#endif
    return NULL;
}

/* Gathers the left-out lines of user dictionaries from every stage into
 * one list, so callers see them through one API whatever stage read them. */
static dyad_status append_warnings(dyad_resources *resources, const dyad_error *more, size_t count,
                                   dyad_error *error) {
    if (!count) return DYAD_OK;
    dyad_error *grown = realloc(resources->warnings,
                                (resources->warning_count + count) * sizeof *grown);
    if (!grown) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    memcpy(grown + resources->warning_count, more, count * sizeof *grown);
    resources->warnings = grown;
    resources->warning_count += count;
    return DYAD_OK;
}

static dyad_status collect_coder_warnings(dyad_resources *resources, dyad_error *error) {
    size_t count;
    const dictionary_problem *problems = coder_resources_problems(resources->coder, &count);
    for (size_t i = 0; i < count; i++) {
        dyad_error warning;
        error_set(&warning, DYAD_ERR_MODEL, problems[i].file, problems[i].line, -1,
                  "%s (line skipped)", problems[i].message);
        if (append_warnings(resources, &warning, 1, error) != DYAD_OK) return DYAD_ERR_MEMORY;
    }
    return DYAD_OK;
}

size_t dyad_resources_warning_count(const dyad_resources *resources) {
    return resources ? resources->warning_count : 0;
}

const dyad_error *dyad_resources_warning(const dyad_resources *resources, size_t index) {
    return resources && index < resources->warning_count ? &resources->warnings[index] : NULL;
}

dyad_status dyad_resources_load(const dyad_config *config, dyad_resources **out,
                                dyad_error *error) {
    *out = NULL;
    error_clear(error);
    dyad_resources *resources = calloc(1, sizeof *resources);
    if (!resources) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    resources->stages = config && config->stages ? config->stages : ~0u;
    resources->data_dir = resources_find_data_dir(config ? config->data_dir : NULL);
    if (!resources->data_dir) {
        dyad_resources_free(resources);
        return error_set(error, DYAD_ERR_MODEL, NULL, 0, -1,
                         "cannot find dyad's data directory (set DYAD_DATA_DIR)");
    }
    dyad_status status =
        html_hints_load_from_data_dir(resources->data_dir, &resources->html_hints, error);
    if (status == DYAD_OK)
        status = clean_resources_load(resources->data_dir, &resources->clean, error);
    if (status == DYAD_OK)
        status = segment_resources_load(resources->data_dir, &resources->segment, error);
    if (status == DYAD_OK && (resources->stages & DYAD_STAGE_PARSE)) {
        char path[PATH_MAX];
        status = tagger_load_from_data_dir(resources->data_dir, &resources->tagger, error);
        if (status == DYAD_OK) resources->lemmatizer = tagger_word_classes(resources->tagger);
        if (status == DYAD_OK && !resources->lemmatizer) {
            status = lemmatizer_load_from_data_dir(resources->data_dir,
                                                   &resources->own_lemmatizer, error);
            resources->lemmatizer = resources->own_lemmatizer;
        }
        if (status == DYAD_OK) {
            const char *chosen = config ? config->parser_model : NULL;
            const char *model = parser_model_path(resources->data_dir, path, sizeof path);
            if (chosen && strchr(chosen, '/')) model = chosen;
            else if (chosen) {
                snprintf(path, sizeof path, "%s/nlp/%s", resources->data_dir, chosen);
                model = path;
            }
            status = parser_model_load(model, &resources->parser, error);
        }
        if (status == DYAD_OK) {
            int width = config ? config->parser_beam_width : 0;
            if (width < 0 || width > PARSER_MAX_BEAM)
                status = error_set(error, DYAD_ERR_USAGE, NULL, 0, -1,
                                   "dyad_config.parser_beam_width is %d; it must be 0 (the "
                                   "model's own) or 1 to %d", width, PARSER_MAX_BEAM);
            resources->parser_beam_width = width ? width : parser_beam_width(resources->parser);
            double margin = config ? config->parser_beam_margin : 0;
            if (status == DYAD_OK && !(margin >= 0))
                status = error_set(error, DYAD_ERR_USAGE, NULL, 0, -1,
                                   "dyad_config.parser_beam_margin is %g; it must be 0 (the "
                                   "default, %g), a positive number of moves or INFINITY",
                                   margin, PARSER_BEAM_MARGIN);
            resources->parser_beam_margin = margin ? margin : PARSER_BEAM_MARGIN;
        }
    }
    if (status == DYAD_OK && (resources->stages & DYAD_STAGE_ACTORS))
        status = actors_resources_load(resources->data_dir, config ? config->dictionaries : NULL,
                                       config && config->dictionaries_only, NULL,
                                       &resources->actors, error);
    if (status == DYAD_OK && resources->actors) {
        const dyad_error *actor_warnings;
        size_t count = actors_resources_warnings(resources->actors, &actor_warnings);
        status = append_warnings(resources, actor_warnings, count, error);
    }
    if (status == DYAD_OK && (resources->stages & DYAD_STAGE_EXTRACT))
        status = extract_resources_load(resources->data_dir, &resources->extract, error);
    if (status == DYAD_OK && (resources->stages & DYAD_STAGE_EVENTS)) {
        coder_options options = {
            .dictionaries = config ? config->dictionaries : NULL,
            .dictionaries_only = config && config->dictionaries_only,
        };
        status = coder_resources_load(resources->data_dir, &options, &resources->coder, error);
        if (status == DYAD_OK) status = collect_coder_warnings(resources, error);
    }
    if (status != DYAD_OK) {
        dyad_resources_free(resources);
        return status;
    }
    *out = resources;
    return DYAD_OK;
}

void dyad_resources_free(dyad_resources *resources) {
    if (!resources) return;
    html_hints_free(resources->html_hints);
    clean_resources_free(resources->clean);
    segment_resources_free(resources->segment);
    tagger_free(resources->tagger);
    lemmatizer_free(resources->own_lemmatizer);
    parser_model_free(resources->parser);
    actors_resources_free(resources->actors);
    coder_resources_free(resources->coder);
    free(resources->warnings);
    extract_resources_free(resources->extract);
    free(resources->data_dir);
    free(resources);
}

/* The nlp stage: tags, lemmatizes and parses every sentence.
 * Per-sentence scratch comes from the document's arena: a few dozen bytes
 * per token. */
static dyad_status parse_document(const dyad_resources *resources, dyad_document *document,
                                  dyad_error *error) {
    if (!resources->tagger || !resources->parser)
        return error_set(error, DYAD_ERR_USAGE, NULL, 0, -1,
                         "the parse stage was not loaded (dyad_config.stages)");
    for (size_t i = 0; i < document->sentence_count; i++) {
        dyad_sentence *sentence = &document->sentences[i];
        dyad_status status =
            tagger_tag_sentence(resources->tagger, sentence, document->arena, error);
        if (status == DYAD_OK)
            status = lemmatize_sentence(resources->lemmatizer, sentence, document->arena, error);
        if (status == DYAD_OK)
            status = parser_parse_sentence_beam(resources->parser, resources->parser_beam_width,
                                                resources->parser_beam_margin, sentence,
                                                document->arena, error);
        if (status != DYAD_OK) return status;
    }
    return DYAD_OK;
}

dyad_status dyad_process(const dyad_resources *resources, dyad_document *document,
                         unsigned stages, dyad_error *error) {
    error_clear(error);
    if (!stages) stages = resources->stages;
    dyad_status status = DYAD_OK;
    if (stages & DYAD_STAGE_SEGMENT) {
        status = clean_document(resources->clean, document, error);
        if (status == DYAD_OK) status = segment_document(resources->segment, document, error);
    }
    if (status == DYAD_OK && (stages & DYAD_STAGE_PARSE))
        status = parse_document(resources, document, error);
    if (status == DYAD_OK && (stages & DYAD_STAGE_ACTORS)) {
        if (!resources->actors)
            return error_set(error, DYAD_ERR_USAGE, NULL, 0, -1,
                             "the actors stage was not loaded (dyad_config.stages)");
        status = actors_document(resources->actors, document, error);
    }
    if (status == DYAD_OK && (stages & DYAD_STAGE_EXTRACT) && resources->extract)
        status = extract_document(resources->extract, document, error);
    if (status == DYAD_OK && (stages & DYAD_STAGE_EVENTS) && resources->coder)
        status = code_document(resources->coder, document, error);
    return status;
}
