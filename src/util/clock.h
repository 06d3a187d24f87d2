/*
 * clock.h — seconds on one of the system's clocks, as a double.
 *
 * Timings in dyad are of three kinds, and which clock answers matters
 * more than the arithmetic: CLOCK_MONOTONIC for wall time (what a user
 * waits: `dyad bench`, training progress), CLOCK_PROCESS_CPUTIME_ID or
 * CLOCK_THREAD_CPUTIME_ID for work done (speeds that should not count
 * the time another process had the core: `eval parse`, `eval tag`,
 * `eval tokenize`).  Each caller names its clock; differences of two
 * readings are seconds.
 */
#ifndef DYAD_UTIL_CLOCK_H
#define DYAD_UTIL_CLOCK_H

#include <time.h>

/* The clock's reading in seconds (0 if the clock cannot be read). */
double clock_seconds(clockid_t clock);

#endif
