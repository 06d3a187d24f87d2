/*
 * warc_read.c — see warc_read.h.
 */
#include "warc_read.h"
#include "reader.h"
#include "../util/arena.h"
#include "../util/buffer.h"
#include "../util/error.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

enum {
    WARC_CHUNK = 64 * 1024,
    WARC_MAX_HEADER_LINE = 64 * 1024,   /* longer "header lines" are not headers */
};

struct warc_reader {
    warc_read_fn read;
    void *source;
    char *path;
    long long offset;          /* bytes consumed */
    long number;               /* records begun */
    bool at_end;
    bool deferred;             /* a read error met while resynchronising, reported next */
    dyad_error deferred_error;
    bool pending;              /* `line` holds a version line found while resynchronising */
    long long pending_offset;
    size_t position, length;
    dyad_buffer line;
    dyad_buffer block;
    dyad_arena *strings;       /* this record's header values */
    char chunk[WARC_CHUNK];
};

warc_reader *warc_reader_new(warc_read_fn read, void *source, const char *path) {
    warc_reader *reader = calloc(1, sizeof *reader);
    if (!reader) return NULL;
    reader->read = read;
    reader->source = source;
    reader->path = strdup(path ? path : "-");
    reader->strings = dyad_arena_new();
    if (!reader->path || !reader->strings) {
        warc_reader_free(reader);
        return NULL;
    }
    return reader;
}

void warc_reader_free(warc_reader *reader) {
    if (!reader) return;
    dyad_buffer_free(&reader->line);
    dyad_buffer_free(&reader->block);
    dyad_arena_free(reader->strings);
    free(reader->path);
    free(reader);
}

/* Makes sure unread bytes are in the chunk; false at the end of input or
 * on a read error (*status set). */
static bool fill(warc_reader *reader, dyad_status *status, dyad_error *error) {
    if (reader->position < reader->length) return true;
    if (reader->at_end) return false;
    const char *message = "read failed";
    long got = reader->read(reader->source, reader->chunk, sizeof reader->chunk, &message);
    if (got < 0) {
        reader->at_end = true;
        *status = error_set(error, DYAD_ERR_IO, reader->path, 0, reader->offset, "%s", message);
        return false;
    }
    reader->position = 0;
    reader->length = (size_t)got;
    if (got == 0) reader->at_end = true;
    return got > 0;
}

/* Reads one line into reader->line without its "\r\n" or "\n".  Returns
 * false at the end of input (nothing read) or on a read error.  A line
 * longer than WARC_MAX_HEADER_LINE is consumed whole but truncated, and
 * *too_long set. */
static bool read_line(warc_reader *reader, bool *too_long, dyad_status *status,
                      dyad_error *error) {
    buffer_clear(&reader->line);
    *too_long = false;
    bool any = false;
    while (fill(reader, status, error)) {
        any = true;
        const char *from = reader->chunk + reader->position;
        size_t available = reader->length - reader->position;
        const char *newline = memchr(from, '\n', available);
        size_t take = newline ? (size_t)(newline - from) : available;
        size_t consumed = take + (newline ? 1 : 0);
        reader->position += consumed;
        reader->offset += (long long)consumed;
        size_t room = WARC_MAX_HEADER_LINE - reader->line.length;
        if (take > room) {
            *too_long = true;
            take = room;
        }
        if (take && !buffer_append(&reader->line, from, take)) {
            *status = error_set(error, DYAD_ERR_MEMORY, reader->path, 0, reader->offset,
                                "out of memory");
            return false;
        }
        if (newline) break;
    }
    if (!any) return false;
    if (reader->line.length && reader->line.data[reader->line.length - 1] == '\r')
        reader->line.data[--reader->line.length] = '\0';
    if (!reader->line.data && !buffer_reserve(&reader->line, 1)) return false;
    reader->line.data[reader->line.length] = '\0';
    return true;
}

/* The first bytes of a bad line, fit to quote in a message (controls and
 * bytes outside ASCII shown as '?'). */
static void printable_start(const char *line, char *out, size_t size) {
    size_t n = 0;
    for (; line[n] && n + 1 < size && n < 32; n++)
        out[n] = line[n] >= 0x20 && line[n] < 0x7F ? line[n] : '?';
    out[n] = '\0';
}

