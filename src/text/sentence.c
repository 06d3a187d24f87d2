/*
 * sentence.c — see sentence.h and sentence_features.h.
 */
#include "sentence.h"
#include "sentence_features.h"
#include "sentence_model.h"
#include "characters.h"
#include "../util/arena.h"
#include "../util/error.h"
#include "../util/model_file.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* ------------------------------------------------------------ contexts */

static uint32_t fnv_step(uint32_t hash, uint32_t byte) {
    return (hash ^ byte) * 16777619u;
}

enum { HASHED_PREFIX = 32, SHAPE_LENGTH = 8 };

/* token_context.word of one-byte tokens, for the list-item rule */
#define ONE_BYTE_WORD(c) ((2166136261u ^ (uint32_t)(c)) * 16777619u)
static const uint32_t star_word = ONE_BYTE_WORD('*');
static const uint32_t full_stop_word = ONE_BYTE_WORD('.');
static const uint32_t bracket_word = ONE_BYTE_WORD(')');

static bool is_bullet(int32_t code) {
    return code == 0x2022 || code == 0x25AA || code == 0x25CF || code == 0x25E6 ||
           code == 0x2023 || code == 0x25A0 || code == 0x25B8 || code == 0x25BA;
}

static token_class punctuation_class(int32_t code, const token_span *token) {
    switch (code) {
    case '.': case '!': case '?': case 0x2026:
        return CLASS_FINAL;
    case ',': case ';': case ':':
        return CLASS_PAUSE;
    case '-': case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        return CLASS_DASH;
    case '(': case '[': case '{': case 0x201C: case 0x2018: case 0x00AB: case 0x2039:
    case 0x201E: case 0x201A:
        return CLASS_OPEN;
    case ')': case ']': case '}': case 0x201D: case 0x2019: case 0x00BB: case 0x203A:
        return CLASS_CLOSE;
    case '"': case '\'': case '`':
        /* straight quotes: the spacing tells which side they are on */
        if (token->joined) return CLASS_CLOSE;
        if (!token->space_after) return CLASS_OPEN;
        return CLASS_SYMBOL;
    default:
        return is_bullet(code) ? CLASS_BULLET : CLASS_SYMBOL;
    }
}

static void token_summary(const char *text, const token_span *token, token_context *context) {
    uint32_t word = 2166136261u;
    uint64_t shape = 0;          /* up to SHAPE_LENGTH shape symbols, a byte each */
    uint32_t shape_last = 0;
    unsigned shape_repeat = 0, shape_length = 0, seen = 0;
    int32_t first_code = -1;
    unsigned first_kind = CHARACTER_SPACE;
    size_t hashed = 0;
    for (size_t position = token->start; position < token->end;) {
        unsigned char byte = (unsigned char)text[position];
        character c;
        uint32_t symbol;
        if (byte < 0x80) {
            /* one switch gives the shape symbol and the hashed byte of an
             * ASCII character (upper case folded, digits to 0) */
            c = (character){byte, 1, character_ascii_kind[byte]};
            unsigned char folded = byte;
            switch (c.kind) {
            case CHARACTER_UPPER: symbol = 'X'; folded = (unsigned char)(byte + 32); break;
            case CHARACTER_LOWER: symbol = 'x'; break;
            case CHARACTER_DIGIT: symbol = 'd'; folded = '0'; break;
            default: symbol = byte; break;
            }
            if (hashed++ < HASHED_PREFIX) word = fnv_step(word, folded);
        } else {
            c = character_classify_wide(text, position, token->end);
            switch (c.kind) {
            case CHARACTER_UPPER: symbol = 'X'; break;
            case CHARACTER_LOWER:
            case CHARACTER_LETTER: symbol = 'x'; break;
            case CHARACTER_DIGIT: symbol = 'd'; break;
            default: symbol = c.code < 0x80 ? (uint32_t)c.code : 0x80 | ((uint32_t)c.code & 0x7F); break;
            }
            for (size_t b = 0; b < c.length && hashed < HASHED_PREFIX; b++, hashed++)
                word = fnv_step(word, (unsigned char)text[position + b]);
        }
        if (first_code < 0) {
            first_code = c.code;
            first_kind = c.kind;
        }
        seen |= 1u << c.kind;
        if (symbol == shape_last) {
            shape_repeat++;
        } else {
            shape_repeat = 0;
            shape_last = symbol;
        }
        if (shape_repeat < 2 && shape_length < SHAPE_LENGTH) {
            shape = shape << 8 | symbol;
            shape_length++;
        }
        position += c.length;
    }
    token_class class;
    if (seen == 1u << CHARACTER_PUNCTUATION) {
        class = punctuation_class(first_code, token);
        if (first_code == '"' || first_code == '\'' || first_code == '`')
            shape = shape << 8 | (class == CLASS_OPEN ? '<' : class == CLASS_CLOSE ? '>' : '=');
    } else if (first_kind == CHARACTER_DIGIT) {
        class = CLASS_NUMBER;
    } else if (first_kind == CHARACTER_UPPER) {
        class = !(seen & 1u << CHARACTER_LOWER) && token->end - token->start > 1 &&
                        !(token->flags & (TOKEN_INITIAL | TOKEN_TITLE))
                    ? CLASS_CAPITALS
                    : CLASS_CAPITALISED;
    } else if (first_kind == CHARACTER_LOWER) {
        class = CLASS_LOWER;
    } else {
        class = CLASS_OTHER_WORD;
    }
    context->word = word;
    context->shape = (uint32_t)((shape * 0x9E3779B97F4A7C15ull) >> 32) ^ (uint32_t)shape_length;
    context->class = (uint8_t)class;
    context->flags = token->flags;
    context->joined = token->joined;
}

