/* Unit tests for nlp/parser_beam and global training: copying a
 * configuration, width 1 against the greedy parser, trees from wider
 * beams, pruning against a plainly written beam, learning a small
 * treebank with max-violation updates, and the beam width in the model
 * header. */
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
#include "nlp/parser_beam.h"
#include "nlp/parser_model.h"
#include "nlp/parser_train.h"
#include "nlp/tagger.h"
#include "util/arena.h"
#include "util/model_file.h"

#include "parser_fixture.h"

/* Written for these tests: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC.
 * Two sentences share a prefix and differ in attachment ("with"), which a
 * model that scores single moves well but sequences badly gets wrong. */
static const char treebank[] =
    "# text = Rebels seized the airport on Sunday.\n"
    "1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tseized\tseize\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
    "4\tairport\tairport\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
    "5\ton\ton\tADP\tIN\t_\t6\tcase\t_\t_\n"
    "6\tSunday\tSunday\tPROPN\tNNP\t_\t2\tobl\t_\tSpaceAfter=No\n"
    "7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# text = The envoy met leaders of the opposition in Cairo.\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tenvoy\tenvoy\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tleaders\tleader\tNOUN\tNNS\t_\t3\tobj\t_\t_\n"
    "5\tof\tof\tADP\tIN\t_\t7\tcase\t_\t_\n"
    "6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_\n"
    "7\topposition\topposition\tNOUN\tNN\t_\t4\tnmod\t_\t_\n"
    "8\tin\tin\tADP\tIN\t_\t9\tcase\t_\t_\n"
    "9\tCairo\tCairo\tPROPN\tNNP\t_\t3\tobl\t_\tSpaceAfter=No\n"
    "10\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n"
    "# text = Police said the suspect had fled with the money.\n"
    "1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
    "4\tsuspect\tsuspect\tNOUN\tNN\t_\t6\tnsubj\t_\t_\n"
    "5\thad\thave\tAUX\tVBD\t_\t6\taux\t_\t_\n"
    "6\tfled\tflee\tVERB\tVBN\t_\t2\tccomp\t_\t_\n"
    "7\twith\twith\tADP\tIN\t_\t9\tcase\t_\t_\n"
    "8\tthe\tthe\tDET\tDT\t_\t9\tdet\t_\t_\n"
    "9\tmoney\tmoney\tNOUN\tNN\t_\t6\tobl\t_\tSpaceAfter=No\n"
    "10\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# text = The minister with the plan was not invited.\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tminister\tminister\tNOUN\tNN\t_\t8\tnsubj:pass\t_\t_\n"
    "3\twith\twith\tADP\tIN\t_\t5\tcase\t_\t_\n"
    "4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n"
    "5\tplan\tplan\tNOUN\tNN\t_\t2\tnmod\t_\t_\n"
    "6\twas\tbe\tAUX\tVBD\t_\t8\taux:pass\t_\t_\n"
    "7\tnot\tnot\tPART\tRB\t_\t8\tadvmod\t_\t_\n"
    "8\tinvited\tinvite\tVERB\tVBN\t_\t0\troot\t_\tSpaceAfter=No\n"
    "9\t.\t.\tPUNCT\t.\t_\t8\tpunct\t_\t_\n"
    "\n"
    "# text = Talks resumed and both sides agreed.\n"
    "1\tTalks\ttalk\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tresumed\tresume\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tand\tand\tCCONJ\tCC\t_\t6\tcc\t_\t_\n"
    "4\tboth\tboth\tDET\tDT\t_\t5\tdet\t_\t_\n"
    "5\tsides\tside\tNOUN\tNNS\t_\t6\tnsubj\t_\t_\n"
    "6\tagreed\tagree\tVERB\tVBD\t_\t2\tconj\t_\tSpaceAfter=No\n"
    "7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n";

static int set_up(void **state) {
    (void)state;
    return parser_fixture_train(treebank, 12, 4);
}

