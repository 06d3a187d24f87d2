/* Unit tests for nlp/tagger: word shapes and feature extraction, training
 * and the model's save/load round trip, corrupt models, word-cluster
 * features and the pairing of a model with its clusters, the trained model
 * on our own news sentences, and an accuracy floor on EWT dev (when
 * ../shared is present). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/conllu_read.h"
#include "nlp/tagger.h"
#include "nlp/word_clusters.h"
#include "util/arena.h"
#include "util/model_file.h"

/* A directory of its own: a tagger model looks for lemmatizer.model beside it. */
static char small_directory[] = "/tmp/dyad-test-tagger-XXXXXX";
static char small_model[64];
static char small_lemmatizer[64];
static char small_clusters[64];   /* clusters.model, beside small_model */
static char small_plain[64];      /* a model trained without clusters */

/* The committed model, loaded once for the tests that use it. */
static tagger *news_tagger;

static int load_news_tagger(void **state) {
    (void)state;
    if (!mkdtemp(small_directory)) return -1;
    snprintf(small_model, sizeof small_model, "%s/tagger.model", small_directory);
    snprintf(small_lemmatizer, sizeof small_lemmatizer, "%s/lemmatizer.model", small_directory);
    snprintf(small_clusters, sizeof small_clusters, "%s/clusters.model", small_directory);
    snprintf(small_plain, sizeof small_plain, "%s/plain.model", small_directory);
    dyad_error error;
    if (tagger_load_from_data_dir(DYAD_SOURCE_DATA_DIR, &news_tagger, &error) != DYAD_OK) {
        char message[1200];
        fprintf(stderr, "cannot load the tagger: %s\n", dyad_error_format(&error, message, sizeof message));
        return -1;
    }
    return 0;
}

static int free_news_tagger(void **state) {
    (void)state;
    tagger_free(news_tagger);
    unlink(small_model);
    unlink(small_lemmatizer);
    unlink(small_clusters);
    unlink(small_plain);
    rmdir(small_directory);
    return 0;
}

static void shapes_and_normal_forms(void **state) {
    (void)state;
    char out[64];
    tagger_word_shape("Moscow", out, sizeof out);
    assert_string_equal(out, "Xxxx");
    tagger_word_shape("10,000", out, sizeof out);
    assert_string_equal(out, "dd,ddd");
    tagger_word_shape("U.S.", out, sizeof out);
    assert_string_equal(out, "X.X.");
    tagger_word_shape("COVID-19", out, sizeof out);
    assert_string_equal(out, "XXX-dd");
    tagger_word_shape("Zürich", out, sizeof out);
    assert_string_equal(out, "Xxxx");
    assert_int_equal(tagger_word_shape("Moscow", out, 3), 2); /* cut to fit */
    assert_string_equal(out, "Xx");
    tagger_normalize_word("Putin", out, sizeof out);
    assert_string_equal(out, "putin");
    tagger_normalize_word("1,500", out, sizeof out);
    assert_string_equal(out, "0,000");
    tagger_normalize_word("ÉLYSÉE", out, sizeof out);
    assert_string_equal(out, "élysée");
}

static bool contains(const uint64_t *features, size_t count, uint64_t key) {
    for (size_t i = 0; i < count; i++)
        if (features[i] == key) return true;
    return false;
}

static size_t shared(const uint64_t *a, size_t a_count, const uint64_t *b, size_t b_count) {
    size_t same = 0;
    for (size_t i = 0; i < a_count; i++) same += contains(b, b_count, a[i]);
    return same;
}

