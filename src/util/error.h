/*
 * error.h — filling a dyad_error.
 *
 * Every failure below the CLI is reported through a dyad_error that names
 * where the problem is (file, line, byte offset) so that the user can find
 * the bad record; these helpers keep that uniform.  The library never
 * prints: the CLI turns the struct into "dyad: FILE:LINE: message".
 */
#ifndef DYAD_UTIL_ERROR_H
#define DYAD_UTIL_ERROR_H

#include "dyad.h"

/* Sets status, location and a printf-style message; returns status so a
 * caller can write `return error_set(...)`.  error may be NULL. */
dyad_status error_set(dyad_error *error, dyad_status status, const char *file, long line,
                      long long offset, const char *format, ...)
    __attribute__((format(printf, 6, 7)));

void error_clear(dyad_error *error);

/* Puts a printf-style explanation before the message already in error
 * ("explanation: message", the old message cut at 400 bytes and the
 * explanation at 108), for a
 * caller that knows why the step that failed was needed: "the tagger
 * needs the lemmatizer.model ...: cannot open ...".  error may be NULL. */
void error_prefix(dyad_error *error, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

#endif
