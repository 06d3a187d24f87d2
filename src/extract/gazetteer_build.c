/*
 * gazetteer_build.c — see gazetteer_build.h.
 *
 * Steps: countries (ISO 3166-1, plus `code` lines of the supplement for
 * codes ISO lacks, such as Kosovo), subdivisions (GeoNames admin1 names),
 * cities (GeoNames cities1000: name, ASCII name and, for towns of
 * ALTERNATE_NAME_POPULATION or more, their Latin-script alternate names),
 * the supplement's own places, then its aliases and renamings, which point
 * at entries already there.  Every name is folded (fold.h) and indexed;
 * countries and subdivisions get the population-weighted centre of their
 * cities as coordinates.
 *
 * The supplement, data/extract/places.tsv, has one record per line, TAB
 * separated:
 *   place  KIND NAME COUNTRY ADMIN1 LAT LON ALIASES   our own places (KIND:
 *          country, admin1, city, region, sea, area, continent; COUNTRY an
 *          ISO alpha-3 code or "-"; ADMIN1 a GeoNames code or "-"; ALIASES
 *          "|"-separated or "-")
 *   alias  NAME COUNTRY TARGET KIND   NAME also means the TARGET entry
 *   rename NAME COUNTRY TARGET KIND   the same, and NAME becomes its
 *          display name (places renamed since the GeoNames snapshot)
 *   code   ALPHA2 ALPHA3 NAME         a country ISO 3166-1 lacks
 * A bad line stops the build with its line number.  Aliases of cities are
 * skipped when the cities are not available (counted in the report).
 */
#include "gazetteer_build.h"
#include "fold.h"
#include "gazetteer.h"
#include "lexicon.h"
#include "../util/error.h"
#include "../util/model_file.h"
#include "../util/text_file.h"
#include "../util/utf8.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    ALTERNATE_NAME_POPULATION = 15000,
    COMMON_ALTERNATE_POPULATION = 100000,
    MIN_CITY_NAME_BYTES = 3,
    MIN_CITY_NAME_LETTERS = 3,
    MAX_FOLDED = 256
};

/* ------------------------------------------------ a string hash table */

typedef struct string_table {
    char **keys;
    uint32_t *values;
    size_t count, capacity;   /* capacity: a power of two */
} string_table;

static uint64_t hash_string(const char *text) {
    return gazetteer_hash(text, strlen(text));
}

static bool table_grow(string_table *t) {
    size_t capacity = t->capacity ? t->capacity * 2 : 1024;
    char **keys = calloc(capacity, sizeof *keys);
    uint32_t *values = calloc(capacity, sizeof *values);
    if (!keys || !values) {
        free(keys);
        free(values);
        return false;
    }
    for (size_t i = 0; i < t->capacity; i++) {
        if (!t->keys[i]) continue;
        size_t slot = hash_string(t->keys[i]) & (capacity - 1);
        while (keys[slot]) slot = (slot + 1) & (capacity - 1);
        keys[slot] = t->keys[i];
        values[slot] = t->values[i];
    }
    free(t->keys);
    free(t->values);
    t->keys = keys;
    t->values = values;
    t->capacity = capacity;
    return true;
}

/* The slot of key, or of the empty place it would go. */
static size_t table_slot(const string_table *t, const char *key) {
    size_t slot = hash_string(key) & (t->capacity - 1);
    while (t->keys[slot] && strcmp(t->keys[slot], key) != 0) slot = (slot + 1) & (t->capacity - 1);
    return slot;
}

static bool table_get(const string_table *t, const char *key, uint32_t *value) {
    if (!t->capacity) return false;
    size_t slot = table_slot(t, key);
    if (!t->keys[slot]) return false;
    if (value) *value = t->values[slot];
    return true;
}

/* Inserts key (copied) if absent; *value is set to the stored value. */
static bool table_put(string_table *t, const char *key, uint32_t value, uint32_t *stored,
                      bool *added) {
    if ((t->count + 1) * 2 > t->capacity && !table_grow(t)) return false;
    size_t slot = table_slot(t, key);
    *added = !t->keys[slot];
    if (*added) {
        t->keys[slot] = strdup(key);
        if (!t->keys[slot]) return false;
        t->values[slot] = value;
        t->count++;
    }
    if (stored) *stored = t->values[slot];
    return true;
}

static void table_free(string_table *t) {
    for (size_t i = 0; i < t->capacity; i++) free(t->keys[i]);
    free(t->keys);
    free(t->values);
    memset(t, 0, sizeof *t);
}

/* ------------------------------------------------------ the builder */

