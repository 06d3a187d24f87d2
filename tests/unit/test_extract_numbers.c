/* Unit tests for extract/numbers: cardinals in digits and words, scales,
 * ranges, approximations, money, percentages, areas, durations, counts of
 * people by category, claims, what is not a figure, and extreme numbers. */
#include "extract_fixture.h"

#include <math.h>
#include <time.h>

static const dyad_number *expect_figure(const dyad_document *d, const char *text, double value) {
    const dyad_number *n = figure_with(d, text);
    if (!n) fail_msg("no figure containing \"%s\"", text);
    if (fabs(n->value - value) > 1e-9 * fmax(1, fabs(value)))
        fail_msg("\"%s\": value %g, expected %g", text, n->value, value);
    return n;
}

static void expect_text(const char *actual, const char *expected) {
    if (!expected) {
        assert_null(actual);
        return;
    }
    if (!actual) fail_msg("NULL, expected \"%s\"", expected);
    assert_string_equal(actual, expected);
}

static void cardinals(void **state) {
    dyad_document *d = extract_text(state,
        "Police counted 25,000 marchers. Five soldiers and twenty-five officers were there. "
        "The fund holds two million dollars and 1.5bn in bonds. "
        "Officials expect 30k visitors and a dozen ministers.",
        "2025-06-01");
    expect_figure(d, "25,000", 25000);
    expect_figure(d, "Five soldiers", 5);
    expect_figure(d, "twenty-five officers", 25);
    const dyad_number *money = expect_figure(d, "two million dollars", 2e6);
    expect_text(money->unit, "USD");
    expect_figure(d, "1.5bn", 1.5e9);
    expect_figure(d, "30k", 30000);
    expect_figure(d, "a dozen ministers", 12);
}

static void ranges_and_approximations(void **state) {
    dyad_document *d = extract_text(state,
        "Between 10 and 12 people died. Organisers said 25,000 to 30,000 rallied, police 20,000–22,000. "
        "About 300 were held, more than 40 fled and nearly 50 hid. At least 7 died; up to 2 to 3 million "
        "could leave, and some 500 stayed.",
        "2025-06-01");
    const dyad_number *n = figure_with(d, "Between 10 and 12");
    assert_non_null(n);
    assert_true(n->low == 10 && n->high == 12);
    n = figure_with(d, "25,000 to 30,000");
    assert_non_null(n);
    assert_true(n->low == 25000 && n->high == 30000);
    n = figure_with(d, "20,000–22,000");
    assert_non_null(n);
    assert_true(n->low == 20000 && n->high == 22000);
    expect_text(expect_figure(d, "About 300", 300)->approximation, "about");
    expect_text(expect_figure(d, "more than 40", 40)->approximation, "more than");
    expect_text(expect_figure(d, "nearly 50", 50)->approximation, "nearly");
    expect_text(expect_figure(d, "At least 7", 7)->approximation, "at least");
    n = figure_with(d, "2 to 3 million");   /* the scale applies to both ends */
    assert_non_null(n);
    assert_true(n->low == 2e6 && n->high == 3e6);
    expect_text(n->approximation, "up to");
    expect_text(expect_figure(d, "some 500", 500)->approximation, "some");
}

static void money_percent_area_duration(void **state) {
    dyad_document *d = extract_text(state,
        "Kyiv asked for $400 million, €2bn and £3.5 billion, and got 10 million euros. "
        "Inflation rose 15% and unemployment 2.5 percent. "
        "The fire burned 5,000 square kilometres and 1,200 km2 of forest. "
        "After a five-hour meeting and three days of talks, a 45-year-old man spoke.",
        "2025-06-01");
    expect_text(expect_figure(d, "$400 million", 4e8)->unit, "USD");
    expect_text(expect_figure(d, "€2bn", 2e9)->unit, "EUR");
    expect_text(expect_figure(d, "£3.5 billion", 3.5e9)->unit, "GBP");
    expect_text(expect_figure(d, "10 million euros", 1e7)->unit, "EUR");
    expect_text(expect_figure(d, "15%", 15)->unit, "percent");
    expect_text(expect_figure(d, "2.5 percent", 2.5)->unit, "percent");
    expect_text(expect_figure(d, "5,000 square kilometres", 5000)->unit, "km2");
    expect_text(expect_figure(d, "1,200 km2", 1200)->unit, "km2");
    expect_text(expect_figure(d, "five-hour", 5)->unit, "hour");
    expect_text(expect_figure(d, "three days", 3)->unit, "day");
    const dyad_number *age = expect_figure(d, "45-year-old", 45);
    expect_text(age->unit, "year");
    expect_text(age->category, "age");
}

