/* Unit tests for coder/verb_dictionary and its readers: our format
 * (strict: every bad line is an error naming file and line), the
 * field's TABARI and PETRARCH-2 formats (lenient: bad lines reported and
 * skipped), inflection, and the shared dictionaries when ../shared is
 * there. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coder/coder.h"
#include "coder/verb_dictionary.h"

static char *write_temp(const char *content) {
    char *path = malloc(256);
    snprintf(path, 256, "/tmp/dyad-verbs-XXXXXX.txt");
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
    close(fd);
    return path;
}

static bool form_means(const verb_dictionary *d, const char *form, const char *word) {
    word_id ids[8];
    size_t count = verb_dictionary_words_of(d, form, strlen(form), ids, 8);
    for (size_t i = 0; i < count; i++)
        if (strcmp(verb_dictionary_word_text(d, ids[i]), word) == 0) return true;
    return false;
}

static void inflection(void **state) {
    (void)state;
    verb_dictionary *d = verb_dictionary_new();
    assert_true(verb_dictionary_add_irregular(d, "hold", "held", "held"));
    assert_true(verb_dictionary_add_irregular(d, "crisis", "crises", NULL));
    const char *verbs[] = {"hold", "visit", "commit", "ban", "agree", "bury", "impose", "veto", "die"};
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
        assert_true(verb_dictionary_inflect(d, verb_dictionary_word(d, verbs[i]), INFLECT_VERB));
    assert_true(verb_dictionary_inflect(d, verb_dictionary_word(d, "crisis"), INFLECT_NOUN));
    assert_true(verb_dictionary_inflect(d, verb_dictionary_word(d, "talk"), INFLECT_NOUN));
    assert_true(form_means(d, "held", "hold"));
    assert_true(form_means(d, "holding", "hold"));
    assert_true(form_means(d, "holds", "hold"));
    assert_true(form_means(d, "visited", "visit"));
    assert_true(form_means(d, "committed", "commit"));
    assert_true(form_means(d, "banned", "ban"));
    assert_true(form_means(d, "agreed", "agree"));
    assert_true(form_means(d, "agreeing", "agree"));
    assert_true(form_means(d, "buried", "bury"));
    assert_true(form_means(d, "imposing", "impose"));
    assert_true(form_means(d, "vetoes", "veto"));
    assert_true(form_means(d, "dying", "die"));
    assert_true(form_means(d, "crises", "crisis"));
    assert_true(form_means(d, "talks", "talk"));
    assert_false(form_means(d, "holded", "hold"));
    verb_dictionary_free(d);
}

static void native_format(void **state) {
    (void)state;
    char *path = write_temp("# a small dictionary of our own\n"
                            "&talks = talk, negotiation, peace talk\n"
                            "[046 Engage in negotiation]\n"
                            "negotiate with + @mutual\n"
                            "hold &talks with +\n"
                            "[042:043 Make a visit]\n"
                            "visit|tour +\n"
                            "[040 Consult]\n"
                            "meeting between + @noun @mutual\n"
                            "[modal threat]\n"
                            "threaten\n");
    verb_dictionary *d = verb_dictionary_new();
    dyad_error error;
    assert_int_equal(verb_dictionary_read(d, path, true, &error), DYAD_OK);
    assert_int_equal(verb_dictionary_finish(d, &error), DYAD_OK);
    verb_dictionary_stats stats;
    verb_dictionary_get_stats(d, &stats);
    assert_int_equal(stats.patterns, 5);   /* visit|tour makes two */
    assert_int_equal(stats.problems, 0);
    /* "visited" finds the visit block, whose pattern has a reverse code */
    word_id ids[4];
    assert_int_equal(verb_dictionary_words_of(d, "visited", 7, ids, 4), 1);
    uint32_t anchor = verb_dictionary_first_anchor(d, ids[0]);
    assert_int_not_equal(anchor, NO_INDEX);
    const verb_block *block = verb_dictionary_get_block(d, verb_dictionary_anchor(d, anchor)->block);
    assert_int_equal(block->pattern_count, 1);
    const verb_pattern *pattern = verb_dictionary_pattern(d, block->patterns[0]);
    assert_string_equal(pattern->code, "042");
    assert_string_equal(pattern->reverse_code, "043");
    assert_true(pattern->flags & PATTERN_STRUCTURAL);
    /* the noun anchor */
    assert_int_equal(verb_dictionary_words_of(d, "meetings", 8, ids, 4), 1);
    anchor = verb_dictionary_first_anchor(d, ids[0]);
    assert_true(verb_dictionary_anchor(d, anchor)->noun);
    /* the modal class */
    assert_int_equal(verb_dictionary_words_of(d, "threatened", 10, ids, 4), 1);
    anchor = verb_dictionary_first_anchor(d, ids[0]);
    assert_int_equal(verb_dictionary_get_block(d, verb_dictionary_anchor(d, anchor)->block)->modal,
                     MODAL_THREAT);
    verb_dictionary_free(d);
    unlink(path);
    free(path);
}

