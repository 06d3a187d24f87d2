/* Unit tests for the move-scoring network beside the perceptron
 * (parser_network.h, parser_network_train.h): a parser trained with one on
 * a small treebank of ours learns it and loads it back with its network;
 * the network's exact scores follow the float network it was built from;
 * the AVX2 and the plain loops give the same sums; the inputs of a
 * configuration are the words it names; damaged network sections and
 * impossible options are refused with a message saying what is wrong.
 *
 * Word clusters are trained by the test from a few lines of our own text
 * (a network model needs them: its cluster inputs are theirs). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/conllu_read.h"
#include "nlp/parser.h"
#include "nlp/parser_model.h"
#include "nlp/parser_network.h"
#include "nlp/parser_train.h"
#include "nlp/word_clusters.h"
#include "util/arena.h"
#include "util/model_file.h"

#include "parser_fixture.h"

/* Written for these tests: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC. */
static const char treebank[] =
    FIXTURE_ARMY_FIRED_SHELLS
    "\n"
    FIXTURE_OFFICIALS_SAID
    "\n"
    "# text = The envoys left Geneva after the talks.\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tenvoys\tenvoy\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n"
    "3\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tGeneva\tGeneva\tPROPN\tNNP\t_\t3\tobj\t_\t_\n"
    "5\tafter\tafter\tADP\tIN\t_\t7\tcase\t_\t_\n"
    "6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_\n"
    "7\ttalks\ttalk\tNOUN\tNNS\t_\t3\tobl\t_\tSpaceAfter=No\n"
    "8\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n";

static const char cluster_text[] =
    "The army fired shells at the town.\n"
    "The envoys left Geneva after the talks.\n"
    "Officials said the talks would continue.\n"
    "The army left the town after the shells.\n"
    "Envoys said the army would leave Geneva.\n";

static char clusters_path[128];
static word_clusters *clusters;
static network_training_options network_options;

static int set_up(void **state) {
    (void)state;
    if (!mkdtemp(directory)) return -1;
    snprintf(clusters_path, sizeof clusters_path, "%s/clusters.model", directory);
    if (parser_fixture_train_clusters(cluster_text, clusters_path, &clusters) != 0) return -1;
    network_training_defaults(&network_options);
    network_options.epochs = 20;
    network_options.hidden = 64;
    network_options.frequent_forms = 12;
    network_options.weight = 1;
    fixture_clusters = clusters;
    fixture_cluster_features = PARSER_DEFAULT_CLUSTER_FEATURES;
    fixture_network = &network_options;
    return parser_fixture_train(treebank, 10, 1);
}

static int tear_down(void **state) {
    (void)state;
    word_clusters_free(clusters);
    unlink(clusters_path);
    return parser_fixture_remove();
}

static void network_model_learns_and_loads(void **state) {
    (void)state;
    parser_model *model;
    dyad_error error;
    assert_int_equal(parser_model_load(model_path, &model, &error), DYAD_OK);
    assert_int_equal(model->header.format_version, PARSER_FORMAT_VERSION_NETWORK);
    assert_non_null(model->network);
    /* its reach is NETWORK_REACH_LOGITS logits in the perceptron's units */
    double expected = NETWORK_REACH_LOGITS * network_options.weight / model->header.weight_scale;
    assert_true(fabs((double)parser_network_reach(model->network) - expected) <= 1 + 1e-9 * expected);
    /* perceptron and network together parse the treebank they learnt */
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus corpus;
    dyad_sentence *sentences = parser_fixture_sentences(arena, &corpus, treebank);
    for (size_t s = 0; s < corpus.sentence_count; s++) {
        assert_int_equal(parser_parse_sentence(model, &sentences[s], arena, &error), DYAD_OK);
        for (uint32_t w = 0; w < sentences[s].token_count; w++) {
            assert_int_equal(sentences[s].tokens[w].head, corpus.sentences[s].words[w].head);
            assert_string_equal(sentences[s].tokens[w].deprel, corpus.sentences[s].words[w].deprel);
        }
    }
    dyad_arena_free(arena);
    parser_model_free(model);
}

/* Walks the gold moves of every treebank sentence, calling visit at every
 * configuration with the sentence's words. */
