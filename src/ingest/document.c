/*
 * document.c — see document.h.
 */
#include "document.h"
#include "../util/arena.h"
#include "../util/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { MAX_LISTED_REPLACEMENTS = 8 };

_Bool document_add_warning(dyad_document *document, long long offset, const char *format, ...) {
    /* warnings are rare: grow by copying, one slot at a time */
    dyad_warning *warnings =
        arena_alloc(document->arena, (document->warning_count + 1) * sizeof *warnings);
    if (!warnings) return 0;
    if (document->warning_count)
        memcpy(warnings, document->warnings, document->warning_count * sizeof *warnings);
    va_list arguments;
    va_start(arguments, format);
    char message[512];
    vsnprintf(message, sizeof message, format, arguments);
    va_end(arguments);
    warnings[document->warning_count].offset = offset;
    warnings[document->warning_count].message = arena_strdup(document->arena, message);
    document->warnings = warnings;
    document->warning_count++;
    return 1;
}

dyad_status document_set_raw_text(dyad_document *document, const char *bytes, size_t length,
                                  long long base_offset) {
    long long offsets[MAX_LISTED_REPLACEMENTS];
    size_t replacements = 0, out_length = 0;
    char *text = utf8_sanitize(document->arena, bytes, length, &out_length, offsets,
                               MAX_LISTED_REPLACEMENTS, &replacements);
    if (!text) return DYAD_ERR_MEMORY;
    document->raw_text = text;
    document->raw_length = out_length;
    size_t listed = replacements < MAX_LISTED_REPLACEMENTS ? replacements : MAX_LISTED_REPLACEMENTS;
    for (size_t i = 0; i < listed; i++)
        if (!document_add_warning(document, base_offset + offsets[i],
                                  "invalid UTF-8 replaced with U+FFFD"))
            return DYAD_ERR_MEMORY;
    if (replacements > listed &&
        !document_add_warning(document, -1, "%zu further invalid UTF-8 sequences replaced",
                              replacements - listed))
        return DYAD_ERR_MEMORY;
    return DYAD_OK;
}

dyad_status document_set_valid_text(dyad_document *document, const char *bytes, size_t length,
                                    long long base_offset) {
    /* a NUL (from \u0000) is the one thing left to replace */
    if (memchr(bytes, 0, length)) return document_set_raw_text(document, bytes, length, base_offset);
    char *text = arena_strndup(document->arena, bytes, length);
    if (!text) return DYAD_ERR_MEMORY;
    document->raw_text = text;
    document->raw_length = length;
    return DYAD_OK;
}

dyad_document *dyad_document_new(dyad_arena *arena, const char *text, size_t length,
                                 const char *id, const char *date) {
    dyad_document *document = arena_calloc(arena, 1, sizeof *document);
    if (!document) return NULL;
    document->arena = arena;
    document->id = arena_strdup(arena, id);
    document->date = arena_strdup(arena, date);
    document->origin_line = 1;
    if (document_set_raw_text(document, text ? text : "", text ? length : 0, 0) != DYAD_OK)
        return NULL;
    return document;
}
