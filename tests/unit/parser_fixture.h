/* Shared by the parser tests (test_parser.c, test_parser_beam.c): a small
 * treebank of our own written to a temporary directory, a model trained on
 * it once per test file (greedy or with a beam), and the treebank's
 * sentences as tokens carrying their gold tags.  Each test file includes
 * this once; the state is file-static, as cmocka's group set-up wants. */
#ifndef DYAD_TESTS_PARSER_FIXTURE_H
#define DYAD_TESTS_PARSER_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/conllu_read.h"
#include "nlp/parser.h"
#include "nlp/parser_train.h"
#include "nlp/word_clusters.h"
#include "util/arena.h"
#include "util/model_file.h"

/* A hand-annotated CoNLL-U sentence (ours) that the parser tests' toy
 * treebanks share: a finite verb with subject, object and an oblique ... */
#define FIXTURE_ARMY_FIRED_SHELLS \
    "# text = The army fired shells at the town.\n" \
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n" \
    "2\tarmy\tarmy\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n" \
    "3\tfired\tfire\tVERB\tVBD\t_\t0\troot\t_\t_\n" \
    "4\tshells\tshell\tNOUN\tNNS\t_\t3\tobj\t_\t_\n" \
    "5\tat\tat\tADP\tIN\t_\t7\tcase\t_\t_\n" \
    "6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_\n" \
    "7\ttown\ttown\tNOUN\tNN\t_\t3\tobl\t_\tSpaceAfter=No\n" \
    "8\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"

/* ... and a verb of saying with a clausal complement. */
#define FIXTURE_OFFICIALS_SAID \
    "# text = Officials said the talks would continue.\n" \
    "1\tOfficials\tofficial\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n" \
    "2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n" \
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n" \
    "4\ttalks\ttalk\tNOUN\tNNS\t_\t6\tnsubj\t_\t_\n" \
    "5\twould\twould\tAUX\tMD\t_\t6\taux\t_\t_\n" \
    "6\tcontinue\tcontinue\tVERB\tVB\t_\t2\tccomp\t_\tSpaceAfter=No\n" \
    "7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"

static char directory[] = "/tmp/dyad-test-parser-XXXXXX";
static char treebank_path[96], model_path[96], broken_path[96];
static double best_las;
static int iterations_run;
/* Word clusters the model is trained with (test_parser_clusters.c sets
 * them before training; NULL for the others). */
static const word_clusters *fixture_clusters;
static uint32_t fixture_cluster_features;
/* The move-scoring network to train beside the perceptron
 * (test_parser_network.c; NULL for the others). */
static const network_training_options *fixture_network;

static void remember_iteration(void *context, const parser_iteration_report *report) {
    (void)context;
    iterations_run++;
    if (report->best) best_las = report->dev_las;
}

/* Writes the treebank and trains on it (it is its own dev set); every
 * feature is kept, so that the model can learn the treebank whole. */
static int parser_fixture_train(const char *treebank_text, unsigned iterations, unsigned beam_width) {
    /* (a test may have made the directory already, to put things beside the model) */
    if (strstr(directory, "XXXXXX") && !mkdtemp(directory)) return -1;
    snprintf(treebank_path, sizeof treebank_path, "%s/small.conllu", directory);
    snprintf(model_path, sizeof model_path, "%s/parser.model", directory);
    snprintf(broken_path, sizeof broken_path, "%s/broken.model", directory);
    FILE *file = fopen(treebank_path, "w");
    if (!file || fputs(treebank_text, file) < 0 || fclose(file) != 0) return -1;
    parser_train_options options;
    parser_train_defaults(&options);
    options.train_path = options.dev_path = treebank_path;
    options.out_path = model_path;
    options.iterations = iterations;
    options.min_form_count = 1;
    options.prune_below = 0;
    options.min_lookups = 0;
    options.beam_width = beam_width;
    options.clusters = fixture_clusters;
    options.cluster_features = fixture_cluster_features;
    options.network = fixture_network;
    options.on_iteration = remember_iteration;
    dyad_error error;
    if (parser_train(&options, &error) != DYAD_OK) {
        fprintf(stderr, "training failed: %s\n", error.message);
        return -1;
    }
    return 0;
}

/* Word clusters of 2/4/8 classes trained on a few lines of text into
 * path, and loaded (for the tests whose models read clusters). */
