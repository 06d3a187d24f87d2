/*
 * command_eval_tag.c — `dyad eval tag --gold FILE.conllu`: accuracy and
 * speed of the tagger and lemmatizer on a treebank's gold words.
 *
 * Prints one figure per line: UPOS, XPOS (percent of words), lemmas
 * (percent of words, lemmatized from the predicted tags, as the pipeline
 * does) and tokens/s (tagging alone, one core).  --errors lists the
 * words whose tags or lemma are wrong on stderr, for error analysis.
 */
#include "arguments.h"
#include "commands.h"
#include "ingest/conllu_read.h"
#include "nlp/lemmatizer.h"
#include "nlp/tagger.h"
#include "resources.h"
#include "util/error.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "dyad eval tag --gold FILE.conllu [--tagger PATH] [--lemmatizer PATH] [--data-dir DIR] "
    "[--errors]";

/* Percent of the gold words whose lemma, from the predicted tags, matches. */
static double lemma_accuracy(const lemmatizer *lemmatizer, const tagger *tagger,
                             const conllu_corpus *gold, const uint16_t *labels, FILE *errors) {
    char buffer[LEMMA_MAX_BYTES];
    size_t index = 0, right = 0;
    for (size_t s = 0; s < gold->sentence_count; s++) {
        const conllu_sentence *sentence = &gold->sentences[s];
        for (size_t w = 0; w < sentence->word_count; w++, index++) {
            const conllu_word *word = &sentence->words[w];
            if (errors && (strcmp(word->upos, tagger_label_upos(tagger, labels[index])) != 0 ||
                           strcmp(word->xpos, tagger_label_xpos(tagger, labels[index])) != 0))
                fprintf(errors, "tag\t%s\t%s %s\tgold %s %s\n", word->form,
                        tagger_label_upos(tagger, labels[index]), tagger_label_xpos(tagger, labels[index]),
                        word->upos, word->xpos);
            const char *lemma = lemmatize_word(lemmatizer, word->form, tagger_label_upos(tagger, labels[index]),
                                               tagger_label_xpos(tagger, labels[index]), w == 0, buffer);
            bool correct = strcmp(lemma, word->lemma) == 0;
            right += correct;
            if (!correct && errors)
                fprintf(errors, "lemma\t%s\t%s\t%s\tgold %s\t(gold tags %s %s)\n", word->form,
                        tagger_label_xpos(tagger, labels[index]), lemma, word->lemma, word->upos,
                        word->xpos);
        }
    }
    return index ? 100.0 * (double)right / (double)index : 0;
}

int command_eval_tag(int argc, char **argv) {
    enum { OPTION_GOLD = 1000, OPTION_TAGGER, OPTION_LEMMATIZER, OPTION_DATA_DIR, OPTION_ERRORS };
    static const struct option options[] = {
        {"gold", required_argument, NULL, OPTION_GOLD},
        {"tagger", required_argument, NULL, OPTION_TAGGER},
        {"lemmatizer", required_argument, NULL, OPTION_LEMMATIZER},
        {"data-dir", required_argument, NULL, OPTION_DATA_DIR},
        {"errors", no_argument, NULL, OPTION_ERRORS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *gold_path = NULL, *tagger_path = NULL, *lemmatizer_path = NULL, *data_dir = NULL;
    bool show_errors = false;
    optind = 1;
    opterr = 0;
    int option;
    while ((option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (option) {
        case OPTION_GOLD: gold_path = optarg; break;
        case OPTION_TAGGER: tagger_path = optarg; break;
        case OPTION_LEMMATIZER: lemmatizer_path = optarg; break;
        case OPTION_ERRORS: show_errors = true; break;
        case OPTION_DATA_DIR: data_dir = optarg; break;
        case 'h': printf("usage: %s\n", usage); return 0;
        default: return usage_error(usage, "unknown option or missing value: %s", argv[optind - 1]);
        }
    }
    if (optind < argc) return usage_error(usage, "unexpected argument '%s'", argv[optind]);
    if (!gold_path) return usage_error(usage, "--gold is required");

    dyad_error error;
    char message[1200];
    char *directory = NULL;
    if ((!tagger_path || !lemmatizer_path) && !(directory = resources_find_data_dir(data_dir))) {
        fprintf(stderr, "dyad: cannot find the data directory; give --data-dir\n");
        return 1;
    }
    tagger *tagger = NULL;
    lemmatizer *lemmatizer = NULL;
    dyad_status status = lemmatizer_path
                             ? lemmatizer_load(lemmatizer_path, &lemmatizer, &error)
                             : lemmatizer_load_from_data_dir(directory, &lemmatizer, &error);
    char default_tagger[4096];
    if (!tagger_path) {
        snprintf(default_tagger, sizeof default_tagger, "%s/nlp/tagger.model", directory);
        tagger_path = default_tagger;
    }
    if (status == DYAD_OK)
        status = tagger_load_with_word_classes(tagger_path, lemmatizer, &tagger, &error);
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus gold;
    uint16_t *labels = NULL;
    tagger_accuracy accuracy;
    if (status == DYAD_OK && !arena)
        status = error_set(&error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    if (status == DYAD_OK) status = conllu_read_file(gold_path, arena, &gold, &error);
    if (status == DYAD_OK && !(labels = malloc((gold.word_count + 1) * sizeof *labels)))
        status = error_set(&error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    int exit_status = 0;
    if (status == DYAD_OK) status = tagger_evaluate(tagger, &gold, &accuracy, labels, &error);
    if (status == DYAD_OK) {
        double words = accuracy.words ? (double)accuracy.words : 1.0;
        printf("UPOS %.2f\n", 100.0 * (double)accuracy.upos_correct / words);
        printf("XPOS %.2f\n", 100.0 * (double)accuracy.xpos_correct / words);
        printf("lemmas %.2f\n", lemma_accuracy(lemmatizer, tagger, &gold, labels, show_errors ? stderr : NULL));
        printf("tokens/s %.0f\n", accuracy.seconds > 0 ? (double)accuracy.words / accuracy.seconds : 0);
    } else {
        fprintf(stderr, "dyad: %s\n", dyad_error_format(&error, message, sizeof message));
        exit_status = 1;
    }
    free(labels);
    dyad_arena_free(arena);
    tagger_free(tagger);
    lemmatizer_free(lemmatizer);
    free(directory);
    return exit_status;
}
