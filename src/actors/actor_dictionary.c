/*
 * actor_dictionary.c — see actor_dictionary.h.
 */
#include "actor_dictionary.h"
#include "../util/error.h"
#include "../util/utf8.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* A growable array on the heap, used only while building. */
#define GROW(array, count, capacity, extra)                                                   \
    grow_array((void **)&(array), (count), &(capacity), sizeof *(array), (extra))

static bool grow_array(void **array, size_t count, size_t *capacity, size_t item_size,
                       size_t extra) {
    if (count + extra <= *capacity) return true;
    size_t wanted = *capacity ? *capacity : 64;
    while (wanted < count + extra) wanted *= 2;
    void *bigger = realloc(*array, wanted * item_size);
    if (!bigger) return false;
    *array = bigger;
    *capacity = wanted;
    return true;
}

/* One edge of the discard byte trie: first-child / next-sibling lists
 * keep it small; there are a few hundred discards. */
typedef struct discard_node {
    int32_t child, sibling;
    uint8_t byte;
    uint8_t terminal;        /* 0, or DISCARD_* flags | 0x80 */
} discard_node;

struct actor_dictionary {
    char *pool;
    size_t pool_length, pool_capacity;

    uint32_t *sources;
    size_t source_count, source_capacity;

    actor_entry *entries;
    size_t entry_count, entry_capacity;
    actor_code_range *ranges;
    size_t range_count, range_capacity;
    actor_agent *agents;
    size_t agent_count, agent_capacity;

    /* interned words: offset/length in the pool and hash, plus an open
     * addressing table of word ids */
    uint32_t *word_offsets;
    uint16_t *word_lengths;
    uint32_t *word_hashes;
    size_t word_count, word_capacity;
    int32_t *word_slots;
    size_t word_slot_count;  /* power of two */

    actor_phrase *phrases;
    size_t phrase_count, phrase_capacity;
    int32_t *phrase_words;   /* word ids of all phrases, back to back */
    uint8_t *phrase_cases;   /* case rules, parallel to phrase_words */
    size_t phrase_word_count, phrase_word_capacity;

    /* the trie: edges (node, word) → child in one hash table; terminal
     * phrases of each node in CSR form */
    uint64_t *edge_keys;
    int32_t *edge_children;
    size_t edge_slot_count;  /* power of two */
    size_t node_count;
    uint32_t *terminal_starts;   /* node_count + 1 */
    uint32_t *terminals;

    /* discards: folded phrases collected while building, then a byte trie */
    char **discard_texts;
    uint8_t *discard_flags;
    size_t discard_count, discard_capacity;
    discard_node *discard_nodes;
    size_t discard_node_count, discard_node_capacity;

    bool finished;
};

/* ------------------------------------------------------------- reports */

void actor_load_report_init(actor_load_report *report, size_t message_limit) {
    memset(report, 0, sizeof *report);
    report->message_limit = message_limit;
}

void actor_load_report_free(actor_load_report *report) {
    if (!report) return;
    free(report->messages);
    report->messages = NULL;
    report->message_count = 0;
}

dyad_status actor_load_problem(actor_load_report *report, dyad_error *error, const char *file,
                               long line, const char *format, ...) {
    char message[512];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(message, sizeof message, format, arguments);
    va_end(arguments);
    if (!report || report->strict)
        return error_set(error, DYAD_ERR_FORMAT, file, line, -1, "%s", message);
    report->problems++;
    if (report->message_count < report->message_limit) {
        if (!report->messages) {
            report->messages = calloc(report->message_limit, sizeof *report->messages);
            if (!report->messages) return DYAD_OK; /* the count is still right */
        }
        dyad_error *slot = &report->messages[report->message_count++];
        error_set(slot, DYAD_ERR_FORMAT, file, line, -1, "%s", message);
    }
    return DYAD_OK;
}

/* ------------------------------------------------------------- folding */

/* Appends a non-ASCII code point as actor words fold it (decomposed, case
 * folded, marks stripped, dots dropped) at out[*written].  False when
 * utf8proc cannot fold it or it would pass ACTOR_WORD_MAX; what fitted
 * before that stays written. */
static bool fold_append_codepoint(int32_t codepoint, char *out, size_t *written) {
    utf8proc_int32_t decomposed[8];
    utf8proc_ssize_t count = utf8proc_decompose_char(
        codepoint, decomposed, 8,
        UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_LUMP | UTF8PROC_STRIPMARK |
            UTF8PROC_IGNORE,
        NULL);
    if (count < 0 || count > 8) return false;
    for (utf8proc_ssize_t k = 0; k < count; k++) {
        if (decomposed[k] == '.') continue;
        char encoded[4];
        size_t encoded_size = utf8_encode(decomposed[k], encoded);
        if (*written + encoded_size > ACTOR_WORD_MAX) return false;
        memcpy(out + *written, encoded, encoded_size);
        *written += encoded_size;
    }
    return true;
}

