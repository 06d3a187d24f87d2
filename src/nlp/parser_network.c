/*
 * parser_network.c — see parser_network.h.
 *
 * Determinism.  Scores are floats here, unlike the perceptron's integer
 * sums, but every sum is made in one fixed order by element-wise loops
 * (a row added to the hidden layer, a row of the second layer scaled and
 * added to the logits): vectorising such a loop changes which lanes do the
 * work, never the order of any one element's additions, and contraction
 * into fused multiply-adds is off (C17 mode; the pragma below for clang).
 * The same input therefore gives the same bits with SSE2 or AVX2, in any
 * thread.  The conversion to the perceptron's integer units rounds once,
 * at the end.
 */
#include "parser_network.h"
#include "parser_model.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define NETWORK_AVX2 1
#endif

#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

struct parser_network {
    parser_network_header header;
    uint32_t word_ids;
    uint16_t *word_map;          /* parser word id -> word row */
    /* first-layer products: per word slot, the rows of the word, tag and
     * cluster tables already multiplied by that slot's block of the first
     * layer; per child slot, the label rows.  Each row `hidden` floats. */
    int16_t *word_rows, *tag_rows, *cluster_rows, *label_rows;
    int32_t *first_bias;
    float unit_scale;            /* a hidden sum times this is the unit's float value */
    bool avx2;                   /* the processor has it: the vector versions run */
    float *second, *second_bias;
    double to_perceptron;        /* weight / weight_scale */
};

const char *parser_network_check_header(const parser_network_header *header, uint32_t classes,
                                        uint32_t labels, uint32_t forms) {
    if (header->hidden == 0 || header->hidden > NETWORK_MAX_HIDDEN || header->hidden % 64)
        return "hidden layer size not a multiple of 64 up to 512";
    if (header->classes != classes) return "logits do not match the parser's classes";
    if (header->label_rows != labels + 1) return "label table does not match the parser's labels";
    if (header->word_rows < PARSER_ID_FIRST ||
        header->word_rows - PARSER_ID_FIRST > forms || header->word_rows > 65535)
        return "word table larger than the parser's lexicon";
    if (header->tag_rows != PARSER_MAX_TAG_ID + 1) return "tag table of the wrong size";
    if (header->cluster_rows < PARSER_ID_FIRST ||
        header->cluster_rows > PARSER_ID_FIRST + WORD_CLUSTER_MAX_CLASSES)
        return "cluster table of the wrong size";
    if (!header->word_dim || !header->tag_dim || !header->cluster_dim || !header->label_dim ||
        header->word_dim > 256 || header->tag_dim > 256 || header->cluster_dim > 256 ||
        header->label_dim > 256 || parser_network_input_size(header) > NETWORK_MAX_INPUT)
        return "embedding sizes out of range";
    if (!(header->weight > 0) || !isfinite(header->weight)) return "combination weight not positive";
    return NULL;
}

void parser_network_free(parser_network *network) {
    if (!network) return;
    free(network->word_map);
    free(network->word_rows);
    free(network->first_bias);
    free(network->second);
    free(network);
}

/* out[r][0..hidden) = table[r][0..dim) × first[offset..offset+dim)[0..hidden),
 * for every row r. */
static void multiply_rows(const float *table, uint32_t rows, uint32_t dim, const float *first,
                          uint32_t offset, uint32_t hidden, float *out) {
    for (uint32_t r = 0; r < rows; r++) {
        float *row = out + (size_t)r * hidden;
        memset(row, 0, hidden * sizeof *row);
        for (uint32_t d = 0; d < dim; d++)
            network_add_scaled(row, first + (size_t)(offset + d) * hidden,
                               table[(size_t)r * dim + d], hidden);
    }
}

/* The four embedding tables, and where each slot's block of the first
 * layer begins for them (the input is slot after slot: word, tag, cluster;
 * then the labels of the child slots). */
enum { PRODUCT_TABLES = 4 };
typedef struct product_table {
    const float *embeddings;
    uint32_t rows, dim;
    uint32_t (*offset)(const parser_network_header *h, uint32_t slot);
} product_table;

