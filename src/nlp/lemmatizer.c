/*
 * lemmatizer.c — see lemmatizer.h.
 *
 * Model file sections (kind "lemmatizer"):
 *   lemma.meta        u32 format, WordNet lemma count, u64 WordNet data id
 *   lemma.strings     NUL-terminated strings; offset 0 is ""
 *   lemma.wordnet     sorted u64 keys of (WordNet class, lemma)
 *   lemma.exceptions  key_table (class, form) → string offset
 *   lemma.learned     key_table (tag, lower-case form) → string offset;
 *                     (tag, position, casing) → the case the lemma takes;
 *                     (tag) → whether digit group separators are dropped
 *   lemma.suffixes    key_table (tag, suffix length, suffix) → strip << 32 | append offset
 */
#include "lemmatizer.h"
#include "key_table.h"
#include "perceptron.h"
#include "util/arena.h"
#include "util/buffer.h"
#include "util/error.h"
#include "util/model_file.h"
#include "util/utf8.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum { LEMMATIZER_FORMAT = 2, MAX_SUFFIX = 5 };

/* Seeds that keep the key spaces of the tables apart. */
enum {
    KEY_WORDNET = 0x776e, KEY_EXCEPTION = 0x6578, KEY_LEARNED = 0x6c65, KEY_CASING = 0x6361,
    KEY_SUFFIX = 0x7375, KEY_DIGIT_GROUPS = 0x6467
};

typedef struct lemmatizer_meta {
    uint32_t format, wordnet_count;
    uint64_t word_classes_id;      /* identifies the WordNet data (see lemmatizer_word_classes_id) */
} lemmatizer_meta;

struct lemmatizer {
    model_file *file;              /* NULL while building */
    const char *strings;
    size_t strings_size;
    const uint64_t *wordnet;       /* sorted */
    size_t wordnet_count;
    key_table exceptions, learned, suffixes;
    uint64_t word_classes_id;
};

/* How a written form uses capitals. */
typedef enum casing {
    CASING_LOWER = 0,     /* no capital letter */
    CASING_INITIAL,       /* "Talks" */
    CASING_ALL_UPPER,     /* "NATO", at least two letters */
    CASING_MIXED          /* "iPhone", "McCain" */
} casing;

/* What the lemma does with the written case; the treebank decides for
 * each tag, position and casing (learn_casing). */
typedef enum case_choice {
    CASE_LOWER = 0,       /* "Talks" → talk */
    CASE_KEEP,            /* "American" → American */
    CASE_TITLE,           /* "florida" → Florida */
    CASE_CHOICES
} case_choice;

/* WordNet's detachment rules (morphy(7WN)): an inflectional ending and
 * what replaces it, tried in this order for each syntactic category. */
typedef struct detachment {
    char wordnet_class;
    const char *ending, *replacement;
} detachment;

static const detachment detachments[] = {
    {'n', "s", ""},    {'n', "ses", "s"}, {'n', "xes", "x"}, {'n', "zes", "z"},
    {'n', "ches", "ch"}, {'n', "shes", "sh"}, {'n', "men", "man"}, {'n', "ies", "y"},
    {'v', "s", ""},    {'v', "ies", "y"}, {'v', "es", "e"}, {'v', "es", ""},
    {'v', "ed", "e"},  {'v', "ed", ""},   {'v', "ing", "e"}, {'v', "ing", ""},
    {'a', "er", ""},   {'a', "est", ""},  {'a', "er", "e"},  {'a', "est", "e"},
};

/* --------------------------------------------------------------- keys */

static uint64_t hash_string(const char *text) { return perceptron_hash_bytes(text, strlen(text)); }

static uint64_t wordnet_key(char wordnet_class, const char *lemma, size_t length) {
    return perceptron_hash_combine(perceptron_hash_combine(KEY_WORDNET, (uint64_t)wordnet_class),
                                   perceptron_hash_bytes(lemma, length));
}

static uint64_t exception_key(char wordnet_class, const char *form) {
    return perceptron_hash_combine(perceptron_hash_combine(KEY_EXCEPTION, (uint64_t)wordnet_class),
                                   hash_string(form));
}

static uint64_t learned_key(uint64_t tag_hash, const char *lower) {
    return perceptron_hash_combine(perceptron_hash_combine(KEY_LEARNED, tag_hash), hash_string(lower));
}

static uint64_t casing_key(uint64_t tag_hash, bool initial, casing casing) {
    return perceptron_hash_combine(perceptron_hash_combine(KEY_CASING, tag_hash),
                                   (uint64_t)casing * 2 + initial);
}

static uint64_t suffix_key(uint64_t tag_hash, const char *suffix, size_t length, int codepoints) {
    return perceptron_hash_combine(
        perceptron_hash_combine(perceptron_hash_combine(KEY_SUFFIX, tag_hash), (uint64_t)codepoints),
        perceptron_hash_bytes(suffix, length));
}

static bool wordnet_has(const lemmatizer *lemmatizer, char wordnet_class, const char *lemma,
                        size_t length) {
    uint64_t key = wordnet_key(wordnet_class, lemma, length);
    size_t low = 0, high = lemmatizer->wordnet_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (lemmatizer->wordnet[middle] < key) low = middle + 1;
        else high = middle;
    }
    return low < lemmatizer->wordnet_count && lemmatizer->wordnet[low] == key;
}

/* Whether some ending of word, of at least MIN_ENDING bytes and starting
 * after its first letter, is a WordNet lemma of the class. */
enum { MIN_ENDING = 4 };

static bool wordnet_has_ending(const lemmatizer *lemmatizer, char wordnet_class, const char *word) {
    size_t length = strlen(word);
    for (size_t start = 1; start + MIN_ENDING <= length; start++) {
        if (((unsigned char)word[start] & 0xC0) == 0x80) continue;
        if (word[start] == '-') continue;
        if (wordnet_has(lemmatizer, wordnet_class, word + start, length - start)) return true;
    }
    return false;
}

static const char *string_at(const lemmatizer *lemmatizer, uint64_t offset) {
    return offset < lemmatizer->strings_size ? lemmatizer->strings + offset : "";
}

