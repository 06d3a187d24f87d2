/* Unit tests for the parser's word-cluster features (parser_features.h,
 * PARSER_CLUSTER_*): the cluster keys a configuration gets, the backed-off
 * word ids, a model trained with clusters (learning, loading the
 * clusters.model beside it, refusing other clusters), the tags files of
 * `dyad train parser --save-tags/--tags`, and models without clusters —
 * the committed one included — being untouched by all of it.
 *
 * Clusters are trained by the test from a few lines of our own text, with
 * 2/4/8 classes, which is enough to give words classes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest/conllu_read.h"
#include "nlp/parser.h"
#include "nlp/parser_model.h"
#include "nlp/parser_train.h"
#include "nlp/word_clusters.h"
#include "util/arena.h"
#include "util/model_file.h"

#include "parser_fixture.h"

/* Written for these tests: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC. */
static const char treebank[] =
    FIXTURE_ARMY_FIRED_SHELLS
    "\n"
    "# text = Envoys met the minister on Monday.\n"
    "1\tEnvoys\tenvoy\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
    "4\tminister\tminister\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
    "5\ton\ton\tADP\tIN\t_\t6\tcase\t_\t_\n"
    "6\tMonday\tMonday\tPROPN\tNNP\t_\t2\tobl\t_\tSpaceAfter=No\n"
    "7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    FIXTURE_OFFICIALS_SAID
    "\n"
    "# text = Protesters gathered outside the embassy.\n"
    "1\tProtesters\tprotester\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tgathered\tgather\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\toutside\toutside\tADP\tIN\t_\t5\tcase\t_\t_\n"
    "4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n"
    "5\tembassy\tembassy\tNOUN\tNN\t_\t2\tobl\t_\tSpaceAfter=No\n"
    "6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n";

/* Unlabelled text for the clusters, ours too; "Thursday" and "police" are
 * in it but not in the treebank. */
static const char cluster_text[] =
    "The army fired shells at the town on Monday.\n"
    "The police fired shots at the crowd on Thursday.\n"
    "The army fired shots at the crowd on Monday.\n"
    "Envoys met the minister in the town on Thursday.\n"
    "Officials met the envoys in the embassy on Monday.\n"
    "The minister said the talks would continue.\n"
    "Officials said the police would continue.\n"
    "Protesters gathered outside the embassy on Thursday.\n"
    "The police gathered outside the town.\n";

static const char other_cluster_text[] =
    "Talks resumed in Geneva.\nThe envoys left Geneva.\nTalks ended.\nThe talks resumed.\n";

static char clusters_path[128], other_clusters_path[160], other_directory[128];
static char plain_model_path[128];
static word_clusters *clusters, *other_clusters;

enum { ALL_GROUPS = PARSER_CLUSTER_KNOWN, TEMPLATES_WITHOUT = 113 };


static int set_up(void **state) {
    (void)state;
    /* the fixture makes the directory; the clusters go beside its model */
    if (!mkdtemp(directory)) return -1;
    snprintf(clusters_path, sizeof clusters_path, "%s/clusters.model", directory);
    snprintf(other_directory, sizeof other_directory, "%s/other", directory);
    snprintf(other_clusters_path, sizeof other_clusters_path, "%s/clusters.model", other_directory);
    snprintf(plain_model_path, sizeof plain_model_path, "%s/plain.model", directory);
    if (mkdir(other_directory, 0700) != 0 ||
        parser_fixture_train_clusters(cluster_text, clusters_path, &clusters) != 0 ||
        parser_fixture_train_clusters(other_cluster_text, other_clusters_path, &other_clusters) != 0)
        return -1;
    fixture_clusters = clusters;
    fixture_cluster_features = ALL_GROUPS;
    return parser_fixture_train(treebank, 10, 1);
}

static int tear_down(void **state) {
    (void)state;
    word_clusters_free(clusters);
    word_clusters_free(other_clusters);
    unlink(clusters_path);
    unlink(other_clusters_path);
    unlink(plain_model_path);
    char path[192];
    snprintf(path, sizeof path, "%s/parser.model", other_directory);
    unlink(path);
    rmdir(other_directory);
    return parser_fixture_remove();
}

