/*
 * gazetteer.c — see gazetteer.h.  Reading only; the compiler is
 * gazetteer_build.c.
 */
#include "gazetteer.h"
#include "../util/error.h"
#include "../util/model_file.h"

#include <stdlib.h>
#include <string.h>

struct gazetteer {
    model_file *file;
    const gazetteer_meta *meta;
    const gazetteer_entry *entries;
    const gazetteer_name *names;
    const uint32_t *slots;
    const uint32_t *postings;
    const char *strings;
    size_t strings_size;
};

uint64_t gazetteer_hash(const char *folded, size_t length) {
    uint64_t hash = 1469598103934665603ull;   /* FNV-1a */
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)folded[i];
        hash *= 1099511628211ull;
    }
    return hash;
}

static dyad_status corrupt(const char *path, const char *what, dyad_error *error) {
    return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "corrupt gazetteer: %s", what);
}

dyad_status gazetteer_open(const char *path, gazetteer **out, dyad_error *error) {
    *out = NULL;
    gazetteer *g = calloc(1, sizeof *g);
    if (!g) return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    dyad_status status = model_file_open(path, "gazetteer", &g->file, error);
    if (status != DYAD_OK) {
        free(g);
        return status;
    }
    size_t meta_size, entries_size, names_size, slots_size, postings_size;
    g->meta = model_file_section(g->file, "meta", &meta_size);
    g->entries = model_file_section(g->file, "entries", &entries_size);
    g->names = model_file_section(g->file, "names", &names_size);
    g->slots = model_file_section(g->file, "slots", &slots_size);
    g->postings = model_file_section(g->file, "postings", &postings_size);
    g->strings = model_file_section(g->file, "strings", &g->strings_size);
    const char *problem = NULL;
    if (!g->meta || meta_size != sizeof *g->meta) problem = "meta section";
    else if (g->meta->format != GAZETTEER_FORMAT) problem = "format version (rebuild it)";
    else if (!g->entries || entries_size != g->meta->entry_count * sizeof *g->entries)
        problem = "entries section";
    else if (!g->names || names_size != g->meta->name_count * sizeof *g->names)
        problem = "names section";
    else if (!g->slots || slots_size != g->meta->slot_count * sizeof *g->slots ||
             g->meta->slot_count == 0 || (g->meta->slot_count & (g->meta->slot_count - 1)))
        problem = "slots section";
    else if (!g->postings || postings_size != g->meta->posting_count * sizeof *g->postings)
        problem = "postings section";
    else if (!g->strings || !g->strings_size || g->strings[g->strings_size - 1] != '\0')
        problem = "strings section";
    /* every offset and index is checked once here, so lookups need not */
    for (uint32_t i = 0; !problem && i < g->meta->name_count; i++) {
        const gazetteer_name *name = &g->names[i];
        if (name->key >= g->strings_size ||
            (uint64_t)name->first + name->count > g->meta->posting_count)
            problem = "name record out of range";
    }
    for (uint32_t i = 0; !problem && i < g->meta->posting_count; i++)
        if ((g->postings[i] & ~GAZETTEER_POSTING_NEEDS_REGION) >= g->meta->entry_count)
            problem = "posting out of range";
    for (uint32_t i = 0; !problem && i < g->meta->entry_count; i++)
        if (g->entries[i].name >= g->strings_size || g->entries[i].admin1 >= g->strings_size ||
            g->entries[i].country[3] != '\0')
            problem = "entry out of range";
    for (uint32_t i = 0; !problem && i < g->meta->slot_count; i++)
        if (g->slots[i] > g->meta->name_count) problem = "slot out of range";
    if (problem) {
        status = corrupt(path, problem, error);
        gazetteer_close(g);
        return status;
    }
    *out = g;
    return DYAD_OK;
}

void gazetteer_close(gazetteer *g) {
    if (!g) return;
    model_file_close(g->file);
    free(g);
}

const gazetteer_name *gazetteer_find(const gazetteer *g, const char *folded, size_t length) {
    if (!g) return NULL;
    uint32_t mask = g->meta->slot_count - 1;
    for (uint32_t slot = (uint32_t)(gazetteer_hash(folded, length) & mask), probes = 0;
         probes <= mask; slot = (slot + 1) & mask, probes++) {
        uint32_t index = g->slots[slot];
        if (!index) return NULL;
        const gazetteer_name *name = &g->names[index - 1];
        const char *key = g->strings + name->key;
        if (strncmp(key, folded, length) == 0 && key[length] == '\0') return name;
    }
    return NULL;
}

const gazetteer_entry *gazetteer_posting(const gazetteer *g, const gazetteer_name *name,
                                         size_t index, bool *needs_region) {
    uint32_t posting = g->postings[name->first + index];
    if (needs_region) *needs_region = (posting & GAZETTEER_POSTING_NEEDS_REGION) != 0;
    return &g->entries[posting & ~GAZETTEER_POSTING_NEEDS_REGION];
}

const char *gazetteer_string(const gazetteer *g, uint32_t offset) {
    return offset ? g->strings + offset : NULL;
}

bool gazetteer_has_cities(const gazetteer *g) {
    return g && g->meta->has_cities;
}

size_t gazetteer_entry_count(const gazetteer *g) {
    return g ? g->meta->entry_count : 0;
}

const char *gazetteer_kind_name(uint8_t kind) {
    switch (kind) {
    case PLACE_COUNTRY: return "country";
    case PLACE_ADMIN1: return "admin1";
    case PLACE_CITY: return "city";
    case PLACE_REGION: return "region";
    case PLACE_SEA: return "sea";
    case PLACE_AREA: return "area";
    case PLACE_CONTINENT: return "continent";
    case PLACE_RIVER: return "river";
    default: return "place";
    }
}