static bool is_version_line(const char *line) {
    return strncmp(line, "WARC/", 5) == 0 && isdigit((unsigned char)line[5]);
}

/* After a malformed record: skips to the next line that starts a record
 * and keeps it for the next call. */
static void resynchronise(warc_reader *reader) {
    dyad_status status = DYAD_OK;
    bool too_long;
    for (;;) {
        long long start = reader->offset;
        if (!read_line(reader, &too_long, &status, &reader->deferred_error)) {
            reader->deferred = status != DYAD_OK;
            return;
        }
        if (is_version_line(reader->line.data)) {
            reader->pending = true;
            reader->pending_offset = start;
            return;
        }
    }
}

/* Reads exactly length bytes into the block buffer (or skips them when
 * they exceed the record limit). */
static dyad_status read_block(warc_reader *reader, size_t length, bool keep, dyad_error *error,
                              long number, long long record_offset) {
    dyad_status status = DYAD_OK;
    buffer_clear(&reader->block);
    if (keep && !buffer_reserve(&reader->block, length + 1))
        return error_set(error, DYAD_ERR_MEMORY, reader->path, number, record_offset,
                         "out of memory for a %zu-byte record", length);
    size_t left = length;
    while (left) {
        if (!fill(reader, &status, error)) {
            if (status != DYAD_OK) return status;
            return error_set(error, DYAD_ERR_FORMAT, reader->path, number, record_offset,
                             "bad WARC record: %zu of its %zu bytes missing (truncated file)",
                             left, length);
        }
        size_t available = reader->length - reader->position;
        size_t take = available < left ? available : left;
        if (keep) buffer_append(&reader->block, reader->chunk + reader->position, take);
        reader->position += take;
        reader->offset += (long long)take;
        left -= take;
    }
    if (keep && !reader->block.data) buffer_reserve(&reader->block, 1);
    if (keep) reader->block.data[reader->block.length] = '\0';
    return DYAD_OK;
}

static const char *trimmed_copy(dyad_arena *arena, const char *text, size_t length) {
    while (length && isspace((unsigned char)*text)) {
        text++;
        length--;
    }
    while (length && isspace((unsigned char)text[length - 1])) length--;
    /* WARC/1.1 drafts wrote URIs in angle brackets */
    if (length >= 2 && text[0] == '<' && text[length - 1] == '>') {
        text++;
        length -= 2;
    }
    return arena_strndup(arena, text, length);
}