static int tear_down(void **state) {
    (void)state;
    return parser_fixture_remove();
}

/* A small deterministic generator for move sequences. */
static uint32_t next_random(uint32_t *state) {
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state;
}

/* A random legal move with a random label in 0..9. */
static void random_move(transition_state *state, uint32_t *random) {
    for (;;) {
        transition_move move = (transition_move)(next_random(random) % 3);
        if (!transition_is_legal(state, move)) continue;
        transition_apply(state, move, (int)(next_random(random) % 10));
        return;
    }
}

static void assert_same_state(const transition_state *a, const transition_state *b) {
    assert_int_equal(a->stack_size, b->stack_size);
    assert_int_equal(a->buffer, b->buffer);
    assert_memory_equal(a->stack, b->stack, (size_t)a->stack_size * sizeof *a->stack);
    size_t words = (size_t)a->word_count + 1;
    assert_memory_equal(a->head, b->head, words * sizeof *a->head);
    assert_memory_equal(a->label, b->label, words * sizeof *a->label);
    assert_memory_equal(a->leftmost, b->leftmost, words * sizeof *a->leftmost);
    assert_memory_equal(a->second_leftmost, b->second_leftmost, words * sizeof *a->leftmost);
    assert_memory_equal(a->rightmost, b->rightmost, words * sizeof *a->rightmost);
    assert_memory_equal(a->second_rightmost, b->second_rightmost, words * sizeof *a->rightmost);
    assert_memory_equal(a->left_count, b->left_count, words);
    assert_memory_equal(a->right_count, b->right_count, words);
    assert_memory_equal(a->left_labels, b->left_labels, words * sizeof *a->left_labels);
    assert_memory_equal(a->right_labels, b->right_labels, words * sizeof *a->right_labels);
}

/* A copy into a state that had gone further (its arrays touched beyond
 * the source's buffer) must still equal the source everywhere. */
static void copies_are_whole_configurations(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    uint32_t random = 12345;
    for (int trial = 0; trial < 200; trial++) {
        int n = 1 + (int)(next_random(&random) % 30);
        transition_state source, destination, fresh;
        assert_int_equal(transition_state_init(&source, n, arena), DYAD_OK);
        assert_int_equal(transition_state_init(&destination, n, arena), DYAD_OK);
        assert_int_equal(transition_state_init(&fresh, n, arena), DYAD_OK);
        int source_moves = (int)(next_random(&random) % (unsigned)(2 * n));
        int destination_moves = (int)(next_random(&random) % (unsigned)(2 * n + 1));
        for (int i = 0; i < source_moves; i++) random_move(&source, &random);
        for (int i = 0; i < destination_moves; i++) random_move(&destination, &random);
        transition_state_copy(&destination, &source);
        assert_same_state(&destination, &source);
        /* and both go on the same way */
        uint32_t replay = random;
        while (!transition_is_terminal(&source)) random_move(&source, &random);
        while (!transition_is_terminal(&destination)) random_move(&destination, &replay);
        assert_same_state(&destination, &source);
        /* copying a fresh state resets a finished one */
        transition_state_copy(&destination, &fresh);
        assert_same_state(&destination, &fresh);
        dyad_arena_reset(arena);
    }
    dyad_arena_free(arena);
}

/* Heads in range, no word its own head, one root, no cycle. */
static void assert_tree(const transition_state *state) {
    int n = state->word_count, roots = 0;
    for (int i = 1; i <= n; i++) {
        assert_true(state->head[i] >= 0 && state->head[i] <= n && state->head[i] != i);
        assert_true(state->label[i] >= 0);
        roots += state->head[i] == 0;
        int word = i, steps = 0;
        while (word != 0 && steps++ <= n) word = state->head[word];
        assert_int_equal(word, 0);
    }
    assert_int_equal(roots, 1);
}