static void walk_configurations(const parser_model *model,
                                void (*visit)(const parser_model *, const parser_words *,
                                              const transition_state *, void *),
                                void *context) {
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus corpus;
    dyad_sentence *sentences = parser_fixture_sentences(arena, &corpus, treebank);
    for (size_t s = 0; s < corpus.sentence_count; s++) {
        const conllu_sentence *gold = &corpus.sentences[s];
        int n = (int)gold->word_count, head[64], label[64];
        head[0] = label[0] = -1;
        for (int i = 0; i < n; i++) {
            head[i + 1] = gold->words[i].head;
            label[i + 1] = (int)parser_lexicon_find(&model->labels, gold->words[i].deprel,
                                                    strlen(gold->words[i].deprel)) -
                           PARSER_ID_FIRST;
        }
        parser_words words;
        transition_state state;
        assert_int_equal(parser_words_from_tokens(model, sentences[s].tokens, n, arena, &words),
                         DYAD_OK);
        assert_int_equal(transition_state_init(&state, n, arena), DYAD_OK);
        while (!transition_is_terminal(&state)) {
            visit(model, &words, &state, context);
            int costs[PARSER_MAX_CLASSES], first[PARSER_MAX_LEGAL_RANGES], end[PARSER_MAX_LEGAL_RANGES];
            parser_class_costs(model, &state, head, label, costs);
            int ranges = parser_legal_class_ranges(model, &state, first, end), next = -1;
            for (int r = 0; r < ranges && next < 0; r++)
                for (int c = first[r]; c < end[r] && next < 0; c++)
                    if (costs[c] == 0) next = c;
            assert_true(next >= 0);
            transition_apply(&state, parser_class_move(model, next), parser_class_label(model, next));
        }
    }
    dyad_arena_free(arena);
}

/* Every class of the model, for scoring them all. */
static size_t all_classes(const parser_model *model, int *classes) {
    for (uint32_t c = 0; c < model->header.class_count; c++) classes[c] = (int)c;
    return model->header.class_count;
}

static void compare_vector_and_plain(const parser_model *model, const parser_words *words,
                                     const transition_state *state, void *context) {
    int *configurations = context;
    int classes[PARSER_MAX_CLASSES];
    size_t count = all_classes(model, classes);
    int32_t vector[PARSER_MAX_CLASSES] = {0}, plain[PARSER_MAX_CLASSES] = {0};
    parser_network_use_vectors(model->network, true);
    parser_network_add_scores(model->network, words, state, classes, count, vector);
    parser_network_use_vectors(model->network, false);
    parser_network_add_scores(model->network, words, state, classes, count, plain);
    parser_network_use_vectors(model->network, true);
    assert_memory_equal(vector, plain, model->header.class_count * sizeof *vector);
    /* the network has something to say */
    bool any = false;
    for (uint32_t c = 0; c < model->header.class_count; c++) any |= plain[c] != plain[0];
    assert_true(any);
    (*configurations)++;
}

static void vector_and_plain_scoring_agree(void **state) {
    (void)state;
    parser_model *model;
    dyad_error error;
    assert_int_equal(parser_model_load(model_path, &model, &error), DYAD_OK);
    int configurations = 0;
    walk_configurations(model, compare_vector_and_plain, &configurations);
    assert_true(configurations > 20);
    parser_model_free(model);
}

/* The float network of the model's sections, computed plainly. */
typedef struct reference {
    const parser_network_header *header;
    const uint32_t *frequent;
    const float *embeddings, *hidden, *output;
    double largest_gap;      /* the largest |exact - float| seen, in perceptron units */
    double largest_score;
} reference;