void sentence_contexts(const char *text, const token_span *tokens, size_t count,
                       token_context *contexts) {
    for (size_t i = 0; i < count; i++) token_summary(text, &tokens[i], &contexts[i]);
    size_t next_final = (size_t)-1;
    for (size_t i = count; i-- > 0;) {
        size_t distance = next_final == (size_t)-1 ? 255 : next_final - i;
        contexts[i].final_ahead = (uint8_t)(distance < 255 ? distance : 255);
        if (contexts[i].class == CLASS_FINAL) next_final = i;
    }
}

/* ------------------------------------------------------------ rules */

static bool can_start_sentence(const token_context *next) {
    switch (next->class) {
    case CLASS_CAPITALISED:
    case CLASS_CAPITALS:
    case CLASS_NUMBER:
    case CLASS_OPEN:
    case CLASS_BULLET:
    case CLASS_DASH:
    case CLASS_OTHER_WORD:
        return true;
    case CLASS_SYMBOL:
        return !(next->flags & TOKEN_EMOTICON);
    default:
        return false;
    }
}

/* A list item at the start of a line: "- item", "* item", "1. item",
 * "2) item" (the clean stage keeps line breaks inside a paragraph only
 * where they mean something). */
static bool starts_list_item(const token_context *contexts, size_t count, size_t i) {
    const token_context *token = &contexts[i];
    if (!(token->flags & TOKEN_AFTER_NEWLINE)) return false;
    if (token->class == CLASS_DASH || token->class == CLASS_BULLET || token->word == star_word)
        return true;
    return token->class == CLASS_NUMBER && i + 1 < count && contexts[i + 1].joined &&
           (contexts[i + 1].word == full_stop_word || contexts[i + 1].word == bracket_word);
}

bool sentence_forced(const token_context *contexts, size_t count, size_t i) {
    if (i + 1 >= count || contexts[i + 1].joined) return false;
    return contexts[i + 1].class == CLASS_BULLET || (contexts[i + 1].flags & TOKEN_STARTER) ||
           starts_list_item(contexts, count, i + 1);
}

bool sentence_impossible(const token_context *contexts, size_t count, size_t i) {
    return i + 1 < count && (contexts[i + 1].joined || (contexts[i].flags & TOKEN_TITLE));
}

bool sentence_unlikely(const token_context *contexts, size_t count, size_t i) {
    if (i + 1 >= count) return false;
    switch (contexts[i + 1].class) {
    case CLASS_FINAL:
    case CLASS_PAUSE:
    case CLASS_CLOSE:
        return true;
    default:
        return false;
    }
}

bool sentence_rule(const token_context *contexts, size_t count, size_t i) {
    if (i + 1 >= count) return true;
    if (sentence_forced(contexts, count, i)) return true;
    const token_context *token = &contexts[i], *next = &contexts[i + 1];
    bool ends = token->class == CLASS_FINAL;
    if (token->class == CLASS_CLOSE && i > 0) {
        /* .” or .) : the closing mark belongs to the sentence */
        size_t back = i;
        while (back > 0 && contexts[back].class == CLASS_CLOSE) back--;
        ends = contexts[back].class == CLASS_FINAL;
    }
    if (!ends) return false;
    return can_start_sentence(next);
}

