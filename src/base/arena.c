/* arena.c — see arena.h. */
#include "base/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ut_arena_chunk {
    ut_arena_chunk *next;
    size_t used, cap;
    _Alignas(8) unsigned char data[];
};

enum { CHUNK_MIN = 16 * 1024 };

void ut_arena_init(ut_arena *a) { a->head = NULL; }

void *ut_arena_alloc(ut_arena *a, size_t n) {
    n = (n + 7) & ~(size_t)7;
    ut_arena_chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > CHUNK_MIN ? n : CHUNK_MIN;
        c = malloc(sizeof *c + cap);
        if (!c) return NULL;
        c->used = 0;
        c->cap = cap;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

char *ut_arena_strndup(ut_arena *a, const char *s, size_t n) {
    char *p = ut_arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *ut_arena_strdup(ut_arena *a, const char *s) { return ut_arena_strndup(a, s, strlen(s)); }

char *ut_arena_printf(ut_arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *p = ut_arena_alloc(a, (size_t)n + 1);
    if (!p) return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void ut_arena_adopt(ut_arena *dst, ut_arena *src) {
    if (!src->head) return;
    ut_arena_chunk *tail = src->head;
    while (tail->next) tail = tail->next;
    tail->next = dst->head;
    dst->head = src->head;
    src->head = NULL;
}

void ut_arena_clear(ut_arena *a) {
    ut_arena_chunk *c = a->head;
    while (c) {
        ut_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}
