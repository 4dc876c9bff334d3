/*
 * arena.h — bump allocator that owns everything one document produces.
 *
 * Why: extraction makes many small strings (values, attributes) whose
 * lifetime is exactly the document's.  Allocating them from one arena gives
 * every allocation one owner (the ut_doc) and frees them in one call, with
 * no per-record malloc in the hot path.
 */
#ifndef UT_ARENA_H
#define UT_ARENA_H
#include <stddef.h>

typedef struct ut_arena_chunk ut_arena_chunk;
typedef struct ut_arena {
    ut_arena_chunk *head;
} ut_arena;

void ut_arena_init(ut_arena *a);
/* Memory owned by the arena, 8-byte aligned; NULL on out of memory. */
void *ut_arena_alloc(ut_arena *a, size_t n);
/* NUL-terminated copy of s[0..n) owned by the arena. */
char *ut_arena_strndup(ut_arena *a, const char *s, size_t n);
char *ut_arena_strdup(ut_arena *a, const char *s);
/* printf into the arena. */
char *ut_arena_printf(ut_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Move every allocation of `src` into `dst` (they now live as long as
 * dst); `src` is left empty.  For merging work done in separate arenas. */
void ut_arena_adopt(ut_arena *dst, ut_arena *src);
/* Free every chunk; the arena is empty and reusable afterwards. */
void ut_arena_clear(ut_arena *a);
#endif