/* ---------------------------------------------------------- word forms */

/* Lower-cases text into out (size bytes); returns the length, or
 * (size_t)-1 when it does not fit. */
static size_t lowercase(const char *text, char *out, size_t size) {
    const unsigned char *cursor = (const unsigned char *)text;
    size_t remaining = strlen(text), length = 0;
    while (remaining) {
        int32_t codepoint;
        size_t used = utf8_decode(cursor, remaining, &codepoint);
        char encoded[4];
        size_t bytes;
        if (used == 0) {
            used = 1;
            encoded[0] = (char)*cursor;
            bytes = 1;
        } else if (codepoint < 0x80) {
            encoded[0] = (char)(codepoint >= 'A' && codepoint <= 'Z' ? codepoint + 32 : codepoint);
            bytes = 1;
        } else {
            bytes = utf8_encode(utf8proc_tolower(codepoint), encoded);
        }
        if (length + bytes >= size) return (size_t)-1;
        memcpy(out + length, encoded, bytes);
        length += bytes;
        cursor += used;
        remaining -= used;
    }
    out[length] = '\0';
    return length;
}

/* lower with its first code point upper-cased, into out (size bytes). */
static size_t titlecase(const char *lower, size_t length, char *out, size_t size) {
    int32_t codepoint;
    size_t first = utf8_decode((const unsigned char *)lower, length, &codepoint);
    if (first == 0) return (size_t)-1;
    char encoded[4];
    size_t bytes = utf8_encode(utf8proc_toupper(codepoint), encoded);
    if (bytes + length - first >= size) return (size_t)-1;
    memcpy(out, encoded, bytes);
    memcpy(out + bytes, lower + first, length - first + 1);
    return bytes + length - first;
}

/* Drops commas between digits ("12,000" → "12000") in place; false when
 * there are none. */
static bool drop_digit_groups(char *text, size_t *length) {
    size_t out = 0;
    bool dropped = false;
    for (size_t i = 0; i < *length; i++) {
        if (text[i] == ',' && i > 0 && i + 1 < *length && text[i - 1] >= '0' && text[i - 1] <= '9' &&
            text[i + 1] >= '0' && text[i + 1] <= '9') {
            dropped = true;
            continue;
        }
        text[out++] = text[i];
    }
    text[out] = '\0';
    *length = out;
    return dropped;
}

static casing casing_of(const char *text) {
    const unsigned char *cursor = (const unsigned char *)text;
    size_t remaining = strlen(text);
    int letters = 0, upper = 0;
    bool first_upper = false, later_upper = false;
    while (remaining) {
        int32_t codepoint;
        size_t used = utf8_decode(cursor, remaining, &codepoint);
        if (used == 0) used = 1, codepoint = 0xFFFD;
        utf8proc_category_t category = utf8proc_category(codepoint);
        bool is_upper = category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
        bool is_letter = is_upper || category == UTF8PROC_CATEGORY_LL ||
                         category == UTF8PROC_CATEGORY_LM || category == UTF8PROC_CATEGORY_LO;
        if (is_letter) {
            if (is_upper) {
                if (letters == 0) first_upper = true;
                else later_upper = true;
                upper++;
            }
            letters++;
        }
        cursor += used;
        remaining -= used;
    }
    if (upper == 0) return CASING_LOWER;
    if (upper == letters && letters >= 2) return CASING_ALL_UPPER;
    if (first_upper && !later_upper) return CASING_INITIAL;
    return CASING_MIXED;
}

/* Byte offset where the last k code points of text[0..length) start, or
 * (size_t)-1 when text has fewer than k. */
static size_t last_codepoints(const char *text, size_t length, int k) {
    size_t position = length;
    while (k > 0) {
        if (position == 0) return (size_t)-1;
        position--;
        while (position > 0 && ((unsigned char)text[position] & 0xC0) == 0x80) position--;
        k--;
    }
    return position;
}

static int codepoint_count(const char *text, size_t length) {
    int count = 0;
    for (size_t i = 0; i < length; i++) count += ((unsigned char)text[i] & 0xC0) != 0x80;
    return count;
}

/* base minus its last `strip` code points plus `append`, into out
 * (LEMMA_MAX_BYTES); false when it does not fit or strips everything. */
static bool apply_edit(const char *base, size_t length, int strip, const char *append, char *out) {
    size_t keep = last_codepoints(base, length, strip);
    size_t extra = strlen(append);
    if (keep == (size_t)-1 || keep == 0 || keep + extra >= LEMMA_MAX_BYTES) return false;
    memmove(out, base, keep);
    memcpy(out + keep, append, extra + 1);
    return true;
}

/* ----------------------------------------------------------- tag sets */

typedef struct tag_info {
    char wordnet_class;   /* 'n', 'v', 'a', 'r', or 0 */
    bool inflected;       /* a tag of an inflected form: NNS, VBD, JJR, ... */
    bool proper;
    bool tag_known;       /* false: only the UPOS was given, inflection unknown */
} tag_info;

static tag_info describe_tag(const char *upos, const char *xpos) {
    tag_info info = {0};
    if (xpos && *xpos && strcmp(xpos, "_") != 0) {
        info.tag_known = true;
        if (strncmp(xpos, "NNP", 3) == 0) {
            info.proper = true;
            info.wordnet_class = 'n';
            info.inflected = xpos[3] == 'S';
        } else if (strncmp(xpos, "NN", 2) == 0) {
            info.wordnet_class = 'n';
            info.inflected = xpos[2] == 'S';
        } else if (strncmp(xpos, "VB", 2) == 0) {
            info.wordnet_class = 'v';
            info.inflected = xpos[2] == 'D' || xpos[2] == 'G' || xpos[2] == 'N' || xpos[2] == 'Z';
        } else if (strncmp(xpos, "JJ", 2) == 0) {
            info.wordnet_class = 'a';
            info.inflected = xpos[2] == 'R' || xpos[2] == 'S';
        } else if (strncmp(xpos, "RB", 2) == 0) {
            info.wordnet_class = 'r';
            info.inflected = xpos[2] == 'R' || xpos[2] == 'S';
        }
        return info;
    }
    if (!upos) return info;
    info.inflected = true;
    if (strcmp(upos, "PROPN") == 0) info.proper = true, info.wordnet_class = 'n';
    else if (strcmp(upos, "NOUN") == 0) info.wordnet_class = 'n';
    else if (strcmp(upos, "VERB") == 0 || strcmp(upos, "AUX") == 0) info.wordnet_class = 'v';
    else if (strcmp(upos, "ADJ") == 0) info.wordnet_class = 'a';
    else if (strcmp(upos, "ADV") == 0) info.wordnet_class = 'r';
    else info.inflected = false;
    return info;
}