size_t actor_fold_word(const char *text, size_t length, char *out) {
    size_t written = 0;
    size_t i = 0;
    while (i < length) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            i++;
            if (c == '.') continue;
            if (written >= ACTOR_WORD_MAX) return 0;
            out[written++] = (char)tolower(c);
            continue;
        }
        int32_t codepoint;
        size_t size = utf8_decode((const unsigned char *)text + i, length - i, &codepoint);
        if (size == 0) return 0;
        i += size;
        if (!fold_append_codepoint(codepoint, out, &written)) return 0;
    }
    out[written] = '\0';
    return written;
}

size_t actor_fold_shape(const char *text, size_t length, char *out, actor_word_shape *shape) {
    size_t written = 0, upper = 0, lower = 0;
    bool first_upper = false, first_seen = false, too_long = false;
    size_t i = 0;
    while (i < length) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            i++;
            bool is_upper = c >= 'A' && c <= 'Z', is_lower = c >= 'a' && c <= 'z';
            if (!first_seen && (is_upper || is_lower)) {
                first_seen = true;
                first_upper = is_upper;
            }
            upper += is_upper;
            lower += is_lower;
            if (c == '.') continue;
            if (written >= ACTOR_WORD_MAX) {
                too_long = true;
                continue;
            }
            out[written++] = is_upper ? (char)(c + ('a' - 'A')) : (char)c;
            continue;
        }
        int32_t codepoint;
        size_t size = utf8_decode((const unsigned char *)text + i, length - i, &codepoint);
        if (size == 0) {
            too_long = true;
            break;
        }
        i += size;
        bool is_upper = utf8proc_isupper(codepoint) != 0;
        bool is_lower = utf8proc_islower(codepoint) != 0;
        if (!first_seen && (is_upper || is_lower)) {
            first_seen = true;
            first_upper = is_upper;
        }
        upper += is_upper;
        lower += is_lower;
        if (!fold_append_codepoint(codepoint, out, &written)) too_long = true;
    }
    *shape = !first_seen    ? SHAPE_OTHER
             : lower == 0   ? (upper >= 2 ? SHAPE_UPPER : SHAPE_CAPITALISED)
             : first_upper ? SHAPE_CAPITALISED
                            : SHAPE_LOWER;
    if (too_long) written = 0;
    out[written] = '\0';
    return written;
}

actor_word_shape actor_word_shape_of(const char *text, size_t length) {
    size_t upper = 0, lower = 0;
    bool first_upper = false, first_seen = false;
    size_t i = 0;
    while (i < length) {
        int32_t codepoint;
        unsigned char c = (unsigned char)text[i];
        size_t size;
        if (c < 0x80) {
            codepoint = c;
            size = 1;
        } else {
            size = utf8_decode((const unsigned char *)text + i, length - i, &codepoint);
            if (size == 0) break;
        }
        i += size;
        bool is_upper = c < 0x80 ? isupper(c) != 0 : utf8proc_isupper(codepoint) != 0;
        bool is_lower = c < 0x80 ? islower(c) != 0 : utf8proc_islower(codepoint) != 0;
        if (!first_seen && (is_upper || is_lower)) {
            first_seen = true;
            first_upper = is_upper;
        }
        upper += is_upper;
        lower += is_lower;
    }
    if (!first_seen) return SHAPE_OTHER;
    if (lower == 0) return upper >= 2 ? SHAPE_UPPER : SHAPE_CAPITALISED;
    return first_upper ? SHAPE_CAPITALISED : SHAPE_LOWER;
}

/* -------------------------------------------------------------- hashing */

static uint32_t hash_bytes(const char *text, size_t length) {
    uint32_t hash = 2166136261u;
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)text[i];
        hash *= 16777619u;
    }
    return hash;
}

static uint64_t hash_edge(uint64_t key) {
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    key *= 0xc4ceb9fe1a85ec53ULL;
    key ^= key >> 33;
    return key;
}

/* ------------------------------------------------------------- building */

