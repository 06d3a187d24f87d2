/*
 * html_decode.h — the bytes of a web page as UTF-8.
 *
 * Pages arrive in whatever encoding their server chose.  Rather than let
 * libxml2 guess (it switches to Latin-1 at the first bad byte, turning a
 * UTF-8 page with one stray byte into mojibake), the page is decoded here,
 * once, with the precedence browsers use: a byte-order mark, then the
 * charset of the HTTP Content-Type header (WARC records), then <meta
 * charset> / <meta http-equiv> / the XML declaration in the first bytes,
 * then UTF-8 if the bytes are valid UTF-8, else windows-1252.  As in the
 * WHATWG Encoding standard, "iso-8859-1" and "us-ascii" labels mean
 * windows-1252.  Conversion uses the C library's iconv; bytes that do not
 * decode become U+FFFD.  The parser is then told the text is UTF-8 and to
 * ignore what the page says about itself.
 */
#ifndef DYAD_INGEST_HTML_DECODE_H
#define DYAD_INGEST_HTML_DECODE_H

#include "dyad.h"

#include <stdbool.h>

typedef struct html_decoded {
    char *text;               /* valid UTF-8 without NUL bytes, NUL-terminated, in the arena */
    size_t length;
    const char *encoding;     /* the encoding used ("UTF-8", "WINDOWS-1252", ...) */
    size_t replacements;      /* bytes or sequences that became U+FFFD */
} html_decoded;

/* charset_hint: the charset parameter of an HTTP Content-Type header, or
 * NULL.  Fails only when memory runs out. */
dyad_status html_decode(const char *bytes, size_t length, const char *charset_hint,
                        dyad_arena *arena, html_decoded *out);

/* The charset a page declares in its first few kilobytes (<meta charset>,
 * <meta http-equiv="Content-Type">, <?xml encoding?>), copied into out
 * (lower case); false if none. */
bool html_sniff_charset(const char *bytes, size_t length, char *out, size_t size);

/* The charset parameter of a Content-Type value ("text/html;
 * charset=ISO-8859-1" → "iso-8859-1"), lower case; false if none. */
bool html_content_type_charset(const char *content_type, char *out, size_t size);

#endif
