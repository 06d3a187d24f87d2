/*
 * command_bench.c — `dyad bench [FILES]`: codes the inputs exactly as
 * `dyad code` does, writes nothing, and prints throughput and peak memory
 * one figure per line (articles/s, sentences/s, tokens/s, events/s, peak
 * memory); totals go to stderr.
 */
#include "arguments.h"
#include "code_options.h"
#include "commands.h"
#include "util/clock.h"

#include <stdatomic.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

static const char bench_usage[] =
    "dyad bench [--dict PATH ...] [--no-default-dict] [--input-format jsonl|text|html] "
    "[--date YYYY-MM-DD] [-j N] [--parser MODEL] [--beam N] [--beam-margin M] [FILES]";


typedef struct bench_context {
    const dyad_resources *resources;
    atomic_llong articles, sentences, tokens, events;
} bench_context;

static dyad_status bench_one(const void *context, dyad_document *document, dyad_buffer *out,
                             dyad_error *error) {
    (void)out;
    /* the counters are the only shared state, and they are atomic */
    bench_context *bench = (bench_context *)context;
    dyad_status status = dyad_process(bench->resources, document, 0, error);
    if (status != DYAD_OK) return status;
    long long tokens = 0;
    for (size_t s = 0; s < document->sentence_count; s++) tokens += document->sentences[s].token_count;
    atomic_fetch_add(&bench->articles, 1);
    atomic_fetch_add(&bench->sentences, (long long)document->sentence_count);
    atomic_fetch_add(&bench->tokens, tokens);
    atomic_fetch_add(&bench->events, (long long)document->event_count);
    return DYAD_OK;
}

int command_bench(int argc, char **argv) {
    code_options options;
    article_arguments arguments;
    int status = code_parse_options(argc, argv, bench_usage, &options, &arguments);
    if (status) return status < 0 ? 0 : status;
    dyad_resources *resources;
    dyad_error error;
    double load_start = clock_seconds(CLOCK_MONOTONIC);
    if (code_load_resources(&options, &arguments, 0, &resources, &error) != DYAD_OK) {
        batch_report(&error);
        return 1;
    }
    double start = clock_seconds(CLOCK_MONOTONIC);
    bench_context context = {.resources = resources};
    atomic_init(&context.articles, 0);
    atomic_init(&context.sentences, 0);
    atomic_init(&context.tokens, 0);
    atomic_init(&context.events, 0);
    batch_totals totals;
    arguments.batch.reader.resources = resources;
    int exit_status = batch_run(&arguments.batch, bench_one, &context, &totals);
    double elapsed = clock_seconds(CLOCK_MONOTONIC) - start;
    if (elapsed <= 0) elapsed = 1e-9;
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    printf("articles/s %.1f\n", (double)atomic_load(&context.articles) / elapsed);
    printf("sentences/s %.1f\n", (double)atomic_load(&context.sentences) / elapsed);
    printf("tokens/s %.0f\n", (double)atomic_load(&context.tokens) / elapsed);
    printf("events/s %.1f\n", (double)atomic_load(&context.events) / elapsed);
    printf("peak memory %.1f MB\n", (double)usage.ru_maxrss / 1024.0);
    fprintf(stderr,
            "dyad: %lld articles, %lld sentences, %lld tokens, %lld events in %.3f s "
            "(%d thread%s; resources loaded in %.3f s)\n",
            (long long)atomic_load(&context.articles), (long long)atomic_load(&context.sentences),
            (long long)atomic_load(&context.tokens), (long long)atomic_load(&context.events),
            elapsed, arguments.batch.threads, arguments.batch.threads == 1 ? "" : "s",
            start - load_start);
    dyad_resources_free(resources);
    return exit_status;
}
