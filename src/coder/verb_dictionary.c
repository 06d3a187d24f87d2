/*
 * verb_dictionary.c — see verb_dictionary.h.
 */
#include "verb_dictionary.h"
#include "string_map.h"
#include "../util/text_file.h"
#include "../util/arena.h"
#include "../util/error.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- storage */

#define DEFINE_ARRAY(name, type)                                                    \
    typedef struct name {                                                           \
        type *items;                                                                \
        size_t count, capacity;                                                     \
    } name;                                                                         \
    static type *name##_push(name *array) {                                         \
        if (array->count == array->capacity) {                                      \
            size_t grown = array->capacity ? array->capacity * 2 : 64;              \
            type *bigger = realloc(array->items, grown * sizeof *bigger);           \
            if (!bigger) return NULL;                                               \
            array->items = bigger;                                                  \
            array->capacity = grown;                                                \
        }                                                                           \
        return &array->items[array->count++];                                       \
    }

typedef struct form_link {
    word_id word;
    uint32_t next;
} form_link;

typedef struct irregular_verb {
    const char *past, *participle;
} irregular_verb;

DEFINE_ARRAY(word_array, const char *)
DEFINE_ARRAY(form_array, form_link)
DEFINE_ARRAY(element_array, pattern_element)
DEFINE_ARRAY(pattern_array, verb_pattern)
DEFINE_ARRAY(block_array, verb_block)
DEFINE_ARRAY(anchor_array, verb_anchor)
DEFINE_ARRAY(set_array, word_set)
DEFINE_ARRAY(member_array, set_member)
DEFINE_ARRAY(id_array, word_id)
DEFINE_ARRAY(transformation_array, transformation)
DEFINE_ARRAY(problem_array, dictionary_problem)
DEFINE_ARRAY(irregular_array, irregular_verb)
DEFINE_ARRAY(index_array, uint32_t)

struct verb_dictionary {
    dyad_arena *strings;
    word_array words;              /* word id -> text */
    string_map word_index;         /* text -> word id */
    form_array forms;              /* chains of word ids per form */
    string_map form_index;         /* form -> first link */
    size_t form_count;
    element_array elements;
    pattern_array patterns;
    block_array blocks;
    string_map block_index;        /* "layer:name" -> block (our format) */
    anchor_array anchors;
    index_array anchor_heads;      /* word id -> first anchor, after finish */
    set_array sets;
    member_array members;
    id_array phrase_words;
    transformation_array transformations;
    problem_array problems;
    irregular_array irregulars;
    string_map irregular_index;    /* lemma -> irregular entry */
    string_map plural_index;       /* noun lemma -> irregular plural (in irregulars) */
    uint16_t layer;
    uint32_t order;
    bool finished;
};

verb_dictionary *verb_dictionary_new(void) {
    verb_dictionary *dictionary = calloc(1, sizeof *dictionary);
    if (!dictionary) return NULL;
    dictionary->strings = dyad_arena_new();
    if (!dictionary->strings) {
        free(dictionary);
        return NULL;
    }
    return dictionary;
}

void verb_dictionary_free(verb_dictionary *dictionary) {
    if (!dictionary) return;
    for (size_t i = 0; i < dictionary->blocks.count; i++) free(dictionary->blocks.items[i].patterns);
    free(dictionary->words.items);
    free(dictionary->forms.items);
    free(dictionary->elements.items);
    free(dictionary->patterns.items);
    free(dictionary->blocks.items);
    free(dictionary->anchors.items);
    free(dictionary->anchor_heads.items);
    free(dictionary->sets.items);
    free(dictionary->members.items);
    free(dictionary->phrase_words.items);
    free(dictionary->transformations.items);
    free(dictionary->problems.items);
    free(dictionary->irregulars.items);
    map_free(&dictionary->word_index);
    map_free(&dictionary->form_index);
    map_free(&dictionary->block_index);
    map_free(&dictionary->irregular_index);
    map_free(&dictionary->plural_index);
    dyad_arena_free(dictionary->strings);
    free(dictionary);
}

const char *verb_dictionary_string(verb_dictionary *dictionary, const char *text) {
    return arena_strdup(dictionary->strings, text ? text : "");
}

uint16_t verb_dictionary_begin_layer(verb_dictionary *dictionary) {
    return ++dictionary->layer;
}