typedef struct build_entry {
    gazetteer_entry disk;     /* name and admin1 offsets filled when written */
    char *name;
    char *admin1;
    double x, y, z, weight;   /* population-weighted centre of its cities */
    double population;
} build_entry;

typedef struct name_record {
    char *key;
    uint16_t flags;
    uint32_t *postings;
    size_t count, capacity;
} name_record;

typedef struct builder {
    const gazetteer_sources *sources;
    dyad_error *error;
    build_entry *entries;
    size_t entry_count, entry_capacity;
    name_record *names;
    size_t name_count, name_capacity;
    string_table name_index;      /* folded name → names[] index */
    string_table countries;       /* alpha-2 → entry index */
    string_table alpha3;          /* alpha-3 → entry index */
    string_table subdivisions;    /* "UA.05" → entry index */
    string_table common_words;    /* lower-case WordNet lemmas, folded */
    lexicon *context;             /* region words, from context.txt */
    gazetteer_build_report *report;
    bool has_cities;
} builder;

static dyad_status out_of_memory(builder *b) {
    return error_set(b->error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
}

static long add_entry(builder *b, uint8_t kind, const char *name, const char *country3,
                      const char *admin1) {
    /* country3 may point into b->entries, which may move below */
    char country[4] = "";
    if (country3) snprintf(country, sizeof country, "%s", country3);
    if (b->entry_count == b->entry_capacity) {
        size_t capacity = b->entry_capacity ? b->entry_capacity * 2 : 4096;
        build_entry *bigger = realloc(b->entries, capacity * sizeof *bigger);
        if (!bigger) return -1;
        b->entries = bigger;
        b->entry_capacity = capacity;
    }
    build_entry *e = &b->entries[b->entry_count];
    memset(e, 0, sizeof *e);
    e->disk.kind = kind;
    memcpy(e->disk.country, country, sizeof country);
    e->name = strdup(name);
    e->admin1 = admin1 ? strdup(admin1) : NULL;
    if (!e->name || (admin1 && !e->admin1)) return -1;
    return (long)b->entry_count++;
}

static name_record *record_for(builder *b, const char *folded) {
    uint32_t index;
    bool added;
    if (!table_put(&b->name_index, folded, (uint32_t)b->name_count, &index, &added)) return NULL;
    if (!added) return &b->names[index];
    if (b->name_count == b->name_capacity) {
        size_t capacity = b->name_capacity ? b->name_capacity * 2 : 8192;
        name_record *bigger = realloc(b->names, capacity * sizeof *bigger);
        if (!bigger) return NULL;
        b->names = bigger;
        b->name_capacity = capacity;
    }
    name_record *r = &b->names[b->name_count++];
    memset(r, 0, sizeof *r);
    r->key = strdup(folded);
    return r->key ? r : NULL;
}

static bool is_upper_alias(const char *name) {
    size_t length = strlen(name), letters = 0;
    if (length > 5) return false;
    for (size_t i = 0; i < length; i++) {
        if (isupper((unsigned char)name[i])) letters++;
        else if (name[i] != '.') return false;
    }
    return letters >= 2;
}

/* Indexes `name` for entry; needs_region marks a subdivision's name
 * without its region word.  Returns false on memory failure only. */
static bool add_name(builder *b, const char *name, uint32_t entry, bool needs_region) {
    char folded[MAX_FOLDED];
    size_t length = fold_text(name, strlen(name), folded, sizeof folded);
    if (length == (size_t)-1 || length == 0) return true;
    name_record *r = record_for(b, folded);
    if (!r) return false;
    uint32_t posting = entry | (needs_region ? GAZETTEER_POSTING_NEEDS_REGION : 0);
    for (size_t i = 0; i < r->count; i++)
        if ((r->postings[i] & ~GAZETTEER_POSTING_NEEDS_REGION) == entry) {
            if (!needs_region) r->postings[i] = entry;   /* the plain name wins */
            return true;
        }
    if (r->count == r->capacity) {
        size_t capacity = r->capacity ? r->capacity * 2 : 2;
        uint32_t *bigger = realloc(r->postings, capacity * sizeof *bigger);
        if (!bigger) return false;
        r->postings = bigger;
        r->capacity = capacity;
    }
    r->postings[r->count++] = posting;
    if (is_upper_alias(name)) r->flags |= GAZETTEER_UPPER_CASE;
    /* every proper prefix at a word boundary, so matching can extend */
    for (size_t i = 0; i < length; i++) {
        if (folded[i] != ' ') continue;
        folded[i] = '\0';
        name_record *prefix = record_for(b, folded);
        folded[i] = ' ';
        if (!prefix) return false;
        prefix->flags |= GAZETTEER_PREFIX;
    }
    return true;
}

/* ----------------------------------------------------------- sources */

static const char *json_text(json_t *object, const char *key) {
    json_t *value = json_object_get(object, key);
    return json_is_string(value) ? json_string_value(value) : NULL;
}

/* Reads a JSON file whose list stands at `key` of the top object (or is
 * the top value when key is NULL).  Returns the document for the caller to
 * json_decref, *list pointing into it; NULL with the error set when the
 * file does not parse or holds no such list (`missing` says what was
 * expected). */
static json_t *load_json_list(builder *b, const char *path, const char *key, const char *missing,
                              json_t **list) {
    json_error_t json_error;
    json_t *root = json_load_file(path, 0, &json_error);
    if (!root) {
        error_set(b->error, DYAD_ERR_MODEL, path, json_error.line, -1, "%s", json_error.text);
        return NULL;
    }
    *list = key ? json_object_get(root, key) : root;
    if (!json_is_array(*list)) {
        json_decref(root);
        error_set(b->error, DYAD_ERR_MODEL, path, 0, -1, "%s", missing);
        return NULL;
    }
    return root;
}

static dyad_status load_countries(builder *b) {
    json_t *list;
    json_t *root = load_json_list(b, b->sources->countries_json, "3166-1", "no \"3166-1\" list",
                                  &list);
    if (!root) return b->error->status;
    size_t i;
    json_t *country;
    json_array_foreach(list, i, country) {
        const char *alpha2 = json_text(country, "alpha_2"), *alpha3 = json_text(country, "alpha_3");
        const char *name = json_text(country, "name"), *common = json_text(country, "common_name");
        const char *official = json_text(country, "official_name");
        if (!alpha2 || !alpha3 || !name || strlen(alpha3) != 3) {
            json_decref(root);
            return error_set(b->error, DYAD_ERR_MODEL, b->sources->countries_json, 0, -1,
                             "country %zu lacks alpha_2, alpha_3 or name", i);
        }
        bool plain = strchr(name, ',') == NULL;
        const char *display = common ? common : plain ? name : official ? official : name;
        long entry = add_entry(b, PLACE_COUNTRY, display, alpha3, NULL);
        bool added;
        if (entry < 0 || !table_put(&b->countries, alpha2, (uint32_t)entry, NULL, &added) ||
            !table_put(&b->alpha3, alpha3, (uint32_t)entry, NULL, &added) ||
            (plain && !add_name(b, name, (uint32_t)entry, false)) ||
            (common && !add_name(b, common, (uint32_t)entry, false)) ||
            (official && !add_name(b, strncmp(official, "the ", 4) == 0 ? official + 4 : official,
                                   (uint32_t)entry, false))) {
            json_decref(root);
            return out_of_memory(b);
        }
        b->report->countries++;
    }
    json_decref(root);
    return DYAD_OK;
}

/* "Zhytomyr Oblast" is also "Zhytomyr" before a region word. */
static bool add_subdivision_names(builder *b, const char *name, uint32_t entry) {
    if (!add_name(b, name, entry, false)) return false;
    char folded[MAX_FOLDED];
    size_t length = fold_text(name, strlen(name), folded, sizeof folded);
    if (length == (size_t)-1) return true;
    char *space = strrchr(folded, ' ');
    if (!space) return true;
    const lexeme *last = lexicon_find(b->context, space + 1, strlen(space + 1));
    if (!last || !(last->classes & LEX_REGION)) return true;
    /* cut the region word off the original name, not the folded one, so
     * add_name folds it the same way */
    char copy[MAX_FOLDED];
    snprintf(copy, sizeof copy, "%s", name);
    char *cut = strrchr(copy, ' ');
    if (!cut) return true;
    *cut = '\0';
    return add_name(b, copy, entry, true);
}

static dyad_status load_subdivisions(builder *b) {
    if (!b->sources->admin1_json) return DYAD_OK;
    json_t *list;
    json_t *root = load_json_list(b, b->sources->admin1_json, NULL,
                                  "expected a list of {code, name}", &list);
    if (!root) return b->error->status;
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item) {
        const char *code = json_text(item, "code"), *name = json_text(item, "name");
        if (!code || !name || strlen(code) < 4 || code[2] != '.') {
            json_decref(root);
            return error_set(b->error, DYAD_ERR_MODEL, b->sources->admin1_json, 0, -1,
                             "item %zu: bad code or name", i);
        }
        char alpha2[3] = {code[0], code[1], '\0'};
        uint32_t country;
        if (!table_get(&b->countries, alpha2, &country)) continue;   /* no ISO country */
        long entry = add_entry(b, PLACE_ADMIN1, name, b->entries[country].disk.country, code);
        bool added;
        if (entry < 0 || !table_put(&b->subdivisions, code, (uint32_t)entry, NULL, &added) ||
            !add_subdivision_names(b, name, (uint32_t)entry)) {
            json_decref(root);
            return out_of_memory(b);
        }
        b->report->subdivisions++;
    }
    json_decref(root);
    return DYAD_OK;
}