actor_dictionary *actor_dictionary_new(void) {
    actor_dictionary *dictionary = calloc(1, sizeof *dictionary);
    if (!dictionary) return NULL;
    dictionary->word_slot_count = 1024;
    dictionary->word_slots = malloc(dictionary->word_slot_count * sizeof(int32_t));
    if (!dictionary->word_slots) {
        free(dictionary);
        return NULL;
    }
    memset(dictionary->word_slots, 0xff, dictionary->word_slot_count * sizeof(int32_t));
    /* offset 0 is the empty string, so that 0 can mean "none" */
    if (actor_dictionary_add_string(dictionary, "", 0) != 0) {
        actor_dictionary_free(dictionary);
        return NULL;
    }
    return dictionary;
}

static void free_discard_texts(actor_dictionary *dictionary) {
    for (size_t i = 0; dictionary->discard_texts && i < dictionary->discard_count; i++)
        free(dictionary->discard_texts[i]);
    free(dictionary->discard_texts);
    free(dictionary->discard_flags);
    dictionary->discard_texts = NULL;
    dictionary->discard_flags = NULL;
}

void actor_dictionary_free(actor_dictionary *dictionary) {
    if (!dictionary) return;
    free(dictionary->pool);
    free(dictionary->sources);
    free(dictionary->entries);
    free(dictionary->ranges);
    free(dictionary->agents);
    free(dictionary->word_offsets);
    free(dictionary->word_lengths);
    free(dictionary->word_hashes);
    free(dictionary->word_slots);
    free(dictionary->phrases);
    free(dictionary->phrase_words);
    free(dictionary->phrase_cases);
    free(dictionary->edge_keys);
    free(dictionary->edge_children);
    free(dictionary->terminal_starts);
    free(dictionary->terminals);
    free_discard_texts(dictionary);
    free(dictionary->discard_nodes);
    free(dictionary);
}

uint32_t actor_dictionary_add_string(actor_dictionary *d, const char *text, size_t length) {
    if (d->pool_length + length + 1 > UINT32_MAX) return UINT32_MAX;
    if (!GROW(d->pool, d->pool_length, d->pool_capacity, length + 1)) return UINT32_MAX;
    uint32_t offset = (uint32_t)d->pool_length;
    memcpy(d->pool + offset, text, length);
    d->pool[offset + length] = '\0';
    d->pool_length += length + 1;
    return offset;
}

uint32_t actor_dictionary_add_source(actor_dictionary *d, const char *path) {
    for (size_t i = 0; i < d->source_count; i++)
        if (strcmp(d->pool + d->sources[i], path) == 0) return (uint32_t)i;
    if (!GROW(d->sources, d->source_count, d->source_capacity, 1)) return 0;
    uint32_t offset = actor_dictionary_add_string(d, path, strlen(path));
    if (offset == UINT32_MAX) return 0;
    d->sources[d->source_count] = offset;
    return (uint32_t)d->source_count++;
}

uint32_t actor_dictionary_add_entry(actor_dictionary *d, const char *name, size_t name_length,
                                    dyad_actor_kind kind, uint32_t source, uint32_t line) {
    if (!GROW(d->entries, d->entry_count, d->entry_capacity, 1)) return UINT32_MAX;
    uint32_t name_offset = actor_dictionary_add_string(d, name, name_length);
    if (name_offset == UINT32_MAX) return UINT32_MAX;
    actor_entry *entry = &d->entries[d->entry_count];
    memset(entry, 0, sizeof *entry);
    entry->name = name_offset;
    entry->first_range = (uint32_t)d->range_count;
    entry->kind = (uint8_t)kind;
    entry->source = source;
    entry->line = line;
    return (uint32_t)d->entry_count++;
}

actor_entry *actor_dictionary_entry_mutable(actor_dictionary *d, uint32_t entry) {
    return entry < d->entry_count ? &d->entries[entry] : NULL;
}

bool actor_dictionary_add_code(actor_dictionary *d, uint32_t entry_index, const char *code,
                               size_t code_length, bool restricted, int32_t from, int32_t to) {
    if (entry_index >= d->entry_count) return false;
    actor_entry *entry = &d->entries[entry_index];
    /* codes of an entry must stay contiguous: only the last entry grows */
    if (entry->first_range + entry->range_count != d->range_count) return false;
    if (!GROW(d->ranges, d->range_count, d->range_capacity, 1)) return false;
    /* the same code string is stored once per distinct text: most entries
     * share a handful of codes, so look back a little before adding */
    uint32_t offset = UINT32_MAX;
    for (size_t back = 1; back <= 8 && back <= d->range_count; back++) {
        uint32_t candidate = d->ranges[d->range_count - back].code;
        if (strlen(d->pool + candidate) == code_length &&
            memcmp(d->pool + candidate, code, code_length) == 0) {
            offset = candidate;
            break;
        }
    }
    if (offset == UINT32_MAX) offset = actor_dictionary_add_string(d, code, code_length);
    if (offset == UINT32_MAX) return false;
    actor_code_range *range = &d->ranges[d->range_count++];
    range->code = offset;
    range->restricted = restricted;
    range->from = restricted ? from : ACTOR_DATE_MIN;
    range->to = restricted ? to : ACTOR_DATE_MAX;
    entry->range_count++;
    return true;
}

