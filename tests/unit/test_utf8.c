/* Unit tests for util/utf8: decoding per Unicode Table 3-7, the
 * replacement of ill-formed input with U+FFFD at the right offsets, and
 * the folding the tagger's and clusters' lexicons key words by. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/arena.h"
#include "util/utf8.h"

static void valid_text_is_copied_unchanged(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    const char *text = "Kyiv — Київ, “quoted” 😀";
    size_t length, replacements;
    char *copy = utf8_sanitize(arena, text, strlen(text), &length, NULL, 0, &replacements);
    assert_string_equal(copy, text);
    assert_int_equal(replacements, 0);
    assert_true(utf8_is_valid(text, strlen(text)));
    dyad_arena_free(arena);
}

static void ill_formed_sequences_are_replaced_with_offsets(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    /* stray continuation byte at 1; truncated 3-byte sequence at 4 (E2 80
     * then 'x'): one replacement for the maximal subpart; surrogate ED A0
     * 80 at 7 is three ill-formed bytes (ED cannot take A0) */
    const char text[] = "a\x80" "bc\xE2\x80x\xED\xA0\x80z";
    size_t length, replacements;
    long long offsets[8];
    char *copy = utf8_sanitize(arena, text, sizeof text - 1, &length, offsets, 8, &replacements);
    assert_string_equal(copy, "a\xEF\xBF\xBD" "bc\xEF\xBF\xBDx\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz");
    assert_int_equal(replacements, 5);
    assert_int_equal(offsets[0], 1);
    assert_int_equal(offsets[1], 4);
    assert_int_equal(offsets[2], 7);
    assert_true(utf8_is_valid(copy, length));
    dyad_arena_free(arena);
}

static void nul_and_truncated_end_are_replaced(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    const char text[] = "ab\0c\xF0\x9F\x98";
    size_t length, replacements;
    long long offsets[4];
    char *copy = utf8_sanitize(arena, text, sizeof text - 1, &length, offsets, 4, &replacements);
    assert_int_equal(replacements, 2);
    assert_int_equal(offsets[0], 2);
    assert_int_equal(offsets[1], 4);
    assert_string_equal(copy, "ab\xEF\xBF\xBD" "c\xEF\xBF\xBD");
    dyad_arena_free(arena);
}

static void decode_rejects_overlongs(void **state) {
    (void)state;
    int32_t cp;
    assert_int_equal(utf8_decode((const unsigned char *)"\xC0\xAF", 2, &cp), 0);
    assert_int_equal(utf8_decode((const unsigned char *)"\xE0\x80\xAF", 3, &cp), 0);
    assert_int_equal(utf8_decode((const unsigned char *)"\xF4\x90\x80\x80", 4, &cp), 0);
    assert_int_equal(utf8_decode((const unsigned char *)"\xE2\x80\x94", 3, &cp), 3);
    assert_int_equal(cp, 0x2014);
    char out[4];
    assert_int_equal(utf8_encode(0x1F600, out), 4);
    assert_memory_equal(out, "\xF0\x9F\x98\x80", 4);
}

static void word_folding_lowercases_and_zeroes_digits(void **state) {
    (void)state;
    assert_int_equal(utf8_fold_word_codepoint('K'), 'k');
    assert_int_equal(utf8_fold_word_codepoint('k'), 'k');
    assert_int_equal(utf8_fold_word_codepoint('7'), '0');
    assert_int_equal(utf8_fold_word_codepoint('-'), '-');
    assert_int_equal(utf8_fold_word_codepoint(0x0419), 0x0439);  /* Cyrillic Й -> й */
    assert_int_equal(utf8_fold_word_codepoint(0x00C9), 0x00E9);  /* É -> é */
    assert_int_equal(utf8_fold_word_codepoint(0x0663), '0');     /* Arabic-Indic three */
    assert_int_equal(utf8_fold_word_codepoint(0x212A), 'k');     /* the Kelvin sign */
    assert_int_equal(utf8_fold_word_codepoint(0x00B2), 0x00B2);  /* superscript two: No, not Nd */
    assert_int_equal(utf8_fold_word_codepoint(0x2014), 0x2014);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_text_is_copied_unchanged),
        cmocka_unit_test(ill_formed_sequences_are_replaced_with_offsets),
        cmocka_unit_test(nul_and_truncated_end_are_replaced),
        cmocka_unit_test(decode_rejects_overlongs),
        cmocka_unit_test(word_folding_lowercases_and_zeroes_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
