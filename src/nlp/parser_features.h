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
 * The same code serves training and parsing, so the two cannot disagree.
 */
#ifndef DYAD_NLP_PARSER_FEATURES_H
#define DYAD_NLP_PARSER_FEATURES_H

#include "transition.h"

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
    PARSER_MAX_FEATURES = 128
};

/* The per-word values the templates read; index 0 is the root. */
typedef struct parser_words {
    int word_count;
    const uint32_t *form;     /* vocabulary id of the lowercased form */
    const uint8_t *tag;       /* XPOS id */
    const uint8_t *upos;      /* UPOS id */
} parser_words;

/* Writes the keys of the configuration's features into keys (room for
 * PARSER_MAX_FEATURES) and returns how many there are.  Labels in the
 * state are model label indexes (0-based). */
size_t parser_extract_features(const parser_words *words, const transition_state *state,
                               uint64_t *keys);

#endif