uint32_t actor_dictionary_add_agent(actor_dictionary *d, const char *code, size_t code_length,
                                    const char *name, size_t name_length, unsigned flags) {
    if (!GROW(d->agents, d->agent_count, d->agent_capacity, 1)) return UINT32_MAX;
    uint32_t code_offset = actor_dictionary_add_string(d, code, code_length);
    uint32_t name_offset = actor_dictionary_add_string(d, name, name_length);
    if (code_offset == UINT32_MAX || name_offset == UINT32_MAX) return UINT32_MAX;
    actor_agent *agent = &d->agents[d->agent_count];
    agent->code = code_offset;
    agent->name = name_offset;
    agent->flags = (uint8_t)flags;
    return (uint32_t)d->agent_count++;
}

static bool word_slots_resize(actor_dictionary *d, size_t slot_count) {
    int32_t *slots = malloc(slot_count * sizeof *slots);
    if (!slots) return false;
    memset(slots, 0xff, slot_count * sizeof *slots);
    for (size_t w = 0; w < d->word_count; w++) {
        size_t slot = d->word_hashes[w] & (slot_count - 1);
        while (slots[slot] >= 0) slot = (slot + 1) & (slot_count - 1);
        slots[slot] = (int32_t)w;
    }
    free(d->word_slots);
    d->word_slots = slots;
    d->word_slot_count = slot_count;
    return true;
}

static int32_t find_word(const actor_dictionary *d, const char *folded, size_t length,
                         uint32_t hash) {
    size_t mask = d->word_slot_count - 1;
    for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        int32_t w = d->word_slots[slot];
        if (w < 0) return -1;
        if (d->word_hashes[w] == hash && d->word_lengths[w] == length &&
            memcmp(d->pool + d->word_offsets[w], folded, length) == 0)
            return w;
    }
}

static int32_t intern_word(actor_dictionary *d, const char *folded, size_t length) {
    uint32_t hash = hash_bytes(folded, length);
    int32_t found = find_word(d, folded, length, hash);
    if (found >= 0) return found;
    if ((d->word_count + 1) * 2 > d->word_slot_count &&
        !word_slots_resize(d, d->word_slot_count * 2))
        return -1;
    size_t capacity = d->word_capacity;
    if (!GROW(d->word_offsets, d->word_count, capacity, 1)) return -1;
    capacity = d->word_capacity;
    if (!GROW(d->word_lengths, d->word_count, capacity, 1)) return -1;
    capacity = d->word_capacity;
    if (!GROW(d->word_hashes, d->word_count, capacity, 1)) return -1;
    d->word_capacity = capacity;
    uint32_t offset = actor_dictionary_add_string(d, folded, length);
    if (offset == UINT32_MAX) return -1;
    int32_t id = (int32_t)d->word_count++;
    d->word_offsets[id] = offset;
    d->word_lengths[id] = (uint16_t)length;
    d->word_hashes[id] = hash;
    size_t mask = d->word_slot_count - 1;
    size_t slot = hash & mask;
    while (d->word_slots[slot] >= 0) slot = (slot + 1) & mask;
    d->word_slots[slot] = id;
    return id;
}

/* Words that stay lower-case inside names, so that a PETRARCH phrase in
 * capitals ("THE_UNITED_NATIONS", "BAN_KI-MOON") does not demand a
 * capital "The" or "Of" in running text. */
static bool is_name_particle(const char *folded) {
    static const char *const particles[] = {
        "the", "of", "and", "for", "on", "in", "to", "at", "de", "del", "da", "do",
        "dos", "das", "du", "des", "la", "le", "les", "el", "al", "ul", "ad", "as",
        "an", "bin", "ibn", "bint", "van", "von", "der", "den", "di", "y", "e", "'s",
        "'", "&", "a",
    };
    for (size_t i = 0; i < sizeof particles / sizeof *particles; i++)
        if (strcmp(folded, particles[i]) == 0) return true;
    return false;
}

static bool is_split_punctuation(unsigned char c) {
    return c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '"' || c == '/';
}

