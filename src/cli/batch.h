/*
 * batch.h — running one command over a stream of articles.
 *
 * Every article command (segment, parse, code, ...) is the same loop: read
 * records from the input files in order, process each one, write its
 * output whole, report bad records on stderr and go on.  This module owns
 * that loop, the -j worker threads, and the exit status of the contract
 * (0 all records processed, 1 some failed).
 *
 * Threads: the main thread reads records into a ring of slots, each with
 * its own arena and output buffer; N workers process slots; the main
 * thread writes finished slots strictly in input order, so the output is
 * the same for any N.  Memory is bounded by the ring, not by the input.
 */
#ifndef DYAD_CLI_BATCH_H
#define DYAD_CLI_BATCH_H

#include "dyad.h"

#include <stdbool.h>

/* Processes one document and renders its output record into out.  Called
 * from worker threads: may use only `context` (read-only) and the document. */
typedef dyad_status (*batch_work_fn)(const void *context, dyad_document *document,
                                     dyad_buffer *out, dyad_error *error);

typedef struct batch_options {
    char **files;             /* NULL-terminated; none means stdin */
    dyad_reader_options reader;
    int threads;              /* worker threads, >= 1 */
    FILE *output;
    bool quiet;               /* no per-record messages on stderr */
} batch_options;

typedef struct batch_totals {
    long records;             /* processed and written */
    long failed;              /* reported and skipped */
    long long bytes_in;       /* raw article bytes */
} batch_totals;

/* Returns the contract's exit status: 0, or 1 when a record failed. */
int batch_run(const batch_options *options, batch_work_fn work, const void *context,
              batch_totals *totals);

/* Prints "dyad: <error>" on stderr. */
void batch_report(const dyad_error *error);

#endif
