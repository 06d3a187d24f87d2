/*
 * clock.c — see clock.h.
 */
#include "clock.h"

double clock_seconds(clockid_t clock) {
    struct timespec now;
    if (clock_gettime(clock, &now) != 0) return 0;
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}