/* Splits a phrase into words as the text side does (actor_words.c):
 * blanks, underscores and hyphens separate words, commas and brackets
 * are words of their own, a final "'s" is a word, a final lone
 * apostrophe is dropped.  Calls `emit` for each piece as written. */
typedef bool (*piece_fn)(void *context, const char *piece, size_t length);

static bool split_phrase(const char *text, size_t length, piece_fn emit, void *context) {
    size_t i = 0;
    while (i < length) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || c == '\t' || c == '_' || c == '-') {
            i++;
            continue;
        }
        if (is_split_punctuation(c)) {
            if (!emit(context, text + i, 1)) return false;
            i++;
            continue;
        }
        size_t j = i;
        while (j < length) {
            unsigned char d = (unsigned char)text[j];
            if (d == ' ' || d == '\t' || d == '_' || d == '-' || is_split_punctuation(d)) break;
            j++;
        }
        size_t end = j;
        /* "children's" → "children" + "'s"; "workers'" → "workers" */
        if (end - i > 2 && (text[end - 1] == 's' || text[end - 1] == 'S') &&
            text[end - 2] == '\'') {
            if (!emit(context, text + i, end - 2 - i)) return false;
            if (!emit(context, "'s", 2)) return false;
        } else {
            while (end > i + 1 && text[end - 1] == '\'') end--;
            if (!emit(context, text + i, end - i)) return false;
        }
        i = j;
    }
    return true;
}

typedef struct phrase_builder {
    actor_dictionary *dictionary;
    bool case_from_text;
    actor_case_rule default_rule;
    size_t words;
    bool failed;
} phrase_builder;

static bool add_phrase_piece(void *context, const char *piece, size_t length) {
    phrase_builder *builder = context;
    actor_dictionary *d = builder->dictionary;
    char folded[ACTOR_WORD_MAX + 1];
    size_t folded_length = actor_fold_word(piece, length, folded);
    if (folded_length == 0) return true; /* "." alone: nothing to match */
    int32_t id = intern_word(d, folded, folded_length);
    if (id < 0) {
        builder->failed = true;
        return false;
    }
    if (d->phrase_word_count == d->phrase_word_capacity) {
        /* phrase_cases is parallel to phrase_words: they grow together */
        size_t capacity = d->phrase_word_capacity ? d->phrase_word_capacity * 2 : 1024;
        int32_t *words = realloc(d->phrase_words, capacity * sizeof *words);
        if (words) d->phrase_words = words;
        uint8_t *cases = words ? realloc(d->phrase_cases, capacity) : NULL;
        if (!cases) {
            builder->failed = true;
            return false;
        }
        d->phrase_cases = cases;
        d->phrase_word_capacity = capacity;
    }
    actor_case_rule rule = CASE_ANY;
    actor_word_shape shape = actor_word_shape_of(piece, length);
    bool initialism = memchr(piece, '.', length) != NULL && length >= 3 &&
                      shape != SHAPE_LOWER;
    if (builder->case_from_text) {
        if (shape == SHAPE_UPPER || initialism) rule = CASE_UPPER;
        else if (shape == SHAPE_CAPITALISED) rule = CASE_CAPITALISED;
    } else if (builder->default_rule != CASE_ANY && shape != SHAPE_OTHER &&
               !is_name_particle(folded)) {
        rule = initialism ? CASE_UPPER : builder->default_rule;
    }
    d->phrase_words[d->phrase_word_count] = id;
    d->phrase_cases[d->phrase_word_count] = (uint8_t)rule;
    d->phrase_word_count++;
    builder->words++;
    return true;
}

bool actor_dictionary_add_phrase(actor_dictionary *d, actor_phrase_type type, uint32_t target,
                                 const char *text, size_t length, bool case_from_text,
                                 actor_case_rule default_rule, const char **why) {
    *why = NULL;
    if (!GROW(d->phrases, d->phrase_count, d->phrase_capacity, 1)) {
        *why = "out of memory";
        return false;
    }
    size_t first_word = d->phrase_word_count;
    phrase_builder builder = {d, case_from_text, default_rule, 0, false};
    split_phrase(text, length, add_phrase_piece, &builder);
    if (builder.failed) {
        d->phrase_word_count = first_word;
        *why = "out of memory";
        return false;
    }
    if (builder.words == 0) {
        *why = "the phrase has no word";
        return false;
    }
    if (builder.words > UINT16_MAX) {
        d->phrase_word_count = first_word;
        *why = "the phrase is too long";
        return false;
    }
    /* PETRARCH-style acronyms: a one-word name of up to three letters in a
     * file written in capitals ("UN", "EU") must be in capitals in the text */
    if (!case_from_text && default_rule != CASE_ANY && builder.words == 1) {
        size_t letters = 0;
        for (size_t i = 0; i < length; i++) letters += isalpha((unsigned char)text[i]) != 0;
        if (letters <= 3 && d->phrase_cases[first_word] != CASE_ANY)
            d->phrase_cases[first_word] = CASE_UPPER;
    }
    actor_phrase *phrase = &d->phrases[d->phrase_count++];
    phrase->target = target;
    phrase->words = (uint32_t)first_word;
    phrase->word_count = (uint16_t)builder.words;
    phrase->type = (uint8_t)type;
    return true;
}

