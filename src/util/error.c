/*
 * error.c — see error.h.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *dyad_status_name(dyad_status status) {
    switch (status) {
    case DYAD_OK: return "ok";
    case DYAD_END: return "end of input";
    case DYAD_ERR_IO: return "I/O error";
    case DYAD_ERR_FORMAT: return "malformed input";
    case DYAD_ERR_ENCODING: return "bad encoding";
    case DYAD_ERR_MEMORY: return "out of memory";
    case DYAD_ERR_USAGE: return "usage error";
    case DYAD_ERR_MODEL: return "bad resource file";
    case DYAD_ERR_LIMIT: return "input too large";
    }
    return "unknown error";
}

void error_clear(dyad_error *error) {
    if (!error) return;
    memset(error, 0, sizeof *error);
    error->offset = -1;
}

dyad_status error_set(dyad_error *error, dyad_status status, const char *file, long line,
                      long long offset, const char *format, ...) {
    if (!error) return status;
    error->status = status;
    snprintf(error->file, sizeof error->file, "%s", file ? file : "");
    error->line = line;
    error->offset = offset;
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(error->message, sizeof error->message, format, arguments);
    va_end(arguments);
    return status;
}

void error_prefix(dyad_error *error, const char *format, ...) {
    if (!error) return;
    /* the explanation gets what the old message's 400 bytes and ": "
     * leave, so that the result always fits */
    char reason[sizeof error->message], explanation[sizeof error->message - 403];
    memcpy(reason, error->message, sizeof reason);
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(explanation, sizeof explanation, format, arguments);
    va_end(arguments);
    snprintf(error->message, sizeof error->message, "%s: %.400s", explanation, reason);
}

const char *dyad_error_format(const dyad_error *error, char *buffer, size_t size) {
    if (!error || !size) return buffer;
    const char *message = error->message[0] ? error->message : dyad_status_name(error->status);
    char where[64] = "";
    if (error->offset >= 0) snprintf(where, sizeof where, " (byte %lld)", error->offset);
    if (error->file[0] && error->line > 0)
        snprintf(buffer, size, "%s:%ld: %s%s", error->file, error->line, message, where);
    else if (error->file[0])
        snprintf(buffer, size, "%s: %s%s", error->file, message, where);
    else
        snprintf(buffer, size, "%s%s", message, where);
    return buffer;
}