static void counts_of_people(void **state) {
    dyad_document *d = extract_text(state,
        "The strike killed 12 civilians and wounded 30. Five soldiers were injured in Kherson. "
        "More than 2,000 people were displaced and 300 refugees crossed the border. "
        "Police detained 45 protesters; 25,000 protesters marched. "
        "The army deployed 3,000 troops. Militants freed four hostages and 200 prisoners. "
        "The death toll rose to 35. Casualties reached 80 casualties, officials said.",
        "2025-06-01");
    const dyad_number *n = expect_figure(d, "12 civilians", 12);
    expect_text(n->category, "killed");
    expect_text(n->unit, "person");
    expect_text(n->noun, "civilians");
    expect_text(expect_figure(d, "30", 30)->category, "wounded");
    expect_text(expect_figure(d, "Five soldiers", 5)->category, "wounded");
    expect_text(expect_figure(d, "2,000 people", 2000)->category, "displaced");
    expect_text(expect_figure(d, "300 refugees", 300)->category, "refugees");
    expect_text(expect_figure(d, "45 protesters", 45)->category, "arrested");
    expect_text(expect_figure(d, "25,000 protesters", 25000)->category, "protesters");
    expect_text(expect_figure(d, "3,000 troops", 3000)->category, "troops");
    expect_text(expect_figure(d, "four hostages", 4)->category, "hostages");
    expect_text(expect_figure(d, "200 prisoners", 200)->category, "prisoners");
    expect_text(expect_figure(d, "35", 35)->category, "killed");
    expect_text(expect_figure(d, "80 casualties", 80)->category, "casualties");
}

static void claimed_figures(void **state) {
    dyad_document *d = extract_text(state,
        "“We lost 40 tanks,” the general told reporters. "
        "The ministry said 12 people were killed. Prices rose 3%.",
        "2025-06-01");
    const dyad_number *tanks = expect_figure(d, "40 tanks", 40);
    assert_true(tanks->quote >= 0);
    assert_string_equal(speaker_of(&d->quotes[tanks->quote]), "the general");
    const dyad_number *killed = expect_figure(d, "12 people", 12);
    assert_true(killed->quote >= 0);
    assert_string_equal(speaker_of(&d->quotes[killed->quote]), "The ministry");
    assert_int_equal(expect_figure(d, "3%", 3)->quote, -1);
}

static void not_figures(void **state) {
    dyad_document *d = extract_text(state,
        "On December 3, 2025, Resolution 2334 and Article 5 were cited. F-16 jets and COVID-19 "
        "were mentioned at 10:30 and at 3 pm. It was the 3rd attack. One of them left; no one "
        "stayed. The 1990s were calm, and 5G masts rose.",
        "2025-12-05");
    assert_int_equal(d->number_count, 0);
}

static void extreme_numbers(void **state) {
    /* ten thousand digits: no crash, no hang, the value is infinite (null
     * in JSON) */
    size_t digits = 10000;
    char *text = malloc(digits + 64);
    strcpy(text, "The debt is ");
    memset(text + strlen(text), '9', digits);
    strcpy(text + 12 + digits, " dollars.");
    clock_t start = clock();
    dyad_document *d = extract_text(state, text, "2025-06-01");
    assert_true((double)(clock() - start) / CLOCKS_PER_SEC < 5.0);
    assert_int_equal(d->number_count, 1);
    assert_true(isinf(d->numbers[0].value));
    expect_text(d->numbers[0].unit, "USD");
    free(text);
    /* a figure with a thousand scale words is read in one pass */
    size_t words = 1000;
    text = malloc(words * 8 + 64);
    strcpy(text, "They owe 5");
    for (size_t i = 0; i < words; i++) strcat(text, " million");
    strcat(text, ".");
    d = extract_text(state, text, "2025-06-01");
    assert_int_equal(d->number_count, 1);
    assert_true(isinf(d->numbers[0].value));
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cardinals),
        cmocka_unit_test(ranges_and_approximations),
        cmocka_unit_test(money_percent_area_duration),
        cmocka_unit_test(counts_of_people),
        cmocka_unit_test(claimed_figures),
        cmocka_unit_test(not_figures),
        cmocka_unit_test(extreme_numbers),
    };
    return cmocka_run_group_tests(tests, extract_fixture_setup, extract_fixture_teardown);
}