/* ------------------------------------------------------------ features */

/* Multiplicative hashing: the top bits of the product depend on every
 * bit of the value, and it costs one multiplication. */
static inline uint32_t feature_index(uint32_t template_id, uint64_t value) {
    uint64_t h = (value + (uint64_t)template_id * 0x9E3779B97F4A7C15ull) * 0xD6E8FEB86659FD93ull;
    return (uint32_t)(h >> (64 - SENTENCE_MODEL_BITS));
}

static uint64_t pair(uint32_t a, uint32_t b) {
    return (uint64_t)a << 32 | b;
}

static uint32_t length_bucket(size_t length) {
    if (length <= 4) return (uint32_t)length;
    if (length <= 7) return 5;
    if (length <= 12) return 6;
    if (length <= 20) return 7;
    if (length <= 40) return 8;
    return 9;
}

static uint32_t small_bucket(size_t value) {
    return value < 3 ? (uint32_t)value : 3;
}

size_t sentence_gap_features(const token_context *contexts, size_t count, size_t i,
                             const sentence_state *state, uint32_t *features) {
    static const token_context edge = {0x51u, 0x51u, CLASS_COUNT, 0, 255, 0};
    const token_context *previous = i > 0 ? &contexts[i - 1] : &edge;
    const token_context *token = &contexts[i];
    const token_context *next = i + 1 < count ? &contexts[i + 1] : &edge;
    const token_context *after = i + 2 < count ? &contexts[i + 2] : &edge;
    uint32_t pair_classes = (uint32_t)token->class << 8 | next->class;
    uint32_t classes = (uint32_t)previous->class << 16 | pair_classes;
    uint32_t abbreviation = token->flags & (TOKEN_TITLE | TOKEN_ABBREVIATION | TOKEN_INITIAL |
                                            TOKEN_ACRONYM | TOKEN_LINK | TOKEN_EMOTICON);
    /* 19 templates, cut down from 28: on EWT dev the ten removed (shapes
     * of the outer tokens alone, the rule decision, the distance to the
     * paragraph end, ...) made no difference beyond the noise between
     * training runs, and every template costs a random memory read */
    size_t n = 0;
    features[n++] = feature_index(1, 0);
    features[n++] = feature_index(2, token->word);
    features[n++] = feature_index(3, next->word);
    features[n++] = feature_index(4, previous->word);
    features[n++] = feature_index(5, after->word);
    features[n++] = feature_index(6, token->shape);
    features[n++] = feature_index(7, pair(token->shape, next->shape));
    features[n++] = feature_index(8, pair(token->word, next->shape));
    features[n++] = feature_index(9, pair(previous->word, token->word));
    features[n++] = feature_index(10, pair(next->shape, after->word));
    features[n++] = feature_index(11, pair(token->word, next->word));
    features[n++] = feature_index(12, pair(abbreviation, next->shape));
    features[n++] = feature_index(19, pair(abbreviation, next->word));
    features[n++] = feature_index(13, pair(length_bucket(state->length), token->class));
    features[n++] = feature_index(14, pair(previous->word, token->shape));
    features[n++] = feature_index(15, pair(classes, after->class));
    features[n++] = feature_index(16, pair(small_bucket(state->lower_words), classes));
    features[n++] = feature_index(17, pair(length_bucket(token->final_ahead), pair_classes));
    features[n++] = feature_index(18, pair(token->class, next->word));
    assert(n == SENTENCE_FEATURES);
    return n;
}

/* ------------------------------------------------------------ model */

struct sentence_model {
    int8_t *quantized;        /* the weight table, 2^SENTENCE_MODEL_BITS entries */
    sentence_weights weights; /* how to read it */
};

static bool host_is_little_endian(void) {
    const uint16_t probe = 1;
    unsigned char first;
    memcpy(&first, &probe, 1);
    return first == 1;
}

enum { HEADER_SIZE = 16, TABLE_ENTRIES = 1 << SENTENCE_MODEL_BITS };

