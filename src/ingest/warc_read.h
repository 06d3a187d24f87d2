/*
 * warc_read.h — records of a WARC web archive (ISO 28500, WARC/1.0 and
 * WARC/1.1), and the HTTP responses inside them.
 *
 * A WARC file is a sequence of records, each a version line, header lines
 * ("WARC-Type: response"), a blank line, a block of exactly Content-Length
 * bytes and two line breaks.  Crawlers compress each record as its own
 * gzip member; the bytes arrive here already inflated (zlib's gz* reading
 * runs through concatenated members), so offsets are offsets in the
 * uncompressed stream.
 *
 * The reader pulls bytes through a callback so that it does not care
 * where they come from (a file, stdin after format sniffing, memory in
 * tests).  A malformed record is one error naming its number and byte
 * offset; the reader then looks for the next line that starts a record
 * and goes on, so one damaged record never costs the rest of the archive.
 * Memory is one block buffer reused from record to record, bounded by
 * READER_MAX_RECORD (a larger block is skipped with an error).
 */
#ifndef DYAD_INGEST_WARC_READ_H
#define DYAD_INGEST_WARC_READ_H

#include "dyad.h"

#include <stdbool.h>

/* Fills buffer with up to size bytes; returns the count, 0 at the end of
 * input, -1 on a read error (then *message says why). */
typedef long (*warc_read_fn)(void *source, char *buffer, size_t size, const char **message);

typedef struct warc_record {
    long number;              /* 1-based position in the file */
    long long offset;         /* byte offset of the version line */
    const char *version;      /* "WARC/1.1" */
    const char *type;         /* WARC-Type ("response", "resource", ...), NULL if absent */
    const char *target_uri;   /* WARC-Target-URI, NULL if absent */
    const char *date;         /* WARC-Date, NULL if absent */
    const char *record_id;    /* WARC-Record-ID, NULL if absent */
    const char *content_type; /* Content-Type of the block, NULL if absent */
    const char *block;        /* Content-Length bytes, NUL-terminated */
    size_t block_length;
} warc_record;

typedef struct warc_reader warc_reader;

/* path names the input in errors.  NULL when memory runs out. */
warc_reader *warc_reader_new(warc_read_fn read, void *source, const char *path);
void warc_reader_free(warc_reader *reader);

/* The next record.  Its strings and block stay valid until the next call.
 * Returns DYAD_OK, DYAD_END, or an error for one record (DYAD_ERR_FORMAT
 * malformed, DYAD_ERR_LIMIT too large) after which the next call goes on
 * with the following record; DYAD_ERR_IO when the input cannot be read. */
dyad_status warc_reader_next(warc_reader *reader, warc_record *out, dyad_error *error);

/* An HTTP response as a WARC "response" record stores it. */
typedef struct http_response {
    int status;               /* 200, 404, ... */
    const char *content_type; /* Content-Type header, NULL if absent */
    const char *body;         /* the payload, de-chunked and inflated, NUL-terminated */
    size_t body_length;
} http_response;

/* Parses block as an HTTP/1.x response: status line, headers, body.
 * Honours Transfer-Encoding: chunked and Content-Encoding gzip/deflate
 * (crawlers that store the wire bytes keep both).  Strings go into arena.
 * On failure returns DYAD_ERR_FORMAT and sets *problem to a short reason. */
dyad_status http_parse_response(const char *block, size_t length, dyad_arena *arena,
                                http_response *out, const char **problem);

/* True when a Content-Type value names a media type (case-insensitive,
 * parameters ignored): content_type_is("text/html; charset=utf-8", "text/html"). */
bool content_type_is(const char *content_type, const char *media_type);

#endif
