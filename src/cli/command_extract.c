/*
 * command_extract.c — `dyad extract [FILES]`: quotations, figures, places
 * and dates of each article as one JSON object per line; and `dyad eval
 * extraction --gold FILE`: their precision and recall on annotated
 * articles (src/evaluate/extraction_eval.h).
 */
#include "arguments.h"
#include "commands.h"
#include "evaluate/extraction_eval.h"
#include "output/extract_json.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "dyad extract [--input-format jsonl|text|html] [--date YYYY-MM-DD] [-j N] [FILES]";

/* extraction uses tags, the parse and actor mentions */
static const unsigned extract_stages =
    DYAD_STAGE_SEGMENT | DYAD_STAGE_PARSE | DYAD_STAGE_ACTORS | DYAD_STAGE_EXTRACT;

static dyad_status extract_one(const void *context, dyad_document *document, dyad_buffer *out,
                               dyad_error *error) {
    const dyad_resources *resources = context;
    /* every stage that is loaded runs: extraction uses tags, the parse and
     * actor mentions when they are there */
    dyad_status status = dyad_process(resources, document, 0, error);
    if (status != DYAD_OK) return status;
    return extract_json_write_record(document, out);
}

int command_extract(int argc, char **argv) {
    return run_article_command(argc, argv, usage, extract_stages, extract_one);
}

/* ---------------------------------------------------- eval extraction */

static const char eval_usage[] =
    "dyad eval extraction --gold FILE [--gold FILE ...] [--verbose] [--data-dir DIR]";

static void print_problem(void *context, const char *article, const char *kind, int missed,
                          const char *text, const char *detail) {
    (void)context;
    printf("%s\t%s\t%s\t%s\t%s\n", missed ? "missed" : "spurious", article, kind, text, detail);
}

static void print_score(const char *name, const extraction_score *score) {
    printf("%s precision %.3f recall %.3f (gold %zu, found %zu, correct %zu)\n", name,
           extraction_precision(score), extraction_recall(score), score->gold, score->found,
           score->correct);
}

static void add_score(extraction_score *total, const extraction_score *more) {
    total->gold += more->gold;
    total->found += more->found;
    total->correct += more->correct;
}

int command_eval_extraction(int argc, char **argv) {
    static const struct option options[] = {
        {"gold", required_argument, NULL, 'g'},
        {"verbose", no_argument, NULL, 'v'},
        {"data-dir", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    enum { MAX_GOLD = 64 };
    const char *gold[MAX_GOLD];
    size_t gold_count = 0;
    const char *data_dir = NULL;
    int verbose = 0, option;
    optind = 1;
    opterr = 0;
    while ((option = getopt_long(argc, argv, "+vh", options, NULL)) != -1) {
        switch (option) {
        case 'g':
            if (gold_count == MAX_GOLD) return usage_error(eval_usage, "too many --gold files");
            gold[gold_count++] = optarg;
            break;
        case 'v': verbose = 1; break;
        case 'd': data_dir = optarg; break;
        case 'h': printf("usage: %s\n", eval_usage); return 0;
        default: return usage_error(eval_usage, "unknown option or missing value");
        }
    }
    if (!gold_count || optind < argc) return usage_error(eval_usage, "--gold FILE is required");
    dyad_resources *resources;
    dyad_config config = {.data_dir = data_dir, .stages = extract_stages};
    if (load_stage_resources(&config, &resources)) return 1;
    dyad_error error;
    extraction_result total = {0};
    int exit_status = 0;
    for (size_t i = 0; i < gold_count; i++) {
        extraction_result result;
        if (extraction_eval_file(resources, gold[i], &result, verbose ? print_problem : NULL, NULL,
                                 &error) != DYAD_OK) {
            batch_report(&error);
            exit_status = 1;
            continue;
        }
        total.articles += result.articles;
        add_score(&total.quotes, &result.quotes);
        add_score(&total.numbers, &result.numbers);
        add_score(&total.dates, &result.dates);
        add_score(&total.places, &result.places);
        total.units_scored += result.units_scored;
        total.units_right += result.units_right;
        total.categories_scored += result.categories_scored;
        total.categories_right += result.categories_right;
        total.seconds += result.seconds;
        total.tokens += result.tokens;
        total.gold_in_removed_text += result.gold_in_removed_text;
    }
    dyad_resources_free(resources);
    printf("articles %zu\n", total.articles);
    if (total.gold_in_removed_text)
        printf("gold items in datelines and other removed text (not scored) %zu\n",
               total.gold_in_removed_text);
    print_score("quotes", &total.quotes);
    print_score("figures", &total.numbers);
    print_score("dates", &total.dates);
    print_score("places", &total.places);
    printf("figure units %.3f (%zu of %zu)\n",
           total.units_scored ? (double)total.units_right / (double)total.units_scored : 1.0,
           total.units_right, total.units_scored);
    printf("figure categories %.3f (%zu of %zu)\n",
           total.categories_scored ? (double)total.categories_right / (double)total.categories_scored : 1.0,
           total.categories_right, total.categories_scored);
    printf("extraction tokens/s %.0f\n", total.seconds > 0 ? (double)total.tokens / total.seconds : 0.0);
    return exit_status;
}