static uint32_t slot_size(const parser_network_header *h) {
    return h->word_dim + h->tag_dim + h->cluster_dim;
}
static uint32_t word_offset(const parser_network_header *h, uint32_t s) { return s * slot_size(h); }
static uint32_t tag_offset(const parser_network_header *h, uint32_t s) {
    return s * slot_size(h) + h->word_dim;
}
static uint32_t cluster_offset(const parser_network_header *h, uint32_t s) {
    return s * slot_size(h) + h->word_dim + h->tag_dim;
}
static uint32_t label_offset(const parser_network_header *h, uint32_t s) {
    return NETWORK_WORD_SLOTS * slot_size(h) + s * h->label_dim;
}

static product_table product_table_of(const parser_network_parameters *p, uint32_t table) {
    const parser_network_header *h = &p->header;
    switch (table) {
    case 0: return (product_table){p->word, h->word_rows, h->word_dim, word_offset};
    case 1: return (product_table){p->tag, h->tag_rows, h->tag_dim, tag_offset};
    case 2: return (product_table){p->cluster, h->cluster_rows, h->cluster_dim, cluster_offset};
    default: return (product_table){p->label, h->label_rows, h->label_dim, label_offset};
    }
}

static int16_t *table_rows(parser_network *n, uint32_t table) {
    return table == 0 ? n->word_rows : table == 1 ? n->tag_rows : table == 2 ? n->cluster_rows
                                                                            : n->label_rows;
}

dyad_status parser_network_build(const parser_network_parameters *p, uint32_t word_ids,
                                 float weight_scale, parser_network **out) {
    *out = NULL;
    const parser_network_header *h = &p->header;
    /* a weight that is not a number would poison every sum it enters */
    const float *blocks[] = {p->word, p->tag, p->cluster, p->label, p->first, p->first_bias,
                             p->second, p->second_bias};
    size_t counts[NETWORK_BLOCKS];
    parser_network_block_sizes(h, counts);
    for (size_t b = 0; b < NETWORK_BLOCKS; b++)
        for (size_t i = 0; i < counts[b]; i++)
            if (!isfinite(blocks[b][i])) return DYAD_ERR_MODEL;
    parser_network *n = calloc(1, sizeof *n);
    if (!n) return DYAD_ERR_MEMORY;
    n->header = *h;
    n->word_ids = word_ids;
    uint32_t hidden = h->hidden;
    size_t slot_rows = (size_t)h->word_rows + h->tag_rows + h->cluster_rows;
    size_t rows = NETWORK_WORD_SLOTS * slot_rows + NETWORK_LABEL_SLOTS * (size_t)h->label_rows;
    uint32_t largest_table = h->word_rows;
    if (h->tag_rows > largest_table) largest_table = h->tag_rows;
    if (h->cluster_rows > largest_table) largest_table = h->cluster_rows;
    if (h->label_rows > largest_table) largest_table = h->label_rows;
    n->word_map = calloc(word_ids ? word_ids : 1, sizeof *n->word_map);
    float *products = malloc((size_t)largest_table * hidden * sizeof(float));
    n->word_rows = model_memory_alloc(rows * hidden * sizeof *n->word_rows);
    n->first_bias = malloc(hidden * sizeof *n->first_bias);
    n->second = calloc((size_t)h->classes * hidden + h->classes, sizeof(float));
    if (!products || !n->word_map || !n->word_rows || !n->first_bias || !n->second) {
        free(products);
        parser_network_free(n);
        return DYAD_ERR_MEMORY;
    }
    /* word ids the network has no row of share the unknown row */
    for (uint32_t id = 0; id < word_ids; id++)
        n->word_map[id] = id < PARSER_ID_FIRST ? (uint16_t)id : PARSER_ID_UNKNOWN;
    for (uint32_t i = 0; i + PARSER_ID_FIRST < h->word_rows; i++)
        if (p->frequent_forms[i] < word_ids)
            n->word_map[p->frequent_forms[i]] = (uint16_t)(i + PARSER_ID_FIRST);
    n->tag_rows = n->word_rows + (size_t)NETWORK_WORD_SLOTS * h->word_rows * hidden;
    n->cluster_rows = n->tag_rows + (size_t)NETWORK_WORD_SLOTS * h->tag_rows * hidden;
    n->label_rows = n->cluster_rows + (size_t)NETWORK_WORD_SLOTS * h->cluster_rows * hidden;

    /* Fixed point: one power-of-two scale for every product, as fine as
     * lets the largest fit 16 bits; 74 rows and the bias then sum exactly
     * in 32 bits.  The products are made twice, table by table (the
     * largest first, then the rounded rows), rather than kept whole in
     * floats: twice the arithmetic, a megabyte instead of 34. */
    float largest = 0;
    for (uint32_t j = 0; j < hidden; j++)
        if (fabsf(p->first_bias[j]) > largest) largest = fabsf(p->first_bias[j]);
    float scale = 1;
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t t = 0; t < PRODUCT_TABLES; t++) {
            product_table table = product_table_of(p, t);
            uint32_t slots = t == 3 ? NETWORK_LABEL_SLOTS : NETWORK_WORD_SLOTS;
            for (uint32_t s = 0; s < slots; s++) {
                size_t count = (size_t)table.rows * hidden;
                multiply_rows(table.embeddings, table.rows, table.dim, p->first,
                              table.offset(h, s), hidden, products);
                if (pass == 0) {
                    for (size_t i = 0; i < count; i++)
                        if (fabsf(products[i]) > largest) largest = fabsf(products[i]);
                } else {
                    int16_t *out = table_rows(n, t) + (size_t)s * count;
                    for (size_t i = 0; i < count; i++) out[i] = (int16_t)lrintf(products[i] * scale);
                }
            }
        }
        if (pass == 0) {
            int shift = 0;
            while (shift < 24 && largest * ldexpf(1.0f, shift + 1) < 32767.0f) shift++;
            scale = ldexpf(1.0f, shift);
        }
    }
    for (uint32_t j = 0; j < hidden; j++) n->first_bias[j] = (int32_t)lrintf(p->first_bias[j] * scale);
    n->unit_scale = 1.0f / scale;
    free(products);
    /* class-major: a class's logit is one dot product over the units */
    for (uint32_t j = 0; j < hidden; j++)
        for (uint32_t c = 0; c < h->classes; c++)
            n->second[(size_t)c * hidden + j] = p->second[(size_t)j * h->classes + c];
    n->second_bias = n->second + (size_t)h->classes * hidden;
    memcpy(n->second_bias, p->second_bias, h->classes * sizeof(float));
