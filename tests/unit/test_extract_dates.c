/* Unit tests for extract/dates and extract/calendar: absolute and relative
 * date expressions, resolution against the article's date, invalid dates,
 * and the date each sentence names. */
#include "extract_fixture.h"
#include "extract/calendar.h"
#include "extract/extract.h"

static void expect_date(const dyad_document *d, const char *text, const char *value) {
    const dyad_date_expression *date = date_named(d, text);
    if (!date) fail_msg("no date expression \"%s\"", text);
    if (!value) {
        assert_null(date->value);
        return;
    }
    if (!date->value) fail_msg("\"%s\" has no value, expected %s", text, value);
    assert_string_equal(date->value, value);
}

static void calendar_arithmetic(void **state) {
    (void)state;
    assert_int_equal(calendar_days(1970, 1, 1), 0);
    assert_int_equal(calendar_days(2000, 3, 1) - calendar_days(2000, 2, 28), 2);   /* leap day */
    assert_int_equal(calendar_days(1900, 3, 1) - calendar_days(1900, 2, 28), 1);   /* not leap */
    civil_date date = calendar_from_days(calendar_days(2025, 12, 3));
    assert_int_equal(date.year, 2025);
    assert_int_equal(date.month, 12);
    assert_int_equal(date.day, 3);
    assert_int_equal(calendar_weekday(calendar_days(2025, 12, 3)), 3);   /* a Wednesday */
    int year, week;
    calendar_iso_week(calendar_days(2021, 1, 3), &year, &week);          /* belongs to 2020-W53 */
    assert_int_equal(year, 2020);
    assert_int_equal(week, 53);
    assert_false(calendar_is_valid(2025, 2, 29));
    assert_true(calendar_is_valid(2024, 2, 29));
    assert_false(calendar_is_valid(2025, 2, 31));
    assert_false(calendar_is_valid(2025, 13, 1));
    civil_date parsed;
    assert_true(calendar_parse_iso("2025-12-03T10:00:00Z", &parsed));
    assert_false(calendar_parse_iso("2025-02-31", &parsed));
    assert_false(calendar_parse_iso("3 Dec 2025", &parsed));
    assert_false(calendar_parse_iso(NULL, &parsed));
}

static void absolute_dates(void **state) {
    dyad_document *d = extract_text(state,
        "The ceasefire began on December 3, 2025 and was broken on 3 Dec. "
        "Talks were held in February 2022 and again on 2025-11-28. "
        "The treaty of 14 March 1991 still applies. They last met in June.",
        "2025-12-05");
    expect_date(d, "December 3, 2025", "2025-12-03");
    expect_date(d, "3 Dec", "2025-12-03");
    expect_date(d, "February 2022", "2022-02");
    expect_date(d, "2025-11-28", "2025-11-28");
    expect_date(d, "14 March 1991", "1991-03-14");
    expect_date(d, "June", "2025-06");
}

static void abbreviated_month_split_by_the_segmenter(void **state) {
    /* "Dec." may end a sentence for a segmenter that does not know the
     * abbreviation; the day after it is still part of the date */
    dyad_document *d = extract_text(state, "The strike came on Dec. 3 after weeks of calm.", "2025-12-10");
    const dyad_date_expression *date = d->date_count ? &d->dates[0] : NULL;
    assert_non_null(date);
    assert_true(span_contains(d, date->start, date->end, "Dec"));
    assert_string_equal(date->value, "2025-12-03");
    assert_null(figure_with(d, "3"));   /* the day is not a figure */
}

static void weekdays_follow_the_tense(void **state) {
    /* the article is dated Friday 5 December 2025 */
    dyad_document *d = extract_text(state,
        "Russian drones struck Kharkiv on Wednesday. "
        "The envoys will meet again on Tuesday. "
        "Officials said last Friday that talks had stalled. "
        "A vote is planned for next Monday.",
        "2025-12-05");
    expect_date(d, "Wednesday", "2025-12-03");   /* past: the latest on or before */
    expect_date(d, "Tuesday", "2025-12-09");     /* future: the next one */
    expect_date(d, "last Friday", "2025-11-28"); /* strictly before */
    expect_date(d, "next Monday", "2025-12-08");
    /* on the weekday itself, a past event is that day */
    d = extract_text(state, "The governor said on Friday that the city was calm.", "2025-12-05");
    expect_date(d, "Friday", "2025-12-05");
}