/* A town's name of fewer than MIN_CITY_NAME_LETTERS letters once folded
 * ("Ūn", "Of") is more often a word than the town. */
static bool long_enough(const char *name) {
    char folded[MAX_FOLDED];
    size_t length = fold_text(name, strlen(name), folded, sizeof folded);
    return length != (size_t)-1 && length >= MIN_CITY_NAME_LETTERS;
}

/* Latin script, no digits, not an all-capitals code. */
static bool usable_alternate(const char *name, size_t length) {
    if (length < MIN_CITY_NAME_BYTES) return false;
    size_t letters = 0, uppers = 0;
    for (size_t i = 0; i < length;) {
        int32_t codepoint;
        size_t step = utf8_decode((const unsigned char *)name + i, length - i, &codepoint);
        if (!step) return false;
        if (codepoint >= '0' && codepoint <= '9') return false;
        if (codepoint >= 0x0250 && !(codepoint >= 0x1E00 && codepoint <= 0x1EFF) &&
            codepoint != 0x2019 && codepoint != 0x2018)
            return false;
        if (isalpha(codepoint < 0x80 ? codepoint : 'a')) {
            letters++;
            if (codepoint < 0x80 && isupper(codepoint)) uppers++;
        }
        i += step;
    }
    return letters >= 3 && uppers < letters;
}

