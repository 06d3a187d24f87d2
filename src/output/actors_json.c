/*
 * actors_json.c — see actors_json.h.
 */
#include "actors_json.h"
#include "json_write.h"
#include "../util/buffer.h"

const char *actor_kind_name(dyad_actor_kind kind) {
    switch (kind) {
    case DYAD_ACTOR_PERSON:
        return "person";
    case DYAD_ACTOR_ORGANIZATION:
        return "organization";
    case DYAD_ACTOR_STATE:
        return "state";
    case DYAD_ACTOR_GROUP:
        return "group";
    case DYAD_ACTOR_UNKNOWN:
        break;
    }
    return "unknown";
}

bool json_write_mentions(const dyad_document *d, dyad_buffer *out, bool *first) {
    bool ok = json_write_key(out, "actors", first) && buffer_append_char(out, '[');
    for (size_t i = 0; ok && i < d->mention_count; i++) {
        const dyad_mention *m = &d->mentions[i];
        bool inner = true;
        /* the contract: an unresolved mention is "unknown", whatever the
         * resolver guessed about it */
        dyad_actor_kind kind = m->code ? m->kind : DYAD_ACTOR_UNKNOWN;
        ok = (i == 0 || buffer_append_char(out, ',')) && buffer_append_char(out, '{') &&
             json_write_key(out, "text", &inner) && json_write_string(out, m->text) &&
             json_write_key(out, "start", &inner) && json_write_int(out, m->start) &&
             json_write_key(out, "end", &inner) && json_write_int(out, m->end) &&
             json_write_key(out, "sentence", &inner) && json_write_int(out, m->sentence) &&
             json_write_key(out, "code", &inner) && json_write_string(out, m->code) &&
             json_write_key(out, "country", &inner) && json_write_string(out, m->country) &&
             json_write_key(out, "sector", &inner) && json_write_string(out, m->sector) &&
             json_write_key(out, "kind", &inner) &&
             json_write_string(out, actor_kind_name(kind)) &&
             json_write_key(out, "name", &inner) && json_write_string(out, m->name);
        if (ok && m->antecedent >= 0)
            ok = json_write_key(out, "antecedent", &inner) && json_write_int(out, m->antecedent);
        if (ok && m->group >= 0)
            ok = json_write_key(out, "group", &inner) && json_write_int(out, m->group);
        ok = ok && buffer_append_char(out, '}');
    }
    return ok && buffer_append_char(out, ']');
}

dyad_status dyad_write_actors_json(const dyad_document *document, dyad_buffer *out) {
    size_t mark = out->length;
    bool first = true;
    bool ok = buffer_append_char(out, '{') && json_write_key(out, "id", &first) &&
              json_write_string(out, document->id) && json_write_key(out, "date", &first) &&
              json_write_string(out, document->date) &&
              json_write_mentions(document, out, &first) && buffer_append_string(out, "}\n");
    if (!ok) {
        out->length = mark;
        return DYAD_ERR_MEMORY;
    }
    return DYAD_OK;
}