int32_t actor_dictionary_add_word(actor_dictionary *d, const char *word) {
    char folded[ACTOR_WORD_MAX + 1];
    size_t length = actor_fold_word(word, strlen(word), folded);
    if (!length) {
        /* punctuation is its own folded form */
        length = strlen(word);
        if (!length || length > ACTOR_WORD_MAX) return -1;
        memcpy(folded, word, length + 1);
    }
    return d->finished ? actor_dictionary_word(d, folded, length)
                       : intern_word(d, folded, length);
}

typedef struct discard_builder {
    char text[1024];
    size_t length;
    bool too_long;
} discard_builder;

static bool add_discard_piece(void *context, const char *piece, size_t length) {
    discard_builder *builder = context;
    char folded[ACTOR_WORD_MAX + 1];
    size_t folded_length = actor_fold_word(piece, length, folded);
    if (folded_length == 0) return true;
    if (builder->length + folded_length + 2 > sizeof builder->text) {
        builder->too_long = true;
        return false;
    }
    if (builder->length) builder->text[builder->length++] = ' ';
    memcpy(builder->text + builder->length, folded, folded_length);
    builder->length += folded_length;
    builder->text[builder->length] = '\0';
    return true;
}

bool actor_dictionary_add_discard(actor_dictionary *d, const char *text, size_t length,
                                  unsigned flags) {
    discard_builder builder = {.length = 0, .too_long = false};
    builder.text[0] = '\0';
    split_phrase(text, length, add_discard_piece, &builder);
    if (builder.too_long || builder.length == 0) return false;
    size_t capacity = d->discard_capacity;
    if (!GROW(d->discard_texts, d->discard_count, capacity, 1)) return false;
    capacity = d->discard_capacity;
    if (!GROW(d->discard_flags, d->discard_count, capacity, 1)) return false;
    d->discard_capacity = capacity;
    char *copy = strdup(builder.text);
    if (!copy) return false;
    d->discard_texts[d->discard_count] = copy;
    d->discard_flags[d->discard_count] = (uint8_t)flags;
    d->discard_count++;
    return true;
}

/* ------------------------------------------------------------ finishing */

static int32_t edge_find(const actor_dictionary *d, int32_t node, int32_t word) {
    uint64_t key = ((uint64_t)(uint32_t)node << 32) | (uint32_t)word;
    size_t mask = d->edge_slot_count - 1;
    for (size_t slot = hash_edge(key) & mask;; slot = (slot + 1) & mask) {
        if (d->edge_children[slot] < 0) return -1;
        if (d->edge_keys[slot] == key) return d->edge_children[slot];
    }
}

static int32_t edge_insert(actor_dictionary *d, int32_t node, int32_t word) {
    uint64_t key = ((uint64_t)(uint32_t)node << 32) | (uint32_t)word;
    size_t mask = d->edge_slot_count - 1;
    size_t slot = hash_edge(key) & mask;
    for (;; slot = (slot + 1) & mask) {
        if (d->edge_children[slot] < 0) break;
        if (d->edge_keys[slot] == key) return d->edge_children[slot];
    }
    d->edge_keys[slot] = key;
    d->edge_children[slot] = (int32_t)d->node_count++;
    return d->edge_children[slot];
}

static int32_t discard_child(actor_dictionary *d, int32_t node, uint8_t byte, bool create) {
    int32_t *link = &d->discard_nodes[node].child;
    while (*link >= 0) {
        if (d->discard_nodes[*link].byte == byte) return *link;
        link = &d->discard_nodes[*link].sibling;
    }
    if (!create) return -1;
    if (!GROW(d->discard_nodes, d->discard_node_count, d->discard_node_capacity, 1)) return -2;
    /* the realloc may have moved the nodes: find the link again */
    link = &d->discard_nodes[node].child;
    while (*link >= 0) link = &d->discard_nodes[*link].sibling;
    int32_t fresh = (int32_t)d->discard_node_count++;
    d->discard_nodes[fresh] = (discard_node){-1, -1, byte, 0};
    *link = fresh;
    return fresh;
}

