/* Unit tests for ingest/penn_tree: Penn Treebank trees (written by us) to
 * Universal Dependencies heads and relations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "ingest/penn_tree.h"

typedef struct expected {
    const char *form;
    int head;
    const char *deprel;
} expected;

static void check(const char *tree, const expected *want, size_t count) {
    dyad_arena *arena = dyad_arena_new();
    penn_word *words;
    size_t n;
    dyad_error error;
    assert_int_equal(penn_tree_to_dependencies(tree, arena, &words, &n, &error), DYAD_OK);
    assert_int_equal(n, count);
    for (size_t i = 0; i < count; i++) {
        assert_string_equal(words[i].form, want[i].form);
        if (words[i].head != want[i].head || strcmp(words[i].deprel, want[i].deprel) != 0)
            fail_msg("%s: head %d %s, wanted %d %s", words[i].form, words[i].head, words[i].deprel,
                     want[i].head, want[i].deprel);
    }
    dyad_arena_free(arena);
}

static void possessive_aux_coordination(void **state) {
    (void)state;
    const char tree[] =
        "(ROOT (S (NP (NP (NNP Freedonia) (POS 's)) (NN leader))"
        " (VP (MD will) (VP (VB meet) (NP (NNP Sylvania) (CC and) (NNP Marsovia))"
        " (PP (IN in) (NP (NNP Geneva))))) (. .)))";
    const expected want[] = {
        {"Freedonia", 3, "nmod:poss"}, {"'s", 1, "case"}, {"leader", 5, "nsubj"},
        {"will", 5, "aux"}, {"meet", 0, "root"}, {"Sylvania", 5, "obj"}, {"and", 8, "cc"},
        {"Marsovia", 6, "conj"}, {"in", 10, "case"}, {"Geneva", 5, "obl"}, {".", 5, "punct"},
    };
    check(tree, want, sizeof want / sizeof *want);
}

static void passive_with_agent(void **state) {
    (void)state;
    const char tree[] = "(ROOT (S (NP (NNP Sylvania)) (VP (VBD was) (VP (VBN attacked)"
                        " (PP (IN by) (NP (JJ Freedonian) (NNS troops))))) (. .)))";
    const expected want[] = {
        {"Sylvania", 3, "nsubj:pass"}, {"was", 3, "aux:pass"}, {"attacked", 0, "root"},
        {"by", 6, "case"}, {"Freedonian", 6, "amod"}, {"troops", 3, "obl:agent"}, {".", 3, "punct"},
    };
    check(tree, want, sizeof want / sizeof *want);
}

static void object_of_an_infinitive_clause(void **state) {
    (void)state;
    const char tree[] = "(ROOT (S (NP (NNP Freedonia)) (VP (VBD urged) (S (NP (NNP Sylvania))"
                        " (VP (TO to) (VP (VB withdraw))))) (. .)))";
    const expected want[] = {
        {"Freedonia", 2, "nsubj"}, {"urged", 0, "root"}, {"Sylvania", 2, "obj"},
        {"to", 5, "mark"}, {"withdraw", 2, "xcomp"}, {".", 2, "punct"},
    };
    check(tree, want, sizeof want / sizeof *want);
}

static void copula_and_complement_clause(void **state) {
    (void)state;
    const char tree[] = "(ROOT (S (NP (NNP Freedonia)) (VP (VBD said) (SBAR (IN that)"
                        " (S (NP (PRP it)) (VP (VBZ is) (ADJP (JJ ready)))))) (. .)))";
    const expected want[] = {
        {"Freedonia", 2, "nsubj"}, {"said", 0, "root"}, {"that", 6, "mark"},
        {"it", 6, "nsubj"}, {"is", 6, "cop"}, {"ready", 2, "ccomp"}, {".", 2, "punct"},
    };
    check(tree, want, sizeof want / sizeof *want);
}

static void bad_trees(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    penn_word *words;
    size_t n;
    dyad_error error;
    assert_int_equal(penn_tree_to_dependencies("(ROOT (S (NP (NNP X))", arena, &words, &n, &error),
                     DYAD_ERR_FORMAT);
    assert_int_equal(penn_tree_to_dependencies("(ROOT (S)) extra", arena, &words, &n, &error),
                     DYAD_ERR_FORMAT);
    assert_int_equal(penn_tree_to_dependencies("(ROOT (S (NP (NNP X)))))", arena, &words, &n, &error),
                     DYAD_ERR_FORMAT);
    assert_int_equal(penn_tree_to_dependencies("( )", arena, &words, &n, &error), DYAD_ERR_FORMAT);
    assert_string_equal(penn_token_text("-LRB-"), "(");
    assert_string_equal(penn_token_text("``"), "\"");
    assert_string_equal(penn_token_text("word"), "word");
    dyad_arena_free(arena);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(possessive_aux_coordination),
        cmocka_unit_test(passive_with_agent),
        cmocka_unit_test(object_of_an_infinitive_clause),
        cmocka_unit_test(copula_and_complement_clause),
        cmocka_unit_test(bad_trees),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