dyad_status warc_reader_next(warc_reader *reader, warc_record *out, dyad_error *error) {
    memset(out, 0, sizeof *out);
    dyad_arena_reset(reader->strings);
    if (reader->deferred) {
        reader->deferred = false;
        if (error) *error = reader->deferred_error;
        return reader->deferred_error.status;
    }
    dyad_status status = DYAD_OK;
    bool too_long;
    long long record_offset;
    for (;;) {
        if (reader->pending) {
            reader->pending = false;
            record_offset = reader->pending_offset;
            break;
        }
        record_offset = reader->offset;
        if (!read_line(reader, &too_long, &status, error)) return status == DYAD_OK ? DYAD_END : status;
        if (reader->line.length) break; /* blank lines separate records */
    }
    long number = ++reader->number;
    out->number = number;
    out->offset = record_offset;
    if (!is_version_line(reader->line.data)) {
        char start[40];
        printable_start(reader->line.data, start, sizeof start);
        error_set(error, DYAD_ERR_FORMAT, reader->path, number, record_offset,
                  "bad WARC record: expected a version line like WARC/1.1, found \"%s\"", start);
        resynchronise(reader);
        return DYAD_ERR_FORMAT;
    }
    out->version = arena_strdup(reader->strings, reader->line.data);

    const char **last_value = NULL;
    const char *content_length = NULL;
    for (;;) {
        if (!read_line(reader, &too_long, &status, error)) {
            if (status != DYAD_OK) return status;
            return error_set(error, DYAD_ERR_FORMAT, reader->path, number, record_offset,
                             "bad WARC record: the file ends inside its header");
        }
        const char *line = reader->line.data;
        if (!reader->line.length) break;
        if (too_long) {
            error_set(error, DYAD_ERR_FORMAT, reader->path, number, record_offset,
                      "bad WARC record: header line longer than %d bytes", WARC_MAX_HEADER_LINE);
            resynchronise(reader);
            return DYAD_ERR_FORMAT;
        }
        if ((line[0] == ' ' || line[0] == '\t') && last_value) {
            /* a folded continuation of the previous field */
            *last_value = arena_printf(reader->strings, "%s %s", *last_value ? *last_value : "",
                                       trimmed_copy(reader->strings, line, reader->line.length));
            continue;
        }
        const char *colon = strchr(line, ':');
        if (!colon || colon == line) {
            char start[40];
            printable_start(line, start, sizeof start);
            error_set(error, DYAD_ERR_FORMAT, reader->path, number, record_offset,
                      "bad WARC record: header line without a field name: \"%s\"", start);
            resynchronise(reader);
            return DYAD_ERR_FORMAT;
        }
        size_t name_length = (size_t)(colon - line);
        const char *value = trimmed_copy(reader->strings, colon + 1,
                                         reader->line.length - name_length - 1);
        static const struct {
            const char *name;
            size_t slot;
        } fields[] = {
            {"WARC-Type", offsetof(warc_record, type)},
            {"WARC-Target-URI", offsetof(warc_record, target_uri)},
            {"WARC-Date", offsetof(warc_record, date)},
            {"WARC-Record-ID", offsetof(warc_record, record_id)},
            {"Content-Type", offsetof(warc_record, content_type)},
        };
        last_value = NULL;
        for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
            if (strlen(fields[i].name) == name_length &&
                strncasecmp(line, fields[i].name, name_length) == 0) {
                last_value = (const char **)((char *)out + fields[i].slot);
                *last_value = value;
            }
        if (name_length == 14 && strncasecmp(line, "Content-Length", 14) == 0) {
            content_length = value;
            last_value = NULL;
        }
    }
    char *end = NULL;
    unsigned long long length = content_length ? strtoull(content_length, &end, 10) : 0;
    if (!content_length || !*content_length || *end || content_length[0] == '-') {
        error_set(error, DYAD_ERR_FORMAT, reader->path, number, record_offset,
                  content_length ? "bad WARC record: Content-Length \"%s\" is not a number"
                                 : "bad WARC record: no Content-Length%s",
                  content_length ? content_length : "");
        resynchronise(reader);
        return DYAD_ERR_FORMAT;
    }
    bool too_large = length > READER_MAX_RECORD;
    status = read_block(reader, (size_t)length, !too_large, error, number, record_offset);
    if (status != DYAD_OK) return status;
    if (too_large)
        return error_set(error, DYAD_ERR_LIMIT, reader->path, number, record_offset,
                         "WARC record of %llu bytes skipped (limit %d MiB)", length,
                         READER_MAX_RECORD >> 20);
    out->block = reader->block.data;
    out->block_length = reader->block.length;
    return DYAD_OK;
}

/* ------------------------------------------------------------------ HTTP */

bool content_type_is(const char *content_type, const char *media_type) {
    if (!content_type) return false;
    while (*content_type == ' ') content_type++;
    size_t n = strlen(media_type);
    if (strncasecmp(content_type, media_type, n) != 0) return false;
    char next = content_type[n];
    return next == '\0' || next == ';' || next == ' ';
}

/* Undoes Transfer-Encoding: chunked ("<hex size>[;ext]\r\n<data>\r\n" ...
 * "0\r\n"). */
static bool dechunk(const char *body, size_t length, dyad_buffer *out) {
    size_t i = 0;
    for (;;) {
        const char *line_end = memchr(body + i, '\n', length - i);
        if (!line_end) return false;
        char *end;
        unsigned long long size = strtoull(body + i, &end, 16);
        if (end == body + i) return false;
        i = (size_t)(line_end - body) + 1;
        if (size == 0) return true; /* trailers, if any, are not payload */
        if (size > length - i) return false;
        if (!buffer_append(out, body + i, (size_t)size)) return false;
        i += (size_t)size;
        if (i < length && body[i] == '\r') i++;
        if (i < length && body[i] == '\n') i++;
        if (i >= length) return true; /* a missing last chunk: keep what came */
    }
}