#ifdef NETWORK_AVX2
    n->avx2 = __builtin_cpu_supports("avx2");
#endif
    n->to_perceptron = weight_scale > 0 ? (double)h->weight / weight_scale : 0;
    *out = n;
    return DYAD_OK;
}

void parser_network_use_vectors(parser_network *network, bool use) {
#ifdef NETWORK_AVX2
    network->avx2 = use && __builtin_cpu_supports("avx2");
#else
    (void)network;
    (void)use;
#endif
}

int64_t parser_network_reach(const parser_network *network) {
    double reach = NETWORK_REACH_LOGITS * network->to_perceptron;
    return reach > 4e18 ? INT64_MAX : (int64_t)reach;
}

const uint16_t *parser_network_word_map(const parser_network *network, uint32_t *word_ids) {
    *word_ids = network->word_ids;
    return network->word_map;
}

static int child(int index, const int *children) { return index < 0 ? -1 : children[index]; }

void parser_network_inputs(const parser_words *words, const transition_state *state,
                           const uint16_t *map, uint32_t word_ids, network_inputs *inputs) {
    int s0 = transition_stack_top(state, 0), s1 = transition_stack_top(state, 1),
        s2 = transition_stack_top(state, 2);
    int n = state->word_count, b = state->buffer;
    int b0 = b <= n ? b : -1, b1 = b + 1 <= n ? b + 1 : -1, b2 = b + 2 <= n ? b + 2 : -1;
    int s0l1 = child(s0, state->leftmost), s0r1 = child(s0, state->rightmost);
    int s1l1 = child(s1, state->leftmost), s1r1 = child(s1, state->rightmost);
    /* the order is the model's: slots 6.. are children and give labels */
    const int slots[NETWORK_WORD_SLOTS] = {
        s0, s1, s2, b0, b1, b2,
        s0l1, child(s0, state->second_leftmost), s0r1, child(s0, state->second_rightmost),
        s1l1, child(s1, state->second_leftmost), s1r1, child(s1, state->second_rightmost),
        child(b0, state->leftmost), child(b0, state->second_leftmost),
        child(s0l1, state->leftmost), child(s0r1, state->rightmost),
        child(s1l1, state->leftmost), child(s1r1, state->rightmost)};
    const uint16_t *fine = words->cluster_features ? words->cluster[WORD_CLUSTER_FINE] : NULL;
    for (int s = 0; s < NETWORK_WORD_SLOTS; s++) {
        int i = slots[s];
        uint32_t word, tag, cluster;
        if (i < 0) {
            word = tag = cluster = PARSER_ID_NONE;
        } else if (i == 0) {
            word = tag = cluster = PARSER_ID_ROOT;
        } else {
            uint32_t form = words->form[i];
            word = map && form < word_ids ? map[form] : PARSER_ID_UNKNOWN;
            tag = words->tag[i];
            cluster = fine ? fine[i] : PARSER_ID_UNKNOWN;
        }
        inputs->word[s] = word;
        inputs->tag[s] = tag;
        inputs->cluster[s] = cluster;
        if (s >= NETWORK_WORD_SLOTS - NETWORK_LABEL_SLOTS) {
            int label = i > 0 ? state->label[i] : -1;
            inputs->label[s - (NETWORK_WORD_SLOTS - NETWORK_LABEL_SLOTS)] =
                label >= 0 ? (uint32_t)label + 1 : 0;
        }
    }
}

