/* Unit tests for actors/actor_dictionary and actors/actor_read: folding,
 * the PETRARCH actor, agent and discard formats and ours, date
 * restrictions, plurals, substitution sets, and that every bad line is
 * reported with its file and line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors/actor_dictionary.h"
#include "actors/actor_read.h"

/* ---------------------------------------------------------------- helpers */

static actor_dictionary *load(const char *name, const char *text, actor_file_kind kind,
                              actor_load_report *report, dyad_status expected) {
    actor_dictionary *dictionary = actor_dictionary_new();
    assert_non_null(dictionary);
    dyad_error error;
    assert_int_equal(actor_read_text(dictionary, name, text, strlen(text), kind, report, &error),
                     expected);
    if (expected == DYAD_OK) assert_int_equal(actor_dictionary_finish(dictionary, &error), DYAD_OK);
    return dictionary;
}

/* The phrases that end where the space-separated words lead, or NULL. */
static const actor_phrase *lookup(const actor_dictionary *dictionary, const char *words) {
    char copy[256];
    snprintf(copy, sizeof copy, "%s", words);
    int32_t node = 0;
    for (char *word = strtok(copy, " "); word; word = strtok(NULL, " ")) {
        char folded[ACTOR_WORD_MAX + 1];
        size_t length = actor_fold_word(word, strlen(word), folded);
        node = actor_dictionary_step(dictionary, node, actor_dictionary_word(dictionary, folded,
                                                                             length));
        if (node < 0) return NULL;
    }
    size_t count;
    const uint32_t *terminals = actor_dictionary_terminals(dictionary, node, &count);
    return count ? actor_dictionary_phrase(dictionary, terminals[count - 1]) : NULL;
}

static const actor_entry *entry_of(const actor_dictionary *dictionary, const char *words) {
    const actor_phrase *phrase = lookup(dictionary, words);
    assert_non_null(phrase);
    assert_int_equal(phrase->type, PHRASE_ACTOR);
    return actor_dictionary_entry(dictionary, phrase->target);
}

static const char *code_at(const actor_dictionary *dictionary, const char *words, int32_t date) {
    return actor_entry_code_at(dictionary, entry_of(dictionary, words), date);
}

static const actor_agent *agent_of(const actor_dictionary *dictionary, const char *words) {
    const actor_phrase *phrase = lookup(dictionary, words);
    assert_non_null(phrase);
    assert_int_equal(phrase->type, PHRASE_AGENT);
    return actor_dictionary_agent(dictionary, phrase->target);
}

/* ---------------------------------------------------------------- folding */

static void folding_and_shapes(void **state) {
    (void)state;
    char out[ACTOR_WORD_MAX + 1];
    assert_int_equal(actor_fold_word("U.S.", 4, out), 2);
    assert_string_equal(out, "us");
    actor_fold_word("Élysée", strlen("Élysée"), out);
    assert_string_equal(out, "elysee");
    actor_fold_word("Erdoğan", strlen("Erdoğan"), out);
    assert_string_equal(out, "erdogan");
    actor_fold_word("O\xE2\x80\x99" "Brien", 9, out);
    assert_string_equal(out, "o'brien");
    assert_int_equal(actor_fold_word("...", 3, out), 0);
    assert_int_equal(actor_word_shape_of("US", 2), SHAPE_UPPER);
    assert_int_equal(actor_word_shape_of("us", 2), SHAPE_LOWER);
    assert_int_equal(actor_word_shape_of("Kremlin", 7), SHAPE_CAPITALISED);
    assert_int_equal(actor_word_shape_of("U.S.", 4), SHAPE_UPPER);
    assert_int_equal(actor_word_shape_of("Élysée", strlen("Élysée")), SHAPE_CAPITALISED);
    assert_int_equal(actor_word_shape_of(",", 1), SHAPE_OTHER);
    assert_int_equal(actor_date_parse("2025-01-20"), 20250120);
    assert_int_equal(actor_date_parse("2025-01-20T10:00:00Z"), 20250120);
    assert_int_equal(actor_date_parse("2025-02-30"), 0);
    assert_int_equal(actor_date_parse("20250120"), 0);
    assert_int_equal(actor_date_parse(NULL), 0);
}

/* ------------------------------------------------------- PETRARCH actors */

