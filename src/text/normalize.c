/* normalize.c — stage 2, normalized view; see normalize.h. */
#include "text/normalize.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* What to do with one code point. */
enum action { KEEP, DROP, SPACE, NEWLINE, DASH, SQUOTE, DQUOTE, LIGATURE, COMPOSE };

static enum action classify(uint32_t cp) {
    if (cp < 0x80) {
        if (cp == '\t' || cp == '\v' || cp == '\f') return SPACE;
        if (cp == '\r') return NEWLINE;
        return KEEP;
    }
    switch (cp) {
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000: return SPACE;
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: return DROP;
    case 0x2028: case 0x2029: case 0x0085: return NEWLINE;
    case 0x2212: return DASH;
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: return SQUOTE;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: case 0x2033: return DQUOTE;
    default: break;
    }
    /* Latin-1 and Latin Extended (å ä ö é ...): no combining marks below
     * U+0300, so the Unicode table look-up below is not needed. */
    if (cp < 0x300) return KEEP;
    if (cp >= 0x2000 && cp <= 0x200A) return SPACE;
    if (cp >= 0x2010 && cp <= 0x2015) return DASH;
    if (cp >= 0xFB00 && cp <= 0xFB06) return LIGATURE;
    if (utf8proc_get_property((utf8proc_int32_t)cp)->combining_class != 0) return COMPOSE;
    return KEEP;
}

/* The normalized text being built, and its map: per byte (`map`) when the
 * input has a per-byte map (decoded Windows-1252, UTF-16, BOM), else as
 * segments (`seg`, text.h), which cost nothing on long unchanged runs. */
typedef struct outbuf {
    char *s;
    uint32_t *map;
    ut_mapseg *seg;
    size_t len, cap, nseg, segcap;
    bool sparse;
} outbuf;

static int reserve(outbuf *o, size_t extra) {
    if (o->len + extra + 1 <= o->cap) return 0;
    /* the first call asks for the whole text: exactly that, not the next
     * power of two (up to twice the text); later growth (NFC, ligatures
     * longer than their input) by half again */
    size_t cap = o->cap ? o->cap + o->cap / 2 : 0;
    if (cap < o->len + extra + 1) cap = o->len + extra + 1;
    char *s = realloc(o->s, cap);
    if (!s) return -1;
    o->s = s;
    if (!o->sparse) {
        uint32_t *m = realloc(o->map, cap * sizeof *m);
        if (!m) return -1;
        o->map = m;
    }
    o->cap = cap;
    return 0;
}

/* Bytes from o->len on come from `orig` on (linear) or all from `orig`. */
static int add_seg(outbuf *o, size_t at, uint32_t orig, bool linear) {
    if (o->nseg) {
        ut_mapseg *p = &o->seg[o->nseg - 1];
        if (p->at == at) { /* replaces a piece taken back (compose_run) */
            *p = (ut_mapseg){(uint32_t)at, orig, linear};
            return 0;
        }
        if (p->linear && linear && p->orig + (at - p->at) == orig) return 0; /* goes on */
    }
    if (o->nseg == o->segcap) {
        size_t cap = o->segcap ? o->segcap * 2 : 64;
        ut_mapseg *g = realloc(o->seg, cap * sizeof *g);
        if (!g) return -1;
        o->seg = g;
        o->segcap = cap;
    }
    o->seg[o->nseg++] = (ut_mapseg){(uint32_t)at, orig, linear};
    return 0;
}

/* The original offset of byte b of the output so far. */
static uint32_t out_orig(const outbuf *o, size_t b) {
    if (!o->sparse) return o->map[b];
    size_t k = o->nseg;
    while (k > 1 && o->seg[k - 1].at > b) k--;
    const ut_mapseg *g = &o->seg[k - 1];
    return g->linear ? g->orig + (uint32_t)(b - g->at) : g->orig;
}

/* Take the output back to `len` bytes (compose_run re-emits a base). */
static void truncate_to(outbuf *o, size_t len) {
    o->len = len;
    while (o->sparse && o->nseg > 1 && o->seg[o->nseg - 1].at > len) o->nseg--;
}

static int emit(outbuf *o, const char *bytes, size_t n, uint32_t orig) {
    if (reserve(o, n)) return -1;
    if (o->sparse) {
        /* one byte from one place is linear too: lets runs go on */
        if (add_seg(o, o->len, orig, n == 1)) return -1;
    } else {
        for (size_t k = 0; k < n; k++) o->map[o->len + k] = orig;
    }
    memcpy(o->s + o->len, bytes, n);
    o->len += n;
    return 0;
}