/* The hidden layer: the bias plus the 74 rows of the configuration's
 * inputs, exact integer sums of 16-bit products, then each unit's float
 * value.  The rows' lines are prefetched first: they are scattered over
 * the tables (17 MB with 256 units), and their misses overlap when
 * requested together. */
static void hidden_layer_plain(const parser_network *network, const int16_t *const *rows,
                               uint32_t row_count, float *layer) {
    uint32_t hidden = network->header.hidden;
    int32_t sum[NETWORK_MAX_HIDDEN];
    memcpy(sum, network->first_bias, hidden * sizeof *sum);
    for (uint32_t r = 0; r < row_count; r++)
        for (uint32_t j = 0; j < hidden; j++) sum[j] += rows[r][j];
    for (uint32_t j = 0; j < hidden; j++) layer[j] = (float)sum[j] * network->unit_scale;
}

#ifdef NETWORK_AVX2
/* The same with AVX2: 64 units at a time in eight registers from the
 * first row to the last. */
__attribute__((target("avx2"))) static void
hidden_layer_avx2(const parser_network *network, const int16_t *const *rows, uint32_t row_count,
                  float *layer) {
    uint32_t hidden = network->header.hidden;
    for (uint32_t r = 0; r < row_count; r++)
        for (uint32_t j = 0; j < hidden; j += 32) _mm_prefetch((const char *)(rows[r] + j), _MM_HINT_T0);
    __m256 scale = _mm256_set1_ps(network->unit_scale);
    for (uint32_t block = 0; block < hidden; block += 64) {
        __m256i s0 = _mm256_loadu_si256((const __m256i *)(network->first_bias + block));
        __m256i s1 = _mm256_loadu_si256((const __m256i *)(network->first_bias + block + 8));
        __m256i s2 = _mm256_loadu_si256((const __m256i *)(network->first_bias + block + 16));
        __m256i s3 = _mm256_loadu_si256((const __m256i *)(network->first_bias + block + 24));
        __m256i s4 = _mm256_loadu_si256((const __m256i *)(network->first_bias + block + 32));
        __m256i s5 = _mm256_loadu_si256((const __m256i *)(network->first_bias + block + 40));
        __m256i s6 = _mm256_loadu_si256((const __m256i *)(network->first_bias + block + 48));
        __m256i s7 = _mm256_loadu_si256((const __m256i *)(network->first_bias + block + 56));
        for (uint32_t r = 0; r < row_count; r++) {
            const int16_t *row = rows[r] + block;
#define ADD_EIGHT(sum, at) \
    sum = _mm256_add_epi32(sum, _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)(row + (at)))))
            ADD_EIGHT(s0, 0); ADD_EIGHT(s1, 8); ADD_EIGHT(s2, 16); ADD_EIGHT(s3, 24);
            ADD_EIGHT(s4, 32); ADD_EIGHT(s5, 40); ADD_EIGHT(s6, 48); ADD_EIGHT(s7, 56);
