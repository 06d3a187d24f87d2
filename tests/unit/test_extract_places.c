/* Unit tests for extract/places and the compiled gazetteer: countries,
 * cities, subdivisions, seas and areas of the supplement, disambiguation
 * by the article's countries and by qualifiers, and the capitalised words
 * that are not places.  Tests that need the GeoNames cities skip when the
 * gazetteer was built without them (scripts/setup.sh installs them). */
#include "extract_fixture.h"

#include <math.h>

static bool has_cities(void **state) {
    extract_fixture *f = *state;
    return extract_has_cities(f->resources->extract);
}

#define NEED_CITIES(state)                                                                     \
    do {                                                                                       \
        if (!has_cities(state)) {                                                              \
            fprintf(stderr, "skipped: the gazetteer has no GeoNames cities "                   \
                            "(run scripts/setup.sh, then rebuild)\n");                         \
            skip();                                                                            \
        }                                                                                      \
    } while (0)

static const dyad_place *expect_place(const dyad_document *d, const char *text, const char *country) {
    const dyad_place *p = place_named(d, text);
    if (!p) fail_msg("no place \"%s\"", text);
    if (!country) {
        assert_null(p->country);
        return p;
    }
    if (!p->country) fail_msg("\"%s\": no country, expected %s", text, country);
    assert_string_equal(p->country, country);
    return p;
}

static void countries_and_supplement(void **state) {
    dyad_document *d = extract_text(state,
        "Russia and Ukraine traded blame over attacks in the Black Sea, the Sea of Azov and Donbas. "
        "Protesters gathered on Red Square and in the West Bank. The US and Britain said so. "
        "Talks continued in the Middle East.",
        "2025-06-01");
    expect_place(d, "Russia", "RUS");
    expect_place(d, "Ukraine", "UKR");
    const dyad_place *sea = expect_place(d, "Black Sea", NULL);
    assert_string_equal(sea->kind, "sea");
    assert_true(sea->has_coordinates && fabs(sea->lat - 43.4) < 1 && fabs(sea->lon - 34) < 1);
    expect_place(d, "Sea of Azov", NULL);
    expect_place(d, "Donbas", "UKR");
    expect_place(d, "Red Square", "RUS");
    expect_place(d, "US", "USA");
    expect_place(d, "Britain", "GBR");
    expect_place(d, "Middle East", NULL);
    assert_null(place_named(d, "Protesters"));
}

static void cities_and_subdivisions(void **state) {
    NEED_CITIES(state);
    dyad_document *d = extract_text(state,
        "Drones struck Kyiv, Zaporizhzhia and Gaza overnight. Shelling hit the Donetsk region, the "
        "Gaza Strip and "
        "the city of Donetsk, while Kherson Oblast lost power.",
        "2025-06-01");
    const dyad_place *kyiv = expect_place(d, "Kyiv", "UKR");
    assert_string_equal(kyiv->kind, "city");
    assert_true(kyiv->has_coordinates && fabs(kyiv->lat - 50.45) < 0.1 && fabs(kyiv->lon - 30.52) < 0.1);
    assert_non_null(kyiv->admin1);
    expect_place(d, "Zaporizhzhia", "UKR");
    expect_place(d, "Gaza", "PSE");
    expect_place(d, "Gaza Strip", "PSE");
    const dyad_place *region = expect_place(d, "Donetsk region", "UKR");
    assert_string_equal(region->kind, "admin1");
    assert_string_equal(region->admin1, "UA.05");
    assert_string_equal(expect_place(d, "Donetsk", "UKR")->kind, "city");
    assert_string_equal(expect_place(d, "Kherson Oblast", "UKR")->kind, "admin1");
}

static void disambiguation(void **state) {
    NEED_CITIES(state);
    dyad_document *d = extract_text(state, "Leaders met in Paris to discuss Ukraine.", "2025-06-01");
    expect_place(d, "Paris", "FRA");
    d = extract_text(state,
        "Farmers in Paris, Texas, and in Lubbock said prices were rising across the United States.",
        "2025-06-01");
    const dyad_place *paris = expect_place(d, "Paris", "USA");
    assert_string_equal(paris->admin1, "US.TX");
    /* the article's country decides between two towns of one name */
    d = extract_text(state,
        "Ukrainian troops withdrew from Pokrovsk after Russian troops advanced from Avdiivka and "
        "Bakhmut in Ukraine's east.",
        "2025-06-01");
    expect_place(d, "Pokrovsk", "UKR");
}

static void words_that_are_not_places(void **state) {
    NEED_CITIES(state);
    dyad_document *d = extract_text(state,
        "Reading the report, the minister was angry. Mobile phones were banned. "
        "Of the 40 sites, few remained. Paris Hilton arrived. Lincoln said he would run. "
        "Analyst Jordan Hale said costs rose. The White House said nothing.",
        "2025-06-01");
    assert_null(place_named(d, "Reading"));
    assert_null(place_named(d, "Mobile"));
    assert_null(place_named(d, "Of"));
    assert_null(place_named(d, "Paris"));
    assert_null(place_named(d, "Lincoln"));
    assert_null(place_named(d, "Jordan"));
    assert_null(place_named(d, "White House"));
    /* with a locative, the town is a town */
    d = extract_text(state, "Floods hit homes in Reading, England, and near Mobile, Alabama.", "2025-06-01");
    expect_place(d, "Reading", "GBR");
    expect_place(d, "Mobile", "USA");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(countries_and_supplement),
        cmocka_unit_test(cities_and_subdivisions),
        cmocka_unit_test(disambiguation),
        cmocka_unit_test(words_that_are_not_places),
    };
    return cmocka_run_group_tests(tests, extract_fixture_setup, extract_fixture_teardown);
}
