/*
 * parser_features.c — see parser_features.h.
 *
 * Layout of a key before mixing: bits 0..6 the template number, then the
 * values.  Shift amounts below are in bits; W = 20 (word), T = 7 (tag or
 * label), so a word+tag pair takes 27 bits and two of them 54.
 */
#include "parser_features.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#include <immintrin.h>
#endif

enum { W = 20, T = 7, WT = W + T };

/* Cluster keys (parser_features.h): bits 0..6 zero, 7..12 the
 * sub-template, the values from bit 13; a class value takes C bits
 * (parser_cluster_value of WORD_CLUSTER_MAX_CLASSES fits). */
enum { C = 13, CLUSTER_VALUES = 13 };
_Static_assert(PARSER_ID_FIRST - 1 + WORD_CLUSTER_MAX_CLASSES < 1 << C,
               "a cluster value must fit its bits");

/* First sub-template of each group: fixed, so that a group's keys are
 * the same whichever other groups a model has. */
enum {
    SINGLE_BASE = 1, PAIRS_BASE = 8, COARSE_BASE = 16, CHILDREN_BASE = 32,
    MORE_CHILDREN_BASE = 40, FAR_BASE = 48
};

typedef struct position {
    uint64_t w;               /* word id */
    uint64_t t;               /* tag id */
    uint64_t u;               /* UPOS id */
    uint64_t l;               /* label id + 1 of its arc, 0 if unattached or absent */
    uint64_t wt;              /* w | t << W */
} position;

/* The finaliser of MurmurHash3: a bijection on 64-bit integers. */
static inline uint64_t scramble(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* scramble() on every key, four at a time with AVX2 where the processor
 * has it: AVX2 has no 64-bit multiply, but three 32-bit ones make it, and
 * four keys in about twenty instructions beat one key in eleven. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target("avx2"))) static inline __m256i multiply_64(__m256i x, uint64_t factor) {
    const __m256i low = _mm256_set1_epi64x((long long)(factor & 0xffffffffu));
    const __m256i high = _mm256_set1_epi64x((long long)(factor >> 32));
    __m256i cross = _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(x, 32), low),
                                     _mm256_mul_epu32(x, high));
    return _mm256_add_epi64(_mm256_mul_epu32(x, low), _mm256_slli_epi64(cross, 32));
}

__attribute__((target("avx2"))) static void scramble_keys_avx2(uint64_t *keys, size_t count) {
    size_t i = 0;
    for (; i + 4 <= count; i += 4) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(keys + i));
        x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 33));
        x = multiply_64(x, 0xff51afd7ed558ccdULL);
        x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 33));
        x = multiply_64(x, 0xc4ceb9fe1a85ec53ULL);
        x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 33));
        _mm256_storeu_si256((__m256i *)(keys + i), x);
    }
    for (; i < count; i++) keys[i] = scramble(keys[i]);
}
#endif

static void scramble_keys(uint64_t *keys, size_t count) {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
    if (__builtin_cpu_supports("avx2")) {
        scramble_keys_avx2(keys, count);
        return;
    }
#endif
    for (size_t i = 0; i < count; i++) keys[i] = scramble(keys[i]);
}

static position at(const parser_words *words, const transition_state *state, int index) {
    position p = {0, 0, 0, 0, 0};
    if (index < 0) return p;
    if (index == 0) {
        p.w = p.t = p.u = PARSER_ID_ROOT;
    } else {
        p.w = words->form[index];
        p.t = words->tag[index];
        p.u = words->upos[index];
        p.l = state->label[index] >= 0 ? (uint64_t)state->label[index] + 1 : 0;
    }
    p.wt = p.w | p.t << W;
    return p;
}

/* Distances beyond a few words matter only coarsely. */
static uint64_t distance_bucket(int from, int to) {
    if (from < 0 || to < 0) return 0;
    int d = to > from ? to - from : from - to;
    if (d <= 4) return (uint64_t)d;
    if (d <= 7) return 5;
    if (d <= 12) return 6;
    return 7;
}

static uint64_t count_bucket(int index, const uint8_t *counts) {
    if (index < 0) return 0;
    return counts[index] < 15 ? counts[index] + 1u : 15u;
}

/* A label set (64 bits) folded to 30 bits to leave room for a word. */
static uint64_t label_set(int index, const uint64_t *sets) {
    if (index < 0) return 0;
    return (sets[index] * 0x9e3779b97f4a7c15ULL) >> 34;
}

