/*
 * characters.h — what the text stage needs to know about a character:
 * space, letter (upper, lower or caseless), digit, or punctuation/symbol.
 *
 * The tokenizer asks this for every byte of every article, so ASCII is
 * answered from a table and only other code points go to utf8proc's
 * Unicode category.  Combining marks count as (caseless) letters so that
 * a decomposed accent never splits a word; format characters such as the
 * zero-width space and the byte-order mark count as space, because they
 * separate words without being visible.  The text is valid UTF-8 (the
 * readers guarantee it), but a stray byte is still read as one
 * punctuation character rather than trusted.
 */
#ifndef DYAD_TEXT_CHARACTERS_H
#define DYAD_TEXT_CHARACTERS_H

#include <stddef.h>
#include <stdint.h>

typedef enum character_kind {
    CHARACTER_SPACE,
    CHARACTER_UPPER,
    CHARACTER_LOWER,
    CHARACTER_LETTER,         /* caseless letters, marks, letter-like numbers */
    CHARACTER_DIGIT,
    CHARACTER_PUNCTUATION     /* punctuation and symbols */
} character_kind;

typedef struct character {
    int32_t code;             /* code point */
    uint8_t length;           /* bytes in the text, 1..4 */
    uint8_t kind;             /* character_kind */
} character;

extern const uint8_t character_ascii_kind[128];

character character_classify_wide(const char *text, size_t position, size_t end);

/* The character starting at text[position] (position < end). */
static inline character character_at(const char *text, size_t position, size_t end) {
    unsigned char byte = (unsigned char)text[position];
    if (byte < 0x80) return (character){byte, 1, character_ascii_kind[byte]};
    return character_classify_wide(text, position, end);
}

/* The character ending just before text[position] (position > start). */
static inline character character_before(const char *text, size_t start, size_t position) {
    size_t back = position - 1;
    if ((unsigned char)text[back] < 0x80) return character_at(text, back, position);
    while (back > start && position - back < 4 && ((unsigned char)text[back] & 0xC0) == 0x80)
        back--;
    character c = character_classify_wide(text, back, position);
    if (back + c.length != position) /* not a whole sequence: read the last byte alone */
        return (character){(unsigned char)text[position - 1], 1, CHARACTER_PUNCTUATION};
    return c;
}

static inline int character_is_alphanumeric(character c) {
    return c.kind >= CHARACTER_UPPER && c.kind <= CHARACTER_DIGIT;
}

static inline int character_is_letter(character c) {
    return c.kind >= CHARACTER_UPPER && c.kind <= CHARACTER_LETTER;
}

#endif
