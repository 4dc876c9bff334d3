/*
 * fold.c — the folding the answer keys are compared under (GUIDE.md,
 * "How an output is scored"): NFKD, combining marks and format characters
 * dropped, lower case, white space runs as one space, trimmed.  Used by
 * `utdrag eval` and by anything that groups values across documents.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/text.h"
#include "utdrag.h"

char *ut_fold(const char *s) {
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
