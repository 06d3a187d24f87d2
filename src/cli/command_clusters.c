/*
 * command_clusters.c — the word clusters' commands (nlp/word_clusters.h):
 *
 * `dyad train clusters` learns word classes from unlabelled text, for the
 * tagger's and parser's features.  Progress goes to standard error, one
 * line per pass, so a long run shows how far it is and whether the
 * likelihood still moves.
 *
 * `dyad eval clusters` scores a clusters model by how well its classes
 * predict the part of speech of words a treebank's training part lacks
 * (evaluate/cluster_eval.h).
 */
#include "arguments.h"
#include "commands.h"
#include "resources.h"
#include "evaluate/cluster_eval.h"
#include "ingest/conllu_read.h"
#include "nlp/word_clusters.h"
#include "util/clock.h"
#include "util/error.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char clusters_usage[] =
    "dyad train clusters --corpus FILE [--corpus FILE ...] [--out PATH] [--min-count N] "
    "[--classes A,B,C] [--iterations N] [--words LISTING] [--data-dir DIR]";

typedef struct progress_clock {
    double started;
} progress_clock;

static void print_progress(void *context, const char *message) {
    const progress_clock *clock = context;
    fprintf(stderr, "[%6.1f s] %s\n", clock_seconds(CLOCK_MONOTONIC) - clock->started, message);
    fflush(stderr);
}

/* "32,128,512": exactly WORD_CLUSTER_LEVELS numbers. */
static int parse_classes(const char *text, uint32_t classes[WORD_CLUSTER_LEVELS]) {
    const char *at = text;
    for (int level = 0; level < WORD_CLUSTER_LEVELS; level++) {
        char *end;
        unsigned long value = strtoul(at, &end, 10);
        if (end == at || value < 2 || value > WORD_CLUSTER_MAX_CLASSES) return -1;
        classes[level] = (uint32_t)value;
        if (level + 1 < WORD_CLUSTER_LEVELS) {
            if (*end != ',') return -1;
            at = end + 1;
        } else if (*end) {
            return -1;
        }
    }
    for (int level = 1; level < WORD_CLUSTER_LEVELS; level++)
        if (classes[level] <= classes[level - 1]) return -1;
    return 0;
}