/* ------------------------------------------------------- lemmatization */

/* The treebank's most frequent edit for this tag and the longest known
 * ending of lower. */
static bool suffix_edit(const lemmatizer *lemmatizer, uint64_t tag_hash, const char *lower,
                        size_t length, int *strip, const char **append) {
    int codepoints = codepoint_count(lower, length);
    for (int k = codepoints < MAX_SUFFIX ? codepoints : MAX_SUFFIX; k >= 0; k--) {
        size_t start = last_codepoints(lower, length, k);
        uint64_t value;
        if (key_table_find(&lemmatizer->suffixes, suffix_key(tag_hash, lower + start, length - start, k),
                           &value)) {
            *strip = (int)(value >> 32);
            *append = string_at(lemmatizer, value & 0xffffffffu);
            return *strip < codepoints;
        }
    }
    return false;
}

/* The word as the lemma writes it before any ending is changed: its
 * case as the treebank prefers for this tag, position and casing, digit
 * groups joined where the treebank joins them.  Returns the length, or
 * (size_t)-1 when it does not fit. */
static size_t lemma_base(const lemmatizer *lemmatizer, const char *form, const char *lower,
                         size_t lower_length, uint64_t tag_hash, tag_info info, bool initial,
                         char *out) {
    casing word_casing = casing_of(form);
    uint64_t choice = info.proper || word_casing == CASING_LOWER ? CASE_KEEP : CASE_LOWER;
    key_table_find(&lemmatizer->learned, casing_key(tag_hash, initial, word_casing), &choice);
    size_t length;
    if (choice == CASE_TITLE) {
        length = titlecase(lower, lower_length, out, LEMMA_MAX_BYTES);
    } else {
        const char *source = choice == CASE_KEEP ? form : lower;
        length = strlen(source);
        if (length >= LEMMA_MAX_BYTES) return (size_t)-1;
        memcpy(out, source, length + 1);
    }
    uint64_t join = 0;
    if (length != (size_t)-1 &&
        key_table_find(&lemmatizer->learned, perceptron_hash_combine(KEY_DIGIT_GROUPS, tag_hash), &join) &&
        join)
        drop_digit_groups(out, &length);
    return length;
}

/* A word being lemmatized: its lowercase form, which the edits are
 * checked on, and its base, which they are applied to. */
typedef struct edited_word {
    const char *lower;
    size_t lower_length;
    const char *base;
    size_t base_length;
    char wordnet_class;
} edited_word;

/* Applies the edit to the lowercase word; when WordNet knows the result
 * (as a lemma, or with by_ending as the ending of one) writes the edited
 * base into buffer and returns true. */
static bool edit_if_known(const lemmatizer *lemmatizer, const edited_word *word, int strip,
                          const char *append, bool by_ending, char *buffer) {
    char candidate[LEMMA_MAX_BYTES];
    if (!apply_edit(word->lower, word->lower_length, strip, append, candidate)) return false;
    bool known = by_ending
                     ? wordnet_has_ending(lemmatizer, word->wordnet_class, candidate)
                     : wordnet_has(lemmatizer, word->wordnet_class, candidate, strlen(candidate));
    return known && apply_edit(word->base, word->base_length, strip, append, buffer);
}

/* edit_if_known with each detachment rule of the word's class that fits
 * its ending, in table order; the first accepted wins. */
static bool detach_if_known(const lemmatizer *lemmatizer, const edited_word *word, bool by_ending,
                            char *buffer) {
    for (size_t r = 0; r < sizeof detachments / sizeof *detachments; r++) {
        const detachment *rule = &detachments[r];
        size_t ending = strlen(rule->ending);
        if (rule->wordnet_class != word->wordnet_class || word->lower_length <= ending ||
            memcmp(word->lower + word->lower_length - ending, rule->ending, ending) != 0)
            continue;
        /* endings are ASCII: their bytes are their code points */
        if (edit_if_known(lemmatizer, word, (int)ending, rule->replacement, by_ending, buffer))
            return true;
    }
    return false;
}

/* Everything but the treebank's word table: what the table corrects. */
static const char *lemmatize_by_rules(const lemmatizer *lemmatizer, const char *form,
                                      const char *lower, size_t lower_length, uint64_t tag_hash,
                                      tag_info info, bool initial, char *buffer) {
    char base[LEMMA_MAX_BYTES];
    size_t base_length = lemma_base(lemmatizer, form, lower, lower_length, tag_hash, info, initial, base);
    if (base_length == (size_t)-1) return form;
    /* the lemma when no rule changes the word */
    memcpy(buffer, base, base_length + 1);
    const char *unchanged = buffer;
    if (!info.wordnet_class || !info.inflected) return unchanged;
    if (!info.tag_known && wordnet_has(lemmatizer, info.wordnet_class, lower, lower_length))
        return unchanged;
    uint64_t offset;
    if (key_table_find(&lemmatizer->exceptions, exception_key(info.wordnet_class, lower), &offset))
        return string_at(lemmatizer, offset);
    int strip = 0;
    const char *append = NULL;
    bool have_rule = suffix_edit(lemmatizer, tag_hash, lower, lower_length, &strip, &append);
    edited_word word = {lower, lower_length, base, base_length, info.wordnet_class};
    if (have_rule && edit_if_known(lemmatizer, &word, strip, append, false, buffer)) return buffer;
    if (detach_if_known(lemmatizer, &word, false, buffer)) return buffer;
    /* A word WordNet does not know is often a known one with something in
     * front ("retweeted": re + tweet, "Russian-backed"): a candidate whose
     * ending is a WordNet lemma is the likeliest. */
    if (have_rule && edit_if_known(lemmatizer, &word, strip, append, true, buffer)) return buffer;
    if (detach_if_known(lemmatizer, &word, true, buffer)) return buffer;
    if (have_rule && apply_edit(base, base_length, strip, append, buffer)) return buffer;
    return unchanged;
}

