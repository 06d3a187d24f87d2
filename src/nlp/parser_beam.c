/*
 * parser_beam.c — see parser_beam.h.
 */
#include "parser_beam.h"
#include "../util/arena.h"

#include <math.h>
#include <string.h>

dyad_status parser_beam_init(parser_beam *beam, const parser_model *model, int width,
                             int word_count, dyad_arena *arena) {
    memset(beam, 0, sizeof *beam);
    if (width < 1 || width > PARSER_MAX_BEAM) return DYAD_ERR_USAGE;
    size_t w = (size_t)width;
    transition_state *storage = arena_alloc(arena, 2 * w * sizeof *storage);
    transition_state **pointers = arena_alloc(arena, 4 * w * sizeof *pointers);
    double *scores = arena_alloc(arena, 2 * w * sizeof *scores);
    int *ints = arena_alloc(arena, 5 * w * sizeof *ints);
    float *move_scores = arena_alloc(arena, w * model->header.class_count * sizeof *move_scores);
    if (!storage || !pointers || !scores || !ints || !move_scores) return DYAD_ERR_MEMORY;
    for (size_t i = 0; i < 2 * w; i++)
        if (transition_state_init(&storage[i], word_count, arena) != DYAD_OK) return DYAD_ERR_MEMORY;
    beam->model = model;
    beam->width = width;
    beam->margin = HUGE_VAL;
    beam->successors = width;
    beam->items = pointers;
    beam->next_items = pointers + w;
    beam->free_states = pointers + 2 * w;
    beam->score = scores;
    beam->next_score = scores + w;
    beam->parent = ints;
    beam->last_class = ints + w;
    beam->next_parent = ints + 2 * w;
    beam->next_class = ints + 3 * w;
    beam->uses = ints + 4 * w;
    beam->move_scores = move_scores;
    beam->items[0] = &storage[0];
    beam->score[0] = 0;
    beam->parent[0] = -1;
    beam->last_class[0] = -1;
    beam->count = 1;
    for (size_t i = 1; i < 2 * w; i++) beam->free_states[beam->free_count++] = &storage[i];
    return DYAD_OK;
}

bool parser_beam_done(const parser_beam *beam) {
    return transition_is_terminal(beam->items[0]);
}

