/* Unit tests for nlp/lemmatizer: lemmas of regular, irregular, British and
 * American forms with the committed model, case conventions, words no
 * dictionary knows, sentence lemmatization, corrupt models, and malformed
 * WordNet lines named by file and line. */
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
#include "nlp/lemmatizer.h"
#include "util/arena.h"
#include "util/model_file.h"

static lemmatizer *model;

static int load_model(void **state) {
    (void)state;
    dyad_error error;
    if (lemmatizer_load_from_data_dir(DYAD_SOURCE_DATA_DIR, &model, &error) != DYAD_OK) {
        char message[1200];
        fprintf(stderr, "cannot load the lemmatizer: %s\n",
                dyad_error_format(&error, message, sizeof message));
        return -1;
    }
    return 0;
}

static int free_model(void **state) {
    (void)state;
    lemmatizer_free(model);
    return 0;
}

static void expect_lemma(const char *form, const char *upos, const char *xpos, bool initial,
                         const char *expected) {
    char buffer[LEMMA_MAX_BYTES];
    const char *lemma = lemmatize_word(model, form, upos, xpos, initial, buffer);
    if (strcmp(lemma, expected) != 0)
        fail_msg("%s/%s: lemma '%s', expected '%s'", form, xpos ? xpos : upos, lemma, expected);
}

static void regular_and_irregular_forms(void **state) {
    (void)state;
    expect_lemma("met", "VERB", "VBD", false, "meet");
    expect_lemma("talks", "NOUN", "NNS", false, "talk");
    expect_lemma("talks", "VERB", "VBZ", false, "talk");
    expect_lemma("criticised", "VERB", "VBD", false, "criticise");
    expect_lemma("criticized", "VERB", "VBN", false, "criticize");
    expect_lemma("went", "VERB", "VBD", false, "go");
    expect_lemma("children", "NOUN", "NNS", false, "child");
    expect_lemma("better", "ADJ", "JJR", false, "good");
    expect_lemma("was", "AUX", "VBD", false, "be");
    expect_lemma("leaves", "NOUN", "NNS", false, "leaf");
    expect_lemma("leaves", "VERB", "VBZ", false, "leave");
    expect_lemma("data", "NOUN", "NN", false, "data");
    expect_lemma("negotiating", "VERB", "VBG", false, "negotiate");
    expect_lemma("stopped", "VERB", "VBD", false, "stop");
    expect_lemma("wounded", "VERB", "VBN", false, "wound");
    expect_lemma("countries", "NOUN", "NNS", false, "country");
    expect_lemma("biggest", "ADJ", "JJS", false, "big");
    expect_lemma("n't", "PART", "RB", false, "not");
    /* base forms stay as they are */
    expect_lemma("meeting", "NOUN", "NN", false, "meeting");
    expect_lemma("talk", "VERB", "VB", false, "talk");
}

static void case_conventions(void **state) {
    (void)state;
    expect_lemma("The", "DET", "DT", true, "the");
    expect_lemma("Talks", "NOUN", "NNS", true, "talk");
    expect_lemma("Moscow", "PROPN", "NNP", false, "Moscow");
    expect_lemma("Americans", "PROPN", "NNPS", false, "American");
    expect_lemma("NATO", "PROPN", "NNP", false, "NATO");
    expect_lemma("I", "PRON", "PRP", true, "I");
    /* a form that is its own lemma is handed back as is, not copied */
    char buffer[LEMMA_MAX_BYTES];
    const char *form = "Moscow";
    assert_ptr_equal(lemmatize_word(model, form, "PROPN", "NNP", false, buffer), form);
}