static void features_of_a_known_sentence(void **state) {
    (void)state;
    const char *first[] = {"Putin", "met", "U.S.", "envoys", "in", "Moscow", "."};
    const char *second[] = {"Putin", "met", "U.S.", "diplomats", "in", "Kyiv", "."};
    const char *third[] = {"Lavrov", "met", "U.S.", "envoys", "in", "Moscow", "."};
    uint16_t labels[7] = {0};
    uint64_t a[TAGGER_MAX_FEATURES], b[TAGGER_MAX_FEATURES], c[TAGGER_MAX_FEATURES];
    dyad_arena *arena = dyad_arena_new();
    size_t na = tagger_word_features(news_tagger, first, 7, 1, labels, NULL, a, arena);
    size_t nb = tagger_word_features(news_tagger, first, 7, 1, labels, NULL, b, arena);
    assert_true(na > 20 && na <= TAGGER_MAX_FEATURES);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na * sizeof *a); /* deterministic */
    for (size_t i = 0; i < na; i++)
        for (size_t j = i + 1; j < na; j++) assert_true(a[i] != a[j]); /* templates never collide */
    /* "met" with a different second word to the right: only the features
     * that look two words ahead change */
    nb = tagger_word_features(news_tagger, second, 7, 1, labels, NULL, b, arena);
    size_t same = shared(a, na, b, nb);
    assert_true(same < na && same >= na - 4);
    /* a different previous word changes the features that look back */
    size_t nc = tagger_word_features(news_tagger, third, 7, 1, labels, NULL, c, arena);
    same = shared(a, na, c, nc);
    assert_true(same < na && same >= na - 6);
    /* a different previous tag changes the tag-history features */
    labels[0] = 1;
    nc = tagger_word_features(news_tagger, first, 7, 1, labels, NULL, c, arena);
    same = shared(a, na, c, nc);
    assert_true(same < na && same >= na - 8);
    /* out of range */
    assert_int_equal(tagger_word_features(news_tagger, first, 7, 7, labels, NULL, c, arena), 0);
    /* the final pass of a two-pass model also reads the first pass's tags
     * of the word and the next two */
    labels[0] = 0;
    uint16_t first_pass[7] = {1, 2, 3, 4, 5, 6, 7};
    nb = tagger_word_features(news_tagger, first, 7, 1, labels, first_pass, b, arena);
    assert_true(nb > na && nb <= TAGGER_MAX_FEATURES);
    assert_int_equal(shared(a, na, b, nb), na); /* the one-pass features are all there */
    first_pass[2] = 9; /* the next word's first-pass tag */
    nc = tagger_word_features(news_tagger, first, 7, 1, labels, first_pass, c, arena);
    same = shared(b, nb, c, nc);
    assert_true(same < nb && same >= nb - 4);
    first_pass[3] = 9; /* two words on */
    size_t nd = tagger_word_features(news_tagger, first, 7, 1, labels, first_pass, a, arena);
    assert_true(shared(c, nc, a, nd) < nc);
    /* past the sentence end the first pass has no tags: the last word's
     * features still come out, as many */
    assert_int_equal(tagger_word_features(news_tagger, first, 7, 6, labels, first_pass, a, arena), nb);
    dyad_arena_free(arena);
}

/* Our own sentences in CoNLL-U, for a model small enough to train in a test. */
static const char small_treebank[] =
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tminister\tminister\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "3\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tKyiv\tKyiv\tPROPN\tNNP\t_\t3\tobj\t_\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n"
    "1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tcrossed\tcross\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
    "4\tborder\tborder\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\ttalks\ttalk\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n"
    "3\tended\tend\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tin\tin\tADP\tIN\t_\t5\tcase\t_\t_\n"
    "5\tGeneva\tGeneva\tPROPN\tNNP\t_\t3\tobl\t_\t_\n"
    "6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n";

static void expect_load_error(const char *fragment);

/* The whole file, malloc'd, its size in *size. */
static char *read_model_bytes(const char *path, long *size) {
    FILE *file = fopen(path, "rb");
    assert_non_null(file);
    fseek(file, 0, SEEK_END);
    *size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *bytes = malloc((size_t)*size + 1);
    assert_non_null(bytes);
    assert_int_equal(fread(bytes, 1, (size_t)*size, file), (size_t)*size);
    fclose(file);
    return bytes;
}