/* Sentences of our own, tagged by the committed tagger. */
static const char *const news[] = {
    "Putin met U.S. envoys in Moscow on Tuesday .",
    "The proposal was rejected by Ukraine 's foreign minister after talks in Geneva .",
    "Protesters who gathered outside the embassy said they would return , police said .",
    "Israel and Egypt signed an agreement to reopen the crossing , officials told reporters .",
    "The army fired shells at the town where rebels had been hiding for weeks .",
    "Talks",
    /* one sentence on two lines (parenthesised: clang takes unbracketed
     * adjacent literals in an array for a missing comma) */
    ("Officials denied the report , calling it false and saying that no troops had crossed the "
     "border since March ."),
};

static dyad_sentence tagged(const tagger *news_tagger, const char *words, dyad_arena *arena) {
    char *copy = arena_strdup(arena, words);
    dyad_token *tokens = arena_calloc(arena, 64, sizeof *tokens);
    uint32_t count = 0;
    for (char *word = strtok(copy, " "); word && count < 64; word = strtok(NULL, " "))
        tokens[count++] = (dyad_token){.text = word, .head = -1, .space_after = 1};
    dyad_sentence sentence = {.tokens = tokens, .token_count = count};
    dyad_error error;
    assert_int_equal(tagger_tag_sentence(news_tagger, &sentence, arena, &error), DYAD_OK);
    return sentence;
}

/* With the committed (greedy-trained) model: the beam of width 1 makes
 * the greedy parser's moves, and wider beams give trees, the same on every
 * run. */
static void committed_model_width_one_is_greedy(void **state) {
    (void)state;
    tagger *news_tagger;
    parser_model *model;
    dyad_error error;
    char path[4096];
    assert_int_equal(tagger_load_from_data_dir(DYAD_SOURCE_DATA_DIR, &news_tagger, &error), DYAD_OK);
    assert_int_equal(parser_model_load(parser_model_path(DYAD_SOURCE_DATA_DIR, path, sizeof path),
                                       &model, &error),
                     DYAD_OK);
    dyad_arena *arena = dyad_arena_new();
    for (size_t s = 0; s < sizeof news / sizeof *news; s++) {
        dyad_sentence sentence = tagged(news_tagger, news[s], arena);
        parser_words words;
        int n = (int)sentence.token_count;
        assert_int_equal(parser_words_from_tokens(model, sentence.tokens, n, arena, &words), DYAD_OK);
        transition_state greedy;
        const transition_state *beam;
        assert_int_equal(parser_run(model, &words, parser_score_frozen, model, arena, &greedy),
                         DYAD_OK);
        assert_int_equal(parser_beam_search(model, &words, parser_score_frozen, model, 1, HUGE_VAL, arena, &beam),
                         DYAD_OK);
        assert_memory_equal(beam->head, greedy.head, ((size_t)n + 1) * sizeof *greedy.head);
        assert_memory_equal(beam->label, greedy.label, ((size_t)n + 1) * sizeof *greedy.label);
        for (int width = 2; width <= 16; width *= 2) {
            const transition_state *first, *again;
            assert_int_equal(parser_beam_search(model, &words, parser_score_frozen, model, width,
                                                HUGE_VAL, arena, &first),
                             DYAD_OK);
            assert_tree(first);
            assert_int_equal(parser_beam_search(model, &words, parser_score_frozen, model, width,
                                                HUGE_VAL, arena, &again),
                             DYAD_OK);
            assert_memory_equal(first->head, again->head, ((size_t)n + 1) * sizeof *first->head);
            assert_memory_equal(first->label, again->label, ((size_t)n + 1) * sizeof *first->label);
        }
        /* the public call with width 1 is the greedy parse too */
        assert_int_equal(
            parser_parse_sentence_beam(model, 1, PARSER_BEAM_MARGIN, &sentence, arena, &error),
            DYAD_OK);
        for (int i = 0; i < n; i++) assert_int_equal(sentence.tokens[i].head, greedy.head[i + 1]);
    }
    /* widths outside 1..64 are refused */
    dyad_sentence sentence = tagged(news_tagger, news[0], arena);
    assert_int_equal(
        parser_parse_sentence_beam(model, 0, PARSER_BEAM_MARGIN, &sentence, arena, &error),
        DYAD_ERR_USAGE);
    assert_int_equal(
        parser_parse_sentence_beam(model, 65, PARSER_BEAM_MARGIN, &sentence, arena, &error),
        DYAD_ERR_USAGE);
    dyad_arena_free(arena);
    parser_model_free(model);
    tagger_free(news_tagger);
}

