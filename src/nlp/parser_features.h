/*
 * parser_features.h — the parser's feature templates.
 *
 * A configuration of the transition system is described by 113 sparse
 * features: the words, tags and arc labels at the top of the stack (s0,
 * s1, s2), the front of the buffer (b0, b1, b2) and the outermost
 * children of s0, s1 and b0, alone and in pairs and triples, plus
 * distances, child counts (valency) and the sets of labels already
 * attached — the templates of Zhang & Nivre (2011), "Transition-based
 * dependency parsing with rich non-local features", carried over from
 * arc-eager to arc-hybrid (their S0h, the head s0 would get, is s1 here).
 *
 * Each feature is one 64-bit key: the template number and its values
 * packed exactly into 64 bits (word ids take 20 bits, tags and labels 7),
 * then scrambled by a bijective mix so that keys spread over a hash
 * table.  Exact packing means two different features never share a key,
 * and one multiply-xor pass per feature keeps extraction cheap: it runs
 * twice per word parsed.
 *
 * Word clusters (word_clusters.h), when the model was trained with them,
 * add a few templates of their own (the PARSER_CLUSTER_* groups below,
 * after Koo, Carreras & Collins 2008): the treebank's 200k words leave
 * most forms of the news rare or unseen, and a class learned from
 * unlabelled text lets what was learnt of "Tuesday" serve "Thursday".
 * Their keys have template number 0 (which the 113 templates above never
 * use) and a group-fixed sub-template number in the next 6 bits, so the
 * keys of a model without clusters are exactly what they were, and a
 * group's keys do not depend on which other groups the model uses.
 *
 * The same code serves training and parsing, so the two cannot disagree.
 */
#ifndef DYAD_NLP_PARSER_FEATURES_H
#define DYAD_NLP_PARSER_FEATURES_H

#include "transition.h"
#include "word_clusters.h"

#include <stddef.h>
#include <stdint.h>

/* Reserved ids, the same for words, tags and labels. */
enum {
    PARSER_ID_NONE = 0,       /* no word at that position */
    PARSER_ID_ROOT = 1,       /* the artificial root */
    PARSER_ID_UNKNOWN = 2,    /* a word or tag the model never saw */
    PARSER_ID_FIRST = 3       /* first id of a real entry */
};

enum {
    PARSER_MAX_WORD_ID = (1 << 20) - 1,
    PARSER_MAX_TAG_ID = 127,
    PARSER_MAX_FEATURES = 160     /* 113 templates, and up to 32 of clusters */
};

/* The groups of cluster templates, chosen when a model is trained and
 * recorded in it (parser_header.cluster_features).  "Class" is a word's
 * class at the middle level of the clusters unless said otherwise; s0,
 * s1 are the top of the stack, b0, b1 the front of the buffer, t a tag. */
enum {
    /* No template: a form the model's lexicon lacks gets, instead of the
     * one "unknown" id, an id of its own for its fine class, so every word
     * template falls back on the class (training forms seen once too). */
    PARSER_CLUSTER_BACKOFF = 1u << 0,
    PARSER_CLUSTER_SINGLE = 1u << 1,    /* the classes of s0, b0, b1, s1 */
    PARSER_CLUSTER_PAIRS = 1u << 2,     /* s0c|b0c, s1c|s0c, b0c|b1c */
    PARSER_CLUSTER_TAG_PAIRS = 1u << 7, /* s0c|b0t, s0t|b0c, s1c|s0t, s1t|s0c */
    /* SINGLE, and PAIRS and TAG_PAIRS when the model has them, at the
     * coarse level */
    PARSER_CLUSTER_COARSE = 1u << 3,
    PARSER_CLUSTER_CHILDREN = 1u << 4,  /* the classes of s0's and b0's outermost children */
    /* the classes of s1's outermost children and of s0's and b0's second
     * outermost */
    PARSER_CLUSTER_MORE_CHILDREN = 1u << 5,
    PARSER_CLUSTER_FAR = 1u << 6,       /* the classes of s2 and b2 */
    PARSER_CLUSTER_KNOWN = (1u << 8) - 1,
    /* what `dyad train parser` uses when it has clusters (docs/parser.md
     * has the figures of each group) */
    PARSER_DEFAULT_CLUSTER_FEATURES = PARSER_CLUSTER_BACKOFF | PARSER_CLUSTER_SINGLE |
                                      PARSER_CLUSTER_PAIRS | PARSER_CLUSTER_TAG_PAIRS |
                                      PARSER_CLUSTER_CHILDREN
};

/* The value a word's class has in the templates: 0 for no word, the
 * reserved ids for the root and for a word the clusters lack, then one id
 * per class. */
static inline uint16_t parser_cluster_value(uint16_t cluster_class) {
    return cluster_class ? (uint16_t)(PARSER_ID_FIRST - 1 + cluster_class) : PARSER_ID_UNKNOWN;
}

/* The per-word values the templates read; index 0 is the root. */
typedef struct parser_words {
    int word_count;
    const uint32_t *form;     /* vocabulary id of the lowercased form */
    const uint8_t *tag;       /* XPOS id */
    const uint8_t *upos;      /* UPOS id */
    /* Which PARSER_CLUSTER_* templates to extract (0: none, and the
     * arrays below are not read), and the words' classes by level
     * (parser_cluster_value; level 0 the coarsest). */
    uint32_t cluster_features;
    const uint16_t *cluster[WORD_CLUSTER_LEVELS];
} parser_words;

/* Writes the keys of the configuration's features into keys (room for
 * PARSER_MAX_FEATURES) and returns how many there are.  Labels in the
 * state are model label indexes (0-based). */
size_t parser_extract_features(const parser_words *words, const transition_state *state,
                               uint64_t *keys);

#endif
