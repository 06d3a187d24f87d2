/* Unit tests for text/tokenize: UD English (EWT) tokenization of our own
 * news-style sentences — clitics, abbreviations, numbers, hyphens,
 * punctuation, links — and the byte offsets of every token. */
#include "segment_helpers.h"
#include "text/characters.h"
#include "text/tokenize.h"

#include <stdbool.h>

typedef struct fixture {
    segment_resources *resources;
    dyad_arena *arena;
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    f->resources = load_segmenter();
    f->arena = dyad_arena_new();
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    segment_resources_free(f->resources);
    dyad_arena_free(f->arena);
    free(f);
    return 0;
}

/* The tokenizer's raw output for text, joined by '|'. */
static const char *tokenize(fixture *f, const char *text) {
    static char joined[4096];
    token_list tokens = {0};
    assert_int_equal(tokenize_range(segment_tokenizer(f->resources), text, 0, strlen(text),
                                    f->arena, &tokens),
                     DYAD_OK);
    size_t length = 0;
    joined[0] = '\0';
    for (size_t i = 0; i < tokens.count; i++) {
        const token_span *t = &tokens.items[i];
        /* every token is its span of the text, and joined means no space before */
        assert_true(t->start < t->end);
        if (i) assert_true(t->start >= tokens.items[i - 1].end);
        bool after_space = t->start == 0 ||
                           character_before(text, 0, t->start).kind == CHARACTER_SPACE;
        assert_int_equal(t->joined, !after_space);
        length += (size_t)snprintf(joined + length, sizeof joined - length, "%s%.*s", i ? "|" : "",
                                   (int)(t->end - t->start), text + t->start);
    }
    return joined;
}

static void clitics_are_split(void **state) {
    fixture *f = *state;
    assert_string_equal(tokenize(f, "Russia's envoy said the talks weren't over."),
                        "Russia|'s|envoy|said|the|talks|were|n't|over|.");
    assert_string_equal(tokenize(f, "We can't and won't accept it, I'm told; they're sure."),
                        "We|ca|n't|and|wo|n't|accept|it|,|I|'m|told|;|they|'re|sure|.");
    assert_string_equal(tokenize(f, "Kyiv’s allies don’t agree"), "Kyiv|’s|allies|do|n’t|agree");
    assert_string_equal(tokenize(f, "She'd said we'll see what they've done"),
                        "She|'d|said|we|'ll|see|what|they|'ve|done");
    /* "cannot" is two words; the 1990s' apostrophe stays */
    assert_string_equal(tokenize(f, "Moscow cannot win in the 1990's style"),
                        "Moscow|can|not|win|in|the|1990's|style");
    /* plural possessive and quotes */
    assert_string_equal(tokenize(f, "the ministers' meeting"), "the|ministers|'|meeting");
    assert_string_equal(tokenize(f, "O'Brien's plan"), "O'Brien|'s|plan");
}

static void abbreviations_and_initials_keep_their_stop(void **state) {
    fixture *f = *state;
    assert_string_equal(tokenize(f, "U.S. envoys met Gen. Ruiz and Lt. Col. Ortega on Feb. 3"),
                        "U.S.|envoys|met|Gen.|Ruiz|and|Lt.|Col.|Ortega|on|Feb.|3");
    assert_string_equal(tokenize(f, "J. D. Vance spoke to Mr. Smith, Dr. Lee and Sen. Warren"),
                        "J.|D.|Vance|spoke|to|Mr.|Smith|,|Dr.|Lee|and|Sen.|Warren");
    /* "No." is an abbreviation before a number only */
    assert_string_equal(tokenize(f, "at No. 10 Downing Street"), "at|No.|10|Downing|Street");
    assert_string_equal(tokenize(f, "He said No. Then he left"), "He|said|No|.|Then|he|left");
    /* case variants of a lower-case entry, and an ordinary word's stop */
    assert_string_equal(tokenize(f, "tanks, jets etc. and Etc. too."),
                        "tanks|,|jets|etc.|and|Etc.|too|.");
    assert_string_equal(tokenize(f, "at 10.30 a.m. on Monday, e.g. today"),
                        "at|10.30|a.m.|on|Monday|,|e.g.|today");
}

