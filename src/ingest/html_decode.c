/*
 * html_decode.c — see html_decode.h.
 */
#include "html_decode.h"
#include "../util/arena.h"
#include "../util/utf8.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

/* How far into the page a charset declaration is looked for.  The HTML
 * standard says 1024 bytes; real pages put long <head> preambles first,
 * so look further: a declaration is never ambiguous. */
enum { SNIFF_LIMIT = 8192 };

static bool is_label_char(char c) {
    return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.' || c == ':';
}

/* Copies the label that starts at text (after optional quotes and spaces)
 * into out, lower-cased. */
static bool copy_label(const char *text, const char *end, char *out, size_t size) {
    while (text < end && (*text == ' ' || *text == '"' || *text == '\'' || *text == '='))
        text++;
    size_t n = 0;
    while (text < end && is_label_char(*text) && n + 1 < size)
        out[n++] = (char)tolower((unsigned char)*text++);
    out[n] = '\0';
    return n > 0;
}

/* Case-insensitive search for needle in [text, end). */
static const char *find_caseless(const char *text, const char *end, const char *needle) {
    size_t n = strlen(needle);
    for (const char *p = text; p + n <= end; p++)
        if (strncasecmp(p, needle, n) == 0) return p;
    return NULL;
}

bool html_content_type_charset(const char *content_type, char *out, size_t size) {
    if (!content_type) return false;
    const char *end = content_type + strlen(content_type);
    const char *charset = find_caseless(content_type, end, "charset");
    if (!charset) return false;
    charset += 7;
    while (charset < end && *charset == ' ') charset++;
    if (charset >= end || *charset != '=') return false;
    return copy_label(charset, end, out, size);
}

bool html_sniff_charset(const char *bytes, size_t length, char *out, size_t size) {
    const char *end = bytes + (length < SNIFF_LIMIT ? length : SNIFF_LIMIT);
    /* <?xml version="1.0" encoding="..."?> */
    if (end - bytes > 5 && strncmp(bytes, "<?xml", 5) == 0) {
        const char *close = memchr(bytes, '>', (size_t)(end - bytes));
        const char *encoding = close ? find_caseless(bytes, close, "encoding") : NULL;
        if (encoding && copy_label(encoding + 8, close, out, size)) return true;
    }
    for (const char *p = bytes; (p = find_caseless(p, end, "<meta")) != NULL; p += 5) {
        const char *close = memchr(p, '>', (size_t)(end - p));
        if (!close) break;
        /* both <meta charset="x"> and content="text/html; charset=x" */
        const char *charset = find_caseless(p, close, "charset");
        if (!charset) continue;
        charset += 7;
        while (charset < close && *charset == ' ') charset++;
        if (charset < close && *charset == '=' && copy_label(charset, close, out, size))
            return true;
    }
    return false;
}

/* The iconv name for a charset label, or NULL for UTF-8 (no conversion). */
static const char *iconv_name(const char *label) {
    static const char *const utf8[] = {"utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8",
                                       NULL};
    /* labels that mean windows-1252 in browsers, whatever they say */
    static const char *const windows_1252[] = {
        "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",   "l1",         "us-ascii",
        "ascii",      "cp1252",    "windows-1252", "x-cp1252", "iso-ir-100", "cp819",
        "ibm819",     "csisolatin1", "iso_8859-1:1987", "ansi_x3.4-1968", NULL};
    for (size_t i = 0; utf8[i]; i++)
        if (strcmp(label, utf8[i]) == 0) return NULL;
    for (size_t i = 0; windows_1252[i]; i++)
        if (strcmp(label, windows_1252[i]) == 0) return "WINDOWS-1252";
    /* the Encoding standard decodes these with their supersets */
    if (strcmp(label, "gb2312") == 0 || strcmp(label, "gbk") == 0 ||
        strcmp(label, "x-gbk") == 0)
        return "GB18030";
    if (strcmp(label, "iso-8859-9") == 0 || strcmp(label, "latin5") == 0)
        return "WINDOWS-1254";
    if (strcmp(label, "tis-620") == 0 || strcmp(label, "iso-8859-11") == 0)
        return "WINDOWS-874";
    if (strcmp(label, "ks_c_5601-1987") == 0 || strcmp(label, "euc-kr") == 0) return "CP949";
    if (strcmp(label, "shift_jis") == 0 || strcmp(label, "sjis") == 0 ||
        strcmp(label, "x-sjis") == 0)
        return "CP932";
    return label;
}