static bool build_discard_trie(actor_dictionary *d) {
    if (!d->discard_count) return true;
    if (!GROW(d->discard_nodes, 0, d->discard_node_capacity, 256)) return false;
    d->discard_nodes[0] = (discard_node){-1, -1, 0, 0};
    d->discard_node_count = 1;
    for (size_t i = 0; i < d->discard_count; i++) {
        int32_t node = 0;
        for (const char *p = d->discard_texts[i]; *p; p++) {
            node = discard_child(d, node, (uint8_t)*p, true);
            if (node < 0) return false;
        }
        /* the first discard of a phrase decides its flags */
        if (!d->discard_nodes[node].terminal)
            d->discard_nodes[node].terminal = (uint8_t)(d->discard_flags[i] | 0x80);
    }
    free_discard_texts(d);
    return true;
}

dyad_status actor_dictionary_finish(actor_dictionary *d, dyad_error *error) {
    if (d->finished) return DYAD_OK;
    size_t total_words = d->phrase_word_count;
    size_t slots = 1024;
    while (slots < total_words * 2 + 16) slots *= 2;
    d->edge_slot_count = slots;
    d->edge_keys = malloc(slots * sizeof *d->edge_keys);
    d->edge_children = malloc(slots * sizeof *d->edge_children);
    uint32_t *phrase_nodes = malloc((d->phrase_count + 1) * sizeof *phrase_nodes);
    if (!d->edge_keys || !d->edge_children || !phrase_nodes) {
        free(phrase_nodes);
        return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    }
    memset(d->edge_children, 0xff, slots * sizeof *d->edge_children);
    d->node_count = 1; /* the root */
    for (size_t p = 0; p < d->phrase_count; p++) {
        const actor_phrase *phrase = &d->phrases[p];
        int32_t node = 0;
        for (uint16_t w = 0; w < phrase->word_count; w++)
            node = edge_insert(d, node, d->phrase_words[phrase->words + w]);
        phrase_nodes[p] = (uint32_t)node;
    }
    d->terminal_starts = calloc(d->node_count + 1, sizeof *d->terminal_starts);
    d->terminals = malloc((d->phrase_count + 1) * sizeof *d->terminals);
    if (!d->terminal_starts || !d->terminals) {
        free(phrase_nodes);
        return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    }
    for (size_t p = 0; p < d->phrase_count; p++) d->terminal_starts[phrase_nodes[p] + 1]++;
    for (size_t n = 0; n < d->node_count; n++) d->terminal_starts[n + 1] += d->terminal_starts[n];
    uint32_t *fill = calloc(d->node_count, sizeof *fill);
    if (!fill) {
        free(phrase_nodes);
        return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    }
    for (size_t p = 0; p < d->phrase_count; p++) {
        uint32_t node = phrase_nodes[p];
        d->terminals[d->terminal_starts[node] + fill[node]++] = (uint32_t)p;
    }
    free(fill);
    free(phrase_nodes);
    if (!build_discard_trie(d))
        return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    d->finished = true;
    return DYAD_OK;
}

/* --------------------------------------------------------------- lookup */

int32_t actor_dictionary_word(const actor_dictionary *d, const char *folded, size_t length) {
    if (length == 0 || length > UINT16_MAX) return -1;
    return find_word(d, folded, length, hash_bytes(folded, length));
}

int32_t actor_dictionary_step(const actor_dictionary *d, int32_t node, int32_t word) {
    if (word < 0 || !d->finished) return -1;
    return edge_find(d, node, word);
}

const uint32_t *actor_dictionary_terminals(const actor_dictionary *d, int32_t node,
                                           size_t *count) {
    if (node < 0 || (size_t)node >= d->node_count) {
        *count = 0;
        return NULL;
    }
    *count = d->terminal_starts[node + 1] - d->terminal_starts[node];
    return d->terminals + d->terminal_starts[node];
}

const actor_phrase *actor_dictionary_phrase(const actor_dictionary *d, uint32_t phrase) {
    return &d->phrases[phrase];
}

const uint8_t *actor_dictionary_phrase_cases(const actor_dictionary *d,
                                             const actor_phrase *phrase) {
    return d->phrase_cases + phrase->words;
}

const actor_entry *actor_dictionary_entry(const actor_dictionary *d, uint32_t entry) {
    return &d->entries[entry];
}

const actor_code_range *actor_dictionary_entry_ranges(const actor_dictionary *d,
                                                      const actor_entry *entry, size_t *count) {
    *count = entry->range_count;
    return d->ranges + entry->first_range;
}

