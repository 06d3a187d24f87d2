/*
 * reader.c — dyad_reader: a stream of articles from one file or stdin.
 *
 * JSONL is read line by line, so memory stays bounded by the longest line
 * however large the file; text and HTML files are one article each and are
 * read whole; WARC archives are read record by record (warc_read.h), one
 * article per HTML or text response, resource or conversion record.  Every problem with a record is returned as an error for that
 * record only, with the file, line and byte offset, and the next call goes
 * on with the following record: a batch never stops at a bad line.
 */
#include "reader.h"
#include "document.h"
#include "html_date.h"
#include "html_decode.h"
#include "html_extract.h"
#include "html_hints.h"
#include "petrarch_xml.h"
#include "warc_read.h"
#include "../resources.h"
#include "../util/arena.h"
#include "../util/buffer.h"
#include "../util/error.h"
#include "../util/utf8.h"

#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

struct dyad_reader {
    gzFile file;
    char *path;               /* as given, "-" for stdin */
    dyad_input_format format;
    char *default_date;
    const html_hints *hints;  /* the resources' hints, or own_hints once loaded */
    html_hints *own_hints;    /* loaded on the first HTML page when no resources were given */
    long line;                /* lines consumed so far (JSONL) */
    long long offset;         /* bytes consumed so far (JSONL) */
    bool whole_file_done;     /* text/HTML: the one record was returned */
    bool is_stdin;
    warc_reader *warc;        /* WARC input: created on the first record */
    dyad_arena *petrarch_arena;          /* PETRARCH XML input: the whole file, */
    petrarch_validation petrarch;        /* read on the first record */
    size_t petrarch_next;
    dyad_buffer buffer;       /* the current line or file */
    size_t chunk_position, chunk_length;
    char chunk[128 * 1024];   /* read-ahead for line splitting */
};

static bool has_suffix(const char *name, size_t length, const char *suffix) {
    size_t n = strlen(suffix);
    return length >= n && strncasecmp(name + length - n, suffix, n) == 0;
}

dyad_input_format reader_format_from_name(const char *path) {
    size_t length = strlen(path);
    if (has_suffix(path, length, ".gz")) length -= 3;
    if (has_suffix(path, length, ".jsonl") || has_suffix(path, length, ".json") ||
        has_suffix(path, length, ".ndjson"))
        return DYAD_FORMAT_JSONL;
    if (has_suffix(path, length, ".html") || has_suffix(path, length, ".htm") ||
        has_suffix(path, length, ".xhtml"))
        return DYAD_FORMAT_HTML;
    if (has_suffix(path, length, ".warc")) return DYAD_FORMAT_WARC;
    if (has_suffix(path, length, ".xml")) return DYAD_FORMAT_PETRARCH_XML;
    return DYAD_FORMAT_TEXT;
}

const char *reader_id_from_name(dyad_arena *arena, const char *path) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t length = strlen(base);
    if (has_suffix(base, length, ".gz")) length -= 3;
    /* drop one extension: "story.en.txt" keeps "story.en" */
    for (size_t i = length; i > 0; i--)
        if (base[i - 1] == '.') {
            if (i > 1) length = i - 1;
            break;
        }
    return arena_strndup(arena, base, length);
}

dyad_status dyad_reader_open(const char *path, const dyad_reader_options *options,
                             dyad_reader **out, dyad_error *error) {
    *out = NULL;
    dyad_reader *reader = calloc(1, sizeof *reader);
    if (!reader) return error_set(error, DYAD_ERR_MEMORY, path, 0, -1, "out of memory");
    reader->is_stdin = !path || strcmp(path, "-") == 0;
    reader->path = strdup(reader->is_stdin ? "-" : path);
    if (options && options->default_date) reader->default_date = strdup(options->default_date);
    if (options && options->resources) reader->hints = options->resources->html_hints;
    reader->format = options ? options->format : DYAD_FORMAT_AUTO;
    if (reader->format == DYAD_FORMAT_AUTO && !reader->is_stdin)
        reader->format = reader_format_from_name(path);
    if (reader->is_stdin) {
        int descriptor = dup(STDIN_FILENO);
        reader->file = descriptor >= 0 ? gzdopen(descriptor, "rb") : NULL;
    } else {
        reader->file = gzopen(path, "rb");
    }
    if (!reader->file) {
        int saved = errno;
        error_set(error, DYAD_ERR_IO, reader->path, 0, -1, "cannot open: %s",
                  saved ? strerror(saved) : "out of memory");
        dyad_reader_close(reader);
        return DYAD_ERR_IO;
    }
    gzbuffer(reader->file, 128 * 1024);
    *out = reader;
    return DYAD_OK;
}

