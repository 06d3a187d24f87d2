/*
 * sentence_model.h — the sentence model's weights, for the segmenter and
 * its trainer.
 *
 * A model file (util/model_file.h, kind "segmenter") has two sections:
 *   header   u32 feature version (SENTENCE_FEATURE_VERSION), u32 table bits
 *   weights  2^bits little-endian IEEE 754 floats, indexed by
 *            sentence_gap_features()
 * The table is used in place from the loaded file.
 */
#ifndef DYAD_TEXT_SENTENCE_MODEL_H
#define DYAD_TEXT_SENTENCE_MODEL_H

#include "sentence_features.h"

#define SENTENCE_MODEL_KIND "segmenter"

dyad_status sentence_model_save(const float *weights, const char *path, dyad_error *error);

float sentence_score(const float *weights, const uint32_t *features, size_t count);

/* The left-to-right decisions of sentence_boundaries over prepared
 * contexts; weights NULL: rules only. */
void sentence_decide(const float *weights, const token_context *contexts, size_t count,
                     bool heading, uint8_t *boundary);

#endif
