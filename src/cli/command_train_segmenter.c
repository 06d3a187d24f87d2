/*
 * command_train_segmenter.c — `dyad train segmenter`: the sentence-boundary
 * model (text/sentence_train.h) from the documents behind a CoNLL-U
 * treebank (evaluate/treebank_text.h), choosing the number of passes on
 * --dev.
 */
#include "commands.h"
#include "resources.h"
#include "evaluate/treebank_text.h"
#include "ingest/conllu_read.h"
#include "text/segment.h"
#include "text/sentence_model.h"
#include "text/sentence_train.h"
#include "util/arena.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char segmenter_usage[] =
    "dyad train segmenter --train FILE.conllu [--dev FILE.conllu] [--out PATH] "
    "[--iterations N] [--seed N] [--data-dir DIR]";

static void report_iteration(void *context, int iteration, double error_rate, double dev_f1) {
    (void)context;
    if (dev_f1 >= 0)
        fprintf(stderr, "iteration %2d  training errors %.4f  dev sentences F1 %.4f\n", iteration,
                error_rate, dev_f1);
    else
        fprintf(stderr, "iteration %2d  training errors %.4f\n", iteration, error_rate);
}

/* Reads a treebank and turns it into training documents in arena. */
static dyad_status read_treebank(const char *path, dyad_arena *arena,
                                 sentence_training_document **out, size_t *count,
                                 dyad_error *error) {
    conllu_corpus corpus;
    treebank_document *documents;
    dyad_status status = conllu_read_file(path, arena, &corpus, error);
    if (status == DYAD_OK) status = treebank_documents(&corpus, path, arena, &documents, count, error);
    if (status != DYAD_OK) return status;
    sentence_training_document *training = arena_alloc(arena, (*count + 1) * sizeof *training);
    if (!training) return DYAD_ERR_MEMORY;
    for (size_t d = 0; d < *count; d++) {
        uint32_t *ends = arena_alloc(arena, (documents[d].sentence_count + 1) * sizeof *ends);
        if (!ends) return DYAD_ERR_MEMORY;
        for (size_t s = 0; s < documents[d].sentence_count; s++) ends[s] = documents[d].sentences[s].end;
        training[d] = (sentence_training_document){documents[d].document, ends,
                                                   documents[d].sentence_count};
    }
    *out = training;
    return DYAD_OK;
}

int command_train_segmenter(int argc, char **argv) {
    static const struct option options[] = {
        {"train", required_argument, NULL, 't'},    {"dev", required_argument, NULL, 'v'},
        {"out", required_argument, NULL, 'o'},      {"iterations", required_argument, NULL, 'i'},
        {"data-dir", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'},
        {"seed", required_argument, NULL, 's'},
        {NULL, 0, NULL, 0}};
    const char *train_path = NULL, *dev_path = NULL, *out_path = NULL, *data_dir = NULL;
    int iterations = 0;
    unsigned long long seed = 0;
    int option;
    optind = 1;
    while ((option = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (option) {
        case 't': train_path = optarg; break;
        case 'v': dev_path = optarg; break;
        case 'o': out_path = optarg; break;
        case 'd': data_dir = optarg; break;
        case 'i': {
            char *end;
            long value = strtol(optarg, &end, 10);
            if (*end || value < 1 || value > 1000) {
                fprintf(stderr, "dyad: --iterations takes a number from 1 to 1000\nusage: %s\n",
                        segmenter_usage);
                return 2;
            }
            iterations = (int)value;
            break;
        }
        case 's': seed = strtoull(optarg, NULL, 10); break;
        case 'h': printf("usage: %s\n", segmenter_usage); return 0;
        default: fprintf(stderr, "usage: %s\n", segmenter_usage); return 2;
        }
    }
    if (!train_path || optind < argc) {
        fprintf(stderr, "dyad: %s\nusage: %s\n",
                train_path ? "unexpected argument" : "--train FILE is required", segmenter_usage);
        return 2;
    }
    char *directory = resources_find_data_dir(data_dir);
    if (!directory) {
        fprintf(stderr, "dyad: cannot find dyad's data directory (set DYAD_DATA_DIR)\n");
        return 1;
    }
    char default_out[4096];
    if (!out_path) {
        snprintf(default_out, sizeof default_out, "%s/text/sentence.model", directory);
        out_path = default_out;
    }
    dyad_error error;
    char message[1200];
    segment_resources *resources = NULL;
    dyad_arena *arena = dyad_arena_new();
    sentence_training_document *train = NULL, *dev = NULL;
    size_t train_count = 0, dev_count = 0;
    sentence_train_result result = {0};
    /* rules only: the model being trained is not needed, and may not exist yet */
    dyad_status status = segment_resources_load_model(directory, "", &resources, &error);
    if (status == DYAD_OK) status = read_treebank(train_path, arena, &train, &train_count, &error);
    if (status == DYAD_OK && dev_path)
        status = read_treebank(dev_path, arena, &dev, &dev_count, &error);
    if (status == DYAD_OK) {
        sentence_train_options train_options = {iterations, seed, report_iteration, NULL};
        status = sentence_train(segment_tokenizer(resources), train, train_count, dev, dev_count,
                                &train_options, &result, &error);
    }
    if (status == DYAD_OK) status = sentence_model_save(result.weights, result.threshold, out_path, &error);
    if (status == DYAD_OK)
        fprintf(stderr,
                "%zu gaps, %zu boundaries; kept iteration %d, threshold %.2f (dev sentences F1 "
                "%.4f); wrote %s\n",
                result.examples, result.positives, result.best_iteration, result.threshold,
                result.best_dev_f1,
                out_path);
    free(result.weights);
    dyad_arena_free(arena);
    segment_resources_free(resources);
    free(directory);
    if (status != DYAD_OK) {
        fprintf(stderr, "dyad: %s\n", dyad_error_format(&error, message, sizeof message));
        return 1;
    }
    return 0;
}
