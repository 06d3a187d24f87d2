/* Unit tests for util/arena: alignment, growth, big blocks, reset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/arena.h"

static void allocations_are_aligned_and_disjoint(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    assert_non_null(arena);
    char *previous = NULL;
    for (int i = 1; i < 5000; i++) {
        char *p = arena_alloc(arena, (size_t)(i % 37) + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 0xAB, (size_t)(i % 37) + 1);
        assert_ptr_not_equal(p, previous);
        previous = p;
    }
    dyad_arena_free(arena);
}

static void big_request_leaves_current_block_usable(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    char *small = arena_strdup(arena, "before");
    char *big = arena_alloc(arena, 10u << 20);
    assert_non_null(big);
    memset(big, 1, 10u << 20);
    char *after = arena_strdup(arena, "after");
    assert_string_equal(small, "before");
    assert_string_equal(after, "after");
    assert_true(dyad_arena_used(arena) >= (10u << 20));
    dyad_arena_reset(arena);
    assert_int_equal(dyad_arena_used(arena), 0);
    /* the arena is reusable after reset, big blocks included */
    big = arena_alloc(arena, 3u << 20);
    assert_non_null(big);
    memset(big, 2, 3u << 20);
    dyad_arena_free(arena);
}

static void grow_keeps_items(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    int *items = NULL;
    size_t capacity = 0;
    for (int i = 0; i < 100000; i++) {
        if ((size_t)i == capacity) items = arena_grow(arena, items, &capacity, sizeof *items);
        assert_non_null(items);
        items[i] = i;
    }
    for (int i = 0; i < 100000; i++) assert_int_equal(items[i], i);
    dyad_arena_free(arena);
}

static void printf_and_strndup(void **state) {
    (void)state;
    dyad_arena *arena = dyad_arena_new();
    assert_string_equal(arena_printf(arena, "%s-%d", "doc", 42), "doc-42");
    assert_string_equal(arena_strndup(arena, "abcdef", 3), "abc");
    assert_null(arena_strdup(arena, NULL));
    assert_null(arena_calloc(arena, SIZE_MAX / 2, 4)); /* overflow refused */
    dyad_arena_free(arena);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(allocations_are_aligned_and_disjoint),
        cmocka_unit_test(big_request_leaves_current_block_usable),
        cmocka_unit_test(grow_keeps_items),
        cmocka_unit_test(printf_and_strndup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
