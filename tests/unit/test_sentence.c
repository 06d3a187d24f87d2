/* Unit tests for text/segment and text/sentence: where sentences end in
 * our own news-style paragraphs (abbreviations, initials, numbers,
 * quotations, ellipses, bullets, headings), the limit on sentence length,
 * and the offsets of what comes out. */
#include "segment_helpers.h"

#include <stdbool.h>
#include <time.h>
#include <unistd.h>

typedef struct fixture {
    segment_resources *resources;
    segment_resources *rules;      /* no model: the rule fallback */
    dyad_arena *arena;
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    f->resources = load_segmenter();
    dyad_error error;
    assert_int_equal(segment_resources_load_model(data_directory(), "", &f->rules, &error), DYAD_OK);
    f->arena = dyad_arena_new();
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    segment_resources_free(f->resources);
    segment_resources_free(f->rules);
    dyad_arena_free(f->arena);
    free(f);
    return 0;
}

/* Segments text with the model and with the rules; both must agree with
 * the expected sentences (a NULL-terminated list of texts). */
static void expect_sentences(fixture *f, const char *text, const char *const *expected) {
    const segment_resources *both[] = {f->resources, f->rules};
    for (size_t r = 0; r < 2; r++) {
        dyad_arena_reset(f->arena);
        dyad_document *d = segment_text(both[r], f->arena, text, NULL);
        assert_offsets_consistent(d);
        size_t count = 0;
        while (expected[count]) count++;
        if (d->sentence_count != count)
            for (size_t s = 0; s < d->sentence_count; s++)
                fprintf(stderr, "%s sentence %zu: %s\n", r ? "rules" : "model", s,
                        sentence_text(d, s));
        assert_int_equal(d->sentence_count, count);
        for (size_t s = 0; s < count; s++) assert_string_equal(sentence_text(d, s), expected[s]);
    }
}

static void abbreviations_titles_and_initials(void **state) {
    fixture *f = *state;
    expect_sentences(f,
                     "Gen. Ruiz met U.S. envoys in Kyiv on Feb. 3. Lt. Col. Ortega and "
                     "J. D. Vance were also there. Dr. Lee left early.",
                     (const char *const[]){"Gen. Ruiz met U.S. envoys in Kyiv on Feb. 3.",
                                           "Lt. Col. Ortega and J. D. Vance were also there.",
                                           "Dr. Lee left early.", NULL});
    expect_sentences(f,
                     "Sen. Warren spoke to Mr. Smith at No. 10 Downing Street. The talks "
                     "lasted three hours.",
                     (const char *const[]){"Sen. Warren spoke to Mr. Smith at No. 10 Downing Street.",
                                           "The talks lasted three hours.", NULL});
}

static void numbers_and_times(void **state) {
    fixture *f = *state;
    expect_sentences(f,
                     "Exports fell 2.5% to $1.2bn, with 5,000 jobs lost. The meeting began at "
                     "10.30 a.m. and ended at noon.",
                     (const char *const[]){"Exports fell 2.5% to $1.2bn, with 5,000 jobs lost.",
                                           "The meeting began at 10.30 a.m. and ended at noon.",
                                           NULL});
}

static void quotations(void **state) {
    fixture *f = *state;
    /* the closing quote after the full stop belongs to the sentence */
    expect_sentences(f,
                     "The aide said: \"The proposal is unacceptable.\" Talks will resume on "
                     "Monday.",
                     (const char *const[]){"The aide said: \"The proposal is unacceptable.\"",
                                           "Talks will resume on Monday.", NULL});
    /* a quote ending in a comma runs on into its attribution */
    expect_sentences(f,
                     "“We will not give up our land,” the president said. “Never.”",
                     (const char *const[]){"“We will not give up our land,” the president said.",
                                           "“Never.”", NULL});
    expect_sentences(f,
                     "“Is this a deal?” she asked. Nobody answered.",
                     (const char *const[]){"“Is this a deal?” she asked.", "Nobody answered.",
                                           NULL});
}

static void ellipses_and_urls(void **state) {
    fixture *f = *state;
    expect_sentences(f,
                     "The minister paused... then continued. Details are at "
                     "https://example.org/report.html. Questions go to press@example.org.",
                     (const char *const[]){"The minister paused... then continued.",
                                           "Details are at https://example.org/report.html.",
                                           "Questions go to press@example.org.", NULL});
}

static void paragraphs_and_bullets(void **state) {
    fixture *f = *state;
    /* a paragraph break always ends a sentence, punctuation or not */
    expect_sentences(f, "Ceasefire talks resume in Cairo\n\nDelegations arrived on Sunday.",
                     (const char *const[]){"Ceasefire talks resume in Cairo",
                                           "Delegations arrived on Sunday.", NULL});
    /* so do list items at the start of a line */
    expect_sentences(f, "The plan:\n- a ceasefire\n- prisoner swaps\n1. talks\n2) aid",
                     (const char *const[]){"The plan:", "- a ceasefire", "- prisoner swaps",
                                           "1. talks", "2) aid", NULL});
    /* bullets start sentences even inside a paragraph */
    expect_sentences(f, "The plan has three parts: • a ceasefire • prisoner swaps • elections",
                     (const char *const[]){"The plan has three parts:", "• a ceasefire",
                                           "• prisoner swaps", "• elections", NULL});
}

