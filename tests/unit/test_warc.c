/* Unit tests for ingest/warc_read and the WARC input of the reader: good
 * records around a malformed one, per-record gzip, truncation, HTTP
 * bodies sent chunked and compressed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "ingest/reader.h"
#include "ingest/warc_read.h"
#include "util/buffer.h"

/* Appends one WARC/1.1 record with the given header lines ("Name: value\r\n"
 * each) and block; returns its offset. */
static size_t add_record(dyad_buffer *out, const char *headers, const char *block,
                         size_t block_length) {
    size_t offset = out->length;
    buffer_printf(out, "WARC/1.1\r\n%sContent-Length: %zu\r\n\r\n", headers, block_length);
    buffer_append(out, block, block_length);
    buffer_append_string(out, "\r\n\r\n");
    return offset;
}

static const char page_one[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
    "<html><body><article><p>The two foreign ministers met in Vienna on Monday and agreed "
    "to restore direct flights between their capitals.</p></article></body></html>";

static const char page_two[] =
    "<html><head><meta property='article:published_time' content='2025-05-01'></head>"
    "<body><div><p>Delegations from both countries signed a water-sharing agreement on "
    "Thursday, ending a dispute that had lasted a decade.</p></div></body></html>";

static char *write_file(const char *suffix, const char *data, size_t length) {
    char *path = malloc(256);
    snprintf(path, 256, "/tmp/dyad-warc-XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, length), (ssize_t)length);
    close(fd);
    return path;
}

/* warcinfo, a response, a malformed record, a resource, a 404 and an
 * image: two articles and one error. */
static dyad_buffer two_articles_and_a_bad_record(size_t *bad_offset) {
    dyad_buffer warc = {0};
    add_record(&warc,
               "WARC-Type: warcinfo\r\nWARC-Date: 2025-05-02T08:00:00Z\r\n"
               "Content-Type: application/warc-fields\r\n",
               "software: test\r\n", 16);
    add_record(&warc,
               "WARC-Type: response\r\nWARC-Date: 2025-05-02T08:00:02Z\r\n"
               "WARC-Target-URI: https://news.example/vienna\r\n"
               "WARC-Record-ID: <urn:uuid:11111111-2222-4333-8444-555555555555>\r\n"
               "Content-Type: application/http; msgtype=response\r\n",
               page_one, sizeof page_one - 1);
    *bad_offset = warc.length;
    buffer_append_string(&warc,
                         "WARC/1.1\r\nWARC-Type: response\r\nthis line has no field name\r\n"
                         "Content-Length: 12\r\n\r\nHTTP/1.1 200\r\n\r\n");
    add_record(&warc,
               "WARC-Type: resource\r\nWARC-Date: 2025-05-03T10:00:00Z\r\n"
               "WARC-Target-URI: https://news.example/water\r\n"
               "WARC-Record-ID: <urn:uuid:66666666-7777-4888-9999-000000000000>\r\n"
               "Content-Type: text/html\r\n",
               page_two, sizeof page_two - 1);
    const char missing[] = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>";
    add_record(&warc, "WARC-Type: response\r\nWARC-Target-URI: https://news.example/gone\r\n",
               missing, sizeof missing - 1);
    const char image[] = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
    add_record(&warc, "WARC-Type: response\r\n", image, sizeof image - 1);
    return warc;
}

static void check_two_articles(const char *path, size_t bad_offset) {
    dyad_reader *reader;
    dyad_error error;
    assert_int_equal(dyad_reader_open(path, NULL, &reader, &error), DYAD_OK);
    dyad_arena *arena = dyad_arena_new();
    dyad_document *d;

    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_OK);
    assert_string_equal(d->id, "11111111-2222-4333-8444-555555555555");
    assert_string_equal(d->url, "https://news.example/vienna");
    /* the page has no date: the crawl date stands in */
    assert_string_equal(d->date, "2025-05-02T08:00:02Z");
    assert_non_null(strstr(d->raw_text, "restore direct flights"));
    assert_int_equal(d->origin_line, 2);

    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_ERR_FORMAT);
    assert_string_equal(error.file, path);
    assert_int_equal(error.line, 3);
    assert_int_equal(error.offset, (long long)bad_offset);
    assert_non_null(strstr(error.message, "bad WARC record"));

    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_OK);
    assert_string_equal(d->id, "66666666-7777-4888-9999-000000000000");
    /* the page's own date outranks the crawl date */
    assert_string_equal(d->date, "2025-05-01");
    assert_non_null(strstr(d->raw_text, "water-sharing agreement"));

    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_END);
    dyad_reader_close(reader);
    dyad_arena_free(arena);
}

static void records_around_a_malformed_one(void **state) {
    (void)state;
    size_t bad_offset;
    dyad_buffer warc = two_articles_and_a_bad_record(&bad_offset);
    char *path = write_file(".warc", warc.data, warc.length);
    assert_int_equal(reader_format_from_name(path), DYAD_FORMAT_WARC);
    check_two_articles(path, bad_offset);
    unlink(path);
    free(path);
    dyad_buffer_free(&warc);
}

