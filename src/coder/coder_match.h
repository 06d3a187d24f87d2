/*
 * coder_match.h — matching a dictionary pattern around an anchor token.
 *
 * A pattern is the field's flat idea: words before the verb, the verb,
 * words after it, with slots for the source ($), the target (+), a
 * compound (%) and skipped phrases (^).  We match it against two sequences of
 * tokens built from the parse: the "lower" sequence is the anchor's
 * subtree after it (what TABARI called the verb phrase), the "upper" one
 * runs back from the anchor to the start of its clause (the previous
 * comma, or the sentence start).  Elements not marked adjacent may skip
 * tokens; the search backtracks, so the first complete match in sentence
 * order wins.
 *
 * Our own patterns (PATTERN_STRUCTURAL) add a check the flat format cannot
 * express: each word must hang off the anchor or a word already matched
 * in the dependency tree, and a slot names the object of the preposition
 * or verb before it rather than a position.  Without a parse the check is
 * skipped and slots bind to the next actor, as TABARI does.
 */
#ifndef DYAD_CODER_MATCH_H
#define DYAD_CODER_MATCH_H

#include "coder_sentence.h"
#include "verb_dictionary.h"

enum { MATCH_MAX_TOKENS = 64 };

typedef struct match_domain {
    uint32_t anchor_first, anchor_last;   /* the anchor's tokens (multi-word verbs) */
    uint32_t lower[256], lower_count;     /* tokens after the anchor, in order */
    uint32_t upper[256], upper_count;     /* tokens before it, nearest first */
} match_domain;

typedef struct match_result {
    actor_set source, target;  /* bound by $ / + (or % for both) */
    bool has_source, has_target, compound;
    uint32_t matched[MATCH_MAX_TOKENS];   /* tokens matched by words, anchor included */
    uint32_t matched_count;
    uint32_t first, last;      /* span of the matched words */
    bool matched_negation;     /* the pattern spelled out a negation ("NOT *") */
} match_result;

/* The sequences for an anchor token.  noun: the anchor is a noun. */
void match_domain_build(const coder_sentence *view, uint32_t anchor_first, uint32_t anchor_last,
                        bool noun, match_domain *domain);

/* Tries one pattern; fills result on success. */
bool match_pattern(const coder_sentence *view, const verb_dictionary *dictionary,
                   const match_domain *domain, const verb_pattern *pattern, match_result *result);

/* Whether the anchor's extra words (WIRE_+TAP, +BREAK_DOWN) surround the
 * token; sets the anchor span. */
bool match_anchor_words(const coder_sentence *view, const verb_dictionary *dictionary,
                        const verb_anchor *anchor, uint32_t token, uint32_t *first,
                        uint32_t *last);

#endif
