/*
 * command_eval_parse.c — `dyad eval parse --gold FILE.conllu [--raw]`:
 * tagging and parsing accuracy against a treebank (evaluate/parse_eval.h)
 * and the speed of tagging + parsing, one figure per line.  --tagger and
 * --parser name models other than the data directory's, so that a
 * retrained pair is measured before it replaces the committed one.
 */
#include "arguments.h"
#include "commands.h"
#include "evaluate/parse_eval.h"
#include "nlp/lemmatizer.h"
#include "resources.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

int command_eval_parse(int argc, char **argv) {
    static const char usage[] =
        "dyad eval parse --gold FILE.conllu [--raw] [--gold-tags] [--tagger MODEL] "
        "[--parser MODEL] [--beam N] [--beam-margin M] [--data-dir DIR]";
    enum { OPTION_GOLD = 1000, OPTION_RAW, OPTION_GOLD_TAGS, OPTION_TAGGER, OPTION_PARSER,
           OPTION_BEAM, OPTION_BEAM_MARGIN, OPTION_DATA_DIR };
    static const struct option options[] = {
        {"gold", required_argument, NULL, OPTION_GOLD},
        {"raw", no_argument, NULL, OPTION_RAW},
        {"gold-tags", no_argument, NULL, OPTION_GOLD_TAGS},
        {"tagger", required_argument, NULL, OPTION_TAGGER},
        {"parser", required_argument, NULL, OPTION_PARSER},
        {"beam", required_argument, NULL, OPTION_BEAM},
        {"beam-margin", required_argument, NULL, OPTION_BEAM_MARGIN},
        {"data-dir", required_argument, NULL, OPTION_DATA_DIR},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *gold_path = NULL, *tagger_path = NULL, *parser_path = NULL, *data_dir = NULL;
    bool raw = false, gold_tags = false;
    unsigned long beam_width = 0;
    double beam_margin = 0;
    optind = 1;
    opterr = 0;
    int option;
    while ((option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (option) {
        case OPTION_GOLD: gold_path = optarg; break;
        case OPTION_RAW: raw = true; break;
        case OPTION_GOLD_TAGS: gold_tags = true; break;
        case OPTION_TAGGER: tagger_path = optarg; break;
        case OPTION_PARSER: parser_path = optarg; break;
        case OPTION_BEAM:
            if (parse_count_option(usage, "--beam", optarg, PARSER_MAX_BEAM, &beam_width)) return 2;
            break;
        case OPTION_BEAM_MARGIN:
            if (parse_margin_option(usage, "--beam-margin", optarg, &beam_margin)) return 2;
            break;
        case OPTION_DATA_DIR: data_dir = optarg; break;
        case 'h': printf("usage: %s\n", usage); return 0;
        default: return usage_error(usage, "unknown option or missing value: %s", argv[optind - 1]);
        }
    }
    if (optind < argc) return usage_error(usage, "unexpected argument '%s'", argv[optind]);
    if (!gold_path) return usage_error(usage, "--gold is required");
    if (raw && gold_tags) return usage_error(usage, "--gold-tags needs gold tokens, not --raw");
    if (tagger_path && gold_tags) return usage_error(usage, "--gold-tags tags nothing: no --tagger");

    /* the segmenter from the resources; the tagger and the parser loaded
     * here, so that --parser can name a model other than the data
     * directory's */
    dyad_config config = {.data_dir = data_dir, .stages = DYAD_STAGE_SEGMENT};
    dyad_resources *resources = NULL;
    tagger *tagger = NULL;
    lemmatizer *lemmatizer = NULL; /* the data directory's, for a --tagger model */
    parser_model *parser = NULL;
    char default_parser[4096];
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus gold;
    dyad_error error;
    int exit_status = 1;
    if (!arena) {
        fprintf(stderr, "dyad: out of memory\n");
    } else if (dyad_resources_load(&config, &resources, &error) != DYAD_OK ||
               (tagger_path &&
                (lemmatizer_load_from_data_dir(resources->data_dir, &lemmatizer, &error) != DYAD_OK ||
                 tagger_load_with_word_classes(tagger_path, lemmatizer, &tagger, &error) !=
                     DYAD_OK)) ||
               (!gold_tags && !tagger_path &&
                tagger_load_from_data_dir(resources->data_dir, &tagger, &error) != DYAD_OK) ||
               parser_model_load(parser_path ? parser_path
                                             : parser_model_path(resources->data_dir, default_parser,
                                                                 sizeof default_parser),
                                 &parser, &error) != DYAD_OK ||
               conllu_read_file(gold_path, arena, &gold, &error) != DYAD_OK) {
        batch_report(&error);
    } else {
        parse_eval_setup setup = {.segment = resources->segment,
                                  .tagger = tagger,
                                  .lemmatizer = tagger ? tagger_word_classes(tagger) : NULL,
                                  .parser = parser,
                                  .beam_width = (int)beam_width,
                                  .beam_margin = beam_margin,
                                  .raw = raw};
        parse_eval_counts counts;
        if (parse_evaluate(&setup, &gold, gold_path, &counts, &error) != DYAD_OK) {
            batch_report(&error);
        } else {
            printf("UPOS %.2f\n", parse_eval_percent(&counts, counts.upos));
            printf("XPOS %.2f\n", parse_eval_percent(&counts, counts.xpos));
            printf("UAS %.2f\n", parse_eval_percent(&counts, counts.attached));
            printf("LAS %.2f\n", parse_eval_percent(&counts, counts.labelled));
            printf("tokens/s %.0f\n",
                   counts.seconds > 0 ? (double)counts.tokens / counts.seconds : 0.0);
            printf("LAS-subtypes %.2f\n", parse_eval_percent(&counts, counts.labelled_subtypes));
            if (raw)
                printf("words %.2f\n", parse_eval_percent(&counts, counts.aligned_words));
            exit_status = 0;
        }
    }
    parser_model_free(parser);
    tagger_free(tagger);
    lemmatizer_free(lemmatizer);
    dyad_resources_free(resources);
    dyad_arena_free(arena);
    return exit_status;
}
