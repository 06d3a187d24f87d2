/* Unit tests for ingest/reader: JSONL records, bad lines, format
 * detection, text files, errors that name file and line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/reader.h"

static char *write_temp(const char *suffix, const char *content, size_t length) {
    char *path = malloc(256);
    snprintf(path, 256, "/tmp/dyad-test-XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    assert_true(fd >= 0);
    assert_int_equal(write(fd, content, length), (ssize_t)length);
    close(fd);
    return path;
}

static void jsonl_records_bad_lines_and_meta(void **state) {
    (void)state;
    const char content[] =
        "{\"id\":\"a1\",\"date\":\"2025-12-03\",\"text\":\"First story.\",\"lang\":\"en\"}\n"
        "\n"
        "{\"id\":\"a2\",\"text\":\"Second\n"            /* broken: raw newline in string */
        "{\"title\":\"no text\"}\n"
        "[1,2]\n"
        "{\"text\":\"Bad \xE2\x80 byte.\"}\n"
        "{\"id\":7,\"text\":\"Numeric id.\"}";            /* no final newline */
    char *path = write_temp(".jsonl", content, sizeof content - 1);
    dyad_reader *reader;
    dyad_error error;
    assert_int_equal(dyad_reader_open(path, NULL, &reader, &error), DYAD_OK);
    dyad_arena *arena = dyad_arena_new();
    dyad_document *d;

    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_OK);
    assert_string_equal(d->id, "a1");
    assert_string_equal(d->date, "2025-12-03");
    assert_string_equal(d->raw_text, "First story.");
    assert_string_equal(d->meta_json, "{\"lang\":\"en\"}");
    assert_int_equal(d->origin_line, 1);

    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_ERR_FORMAT);
    assert_int_equal(error.line, 3);
    assert_string_equal(error.file, path);
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_ERR_FORMAT);
    assert_int_equal(error.line, 4);
    assert_non_null(strstr(error.message, "missing \"text\""));
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_ERR_FORMAT);
    assert_int_equal(error.line, 5);

    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_OK);
    assert_int_equal(d->origin_line, 6);
    assert_string_equal(d->raw_text, "Bad \xEF\xBF\xBD byte.");
    assert_int_equal(d->warning_count, 1);
    assert_true(d->warnings[0].offset > 0);

    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_OK);
    assert_string_equal(d->id, "7");
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_END);
    dyad_reader_close(reader);
    dyad_arena_free(arena);
    unlink(path);
    free(path);
}

static void text_file_is_one_article_named_by_file(void **state) {
    (void)state;
    const char content[] = "Headline\n\nBody text here.\n";
    char *path = write_temp(".txt", content, sizeof content - 1);
    dyad_reader_options options = {.default_date = "2025-01-02"};
    dyad_reader *reader;
    dyad_error error;
    assert_int_equal(dyad_reader_open(path, &options, &reader, &error), DYAD_OK);
    dyad_arena *arena = dyad_arena_new();
    dyad_document *d;
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_OK);
    assert_string_equal(d->raw_text, content);
    assert_string_equal(d->date, "2025-01-02");
    assert_true(strncmp(d->id, "dyad-test-", 10) == 0);
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_END);
    dyad_reader_close(reader);
    dyad_arena_free(arena);
    unlink(path);
    free(path);
}

