/* Unit tests for text/word_list and the checks the tokenizer makes on its
 * lists: entries and values, comments, and errors that name the file and
 * line instead of skipping the line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/tokenize.h"
#include "text/word_list.h"

static char *write_file(const char *directory, const char *name, const char *content) {
    char *path = malloc(4096);
    int written = snprintf(path, 4096, "%s/%s", directory, name);
    assert_true(written > 0 && written < 4096);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(content, file);
    fclose(file);
    return path;
}

static void entries_values_and_comments(void **state) {
    (void)state;
    char directory[] = "/tmp/dyad-words-XXXXXX";
    assert_non_null(mkdtemp(directory));
    char *path = write_file(directory, "list.txt",
                            "# a comment\n\n  Gen.   title  \nNo. number\r\ncannot can not\n");
    word_list *list;
    dyad_error error;
    assert_int_equal(word_list_load(path, WORD_LIST_VALUE_REQUIRED, &list, &error), DYAD_OK);
    assert_int_equal(word_list_count(list), 3);
    assert_string_equal(word_list_find(list, "Gen.", 4), "title");
    assert_string_equal(word_list_find(list, "cannot", 6), "can not");
    assert_int_equal(word_list_line(list, "No.", 3), 4);
    assert_null(word_list_find(list, "gen.", 4));
    assert_null(word_list_find(list, "Gen", 3));
    word_list_free(list);
    unlink(path);
    free(path);
    rmdir(directory);
}

static void bad_lines_are_errors(void **state) {
    (void)state;
    char directory[] = "/tmp/dyad-words-XXXXXX";
    assert_non_null(mkdtemp(directory));
    word_list *list;
    dyad_error error;
    char *path = write_file(directory, "duplicate.txt", "one\ntwo\none\n");
    assert_int_equal(word_list_load(path, WORD_LIST_NO_VALUE, &list, &error), DYAD_ERR_MODEL);
    assert_string_equal(error.file, path);
    assert_int_equal(error.line, 3);
    unlink(path);
    free(path);
    path = write_file(directory, "extra.txt", "one\ntwo words\n");
    assert_int_equal(word_list_load(path, WORD_LIST_NO_VALUE, &list, &error), DYAD_ERR_MODEL);
    assert_int_equal(error.line, 2);
    unlink(path);
    free(path);
    path = write_file(directory, "missing.txt", "key value\nlonely\n");
    assert_int_equal(word_list_load(path, WORD_LIST_VALUE_REQUIRED, &list, &error), DYAD_ERR_MODEL);
    assert_int_equal(error.line, 2);
    unlink(path);
    free(path);
    assert_int_equal(word_list_load("/nonexistent/list.txt", WORD_LIST_NO_VALUE, &list, &error),
                     DYAD_ERR_MODEL);
    assert_string_equal(error.file, "/nonexistent/list.txt");
    rmdir(directory);
}

/* The tokenizer refuses lists whose entries break its rules, naming the
 * file and line. */
static void tokenizer_checks_its_lists(void **state) {
    (void)state;
    char directory[] = "/tmp/dyad-data-XXXXXX";
    assert_non_null(mkdtemp(directory));
    char text[4200];
    snprintf(text, sizeof text, "%s/text", directory);
    assert_int_equal(mkdir(text, 0700), 0);
    const char *names[] = {"abbreviations.txt", "hyphen-prefixes.txt", "contractions.txt",
                           "unit-suffixes.txt", "emoticons.txt", "sentence-starters.txt"};
    const char *good[] = {"Gen. title\n", "non\n", "cannot can not\n", "km\n", ":)\n", "the\n"};
    char *paths[6];
    for (int i = 0; i < 6; i++) paths[i] = write_file(text, names[i], good[i]);
    tokenizer *t;
    dyad_error error;
    assert_int_equal(tokenizer_load(directory, &t, &error), DYAD_OK);
    tokenizer_free(t);
    struct {
        int file;
        const char *content;
        long line;
    } bad[] = {
        {0, "Gen. title\nGen. rank\n", 2},     /* duplicate */
        {0, "Gen. title\nGen title\n", 2},     /* no full stop */
        {0, "Gen. chief\n", 1},                /* unknown kind */
        {1, "Non\n", 1},                       /* not lower case */
        {2, "cannot cant not\n", 1},           /* parts do not spell it */
    };
    for (size_t b = 0; b < sizeof bad / sizeof *bad; b++) {
        free(write_file(text, names[bad[b].file], bad[b].content));
        assert_int_equal(tokenizer_load(directory, &t, &error), DYAD_ERR_MODEL);
        assert_string_equal(error.file, paths[bad[b].file]);
        assert_int_equal(error.line, bad[b].line);
        free(write_file(text, names[bad[b].file], good[bad[b].file]));
    }
    for (int i = 0; i < 6; i++) {
        unlink(paths[i]);
        free(paths[i]);
    }
    rmdir(text);
    rmdir(directory);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(entries_values_and_comments),
        cmocka_unit_test(bad_lines_are_errors),
        cmocka_unit_test(tokenizer_checks_its_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