static const char *lemmatize_internal(const lemmatizer *lemmatizer, const char *form,
                                      const char *upos, const char *xpos, bool initial,
                                      char *buffer, bool use_learned) {
    if (!form || !*form) return form;
    char lower[LEMMA_MAX_BYTES];
    size_t lower_length = lowercase(form, lower, sizeof lower);
    if (lower_length == (size_t)-1) return form;
    const char *tag = xpos && *xpos && strcmp(xpos, "_") != 0 ? xpos : upos ? upos : "";
    uint64_t tag_hash = hash_string(tag);
    uint64_t offset;
    const char *lemma;
    if (use_learned && key_table_find(&lemmatizer->learned, learned_key(tag_hash, lower), &offset))
        lemma = string_at(lemmatizer, offset);
    else
        lemma = lemmatize_by_rules(lemmatizer, form, lower, lower_length, tag_hash,
                                   describe_tag(upos, xpos), initial, buffer);
    return lemma == form || strcmp(lemma, form) == 0 ? form : lemma;
}

const char *lemmatize_word(const lemmatizer *lemmatizer, const char *form, const char *upos,
                           const char *xpos, bool sentence_initial, char *buffer) {
    return lemmatize_internal(lemmatizer, form, upos, xpos, sentence_initial, buffer, true);
}

dyad_status lemmatize_sentence(const lemmatizer *lemmatizer, dyad_sentence *sentence,
                               dyad_arena *arena, dyad_error *error) {
    char buffer[LEMMA_MAX_BYTES];
    for (uint32_t i = 0; i < sentence->token_count; i++) {
        dyad_token *token = &sentence->tokens[i];
        if (!token->upos && !token->xpos) {
            token->lemma = token->text; /* untagged: nothing to go by */
            continue;
        }
        const char *lemma = lemmatize_word(lemmatizer, token->text, token->upos, token->xpos, i == 0,
                                           buffer);
        if (lemma == buffer) {
            lemma = arena_strdup(arena, buffer);
            if (!lemma) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        }
        token->lemma = lemma;
    }
    return DYAD_OK;
}

uint64_t lemmatizer_word_classes_id(const lemmatizer *lemmatizer) {
    return lemmatizer->word_classes_id;
}

uint32_t lemmatizer_word_classes(const lemmatizer *lemmatizer, const char *lower) {
    static const char classes[4] = {'n', 'v', 'a', 'r'};
    size_t length = strlen(lower);
    uint32_t signature = 0;
    uint64_t ignored;
    for (int c = 0; c < 4; c++) {
        if (wordnet_has(lemmatizer, classes[c], lower, length)) signature |= 1u << c;
        if (key_table_find(&lemmatizer->exceptions, exception_key(classes[c], lower), &ignored))
            signature |= 1u << (4 + c);
    }
    char candidate[LEMMA_MAX_BYTES];
    for (size_t r = 0; r < sizeof detachments / sizeof *detachments; r++) {
        const detachment *rule = &detachments[r];
        size_t ending = strlen(rule->ending);
        if (length <= ending || memcmp(lower + length - ending, rule->ending, ending) != 0) continue;
        if (apply_edit(lower, length, (int)ending, rule->replacement, candidate) &&
            wordnet_has(lemmatizer, rule->wordnet_class, candidate, strlen(candidate)))
            signature |= 1u << (8 + r);
    }
    return signature;
}

/* ------------------------------------------------------------- loading */

dyad_status lemmatizer_load(const char *path, lemmatizer **out, dyad_error *error) {
    *out = NULL;
    lemmatizer *result = calloc(1, sizeof *result);
    if (!result) return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    dyad_status status = model_file_open(path, "lemmatizer", &result->file, error);
    if (status != DYAD_OK) {
        free(result);
        return status;
    }
    size_t meta_size, wordnet_size;
    const lemmatizer_meta *meta = model_file_section(result->file, "lemma.meta", &meta_size);
    result->strings = model_file_section(result->file, "lemma.strings", &result->strings_size);
    result->wordnet = model_file_section(result->file, "lemma.wordnet", &wordnet_size);
    if (!meta || meta_size != sizeof *meta || !result->strings || !result->wordnet) {
        status = error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                           "lemmatizer model lacks its meta, strings or WordNet section");
    } else if (meta->format != LEMMATIZER_FORMAT) {
        status = error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                           "lemmatizer format %u, this dyad reads %d; rebuild it", meta->format,
                           LEMMATIZER_FORMAT);
    } else if (wordnet_size != (size_t)meta->wordnet_count * 8 || result->strings_size == 0 ||
               result->strings[result->strings_size - 1] != '\0') {
        status = error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                           "lemmatizer sections disagree with its header");
    } else {
        result->wordnet_count = meta->wordnet_count;
        result->word_classes_id = meta->word_classes_id;
        status = key_table_view(result->file, "lemma.exceptions", path, &result->exceptions, error);
        if (status == DYAD_OK)
            status = key_table_view(result->file, "lemma.learned", path, &result->learned, error);
        if (status == DYAD_OK)
            status = key_table_view(result->file, "lemma.suffixes", path, &result->suffixes, error);
        /* string offsets are checked at use (string_at), edits' strip counts
         * are bounded by the word they apply to */
    }
    if (status != DYAD_OK) {
        lemmatizer_free(result);
        return status;
    }
    *out = result;
    return DYAD_OK;
}

