/*
 * model_file.c — see model_file.h.
 */
#include "model_file.h"
#include "buffer.h"
#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <libdeflate.h>

enum { HEADER_SIZE = 64, ENTRY_SIZE = 40, NAME_SIZE = 24, KIND_SIZE = 16 };
static const char MAGIC[8] = {'D', 'Y', 'A', 'D', 'M', 'O', 'D', 'L'};

struct model_file {
    unsigned char *bytes;
    size_t size;
    uint32_t section_count;
    char kind[KIND_SIZE + 1];
};

typedef struct writer_section {
    char name[NAME_SIZE];
    dyad_buffer data;
} writer_section;

struct model_writer {
    char kind[KIND_SIZE];
    writer_section *sections;
    size_t count, capacity;
};

static uint32_t read_u32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t read_u64(const unsigned char *p) {
    return (uint64_t)read_u32(p) | (uint64_t)read_u32(p + 4) << 32;
}

static void write_u32(unsigned char *p, uint32_t v) {
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static void write_u64(unsigned char *p, uint64_t v) {
    for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i));
}

/* The CRC-32 of zlib and gzip, computed by libdeflate: it folds with
 * carry-less multiplication where the processor has it, ten times
 * zlib's speed, and the check of every model at every start is then a
 * few milliseconds instead of a few tens. */
static uint32_t checksum(const unsigned char *bytes, size_t size) {
    return libdeflate_crc32(0, bytes, size);
}

enum { HUGE_PAGE_SIZE = 2 << 20 };

void *model_memory_alloc(size_t size) {
    if (size < HUGE_PAGE_SIZE) return aligned_alloc(32, (size + 31) & ~(size_t)31);
    size_t rounded = (size + HUGE_PAGE_SIZE - 1) & ~(size_t)(HUGE_PAGE_SIZE - 1);
    void *block = aligned_alloc(HUGE_PAGE_SIZE, rounded);
#if defined(MADV_HUGEPAGE)
    /* only advice: where the kernel has no huge pages to give, the block
     * stays in small pages and everything works as before */
    if (block) (void)madvise(block, rounded, MADV_HUGEPAGE);
#endif
    return block;
}

dyad_status model_file_open(const char *path, const char *expected_kind, model_file **out,
                            dyad_error *error) {
    *out = NULL;
    FILE *file = fopen(path, "rb");
    if (!file) return error_set(error, DYAD_ERR_MODEL, path, 0, -1, "cannot open model: %s",
                                strerror(errno));
    struct stat info;
    if (fstat(fileno(file), &info) != 0 || info.st_size < HEADER_SIZE) {
        fclose(file);
        return error_set(error, DYAD_ERR_MODEL, path, 0, -1,
                         "not a dyad model: shorter than its %d-byte header", HEADER_SIZE);
    }
    model_file *model = calloc(1, sizeof *model);
    /* 16-byte alignment of the buffer gives 16-byte aligned sections */
    size_t size = (size_t)info.st_size;
    unsigned char *bytes = model ? model_memory_alloc(size) : NULL;
    if (!bytes) {
        free(model);
        fclose(file);
        return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory loading model");
    }
    size_t got = fread(bytes, 1, size, file);
    fclose(file);
    model->bytes = bytes;
    model->size = size;
    dyad_status status = DYAD_OK;
    if (got != size) {
        status = error_set(error, DYAD_ERR_MODEL, path, 0, -1, "short read of model file");
    } else if (memcmp(bytes, MAGIC, 8) != 0) {
        status = error_set(error, DYAD_ERR_MODEL, path, 0, 0, "not a dyad model (bad magic)");
    } else if (read_u32(bytes + 8) != MODEL_FILE_VERSION) {
        status = error_set(error, DYAD_ERR_MODEL, path, 0, 8,
                           "model format version %u, this dyad reads version %d; retrain it",
                           read_u32(bytes + 8), MODEL_FILE_VERSION);
    } else if (read_u64(bytes + 32) != size) {
        status = error_set(error, DYAD_ERR_MODEL, path, 0, 32,
                           "model file is %zu bytes but its header says %llu: truncated?", size,
                           (unsigned long long)read_u64(bytes + 32));
    } else if (checksum(bytes + HEADER_SIZE, size - HEADER_SIZE) != read_u32(bytes + 40)) {
        status = error_set(error, DYAD_ERR_MODEL, path, 0, 40, "model file checksum mismatch: corrupted");
    } else {
        memcpy(model->kind, bytes + 16, KIND_SIZE);
        model->kind[KIND_SIZE] = '\0';
        model->section_count = read_u32(bytes + 12);
        if (expected_kind && strcmp(model->kind, expected_kind) != 0) {
            status = error_set(error, DYAD_ERR_MODEL, path, 0, 16,
                               "this is a '%s' model, expected '%s'", model->kind, expected_kind);
        } else if ((uint64_t)model->section_count * ENTRY_SIZE > size - HEADER_SIZE) {
            status = error_set(error, DYAD_ERR_MODEL, path, 0, 12, "section table out of bounds");
        } else {
            for (uint32_t i = 0; i < model->section_count && status == DYAD_OK; i++) {
                const unsigned char *entry = bytes + HEADER_SIZE + (size_t)i * ENTRY_SIZE;
                uint64_t offset = read_u64(entry + NAME_SIZE), length = read_u64(entry + NAME_SIZE + 8);
                if (memchr(entry, '\0', NAME_SIZE) == NULL || offset > size ||
                    length > size - offset || offset % 16 != 0)
                    status = error_set(error, DYAD_ERR_MODEL, path, 0,
                                       (long long)(entry - bytes), "section %u is malformed", i);
            }
        }
    }
    if (status != DYAD_OK) {
        model_file_close(model);
        return status;
    }
    *out = model;
    return DYAD_OK;
}