static void train_save_load_round_trip(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus corpus;
    dyad_error error;
    assert_int_equal(conllu_read_memory(small_treebank, sizeof small_treebank - 1, "small", arena,
                                        &corpus, &error),
                     DYAD_OK);
    tagger_training_options options = {.iterations = 6, .seed = 3};
    assert_int_equal(tagger_train(&corpus, &corpus, &options, small_model, &error), DYAD_OK);
    tagger *small;
    assert_int_equal(tagger_load(small_model, &small, &error), DYAD_OK);
    assert_null(tagger_word_classes(small)); /* trained without */
    /* both passes are in the one file */
    model_file *file_view;
    assert_int_equal(model_file_open(small_model, "tagger", &file_view, &error), DYAD_OK);
    assert_int_equal(*(const uint32_t *)model_file_section(file_view, "tagger.meta", NULL), 4);
    assert_non_null(model_file_section(file_view, "backward.rows", NULL));
    assert_non_null(model_file_section(file_view, "weights.rows", NULL));
    model_file_close(file_view);
    assert_int_equal(tagger_label_count(small), 7); /* DT NN VBD NNP . NNS IN */
    tagger_accuracy accuracy;
    uint16_t labels[16];
    assert_int_equal(tagger_evaluate(small, &corpus, &accuracy, labels, &error), DYAD_OK);
    assert_int_equal(accuracy.words, 16);
    assert_int_equal(accuracy.both_correct, 16);
    assert_string_equal(tagger_label_xpos(small, labels[1]), "NN");
    assert_string_equal(tagger_label_upos(small, labels[3]), "PROPN");
    assert_null(tagger_label_upos(small, 1000));
    /* the same seed gives the same model file */
    FILE *file = fopen(small_model, "rb");
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fclose(file);
    tagger_free(small);
    assert_int_equal(tagger_train(&corpus, &corpus, &options, small_model, &error), DYAD_OK);
    file = fopen(small_model, "rb");
    fseek(file, 0, SEEK_END);
    assert_int_equal(ftell(file), size);
    fclose(file);
    /* seeds 2 and 3 shuffle differently, so they train different models
     * (the seed was once or-ed with 1, which made them the same) */
    char *with_three = read_model_bytes(small_model, &size);
    options.seed = 2;
    assert_int_equal(tagger_train(&corpus, &corpus, &options, small_model, &error), DYAD_OK);
    long size_two;
    char *with_two = read_model_bytes(small_model, &size_two);
    assert_false(size_two == size && memcmp(with_two, with_three, (size_t)size) == 0);
    free(with_two);
    free(with_three);
    options.seed = 3;
    /* a format 4 model without its first pass is refused */
    uint32_t meta[4] = {4, 7, 0, 0};
    model_file *trained;
    assert_int_equal(model_file_open(small_model, "tagger", &trained, &error), DYAD_OK);
    model_writer *writer = model_writer_new("tagger");
    static const char *const kept[] = {"tagger.labels", "tagger.lexicon", "weights.meta",
                                       "weights.slots", "weights.rows"};
    assert_true(model_writer_add(writer, "tagger.meta", meta, sizeof meta));
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        size_t length;
        const void *bytes = model_file_section(trained, kept[i], &length);
        assert_non_null(bytes);
        assert_true(model_writer_add(writer, kept[i], bytes, length));
    }
    model_file_close(trained);
    assert_int_equal(model_writer_save(writer, small_model, &error), DYAD_OK);
    model_writer_free(writer);
    expect_load_error("backward");
    dyad_arena_free(arena);
}

static void expect_load_error(const char *fragment) {
    tagger *broken = (tagger *)1;
    dyad_error error;
    assert_int_equal(tagger_load(small_model, &broken, &error), DYAD_ERR_MODEL);
    assert_null(broken);
    if (!strstr(error.message, fragment)) fail_msg("'%s' lacks '%s'", error.message, fragment);
}

/* A tagger file whose container is sound but whose contents are not. */
static void write_sections(const void *meta, size_t meta_size, const char *labels, size_t labels_size,
                           bool with_lexicon) {
    model_writer *writer = model_writer_new("tagger");
    assert_true(model_writer_add(writer, "tagger.meta", meta, meta_size));
    assert_true(model_writer_add(writer, "tagger.labels", labels, labels_size));
    uint64_t lexicon[4] = {0};
    if (with_lexicon) assert_true(model_writer_add(writer, "tagger.lexicon", lexicon, sizeof lexicon));
    dyad_error error;
    assert_int_equal(model_writer_save(writer, small_model, &error), DYAD_OK);
    model_writer_free(writer);
}

