/* Unit tests for evaluate/extraction_eval: the annotated format and its
 * errors, and the accuracy floor of the extraction stage on our annotated
 * articles (data/eval/extraction/): precision >= 0.85 and recall >= 0.80
 * for quotations, figures, dates and places.  Places are scored only when
 * the gazetteer has the GeoNames cities. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "evaluate/extraction_eval.h"
#include "resources.h"

static int setup(void **state) {
    dyad_config config = {.stages = DYAD_STAGE_SEGMENT | DYAD_STAGE_EXTRACT};
    dyad_resources *resources;
    dyad_error error;
    if (dyad_resources_load(&config, &resources, &error) != DYAD_OK) return -1;
    *state = resources;
    return 0;
}

static int teardown(void **state) {
    dyad_resources_free(*state);
    return 0;
}

static char *write_temp(const char *content) {
    char *path = malloc(64);
    snprintf(path, 64, "/tmp/dyad-gold-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
    close(fd);
    return path;
}

static void scoring_a_small_article(void **state) {
    char *path = write_temp(
        "# article: a1\n"
        "# date: 2025-12-05\n"
        "[[q speaker=\"the governor\"|“We lost [[n v=12 u=person|12 people]],”]] the governor said on\n"
        "[[d v=2025-12-03|Wednesday]] in [[p c=UKR|Kharkiv]].\n"
        "\n"
        "[[r speaker=\"officials\"|[[n v=40 c=killed u=person|Forty people]] died]], officials said.\n");
    extraction_result result;
    dyad_error error;
    assert_int_equal(extraction_eval_file(*state, path, &result, NULL, NULL, &error), DYAD_OK);
    assert_int_equal(result.articles, 1);
    assert_int_equal(result.quotes.gold, 2);
    assert_int_equal(result.quotes.correct, 2);
    assert_int_equal(result.numbers.gold, 2);
    assert_int_equal(result.numbers.correct, 2);
    assert_int_equal(result.dates.correct, 1);
    assert_int_equal(result.categories_scored, 1);
    assert_int_equal(result.categories_right, 1);
    unlink(path);
    free(path);
}

static void format_errors(void **state) {
    static const char *const bad[] = {
        "# article: x\n[[q|no speaker]]\n",
        "# article: x\n[[z v=1|unknown kind]]\n",
        "# article: x\n[[n v=1|never closed\n",
        "text before any article\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *path = write_temp(bad[i]);
        extraction_result result;
        dyad_error error;
        assert_int_equal(extraction_eval_file(*state, path, &result, NULL, NULL, &error), DYAD_ERR_FORMAT);
        assert_string_equal(error.file, path);
        unlink(path);
        free(path);
    }
}

static void check_floor(const char *name, const extraction_score *score) {
    double precision = extraction_precision(score), recall = extraction_recall(score);
    fprintf(stderr, "%s precision %.3f recall %.3f\n", name, precision, recall);
    if (precision < 0.85 || recall < 0.80)
        fail_msg("%s below the floor: precision %.3f recall %.3f", name, precision, recall);
}

static void accuracy_floor(void **state) {
    const dyad_resources *resources = *state;
    static const char *const sets[] = {"dev.txt", "test.txt", "holdout.txt"};
    for (size_t i = 0; i < sizeof sets / sizeof *sets; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/eval/extraction/%s", resources->data_dir, sets[i]);
        extraction_result result;
        dyad_error error;
        if (extraction_eval_file(resources, path, &result, NULL, NULL, &error) != DYAD_OK) {
            char message[1200];
            fail_msg("%s", dyad_error_format(&error, message, sizeof message));
        }
        fprintf(stderr, "%s: %zu articles\n", sets[i], result.articles);
        if (i < 2)   /* the development and test sets each have the size asked for */
            assert_true(result.quotes.gold >= 40 && result.numbers.gold >= 40 &&
                        result.dates.gold >= 30 && result.places.gold >= 40);
        check_floor("quotes", &result.quotes);
        check_floor("figures", &result.numbers);
        check_floor("dates", &result.dates);
        if (extract_has_cities(resources->extract))
            check_floor("places", &result.places);
        else
            fprintf(stderr, "places not scored: the gazetteer has no GeoNames cities "
                            "(run scripts/setup.sh)\n");
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scoring_a_small_article),
        cmocka_unit_test(format_errors),
        cmocka_unit_test(accuracy_floor),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