const void *model_file_section(const model_file *model, const char *name, size_t *size) {
    for (uint32_t i = 0; i < model->section_count; i++) {
        const unsigned char *entry = model->bytes + HEADER_SIZE + (size_t)i * ENTRY_SIZE;
        if (strncmp((const char *)entry, name, NAME_SIZE) == 0) {
            if (size) *size = (size_t)read_u64(entry + NAME_SIZE + 8);
            return model->bytes + read_u64(entry + NAME_SIZE);
        }
    }
    if (size) *size = 0;
    return NULL;
}

const char *model_file_kind(const model_file *model) { return model->kind; }
size_t model_file_size(const model_file *model) { return model->size; }

void model_file_close(model_file *model) {
    if (!model) return;
    free(model->bytes);
    free(model);
}

model_writer *model_writer_new(const char *kind) {
    model_writer *writer = calloc(1, sizeof *writer);
    if (writer) memcpy(writer->kind, kind, strnlen(kind, KIND_SIZE));
    return writer;
}

bool model_writer_add(model_writer *writer, const char *name, const void *data, size_t size) {
    if (strlen(name) >= NAME_SIZE) return false;
    if (writer->count == writer->capacity) {
        size_t capacity = writer->capacity ? writer->capacity * 2 : 8;
        writer_section *sections = realloc(writer->sections, capacity * sizeof *sections);
        if (!sections) return false;
        writer->sections = sections;
        writer->capacity = capacity;
    }
    writer_section *section = &writer->sections[writer->count];
    memset(section, 0, sizeof *section);
    memcpy(section->name, name, strlen(name));
    if (size && !buffer_append(&section->data, data, size)) return false;
    writer->count++;
    return true;
}

dyad_status model_writer_save(model_writer *writer, const char *path, dyad_error *error) {
    size_t table_end = HEADER_SIZE + writer->count * ENTRY_SIZE;
    size_t offset = (table_end + 15) & ~(size_t)15;
    dyad_buffer out = {0};
    if (!buffer_reserve(&out, offset)) return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    memset(out.data, 0, offset);
    out.length = offset;
    for (size_t i = 0; i < writer->count; i++) {
        writer_section *section = &writer->sections[i];
        unsigned char *entry = (unsigned char *)out.data + HEADER_SIZE + i * ENTRY_SIZE;
        memcpy(entry, section->name, NAME_SIZE);
        write_u64(entry + NAME_SIZE, out.length);
        write_u64(entry + NAME_SIZE + 8, section->data.length);
        size_t padded = (section->data.length + 15) & ~(size_t)15;
        if (!buffer_reserve(&out, padded)) {
            dyad_buffer_free(&out);
            return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
        }
        if (section->data.length) memcpy(out.data + out.length, section->data.data, section->data.length);
        memset(out.data + out.length + section->data.length, 0, padded - section->data.length);
        out.length += padded;
    }
    unsigned char *header = (unsigned char *)out.data;
    memcpy(header, MAGIC, 8);
    write_u32(header + 8, MODEL_FILE_VERSION);
    write_u32(header + 12, (uint32_t)writer->count);
    memcpy(header + 16, writer->kind, KIND_SIZE);
    write_u64(header + 32, out.length);
    write_u32(header + 40, checksum(header + HEADER_SIZE, out.length - HEADER_SIZE));

    char temporary[4096];
    snprintf(temporary, sizeof temporary, "%s.tmp", path);
    FILE *file = fopen(temporary, "wb");
    bool ok = file && fwrite(out.data, 1, out.length, file) == out.length;
    if (file && fclose(file) != 0) ok = false;
    dyad_buffer_free(&out);
    if (!ok || rename(temporary, path) != 0) {
        remove(temporary);
        return error_set(error, DYAD_ERR_IO, path, 0, -1, "cannot write model: %s", strerror(errno));
    }
    return DYAD_OK;
}

void model_writer_free(model_writer *writer) {
    if (!writer) return;
    for (size_t i = 0; i < writer->count; i++) dyad_buffer_free(&writer->sections[i].data);
    free(writer->sections);
    free(writer);
}

dyad_status model_file_sibling_path(const char *model_path, const char *name, char *out,
                                    size_t size, dyad_error *error) {
    const char *slash = strrchr(model_path, '/');
    int directory_length = slash ? (int)(slash - model_path) : 1;
    const char *directory = slash ? model_path : ".";
    if ((size_t)snprintf(out, size, "%.*s/%s", directory_length, directory, name) >= size)
        return error_set(error, DYAD_ERR_USAGE, model_path, 0, -1, "model path too long");
    return DYAD_OK;
}