/* The words of treebank sentence `index`, as the model sees them. */
static void sentence_words(const parser_model *model, dyad_arena *arena, size_t index,
                           dyad_sentence **sentence, parser_words *words) {
    conllu_corpus corpus;
    dyad_sentence *sentences = parser_fixture_sentences(arena, &corpus, treebank);
    *sentence = &sentences[index];
    assert_int_equal(parser_words_from_tokens(model, sentences[index].tokens,
                                              (int)sentences[index].token_count, arena, words),
                     DYAD_OK);
}

static bool contains(const uint64_t *keys, size_t count, uint64_t key) {
    for (size_t i = 0; i < count; i++)
        if (keys[i] == key) return true;
    return false;
}

static void cluster_keys_are_extracted(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    parser_model *model;
    dyad_error error;
    assert_int_equal(parser_model_load(model_path, &model, &error), DYAD_OK);
    assert_ptr_not_equal(parser_model_clusters(model), NULL);
    dyad_sentence *sentence;
    parser_words words;
    /* "The army fired shells at the town ." */
    sentence_words(model, arena, 0, &sentence, &words);
    assert_int_equal(words.cluster_features, ALL_GROUPS);
    for (int level = 0; level < WORD_CLUSTER_LEVELS; level++) {
        assert_int_equal(words.cluster[level][0], PARSER_ID_ROOT);
        /* every word of the sentence is in the clusters' text */
        for (int i = 1; i <= words.word_count; i++)
            assert_true(words.cluster[level][i] >= PARSER_ID_FIRST);
        /* "The" and "the" share a class */
        assert_int_equal(words.cluster[level][1], words.cluster[level][6]);
    }
    uint16_t classes[WORD_CLUSTER_LEVELS];
    word_clusters_lookup(clusters, "army", 4, classes);
    assert_int_equal(words.cluster[1][2], parser_cluster_value(classes[1]));

    /* after SHIFT SHIFT: s0 "army", b0 "fired" */
    transition_state configuration;
    assert_int_equal(transition_state_init(&configuration, words.word_count, arena), DYAD_OK);
    transition_apply(&configuration, TRANSITION_SHIFT, -1);
    transition_apply(&configuration, TRANSITION_SHIFT, -1);
    uint64_t with[PARSER_MAX_FEATURES], without[PARSER_MAX_FEATURES], again[PARSER_MAX_FEATURES];
    size_t count = parser_extract_features(&words, &configuration, with);
    /* 4 singles and 7 pairs at each of two levels, 3 + 5 children, s2 and b2 */
    assert_int_equal(count, TEMPLATES_WITHOUT + 2 * (4 + 7) + 3 + 5 + 2);
    for (size_t i = 0; i < count; i++)
        for (size_t j = i + 1; j < count; j++) assert_true(with[i] != with[j]);
    /* the templates of a model without clusters come first, unchanged */
    parser_words plain = words;
    plain.cluster_features = 0;
    assert_int_equal(parser_extract_features(&plain, &configuration, without), TEMPLATES_WITHOUT);
    assert_memory_equal(with, without, TEMPLATES_WITHOUT * sizeof *with);
    /* and a model without clusters does not read the class arrays */
    plain.cluster[0] = plain.cluster[1] = plain.cluster[2] = NULL;
    assert_int_equal(parser_extract_features(&plain, &configuration, again), TEMPLATES_WITHOUT);
    assert_memory_equal(again, without, TEMPLATES_WITHOUT * sizeof *again);

    /* one group alone gives the same keys as in company */
    parser_words single = words;
    single.cluster_features = PARSER_CLUSTER_SINGLE;
    size_t single_count = parser_extract_features(&single, &configuration, again);
    assert_int_equal(single_count, TEMPLATES_WITHOUT + 4);
    for (size_t i = TEMPLATES_WITHOUT; i < single_count; i++)
        assert_true(contains(with, count, again[i]));
    /* backing off alone adds no template */
    single.cluster_features = PARSER_CLUSTER_BACKOFF;
    assert_int_equal(parser_extract_features(&single, &configuration, again), TEMPLATES_WITHOUT);

    /* another class for b0 ("fired") changes cluster keys only, and only
     * those that read b0's class at the middle level: its single, and the
     * pairs s0c|b0c, s0t|b0c, b0c|b1c */
    uint16_t *middle = (uint16_t *)words.cluster[1];
    middle[3] = middle[3] == PARSER_ID_FIRST ? PARSER_ID_FIRST + 1 : PARSER_ID_FIRST;
    assert_int_equal(parser_extract_features(&words, &configuration, again), count);
    assert_memory_equal(again, with, TEMPLATES_WITHOUT * sizeof *again);
    size_t changed = 0;
    for (size_t i = TEMPLATES_WITHOUT; i < count; i++) changed += again[i] != with[i];
    assert_int_equal(changed, 1 + 3);
    parser_model_free(model);
    dyad_arena_free(arena);
}

