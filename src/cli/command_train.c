/*
 * command_train.c — `dyad train MODEL ...`: trains dyad's models from
 * treebanks (see scripts/train-models.sh for the full recipe).
 *
 * Each model is one entry of `trainers`; adding a model is one line there
 * and one function here.
 */
#include "arguments.h"
#include "commands.h"
#include "ingest/conllu_read.h"
#include "nlp/lemmatizer.h"
#include "nlp/parser.h"
#include "nlp/parser_features.h"
#include "nlp/parser_train.h"
#include "nlp/tagger.h"
#include "nlp/word_clusters.h"
#include "resources.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct trainer {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} trainer;

static int train_tagger(int argc, char **argv);
static int train_lemmatizer(int argc, char **argv);
static int train_parser(int argc, char **argv);

static const trainer trainers[] = {
    {"segmenter", command_train_segmenter, "sentence-boundary model from the documents of a CoNLL-U treebank"},
    {"tagger", train_tagger, "POS tagger (UPOS + XPOS) from CoNLL-U"},
    {"lemmatizer", train_lemmatizer, "lemmatizer tables from CoNLL-U and WordNet"},
    {"parser", train_parser, "labelled dependency parser from CoNLL-U"},
    {"clusters", command_train_clusters, "word classes (Brown clusters) from plain text"},
};

static void print_trainers(FILE *to) {
    fprintf(to, "usage: dyad train MODEL [OPTIONS]\n\nmodels:\n");
    for (size_t i = 0; i < sizeof trainers / sizeof *trainers; i++)
        fprintf(to, "  %-11s %s\n", trainers[i].name, trainers[i].summary);
}

