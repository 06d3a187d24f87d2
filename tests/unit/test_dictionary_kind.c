/* Unit tests for util/dictionary_kind: each format is told by its lines,
 * not by the file's name; the field's files in ../shared are recognised
 * as what they are (skipped when ../shared is absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/dictionary_kind.h"

static dictionary_kind detect(const char *text) {
    return dictionary_kind_detect(text, strlen(text));
}

static void our_formats(void **state) {
    (void)state;
    assert_int_equal(detect("# comment first\ndyad-dictionary 1\nstate Ruritania => RUR\n"),
                     DICTIONARY_DYAD_ACTORS);
    assert_int_equal(detect("# verbs\n&talks = talk, meeting\n[046 Engage in negotiation]\n"
                            "negotiate with +\n[modal intent]\nplan\n"),
                     DICTIONARY_DYAD_VERBS);
    assert_int_equal(detect("[042:043 Make a visit]\nvisit +\n"), DICTIONARY_DYAD_VERBS);
    /* the header must come first: a later mention is just a word */
    assert_int_equal(detect("RURITANIA_ [RUR]\ndyad-dictionary 1\n"), DICTIONARY_PETRARCH_ACTORS);
}

static void field_formats(void **state) {
    (void)state;
    assert_int_equal(detect("<!-- header\n  still a comment [XYZ~] -->\nRURITANIA_ [RUR]\n"
                            "+RURITANIAN_\nJOHN_DOE_\n\t[RURGOV 150101-181231]\n"),
                     DICTIONARY_PETRARCH_ACTORS);
    assert_int_equal(detect("!PERSON! = MAN, MEN\nAMBASSADOR [~GOV] # note\nREBEL {} [~REB]\n"),
                     DICTIONARY_PETRARCH_AGENTS);
    assert_int_equal(detect("WORLD CUP\n+TYPHOON   # note\nGOLF_\n"),
                     DICTIONARY_PETRARCH_DISCARDS);
    assert_int_equal(detect("&CURRENCY\n+DOLLARS\n--- GRANT  [070] ---\nGRANT\n- * &CURRENCY [071]\n"),
                     DICTIONARY_PETRARCH_VERBS);
    assert_int_equal(detect("--- ACCUSE [112] ---\nACCUSE\n- (P OF +ATTACK) [112]\n~ a (a b ATTACK) SAY = a b 015\n"),
                     DICTIONARY_PETRARCH_VERBS);
    assert_int_equal(detect("<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\nn:kindergarten [EARLY]\n"),
                     DICTIONARY_PETRARCH_ISSUES);
}

static void not_dictionaries(void **state) {
    (void)state;
    assert_int_equal(detect(""), DICTIONARY_UNKNOWN);
    assert_int_equal(detect("# only a comment\n\n"), DICTIONARY_UNKNOWN);
    /* prose is not a discard list */
    assert_int_equal(detect("The delegations met for five hours in the capital and agreed to meet "
                            "again next week.\n"),
                     DICTIONARY_UNKNOWN);
    dictionary_kind kind;
    dyad_error error;
    assert_int_equal(dictionary_kind_of_file("/nonexistent/x.actors.txt", &kind, &error), DYAD_ERR_IO);
    assert_true(dictionary_kind_for_actors(DICTIONARY_PETRARCH_AGENTS));
    assert_false(dictionary_kind_for_actors(DICTIONARY_PETRARCH_VERBS));
    assert_true(dictionary_kind_for_coder(DICTIONARY_PETRARCH_DISCARDS));
    assert_false(dictionary_kind_for_coder(DICTIONARY_DYAD_ACTORS));
}

static bool shared_petrarch(char *out, size_t size) {
    const char *shared = getenv("DYAD_SHARED");
    const char *root = getenv("DYAD_SOURCE_ROOT");
    if (shared && *shared) snprintf(out, size, "%s/data/petrarch", shared);
    else snprintf(out, size, "%s/../shared/data/petrarch", root ? root : ".");
    struct stat info;
    return stat(out, &info) == 0 && S_ISDIR(info.st_mode);
}

static void the_fields_files(void **state) {
    (void)state;
    char directory[1024];
    if (!shared_petrarch(directory, sizeof directory)) {
        print_message("skipped: %s not found (set DYAD_SHARED)\n", directory);
        skip();
    }
    static const struct {
        const char *name;
        dictionary_kind kind;
    } files[] = {
        {"CAMEO.2.0.txt", DICTIONARY_PETRARCH_VERBS},
        {"PETR.Validate.verbs.txt", DICTIONARY_PETRARCH_VERBS},
        {"Phoenix.Countries.actors.txt", DICTIONARY_PETRARCH_ACTORS},
        {"Phoenix.International.actors.txt", DICTIONARY_PETRARCH_ACTORS},
        {"Phoenix.MilNonState.actors.txt", DICTIONARY_PETRARCH_ACTORS},
        {"PETR.Validate.actors.txt", DICTIONARY_PETRARCH_ACTORS},
        {"Phoenix.agents.txt", DICTIONARY_PETRARCH_AGENTS},
        {"PETR.Validate.agents.txt", DICTIONARY_PETRARCH_AGENTS},
        {"Phoenix.discards.txt", DICTIONARY_PETRARCH_DISCARDS},
        {"PETR.Validate.discards.txt", DICTIONARY_PETRARCH_DISCARDS},
        {"Phoenix.IssueCoding.txt", DICTIONARY_PETRARCH_ISSUES},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", directory, files[i].name);
        dictionary_kind kind;
        dyad_error error;
        assert_int_equal(dictionary_kind_of_file(path, &kind, &error), DYAD_OK);
        if (kind != files[i].kind)
            fail_msg("%s: %s, expected %s", files[i].name, dictionary_kind_name(kind),
                     dictionary_kind_name(files[i].kind));
    }
}

static void our_data_files(void **state) {
    (void)state;
    const char *root = getenv("DYAD_SOURCE_ROOT");
    char path[1024];
    dictionary_kind kind;
    dyad_error error;
    snprintf(path, sizeof path, "%s/data/coder/verbs.txt", root ? root : ".");
    assert_int_equal(dictionary_kind_of_file(path, &kind, &error), DYAD_OK);
    assert_int_equal(kind, DICTIONARY_DYAD_VERBS);
    snprintf(path, sizeof path, "%s/data/coder/discards.txt", root ? root : ".");
    assert_int_equal(dictionary_kind_of_file(path, &kind, &error), DYAD_OK);
    assert_int_equal(kind, DICTIONARY_PETRARCH_DISCARDS);
    static const char *const actor_files[] = {"agents.txt", "countries.txt", "country-names.txt",
                                              "groups.txt", "organisations.txt", "people.txt",
                                              "words.txt"};
    for (size_t i = 0; i < sizeof actor_files / sizeof *actor_files; i++) {
        snprintf(path, sizeof path, "%s/data/actors/%s", root ? root : ".", actor_files[i]);
        assert_int_equal(dictionary_kind_of_file(path, &kind, &error), DYAD_OK);
        if (kind != DICTIONARY_DYAD_ACTORS) fail_msg("%s: %s", actor_files[i], dictionary_kind_name(kind));
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(our_formats),
        cmocka_unit_test(field_formats),
        cmocka_unit_test(not_dictionaries),
        cmocka_unit_test(the_fields_files),
        cmocka_unit_test(our_data_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
