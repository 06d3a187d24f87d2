/*
 * arena.c — see arena.h.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_ALIGN = 16, ARENA_FIRST_BLOCK = 64 * 1024 };

typedef struct arena_block {
    struct arena_block *previous;
    size_t size, used;
    /* data follows, aligned */
} arena_block;

struct dyad_arena {
    arena_block *current;
    arena_block *first;       /* kept across resets */
    size_t next_size;
    size_t handed_out;
};

static size_t block_header(void) {
    return (sizeof(arena_block) + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

static arena_block *block_new(size_t size, arena_block *previous) {
    arena_block *block = malloc(block_header() + size);
    if (!block) return NULL;
    block->previous = previous;
    block->size = size;
    block->used = 0;
    return block;
}

dyad_arena *dyad_arena_new(void) {
    dyad_arena *arena = calloc(1, sizeof *arena);
    if (!arena) return NULL;
    arena->first = block_new(ARENA_FIRST_BLOCK, NULL);
    if (!arena->first) {
        free(arena);
        return NULL;
    }
    arena->current = arena->first;
    arena->next_size = ARENA_FIRST_BLOCK * 2;
    return arena;
}

void dyad_arena_reset(dyad_arena *arena) {
    if (!arena) return;
    arena_block *block = arena->current;
    while (block && block != arena->first) {
        arena_block *previous = block->previous;
        free(block);
        block = previous;
    }
    arena->current = arena->first;
    arena->first->used = 0;
    arena->next_size = ARENA_FIRST_BLOCK * 2;
    arena->handed_out = 0;
}

void dyad_arena_free(dyad_arena *arena) {
    if (!arena) return;
    dyad_arena_reset(arena);
    free(arena->first);
    free(arena);
}

size_t dyad_arena_used(const dyad_arena *arena) {
    return arena ? arena->handed_out : 0;
}

void *arena_alloc(dyad_arena *arena, size_t size) {
    size_t rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (rounded < size) return NULL; /* overflow */
    arena_block *block = arena->current;
    if (block->size - block->used < rounded) {
        size_t want = arena->next_size;
        if (rounded > want / 2) {
            /* A big request gets a block of its own, sized exactly.  It goes
             * below the current block so the current one stays usable; the
             * first block must stay at the bottom of the chain (reset keeps
             * it), so above it the big block simply becomes current. */
            arena_block *big = block_new(rounded, NULL);
            if (!big) return NULL;
            if (block == arena->first) {
                big->previous = block;
                arena->current = big;
            } else {
                big->previous = block->previous;
                block->previous = big;
            }
            big->used = rounded;
            arena->handed_out += rounded;
            return (char *)big + block_header();
        }
        arena_block *fresh = block_new(want, block);
        if (!fresh) return NULL;
        arena->current = fresh;
        if (arena->next_size < (size_t)64 << 20) arena->next_size *= 2;
        block = fresh;
    }
    void *pointer = (char *)block + block_header() + block->used;
    block->used += rounded;
    arena->handed_out += rounded;
    return pointer;
}

void *arena_calloc(dyad_arena *arena, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) return NULL;
    void *pointer = arena_alloc(arena, count * size);
    if (pointer) memset(pointer, 0, count * size);
    return pointer;
}

char *arena_strndup(dyad_arena *arena, const char *text, size_t length) {
    char *copy = arena_alloc(arena, length + 1);
    if (!copy) return NULL;
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

char *arena_strdup(dyad_arena *arena, const char *text) {
    return text ? arena_strndup(arena, text, strlen(text)) : NULL;
}

char *arena_printf(dyad_arena *arena, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int length = vsnprintf(NULL, 0, format, arguments);
    va_end(arguments);
    if (length < 0) return NULL;
    char *text = arena_alloc(arena, (size_t)length + 1);
    if (!text) return NULL;
    va_start(arguments, format);
    vsnprintf(text, (size_t)length + 1, format, arguments);
    va_end(arguments);
    return text;
}

void *arena_grow(dyad_arena *arena, void *items, size_t *capacity, size_t item_size) {
    size_t new_capacity = *capacity ? *capacity * 2 : 16;
    if (item_size && new_capacity > SIZE_MAX / item_size) return NULL;
    void *bigger = arena_alloc(arena, new_capacity * item_size);
    if (!bigger) return NULL;
    if (items && *capacity) memcpy(bigger, items, *capacity * item_size);
    *capacity = new_capacity;
    return bigger;
}