static void corrupt_models_give_errors(void **state) {
    (void)state;
    /* truncated */
    FILE *file = fopen(small_model, "r+b");
    assert_non_null(file);
    assert_int_equal(ftruncate(fileno(file), 200), 0);
    fclose(file);
    expect_load_error("truncated");
    /* another kind of model */
    model_writer *writer = model_writer_new("parser");
    dyad_error error;
    assert_int_equal(model_writer_save(writer, small_model, &error), DYAD_OK);
    model_writer_free(writer);
    expect_load_error("expected 'tagger'");
    /* sections missing, from another version, or inconsistent; the
     * format number is the committed model's */
    char path[4096];
    snprintf(path, sizeof path, "%s/nlp/tagger.model", DYAD_SOURCE_DATA_DIR);
    model_file *committed;
    assert_int_equal(model_file_open(path, "tagger", &committed, &error), DYAD_OK);
    uint32_t format = *(const uint32_t *)model_file_section(committed, "tagger.meta", NULL);
    model_file_close(committed);
    uint32_t meta[4] = {format, 2, 0, 0};
    write_sections(meta, 12, "NOUN\0NN\0VERB\0VB", 16, true);
    expect_load_error("lacks its meta");
    uint32_t old_meta[4] = {2, 2, 0, 0}; /* before format 3, which still loads */
    write_sections(old_meta, sizeof old_meta, "NOUN\0NN\0VERB\0VB", 16, true);
    expect_load_error("retrain");
    uint32_t newer_meta[4] = {99, 2, 0, 0}; /* from a later dyad */
    write_sections(newer_meta, sizeof newer_meta, "NOUN\0NN\0VERB\0VB", 16, true);
    expect_load_error("retrain");
    write_sections(meta, sizeof meta, "NOUN\0NN\0VERB", 12, true);
    expect_load_error("ends inside label 1");
    write_sections(meta, sizeof meta, "NOUN\0NN\0VERB\0VB", 16, false);
    expect_load_error("tagger.lexicon");
    write_sections(meta, sizeof meta, "NOUN\0NN\0VERB\0VB", 16, true);
    expect_load_error("weights");
    unlink(small_model);
}

/* Copies a model file section by section, with another meta section. */
static void rewrite_with_meta(const char *from, const char *to, const void *meta, size_t size) {
    static const char *const sections[] = {"tagger.labels", "tagger.lexicon", "weights.meta",
                                           "weights.slots", "weights.rows", "backward.meta",
                                           "backward.slots", "backward.rows"};
    model_file *file;
    dyad_error error;
    assert_int_equal(model_file_open(from, "tagger", &file, &error), DYAD_OK);
    model_writer *writer = model_writer_new("tagger");
    assert_true(model_writer_add(writer, "tagger.meta", meta, size));
    for (size_t i = 0; i < sizeof sections / sizeof *sections; i++) {
        size_t length;
        const void *bytes = model_file_section(file, sections[i], &length);
        if (!bytes && strncmp(sections[i], "backward.", 9) == 0) continue; /* a one-pass model */
        assert_non_null(bytes);
        assert_true(model_writer_add(writer, sections[i], bytes, length));
    }
    assert_int_equal(model_writer_save(writer, to, &error), DYAD_OK);
    model_writer_free(writer);
    model_file_close(file);
}

static void word_classes_must_match(void **state) {
    (void)state;
    /* the committed tagger needs its lemmatizer: without it, a clear error */
    char path[4096];
    snprintf(path, sizeof path, "%s/nlp/tagger.model", DYAD_SOURCE_DATA_DIR);
    size_t meta_size;
    model_file *file;
    dyad_error error;
    assert_int_equal(model_file_open(path, "tagger", &file, &error), DYAD_OK);
    uint32_t meta[4];
    memcpy(meta, model_file_section(file, "tagger.meta", &meta_size), sizeof meta);
    model_file_close(file);
    assert_int_equal(meta_size, sizeof meta);
    assert_true(meta[2] || meta[3]); /* trained with word classes */
    rewrite_with_meta(path, small_model, meta, sizeof meta);
    expect_load_error("lemmatizer.model");
    /* beside a lemmatizer built from other data: refused */
    meta[2] ^= 1;
    rewrite_with_meta(path, small_model, meta, sizeof meta);
    snprintf(path, sizeof path, "%s/nlp/lemmatizer.model", DYAD_SOURCE_DATA_DIR);
    FILE *in = fopen(path, "rb"), *out = fopen(small_lemmatizer, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, in)) > 0) assert_int_equal(fwrite(chunk, 1, got, out), got);
    fclose(in);
    fclose(out);
    expect_load_error("other WordNet data");
    /* with the right one, it loads and hands the lemmatizer out */
    meta[2] ^= 1;
    rewrite_with_meta(small_model, small_model, meta, sizeof meta);
    tagger *paired;
    assert_int_equal(tagger_load(small_model, &paired, &error), DYAD_OK);
    assert_non_null(tagger_word_classes(paired));
    tagger_free(paired);
    unlink(small_model);
    unlink(small_lemmatizer);
}