void dyad_reader_close(dyad_reader *reader) {
    if (!reader) return;
    if (reader->file) gzclose(reader->file);
    warc_reader_free(reader->warc);
    dyad_arena_free(reader->petrarch_arena);
    dyad_buffer_free(&reader->buffer);
    free(reader->path);
    free(reader->default_date);
    html_hints_free(reader->own_hints);
    free(reader);
}

static bool refill(dyad_reader *reader, dyad_status *status, dyad_error *error);

/* Standard input has no name to go by: look at the first byte that is not
 * white space.  '{' is JSONL, '<' HTML, "WARC/" a web archive, anything
 * else one text article. */
static void sniff_stdin_format(dyad_reader *reader, dyad_error *error) {
    dyad_status status = DYAD_OK;
    reader->format = DYAD_FORMAT_TEXT;
    for (;;) {
        if (reader->chunk_position == reader->chunk_length && !refill(reader, &status, error))
            return;
        char c = reader->chunk[reader->chunk_position];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            reader->chunk_position++;
            reader->offset++;
            if (c == '\n') reader->line++;
            continue;
        }
        reader->format = c == '{' ? DYAD_FORMAT_JSONL : c == '<' ? DYAD_FORMAT_HTML : DYAD_FORMAT_TEXT;
        if (c == 'W' && reader->chunk_length - reader->chunk_position >= 5 &&
            memcmp(reader->chunk + reader->chunk_position, "WARC/", 5) == 0)
            reader->format = DYAD_FORMAT_WARC;
        return;
    }
}

static dyad_status read_error(dyad_reader *reader, dyad_error *error) {
    int code = 0;
    const char *message = gzerror(reader->file, &code);
    if (code == Z_ERRNO) message = strerror(errno);
    return error_set(error, DYAD_ERR_IO, reader->path, reader->line, reader->offset,
                     "read failed: %s", message);
}

/* Refills the read-ahead chunk; false at end of input or on error. */
static bool refill(dyad_reader *reader, dyad_status *status, dyad_error *error) {
    int got = gzread(reader->file, reader->chunk, sizeof reader->chunk);
    if (got < 0) {
        *status = read_error(reader, error);
        return false;
    }
    reader->chunk_position = 0;
    reader->chunk_length = (size_t)got;
    return got > 0;
}

/* Reads one line (without its newline) into reader->buffer.  NUL bytes are
 * kept (the sanitizer replaces them), which is why this scans a read-ahead
 * chunk with memchr rather than using gzgets.  Returns DYAD_END at end of
 * input, DYAD_ERR_LIMIT for an over-long line (skipped to its end so the
 * next call starts on the next line). */
static dyad_status read_line(dyad_reader *reader, dyad_error *error, bool *had_newline) {
    buffer_clear(&reader->buffer);
    bool too_long = false, any = false;
    size_t skipped = 0;
    dyad_status status = DYAD_OK;
    *had_newline = false;
    for (;;) {
        if (reader->chunk_position == reader->chunk_length && !refill(reader, &status, error)) {
            if (status != DYAD_OK) return status;
            break;
        }
        any = true;
        const char *from = reader->chunk + reader->chunk_position;
        size_t available = reader->chunk_length - reader->chunk_position;
        const char *newline = memchr(from, '\n', available);
        size_t take = newline ? (size_t)(newline - from) : available;
        reader->chunk_position += take + (newline ? 1 : 0);
        if (too_long) {
            skipped += take;
        } else if (reader->buffer.length + take > READER_MAX_RECORD) {
            too_long = true;
            skipped = reader->buffer.length + take;
            buffer_clear(&reader->buffer);
        } else if (!buffer_append(&reader->buffer, from, take)) {
            return error_set(error, DYAD_ERR_MEMORY, reader->path, reader->line + 1, -1,
                             "out of memory reading line");
        }
        if (newline) {
            *had_newline = true;
            break;
        }
    }
    if (!any) return DYAD_END;
    if (too_long) {
        reader->line++;
        reader->offset += (long long)skipped + (*had_newline ? 1 : 0);
        return error_set(error, DYAD_ERR_LIMIT, reader->path, reader->line, -1,
                         "line longer than %d MiB skipped", READER_MAX_RECORD >> 20);
    }
    return DYAD_OK;
}

