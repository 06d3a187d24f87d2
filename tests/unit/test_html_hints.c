/* Unit tests for ingest/html_hints: the class/id word file of the HTML
 * extractor — what each kind of line means, and bad lines reported with
 * their file and line instead of being skipped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/html_hints.h"
#include "resources.h"

static char *write_file(const char *directory, const char *content) {
    char *path = malloc(4096);
    snprintf(path, 4096, "%s/html-hints.txt", directory);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(content, file);
    fclose(file);
    return path;
}

static void kinds_of_words(void **state) {
    (void)state;
    char directory[] = "/tmp/dyad-hints-XXXXXX";
    assert_non_null(mkdtemp(directory));
    char *path = write_file(directory,
                            "# furniture\n"
                            "remove share\n"
                            "\n"
                            "negative   tags\r\n"
                            "\tpositive story\n"
                            "remove-fragment comment\n"
                            "fragment-exception commentar\n"
                            "positive-fragment article\n"
                            "hidden-class sr-only\n");
    html_hints *hints;
    dyad_error error;
    assert_int_equal(html_hints_load(path, &hints, &error), DYAD_OK);
    assert_int_equal(html_hints_word(hints, "share"), HTML_WORD_REMOVE);
    assert_int_equal(html_hints_word(hints, "tags"), HTML_WORD_NEGATIVE);
    assert_int_equal(html_hints_word(hints, "story"), HTML_WORD_POSITIVE);
    assert_int_equal(html_hints_word(hints, "sharing"), HTML_WORD_NONE);
    /* fragments inside run-together words, from five letters on */
    assert_int_equal(html_hints_word(hints, "commentlist"), HTML_WORD_REMOVE);
    assert_int_equal(html_hints_word(hints, "commentary"), HTML_WORD_NONE);
    assert_int_equal(html_hints_word(hints, "mainarticle"), HTML_WORD_POSITIVE);
    /* a remove-fragment wins over a positive one in the same word */
    assert_int_equal(html_hints_word(hints, "articlecomments"), HTML_WORD_REMOVE);
    assert_true(html_hints_hides(hints, "intro SR-ONLY"));
    assert_false(html_hints_hides(hints, "sr-only-focusable"));
    html_hints_free(hints);
    unlink(path);
    free(path);
    rmdir(directory);
}

static void expect_bad_line(const char *content, long line, const char *message_part) {
    char directory[] = "/tmp/dyad-hints-XXXXXX";
    assert_non_null(mkdtemp(directory));
    char *path = write_file(directory, content);
    html_hints *hints = NULL;
    dyad_error error;
    assert_int_equal(html_hints_load(path, &hints, &error), DYAD_ERR_MODEL);
    assert_null(hints);
    assert_string_equal(error.file, path);
    assert_int_equal(error.line, line);
    if (!strstr(error.message, message_part))
        fail_msg("message '%s' does not say '%s'", error.message, message_part);
    unlink(path);
    free(path);
    rmdir(directory);
}

static void bad_lines_are_errors(void **state) {
    (void)state;
    expect_bad_line("remove share\nfurniture menu\n", 2, "unknown kind 'furniture'");
    expect_bad_line("# words\npositive\n", 2, "without a word");
    expect_bad_line("remove share social\n", 1, "one word per line");
    /* class/id words are split at hyphens and lower-cased: these never match */
    expect_bad_line("remove\tshare\nnegative side-bar\n", 2, "can never match");
    expect_bad_line("positive Story\n", 1, "can never match");
    /* the same word twice, here under two kinds, names the later line */
    expect_bad_line("remove masthead\npositive story\nnegative masthead\n", 3,
                    "already listed on line 1");
}

static void missing_file_is_an_error(void **state) {
    (void)state;
    html_hints *hints = NULL;
    dyad_error error;
    assert_int_equal(html_hints_load("/nonexistent/html-hints.txt", &hints, &error),
                     DYAD_ERR_MODEL);
    assert_null(hints);
    assert_string_equal(error.file, "/nonexistent/html-hints.txt");
}

/* The file the project ships loads, and reads the furniture and article
 * words the extractor was tuned with. */
static void shipped_file_loads(void **state) {
    (void)state;
    char *data_dir = resources_find_data_dir(NULL);
    if (!data_dir) skip();
    html_hints *hints;
    dyad_error error;
    dyad_status status = html_hints_load_from_data_dir(data_dir, &hints, &error);
    free(data_dir);
    if (status != DYAD_OK) fail_msg("%s:%ld: %s", error.file, error.line, error.message);
    assert_int_equal(html_hints_word(hints, "newsletter"), HTML_WORD_REMOVE);
    assert_int_equal(html_hints_word(hints, "sharebar"), HTML_WORD_REMOVE);
    assert_int_equal(html_hints_word(hints, "content"), HTML_WORD_POSITIVE);
    assert_int_equal(html_hints_word(hints, "commentary"), HTML_WORD_NONE);
    assert_true(html_hints_hides(hints, "visually-hidden"));
    html_hints_free(hints);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kinds_of_words),
        cmocka_unit_test(bad_lines_are_errors),
        cmocka_unit_test(missing_file_is_an_error),
        cmocka_unit_test(shipped_file_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
