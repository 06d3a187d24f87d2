/* Unit tests for coder/codebook: our CAMEO and PLOVER tables, their
 * format errors, and a cross-check against the public sources in
 * ../shared (skipped when absent): same codes, same Goldstein scores, and
 * no difference that docs/codebook.md does not list and justify. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coder/codebook.h"

static char *source_path(const char *relative) {
    const char *root = getenv("DYAD_SOURCE_ROOT");
    char *path = malloc(4096);
    snprintf(path, 4096, "%s/%s", root ? root : ".", relative);
    return path;
}

static char *shared_path(const char *relative) {
    const char *shared = getenv("DYAD_SHARED");
    const char *root = getenv("DYAD_SOURCE_ROOT");
    char *path = malloc(4096);
    if (shared) snprintf(path, 4096, "%s/%s", shared, relative);
    else snprintf(path, 4096, "%s/../shared/%s", root ? root : ".", relative);
    return path;
}

static codebook *load(void) {
    char *cameo = source_path("data/coder/cameo.tsv");
    char *plover = source_path("data/coder/plover.tsv");
    codebook *book;
    dyad_error error;
    assert_int_equal(codebook_load(cameo, plover, &book, &error), DYAD_OK);
    free(cameo);
    free(plover);
    return book;
}

static void our_tables(void **state) {
    (void)state;
    codebook *book = load();
    assert_int_equal(codebook_count(book), 311);
    const cameo_code *code = codebook_lookup(book, "046");
    assert_non_null(code);
    assert_int_equal(code->quad_class, 1);
    assert_true(fabs(code->goldstein - 7.0) < 1e-9);
    assert_string_equal(code->plover_event, "CONSULT");
    assert_null(code->plover_mode);
    code = codebook_lookup(book, "1823");
    assert_int_equal(code->quad_class, 4);
    assert_true(fabs(code->goldstein - -10.0) < 1e-9);
    assert_null(codebook_lookup(book, "0460"));
    assert_null(codebook_lookup(book, "21"));
    /* QuadClass follows the root */
    for (size_t i = 0; i < codebook_count(book); i++) {
        const cameo_code *entry = codebook_entry(book, i);
        int root = (entry->code[0] - '0') * 10 + (entry->code[1] - '0');
        int quad = root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
        assert_int_equal(entry->quad_class, quad);
        /* every code but the statements has a PLOVER event */
        if (root != 1) assert_non_null(entry->plover_event);
    }
    assert_true(cameo_code_is_wellformed("0211"));
    assert_false(cameo_code_is_wellformed("21"));
    assert_false(cameo_code_is_wellformed("174K"));
    assert_false(cameo_code_is_wellformed("---"));
    codebook_free(book);
}

