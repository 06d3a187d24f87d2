/* Unit tests for util/model_file: round trip, and every corruption gives a
 * clear error rather than a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/model_file.h"

/* a unique name per run: test suites of several checkouts may run at once */
static char path[64];

static void make_path(void) {
    if (path[0]) return;
    snprintf(path, sizeof path, "/tmp/dyad-test-model-%ld.bin", (long)getpid());
}

static void write_sample(void) {
    make_path();
    model_writer *writer = model_writer_new("tagger");
    float weights[100];
    for (int i = 0; i < 100; i++) weights[i] = (float)i * 0.5f;
    assert_true(model_writer_add(writer, "weights", weights, sizeof weights));
    assert_true(model_writer_add(writer, "labels", "NN\0VB\0", 6));
    assert_true(model_writer_add(writer, "empty", NULL, 0));
    assert_false(model_writer_add(writer, "a-name-far-too-long-for-the-table", "x", 1));
    dyad_error error;
    assert_int_equal(model_writer_save(writer, path, &error), DYAD_OK);
    model_writer_free(writer);
}

static void round_trip(void **state) {
    (void)state;
    write_sample();
    model_file *model;
    dyad_error error;
    assert_int_equal(model_file_open(path, "tagger", &model, &error), DYAD_OK);
    size_t size;
    const float *weights = model_file_section(model, "weights", &size);
    assert_non_null(weights);
    assert_int_equal(size, 400);
    assert_int_equal((uintptr_t)weights % 16, 0);
    assert_true(weights[99] == 49.5f);
    assert_memory_equal(model_file_section(model, "labels", &size), "NN\0VB\0", 6);
    assert_non_null(model_file_section(model, "empty", &size));
    assert_int_equal(size, 0);
    assert_null(model_file_section(model, "missing", &size));
    assert_string_equal(model_file_kind(model), "tagger");
    model_file_close(model);
}

static void corrupt(long offset, int truncate_to) {
    FILE *file = fopen(path, "r+b");
    if (truncate_to >= 0) {
        assert_int_equal(ftruncate(fileno(file), truncate_to), 0);
    } else {
        fseek(file, offset, SEEK_SET);
        int c = fgetc(file);
        fseek(file, offset, SEEK_SET);
        fputc(c ^ 0x5A, file);
    }
    fclose(file);
}

static void expect_error(const char *kind, const char *fragment) {
    model_file *model = (model_file *)1;
    dyad_error error;
    assert_int_equal(model_file_open(path, kind, &model, &error), DYAD_ERR_MODEL);
    assert_null(model);
    if (!strstr(error.message, fragment)) fail_msg("'%s' lacks '%s'", error.message, fragment);
    assert_string_equal(error.file, path);
}

static void corruption_is_reported(void **state) {
    (void)state;
    write_sample();
    expect_error("parser", "expected 'parser'");
    corrupt(200, -1);
    expect_error("tagger", "checksum");
    write_sample();
    corrupt(0, -1);
    expect_error("tagger", "magic");
    write_sample();
    corrupt(8, -1);
    expect_error("tagger", "version");
    write_sample();
    corrupt(0, 300);
    expect_error("tagger", "truncated");
    corrupt(0, 10);
    expect_error("tagger", "header");
    unlink(path);
    model_file *model;
    dyad_error error;
    assert_int_equal(model_file_open(path, NULL, &model, &error), DYAD_ERR_MODEL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
        cmocka_unit_test(corruption_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