/* ------------------------------------------------------------- pruning */

/* The beam as parser_beam.h specifies it, written plainly: every
 * (item, class) candidate of a step in one list, sorted by total, then
 * by item and class; taken in that order, at most `successors` per item,
 * until `width`; then the ones more than margin × the best's average move
 * score behind it dropped.  A lone item's forced move is not scored, as
 * in parse-time beams.  Returns the best final item; *items_scored counts
 * the item scorings. */
typedef struct plain_candidate {
    double total;
    int item, class_index;
} plain_candidate;

static int by_rank(const void *a, const void *b) {
    const plain_candidate *x = a, *y = b;
    if (x->total != y->total) return x->total > y->total ? -1 : 1;
    if (x->item != y->item) return x->item < y->item ? -1 : 1;
    return (x->class_index > y->class_index) - (x->class_index < y->class_index);
}

static const transition_state *plain_beam(const parser_model *model, const parser_words *words,
                                          parser_score_fn score_moves, int width, double margin,
                                          int successors, dyad_arena *arena, long *items_scored) {
    int class_count = (int)model->header.class_count;
    transition_state *items = arena_calloc(arena, (size_t)width, sizeof *items);
    transition_state *next = arena_calloc(arena, (size_t)width, sizeof *next);
    double score[PARSER_MAX_BEAM] = {0}, next_score[PARSER_MAX_BEAM];
    plain_candidate *candidates = arena_calloc(arena, (size_t)width * (size_t)class_count,
                                               sizeof *candidates);
    float *moves = arena_calloc(arena, (size_t)class_count, sizeof *moves);
    assert_non_null(items), assert_non_null(next), assert_non_null(candidates);
    assert_non_null(moves);
    for (int i = 0; i < width; i++) {
        assert_int_equal(transition_state_init(&items[i], words->word_count, arena), DYAD_OK);
        assert_int_equal(transition_state_init(&next[i], words->word_count, arena), DYAD_OK);
    }
    int count = 1, scored_moves = 0;
    while (!transition_is_terminal(&items[0])) {
        int candidate_count = 0;
        int forced = count == 1 ? parser_forced_class(model, &items[0]) : -1;
        if (forced >= 0) {
            candidates[candidate_count++] = (plain_candidate){score[0], 0, forced};
        } else {
            for (int i = 0; i < count; i++) {
                uint64_t keys[PARSER_MAX_FEATURES];
                size_t key_count = parser_extract_features(words, &items[i], keys);
                score_moves(model, keys, key_count, moves);
                (*items_scored)++;
                int first[PARSER_MAX_LEGAL_RANGES], end[PARSER_MAX_LEGAL_RANGES];
                int ranges = parser_legal_class_ranges(model, &items[i], first, end);
                for (int r = 0; r < ranges; r++)
                    for (int c = first[r]; c < end[r]; c++)
                        candidates[candidate_count++] =
                            (plain_candidate){score[i] + (double)moves[c], i, c};
            }
            scored_moves++;
        }
        qsort(candidates, (size_t)candidate_count, sizeof *candidates, by_rank);
        int taken = 0, per_item[PARSER_MAX_BEAM] = {0};
        for (int k = 0; k < candidate_count && taken < width; k++) {
            if (per_item[candidates[k].item] == successors) continue;
            per_item[candidates[k].item]++;
            candidates[taken++] = candidates[k];
        }
        if (margin < HUGE_VAL) {
            double best = candidates[0].total;
            double average = scored_moves ? best / scored_moves : 0;
            double lowest = best - margin * (average > 0 ? average : 0);
            while (taken > 1 && candidates[taken - 1].total < lowest) taken--;
        }
        for (int j = 0; j < taken; j++) {
            const plain_candidate *chosen = &candidates[j];
            transition_state_copy(&next[j], &items[chosen->item]);
            transition_apply(&next[j], parser_class_move(model, chosen->class_index),
                             parser_class_label(model, chosen->class_index));
            next_score[j] = chosen->total;
        }
        transition_state *swap = items;
        items = next;
        next = swap;
        memcpy(score, next_score, (size_t)taken * sizeof *score);
        count = taken;
    }
    return &items[0];
}