static const char petrarch_actors[] =
    "# a comment line\n"
    "<!-- an XML comment line -->\n"
    "ARNOR_  [ARN]\n"
    "+ARNORIAN_ # a trailing comment\n"
    "+KINGDOM_OF_ARNOR ; an old TABARI comment\n"
    "\n"
    "ELROND_HALF-ELVEN_  # a person with dated roles\n"
    "+ELROND\n"
    "\t[RIVGOV 250101-291231]\n"
    "\t[RIVELI >300101]\n"
    "\t[RIVMIL <241231]\n"
    "\t[RIV]\n"
    "\n"
    "SAURON\n"
    "+THE_DARK_LORD\n"
    "\t[MORGOV 19550101 - 19551231]\n"
    "THE_SHIRE_  [SHR] [SHRGOV 20200101-20201231]\n"
    "U.N._\n"
    "THE_COUNCIL_OF_ELROND\n"
    "\t[IGORIV]\n"
    "BAD_DATES  [XXX]\n"
    "\t[XXXGOV 9912-991231]\n"
    "\t[XXXGOV 20100101-20090101]\n"
    "\t[XXXGOV 2010011]\n"
    "\t[XXXGOV >20100230]\n"
    "NO_CODE_AT_ALL\n";

static void petrarch_actor_records_and_dates(void **state) {
    (void)state;
    actor_load_report report;
    actor_load_report_init(&report, 16);
    actor_dictionary *d = load("test.actors.txt", petrarch_actors, ACTOR_FILE_UNKNOWN, &report,
                               DYAD_OK);
    assert_string_equal(code_at(d, "arnor", 20250101), "ARN");
    assert_string_equal(code_at(d, "arnorian", 0), "ARN");
    assert_string_equal(code_at(d, "kingdom of arnor", 0), "ARN");
    /* dated roles: 6-digit years up to 30 are 20YY, others 19YY */
    assert_string_equal(code_at(d, "elrond", 20260315), "RIVGOV");
    assert_string_equal(code_at(d, "elrond", 20241231), "RIVMIL");
    assert_string_equal(code_at(d, "elrond", 20300101), "RIVELI");
    assert_string_equal(code_at(d, "elrond half elven", 20300102), "RIVELI");
    /* no date: the role at the end of time, i.e. the open-ended one */
    assert_string_equal(code_at(d, "elrond", 0), "RIVELI");
    /* a range with blanks around the dash, eight-digit dates */
    assert_string_equal(code_at(d, "the dark lord", 19550601), "MORGOV");
    assert_null(code_at(d, "sauron", 19600101));
    /* no default and no date: the range that ends last */
    assert_string_equal(code_at(d, "sauron", 0), "MORGOV");
    /* several bracketed codes on one line */
    assert_string_equal(code_at(d, "the shire", 20200505), "SHRGOV");
    assert_string_equal(code_at(d, "the shire", 20210505), "SHR");
    /* a primary phrase without a code shares the next record's codes */
    assert_string_equal(code_at(d, "un", 0), "IGORIV");
    assert_string_equal(code_at(d, "the council of elrond", 0), "IGORIV");
    const actor_entry *elrond = entry_of(d, "elrond");
    assert_string_equal(actor_dictionary_string(d, elrond->name), "Elrond Half-Elven");
    assert_int_equal(elrond->kind, DYAD_ACTOR_PERSON);
    assert_int_equal(entry_of(d, "arnor")->kind, DYAD_ACTOR_STATE);
    /* four bad date lines and an actor without a code, each with its line */
    assert_int_equal(report.problems, 5);
    assert_int_equal(report.messages[0].line, 22);
    assert_non_null(strstr(report.messages[0].message, "9912-991231"));
    assert_int_equal(report.messages[1].line, 23);
    assert_non_null(strstr(report.messages[1].message, "ends before it starts"));
    assert_int_equal(report.messages[2].line, 24);
    assert_int_equal(report.messages[3].line, 25);
    assert_int_equal(report.messages[4].line, 26);
    assert_non_null(strstr(report.messages[4].message, "NO_CODE_AT_ALL"));
    assert_string_equal(report.messages[4].file, "test.actors.txt");
    assert_int_equal(report.entries, 7);
    assert_int_equal(report.names, 12);
    /* the bad record keeps its good code */
    assert_string_equal(code_at(d, "bad dates", 0), "XXX");
    actor_load_report_free(&report);
    actor_dictionary_free(d);

    /* without a report the first bad line is an error naming it */
    actor_dictionary *strict = actor_dictionary_new();
    dyad_error error;
    assert_int_equal(actor_read_text(strict, "strict.actors.txt", petrarch_actors,
                                     strlen(petrarch_actors), ACTOR_FILE_PETRARCH_ACTORS, NULL,
                                     &error),
                     DYAD_ERR_FORMAT);
    assert_int_equal(error.line, 22);
    assert_string_equal(error.file, "strict.actors.txt");
    actor_dictionary_free(strict);
}

