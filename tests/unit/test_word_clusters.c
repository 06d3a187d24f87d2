/* Unit tests for nlp/word_clusters: on a small corpus generated from a toy
 * grammar, words of one part of speech (same contexts) share a class and
 * words of different ones do not; the likelihood never falls from pass to
 * pass; training is deterministic; the saved model gives the lookups the
 * trainer listed; unknown and rare words get zeros; normalisation of case
 * and digits; truncated, corrupted and inconsistent model files are
 * refused with a message that says why. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nlp/perceptron.h"
#include "nlp/tagger.h"
#include "nlp/word_clusters.h"
#include "util/buffer.h"
#include "util/model_file.h"

static char directory[] = "/tmp/dyad-test-clusters-XXXXXX";
static char model_path[96], words_path[96], again_path[96], broken_path[96];

/* The toy grammar: sentences "DET (ADJ) NOUN VERB DET (ADJ) NOUN (in
 * YEAR) ." with words drawn by a fixed linear congruential generator, so
 * the corpus is the same on every run. */
static const char *const determiners[] = {"the", "a", "this", "every"};
static const char *const adjectives[] = {"old", "small", "happy", "green"};
static const char *const nouns[] = {"cat", "dog", "farmer", "teacher", "horse", "child"};
static const char *const verbs[] = {"saw", "chased", "liked", "fed", "found", "helped"};
static const char *const years[] = {"1990", "2004", "1875", "2023"};
#define COUNT(array) (sizeof(array) / sizeof *(array))

static uint32_t next_random(uint32_t *seed) {
    *seed = *seed * 1664525u + 1013904223u;
    return *seed >> 8;
}

static const char *pick(const char *const *words, size_t count, uint32_t *seed) {
    return words[next_random(seed) % count];
}

static void noun_phrase(dyad_buffer *text, uint32_t *seed, bool capital) {
    char determiner[16];
    snprintf(determiner, sizeof determiner, "%s", pick(determiners, COUNT(determiners), seed));
    if (capital) determiner[0] = (char)(determiner[0] - 'a' + 'A');
    buffer_printf(text, "%s ", determiner);
    if (next_random(seed) % 2) buffer_printf(text, "%s ", pick(adjectives, COUNT(adjectives), seed));
    buffer_printf(text, "%s ", pick(nouns, COUNT(nouns), seed));
}

/* Paragraphs of three sentences; one line holds a word seen once. */
static void toy_corpus(dyad_buffer *text) {
    uint32_t seed = 7;
    for (int paragraph = 0; paragraph < 400; paragraph++) {
        for (int sentence = 0; sentence < 3; sentence++) {
            noun_phrase(text, &seed, true);
            buffer_printf(text, "%s ", pick(verbs, COUNT(verbs), &seed));
            noun_phrase(text, &seed, false);
            if (next_random(&seed) % 3 == 0)
                buffer_printf(text, "in %s ", pick(years, COUNT(years), &seed));
            buffer_append_string(text, ". ");
        }
        buffer_append_char(text, '\n');
    }
    buffer_append_string(text, "The cat saw a platypus .\n");
}

static dyad_status train(const char *out, const char *listing, word_clusters_report *report,
                         dyad_error *error) {
    dyad_buffer text = {0};
    toy_corpus(&text);
    word_clusters_trainer *trainer;
    dyad_status status = word_clusters_trainer_new(DYAD_SOURCE_DATA_DIR, &trainer, error);
    if (status == DYAD_OK) status = word_clusters_trainer_add_text(trainer, text.data, text.length, error);
    word_clusters_options options;
    word_clusters_options_init(&options);
    options.classes[0] = 3;
    options.classes[1] = 5;
    options.classes[2] = 8;
    if (status == DYAD_OK) status = word_clusters_train(trainer, &options, out, listing, report, error);
    word_clusters_trainer_free(trainer);
    dyad_buffer_free(&text);
    return status;
}

static word_clusters *model;
static word_clusters_report report;