static void numbers_stay_whole(void **state) {
    fixture *f = *state;
    assert_string_equal(tokenize(f, "5,000 troops, 2.5% growth and $1.2bn in aid"),
                        "5,000|troops|,|2.5|%|growth|and|$|1.2|bn|in|aid");
    assert_string_equal(tokenize(f, "25,000-30,000 casualties"), "25,000|-|30,000|casualties");
    assert_string_equal(tokenize(f, "at 10:30 on 12/03/2025, a 35mm shell"),
                        "at|10:30|on|12/03/2025|,|a|35|mm|shell");
    assert_string_equal(tokenize(f, "the 23rd round in the 1990s, -0.5 points, £40m"),
                        "the|23rd|round|in|the|1990s|,|-0.5|points|,|£|40|m");
    assert_string_equal(tokenize(f, "call 713-654-0365 or 555-1234"), "call|713-654-0365|or|555-1234");
}

static void hyphens_follow_ewt(void **state) {
    fixture *f = *state;
    /* most compounds split; bound prefixes stay */
    assert_string_equal(tokenize(f, "a long-term, Russian-backed plan"),
                        "a|long|-|term|,|Russian|-|backed|plan");
    assert_string_equal(tokenize(f, "his re-election, an e-mail and non-stop anti-American talk"),
                        "his|re-election|,|an|e-mail|and|non-stop|anti-American|talk");
    assert_string_equal(tokenize(f, "a 15-year term"), "a|15|-|year|term");
}

static void punctuation_is_split(void **state) {
    fixture *f = *state;
    assert_string_equal(tokenize(f, "\"We will not,\" he said (again)."),
                        "\"|We|will|not|,|\"|he|said|(|again|)|.");
    assert_string_equal(tokenize(f, "“Unacceptable,” the aide said — twice…"),
                        "“|Unacceptable|,|”|the|aide|said|—|twice|…");
    assert_string_equal(tokenize(f, "Really?! Wait... no -- stop!!"),
                        "Really|?!|Wait|...|no|--|stop|!!");
    assert_string_equal(tokenize(f, "talks–which failed–ended"), "talks|–|which|failed|–|ended");
}

static void links_and_emoticons_stay_whole(void **state) {
    fixture *f = *state;
    assert_string_equal(tokenize(f, "See https://example.org/a_b?x=1&y=2."),
                        "See|https://example.org/a_b?x=1&y=2|.");
    assert_string_equal(tokenize(f, "(www.example.com) or press@example.org, please"),
                        "(|www.example.com|)|or|press@example.org|,|please");
    assert_string_equal(tokenize(f, "great :) #ceasefire @UN"), "great|:)|#ceasefire|@UN");
}

static void unicode_letters_and_spaces(void **state) {
    fixture *f = *state;
    /* accented letters are letters; a no-break space separates words */
    assert_string_equal(tokenize(f, "Zürich’s café in São Paulo"), "Zürich|’s|café|in|São|Paulo");
    assert_string_equal(tokenize(f, "50\xC2\xA0km away"), "50|km|away");
}

static void pathological_chunks_are_linear(void **state) {
    fixture *f = *state;
    /* a megabyte of alternating brackets, of letters and full stops, and
     * one endless word: each must come back quickly and cover the text */
    size_t n = 1 << 20;
    char *text = malloc(n + 1);
    const char *patterns[] = {"()", "a.", "x", ")a", "-'"};
    for (size_t p = 0; p < sizeof patterns / sizeof *patterns; p++) {
        size_t k = strlen(patterns[p]);
        for (size_t i = 0; i < n; i++) text[i] = patterns[p][i % k];
        text[n] = '\0';
        dyad_arena_reset(f->arena);
        token_list tokens = {0};
        assert_int_equal(tokenize_range(segment_tokenizer(f->resources), text, 0, n, f->arena,
                                        &tokens),
                         DYAD_OK);
        assert_true(tokens.count >= 1);
        assert_int_equal(tokens.items[0].start, 0);
        assert_int_equal(tokens.items[tokens.count - 1].end, n);
        for (size_t i = 1; i < tokens.count; i++)
            assert_int_equal(tokens.items[i].start, tokens.items[i - 1].end);
    }
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clitics_are_split),
        cmocka_unit_test(abbreviations_and_initials_keep_their_stop),
        cmocka_unit_test(numbers_stay_whole),
        cmocka_unit_test(hyphens_follow_ewt),
        cmocka_unit_test(punctuation_is_split),
        cmocka_unit_test(links_and_emoticons_stay_whole),
        cmocka_unit_test(unicode_letters_and_spaces),
        cmocka_unit_test(pathological_chunks_are_linear),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