static char *write_temp(const char *content) {
    char *path = malloc(256);
    snprintf(path, 256, "/tmp/dyad-codebook-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
    close(fd);
    return path;
}

static void format_errors(void **state) {
    (void)state;
    static const struct {
        const char *text;
        long line;
    } cases[] = {
        {"# codes\n01\t1\t0.0\tStatement\n010\t1\tzero\tStatement\n", 3},
        {"01\t1\t0.0\tStatement\n0x\t1\t0.0\tBad code\n", 2},
        {"01\t5\t0.0\tStatement\n", 1},
        {"01\t1\t0.0\n", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *path = write_temp(cases[i].text);
        codebook *book;
        dyad_error error;
        assert_int_equal(codebook_load(path, NULL, &book, &error), DYAD_ERR_MODEL);
        assert_string_equal(error.file, path);
        assert_int_equal(error.line, cases[i].line);
        unlink(path);
        free(path);
    }
}

/* ---------------------------------------------------- the cross-check */

typedef struct listed {
    char code[16];
    char what[32];
    int seen;
} listed;

/* Rows "| code | what | ..." of the differences table of docs/codebook.md. */
static size_t read_listed(listed *out, size_t max) {
    char *path = source_path("docs/codebook.md");
    FILE *in = fopen(path, "r");
    assert_non_null(in);
    char line[4096];
    size_t count = 0;
    bool table = false;
    while (fgets(line, sizeof line, in)) {
        if (strncmp(line, "## Differences", 14) == 0) table = true;
        else if (strncmp(line, "## ", 3) == 0) table = false;
        char code[16], what[32];
        if (table && count < max && sscanf(line, "| %15[0-9*] | %31[a-z] |", code, what) == 2) {
            snprintf(out[count].code, sizeof out[count].code, "%s", code);
            snprintf(out[count].what, sizeof out[count].what, "%s", what);
            out[count++].seen = 0;
        }
    }
    fclose(in);
    free(path);
    return count;
}

static listed *find_listed(listed *list, size_t count, const char *code, const char *what) {
    for (size_t i = 0; i < count; i++) {
        if (strcmp(list[i].what, what) != 0) continue;
        size_t length = strlen(list[i].code);
        bool prefix = length && list[i].code[length - 1] == '*';
        if (prefix ? strncmp(list[i].code, code, length - 1) == 0 : strcmp(list[i].code, code) == 0)
            return &list[i];
    }
    return NULL;
}

/* A difference is fine only when the table lists it. */
static void difference(listed *list, size_t count, const char *code, const char *what,
                       const char *ours, const char *theirs) {
    listed *row = find_listed(list, count, code, what);
    if (!row) fail_msg("%s of %s differs from the source (ours '%s', source '%s') and "
                       "docs/codebook.md does not list it", what, code, ours, theirs);
    row->seen = 1;
}

static void normalize(const char *in, char *out, size_t size) {
    size_t used = 0;
    bool blank = true;
    for (; *in && used + 1 < size; in++) {
        if (isspace((unsigned char)*in)) {
            if (!blank) out[used++] = ' ';
            blank = true;
        } else {
            out[used++] = (char)tolower((unsigned char)*in);
            blank = false;
        }
    }
    while (used && out[used - 1] == ' ') used--;
    out[used] = '\0';
}

static void cross_check(void **state) {
    (void)state;
    char *names = shared_path("data/cameo/CAMEO.eventcodes.txt");
    char *scores = shared_path("data/cameo/CAMEO.goldsteinscale.txt");
    char *table = shared_path("data/plover/CAMEO2PLOVER-2021.txt");
    if (access(names, R_OK) != 0 || access(scores, R_OK) != 0 || access(table, R_OK) != 0) {
        print_message("skipped: reference tables not found under ../shared (set DYAD_SHARED)\n");
        free(names);
        free(scores);
        free(table);
        skip();
    }
    codebook *book = load();
    listed list[64];
    size_t listed_count = read_listed(list, 64);
    assert_true(listed_count > 0);

    /* names and codes */
    FILE *in = fopen(names, "r");
    char line[1024];
    size_t source_codes = 0;
    assert_non_null(fgets(line, sizeof line, in));   /* header */
    while (fgets(line, sizeof line, in)) {
        char code[8], name[512] = "";
        if (sscanf(line, "%7[0-9]\t%511[^\n]", code, name) < 1) continue;
        source_codes++;
        const cameo_code *entry = codebook_lookup(book, code);
        if (!entry) fail_msg("code %s of the source is missing", code);
        char a[512], b[512];
        normalize(entry->name, a, sizeof a);
        normalize(name, b, sizeof b);
        if (strcmp(a, b) != 0) difference(list, listed_count, code, "name", entry->name, name);
    }
    fclose(in);
    assert_int_equal(source_codes, codebook_count(book));

    /* Goldstein scores: no difference at all */
    in = fopen(scores, "r");
    assert_non_null(fgets(line, sizeof line, in));
    size_t score_count = 0;
    while (fgets(line, sizeof line, in)) {
        char code[8];
        double value;
        if (sscanf(line, "%7[0-9]\t%lf", code, &value) != 2) continue;
        score_count++;
        const cameo_code *entry = codebook_lookup(book, code);
        assert_non_null(entry);
        if (fabs(entry->goldstein - value) > 1e-9)
            fail_msg("Goldstein score of %s: ours %.1f, source %.1f", code, entry->goldstein, value);
    }
    fclose(in);
    assert_int_equal(score_count, codebook_count(book));

    /* PLOVER: the first row of each code of the 2021 table */
    in = fopen(table, "r");
    char seen_codes[512][8];
    size_t seen_count = 0;
    while (fgets(line, sizeof line, in)) {
        char code[8], rest[512];
        if (sscanf(line, "%7[0-9]:%511[^\n]", code, rest) != 2) continue;
        bool repeated = false;
        for (size_t i = 0; i < seen_count && !repeated; i++) repeated = strcmp(seen_codes[i], code) == 0;
        if (repeated) continue;
        snprintf(seen_codes[seen_count++], 8, "%s", code);
        char *hash = strchr(rest, '#');
        if (hash) *hash = '\0';
        char event[64] = "", mode[64] = "";
        char *comma = strchr(rest, ',');
        if (comma) *comma = '\0';
        sscanf(rest, " %63s", event);
        if (comma) sscanf(comma + 1, " %63[^, ]", mode);
        const cameo_code *entry = codebook_lookup(book, code);
        if (!entry) {
            difference(list, listed_count, code, "plover", "(none)", event);
            continue;
        }
        const char *our_event = entry->plover_event ? entry->plover_event : "";
        const char *our_mode = entry->plover_mode ? entry->plover_mode : "";
        if (strcmp(our_event, event) != 0 || strcmp(our_mode, mode) != 0)
            difference(list, listed_count, code, "plover", our_mode, mode);
    }
    fclose(in);
    /* codes the table leaves out */
    for (size_t i = 0; i < codebook_count(book); i++) {
        const cameo_code *entry = codebook_entry(book, i);
        bool present = false;
        for (size_t k = 0; k < seen_count && !present; k++) present = strcmp(seen_codes[k], entry->code) == 0;
        if (!present) difference(list, listed_count, entry->code, "plover", entry->plover_event ? entry->plover_event : "(none)", "(none)");
    }
    /* and the table lists nothing that is not a difference */
    for (size_t i = 0; i < listed_count; i++)
        if (!list[i].seen) fail_msg("docs/codebook.md lists %s (%s) as a difference, but it is none", list[i].code, list[i].what);
    codebook_free(book);
    free(names);
    free(scores);
    free(table);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(our_tables),
        cmocka_unit_test(format_errors),
        cmocka_unit_test(cross_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