/* The same through parser_beam_step, with the pruning fields set by
 * hand (parser_beam_search sets them from its margin alone). */
static const transition_state *stepped_beam(const parser_model *model, const parser_words *words,
                                            parser_score_fn score_moves, int width, double margin,
                                            int successors, dyad_arena *arena,
                                            long *items_scored) {
    parser_beam beam;
    assert_int_equal(parser_beam_init(&beam, model, width, words->word_count, arena), DYAD_OK);
    beam.margin = margin;
    beam.successors = successors;
    beam.ranking_only = true;
    uint64_t *keys = arena_alloc(arena, (size_t)width * PARSER_MAX_FEATURES * sizeof *keys);
    size_t *key_counts = arena_alloc(arena, (size_t)width * sizeof *key_counts);
    assert_non_null(keys), assert_non_null(key_counts);
    while (!parser_beam_done(&beam)) {
        assert_true(beam.count >= 1 && beam.count <= width);
        bool lone_forced = beam.count == 1 && parser_forced_class(model, beam.items[0]) >= 0;
        *items_scored += lone_forced ? 0 : beam.count;
        parser_beam_step(&beam, words, score_moves, model, keys, key_counts);
    }
    return beam.items[0];
}

/* The model's scores rounded down to multiples of 2^24 (about half an
 * average move): many candidates tie, so the order among equals is
 * compared too. */
static void coarse_scores(const void *context, const uint64_t *keys, size_t key_count,
                          float *scores) {
    const parser_model *model = context;
    parser_score_frozen(model, keys, key_count, scores);
    for (uint32_t c = 0; c < model->header.class_count; c++)
        scores[c] = floorf(scores[c] / 16777216.0f) * 16777216.0f;
}

static void assert_same_parse(const transition_state *a, const transition_state *b) {
    size_t words = (size_t)a->word_count + 1;
    assert_memory_equal(a->head, b->head, words * sizeof *a->head);
    assert_memory_equal(a->label, b->label, words * sizeof *a->label);
}

/* The news sentences and, to reach steps where the model is unsure and
 * the beam full, word salads drawn from them. */
enum { SALADS = 24 };

static dyad_sentence test_sentence(const tagger *news_tagger, int index, dyad_arena *arena) {
    int news_count = (int)(sizeof news / sizeof *news);
    if (index < news_count) return tagged(news_tagger, news[index], arena);
    static const char *const pool[] = {
        "Putin", "met", "envoys", "in", "Moscow", "the", "proposal", "was", "rejected", "by",
        "Ukraine", "'s", "minister", "after", "talks", ",", "police", "said", "they", "would",
        "return", "and", "signed", "an", "agreement", "to", "reopen", "crossing", "army", "fired",
        "shells", "at", "town", "where", "rebels", "had", "been", "hiding", "for", "weeks", "."};
    uint32_t random = 977u * (uint32_t)(index + 1);
    int length = 3 + (int)(next_random(&random) % 28);
    char words[512] = "";
    for (int w = 0; w < length; w++) {
        strcat(words, pool[next_random(&random) % (sizeof pool / sizeof *pool)]);
        strcat(words, " ");
    }
    return tagged(news_tagger, words, arena);
}