static void words_no_dictionary_knows(void **state) {
    (void)state;
    /* WordNet does not list these; the treebank's ending rules do the work */
    expect_lemma("retweeted", "VERB", "VBD", false, "retweet");
    expect_lemma("geolocated", "VERB", "VBN", false, "geolocate");
    expect_lemma("blogs", "NOUN", "NNS", false, "blog");
    expect_lemma("livestreamed", "VERB", "VBD", false, "livestream");
    /* only the UPOS known: WordNet decides whether the word is inflected */
    expect_lemma("children", "NOUN", NULL, false, "child");
    expect_lemma("news", "NOUN", "_", false, "news");
    /* and the classes the tagger reads for unknown words */
    uint32_t classes = lemmatizer_word_classes(model, "criticised");
    assert_true(classes != 0);
    assert_int_equal(classes & 0xff, 0); /* not a lemma or irregular form itself */
    assert_int_equal(lemmatizer_word_classes(model, "xqzvw"), 0);
    assert_true(lemmatizer_word_classes(model, "meet") & 2); /* a verb lemma */
    assert_true(lemmatizer_word_classes_id(model) != 0);
}

static void lemmatizes_a_sentence(void **state) {
    (void)state;
    const char *words[] = {"Envoys", "met", "in", "Moscow", "and", "criticised", "the", "talks"};
    const char *xpos[] = {"NNS", "VBD", "IN", "NNP", "CC", "VBD", "DT", "NNS"};
    const char *upos[] = {"NOUN", "VERB", "ADP", "PROPN", "CCONJ", "VERB", "DET", "NOUN"};
    const char *lemmas[] = {"envoy", "meet", "in", "Moscow", "and", "criticise", "the", "talk"};
    dyad_arena *arena = dyad_arena_new();
    dyad_sentence sentence = {0};
    sentence.token_count = 8;
    sentence.tokens = arena_calloc(arena, 8, sizeof *sentence.tokens);
    for (int i = 0; i < 8; i++) {
        sentence.tokens[i].text = words[i];
        sentence.tokens[i].xpos = xpos[i];
        sentence.tokens[i].upos = upos[i];
    }
    dyad_error error;
    assert_int_equal(lemmatize_sentence(model, &sentence, arena, &error), DYAD_OK);
    for (int i = 0; i < 8; i++) assert_string_equal(sentence.tokens[i].lemma, lemmas[i]);
    assert_ptr_equal(sentence.tokens[3].lemma, words[3]);
    assert_ptr_equal(sentence.tokens[2].lemma, words[2]);
    /* untagged tokens keep their form */
    sentence.tokens[0].upos = sentence.tokens[0].xpos = NULL;
    assert_int_equal(lemmatize_sentence(model, &sentence, arena, &error), DYAD_OK);
    assert_ptr_equal(sentence.tokens[0].lemma, words[0]);
    dyad_arena_free(arena);
}

static void corrupt_model_gives_error(void **state) {
    (void)state;
    const char *path = "/tmp/dyad-test-lemmatizer.model";
    model_writer *writer = model_writer_new("lemmatizer");
    uint32_t meta[4] = {2, 1, 0, 0};
    assert_true(model_writer_add(writer, "lemma.meta", meta, sizeof meta));
    assert_true(model_writer_add(writer, "lemma.strings", "\0abc", 4)); /* not NUL-terminated */
    uint64_t wordnet[1] = {42};
    assert_true(model_writer_add(writer, "lemma.wordnet", wordnet, sizeof wordnet));
    dyad_error error;
    assert_int_equal(model_writer_save(writer, path, &error), DYAD_OK);
    model_writer_free(writer);
    lemmatizer *broken = (lemmatizer *)1;
    assert_int_equal(lemmatizer_load(path, &broken, &error), DYAD_ERR_MODEL);
    assert_null(broken);
    assert_non_null(strstr(error.message, "disagree"));
    /* truncated */
    FILE *file = fopen(path, "r+b");
    assert_int_equal(ftruncate(fileno(file), 100), 0);
    fclose(file);
    assert_int_equal(lemmatizer_load(path, &broken, &error), DYAD_ERR_MODEL);
    assert_non_null(strstr(error.message, "truncated"));
    unlink(path);
}

static void write_file(const char *directory, const char *name, const char *content) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", directory, name);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(content, file);
    fclose(file);
}

static void remove_file(const char *directory, const char *name) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", directory, name);
    unlink(path);
}

static const char *const wordnet_names[] = {"index.noun", "index.verb", "index.adj", "index.adv",
                                            "noun.exc", "verb.exc", "adj.exc", "adv.exc"};