static void headings_are_one_sentence(void **state) {
    fixture *f = *state;
    static const int headings[] = {0, -1};
    dyad_document *d = segment_text(f->resources, f->arena,
                                    "Talks end. No deal. Envoys leave\n\nThe envoys left Moscow.",
                                    headings);
    assert_offsets_consistent(d);
    assert_int_equal(d->sentence_count, 2);
    assert_true(d->sentences[0].heading);
    assert_string_equal(sentence_text(d, 0), "Talks end. No deal. Envoys leave");
    assert_int_equal(d->sentences[0].paragraph, 0);
    assert_false(d->sentences[1].heading);
    assert_int_equal(d->sentences[1].paragraph, 1);
    assert_int_equal(d->sentences[1].index, 1);
}

static void final_abbreviation_gives_its_stop_to_the_sentence(void **state) {
    fixture *f = *state;
    dyad_document *d = segment_text(f->resources, f->arena,
                                     "The contract went to Acme Corp. The deal closed in May.",
                                     NULL);
    assert_offsets_consistent(d);
    assert_int_equal(d->sentence_count, 2);
    assert_string_equal(sentence_tokens(d, 0), "The|contract|went|to|Acme|Corp|.");
    const dyad_token *stop = &d->sentences[0].tokens[6];
    assert_true(stop->joined);
    assert_true(stop->space_after);
    assert_false(d->sentences[0].tokens[5].space_after);
    assert_string_equal(sentence_tokens(d, 1), "The|deal|closed|in|May|.");
}

static void tokens_of_a_sentence(void **state) {
    fixture *f = *state;
    dyad_document *d = segment_text(f->resources, f->arena,
                                    "Russia's envoy didn't sign the U.S.-drafted text.", NULL);
    assert_offsets_consistent(d);
    assert_int_equal(d->sentence_count, 1);
    assert_string_equal(sentence_tokens(d, 0), "Russia|'s|envoy|did|n't|sign|the|U.S.|-|drafted|text|.");
    assert_false(d->sentences[0].tokens[0].joined);
    assert_true(d->sentences[0].tokens[1].joined);
    assert_false(d->sentences[0].tokens[0].space_after);
    assert_true(d->sentences[0].tokens[1].space_after);
}

static void long_sentences_are_cut(void **state) {
    fixture *f = *state;
    /* 200,000 words and no full stop: cut into sentences of at most
     * SENTENCE_MAX_TOKENS tokens, at a comma when one is near the limit,
     * in linear time */
    size_t words = 200000;
    char *text = malloc(words * 8 + 1);
    size_t length = 0;
    for (size_t i = 0; i < words; i++)
        length += (size_t)sprintf(text + length, i % 450 == 449 ? "word, " : "word ");
    text[length - 1] = '\0';
    dyad_arena_reset(f->arena);
    clock_t started = clock();
    dyad_document *d = segment_text(f->resources, f->arena, text, NULL);
    double seconds = (double)(clock() - started) / CLOCKS_PER_SEC;
    assert_true(seconds < 30); /* generous: valgrind runs this too */
    size_t tokens = 0;
    for (size_t s = 0; s < d->sentence_count; s++) {
        const dyad_sentence *sentence = &d->sentences[s];
        assert_true(sentence->token_count <= SENTENCE_MAX_TOKENS);
        tokens += sentence->token_count;
        /* every cut but the last is at the comma after 450 words */
        if (s + 1 < d->sentence_count) {
            assert_string_equal(sentence->tokens[sentence->token_count - 1].text, ",");
        }
    }
    assert_int_equal(tokens, words + words / 450);
    assert_int_equal(d->sentence_count, words / 450 + 1);
    /* with no comma at all the cut falls at the limit */
    for (size_t i = 0; i < length; i++)
        if (text[i] == ',') text[i] = ' ';
    dyad_arena_reset(f->arena);
    d = segment_text(f->resources, f->arena, text, NULL);
    assert_int_equal(d->sentences[0].token_count, SENTENCE_MAX_TOKENS);
    assert_offsets_consistent(d);
    free(text);
}

static void empty_and_blank_paragraphs(void **state) {
    fixture *f = *state;
    dyad_document *d = segment_text(f->resources, f->arena, "", NULL);
    assert_int_equal(d->sentence_count, 0);
    d = segment_text(f->resources, f->arena, "   \n\nOne.", NULL);
    assert_int_equal(d->sentence_count, 1);
    assert_string_equal(sentence_text(d, 0), "One.");
}

static void a_bad_model_is_refused(void **state) {
    (void)state;
    char path[] = "/tmp/dyad-test-modelXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "DYADMODL not really", 19), 19);
    close(fd);
    segment_resources *resources = NULL;
    dyad_error error;
    assert_int_equal(segment_resources_load_model(data_directory(), path, &resources, &error),
                     DYAD_ERR_MODEL);
    assert_null(resources);
    assert_string_equal(error.file, path);
    unlink(path);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(abbreviations_titles_and_initials),
        cmocka_unit_test(numbers_and_times),
        cmocka_unit_test(quotations),
        cmocka_unit_test(ellipses_and_urls),
        cmocka_unit_test(paragraphs_and_bullets),
        cmocka_unit_test(headings_are_one_sentence),
        cmocka_unit_test(final_abbreviation_gives_its_stop_to_the_sentence),
        cmocka_unit_test(tokens_of_a_sentence),
        cmocka_unit_test(long_sentences_are_cut),
        cmocka_unit_test(empty_and_blank_paragraphs),
        cmocka_unit_test(a_bad_model_is_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