/* Text of our own for word clusters small enough to train in a test: the
 * treebank's words in other sentences, so that they get classes. */
static const char cluster_text[] =
    "The minister visited Kyiv and the troops crossed the border.\n"
    "The talks ended in Geneva and the minister crossed the border.\n"
    "Troops visited the border and the talks ended.\n"
    "The minister ended the talks in Kyiv.\n"
    "Troops crossed Geneva and the minister visited the talks.\n";

/* clusters.model in small_directory, from cluster_text. */
static word_clusters *train_small_clusters(void) {
    word_clusters_trainer *trainer;
    dyad_error error;
    assert_int_equal(word_clusters_trainer_new(DYAD_SOURCE_DATA_DIR, &trainer, &error), DYAD_OK);
    assert_int_equal(word_clusters_trainer_add_text(trainer, cluster_text, sizeof cluster_text - 1,
                                                    &error),
                     DYAD_OK);
    word_clusters_options options;
    word_clusters_options_init(&options);
    options.min_count = 1;
    options.classes[0] = 2;
    options.classes[1] = 3;
    options.classes[2] = 4;
    options.iterations = 5;
    word_clusters_report report;
    assert_int_equal(word_clusters_train(trainer, &options, small_clusters, NULL, &report, &error),
                     DYAD_OK);
    word_clusters_trainer_free(trainer);
    word_clusters *clusters;
    assert_int_equal(word_clusters_load(small_clusters, &clusters, &error), DYAD_OK);
    return clusters;
}

static size_t features_of(const tagger *model, const char *const *words, size_t count,
                          size_t position, uint64_t *features) {
    uint16_t labels[8] = {0};
    dyad_arena *arena = dyad_arena_new();
    size_t n = tagger_word_features(model, words, count, position, labels, NULL, features, arena);
    dyad_arena_free(arena);
    return n;
}

/* The features a model with clusters has and the same model without
 * does not, in the order they come. */
static size_t cluster_keys(const tagger *plain, const tagger *clustered, const char *const *words,
                           size_t count, size_t position, uint64_t *extra) {
    uint64_t a[TAGGER_MAX_FEATURES], b[TAGGER_MAX_FEATURES];
    size_t na = features_of(plain, words, count, position, a);
    size_t nb = features_of(clustered, words, count, position, b);
    size_t n = 0;
    for (size_t i = 0; i < nb; i++)
        if (!contains(a, na, b[i])) extra[n++] = b[i];
    return n;
}