/* The beam-4 model set_up trained on the small treebank (no beam model is
 * committed: the greedy parser, uptrained on the beam parser's output,
 * replaced it; docs/parser.md), with the committed tagger for the news
 * sentences.  The news words are mostly unknown to it: these tests check
 * the beam's mechanics (selection, pruning, trees, repeatability), which
 * do not depend on how good the model is. */
static void load_beam_model(tagger **news_tagger, parser_model **model) {
    dyad_error error;
    assert_int_equal(tagger_load_from_data_dir(DYAD_SOURCE_DATA_DIR, news_tagger, &error), DYAD_OK);
    assert_int_equal(parser_model_load(model_path, model, &error), DYAD_OK);
}

/* With a beam model (load_beam_model): the beam's selection (one pass over the
 * candidates, an item's own moves capped in place) and pruning give
 * exactly the plain beam's parses, item for item scored, for every
 * width, margin and cap, with the model's scores and with coarse ones
 * full of ties; at an infinite margin and no cap that is the full beam,
 * and parser_beam_search is the stepped beam with the cap its margin
 * implies. */
static void pruned_beam_is_the_plain_beam(void **state) {
    (void)state;
    tagger *news_tagger;
    parser_model *model;
    load_beam_model(&news_tagger, &model);
    dyad_arena *arena = dyad_arena_new();
    static const int widths[] = {2, 3, 4, 8, 16};
    static const struct { double margin; int successors; } prunings[] = {
        {HUGE_VAL, 0}, {HUGE_VAL, 1}, {HUGE_VAL, 2}, {HUGE_VAL, 3},
        {2.0, 0},      {1.0, 2},      {0.25, 2},     {0.25, 0}, {0.05, 3}, {0, 2},
    };
    int news_count = (int)(sizeof news / sizeof *news);
    long full_items = 0, pruned_items = 0;
    for (int s = 0; s < news_count + SALADS; s++) {
        dyad_arena_reset(arena);
        dyad_sentence sentence = test_sentence(news_tagger, s, arena);
        parser_words words;
        assert_int_equal(parser_words_from_tokens(model, sentence.tokens, (int)sentence.token_count,
                                                  arena, &words),
                         DYAD_OK);
        for (size_t w = 0; w < sizeof widths / sizeof *widths; w++)
            for (size_t p = 0; p < sizeof prunings / sizeof *prunings; p++)
                for (int coarse = 0; coarse <= 1; coarse++) {
                    int width = widths[w], successors = prunings[p].successors;
                    double margin = prunings[p].margin;
                    parser_score_fn score_moves = coarse ? coarse_scores : parser_score_frozen;
                    if (successors == 0 || successors > width) successors = width;
                    long plain_items = 0, stepped_items = 0;
                    const transition_state *plain = plain_beam(
                        model, &words, score_moves, width, margin, successors, arena, &plain_items);
                    const transition_state *stepped =
                        stepped_beam(model, &words, score_moves, width, margin, successors, arena,
                                     &stepped_items);
                    assert_tree(stepped);
                    assert_same_parse(stepped, plain);
                    assert_int_equal(stepped_items, plain_items);
                    if (coarse) continue;
                    if (width == 8 && margin == HUGE_VAL && successors == width)
                        full_items += stepped_items;
                    if (width == 8 && margin == 0.25 && successors == 2)
                        pruned_items += stepped_items;
                    int implied = margin < HUGE_VAL && width > PARSER_BEAM_PRUNED_SUCCESSORS
                                      ? PARSER_BEAM_PRUNED_SUCCESSORS
                                      : width;
                    if (successors != implied) continue;
                    const transition_state *searched;
                    assert_int_equal(parser_beam_search(model, &words, parser_score_frozen, model,
                                                        width, margin, arena, &searched),
                                     DYAD_OK);
                    assert_same_parse(searched, stepped);
                }
    }
    /* and the point of it: at width 8 a margin of 0.25 scores under half
     * the items of the full beam (a quarter on EWT dev with the beam model
     * trained on EWT) */
    assert_true(pruned_items > 0 && 2 * pruned_items < full_items);
    dyad_arena_free(arena);
    parser_model_free(model);
    tagger_free(news_tagger);
}