static void gzip_member_per_record(void **state) {
    (void)state;
    size_t bad_offset;
    dyad_buffer warc = two_articles_and_a_bad_record(&bad_offset);
    char *path = write_file(".warc.gz", "", 0);
    /* one gzip member per record, as crawlers write them */
    size_t start = 0;
    for (size_t i = 1; i <= warc.length; i++) {
        if (i < warc.length && strncmp(warc.data + i, "WARC/1.1\r\n", 10) != 0) continue;
        gzFile member = gzopen(path, "ab");
        assert_non_null(member);
        assert_int_equal(gzwrite(member, warc.data + start, (unsigned)(i - start)), (int)(i - start));
        gzclose(member);
        start = i;
    }
    check_two_articles(path, bad_offset);
    unlink(path);
    free(path);
    dyad_buffer_free(&warc);
}

static void missing_length_and_truncated_record(void **state) {
    (void)state;
    dyad_buffer warc = {0};
    buffer_append_string(&warc, "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\n\r\n"
                                "no length here\r\n\r\n");
    add_record(&warc, "WARC-Type: resource\r\nContent-Type: text/plain\r\n",
               "A plain-text resource is an article too.", 40);
    buffer_append_string(&warc, "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\n"
                                "Content-Length: 500\r\n\r\nonly a few bytes");
    char *path = write_file(".warc", warc.data, warc.length);
    dyad_reader *reader;
    dyad_error error;
    assert_int_equal(dyad_reader_open(path, NULL, &reader, &error), DYAD_OK);
    dyad_arena *arena = dyad_arena_new();
    dyad_document *d;
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_ERR_FORMAT);
    assert_non_null(strstr(error.message, "no Content-Length"));
    assert_int_equal(error.offset, 0);
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_OK);
    assert_string_equal(d->raw_text, "A plain-text resource is an article too.");
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_ERR_FORMAT);
    assert_non_null(strstr(error.message, "truncated"));
    assert_int_equal(error.line, 3);
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_END);
    dyad_reader_close(reader);
    dyad_arena_free(arena);
    unlink(path);
    free(path);
    dyad_buffer_free(&warc);
}

static size_t gzip_bytes(const char *data, size_t length, unsigned char *out, size_t size) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    assert_int_equal(deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    stream.next_in = (Bytef *)data;
    stream.avail_in = (uInt)length;
    stream.next_out = out;
    stream.avail_out = (uInt)size;
    assert_int_equal(deflate(&stream, Z_FINISH), Z_STREAM_END);
    size_t written = stream.total_out;
    deflateEnd(&stream);
    return written;
}

static void http_chunked_and_compressed_bodies(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    http_response response;
    const char *problem = NULL;
    const char chunked[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                           "Content-Type: text/html; charset=utf-8\r\n\r\n"
                           "7\r\n<p>Peac\r\nb;name=ext\r\ne talks.</p\r\n1\r\n>\r\n0\r\n\r\n";
    assert_int_equal(http_parse_response(chunked, sizeof chunked - 1, arena, &response, &problem),
                     DYAD_OK);
    assert_int_equal(response.status, 200);
    assert_string_equal(response.body, "<p>Peace talks.</p>");
    assert_true(content_type_is(response.content_type, "text/html"));
    assert_false(content_type_is(response.content_type, "text/htm"));

    const char body[] = "<p>Compressed on the wire.</p>";
    unsigned char compressed[256];
    size_t compressed_length = gzip_bytes(body, sizeof body - 1, compressed, sizeof compressed);
    dyad_buffer message = {0};
    buffer_printf(&message, "HTTP/1.0 200 OK\nContent-Encoding: gzip\nContent-Type: text/html\n\n");
    buffer_append(&message, compressed, compressed_length);
    assert_int_equal(http_parse_response(message.data, message.length, arena, &response, &problem),
                     DYAD_OK);
    assert_string_equal(response.body, body);
    dyad_buffer_free(&message);

    const char broken[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n";
    assert_int_equal(http_parse_response(broken, sizeof broken - 1, arena, &response, &problem),
                     DYAD_ERR_FORMAT);
    assert_non_null(strstr(problem, "chunked"));
    assert_int_equal(http_parse_response("GET / HTTP/1.1\r\n\r\n", 18, arena, &response, &problem),
                     DYAD_ERR_FORMAT);
    dyad_arena_free(arena);
}

static void explicit_date_wins(void **state) {
    (void)state;
    size_t bad_offset;
    dyad_buffer warc = two_articles_and_a_bad_record(&bad_offset);
    char *path = write_file(".warc", warc.data, warc.length);
    dyad_reader_options options = {.default_date = "2024-12-31"};
    dyad_reader *reader;
    dyad_error error;
    assert_int_equal(dyad_reader_open(path, &options, &reader, &error), DYAD_OK);
    dyad_arena *arena = dyad_arena_new();
    dyad_document *d;
    int articles = 0;
    dyad_status status;
    while ((status = dyad_reader_next(reader, arena, &d, &error)) != DYAD_END) {
        if (status != DYAD_OK) continue;
        assert_string_equal(d->date, "2024-12-31");
        articles++;
    }
    assert_int_equal(articles, 2);
    dyad_reader_close(reader);
    dyad_arena_free(arena);
    unlink(path);
    free(path);
    dyad_buffer_free(&warc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(records_around_a_malformed_one),
        cmocka_unit_test(gzip_member_per_record),
        cmocka_unit_test(missing_length_and_truncated_record),
        cmocka_unit_test(http_chunked_and_compressed_bodies),
        cmocka_unit_test(explicit_date_wins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
