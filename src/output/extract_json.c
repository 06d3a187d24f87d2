/*
 * extract_json.c — see extract_json.h.
 */
#include "extract_json.h"
#include "document_json.h"
#include "json_write.h"
#include "../util/buffer.h"

static bool write_span(const dyad_document *d, dyad_buffer *out, bool *inner, uint32_t start,
                       uint32_t end) {
    if (end > d->text_length || start > end) end = start = 0;
    return json_write_key(out, "text", inner) && json_write_string_n(out, d->text + start, end - start) &&
           json_write_key(out, "start", inner) && json_write_int(out, start) &&
           json_write_key(out, "end", inner) && json_write_int(out, end);
}

/* {"text", "name", "code", "country"} or null. */
static bool write_speaker(const dyad_document *d, dyad_buffer *out, const char *text,
                          const char *name, int32_t mention) {
    const dyad_mention *m =
        mention >= 0 && (size_t)mention < d->mention_count ? &d->mentions[mention] : NULL;
    if (!text && !m) return buffer_append_string(out, "null");
    bool inner = true;
    return buffer_append_char(out, '{') && json_write_key(out, "text", &inner) &&
           json_write_string(out, text ? text : m->text) && json_write_key(out, "name", &inner) &&
           json_write_string(out, name ? name : m ? m->name : NULL) &&
           json_write_key(out, "code", &inner) && json_write_string(out, m ? m->code : NULL) &&
           json_write_key(out, "country", &inner) && json_write_string(out, m ? m->country : NULL) &&
           buffer_append_char(out, '}');
}

bool json_write_quotes(const dyad_document *d, dyad_buffer *out, bool *first) {
    bool ok = json_write_key(out, "quotes", first) && buffer_append_char(out, '[');
    for (size_t i = 0; ok && i < d->quote_count; i++) {
        const dyad_quote *q = &d->quotes[i];
        bool inner = true;
        ok = (i == 0 || buffer_append_char(out, ',')) && buffer_append_char(out, '{') &&
             write_span(d, out, &inner, q->start, q->end) && json_write_key(out, "direct", &inner) &&
             buffer_append_string(out, q->direct ? "true" : "false") &&
             json_write_key(out, "speaker", &inner) &&
             write_speaker(d, out, q->speaker_text, q->speaker_name, q->speaker) &&
             json_write_key(out, "cue", &inner) && json_write_string(out, q->cue) &&
             json_write_key(out, "sentence", &inner) && json_write_int(out, q->sentence) &&
             buffer_append_char(out, '}');
    }
    return ok && buffer_append_char(out, ']');
}

bool json_write_numbers(const dyad_document *d, dyad_buffer *out, bool *first) {
    bool ok = json_write_key(out, "numbers", first) && buffer_append_char(out, '[');
    for (size_t i = 0; ok && i < d->number_count; i++) {
        const dyad_number *n = &d->numbers[i];
        const dyad_quote *q = n->quote >= 0 && (size_t)n->quote < d->quote_count ? &d->quotes[n->quote] : NULL;
        bool inner = true;
        ok = (i == 0 || buffer_append_char(out, ',')) && buffer_append_char(out, '{') &&
             write_span(d, out, &inner, n->start, n->end) && json_write_key(out, "value", &inner) &&
             json_write_double(out, n->value) && json_write_key(out, "low", &inner) &&
             json_write_double(out, n->low) && json_write_key(out, "high", &inner) &&
             json_write_double(out, n->high) && json_write_key(out, "unit", &inner) &&
             json_write_string(out, n->unit) && json_write_key(out, "category", &inner) &&
             json_write_string(out, n->category) && json_write_key(out, "claimed_by", &inner) &&
             (q ? write_speaker(d, out, q->speaker_text, q->speaker_name, q->speaker)
                : write_speaker(d, out, NULL, NULL, n->claimed_by)) &&
             json_write_key(out, "approximation", &inner) && json_write_string(out, n->approximation) &&
             json_write_key(out, "noun", &inner) && json_write_string(out, n->noun) &&
             json_write_key(out, "sentence", &inner) && json_write_int(out, n->sentence) &&
             buffer_append_char(out, '}');
    }
    return ok && buffer_append_char(out, ']');
}

/* Coordinates have five decimals at most (about a metre): printed once,
 * trailing zeros trimmed, instead of searching for the shortest form. */
static bool write_coordinate(dyad_buffer *out, double value) {
    char text[32];
    int length = snprintf(text, sizeof text, "%.5f", value);
    while (length > 1 && text[length - 1] == '0') length--;
    if (length > 1 && text[length - 1] == '.') length--;
    return buffer_append(out, text, (size_t)length);
}

bool json_write_places(const dyad_document *d, dyad_buffer *out, bool *first) {
    bool ok = json_write_key(out, "places", first) && buffer_append_char(out, '[');
    for (size_t i = 0; ok && i < d->place_count; i++) {
        const dyad_place *p = &d->places[i];
        bool inner = true;
        ok = (i == 0 || buffer_append_char(out, ',')) && buffer_append_char(out, '{') &&
             write_span(d, out, &inner, p->start, p->end) && json_write_key(out, "country", &inner) &&
             json_write_string(out, p->country) && json_write_key(out, "admin1", &inner) &&
             json_write_string(out, p->admin1) && json_write_key(out, "lat", &inner) &&
             (p->has_coordinates ? write_coordinate(out, p->lat) : buffer_append_string(out, "null")) &&
             json_write_key(out, "lon", &inner) &&
             (p->has_coordinates ? write_coordinate(out, p->lon) : buffer_append_string(out, "null")) &&
             json_write_key(out, "name", &inner) && json_write_string(out, p->name) &&
             json_write_key(out, "kind", &inner) && json_write_string(out, p->kind) &&
             json_write_key(out, "sentence", &inner) && json_write_int(out, p->sentence) &&
             buffer_append_char(out, '}');
    }
    return ok && buffer_append_char(out, ']');
}

bool json_write_dates(const dyad_document *d, dyad_buffer *out, bool *first) {
    bool ok = json_write_key(out, "dates", first) && buffer_append_char(out, '[');
    for (size_t i = 0; ok && i < d->date_count; i++) {
        const dyad_date_expression *date = &d->dates[i];
        bool inner = true;
        ok = (i == 0 || buffer_append_char(out, ',')) && buffer_append_char(out, '{') &&
             write_span(d, out, &inner, date->start, date->end) &&
             json_write_key(out, "value", &inner) && json_write_string(out, date->value) &&
             json_write_key(out, "sentence", &inner) && json_write_int(out, date->sentence) &&
             buffer_append_char(out, '}');
    }
    return ok && buffer_append_char(out, ']');
}

dyad_status extract_json_write_record(const dyad_document *d, dyad_buffer *out) {
    size_t mark = out->length;
    bool first = true;
    bool ok = buffer_append_char(out, '{') && json_write_document_metadata(d, out, &first) &&
              json_write_key(out, "text", &first) &&
              json_write_string_n(out, d->text, d->text ? d->text_length : 0) &&
              json_write_quotes(d, out, &first) && json_write_numbers(d, out, &first) &&
              json_write_places(d, out, &first) && json_write_dates(d, out, &first) &&
              buffer_append_string(out, "}\n");
    if (!ok) {
        out->length = mark;
        return DYAD_ERR_MEMORY;
    }
    return DYAD_OK;
}