/* Inflates a gzip, zlib or raw deflate payload. */
static bool inflate_payload(const char *data, size_t length, dyad_buffer *out) {
    for (int attempt = 0; attempt < 2; attempt++) {
        z_stream stream;
        memset(&stream, 0, sizeof stream);
        /* 15 + 32: gzip or zlib header detected; -15: raw deflate */
        if (inflateInit2(&stream, attempt == 0 ? 15 + 32 : -15) != Z_OK) return false;
        buffer_clear(out);
        stream.next_in = (Bytef *)data;
        stream.avail_in = (uInt)(length < UINT32_MAX ? length : UINT32_MAX);
        int result = Z_OK;
        while (result == Z_OK) {
            if (!buffer_reserve(out, 65536) || out->length > READER_MAX_RECORD) break;
            stream.next_out = (Bytef *)(out->data + out->length);
            stream.avail_out = 65536;
            result = inflate(&stream, Z_NO_FLUSH);
            out->length += 65536 - stream.avail_out;
            if (result == Z_BUF_ERROR && stream.avail_in == 0) break;
        }
        inflateEnd(&stream);
        if (result == Z_STREAM_END || (result == Z_BUF_ERROR && out->length)) {
            if (out->data) out->data[out->length] = '\0';
            return true;
        }
    }
    return false;
}

dyad_status http_parse_response(const char *block, size_t length, dyad_arena *arena,
                                http_response *out, const char **problem) {
    memset(out, 0, sizeof *out);
    if (length < 12 || strncmp(block, "HTTP/", 5) != 0) {
        *problem = "the block is not an HTTP response";
        return DYAD_ERR_FORMAT;
    }
    const char *status_end = memchr(block, '\n', length);
    const char *space = memchr(block, ' ', status_end ? (size_t)(status_end - block) : length);
    if (!status_end || !space || !isdigit((unsigned char)space[1])) {
        *problem = "bad HTTP status line";
        return DYAD_ERR_FORMAT;
    }
    out->status = atoi(space + 1);
    const char *transfer_encoding = NULL, *content_encoding = NULL;
    size_t i = (size_t)(status_end - block) + 1;
    for (;;) {
        if (i >= length) {
            *problem = "the HTTP headers do not end";
            return DYAD_ERR_FORMAT;
        }
        const char *line = block + i;
        const char *line_end = memchr(line, '\n', length - i);
        size_t line_length = line_end ? (size_t)(line_end - line) : length - i;
        i += line_length + (line_end ? 1 : 0);
        if (line_length && line[line_length - 1] == '\r') line_length--;
        if (!line_length) break;
        const char *colon = memchr(line, ':', line_length);
        if (!colon) continue; /* tolerate junk header lines, as browsers do */
        size_t name_length = (size_t)(colon - line);
        const char *value = trimmed_copy(arena, colon + 1, line_length - name_length - 1);
        if (name_length == 12 && strncasecmp(line, "Content-Type", 12) == 0)
            out->content_type = value;
        else if (name_length == 17 && strncasecmp(line, "Transfer-Encoding", 17) == 0)
            transfer_encoding = value;
        else if (name_length == 16 && strncasecmp(line, "Content-Encoding", 16) == 0)
            content_encoding = value;
    }
    const char *body = block + i;
    size_t body_length = length - i;
    dyad_buffer decoded = {0};
    if (transfer_encoding && strcasestr(transfer_encoding, "chunked")) {
        if (!dechunk(body, body_length, &decoded)) {
            dyad_buffer_free(&decoded);
            *problem = "bad chunked transfer encoding";
            return DYAD_ERR_FORMAT;
        }
        body = decoded.data ? decoded.data : "";
        body_length = decoded.length;
    }
    dyad_buffer inflated = {0};
    if (content_encoding && (strcasestr(content_encoding, "gzip") ||
                             strcasestr(content_encoding, "deflate"))) {
        if (!inflate_payload(body, body_length, &inflated)) {
            dyad_buffer_free(&decoded);
            dyad_buffer_free(&inflated);
            *problem = "payload cannot be inflated";
            return DYAD_ERR_FORMAT;
        }
        body = inflated.data ? inflated.data : "";
        body_length = inflated.length;
    }
    out->body = arena_strndup(arena, body, body_length);
    out->body_length = body_length;
    dyad_buffer_free(&decoded);
    dyad_buffer_free(&inflated);
    if (!out->body) {
        *problem = "out of memory";
        return DYAD_ERR_MEMORY;
    }
    return DYAD_OK;
}