#undef ADD_EIGHT
        }
        float *out = layer + block;
        _mm256_storeu_ps(out, _mm256_mul_ps(_mm256_cvtepi32_ps(s0), scale));
        _mm256_storeu_ps(out + 8, _mm256_mul_ps(_mm256_cvtepi32_ps(s1), scale));
        _mm256_storeu_ps(out + 16, _mm256_mul_ps(_mm256_cvtepi32_ps(s2), scale));
        _mm256_storeu_ps(out + 24, _mm256_mul_ps(_mm256_cvtepi32_ps(s3), scale));
        _mm256_storeu_ps(out + 32, _mm256_mul_ps(_mm256_cvtepi32_ps(s4), scale));
        _mm256_storeu_ps(out + 40, _mm256_mul_ps(_mm256_cvtepi32_ps(s5), scale));
        _mm256_storeu_ps(out + 48, _mm256_mul_ps(_mm256_cvtepi32_ps(s6), scale));
        _mm256_storeu_ps(out + 56, _mm256_mul_ps(_mm256_cvtepi32_ps(s7), scale));
    }
}

#endif

/* A class's logit: its bias plus the dot product of its row with the
 * units (ReLU applied). */
static inline float class_logit(const parser_network *network, const float *units, uint32_t c) {
    uint32_t hidden = network->header.hidden;
    return network->second_bias[c] +
           network_dot(network->second + (size_t)c * hidden, units, hidden);
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void parser_network_add_scores(const parser_network *network, const parser_words *words,
                               const transition_state *state, const int *classes,
                               size_t class_count, int32_t *sums) {
    const parser_network_header *h = &network->header;
    network_inputs in;
    parser_network_inputs(words, state, network->word_map, network->word_ids, &in);
    uint32_t hidden = h->hidden;
    const int16_t *rows[3 * NETWORK_WORD_SLOTS + NETWORK_LABEL_SLOTS];
    uint32_t row_count = 0;
    for (uint32_t s = 0; s < NETWORK_WORD_SLOTS; s++) {
        size_t base = (size_t)s * hidden;
        rows[row_count++] = network->word_rows + (base * h->word_rows + (size_t)in.word[s] * hidden);
        rows[row_count++] = network->tag_rows + (base * h->tag_rows + (size_t)in.tag[s] * hidden);
        rows[row_count++] =
            network->cluster_rows + (base * h->cluster_rows + (size_t)in.cluster[s] * hidden);
    }
    for (uint32_t s = 0; s < NETWORK_LABEL_SLOTS; s++)
        rows[row_count++] =
            network->label_rows + ((size_t)s * hidden * h->label_rows + (size_t)in.label[s] * hidden);
    float units[NETWORK_MAX_HIDDEN];
#ifdef NETWORK_AVX2
    if (network->avx2) hidden_layer_avx2(network, rows, row_count, units);
    else
#endif
        hidden_layer_plain(network, rows, row_count, units);
    for (uint32_t j = 0; j < hidden; j++) units[j] = units[j] > 0 ? units[j] : 0; /* ReLU */
    for (size_t i = 0; i < class_count; i++) {
        int c = classes[i];
        double score = network->to_perceptron * class_logit(network, units, (uint32_t)c);
        /* a logit so large that it leaves int32 says the same thing clamped */
        score = score > 1e9 ? 1e9 : score < -1e9 ? -1e9 : score;
        sums[c] += (int32_t)lrint(score);
    }
}
