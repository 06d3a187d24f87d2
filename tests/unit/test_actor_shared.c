/* Unit tests for actors/actor_read on the field's own dictionaries in
 * ../shared/data/petrarch (openeventdata's Phoenix and PETRARCH
 * validation files): every entry loads or is reported, with the counts
 * below, and a few well-known actors resolve by date.  Skipped with a
 * message when ../shared is absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "actors/actor_dictionary.h"
#include "actors/actor_read.h"

static char petrarch_dir[1024];

static bool shared_present(void) {
    const char *shared = getenv("DYAD_SHARED");
    const char *root = getenv("DYAD_SOURCE_ROOT");
    if (shared && *shared)
        snprintf(petrarch_dir, sizeof petrarch_dir, "%s/data/petrarch", shared);
    else
        snprintf(petrarch_dir, sizeof petrarch_dir, "%s/../shared/data/petrarch",
                 root ? root : ".");
    struct stat info;
    return stat(petrarch_dir, &info) == 0 && S_ISDIR(info.st_mode);
}

typedef struct expected_counts {
    const char *file;
    size_t entries, names, agents, discards, problems;
} expected_counts;

/* Counted independently of dyad: names are the non-comment lines that are
 * not date lines; the reported lines are checked by hand (bad dates such as
 * "[KORGOVBUS 2004017-20061201]", a range ending before it starts, text
 * after the codes, "[~ENV}", an agent without a code). */
static const expected_counts expected[] = {
    {"Phoenix.Countries.actors.txt", 18352, 25917, 0, 0, 8},
    {"Phoenix.International.actors.txt", 7838, 7906, 0, 0, 4},
    {"Phoenix.MilNonState.actors.txt", 1021, 1793, 0, 0, 0},
    {"Phoenix.agents.txt", 0, 0, 5152, 0, 2},
    {"Phoenix.discards.txt", 0, 0, 0, 506, 0},
    {"PETR.Validate.actors.txt", 128, 161, 0, 0, 0},
    {"PETR.Validate.agents.txt", 0, 0, 165, 0, 0},
    {"PETR.Validate.discards.txt", 0, 0, 0, 9, 0},
};

static void every_file_loads_or_reports(void **state) {
    (void)state;
    if (!shared_present()) {
        print_message("skipped: %s not found (set DYAD_SHARED)\n", petrarch_dir);
        skip();
    }
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", petrarch_dir, expected[i].file);
        actor_dictionary *d = actor_dictionary_new();
        actor_load_report report;
        actor_load_report_init(&report, 32);
        dyad_error error;
        assert_int_equal(actor_read_file(d, path, ACTOR_FILE_UNKNOWN, &report, &error), DYAD_OK);
        assert_int_equal(actor_dictionary_finish(d, &error), DYAD_OK);
        if (report.entries != expected[i].entries || report.names != expected[i].names ||
            report.agents != expected[i].agents || report.discards != expected[i].discards ||
            report.problems != expected[i].problems)
            fail_msg("%s: entries %zu names %zu agents %zu discards %zu reported %zu", path,
                     report.entries, report.names, report.agents, report.discards,
                     report.problems);
        for (size_t m = 0; m < report.message_count; m++) {
            assert_string_equal(report.messages[m].file, path);
            assert_true(report.messages[m].line > 0);
        }
        actor_load_report_free(&report);
        actor_dictionary_free(d);
    }
}

static const char *code_of(const actor_dictionary *d, const char *first, const char *second,
                           int32_t date) {
    int32_t node = actor_dictionary_step(d, 0, actor_dictionary_word(d, first, strlen(first)));
    if (second)
        node = actor_dictionary_step(d, node, actor_dictionary_word(d, second, strlen(second)));
    size_t count;
    const uint32_t *terminals = actor_dictionary_terminals(d, node, &count);
    assert_true(count > 0);
    const actor_phrase *phrase = actor_dictionary_phrase(d, terminals[0]);
    return actor_entry_code_at(d, actor_dictionary_entry(d, phrase->target), date);
}

static void phoenix_set_resolves_by_date(void **state) {
    (void)state;
    if (!shared_present()) {
        print_message("skipped: %s not found (set DYAD_SHARED)\n", petrarch_dir);
        skip();
    }
    actor_dictionary *d = actor_dictionary_new();
    actor_load_report report;
    actor_load_report_init(&report, 0);
    dyad_error error;
    const char *files[] = {"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                           "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt",
                           "Phoenix.discards.txt"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", petrarch_dir, files[i]);
        assert_int_equal(actor_read_file(d, path, ACTOR_FILE_UNKNOWN, &report, &error), DYAD_OK);
    }
    assert_int_equal(actor_dictionary_finish(d, &error), DYAD_OK);
    assert_int_equal(report.problems, 14);
    assert_string_equal(code_of(d, "vladimir", "putin", 19980101), "RUSELI");
    assert_string_equal(code_of(d, "vladimir", "putin", 20050101), "RUSGOV");
    assert_string_equal(code_of(d, "vladimir", "putin", 20130101), "RUSGOV");
    assert_string_equal(code_of(d, "afghanistan", NULL, 20130101), "AFG");
    assert_string_equal(code_of(d, "nato", NULL, 20130101), "IGOWSTNAT");
    actor_load_report_free(&report);
    actor_dictionary_free(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_file_loads_or_reports),
        cmocka_unit_test(phoenix_set_resolves_by_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