/* Lowercases ASCII letters; dictionaries of the field are upper case,
 * token text is matched in lower case. */
static char *lowercase_copy(verb_dictionary *dictionary, const char *text) {
    char *copy = arena_strdup(dictionary->strings, text);
    if (!copy) return NULL;
    for (char *c = copy; *c; c++) *c = (char)tolower((unsigned char)*c);
    return copy;
}

bool verb_dictionary_add_form(verb_dictionary *dictionary, const char *form, word_id word) {
    char lowered[256];
    size_t length = strlen(form);
    if (length == 0 || length >= sizeof lowered) return length == 0;
    for (size_t i = 0; i <= length; i++) lowered[i] = (char)tolower((unsigned char)form[i]);
    uint32_t head = map_get(&dictionary->form_index, lowered, length);
    for (uint32_t link = head; link != NO_INDEX; link = dictionary->forms.items[link].next)
        if (dictionary->forms.items[link].word == word) return true;
    form_link *added = form_array_push(&dictionary->forms);
    if (!added) return false;
    added->word = word;
    added->next = head;
    uint32_t index = (uint32_t)(dictionary->forms.count - 1);
    if (head == NO_INDEX) {
        const char *key = arena_strdup(dictionary->strings, lowered);
        if (!key || !map_put(&dictionary->form_index, key, index)) return false;
        dictionary->form_count++;
        return true;
    }
    /* replace the chain head in place */
    size_t slot = map_slot(&dictionary->form_index, lowered, length);
    dictionary->form_index.values[slot] = index;
    return true;
}

word_id verb_dictionary_word(verb_dictionary *dictionary, const char *text) {
    char lowered[256];
    size_t length = strlen(text);
    if (length == 0 || length >= sizeof lowered) return NO_INDEX;
    for (size_t i = 0; i <= length; i++) lowered[i] = (char)tolower((unsigned char)text[i]);
    uint32_t found = map_get(&dictionary->word_index, lowered, length);
    if (found != NO_INDEX) return found;
    const char *key = lowercase_copy(dictionary, text);
    const char **slot = word_array_push(&dictionary->words);
    if (!key || !slot) return NO_INDEX;
    *slot = key;
    word_id word = (word_id)(dictionary->words.count - 1);
    if (!map_put(&dictionary->word_index, key, word)) return NO_INDEX;
    if (!verb_dictionary_add_form(dictionary, key, word)) return NO_INDEX;
    return word;
}

/* ---------------------------------------------------------- inflection */

static bool is_vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Ends consonant-vowel-consonant (not w, x, y): "ban", "commit". */
static bool ends_cvc(const char *word, size_t length) {
    if (length < 3) return false;
    char last = word[length - 1], middle = word[length - 2], before = word[length - 3];
    return !is_vowel(last) && last != 'w' && last != 'x' && last != 'y' && is_vowel(middle) &&
           !is_vowel(before) && isalpha((unsigned char)last);
}

