/* text.c — UTF-8 helpers and ut_text ownership; see text.h. */
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

void ut_text_pad(char *s, size_t len) { memset(s + len, 0, UT_TEXT_PAD + 1); }

void ut_text_release(ut_text *t) {
    if (t->owns_s) free((void *)t->s);
    if (t->owns_map) {
        free((void *)t->map);
        free((void *)t->seg);
    }
    t->s = NULL;
    t->map = NULL;
    t->seg = NULL;
    t->nseg = 0;
    t->len = 0;
    t->owns_s = t->owns_map = false;
}

size_t ut_text_orig_seg(const ut_text *t, size_t i) {
    /* the last segment starting at or before i */
    size_t lo = 0, hi = t->nseg;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->seg[mid].at <= i) lo = mid;
        else hi = mid;
    }
    const ut_mapseg *g = &t->seg[lo];
    if (!g->linear) return g->orig;
    /* a continuation byte maps where its character's first byte came from,
     * exactly as in a per-byte map */
    size_t k = i;
    while (k > g->at && k < t->len && ((unsigned char)t->s[k] & 0xC0) == 0x80) k--;
    return g->orig + (k - g->at);
}

size_t ut_text_index(const ut_text *t, size_t orig) {
    if (!t->map && !t->seg) return orig < t->len ? orig : t->len;
    size_t lo = 0, hi = t->len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ut_text_orig(t, mid) < orig) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

int ut_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
    unsigned char c = s[0];
    if (c < 0x80) { *cp = c; return 1; }
    int len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; v = c & 0x07; min = 0x10000; }
    else { *cp = 0xFFFD; return -1; }
    if ((size_t)len > n) { *cp = 0xFFFD; return -1; }
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) { *cp = 0xFFFD; return -1; }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) { *cp = 0xFFFD; return -1; }
    *cp = v;
    return len;
}

bool ut_utf8_valid(const char *str, size_t n) {
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        /* fast path: 8 ASCII bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            __builtin_memcpy(&w, s + i, 8);
            uint64_t high = w & 0x8080808080808080ULL;
            if (high) {
                i += ut_word_skip(high); /* straight to the first non-ASCII byte */
                break;
            }
            i += 8;
        }
        if (i >= n) break;
        if (s[i] < 0x80) { i++; continue; }
        /* two-byte sequences (å ä ö é and all of Latin-1) without a decode */
        if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) { i += 2; continue; }
        uint32_t cp;
        int l = ut_utf8_decode(s + i, n - i, &cp);
        if (l < 0) return false;
        i += (size_t)l;
    }
    return true;
}

int ut_utf8_encode(uint32_t cp, char out[4]) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}