static void petrarch_stop_and_comment_blocks(void **state) {
    (void)state;
    const char text[] = "<!-- a comment\n"
                        "that goes on\n"
                        "BOGUS [BOG] -->\n"
                        "GONDOR [GON]\n"
                        "---STOP---\n"
                        "MORDOR [MOR]\n";
    actor_load_report report;
    actor_load_report_init(&report, 4);
    actor_dictionary *d = load("x.actors.txt", text, ACTOR_FILE_PETRARCH_ACTORS, &report, DYAD_OK);
    assert_non_null(lookup(d, "gondor"));
    assert_null(lookup(d, "bogus"));
    assert_null(lookup(d, "mordor"));
    assert_int_equal(report.problems, 0);
    actor_load_report_free(&report);
    actor_dictionary_free(d);
}

/* -------------------------------------------------------- PETRARCH agents */

static const char petrarch_agents[] =
    "!PERSON! = MAN, MEN, WOMAN, WOMEN\n"
    "PRESIDENT [~GOV]\n"
    "EMBASSY [~GOV]\n"
    "WITNESS [~CVL]\n"
    "SPOKESMAN [~GOV]\n"
    "POLICE {} [ ~COP]\n"
    "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]\n"
    "HUMAN_RIGHTS_BODY  [  NGO~]\n"
    "CONGRESS!PERSON! [~LEG]\n"
    "NO_CODE_HERE\n"
    "BROKEN {PLURAL [~XXX]\n"
    "!UNDEFINED!_THING [~XXX]\n";

static void petrarch_agents_plurals_and_markers(void **state) {
    (void)state;
    actor_load_report report;
    actor_load_report_init(&report, 8);
    actor_dictionary *d = load("test.agents.txt", petrarch_agents, ACTOR_FILE_UNKNOWN, &report,
                               DYAD_OK);
    const actor_agent *president = agent_of(d, "president");
    assert_string_equal(actor_dictionary_string(d, president->code), "GOV");
    assert_false(president->flags & AGENT_PREFIX);
    assert_true(agent_of(d, "presidents")->flags & AGENT_PLURAL);
    assert_non_null(lookup(d, "embassies"));
    assert_non_null(lookup(d, "witnesses"));
    assert_non_null(lookup(d, "spokesmen"));
    assert_null(lookup(d, "polices"));
    assert_string_equal(actor_dictionary_string(d, agent_of(d, "police")->code), "COP");
    assert_non_null(lookup(d, "attorneys general"));
    assert_null(lookup(d, "attorney generals"));
    const actor_agent *body = agent_of(d, "human rights body");
    assert_true(body->flags & AGENT_PREFIX);
    assert_string_equal(actor_dictionary_string(d, body->code), "NGO");
    assert_non_null(lookup(d, "congressman"));
    assert_non_null(lookup(d, "congresswomen"));
    assert_int_equal(report.problems, 3);
    assert_int_equal(report.messages[0].line, 10);
    assert_int_equal(report.messages[1].line, 11);
    assert_int_equal(report.messages[2].line, 12);
    assert_non_null(strstr(report.messages[2].message, "not defined"));
    /* PRESIDENT(S), EMBASSY/IES, WITNESS(ES), SPOKESMAN/MEN, POLICE,
     * ATTORNEY(S) GENERAL, HUMAN RIGHTS BODY/BODIES, four CONGRESS-x */
    assert_int_equal(report.agents, 17);
    actor_load_report_free(&report);
    actor_dictionary_free(d);
}