dyad_status lemmatizer_load_from_data_dir(const char *data_dir, lemmatizer **out,
                                          dyad_error *error) {
    char path[PATH_MAX];
    if ((size_t)snprintf(path, sizeof path, "%s/nlp/lemmatizer.model", data_dir) >= sizeof path)
        return error_set(error, DYAD_ERR_USAGE, data_dir, 0, -1, "data directory path too long");
    return lemmatizer_load(path, out, error);
}

void lemmatizer_free(lemmatizer *lemmatizer) {
    if (!lemmatizer) return;
    model_file_close(lemmatizer->file);
    free(lemmatizer);
}

/* ------------------------------------------------------------ building */

/* Growable arrays of keys and values for a key_table. */
typedef struct pair_list {
    uint64_t *keys, *values;
    size_t count, capacity;
} pair_list;

static bool pair_list_add(pair_list *list, uint64_t key, uint64_t value) {
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 1024;
        uint64_t *keys = realloc(list->keys, capacity * sizeof *keys);
        if (!keys) return false;
        list->keys = keys;
        uint64_t *values = realloc(list->values, capacity * sizeof *values);
        if (!values) return false;
        list->values = values;
        list->capacity = capacity;
    }
    list->keys[list->count] = key;
    list->values[list->count++] = value;
    return true;
}

static void pair_list_free(pair_list *list) {
    free(list->keys);
    free(list->values);
}

/* The string pool with interning. */
typedef struct string_pool {
    dyad_buffer bytes;
    pair_list index;          /* hash → offset, linear-probed table below */
    uint64_t *table;          /* 2 × table_size: hash, offset + 1 */
    size_t table_size, used;
} string_pool;

static bool string_pool_init(string_pool *pool) {
    memset(pool, 0, sizeof *pool);
    pool->table_size = 1 << 12;
    pool->table = calloc(pool->table_size * 2, sizeof *pool->table);
    return pool->table && buffer_append_char(&pool->bytes, '\0');
}

static void string_pool_free(string_pool *pool) {
    dyad_buffer_free(&pool->bytes);
    free(pool->table);
}

/* Offset of text in the pool, adding it if new; (uint64_t)-1 when out of
 * memory. */
static uint64_t string_pool_intern(string_pool *pool, const char *text) {
    if (!*text) return 0;
    uint64_t hash = hash_string(text);
    if ((pool->used + 1) * 2 > pool->table_size) {
        size_t size = pool->table_size * 2;
        uint64_t *table = calloc(size * 2, sizeof *table);
        if (!table) return (uint64_t)-1;
        for (size_t s = 0; s < pool->table_size; s++) {
            if (!pool->table[2 * s + 1]) continue;
            size_t slot = pool->table[2 * s] & (size - 1);
            while (table[2 * slot + 1]) slot = (slot + 1) & (size - 1);
            table[2 * slot] = pool->table[2 * s];
            table[2 * slot + 1] = pool->table[2 * s + 1];
        }
        free(pool->table);
        pool->table = table;
        pool->table_size = size;
    }
    size_t slot = hash & (pool->table_size - 1);
    while (pool->table[2 * slot + 1]) {
        uint64_t offset = pool->table[2 * slot + 1] - 1;
        if (pool->table[2 * slot] == hash && strcmp(pool->bytes.data + offset, text) == 0)
            return offset;
        slot = (slot + 1) & (pool->table_size - 1);
    }
    uint64_t offset = pool->bytes.length;
    if (offset > UINT32_MAX - LEMMA_MAX_BYTES ||
        !buffer_append(&pool->bytes, text, strlen(text) + 1))
        return (uint64_t)-1;
    pool->table[2 * slot] = hash;
    pool->table[2 * slot + 1] = offset + 1;
    pool->used++;
    return offset;
}

static const char *wordnet_files[4][3] = {
    {"noun", "n", "n"}, {"verb", "v", "v"}, {"adj", "a", "as"}, {"adv", "r", "r"},
};

/* Calls line_fn for each line of a text file, with its 1-based number. */
static dyad_status each_line(const char *path, dyad_status (*line_fn)(char *line, long number,
                                                                        void *context),
                             void *context, dyad_error *error) {
    FILE *file = fopen(path, "r");
    if (!file) return error_set(error, DYAD_ERR_IO, path, 0, -1, "cannot open: %s", strerror(errno));
    char *line = NULL;
    size_t capacity = 0;
    ssize_t length;
    long number = 0;
    dyad_status status = DYAD_OK;
    while (status == DYAD_OK && (length = getline(&line, &capacity, file)) >= 0) {
        number++;
        while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) line[--length] = '\0';
        status = line_fn(line, number, context);
    }
    if (status == DYAD_OK && ferror(file))
        status = error_set(error, DYAD_ERR_IO, path, number, -1, "read failed");
    free(line);
    fclose(file);
    return status;
}

typedef struct wordnet_reader {
    const char *path;
    char wordnet_class;
    const char *index_classes;    /* what the index's second field may be */
    pair_list *lemmas;            /* keys only */
    pair_list *exceptions;
    string_pool *strings;
    dyad_error *error;
} wordnet_reader;

static dyad_status read_index_line(char *line, long number, void *context) {
    wordnet_reader *reader = context;
    if (line[0] == ' ' || line[0] == '\0') return DYAD_OK; /* licence text */
    char *space = strchr(line, ' ');
    if (!space || space == line || !space[1] || !strchr(reader->index_classes, space[1]) ||
        space[2] != ' ')
        return error_set(reader->error, DYAD_ERR_FORMAT, reader->path, number, -1,
                         "expected 'lemma %c ...' in a WordNet index", reader->wordnet_class);
    *space = '\0';
    if (strchr(line, '_')) return DYAD_OK; /* multiword entries never match a single token */
    if (!pair_list_add(reader->lemmas, wordnet_key(reader->wordnet_class, line, strlen(line)), 0))
        return error_set(reader->error, DYAD_ERR_MEMORY, reader->path, number, -1, "out of memory");
    return DYAD_OK;
}