static void compare_with_floats(const parser_model *model, const parser_words *words,
                                const transition_state *state, void *context) {
    reference *r = context;
    const parser_network_header *h = r->header;
    uint32_t word_ids;
    const uint16_t *map = parser_network_word_map(model->network, &word_ids);
    network_inputs in;
    parser_network_inputs(words, state, map, word_ids, &in);
    const float *word = r->embeddings, *tag = word + (size_t)h->word_rows * h->word_dim;
    const float *cluster = tag + (size_t)h->tag_rows * h->tag_dim;
    const float *label = cluster + (size_t)h->cluster_rows * h->cluster_dim;
    uint32_t input_size = parser_network_input_size(h);
    double x[NETWORK_MAX_INPUT];
    size_t at = 0;
    for (int s = 0; s < NETWORK_WORD_SLOTS; s++) {
        for (uint32_t d = 0; d < h->word_dim; d++) x[at++] = word[in.word[s] * h->word_dim + d];
        for (uint32_t d = 0; d < h->tag_dim; d++) x[at++] = tag[in.tag[s] * h->tag_dim + d];
        for (uint32_t d = 0; d < h->cluster_dim; d++)
            x[at++] = cluster[in.cluster[s] * h->cluster_dim + d];
    }
    for (int s = 0; s < NETWORK_LABEL_SLOTS; s++)
        for (uint32_t d = 0; d < h->label_dim; d++) x[at++] = label[in.label[s] * h->label_dim + d];
    assert_int_equal(at, input_size);
    double units[NETWORK_MAX_HIDDEN];
    for (uint32_t j = 0; j < h->hidden; j++) {
        double sum = r->hidden[(size_t)input_size * h->hidden + j];
        for (uint32_t i = 0; i < input_size; i++) sum += x[i] * r->hidden[(size_t)i * h->hidden + j];
        units[j] = sum > 0 ? sum : 0;
    }
    int32_t exact[PARSER_MAX_CLASSES] = {0};
    int classes[PARSER_MAX_CLASSES];
    size_t count = all_classes(model, classes);
    parser_network_add_scores(model->network, words, state, classes, count, exact);
    double to_perceptron = h->weight / model->header.weight_scale;
    for (uint32_t c = 0; c < h->classes; c++) {
        double logit = r->output[(size_t)h->hidden * h->classes + c];
        for (uint32_t j = 0; j < h->hidden; j++) logit += units[j] * r->output[(size_t)j * h->classes + c];
        double expected = to_perceptron * logit;
        r->largest_gap = fmax(r->largest_gap, fabs(exact[c] - expected));
        r->largest_score = fmax(r->largest_score, fabs(expected));
    }
}

static void scores_follow_the_float_network(void **state) {
    (void)state;
    parser_model *model;
    dyad_error error;
    assert_int_equal(parser_model_load(model_path, &model, &error), DYAD_OK);
    model_file *file;
    assert_int_equal(model_file_open(model_path, "parser", &file, &error), DYAD_OK);
    size_t size;
    reference r = {0};
    r.header = model_file_section(file, "network.header", &size);
    r.frequent = model_file_section(file, "network.words", &size);
    r.embeddings = model_file_section(file, "network.embeddings", &size);
    r.hidden = model_file_section(file, "network.hidden", &size);
    r.output = model_file_section(file, "network.output", &size);
    assert_non_null(r.header);
    assert_int_equal(r.header->hidden, 64);
    walk_configurations(model, compare_with_floats, &r);
    /* 16-bit products: within a thousandth of the scores' range */
    assert_true(r.largest_score > 0);
    if (r.largest_gap > 1e-3 * r.largest_score)
        fail_msg("exact scores %g away from the float network's (range %g)", r.largest_gap,
                 r.largest_score);
    model_file_close(file);
    parser_model_free(model);
}

static void inputs_name_the_configuration(void **state) {
    (void)state;
    parser_model *model;
    dyad_error error;
    assert_int_equal(parser_model_load(model_path, &model, &error), DYAD_OK);
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus corpus;
    dyad_sentence *sentences = parser_fixture_sentences(arena, &corpus, treebank);
    /* "The army fired shells at the town ." after SHIFT The, LEFT det (The <- army),
     * SHIFT army: stack root, army; buffer fired */
    parser_words words;
    transition_state s;
    assert_int_equal(parser_words_from_tokens(model, sentences[0].tokens, 8, arena, &words), DYAD_OK);
    assert_int_equal(transition_state_init(&s, 8, arena), DYAD_OK);
    int det = (int)parser_lexicon_find(&model->labels, "det", 3) - PARSER_ID_FIRST;
    transition_apply(&s, TRANSITION_SHIFT, 0);
    transition_apply(&s, TRANSITION_LEFT, det);
    transition_apply(&s, TRANSITION_SHIFT, 0);
    uint32_t word_ids;
    const uint16_t *map = parser_network_word_map(model->network, &word_ids);
    network_inputs in;
    parser_network_inputs(&words, &s, map, word_ids, &in);
    assert_int_equal(in.word[0], map[words.form[2]]);   /* s0 army */
    assert_int_equal(in.tag[0], words.tag[2]);
    assert_int_equal(in.cluster[0], words.cluster[WORD_CLUSTER_FINE][2]);
    assert_int_equal(in.word[1], PARSER_ID_ROOT);       /* s1 the root */
    assert_int_equal(in.word[2], PARSER_ID_NONE);       /* no s2 */
    assert_int_equal(in.word[3], map[words.form[3]]);   /* b0 fired */
    assert_int_equal(in.tag[6], words.tag[1]);          /* s0's leftmost child The */
    assert_int_equal(in.label[0], (uint32_t)det + 1);   /* ... by its det arc */
    assert_int_equal(in.label[2], 0);                   /* s0 has no right child */
    /* "the" is among the twelve most frequent forms, and has a row */
    assert_true(map[words.form[1]] >= PARSER_ID_FIRST);
    dyad_arena_free(arena);
    parser_model_free(model);
}