static void plurals(void **state) {
    (void)state;
    char out[64];
    const char *cases[][2] = {
        {"envoy", "envoys"},       {"embassy", "embassies"}, {"spokesman", "spokesmen"},
        {"human", "humans"},       {"witness", "witnesses"}, {"militia", "militias"},
        {"church", "churches"},    {"FOREIGN_MINISTER_", "FOREIGN_MINISTERS"},
        {"German", "Germans"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_true(actor_plural(cases[i][0], strlen(cases[i][0]), out, sizeof out) > 0);
        assert_string_equal(out, cases[i][1]);
    }
    assert_int_equal(actor_plural("x", 1, out, 3), 0);
}

/* ------------------------------------------------------------- discards */

static void discards_stems_and_stories(void **state) {
    (void)state;
    const char text[] = "+WORLD GOLF CHAMPIONSHIPS # a story discard\n"
                        "BASEBALL\n"
                        "MONTHS_LATER_\n";
    actor_load_report report;
    actor_load_report_init(&report, 4);
    actor_dictionary *d = load("test.discards.txt", text, ACTOR_FILE_UNKNOWN, &report, DYAD_OK);
    assert_int_equal(report.discards, 3);
    assert_true(actor_dictionary_has_discards(d));
    const char *golf[] = {"the", "world", "golf", "championships", "began"};
    assert_int_equal(actor_dictionary_discard_at(d, golf, 5, 0), 0);
    assert_int_equal(actor_dictionary_discard_at(d, golf, 5, 1), 0x100 | DISCARD_STORY);
    /* a stem matches the start of a word, an exact phrase only whole words */
    const char *baseball[] = {"baseballs"};
    assert_int_equal(actor_dictionary_discard_at(d, baseball, 1, 0), 0x100);
    const char *months[] = {"months", "laterally"};
    assert_int_equal(actor_dictionary_discard_at(d, months, 2, 0), 0);
    const char *months_exact[] = {"months", "later"};
    assert_int_equal(actor_dictionary_discard_at(d, months_exact, 2, 0),
                     0x100 | DISCARD_EXACT);
    actor_load_report_free(&report);
    actor_dictionary_free(d);
}

/* ---------------------------------------------------------------- ours */

static const char ours[] =
    "dyad-dictionary 1\n"
    "# records, continuation lines, dates\n"
    "state Gondor | Gondorian | GON => GON\n"
    "seat Minas Tirith => GONGOV\n"
    "person Aragorn Elessar | Aragorn | Strider\n"
    "    | Elessar\n"
    "    GONGOV 3019-03-25..\n"
    "    => GONREB ..3019-03-24\n"
    "    GONELI\n"
    "agent steward {stewards} | guard => ~GOV person\n"
    "agent hobbits {} => ~CVL plural\n"
    "agent official => ~GOV person bound\n"
    "agent envoy => ~GOV person abroad\n"
    "agent watch group => NGO~\n"
    "modifier senior\n"
    "common Shire Reckoning\n"
    "discard-story Longbottom Leaf\n";

static void our_format(void **state) {
    (void)state;
    actor_load_report report;
    actor_load_report_init(&report, 4);
    actor_dictionary *d = load("ours.txt", ours, ACTOR_FILE_UNKNOWN, &report, DYAD_OK);
    assert_int_equal(report.problems, 0);
    assert_int_equal(report.entries, 3);
    assert_string_equal(code_at(d, "Gondorian", 0), "GON");
    assert_string_equal(code_at(d, "Minas Tirith", 0), "GONGOV");
    assert_true(entry_of(d, "Minas Tirith")->flags & ENTRY_SEAT);
    assert_int_equal(entry_of(d, "Strider")->kind, DYAD_ACTOR_PERSON);
    assert_string_equal(code_at(d, "Elessar", 30190325), "GONGOV");
    assert_string_equal(code_at(d, "Aragorn", 30190324), "GONREB");
    assert_string_equal(code_at(d, "Aragorn", 0), "GONGOV");
    assert_string_equal(actor_dictionary_string(d, entry_of(d, "Aragorn")->name),
                        "Aragorn Elessar");
    const actor_agent *steward = agent_of(d, "steward");
    assert_true(steward->flags & AGENT_PERSON);
    assert_true(agent_of(d, "stewards")->flags & AGENT_PLURAL);
    assert_non_null(lookup(d, "guards"));
    assert_true(agent_of(d, "hobbits")->flags & AGENT_PLURAL);
    assert_null(lookup(d, "hobbitses"));
    assert_true(agent_of(d, "official")->flags & AGENT_BOUND);
    assert_true(agent_of(d, "envoys")->flags & AGENT_ABROAD);
    assert_true(agent_of(d, "watch group")->flags & AGENT_PREFIX);
    assert_int_equal(lookup(d, "senior")->type, PHRASE_MODIFIER);
    assert_int_equal(lookup(d, "shire reckoning")->type, PHRASE_COMMON);
    const char *leaf[] = {"longbottom", "leaf"};
    assert_int_equal(actor_dictionary_discard_at(d, leaf, 2, 0), 0x100 | DISCARD_STORY);
    /* names keep their case: "GON" must be in capitals, "Gondor" capitalised */
    const actor_phrase *acronym = lookup(d, "gon");
    assert_int_equal(actor_dictionary_phrase_cases(d, acronym)[0], CASE_UPPER);
    assert_int_equal(actor_dictionary_phrase_cases(d, lookup(d, "gondor"))[0], CASE_CAPITALISED);
    assert_int_equal(actor_dictionary_phrase_cases(d, lookup(d, "steward"))[0], CASE_ANY);
    actor_load_report_free(&report);
    actor_dictionary_free(d);
}

static void our_format_errors(void **state) {
    (void)state;
    const struct {
        const char *text;
        long line;
        const char *message;
    } cases[] = {
        {"dyad-dictionary 1\nstate Rohan => ROH\nnation Rohan => ROH\n", 3, "unknown record kind"},
        {"dyad-dictionary 1\nperson Theoden\n    ROHGOV 3019-13-01..\n", 3, "bad date range"},
        {"dyad-dictionary 1\nperson Theoden\n    ROHGOV 3019-03-01..3018-01-01\n", 3,
         "ends before"},
        {"dyad-dictionary 1\nperson Theoden\n\nstate Rohan => ROH\n", 2, "without a code"},
        {"dyad-dictionary 1\nagent rider => ~MIL 3019-01-01..\n", 2, "no dates"},
        {"dyad-dictionary 1\nagent rider => ~MIL fast\n", 2, "unknown agent flag"},
        {"dyad-dictionary 1\n    | orphan\n", 2, "outside a record"},
        {"dyad-dictionary 1\nstate Rohan || Riddermark => ROH\n", 2, "empty name"},
        {"dyad-dictionary 2\n", 1, "unsupported dictionary version"},
        {"state Rohan => ROH\n", 1, "not a dyad dictionary"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        actor_dictionary *d = actor_dictionary_new();
        dyad_error error;
        assert_int_equal(actor_read_text(d, "bad.txt", cases[i].text, strlen(cases[i].text),
                                         ACTOR_FILE_DYAD, NULL, &error),
                         DYAD_ERR_FORMAT);
        assert_int_equal(error.line, cases[i].line);
        assert_string_equal(error.file, "bad.txt");
        if (!strstr(error.message, cases[i].message))
            fail_msg("case %zu: '%s' lacks '%s'", i, error.message, cases[i].message);
        actor_dictionary_free(d);
    }
}

static void petrarch_case_rules(void **state) {
    (void)state;
    const char text[] = "UN_ [IGOUNO]\nTHE_UNITED_NATIONS [IGOUNO]\n";
    actor_dictionary *d = load("x.actors.txt", text, ACTOR_FILE_PETRARCH_ACTORS, NULL, DYAD_OK);
    /* a short name in a file written in capitals is an acronym */
    assert_int_equal(actor_dictionary_phrase_cases(d, lookup(d, "un"))[0], CASE_UPPER);
    const uint8_t *cases = actor_dictionary_phrase_cases(d, lookup(d, "the united nations"));
    assert_int_equal(cases[0], CASE_ANY);
    assert_int_equal(cases[1], CASE_CAPITALISED);
    actor_dictionary_free(d);
}

static void file_kinds(void **state) {
    (void)state;
    actor_dictionary *d = actor_dictionary_new();
    dyad_error error;
    /* the kind is read off the content, whatever the name says */
    static const char verbs[] = "--- GRANT  [070] ---\nGRANT\n- * AID [071]\n";
    assert_int_equal(actor_read_text(d, "x.actors.txt", verbs, sizeof verbs - 1, ACTOR_FILE_UNKNOWN,
                                     NULL, &error),
                     DYAD_ERR_USAGE);
    assert_int_equal(actor_read_file(d, "/nonexistent/x.actors.txt", ACTOR_FILE_UNKNOWN, NULL,
                                     &error),
                     DYAD_ERR_IO);
    actor_dictionary_free(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folding_and_shapes),
        cmocka_unit_test(petrarch_actor_records_and_dates),
        cmocka_unit_test(petrarch_stop_and_comment_blocks),
        cmocka_unit_test(petrarch_agents_plurals_and_markers),
        cmocka_unit_test(plurals),
        cmocka_unit_test(discards_stems_and_stories),
        cmocka_unit_test(our_format),
        cmocka_unit_test(our_format_errors),
        cmocka_unit_test(petrarch_case_rules),
        cmocka_unit_test(file_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
