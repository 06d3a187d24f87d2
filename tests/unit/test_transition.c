/* Unit tests for nlp/transition: the arc-hybrid system, its static oracle
 * (every projective tree is reachable), its dynamic oracle (zero cost on
 * the gold path; along any path, the costs paid add up to the arcs
 * missed), projectivity and lifting.  On our own small trees always, and
 * on every tree of EWT train when ../shared is present. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/conllu_read.h"
#include "nlp/transition.h"
#include "util/arena.h"

/* "Kyiv rejected the plan ." and "The proposal was rejected by Ukraine 's
 * foreign minister ." as head arrays (index 0 unused). */
static const int kyiv_heads[] = {-1, 2, 0, 4, 2, 2};
static const int proposal_heads[] = {-1, 2, 4, 4, 0, 10, 10, 6, 10, 10, 4, 4};

static void initial_and_terminal(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    transition_state s;
    assert_int_equal(transition_state_init(&s, 5, arena), DYAD_OK);
    assert_int_equal(s.stack_size, 1);
    assert_int_equal(transition_stack_top(&s, 0), 0);
    assert_int_equal(s.buffer, 1);
    assert_false(transition_is_terminal(&s));
    /* only SHIFT with the root alone on the stack */
    assert_true(transition_is_legal(&s, TRANSITION_SHIFT));
    assert_false(transition_is_legal(&s, TRANSITION_LEFT));
    assert_false(transition_is_legal(&s, TRANSITION_RIGHT));
    transition_apply(&s, TRANSITION_SHIFT, -1);
    /* the root takes a dependent only when the buffer is empty */
    assert_false(transition_is_legal(&s, TRANSITION_RIGHT));
    assert_true(transition_is_legal(&s, TRANSITION_LEFT));
    for (int i = 0; i < 4; i++) transition_apply(&s, TRANSITION_SHIFT, -1);
    assert_true(transition_buffer_empty(&s));
    while (s.stack_size > 1) {
        assert_true(transition_is_legal(&s, TRANSITION_RIGHT));
        assert_int_equal(transition_attaches_to_root(&s, TRANSITION_RIGHT), s.stack_size == 2);
        transition_apply(&s, TRANSITION_RIGHT, 7);
    }
    assert_true(transition_is_terminal(&s));
    /* a chain: each word headed by the one before, the first by the root */
    for (int i = 1; i <= 5; i++) assert_int_equal(s.head[i], i - 1);
    dyad_arena_free(arena);
}

static void children_are_tracked(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    transition_state s;
    assert_int_equal(transition_state_init(&s, 4, arena), DYAD_OK);
    /* "a b c d": a <- c, b <- c (LEFT twice), then c -> d? no: d -> c */
    transition_apply(&s, TRANSITION_SHIFT, -1);  /* a */
    transition_apply(&s, TRANSITION_SHIFT, -1);  /* b */
    transition_apply(&s, TRANSITION_LEFT, 3);    /* b <- c */
    transition_apply(&s, TRANSITION_LEFT, 5);    /* a <- c */
    assert_int_equal(s.leftmost[3], 1);
    assert_int_equal(s.second_leftmost[3], 2);
    assert_int_equal(s.left_count[3], 2);
    assert_int_equal(s.left_labels[3], (1u << 3) | (1u << 5));
    transition_apply(&s, TRANSITION_SHIFT, -1);  /* c */
    transition_apply(&s, TRANSITION_SHIFT, -1);  /* d */
    transition_apply(&s, TRANSITION_RIGHT, 9);   /* c -> d */
    assert_int_equal(s.rightmost[3], 4);
    assert_int_equal(s.second_rightmost[3], -1);
    assert_int_equal(s.right_count[3], 1);
    assert_int_equal(s.head[4], 3);
    assert_int_equal(s.label[4], 9);
    dyad_arena_free(arena);
}

/* Walks the static oracle from the initial configuration; checks that
 * every move is legal and costs nothing, that the label the dynamic oracle
 * asks for is the gold one, and that the gold tree comes out. */
static void check_static_path(const int *gold, const int *labels, int n, dyad_arena *arena) {
    transition_state s;
    assert_int_equal(transition_state_init(&s, n, arena), DYAD_OK);
    int moves = 0;
    while (!transition_is_terminal(&s)) {
        transition_move move = transition_static_oracle(&s, gold);
        assert_true(transition_is_legal(&s, move));
        int cost[TRANSITION_MOVE_COUNT];
        transition_costs(&s, gold, cost);
        if (cost[move] != 0) fail_msg("oracle move %d costs %d after %d moves", move, cost[move], moves);
        int label = transition_gold_label(&s, move, gold, labels);
        if (move != TRANSITION_SHIFT) assert_int_equal(label, labels[transition_stack_top(&s, 0)]);
        transition_apply(&s, move, label);
        assert_true(++moves <= 2 * n);
    }
    assert_int_equal(moves, 2 * n);
    for (int i = 1; i <= n; i++) {
        assert_int_equal(s.head[i], gold[i]);
        assert_int_equal(s.label[i], labels[i]);
    }
}

/* Follows random legal moves: at every step some legal move must cost
 * nothing (the oracle is complete), and the costs of the moves taken must
 * add up to the number of wrong heads at the end (arc-decomposition). */
