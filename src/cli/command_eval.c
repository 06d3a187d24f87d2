/*
 * command_eval.c — `dyad eval WHAT --gold FILE`: accuracy figures.
 */
#include "commands.h"

#include <stdio.h>
#include <string.h>

int command_eval(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "dyad: usage: dyad eval tokenize --gold FILE.conllu\n");
        return 2;
    }
    if (strcmp(argv[1], "extract") == 0) return command_eval_extract(argc - 1, argv + 1);
    if (strcmp(argv[1], "actors") == 0) return command_eval_actors(argc - 1, argv + 1);
    if (strcmp(argv[1], "extraction") == 0) return command_eval_extraction(argc - 1, argv + 1);
    if (strcmp(argv[1], "events") == 0) return command_eval_events(argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown evaluation '%s'\n", argv[1]);
    return 2;
}