static bool is_common_word(const builder *b, const char *name) {
    char folded[MAX_FOLDED];
    size_t length = fold_text(name, strlen(name), folded, sizeof folded);
    return length != (size_t)-1 && table_get(&b->common_words, folded, NULL);
}

static void add_to_centre(build_entry *e, double lat, double lon, double weight) {
    double phi = lat * M_PI / 180, lambda = lon * M_PI / 180;
    e->x += weight * cos(phi) * cos(lambda);
    e->y += weight * cos(phi) * sin(lambda);
    e->z += weight * sin(phi);
    e->weight += weight;
    e->population += weight;
}

static dyad_status load_cities(builder *b) {
    if (!b->sources->cities_tsv) return DYAD_OK;
    text_file file;
    dyad_status status = text_file_open(&file, b->sources->cities_tsv, b->error);
    char *line;
    while (status == DYAD_OK && (line = text_file_next(&file))) {
        long line_number = file.line;
        char *fields[19];
        int count = 0;
        for (char *cursor = line; count < 19;) {
            fields[count++] = cursor;
            char *tab = strchr(cursor, '\t');
            if (!tab) break;
            *tab = '\0';
            cursor = tab + 1;
        }
        if (count < 15) {
            status = error_set(b->error, DYAD_ERR_MODEL, b->sources->cities_tsv, line_number, -1,
                               "expected the 19 GeoNames columns, found %d", count);
            break;
        }
        const char *name = fields[1], *ascii = fields[2];
        char *alternates = fields[3];
        char *end;
        double lat = strtod(fields[4], &end), lon = strtod(fields[5], NULL);
        long population = strtol(fields[14], NULL, 10);
        uint32_t country;
        if (!table_get(&b->countries, fields[8], &country)) continue;   /* no ISO country */
        char admin1[32];
        snprintf(admin1, sizeof admin1, "%s.%s", fields[8], fields[10]);
        uint32_t subdivision;
        bool has_subdivision = table_get(&b->subdivisions, admin1, &subdivision);
        long entry = add_entry(b, PLACE_CITY, name, b->entries[country].disk.country,
                               fields[10][0] ? admin1 : NULL);
        if (entry < 0) {
            status = out_of_memory(b);
            break;
        }
        build_entry *e = &b->entries[entry];
        e->disk.lat = (float)lat;
        e->disk.lon = (float)lon;
        e->disk.population = population > 0 ? (uint32_t)(population > 4000000000L ? 4000000000L : population) : 0;
        e->disk.flags |= ENTRY_HAS_COORDINATES;
        if (strcmp(fields[7], "PPLC") == 0) e->disk.flags |= ENTRY_CAPITAL;
        size_t alternate_count = *alternates ? 1 : 0;
        for (const char *comma = alternates; (comma = strchr(comma, ',')); comma++) alternate_count++;
        e->disk.alternates = (uint16_t)(alternate_count > UINT16_MAX ? UINT16_MAX : alternate_count);
        double weight = population > 0 ? (double)population : 0;
        add_to_centre(&b->entries[country], lat, lon, weight);
        if (has_subdivision) add_to_centre(&b->entries[subdivision], lat, lon, weight);
        bool ok = true;
        if (long_enough(name)) ok = add_name(b, name, (uint32_t)entry, false);
        if (ok && long_enough(ascii)) ok = add_name(b, ascii, (uint32_t)entry, false);
        if (ok && population >= ALTERNATE_NAME_POPULATION && *alternates) {
            for (char *alternate = alternates, *comma; alternate && ok; alternate = comma) {
                comma = strchr(alternate, ',');
                if (comma) *comma++ = '\0';
                /* a common word as the alternate name of a town is more
                 * often noise than an exonym; big cities keep theirs
                 * ("Geneva" is also a gin) */
                if (usable_alternate(alternate, strlen(alternate)) &&
                    (population >= COMMON_ALTERNATE_POPULATION || !is_common_word(b, alternate)))
                    ok = add_name(b, alternate, (uint32_t)entry, false);
            }
        }
        if (!ok) status = out_of_memory(b);
        b->report->cities++;
    }
    text_file_close(&file);
    b->has_cities = status == DYAD_OK && b->report->cities > 0;
    return status;
}

