/*
 * command_segment.c — `dyad segment [FILES]`: cleaned text, sentences and
 * tokens of each article as one JSON object per line.
 */
#include "arguments.h"
#include "commands.h"

#include <stdio.h>

static const char usage[] =
    "dyad segment [--input-format jsonl|text|html|warc] [--date YYYY-MM-DD] [-j N] [FILES]";

static dyad_status segment_one(const void *context, dyad_document *document, dyad_buffer *out,
                               dyad_error *error) {
    const dyad_resources *resources = context;
    dyad_status status = dyad_process(resources, document, DYAD_STAGE_SEGMENT, error);
    if (status != DYAD_OK) return status;
    return dyad_write_segment_json(document, out);
}

int command_segment(int argc, char **argv) {
    article_arguments arguments;
    int status = parse_article_arguments(argc, argv, usage, NULL, NULL, NULL, &arguments);
    if (status) return status < 0 ? 0 : status;
    dyad_config config = {.data_dir = arguments.data_dir, .stages = DYAD_STAGE_SEGMENT};
    dyad_resources *resources;
    dyad_error error;
    if (dyad_resources_load(&config, &resources, &error) != DYAD_OK) {
        batch_report(&error);
        return 1;
    }
    batch_totals totals;
    arguments.batch.reader.resources = resources;
    int exit_status = batch_run(&arguments.batch, segment_one, resources, &totals);
    dyad_resources_free(resources);
    return exit_status;
}
