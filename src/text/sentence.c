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

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ contexts */

static uint32_t fnv_step(uint32_t hash, uint32_t byte) {
    return (hash ^ byte) * 16777619u;
}

enum { HASHED_PREFIX = 32, SHAPE_LENGTH = 8 };

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
    uint32_t word = 2166136261u, shape = 2166136261u;
    int32_t shape_last = -1;
    unsigned shape_repeat = 0, shape_length = 0;
    bool upper_first = false, lower_any = false, upper_any = false, digit_first = false;
    bool letters = false, punctuation_only = true;
    int32_t first_code = -1;
    size_t hashed = 0;
    for (size_t position = token->start; position < token->end;) {
        character c = character_at(text, position, token->end);
        if (first_code < 0) {
            first_code = c.code;
            upper_first = c.kind == CHARACTER_UPPER;
            digit_first = c.kind == CHARACTER_DIGIT;
        }
        int32_t shape_code;
        switch (c.kind) {
        case CHARACTER_UPPER: shape_code = 'X'; upper_any = letters = true; break;
        case CHARACTER_LOWER: shape_code = 'x'; lower_any = letters = true; break;
        case CHARACTER_LETTER: shape_code = 'x'; letters = true; break;
        case CHARACTER_DIGIT: shape_code = 'd'; break;
        default: shape_code = c.code; break;
        }
        if (c.kind != CHARACTER_PUNCTUATION) punctuation_only = false;
        if (shape_code == shape_last) {
            shape_repeat++;
        } else {
            shape_repeat = 0;
            shape_last = shape_code;
        }
        if (shape_repeat < 2 && shape_length < SHAPE_LENGTH) {
            shape = fnv_step(fnv_step(shape, (uint32_t)shape_code & 0xFF), (uint32_t)shape_code >> 8);
            shape_length++;
        }
        for (size_t b = 0; b < c.length && hashed < HASHED_PREFIX; b++, hashed++) {
            unsigned char byte = (unsigned char)text[position + b];
            if (byte >= 'A' && byte <= 'Z') byte = (unsigned char)(byte + 32);
            else if (byte >= '0' && byte <= '9') byte = '0';
            word = fnv_step(word, byte);
        }
        position += c.length;
    }
    token_class class;
    if (punctuation_only) {
        class = punctuation_class(first_code, token);
        if (first_code == '"' || first_code == '\'' || first_code == '`')
            shape = fnv_step(shape, class == CLASS_OPEN ? '<' : class == CLASS_CLOSE ? '>' : '=');
    } else if (digit_first) {
        class = CLASS_NUMBER;
    } else if (upper_first) {
        class = upper_any && !lower_any && token->end - token->start > 1 &&
                        !(token->flags & (TOKEN_INITIAL | TOKEN_TITLE))
                    ? CLASS_CAPITALS
                    : CLASS_CAPITALISED;
    } else if (letters && lower_any && first_code >= 0 &&
               character_at(text, token->start, token->end).kind == CHARACTER_LOWER) {
        class = CLASS_LOWER;
    } else {
        class = CLASS_OTHER_WORD;
    }
    context->word = word;
    context->shape = shape;
    context->class = (uint8_t)class;
    context->flags = token->flags;
}

