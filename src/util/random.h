/*
 * random.h — the one pseudo-random generator of the trainers.
 *
 * Training shuffles its examples (and the parser's trainers pick when to
 * follow their own mistakes) with xorshift64*: small, fast, and the same
 * sequence on every machine, so that the same seed trains the same model
 * byte for byte.  A state of 0 stays 0: seed with anything else.  Every
 * trainer used to carry its own copy; the committed models were trained
 * with exactly this sequence.
 */
#ifndef DYAD_UTIL_RANDOM_H
#define DYAD_UTIL_RANDOM_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t random_next(uint64_t *state) {
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545f4914f6cdd1dULL;
}

/* A double in [0, 1), from the top 53 bits. */
static inline double random_unit(uint64_t *state) {
    return (double)(random_next(state) >> 11) * 0x1p-53;
}

/* Fisher-Yates from the end: order[0..count) permuted in place. */
static inline void random_shuffle(size_t *order, size_t count, uint64_t *state) {
    for (size_t i = count; i > 1; i--) {
        size_t j = (size_t)(random_next(state) % i);
        size_t swap = order[i - 1];
        order[i - 1] = order[j];
        order[j] = swap;
    }
}

#endif