static void unknown_forms_back_off_to_their_class(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    parser_model *model;
    dyad_error error;
    assert_int_equal(parser_model_load(model_path, &model, &error), DYAD_OK);
    /* "Thursday" and "police" are in the clusters, not in the treebank;
     * "Ankara" is in neither */
    dyad_token tokens[4] = {{.text = "Police"}, {.text = "met"}, {.text = "Thursday"},
                            {.text = "Ankara"}};
    parser_words words;
    assert_int_equal(parser_words_from_tokens(model, tokens, 4, arena, &words), DYAD_OK);
    uint32_t first_backoff = model->forms.count + PARSER_ID_FIRST;
    uint16_t classes[WORD_CLUSTER_LEVELS];
    word_clusters_lookup(clusters, "thursday", 8, classes);
    assert_int_equal(words.form[3], first_backoff + classes[2] - 1);
    word_clusters_lookup(clusters, "police", 6, classes);
    assert_int_equal(words.form[1], first_backoff + classes[2] - 1);
    assert_true(words.form[2] >= PARSER_ID_FIRST && words.form[2] < first_backoff); /* known */
    assert_int_equal(words.form[4], PARSER_ID_UNKNOWN);
    for (int level = 0; level < WORD_CLUSTER_LEVELS; level++)
        assert_int_equal(words.cluster[level][4], PARSER_ID_UNKNOWN);
    parser_model_free(model);
    dyad_arena_free(arena);
}

/* Parses every treebank sentence with model; the heads and labels, in
 * order, into out (room for 64). */
static size_t parse_all(const parser_model *model, int *out) {
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus corpus;
    dyad_sentence *sentences = parser_fixture_sentences(arena, &corpus, treebank);
    dyad_error error;
    size_t count = 0;
    for (size_t s = 0; s < corpus.sentence_count; s++) {
        assert_int_equal(parser_parse_sentence(model, &sentences[s], arena, &error), DYAD_OK);
        for (uint32_t w = 0; w < sentences[s].token_count; w++) {
            const dyad_token *token = &sentences[s].tokens[w];
            out[count++] = token->head;
            out[count++] = (int)parser_lexicon_find(&model->labels, token->deprel,
                                                    strlen(token->deprel));
        }
    }
    dyad_arena_free(arena);
    return count;
}

static void model_with_clusters_learns_and_loads_its_own(void **state) {
    (void)state;
    /* the small treebank is learnt with the cluster features too */
    assert_true(best_las == 100.0);
    parser_model *model, *borrowing;
    dyad_error error;
    assert_int_equal(parser_model_load(model_path, &model, &error), DYAD_OK);
    assert_int_equal(model->header.format_version, PARSER_FORMAT_VERSION_CLUSTERS);
    assert_int_equal(model->header.cluster_features, ALL_GROUPS);
    assert_true(parser_clusters_id(&model->header) == word_clusters_id(clusters));
    /* the clusters beside it, or the same clusters lent: the same parses */
    assert_int_equal(parser_model_load_with_clusters(model_path, clusters, &borrowing, &error),
                     DYAD_OK);
    assert_ptr_equal(parser_model_clusters(borrowing), clusters);
    int heads[64], borrowed_heads[64];
    size_t count = parse_all(model, heads);
    assert_int_equal(parse_all(borrowing, borrowed_heads), count);
    assert_memory_equal(heads, borrowed_heads, count * sizeof *heads);
    parser_model_free(borrowing);
    parser_model_free(model);
}

static void expect_refused(const char *path, const word_clusters *lent, const char *fragment) {
    parser_model *model = (parser_model *)1;
    dyad_error error;
    dyad_status status = lent ? parser_model_load_with_clusters(path, lent, &model, &error)
                              : parser_model_load(path, &model, &error);
    assert_int_equal(status, DYAD_ERR_MODEL);
    assert_null(model);
    if (!strstr(error.message, fragment)) fail_msg("'%s' lacks '%s'", error.message, fragment);
}