static void cluster_features(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus corpus;
    dyad_error error;
    assert_int_equal(conllu_read_memory(small_treebank, sizeof small_treebank - 1, "small", arena,
                                        &corpus, &error),
                     DYAD_OK);
    word_clusters *clusters = train_small_clusters();
    uint16_t classes[WORD_CLUSTER_LEVELS];
    word_clusters_lookup(clusters, "visited", 7, classes);
    assert_true(classes[0] && classes[1] && classes[2]);
    /* the same training with and without clusters */
    tagger_training_options options = {.iterations = 6, .seed = 3};
    assert_int_equal(tagger_train(&corpus, &corpus, &options, small_plain, &error), DYAD_OK);
    options.clusters = clusters;
    assert_int_equal(tagger_train(&corpus, &corpus, &options, small_model, &error), DYAD_OK);
    tagger *plain, *clustered;
    assert_int_equal(tagger_load(small_plain, &plain, &error), DYAD_OK);
    assert_null(tagger_word_clusters(plain));
    /* the clustered model loads clusters.model from beside itself */
    assert_int_equal(tagger_load(small_model, &clustered, &error), DYAD_OK);
    assert_non_null(tagger_word_clusters(clustered));
    assert_int_equal(word_clusters_id(tagger_word_clusters(clustered)), word_clusters_id(clusters));
    /* a word with classes (and neighbours with classes): every feature of
     * the model without clusters, and more */
    const char *known[] = {"The", "minister", "visited", "Kyiv", "."};
    uint64_t a[TAGGER_MAX_FEATURES], b[TAGGER_MAX_FEATURES];
    size_t na = features_of(plain, known, 5, 2, a), nb = features_of(clustered, known, 5, 2, b);
    assert_true(nb > na && nb <= TAGGER_MAX_FEATURES);
    assert_int_equal(shared(a, na, b, nb), na);
    /* words the clusters never saw: exactly the features without clusters */
    const char *unknown[] = {"Zorble", "quaffed", "vintrous", "plinths", "!"};
    word_clusters_lookup(clusters, "vintrous", 8, classes);
    assert_true(!classes[0] && !classes[1] && !classes[2]);
    na = features_of(plain, unknown, 5, 2, a);
    nb = features_of(clustered, unknown, 5, 2, b);
    assert_int_equal(nb, na);
    assert_memory_equal(a, b, na * sizeof *a);
    /* the features read the word's own classes only: an unknown word
     * between known ones has none */
    const char *between[] = {"The", "minister", "vintrous", "Kyiv", "."};
    na = features_of(plain, between, 5, 2, a);
    nb = features_of(clustered, between, 5, 2, b);
    assert_int_equal(nb, na);
    assert_memory_equal(a, b, na * sizeof *a);
    /* the known word's extra features are its class at each level, the
     * same in another sentence */
    uint64_t extra[TAGGER_MAX_FEATURES], other_extra[TAGGER_MAX_FEATURES];
    size_t extra_count = cluster_keys(plain, clustered, known, 5, 2, extra);
    const char *other[] = {"Troops", "visited", "the", "border", "."};
    assert_int_equal(extra_count, WORD_CLUSTER_LEVELS);
    assert_int_equal(cluster_keys(plain, clustered, other, 5, 1, other_extra), extra_count);
    assert_memory_equal(extra, other_extra, extra_count * sizeof *extra);
    /* the clustered model tags its training data and is format 5 with the
     * clusters' id */
    tagger_accuracy accuracy;
    assert_int_equal(tagger_evaluate(clustered, &corpus, &accuracy, NULL, &error), DYAD_OK);
    assert_int_equal(accuracy.both_correct, 16);
    model_file *file;
    assert_int_equal(model_file_open(small_model, "tagger", &file, &error), DYAD_OK);
    assert_int_equal(*(const uint32_t *)model_file_section(file, "tagger.meta", NULL), 5);
    size_t size;
    const void *id = model_file_section(file, "tagger.clusters", &size);
    assert_non_null(id);
    assert_int_equal(size, 8);
    uint64_t stored_id;
    memcpy(&stored_id, id, sizeof stored_id);
    assert_int_equal(stored_id, word_clusters_id(clusters));
    model_file_close(file);
    /* ... and the model trained without clusters is format 4, as before */
    assert_int_equal(model_file_open(small_plain, "tagger", &file, &error), DYAD_OK);
    assert_int_equal(*(const uint32_t *)model_file_section(file, "tagger.meta", NULL), 4);
    assert_null(model_file_section(file, "tagger.clusters", NULL));
    model_file_close(file);
    tagger_free(plain);
    tagger_free(clustered);
    word_clusters_free(clusters);
    dyad_arena_free(arena);
}

/* Copies small_model with its tagger.clusters section replaced (or left
 * out when id is 0). */
static void rewrite_clusters_id(uint64_t id) {
    static const char *const sections[] = {"tagger.meta", "tagger.labels", "tagger.lexicon",
                                           "weights.meta", "weights.slots", "weights.rows",
                                           "backward.meta", "backward.slots", "backward.rows"};
    model_file *file;
    dyad_error error;
    assert_int_equal(model_file_open(small_model, "tagger", &file, &error), DYAD_OK);
    model_writer *writer = model_writer_new("tagger");
    for (size_t i = 0; i < sizeof sections / sizeof *sections; i++) {
        size_t length;
        const void *bytes = model_file_section(file, sections[i], &length);
        assert_non_null(bytes);
        assert_true(model_writer_add(writer, sections[i], bytes, length));
    }
    if (id) assert_true(model_writer_add(writer, "tagger.clusters", &id, sizeof id));
    char copy[80];
    snprintf(copy, sizeof copy, "%s.copy", small_model);
    assert_int_equal(model_writer_save(writer, copy, &error), DYAD_OK);
    model_writer_free(writer);
    model_file_close(file);
    assert_int_equal(rename(copy, small_model), 0);
}