static dyad_status read_exception_line(char *line, long number, void *context) {
    wordnet_reader *reader = context;
    char *space = strchr(line, ' ');
    if (!space || space == line || !space[1] || space[1] == ' ')
        return error_set(reader->error, DYAD_ERR_FORMAT, reader->path, number, -1,
                         "expected 'form lemma ...' in a WordNet exception list");
    *space = '\0';
    char *lemma = space + 1, *end = strchr(lemma, ' ');
    if (end) *end = '\0';
    if (strchr(line, '_') || strchr(lemma, '_')) return DYAD_OK;
    uint64_t offset = string_pool_intern(reader->strings, lemma);
    if (offset == (uint64_t)-1 ||
        !pair_list_add(reader->exceptions, exception_key(reader->wordnet_class, line), offset))
        return error_set(reader->error, DYAD_ERR_MEMORY, reader->path, number, -1, "out of memory");
    return DYAD_OK;
}

static int compare_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static dyad_status read_wordnet(const char *directory, pair_list *lemmas, pair_list *exceptions,
                                string_pool *strings, dyad_error *error) {
    for (int f = 0; f < 4; f++) {
        char path[PATH_MAX];
        wordnet_reader reader = {.path = path,
                                 .wordnet_class = wordnet_files[f][1][0],
                                 .index_classes = wordnet_files[f][2],
                                 .lemmas = lemmas,
                                 .exceptions = exceptions,
                                 .strings = strings,
                                 .error = error};
        snprintf(path, sizeof path, "%s/index.%s", directory, wordnet_files[f][0]);
        dyad_status status = each_line(path, read_index_line, &reader, error);
        if (status != DYAD_OK) return status;
        snprintf(path, sizeof path, "%s/%s.exc", directory, wordnet_files[f][0]);
        status = each_line(path, read_exception_line, &reader, error);
        if (status != DYAD_OK) return status;
    }
    /* sorted and without repeats, for binary search */
    qsort(lemmas->keys, lemmas->count, sizeof *lemmas->keys, compare_u64);
    size_t unique = 0;
    for (size_t i = 0; i < lemmas->count; i++)
        if (unique == 0 || lemmas->keys[unique - 1] != lemmas->keys[i])
            lemmas->keys[unique++] = lemmas->keys[i];
    lemmas->count = unique;
    return DYAD_OK;
}

/* One treebank word, prepared once. */
typedef struct sample {
    const char *form, *upos, *xpos, *lemma;
    char *lower;              /* lower-case form */
    uint64_t tag_hash;
    bool initial;
    uint64_t group;           /* learned_key of (tag, lower) */
} sample;

static const char *sample_tag(const sample *sample) {
    return sample->xpos && *sample->xpos && strcmp(sample->xpos, "_") != 0 ? sample->xpos
                                                                             : sample->upos;
}

static int compare_samples(const void *a, const void *b) {
    const sample *x = *(const sample *const *)a, *y = *(const sample *const *)b;
    if (x->group != y->group) return x->group < y->group ? -1 : 1;
    return strcmp(x->lemma, y->lemma);
}

/* Edits learned per (tag, ending): counted by sorting records. */
typedef struct edit_record {
    uint64_t context;         /* suffix_key */
    uint64_t parent;          /* suffix_key of the ending one code point shorter, 0 at length 0 */
    uint32_t strip;
    uint32_t append;          /* string offset */
} edit_record;

static int compare_edit_records(const void *a, const void *b) {
    const edit_record *x = a, *y = b;
    if (x->context != y->context) return x->context < y->context ? -1 : 1;
    if (x->strip != y->strip) return x->strip < y->strip ? -1 : 1;
    return x->append < y->append ? -1 : x->append > y->append;
}

typedef struct best_edit {
    uint64_t context, parent;
    uint32_t strip, append, count;
} best_edit;

static int compare_best_edits(const void *a, const void *b) {
    const best_edit *x = a, *y = b;
    return x->context < y->context ? -1 : x->context > y->context;
}

static const best_edit *find_best_edit(const best_edit *edits, size_t count, uint64_t context) {
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (edits[middle].context < context) low = middle + 1;
        else high = middle;
    }
    return low < count && edits[low].context == context ? &edits[low] : NULL;
}

/* Learns the suffix rules from the samples whose lemma is the lower-case
 * form with its ending replaced. */
static dyad_status learn_suffixes(const sample *samples, size_t count, string_pool *strings,
                                  pair_list *rules, dyad_error *error) {
    size_t capacity = count * (MAX_SUFFIX + 1) + 1, used = 0;
    edit_record *records = malloc(capacity * sizeof *records);
    if (!records) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    char lemma[LEMMA_MAX_BYTES];
    for (size_t i = 0; i < count; i++) {
        const sample *sample = &samples[i];
        if (lowercase(sample->lemma, lemma, sizeof lemma) == (size_t)-1) continue;
        size_t form_length = strlen(sample->lower), common = 0;
        while (sample->lower[common] && sample->lower[common] == lemma[common]) common++;
        while (common > 0 && ((unsigned char)sample->lower[common] & 0xC0) == 0x80) common--;
        int strip = codepoint_count(sample->lower + common, form_length - common);
        int length = codepoint_count(sample->lower, form_length);
        if (strip >= length) continue; /* irregular: nothing shared */
        uint64_t append = string_pool_intern(strings, lemma + common);
        if (append == (uint64_t)-1) {
            free(records);
            return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        }
        uint64_t parent = 0;
        for (int k = 0; k <= MAX_SUFFIX && k <= length; k++) {
            size_t start = last_codepoints(sample->lower, form_length, k);
            uint64_t context = suffix_key(sample->tag_hash, sample->lower + start, form_length - start, k);
            records[used++] = (edit_record){context, parent, (uint32_t)strip, (uint32_t)append};
            parent = context;
        }
    }
    qsort(records, used, sizeof *records, compare_edit_records);
    best_edit *best = malloc((used + 1) * sizeof *best);
    if (!best) {
        free(records);
        return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    }
    size_t contexts = 0;
    for (size_t i = 0; i < used;) {
        size_t context_end = i;
        uint32_t top_count = 0;
        best_edit top = {0};
        while (context_end < used && records[context_end].context == records[i].context) {
            size_t run_end = context_end;
            while (run_end < used && records[run_end].context == records[context_end].context &&
                   records[run_end].strip == records[context_end].strip &&
                   records[run_end].append == records[context_end].append)
                run_end++;
            uint32_t run = (uint32_t)(run_end - context_end);
            if (run > top_count) {
                top_count = run;
                top = (best_edit){records[context_end].context, records[context_end].parent,
                                  records[context_end].strip, records[context_end].append, run};
            }
            context_end = run_end;
        }
        best[contexts++] = top;
        i = context_end;
    }
    free(records);
    qsort(best, contexts, sizeof *best, compare_best_edits);
    dyad_status status = DYAD_OK;
    for (size_t i = 0; i < contexts && status == DYAD_OK; i++) {
        const best_edit *edit = &best[i];
        if (edit->parent) {
            /* a rule seen once is as likely noise as a pattern; one that
             * repeats its parent adds nothing to a longest-match lookup */
            if (edit->count < 2) continue;
            const best_edit *parent = find_best_edit(best, contexts, edit->parent);
            if (parent && parent->strip == edit->strip && parent->append == edit->append) continue;
        }
        if (!pair_list_add(rules, edit->context, (uint64_t)edit->strip << 32 | edit->append))
            status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    }
    free(best);
    return status;
}