static int set_up(void **state) {
    (void)state;
    if (!mkdtemp(directory)) return -1;
    snprintf(model_path, sizeof model_path, "%s/clusters.model", directory);
    snprintf(words_path, sizeof words_path, "%s/clusters.words", directory);
    snprintf(again_path, sizeof again_path, "%s/again.model", directory);
    snprintf(broken_path, sizeof broken_path, "%s/broken.model", directory);
    dyad_error error;
    char message[1200];
    if (train(model_path, words_path, &report, &error) != DYAD_OK ||
        word_clusters_load(model_path, &model, &error) != DYAD_OK) {
        fprintf(stderr, "training the toy clusters failed: %s\n",
                dyad_error_format(&error, message, sizeof message));
        return -1;
    }
    return 0;
}

static int tear_down(void **state) {
    (void)state;
    word_clusters_free(model);
    unlink(model_path);
    unlink(words_path);
    unlink(again_path);
    unlink(broken_path);
    rmdir(directory);
    return 0;
}

static void lookup(const char *word, uint16_t classes[WORD_CLUSTER_LEVELS]) {
    word_clusters_lookup(model, word, strlen(word), classes);
}

/* Every word of group shares its class at level; returns it. */
static uint16_t shared_class(const char *const *group, size_t count, int level) {
    uint16_t first[WORD_CLUSTER_LEVELS];
    lookup(group[0], first);
    assert_true(first[level] > 0);
    for (size_t i = 1; i < count; i++) {
        uint16_t classes[WORD_CLUSTER_LEVELS];
        lookup(group[i], classes);
        if (classes[level] != first[level])
            fail_msg("'%s' is in class %u at level %d, '%s' in %u", group[i], classes[level], level,
                     group[0], first[level]);
    }
    return first[level];
}

static void same_contexts_same_class(void **state) {
    (void)state;
    assert_int_equal(report.words, 23); /* 21 words, the years as "0000", "." */
    /* at the middle level (5 classes for 5 parts of speech and the
     * years) each part of speech is one class, and no two share one */
    uint16_t noun = shared_class(nouns, COUNT(nouns), 1);
    uint16_t verb = shared_class(verbs, COUNT(verbs), 1);
    uint16_t determiner = shared_class(determiners, COUNT(determiners), 1);
    uint16_t adjective = shared_class(adjectives, COUNT(adjectives), 1);
    assert_int_not_equal(noun, verb);
    assert_int_not_equal(noun, determiner);
    assert_int_not_equal(noun, adjective);
    assert_int_not_equal(verb, determiner);
    assert_int_not_equal(verb, adjective);
    assert_int_not_equal(determiner, adjective);
    /* the levels nest: words that share a fine class share every coarser one */
    const char *const all[] = {"the", "a", "this", "every", "old", "small", "happy", "green",
                               "cat", "dog", "farmer", "teacher", "horse", "child", "saw",
                               "chased", "liked", "fed", "found", "helped", "in", "."};
    for (size_t i = 0; i < COUNT(all); i++)
        for (size_t j = 0; j < COUNT(all); j++) {
            uint16_t a[WORD_CLUSTER_LEVELS], b[WORD_CLUSTER_LEVELS];
            lookup(all[i], a);
            lookup(all[j], b);
            for (int level = WORD_CLUSTER_LEVELS - 1; level > 0; level--)
                if (a[level] == b[level]) assert_int_equal(a[level - 1], b[level - 1]);
        }
    assert_int_equal(word_clusters_class_count(model, 0), 3);
    assert_int_equal(word_clusters_class_count(model, 1), 5);
    assert_int_equal(word_clusters_class_count(model, 2), 8);
    assert_int_equal(word_clusters_word_count(model), 23);
}

static void likelihood_never_decreases(void **state) {
    (void)state;
    assert_true(report.iterations >= 2);
    for (uint32_t pass = 1; pass <= report.iterations; pass++)
        if (report.log_likelihood[pass] < report.log_likelihood[pass - 1])
            fail_msg("pass %u: log-likelihood %.9f after %.9f", pass, report.log_likelihood[pass],
                     report.log_likelihood[pass - 1]);
    assert_true(report.log_likelihood[report.iterations] > report.log_likelihood[0] + 0.01);
    /* merging can only lose likelihood, and loses more the fewer classes */
    assert_true(report.merged_log_likelihood[1] <= report.merged_log_likelihood[2]);
    assert_true(report.merged_log_likelihood[0] <= report.merged_log_likelihood[1]);
    assert_true(report.log_likelihood[0] < 0);
}

