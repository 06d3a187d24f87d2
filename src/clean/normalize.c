/*
 * normalize.c — see normalize.h.
 */
#include "normalize.h"
#include "../util/error.h"
#include "../util/utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Stream-Safe Text Format: at most 30 non-starters in a row. */
enum { MAX_COMBINING_RUN = 30 };

/* Windows-1252 characters at 0x80..0x9F, as they appear when such text was
 * decoded as Latin-1 (0 where 1252 has no character). */
static const int32_t windows_1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* What a code point becomes: -1 dropped, else the replacement (possibly
 * itself).  '\n' twice for a paragraph separator is handled by the caller. */
static int32_t map_codepoint(int32_t codepoint) {
    if (codepoint == '\n') return '\n';
    if (codepoint == '\t') return ' ';
    if (codepoint == '\f' || codepoint == '\v') return '\n';
    if (codepoint < 0x20 || codepoint == 0x7F) return -1;
    if (codepoint >= 0x80 && codepoint <= 0x9F) {
        int32_t mapped = windows_1252[codepoint - 0x80];
        return mapped ? mapped : -1;
    }
    if (codepoint == 0x2028) return '\n';   /* line separator */
    if (codepoint == 0x00AD) return -1;     /* soft hyphen: invisible unless a line breaks */
    if (codepoint == 0xFFFD) return codepoint;  /* the readers' mark for bad bytes */
    /* joiners and variation selectors shape emoji and some scripts: kept
     * here, dropped by the caller when they sit against ASCII */
    if (codepoint == 0x200C || codepoint == 0x200D || (codepoint >= 0xFE00 && codepoint <= 0xFE0F))
        return codepoint;
    const utf8proc_property_t *property = utf8proc_get_property(codepoint);
    /* zero-width spaces, word joiners, BOM, bidi controls: invisible */
    if (property->ignorable) return -1;
    if (property->category == UTF8PROC_CATEGORY_ZS) return ' ';
    return codepoint;
}

/* Code points that NFC leaves alone whatever surrounds them: no
 * decomposition, no combining class, never the second half of a
 * composition.  Below U+0300 (ASCII, Latin-1, Latin Extended) and
 * General Punctuation to Currency Symbols (U+2010..U+20CF: dashes,
 * quotes, ellipsis, euro): the characters of most news copy, which can then
 * skip utf8proc's decompose-and-recompose, the costliest step of cleaning.
 * tests/unit/test_clean.c checks this against utf8proc's own tables. */
bool normalize_is_nfc_stable(int32_t codepoint) {
    return codepoint < 0x300 || (codepoint >= 0x2010 && codepoint < 0x20D0) ||
           codepoint == 0xFFFD;
}

dyad_status clean_normalize(const char *text, size_t length, char **out, size_t *out_length,
                            dyad_error *error) {
    *out = NULL;
    *out_length = 0;
    /* a C1 control (2 bytes) may become a 3-byte character; nothing else
     * grows, so twice the length is always enough */
    if (length > (SIZE_MAX - 1) / 2)
        return error_set(error, DYAD_ERR_LIMIT, NULL, 0, -1, "text too large");
    char *mapped = malloc(length * 2 + 1);
    if (!mapped) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, m = 0, combining_run = 0;
    bool may_need_composition = false;
    while (i < length) {
        /* printable ASCII, most of any article, maps to itself */
        if (s[i] >= 0x20 && s[i] < 0x7F) {
            mapped[m++] = (char)s[i++];
            combining_run = 0;
            continue;
        }
        int32_t codepoint;
        size_t step = utf8_decode(s + i, length - i, &codepoint);
        if (!step) {               /* cannot happen after the readers; be safe */
            codepoint = 0xFFFD;
            step = 1;
        }
        i += step;
        if (codepoint == '\r') {
            /* CR LF and a lone CR are both one line end */
            if (i < length && s[i] == '\n') continue;
            codepoint = '\n';
        }
        if (codepoint == 0x2029) {
            mapped[m++] = '\n';
            mapped[m++] = '\n';
            combining_run = 0;
            continue;
        }
        int32_t replacement = map_codepoint(codepoint);
        if (replacement < 0) continue;
        if (replacement == 0x200C || replacement == 0x200D) {
            /* a joiner between Latin letters ("Kre\u200Dmlin") is scraping
             * noise; inside an emoji sequence or Persian text it is not */
            bool ascii_before = m == 0 || (unsigned char)mapped[m - 1] < 0x80;
            bool ascii_after = i >= length || s[i] < 0x80;
            if (ascii_before || ascii_after) continue;
        }
        if (utf8proc_get_property(replacement)->combining_class) {
            if (++combining_run > MAX_COMBINING_RUN) continue;
        } else {
            combining_run = 0;
        }
        if (!normalize_is_nfc_stable(replacement)) may_need_composition = true;
        m += utf8_encode(replacement, mapped + m);
    }
    mapped[m] = '\0';
    if (!may_need_composition) {
        *out = mapped;
        *out_length = m;
        return DYAD_OK;
    }

    utf8proc_uint8_t *composed = NULL;
    utf8proc_ssize_t composed_length =
        utf8proc_map((const utf8proc_uint8_t *)mapped, (utf8proc_ssize_t)m, &composed,
                     UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    free(mapped);
    if (composed_length < 0)
        return error_set(error, composed_length == UTF8PROC_ERROR_NOMEM ? DYAD_ERR_MEMORY
                                                                        : DYAD_ERR_ENCODING,
                         NULL, 0, -1, "cannot normalise text: %s",
                         utf8proc_errmsg(composed_length));
    *out = (char *)composed;
    *out_length = (size_t)composed_length;
    return DYAD_OK;
}
