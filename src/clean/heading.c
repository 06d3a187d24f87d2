/*
 * heading.c — see heading.h.
 */
#include "heading.h"
#include "lexical.h"

#include <string.h>

enum {
    MAX_SUBHEADING_BYTES = 120,
    MAX_SUBHEADING_WORDS = 12,
    MAX_SENTENCE_CASE_WORDS = 8,   /* "What we know so far"; longer reads as prose */
    MAX_HEADLINE_BYTES = 200,
    MAX_HEADLINE_WORDS = 25,
};

static bool is_opening_quote(int32_t codepoint) {
    return codepoint == '"' || codepoint == '\'' || codepoint == 0x201C || codepoint == 0x2018 ||
           codepoint == 0x00AB;
}

/* Does a sentence end after `word`, given the word that follows?  "?" and
 * "!" always end one; a full stop only after a word that is no
 * abbreviation or initial ("advertiser. All", not "Gen. Hale", "U.S. Envoy",
 * "Nov. 19"). */
static bool ends_a_sentence(lexical_word word, lexical_word next) {
    int32_t initial = lexical_first_codepoint(next.text, next.length);
    if (!lexical_is_upper(initial) && !is_opening_quote(initial)) return false;
    char last = word.text[word.length - 1];
    if (last == '?' || last == '!') return true;
    if (last != '.') return false;
    lexical_word bare = lexical_strip_punctuation(word);
    if (!bare.length || memchr(bare.text, '.', bare.length)) return false;
    int32_t first = lexical_first_codepoint(bare.text, bare.length);
    return bare.length > 4 || lexical_is_lower(first);
}

void heading_measure(const clean_patterns *patterns, const char *text, size_t length,
                     heading_shape *shape) {
    *shape = (heading_shape){0};
    int32_t first = lexical_first_codepoint(text, length);
    shape->starts_well = lexical_is_letter(first) || lexical_is_digit(first) ||
                         is_opening_quote(first);
    size_t last_start;
    int32_t last = lexical_last_codepoint(text, length, &last_start);
    shape->sentence_end = last == '.' || last == ',' || last == ';' || last == ':' ||
                          last == 0x2026 || lexical_ends_sentence(text, length);
    shape->question = last == '?' || last == '!';
    if (shape->question) shape->sentence_end = false;
    shape->dangling = last == '-' || last == 0x2013 || last == 0x2014 || last == ',';
    shape->all_caps = lexical_is_all_caps(text, length);

    size_t position = 0, lower = 0, capitals = 0;
    lexical_word word, last_word = {0}, previous = {0};
    bool first_word = true;
    while (lexical_next_word(text, length, &position, &word)) {
        shape->words++;
        if (previous.length && ends_a_sentence(previous, word)) shape->two_sentences = true;
        previous = word;
        lexical_word bare = lexical_strip_punctuation(word);
        if (!bare.length) continue;
        last_word = bare;
        int32_t initial = lexical_first_codepoint(bare.text, bare.length);
        if (first_word) {
            shape->capitalised = lexical_is_upper(initial) || lexical_is_digit(initial);
            first_word = false;
        }
        if (lexical_is_upper(initial)) {
            capitals++;
        } else if (lexical_is_lower(initial)) {
            /* once one word breaks Title Case the rest need no lookup */
            if (lower || shape->words == 1 ||
                phrase_table_find_text(&patterns->minor_words, bare.text, bare.length) < 0)
                lower++;
        }
        if (shape->words > MAX_HEADLINE_WORDS) break;   /* too long for any heading */
    }
    shape->title_case = capitals > 0 && lower == 0;
    if (last_word.length && !shape->all_caps && shape->words > 1 &&
        phrase_table_find_text(&patterns->minor_words, last_word.text, last_word.length) >= 0)
        shape->dangling = true;
}

bool heading_is_subheading(const heading_shape *shape, size_t length) {
    if (!shape->starts_well || shape->sentence_end || shape->question || shape->dangling ||
        shape->two_sentences)
        return false;
    if (length > MAX_SUBHEADING_BYTES || !shape->words) return false;
    if (shape->all_caps || shape->title_case) return shape->words <= MAX_SUBHEADING_WORDS;
    return shape->capitalised && shape->words <= MAX_SENTENCE_CASE_WORDS;
}

bool heading_is_headline(const heading_shape *shape, size_t length) {
    if (!shape->starts_well || shape->sentence_end || shape->dangling || shape->two_sentences)
        return false;
    if (length > MAX_HEADLINE_BYTES || !shape->words || shape->words > MAX_HEADLINE_WORDS)
        return false;
    /* "Will Talks Resume?" reads as a headline; "Remember the quest to find
     * a slogan?" as the question that opens a story */
    if (shape->question) return shape->title_case || shape->all_caps;
    return shape->capitalised || shape->all_caps || shape->title_case;
}
