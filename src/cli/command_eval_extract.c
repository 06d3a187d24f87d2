/*
 * command_eval_extract.c — `dyad eval extract --gold DIR`: how much of
 * each gold article body the HTML extractor recovers (metric in
 * evaluate/extract_eval.h).  Prints one figure per line.
 */
#include "commands.h"
#include "evaluate/extract_eval.h"
#include "ingest/html_hints.h"
#include "resources.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] = "dyad eval extract --gold DIR [--pages] [--dump DIR] [--data-dir DIR]";

typedef struct eval_output {
    bool pages;               /* one line per page */
    const char *dump_dir;     /* write each extracted text to DIR/<id>.txt */
    int status;
} eval_output;

static void on_page(void *context, const extract_eval_page *page) {
    eval_output *output = context;
    if (output->pages)
        printf("page %s precision %.3f recall %.3f F1 %.3f%s\n", page->id, page->precision,
               page->recall, page->f1, page->failed ? " failed" : "");
    if (page->failed) {
        char message[1200];
        fprintf(stderr, "dyad: %s\n", dyad_error_format(&page->error, message, sizeof message));
    }
    if (output->dump_dir) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.txt", output->dump_dir, page->id);
        FILE *file = fopen(path, "w");
        if (!file || fwrite(page->text, 1, page->text_length, file) != page->text_length) {
            fprintf(stderr, "dyad: %s: cannot write: %s\n", path, strerror(errno));
            output->status = 1;
        }
        if (file) fclose(file);
    }
}

int command_eval_extract(int argc, char **argv) {
    static const struct option options[] = {
        {"gold", required_argument, NULL, 'g'},
        {"pages", no_argument, NULL, 'p'},
        {"dump", required_argument, NULL, 'd'},
        {"data-dir", required_argument, NULL, 'D'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *gold = NULL;
    const char *data_dir = NULL;
    eval_output output = {0};
    optind = 1;
    opterr = 0;
    int option;
    while ((option = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (option) {
        case 'g': gold = optarg; break;
        case 'p': output.pages = true; break;
        case 'd': output.dump_dir = optarg; break;
        case 'D': data_dir = optarg; break;
        case 'h': printf("usage: %s\n", usage); return 0;
        default:
            fprintf(stderr, "dyad: unknown option or missing value: %s\nusage: %s\n",
                    argv[optind - 1], usage);
            return 2;
        }
    }
    if (!gold || optind < argc) {
        fprintf(stderr, "dyad: %s\nusage: %s\n", gold ? "unexpected argument" : "--gold DIR is required",
                usage);
        return 2;
    }
    dyad_error error;
    char *directory = resources_find_data_dir(data_dir);
    if (!directory) {
        fprintf(stderr, "dyad: cannot find dyad's data directory (set DYAD_DATA_DIR)\n");
        return 1;
    }
    html_hints *hints;
    dyad_status status = html_hints_load_from_data_dir(directory, &hints, &error);
    free(directory);
    extract_eval_summary summary;
    if (status == DYAD_OK) {
        if (output.dump_dir) mkdir(output.dump_dir, 0777);
        status = extract_eval_run(hints, gold, on_page, &output, &summary, &error);
        html_hints_free(hints);
    }
    if (status != DYAD_OK) {
        char message[1200];
        fprintf(stderr, "dyad: %s\n", dyad_error_format(&error, message, sizeof message));
        return 1;
    }
    printf("pages %zu\n", summary.pages);
    printf("failed %zu\n", summary.failed);
    printf("precision %.4f\n", summary.precision);
    printf("recall %.4f\n", summary.recall);
    printf("F1 %.4f\n", summary.f1);
    printf("mean page F1 %.4f\n", summary.mean_page_f1);
    printf("pages F1>=0.9 %.4f\n", summary.good_pages);
    return output.status;
}
