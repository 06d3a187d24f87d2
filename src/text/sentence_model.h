/*
 * sentence_model.h — the sentence model's weights, for the segmenter and
 * its trainer.
 *
 * A model file (util/model_file.h, kind "segmenter") has two sections:
 *   header   u32 feature version (SENTENCE_FEATURE_VERSION), u32 table bits,
 *            f32 threshold (a gap whose score exceeds it ends a sentence),
 *            f32 scale (weight = stored value / scale); little-endian
 *   weights  zlib-compressed table of 2^bits int8 weights,
 *            indexed by sentence_gap_features()
 * Loading inflates the table once into memory shared by all threads.
 */
#ifndef DYAD_TEXT_SENTENCE_MODEL_H
#define DYAD_TEXT_SENTENCE_MODEL_H

#include "sentence_features.h"

#define SENTENCE_MODEL_KIND "segmenter"

dyad_status sentence_model_save(const float *weights, float threshold, const char *path,
                                dyad_error *error);

float sentence_score(const float *weights, const uint32_t *features, size_t count);

/* A weight table as the trainer has it (floats) or as a loaded model has
 * it (8-bit integers times `unit`), with the decision threshold. */
typedef struct sentence_weights {
    const float *values;
    const int8_t *quantized;
    float unit;
    float threshold;
} sentence_weights;

/* The left-to-right decisions of sentence_boundaries over prepared
 * contexts; weights NULL: rules only. */
void sentence_decide(const sentence_weights *weights, const token_context *contexts,
                     size_t count, bool heading, uint8_t *boundary);

#endif
