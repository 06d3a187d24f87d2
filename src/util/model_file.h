/*
 * model_file.h — the binary container for trained models.
 *
 * A model file is a header, a table of named sections and the sections'
 * bytes.  It is read with one read() into one allocation and used in
 * place, so loading costs the time to read the bytes; after loading it is
 * immutable and shared by all threads.
 *
 * Layout (all integers little-endian):
 *   0   "DYADMODL"            magic, 8 bytes
 *   8   u32 format version    MODEL_FILE_VERSION; a different one is refused
 *   12  u32 section count
 *   16  char kind[16]         "tagger", "parser", ... NUL-padded
 *   32  u64 total size        the file's length in bytes
 *   40  u32 crc32             CRC-32 (zlib's, gzip's) of bytes 64..end
 *   44  20 bytes reserved (zero)
 *   64  section table: count × { char name[24]; u64 offset; u64 size; }
 *       then the sections, each starting on a 16-byte boundary.
 * Every check (magic, version, kind, size, checksum, section bounds) has
 * its own error message, so a truncated download or a model from another
 * version says what is wrong instead of crashing later.
 */
#ifndef DYAD_UTIL_MODEL_FILE_H
#define DYAD_UTIL_MODEL_FILE_H

#include "dyad.h"

#include <stdbool.h>
#include <stdint.h>

enum { MODEL_FILE_VERSION = 1 };

typedef struct model_file model_file;
typedef struct model_writer model_writer;

/* Reading.  expected_kind may be NULL to accept any. */
dyad_status model_file_open(const char *path, const char *expected_kind, model_file **out,
                            dyad_error *error);
/* The named section, 16-byte aligned, or NULL (and *size 0) if absent. */
const void *model_file_section(const model_file *model, const char *name, size_t *size);
const char *model_file_kind(const model_file *model);
size_t model_file_size(const model_file *model);
void model_file_close(model_file *model);

/* <the directory of model_path>/name, for a model that loads a companion
 * model from beside itself (a tagger its lemmatizer, a parser its word
 * clusters): the pair is then moved and copied as one directory. */
dyad_status model_file_sibling_path(const char *model_path, const char *name, char *out,
                                    size_t size, dyad_error *error);

/* Memory for a model's bytes or for a layout derived from them at load
 * (aligned to 32 bytes at least; free with free()).  Blocks of 2 MB or
 * more are aligned to 2 MB and marked for transparent huge pages: scoring
 * reads a parser's or tagger's tables at random, and with 4 KB pages
 * nearly every lookup in their ~20 MB is also a TLB miss. */
void *model_memory_alloc(size_t size);

/* Writing: sections are copied as added; save writes the file atomically
 * (to a temporary name, then rename). */
model_writer *model_writer_new(const char *kind);
bool model_writer_add(model_writer *writer, const char *name, const void *data, size_t size);
dyad_status model_writer_save(model_writer *writer, const char *path, dyad_error *error);
void model_writer_free(model_writer *writer);

#endif
