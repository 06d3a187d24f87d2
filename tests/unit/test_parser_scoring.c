/* Unit tests for the parser's scoring layout (parser_table_prepare and
 * parser_table_score, parser_best_class_sums): whatever the layout built
 * at load time (fingerprints probed in groups, re-encoded cells, dense
 * rows made from the hot features' cells), scores must be exactly those
 * of the table as stored, and the best class the one the float
 * comparison picks; and the feature keys, mixed four at a time, are
 * the finaliser of the packed templates.  The reference here reads the stored entries the
 * plain way: linear probing, one cell at a time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "nlp/parser.h"
#include "nlp/parser_model.h"
#include "util/arena.h"

/* ------------------------------------------------------------ reference */

static uint32_t reference_find(const parser_hash *hash, uint64_t key) {
    uint32_t slot = parser_key_slot(key, hash->capacity);
    uint32_t fingerprint = parser_key_fingerprint(key);
    for (;;) {
        const parser_entry *entry = &hash->entries[slot];
        if (entry->fingerprint == fingerprint) return entry->weights;
        if (entry->fingerprint == 0) return 0;
        slot = (slot + 1) % hash->capacity;
    }
}

static void reference_score(const parser_table *table, const uint64_t *keys, size_t count,
                            int64_t *scores) {
    memset(scores, 0, table->row_stride * sizeof *scores);
    for (size_t k = 0; k < count; k++) {
        uint32_t weights = reference_find(&table->hot, keys[k]);
        if (!weights) weights = reference_find(&table->cold, keys[k]);
        if (!weights) continue;
        if (weights & PARSER_DENSE_ROW) {
            size_t row_index = weights & ~PARSER_DENSE_ROW;
            const int32_t *row = table->rows + row_index * table->row_stride;
            for (uint32_t c = 0; c < table->row_stride; c++) scores[c] += row[c];
        } else {
            for (uint32_t c = 0; c < (weights & 0xff); c++) {
                uint32_t cell = table->cells[(weights >> 8) + c];
                scores[cell >> 24] += (int32_t)(cell << 8) >> 8;
            }
        }
    }
}

static void expect_same_scores(const parser_table *table, const uint64_t *keys, size_t count) {
    int64_t expected[PARSER_MAX_ROW_STRIDE];
    int32_t sums[PARSER_MAX_ROW_STRIDE];
    reference_score(table, keys, count, expected);
    memset(sums, 0, sizeof sums);
    parser_table_score(table, keys, count, sums);
    for (uint32_t c = 0; c < table->row_stride; c++) assert_int_equal(sums[c], expected[c]);
}

/* A key whose probe starts at slot of a table of capacity slots. */
static uint64_t key_at(uint32_t slot, uint32_t capacity, uint32_t fingerprint) {
    uint64_t low = (((uint64_t)slot << 32) + capacity - 1) / capacity;
    return (uint64_t)fingerprint << 32 | low;
}

static uint64_t next_random(uint64_t *seed) {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    return *seed;
}

/* ---------------------------------------------------------- small table */

/* Tables smaller than a probe group, clusters that wrap around the end,
 * a fingerprint stored twice (the first one on the probe path wins), a
 * hot feature with enough cells to be made dense, and a stored dense row:
 * every (start slot, fingerprint) pair scores as the stored table says. */