static void other_clusters_are_refused(void **state) {
    (void)state;
    assert_true(word_clusters_id(clusters) != word_clusters_id(other_clusters));
    /* the model copied beside other clusters */
    char moved[192];
    snprintf(moved, sizeof moved, "%s/parser.model", other_directory);
    parser_fixture_copy_model(NULL, NULL, NULL);
    assert_int_equal(rename(broken_path, moved), 0);
    expect_refused(moved, NULL, "other word clusters");
    expect_refused(model_path, other_clusters, "other word clusters");
    /* with none beside it */
    assert_int_equal(rename(other_clusters_path, broken_path), 0);
    expect_refused(moved, NULL, "needs the clusters.model it was trained with");
    assert_int_equal(rename(broken_path, other_clusters_path), 0);
    unlink(moved);
}

static void set_cluster_features(unsigned char *bytes, size_t size, void *context) {
    (void)size;
    ((parser_header *)bytes)->cluster_features = *(const uint32_t *)context;
}

static void inconsistent_headers_are_refused(void **state) {
    (void)state;
    uint32_t none = 0, unknown = 1u << 20;
    parser_fixture_copy_model("parser.header", set_cluster_features, &none);
    expect_refused(broken_path, NULL, "inconsistent about word clusters");
    parser_fixture_copy_model("parser.header", set_cluster_features, &unknown);
    expect_refused(broken_path, NULL, "inconsistent about word clusters");
}

static void models_without_clusters_ignore_them(void **state) {
    (void)state;
    /* trained without cluster features, though clusters are at hand: the
     * model is one of before clusters */
    parser_train_options options;
    parser_train_defaults(&options);
    options.train_path = options.dev_path = treebank_path;
    options.out_path = plain_model_path;
    options.iterations = 4;
    options.min_form_count = 1;
    options.clusters = clusters;
    options.cluster_features = 0;
    dyad_error error;
    assert_int_equal(parser_train(&options, &error), DYAD_OK);
    parser_model *plain, *lent;
    assert_int_equal(parser_model_load(plain_model_path, &plain, &error), DYAD_OK);
    assert_int_equal(plain->header.format_version, PARSER_FORMAT_VERSION);
    assert_int_equal(plain->header.cluster_features, 0);
    assert_true(parser_clusters_id(&plain->header) == 0);
    assert_null(parser_model_clusters(plain));
    assert_int_equal(parser_model_load_with_clusters(plain_model_path, other_clusters, &lent, &error),
                     DYAD_OK);
    assert_null(parser_model_clusters(lent));
    int heads[64], lent_heads[64];
    size_t count = parse_all(plain, heads);
    assert_int_equal(parse_all(lent, lent_heads), count);
    assert_memory_equal(heads, lent_heads, count * sizeof *heads);
    parser_model_free(lent);
    parser_model_free(plain);

    /* the committed model: one without clusters (as the greedy one before
     * clusters was) would be untouched by lent clusters; one with clusters
     * loads its own from data/nlp */
    static const char *const committed[] = {"parser.model"};
    for (size_t m = 0; m < sizeof committed / sizeof *committed; m++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/nlp/%s", DYAD_SOURCE_DATA_DIR, committed[m]);
        parser_model *own, *committed_lent;
        assert_int_equal(parser_model_load(path, &own, &error), DYAD_OK);
        if (own->header.cluster_features) {
            /* with clusters, and since session 6 a network too */
            assert_true(own->header.format_version == PARSER_FORMAT_VERSION_CLUSTERS ||
                        own->header.format_version == PARSER_FORMAT_VERSION_NETWORK);
            assert_non_null(parser_model_clusters(own));
            parser_model_free(own);
            continue;
        }
        assert_int_equal(own->header.format_version, PARSER_FORMAT_VERSION);
        assert_null(parser_model_clusters(own));
        assert_int_equal(parser_model_load_with_clusters(path, clusters, &committed_lent, &error),
                         DYAD_OK);
        dyad_arena *arena = dyad_arena_new();
        dyad_sentence *sentence;
        parser_words words;
        sentence_words(committed_lent, arena, 1, &sentence, &words);
        assert_int_equal(words.cluster_features, 0);
        count = parse_all(own, heads);
        assert_int_equal(parse_all(committed_lent, lent_heads), count);
        assert_memory_equal(heads, lent_heads, count * sizeof *heads);
        parser_model_free(committed_lent);
        parser_model_free(own);
        dyad_arena_free(arena);
    }
}

