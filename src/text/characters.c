/*
 * characters.c — see characters.h.
 */
#include "characters.h"
#include "../util/utf8.h"

#include <utf8proc.h>

#define S CHARACTER_SPACE
#define U CHARACTER_UPPER
#define L CHARACTER_LOWER
#define D CHARACTER_DIGIT
#define P CHARACTER_PUNCTUATION

/* control characters other than white space are read as punctuation so
 * that they end up as tokens of their own instead of vanishing */
const uint8_t character_ascii_kind[128] = {
    P, P, P, P, P, P, P, P, P, S, S, S, S, S, P, P,  /* 0x00 */
    P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,  /* 0x10 */
    S, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,  /* 0x20 */
    D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, P,  /* 0x30 */
    P, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,  /* 0x40 */
    U, U, U, U, U, U, U, U, U, U, U, P, P, P, P, P,  /* 0x50 */
    P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,  /* 0x60 */
    L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, P,  /* 0x70 */
};

#undef S
#undef U
#undef L
#undef D
#undef P

character character_classify_wide(const char *text, size_t position, size_t end) {
    int32_t code;
    size_t length = utf8_decode((const unsigned char *)text + position, end - position, &code);
    if (!length) return (character){(unsigned char)text[position], 1, CHARACTER_PUNCTUATION};
    character c = {code, (uint8_t)length, CHARACTER_PUNCTUATION};
    switch (utf8proc_category(code)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        c.kind = CHARACTER_UPPER;
        break;
    case UTF8PROC_CATEGORY_LL:
        c.kind = CHARACTER_LOWER;
        break;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_NL:
        c.kind = CHARACTER_LETTER;
        break;
    case UTF8PROC_CATEGORY_ND:
        c.kind = CHARACTER_DIGIT;
        break;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        c.kind = CHARACTER_SPACE;
        break;
    case UTF8PROC_CATEGORY_CF:
        /* zero-width space, joiners, BOM, soft hyphen: invisible; the
         * joiners and the soft hyphen sit inside words, the others
         * between them */
        if (code == 0x200B || code == 0xFEFF || code == 0x2060) c.kind = CHARACTER_SPACE;
        else c.kind = CHARACTER_LETTER;
        break;
    default:
        break;
    }
    return c;
}
