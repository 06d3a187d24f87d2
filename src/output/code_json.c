/*
 * code_json.c — see code_json.h.
 */
#include "code_json.h"
#include "actors_json.h"
#include "extract_json.h"
#include "document_json.h"
#include "json_write.h"
#include "../coder/coder.h"
#include "../util/buffer.h"

#include <math.h>
#include <string.h>

static bool write_event_actor(const dyad_event_actor *actor, dyad_buffer *out) {
    bool inner = true;
    return buffer_append_char(out, '{') && json_write_key(out, "text", &inner) &&
           json_write_string(out, actor->text) && json_write_key(out, "code", &inner) &&
           json_write_string(out, actor->code) && json_write_key(out, "country", &inner) &&
           json_write_string(out, actor->country) && json_write_key(out, "sector", &inner) &&
           json_write_string(out, actor->sector) && buffer_append_char(out, '}');
}

bool json_write_event(const dyad_document *d, const dyad_event *e, dyad_buffer *out) {
    (void)d;
    bool inner = true;
    bool ok = buffer_append_char(out, '{') && json_write_key(out, "sentence", &inner) &&
              json_write_int(out, e->sentence) && json_write_key(out, "source", &inner) &&
              write_event_actor(&e->source, out) && json_write_key(out, "target", &inner);
    ok = ok && (e->has_target ? write_event_actor(&e->target, out)
                              : buffer_append_string(out, "null"));
    ok = ok && json_write_key(out, "cameo", &inner) && json_write_string(out, e->cameo) &&
         json_write_key(out, "root", &inner) && json_write_string(out, e->root[0] ? e->root : NULL) &&
         json_write_key(out, "quad_class", &inner) &&
         (e->quad_class ? json_write_int(out, e->quad_class) : buffer_append_string(out, "null")) &&
         json_write_key(out, "goldstein", &inner) &&
         (isfinite(e->goldstein) && e->quad_class ? buffer_printf(out, "%.1f", e->goldstein)
                                                  : buffer_append_string(out, "null")) &&
         json_write_key(out, "plover", &inner);
    if (ok && e->plover_event) {
        bool plover = true;
        ok = buffer_append_char(out, '{') && json_write_key(out, "event", &plover) &&
             json_write_string(out, e->plover_event) && json_write_key(out, "mode", &plover) &&
             json_write_string(out, e->plover_mode) && buffer_append_char(out, '}');
    } else if (ok) {
        ok = buffer_append_string(out, "null");
    }
    bool trigger = true;
    ok = ok && json_write_key(out, "negated", &inner) &&
         buffer_append_string(out, e->negated ? "true" : "false") &&
         json_write_key(out, "modality", &inner) &&
         json_write_string(out, event_modality_name(e->modality)) &&
         json_write_key(out, "trigger", &inner) && buffer_append_char(out, '{') &&
         json_write_key(out, "text", &trigger) && json_write_string(out, e->trigger_text) &&
         json_write_key(out, "start", &trigger) && json_write_int(out, e->trigger_start) &&
         json_write_key(out, "end", &trigger) && json_write_int(out, e->trigger_end) &&
         buffer_append_char(out, '}') && json_write_key(out, "pattern", &inner) &&
         json_write_string(out, e->pattern) && json_write_key(out, "date", &inner) &&
         json_write_string(out, e->date) && buffer_append_char(out, '}');
    return ok;
}

bool json_write_events(const dyad_document *d, dyad_buffer *out, bool *first) {
    bool ok = json_write_key(out, "events", first) && buffer_append_char(out, '[');
    for (size_t i = 0; ok && i < d->event_count; i++)
        ok = (i == 0 || buffer_append_char(out, ',')) && json_write_event(d, &d->events[i], out);
    return ok && buffer_append_char(out, ']');
}

/* A mention as a small object, or null. */
dyad_status dyad_write_code_json(const dyad_document *document, int with_tokens,
                                 dyad_buffer *out) {
    size_t mark = out->length;
    bool first = true;
    bool ok = buffer_append_char(out, '{') &&
              json_write_document_metadata(document, out, &first) &&
              json_write_document_text(document, out, &first) &&
              json_write_sentences(document, out, &first, with_tokens != 0) &&
              json_write_mentions(document, out, &first) &&
              json_write_events(document, out, &first) &&
              json_write_quotes(document, out, &first) &&
              json_write_numbers(document, out, &first) &&
              json_write_places(document, out, &first) &&
              json_write_dates(document, out, &first) && buffer_append_string(out, "}\n");
    if (!ok) {
        out->length = mark;
        return DYAD_ERR_MEMORY;
    }
    return DYAD_OK;
}