static void check_random_path(const int *gold, int n, dyad_arena *arena, uint64_t *seed) {
    transition_state s;
    assert_int_equal(transition_state_init(&s, n, arena), DYAD_OK);
    int paid = 0;
    while (!transition_is_terminal(&s)) {
        int cost[TRANSITION_MOVE_COUNT], cheapest = -1;
        transition_costs(&s, gold, cost);
        for (int m = 0; m < TRANSITION_MOVE_COUNT; m++) {
            assert_int_equal(cost[m] >= 0, transition_is_legal(&s, (transition_move)m));
            if (cost[m] >= 0 && (cheapest < 0 || cost[m] < cheapest)) cheapest = cost[m];
        }
        assert_int_equal(cheapest, 0);
        int move;
        do {
            *seed ^= *seed << 13, *seed ^= *seed >> 7, *seed ^= *seed << 17;
            move = (int)(*seed % TRANSITION_MOVE_COUNT);
        } while (cost[move] < 0);
        paid += cost[move];
        transition_apply(&s, (transition_move)move, 0);
    }
    int wrong = 0;
    for (int i = 1; i <= n; i++) wrong += s.head[i] != gold[i];
    assert_int_equal(paid, wrong);
}

static void oracles_on_our_trees(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    int labels[12];
    for (int i = 0; i < 12; i++) labels[i] = i % 5;
    assert_true(transition_tree_is_projective(kyiv_heads, 5));
    assert_true(transition_tree_is_projective(proposal_heads, 11));
    check_static_path(kyiv_heads, labels, 5, arena);
    check_static_path(proposal_heads, labels, 11, arena);
    uint64_t seed = 88172645463325252ULL;
    for (int i = 0; i < 200; i++) {
        check_random_path(kyiv_heads, 5, arena, &seed);
        check_random_path(proposal_heads, 11, arena, &seed);
    }
    dyad_arena_free(arena);
}

static void lifting_makes_trees_projective(void **state) {
    (void)state;
    /* "A hearing is scheduled on the issue today" with "issue" (7)
     * attached to "hearing" (2): "is" and "scheduled" lie between them
     * without descending from "hearing", so the arc is not projective. */
    int heads[] = {-1, 2, 4, 4, 0, 7, 7, 2, 4};
    assert_false(transition_tree_is_projective(heads, 8));
    int lifted = transition_projectivize(heads, 8);
    assert_true(lifted >= 1);
    assert_true(transition_tree_is_projective(heads, 8));
    /* lifting goes up the tree: "issue" now hangs from "scheduled" */
    assert_int_equal(heads[7], 4);
    /* other arcs are kept */
    assert_int_equal(heads[1], 2);
    assert_int_equal(heads[2], 4);
    assert_int_equal(heads[8], 4);
    /* a projective tree is left alone */
    int kyiv[6];
    memcpy(kyiv, kyiv_heads, sizeof kyiv);
    assert_int_equal(transition_projectivize(kyiv, 5), 0);
    assert_memory_equal(kyiv, kyiv_heads, sizeof kyiv);
}

static void oracles_on_ewt_train(void **state) {
    (void)state;
    const char *shared = getenv("DYAD_SHARED");
    char path[4096];
    snprintf(path, sizeof path, "%s/data/ud-english-ewt/en_ewt-ud-train.conllu",
             shared ? shared : DYAD_SOURCE_DATA_DIR "/../../shared");
    FILE *probe = fopen(path, "r");
    if (!probe) {
        printf("skipped: %s not found (../shared is absent)\n", path);
        skip();
    }
    fclose(probe);
    dyad_arena *arena = dyad_arena_new(), *scratch = dyad_arena_new();
    conllu_corpus corpus;
    dyad_error error;
    assert_int_equal(conllu_read_file(path, arena, &corpus, &error), DYAD_OK);
    long non_projective = 0, lifted_trees_ok = 0;
    uint64_t seed = 2463534242ULL;
    for (size_t s = 0; s < corpus.sentence_count; s++) {
        const conllu_sentence *sentence = &corpus.sentences[s];
        int n = (int)sentence->word_count;
        dyad_arena_reset(scratch);
        int *heads = arena_alloc(scratch, 2 * ((size_t)n + 1) * sizeof *heads);
        int *labels = heads + n + 1;
        heads[0] = labels[0] = -1;
        for (int i = 1; i <= n; i++) {
            heads[i] = sentence->words[i - 1].head;
            labels[i] = i % 7;
        }
        if (!transition_tree_is_projective(heads, n)) {
            non_projective++;
            transition_projectivize(heads, n);
            assert_true(transition_tree_is_projective(heads, n));
            lifted_trees_ok++;
        }
        check_static_path(heads, labels, n, scratch);
        if (s % 25 == 0) check_random_path(heads, n, scratch, &seed);
    }
    printf("EWT train: %zu trees, %ld non-projective (lifted, then reachable: %ld)\n",
           corpus.sentence_count, non_projective, lifted_trees_ok);
    assert_true(non_projective > 0 && non_projective < (long)corpus.sentence_count / 20);
    dyad_arena_free(scratch);
    dyad_arena_free(arena);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(initial_and_terminal),
        cmocka_unit_test(children_are_tracked),
        cmocka_unit_test(oracles_on_our_trees),
        cmocka_unit_test(lifting_makes_trees_projective),
        cmocka_unit_test(oracles_on_ewt_train),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