static dyad_status load_common_words(builder *b) {
    if (!b->sources->wordnet_dir) return DYAD_OK;
    static const char *const files[] = {"data.noun", "data.verb", "data.adj", "data.adv"};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", b->sources->wordnet_dir, files[f]);
        text_file file;
        dyad_status status = text_file_open(&file, path, b->error);
        if (status != DYAD_OK) return status;
        for (char *line; (line = text_file_next(&file));) {
            if (line[0] == ' ') continue;   /* the licence header */
            /* offset lex_filenum ss_type w_cnt (word lex_id){w_cnt} ... */
            char *save = NULL;
            strtok_r(line, " ", &save);
            strtok_r(NULL, " ", &save);
            strtok_r(NULL, " ", &save);
            char *count_text = strtok_r(NULL, " ", &save);
            if (!count_text) continue;
            long words = strtol(count_text, NULL, 16);
            for (long w = 0; w < words; w++) {
                char *word = strtok_r(NULL, " ", &save);
                if (!strtok_r(NULL, " ", &save) || !word) break;
                char *marker = strchr(word, '(');
                if (marker) *marker = '\0';
                bool lower = true;
                for (char *ch = word; *ch; ch++) {
                    if (*ch == '_') *ch = ' ';
                    if (isupper((unsigned char)*ch)) lower = false;
                }
                if (!lower) continue;
                char folded[MAX_FOLDED];
                size_t length = fold_text(word, strlen(word), folded, sizeof folded);
                bool added;
                if (length != (size_t)-1 && !table_put(&b->common_words, folded, 0, NULL, &added)) {
                    text_file_close(&file);
                    return out_of_memory(b);
                }
            }
        }
        text_file_close(&file);
    }
    return DYAD_OK;
}

/* ---------------------------------------------------------- supplement */

typedef struct supplement_line {
    char *fields[8];
    int count;
    long number;
} supplement_line;

static dyad_status bad_supplement(builder *b, const char *path, long line, const char *what) {
    return error_set(b->error, DYAD_ERR_MODEL, path, line, -1, "%s", what);
}

static int kind_from_name(const char *name) {
    static const char *const kinds[] = {NULL, "country", "admin1", "city", "region", "sea", "area",
                                        "continent", "river"};
    for (int k = 1; k < (int)(sizeof kinds / sizeof *kinds); k++)
        if (strcmp(kinds[k], name) == 0) return k;
    return 0;
}

static bool parse_coordinate(const char *text, double low, double high, double *value) {
    char *end;
    errno = 0;
    *value = strtod(text, &end);
    return end != text && *end == '\0' && errno == 0 && *value >= low && *value <= high;
}

/* The entry named target (folded) in country (alpha-3) of kind; -1 if none. */
static long find_target(const builder *b, const char *target, const char *country, int kind) {
    uint32_t code;
    if (kind == PLACE_COUNTRY && strlen(target) == 3 && isupper((unsigned char)target[0]) &&
        table_get(&b->alpha3, target, &code))
        return strcmp(b->entries[code].disk.country, country) == 0 ? (long)code : -1;
    char folded[MAX_FOLDED];
    size_t length = fold_text(target, strlen(target), folded, sizeof folded);
    uint32_t index;
    if (length == (size_t)-1 || !table_get(&b->name_index, folded, &index)) return -1;
    const name_record *r = &b->names[index];
    long best = -1;
    for (size_t i = 0; i < r->count; i++) {
        uint32_t entry = r->postings[i] & ~GAZETTEER_POSTING_NEEDS_REGION;
        const build_entry *e = &b->entries[entry];
        if (e->disk.kind != kind || strcmp(e->disk.country, country) != 0) continue;
        if (best < 0 || e->disk.population > b->entries[best].disk.population) best = entry;
    }
    return best;
}