static void small_tables_score_as_stored(void **state) {
    (void)state;
    enum { STRIDE = 16, CLASSES = 13 };
    uint32_t cells[64];
    for (uint32_t i = 0; i < 64; i++) {
        int32_t weight = (int32_t)(i * 37 % 101) - 50 - (i % 3 == 0 ? 8000000 : 0);
        cells[i] = (i * 5 % CLASSES) << 24 | ((uint32_t)weight & 0xffffff);
    }
    int32_t rows[STRIDE];
    for (int c = 0; c < STRIDE; c++) rows[c] = c < CLASSES ? 1000 * c - 7000 : 0;
    /* hot, capacity 5: a cluster 3, 4, 0, 1 across the end, slot 2 empty */
    parser_entry hot[5] = {
        {11, 0u << 8 | 3},           /* slot 0 */
        {12, 3u << 8 | 24},          /* slot 1: 24 cells, made dense */
        {0, 0},                      /* slot 2: empty */
        {13, PARSER_DENSE_ROW | 0},  /* slot 3 */
        {11, 27u << 8 | 2},          /* slot 4: fingerprint 11 again */
    };
    /* cold, capacity 3: two used */
    parser_entry cold[3] = {{21, 29u << 8 | 16}, {0, 0}, {22, 45u << 8 | 19}};
    parser_table table = {
        .hot = {.capacity = 5, .entries = hot},
        .cold = {.capacity = 3, .entries = cold},
        .cells = cells, .cell_count = 64,
        .rows = rows, .row_count = 1, .row_stride = STRIDE,
    };
    assert_int_equal(parser_table_prepare(&table), DYAD_OK);
    const uint32_t fingerprints[] = {11, 12, 13, 21, 22, 99};
    for (int table_index = 0; table_index < 2; table_index++) {
        uint32_t capacity = table_index ? 3 : 5;
        for (uint32_t slot = 0; slot < capacity; slot++)
            for (size_t f = 0; f < sizeof fingerprints / sizeof *fingerprints; f++) {
                uint64_t key = key_at(slot, capacity, fingerprints[f]);
                expect_same_scores(&table, &key, 1);
            }
    }
    /* all at once, some twice */
    uint64_t keys[24];
    size_t count = 0;
    for (uint32_t slot = 0; slot < 5; slot++)
        for (size_t f = 0; f < 4; f++) keys[count++] = key_at(slot, 5, fingerprints[f]);
    keys[count++] = key_at(0, 3, 21);
    keys[count++] = key_at(2, 3, 22);
    keys[count++] = key_at(1, 5, 12);
    keys[count++] = key_at(4, 5, 11);
    expect_same_scores(&table, keys, count);
    /* preparing again replaces the derived arrays; releasing twice is harmless */
    assert_int_equal(parser_table_prepare(&table), DYAD_OK);
    expect_same_scores(&table, keys, count);
    parser_table_release(&table);
    parser_table_release(&table);
}

/* ------------------------------------------------------- committed model */

static parser_model *committed_model(void) {
    parser_model *model;
    dyad_error error;
    char path[4096];
    assert_int_equal(parser_model_load(parser_model_path(DYAD_SOURCE_DATA_DIR, path, sizeof path),
                                       &model, &error),
                     DYAD_OK);
    return model;
}

/* Keys of real configurations (found in both tables, dense and sparse)
 * and random keys (mostly absent, probing to the end of their cluster)
 * score on the committed model as its stored tables say; and along the
 * way the best class from the integer sums is the float comparison's. */
static void committed_model_scores_as_stored(void **state) {
    (void)state;
    parser_model *model = committed_model();
    dyad_arena *arena = dyad_arena_new();
    /* our own sentence, with the tags a tagger would give */
    static const char *const words[][3] = {
        {"Officials", "NNS", "NOUN"}, {"in", "IN", "ADP"},    {"Kyiv", "NNP", "PROPN"},
        {"said", "VBD", "VERB"},      {"the", "DT", "DET"},   {"talks", "NNS", "NOUN"},
        {"had", "VBD", "AUX"},        {"stalled", "VBN", "VERB"}, {"after", "IN", "ADP"},
        {"a", "DT", "DET"},           {"second", "JJ", "ADJ"}, {"round", "NN", "NOUN"},
        {".", ".", "PUNCT"},
    };
    enum { N = sizeof words / sizeof *words };
    dyad_token tokens[N];
    memset(tokens, 0, sizeof tokens);
    for (int i = 0; i < N; i++) {
        tokens[i].text = words[i][0];
        tokens[i].xpos = words[i][1];
        tokens[i].upos = words[i][2];
    }
    parser_words parser_words;
    assert_int_equal(parser_words_from_tokens(model, tokens, N, arena, &parser_words), DYAD_OK);
    transition_state configuration;
    assert_int_equal(transition_state_init(&configuration, N, arena), DYAD_OK);
    uint64_t keys[PARSER_MAX_FEATURES];
    int moves = 0;
    while (!transition_is_terminal(&configuration)) {
        size_t count = parser_extract_features(&parser_words, &configuration, keys);
        expect_same_scores(&model->table, keys, count);
        int32_t sums[PARSER_MAX_ROW_STRIDE] = {0};
        float scores[PARSER_MAX_CLASSES];
        parser_table_score(&model->table, keys, count, sums);
        for (uint32_t c = 0; c < model->header.class_count; c++) scores[c] = (float)sums[c];
        int best = parser_best_class(model, &configuration, scores, NULL);
        assert_int_equal(parser_best_class_sums(model, &configuration, sums), best);
        transition_apply(&configuration, parser_class_move(model, best),
                         parser_class_label(model, best));
        moves++;
    }
    assert_int_equal(moves, 2 * N);
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    for (int round = 0; round < 2000; round++) {
        for (size_t k = 0; k < 40; k++) keys[k] = next_random(&seed);
        expect_same_scores(&model->table, keys, 40);
    }
    dyad_arena_free(arena);
    parser_model_free(model);
}