static bool same_bytes(const char *a, const char *b) {
    FILE *x = fopen(a, "rb"), *y = fopen(b, "rb");
    bool same = x && y;
    while (same) {
        int c = fgetc(x), d = fgetc(y);
        same = c == d;
        if (c == EOF) break;
    }
    if (x) fclose(x);
    if (y) fclose(y);
    return same;
}

static void deterministic_and_round_trip(void **state) {
    (void)state;
    dyad_error error;
    word_clusters_report again;
    assert_int_equal(train(again_path, NULL, &again, &error), DYAD_OK);
    assert_true(same_bytes(model_path, again_path));
    /* every word of the listing the trainer wrote is looked up in the
     * loaded model with the same classes */
    FILE *listing = fopen(words_path, "r");
    assert_non_null(listing);
    char line[256];
    int words = 0;
    while (fgets(line, sizeof line, listing)) {
        if (line[0] == '#') continue;
        unsigned c0, c1, c2;
        unsigned long long count;
        char form[128];
        assert_int_equal(sscanf(line, "%u\t%u\t%u\t%llu\t%127s", &c0, &c1, &c2, &count, form), 5);
        uint16_t classes[WORD_CLUSTER_LEVELS];
        lookup(form, classes);
        assert_int_equal(classes[0], c0);
        assert_int_equal(classes[1], c1);
        assert_int_equal(classes[2], c2);
        assert_true(count >= 3);
        words++;
    }
    fclose(listing);
    assert_int_equal(words, 23);
    assert_int_not_equal(word_clusters_id(model), 0);
}

static void unknown_words_get_zeros(void **state) {
    (void)state;
    uint16_t classes[WORD_CLUSTER_LEVELS] = {9, 9, 9};
    lookup("zebra", classes); /* never seen */
    assert_int_equal(classes[0] + classes[1] + classes[2], 0);
    lookup("platypus", classes); /* seen once, under --min-count */
    assert_int_equal(classes[0] + classes[1] + classes[2], 0);
    lookup("", classes);
    assert_int_equal(classes[0] + classes[1] + classes[2], 0);
    word_clusters_lookup(NULL, "cat", 3, classes);
    assert_int_equal(classes[0] + classes[1] + classes[2], 0);
    assert_int_equal(report.unknown_tokens, 1);
}

static void normalisation(void **state) {
    (void)state;
    char out[WORD_CLUSTER_MAX_WORD];
    size_t length = word_clusters_normalise("Gaza", 4, out);
    assert_int_equal(length, 4);
    assert_memory_equal(out, "gaza", 4);
    length = word_clusters_normalise("A-10s", 5, out);
    assert_memory_equal(out, "a-00s", length);
    length = word_clusters_normalise("ÉCOLE", strlen("ÉCOLE"), out);
    assert_int_equal(length, strlen("école"));
    assert_memory_equal(out, "école", length);
    /* Arabic-Indic digits are digits too */
    length = word_clusters_normalise("\xd9\xa3\xd9\xa5", 4, out);
    assert_int_equal(length, 2);
    assert_memory_equal(out, "00", 2);
    char long_word[WORD_CLUSTER_MAX_WORD + 2];
    memset(long_word, 'x', sizeof long_word);
    assert_int_equal(word_clusters_normalise(long_word, sizeof long_word, out), 0);
    assert_int_equal(word_clusters_normalise("\xff", 1, out), 0);
    /* the tagger keys its words the same way (utf8_fold_word_codepoint) */
    static const char *const words[] = {"Gaza", "A-10s", "ÉCOLE", "\xd9\xa3\xd9\xa5", "KYIV",
                                        "Zelenskyy's", ("\xe2\x84\xaa" "elvin"), "ЙОШКАР-ОЛА"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        char tagger_out[64];
        size_t tagger_length = tagger_normalize_word(words[i], tagger_out, sizeof tagger_out);
        length = word_clusters_normalise(words[i], strlen(words[i]), out);
        assert_int_equal(length, tagger_length);
        assert_memory_equal(out, tagger_out, length);
    }
    /* lookups normalise the same way as training did */
    uint16_t lower[WORD_CLUSTER_LEVELS], upper[WORD_CLUSTER_LEVELS], mixed[WORD_CLUSTER_LEVELS];
    lookup("teacher", lower);
    lookup("TEACHER", upper);
    lookup("Teacher", mixed);
    assert_true(lower[2] > 0);
    assert_memory_equal(lower, upper, sizeof lower);
    assert_memory_equal(lower, mixed, sizeof lower);
    /* a year the corpus never had is a year it had */
    uint16_t seen[WORD_CLUSTER_LEVELS], unseen[WORD_CLUSTER_LEVELS], short_number[WORD_CLUSTER_LEVELS];
    lookup("2004", seen);
    lookup("1066", unseen);
    lookup("66", short_number);
    assert_true(seen[2] > 0);
    assert_memory_equal(seen, unseen, sizeof seen);
    assert_int_equal(short_number[2], 0);
}

