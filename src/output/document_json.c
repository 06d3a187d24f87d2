/*
 * document_json.c — see document_json.h.
 */
#include "document_json.h"
#include "json_write.h"
#include "../util/buffer.h"

#include <string.h>

bool json_write_document_metadata(const dyad_document *d, dyad_buffer *out, bool *first) {
    bool ok = json_write_key(out, "id", first) && json_write_string(out, d->id) &&
              json_write_key(out, "date", first) && json_write_string(out, d->date) &&
              json_write_key(out, "title", first) && json_write_string(out, d->title);
    if (ok && d->source)
        ok = json_write_key(out, "source", first) && json_write_string(out, d->source);
    if (ok && d->url) ok = json_write_key(out, "url", first) && json_write_string(out, d->url);
    /* meta_json is produced by jansson from the input record, so it is
     * already valid JSON and goes out verbatim */
    if (ok && d->meta_json)
        ok = json_write_key(out, "meta", first) && buffer_append_string(out, d->meta_json);
    return ok;
}

bool json_write_document_text(const dyad_document *d, dyad_buffer *out, bool *first) {
    bool ok = json_write_key(out, "text", first) &&
              json_write_string_n(out, d->text, d->text ? d->text_length : 0);
    ok = ok && json_write_key(out, "credits", first) && buffer_append_char(out, '[');
    for (size_t i = 0; ok && i < d->credit_count; i++)
        ok = (i == 0 || buffer_append_char(out, ',')) && json_write_string(out, d->credits[i]);
    ok = ok && buffer_append_char(out, ']') && json_write_key(out, "dateline", first);
    if (ok && d->dateline) {
        bool inner = true;
        ok = buffer_append_char(out, '{') &&
             json_write_key(out, "text", &inner) && json_write_string(out, d->dateline->text) &&
             json_write_key(out, "place", &inner) && json_write_string(out, d->dateline->place) &&
             json_write_key(out, "date", &inner) && json_write_string(out, d->dateline->date) &&
             json_write_key(out, "agency", &inner) &&
             json_write_string(out, d->dateline->agency) && buffer_append_char(out, '}');
    } else if (ok) {
        ok = buffer_append_string(out, "null");
    }
    if (ok && d->warning_count) {
        ok = json_write_key(out, "warnings", first) && buffer_append_char(out, '[');
        for (size_t i = 0; ok && i < d->warning_count; i++) {
            bool inner = true;
            ok = (i == 0 || buffer_append_char(out, ',')) && buffer_append_char(out, '{') &&
                 json_write_key(out, "offset", &inner) &&
                 json_write_int(out, d->warnings[i].offset) &&
                 json_write_key(out, "message", &inner) &&
                 json_write_string(out, d->warnings[i].message) && buffer_append_char(out, '}');
        }
        ok = ok && buffer_append_char(out, ']');
    }
    return ok;
}

/* The token list is most of a segmented record, so it is written without
 * per-field calls: space for the whole list is reserved once (a token's
 * text is its span of the document, so its length is known) and filled
 * directly. */
static bool write_tokens(const dyad_sentence *s, dyad_buffer *out) {
    static const char open[] = "{\"text\":\"", start_key[] = "\",\"start\":", end_key[] = ",\"end\":";
    size_t room = 3;
    for (uint32_t t = 0; t < s->token_count; t++)
        room += (size_t)(s->tokens[t].end - s->tokens[t].start) * 6 + sizeof open + sizeof start_key +
                sizeof end_key + 2 * 21 + 3;
    if (!buffer_reserve(out, room)) return false;
    char *w = out->data + out->length;
    *w++ = '[';
    for (uint32_t t = 0; t < s->token_count; t++) {
        const dyad_token *token = &s->tokens[t];
        if (t) *w++ = ',';
        memcpy(w, open, sizeof open - 1);
        w += sizeof open - 1;
        w += json_escape(w, token->text, token->end - token->start);
        memcpy(w, start_key, sizeof start_key - 1);
        w += sizeof start_key - 1;
        w += json_format_int(w, token->start);
        memcpy(w, end_key, sizeof end_key - 1);
        w += sizeof end_key - 1;
        w += json_format_int(w, token->end);
        *w++ = '}';
    }
    *w++ = ']';
    out->length = (size_t)(w - out->data);
    out->data[out->length] = '\0';
    return true;
}

/* The fixed part of a sentence object, filled directly like the token
 * list: the keys are constants that need no escaping, and writing them
 * field by field (a strlen, an escape scan and three buffer calls per
 * key) cost more than the numbers and the text together. */
static bool write_sentence_head(const dyad_document *d, const dyad_sentence *s,
                                dyad_buffer *out) {
    static const char index_key[] = "{\"index\":", start_key[] = ",\"start\":",
                      end_key[] = ",\"end\":", paragraph_key[] = ",\"paragraph\":",
                      text_key[] = ",\"text\":\"";
    size_t length = s->end - s->start;
    size_t room = sizeof index_key + sizeof start_key + sizeof end_key + sizeof paragraph_key +
                  sizeof text_key + 4 * 21 + length * 6 + 2;
    if (!buffer_reserve(out, room)) return false;
    char *w = out->data + out->length;
#define PUT(literal) (memcpy(w, literal, sizeof literal - 1), w += sizeof literal - 1)
    PUT(index_key);
    w += json_format_int(w, s->index);
    PUT(start_key);
    w += json_format_int(w, s->start);
    PUT(end_key);
    w += json_format_int(w, s->end);
    PUT(paragraph_key);
    w += json_format_int(w, s->paragraph);
    PUT(text_key);
#undef PUT
    w += json_escape(w, d->text + s->start, length);
    *w++ = '"';
    out->length = (size_t)(w - out->data);
    out->data[out->length] = '\0';
    return true;
}

bool json_write_sentences(const dyad_document *d, dyad_buffer *out, bool *first,
                          bool with_tokens) {
    bool ok = json_write_key(out, "sentences", first) && buffer_append_char(out, '[');
    for (size_t i = 0; ok && i < d->sentence_count; i++) {
        const dyad_sentence *s = &d->sentences[i];
        ok = (i == 0 || buffer_append_char(out, ',')) && write_sentence_head(d, s, out);
        if (ok && s->heading) ok = buffer_append_string(out, ",\"heading\":true");
        if (ok && with_tokens)
            ok = buffer_append_string(out, ",\"tokens\":") && write_tokens(s, out);
        ok = ok && buffer_append_char(out, '}');
    }
    return ok && buffer_append_char(out, ']');
}

dyad_status dyad_write_segment_json(const dyad_document *document, dyad_buffer *out) {
    size_t mark = out->length;
    bool first = true;
    bool ok = buffer_append_char(out, '{') &&
              json_write_document_metadata(document, out, &first) &&
              json_write_document_text(document, out, &first) &&
              json_write_sentences(document, out, &first, true) &&
              buffer_append_string(out, "}\n");
    if (!ok) {
        out->length = mark; /* never leave half a record behind */
        return DYAD_ERR_MEMORY;
    }
    return DYAD_OK;
}
