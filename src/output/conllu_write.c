/*
 * conllu_write.c — see conllu_write.h.
 */
#include "conllu_write.h"
#include "../util/buffer.h"

#include <string.h>

/* text[0..length) with tabs and line breaks as spaces; "_" when empty. */
static bool append_field(dyad_buffer *out, const char *text, size_t length) {
    if (!text || length == 0) return buffer_append_char(out, '_');
    if (!buffer_reserve(out, length)) return false;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        out->data[out->length++] = c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
    }
    return true;
}

static bool append_string_field(dyad_buffer *out, const char *text) {
    return append_field(out, text, text ? strlen(text) : 0);
}

bool conllu_write_sentence(const dyad_document *document, const dyad_sentence *sentence,
                           bool paragraph_start, dyad_buffer *out) {
    const char *id = document->id && *document->id ? document->id : "-";
    bool ok = true;
    if (sentence->index == 0)
        ok = buffer_append_string(out, "# newdoc id = ") && buffer_append_string(out, id) &&
             buffer_append_char(out, '\n');
    if (ok && paragraph_start) ok = buffer_append_string(out, "# newpar\n");
    ok = ok && buffer_printf(out, "# sent_id = %s-%u\n# text = ", id, sentence->index) &&
         append_field(out, document->text + sentence->start, sentence->end - sentence->start) &&
         buffer_append_char(out, '\n');
    for (uint32_t i = 0; ok && i < sentence->token_count; i++) {
        const dyad_token *token = &sentence->tokens[i];
        ok = buffer_printf(out, "%u\t", i + 1) &&
             append_field(out, token->text, token->end - token->start) &&
             buffer_append_char(out, '\t') && append_string_field(out, token->lemma) &&
             buffer_append_char(out, '\t') && append_string_field(out, token->upos) &&
             buffer_append_char(out, '\t') && append_string_field(out, token->xpos) &&
             buffer_append_string(out, "\t_\t");
        if (ok && token->head >= 0)
            ok = buffer_printf(out, "%d", token->head);
        else if (ok)
            ok = buffer_append_char(out, '_');
        ok = ok && buffer_append_char(out, '\t') && append_string_field(out, token->deprel) &&
             buffer_append_string(out, "\t_\t");
        bool glued = !token->space_after && token->end < document->text_length;
        ok = ok && buffer_append_string(out, glued ? "SpaceAfter=No\n" : "_\n");
    }
    return ok && buffer_append_char(out, '\n');
}

dyad_status dyad_write_conllu(const dyad_document *document, dyad_buffer *out) {
    size_t mark = out->length;
    uint32_t paragraph = 0;
    for (size_t i = 0; i < document->sentence_count; i++) {
        const dyad_sentence *sentence = &document->sentences[i];
        bool paragraph_start = i == 0 || sentence->paragraph != paragraph;
        paragraph = sentence->paragraph;
        if (!conllu_write_sentence(document, sentence, paragraph_start, out)) {
            out->length = mark;
            return DYAD_ERR_MEMORY;
        }
    }
    return DYAD_OK;
}
