/*
 * extract_eval.c — see extract_eval.h.
 *
 * Shingles are compared by a 64-bit hash of their lower-cased tokens, in
 * an open-addressing table sized for both texts: a collision would need
 * two different 4-grams of one page to share 64 bits.
 */
#include "extract_eval.h"
#include "../ingest/html_extract.h"
#include "../util/arena.h"
#include "../util/error.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <zlib.h>

enum { SHINGLE_TOKENS = 4 };

static bool is_word_codepoint(utf8proc_int32_t codepoint) {
    if (codepoint == '_') return true;
    switch (utf8proc_category(codepoint)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

static uint64_t mix(uint64_t h) {
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

/* Hashes of the tokens of text, in an arena array; *count set. */
static uint64_t *token_hashes(const char *text, size_t length, dyad_arena *scratch,
                              size_t *count) {
    size_t capacity = 0, n = 0;
    uint64_t *hashes = NULL;
    uint64_t hash = 0xcbf29ce484222325ULL;
    bool in_token = false;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    size_t i = 0;
    for (;;) {
        utf8proc_int32_t codepoint = -1;
        utf8proc_ssize_t width = 0;
        if (i < length) {
            width = utf8proc_iterate(p + i, (utf8proc_ssize_t)(length - i), &codepoint);
            if (width <= 0) { /* not UTF-8: a separator */
                width = 1;
                codepoint = -1;
            }
        }
        bool word = codepoint >= 0 && is_word_codepoint(codepoint);
        if (word) {
            hash = (hash ^ (uint64_t)utf8proc_tolower(codepoint)) * 0x100000001b3ULL;
            in_token = true;
        } else if (in_token) {
            if (n == capacity) {
                uint64_t *bigger = arena_grow(scratch, hashes, &capacity, sizeof *hashes);
                if (!bigger) return NULL;
                hashes = bigger;
            }
            hashes[n++] = mix(hash);
            hash = 0xcbf29ce484222325ULL;
            in_token = false;
        }
        if (i >= length) break;
        i += (size_t)width;
    }
    *count = n;
    return hashes ? hashes : arena_alloc(scratch, sizeof *hashes);
}

static uint64_t shingle_hash(const uint64_t *tokens, size_t n) {
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (size_t i = 0; i < n; i++) h = mix(h ^ tokens[i]) + i;
    return h | 1; /* 0 marks an empty slot */
}

static size_t shingle_count(size_t tokens) {
    return tokens == 0 ? 0 : tokens < SHINGLE_TOKENS ? 1 : tokens - SHINGLE_TOKENS + 1;
}

typedef struct shingle_slot {
    uint64_t hash;
    uint32_t gold, extracted;
} shingle_slot;

static void add_shingles(shingle_slot *table, size_t mask, const uint64_t *tokens, size_t n,
                         bool gold) {
    size_t shingles = shingle_count(n);
    for (size_t i = 0; i < shingles; i++) {
        size_t width = n < SHINGLE_TOKENS ? n : SHINGLE_TOKENS;
        uint64_t hash = shingle_hash(tokens + i, width);
        size_t slot = (size_t)hash & mask;
        while (table[slot].hash && table[slot].hash != hash) slot = (slot + 1) & mask;
        table[slot].hash = hash;
        if (gold)
            table[slot].gold++;
        else
            table[slot].extracted++;
    }
}

dyad_status extract_eval_compare(const char *gold, size_t gold_length, const char *extracted,
                                 size_t extracted_length, dyad_arena *scratch,
                                 extract_eval_counts *out) {
    memset(out, 0, sizeof *out);
    size_t gold_count, extracted_count;
    uint64_t *gold_tokens = token_hashes(gold, gold_length, scratch, &gold_count);
    uint64_t *extracted_tokens = token_hashes(extracted, extracted_length, scratch,
                                              &extracted_count);
    if (!gold_tokens || !extracted_tokens) return DYAD_ERR_MEMORY;
    size_t needed = 2 * (shingle_count(gold_count) + shingle_count(extracted_count)) + 16;
    size_t capacity = 16;
    while (capacity < needed) capacity *= 2;
    shingle_slot *table = arena_calloc(scratch, capacity, sizeof *table);
    if (!table) return DYAD_ERR_MEMORY;
    add_shingles(table, capacity - 1, gold_tokens, gold_count, true);
    add_shingles(table, capacity - 1, extracted_tokens, extracted_count, false);
    double tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < capacity; i++) {
        if (!table[i].hash) continue;
        uint32_t g = table[i].gold, e = table[i].extracted;
        tp += g < e ? g : e;
        fp += e > g ? e - g : 0;
        fn += g > e ? g - e : 0;
    }
    double sum = tp + fp + fn;
    if (sum > 0) {
        out->true_positive = tp / sum;
        out->false_positive = fp / sum;
        out->false_negative = fn / sum;
    }
    return DYAD_OK;
}

/* The benchmark's per-page scores (a page with nothing on either side is
 * perfect). */
static double precision_of(const extract_eval_counts *c) {
    if (c->false_positive == 0 && c->false_negative == 0) return 1.0;
    if (c->true_positive == 0 && c->false_positive == 0) return 0.0;
    return c->true_positive / (c->true_positive + c->false_positive);
}

static double recall_of(const extract_eval_counts *c) {
    if (c->false_positive == 0 && c->false_negative == 0) return 1.0;
    if (c->true_positive == 0 && c->false_negative == 0) return 0.0;
    return c->true_positive / (c->true_positive + c->false_negative);
}

static int compare_strings(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads a whole (possibly gzipped) file into buffer; false with errno. */
static bool read_whole(const char *path, dyad_buffer *buffer) {
    gzFile file = gzopen(path, "rb");
    if (!file) return false;
    buffer->length = 0;
    for (;;) {
        if (buffer->capacity - buffer->length < 65536 + 1) {
            size_t capacity = buffer->capacity ? buffer->capacity * 2 : 1 << 20;
            char *bigger = realloc(buffer->data, capacity);
            if (!bigger) {
                gzclose(file);
                errno = ENOMEM;
                return false;
            }
            buffer->data = bigger;
            buffer->capacity = capacity;
        }
        int got = gzread(file, buffer->data + buffer->length, 65536);
        if (got < 0) {
            gzclose(file);
            errno = EIO;
            return false;
        }
        if (got == 0) break;
        buffer->length += (size_t)got;
    }
    gzclose(file);
    return true;
}

dyad_status extract_eval_run(const html_hints *hints, const char *gold_dir,
                             extract_eval_page_fn on_page, void *context,
                             extract_eval_summary *out, dyad_error *error) {
    memset(out, 0, sizeof *out);
    char path[4096];
    snprintf(path, sizeof path, "%s/ground-truth.json", gold_dir);
    json_error_t json_error;
    json_t *gold = json_load_file(path, 0, &json_error);
    if (!gold)
        return error_set(error, errno == ENOENT ? DYAD_ERR_IO : DYAD_ERR_FORMAT, path,
                         json_error.line, json_error.position, "%s", json_error.text);
    if (!json_is_object(gold)) {
        json_decref(gold);
        return error_set(error, DYAD_ERR_FORMAT, path, 0, -1, "expected an object of pages");
    }
    size_t page_count = json_object_size(gold), n = 0;
    const char **ids = calloc(page_count ? page_count : 1, sizeof *ids);
    dyad_arena *arena = dyad_arena_new();
    dyad_buffer page_bytes = {0};
    dyad_status status = DYAD_OK;
    if (!ids || !arena) {
        status = error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
        goto done;
    }
    const char *key;
    json_t *value;
    json_object_foreach(gold, key, value) ids[n++] = key;
    qsort(ids, n, sizeof *ids, compare_strings);

    double precision_sum = 0, recall_sum = 0, f1_sum = 0;
    size_t precision_pages = 0, recall_pages = 0, good = 0;
    for (size_t i = 0; i < n; i++) {
        dyad_arena_reset(arena);
        json_t *entry = json_object_get(gold, ids[i]);
        json_t *body = json_is_object(entry) ? json_object_get(entry, "articleBody") : NULL;
        if (body && !json_is_string(body)) {
            status = error_set(error, DYAD_ERR_FORMAT, path, 0, -1,
                               "page %s: articleBody is not a string", ids[i]);
            goto done;
        }
        const char *gold_text = body ? json_string_value(body) : "";
        size_t gold_length = body ? json_string_length(body) : 0;

        char page_path[4096];
        snprintf(page_path, sizeof page_path, "%s/html/%s.html.gz", gold_dir, ids[i]);
        if (!read_whole(page_path, &page_bytes)) {
            snprintf(page_path, sizeof page_path, "%s/html/%s.html", gold_dir, ids[i]);
            if (!read_whole(page_path, &page_bytes)) {
                status = error_set(error, DYAD_ERR_IO, page_path, 0, -1, "cannot read page: %s",
                                   strerror(errno));
                goto done;
            }
        }
        extract_eval_page page;
        memset(&page, 0, sizeof page);
        page.id = ids[i];
        html_article article;
        dyad_status extracted = html_extract_article(hints, page_bytes.data, page_bytes.length,
                                                     page_path, NULL, arena, &article,
                                                     &page.error);
        if (extracted == DYAD_ERR_MEMORY) {
            status = error_set(error, DYAD_ERR_MEMORY, page_path, 0, -1, "out of memory");
            goto done;
        }
        page.failed = extracted != DYAD_OK;
        page.text = page.failed ? "" : article.text;
        page.text_length = page.failed ? 0 : article.text_length;
        if (extract_eval_compare(gold_text, gold_length, page.text, page.text_length, arena,
                                 &page.counts) != DYAD_OK) {
            status = error_set(error, DYAD_ERR_MEMORY, page_path, 0, -1, "out of memory");
            goto done;
        }
        const extract_eval_counts *c = &page.counts;
        page.precision = precision_of(c);
        page.recall = recall_of(c);
        page.f1 = page.precision + page.recall > 0
                      ? 2 * page.precision * page.recall / (page.precision + page.recall)
                      : 0.0;
        if (c->true_positive + c->false_positive > 0) {
            precision_sum += page.precision;
            precision_pages++;
        }
        if (c->true_positive + c->false_negative > 0) {
            recall_sum += page.recall;
            recall_pages++;
        }
        f1_sum += page.f1;
        good += page.f1 >= 0.9;
        out->failed += page.failed;
        out->pages++;
        if (on_page) on_page(context, &page);
    }
    out->precision = precision_pages ? precision_sum / (double)precision_pages : 0.0;
    out->recall = recall_pages ? recall_sum / (double)recall_pages : 0.0;
    out->f1 = out->precision + out->recall > 0
                  ? 2 * out->precision * out->recall / (out->precision + out->recall)
                  : 0.0;
    out->mean_page_f1 = out->pages ? f1_sum / (double)out->pages : 0.0;
    out->good_pages = out->pages ? (double)good / (double)out->pages : 0.0;
done:
    free(ids);
    free(page_bytes.data);
    dyad_arena_free(arena);
    json_decref(gold);
    return status;
}