/* Each malformed line of our format is an error naming file and line. */
static void native_errors_name_the_line(void **state) {
    (void)state;
    static const struct {
        const char *text;
        long line;
        const char *message;
    } cases[] = {
        {"[046 Talks]\nnegotiate with +\nnegotiate + @sometimes\n", 3, "unknown option"},
        {"# no section yet\nnegotiate with +\n", 2, "outside a section"},
        {"[999 Not a code]\nnegotiate\n", 1, "CAMEO code"},
        {"[046 Talks]\nhold &missing with +\n", 2, "before it is defined"},
        {"&talks = , ,\n", 1, "no members"},
        {"[modal whim]\nfancy\n", 1, "unknown modal class"},
        {"[modal threat]\nthreaten with +\n", 2, "bare verbs"},
        {"[046 Talks]\n+ negotiate\n", 2, "starts with its verb"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *path = write_temp(cases[i].text);
        verb_dictionary *d = verb_dictionary_new();
        dyad_error error;
        assert_int_equal(verb_native_read(d, path, true, &error), DYAD_ERR_MODEL);
        assert_string_equal(error.file, path);
        assert_int_equal(error.line, cases[i].line);
        if (!strstr(error.message, cases[i].message))
            fail_msg("case %zu: '%s' lacks '%s'", i, error.message, cases[i].message);
        /* read leniently, the same line is the first recorded problem (a
         * rejected section makes its patterns problems too) */
        verb_dictionary *lenient = verb_dictionary_new();
        assert_int_equal(verb_native_read(lenient, path, false, &error), DYAD_OK);
        size_t count;
        const dictionary_problem *problems = verb_dictionary_problems(lenient, &count);
        assert_true(count >= 1);
        assert_int_equal(problems[0].line, cases[i].line);
        verb_dictionary_free(lenient);
        verb_dictionary_free(d);
        unlink(path);
        free(path);
    }
}

static const pattern_element *elements_of(const verb_dictionary *d, const char *text,
                                          const verb_pattern **out) {
    verb_dictionary_stats stats;
    verb_dictionary_get_stats(d, &stats);
    for (uint32_t i = 0; i < stats.patterns; i++) {
        const verb_pattern *pattern = verb_dictionary_pattern(d, i);
        if (strstr(pattern->text, text)) {
            *out = pattern;
            return verb_dictionary_elements(d) + pattern->first_element;
        }
    }
    fail_msg("no pattern '%s'", text);
    return NULL;
}

static void tabari_format(void **state) {
    (void)state;
    char *path = write_temp("<!-- a TABARI-style file of our own -->\n"
                            "&TIES_\n"
                            "+RELATIONS\n"
                            "+DIPLOMATIC TIES\n"
                            "\n"
                            "--- SEVER [161] ---\n"
                            "SEVER\n"
                            "+BREAK_OFF {+BREAKS_OFF +BROKE_OFF +BROKEN_OFF +BREAKING_OFF}\n"
                            "WIRE_+TAP [1721]\n"
                            "- * &TIES WITH + [161]  # comment\n"
                            "- $ NOT_* + [124:125]\n"
                            "- % * {TALKS | PEACE TALKS} [164]\n"
                            "- * ^ FROM + [166]\n"
                            "- FAILED_TO_* [###]\n"
                            "- * NO CODE\n"
                            "- WORDS WITHOUT THE VERB [160]\n"
                            "--- BROKEN  ---\n"
                            "- * &UNDEFINED [160]\n");
    verb_dictionary *d = verb_dictionary_new();
    dyad_error error;
    assert_int_equal(verb_dictionary_read(d, path, false, &error), DYAD_OK);
    assert_int_equal(verb_dictionary_finish(d, &error), DYAD_OK);
    size_t count;
    const dictionary_problem *problems = verb_dictionary_problems(d, &count);
    assert_int_equal(count, 3);
    assert_int_equal(problems[0].line, 15);
    assert_int_equal(problems[1].line, 16);
    assert_int_equal(problems[2].line, 18);
    assert_non_null(strstr(problems[2].message, "&UNDEFINED"));
    /* multi-word verbs: "broke off" and "wire tap" */
    word_id ids[4];
    assert_int_equal(verb_dictionary_words_of(d, "broke", 5, ids, 4), 1);
    const verb_anchor *anchor = verb_dictionary_anchor(d, verb_dictionary_first_anchor(d, ids[0]));
    assert_int_equal(anchor->after_count, 1);
    assert_string_equal(verb_dictionary_word_text(d, verb_dictionary_phrase_words(d)[anchor->first_extra]), "off");
    assert_true(verb_dictionary_words_of(d, "tapped", 6, ids, 4) >= 1);
    anchor = verb_dictionary_anchor(d, verb_dictionary_first_anchor(d, ids[0]));
    assert_int_equal(anchor->before_count, 1);
    assert_string_equal(anchor->code, "1721");
    /* patterns and their elements */
    const verb_pattern *pattern = NULL;
    const pattern_element *e = elements_of(d, "$ NOT_*", &pattern);
    assert_int_equal(pattern->before_count, 2);
    assert_int_equal(pattern->after_count, 1);
    assert_string_equal(pattern->code, "124");
    assert_string_equal(pattern->reverse_code, "125");
    assert_int_equal(e[0].kind, ELEMENT_SOURCE);
    assert_false(e[0].adjacent);
    assert_int_equal(e[1].kind, ELEMENT_WORD);
    assert_true(e[1].adjacent);            /* NOT_* */
    assert_int_equal(e[2].kind, ELEMENT_TARGET);
    e = elements_of(d, "{TALKS", &pattern);
    assert_int_equal(e[0].kind, ELEMENT_COMPOUND);
    assert_int_equal(e[1].kind, ELEMENT_SET);
    assert_int_equal(verb_dictionary_set(d, e[1].value)->member_count, 2);
    e = elements_of(d, "* ^ FROM", &pattern);
    assert_int_equal(e[0].kind, ELEMENT_SKIP);
    e = elements_of(d, "&TIES WITH", &pattern);
    assert_int_equal(e[0].kind, ELEMENT_SET);
    /* a synset ending in '_' has no plurals */
    assert_false(form_means(d, "relationses", "relations"));
    verb_dictionary_free(d);
    unlink(path);
    free(path);
}

static void petrarch2_format(void **state) {
    (void)state;
    char *path = write_temp("####### SYNONYM SETS #######\n"
                            "&WEAPON\n"
                            "+MISSILE\n"
                            "+ROCKET\n"
                            "\n"
                            "####### VERB PATTERNS #######\n"
                            "---  FIRE_UPON   [190]  ---\n"
                            "FIRE {FIRES FIRED FIRING}\n"
                            "LAUNCH \n"
                            "- * &WEAPON (AT +)            [195]  # LAUNCH\n"
                            "- * {WARNING SHOT} (AT +)     [150]\n"
                            "- * (IN BOMBING/SHELLING) [183]\n"
                            "- * (AT +                     [190]\n"
                            "---  SAY   [---]  ---\n"
                            "SAY  {SAYS SAID SAYING}\n"
                            "######## TRANSFORMATIONS ##########\n"
                            "~ a (a b FIRE) SAY = a b 015\n"
                            "~ a (b FIRE) SAY = a b 112\n");
    verb_dictionary *d = verb_dictionary_new();
    dyad_error error;
    char head[64];
    FILE *probe = fopen(path, "r");
    assert_non_null(fgets(head, sizeof head, probe));
    fclose(probe);
    assert_int_equal(verb_dictionary_read(d, path, false, &error), DYAD_OK);
    assert_int_equal(verb_dictionary_finish(d, &error), DYAD_OK);
    size_t count;
    const dictionary_problem *problems = verb_dictionary_problems(d, &count);
    assert_int_equal(count, 2);
    assert_int_equal(problems[0].line, 13);   /* unbalanced ( */
    assert_int_equal(problems[1].line, 18);   /* transformation without a target slot */
    const verb_pattern *pattern = NULL;
    const pattern_element *e = elements_of(d, "&WEAPON (AT +)", &pattern);
    assert_int_equal(pattern->after_count, 3);
    assert_int_equal(e[0].kind, ELEMENT_SET);
    assert_int_equal(e[1].kind, ELEMENT_WORD);
    assert_string_equal(verb_dictionary_word_text(d, e[1].value), "at");
    assert_int_equal(e[2].kind, ELEMENT_TARGET);
    e = elements_of(d, "BOMBING/SHELLING", &pattern);
    assert_int_equal(e[1].kind, ELEMENT_SET);
    assert_int_equal(verb_dictionary_set(d, e[1].value)->member_count, 2);
    size_t rules;
    const transformation *t = verb_dictionary_transformations(d, &rules);
    assert_int_equal(rules, 1);
    assert_int_equal(t[0].inner_source, 'a');
    assert_string_equal(t[0].result_code, "015");
    assert_int_not_equal(t[0].outer_block, NO_INDEX);
    assert_int_not_equal(t[0].inner_block, NO_INDEX);
    verb_dictionary_free(d);
    unlink(path);
    free(path);
}

static void format_detection(void **state) {
    (void)state;
    const char native[] = "[046 Talks]\nnegotiate with +\n";
    const char tabari[] = "--- MEET [040] ---\nMEET\n- * WITH + [040]\n";
    const char petrarch2[] = "--- MEET [040] ---\nMEET\n- * (WITH +) [040]\n";
    const char neither[] = "just some text\n";
    assert_int_equal(verb_format_detect(native, sizeof native - 1), VERB_FORMAT_NATIVE);
    assert_int_equal(verb_format_detect(tabari, sizeof tabari - 1), VERB_FORMAT_TABARI);
    assert_int_equal(verb_format_detect(petrarch2, sizeof petrarch2 - 1), VERB_FORMAT_PETRARCH2);
    assert_int_equal(verb_format_detect(neither, sizeof neither - 1), VERB_FORMAT_UNKNOWN);
    char *path = write_temp(neither);
    verb_dictionary *d = verb_dictionary_new();
    dyad_error error;
    assert_int_equal(verb_dictionary_read(d, path, false, &error), DYAD_ERR_MODEL);
    assert_string_equal(error.file, path);
    verb_dictionary_free(d);
    unlink(path);
    free(path);
}

/* Our default dictionary: large, every root covered, codes all valid
 * (coder_resources_load checks them against the codebook). */
static void default_dictionary(void **state) {
    (void)state;
    const char *root = getenv("DYAD_SOURCE_ROOT");
    char data[4096];
    snprintf(data, sizeof data, "%s/data", root ? root : ".");
    coder_resources *resources;
    dyad_error error;
    assert_int_equal(coder_resources_load(data, NULL, &resources, &error), DYAD_OK);
    const verb_dictionary *d = coder_resources_verbs(resources);
    verb_dictionary_stats stats;
    verb_dictionary_get_stats(d, &stats);
    assert_true(stats.patterns >= 1500);
    assert_int_equal(stats.problems, 0);
    size_t per_root[21] = {0};
    for (uint32_t i = 0; i < stats.patterns; i++) {
        const verb_pattern *pattern = verb_dictionary_pattern(d, i);
        if (cameo_code_is_wellformed(pattern->code))
            per_root[(pattern->code[0] - '0') * 10 + (pattern->code[1] - '0')]++;
    }
    for (int r = 1; r <= 20; r++)
        if (per_root[r] < 20) fail_msg("root %02d has only %zu patterns", r, per_root[r]);
    coder_resources_free(resources);
}

static const char *shared_dir(void) {
    static char path[4096];
    const char *shared = getenv("DYAD_SHARED");
    const char *root = getenv("DYAD_SOURCE_ROOT");
    if (shared) snprintf(path, sizeof path, "%s", shared);
    else snprintf(path, sizeof path, "%s/../shared", root ? root : ".");
    return path;
}

/* Counts the lines of a field dictionary that hold patterns ("- ..."). */
static size_t pattern_lines(const char *path) {
    FILE *in = fopen(path, "r");
    if (!in) return 0;
    char line[4096];
    size_t count = 0;
    while (fgets(line, sizeof line, in))
        if (line[0] == '-' && strncmp(line, "---", 3) != 0) count++;
    fclose(in);
    return count;
}

static void shared_dictionaries(void **state) {
    (void)state;
    const char *files[] = {"PETR.Validate.verbs.txt", "CAMEO.2.0.txt"};
    char path[4096];
    int written = snprintf(path, sizeof path, "%s/data/petrarch/%s", shared_dir(), files[0]);
    assert_true(written > 0 && (size_t)written < sizeof path);
    if (access(path, R_OK) != 0) {
        print_message("skipped: %s not found (set DYAD_SHARED)\n", path);
        skip();
    }
    for (size_t f = 0; f < 2; f++) {
        written = snprintf(path, sizeof path, "%s/data/petrarch/%s", shared_dir(), files[f]);
        assert_true(written > 0 && (size_t)written < sizeof path);
        verb_dictionary *d = verb_dictionary_new();
        dyad_error error;
        assert_int_equal(verb_dictionary_read(d, path, false, &error), DYAD_OK);
        assert_int_equal(verb_dictionary_finish(d, &error), DYAD_OK);
        verb_dictionary_stats stats;
        verb_dictionary_get_stats(d, &stats);
        size_t problems;
        const dictionary_problem *list = verb_dictionary_problems(d, &problems);
        /* every pattern line loads or is reported with its line */
        size_t pattern_problems = 0;
        for (size_t i = 0; i < problems; i++) {
            assert_string_equal(list[i].file, path);
            assert_true(list[i].line > 0);
            pattern_problems++;
        }
        assert_int_equal(stats.patterns + pattern_problems, pattern_lines(path));
        if (f == 0) {
            assert_int_equal(problems, 0);
            assert_true(stats.sets >= 10);
        } else {
            assert_int_equal(problems, 4);
            assert_int_equal(list[0].line, 2374);
            assert_int_equal(list[1].line, 7606);
            assert_int_equal(stats.transformations, 8);
            assert_true(stats.anchors > 1500);
        }
        verb_dictionary_free(d);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inflection),
        cmocka_unit_test(native_format),
        cmocka_unit_test(native_errors_name_the_line),
        cmocka_unit_test(tabari_format),
        cmocka_unit_test(petrarch2_format),
        cmocka_unit_test(format_detection),
        cmocka_unit_test(default_dictionary),
        cmocka_unit_test(shared_dictionaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