static void expect_load_error(const char *path, const char *fragment) {
    word_clusters *loaded = NULL;
    dyad_error error;
    assert_int_not_equal(word_clusters_load(path, &loaded, &error), DYAD_OK);
    assert_null(loaded);
    if (!strstr(error.message, fragment))
        fail_msg("expected an error with '%s', got '%s'", fragment, error.message);
    assert_string_equal(error.file, path);
}

static void copy_with(const char *from, const char *to, long truncate_at, long flip_at) {
    FILE *in = fopen(from, "rb");
    assert_non_null(in);
    dyad_buffer bytes = {0};
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, in)) > 0) buffer_append(&bytes, chunk, got);
    fclose(in);
    if (truncate_at >= 0) bytes.length = (size_t)truncate_at;
    if (flip_at >= 0) bytes.data[flip_at] ^= 0x20;
    FILE *out = fopen(to, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(bytes.data, 1, bytes.length, out), bytes.length);
    fclose(out);
    dyad_buffer_free(&bytes);
}

/* The model's own layout, written by hand to make one thing wrong at a time. */
typedef struct meta_layout {
    uint32_t format, word_count, class_counts[WORD_CLUSTER_LEVELS], slot_count;
    uint64_t id;
} meta_layout;

static void write_model(const meta_layout *meta, const uint32_t *keys, const uint16_t *classes,
                        size_t slot_count, const uint16_t *coarse, size_t coarse_count) {
    model_writer *writer = model_writer_new("clusters");
    assert_true(model_writer_add(writer, "clusters.meta", meta, sizeof *meta));
    assert_true(model_writer_add(writer, "clusters.keys", keys, slot_count * sizeof *keys));
    assert_true(model_writer_add(writer, "clusters.classes", classes, slot_count * sizeof *classes));
    assert_true(model_writer_add(writer, "clusters.coarse", coarse, coarse_count * sizeof *coarse));
    dyad_error error;
    assert_int_equal(model_writer_save(writer, broken_path, &error), DYAD_OK);
    model_writer_free(writer);
}

