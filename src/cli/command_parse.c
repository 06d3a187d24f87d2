/*
 * command_parse.c — `dyad parse [FILES]`: every article cleaned,
 * segmented, tagged and parsed, written as CoNLL-U.
 */
#include "arguments.h"
#include "commands.h"

#include <stdio.h>

static const char usage[] =
    "dyad parse [--input-format jsonl|text|html] [--date YYYY-MM-DD] [-j N] [--data-dir DIR] "
    "[--parser MODEL] [--beam N] [--beam-margin M] [FILES]";

static dyad_status parse_one(const void *context, dyad_document *document, dyad_buffer *out,
                             dyad_error *error) {
    const dyad_resources *resources = context;
    dyad_status status =
        dyad_process(resources, document, DYAD_STAGE_SEGMENT | DYAD_STAGE_PARSE, error);
    if (status != DYAD_OK) return status;
    return dyad_write_conllu(document, out);
}

int command_parse(int argc, char **argv) {
    return run_article_command(argc, argv, usage, DYAD_STAGE_SEGMENT | DYAD_STAGE_PARSE, parse_one);
}
