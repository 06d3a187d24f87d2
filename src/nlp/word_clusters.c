/*
 * word_clusters.c — see word_clusters.h: normalisation, lookup and
 * loading, what the pipeline runs.  Training is in word_clusters_train.c,
 * the file layout in word_clusters_format.h.
 */
#include "word_clusters.h"
#include "word_clusters_format.h"
#include "util/error.h"
#include "util/model_file.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

struct word_clusters {
    model_file *file;
    const uint32_t *keys;
    const uint16_t *classes;
    uint32_t slot_count, word_count;
    uint32_t class_counts[WORD_CLUSTER_LEVELS];
    const uint16_t *coarse;
    uint64_t id;
};

/* ------------------------------------------------------- normalisation */

size_t word_clusters_normalise(const char *word, size_t length, char *out) {
    size_t written = 0;
    for (size_t i = 0; i < length;) {
        unsigned char byte = (unsigned char)word[i];
        if (byte < 0x80) {
            if (written == WORD_CLUSTER_MAX_WORD) return 0;
            out[written++] = (char)utf8_fold_word_codepoint(byte);
            i++;
            continue;
        }
        int32_t codepoint;
        size_t size = utf8_decode((const unsigned char *)word + i, length - i, &codepoint);
        if (!size) return 0; /* not UTF-8: no word of the model */
        i += size;
        char encoded[4];
        size_t encoded_size = utf8_encode(utf8_fold_word_codepoint(codepoint), encoded);
        if (written + encoded_size > WORD_CLUSTER_MAX_WORD) return 0;
        memcpy(out + written, encoded, encoded_size);
        written += encoded_size;
    }
    return written;
}

/* -------------------------------------------------------------- lookup */

void word_clusters_lookup(const word_clusters *clusters, const char *word, size_t length,
                          uint16_t classes[WORD_CLUSTER_LEVELS]) {
    for (int level = 0; level < WORD_CLUSTER_LEVELS; level++) classes[level] = 0;
    if (!clusters || !clusters->slot_count) return;
    char normalised[WORD_CLUSTER_MAX_WORD];
    size_t normalised_length = word_clusters_normalise(word, length, normalised);
    if (!normalised_length) return;
    uint64_t hash = clusters_form_hash(normalised, normalised_length);
    uint32_t fingerprint = clusters_fingerprint(hash);
    uint32_t slot = clusters_first_slot(hash, clusters->slot_count);
    for (;;) {
        uint32_t stored = clusters->keys[slot];
        if (stored == 0) return;
        if (stored == fingerprint) {
            uint16_t fine = clusters->classes[slot];
            classes[CLUSTERS_FINE] = fine;
            for (int level = 0; level < CLUSTERS_FINE; level++)
                classes[level] = clusters->coarse[(size_t)(fine - 1) * CLUSTERS_FINE + level];
            return;
        }
        if (++slot == clusters->slot_count) slot = 0;
    }
}

uint64_t word_clusters_id(const word_clusters *clusters) { return clusters->id; }

uint32_t word_clusters_class_count(const word_clusters *clusters, int level) {
    return level >= 0 && level < WORD_CLUSTER_LEVELS ? clusters->class_counts[level] : 0;
}

uint32_t word_clusters_word_count(const word_clusters *clusters) { return clusters->word_count; }

/* ------------------------------------------------------------- loading */

static dyad_status check_model(word_clusters *clusters, const char *path, dyad_error *error) {
    size_t meta_size, keys_size, classes_size, coarse_size;
    const model_file *file = clusters->file;
    const clusters_meta *meta = model_file_section(file, "clusters.meta", &meta_size);
    const uint32_t *keys = model_file_section(file, "clusters.keys", &keys_size);
    const uint16_t *classes = model_file_section(file, "clusters.classes", &classes_size);
    const uint16_t *coarse = model_file_section(file, "clusters.coarse", &coarse_size);
    if (!meta || meta_size != sizeof *meta || !keys || !classes || !coarse)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "clusters model lacks its meta, keys, classes or coarse section");
    if (meta->format != CLUSTERS_FORMAT)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "clusters format %u, this dyad reads %d; retrain it", meta->format,
                         CLUSTERS_FORMAT);
    for (int level = 0; level < WORD_CLUSTER_LEVELS; level++) {
        uint32_t count = meta->class_counts[level];
        uint32_t coarser = level ? meta->class_counts[level - 1] : 0;
        if (count == 0 || count > WORD_CLUSTER_MAX_CLASSES || count < coarser)
            return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                             "clusters model has a bad class count at level %d", level);
    }
    uint32_t fine_count = meta->class_counts[CLUSTERS_FINE];
    if (keys_size != (size_t)meta->slot_count * sizeof *keys ||
        classes_size != (size_t)meta->slot_count * sizeof *classes ||
        meta->slot_count <= meta->word_count ||
        coarse_size != (size_t)fine_count * CLUSTERS_FINE * sizeof *coarse)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "clusters sections disagree with its header");
    /* every stored class must be in range, or a lookup would index past
     * the coarse table; and the table must have the empty slots that end
     * a miss's probe */
    uint32_t filled = 0;
    for (uint32_t s = 0; s < meta->slot_count; s++) {
        if (!keys[s]) {
            if (classes[s])
                return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                                 "clusters slot %u is empty but has a class", s);
            continue;
        }
        filled++;
        if (classes[s] == 0 || classes[s] > fine_count)
            return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                             "clusters slot %u has class %u of %u", s, classes[s], fine_count);
    }
    if (filled != meta->word_count)
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "clusters table holds %u words, its header says %u", filled,
                         meta->word_count);
    for (size_t i = 0; i < (size_t)fine_count * CLUSTERS_FINE; i++) {
        int level = (int)(i % CLUSTERS_FINE);
        if (coarse[i] == 0 || coarse[i] > meta->class_counts[level])
            return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                             "clusters coarse table entry %zu is out of range", i);
    }
    clusters->keys = keys;
    clusters->classes = classes;
    clusters->slot_count = meta->slot_count;
    clusters->word_count = meta->word_count;
    memcpy(clusters->class_counts, meta->class_counts, sizeof clusters->class_counts);
    clusters->coarse = coarse;
    clusters->id = meta->id ? meta->id : 1;
    return DYAD_OK;
}

dyad_status word_clusters_load(const char *path, word_clusters **out, dyad_error *error) {
    *out = NULL;
    word_clusters *clusters = calloc(1, sizeof *clusters);
    if (!clusters) return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    dyad_status status = model_file_open(path, "clusters", &clusters->file, error);
    if (status == DYAD_OK) status = check_model(clusters, path, error);
    if (status != DYAD_OK) {
        word_clusters_free(clusters);
        return status;
    }
    *out = clusters;
    return DYAD_OK;
}

void word_clusters_free(word_clusters *clusters) {
    if (!clusters) return;
    model_file_close(clusters->file);
    free(clusters);
}