static void empty_binary_and_missing_files_are_errors(void **state) {
    (void)state;
    dyad_reader *reader;
    dyad_error error;
    dyad_arena *arena = dyad_arena_new();
    dyad_document *d;

    char *empty = write_temp(".txt", " \n\n", 3);
    assert_int_equal(dyad_reader_open(empty, NULL, &reader, &error), DYAD_OK);
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_ERR_FORMAT);
    assert_non_null(strstr(error.message, "empty"));
    dyad_reader_close(reader);

    char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++) junk[i] = (char)((i * 7919) % 256);
    char *binary = write_temp(".txt", junk, sizeof junk);
    assert_int_equal(dyad_reader_open(binary, NULL, &reader, &error), DYAD_OK);
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_ERR_FORMAT);
    assert_non_null(strstr(error.message, "binary"));
    dyad_reader_close(reader);

    assert_int_equal(dyad_reader_open("/nonexistent/story.txt", NULL, &reader, &error),
                     DYAD_ERR_IO);
    assert_string_equal(error.file, "/nonexistent/story.txt");
    assert_non_null(strstr(error.message, "No such file"));

    unlink(empty);
    unlink(binary);
    free(empty);
    free(binary);
    dyad_arena_free(arena);
}

static void format_and_id_from_name(void **state) {
    (void)state;
    assert_int_equal(reader_format_from_name("a/b.jsonl"), DYAD_FORMAT_JSONL);
    assert_int_equal(reader_format_from_name("a/b.JSON.gz"), DYAD_FORMAT_JSONL);
    assert_int_equal(reader_format_from_name("page.htm"), DYAD_FORMAT_HTML);
    assert_int_equal(reader_format_from_name("story"), DYAD_FORMAT_TEXT);
    dyad_arena *arena = dyad_arena_new();
    assert_string_equal(reader_id_from_name(arena, "x/y/kyiv-talks.html.gz"), "kyiv-talks");
    assert_string_equal(reader_id_from_name(arena, "story.en.txt"), "story.en");
    assert_string_equal(reader_id_from_name(arena, ".hidden"), ".hidden");
    dyad_arena_free(arena);
}

static void petrarch_xml_records_are_articles(void **state) {
    (void)state;
    const char content[] =
        "<Validation><Sentences>\n"
        "<Sentence date=\"19950103\" id=\"T-01\" category=\"T\" sentence=\"true\">\n"
        "<Text>\nDol_Amroth rejected the  offer.\n</Text>\n"
        "<EventCoding sourcecode=\"DOL\" targetcode=\"---\" eventcode=\"120\"/>\n"
        "</Sentence>\n"
        "<Sentence date=\"19950104\" id=\"T-02\" category=\"T\" sentence=\"true\">\n"
        "<Text>Gondor met Arnor.</Text>\n"
        "</Sentence>\n"
        "</Sentences></Validation>\n";
    char *path = write_temp(".xml", content, sizeof content - 1);
    assert_int_equal(reader_format_from_name(path), DYAD_FORMAT_PETRARCH_XML);
    dyad_reader *reader;
    dyad_error error;
    assert_int_equal(dyad_reader_open(path, NULL, &reader, &error), DYAD_OK);
    dyad_arena *arena = dyad_arena_new();
    dyad_document *d;
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_OK);
    assert_string_equal(d->id, "T-01");
    assert_string_equal(d->date, "1995-01-03");
    assert_non_null(strstr(d->raw_text, "Dol Amroth rejected"));
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_OK);
    assert_string_equal(d->id, "T-02");
    assert_string_equal(d->raw_text, "Gondor met Arnor.");
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_END);
    dyad_reader_close(reader);
    unlink(path);
    free(path);

    /* a broken file is one error, then the end */
    char *broken = write_temp(".xml", "<x>", 3);
    assert_int_equal(dyad_reader_open(broken, NULL, &reader, &error), DYAD_OK);
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_ERR_FORMAT);
    assert_string_equal(error.file, broken);
    assert_int_equal(dyad_reader_next(reader, arena, &d, &error), DYAD_END);
    dyad_reader_close(reader);
    unlink(broken);
    free(broken);
    dyad_arena_free(arena);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonl_records_bad_lines_and_meta),
        cmocka_unit_test(text_file_is_one_article_named_by_file),
        cmocka_unit_test(empty_binary_and_missing_files_are_errors),
        cmocka_unit_test(format_and_id_from_name),
        cmocka_unit_test(petrarch_xml_records_are_articles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
