/*
 * command_parse.c — `dyad parse [FILES]`: every article cleaned,
 * segmented, tagged and parsed, written as CoNLL-U.
 */
#include "arguments.h"
#include "commands.h"

#include <stdio.h>

static const char usage[] =
    "dyad parse [--input-format jsonl|text|html] [--date YYYY-MM-DD] [-j N] [--data-dir DIR] "
    "[FILES]";

static dyad_status parse_one(const void *context, dyad_document *document, dyad_buffer *out,
                             dyad_error *error) {
    const dyad_resources *resources = context;
    dyad_status status =
        dyad_process(resources, document, DYAD_STAGE_SEGMENT | DYAD_STAGE_PARSE, error);
    if (status != DYAD_OK) return status;
    return dyad_write_conllu(document, out);
}

int command_parse(int argc, char **argv) {
    article_arguments arguments;
    int status = parse_article_arguments(argc, argv, usage, NULL, NULL, NULL, &arguments);
    if (status) return status < 0 ? 0 : status;
    dyad_config config = {.data_dir = arguments.data_dir,
                          .stages = DYAD_STAGE_SEGMENT | DYAD_STAGE_PARSE};
    dyad_resources *resources;
    dyad_error error;
    if (dyad_resources_load(&config, &resources, &error) != DYAD_OK) {
        batch_report(&error);
        return 1;
    }
    batch_totals totals;
    arguments.batch.reader.resources = resources;
    int exit_status = batch_run(&arguments.batch, parse_one, resources, &totals);
    dyad_resources_free(resources);
    return exit_status;
}
