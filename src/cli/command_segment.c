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
    return run_article_command(argc, argv, usage, DYAD_STAGE_SEGMENT, segment_one);
}
