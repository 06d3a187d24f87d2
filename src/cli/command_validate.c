/*
 * command_validate.c — `dyad validate FILE.xml`: runs a PETRARCH
 * validation file, prints each failing record with the codings expected
 * and produced, and ends with "N passed, N failed".
 */
#include "commands.h"
#include "batch.h"
#include "coder/validation.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "dyad validate [--dict PATH ...] [--all] [--verbose] [--trace] [--use-file-parse]\n                     [--data-dir DIR] FILE.xml";

enum { OPTION_DICT = 3000, OPTION_ALL, OPTION_VERBOSE, OPTION_DATA_DIR, OPTION_TRACE,
       OPTION_USE_FILE_PARSE };

static void print_codings(const char *label, const char **codings, size_t count) {
    printf("  %s:", label);
    if (!count) printf(" (none)");
    for (size_t i = 0; i < count; i++) printf("%s %s", i ? ";" : "", codings[i]);
    printf("\n");
}

int command_validate(int argc, char **argv) {
    static const struct option options[] = {
        {"dict", required_argument, NULL, OPTION_DICT},
        {"all", no_argument, NULL, OPTION_ALL},
        {"verbose", no_argument, NULL, OPTION_VERBOSE},
        {"data-dir", required_argument, NULL, OPTION_DATA_DIR},
        {"trace", no_argument, NULL, OPTION_TRACE},
        {"use-file-parse", no_argument, NULL, OPTION_USE_FILE_PARSE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *search[33];
    size_t search_count = 0;
    validation_options setup = {.search = search};
    bool verbose = false;
    optind = 1;
    opterr = 0;
    int option;
    while ((option = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
        switch (option) {
        case OPTION_DICT:
            if (search_count == 32) {
                fprintf(stderr, "dyad: at most 32 --dict places\nusage: %s\n", usage);
                return 2;
            }
            search[search_count++] = optarg;
            break;
        case OPTION_ALL: setup.all_records = true; break;
        case OPTION_VERBOSE: verbose = true; break;
        case OPTION_DATA_DIR: setup.data_dir = optarg; break;
        case OPTION_TRACE: setup.trace = true; break;
        case OPTION_USE_FILE_PARSE: setup.use_file_parse = true; break;
        case 'h': printf("usage: %s\n", usage); return 0;
        default:
            fprintf(stderr, "dyad: unknown option or missing value: %s\nusage: %s\n", argv[optind - 1], usage);
            return 2;
        }
    }
    search[search_count] = NULL;
    if (optind != argc - 1) {
        fprintf(stderr, "dyad: validate needs exactly one validation file\nusage: %s\n", usage);
        return 2;
    }
    setup.path = argv[optind];
    validation_report report;
    dyad_error error;
    dyad_status status = validation_run(&setup, &report, &error);
    for (size_t i = 0; i < report.problem_count; i++) fprintf(stderr, "dyad: %s (line skipped)\n", report.problems[i]);
    if (status != DYAD_OK) {
        batch_report(&error);
        validation_report_free(&report);
        return 1;
    }
    for (size_t i = 0; i < report.result_count; i++) {
        const validation_result *result = &report.results[i];
        if (!result->evaluated || (result->passed && !verbose)) continue;
        const petrarch_record *record = result->record;
        printf("%s %s [%s] %s\n", result->passed ? "PASS" : "FAIL", record->id,
               record->category ? record->category : "", record->text);
        print_codings("expected", result->expected, result->expected_count);
        print_codings("produced", result->produced, result->produced_count);
        if (result->note) printf("  note: %s\n", result->note);
        if (result->trace) printf("%s", result->trace);
    }
    if (report.skipped)
        printf("%zu skipped (the file's <Include> and valid filter; --all codes them)\n", report.skipped);
    printf("%zu passed, %zu failed\n", report.passed, report.failed);
    validation_report_free(&report);
    return 0;
}