dyad_status sentence_model_load(const char *path, sentence_model **out, dyad_error *error) {
    *out = NULL;
    if (!host_is_little_endian())
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "sentence models are little-endian; this host is not");
    model_file *file;
    dyad_status status = model_file_open(path, SENTENCE_MODEL_KIND, &file, error);
    if (status != DYAD_OK) return status;
    size_t header_size, weights_size;
    const unsigned char *header = model_file_section(file, "header", &header_size);
    const unsigned char *packed = model_file_section(file, "weights", &weights_size);
    uint32_t version = 0, bits = 0;
    float threshold = 0, scale = 0;
    if (header && header_size == HEADER_SIZE) {
        memcpy(&version, header, 4);
        memcpy(&bits, header + 4, 4);
        memcpy(&threshold, header + 8, 4);
        memcpy(&scale, header + 12, 4);
    }
    const char *problem = NULL;
    if (!header || header_size != HEADER_SIZE) problem = "has no valid header section";
    else if (version != SENTENCE_FEATURE_VERSION) problem = "was trained with other features; retrain it";
    else if (bits != SENTENCE_MODEL_BITS) problem = "has a weight table of the wrong size";
    else if (!(threshold == threshold) || !(scale > 0)) problem = "has an invalid threshold or scale";
    else if (!packed) problem = "has no weights section";
    sentence_model *model = problem ? NULL : calloc(1, sizeof *model);
    int8_t *table = problem ? NULL : malloc(TABLE_ENTRIES);
    if (!problem && (!model || !table)) {
        free(model);
        free(table);
        model_file_close(file);
        return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    }
    if (!problem) {
        uLongf unpacked = TABLE_ENTRIES;
        if (uncompress((Bytef *)table, &unpacked, packed, (uLong)weights_size) != Z_OK ||
            unpacked != TABLE_ENTRIES)
            problem = "has a corrupt or truncated weights section";
    }
    model_file_close(file);
    if (problem) {
        free(model);
        free(table);
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "sentence model %s", problem);
    }
    model->quantized = table;
    model->weights = (sentence_weights){NULL, table, 1.0f / scale, threshold};
    *out = model;
    return DYAD_OK;
}

void sentence_model_free(sentence_model *model) {
    if (!model) return;
    free(model->quantized);
    free(model);
}

dyad_status sentence_model_save(const float *weights, float threshold, const char *path,
                                dyad_error *error) {
    /* 8-bit weights, zlib-compressed.  Most of the table is empty (hash
     * buckets no training feature fell into), so it packs to a fraction of
     * its size; 8 bits cost no measurable accuracy (EWT dev sentence F1
     * moved by 0.0006) and halve the memory the segmenter reads at random,
     * which is what its speed depends on */
    float largest = 0;
    for (size_t i = 0; i < TABLE_ENTRIES; i++)
        if (fabsf(weights[i]) > largest) largest = fabsf(weights[i]);
    float scale = largest > 0 ? 127.0f / largest : 1.0f;
    int8_t *table = malloc(TABLE_ENTRIES);
    uLongf packed_size = compressBound(TABLE_ENTRIES);
    Bytef *packed = malloc(packed_size);
    model_writer *writer = model_writer_new(SENTENCE_MODEL_KIND);
    bool ok = table && packed && writer;
    if (ok) {
        for (size_t i = 0; i < TABLE_ENTRIES; i++) table[i] = (int8_t)lrintf(weights[i] * scale);
        ok = compress2(packed, &packed_size, (const Bytef *)table, TABLE_ENTRIES,
                       Z_BEST_COMPRESSION) == Z_OK;
    }
    unsigned char header[HEADER_SIZE];
    uint32_t version = SENTENCE_FEATURE_VERSION, bits = SENTENCE_MODEL_BITS;
    memcpy(header, &version, 4);
    memcpy(header + 4, &bits, 4);
    memcpy(header + 8, &threshold, 4);
    memcpy(header + 12, &scale, 4);
    ok = ok && model_writer_add(writer, "header", header, sizeof header) &&
         model_writer_add(writer, "weights", packed, packed_size);
    dyad_status status = ok ? model_writer_save(writer, path, error)
                            : error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    model_writer_free(writer);
    free(table);
    free(packed);
    return status;
}

float sentence_score(const float *weights, const uint32_t *features, size_t count) {
    float score = 0;
    for (size_t f = 0; f < count; f++) score += weights[features[f]];
    return score;
}