static void bad_models_are_refused(void **state) {
    (void)state;
    long size;
    FILE *file = fopen(model_path, "rb");
    assert_non_null(file);
    fseek(file, 0, SEEK_END);
    size = ftell(file);
    fclose(file);
    copy_with(model_path, broken_path, size - 10, -1);
    expect_load_error(broken_path, "truncated");
    copy_with(model_path, broken_path, -1, size - 20);
    expect_load_error(broken_path, "corrupted");
    model_writer *writer = model_writer_new("tagger");
    dyad_error error;
    assert_int_equal(model_writer_save(writer, broken_path, &error), DYAD_OK);
    model_writer_free(writer);
    expect_load_error(broken_path, "expected 'clusters'");

    /* a consistent hand-made model loads: one word, "cat", in fine class 2;
     * the layout is word_clusters_format.h's */
    uint64_t hash = perceptron_hash_bytes("cat", 3);
    uint32_t fingerprint = (uint32_t)(hash >> 32) ? (uint32_t)(hash >> 32) : 1;
    uint32_t keys[3] = {0, 0, 0};
    uint16_t classes_of_slots[3] = {0, 0, 0};
    uint32_t slot = (uint32_t)(((uint64_t)(uint32_t)hash * 3) >> 32);
    keys[slot] = fingerprint;
    classes_of_slots[slot] = 2;
    uint16_t coarse[4 * 2] = {1, 1, 1, 2, 2, 3, 2, 4}; /* fine 1..4 → (level 0, level 1) */
    meta_layout meta = {1, 1, {2, 4, 4}, 3, 42};
    write_model(&meta, keys, classes_of_slots, 3, coarse, 8);
    word_clusters *loaded;
    assert_int_equal(word_clusters_load(broken_path, &loaded, &error), DYAD_OK);
    uint16_t classes[WORD_CLUSTER_LEVELS];
    word_clusters_lookup(loaded, "Cat", 3, classes);
    assert_int_equal(classes[0], 1);
    assert_int_equal(classes[1], 2);
    assert_int_equal(classes[2], 2);
    word_clusters_lookup(loaded, "dog", 3, classes);
    assert_int_equal(classes[0] + classes[1] + classes[2], 0);
    assert_true(word_clusters_id(loaded) == 42);
    word_clusters_free(loaded);

    meta_layout newer = meta;
    newer.format = 99;
    write_model(&newer, keys, classes_of_slots, 3, coarse, 8);
    expect_load_error(broken_path, "retrain");
    meta_layout shrinking = meta;
    shrinking.class_counts[0] = 5; /* more classes than the finer level */
    write_model(&shrinking, keys, classes_of_slots, 3, coarse, 8);
    expect_load_error(broken_path, "bad class count");
    write_model(&meta, keys, classes_of_slots, 3, coarse, 6);
    expect_load_error(broken_path, "disagree");
    meta_layout full = meta;
    full.slot_count = 1; /* a full table would make a miss probe forever */
    write_model(&full, keys + slot, classes_of_slots + slot, 1, coarse, 8);
    expect_load_error(broken_path, "disagree");
    uint16_t out_of_range[3] = {0, 0, 0};
    out_of_range[slot] = 5;
    write_model(&meta, keys, out_of_range, 3, coarse, 8);
    expect_load_error(broken_path, "has class 5 of 4");
    uint16_t stray[3] = {1, 1, 1}; /* a class in an empty slot */
    write_model(&meta, keys, stray, 3, coarse, 8);
    expect_load_error(broken_path, "empty but has a class");
    uint16_t bad_coarse[8] = {1, 1, 1, 2, 3, 3, 2, 4}; /* level 0 has only 2 classes */
    write_model(&meta, keys, classes_of_slots, 3, bad_coarse, 8);
    expect_load_error(broken_path, "out of range");
    meta_layout miscounted = meta;
    miscounted.word_count = 2;
    write_model(&miscounted, keys, classes_of_slots, 3, coarse, 8);
    expect_load_error(broken_path, "holds 1 words");
}

static void training_errors(void **state) {
    (void)state;
    word_clusters_trainer *trainer;
    dyad_error error;
    assert_int_equal(word_clusters_trainer_new(DYAD_SOURCE_DATA_DIR, &trainer, &error), DYAD_OK);
    assert_int_not_equal(word_clusters_trainer_add_file(trainer, "/nonexistent/corpus.txt", &error),
                         DYAD_OK);
    assert_string_equal(error.file, "/nonexistent/corpus.txt");
    /* a line that is not UTF-8 is counted and left out */
    const char text[] = "the cat saw the dog .\n\xff\xfe broken\nthe dog saw the cat .\n";
    assert_int_equal(word_clusters_trainer_add_text(trainer, text, sizeof text - 1, &error), DYAD_OK);
    word_clusters_options options;
    word_clusters_options_init(&options);
    word_clusters_report result;
    /* five words, 512 classes asked */
    assert_int_not_equal(word_clusters_train(trainer, &options, broken_path, NULL, &result, &error),
                         DYAD_OK);
    assert_non_null(strstr(error.message, "fewer than the 512 classes"));
    assert_int_equal(result.invalid_lines, 1);
    assert_int_equal(result.lines, 2);
    options.classes[1] = options.classes[0];
    assert_int_equal(word_clusters_train(trainer, &options, broken_path, NULL, &result, &error),
                     DYAD_ERR_USAGE);
    assert_non_null(strstr(error.message, "grow"));
    word_clusters_trainer_free(trainer);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_contexts_same_class),
        cmocka_unit_test(likelihood_never_decreases),
        cmocka_unit_test(deterministic_and_round_trip),
        cmocka_unit_test(unknown_words_get_zeros),
        cmocka_unit_test(normalisation),
        cmocka_unit_test(bad_models_are_refused),
        cmocka_unit_test(training_errors),
    };
    return cmocka_run_group_tests(tests, set_up, tear_down);
}
