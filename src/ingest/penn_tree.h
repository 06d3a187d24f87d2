/*
 * penn_tree.h — Penn Treebank bracketed trees, read and converted to
 * dependencies.
 *
 * PETRARCH validation files carry a constituency parse of every record
 * ("(ROOT (S (NP (NNP Arnor)) (VP ...)))").  Until dyad's own parser
 * codes those records, `dyad validate` reads that tree instead, and the
 * coder wants what the parser will give it: heads and Universal
 * Dependencies relations.  The conversion is the classic one: head rules
 * in the manner of Collins and Magerman pick each phrase's head child,
 * adapted to UD (content words head their phrases: the noun heads a PP,
 * the main verb heads a verb group, the predicate a copular clause), and
 * the relation of every other child is read off its category and place.
 * It is an approximation of the Stanford converter, good enough for
 * coding, not a treebank tool.
 */
#ifndef DYAD_INGEST_PENN_TREE_H
#define DYAD_INGEST_PENN_TREE_H

#include "dyad.h"

typedef struct penn_word {
    const char *form;         /* as in the tree ("-LRB-" stays) */
    const char *xpos;         /* Penn tag */
    const char *upos;         /* Universal POS, from the tag and the relation */
    int head;                 /* 1-based, 0 = root */
    const char *deprel;       /* UD relation */
} penn_word;

/* Parses one bracketed tree; words are allocated in arena.  A tree with
 * unbalanced brackets or no words is DYAD_ERR_FORMAT. */
dyad_status penn_tree_to_dependencies(const char *tree, dyad_arena *arena, penn_word **words,
                                      size_t *count, dyad_error *error);

/* The surface text of a tree token ("-LRB-" -> "(", "``" -> "\""). */
const char *penn_token_text(const char *form);

#endif