int command_train(int argc, char **argv) {
    if (argc < 2) {
        print_trainers(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_trainers(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof trainers / sizeof *trainers; i++)
        if (strcmp(argv[1], trainers[i].name) == 0) return trainers[i].run(argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown model '%s' (dyad train --help lists them)\n", argv[1]);
    return 2;
}

static int report_failure(const dyad_error *error) {
    char message[1200];
    fprintf(stderr, "dyad: %s\n", dyad_error_format(error, message, sizeof message));
    return 1;
}

/* The default output: <data dir>/nlp/<file>. */
static char *default_output(const char *data_dir, const char *file) {
    char *directory = resources_find_data_dir(data_dir);
    if (!directory) return NULL;
    size_t size = strlen(directory) + strlen(file) + 8;
    char *path = malloc(size);
    if (path) snprintf(path, size, "%s/nlp/%s", directory, file);
    free(directory);
    return path;
}

/* --out, or when it is absent the default output, which the caller frees
 * through *allocated.  Returns 1 after saying the data directory is
 * missing. */
static int choose_output(const char *data_dir, const char *file, const char **out_path,
                         char **allocated) {
    *allocated = NULL;
    if (*out_path) return 0;
    *out_path = *allocated = default_output(data_dir, file);
    if (*out_path) return 0;
    fprintf(stderr, "dyad: cannot find the data directory; give --out or --data-dir\n");
    return 1;
}

/* ------------------------------------------------------------- tagger */

static void print_iteration(const tagger_iteration_report *report, void *context) {
    (void)context;
    printf("pass %u iteration %2u  train %.2f  dev UPOS %.2f  XPOS %.2f  features %zu%s\n",
           report->pass, report->iteration, report->train_accuracy, report->dev_upos,
           report->dev_xpos, report->features, report->best ? "  (best)" : "");
    fflush(stdout);
}

static int train_tagger(int argc, char **argv) {
    static const char usage[] =
        "dyad train tagger --train FILE.conllu --dev FILE.conllu [--out PATH] [--iterations N] "
        "[--seed N] [--lemmatizer PATH] [--clusters PATH] [--data-dir DIR]";
    enum {
        OPTION_TRAIN = 1000, OPTION_DEV, OPTION_OUT, OPTION_ITERATIONS, OPTION_SEED,
        OPTION_LEMMATIZER, OPTION_CLUSTERS, OPTION_DATA_DIR
    };
    static const struct option options[] = {
        {"train", required_argument, NULL, OPTION_TRAIN},
        {"dev", required_argument, NULL, OPTION_DEV},
        {"out", required_argument, NULL, OPTION_OUT},
        {"iterations", required_argument, NULL, OPTION_ITERATIONS},
        {"seed", required_argument, NULL, OPTION_SEED},
        {"lemmatizer", required_argument, NULL, OPTION_LEMMATIZER},
        {"clusters", required_argument, NULL, OPTION_CLUSTERS},
        {"data-dir", required_argument, NULL, OPTION_DATA_DIR},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *train_path = NULL, *dev_path = NULL, *out_path = NULL, *data_dir = NULL,
               *lemmatizer_path = NULL, *clusters_path = NULL;
    unsigned long iterations = 12, seed = 1;
    optind = 1;
    opterr = 0;
    int option;
    while ((option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        int status = 0;
        switch (option) {
        case OPTION_TRAIN: train_path = optarg; break;
        case OPTION_DEV: dev_path = optarg; break;
        case OPTION_OUT: out_path = optarg; break;
        case OPTION_DATA_DIR: data_dir = optarg; break;
        case OPTION_LEMMATIZER: lemmatizer_path = optarg; break;
        case OPTION_CLUSTERS: clusters_path = optarg; break;
        case OPTION_ITERATIONS:
            status = parse_count_option(usage, "--iterations", optarg, 1000, &iterations);
            break;
        case OPTION_SEED: status = parse_count_option(usage, "--seed", optarg, ULONG_MAX, &seed); break;
        case 'h': printf("usage: %s\n", usage); return 0;
        default: return usage_error(usage, "unknown option or missing value: %s", argv[optind - 1]);
        }
        if (status) return status;
    }
    if (optind < argc) return usage_error(usage, "unexpected argument '%s'", argv[optind]);
    if (!train_path || !dev_path) return usage_error(usage, "--train and --dev are required");
    char *default_path = NULL;
    if (choose_output(data_dir, "tagger.model", &out_path, &default_path)) return 1;
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus train, dev;
    dyad_error error;
    int exit_status = 0;
    lemmatizer *word_classes = NULL;
    word_clusters *clusters = NULL;
    char *lemmatizer_default = lemmatizer_path ? NULL : default_output(data_dir, "lemmatizer.model");
    if (!lemmatizer_path) lemmatizer_path = lemmatizer_default;
    if (!arena) {
        fprintf(stderr, "dyad: out of memory\n");
        exit_status = 1;
    } else if (!lemmatizer_path) {
        fprintf(stderr, "dyad: cannot find the data directory; give --lemmatizer or --data-dir\n");
        exit_status = 1;
    } else if (lemmatizer_load(lemmatizer_path, &word_classes, &error) != DYAD_OK) {
        fprintf(stderr, "dyad: the tagger learns from the lemmatizer's WordNet data: "
                        "run `dyad train lemmatizer` first\n");
        exit_status = report_failure(&error);
    } else if (clusters_path && word_clusters_load(clusters_path, &clusters, &error) != DYAD_OK) {
        exit_status = report_failure(&error);
    } else if (conllu_read_file(train_path, arena, &train, &error) != DYAD_OK ||
               conllu_read_file(dev_path, arena, &dev, &error) != DYAD_OK) {
        exit_status = report_failure(&error);
    } else {
        printf("training tagger on %zu sentences (%zu words), dev %zu sentences\n",
               train.sentence_count, train.word_count, dev.sentence_count);
        /* the model will look for its clusters beside itself when loaded */
        if (clusters)
            printf("with word clusters %s (%u words; the tagger model loads clusters.model "
                   "from its own directory)\n",
                   clusters_path, word_clusters_word_count(clusters));
        tagger_training_options training = {.iterations = (unsigned)iterations,
                                            .seed = seed,
                                            .on_iteration = print_iteration,
                                            .word_classes = word_classes,
                                            .clusters = clusters};
        if (tagger_train(&train, &dev, &training, out_path, &error) != DYAD_OK)
            exit_status = report_failure(&error);
        else
            printf("wrote %s\n", out_path);
    }
    dyad_arena_free(arena);
    lemmatizer_free(word_classes);
    word_clusters_free(clusters);
    free(lemmatizer_default);
    free(default_path);
    return exit_status;
}

/* --------------------------------------------------------- lemmatizer */

static int train_lemmatizer(int argc, char **argv) {
    static const char usage[] =
        "dyad train lemmatizer --train FILE.conllu [--wordnet DIR] [--out PATH] [--data-dir DIR]";
    enum { OPTION_TRAIN = 1000, OPTION_WORDNET, OPTION_OUT, OPTION_DATA_DIR };
    static const struct option options[] = {
        {"train", required_argument, NULL, OPTION_TRAIN},
        {"wordnet", required_argument, NULL, OPTION_WORDNET},
        {"out", required_argument, NULL, OPTION_OUT},
        {"data-dir", required_argument, NULL, OPTION_DATA_DIR},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *train_path = NULL, *wordnet = "/usr/share/wordnet", *out_path = NULL,
               *data_dir = NULL;
    optind = 1;
    opterr = 0;
    int option;
    while ((option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (option) {
        case OPTION_TRAIN: train_path = optarg; break;
        case OPTION_WORDNET: wordnet = optarg; break;
        case OPTION_OUT: out_path = optarg; break;
        case OPTION_DATA_DIR: data_dir = optarg; break;
        case 'h': printf("usage: %s\n", usage); return 0;
        default: return usage_error(usage, "unknown option or missing value: %s", argv[optind - 1]);
        }
    }
    if (optind < argc) return usage_error(usage, "unexpected argument '%s'", argv[optind]);
    if (!train_path) return usage_error(usage, "--train is required");
    char *default_path = NULL;
    if (choose_output(data_dir, "lemmatizer.model", &out_path, &default_path)) return 1;
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus train;
    dyad_error error;
    int exit_status = 0;
    lemmatizer_build_report report;
    if (!arena) {
        fprintf(stderr, "dyad: out of memory\n");
        exit_status = 1;
    } else if (conllu_read_file(train_path, arena, &train, &error) != DYAD_OK) {
        exit_status = report_failure(&error);
    } else if (lemmatizer_build(&train, wordnet, out_path, &report, &error) != DYAD_OK) {
        exit_status = report_failure(&error);
    } else {
        printf("WordNet: %zu lemmas, %zu exceptions\n", report.wordnet_lemmas,
               report.wordnet_exceptions);
        printf("treebank: %zu forms learned, %zu suffix rules\n", report.learned_forms,
               report.suffix_rules);
        printf("training-data lemma accuracy %.2f\n", report.train_accuracy);
        printf("wrote %s\n", out_path);
    }
    dyad_arena_free(arena);
    free(default_path);
    return exit_status;
}

/* ------------------------------------------------------------- parser */

static void print_parser_corpus(void *context, const parser_corpus_report *report) {
    (void)context;
    printf("training parser on %ld sentences (%ld words); %ld non-projective trees made "
           "projective by %ld lifts\n",
           report->sentences, report->words, report->non_projective, report->lifted_arcs);
    fflush(stdout);
}

static void print_parser_iteration(void *context, const parser_iteration_report *report) {
    (void)context;
    printf("iteration %2d  moves %.2f  dev UAS %.2f  LAS %.2f  features %ld  weights %ld  "
           "%.1fs%s\n",
           report->iteration, report->train_move_accuracy, report->dev_uas, report->dev_las,
           report->features, report->weights, report->seconds, report->best ? "  (best)" : "");
    fflush(stdout);
}

static void print_network_epoch(const network_epoch_report *report, void *context) {
    (void)context;
    printf("network epoch %2d  loss %.4f  moves %.2f  dev UAS %.2f  LAS %.2f (with the "
           "perceptron)  %.1fs\n",
           report->epoch, report->loss, report->move_accuracy, report->dev_uas, report->dev_las,
           report->seconds);
    fflush(stdout);
}

/* A real number option within [low, high]. */
static int parse_real_option(const char *usage, const char *option, const char *text, double low,
                             double high, float *out) {
    char *end;
    double value = strtod(text, &end);
    if (*end || end == text || !(value >= low && value <= high))
        return usage_error(usage, "%s wants a number from %g to %g", option, low, high);
    *out = (float)value;
    return 0;
}

static void print_fold(void *context, int fold, double upos, double xpos) {
    (void)context;
    printf("jackknife fold %2d  UPOS %.2f  XPOS %.2f\n", fold + 1, upos, xpos);
    fflush(stdout);
}

#define CLUSTER_FEATURE_NAMES \
    "backoff, single, pairs, tag-pairs, coarse, children, more-children, far (or none)"

/* --cluster-features: names of PARSER_CLUSTER_* groups (parser_features.h). */
static int parse_cluster_features(const char *list, uint32_t *out) {
    static const struct {
        const char *name;
        uint32_t bit;
    } groups[] = {{"backoff", PARSER_CLUSTER_BACKOFF}, {"single", PARSER_CLUSTER_SINGLE},
                  {"pairs", PARSER_CLUSTER_PAIRS},     {"tag-pairs", PARSER_CLUSTER_TAG_PAIRS},
                  {"coarse", PARSER_CLUSTER_COARSE},
                  {"children", PARSER_CLUSTER_CHILDREN},
                  {"more-children", PARSER_CLUSTER_MORE_CHILDREN},
                  {"far", PARSER_CLUSTER_FAR}, {"none", 0}};
    uint32_t bits = 0;
    for (const char *name = list; *name;) {
        size_t length = strcspn(name, ",");
        bool found = false;
        for (size_t i = 0; i < sizeof groups / sizeof *groups && !found; i++)
            if (strlen(groups[i].name) == length && strncmp(groups[i].name, name, length) == 0) {
                bits |= groups[i].bit;
                found = true;
            }
        if (!found) return 1;
        name += length;
        if (*name == ',') name++;
    }
    *out = bits;
    return 0;
}

static int train_parser(int argc, char **argv) {
    static const char usage[] =
        "dyad train parser --train FILE.conllu --dev FILE.conllu [--out PATH] [--iterations N] "
        "[--seed N] [--prune W] [--min-lookups N] [--tagger MODEL] [--folds N] [--gold-tags] "
        "[--beam K] [--save-tags FILE | --tags FILE] [--clusters PATH | --no-clusters] "
        "[--cluster-features LIST] [--parsed FILE]... [--network-epochs N [--network-hidden N] "
        "[--network-weight W] [--network-dropout P] [--network-forms N] [--network-parsed]] "
        "[--data-dir DIR]";
    enum { OPTION_TRAIN = 1000, OPTION_DEV, OPTION_OUT, OPTION_ITERATIONS, OPTION_SEED,
           OPTION_PRUNE, OPTION_MIN_LOOKUPS, OPTION_TAGGER, OPTION_FOLDS, OPTION_GOLD_TAGS,
           OPTION_BEAM, OPTION_SAVE_TAGS, OPTION_TAGS, OPTION_CLUSTERS, OPTION_NO_CLUSTERS,
           OPTION_CLUSTER_FEATURES, OPTION_PARSED, OPTION_DATA_DIR, OPTION_NETWORK_EPOCHS,
           OPTION_NETWORK_HIDDEN, OPTION_NETWORK_WEIGHT, OPTION_NETWORK_DROPOUT,
           OPTION_NETWORK_FORMS, OPTION_NETWORK_PARSED };
    static const struct option options[] = {
        {"network-epochs", required_argument, NULL, OPTION_NETWORK_EPOCHS},
        {"network-hidden", required_argument, NULL, OPTION_NETWORK_HIDDEN},
        {"network-weight", required_argument, NULL, OPTION_NETWORK_WEIGHT},
        {"network-dropout", required_argument, NULL, OPTION_NETWORK_DROPOUT},
        {"network-forms", required_argument, NULL, OPTION_NETWORK_FORMS},
        {"network-parsed", no_argument, NULL, OPTION_NETWORK_PARSED},
        {"clusters", required_argument, NULL, OPTION_CLUSTERS},
        {"no-clusters", no_argument, NULL, OPTION_NO_CLUSTERS},
        {"cluster-features", required_argument, NULL, OPTION_CLUSTER_FEATURES},
        {"save-tags", required_argument, NULL, OPTION_SAVE_TAGS},
        {"tags", required_argument, NULL, OPTION_TAGS},
        {"parsed", required_argument, NULL, OPTION_PARSED},
        {"beam", required_argument, NULL, OPTION_BEAM},
        {"min-lookups", required_argument, NULL, OPTION_MIN_LOOKUPS},
        {"tagger", required_argument, NULL, OPTION_TAGGER},
        {"folds", required_argument, NULL, OPTION_FOLDS},
        {"gold-tags", no_argument, NULL, OPTION_GOLD_TAGS},
        {"train", required_argument, NULL, OPTION_TRAIN},
        {"dev", required_argument, NULL, OPTION_DEV},
        {"out", required_argument, NULL, OPTION_OUT},
        {"iterations", required_argument, NULL, OPTION_ITERATIONS},
        {"seed", required_argument, NULL, OPTION_SEED},
        {"prune", required_argument, NULL, OPTION_PRUNE},
        {"data-dir", required_argument, NULL, OPTION_DATA_DIR},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    parser_train_options training;
    parser_train_defaults(&training);
    const char *data_dir = NULL, *tagger_path = NULL, *save_tags = NULL, *load_tags = NULL;
    const char *clusters_path = NULL;
    bool gold_tags = false, no_clusters = false;
    const char *parsed_paths[16];
    size_t parsed_count = 0;
    training.cluster_features = PARSER_DEFAULT_CLUSTER_FEATURES;
    network_training_options network;
    network_training_defaults(&network);
    network.epochs = 0; /* no network unless --network-epochs */
    network.on_epoch = print_network_epoch;
    unsigned long count, folds = 10;
    optind = 1;
    opterr = 0;
    int option;
    while ((option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        int status = 0;
        switch (option) {
        case OPTION_TRAIN: training.train_path = optarg; break;
        case OPTION_DEV: training.dev_path = optarg; break;
        case OPTION_OUT: training.out_path = optarg; break;
        case OPTION_DATA_DIR: data_dir = optarg; break;
        case OPTION_ITERATIONS:
            status = parse_count_option(usage, "--iterations", optarg, 1000, &count);
            training.iterations = (int)count;
            break;
        case OPTION_SEED:
            status = parse_count_option(usage, "--seed", optarg, ULONG_MAX, &count);
            training.seed = count;
            break;
        case OPTION_PRUNE: {
            char *end;
            training.prune_below = strtod(optarg, &end);
            if (*end || end == optarg || training.prune_below < 0)
                status = usage_error(usage, "--prune wants a weight >= 0");
            break;
        }
        case OPTION_MIN_LOOKUPS:
            status = parse_count_option(usage, "--min-lookups", optarg, UINT32_MAX, &count);
            training.min_lookups = (unsigned)count;
            break;
        case OPTION_TAGGER: tagger_path = optarg; break;
        case OPTION_FOLDS: status = parse_count_option(usage, "--folds", optarg, 100, &folds); break;
        case OPTION_GOLD_TAGS: gold_tags = true; break;
        case OPTION_SAVE_TAGS: save_tags = optarg; break;
        case OPTION_TAGS: load_tags = optarg; break;
        case OPTION_PARSED:
            if (parsed_count == sizeof parsed_paths / sizeof *parsed_paths)
                return usage_error(usage, "at most %zu --parsed files",
                                   sizeof parsed_paths / sizeof *parsed_paths);
            parsed_paths[parsed_count++] = optarg;
            break;
        case OPTION_CLUSTERS: clusters_path = optarg; break;
        case OPTION_NO_CLUSTERS: no_clusters = true; break;
        case OPTION_CLUSTER_FEATURES:
            if (parse_cluster_features(optarg, &training.cluster_features))
                status = usage_error(usage, "--cluster-features wants a comma-separated list of "
                                            "%s", CLUSTER_FEATURE_NAMES);
            break;
        case OPTION_BEAM:
            status = parse_count_option(usage, "--beam", optarg, PARSER_MAX_BEAM, &count);
            training.beam_width = (int)count;
            break;
        case OPTION_NETWORK_EPOCHS:
            status = parse_count_option(usage, "--network-epochs", optarg, 1000, &count);
            network.epochs = (int)count;
            break;
        case OPTION_NETWORK_HIDDEN:
            status = parse_count_option(usage, "--network-hidden", optarg, NETWORK_MAX_HIDDEN, &count);
            if (!status && count % 64) status = usage_error(usage, "--network-hidden wants a multiple of 64");
            network.hidden = (unsigned)count;
            break;
        case OPTION_NETWORK_FORMS:
            status = parse_count_option(usage, "--network-forms", optarg, 60000, &count);
            network.frequent_forms = (unsigned)count;
            break;
        case OPTION_NETWORK_WEIGHT:
            status = parse_real_option(usage, "--network-weight", optarg, 1e-6, 1e6, &network.weight);
            break;
        case OPTION_NETWORK_PARSED: network.parsed_sentences = true; break;
        case OPTION_NETWORK_DROPOUT:
            status = parse_real_option(usage, "--network-dropout", optarg, 0, 0.8, &network.dropout);
            break;
        case 'h': printf("usage: %s\n", usage); return 0;
        default: return usage_error(usage, "unknown option or missing value: %s", argv[optind - 1]);
        }
        if (status) return status;
    }
    if (optind < argc) return usage_error(usage, "unexpected argument '%s'", argv[optind]);
    if (!training.train_path || !training.dev_path)
        return usage_error(usage, "--train and --dev are required");
    if (!gold_tags && folds < 2) return usage_error(usage, "--folds wants at least 2");
    if (gold_tags && (save_tags || load_tags))
        return usage_error(usage, "--save-tags and --tags are about predicted tags, not --gold-tags");
    if (save_tags && load_tags) return usage_error(usage, "give --save-tags or --tags, not both");
    if (no_clusters && clusters_path)
        return usage_error(usage, "give --clusters or --no-clusters, not both");
    training.parsed_paths = parsed_paths;
    training.parsed_path_count = parsed_count;
    if (network.epochs > 0) {
        network.seed = training.seed;
        training.network = &network;
    }
    char *default_path = NULL;
    if (choose_output(data_dir, "parser.model", &training.out_path, &default_path)) return 1;
    training.on_corpus = print_parser_corpus;
    training.on_iteration = print_parser_iteration;
    dyad_error error;
    int exit_status = 0;
    word_clusters *clusters = NULL;
    char *default_clusters = NULL;
    if (!no_clusters && training.cluster_features) {
        /* the pipeline's clusters unless told otherwise, when there are any:
         * the default trains the model `dyad parse` should use */
        if (!clusters_path) {
            default_clusters = default_output(data_dir, "clusters.model");
            if (default_clusters && access(default_clusters, R_OK) == 0)
                clusters_path = default_clusters;
        }
        if (clusters_path && word_clusters_load(clusters_path, &clusters, &error) != DYAD_OK)
            exit_status = report_failure(&error);
        if (clusters) {
            training.clusters = clusters;
            printf("word clusters from %s\n", clusters_path);
        } else if (exit_status == 0) {
            printf("no word clusters (no clusters.model in the data directory)\n");
        }
    }
    /* unless told otherwise, train on the tags the pipeline's tagger gives */
    tagger *pipeline_tagger = NULL;
    char *default_tagger = NULL, *scratch_path = NULL;
    parser_jackknife jackknife = {.folds = (int)folds, .tagger_iterations = 12,
                                  .tagger_dev_path = training.dev_path, .on_fold = print_fold,
                                  .save_tags_path = save_tags, .load_tags_path = load_tags};
    if (!gold_tags && exit_status == 0) {
        if (!tagger_path) tagger_path = default_tagger = default_output(data_dir, "tagger.model");
        size_t size = strlen(training.out_path) + 32;
        scratch_path = malloc(size);
        jackknife.arena = dyad_arena_new();
        if (!tagger_path || !scratch_path || !jackknife.arena) {
            fprintf(stderr, "dyad: cannot find the tagger model; give --tagger or --data-dir\n");
            exit_status = 1;
        } else if (tagger_load(tagger_path, &pipeline_tagger, &error) != DYAD_OK) {
            exit_status = report_failure(&error);
        } else {
            snprintf(scratch_path, size, "%s.fold-tagger.tmp", training.out_path);
            jackknife.tagger = pipeline_tagger;
            jackknife.scratch_path = scratch_path;
            training.retag = parser_jackknife_retag;
            training.retag_context = &jackknife;
            if (load_tags)
                printf("training tags from %s, dev tagged with %s\n", load_tags, tagger_path);
            else
                printf("tagging the training data by %d-fold jackknifing, dev with %s\n",
                       jackknife.folds, tagger_path);
        }
    }
    if (exit_status == 0) {
        if (parser_train(&training, &error) != DYAD_OK)
            exit_status = report_failure(&error);
        else
            printf("wrote %s\n", training.out_path);
    }
    if (exit_status == 0 && clusters) {
        /* the model reads the clusters.model beside it: say so now if it
         * is not there, rather than when the model is first used */
        parser_model *written = NULL;
        if (parser_model_load(training.out_path, &written, &error) != DYAD_OK)
            printf("note: %s cannot be used until %s is copied beside it as clusters.model "
                   "(%s)\n",
                   training.out_path, clusters_path, error.message);
        parser_model_free(written);
    }
    word_clusters_free(clusters);
    free(default_clusters);
    tagger_free(pipeline_tagger);
    dyad_arena_free(jackknife.arena);
    free(scratch_path);
    free(default_tagger);
    free(default_path);
    return exit_status;
}