/* Builds from a WordNet of our own making: a good one, then one with a
 * malformed line, which must be reported with its file and line. */
static void builds_and_reports_bad_wordnet_lines(void **state) {
    (void)state;
    char directory[] = "/tmp/dyad-test-wordnet-XXXXXX";
    assert_non_null(mkdtemp(directory));
    write_file(directory, "index.noun", "  1 licence text\ntreaty n 1 0 1 0 00000001\n");
    write_file(directory, "index.verb", "sign v 1 0 1 0 00000002\nmeet v 1 0 1 0 00000003\n");
    write_file(directory, "index.adj", "good a 1 0 1 0 00000004\n");
    write_file(directory, "index.adv", "");
    write_file(directory, "noun.exc", "");
    write_file(directory, "verb.exc", "met meet\n");
    write_file(directory, "adj.exc", "better good well\n");
    write_file(directory, "adv.exc", "");
    static const char treebank[] =
        "1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
        "2\tsigned\tsign\tVERB\tVBD\t_\t0\troot\t_\t_\n"
        "3\ttreaties\ttreaty\tNOUN\tNNS\t_\t2\tobj\t_\t_\n"
        "\n";
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus corpus;
    dyad_error error;
    assert_int_equal(conllu_read_memory(treebank, sizeof treebank - 1, "ours", arena, &corpus, &error),
                     DYAD_OK);
    char out[512];
    snprintf(out, sizeof out, "%s/lemmatizer.model", directory);
    lemmatizer_build_report report;
    assert_int_equal(lemmatizer_build(&corpus, directory, out, &report, &error), DYAD_OK);
    assert_int_equal(report.wordnet_lemmas, 4);
    assert_int_equal(report.wordnet_exceptions, 2);
    assert_true(report.train_accuracy == 100.0);
    lemmatizer *small;
    assert_int_equal(lemmatizer_load(out, &small, &error), DYAD_OK);
    char buffer[LEMMA_MAX_BYTES];
    assert_string_equal(lemmatize_word(small, "met", "VERB", "VBD", false, buffer), "meet");
    assert_string_equal(lemmatize_word(small, "better", "ADJ", "JJR", false, buffer), "good");
    assert_string_equal(lemmatize_word(small, "signs", "VERB", "VBZ", false, buffer), "sign");
    lemmatizer_free(small);
    unlink(out);

    write_file(directory, "index.verb", "sign v 1 0 1 0 00000002\nbroken-line\n");
    assert_int_equal(lemmatizer_build(&corpus, directory, out, &report, &error), DYAD_ERR_FORMAT);
    assert_non_null(strstr(error.file, "index.verb"));
    assert_int_equal(error.line, 2);
    write_file(directory, "index.verb", "sign v 1 0 1 0 00000002\n");
    write_file(directory, "verb.exc", "met meet\nalone\n");
    assert_int_equal(lemmatizer_build(&corpus, directory, out, &report, &error), DYAD_ERR_FORMAT);
    assert_non_null(strstr(error.file, "verb.exc"));
    assert_int_equal(error.line, 2);
    remove_file(directory, "adv.exc");
    write_file(directory, "verb.exc", "met meet\n");
    assert_int_equal(lemmatizer_build(&corpus, directory, out, &report, &error), DYAD_ERR_IO);
    assert_non_null(strstr(error.file, "adv.exc"));
    for (size_t i = 0; i < sizeof wordnet_names / sizeof *wordnet_names; i++)
        remove_file(directory, wordnet_names[i]);
    rmdir(directory);
    dyad_arena_free(arena);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(regular_and_irregular_forms),
        cmocka_unit_test(case_conventions),
        cmocka_unit_test(words_no_dictionary_knows),
        cmocka_unit_test(lemmatizes_a_sentence),
        cmocka_unit_test(corrupt_model_gives_error),
        cmocka_unit_test(builds_and_reports_bad_wordnet_lines),
    };
    return cmocka_run_group_tests(tests, load_model, free_model);
}
