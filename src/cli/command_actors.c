/*
 * command_actors.c — `dyad actors`: the actor mentions of each article
 * (JSONL), the load statistics of actor dictionaries, the most frequent
 * unresolved names of a corpus; and `dyad eval actors`.
 */
#include "arguments.h"
#include "commands.h"
#include "resources.h"
#include "actors/actor_eval.h"
#include "actors/actors.h"
#include "output/actors_json.h"
#include "util/buffer.h"
#include "util/clock.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static const char usage[] =
    "dyad actors [--dict FILE]... [--no-default-dict] [--load-stats | --unknown [--top N] | --bench] "
    "[--input-format jsonl|text|html] [--date YYYY-MM-DD] [-j N] [--parser MODEL] [--beam N] "
    "[--beam-margin M] [FILES]";

enum { OPTION_DICT = 2000, OPTION_LOAD_STATS, OPTION_UNKNOWN, OPTION_TOP, OPTION_GOLD,
       OPTION_VERBOSE, OPTION_BENCH, OPTION_NO_DEFAULT_DICT };

typedef struct actors_options {
    const char **dictionaries;   /* NULL-terminated */
    size_t dictionary_count;
    int load_stats, unknown, bench;
    int dictionaries_only;       /* --no-default-dict */
    long top;
    const char *gold;
    int verbose;
} actors_options;

static int on_option(int option, const char *value, void *context) {
    actors_options *options = context;
    switch (option) {
    case OPTION_DICT: {
        const char **bigger = realloc(options->dictionaries,
                                      (options->dictionary_count + 2) * sizeof *bigger);
        if (!bigger) return usage_error(usage, "out of memory");
        options->dictionaries = bigger;
        options->dictionaries[options->dictionary_count++] = value;
        options->dictionaries[options->dictionary_count] = NULL;
        return 0;
    }
    case OPTION_LOAD_STATS:
        options->load_stats = 1;
        return 0;
    case OPTION_NO_DEFAULT_DICT:
        options->dictionaries_only = 1;
        return 0;
    case OPTION_UNKNOWN:
        options->unknown = 1;
        return 0;
    case OPTION_BENCH:
        options->bench = 1;
        return 0;
    case OPTION_TOP: {
        char *end;
        options->top = strtol(value, &end, 10);
        if (*end || options->top < 1) return usage_error(usage, "--top wants a positive count");
        return 0;
    }
    case OPTION_GOLD:
        options->gold = value;
        return 0;
    case OPTION_VERBOSE:
        options->verbose = 1;
        return 0;
    }
    return usage_error(usage, "unexpected option");
}

/* --load-stats: what loading the dictionaries finds and costs. */
static int load_stats(const article_arguments *arguments, const actors_options *options) {
    char *data_dir = resources_find_data_dir(arguments->data_dir);
    actor_load_report report;
    actor_load_report_init(&report, 10000);
    actors_resources *resources = NULL;
    dyad_error error;
    double start = clock_seconds(CLOCK_MONOTONIC);
    dyad_status status = actors_resources_load(data_dir ? data_dir : ".", options->dictionaries,
                                               options->dictionaries_only, &report, &resources,
                                               &error);
    double seconds = clock_seconds(CLOCK_MONOTONIC) - start;
    free(data_dir);
    for (size_t i = 0; i < report.message_count; i++) batch_report(&report.messages[i]);
    if (status != DYAD_OK) {
        batch_report(&error);
        actor_load_report_free(&report);
        return 1;
    }
    const actor_dictionary *dictionary = actors_resources_dictionary(resources);
    struct rusage usage_now;
    getrusage(RUSAGE_SELF, &usage_now);
    printf("files %zu\n", report.files);
    printf("actor entries %zu\n", report.entries);
    printf("actor names %zu\n", report.names);
    printf("agent forms %zu\n", report.agents);
    printf("discards %zu\n", report.discards);
    printf("other words %zu\n", report.other);
    printf("reported lines %zu\n", report.problems);
    printf("phrases %zu\n", actor_dictionary_phrase_count(dictionary));
    printf("distinct words %zu\n", actor_dictionary_word_count(dictionary));
    printf("load seconds %.3f\n", seconds);
    printf("dictionary bytes %zu\n", actor_dictionary_bytes(dictionary));
    printf("peak memory bytes %ld\n", usage_now.ru_maxrss * 1024L);
    actors_resources_free(resources);
    actor_load_report_free(&report);
    return 0;
}