static dyad_status load_supplement(builder *b, int pass) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/extract/places.tsv", b->sources->data_dir);
    text_file file;
    dyad_status status = text_file_open(&file, path, b->error);
    char *line;
    while (status == DYAD_OK && (line = text_file_next(&file))) {
        long line_number = file.line;
        char *comment = strchr(line, '#');
        if (comment) *comment = '\0';
        size_t length = strlen(line);
        while (length && (line[length - 1] == ' ' || line[length - 1] == '\t' || line[length - 1] == '\r'))
            line[--length] = '\0';
        if (!length) continue;
        supplement_line record = {.number = line_number};
        for (char *cursor = line; cursor && record.count < 8;) {
            record.fields[record.count++] = cursor;
            char *tab = strchr(cursor, '\t');
            if (tab) *tab = '\0';
            cursor = tab ? tab + 1 : NULL;
            while (cursor && *cursor == '\t') cursor++;
        }
        const char *type = record.fields[0];
        if (strcmp(type, "code") == 0) {
            if (record.count != 4 || strlen(record.fields[1]) != 2 || strlen(record.fields[2]) != 3) {
                status = bad_supplement(b, path, line_number, "code wants: code ALPHA2 ALPHA3 NAME");
                break;
            }
            if (pass != 0) continue;
            long entry = add_entry(b, PLACE_COUNTRY, record.fields[3], record.fields[2], NULL);
            bool added;
            if (entry < 0 || !table_put(&b->countries, record.fields[1], (uint32_t)entry, NULL, &added) ||
                !table_put(&b->alpha3, record.fields[2], (uint32_t)entry, NULL, &added) ||
                !add_name(b, record.fields[3], (uint32_t)entry, false))
                status = out_of_memory(b);
            b->report->supplement++;
        } else if (strcmp(type, "place") == 0) {
            if (record.count != 8) {
                status = bad_supplement(b, path, line_number,
                                        "place wants: place KIND NAME COUNTRY ADMIN1 LAT LON ALIASES");
                break;
            }
            if (pass != 1) continue;
            int kind = kind_from_name(record.fields[1]);
            double lat, lon;
            const char *country = strcmp(record.fields[3], "-") == 0 ? NULL : record.fields[3];
            const char *admin1 = strcmp(record.fields[4], "-") == 0 ? NULL : record.fields[4];
            if (!kind) {
                status = bad_supplement(b, path, line_number, "unknown kind");
                break;
            }
            if (country && !table_get(&b->alpha3, country, NULL)) {
                status = bad_supplement(b, path, line_number, "unknown country code (ISO alpha-3)");
                break;
            }
            if (!parse_coordinate(record.fields[5], -90, 90, &lat) ||
                !parse_coordinate(record.fields[6], -180, 180, &lon)) {
                status = bad_supplement(b, path, line_number, "bad latitude or longitude");
                break;
            }
            long entry = add_entry(b, (uint8_t)kind, record.fields[2], country, admin1);
            if (entry < 0) {
                status = out_of_memory(b);
                break;
            }
            build_entry *e = &b->entries[entry];
            e->disk.lat = (float)lat;
            e->disk.lon = (float)lon;
            e->disk.flags |= ENTRY_HAS_COORDINATES | ENTRY_SUPPLEMENT;
            bool ok = add_name(b, record.fields[2], (uint32_t)entry, false);
            if (strcmp(record.fields[7], "-") != 0) {
                for (char *alias = record.fields[7], *bar; alias && ok; alias = bar) {
                    bar = strchr(alias, '|');
                    if (bar) *bar++ = '\0';
                    ok = add_name(b, alias, (uint32_t)entry, false);
                }
            }
            if (!ok) status = out_of_memory(b);
            b->report->supplement++;
        } else if (strcmp(type, "alias") == 0 || strcmp(type, "rename") == 0) {
            if (record.count != 5) {
                status = bad_supplement(b, path, line_number,
                                        "alias/rename wants: NAME COUNTRY TARGET KIND");
                break;
            }
            if (pass != 2) continue;
            int kind = kind_from_name(record.fields[4]);
            if (!kind) {
                status = bad_supplement(b, path, line_number, "unknown kind");
                break;
            }
            long entry = find_target(b, record.fields[3], record.fields[2], kind);
            if (entry < 0) {
                if ((kind == PLACE_CITY && !b->has_cities) ||
                    (kind == PLACE_ADMIN1 && !b->sources->admin1_json)) {
                    b->report->skipped_aliases++;   /* reported by the tool */
                    continue;
                }
                status = bad_supplement(b, path, line_number, "the target is not in the gazetteer");
                break;
            }
            if (!add_name(b, record.fields[1], (uint32_t)entry, false)) {
                status = out_of_memory(b);
                break;
            }
            if (strcmp(type, "rename") == 0) {
                char *name = strdup(record.fields[1]);
                if (!name) {
                    status = out_of_memory(b);
                    break;
                }
                free(b->entries[entry].name);
                b->entries[entry].name = name;
            }
        } else {
            status = bad_supplement(b, path, line_number, "unknown record (place, alias, rename, code)");
        }
    }
    text_file_close(&file);
    return status;
}

