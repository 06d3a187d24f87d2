/*
 * lexical.h — the small pieces of text handling every cleaning rule shares:
 * folding a line into a lookup key, walking words, telling letter case.
 *
 * The rules compare lines against phrase lists written in lower case
 * (data/clean/).  Rather than compare case-insensitively everywhere, a
 * candidate line is folded once into a key: ASCII lower case, runs of
 * white space as one space, runs of digits as one '#' (so "5 min read" and
 * "12 min read" are one phrase, "# min read").  Non-ASCII bytes pass
 * through unchanged, which is enough for English furniture phrases and
 * keeps folding a byte loop.  Letter case for titles and names goes
 * through utf8proc, so "ŁÓDŹ" is upper case and "Žilina" is capitalised.
 */
#ifndef DYAD_CLEAN_LEXICAL_H
#define DYAD_CLEAN_LEXICAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest key the rules ever fold: a line longer than this is never page
 * furniture matched by phrase. */
enum { LEXICAL_MAX_KEY = 512 };

/* Folds text[0..length) into key (LEXICAL_MAX_KEY bytes), trimming white
 * space at both ends.  Returns the key length, or 0 when the text is
 * empty or too long to be a key. */
size_t lexical_fold(const char *text, size_t length, char *key);

/* A word: a maximal run of bytes that are not white space. */
typedef struct lexical_word {
    const char *text;
    size_t length;
} lexical_word;

/* Next word at or after *position in text[0..length); false at the end. */
bool lexical_next_word(const char *text, size_t length, size_t *position, lexical_word *word);

/* The word with punctuation stripped from both ends (quotes, brackets,
 * commas, full stops...); may become empty. */
lexical_word lexical_strip_punctuation(lexical_word word);

/* The first code point of text (U+FFFD if none). */
int32_t lexical_first_codepoint(const char *text, size_t length);
/* The last code point of text and, in *start, where it begins. */
int32_t lexical_last_codepoint(const char *text, size_t length, size_t *start);

bool lexical_is_upper(int32_t codepoint);
bool lexical_is_lower(int32_t codepoint);
bool lexical_is_letter(int32_t codepoint);
bool lexical_is_digit(int32_t codepoint);

/* At least two letters and none of them lower case ("NATO", "GAZA CITY"). */
bool lexical_is_all_caps(const char *text, size_t length);

/* Ends with . ! ? (or their CJK forms) or an ellipsis, possibly followed
 * by closing quotes or brackets: the end of a sentence. */
bool lexical_ends_sentence(const char *text, size_t length);

/* Byte-wise ASCII case-insensitive prefix test: does text start with
 * prefix (lower case) at a word boundary? */
bool lexical_starts_with_word(const char *text, size_t length, const char *prefix,
                              size_t prefix_length);

/* Skips spaces from *position. */
void lexical_skip_spaces(const char *text, size_t length, size_t *position);

/* True for the quotation marks dyad recognises (ASCII and typographic). */
bool lexical_has_quotation_mark(const char *text, size_t length);

#endif