static inline int parser_fixture_train_clusters(const char *text, const char *path,
                                                word_clusters **out) {
    word_clusters_trainer *trainer;
    dyad_error error;
    word_clusters_options options;
    word_clusters_options_init(&options);
    options.min_count = 1;
    options.classes[0] = 2;
    options.classes[1] = 4;
    options.classes[2] = 8;
    word_clusters_report report;
    if (word_clusters_trainer_new(DYAD_SOURCE_DATA_DIR, &trainer, &error) != DYAD_OK ||
        word_clusters_trainer_add_text(trainer, text, strlen(text), &error) != DYAD_OK ||
        word_clusters_train(trainer, &options, path, NULL, &report, &error) != DYAD_OK ||
        word_clusters_load(path, out, &error) != DYAD_OK) {
        fprintf(stderr, "clusters: %s\n", error.message);
        return -1;
    }
    word_clusters_trainer_free(trainer);
    return 0;
}

/* The model at broken_path is refused as a bad model, naming the file,
 * with a message containing fragment. */
static inline void parser_fixture_expect_refused(const char *fragment) {
    parser_model *model = (parser_model *)1;
    dyad_error error;
    assert_int_equal(parser_model_load(broken_path, &model, &error), DYAD_ERR_MODEL);
    assert_null(model);
    assert_string_equal(error.file, broken_path);
    if (!strstr(error.message, fragment)) fail_msg("'%s' lacks '%s'", error.message, fragment);
}

static int parser_fixture_remove(void) {
    unlink(treebank_path);
    unlink(model_path);
    unlink(broken_path);
    rmdir(directory);
    return 0;
}

/* The treebank's sentences as tokens carrying their gold tags, unparsed. */
static dyad_sentence *parser_fixture_sentences(dyad_arena *arena, conllu_corpus *corpus,
                                               const char *treebank_text) {
    dyad_error error;
    assert_int_equal(conllu_read_memory(treebank_text, strlen(treebank_text), "test", arena, corpus, &error),
                     DYAD_OK);
    dyad_sentence *sentences = arena_calloc(arena, corpus->sentence_count, sizeof *sentences);
    for (size_t s = 0; s < corpus->sentence_count; s++) {
        const conllu_sentence *gold = &corpus->sentences[s];
        sentences[s].token_count = (uint32_t)gold->word_count;
        sentences[s].tokens = arena_calloc(arena, gold->word_count, sizeof(dyad_token));
        for (size_t w = 0; w < gold->word_count; w++) {
            dyad_token *token = &sentences[s].tokens[w];
            token->text = gold->words[w].form;
            token->upos = gold->words[w].upos;
            token->xpos = gold->words[w].xpos;
            token->head = -1;
        }
    }
    return sentences;
}

/* Copies the trained model's file to broken_path, letting `change` alter
 * the bytes of one section (NULL: an exact copy), to test what the loader
 * refuses.  Every section of the parser's file is listed here (the
 * network's only in models that have one). */
static void parser_fixture_copy_model(const char *section_to_change,
                                      void (*change)(unsigned char *bytes, size_t size, void *context),
                                      void *context) {
    static const char *const names[] = {
        "parser.header", "forms.strings", "forms.offsets", "forms.index", "xpos.strings",
        "xpos.offsets", "xpos.index", "upos.strings", "upos.offsets", "upos.index",
        "labels.strings", "labels.offsets", "labels.index", "parser.hot", "parser.cold", "parser.cells",
        "parser.rows", "network.header", "network.words", "network.embeddings", "network.hidden",
        "network.output"};
    model_file *file;
    dyad_error error;
    assert_int_equal(model_file_open(model_path, "parser", &file, &error), DYAD_OK);
    model_writer *writer = model_writer_new("parser");
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        size_t size;
        const void *bytes = model_file_section(file, names[i], &size);
        if (!bytes && strncmp(names[i], "network.", 8) == 0) continue; /* a model without one */
        assert_non_null(bytes);
        unsigned char *copy = malloc(size + 1);
        memcpy(copy, bytes, size);
        if (change && strcmp(names[i], section_to_change) == 0) change(copy, size, context);
        assert_true(model_writer_add(writer, names[i], copy, size));
        free(copy);
    }
    assert_int_equal(model_writer_save(writer, broken_path, &error), DYAD_OK);
    model_writer_free(writer);
    model_file_close(file);
}

#endif