/* The MurmurHash3 finaliser, written out here as the reference for the
 * keys (the parser mixes them four at a time where it can). */
static uint64_t finalise(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* Keys are the template number and the packed values, mixed: checked on
 * the first configuration, where s0 is the root and s1 does not exist,
 * for the first six templates (s0 and b0) and the last (s1's tag with its
 * right label set: nothing), which the vector loop leaves to the scalar
 * one when the count is not a multiple of four. */
static void keys_are_the_mixed_templates(void **state) {
    (void)state;
    parser_model *model = committed_model();
    dyad_arena *arena = dyad_arena_new();
    dyad_token tokens[2];
    memset(tokens, 0, sizeof tokens);
    tokens[0] = (dyad_token){.text = "Talks", .xpos = "NNS", .upos = "NOUN"};
    tokens[1] = (dyad_token){.text = "resumed", .xpos = "VBD", .upos = "VERB"};
    parser_words words;
    assert_int_equal(parser_words_from_tokens(model, tokens, 2, arena, &words), DYAD_OK);
    /* the 113 templates alone, whether the committed model has word
     * clusters or not (test_parser_clusters.c checks their keys) */
    words.cluster_features = 0;
    transition_state configuration;
    assert_int_equal(transition_state_init(&configuration, 2, arena), DYAD_OK);
    uint64_t keys[PARSER_MAX_FEATURES];
    size_t count = parser_extract_features(&words, &configuration, keys);
    assert_int_equal(count, 113);
    uint64_t root = PARSER_ID_ROOT, form = words.form[1], tag = words.tag[1];
    assert_true(form >= PARSER_ID_FIRST && tag >= PARSER_ID_FIRST);
    assert_true(keys[0] == finalise(1 | (root | root << 20) << 7));
    assert_true(keys[1] == finalise(2 | root << 7));
    assert_true(keys[2] == finalise(3 | root << 7));
    assert_true(keys[3] == finalise(4 | (form | tag << 20) << 7));
    assert_true(keys[4] == finalise(5 | form << 7));
    assert_true(keys[5] == finalise(6 | tag << 7));
    assert_true(keys[count - 1] == finalise(count));
    dyad_arena_free(arena);
    parser_model_free(model);
}

/* Sums chosen to make the float comparison differ from the integer one
 * (beyond 2^24 neighbouring integers convert to the same float, so the
 * lower class wins a float tie the integers would not have), ties, and
 * every kind of configuration: the class is always the float's. */
static void best_class_from_sums_is_the_float_choice(void **state) {
    (void)state;
    parser_model *model = committed_model();
    dyad_arena *arena = dyad_arena_new();
    enum { N = 6 };
    uint64_t seed = 12345;
    /* configurations along a fixed move sequence: SHIFT, LEFT, RIGHT... */
    transition_state configuration;
    assert_int_equal(transition_state_init(&configuration, N, arena), DYAD_OK);
    int32_t sums[PARSER_MAX_ROW_STRIDE];
    float scores[PARSER_MAX_CLASSES];
    int checked = 0;
    while (!transition_is_terminal(&configuration)) {
        for (int round = 0; round < 200; round++) {
            int magnitude = round % 4;
            for (uint32_t c = 0; c < model->header.class_count; c++) {
                uint64_t r = next_random(&seed);
                int32_t value;
                if (magnitude == 0) value = (int32_t)(r % 21) - 10;                /* many ties */
                else if (magnitude == 1) value = (int32_t)(r % 2000001) - 1000000;
                else if (magnitude == 2) value = (1 << 25) + (int32_t)(r % 5);    /* float ties */
                else value = (int32_t)(r >> 33) - (1 << 30);
                sums[c] = value;
            }
            for (uint32_t c = 0; c < model->header.class_count; c++) scores[c] = (float)sums[c];
            assert_int_equal(parser_best_class_sums(model, &configuration, sums),
                             parser_best_class(model, &configuration, scores, NULL));
            checked++;
        }
        int best = parser_best_class(model, &configuration, scores, NULL);
        transition_apply(&configuration, parser_class_move(model, best),
                         parser_class_label(model, best));
    }
    assert_true(checked >= 200 * 2 * N);
    dyad_arena_free(arena);
    parser_model_free(model);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(small_tables_score_as_stored),
        cmocka_unit_test(committed_model_scores_as_stored),
        cmocka_unit_test(best_class_from_sums_is_the_float_choice),
        cmocka_unit_test(keys_are_the_mixed_templates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