void parser_beam_step(parser_beam *beam, const parser_words *words, parser_score_fn score,
                      const void *context, uint64_t *keys, size_t *key_counts) {
    const parser_model *model = beam->model;
    int width = beam->width, class_count = (int)model->header.class_count;
    /* one feature pass per item gives the scores of all its moves.  Even
     * an item's forced move is scored: that score is what ranks it
     * against items that still have a choice (leaving it out costs a
     * point of UAS).  Except for a lone item when only ranking matters:
     * every later item descends from it, so its forced move's score would
     * be added to all of them alike and decide nothing.  Totals are sums
     * of integers, exact in a double, so leaving out a constant changes
     * no comparison.  The first move of every sentence is one; in all,
     * a few percent of what a pruned beam scores. */
    int forced = beam->count == 1 && beam->ranking_only ? parser_forced_class(model, beam->items[0])
                                                        : -1;
    if (forced >= 0) {
        key_counts[0] = 0;
        beam->move_scores[forced] = 0;
    } else {
        for (int i = 0; i < beam->count; i++) {
            uint64_t *item_keys = keys + (size_t)i * PARSER_MAX_FEATURES;
            key_counts[i] = parser_extract_features(words, beam->items[i], item_keys);
            score(context, item_keys, key_counts[i], beam->move_scores + (size_t)i * class_count);
        }
        beam->scored_moves++;
    }
    /* the best `width` (item, class) pairs, kept sorted, of which at most
     * `successors` per item.  Visited by item then class, and a candidate
     * displaces only strictly lower scores, so ties go to the earlier item
     * and the lower class.  `own` counts the current item's candidates in
     * the list; when it has its `successors`, a better move of the item
     * takes the place of the item's lowest instead of the list's.  That
     * gives exactly the best `width` of the items' best `successors`
     * moves each: a move of the item that is not in the list is below
     * every one that is, so it never needs to be taken out.  Most moves
     * enter nowhere; `must_beat` (the list's last when it is full, the
     * item's lowest when the item is capped) turns them away with one
     * comparison. */
    int chosen = 0, successors = beam->successors;
    double *best = beam->next_score;
    int *parent = beam->next_parent, *class_of = beam->next_class;
    for (int i = 0; i < beam->count; i++) {
        const float *moves = beam->move_scores + (size_t)i * class_count;
        double base = beam->score[i];
        double must_beat = chosen == width ? best[width - 1] : -HUGE_VAL;
        int own = 0, own_lowest = -1;
        int first[PARSER_MAX_LEGAL_RANGES], end[PARSER_MAX_LEGAL_RANGES];
        int ranges = parser_legal_class_ranges(model, beam->items[i], first, end);
        for (int r = 0; r < ranges; r++)
            for (int c = first[r]; c < end[r]; c++) {
                double total = base + (double)moves[c];
                if (!(total > must_beat)) continue;
                if (own == successors) {
                    for (int j = own_lowest; j + 1 < chosen; j++) {
                        best[j] = best[j + 1];
                        parent[j] = parent[j + 1];
                        class_of[j] = class_of[j + 1];
                    }
                    chosen--, own--;
                } else if (chosen == width && parent[width - 1] == i) {
                    own--; /* the item's own move is the one displaced */
                }
                int position = chosen < width ? chosen++ : width - 1;
                for (; position > 0 && best[position - 1] < total; position--) {
                    best[position] = best[position - 1];
                    parent[position] = parent[position - 1];
                    class_of[position] = class_of[position - 1];
                }
                best[position] = total;
                parent[position] = i;
                class_of[position] = c;
                must_beat = chosen == width ? best[width - 1] : -HUGE_VAL;
                if (++own == successors) {
                    own_lowest = chosen - 1;
                    while (parent[own_lowest] != i) own_lowest--;
                    if (best[own_lowest] > must_beat) must_beat = best[own_lowest];
                }
            }
    }
    /* pruning: candidates whose total falls more than `margin` average
     * moves behind the best one's are dropped (parser_beam.h).  The best
     * total over the moves it sums is the best item's average move score.
     * Applied after the list is complete, not while it fills: the margin
     * grows with best[0], so a candidate cut early could have been kept. */
    if (chosen > 1 && beam->margin < HUGE_VAL) {
        double average = beam->scored_moves ? best[0] / beam->scored_moves : 0;
        double lowest = best[0] - beam->margin * (average > 0 ? average : 0);
        while (chosen > 1 && best[chosen - 1] < lowest) chosen--;
    }
    /* states: a parent's last successor takes the parent's own state, the
     * others copy it first; parents without successors free theirs */
    for (int i = 0; i < beam->count; i++) beam->uses[i] = 0;
    for (int j = 0; j < chosen; j++) beam->uses[parent[j]]++;
    for (int i = 0; i < beam->count; i++)
        if (beam->uses[i] == 0) beam->free_states[beam->free_count++] = beam->items[i];
    for (int j = 0; j < chosen; j++) {
        int p = parent[j];
        transition_state *state;
        if (--beam->uses[p] == 0) {
            state = beam->items[p];
        } else {
            state = beam->free_states[--beam->free_count];
            transition_state_copy(state, beam->items[p]);
        }
        transition_apply(state, parser_class_move(model, class_of[j]),
                         parser_class_label(model, class_of[j]));
        beam->next_items[j] = state;
    }
    /* swap the double buffers */
    transition_state **items = beam->items;
    beam->items = beam->next_items;
    beam->next_items = items;
    double *scores = beam->score;
    beam->score = beam->next_score;
    beam->next_score = scores;
    int *parents = beam->parent;
    beam->parent = beam->next_parent;
    beam->next_parent = parents;
    int *classes = beam->last_class;
    beam->last_class = beam->next_class;
    beam->next_class = classes;
    beam->count = chosen;
}

dyad_status parser_beam_search(const parser_model *model, const parser_words *words,
                               parser_score_fn score, const void *context, int width,
                               double margin, dyad_arena *arena, const transition_state **best) {
    parser_beam beam;
    dyad_status status = parser_beam_init(&beam, model, width, words->word_count, arena);
    if (status != DYAD_OK) return status;
    beam.margin = margin;
    if (margin < HUGE_VAL && width > PARSER_BEAM_PRUNED_SUCCESSORS)
        beam.successors = PARSER_BEAM_PRUNED_SUCCESSORS;
    beam.ranking_only = true;
    uint64_t *keys = arena_alloc(arena, (size_t)width * PARSER_MAX_FEATURES * sizeof *keys);
    size_t *key_counts = arena_alloc(arena, (size_t)width * sizeof *key_counts);
    if (!keys || !key_counts) return DYAD_ERR_MEMORY;
    while (!parser_beam_done(&beam)) parser_beam_step(&beam, words, score, context, keys, key_counts);
    *best = beam.items[0];
    return DYAD_OK;
}