/* Pruned parses through the public calls: trees, the same on every run,
 * greedy at width 1 whatever the margin, and the margin checked. */
static void pruned_parses_are_trees(void **state) {
    (void)state;
    tagger *news_tagger;
    parser_model *model;
    load_beam_model(&news_tagger, &model);
    dyad_arena *arena = dyad_arena_new();
    dyad_error error;
    static const double margins[] = {0, 0.05, PARSER_BEAM_MARGIN, 1, HUGE_VAL};
    for (int s = 0; s < (int)(sizeof news / sizeof *news) + SALADS; s++) {
        dyad_arena_reset(arena);
        dyad_sentence sentence = test_sentence(news_tagger, s, arena);
        int n = (int)sentence.token_count;
        int *greedy = arena_calloc(arena, (size_t)n, sizeof *greedy);
        int *first = arena_calloc(arena, (size_t)n, sizeof *first);
        assert_int_equal(parser_parse_sentence_beam(model, 1, HUGE_VAL, &sentence, arena, &error),
                         DYAD_OK);
        for (int i = 0; i < n; i++) greedy[i] = sentence.tokens[i].head;
        for (size_t m = 0; m < sizeof margins / sizeof *margins; m++) {
            assert_int_equal(parser_parse_sentence_beam(model, 1, margins[m], &sentence, arena,
                                                        &error),
                             DYAD_OK);
            for (int i = 0; i < n; i++) assert_int_equal(sentence.tokens[i].head, greedy[i]);
            for (int width = 2; width <= 16; width *= 2) {
                assert_int_equal(parser_parse_sentence_beam(model, width, margins[m], &sentence,
                                                            arena, &error),
                                 DYAD_OK);
                int roots = 0;
                for (int i = 0; i < n; i++) {
                    first[i] = sentence.tokens[i].head;
                    assert_true(first[i] >= 0 && first[i] <= n && first[i] != i + 1);
                    roots += first[i] == 0;
                }
                assert_int_equal(roots, 1);
                assert_int_equal(parser_parse_sentence_beam(model, width, margins[m], &sentence,
                                                            arena, &error),
                                 DYAD_OK);
                for (int i = 0; i < n; i++) assert_int_equal(sentence.tokens[i].head, first[i]);
            }
        }
        /* the model's own width is pruned at the default margin */
        assert_int_equal(parser_parse_sentence(model, &sentence, arena, &error), DYAD_OK);
        for (int i = 0; i < n; i++) first[i] = sentence.tokens[i].head;
        assert_int_equal(parser_parse_sentence_beam(model, parser_beam_width(model),
                                                    PARSER_BEAM_MARGIN, &sentence, arena, &error),
                         DYAD_OK);
        for (int i = 0; i < n; i++) assert_int_equal(sentence.tokens[i].head, first[i]);
    }
    dyad_sentence sentence = tagged(news_tagger, news[0], arena);
    assert_int_equal(parser_parse_sentence_beam(model, 4, -0.5, &sentence, arena, &error),
                     DYAD_ERR_USAGE);
    assert_int_equal(parser_parse_sentence_beam(model, 4, NAN, &sentence, arena, &error),
                     DYAD_ERR_USAGE);
    dyad_arena_free(arena);
    parser_model_free(model);
    tagger_free(news_tagger);
}

/* dyad_config.parser_beam_margin: 0 is the default, a negative or NaN
 * margin is refused with the field's name. */