/* ------------------------------------------------------------ output */

static int kind_rank(uint8_t kind) {
    switch (kind) {
    case PLACE_COUNTRY: return 0;
    case PLACE_CITY: return 2;
    case PLACE_ADMIN1: return 3;
    default: return 1;
    }
}

/* A posting with its sort key, so that qsort needs no context. */
typedef struct ranked_posting {
    int rank;
    uint32_t population;
    uint32_t posting;
} ranked_posting;

static int compare_postings(const void *left, const void *right) {
    const ranked_posting *a = left, *b = right;
    if (a->rank != b->rank) return a->rank - b->rank;
    return a->population > b->population ? -1 : a->population < b->population;
}

/* Best first: countries, our own places, cities by population, subdivisions. */
static bool sort_postings(const builder *b, name_record *r) {
    if (r->count < 2) return true;
    ranked_posting *ranked = malloc(r->count * sizeof *ranked);
    if (!ranked) return false;
    for (size_t i = 0; i < r->count; i++) {
        const build_entry *e = &b->entries[r->postings[i] & ~GAZETTEER_POSTING_NEEDS_REGION];
        ranked[i] = (ranked_posting){kind_rank(e->disk.kind), e->disk.population, r->postings[i]};
    }
    qsort(ranked, r->count, sizeof *ranked, compare_postings);
    for (size_t i = 0; i < r->count; i++) r->postings[i] = ranked[i].posting;
    free(ranked);
    return true;
}

/* "reading", "white house": every word of the name is a common English
 * word (lower case in WordNet) */
static bool all_words_common(const builder *b, const char *folded) {
    char word[MAX_FOLDED];
    const char *start = folded;
    for (;;) {
        const char *space = strchr(start, ' ');
        size_t length = space ? (size_t)(space - start) : strlen(start);
        if (!length || length >= sizeof word) return false;
        memcpy(word, start, length);
        word[length] = '\0';
        if (!table_get(&b->common_words, word, NULL)) return false;
        if (!space) return true;
        start = space + 1;
    }
}

static bool append_string(dyad_buffer *strings, const char *text, uint32_t *offset) {
    if (strings->length > UINT32_MAX - strlen(text) - 1) return false;
    *offset = (uint32_t)strings->length;
    size_t length = strlen(text) + 1;
    if (strings->length + length > strings->capacity) {
        size_t capacity = strings->capacity ? strings->capacity : 1 << 20;
        while (capacity < strings->length + length) capacity *= 2;
        char *bigger = realloc(strings->data, capacity);
        if (!bigger) return false;
        strings->data = bigger;
        strings->capacity = capacity;
    }
    memcpy(strings->data + strings->length, text, length);
    strings->length += length;
    return true;
}