/* Majority votes: pairs (key, choice) sorted by key; for each key the
 * choice given most often (the lowest among equals) goes into learned. */
static dyad_status add_majorities(pair_list *votes, unsigned choices, pair_list *learned,
                                  dyad_error *error) {
    uint64_t *packed = malloc((votes->count + 1) * 2 * sizeof *packed);
    if (!packed) return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    for (size_t i = 0; i < votes->count; i++) {
        packed[2 * i] = votes->keys[i];
        packed[2 * i + 1] = votes->values[i];
    }
    qsort(packed, votes->count, 2 * sizeof *packed, compare_u64);
    dyad_status status = DYAD_OK;
    for (size_t i = 0; i < votes->count && status == DYAD_OK;) {
        size_t end = i, tally[8] = {0};
        while (end < votes->count && packed[2 * end] == packed[2 * i]) tally[packed[2 * end++ + 1]]++;
        unsigned best = 0;
        for (unsigned c = 1; c < choices; c++)
            if (tally[c] > tally[best]) best = c;
        if (!pair_list_add(learned, packed[2 * i], best))
            status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        i = end;
    }
    free(packed);
    return status;
}

/* Per (tag, position, casing): what the treebank's lemmas do with the
 * written case, and per tag: whether they join digit groups.  Only words
 * whose lemma is the form itself, in some case, vote. */
static dyad_status learn_casing(const sample *samples, size_t count, pair_list *learned,
                                dyad_error *error) {
    pair_list case_votes = {0}, digit_votes = {0};
    dyad_status status = DYAD_OK;
    char title[LEMMA_MAX_BYTES], joined[LEMMA_MAX_BYTES];
    for (size_t i = 0; i < count && status == DYAD_OK; i++) {
        const sample *sample = &samples[i];
        size_t lower_length = strlen(sample->lower);
        bool ok = true;
        size_t joined_length = strlen(sample->form);
        if (joined_length < sizeof joined) {
            memcpy(joined, sample->form, joined_length + 1);
            if (drop_digit_groups(joined, &joined_length))
                ok = pair_list_add(&digit_votes, perceptron_hash_combine(KEY_DIGIT_GROUPS, sample->tag_hash),
                                   strcmp(sample->lemma, joined) == 0);
        }
        bool keep = strcmp(sample->lemma, sample->form) == 0;
        bool lower = strcmp(sample->lemma, sample->lower) == 0;
        bool titled = titlecase(sample->lower, lower_length, title, sizeof title) != (size_t)-1 &&
                      strcmp(sample->lemma, title) == 0;
        /* for most casings two choices give the same string ("bride" kept
         * or lowered): either vote then means the same */
        if (ok && (keep || lower || titled)) {
            case_choice choice = keep ? CASE_KEEP : lower ? CASE_LOWER : CASE_TITLE;
            ok = pair_list_add(&case_votes,
                               casing_key(sample->tag_hash, sample->initial, casing_of(sample->form)),
                               choice);
        }
        if (!ok) status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    }
    if (status == DYAD_OK) status = add_majorities(&case_votes, CASE_CHOICES, learned, error);
    if (status == DYAD_OK) status = add_majorities(&digit_votes, 2, learned, error);
    pair_list_free(&case_votes);
    pair_list_free(&digit_votes);
    return status;
}

static dyad_status save_lemmatizer(const lemmatizer *lemmatizer, const char *path,
                                   dyad_error *error) {
    model_writer *writer = model_writer_new("lemmatizer");
    if (!writer) return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    lemmatizer_meta meta = {.format = LEMMATIZER_FORMAT,
                            .wordnet_count = (uint32_t)lemmatizer->wordnet_count,
                            .word_classes_id = lemmatizer->word_classes_id};
    bool ok = model_writer_add(writer, "lemma.meta", &meta, sizeof meta) &&
              model_writer_add(writer, "lemma.strings", lemmatizer->strings, lemmatizer->strings_size) &&
              model_writer_add(writer, "lemma.wordnet", lemmatizer->wordnet,
                               lemmatizer->wordnet_count * sizeof *lemmatizer->wordnet) &&
              model_writer_add(writer, "lemma.exceptions", lemmatizer->exceptions.slots,
                               (size_t)lemmatizer->exceptions.slot_count * 16) &&
              model_writer_add(writer, "lemma.learned", lemmatizer->learned.slots,
                               (size_t)lemmatizer->learned.slot_count * 16) &&
              model_writer_add(writer, "lemma.suffixes", lemmatizer->suffixes.slots,
                               (size_t)lemmatizer->suffixes.slot_count * 16);
    dyad_status status = ok ? model_writer_save(writer, path, error)
                            : error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    model_writer_free(writer);
    return status;
}

