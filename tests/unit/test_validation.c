/* Unit tests for coder/validation and ingest/petrarch_xml: a small
 * validation file with dictionaries of our own (fictional countries),
 * run record by record. */
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

#include "coder/validation.h"

static void write_file(const char *directory, const char *name, const char *content) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", directory, name);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fputs(content, out);
    fclose(out);
}

static const char xml[] =
    "<Validation>\n"
    "<Environment>\n"
    "  <Verbfile>test.verbs.txt</Verbfile>\n"
    "  <Actorfile>test.actors.txt</Actorfile>\n"
    "  <Agentfile>test.agents.txt</Agentfile>\n"
    "  <Include>DEMO</Include>\n"
    "</Environment>\n"
    "<Sentences>\n"
    "<Sentence date=\"20200101\" id=\"T-1\" category=\"DEMO\" sentence=\"true\">\n"
    "<EventCoding sourcecode=\"FRE\" targetcode=\"SYL\" eventcode=\"111\"></EventCoding>\n"
    "<Text>Freedonia condemned Sylvania.</Text>\n"
    "<Parse>(ROOT (S (NP (NNP Freedonia)) (VP (VBD condemned) (NP (NNP Sylvania))) (. .)))</Parse>\n"
    "</Sentence>\n"
    "<Sentence date=\"20200101\" id=\"T-2\" category=\"DEMO\" sentence=\"true\">\n"
    "<EventCoding sourcecode=\"FREMIL\" targetcode=\"SYL\" eventcode=\"190\"></EventCoding>\n"
    "<Text>Sylvania was attacked by Freedonian troops.</Text>\n"
    "<Parse>(ROOT (S (NP (NNP Sylvania)) (VP (VBD was) (VP (VBN attacked) (PP (IN by)\n"
    "  (NP (JJ Freedonian) (NNS troops))))) (. .)))</Parse>\n"
    "</Sentence>\n"
    "<Sentence date=\"20200101\" id=\"T-3\" category=\"DEMO\" sentence=\"true\">\n"
    "<EventCoding noevents=\"True\"></EventCoding>\n"
    "<Text>The weather in Freedonia was fine.</Text>\n"
    "<Parse>(ROOT (S (NP (NP (DT The) (NN weather)) (PP (IN in) (NP (NNP Freedonia))))\n"
    "  (VP (VBD was) (ADJP (JJ fine))) (. .)))</Parse>\n"
    "</Sentence>\n"
    "<Sentence date=\"20200101\" id=\"T-4\" category=\"DEMO\" sentence=\"true\">\n"
    "<EventCoding sourcecode=\"FRE\" targetcode=\"SYL\" eventcode=\"040\"></EventCoding>\n"
    "<Text>Freedonia met Sylvania.</Text>\n"
    "<Parse>(ROOT (S (NP (NNP Freedonia)) (VP (VBD met) (NP (NNP Sylvania))) (. .)))</Parse>\n"
    "</Sentence>\n"
    "<Sentence date=\"20200101\" id=\"T-5\" category=\"OTHER\" sentence=\"true\">\n"
    "<EventCoding sourcecode=\"FRE\" targetcode=\"SYL\" eventcode=\"111\"></EventCoding>\n"
    "<Text>Freedonia condemned Sylvania again.</Text>\n"
    "<Parse>(ROOT (S (NP (NNP Freedonia)) (VP (VBD condemned) (NP (NNP Sylvania)) (ADVP (RB again))) (. .)))</Parse>\n"
    "</Sentence>\n"
    "</Sentences>\n"
    "</Validation>\n";

static void runs_a_validation_file(void **state) {
    (void)state;
    char directory[] = "/tmp/dyad-validate-XXXXXX";
    assert_non_null(mkdtemp(directory));
    write_file(directory, "test.xml", xml);
    write_file(directory, "test.verbs.txt", "--- CONDEMN [111] ---\nCONDEMN\n\n--- ATTACK [190] ---\nATTACK\n");
    write_file(directory, "test.actors.txt", "FREEDONIA [FRE]\n+FREEDONIAN\nSYLVANIA [SYL]\n");
    write_file(directory, "test.agents.txt", "TROOPS {} [~MIL]\n");
    char path[512];
    snprintf(path, sizeof path, "%s/test.xml", directory);
    const char *root = getenv("DYAD_SOURCE_ROOT");
    char data[4096];
    snprintf(data, sizeof data, "%s/data", root ? root : ".");
    validation_options options = {.path = path, .data_dir = data};
    validation_report report;
    dyad_error error;
    assert_int_equal(validation_run(&options, &report, &error), DYAD_OK);
    assert_int_equal(report.result_count, 5);
    assert_int_equal(report.passed, 3);
    assert_int_equal(report.failed, 1);
    assert_int_equal(report.skipped, 1);      /* category OTHER is not included */
    const validation_result *failed = &report.results[3];
    assert_string_equal(failed->record->id, "T-4");
    assert_false(failed->passed);
    assert_int_equal(failed->expected_count, 1);
    assert_string_equal(failed->expected[0], "FRE SYL 040");
    assert_int_equal(failed->produced_count, 0);
    assert_true(report.results[1].passed);
    assert_string_equal(report.results[1].produced[0], "FREMIL SYL 190");
    validation_report_free(&report);

    /* --all codes the excluded record too */
    options.all_records = true;
    assert_int_equal(validation_run(&options, &report, &error), DYAD_OK);
    assert_int_equal(report.passed, 4);
    assert_int_equal(report.skipped, 0);
    validation_report_free(&report);

    /* a dictionary that cannot be found is named */
    char actors[512];
    snprintf(actors, sizeof actors, "%s/test.actors.txt", directory);
    unlink(actors);
    assert_int_not_equal(validation_run(&options, &report, &error), DYAD_OK);
    assert_non_null(strstr(error.message, "test.actors.txt"));
    validation_report_free(&report);

    const char *names[] = {"test.xml", "test.verbs.txt", "test.agents.txt"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", directory, names[i]);
        unlink(path);
    }
    rmdir(directory);
}

static void bad_xml_names_the_file(void **state) {
    (void)state;
    char directory[] = "/tmp/dyad-validate-XXXXXX";
    assert_non_null(mkdtemp(directory));
    write_file(directory, "bad.xml", "<Validation><Sentences><Sentence id=\"x\"></Sentences>");
    char path[512];
    snprintf(path, sizeof path, "%s/bad.xml", directory);
    validation_options options = {.path = path};
    validation_report report;
    dyad_error error;
    assert_int_equal(validation_run(&options, &report, &error), DYAD_ERR_FORMAT);
    assert_string_equal(error.file, path);
    validation_report_free(&report);
    unlink(path);
    rmdir(directory);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(runs_a_validation_file),
        cmocka_unit_test(bad_xml_names_the_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