static void relative_periods(void **state) {
    dyad_document *d = extract_text(state,
        "Prices rose last month and earlier this year. Strikes hit Odesa overnight and yesterday. "
        "Leaders meet next week. The dam burst three days ago, and the war began two years ago. "
        "Exports fell in mid-December. Inflation will ease early next year.",
        "2025-12-10");
    expect_date(d, "last month", "2025-11");
    expect_date(d, "earlier this year", "2025");
    expect_date(d, "overnight", "2025-12-10");
    expect_date(d, "yesterday", "2025-12-09");
    expect_date(d, "next week", "2025-W51");
    expect_date(d, "three days ago", "2025-12-07");
    expect_date(d, "two years ago", "2023");
    expect_date(d, "mid-December", "2025-12");
    expect_date(d, "early next year", "2026");
}

static void across_the_new_year(void **state) {
    dyad_document *d = extract_text(state,
        "The offensive started in December and the talks begin on February 3. "
        "Fighting resumed last week.",
        "2026-01-02");
    expect_date(d, "December", "2025-12");
    expect_date(d, "February 3", "2026-02-03");   /* "begin": no past marker, closest ahead? */
    expect_date(d, "last week", "2025-W52");
}

static void without_an_article_date(void **state) {
    dyad_document *d = extract_text(state,
        "The attack came on Wednesday, a year ago, on 3 December. The treaty dates from May 2014.",
        NULL);
    expect_date(d, "Wednesday", NULL);
    expect_date(d, "a year ago", NULL);
    expect_date(d, "3 December", NULL);
    expect_date(d, "May 2014", "2014-05");
}

static void invalid_dates_are_neither_dates_nor_figures(void **state) {
    dyad_document *d = extract_text(state,
        "It happened on 31 February 2025, on February 30, on 2025-02-31 and on 2025-13-45. "
        "It did not happen on February 29, 2023, but it did on February 29, 2024.",
        "2025-03-01");
    assert_null(date_named(d, "31 February 2025"));
    assert_null(date_named(d, "February 30"));
    assert_null(date_named(d, "February 29, 2023"));
    expect_date(d, "February 29, 2024", "2024-02-29");
    for (size_t i = 0; i < d->number_count; i++) {
        /* none of the numbers of the invalid dates became a figure */
        assert_false(span_contains(d, d->numbers[i].start, d->numbers[i].end, "31"));
        assert_false(span_contains(d, d->numbers[i].start, d->numbers[i].end, "30"));
    }
}

static void years_and_not_years(void **state) {
    dyad_document *d = extract_text(state,
        "The 2014 annexation was followed in 2022 by an invasion. "
        "Some 2000 troops and 1,945 police were deployed. Windows 2000 is old.",
        "2025-06-01");
    expect_date(d, "2014", "2014");
    expect_date(d, "2022", "2022");
    assert_null(date_named(d, "2000"));
    assert_non_null(figure_with(d, "2000 troops"));
}

static void names_that_look_like_months(void **state) {
    dyad_document *d = extract_text(state,
        "Theresa May spoke. Protesters march every week. They may leave.", "2025-06-01");
    assert_int_equal(d->date_count, 0);
}

static void sentence_dates(void **state) {
    dyad_document *d = extract_text(state,
        "Shelling continued. Russian forces struck Kherson on Wednesday. "
        "On December 1, drones hit Kyiv and on Tuesday Odesa.",
        "2025-12-05");
    assert_null(extract_sentence_date(d, 0));
    assert_string_equal(extract_sentence_date(d, 1), "2025-12-03");
    assert_string_equal(extract_sentence_date(d, 2), "2025-12-01");   /* the first it names */
    assert_null(extract_sentence_date(d, 99));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(calendar_arithmetic),
        cmocka_unit_test(absolute_dates),
        cmocka_unit_test(abbreviated_month_split_by_the_segmenter),
        cmocka_unit_test(weekdays_follow_the_tense),
        cmocka_unit_test(relative_periods),
        cmocka_unit_test(across_the_new_year),
        cmocka_unit_test(without_an_article_date),
        cmocka_unit_test(invalid_dates_are_neither_dates_nor_figures),
        cmocka_unit_test(years_and_not_years),
        cmocka_unit_test(names_that_look_like_months),
        cmocka_unit_test(sentence_dates),
    };
    return cmocka_run_group_tests(tests, extract_fixture_setup, extract_fixture_teardown);
}