/* --unknown: a count of unresolved names over a corpus. */
typedef struct unknown_name {
    char *name;
    char *example;
    long count;
} unknown_name;

typedef struct unknown_table {
    unknown_name *items;
    size_t count, capacity;  /* capacity: a power of two; open addressing */
} unknown_table;

static size_t hash_name(const char *text) {
    size_t hash = 5381;
    for (; *text; text++) hash = hash * 33 + (unsigned char)*text;
    return hash;
}

static bool unknown_add(unknown_table *table, const char *name, const char *example,
                        size_t example_length) {
    if ((table->count + 1) * 2 > table->capacity) {
        size_t capacity = table->capacity ? table->capacity * 2 : 1024;
        unknown_name *items = calloc(capacity, sizeof *items);
        if (!items) return false;
        for (size_t i = 0; i < table->capacity; i++) {
            if (!table->items[i].name) continue;
            size_t slot = hash_name(table->items[i].name) & (capacity - 1);
            while (items[slot].name) slot = (slot + 1) & (capacity - 1);
            items[slot] = table->items[i];
        }
        free(table->items);
        table->items = items;
        table->capacity = capacity;
    }
    size_t slot = hash_name(name) & (table->capacity - 1);
    while (table->items[slot].name) {
        if (strcmp(table->items[slot].name, name) == 0) {
            table->items[slot].count++;
            return true;
        }
        slot = (slot + 1) & (table->capacity - 1);
    }
    unknown_name *item = &table->items[slot];
    item->name = strdup(name);
    item->example = strndup(example, example_length);
    item->count = 1;
    table->count++;
    return item->name && item->example;
}

static int compare_unknown(const void *a, const void *b) {
    const unknown_name *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return strcmp(x->name, y->name);
}

static int list_unknown(const article_arguments *arguments, const dyad_resources *resources,
                        long top) {
    unknown_table table = {NULL, 0, 0};
    int exit_status = 0;
    static char *const standard_input[] = {"-", NULL};
    char *const *files = arguments->batch.files[0] ? arguments->batch.files : standard_input;
    dyad_arena *arena = dyad_arena_new();
    for (size_t f = 0; arena && files[f]; f++) {
        dyad_reader *reader;
        dyad_error error;
        if (dyad_reader_open(files[f], &arguments->batch.reader, &reader, &error) != DYAD_OK) {
            batch_report(&error);
            exit_status = 1;
            continue;
        }
        for (;;) {
            dyad_arena_reset(arena);
            dyad_document *document;
            dyad_status status = dyad_reader_next(reader, arena, &document, &error);
            if (status == DYAD_END) break;
            if (status == DYAD_OK) status = dyad_process(resources, document, 0, &error);
            if (status != DYAD_OK) {
                batch_report(&error);
                exit_status = 1;
                continue;
            }
            for (size_t m = 0; m < document->mention_count; m++) {
                const dyad_mention *mention = &document->mentions[m];
                if (mention->code || mention->kind != DYAD_ACTOR_UNKNOWN) continue;
                const dyad_sentence *sentence = &document->sentences[mention->sentence];
                const char *name = mention->name ? mention->name : mention->text;
                if (!unknown_add(&table, name, document->text + sentence->start,
                                 sentence->end - sentence->start)) {
                    fprintf(stderr, "dyad: out of memory\n");
                    exit_status = 1;
                    break;
                }
            }
        }
        dyad_reader_close(reader);
    }
    dyad_arena_free(arena);
    /* compact and sort */
    size_t count = 0;
    for (size_t i = 0; i < table.capacity; i++)
        if (table.items[i].name) table.items[count++] = table.items[i];
    if (count) qsort(table.items, count, sizeof *table.items, compare_unknown);
    for (size_t i = 0; i < count; i++) {
        if ((long)i < top) {
            /* the example on one line */
            for (char *p = table.items[i].example; *p; p++)
                if (*p == '\n' || *p == '\t') *p = ' ';
            printf("%ld\t%s\t%s\n", table.items[i].count, table.items[i].name,
                   table.items[i].example);
        }
        free(table.items[i].name);
        free(table.items[i].example);
    }
    free(table.items);
    return exit_status;
}