/* ------------------------------------------------- tags files (--tags) */

static void write_text(const char *path, const char *text) {
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    assert_true(fputs(text, file) >= 0);
    assert_int_equal(fclose(file), 0);
}

static void saved_tags_are_read_back(void **state) {
    (void)state;
    /* a tags file for the treebank: its own tags, "fired" made a VBN */
    char tags_path[128], saved_path[128];
    snprintf(tags_path, sizeof tags_path, "%s/tags.conllu", directory);
    snprintf(saved_path, sizeof saved_path, "%s/saved.conllu", directory);
    char *altered = strdup(treebank);
    char *fired = strstr(altered, "fired\tfire\tVERB\tVBD");
    memcpy(fired + strlen("fired\tfire\tVERB\t"), "VBN", 3);
    write_text(tags_path, altered);
    free(altered);

    dyad_arena *arena = dyad_arena_new();
    parser_jackknife jackknife = {.arena = arena, .load_tags_path = tags_path,
                                  .save_tags_path = saved_path};
    conllu_corpus corpus, saved;
    dyad_error error;
    assert_int_equal(conllu_read_memory(treebank, strlen(treebank), "test", arena, &corpus, &error),
                     DYAD_OK);
    assert_int_equal(parser_jackknife_retag(&jackknife, &corpus, true, &error), DYAD_OK);
    assert_string_equal(corpus.sentences[0].words[2].xpos, "VBN");
    assert_string_equal(corpus.sentences[0].words[1].xpos, "NN");
    /* what was saved is the retagged corpus, and reads back as such */
    assert_int_equal(conllu_read_file(saved_path, arena, &saved, &error), DYAD_OK);
    assert_int_equal(saved.sentence_count, corpus.sentence_count);
    for (size_t s = 0; s < corpus.sentence_count; s++) {
        assert_int_equal(saved.sentences[s].word_count, corpus.sentences[s].word_count);
        for (size_t w = 0; w < corpus.sentences[s].word_count; w++) {
            const conllu_word *mine = &corpus.sentences[s].words[w], *theirs = &saved.sentences[s].words[w];
            assert_string_equal(theirs->form, mine->form);
            assert_string_equal(theirs->xpos, mine->xpos);
            assert_string_equal(theirs->upos, mine->upos);
            assert_int_equal(theirs->head, mine->head);
            assert_string_equal(theirs->deprel, mine->deprel);
        }
    }

    /* a tags file of other words is refused, naming its line */
    char *other = strdup(treebank);
    char *army = strstr(other, "\tarmy\tarmy");
    memcpy(army + 1, "navy", 4);
    write_text(tags_path, other);
    free(other);
    jackknife.save_tags_path = NULL;
    assert_int_equal(parser_jackknife_retag(&jackknife, &corpus, true, &error), DYAD_ERR_FORMAT);
    assert_string_equal(error.file, tags_path);
    assert_int_equal(error.line, 1);
    assert_non_null(strstr(error.message, "other words"));
    /* and one with fewer sentences */
    write_text(tags_path, strstr(treebank, "# text = Envoys"));
    assert_int_equal(parser_jackknife_retag(&jackknife, &corpus, true, &error), DYAD_ERR_FORMAT);
    assert_non_null(strstr(error.message, "3 sentences"));
    unlink(tags_path);
    unlink(saved_path);
    dyad_arena_free(arena);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cluster_keys_are_extracted),
        cmocka_unit_test(unknown_forms_back_off_to_their_class),
        cmocka_unit_test(model_with_clusters_learns_and_loads_its_own),
        cmocka_unit_test(other_clusters_are_refused),
        cmocka_unit_test(inconsistent_headers_are_refused),
        cmocka_unit_test(models_without_clusters_ignore_them),
        cmocka_unit_test(saved_tags_are_read_back),
    };
    return cmocka_run_group_tests(tests, set_up, tear_down);
}