int command_train_clusters(int argc, char **argv) {
    enum { OPTION_CORPUS = 1000, OPTION_OUT, OPTION_MIN_COUNT, OPTION_CLASSES, OPTION_ITERATIONS,
           OPTION_WORDS, OPTION_DATA_DIR };
    static const struct option options[] = {
        {"corpus", required_argument, NULL, OPTION_CORPUS},
        {"out", required_argument, NULL, OPTION_OUT},
        {"min-count", required_argument, NULL, OPTION_MIN_COUNT},
        {"classes", required_argument, NULL, OPTION_CLASSES},
        {"iterations", required_argument, NULL, OPTION_ITERATIONS},
        {"words", required_argument, NULL, OPTION_WORDS},
        {"data-dir", required_argument, NULL, OPTION_DATA_DIR},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    word_clusters_options training;
    word_clusters_options_init(&training);
    const char *out_path = NULL, *words_path = NULL, *data_dir = NULL;
    const char **corpora = calloc((size_t)argc + 1, sizeof *corpora);
    size_t corpus_count = 0;
    if (!corpora) {
        fprintf(stderr, "dyad: out of memory\n");
        return 1;
    }
    unsigned long value = 0;
    int option, exit_status = 0;
    optind = 1;
    opterr = 0;
    while (exit_status == 0 && (option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (option) {
        case OPTION_CORPUS: corpora[corpus_count++] = optarg; break;
        case OPTION_OUT: out_path = optarg; break;
        case OPTION_WORDS: words_path = optarg; break;
        case OPTION_DATA_DIR: data_dir = optarg; break;
        case OPTION_MIN_COUNT:
            if (parse_count_option(clusters_usage, "--min-count", optarg, UINT32_MAX, &value))
                exit_status = 2;
            training.min_count = (uint32_t)value;
            break;
        case OPTION_ITERATIONS:
            if (parse_count_option(clusters_usage, "--iterations", optarg,
                                   WORD_CLUSTER_MAX_ITERATIONS, &value))
                exit_status = 2;
            training.iterations = (uint32_t)value;
            break;
        case OPTION_CLASSES:
            if (parse_classes(optarg, training.classes))
                exit_status = usage_error(clusters_usage,
                                          "--classes wants %d growing numbers from 2 to %d, "
                                          "coarse to fine (32,128,512)",
                                          WORD_CLUSTER_LEVELS, WORD_CLUSTER_MAX_CLASSES);
            break;
        case 'h':
            printf("usage: %s\n", clusters_usage);
            free(corpora);
            return 0;
        default:
            exit_status = usage_error(clusters_usage, "unknown option or missing value: %s",
                                      argv[optind - 1]);
        }
    }
    if (exit_status == 0 && optind < argc)
        exit_status = usage_error(clusters_usage, "unexpected argument '%s'", argv[optind]);
    if (exit_status == 0 && corpus_count == 0)
        exit_status = usage_error(clusters_usage, "--corpus FILE is required");
    if (exit_status) {
        free(corpora);
        return exit_status;
    }
    char *directory = resources_find_data_dir(data_dir);
    if (!directory) {
        fprintf(stderr, "dyad: cannot find dyad's data directory; give --data-dir\n");
        free(corpora);
        return 1;
    }
    char default_out[4096];
    if (!out_path) {
        snprintf(default_out, sizeof default_out, "%s/nlp/clusters.model", directory);
        out_path = default_out;
    }
    progress_clock clock = {clock_seconds(CLOCK_MONOTONIC)};
    training.progress = print_progress;
    training.progress_context = &clock;
    dyad_error error;
    word_clusters_trainer *trainer = NULL;
    word_clusters_report report;
    dyad_status status = word_clusters_trainer_new(directory, &trainer, &error);
    for (size_t i = 0; status == DYAD_OK && i < corpus_count; i++) {
        status = word_clusters_trainer_add_file(trainer, corpora[i], &error);
        if (status == DYAD_OK) print_progress(&clock, corpora[i]);
    }
    if (status == DYAD_OK)
        status = word_clusters_train(trainer, &training, out_path, words_path, &report, &error);
    if (status == DYAD_OK) {
        fprintf(stderr,
                "%llu tokens, %u words; %u passes, log-likelihood per token %.5f -> %.5f; "
                "%.1f s wall; wrote %s\n",
                (unsigned long long)report.tokens, report.words, report.iterations,
                report.log_likelihood[0], report.log_likelihood[report.iterations],
                clock_seconds(CLOCK_MONOTONIC) - clock.started, out_path);
    } else {
        char message[1200];
        fprintf(stderr, "dyad: %s\n", dyad_error_format(&error, message, sizeof message));
        exit_status = 1;
    }
    word_clusters_trainer_free(trainer);
    free(directory);
    free(corpora);
    return exit_status;
}

/* ---------------------------------------------------------- evaluation */

static const char eval_usage[] =
    "dyad eval clusters --train FILE.conllu --gold FILE.conllu [--clusters PATH] [--data-dir DIR]";

static void print_counts(const char *label, const cluster_eval_counts *counts) {
    double covered = counts->words ? 100.0 * counts->covered / counts->words : 0;
    printf("%s words %ld, with a class %ld (%.2f%%)\n", label, counts->words, counts->covered,
           covered);
    for (int level = 0; level < WORD_CLUSTER_LEVELS; level++)
        printf("%s level %d: class's training tag right %.2f%% of those with a class, "
               "%.2f%% of all\n",
               label, level, counts->covered ? 100.0 * counts->right[level] / counts->covered : 0,
               counts->words ? 100.0 * counts->right[level] / counts->words : 0);
}

int command_eval_clusters(int argc, char **argv) {
    enum { OPTION_TRAIN = 1000, OPTION_GOLD, OPTION_CLUSTERS, OPTION_DATA_DIR };
    static const struct option options[] = {
        {"train", required_argument, NULL, OPTION_TRAIN},
        {"gold", required_argument, NULL, OPTION_GOLD},
        {"clusters", required_argument, NULL, OPTION_CLUSTERS},
        {"data-dir", required_argument, NULL, OPTION_DATA_DIR},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *train_path = NULL, *gold_path = NULL, *clusters_path = NULL, *data_dir = NULL;
    int option;
    optind = 1;
    opterr = 0;
    while ((option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (option) {
        case OPTION_TRAIN: train_path = optarg; break;
        case OPTION_GOLD: gold_path = optarg; break;
        case OPTION_CLUSTERS: clusters_path = optarg; break;
        case OPTION_DATA_DIR: data_dir = optarg; break;
        case 'h': printf("usage: %s\n", eval_usage); return 0;
        default: return usage_error(eval_usage, "unknown option or missing value: %s", argv[optind - 1]);
        }
    }
    if (optind < argc) return usage_error(eval_usage, "unexpected argument '%s'", argv[optind]);
    if (!train_path || !gold_path) return usage_error(eval_usage, "--train and --gold are required");
    char default_path[4096];
    if (!clusters_path) {
        char *directory = resources_find_data_dir(data_dir);
        if (!directory) {
            fprintf(stderr, "dyad: cannot find dyad's data directory; give --clusters or --data-dir\n");
            return 1;
        }
        snprintf(default_path, sizeof default_path, "%s/nlp/clusters.model", directory);
        free(directory);
        clusters_path = default_path;
    }
    dyad_error error;
    word_clusters *clusters = NULL;
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus train, gold;
    cluster_eval_result result;
    dyad_status status =
        arena ? DYAD_OK : error_set(&error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    if (status == DYAD_OK) status = word_clusters_load(clusters_path, &clusters, &error);
    if (status == DYAD_OK) status = conllu_read_file(train_path, arena, &train, &error);
    if (status == DYAD_OK) status = conllu_read_file(gold_path, arena, &gold, &error);
    if (status == DYAD_OK) status = cluster_eval(clusters, &train, &gold, &result, &error);
    int exit_status = 0;
    if (status == DYAD_OK) {
        printf("clusters %s: %u words, %u/%u/%u classes\n", clusters_path,
               word_clusters_word_count(clusters), word_clusters_class_count(clusters, 0),
               word_clusters_class_count(clusters, 1), word_clusters_class_count(clusters, 2));
        print_counts("all", &result.all);
        print_counts("unseen in training", &result.unseen);
        if (result.lookup_seconds > 0)
            printf("lookups per second %.1fM (%ld lookups)\n",
                   result.lookups / result.lookup_seconds / 1e6, result.lookups);
    } else {
        char message[1200];
        fprintf(stderr, "dyad: %s\n", dyad_error_format(&error, message, sizeof message));
        exit_status = 1;
    }
    word_clusters_free(clusters);
    dyad_arena_free(arena);
    return exit_status;
}