/* Re-encode the base character before the marks plus the marks in NFC. The
 * base was already emitted: take it back out of `o` and replace it. */
static int compose_run(outbuf *o, const ut_text *in, size_t *pi) {
    size_t i = *pi;
    /* find the start of the last emitted code point */
    size_t b = o->len;
    while (b > 0 && ((unsigned char)o->s[b - 1] & 0xC0) == 0x80) b--;
    if (b > 0) b--;
    uint32_t orig = o->len ? out_orig(o, b) : (uint32_t)ut_text_orig(in, i);
    /* collect the run of combining marks */
    size_t j = i, last_mark = i;
    while (j < in->len) {
        uint32_t cp;
        int l = ut_utf8_decode((const unsigned char *)in->s + j, in->len - j, &cp);
        if (l < 0 || classify(cp) != COMPOSE) break;
        last_mark = j;
        j += (size_t)l;
    }
    size_t baselen = o->len - b;
    size_t n = baselen + (j - i);
    char *tmp = malloc(n + 1);
    if (!tmp) return -1;
    memcpy(tmp, o->s + b, baselen);
    memcpy(tmp + baselen, in->s + i, j - i);
    tmp[n] = 0;
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)tmp, (utf8proc_ssize_t)n, &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    free(tmp);
    if (r < 0) return -1;
    truncate_to(o, b);
    int rc = emit(o, (const char *)nfc, (size_t)r, orig);
    /* The composed character starts at the base but ends after the marks:
     * its last byte points at the last mark, so that a field ending here
     * reports an `end` (and `text`) that includes the marks. */
    if (!rc && r > 0) {
        uint32_t end_orig = (uint32_t)ut_text_orig(in, last_mark);
        if (o->sparse) rc = add_seg(o, o->len - 1, end_orig, true);
        else o->map[o->len - 1] = end_orig;
    }
    free(nfc);
    *pi = j;
    return rc;
}

static int expand_ligature(outbuf *o, uint32_t cp, uint32_t orig) {
    utf8proc_int32_t dst[8];
    int opt = 0;
    /* COMPAT alone decomposes nothing: utf8proc needs DECOMPOSE with it */
    utf8proc_ssize_t n = utf8proc_decompose_char((utf8proc_int32_t)cp, dst, 8,
                                                 UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &opt);
    for (utf8proc_ssize_t k = 0; k < n && k < 8; k++) {
        char tmp[4];
        int l = ut_utf8_encode((uint32_t)dst[k], tmp);
        if (emit(o, tmp, (size_t)l, orig)) return -1;
    }
    return 0;
}