static bool gap_ends_sentence(const sentence_weights *weights, const uint32_t *features,
                              size_t count) {
    if (weights->values) return sentence_score(weights->values, features, count) > weights->threshold;
    int32_t sum = 0;
    if (count == SENTENCE_FEATURES) {
        /* unrolled: the loop control cost as much as the reads */
#pragma GCC unroll 32
        for (size_t f = 0; f < SENTENCE_FEATURES; f++) sum += weights->quantized[features[f]];
    } else {
        for (size_t f = 0; f < count; f++) sum += weights->quantized[features[f]];
    }
    return (float)sum * weights->unit > weights->threshold;
}

/* ------------------------------------------------------------ decisions */

static bool same_state(const sentence_state *a, const sentence_state *b) {
    return a->length == b->length && a->lower_words == b->lower_words &&
           a->first_class == b->first_class;
}

static bool model_decides(const token_context *contexts, size_t count, size_t i) {
    return i + 1 < count && !sentence_impossible(contexts, count, i) &&
           !sentence_unlikely(contexts, count, i) && !sentence_forced(contexts, count, i);
}

void sentence_decide(const sentence_weights *weights, const token_context *contexts,
                     size_t count, bool heading, uint8_t *boundary) {
    size_t sentence_start = 0;
    size_t last_pause = (size_t)-1;   /* a safe place to cut an over-long sentence */
    /* The weights are read at random from a table larger than the cache,
     * so the features of the next gap are computed one gap ahead, on the
     * guess that the current gap is no boundary (true 19 times in 20), and
     * their weights prefetched while the current gap is scored. */
    uint32_t buffers[2][SENTENCE_FEATURES];
    uint32_t *current = buffers[0], *ahead = buffers[1];
    size_t ahead_gap = (size_t)-1;
    sentence_state ahead_state = {0, 0, 0};
    sentence_state state = {0, 0, 0};
    for (size_t i = 0; i < count; i++) {
        bool ends;
        sentence_state_add(&state, &contexts[i]);
        if (i + 1 == count) {
            ends = true;
        } else if (heading || sentence_impossible(contexts, count, i) ||
                   (weights && sentence_unlikely(contexts, count, i))) {
            ends = false;
        } else if (sentence_forced(contexts, count, i)) {
            ends = true;
        } else if (weights) {
            size_t n = SENTENCE_FEATURES;
            if (ahead_gap == i && same_state(&ahead_state, &state)) {
                uint32_t *swap = current;
                current = ahead;
                ahead = swap;
            } else {
                n = sentence_gap_features(contexts, count, i, &state, current);
            }
            if (weights->quantized && model_decides(contexts, count, i + 1)) {
                ahead_state = state;
                sentence_state_add(&ahead_state, &contexts[i + 1]);
                sentence_gap_features(contexts, count, i + 1, &ahead_state, ahead);
#pragma GCC unroll 32
                for (size_t f = 0; f < SENTENCE_FEATURES; f++)
                    __builtin_prefetch(&weights->quantized[ahead[f]]);
                ahead_gap = i + 1;
            }
            ends = gap_ends_sentence(weights, current, n);
        } else {
            ends = sentence_rule(contexts, count, i);
        }
        boundary[i] = ends;
        if (ends) {
            sentence_start = i + 1;
            last_pause = (size_t)-1;
            state = (sentence_state){0, 0, 0};
            continue;
        }
        token_class class = contexts[i].class;
        if (class == CLASS_PAUSE || class == CLASS_DASH) last_pause = i;
        if (i + 1 - sentence_start >= SENTENCE_MAX_TOKENS) {
            /* over-long: cut after the last pause in the final quarter,
             * or here */
            size_t cut = i;
            if (last_pause != (size_t)-1 &&
                last_pause >= sentence_start + SENTENCE_MAX_TOKENS * 3 / 4)
                cut = last_pause;
            boundary[cut] = 1;
            sentence_start = cut + 1;
            last_pause = (size_t)-1;
            state = (sentence_state){0, 0, 0};
            for (size_t k = sentence_start; k <= i; k++) sentence_state_add(&state, &contexts[k]);
        }
    }
}

dyad_status sentence_boundaries(const sentence_model *model, const char *text,
                                const token_span *tokens, size_t count, bool heading,
                                uint8_t *boundary, dyad_arena *arena) {
    if (!count) return DYAD_OK;
    token_context *contexts = arena_alloc(arena, count * sizeof *contexts);
    if (!contexts) return DYAD_ERR_MEMORY;
    sentence_contexts(text, tokens, count, contexts);
    sentence_decide(model ? &model->weights : NULL, contexts, count, heading, boundary);
    return DYAD_OK;
}