const actor_agent *actor_dictionary_agent(const actor_dictionary *d, uint32_t agent) {
    return &d->agents[agent];
}

const char *actor_dictionary_string(const actor_dictionary *d, uint32_t offset) {
    return d->pool + offset;
}

const char *actor_dictionary_source(const actor_dictionary *d, uint32_t source) {
    return source < d->source_count ? d->pool + d->sources[source] : "";
}

const char *actor_entry_code_at(const actor_dictionary *d, const actor_entry *entry,
                                int32_t date) {
    const actor_code_range *ranges = d->ranges + entry->first_range;
    int32_t when = date > 0 ? date : ACTOR_DATE_MAX;
    const actor_code_range *fallback = NULL, *latest = NULL;
    for (uint32_t i = 0; i < entry->range_count; i++) {
        const actor_code_range *range = &ranges[i];
        if (!range->restricted) {
            fallback = range;
            continue;
        }
        if (range->from <= when && when <= range->to) return d->pool + range->code;
        if (!latest || range->to > latest->to ||
            (range->to == latest->to && range->from > latest->from))
            latest = range;
    }
    if (fallback) return d->pool + fallback->code;
    if (date <= 0 && latest) return d->pool + latest->code;
    return NULL;
}

bool actor_dictionary_has_discards(const actor_dictionary *d) {
    return d->discard_node_count > 0;
}

static int32_t discard_step(const actor_dictionary *d, int32_t node, uint8_t byte) {
    int32_t child = d->discard_nodes[node].child;
    while (child >= 0 && d->discard_nodes[child].byte != byte)
        child = d->discard_nodes[child].sibling;
    return child;
}

unsigned actor_dictionary_discard_at(const actor_dictionary *d, const char *const *words,
                                     size_t word_count, size_t first) {
    if (!d->discard_node_count) return 0;
    int32_t node = 0;
    for (size_t w = first; w < word_count; w++) {
        if (w > first && (node = discard_step(d, node, ' ')) < 0) return 0;
        for (const char *p = words[w]; *p; p++) {
            if ((node = discard_step(d, node, (uint8_t)*p)) < 0) return 0;
            uint8_t terminal = d->discard_nodes[node].terminal;
            /* a stem matches the start of a word; an exact phrase only a
             * whole one */
            if (terminal && (!(terminal & DISCARD_EXACT) || p[1] == '\0'))
                return (terminal & 0x7f) | 0x100;
        }
    }
    return 0;
}

size_t actor_dictionary_entry_count(const actor_dictionary *d) { return d->entry_count; }
size_t actor_dictionary_phrase_count(const actor_dictionary *d) { return d->phrase_count; }
size_t actor_dictionary_agent_count(const actor_dictionary *d) { return d->agent_count; }
size_t actor_dictionary_word_count(const actor_dictionary *d) { return d->word_count; }

size_t actor_dictionary_discard_count(const actor_dictionary *d) { return d->discard_count; }

size_t actor_dictionary_bytes(const actor_dictionary *d) {
    return sizeof *d + d->pool_capacity + d->source_capacity * sizeof *d->sources +
           d->entry_capacity * sizeof *d->entries + d->range_capacity * sizeof *d->ranges +
           d->agent_capacity * sizeof *d->agents +
           d->word_capacity * (sizeof *d->word_offsets + sizeof *d->word_lengths +
                               sizeof *d->word_hashes) +
           d->word_slot_count * sizeof *d->word_slots +
           d->phrase_capacity * sizeof *d->phrases +
           d->phrase_word_capacity * (sizeof *d->phrase_words + sizeof *d->phrase_cases) +
           d->edge_slot_count * (sizeof *d->edge_keys + sizeof *d->edge_children) +
           (d->node_count + 1) * sizeof *d->terminal_starts +
           (d->phrase_count + 1) * sizeof *d->terminals +
           d->discard_node_capacity * sizeof *d->discard_nodes;
}

/* ---------------------------------------------------------------- dates */

bool actor_date_valid(int year, int month, int day) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
    int limit = days[month - 1];
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) limit = 29;
    return day <= limit;
}

int32_t actor_date_parse(const char *text) {
    if (!text) return 0;
    for (int i = 0; i < 10; i++) {
        char c = text[i];
        bool dash = i == 4 || i == 7;
        if (dash ? c != '-' : !isdigit((unsigned char)c)) return 0;
    }
    int year = atoi(text), month = atoi(text + 5), day = atoi(text + 8);
    if (!actor_date_valid(year, month, day)) return 0;
    return year * 10000 + month * 100 + day;
}