/* Turns one JSONL line into a document. */
static dyad_status parse_json_record(dyad_reader *reader, dyad_arena *arena,
                                     dyad_document **out, dyad_error *error) {
    long line = reader->line;
    long long line_offset = reader->offset;
    dyad_document *document = arena_calloc(arena, 1, sizeof *document);
    if (!document) return error_set(error, DYAD_ERR_MEMORY, reader->path, line, -1, "out of memory");
    document->arena = arena;
    document->origin = arena_strdup(arena, reader->path);
    document->origin_line = line;

    /* jansson refuses invalid UTF-8 outright; mend it first so one bad byte
     * costs a replacement character, not the whole article */
    long long offsets[8];
    size_t replacements = 0, length = 0;
    char *clean = utf8_sanitize(arena, reader->buffer.data, reader->buffer.length, &length,
                                offsets, 8, &replacements);
    if (!clean) return error_set(error, DYAD_ERR_MEMORY, reader->path, line, -1, "out of memory");

    json_error_t json_error;
    json_t *root = json_loadb(clean, length, JSON_ALLOW_NUL, &json_error);
    if (!root) {
        /* jansson counts in the mended copy, where a replaced byte takes
         * three: keep the offset inside the line as read */
        size_t position = (size_t)json_error.position;
        if (position > reader->buffer.length) position = reader->buffer.length;
        return error_set(error, DYAD_ERR_FORMAT, reader->path, line,
                         line_offset + (long long)position, "bad JSON: %s", json_error.text);
    }
    dyad_status status = DYAD_OK;
    if (!json_is_object(root)) {
        status = error_set(error, DYAD_ERR_FORMAT, reader->path, line, line_offset,
                           "a JSONL record must be an object");
        goto done;
    }
    json_t *text = json_object_get(root, "text");
    if (!json_is_string(text)) {
        status = error_set(error, DYAD_ERR_FORMAT, reader->path, line, line_offset,
                           text ? "\"text\" must be a string" : "missing \"text\"");
        goto done;
    }
    for (size_t i = 0; i < replacements && i < 8; i++)
        document_add_warning(document, line_offset + offsets[i],
                             "invalid UTF-8 replaced with U+FFFD");
    if (replacements > 8)
        document_add_warning(document, -1, "%zu further invalid UTF-8 sequences replaced",
                             replacements - 8);
    status = document_set_valid_text(document, json_string_value(text),
                                     json_string_length(text), -1);
    if (status != DYAD_OK) {
        error_set(error, status, reader->path, line, -1, "out of memory");
        goto done;
    }

    static const char *const known[] = {"id", "date", "title", "source", "url", "text"};
    const char **slots[] = {&document->id, &document->date, &document->title, &document->source,
                            &document->url};
    for (size_t i = 0; i < 5; i++) {
        json_t *value = json_object_get(root, known[i]);
        if (!value || json_is_null(value)) continue;
        if (json_is_string(value)) {
            *slots[i] = arena_strndup(arena, json_string_value(value), json_string_length(value));
        } else if (i == 0 && json_is_integer(value)) {
            *slots[i] = arena_printf(arena, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
        } else {
            document_add_warning(document, line_offset, "field \"%s\" is not a string; ignored",
                                 known[i]);
        }
    }
    if (!document->id)
        document->id = arena_printf(arena, "%s-%ld",
                                    reader->is_stdin ? "stdin"
                                                     : reader_id_from_name(arena, reader->path),
                                    line);
    if (!document->date && reader->default_date)
        document->date = arena_strdup(arena, reader->default_date);

    /* unknown fields travel on under "meta" */
    json_t *meta = NULL;
    const char *key;
    json_t *value;
    json_object_foreach(root, key, value) {
        bool is_known = false;
        for (size_t i = 0; i < 6 && !is_known; i++) is_known = strcmp(key, known[i]) == 0;
        if (is_known) continue;
        if (!meta) meta = json_object();
        json_object_set(meta, key, value);
    }
    if (meta) {
        char *dumped = json_dumps(meta, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (dumped) document->meta_json = arena_strdup(arena, dumped);
        free(dumped);
        json_decref(meta);
    }
    *out = document;
done:
    json_decref(root);
    return status;
}

static dyad_status next_json_record(dyad_reader *reader, dyad_arena *arena, dyad_document **out,
                                    dyad_error *error) {
    for (;;) {
        bool had_newline;
        long long start = reader->offset;
        dyad_status status = read_line(reader, error, &had_newline);
        if (status != DYAD_OK) return status;
        reader->line++;
        size_t length = reader->buffer.length;
        reader->offset = start; /* the record's offset while it is parsed */
        /* blank lines separate nothing and are not records */
        const char *s = reader->buffer.data;
        size_t i = 0;
        while (i < length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) i++;
        if (i == length) {
            reader->offset = start + (long long)length + (had_newline ? 1 : 0);
            continue;
        }
        status = parse_json_record(reader, arena, out, error);
        reader->offset = start + (long long)length + (had_newline ? 1 : 0);
        return status;
    }
}

/* Text that is mostly NULs and control bytes is not an article. */
static bool looks_binary(const char *bytes, size_t length) {
    size_t sample = length < 8192 ? length : 8192, odd = 0;
    for (size_t i = 0; i < sample; i++) {
        unsigned char c = (unsigned char)bytes[i];
        if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')) odd++;
    }
    return sample && odd * 10 > sample;
}

/* The HTML hints, loaded on the first HTML page when the caller gave no
 * resources: a reader of text or JSONL never needs the data directory. */
static dyad_status reader_html_hints(dyad_reader *reader, dyad_error *error) {
    if (reader->hints) return DYAD_OK;
    char *data_dir = resources_find_data_dir(NULL);
    if (!data_dir)
        return error_set(error, DYAD_ERR_MODEL, reader->path, 0, -1,
                         "cannot find dyad's data directory (set DYAD_DATA_DIR)");
    dyad_status status = html_hints_load_from_data_dir(data_dir, &reader->own_hints, error);
    free(data_dir);
    reader->hints = reader->own_hints;
    return status;
}

/* Makes a document from one article's bytes (a whole file, or a WARC
 * record's payload): HTML goes through the extractor, text is taken as it
 * is.  line and offset locate the record in errors (0 and -1 for a whole
 * file).  The date is --date, else the page's own; the caller sets the id. */
static dyad_status build_article(dyad_reader *reader, dyad_arena *arena, const char *bytes,
                                 size_t length, bool html, const char *charset, long line,
                                 long long offset, dyad_document **out, dyad_error *error) {
    size_t i = 0;
    while (i < length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' ||
                          bytes[i] == '\n'))
        i++;
    if (i == length)
        return error_set(error, DYAD_ERR_FORMAT, reader->path, line, offset, "empty article");
    if (looks_binary(bytes, length))
        return error_set(error, DYAD_ERR_FORMAT, reader->path, line, offset < 0 ? 0 : offset,
                         "binary data, not a text article");

    dyad_document *document = arena_calloc(arena, 1, sizeof *document);
    if (!document) return error_set(error, DYAD_ERR_MEMORY, reader->path, line, -1, "out of memory");
    document->arena = arena;
    document->origin = arena_strdup(arena, reader->path);
    document->origin_line = line > 0 ? line : 1;
    document->date = arena_strdup(arena, reader->default_date);
    dyad_status status;
    if (html) {
        /* an error in the hints file names that file and line, not the record */
        status = reader_html_hints(reader, error);
        if (status != DYAD_OK) return status;
        html_article page;
        html_extract_options options = {.charset = charset};
        status = html_extract_article(reader->hints, bytes, length, reader->path, &options, arena,
                                      &page, error);
        if (status != DYAD_OK) {
            if (error) {
                error->line = line;
                if (offset >= 0) error->offset = offset;
            }
            return status;
        }
        status = document_set_raw_text(document, page.text, page.text_length, -1);
        document->title = page.title;
        document->url = page.url;
        document->source = page.site;
        if (page.date && !reader->default_date) document->date = page.date;
    } else {
        status = document_set_raw_text(document, bytes, length, offset < 0 ? 0 : offset);
    }
    if (status != DYAD_OK) return error_set(error, status, reader->path, line, -1, "out of memory");
    *out = document;
    return DYAD_OK;
}

static dyad_status next_whole_file(dyad_reader *reader, dyad_arena *arena, dyad_document **out,
                                   dyad_error *error) {
    if (reader->whole_file_done) return DYAD_END;
    reader->whole_file_done = true;
    buffer_clear(&reader->buffer);
    /* stdin sniffing may have read ahead */
    if (reader->chunk_position < reader->chunk_length &&
        !buffer_append(&reader->buffer, reader->chunk + reader->chunk_position,
                       reader->chunk_length - reader->chunk_position))
        return error_set(error, DYAD_ERR_MEMORY, reader->path, 0, -1, "out of memory");
    reader->chunk_position = reader->chunk_length;
    for (;;) {
        if (!buffer_reserve(&reader->buffer, 1 << 20))
            return error_set(error, DYAD_ERR_MEMORY, reader->path, 0, -1, "out of memory");
        int got = gzread(reader->file, reader->buffer.data + reader->buffer.length, 1 << 20);
        if (got < 0) return read_error(reader, error);
        if (got == 0) break;
        reader->buffer.length += (size_t)got;
        if (reader->buffer.length > READER_MAX_RECORD)
            return error_set(error, DYAD_ERR_LIMIT, reader->path, 0, -1,
                             "article larger than %d MiB", READER_MAX_RECORD >> 20);
    }
    dyad_document *document;
    dyad_status status = build_article(reader, arena, reader->buffer.data, reader->buffer.length,
                                       reader->format == DYAD_FORMAT_HTML, NULL, 0, -1, &document,
                                       error);
    if (status != DYAD_OK) return status;
    document->id = reader->is_stdin ? arena_strdup(arena, "stdin")
                                    : reader_id_from_name(arena, reader->path);
    *out = document;
    return DYAD_OK;
}

/* ------------------------------------------------------------------ WARC */

/* Feeds the WARC reader: first what format sniffing read ahead, then the
 * (inflated) file. */
static long warc_source(void *context, char *buffer, size_t size, const char **message) {
    dyad_reader *reader = context;
    if (reader->chunk_position < reader->chunk_length) {
        size_t available = reader->chunk_length - reader->chunk_position;
        size_t take = available < size ? available : size;
        memcpy(buffer, reader->chunk + reader->chunk_position, take);
        reader->chunk_position += take;
        return (long)take;
    }
    int got = gzread(reader->file, buffer, (unsigned)(size < INT32_MAX ? size : INT32_MAX));
    if (got < 0) {
        int code = 0;
        *message = gzerror(reader->file, &code);
        if (code == Z_ERRNO) *message = strerror(errno);
    }
    return got;
}

/* "<urn:uuid:0c2e...>" → "0c2e..." */
static const char *id_from_record_id(dyad_arena *arena, const char *record_id) {
    if (strncasecmp(record_id, "urn:uuid:", 9) == 0) record_id += 9;
    return arena_strdup(arena, record_id);
}

static bool is_html_type(const char *content_type) {
    return content_type_is(content_type, "text/html") ||
           content_type_is(content_type, "application/xhtml+xml");
}

static dyad_status next_warc_record(dyad_reader *reader, dyad_arena *arena, dyad_document **out,
                                    dyad_error *error) {
    if (!reader->warc) {
        reader->warc = warc_reader_new(warc_source, reader, reader->path);
        if (!reader->warc)
            return error_set(error, DYAD_ERR_MEMORY, reader->path, 0, -1, "out of memory");
    }
    for (;;) {
        warc_record record;
        dyad_status status = warc_reader_next(reader->warc, &record, error);
        if (status != DYAD_OK) return status;
        if (!record.type) continue;
        const char *payload = record.block, *media_type = record.content_type;
        size_t payload_length = record.block_length;
        if (strcasecmp(record.type, "response") == 0) {
            /* responses also hold DNS answers and other protocols */
            if (strncmp(record.block, "HTTP/", 5) != 0) continue;
            http_response response;
            const char *problem = "";
            status = http_parse_response(record.block, record.block_length, arena, &response,
                                         &problem);
            if (status != DYAD_OK)
                return error_set(error, status, reader->path, record.number, record.offset,
                                 "bad WARC record: %s", problem);
            /* redirects, errors and "not modified" are not articles */
            if (response.status < 200 || response.status > 299) continue;
            payload = response.body;
            payload_length = response.body_length;
            media_type = response.content_type;
        } else if (strcasecmp(record.type, "resource") != 0 &&
                   strcasecmp(record.type, "conversion") != 0) {
            continue; /* warcinfo, request, metadata, revisit, continuation */
        }
        bool html = is_html_type(media_type);
        if (!html && !content_type_is(media_type, "text/plain")) continue;
        char charset[64];
        bool has_charset = html_content_type_charset(media_type, charset, sizeof charset);
        dyad_document *document;
        status = build_article(reader, arena, payload, payload_length, html,
                               has_charset ? charset : NULL, record.number, record.offset,
                               &document, error);
        if (status != DYAD_OK) return status;
        document->id = record.record_id && *record.record_id
                           ? id_from_record_id(arena, record.record_id)
                           : arena_printf(arena, "%s-%ld",
                                          reader->is_stdin ? "stdin"
                                                           : reader_id_from_name(arena, reader->path),
                                          record.number);
        if (record.target_uri && *record.target_uri)
            document->url = arena_strdup(arena, record.target_uri);
        char crawl_date[HTML_DATE_SIZE];
        if (!document->date && record.date && html_date_normalize(record.date, crawl_date))
            document->date = arena_strdup(arena, crawl_date);
        *out = document;
        return DYAD_OK;
    }
}

/* -------------------------------------------------------- PETRARCH XML */

/* The field's validation and test files hold <Sentence> records with an
 * id, a date (YYYYMMDD) and the text.  libxml2 reads the whole file (these
 * files are small) on the first call; records then come one at a time.
 * Names joined by '_' ("Dol_Amroth"), a PETRARCH habit, become spaces. */
static dyad_status next_petrarch_record(dyad_reader *reader, dyad_arena *arena,
                                        dyad_document **out, dyad_error *error) {
    if (!reader->petrarch_arena) {
        if (reader->whole_file_done) return DYAD_END; /* its one error was reported */
        reader->whole_file_done = true;
        if (reader->is_stdin)
            return error_set(error, DYAD_ERR_USAGE, reader->path, 0, -1,
                             "PETRARCH XML is read from a file, not standard input");
        reader->petrarch_arena = dyad_arena_new();
        if (!reader->petrarch_arena)
            return error_set(error, DYAD_ERR_MEMORY, reader->path, 0, -1, "out of memory");
        dyad_status status =
            petrarch_xml_read(reader->path, reader->petrarch_arena, &reader->petrarch, error);
        if (status != DYAD_OK) {
            reader->petrarch.record_count = 0;
            return status == DYAD_ERR_IO ? status : DYAD_ERR_FORMAT;
        }
    }
    for (;;) {
        if (reader->petrarch_next >= reader->petrarch.record_count) return DYAD_END;
        const petrarch_record *record = &reader->petrarch.records[reader->petrarch_next++];
        if (!record->text || !*record->text) continue;
        size_t length = strlen(record->text);
        char *text = arena_strndup(arena, record->text, length);
        if (!text) return error_set(error, DYAD_ERR_MEMORY, reader->path, record->line, -1,
                                    "out of memory");
        for (size_t i = 0; i < length; i++)
            if (text[i] == '_') text[i] = ' ';
        dyad_document *document = dyad_document_new(arena, text, length, record->id, NULL);
        if (!document) return error_set(error, DYAD_ERR_MEMORY, reader->path, record->line, -1,
                                        "out of memory");
        const char *date = record->date;
        if (date && strlen(date) == 8 && strspn(date, "0123456789") == 8)
            document->date = arena_printf(arena, "%.4s-%.2s-%.2s", date, date + 4, date + 6);
        else if (reader->default_date)
            document->date = arena_strdup(arena, reader->default_date);
        document->origin = arena_strdup(arena, reader->path);
        document->origin_line = record->line;
        if (!document->id) document->id = arena_printf(arena, "%s-%ld",
                                                       reader_id_from_name(arena, reader->path),
                                                       record->line);
        *out = document;
        return DYAD_OK;
    }
}

dyad_status dyad_reader_next(dyad_reader *reader, dyad_arena *arena, dyad_document **out,
                             dyad_error *error) {
    *out = NULL;
    error_clear(error);
    if (reader->format == DYAD_FORMAT_AUTO) sniff_stdin_format(reader, error);
    if (reader->format == DYAD_FORMAT_JSONL) return next_json_record(reader, arena, out, error);
    if (reader->format == DYAD_FORMAT_WARC) return next_warc_record(reader, arena, out, error);
    if (reader->format == DYAD_FORMAT_PETRARCH_XML)
        return next_petrarch_record(reader, arena, out, error);
    return next_whole_file(reader, arena, out, error);
}