static void clusters_must_match(void **state) {
    (void)state;
    /* small_model and its clusters.model come from cluster_features */
    dyad_error error;
    word_clusters *clusters;
    assert_int_equal(word_clusters_load(small_clusters, &clusters, &error), DYAD_OK);
    uint64_t id = word_clusters_id(clusters);
    /* other clusters beside the model: refused, saying why */
    rewrite_clusters_id(id ^ 1);
    expect_load_error("other word clusters");
    /* the same through a borrowed clusters model */
    tagger *loaded = (tagger *)1;
    assert_int_equal(tagger_load_sharing(small_model, NULL, clusters, &loaded, &error),
                     DYAD_ERR_MODEL);
    assert_null(loaded);
    assert_non_null(strstr(error.message, "other word clusters"));
    /* format 5 without its clusters section */
    rewrite_clusters_id(0);
    expect_load_error("tagger.clusters");
    /* the right id loads, with the clusters borrowed or from beside it */
    rewrite_clusters_id(id);
    assert_int_equal(tagger_load_sharing(small_model, NULL, clusters, &loaded, &error), DYAD_OK);
    assert_ptr_equal(tagger_word_clusters(loaded), clusters);
    tagger_free(loaded);
    assert_int_equal(tagger_load(small_model, &loaded, &error), DYAD_OK);
    tagger_free(loaded);
    /* without clusters.model beside it: a clear error */
    unlink(small_clusters);
    expect_load_error("clusters.model");
    word_clusters_free(clusters);
    unlink(small_model);
    unlink(small_plain);
}

/* The tags the committed model gives our own sentences. */
static void expect_tags(const char *const *words, size_t count, const char *const *expected) {
    dyad_arena *arena = dyad_arena_new();
    dyad_sentence sentence = {0};
    sentence.tokens = arena_calloc(arena, count, sizeof *sentence.tokens);
    sentence.token_count = (uint32_t)count;
    for (size_t i = 0; i < count; i++) sentence.tokens[i].text = words[i];
    dyad_error error;
    assert_int_equal(tagger_tag_sentence(news_tagger, &sentence, arena, &error), DYAD_OK);
    for (size_t i = 0; i < count; i++) {
        if (strcmp(sentence.tokens[i].xpos, expected[i]) != 0)
            fail_msg("'%s' tagged %s %s, expected %s", words[i], sentence.tokens[i].upos,
                     sentence.tokens[i].xpos, expected[i]);
    }
    dyad_arena_free(arena);
}

static void tags_news_sentences(void **state) {
    (void)state;
    const char *s1[] = {"Putin", "met", "U.S.", "envoys", "in", "Moscow", "on", "Tuesday", "."};
    const char *t1[] = {"NNP", "VBD", "NNP", "NNS", "IN", "NNP", "IN", "NNP", "."};
    expect_tags(s1, 9, t1);
    const char *s2[] = {"The", "proposal", "was", "rejected", "by", "Ukraine", "'s",
                        "foreign", "minister", "."};
    const char *t2[] = {"DT", "NN", "VBD", "VBN", "IN", "NNP", "POS", "JJ", "NN", "."};
    expect_tags(s2, 10, t2);
    const char *s3[] = {"Rebels", "have", "shelled", "the", "town", "since", "Monday", ",",
                        "officials", "said", "."};
    const char *t3[] = {"NNS", "VBP", "VBN", "DT", "NN", "IN", "NNP", ",", "NNS", "VBD", "."};
    expect_tags(s3, 11, t3);
    const char *s4[] = {"She", "will", "visit", "Beijing", "next", "week", "to", "discuss",
                        "trade", "."};
    const char *t4[] = {"PRP", "MD", "VB", "NNP", "JJ", "NN", "TO", "VB", "NN", "."};
    expect_tags(s4, 10, t4);
    /* words the treebank never saw: WordNet's classes guide the tagger */
    const char *s5[] = {"The", "ministry", "criticised", "the", "blockade", "."};
    const char *t5[] = {"DT", "NN", "VBD", "DT", "NN", "."};
    expect_tags(s5, 6, t5);
    /* UPOS as well: auxiliaries and proper nouns */
    dyad_arena *arena = dyad_arena_new();
    dyad_sentence sentence = {0};
    sentence.tokens = arena_calloc(arena, 10, sizeof *sentence.tokens);
    sentence.token_count = 10;
    for (size_t i = 0; i < 10; i++) sentence.tokens[i].text = s2[i];
    dyad_error error;
    assert_int_equal(tagger_tag_sentence(news_tagger, &sentence, arena, &error), DYAD_OK);
    assert_string_equal(sentence.tokens[2].upos, "AUX");
    assert_string_equal(sentence.tokens[3].upos, "VERB");
    assert_string_equal(sentence.tokens[5].upos, "PROPN");
    /* tag strings are the model's, shared: no copies per token */
    assert_ptr_equal(sentence.tokens[1].xpos, sentence.tokens[8].xpos);
    dyad_arena_free(arena);
}