static bool is_lower_at(const char *s, size_t n, size_t *len) {
    uint32_t cp;
    int l = ut_utf8_decode((const unsigned char *)s, n, &cp);
    if (l < 1) return false;
    if (len) *len = (size_t)l;
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

/* Index just past the line end at s[i] (any character normalized to '\n';
 * CRLF counts as one), or 0 if none starts there.  Every kind must join
 * alike, or a CRLF file would normalize differently from its LF copy. */
static size_t line_end_after(const ut_text *in, size_t i) {
    uint32_t cp;
    if (i >= in->len) return 0;
    int l = ut_utf8_decode((const unsigned char *)in->s + i, in->len - i, &cp);
    if (l < 1 || (cp != '\n' && classify(cp) != NEWLINE)) return 0;
    if (cp == '\r' && i + 1 < in->len && in->s[i + 1] == '\n') return i + 2;
    return i + (size_t)l;
}

/* At s[i] == '-' followed by a line end: if a lower-case letter ends the
 * text before and begins the next line, and the next word is not one the
 * hyphen must stay before, return the index where the joined word goes
 * on; else 0. */
static size_t hyphen_join(const ut_text *in, size_t i, const char *out_prev, size_t out_prev_len,
                          const ut_lexicon *keep) {
    /* past the hyphen ('-' or a typographic one, several bytes long) */
    uint32_t hy;
    int hl = ut_utf8_decode((const unsigned char *)in->s + i, in->len - i, &hy);
    /* characters the normalizer drops (soft hyphens) may stand between */
    size_t k = i + (size_t)(hl > 0 ? hl : 1);
    while (k < in->len) {
        uint32_t cp;
        int l = ut_utf8_decode((const unsigned char *)in->s + k, in->len - k, &cp);
        if (l < 1 || classify(cp) != DROP) break;
        k += (size_t)l;
    }
    size_t j = line_end_after(in, k);
    if (!j || out_prev_len == 0) return 0;
    /* the letter before: last code point already emitted */
    size_t b = out_prev_len - 1;
    while (b > 0 && ((unsigned char)out_prev[b] & 0xC0) == 0x80) b--;
    if (!is_lower_at(out_prev + b, out_prev_len - b, NULL)) return 0;
    /* a keep word before the hyphen (`samt-` at a line end) is not broken
     * there: joining it would change the word the break before it was
     * judged by, and a second pass would judge that break differently */
    if (keep) {
        size_t ws = out_prev_len;
        while (ws > 0) {
            size_t c = ws - 1;
            while (c > 0 && ((unsigned char)out_prev[c] & 0xC0) == 0x80) c--;
            if (!is_lower_at(out_prev + c, ws - c, NULL)) break;
            ws = c;
        }
        if (out_prev_len - ws < 64 && ut_lexicon_get(keep, out_prev + ws, out_prev_len - ws)) return 0;
    }
    /* skip what the normalizer turns into spaces or drops, as a second
     * pass over the normalized text would */
    while (j < in->len) {
        uint32_t cp;
        int k = ut_utf8_decode((const unsigned char *)in->s + j, in->len - j, &cp);
        if (k < 1 || (cp != ' ' && classify(cp) != SPACE && classify(cp) != DROP)) break;
        j += (size_t)k;
    }
    /* the next word as a second pass would see it: dropped characters
     * (a soft hyphen inside it) left out */
    char word[64];
    size_t w = j, n = 0, l;
    for (;;) {
        uint32_t cp;
        if (w >= in->len || ut_utf8_decode((const unsigned char *)in->s + w, in->len - w, &cp) < 1) break;
        if (is_lower_at(in->s + w, in->len - w, &l)) {
            if (n + l < sizeof word) memcpy(word + n, in->s + w, l);
            n += l;
        } else if (classify(cp) == DROP) l = (size_t)ut_utf8_decode((const unsigned char *)in->s + w, in->len - w, &cp);
        else break;
        w += l;
    }
    if (n == 0) return 0;
    /* keep words are short: a longer word is never one of them */
    if (keep && n < sizeof word && ut_lexicon_get(keep, word, n)) return 0;
    return j;
}

/* ASCII bytes that are rewritten: '\t' '\v' '\f' '\r' (all below 0x0E). */
static inline bool ascii_special(unsigned char c) {
    return c < 0x0E && c >= '\t' && c != '\n';
}

/* A '-' that may end a line may join a word broken across it
 * (hyphen_join decides): before '\n', '\r', or any non-ASCII character
 * (U+2028, U+0085, or soft hyphens standing before the line end). */
static inline bool hyphen_at_line_end(const unsigned char *s, size_t n, size_t i) {
    return s[i] == '-' && i + 1 < n && (s[i + 1] == '\n' || s[i + 1] == '\r' || s[i + 1] >= 0x80);
}

/* Bit 7 set for each byte of this 8-byte word that needs a closer look:
 * non-ASCII bytes, '-' (a line-end hyphen?), and the bytes 0x08..0x0F except
 * '\n' (so '\t' '\v' '\f' '\r', and a few harmless extras that the byte
 * loop then keeps).  XOR with '\n' maps those to 1..7; adding 0x7F per byte
 * sets bit 7 for >= 1, adding 0x78 for >= 8; XOR with '-' and the zero-byte
 * test finds hyphens.  Only a non-ASCII or a marked byte can carry or
 * borrow into the next byte, so the lowest mark is always exact. */
static inline uint64_t word_marks(uint64_t w) {
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t y = w ^ (0x0A * ones), h = w ^ (0x2D * ones);
    return (w & highs) | ((y + 0x7F * ones) & ~(y + 0x78 * ones) & highs) | ((h - ones) & ~h & highs);
}

/* End of the run of code points from `i` that are kept as they are (the
 * index of the first one that needs rewriting, or in->len).  Most text is
 * such runs: ASCII is checked 8 bytes at a time, two-byte letters below
 * U+0300 (å ä ö é ü) are kept on sight of their lead byte, other code
 * points are classified one by one.  The input is valid UTF-8 (decode.c). */
static size_t keep_run_end(const ut_text *in, size_t i) {
    const unsigned char *s = (const unsigned char *)in->s;
    size_t n = in->len;
    while (i < n) {
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            uint64_t marks = word_marks(w);
            if (marks) {
                i += ut_word_skip(marks);
                break;
            }
            i += 8;
        }
        if (i >= n) break;
        unsigned char c = s[i];
        if (c < 0x80) {
            if (ascii_special(c) || hyphen_at_line_end(s, n, i)) return i;
            i++;
            continue;
        }
        /* leads 0xC3..0xCB: U+00C0..U+02FF, letters with no combining class
         * and nothing to rewrite (0xC2 holds NBSP, soft hyphen, guillemets) */
        if (c >= 0xC3 && c <= 0xCB && i + 1 < n) {
            i += 2;
            continue;
        }
        uint32_t cp;
        int l = ut_utf8_decode(s + i, n - i, &cp);
        if (l < 0 || classify(cp) != KEEP) return i;
        i += (size_t)l;
    }
    return n;
}