static dyad_status write_output(builder *b, const char *output) {
    /* centres of countries and subdivisions */
    for (size_t i = 0; i < b->entry_count; i++) {
        build_entry *e = &b->entries[i];
        if (e->disk.kind != PLACE_COUNTRY && e->disk.kind != PLACE_ADMIN1) continue;
        if (e->population > 0)
            e->disk.population = e->population > 4e9 ? 4000000000u : (uint32_t)e->population;
        if ((e->disk.flags & ENTRY_HAS_COORDINATES) || e->weight <= 0) continue;
        double horizontal = sqrt(e->x * e->x + e->y * e->y);
        e->disk.lat = (float)(atan2(e->z, horizontal) * 180 / M_PI);
        e->disk.lon = (float)(atan2(e->y, e->x) * 180 / M_PI);
        e->disk.flags |= ENTRY_HAS_COORDINATES;
    }
    dyad_buffer strings = {0};
    dyad_status status = DYAD_OK;
    gazetteer_entry *entries = calloc(b->entry_count ? b->entry_count : 1, sizeof *entries);
    gazetteer_name *names = calloc(b->name_count ? b->name_count : 1, sizeof *names);
    size_t posting_count = 0;
    for (size_t i = 0; i < b->name_count; i++) posting_count += b->names[i].count;
    uint32_t *postings = calloc(posting_count ? posting_count : 1, sizeof *postings);
    size_t slot_count = 1;
    while (slot_count < b->name_count * 2) slot_count *= 2;
    uint32_t *slots = calloc(slot_count, sizeof *slots);
    uint32_t offset;
    bool ok = entries && names && postings && slots && append_string(&strings, "", &offset);
    for (size_t i = 0; ok && i < b->entry_count; i++) {
        entries[i] = b->entries[i].disk;
        ok = append_string(&strings, b->entries[i].name, &entries[i].name);
        if (ok && b->entries[i].admin1) ok = append_string(&strings, b->entries[i].admin1, &entries[i].admin1);
    }
    size_t next_posting = 0;
    for (size_t i = 0; ok && i < b->name_count; i++) {
        name_record *r = &b->names[i];
        ok = sort_postings(b, r);
        if (r->count > UINT16_MAX) r->count = UINT16_MAX;
        names[i].first = (uint32_t)next_posting;
        names[i].count = (uint16_t)r->count;
        names[i].flags = r->flags;
        if (r->count && all_words_common(b, r->key)) {
            names[i].flags |= GAZETTEER_COMMON_WORD;
            b->report->common_words++;
        }
        if (r->count) memcpy(postings + next_posting, r->postings, r->count * sizeof *postings);
        next_posting += r->count;
        ok = ok && append_string(&strings, r->key, &names[i].key);
        size_t slot = gazetteer_hash(r->key, strlen(r->key)) & (slot_count - 1);
        while (slots[slot]) slot = (slot + 1) & (slot_count - 1);
        slots[slot] = (uint32_t)i + 1;
    }
    gazetteer_meta meta = {.format = GAZETTEER_FORMAT,
                           .entry_count = (uint32_t)b->entry_count,
                           .name_count = (uint32_t)b->name_count,
                           .slot_count = (uint32_t)slot_count,
                           .posting_count = (uint32_t)next_posting,
                           .has_cities = b->has_cities};
    model_writer *writer = ok ? model_writer_new("gazetteer") : NULL;
    ok = writer && model_writer_add(writer, "meta", &meta, sizeof meta) &&
         model_writer_add(writer, "entries", entries, b->entry_count * sizeof *entries) &&
         model_writer_add(writer, "names", names, b->name_count * sizeof *names) &&
         model_writer_add(writer, "slots", slots, slot_count * sizeof *slots) &&
         model_writer_add(writer, "postings", postings, next_posting * sizeof *postings) &&
         model_writer_add(writer, "strings", strings.data, strings.length);
    if (ok) status = model_writer_save(writer, output, b->error);
    else status = out_of_memory(b);
    b->report->names = b->name_count;
    model_writer_free(writer);
    free(strings.data);
    free(entries);
    free(names);
    free(postings);
    free(slots);
    return status;
}

dyad_status gazetteer_build(const gazetteer_sources *sources, const char *output,
                            gazetteer_build_report *report, dyad_error *error) {
    memset(report, 0, sizeof *report);
    error_clear(error);
    builder b = {.sources = sources, .error = error, .report = report};
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/extract/context.txt", sources->data_dir);
    dyad_status status = DYAD_OK;
    b.context = lexicon_new();
    if (!b.context) status = out_of_memory(&b);
    if (status == DYAD_OK) status = lexicon_load_file(b.context, path, error);
    if (status == DYAD_OK) status = load_common_words(&b);
    if (status == DYAD_OK) status = load_countries(&b);
    if (status == DYAD_OK) status = load_supplement(&b, 0);
    if (status == DYAD_OK) status = load_subdivisions(&b);
    if (status == DYAD_OK) status = load_cities(&b);
    if (status == DYAD_OK) status = load_supplement(&b, 1);
    if (status == DYAD_OK) status = load_supplement(&b, 2);
    if (status == DYAD_OK) status = write_output(&b, output);
    for (size_t i = 0; i < b.entry_count; i++) {
        free(b.entries[i].name);
        free(b.entries[i].admin1);
    }
    free(b.entries);
    for (size_t i = 0; i < b.name_count; i++) {
        free(b.names[i].key);
        free(b.names[i].postings);
    }
    free(b.names);
    table_free(&b.name_index);
    table_free(&b.countries);
    table_free(&b.alpha3);
    table_free(&b.subdivisions);
    table_free(&b.common_words);
    lexicon_free(b.context);
    return status;
}