void sentence_contexts(const char *text, const token_span *tokens, size_t count,
                       token_context *contexts) {
    for (size_t i = 0; i < count; i++) token_summary(text, &tokens[i], &contexts[i]);
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

bool sentence_forced(const token_context *contexts, size_t count, size_t i) {
    return i + 1 < count && contexts[i + 1].class == CLASS_BULLET;
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

static uint32_t feature_index(uint32_t template_id, uint64_t value) {
    uint64_t h = ((uint64_t)template_id << 56) ^ value;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 33;
    return (uint32_t)h & ((1u << SENTENCE_MODEL_BITS) - 1);
}

static uint64_t pair(uint32_t a, uint32_t b) {
    return (uint64_t)a << 32 | b;
}

static uint32_t combine(uint32_t a, uint32_t b) {
    return (a * 0x9E3779B1u) ^ (b + 0x7F4A7C15u + (a << 6) + (a >> 2));
}

static uint32_t length_bucket(size_t length) {
    if (length <= 4) return (uint32_t)length;
    if (length <= 7) return 5;
    if (length <= 12) return 6;
    if (length <= 20) return 7;
    if (length <= 40) return 8;
    return 9;
}

size_t sentence_gap_features(const token_context *contexts, size_t count, size_t i,
                             size_t length, uint32_t *features) {
    static const token_context edge = {0x51u, 0x51u, CLASS_COUNT, 0};
    const token_context *previous = i > 0 ? &contexts[i - 1] : &edge;
    const token_context *token = &contexts[i];
    const token_context *next = i + 1 < count ? &contexts[i + 1] : &edge;
    const token_context *after = i + 2 < count ? &contexts[i + 2] : &edge;
    size_t remaining = count - 1 - i;
    uint32_t rule = sentence_rule(contexts, count, i);
    uint32_t classes = (uint32_t)previous->class << 16 | (uint32_t)token->class << 8 | next->class;
    uint32_t abbreviation = token->flags & (TOKEN_TITLE | TOKEN_ABBREVIATION | TOKEN_INITIAL |
                                            TOKEN_ACRONYM | TOKEN_LINK | TOKEN_EMOTICON);
    size_t n = 0;
    features[n++] = feature_index(1, 0);
    features[n++] = feature_index(2, token->word);
    features[n++] = feature_index(3, next->word);
    features[n++] = feature_index(4, previous->shape);
    features[n++] = feature_index(5, token->shape);
    features[n++] = feature_index(6, next->shape);
    features[n++] = feature_index(7, after->shape);
    features[n++] = feature_index(8, pair(token->shape, next->shape));
    features[n++] = feature_index(9, pair(combine(previous->shape, token->shape), next->shape));
    features[n++] = feature_index(10, pair(token->word, next->shape));
    features[n++] = feature_index(11, pair(previous->word, token->word));
    features[n++] = feature_index(12, pair(next->shape, after->word));
    features[n++] = feature_index(13, pair(token->word, next->word));
    features[n++] = feature_index(14, pair(abbreviation, next->shape));
    features[n++] = feature_index(15, pair(length_bucket(length), token->class));
    features[n++] = feature_index(16, pair(length_bucket(remaining), token->class));
    features[n++] = feature_index(17, pair(rule, pair(token->class, next->class)));
    features[n++] = feature_index(18, pair(previous->word, token->shape));
    features[n++] = feature_index(19, pair(classes, after->class));
    features[n++] = feature_index(20, pair(next->word, after->shape));
    features[n++] = feature_index(21, pair(rule, token->word));
    features[n++] = feature_index(22, pair(rule, length_bucket(length) << 4 | length_bucket(remaining)));
    return n;
}

/* ------------------------------------------------------------ model */

struct sentence_model {
    model_file *file;
    const float *weights;
};

static bool host_is_little_endian(void) {
    const uint16_t probe = 1;
    unsigned char first;
    memcpy(&first, &probe, 1);
    return first == 1;
}

dyad_status sentence_model_load(const char *path, sentence_model **out, dyad_error *error) {
    *out = NULL;
    if (!host_is_little_endian())
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "sentence models are little-endian; this host is not");
    model_file *file;
    dyad_status status = model_file_open(path, SENTENCE_MODEL_KIND, &file, error);
    if (status != DYAD_OK) return status;
    size_t size;
    const unsigned char *header = model_file_section(file, "header", &size);
    uint32_t version = 0, bits = 0;
    if (header && size >= 8) {
        memcpy(&version, header, 4);
        memcpy(&bits, header + 4, 4);
    }
    const float *weights = model_file_section(file, "weights", &size);
    const char *problem = NULL;
    if (!header || size < 8) problem = "has no header section";
    else if (version != SENTENCE_FEATURE_VERSION) problem = "was trained with other features; retrain it";
    else if (bits != SENTENCE_MODEL_BITS) problem = "has a weight table of the wrong size";
    else if (!weights || size != sizeof(float) << SENTENCE_MODEL_BITS)
        problem = "has a missing or truncated weights section";
    if (problem) {
        model_file_close(file);
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "sentence model %s", problem);
    }
    sentence_model *model = calloc(1, sizeof *model);
    if (!model) {
        model_file_close(file);
        return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    }
    model->file = file;
    model->weights = weights;
    *out = model;
    return DYAD_OK;
}

void sentence_model_free(sentence_model *model) {
    if (!model) return;
    model_file_close(model->file);
    free(model);
}

dyad_status sentence_model_save(const float *weights, const char *path, dyad_error *error) {
    model_writer *writer = model_writer_new(SENTENCE_MODEL_KIND);
    uint32_t header[2] = {SENTENCE_FEATURE_VERSION, SENTENCE_MODEL_BITS};
    bool ok = writer && model_writer_add(writer, "header", header, sizeof header) &&
              model_writer_add(writer, "weights", weights, sizeof(float) << SENTENCE_MODEL_BITS);
    dyad_status status = ok ? model_writer_save(writer, path, error)
                            : error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    model_writer_free(writer);
    return status;
}

float sentence_score(const float *weights, const uint32_t *features, size_t count) {
    float score = 0;
    for (size_t f = 0; f < count; f++) score += weights[features[f]];
    return score;
}

/* ------------------------------------------------------------ decisions */

void sentence_decide(const float *weights, const token_context *contexts, size_t count,
                     bool heading, uint8_t *boundary) {
    size_t sentence_start = 0;
    size_t last_pause = (size_t)-1;   /* a safe place to cut an over-long sentence */
    uint32_t features[SENTENCE_FEATURES];
    for (size_t i = 0; i < count; i++) {
        bool ends;
        if (i + 1 == count) {
            ends = true;
        } else if (heading) {
            ends = false;
        } else if (sentence_forced(contexts, count, i)) {
            ends = true;
        } else if (weights) {
            size_t n = sentence_gap_features(contexts, count, i, i - sentence_start + 1, features);
            ends = sentence_score(weights, features, n) > 0;
        } else {
            ends = sentence_rule(contexts, count, i);
        }
        boundary[i] = ends;
        if (ends) {
            sentence_start = i + 1;
            last_pause = (size_t)-1;
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
    sentence_decide(model ? model->weights : NULL, contexts, count, heading, boundary);
    return DYAD_OK;
}
