/*
 * parser_beam.h — beam-search decoding for the transition parser, shared
 * by parsing (parser.c) and global training (parser_train.c).
 *
 * Owns: keeping the `width` best-scoring partial parses (items) of a
 * sentence, one transition at a time.  An item's score is the sum of the
 * scores of the moves that built it; at each step every item's features
 * are extracted and scored once, which gives the scores of all its moves
 * (classes) at once, and the `width` best (item, move) pairs become the
 * next beam.  In arc-hybrid every parse of n words takes exactly 2n moves
 * (each word is shifted once and reduced once), so all items finish on
 * the same step and their scores compare fairly.  Width 1 is the greedy
 * parser: same moves, same ties.
 *
 * Ties are broken by position, never by memory or thread: among equal
 * scores the item that came from the better-ranked parent wins, then the
 * lower class (SHIFT, LEFT-l, RIGHT-l: parser_legal_class_ranges' order),
 * so output is the same on every run.
 *
 * Memory: 2 × width transition states per sentence, from the caller's
 * arena, and nothing per move.  Items are pointers into that pool; a
 * parent that has a single successor in the next beam hands its state
 * over (no copy), and only the extra successors of a parent copy it —
 * the part of the state a parse can have touched (words up to the buffer
 * front), not the whole sentence.  That copy is the one cost that grows
 * with the square of the sentence length; at the segmenter's 500-token
 * cap it is still below the cost of scoring.
 *
 * Pruning (parsing only; training keeps the full beam).  Most steps the
 * model is sure: the runners-up are far below the best candidate, and
 * scoring them costs as much as scoring the best, for nothing.  With a
 * finite `margin`, candidates whose total falls more than margin × the
 * best candidate's average move score (its total over the moves it sums)
 * behind the best are dropped, so a confident step leaves one or two
 * items and costs about one greedy scoring, while a doubtful one keeps up
 * to `width`.  The margin is thus counted in moves: 0.25 drops what is a
 * quarter of an average move behind.  It is relative because the integer
 * scores have no fixed scale (each model's weights are scaled by its own
 * largest one), while the average move score is steady: on EWT dev with
 * parser-beam4.model, 90% of the steps are within 12% of the median (32M
 * integer units).  A pruned beam also lets one item make at most
 * `successors` items (PARSER_BEAM_PRUNED_SUCCESSORS, 2): at the same
 * accuracy that is 15% fewer items again (docs/parser.md has the sweep).
 * The best candidate is always kept, so width 1 is still greedy.
 *
 * The beam records for every item its parent in the previous beam and the
 * class that made it; the trainer follows these back-pointers to recover
 * the move sequence of any item for a structured-perceptron update.
 */
#ifndef DYAD_NLP_PARSER_BEAM_H
#define DYAD_NLP_PARSER_BEAM_H

#include "parser_model.h"

typedef struct parser_beam {
    const parser_model *model;
    int width;
    /* Pruning (above): the margin in average moves of the best candidate,
     * HUGE_VAL for none; the most items one item may make, 1..width.
     * parser_beam_init sets none and width, parser_beam_search what its
     * margin asks for. */
    double margin;
    int successors;
    /* Whether the scores only rank the items (parsing), so that a lone
     * item's forced move need not be scored; false (parser_beam_init's)
     * when the totals are read, as the trainer reads them. */
    bool ranking_only;
    int count;                     /* items in the beam, best first */
    transition_state **items;      /* [width] */
    double *score;                 /* [width] sum of the item's move scores */
    int *parent;                   /* [width] index of the parent in the previous beam */
    int *last_class;               /* [width] the class of the move that made the item */
    /* private to parser_beam.c */
    transition_state **next_items, **free_states;
    int free_count;
    int scored_moves;              /* moves whose scores the totals sum */
    double *next_score;
    int *next_parent, *next_class, *uses;
    float *move_scores;            /* [width][class_count] */
} parser_beam;

/* The initial beam (one item: the initial configuration), its memory from
 * arena.  width is 1..PARSER_MAX_BEAM. */
dyad_status parser_beam_init(parser_beam *beam, const parser_model *model, int width,
                             int word_count, dyad_arena *arena);

/* True when the items are complete parses (then all of them are). */
bool parser_beam_done(const parser_beam *beam);

/* One move for every item.  keys (room for width × PARSER_MAX_FEATURES)
 * receives the features of item i of the beam before the step at
 * keys[i × PARSER_MAX_FEATURES], key_counts[i] their number: the trainer
 * keeps them, the parser passes scratch. */
void parser_beam_step(parser_beam *beam, const parser_words *words, parser_score_fn score,
                      const void *context, uint64_t *keys, size_t *key_counts);

/* A pruned beam lets one item make at most this many items. */
enum { PARSER_BEAM_PRUNED_SUCCESSORS = 2 };

/* Parses a sentence with a beam of width items, pruned at margin (above;
 * HUGE_VAL: not pruned, the full beam); *best is the highest scoring
 * complete parse (its arrays in arena). */
dyad_status parser_beam_search(const parser_model *model, const parser_words *words,
                               parser_score_fn score, const void *context, int width,
                               double margin, dyad_arena *arena, const transition_state **best);

#endif