static void set_hidden(unsigned char *bytes, size_t size, void *context) {
    (void)size;
    ((parser_network_header *)bytes)->hidden = *(const uint32_t *)context;
}
static void set_word_dim(unsigned char *bytes, size_t size, void *context) {
    (void)size;
    ((parser_network_header *)bytes)->word_dim = *(const uint32_t *)context;
}
static void set_classes(unsigned char *bytes, size_t size, void *context) {
    (void)size;
    (void)context;
    ((parser_network_header *)bytes)->classes += 2;
}
static void outside_lexicon(unsigned char *bytes, size_t size, void *context) {
    (void)size;
    (void)context;
    ((uint32_t *)bytes)[0] = 1u << 30;
}
static void not_a_number(unsigned char *bytes, size_t size, void *context) {
    (void)context;
    float nan = NAN;
    memcpy(bytes + size - sizeof nan, &nan, sizeof nan);
}
static void corrupt_networks_are_refused(void **state) {
    (void)state;
    uint32_t not_multiple = 100, wider = 33;
    parser_fixture_copy_model("network.header", set_hidden, &not_multiple);
    parser_fixture_expect_refused("multiple of 64");
    parser_fixture_copy_model("network.header", set_classes, NULL);
    parser_fixture_expect_refused("classes");
    parser_fixture_copy_model("network.header", set_word_dim, &wider);
    parser_fixture_expect_refused("wrong size");
    parser_fixture_copy_model("network.words", outside_lexicon, NULL);
    parser_fixture_expect_refused("not in the lexicon");
    parser_fixture_copy_model("network.output", not_a_number, NULL);
    parser_fixture_expect_refused("not a number");
    /* an exact copy loads */
    parser_fixture_copy_model(NULL, NULL, NULL);
    parser_model *model;
    dyad_error error;
    assert_int_equal(parser_model_load(broken_path, &model, &error), DYAD_OK);
    parser_model_free(model);
}

static void impossible_options_are_refused(void **state) {
    (void)state;
    network_training_options options = network_options;
    parser_train_options training;
    parser_train_defaults(&training);
    training.train_path = training.dev_path = treebank_path;
    char out[128];
    snprintf(out, sizeof out, "%s/never.model", directory);
    training.out_path = out;
    training.iterations = 1;
    training.clusters = clusters;
    training.cluster_features = PARSER_DEFAULT_CLUSTER_FEATURES;
    training.network = &options;
    dyad_error error;
    /* a beam model cannot have one */
    training.beam_width = 2;
    assert_int_equal(parser_train(&training, &error), DYAD_ERR_USAGE);
    assert_non_null(strstr(error.message, "greedy"));
    /* nor a model without clusters */
    training.beam_width = 1;
    training.clusters = NULL;
    assert_int_equal(parser_train(&training, &error), DYAD_ERR_USAGE);
    training.clusters = clusters;
    /* a hidden layer that is not a multiple of 64 */
    options.hidden = 100;
    assert_int_equal(parser_train(&training, &error), DYAD_ERR_USAGE);
    assert_non_null(strstr(error.message, "multiple of 64"));
    assert_int_equal(access(out, F_OK), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(network_model_learns_and_loads),
        cmocka_unit_test(vector_and_plain_scoring_agree),
        cmocka_unit_test(scores_follow_the_float_network),
        cmocka_unit_test(inputs_name_the_configuration),
        cmocka_unit_test(corrupt_networks_are_refused),
        cmocka_unit_test(impossible_options_are_refused),
    };
    return cmocka_run_group_tests(tests, set_up, tear_down);
}