/* Converts with iconv into a new arena buffer; undecodable bytes become
 * U+FFFD.  Returns false if iconv does not know the encoding. */
static bool convert(iconv_t converter, const char *bytes, size_t length, dyad_arena *arena,
                    html_decoded *out) {
    /* UTF-8 is at most 3 bytes per input byte for the single- and
     * double-byte encodings iconv handles here, 4 for UTF-16 pairs */
    size_t capacity = length * 3 + 16;
    char *text = arena_alloc(arena, capacity + 1);
    if (!text) return false;
    char *input = (char *)bytes, *output = text;
    size_t input_left = length, output_left = capacity;
    while (input_left) {
        if (iconv(converter, &input, &input_left, &output, &output_left) != (size_t)-1) break;
        if (errno == E2BIG || output_left < 4) break;
        /* EILSEQ or EINVAL: one bad byte, or a truncated sequence at the end */
        memcpy(output, "\xEF\xBF\xBD", 3);
        output += 3;
        output_left -= 3;
        input++;
        input_left--;
        out->replacements++;
    }
    iconv(converter, NULL, NULL, &output, &output_left);
    out->text = text;
    out->length = (size_t)(output - text);
    text[out->length] = '\0';
    return true;
}

dyad_status html_decode(const char *bytes, size_t length, const char *charset_hint,
                        dyad_arena *arena, html_decoded *out) {
    memset(out, 0, sizeof *out);
    const char *encoding = NULL;
    char label[64];
    const unsigned char *u = (const unsigned char *)bytes;
    bool decided = false;
    if (length >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        bytes += 3;
        length -= 3;
        decided = true;
    } else if (length >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        encoding = "UTF-16BE";
        bytes += 2;
        length -= 2;
        decided = true;
    } else if (length >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        encoding = "UTF-16LE";
        bytes += 2;
        length -= 2;
        decided = true;
    }
    if (!decided && charset_hint && *charset_hint) {
        snprintf(label, sizeof label, "%s", charset_hint);
        for (char *c = label; *c; c++) *c = (char)tolower((unsigned char)*c);
        encoding = iconv_name(label);
        decided = true;
    }
    if (!decided && html_sniff_charset(bytes, length, label, sizeof label)) {
        encoding = iconv_name(label);
        /* a page that says UTF-16 in ASCII bytes is not UTF-16 */
        if (encoding && strncmp(encoding, "utf-16", 6) == 0) encoding = NULL;
        decided = true;
    }
    if (!decided) encoding = utf8_is_valid(bytes, length) ? NULL : "WINDOWS-1252";

    if (encoding) {
        iconv_t converter = iconv_open("UTF-8", encoding);
        if (converter == (iconv_t)-1 && strcmp(encoding, "WINDOWS-1252") != 0) {
            /* an encoding the C library does not know: fall back */
            encoding = utf8_is_valid(bytes, length) ? NULL : "WINDOWS-1252";
            converter = encoding ? iconv_open("UTF-8", encoding) : (iconv_t)-1;
        }
        if (converter != (iconv_t)-1) {
            bool converted = convert(converter, bytes, length, arena, out);
            iconv_close(converter);
            if (!converted) return DYAD_ERR_MEMORY;
            /* the conversion may still produce NULs (UTF-16 "\0\0") */
            size_t replaced = 0;
            if (memchr(out->text, '\0', out->length)) {
                char *clean = utf8_sanitize(arena, out->text, out->length, &out->length, NULL, 0,
                                            &replaced);
                if (!clean) return DYAD_ERR_MEMORY;
                out->text = clean;
                out->replacements += replaced;
            }
            out->encoding = encoding;
            return DYAD_OK;
        }
        encoding = NULL;
    }
    out->text = utf8_sanitize(arena, bytes, length, &out->length, NULL, 0, &out->replacements);
    if (!out->text) return DYAD_ERR_MEMORY;
    out->encoding = "UTF-8";
    return DYAD_OK;
}