/* Copy the kept run in[i..j) to `o`. */
static int emit_run(outbuf *o, const ut_text *in, size_t i, size_t j) {
    if (reserve(o, j - i)) return -1;
    const unsigned char *s = (const unsigned char *)in->s;
    memcpy(o->s + o->len, s + i, j - i);
    if (o->sparse) {
        if (add_seg(o, o->len, (uint32_t)i, true)) return -1;
    } else {
        /* every byte of a code point maps where the code point's first
         * byte came from (as emit() does) */
        uint32_t *map = o->map + o->len - i;
        uint32_t lead = 0;
        for (size_t k = i; k < j; k++) {
            if ((s[k] & 0xC0) != 0x80) lead = in->map[k];
            map[k] = lead;
        }
    }
    o->len += j - i;
    return 0;
}

int ut_normalize(const ut_text *in, const ut_lexicon *keep, ut_text *out) {
    size_t i = keep_run_end(in, 0);
    if (i == in->len) {
        *out = (ut_text){in->s, in->len, in->map, false, false, NULL, 0};
        return 0;
    }
    outbuf o = {.sparse = in->map == NULL};
    /* room for the whole text up front: only NFC and ligatures can grow it */
    if (reserve(&o, in->len + 64) || emit_run(&o, in, 0, i)) goto oom;
    while (i < in->len) {
        size_t j = keep_run_end(in, i);
        if (j > i) {
            if (emit_run(&o, in, i, j)) goto oom;
            i = j;
            if (i == in->len) break;
        }
        uint32_t orig = (uint32_t)ut_text_orig(in, i);
        uint32_t cp;
        int l = ut_utf8_decode((const unsigned char *)in->s + i, in->len - i, &cp);
        if (l < 0) l = 1; /* cannot happen: input is valid UTF-8 */
        int rc = 0;
        switch (classify(cp)) {
        case KEEP:
            if (cp == '-') {
                size_t next = hyphen_join(in, i, o.s, o.len, keep);
                if (next) {
                    i = next;
                    continue;
                }
            }
            rc = emit(&o, in->s + i, (size_t)l, orig);
            break;
        case DROP: break;
        case SPACE: rc = emit(&o, " ", 1, orig); break;
        case NEWLINE:
            if (cp == '\r' && i + 1 < in->len && in->s[i + 1] == '\n') break; /* CRLF: keep LF */
            rc = emit(&o, "\n", 1, orig);
            break;
        case DASH: {
            /* a typographic hyphen at a line end breaks a word like '-' */
            size_t next = hyphen_join(in, i, o.s, o.len, keep);
            if (next) {
                i = next;
                continue;
            }
            rc = emit(&o, "-", 1, orig);
            break;
        }
        case SQUOTE: rc = emit(&o, "'", 1, orig); break;
        case DQUOTE: rc = emit(&o, "\"", 1, orig); break;
        case LIGATURE: rc = expand_ligature(&o, cp, orig); break;
        case COMPOSE:
            if (compose_run(&o, in, &i)) goto oom;
            continue;
        }
        if (rc) goto oom;
        i += (size_t)l;
    }
    if (reserve(&o, UT_TEXT_PAD)) goto oom;
    ut_text_pad(o.s, o.len);
    if (o.sparse) {
        /* the end of the text maps to the end of the input */
        if (add_seg(&o, o.len, (uint32_t)ut_text_orig(in, in->len), false)) goto oom;
        *out = (ut_text){o.s, o.len, NULL, true, true, o.seg, o.nseg};
        return 0;
    }
    o.map[o.len] = (uint32_t)ut_text_orig(in, in->len);
    *out = (ut_text){o.s, o.len, o.map, true, true, NULL, 0};
    return 0;
oom:
    free(o.s);
    free(o.map);
    free(o.seg);
    return -1;
}