/* Replaces a table of the in-memory lemmatizer with one built from list. */
static bool rebuild_table(key_table *table, uint64_t **owned, const pair_list *list) {
    uint32_t slot_count;
    uint64_t *slots = key_table_build(list->keys, list->values, list->count, &slot_count);
    if (!slots) return false;
    free(*owned);
    *owned = slots;
    table->slots = slots;
    table->slot_count = slot_count;
    return true;
}

dyad_status lemmatizer_build(const conllu_corpus *train, const char *wordnet_dir,
                             const char *out_path, lemmatizer_build_report *report,
                             dyad_error *error) {
    memset(report, 0, sizeof *report);
    pair_list lemmas = {0}, exceptions = {0}, learned = {0}, suffixes = {0};
    string_pool strings;
    sample *samples = calloc(train->word_count + 1, sizeof *samples);
    sample **sorted = calloc(train->word_count + 1, sizeof *sorted);
    dyad_arena *arena = dyad_arena_new();
    uint64_t *owned_exceptions = NULL, *owned_learned = NULL, *owned_suffixes = NULL;
    lemmatizer model = {0};
    dyad_status status = DYAD_OK;
    if (!string_pool_init(&strings) || !samples || !sorted || !arena) {
        status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        goto done;
    }
    status = read_wordnet(wordnet_dir, &lemmas, &exceptions, &strings, error);
    if (status != DYAD_OK) goto done;
    report->wordnet_lemmas = lemmas.count;
    report->wordnet_exceptions = exceptions.count;

    size_t count = 0;
    char lower[LEMMA_MAX_BYTES];
    for (size_t s = 0; s < train->sentence_count; s++) {
        const conllu_sentence *sentence = &train->sentences[s];
        for (size_t w = 0; w < sentence->word_count; w++) {
            const conllu_word *word = &sentence->words[w];
            if (strcmp(word->lemma, "_") == 0 && strcmp(word->form, "_") != 0) continue;
            if (lowercase(word->form, lower, sizeof lower) == (size_t)-1) continue;
            sample *sample = &samples[count++];
            sample->form = word->form;
            sample->upos = word->upos;
            sample->xpos = word->xpos;
            sample->lemma = word->lemma;
            sample->lower = arena_strdup(arena, lower);
            sample->initial = w == 0;
            sample->tag_hash = hash_string(sample_tag(sample));
            sample->group = learned_key(sample->tag_hash, lower);
            if (!sample->lower) {
                status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
                goto done;
            }
        }
    }
    status = learn_suffixes(samples, count, &strings, &suffixes, error);
    if (status == DYAD_OK) status = learn_casing(samples, count, &learned, error);
    if (status != DYAD_OK) goto done;
    report->suffix_rules = suffixes.count;

    /* the rules alone, as an in-memory lemmatizer */
    model.wordnet = lemmas.keys;
    model.wordnet_count = lemmas.count;
    if (!rebuild_table(&model.exceptions, &owned_exceptions, &exceptions) ||
        !rebuild_table(&model.suffixes, &owned_suffixes, &suffixes) ||
        !rebuild_table(&model.learned, &owned_learned, &learned)) {
        status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        goto done;
    }
    model.strings = strings.bytes.data;
    model.strings_size = strings.bytes.length;
    /* what lemmatizer_word_classes reads: the lemma set and the exception
     * forms (never 0, which means "no word classes" to the tagger) */
    model.word_classes_id = perceptron_hash_combine(
        perceptron_hash_bytes(lemmas.keys, lemmas.count * sizeof *lemmas.keys),
        perceptron_hash_bytes(exceptions.keys, exceptions.count * sizeof *exceptions.keys));

    /* the treebank's table: per (tag, form), its most frequent lemma, kept
     * where it is right more often than the rules */
    for (size_t i = 0; i < count; i++) sorted[i] = &samples[i];
    qsort(sorted, count, sizeof *sorted, compare_samples);
    char buffer[LEMMA_MAX_BYTES];
    for (size_t i = 0; i < count && status == DYAD_OK;) {
        size_t end = i, best_start = i, best_count = 0;
        while (end < count && sorted[end]->group == sorted[i]->group) {
            size_t run = end;
            while (run < count && sorted[run]->group == sorted[end]->group &&
                   strcmp(sorted[run]->lemma, sorted[end]->lemma) == 0)
                run++;
            if (run - end > best_count) {
                best_count = run - end;
                best_start = end;
            }
            end = run;
        }
        size_t rules_right = 0;
        for (size_t j = i; j < end; j++) {
            const sample *sample = sorted[j];
            const char *lemma = lemmatize_internal(&model, sample->form, sample->upos, sample->xpos,
                                                   sample->initial, buffer, false);
            rules_right += strcmp(lemma, sample->lemma) == 0;
        }
        if (best_count > rules_right) {
            uint64_t offset = string_pool_intern(&strings, sorted[best_start]->lemma);
            if (offset == (uint64_t)-1 || !pair_list_add(&learned, sorted[i]->group, offset))
                status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
            report->learned_forms++;
            /* the pool may have moved */
            model.strings = strings.bytes.data;
            model.strings_size = strings.bytes.length;
        }
        i = end;
    }
    if (status != DYAD_OK) goto done;
    if (!rebuild_table(&model.learned, &owned_learned, &learned)) {
        status = error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
        goto done;
    }
    model.strings = strings.bytes.data;
    model.strings_size = strings.bytes.length;
    size_t right = 0;
    for (size_t i = 0; i < count; i++) {
        const char *lemma = lemmatize_word(&model, samples[i].form, samples[i].upos, samples[i].xpos,
                                           samples[i].initial, buffer);
        right += strcmp(lemma, samples[i].lemma) == 0;
    }
    report->train_accuracy = count ? 100.0 * (double)right / (double)count : 0;
    status = save_lemmatizer(&model, out_path, error);
done:
    free(owned_exceptions);
    free(owned_learned);
    free(owned_suffixes);
    pair_list_free(&lemmas);
    pair_list_free(&exceptions);
    pair_list_free(&learned);
    pair_list_free(&suffixes);
    string_pool_free(&strings);
    free(samples);
    free(sorted);
    dyad_arena_free(arena);
    return status;
}
