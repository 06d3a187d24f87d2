/*
 * command_eval_events.c — `dyad eval events --gold FILE [--verbose]` (and
 * the parser options of `dyad code`: --parser, --beam, --beam-margin):
 * precision, recall and F1 of coded events against annotated sentences
 * (evaluate/event_eval.h), and the over-coding count, one figure per line.
 */
#include "arguments.h"
#include "batch.h"
#include "commands.h"
#include "evaluate/event_eval.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
    "dyad eval events --gold FILE [--verbose] [--dict PATH ...] [--no-default-dict] "
    "[--parser MODEL] [--beam N] [--beam-margin M] [--data-dir DIR]";

enum { OPTION_GOLD = 2000, OPTION_VERBOSE, OPTION_DICT, OPTION_NO_DEFAULT_DICT };

enum { MAX_DICTIONARIES = 32 };

typedef struct eval_options {
    const char *gold;
    bool verbose;
    const char *dictionaries[MAX_DICTIONARIES + 1];
    int dictionary_count;
    bool dictionaries_only;
} eval_options;

static int on_option(int option, const char *value, void *context) {
    eval_options *options = context;
    switch (option) {
    case OPTION_GOLD: options->gold = value; return 0;
    case OPTION_VERBOSE: options->verbose = true; return 0;
    case OPTION_NO_DEFAULT_DICT: options->dictionaries_only = true; return 0;
    case OPTION_DICT:
        if (options->dictionary_count == MAX_DICTIONARIES)
            return usage_error(usage, "at most %d --dict files", MAX_DICTIONARIES);
        options->dictionaries[options->dictionary_count++] = value;
        return 0;
    }
    return usage_error(usage, "unexpected option");
}

int command_eval_events(int argc, char **argv) {
    static const struct option extra[] = {
        {"gold", required_argument, NULL, OPTION_GOLD},
        {"verbose", no_argument, NULL, OPTION_VERBOSE},
        {"dict", required_argument, NULL, OPTION_DICT},
        {"no-default-dict", no_argument, NULL, OPTION_NO_DEFAULT_DICT},
        {NULL, 0, NULL, 0},
    };
    eval_options options = {0};
    article_arguments arguments;
    int status = parse_article_arguments(argc, argv, usage, extra, on_option, &options, &arguments);
    if (status) return status < 0 ? 0 : status;
    if (!options.gold) return usage_error(usage, "--gold FILE is required");
    /* the shared options' parser and beam too, as `dyad code` takes them */
    dyad_config config = article_config(&arguments, 0);
    config.dictionaries = options.dictionary_count ? options.dictionaries : NULL;
    config.dictionaries_only = options.dictionaries_only;
    dyad_resources *resources;
    dyad_error error;
    if (dyad_resources_load(&config, &resources, &error) != DYAD_OK) {
        batch_report(&error);
        return 1;
    }
    event_eval_result result;
    dyad_buffer report = {NULL, 0, 0};
    dyad_status eval_status =
        event_eval_file(resources, options.gold, &result, options.verbose ? &report : NULL, &error);
    dyad_resources_free(resources);
    if (eval_status != DYAD_OK) {
        batch_report(&error);
        dyad_buffer_free(&report);
        return 1;
    }
    if (report.length) fwrite(report.data, 1, report.length, stdout);
    dyad_buffer_free(&report);
    printf("sentences %zu\n", result.sentences);
    printf("events expected %zu\n", result.true_positive + result.false_negative);
    printf("events produced %zu\n", result.true_positive + result.false_positive);
    printf("precision %.3f\n", result.precision);
    printf("recall %.3f\n", result.recall);
    printf("F1 %.3f\n", result.f1);
    printf("no-event sentences %zu\n", result.none_sentences);
    printf("events on no-event sentences %zu\n", result.none_events);
    return 0;
}