/* The committed model is paired with clusters exactly when its format
 * says so: a format 4 model (trained before clusters) loads without any
 * and extracts no cluster feature; its tags are checked above and on EWT
 * below. */
static void committed_model_and_clusters(void **state) {
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/nlp/tagger.model", DYAD_SOURCE_DATA_DIR);
    model_file *file;
    dyad_error error;
    assert_int_equal(model_file_open(path, "tagger", &file, &error), DYAD_OK);
    uint32_t format = *(const uint32_t *)model_file_section(file, "tagger.meta", NULL);
    bool has_section = model_file_section(file, "tagger.clusters", NULL) != NULL;
    model_file_close(file);
    assert_int_equal(has_section, format == 5);
    if (format == 5) assert_non_null(tagger_word_clusters(news_tagger));
    else assert_null(tagger_word_clusters(news_tagger));
}

static const char *shared_dir(void) {
    const char *shared = getenv("DYAD_SHARED");
    return shared && *shared ? shared : DYAD_SOURCE_DATA_DIR "/../../shared";
}

static void accuracy_floor_on_ewt_dev(void **state) {
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/data/ud-english-ewt/en_ewt-ud-dev.conllu", shared_dir());
    if (access(path, R_OK) != 0) {
        fprintf(stderr, "skipped: %s not found (../shared is absent)\n", path);
        skip();
    }
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus corpus;
    dyad_error error;
    assert_int_equal(conllu_read_file(path, arena, &corpus, &error), DYAD_OK);
    /* the first 300 sentences: enough for a floor, quick under valgrind */
    if (corpus.sentence_count > 300) corpus.sentence_count = 300;
    corpus.word_count = 0;
    for (size_t s = 0; s < corpus.sentence_count; s++) corpus.word_count += corpus.sentences[s].word_count;
    tagger_accuracy accuracy;
    assert_int_equal(tagger_evaluate(news_tagger, &corpus, &accuracy, NULL, &error), DYAD_OK);
    double upos = 100.0 * (double)accuracy.upos_correct / (double)accuracy.words;
    double xpos = 100.0 * (double)accuracy.xpos_correct / (double)accuracy.words;
    if (upos < 93.0 || xpos < 92.0)
        fail_msg("EWT dev (300 sentences): UPOS %.2f, XPOS %.2f below the floor", upos, xpos);
    dyad_arena_free(arena);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shapes_and_normal_forms),
        cmocka_unit_test(features_of_a_known_sentence),
        cmocka_unit_test(train_save_load_round_trip),
        cmocka_unit_test(corrupt_models_give_errors),
        cmocka_unit_test(word_classes_must_match),
        cmocka_unit_test(cluster_features),
        cmocka_unit_test(clusters_must_match),
        cmocka_unit_test(committed_model_and_clusters),
        cmocka_unit_test(tags_news_sentences),
        cmocka_unit_test(accuracy_floor_on_ewt_dev),
    };
    return cmocka_run_group_tests(tests, load_news_tagger, free_news_tagger);
}
