/*
 * fold.c — the folding the answer keys are compared under (GUIDE.md,
 * "How an output is scored"): NFKD, combining marks and format characters
 * dropped, lower case, white space runs as one space, trimmed.  Used by
 * `utdrag eval` and by anything that groups values across documents.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/text.h"
#include "text/fold.h"
#include "utdrag.h"

/* The full folding, through utf8proc.  NEW, or NULL (invalid UTF-8, OOM). */
static char *fold_full(const char *s) {
    utf8proc_uint8_t *d = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &d,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                          UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
    if (n < 0) return NULL;
    char *out = malloc((size_t)n * 2 + 1);
    if (!out) { free(d); return NULL; }
    size_t o = 0;
    bool space = false;
    for (utf8proc_ssize_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate(d + i, n - i, &cp);
        if (l <= 0) break;
        i += l;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME ||
            cat == UTF8PROC_CATEGORY_MC)
            continue;
        if (cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP ||
            cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x1C || cp == 0x1D ||
            cp == 0x1E || cp == 0x1F || cp == 0x85) {
            space = o > 0;
            continue;
        }
        if (space) { out[o++] = ' '; space = false; }
        char buf[4];
        int bl = ut_utf8_encode((uint32_t)utf8proc_tolower(cp), buf);
        memcpy(out + o, buf, (size_t)bl);
        o += (size_t)bl;
    }
    out[o] = 0;
    free(d);
    return out;
}

/* The fast path, for text of ASCII and the Latin letters below U+0250
 * (names, bodies: nearly every value the document passes key).  What the
 * full path makes of each such letter alone, when that is one character
 * other than white space ('Å' -> 'a', 'É' -> 'e'), is worked out once by
 * the full path itself; any other character (marks, format characters,
 * compatibility forms, white space outside ASCII, invalid bytes) sends the
 * whole string down the full path.  Per character the folding does not
 * depend on its neighbours (the marks a decomposition reorders are dropped),
 * so the result is the same, byte for byte (tests/unit/test_fold.c compares
 * both paths on every character below U+0250). */
enum { LATIN_END = 0x250 };
static uint32_t latin_fold[LATIN_END]; /* 0: take the full path */
static pthread_once_t latin_once = PTHREAD_ONCE_INIT;

static void latin_init(void) {
    for (uint32_t cp = 0x80; cp < LATIN_END; cp++) {
        char in[5];
        in[ut_utf8_encode(cp, in)] = 0;
        char *f = fold_full(in);
        uint32_t out = 0;
        if (f && *f) {
            int l = ut_utf8_decode((const unsigned char *)f, strlen(f), &out);
            /* one character, not a space, and no longer than the input
             * (U+023A folds to U+2C65: three bytes), so the fast path's
             * output fits in the input's length */
            if (l <= 0 || f[l] || out == ' ' || out >= 0x800) out = 0;
        }
        latin_fold[cp] = out;
        free(f);
    }
}

static bool ascii_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F); }

char *ut_fold(const char *s) {
    pthread_once(&latin_once, latin_init);
    size_t n = strlen(s);
    char *out = malloc(n + 1); /* each character folds to as many bytes or fewer */
    if (!out) return NULL;
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < n;) {
        uint32_t cp = u[i];
        size_t l = 1;
        if (cp >= 0x80) {
            if (cp < 0xC2 || cp > 0xDF || i + 1 >= n || (u[i + 1] & 0xC0) != 0x80) goto full;
            cp = ((cp & 0x1F) << 6) | (u[i + 1] & 0x3F);
            if (cp >= LATIN_END || !latin_fold[cp]) goto full;
            cp = latin_fold[cp];
            l = 2;
        } else if (ascii_space((unsigned char)cp)) {
            space = o > 0;
            i++;
            continue;
        } else if (cp >= 'A' && cp <= 'Z')
            cp += 'a' - 'A';
        if (space) {
            out[o++] = ' ';
            space = false;
        }
        if (cp < 0x80) out[o++] = (char)cp;
        else o += (size_t)ut_utf8_encode(cp, out + o);
        i += l;
    }
    out[o] = 0;
    return out;
full:
    free(out);
    return fold_full(s);
}

char *ut_fold_full_path(const char *s) { return fold_full(s); }