static void config_margin_is_checked(void **state) {
    (void)state;
    static const struct {
        double margin;
        dyad_status expected;
    } cases[] = {{-1, DYAD_ERR_USAGE}, {NAN, DYAD_ERR_USAGE},
                 {0, DYAD_OK},         {0.5, DYAD_OK},        {HUGE_VAL, DYAD_OK}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        dyad_config config = {.data_dir = DYAD_SOURCE_DATA_DIR,
                              .stages = DYAD_STAGE_SEGMENT | DYAD_STAGE_PARSE,
                              .parser_beam_margin = cases[i].margin};
        dyad_resources *resources = NULL;
        dyad_error error;
        assert_int_equal(dyad_resources_load(&config, &resources, &error), cases[i].expected);
        if (cases[i].expected == DYAD_OK) {
            dyad_resources_free(resources);
            continue;
        }
        assert_null(resources);
        assert_non_null(strstr(error.message, "parser_beam_margin"));
    }
}

/* Global training with a beam learns the small treebank; the model
 * records its width and parses with it. */
static void global_training_learns_the_treebank(void **state) {
    (void)state;
    assert_true(iterations_run == 12);
    assert_true(best_las == 100.0);
    parser_model *model;
    dyad_error error;
    assert_int_equal(parser_model_load(model_path, &model, &error), DYAD_OK);
    assert_int_equal(parser_beam_width(model), 4);
    dyad_arena *arena = dyad_arena_new();
    conllu_corpus corpus;
    dyad_sentence *sentences = parser_fixture_sentences(arena, &corpus, treebank);
    for (size_t s = 0; s < corpus.sentence_count; s++) {
        assert_int_equal(parser_parse_sentence(model, &sentences[s], arena, &error), DYAD_OK);
        for (size_t w = 0; w < corpus.sentences[s].word_count; w++) {
            assert_int_equal(sentences[s].tokens[w].head, corpus.sentences[s].words[w].head);
            assert_string_equal(sentences[s].tokens[w].deprel, corpus.sentences[s].words[w].deprel);
        }
    }
    dyad_arena_free(arena);
    parser_model_free(model);
}


static void set_width(unsigned char *bytes, size_t size, void *width) {
    (void)size;
    ((parser_header *)bytes)->beam_width = *(const uint32_t *)width;
}

/* Copies the model's file, with its header's beam width replaced. */
static void write_with_width(uint32_t width) {
    parser_fixture_copy_model("parser.header", set_width, &width);
}

static void beam_width_in_the_header(void **state) {
    (void)state;
    parser_model *model;
    dyad_error error;
    /* 0, as in models written before beam search, is greedy */
    write_with_width(0);
    assert_int_equal(parser_model_load(broken_path, &model, &error), DYAD_OK);
    assert_int_equal(parser_beam_width(model), 1);
    parser_model_free(model);
    write_with_width(PARSER_MAX_BEAM);
    assert_int_equal(parser_model_load(broken_path, &model, &error), DYAD_OK);
    assert_int_equal(parser_beam_width(model), PARSER_MAX_BEAM);
    parser_model_free(model);
    write_with_width(PARSER_MAX_BEAM + 1);
    model = (parser_model *)1;
    assert_int_equal(parser_model_load(broken_path, &model, &error), DYAD_ERR_MODEL);
    assert_null(model);
    assert_non_null(strstr(error.message, "header is inconsistent"));
    /* a truncated beam model is refused like any other */
    write_with_width(4);
    assert_int_equal(truncate(broken_path, 2000), 0);
    assert_int_equal(parser_model_load(broken_path, &model, &error), DYAD_ERR_MODEL);
    assert_non_null(strstr(error.message, "truncated"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(copies_are_whole_configurations),
        cmocka_unit_test(committed_model_width_one_is_greedy),
        cmocka_unit_test(pruned_beam_is_the_plain_beam),
        cmocka_unit_test(pruned_parses_are_trees),
        cmocka_unit_test(config_margin_is_checked),
        cmocka_unit_test(global_training_learns_the_treebank),
        cmocka_unit_test(beam_width_in_the_header),
    };
    return cmocka_run_group_tests(tests, set_up, tear_down);
}
