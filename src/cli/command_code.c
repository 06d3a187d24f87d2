/*
 * command_code.c — `dyad code [--dict PATH ...] [FILES]`: the full article
 * record with actors and events, one JSON object per line; and the
 * dictionary options `bench` and `validate` share (code_options.h).
 */
#include "arguments.h"
#include "commands.h"
#include "code_options.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char code_usage[] =
    "dyad code [--dict PATH ...] [--no-default-dict] [--tokens] [--input-format "
    "jsonl|text|html] [--date YYYY-MM-DD] [-j N] [--parser MODEL] [--beam N] [--beam-margin M] "
    "[FILES]";

enum { OPTION_DICT = 2000, OPTION_NO_DEFAULT_DICT, OPTION_TOKENS };

static const struct option code_extra[] = {
    {"dict", required_argument, NULL, OPTION_DICT},
    {"no-default-dict", no_argument, NULL, OPTION_NO_DEFAULT_DICT},
    {"tokens", no_argument, NULL, OPTION_TOKENS},
    {NULL, 0, NULL, 0},
};

static int on_code_option(int option, const char *value, void *context) {
    code_options *options = context;
    switch (option) {
    case OPTION_DICT:
        if (options->dictionary_count == CODE_MAX_DICTIONARIES) {
            fprintf(stderr, "dyad: at most %d --dict files\n", CODE_MAX_DICTIONARIES);
            return 2;
        }
        options->dictionaries[options->dictionary_count++] = value;
        options->dictionaries[options->dictionary_count] = NULL;
        return 0;
    case OPTION_NO_DEFAULT_DICT:
        options->no_default = true;
        return 0;
    case OPTION_TOKENS:
        options->tokens = true;
        return 0;
    default:
        return 2;
    }
}

int code_parse_options(int argc, char **argv, const char *usage, code_options *options,
                       article_arguments *arguments) {
    memset(options, 0, sizeof *options);
    int status = parse_article_arguments(argc, argv, usage, code_extra, on_code_option, options,
                                         arguments);
    if (status == 0 && options->no_default && options->dictionary_count == 0)
        return usage_error(usage, "--no-default-dict needs at least one --dict");
    return status;
}

dyad_status code_load_resources(const code_options *options, const article_arguments *arguments,
                                unsigned stages, dyad_resources **out, dyad_error *error) {
    dyad_config config = article_config(arguments, stages);
    config.dictionaries = options->dictionary_count ? options->dictionaries : NULL;
    config.dictionaries_only = options->no_default;
    dyad_status status = dyad_resources_load(&config, out, error);
    if (status != DYAD_OK) return status;
    /* a skipped dictionary line is reported, never dropped silently */
    size_t warnings = dyad_resources_warning_count(*out);
    for (size_t i = 0; i < warnings; i++) batch_report(dyad_resources_warning(*out, i));
    if (warnings)
        fprintf(stderr, "dyad: %zu dictionary line%s skipped\n", warnings, warnings == 1 ? "" : "s");
    return DYAD_OK;
}

typedef struct code_context {
    const dyad_resources *resources;
    bool tokens;
} code_context;

static dyad_status code_one(const void *context, dyad_document *document, dyad_buffer *out,
                            dyad_error *error) {
    const code_context *code = context;
    dyad_status status = dyad_process(code->resources, document, 0, error);
    if (status != DYAD_OK) return status;
    return dyad_write_code_json(document, code->tokens, out);
}

int command_code(int argc, char **argv) {
    code_options options;
    article_arguments arguments;
    int status = code_parse_options(argc, argv, code_usage, &options, &arguments);
    if (status) return status < 0 ? 0 : status;
    dyad_resources *resources;
    dyad_error error;
    if (code_load_resources(&options, &arguments, 0, &resources, &error) != DYAD_OK) {
        batch_report(&error);
        return 1;
    }
    code_context context = {.resources = resources, .tokens = options.tokens};
    batch_totals totals;
    arguments.batch.reader.resources = resources;
    int exit_status = batch_run(&arguments.batch, code_one, &context, &totals);
    dyad_resources_free(resources);
    return exit_status;
}