/* --bench: what the actors stage adds to segmentation, per token.  Reading
 * is not timed; each article is segmented, then resolved, each step timed
 * on its own. */
static int bench(const article_arguments *arguments, const dyad_resources *resources) {
    static char *const standard_input[] = {"-", NULL};
    char *const *files = arguments->batch.files[0] ? arguments->batch.files : standard_input;
    dyad_arena *arena = dyad_arena_new();
    double segment_seconds = 0, actors_seconds = 0;
    long long tokens = 0, mentions = 0, articles = 0;
    int exit_status = 0;
    for (size_t f = 0; arena && files[f]; f++) {
        dyad_reader *reader;
        dyad_error error;
        if (dyad_reader_open(files[f], &arguments->batch.reader, &reader, &error) != DYAD_OK) {
            batch_report(&error);
            exit_status = 1;
            continue;
        }
        for (;;) {
            dyad_arena_reset(arena);
            dyad_document *document;
            dyad_status status = dyad_reader_next(reader, arena, &document, &error);
            if (status == DYAD_END) break;
            double start = clock_seconds(CLOCK_MONOTONIC);
            if (status == DYAD_OK)
                status = dyad_process(resources, document, DYAD_STAGE_SEGMENT, &error);
            double segmented = clock_seconds(CLOCK_MONOTONIC);
            segment_seconds += segmented - start;
            if (status == DYAD_OK)
                status = dyad_process(resources, document, DYAD_STAGE_ACTORS, &error);
            actors_seconds += clock_seconds(CLOCK_MONOTONIC) - segmented;
            if (status != DYAD_OK) {
                batch_report(&error);
                exit_status = 1;
                continue;
            }
            articles++;
            mentions += (long long)document->mention_count;
            for (size_t s = 0; s < document->sentence_count; s++)
                tokens += document->sentences[s].token_count;
        }
        dyad_reader_close(reader);
    }
    dyad_arena_free(arena);
    printf("articles %lld\n", articles);
    printf("tokens %lld\n", tokens);
    printf("mentions %lld\n", mentions);
    printf("segment seconds %.3f\n", segment_seconds);
    printf("actors seconds %.3f\n", actors_seconds);
    printf("segment tokens/s %.0f\n", segment_seconds > 0 ? (double)tokens / segment_seconds : 0);
    printf("actors tokens/s %.0f\n", actors_seconds > 0 ? (double)tokens / actors_seconds : 0);
    printf("actors / segment %.1f%%\n",
           segment_seconds > 0 ? 100.0 * actors_seconds / segment_seconds : 0);
    return exit_status;
}

/* Loads what the actor stage needs with the --dict files; reports skipped
 * dictionary lines unless --quiet.  Returns 1 after reporting a failure. */
static int load_actor_resources(const article_arguments *arguments, const actors_options *options,
                                dyad_resources **out) {
    dyad_config config =
        article_config(arguments, DYAD_STAGE_SEGMENT | DYAD_STAGE_PARSE | DYAD_STAGE_ACTORS);
    config.dictionaries = options->dictionaries;
    config.dictionaries_only = options->dictionaries_only;
    dyad_error error;
    if (dyad_resources_load(&config, out, &error) != DYAD_OK) {
        batch_report(&error);
        return 1;
    }
    size_t warning_count = dyad_resources_warning_count(*out);
    for (size_t i = 0; i < warning_count && !arguments->batch.quiet; i++)
        batch_report(dyad_resources_warning(*out, i));
    return 0;
}

static dyad_status actors_one(const void *context, dyad_document *document, dyad_buffer *out,
                              dyad_error *error) {
    const dyad_resources *resources = context;
    dyad_status status = dyad_process(resources, document, 0, error);
    if (status != DYAD_OK) return status;
    return dyad_write_actors_json(document, out);
}