static bool add_form_printf(verb_dictionary *dictionary, word_id word, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static bool add_form_printf(verb_dictionary *dictionary, word_id word, const char *format, ...) {
    char form[300];
    va_list arguments;
    va_start(arguments, format);
    int length = vsnprintf(form, sizeof form, format, arguments);
    va_end(arguments);
    if (length < 0 || (size_t)length >= sizeof form) return true;   /* too long: no form */
    return verb_dictionary_add_form(dictionary, form, word);
}

static bool inflect_verb(verb_dictionary *dictionary, word_id word, const char *lemma) {
    size_t n = strlen(lemma);
    int stem = (int)n;
    char last = lemma[n - 1];
    bool ok = true;
    /* third person singular */
    if (last == 's' || last == 'x' || last == 'z' || last == 'o' ||
        (n >= 2 && (strcmp(lemma + n - 2, "ch") == 0 || strcmp(lemma + n - 2, "sh") == 0)))
        ok = ok && add_form_printf(dictionary, word, "%ses", lemma);
    else if (last == 'y' && n >= 2 && !is_vowel(lemma[n - 2]))
        ok = ok && add_form_printf(dictionary, word, "%.*sies", stem - 1, lemma);
    else
        ok = ok && add_form_printf(dictionary, word, "%ss", lemma);
    /* -ing */
    if (n >= 2 && strcmp(lemma + n - 2, "ie") == 0)
        ok = ok && add_form_printf(dictionary, word, "%.*sying", stem - 2, lemma);
    else if (last == 'e' && n >= 2 && lemma[n - 2] != 'e' && lemma[n - 2] != 'y' &&
             lemma[n - 2] != 'o')
        ok = ok && add_form_printf(dictionary, word, "%.*sing", stem - 1, lemma);
    else
        ok = ok && add_form_printf(dictionary, word, "%sing", lemma);
    /* doubling the final consonant: certain for one syllable, possible for
     * longer words ("committed" but "visited"); generating both is harmless */
    if (ends_cvc(lemma, n)) {
        ok = ok && add_form_printf(dictionary, word, "%s%cing", lemma, last);
        ok = ok && add_form_printf(dictionary, word, "%s%ced", lemma, last);
    }
    uint32_t irregular = map_get(&dictionary->irregular_index, lemma, n);
    if (irregular != NO_INDEX) {
        const irregular_verb *forms = &dictionary->irregulars.items[irregular];
        ok = ok && verb_dictionary_add_form(dictionary, forms->past, word) &&
             verb_dictionary_add_form(dictionary, forms->participle, word);
        return ok;
    }
    if (last == 'e')
        ok = ok && add_form_printf(dictionary, word, "%sd", lemma);
    else if (last == 'y' && n >= 2 && !is_vowel(lemma[n - 2]))
        ok = ok && add_form_printf(dictionary, word, "%.*sied", stem - 1, lemma);
    else if (!ends_cvc(lemma, n) || n > 4)
        ok = ok && add_form_printf(dictionary, word, "%sed", lemma);
    return ok;
}

static bool inflect_noun(verb_dictionary *dictionary, word_id word, const char *lemma) {
    size_t n = strlen(lemma);
    int stem = (int)n;
    char last = lemma[n - 1];
    uint32_t irregular = map_get(&dictionary->plural_index, lemma, n);
    if (irregular != NO_INDEX)
        return verb_dictionary_add_form(dictionary, dictionary->irregulars.items[irregular].past,
                                        word);
    if (last == 's' || last == 'x' || last == 'z' ||
        (n >= 2 && (strcmp(lemma + n - 2, "ch") == 0 || strcmp(lemma + n - 2, "sh") == 0)))
        return add_form_printf(dictionary, word, "%ses", lemma);
    if (last == 'y' && n >= 2 && !is_vowel(lemma[n - 2]))
        return add_form_printf(dictionary, word, "%.*sies", stem - 1, lemma);
    return add_form_printf(dictionary, word, "%ss", lemma);
}

bool verb_dictionary_inflect(verb_dictionary *dictionary, word_id word, unsigned kinds) {
    const char *lemma = dictionary->words.items[word];
    size_t n = strlen(lemma);
    if (n < 2 || !isalpha((unsigned char)lemma[n - 1])) return true;
    bool ok = true;
    if (kinds & INFLECT_VERB) ok = ok && inflect_verb(dictionary, word, lemma);
    if (kinds & INFLECT_NOUN) ok = ok && inflect_noun(dictionary, word, lemma);
    return ok;
}

bool verb_dictionary_add_irregular(verb_dictionary *dictionary, const char *lemma,
                                   const char *past, const char *participle) {
    irregular_verb *entry = irregular_array_push(&dictionary->irregulars);
    if (!entry) return false;
    entry->past = lowercase_copy(dictionary, past);
    entry->participle = participle ? lowercase_copy(dictionary, participle) : NULL;
    const char *key = lowercase_copy(dictionary, lemma);
    if (!entry->past || !key) return false;
    /* a NULL participle marks a noun plural ("crisis crises") */
    string_map *index = participle ? &dictionary->irregular_index : &dictionary->plural_index;
    return map_put(index, key, (uint32_t)(dictionary->irregulars.count - 1));
}

/* ---------------------------------------------------------------- sets */

uint32_t verb_dictionary_new_set(verb_dictionary *dictionary, const char *name) {
    word_set *set = set_array_push(&dictionary->sets);
    if (!set) return NO_INDEX;
    set->name = name ? lowercase_copy(dictionary, name) : NULL;
    set->first_member = (uint32_t)dictionary->members.count;
    set->member_count = 0;
    if (name && !set->name) return NO_INDEX;
    return (uint32_t)(dictionary->sets.count - 1);
}

uint32_t verb_dictionary_find_set(const verb_dictionary *dictionary, const char *name) {
    /* latest definition wins, so a later file may redefine a set */
    for (size_t i = dictionary->sets.count; i-- > 0;) {
        const char *candidate = dictionary->sets.items[i].name;
        if (candidate && strcasecmp(candidate, name) == 0) return (uint32_t)i;
    }
    return NO_INDEX;
}

bool verb_dictionary_add_member(verb_dictionary *dictionary, uint32_t set, const word_id *words,
                                size_t count) {
    /* members of a set are stored contiguously: only the newest set grows */
    if (set != dictionary->sets.count - 1 || count == 0) return false;
    set_member *member = member_array_push(&dictionary->members);
    if (!member) return false;
    member->first_word = (uint32_t)dictionary->phrase_words.count;
    member->word_count = (uint32_t)count;
    for (size_t i = 0; i < count; i++) {
        word_id *slot = id_array_push(&dictionary->phrase_words);
        if (!slot) return false;
        *slot = words[i];
    }
    dictionary->sets.items[set].member_count++;
    return true;
}

/* -------------------------------------------------------------- blocks */

uint32_t verb_dictionary_new_block(verb_dictionary *dictionary, const char *name,
                                   const char *code, const char *reverse_code, const char *id) {
    verb_block *block = block_array_push(&dictionary->blocks);
    if (!block) return NO_INDEX;
    memset(block, 0, sizeof *block);
    block->name = verb_dictionary_string(dictionary, name);
    snprintf(block->code, sizeof block->code, "%s", code && *code ? code : "---");
    snprintf(block->reverse_code, sizeof block->reverse_code, "%s",
             reverse_code ? reverse_code : "");
    block->layer = dictionary->layer;
    block->id = verb_dictionary_string(dictionary, id);
    if (!block->name || !block->id) return NO_INDEX;
    uint32_t index = (uint32_t)(dictionary->blocks.count - 1);
    char key[300];
    snprintf(key, sizeof key, "%u:%s", (unsigned)dictionary->layer, name);
    const char *stored = verb_dictionary_string(dictionary, key);
    if (!stored || !map_put(&dictionary->block_index, stored, index)) return NO_INDEX;
    return index;
}

uint32_t verb_dictionary_find_block(const verb_dictionary *dictionary, const char *name) {
    char key[300];
    int length = snprintf(key, sizeof key, "%u:%s", (unsigned)dictionary->layer, name);
    if (length < 0 || (size_t)length >= sizeof key) return NO_INDEX;
    return map_get(&dictionary->block_index, key, (size_t)length);
}

verb_block *verb_dictionary_block(verb_dictionary *dictionary, uint32_t block) {
    return block < dictionary->blocks.count ? &dictionary->blocks.items[block] : NULL;
}

bool verb_dictionary_add_anchor(verb_dictionary *dictionary, word_id word, uint32_t block,
                                const char *code, const char *reverse_code,
                                const word_id *extra_words,
                                uint8_t before_count, uint8_t after_count, bool noun,
                                const char *lemma) {
    verb_anchor *anchor = anchor_array_push(&dictionary->anchors);
    if (!anchor) return false;
    memset(anchor, 0, sizeof *anchor);
    anchor->word = word;
    anchor->block = block;
    snprintf(anchor->code, sizeof anchor->code, "%s", code ? code : "");
    snprintf(anchor->reverse_code, sizeof anchor->reverse_code, "%s",
             reverse_code ? reverse_code : "");
    anchor->first_extra = (uint32_t)dictionary->phrase_words.count;
    for (unsigned i = 0; i < (unsigned)before_count + after_count; i++) {
        word_id *slot = id_array_push(&dictionary->phrase_words);
        if (!slot) return false;
        *slot = extra_words[i];
    }
    anchor->before_count = before_count;
    anchor->after_count = after_count;
    anchor->noun = noun;
    anchor->layer = dictionary->layer;
    anchor->lemma = lowercase_copy(dictionary, lemma);
    anchor->next = NO_INDEX;
    return anchor->lemma != NULL;
}

bool verb_dictionary_add_pattern(verb_dictionary *dictionary, uint32_t block,
                                 const pattern_element *elements, uint16_t before_count,
                                 uint16_t after_count, const char *code,
                                 const char *reverse_code, uint8_t flags, const char *id,
                                 const char *text) {
    verb_pattern *pattern = pattern_array_push(&dictionary->patterns);
    if (!pattern) return false;
    memset(pattern, 0, sizeof *pattern);
    pattern->first_element = (uint32_t)dictionary->elements.count;
    pattern->before_count = before_count;
    pattern->after_count = after_count;
    unsigned weight = 0;
    for (unsigned i = 0; i < (unsigned)before_count + after_count; i++) {
        pattern_element *slot = element_array_push(&dictionary->elements);
        if (!slot) return false;
        *slot = elements[i];
        if (elements[i].kind == ELEMENT_WORD) {
            weight += 4;
        } else if (elements[i].kind == ELEMENT_SET) {
            const word_set *set = &dictionary->sets.items[elements[i].value];
            /* a phrase set counts like the shortest of its phrases */
            unsigned shortest = 99;
            for (uint32_t m = 0; m < set->member_count; m++) {
                unsigned words = dictionary->members.items[set->first_member + m].word_count;
                if (words < shortest) shortest = words;
            }
            weight += 4 * (shortest == 99 ? 1 : shortest);
        } else {
            weight += 1;
        }
    }
    pattern->weight = (uint16_t)(weight > 65535 ? 65535 : weight);
    snprintf(pattern->code, sizeof pattern->code, "%s", code ? code : "");
    snprintf(pattern->reverse_code, sizeof pattern->reverse_code, "%s",
             reverse_code ? reverse_code : "");
    pattern->flags = flags;
    pattern->order = dictionary->order++;
    pattern->id = verb_dictionary_string(dictionary, id);
    pattern->text = verb_dictionary_string(dictionary, text);
    if (!pattern->id || !pattern->text) return false;
    verb_block *owner = &dictionary->blocks.items[block];
    if (owner->pattern_count == owner->pattern_capacity) {
        uint32_t grown = owner->pattern_capacity ? owner->pattern_capacity * 2 : 8;
        uint32_t *bigger = realloc(owner->patterns, grown * sizeof *bigger);
        if (!bigger) return false;
        owner->patterns = bigger;
        owner->pattern_capacity = grown;
    }
    owner->patterns[owner->pattern_count++] = (uint32_t)(dictionary->patterns.count - 1);
    return true;
}

bool verb_dictionary_add_transformation(verb_dictionary *dictionary,
                                        const transformation *source) {
    transformation *added = transformation_array_push(&dictionary->transformations);
    if (!added) return false;
    *added = *source;
    added->inner_verb = lowercase_copy(dictionary, source->inner_verb);
    added->outer_verb = lowercase_copy(dictionary, source->outer_verb);
    added->id = verb_dictionary_string(dictionary, source->id);
    added->inner_block = added->outer_block = NO_INDEX;
    return added->inner_verb && added->outer_verb && added->id;
}

bool verb_dictionary_problem(verb_dictionary *dictionary, const char *file, long line,
                             const char *format, ...) {
    char message[512];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(message, sizeof message, format, arguments);
    va_end(arguments);
    dictionary_problem *problem = problem_array_push(&dictionary->problems);
    if (!problem) return false;
    problem->file = verb_dictionary_string(dictionary, file);
    problem->line = line;
    problem->message = verb_dictionary_string(dictionary, message);
    return problem->file && problem->message;
}

/* ------------------------------------------------------------- finish */

/* More specific first; equal weights keep file order. */
static bool pattern_before(const verb_dictionary *dictionary, uint32_t a, uint32_t b) {
    const verb_pattern *left = &dictionary->patterns.items[a];
    const verb_pattern *right = &dictionary->patterns.items[b];
    if (left->weight != right->weight) return left->weight > right->weight;
    return left->order < right->order;
}

/* Insertion sort: stable, and blocks hold at most a few hundred patterns. */
static void sort_block_patterns(const verb_dictionary *dictionary, verb_block *block) {
    for (uint32_t i = 1; i < block->pattern_count; i++) {
        uint32_t moving = block->patterns[i], j = i;
        while (j > 0 && pattern_before(dictionary, moving, block->patterns[j - 1])) {
            block->patterns[j] = block->patterns[j - 1];
            j--;
        }
        block->patterns[j] = moving;
    }
}

static uint32_t block_of_verb(const verb_dictionary *dictionary, const char *name) {
    uint32_t word = map_get(&dictionary->word_index, name, strlen(name));
    if (word == NO_INDEX || word >= dictionary->anchor_heads.count) return NO_INDEX;
    uint32_t anchor = dictionary->anchor_heads.items[word];
    return anchor == NO_INDEX ? NO_INDEX : dictionary->anchors.items[anchor].block;
}

dyad_status verb_dictionary_finish(verb_dictionary *dictionary, dyad_error *error) {
    for (size_t i = 0; i < dictionary->blocks.count; i++)
        sort_block_patterns(dictionary, &dictionary->blocks.items[i]);

    dictionary->anchor_heads.count = 0;
    for (size_t i = 0; i < dictionary->words.count; i++) {
        uint32_t *slot = index_array_push(&dictionary->anchor_heads);
        if (!slot) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        *slot = NO_INDEX;
    }
    /* link anchors so that later layers come first, and within a layer
     * the order of the file is kept */
    for (size_t i = dictionary->anchors.count; i-- > 0;) dictionary->anchors.items[i].next = NO_INDEX;
    for (uint16_t layer = 0; layer <= dictionary->layer; layer++) {
        for (size_t i = dictionary->anchors.count; i-- > 0;) {
            verb_anchor *anchor = &dictionary->anchors.items[i];
            if (anchor->layer != layer) continue;
            anchor->next = dictionary->anchor_heads.items[anchor->word];
            dictionary->anchor_heads.items[anchor->word] = (uint32_t)i;
        }
    }
    for (size_t i = 0; i < dictionary->transformations.count; i++) {
        transformation *rule = &dictionary->transformations.items[i];
        rule->outer_block = block_of_verb(dictionary, rule->outer_verb);
        if (rule->outer_block == NO_INDEX)
            verb_dictionary_problem(dictionary, rule->id, 0,
                                    "transformation names verb '%s', which no block has",
                                    rule->outer_verb);
        if (strcmp(rule->inner_verb, "q") != 0) {
            rule->inner_block = block_of_verb(dictionary, rule->inner_verb);
            if (rule->inner_block == NO_INDEX)
                verb_dictionary_problem(dictionary, rule->id, 0,
                                        "transformation names verb '%s', which no block has",
                                        rule->inner_verb);
        }
    }
    dictionary->finished = true;
    return DYAD_OK;
}

/* ------------------------------------------------------------ queries */

size_t verb_dictionary_words_of(const verb_dictionary *dictionary, const char *text,
                                size_t length, word_id *out, size_t max) {
    size_t found = 0;
    uint32_t link = map_get(&dictionary->form_index, text, length);
    for (; link != NO_INDEX && found < max; link = dictionary->forms.items[link].next)
        out[found++] = dictionary->forms.items[link].word;
    return found;
}

uint32_t verb_dictionary_first_anchor(const verb_dictionary *dictionary, word_id word) {
    return word < dictionary->anchor_heads.count ? dictionary->anchor_heads.items[word] : NO_INDEX;
}

const verb_anchor *verb_dictionary_anchor(const verb_dictionary *dictionary, uint32_t anchor) {
    return &dictionary->anchors.items[anchor];
}

const verb_block *verb_dictionary_get_block(const verb_dictionary *dictionary, uint32_t block) {
    return &dictionary->blocks.items[block];
}

const verb_pattern *verb_dictionary_pattern(const verb_dictionary *dictionary, uint32_t pattern) {
    return &dictionary->patterns.items[pattern];
}

const pattern_element *verb_dictionary_elements(const verb_dictionary *dictionary) {
    return dictionary->elements.items;
}

const word_set *verb_dictionary_set(const verb_dictionary *dictionary, uint32_t set) {
    return &dictionary->sets.items[set];
}

const set_member *verb_dictionary_member(const verb_dictionary *dictionary, uint32_t member) {
    return &dictionary->members.items[member];
}

const word_id *verb_dictionary_phrase_words(const verb_dictionary *dictionary) {
    return dictionary->phrase_words.items;
}

const char *verb_dictionary_word_text(const verb_dictionary *dictionary, word_id word) {
    return word < dictionary->words.count ? dictionary->words.items[word] : "?";
}

size_t verb_dictionary_word_count(const verb_dictionary *dictionary) {
    return dictionary->words.count;
}

const transformation *verb_dictionary_transformations(const verb_dictionary *dictionary,
                                                      size_t *count) {
    *count = dictionary->transformations.count;
    return dictionary->transformations.items;
}

const dictionary_problem *verb_dictionary_problems(const verb_dictionary *dictionary,
                                                   size_t *count) {
    *count = dictionary->problems.count;
    return dictionary->problems.items;
}

void verb_dictionary_get_stats(const verb_dictionary *dictionary, verb_dictionary_stats *stats) {
    stats->words = dictionary->words.count;
    stats->forms = dictionary->form_count;
    stats->anchors = dictionary->anchors.count;
    stats->blocks = dictionary->blocks.count;
    stats->patterns = dictionary->patterns.count;
    stats->sets = dictionary->sets.count;
    stats->transformations = dictionary->transformations.count;
    stats->problems = dictionary->problems.count;
}

/* ------------------------------------------------------------ modality */

static const char *const modal_names[MODAL_COUNT] = {
    NULL, "intent", "threat", "refusal", "failure", "attempt", "speech", "appeal", "demand",
    "denial"};

const char *modal_class_name(modal_class modal) {
    return modal > MODAL_NONE && modal < MODAL_COUNT ? modal_names[modal] : NULL;
}

modal_class modal_class_from_name(const char *name) {
    for (int i = 1; i < MODAL_COUNT; i++)
        if (strcmp(name, modal_names[i]) == 0) return (modal_class)i;
    return MODAL_NONE;
}

/* ------------------------------------------------------------ formats */

verb_format verb_format_detect(const char *text, size_t length) {
    bool blocks = false, parenthesised = false, sections = false;
    size_t i = 0;
    while (i < length) {
        size_t end = i;
        while (end < length && text[end] != '\n') end++;
        const char *line = text + i;
        size_t n = end - i;
        while (n && (*line == ' ' || *line == '\t')) line++, n--;
        if (n >= 3 && memcmp(line, "---", 3) == 0) blocks = true;
        else if (n && line[0] == '[') sections = true;
        else if (n && line[0] == '-' && memchr(line, '(', n)) parenthesised = true;
        i = end + 1;
    }
    if (blocks) return parenthesised ? VERB_FORMAT_PETRARCH2 : VERB_FORMAT_TABARI;
    return sections ? VERB_FORMAT_NATIVE : VERB_FORMAT_UNKNOWN;
}

dyad_status verb_dictionary_read(verb_dictionary *dictionary, const char *path, bool strict,
                                 dyad_error *error) {
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    if (status != DYAD_OK) return status;
    verb_format format = verb_format_detect(file.data, file.length);
    text_file_close(&file);
    switch (format) {
    case VERB_FORMAT_NATIVE:
        return verb_native_read(dictionary, path, strict, error);
    case VERB_FORMAT_TABARI:
    case VERB_FORMAT_PETRARCH2:
        return verb_petrarch_read(dictionary, path, strict, error);
    default:
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "not a verb dictionary: no '[CODE]' sections (dyad format) and no "
                         "'--- VERB [CODE] ---' blocks (TABARI/PETRARCH format)");
    }
}

dyad_status verb_irregular_read(verb_dictionary *dictionary, const char *path,
                                dyad_error *error) {
    text_file file;
    dyad_status status = text_file_open(&file, path, error);
    if (status != DYAD_OK) return status;
    char *line;
    while (status == DYAD_OK && (line = text_file_next(&file))) {
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        if (text_is_blank(line)) continue;
        char kind[16], lemma[64], past[64], participle[64];
        int fields = sscanf(line, "%15s %63s %63s %63s", kind, lemma, past, participle);
        bool ok;
        if (strcmp(kind, "verb") == 0 && fields == 4)
            ok = verb_dictionary_add_irregular(dictionary, lemma, past, participle);
        else if (strcmp(kind, "noun") == 0 && fields == 3)
            ok = verb_dictionary_add_irregular(dictionary, lemma, past, NULL);
        else {
            status = error_set(error, DYAD_ERR_MODEL, path, file.line, -1,
                               "expected 'verb LEMMA PAST PARTICIPLE' or 'noun SINGULAR "
                               "PLURAL'");
            break;
        }
        if (!ok) status = error_set(error, DYAD_ERR_MEMORY, path, file.line, -1, "out of memory");
    }
    text_file_close(&file);
    return status;
}
