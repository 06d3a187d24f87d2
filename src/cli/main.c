/*
 * main.c — the `dyad` command: finds the subcommand and hands over.
 *
 * The CLI is a thin layer over libdyad (like curl over libcurl): argument
 * parsing, messages and exit codes live here, everything else in the
 * library.
 */
#include "commands.h"
#include "dyad.h"

#include <stdio.h>
#include <string.h>

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"segment", command_segment, "clean articles and cut them into sentences and tokens (JSONL)"},
    {"extract", command_extract, "quotations, figures, places and dates (JSONL)"},
    {"parse", command_parse, "tag and parse articles into Universal Dependencies trees (CoNLL-U)"},
    {"actors", command_actors, "actor mentions and their codes (JSONL); --load-stats, --unknown"},
    {"code", command_code, "code who did what to whom: actors and CAMEO/PLOVER events (JSONL)"},
    {"bench", command_bench, "code the inputs and print articles/s, sentences/s, tokens/s, events/s, memory"},
    {"validate", command_validate, "run a PETRARCH validation file (FILE.xml) and count records coded right"},
    {"eval", command_eval, "accuracy against gold data: eval tokenize|tag|parse|actors|events|extraction|extract"},
    {"train", command_train, "train a model: train segmenter|tagger|lemmatizer|parser|clusters ..."},
};

static void print_help(FILE *to) {
    fprintf(to,
            "dyad %s — reads the news and writes down who did what to whom\n\n"
            "usage: dyad COMMAND [OPTIONS] [FILES]\n\ncommands:\n",
            DYAD_VERSION);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(to, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(to,
            "\ninputs: FILES or standard input; .jsonl (one article per line), .html/.htm,\n"
            ".warc (one article per HTML page archived), anything else one plain-text\n"
            "article per file (.gz read transparently).\n"
            "common options: --input-format jsonl|text|html|warc, --date YYYY-MM-DD, -j N,\n"
            "--data-dir DIR, --quiet.  `dyad COMMAND --help` for more.\n"
            "exit status: 0 all records processed, 1 some record failed, 2 usage error.\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        print_help(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_help(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("dyad %s\n", DYAD_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown command '%s' (dyad --help lists them)\n", argv[1]);
    return 2;
}