static const struct option actors_extra[] = {
    {"dict", required_argument, NULL, OPTION_DICT},
    {"no-default-dict", no_argument, NULL, OPTION_NO_DEFAULT_DICT},
    {"load-stats", no_argument, NULL, OPTION_LOAD_STATS},
    {"unknown", no_argument, NULL, OPTION_UNKNOWN},
    {"top", required_argument, NULL, OPTION_TOP},
    {"bench", no_argument, NULL, OPTION_BENCH},
    {NULL, 0, NULL, 0},
};

int command_actors(int argc, char **argv) {
    actors_options options = {.top = 50};
    article_arguments arguments;
    int status = parse_article_arguments(argc, argv, usage, actors_extra, on_option, &options,
                                         &arguments);
    if (status) {
        free(options.dictionaries);
        return status < 0 ? 0 : status;
    }
    if (options.load_stats) {
        status = load_stats(&arguments, &options);
        free(options.dictionaries);
        return status;
    }
    dyad_resources *resources;
    if (load_actor_resources(&arguments, &options, &resources)) {
        free(options.dictionaries);
        return 1;
    }
    arguments.batch.reader.resources = resources;
    int exit_status;
    if (options.unknown) {
        exit_status = list_unknown(&arguments, resources, options.top);
    } else if (options.bench) {
        exit_status = bench(&arguments, resources);
    } else {
        batch_totals totals;
        exit_status = batch_run(&arguments.batch, actors_one, resources, &totals);
    }
    dyad_resources_free(resources);
    free(options.dictionaries);
    return exit_status;
}

static const char eval_usage[] =
    "dyad eval actors --gold FILE [--verbose] [--dict FILE]... [--no-default-dict] [--data-dir DIR]";

static const struct option eval_extra[] = {
    {"gold", required_argument, NULL, OPTION_GOLD},
    {"verbose", no_argument, NULL, OPTION_VERBOSE},
    {"dict", required_argument, NULL, OPTION_DICT},
    {"no-default-dict", no_argument, NULL, OPTION_NO_DEFAULT_DICT},
    {NULL, 0, NULL, 0},
};

int command_eval_actors(int argc, char **argv) {
    actors_options options = {.top = 50};
    article_arguments arguments;
    int status = parse_article_arguments(argc, argv, eval_usage, eval_extra, on_option, &options,
                                         &arguments);
    if (status) {
        free(options.dictionaries);
        return status < 0 ? 0 : status;
    }
    if (!options.gold) {
        free(options.dictionaries);
        return usage_error(eval_usage, "--gold FILE is required");
    }
    dyad_resources *resources;
    if (load_actor_resources(&arguments, &options, &resources)) {
        free(options.dictionaries);
        return 1;
    }
    dyad_error error;
    actor_eval_result result;
    dyad_buffer report = {NULL, 0, 0};
    dyad_status eval_status = actor_eval_file(resources, 0, options.gold, &result,
                                              options.verbose ? &report : NULL, &error);
    dyad_resources_free(resources);
    free(options.dictionaries);
    if (eval_status != DYAD_OK) {
        batch_report(&error);
        dyad_buffer_free(&report);
        return 1;
    }
    if (report.length) fwrite(report.data, 1, report.length, stdout);
    dyad_buffer_free(&report);
    double precision = result.predicted ? (double)result.matched / (double)result.predicted : 0;
    double recall = result.gold ? (double)result.matched / (double)result.gold : 0;
    double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    printf("articles %zu\n", result.articles);
    printf("mentions gold %zu found %zu matched %zu\n", result.gold, result.predicted,
           result.matched);
    printf("precision %.3f\n", precision);
    printf("recall %.3f\n", recall);
    printf("F1 %.3f\n", f1);
    printf("compound links %zu/%zu\n", result.group_links_found, result.group_links);
    printf("coreference links %zu/%zu\n", result.coreference_links_found,
           result.coreference_links);
    if (result.unaligned) printf("unaligned %zu\n", result.unaligned);
    return 0;
}