static int child(int index, const int *children) {
    return index < 0 ? -1 : children[index];
}

static inline uint64_t cluster_at(const uint16_t *classes, int index) {
    return index < 0 ? 0 : classes[index];
}

#define ADD_CLUSTER(value) \
    (keys[count++] = sub_template++ << 7 | (uint64_t)(value) << CLUSTER_VALUES)

/* The classes of s0, b0, b1, s1 at one level, from sub_template on:
 * 4 keys. */
static size_t add_cluster_singles(const uint16_t *classes, int s0i, int s1i, int b0i, int b1i,
                                  uint64_t sub_template, uint64_t *keys) {
    size_t count = 0;
    ADD_CLUSTER(cluster_at(classes, s0i));
    ADD_CLUSTER(cluster_at(classes, b0i));
    ADD_CLUSTER(cluster_at(classes, b1i));
    ADD_CLUSTER(cluster_at(classes, s1i));
    return count;
}

/* The pairs of a level are numbered from `base` in the order s0c|b0c,
 * s0c|b0t, s0t|b0c, s1c|s0c, s1c|s0t, s1t|s0c, b0c|b1c, whichever of the
 * two kinds (class with class, class with tag) a model has: the order in
 * which the experiments of docs/parser.md first had them together. */
#define ADD_PAIR(offset, value) \
    (keys[count++] = (base + (offset)) << 7 | (uint64_t)(value) << CLUSTER_VALUES)

/* The classes of the two arcs the next move may make (s0-b0, s1-s0) and
 * of b0-b1, in pairs at one level: 3 keys. */
static size_t add_cluster_pairs(const uint16_t *classes, int s0i, int s1i, int b0i, int b1i,
                                uint64_t base, uint64_t *keys) {
    uint64_t s0 = cluster_at(classes, s0i), s1 = cluster_at(classes, s1i);
    uint64_t b0 = cluster_at(classes, b0i), b1 = cluster_at(classes, b1i);
    size_t count = 0;
    ADD_PAIR(0, s0 | b0 << C); ADD_PAIR(3, s1 | s0 << C); ADD_PAIR(6, b0 | b1 << C);
    return count;
}

/* The same two arcs, each side's class with the other's tag: 4 keys. */
static size_t add_cluster_tag_pairs(const uint16_t *classes, int s0i, int s1i, int b0i,
                                    uint64_t s0t, uint64_t s1t, uint64_t b0t, uint64_t base,
                                    uint64_t *keys) {
    uint64_t s0 = cluster_at(classes, s0i), s1 = cluster_at(classes, s1i);
    uint64_t b0 = cluster_at(classes, b0i);
    size_t count = 0;
    ADD_PAIR(1, s0 | b0t << C); ADD_PAIR(2, s0t | b0 << T);
    ADD_PAIR(4, s1 | s0t << C); ADD_PAIR(5, s1t | s0 << T);
    return count;
}
#undef ADD_PAIR

