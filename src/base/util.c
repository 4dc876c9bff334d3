/* util.c — see util.h. */
#include "base/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/text.h"

void ut_seterr(ut_error *err, const char *file, int line, const char *fmt, ...) {
    if (!err) return;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    va_end(ap);
}

char *ut_read_stream_binary(FILE *f, size_t *len, int *err_no, bool (*read_past_nul)(const char *, size_t)) {
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        /* room is kept for the NUL and the padding of a matched text
         * (text.h), so that ut_extract_owned keeps this buffer as it is */
        size_t got = fread(buf + n, 1, cap - n - 1 - UT_TEXT_PAD, f);
        bool nul = read_past_nul && memchr(buf + n, 0, got) && !read_past_nul(buf, n + got);
        n += got;
        if (nul || n + 1 + UT_TEXT_PAD < cap) break; /* binary, end of file, or an error */
        if (n > UT_MAX_INPUT) { /* an endless stream: /dev/zero, `yes |` */
            free(buf);
            *err_no = EFBIG;
            return NULL;
        }
        char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    if (!buf) {
        *err_no = ENOMEM;
        return NULL;
    }
    if (ferror(f)) {
        *err_no = errno ? errno : EIO;
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

char *ut_read_stream(FILE *f, size_t *len, int *err_no) { return ut_read_stream_binary(f, len, err_no, NULL); }

char *ut_read_file(const char *path, size_t *len, ut_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        ut_seterr(err, path, 0, "%s", strerror(errno));
        return NULL;
    }
    int e = 0;
    char *buf = ut_read_stream(f, len, &e);
    fclose(f);
    if (!buf) ut_seterr(err, path, 0, "%s", strerror(e));
    return buf;
}

char *ut_strndup(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *ut_strdup(const char *s) { return ut_strndup(s, strlen(s)); }

char *ut_str_append(char *dst, const char *src) {
    size_t ld = dst ? strlen(dst) : 0, ls = strlen(src);
    char *p = realloc(dst, ld + ls + 1);
    if (!p) {
        free(dst);
        return NULL;
    }
    memcpy(p + ld, src, ls + 1);
    return p;
}

char *ut_trim(char *s) {
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) s[--n] = 0;
    return s;
}

char *ut_next_line(char *buf, char **save) {
    char *p = buf ? buf : *save;
    if (!p) return NULL;
    char *nl = strchr(p, '\n');
    if (nl) {
        *nl = 0;
        *save = nl + 1;
    } else {
        if (!*p) return NULL;
        *save = NULL;
    }
    return p;
}

bool ut_utf8_ok(const char *s) { return ut_utf8_valid(s, strlen(s)); }

uint64_t ut_str_hash(const char *s) {
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

double ut_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}
