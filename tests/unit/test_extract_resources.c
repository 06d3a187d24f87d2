/* Unit tests for the extraction stage's resources: folding, the word-list
 * format and its errors (file and line named), and a gazetteer file that
 * is corrupt or missing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract/fold.h"
#include "extract/gazetteer.h"
#include "extract/lexicon.h"

static char *write_temp(const char *content) {
    char *path = malloc(64);
    snprintf(path, 64, "/tmp/dyad-lexicon-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
    close(fd);
    return path;
}

static void folding(void **state) {
    (void)state;
    char out[64];
    assert_int_equal(fold_text("Zaporizhzhia", 12, out, sizeof out), 12);
    assert_string_equal(out, "zaporizhzhia");
    fold_text("Luhans’k", strlen("Luhans’k"), out, sizeof out);
    assert_string_equal(out, "luhansk");
    fold_text("Ivano-Frankivsk", 15, out, sizeof out);
    assert_string_equal(out, "ivano frankivsk");
    fold_text("  Sant Julià  de   Lòria ", strlen("  Sant Julià  de   Lòria "), out, sizeof out);
    assert_string_equal(out, "sant julia de loria");
    fold_text("KM²", strlen("KM²"), out, sizeof out);
    assert_string_equal(out, "km2");
    assert_int_equal(fold_text("a long phrase", 13, out, 5), (size_t)-1);   /* does not fit */
}

static void word_lists(void **state) {
    (void)state;
    char *path = write_temp(
        "# comment\n"
        "more than\tapproximation\n"
        "march\tmonth\t3   # a trailing comment\n"
        "march\tfunction\n"
        "said\tspeech\tsay\t-\n"
        "according to\tspeech\taccording to\tphrase\n");
    lexicon *l = lexicon_new();
    dyad_error error;
    assert_int_equal(lexicon_load_file(l, path, &error), DYAD_OK);
    const lexeme *march = lexicon_find_text(l, "March", 5);
    assert_non_null(march);
    assert_int_equal(march->month, 3);
    assert_true(march->classes & LEX_FUNCTION);
    assert_true(lexicon_find_text(l, "MORE THAN", 9)->classes & LEX_APPROXIMATION);
    assert_true(lexicon_find_text(l, "more", 4)->classes & LEX_PREFIX);
    assert_true(lexicon_find_text(l, "according to", 12)->speech_flags & SPEECH_PHRASE);
    assert_null(lexicon_find_text(l, "than", 4));
    lexicon_free(l);
    unlink(path);
    free(path);
}

static void word_list_errors(void **state) {
    (void)state;
    static const struct {
        const char *content, *message;
        long line;
    } cases[] = {
        {"ok\tfunction\nbad\tcolour\n", "unknown class", 2},
        {"\n\nmay\tmonth\t13\n", "month wants 1..12", 3},
        {"said\tspeech\tsay\n", "wrong number of columns", 1},
        {"x\tfunction\nx\tfunction\n", "duplicate entry", 2},
        {"said\tspeech\tsay\tloud\n", "unknown speech flag", 1},
        {"lonely\n", "expected: phrase", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *path = write_temp(cases[i].content);
        lexicon *l = lexicon_new();
        dyad_error error;
        assert_int_equal(lexicon_load_file(l, path, &error), DYAD_ERR_MODEL);
        assert_string_equal(error.file, path);
        assert_int_equal(error.line, cases[i].line);
        if (!strstr(error.message, cases[i].message))
            fail_msg("case %zu: \"%s\" does not say \"%s\"", i, error.message, cases[i].message);
        lexicon_free(l);
        unlink(path);
        free(path);
    }
}

static void corrupt_gazetteer(void **state) {
    (void)state;
    char *path = write_temp("DYADMODL this is not a gazetteer");
    gazetteer *g;
    dyad_error error;
    assert_int_equal(gazetteer_open(path, &g, &error), DYAD_ERR_MODEL);
    assert_null(g);
    assert_string_equal(error.file, path);
    unlink(path);
    free(path);
    assert_int_not_equal(gazetteer_open("/nonexistent/gazetteer.bin", &g, &error), DYAD_OK);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folding),
        cmocka_unit_test(word_lists),
        cmocka_unit_test(word_list_errors),
        cmocka_unit_test(corrupt_gazetteer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
