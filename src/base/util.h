/*
 * util.h — small helpers shared by the core: file reading, string
 * handling and error filling.  Nothing here knows about rules or fields.
 *
 * Stage base/ (src/README.md): what every stage may use and which uses
 * no stage — this file, UTF-8 text with its offset map (text.h) and the
 * arena that owns a document's strings (arena.h).
 */
#ifndef UT_UTIL_H
#define UT_UTIL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "utdrag.h"

#include <stdio.h>

/* Whole file as a NEW NUL-terminated buffer (free()), or NULL with err. */
char *ut_read_file(const char *path, size_t *len, ut_error *err);
/* The largest input a document can be: offset maps are 32-bit. */
#define UT_MAX_INPUT ((size_t)UINT32_MAX - 16)
/* Read `f` to its end, whatever its size says (pipes, FIFOs, a file that
 * changes while read): NEW NUL-terminated buffer, or NULL with *err_no set
 * (ENOMEM, EFBIG past UT_MAX_INPUT, or the read error).  Does not close `f`. */
char *ut_read_stream(FILE *f, size_t *len, int *err_no);
/* The same, but reading stops early at the first block holding a NUL byte
 * unless read_past_nul(bytes so far) says the format has NULs (the input
 * stage's ut_read_document: UTF-16, PDF). */
char *ut_read_stream_binary(FILE *f, size_t *len, int *err_no, bool (*read_past_nul)(const char *, size_t));
char *ut_strdup(const char *s);            /* NEW */
char *ut_strndup(const char *s, size_t n); /* NEW */
/* Append src to the heap string dst (NULL = empty), reallocating: takes
 * ownership of dst and returns the NEW string, or NULL (dst freed) on OOM. */
char *ut_str_append(char *dst, const char *src);
/* Trim white space in place; returns the start. */
char *ut_trim(char *s);
/* strtok_r on '\n' that keeps empty lines. */
char *ut_next_line(char *buf, char **save);
bool ut_utf8_ok(const char *s);
/* A monotonic clock in milliseconds, for stage timings. */
double ut_now_ms(void);
/* FNV-1a of a NUL-terminated string: the key of the open-addressing
 * tables (lexicons, a document's distinct values). */
uint64_t ut_str_hash(const char *s);
void ut_seterr(ut_error *err, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#endif