size_t parser_extract_features(const parser_words *words, const transition_state *state,
                               uint64_t *keys) {
    int s0i = transition_stack_top(state, 0), s1i = transition_stack_top(state, 1),
        s2i = transition_stack_top(state, 2);
    int n = state->word_count, b = state->buffer;
    int b0i = b <= n ? b : -1, b1i = b + 1 <= n ? b + 1 : -1, b2i = b + 2 <= n ? b + 2 : -1;
    /* the root has no children worth describing until the very end */
    int s0l1i = child(s0i, state->leftmost), s0l2i = child(s0i, state->second_leftmost);
    int s0r1i = child(s0i, state->rightmost), s0r2i = child(s0i, state->second_rightmost);
    int s1l1i = child(s1i, state->leftmost);
    int s1r1i = child(s1i, state->rightmost), s1r2i = child(s1i, state->second_rightmost);
    int b0l1i = child(b0i, state->leftmost), b0l2i = child(b0i, state->second_leftmost);

    position s0 = at(words, state, s0i), s1 = at(words, state, s1i), s2 = at(words, state, s2i);
    position b0 = at(words, state, b0i), b1 = at(words, state, b1i), b2 = at(words, state, b2i);
    position s0l1 = at(words, state, s0l1i), s0l2 = at(words, state, s0l2i);
    position s0r1 = at(words, state, s0r1i), s0r2 = at(words, state, s0r2i);
    position s1l1 = at(words, state, s1l1i);
    position s1r1 = at(words, state, s1r1i), s1r2 = at(words, state, s1r2i);
    position b0l1 = at(words, state, b0l1i), b0l2 = at(words, state, b0l2i);

    uint64_t d1 = distance_bucket(s0i, b0i), d2 = distance_bucket(s1i, s0i);
    uint64_t s0vl = count_bucket(s0i, state->left_count), s0vr = count_bucket(s0i, state->right_count);
    uint64_t s1vl = count_bucket(s1i, state->left_count), s1vr = count_bucket(s1i, state->right_count);
    uint64_t b0vl = count_bucket(b0i, state->left_count);
    uint64_t s0sl = label_set(s0i, state->left_labels), s0sr = label_set(s0i, state->right_labels);
    uint64_t s1sr = label_set(s1i, state->right_labels), b0sl = label_set(b0i, state->left_labels);

    size_t count = 0;
    uint64_t template = 0;
#define ADD(value) (keys[count++] = ++template | (uint64_t)(value) << 7)

    /* single words */
    ADD(s0.wt); ADD(s0.w); ADD(s0.t);
    ADD(b0.wt); ADD(b0.w); ADD(b0.t);
    ADD(b1.wt); ADD(b1.w); ADD(b1.t);
    ADD(b2.wt); ADD(b2.w); ADD(b2.t);
    ADD(s1.wt); ADD(s1.w); ADD(s1.t);
    ADD(s2.w); ADD(s2.t);
    ADD(s0.u | b0.u << T); ADD(s1.u | s0.u << T | b0.u << 2 * T);

    /* pairs: s0 with b0, s1 with s0 (the two arcs the next move may make) */
    ADD(s0.wt | b0.wt << WT); ADD(s0.wt | b0.w << WT); ADD(s0.w | b0.wt << W);
    ADD(s0.wt | b0.t << WT); ADD(s0.t | b0.wt << T); ADD(s0.w | b0.w << W);
    ADD(s0.t | b0.t << T);
    ADD(b0.t | b1.t << T);
    ADD(s1.wt | s0.wt << WT); ADD(s1.wt | s0.w << WT); ADD(s1.w | s0.wt << W);
    ADD(s1.wt | s0.t << WT); ADD(s1.t | s0.wt << T); ADD(s1.w | s0.w << W);
    ADD(s1.t | s0.t << T);
    ADD(s1.t | b0.t << T); ADD(s1.w | b0.w << W);

    /* tag triples */
    ADD(b0.t | b1.t << T | b2.t << 2 * T);
    ADD(s0.t | b0.t << T | b1.t << 2 * T);
    ADD(s1.t | s0.t << T | b0.t << 2 * T);
    ADD(s2.t | s1.t << T | s0.t << 2 * T);
    ADD(s0.t | s0l1.t << T | b0.t << 2 * T);
    ADD(s0.t | s0r1.t << T | b0.t << 2 * T);
    ADD(s0.t | b0.t << T | b0l1.t << 2 * T);
    ADD(s1.t | s0.t << T | s0l1.t << 2 * T);
    ADD(s1.t | s0.t << T | s0r1.t << 2 * T);
    ADD(s1.t | s1r1.t << T | s0.t << 2 * T);
    ADD(s1.t | s1l1.t << T | s0.t << 2 * T);
    ADD(s1.w | s0.t << W | b0.t << WT);
    ADD(s1.t | s0.w << T | b0.t << WT);
    ADD(s1.t | s0.t << T | b0.w << 2 * T);

    /* distance */
    ADD(s0.w | d1 << W); ADD(s0.t | d1 << T); ADD(b0.w | d1 << W); ADD(b0.t | d1 << T);
    ADD(s0.w | b0.w << W | d1 << 2 * W); ADD(s0.t | b0.t << T | d1 << 2 * T);
    ADD(s1.w | d2 << W); ADD(s1.t | d2 << T); ADD(s0.w | d2 << W); ADD(s0.t | d2 << T);
    ADD(s1.w | s0.w << W | d2 << 2 * W); ADD(s1.t | s0.t << T | d2 << 2 * T);

    /* valency */
    ADD(s0.w | s0vr << W); ADD(s0.t | s0vr << T); ADD(s0.w | s0vl << W); ADD(s0.t | s0vl << T);
    ADD(b0.w | b0vl << W); ADD(b0.t | b0vl << T);
    ADD(s1.w | s1vr << W); ADD(s1.t | s1vr << T); ADD(s1.w | s1vl << W); ADD(s1.t | s1vl << T);

    /* outermost children */
    ADD(s0l1.w); ADD(s0l1.t); ADD(s0l1.l);
    ADD(s0r1.w); ADD(s0r1.t); ADD(s0r1.l);
    ADD(b0l1.w); ADD(b0l1.t); ADD(b0l1.l);
    ADD(s1r1.w); ADD(s1r1.t); ADD(s1r1.l);
    ADD(s1l1.w); ADD(s1l1.t); ADD(s1l1.l);

    /* third order: second outermost children, and chains of three */
    ADD(s0l2.w); ADD(s0l2.t); ADD(s0l2.l);
    ADD(s0r2.w); ADD(s0r2.t); ADD(s0r2.l);
    ADD(b0l2.w); ADD(b0l2.t); ADD(b0l2.l);
    ADD(s1r2.t); ADD(s1r2.l);
    ADD(s0.t | s0l1.t << T | s0l2.t << 2 * T);
    ADD(s0.t | s0r1.t << T | s0r2.t << 2 * T);
    ADD(b0.t | b0l1.t << T | b0l2.t << 2 * T);
    ADD(s1.t | s1r1.t << T | s1r2.t << 2 * T);
    ADD(s0.t | s0l1.l << T | s0r1.l << 2 * T);
    ADD(s1.t | s1l1.l << T | s1r1.l << 2 * T);
    ADD(b0.t | b0l1.l << T | b0l2.l << 2 * T);

    /* label sets */
    ADD(s0.w | s0sr << W); ADD(s0.t | s0sr << T); ADD(s0.w | s0sl << W); ADD(s0.t | s0sl << T);
    ADD(b0.w | b0sl << W); ADD(b0.t | b0sl << T);
    ADD(s1.w | s1sr << W); ADD(s1.t | s1sr << T);

#undef ADD

    uint32_t groups = words->cluster_features;
    const uint16_t *middle = words->cluster[WORD_CLUSTER_MIDDLE],
                   *coarse = words->cluster[WORD_CLUSTER_COARSE];
    if (groups & PARSER_CLUSTER_SINGLE)
        count += add_cluster_singles(middle, s0i, s1i, b0i, b1i, SINGLE_BASE, keys + count);
    if (groups & PARSER_CLUSTER_PAIRS)
        count += add_cluster_pairs(middle, s0i, s1i, b0i, b1i, PAIRS_BASE, keys + count);
    if (groups & PARSER_CLUSTER_TAG_PAIRS)
        count += add_cluster_tag_pairs(middle, s0i, s1i, b0i, s0.t, s1.t, b0.t, PAIRS_BASE,
                                       keys + count);
    if (groups & PARSER_CLUSTER_COARSE) {
        count += add_cluster_singles(coarse, s0i, s1i, b0i, b1i, COARSE_BASE, keys + count);
        if (groups & PARSER_CLUSTER_PAIRS)
            count += add_cluster_pairs(coarse, s0i, s1i, b0i, b1i, COARSE_BASE + 4, keys + count);
        if (groups & PARSER_CLUSTER_TAG_PAIRS)
            count += add_cluster_tag_pairs(coarse, s0i, s1i, b0i, s0.t, s1.t, b0.t,
                                           COARSE_BASE + 4, keys + count);
    }
    if (groups & PARSER_CLUSTER_CHILDREN) {
        uint64_t sub_template = CHILDREN_BASE;
        ADD_CLUSTER(cluster_at(middle, s0l1i));
        ADD_CLUSTER(cluster_at(middle, s0r1i));
        ADD_CLUSTER(cluster_at(middle, b0l1i));
    }
    if (groups & PARSER_CLUSTER_MORE_CHILDREN) {
        uint64_t sub_template = MORE_CHILDREN_BASE;
        ADD_CLUSTER(cluster_at(middle, s1l1i));
        ADD_CLUSTER(cluster_at(middle, s1r1i));
        ADD_CLUSTER(cluster_at(middle, s0l2i));
        ADD_CLUSTER(cluster_at(middle, s0r2i));
        ADD_CLUSTER(cluster_at(middle, b0l2i));
    }
    if (groups & PARSER_CLUSTER_FAR) {
        uint64_t sub_template = FAR_BASE;
        ADD_CLUSTER(cluster_at(middle, s2i));
        ADD_CLUSTER(cluster_at(middle, b2i));
    }
#undef ADD_CLUSTER
    scramble_keys(keys, count);
    return count;
}
