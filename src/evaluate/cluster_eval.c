/*
 * cluster_eval.c — see cluster_eval.h.
 */
#include "cluster_eval.h"
#include "nlp/perceptron.h"
#include "util/clock.h"
#include "util/error.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The 17 Universal POS tags; anything else counts as an 18th. */
static const char *const universal_tags[] = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET",
                                             "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
                                             "PUNCT", "SCONJ", "SYM", "VERB", "X"};
enum { TAG_COUNT = sizeof universal_tags / sizeof *universal_tags + 1 };

static int tag_index(const char *upos) {
    for (int t = 0; t < TAG_COUNT - 1; t++)
        if (strcmp(upos, universal_tags[t]) == 0) return t;
    return TAG_COUNT - 1;
}

/* Hash of a form as the clusters normalise it; 0 for a form they cannot
 * hold (too long), which then never counts as seen. */
static uint64_t form_key(const char *form) {
    char normalised[WORD_CLUSTER_MAX_WORD];
    size_t length = word_clusters_normalise(form, strlen(form), normalised);
    return length ? perceptron_hash_bytes(normalised, length) : 0;
}

static int compare_keys(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Each class's most frequent training tag, the first on a tie; -1 for a
 * class no training word had. */
static void choose_class_tags(const long *counts, size_t class_slots, int *tags) {
    for (size_t c = 0; c < class_slots; c++) {
        const long *row = counts + c * TAG_COUNT;
        int best = 0;
        for (int k = 1; k < TAG_COUNT; k++)
            if (row[k] > row[best]) best = k;
        tags[c] = row[best] ? best : -1;
    }
}

dyad_status cluster_eval(const word_clusters *clusters, const conllu_corpus *train,
                         const conllu_corpus *gold, cluster_eval_result *result,
                         dyad_error *error) {
    memset(result, 0, sizeof *result);
    size_t level_offset[WORD_CLUSTER_LEVELS + 1] = {0};
    for (int level = 0; level < WORD_CLUSTER_LEVELS; level++)
        level_offset[level + 1] =
            level_offset[level] + (size_t)word_clusters_class_count(clusters, level) + 1;
    size_t class_slots = level_offset[WORD_CLUSTER_LEVELS];
    long *tag_counts = calloc(class_slots * TAG_COUNT, sizeof *tag_counts);
    int *class_tag = malloc(class_slots * sizeof *class_tag);
    uint64_t *seen = malloc((train->word_count + 1) * sizeof *seen);
    if (!tag_counts || !class_tag || !seen) {
        free(tag_counts);
        free(class_tag);
        free(seen);
        return error_set(error, DYAD_ERR_MEMORY, NULL, 0, -1, "out of memory");
    }
    size_t seen_count = 0;
    for (size_t s = 0; s < train->sentence_count; s++) {
        const conllu_sentence *sentence = &train->sentences[s];
        for (size_t w = 0; w < sentence->word_count; w++) {
            const conllu_word *word = &sentence->words[w];
            uint64_t key = form_key(word->form);
            if (key && seen_count < train->word_count) seen[seen_count++] = key;
            uint16_t classes[WORD_CLUSTER_LEVELS];
            word_clusters_lookup(clusters, word->form, strlen(word->form), classes);
            int tag = tag_index(word->upos);
            for (int level = 0; level < WORD_CLUSTER_LEVELS; level++)
                if (classes[level])
                    tag_counts[(level_offset[level] + classes[level]) * TAG_COUNT + tag]++;
        }
    }
    choose_class_tags(tag_counts, class_slots, class_tag);
    qsort(seen, seen_count, sizeof *seen, compare_keys);
    for (size_t s = 0; s < gold->sentence_count; s++) {
        const conllu_sentence *sentence = &gold->sentences[s];
        for (size_t w = 0; w < sentence->word_count; w++) {
            const conllu_word *word = &sentence->words[w];
            uint64_t key = form_key(word->form);
            bool unseen = !key || !bsearch(&key, seen, seen_count, sizeof *seen, compare_keys);
            uint16_t classes[WORD_CLUSTER_LEVELS];
            word_clusters_lookup(clusters, word->form, strlen(word->form), classes);
            int tag = tag_index(word->upos);
            cluster_eval_counts *targets[2] = {&result->all, unseen ? &result->unseen : NULL};
            for (int t = 0; t < 2 && targets[t]; t++) {
                targets[t]->words++;
                if (!classes[0]) continue;
                targets[t]->covered++;
                for (int level = 0; level < WORD_CLUSTER_LEVELS; level++)
                    if (class_tag[level_offset[level] + classes[level]] == tag)
                        targets[t]->right[level]++;
            }
        }
    }
    /* the lookup's speed, as the pipeline calls it: once per token */
    double start = clock_seconds(CLOCK_MONOTONIC);
    unsigned checksum = 0;
    for (size_t s = 0; s < train->sentence_count; s++) {
        const conllu_sentence *sentence = &train->sentences[s];
        for (size_t w = 0; w < sentence->word_count; w++) {
            uint16_t classes[WORD_CLUSTER_LEVELS];
            const char *form = sentence->words[w].form;
            word_clusters_lookup(clusters, form, strlen(form), classes);
            checksum += classes[WORD_CLUSTER_LEVELS - 1];
            result->lookups++;
        }
    }
    result->lookup_seconds = clock_seconds(CLOCK_MONOTONIC) - start;
    /* the sum keeps the compiler from dropping the loop */
    if (checksum == UINT32_MAX) result->lookups++;
    free(tag_counts);
    free(class_tag);
    free(seen);
    return DYAD_OK;
}
