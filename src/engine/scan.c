/* scan.c — stage 3a, the shared anchor pass; see scan.h. */
#include "engine/scan.h"
#include "engine/scan_cache.h"

#include <hs/hs.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/util.h"

struct ut_scan_db {
    hs_database_t *db;
    unsigned nexpr;
    unsigned *max_width; /* per expression: the earliest start of a hit is end - max_width */
    bool *som;           /* per expression: the start is reported */
    bool *spaced;        /* per expression: end - max_width not counting white space (ut_anchor.spaced) */
    unsigned want_tokens; /* bit k: some rule uses token kind UT_ANCHOR_NUMBER + k */
};

unsigned ut_scan_db_size(const ut_scan_db *db) { return db ? db->nexpr : 0; }

void ut_scan_db_free(ut_scan_db *db) {
    if (!db) return;
    hs_free_database(db->db);
    free(db->max_width);
    free(db->som);
    free(db->spaced);
    free(db);
}

/* Anchors with the same expanded regex and flags share one expression. */
static long find_expr(char **exprs, const unsigned *flags, unsigned n, const char *x, unsigned fl) {
    for (unsigned i = 0; i < n; i++)
        if (flags[i] == fl && !strcmp(exprs[i], x)) return i;
    return -1;
}

/* The longest hit of expression x (in bytes) when every \s+ in it
 * matches one character: > 0, 0 when that is unbounded too, -1 out of
 * memory.  The \s+ of a lexicon's phrases is the only unbounded part of
 * most anchors. */
static long spaced_width(const char *x, unsigned fl) {
    size_t n = strlen(x), o = 0;
    char *y = malloc(n + 1);
    if (!y) return -1;
    for (size_t i = 0; i < n; i++) {
        if (x[i] == '\\' && i + 1 < n) {
            y[o++] = x[i++];
            y[o++] = x[i];
            if (x[i] == 's' && i + 1 < n && x[i + 1] == '+') i++; /* \s+ -> \s */
            continue;
        }
        y[o++] = x[i];
    }
    y[o] = 0;
    hs_expr_info_t *info = NULL;
    hs_compile_error_t *ce = NULL;
    long w = 0;
    if (hs_expression_info(y, fl, &info, &ce) == HS_SUCCESS) {
        if (info->max_width != UINT_MAX && info->max_width <= 1000) w = (long)info->max_width;
        free(info);
    } else hs_free_compile_error(ce);
    free(y);
    return w;
}

int ut_scan_db_build(ut_ruleset *rs, ut_error *err) {
    size_t total = 0;
    unsigned tokens = 0;
    for (size_t i = 0; i < rs->nrules; i++)
        for (size_t k = 0; k < rs->rules[i].nanchors; k++) {
            ut_anchor_kind kind = rs->rules[i].anchors[k].kind;
            total += kind == UT_ANCHOR_REGEX;
            if (kind >= UT_ANCHOR_NUMBER) tokens |= 1u << (kind - UT_ANCHOR_NUMBER);
        }
    if (!total && !tokens) return 0;
    ut_scan_db *sd = calloc(1, sizeof *sd);
    char **exprs = calloc(total + 1, sizeof *exprs);
    unsigned *flags = calloc(total + 1, sizeof *flags), *ids = calloc(total + 1, sizeof *ids);
    if (!sd || !exprs || !flags || !ids) goto oom;
    sd->max_width = calloc(total + 3, sizeof *sd->max_width);
    sd->som = calloc(total + 3, sizeof *sd->som);
    sd->spaced = calloc(total + 3, sizeof *sd->spaced);
    if (!sd->max_width || !sd->som || !sd->spaced) goto oom;
    sd->want_tokens = tokens;
    unsigned n = 0;
    for (size_t i = 0; i < rs->nrules; i++) {
        ut_rule *r = &rs->rules[i];
        for (size_t k = 0; k < r->nanchors; k++) {
            ut_anchor *a = &r->anchors[k];
            if (a->kind != UT_ANCHOR_REGEX) continue;
            unsigned fl = HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_ALLOWEMPTY;
            hs_expr_info_t *info = NULL;
            hs_compile_error_t *ce = NULL;
            if (hs_expression_info(a->expanded, fl, &info, &ce) != HS_SUCCESS) {
                ut_seterr(err, r->file, a->line, "rule '%s': anchor '%s' is not a simple pattern: %s", r->id,
                          a->pattern, ce ? ce->message : "refused");
                hs_free_compile_error(ce);
                goto fail;
            }
            bool unbounded = info->max_width == UINT_MAX || info->max_width > 1000;
            bool empty = info->min_width == 0;
            a->min_width = info->min_width;
            a->max_width = unbounded ? 0 : info->max_width;
            free(info);
            /* Vectorscan's start of match costs: with it the whole database
             * scans at half the speed.  A lexicon of phrases is unbounded
             * only through the \s+ between words; its hits' earliest start
             * is then found from the end by walking back (hit_start_bound).
             * Only an anchor unbounded otherwise has its start reported. */
            if (unbounded) {
                long spaced = spaced_width(a->expanded, fl);
                if (spaced < 0) goto oom;
                a->spaced = spaced > 0;
                a->max_width = a->spaced ? (unsigned)spaced : 0;
            }
            a->som = unbounded && !a->spaced;
            if (empty) {
                ut_seterr(err, r->file, a->line, "rule '%s': anchor '%s' can match the empty string", r->id,
                          a->pattern);
                goto fail;
            }
            if (a->som) fl |= HS_FLAG_SOM_LEFTMOST;
            long e = find_expr(exprs, flags, n, a->expanded, fl);
            if (e < 0) {
                sd->max_width[n] = a->max_width;
                sd->som[n] = a->som;
                sd->spaced[n] = a->spaced;
                exprs[n] = a->expanded;
                flags[n] = fl;
                ids[n] = n;
                e = n++;
            }
            a->expr = (unsigned)e;
        }
    }
    sd->nexpr = n;
    if (n) {
        hs_compile_error_t *ce = NULL;
        unsigned char key[UT_SCAN_CACHE_KEY];
        ut_scan_cache_key((const char *const *)exprs, flags, ids, n, key);
        sd->db = ut_scan_cache_load(key);
        if (sd->db) {
            /* compiled by an earlier run from the same expressions */
        } else if (hs_compile_multi((const char *const *)exprs, flags, ids, n, HS_MODE_BLOCK, NULL, &sd->db, &ce) ==
                   HS_SUCCESS) {
            ut_scan_cache_store(key, sd->db);
        } else {
            int bad = ce ? ce->expression : -1;
            const char *file = "", *pat = "";
            int line = 0;
            for (size_t i = 0; bad >= 0 && i < rs->nrules; i++)
                for (size_t k = 0; k < rs->rules[i].nanchors; k++)
                    if (rs->rules[i].anchors[k].kind == UT_ANCHOR_REGEX &&
                        rs->rules[i].anchors[k].expr == (unsigned)bad && !*file) {
                        file = rs->rules[i].file;
                        line = rs->rules[i].anchors[k].line;
                        pat = rs->rules[i].anchors[k].pattern;
                    }
            ut_seterr(err, file, line, "anchor '%s' refused by Vectorscan: %s", pat, ce ? ce->message : "?");
            hs_free_compile_error(ce);
            goto fail;
        }
    }
    for (size_t i = 0; i < rs->nrules; i++) /* tokens are the expressions after the regexes */
        for (size_t k = 0; k < rs->rules[i].nanchors; k++) {
            ut_anchor *a = &rs->rules[i].anchors[k];
            if (a->kind >= UT_ANCHOR_NUMBER) a->expr = n + (unsigned)(a->kind - UT_ANCHOR_NUMBER);
        }
    free(exprs);
    free(flags);
    free(ids);
    rs->scan = sd;
    return 0;
oom:
    ut_seterr(err, "", 0, "out of memory");
fail:
    free(exprs);
    free(flags);
    free(ids);
    ut_scan_db_free(sd);
    return -1;
}

int ut_scan_hits_init(ut_scan_hits *h, const ut_ruleset *rs) {
    memset(h, 0, sizeof *h);
    if (rs->scan) {
        h->nexpr = rs->scan->nexpr;
        if (!(h->list = calloc((size_t)h->nexpr + UT_TOKEN_KINDS, sizeof *h->list))) return -1;
    }
    if (rs->scan && rs->scan->db) {
        hs_scratch_t *s = NULL;
        if (hs_alloc_scratch(rs->scan->db, &s) != HS_SUCCESS) return -1;
        h->hs_scratch = s;
    }
    return 0;
}

void ut_scan_hits_free(ut_scan_hits *h) {
    if (h->hs_scratch) hs_free_scratch(h->hs_scratch);
    for (size_t e = 0; h->list && e < (size_t)h->nexpr + UT_TOKEN_KINDS; e++) free(h->list[e].v);
    free(h->list);
    memset(h, 0, sizeof *h);
}

static bool push_hit(ut_scan_hits *h, unsigned expr, size_t from, size_t end) {
    ut_hit_list *l = &h->list[expr];
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        ut_hit *v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            h->overflow = true;
            return false;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (ut_hit){(uint32_t)from, (uint32_t)end}; /* len < 4 GB: ut_scan_run */
    return true;
}

typedef struct scan_ctx {
    ut_scan_hits *h;
    const ut_scan_db *sd;
    const unsigned char *s;
} scan_ctx;

/* Bytes of the white-space character (what \s matches with UCP) that
 * ends just before s[i], or 0. */
static size_t space_before(const unsigned char *s, size_t i) {
    unsigned char c = s[i - 1];
    if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
    if (i >= 2 && s[i - 2] == 0xC2 && (c == 0x85 || c == 0xA0)) return 2;
    if (i < 3) return 0;
    const unsigned char *p = s + i - 3;
    if (p[0] == 0xE1 && ((p[1] == 0x9A && p[2] == 0x80) || (p[1] == 0xA0 && p[2] == 0x8E))) return 3; /* U+1680 U+180E */
    if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8A || p[2] == 0xA8 || p[2] == 0xA9 || p[2] == 0xAF)) return 3;
    if (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) return 3; /* U+205F */
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) return 3; /* U+3000 */
    return 0;
}

/* The earliest start of a hit of a `spaced` expression ending at `end`:
 * back from the end over `width` bytes that are not white space, white
 * space free.  The hit's own bytes other than its white-space runs are
 * fewer than `width` (its longest form with one space a run), so its
 * start is at or after this. */
static size_t hit_start_bound(const unsigned char *s, size_t end, unsigned width) {
    size_t i = end;
    while (i > 0) {
        size_t sp = space_before(s, i);
        if (sp) i -= sp;
        else if (width) i--, width--;
        else break;
    }
    return i;
}

static int on_hit(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags, void *ctx) {
    (void)flags;
    scan_ctx *c = ctx;
    unsigned w = c->sd->max_width[id];
    size_t start = c->sd->som[id]      ? (size_t)from
                   : c->sd->spaced[id] ? hit_start_bound(c->s, (size_t)to, w)
                   : to >= w           ? (size_t)to - w
                                       : 0;
    return push_hit(c->h, id, start, (size_t)to) ? 0 : 1;
}

static bool is_letter(uint32_t cp) {
    if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static bool is_upper(uint32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LU;
}

/* The tokens: where a digit run starts; where a word starts with an
 * upper-case letter (the character before it is no letter), and among
 * those, where the next character is upper-case too (@capitals) or a full
 * stop comes next or after one more letter (@initial), and where another
 * word of a name can follow (@name, ruleset.h). */
enum { TOK_DIGIT = 1, TOK_LETTER = 2, TOK_UPPER = 4 };

/* The class (TOK_*) and byte length of the character at u[i], i < len. */
static unsigned char_class(const unsigned char *u, size_t len, size_t i, const unsigned char *cls, size_t *l) {
    if (u[i] < 0x80) {
        *l = 1;
        return cls[u[i]];
    }
    uint32_t cp;
    int n = ut_utf8_decode(u + i, len - i, &cp);
    if (n <= 0) n = 1, cp = 0xFFFD;
    *l = (size_t)n;
    return (is_letter(cp) ? TOK_LETTER : 0) | (is_upper(cp) ? TOK_UPPER : 0);
}

/* Past the word of letters and hyphens at j: is it followed by a space,
 * or a line break and at most 40 spaces, and then by an upper-case letter
 * or by two or three ASCII lower-case letters and a space (a particle of
 * a name: `af `, `von `)? */
static bool name_word_follows(const unsigned char *u, size_t len, const unsigned char *cls, size_t j) {
    size_t l;
    while (j < len && (u[j] == '-' || (char_class(u, len, j, cls, &l) & TOK_LETTER))) j += u[j] == '-' ? 1 : l;
    if (j >= len || (u[j] != ' ' && u[j] != '\n')) return false;
    if (u[j++] == '\n')
        for (size_t spaces = 0; j < len && u[j] == ' '; j++)
            if (++spaces > 40) return false;
    if (j >= len) return false;
    if (char_class(u, len, j, cls, &l) & TOK_UPPER) return true;
    size_t k = j;
    while (k < len && k - j < 4 && u[k] >= 'a' && u[k] <= 'z') k++;
    return k - j >= 2 && k - j <= 3 && k < len && u[k] == ' ';
}

/* At a word starting with an upper-case letter of l bytes at i: the tokens
 * @capitals (a second upper-case letter), @initial (a full stop next, or
 * after one more letter) and @name.  False on out of memory. */
static bool capital_tokens(ut_scan_hits *h, unsigned nexpr, unsigned want, const unsigned char *u, size_t len,
                           const unsigned char *cls, size_t i, size_t l) {
    size_t j = i + l, l2;
    if (j >= len) return true;
    bool caps = false, initial = u[j] == '.';
    if (!initial) {
        unsigned k = char_class(u, len, j, cls, &l2);
        caps = k & TOK_UPPER;
        initial = !caps && (k & TOK_LETTER) && j + l2 < len && u[j + l2] == '.';
    }
    if (caps && (want & 4) && !push_hit(h, nexpr + 2, i, i)) return false;
    if (initial && (want & 8) && !push_hit(h, nexpr + 3, i, i)) return false;
    if ((want & 16) && (initial || name_word_follows(u, len, cls, j)) && !push_hit(h, nexpr + 4, i, i)) return false;
    return true;
}

/* Whether some byte b of w has m < b < n (0 <= m, n <= 128, for bytes
 * below 0x80; the has-between test of the bit-twiddling folklore). */
static inline uint64_t has_between(uint64_t w, unsigned m, unsigned n) {
    const uint64_t ones = 0x0101010101010101ULL, low7 = ones * 127, high = ones * 128;
    return ((ones * (127 + n) - (w & low7)) & ~w & ((w & low7) + ones * (127 - m))) & high;
}

/* Whether a byte of w is >= 0x80, a digit or an upper-case ASCII letter. */
static inline bool word_has_token_byte(uint64_t w) {
    return ((w & 0x8080808080808080ULL) | has_between(w, '0' - 1, '9' + 1) | has_between(w, 'A' - 1, 'Z' + 1)) != 0;
}

/* `want`: bit k for token kind UT_ANCHOR_NUMBER + k, whose hits go to list
 * nexpr + k. */
static void find_tokens(ut_scan_hits *h, unsigned nexpr, unsigned want, const char *s, size_t len) {
    /* the class of every ASCII byte: this loop reads every byte of the text */
    unsigned char cls[128];
    for (int c = 0; c < 128; c++)
        cls[c] = (unsigned char)((c >= '0' && c <= '9' ? TOK_DIGIT : 0) |
                                 ((c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? TOK_LETTER : 0) |
                                 (c >= 'A' && c <= 'Z' ? TOK_UPPER : 0));
    bool number = want & 1, capital = want & 2, more = want & 28;
    const unsigned char *u = (const unsigned char *)s;
    bool prev_digit = false, prev_letter = false;
    for (size_t i = 0; i < len;) {
        /* eight bytes at a time past text with no token in it: ASCII and
         * neither a digit nor an upper-case letter */
        uint64_t w;
        if (i + 8 <= len && (memcpy(&w, u + i, 8), !word_has_token_byte(w))) {
            prev_digit = false;
            prev_letter = cls[u[i + 7]] & TOK_LETTER;
            i += 8;
            continue;
        }
        size_t l;
        unsigned k = char_class(u, len, i, cls, &l);
        bool digit = k & TOK_DIGIT;
        if (number && digit && !prev_digit && !push_hit(h, nexpr, i, i)) return;
        if ((k & TOK_UPPER) && !prev_letter) {
            if (capital && !push_hit(h, nexpr + 1, i, i)) return;
            if (more && !capital_tokens(h, nexpr, want, u, len, cls, i, l)) return;
        }
        prev_digit = digit;
        prev_letter = k & TOK_LETTER;
        i += l;
    }
}

int ut_scan_run(const ut_ruleset *rs, ut_scan_hits *h, const char *s, size_t len) {
    const ut_scan_db *sd = rs->scan;
    h->overflow = false;
    if (!sd) return 0;
    if (!h->list || h->nexpr != sd->nexpr) return -1; /* scratch of another rule set */
    for (size_t e = 0; e < (size_t)sd->nexpr + UT_TOKEN_KINDS; e++) h->list[e].n = 0;
    if (len > UINT32_MAX) return -1; /* hs_scan takes 32-bit lengths: a 4 GB text falls back (match.c) */
    if (sd->db && len) {
        scan_ctx ctx = {h, sd, (const unsigned char *)s};
        hs_error_t e = hs_scan(sd->db, s, (unsigned)len, 0, h->hs_scratch, on_hit, &ctx);
        if (e != HS_SUCCESS && !(e == HS_SCAN_TERMINATED && h->overflow)) return -1;
        if (h->overflow) return -1;
    }
    find_tokens(h, sd->nexpr, sd->want_tokens, s, len);
    return h->overflow ? -1 : 0;
}

/* Start of the character holding byte i. */
static size_t char_start(const char *s, size_t i) {
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return i;
}

static int cmp_window(const void *a, const void *b) {
    const ut_window *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* The start range of one hit of anchor a. */
static ut_window hit_window(const ut_anchor *a, ut_hit hit, size_t len) {
    size_t hs = hit.from, end = hit.end;
    ut_window w;
    if (a->start) {
        /* the exact start (reported, or of a fixed width), or a token
         * (width 0); for a hit of varying width, the starts its widths allow */
        w.lo = w.hi = hs;
        if (!a->som && a->min_width != a->max_width && end >= hs + a->min_width) w.hi = end - a->min_width;
        return w;
    }
    w.lo = hs > a->before ? hs - a->before : 0;
    w.hi = end + a->after < len ? end + a->after : len;
    return w;
}

/* Whether an anchor's windows come in order of lo straight from its hits
 * (hits ascend by end; the start is end - width, or the token itself). */
static bool hits_in_order(const ut_anchor *a) {
    return !(a->som || a->spaced || (a->start && a->min_width != a->max_width));
}

/* Whether anchor a's windows make a run of their own (in order, and room
 * for another run besides the buffer's); counts it in *runs. */
static bool own_run(const ut_anchor *a, size_t *runs) {
    if (!hits_in_order(a) || *runs + 1 >= UT_WINDOW_RUNS) return false;
    (*runs)++;
    return true;
}

static void run_head(ut_window_iter *it, struct ut_window_run *r) {
    if (r->at < r->n) r->head = r->a ? hit_window(r->a, r->hit[r->at], it->len) : it->sorted[r->at];
}

int ut_scan_windows_begin(ut_window_iter *it, const ut_rule *r, const ut_scan_hits *h, const char *s, size_t len,
                          ut_window **buf, size_t *cap) {
    memset(it, 0, sizeof *it);
    it->s = s;
    it->len = len;
    /* the windows of anchors whose hits are out of order (and of those
     * past the runs' room) go into the buffer, sorted: one more run */
    size_t need = 0, runs = 0;
    for (size_t k = 0; k < r->nanchors; k++) {
        const ut_anchor *a = &r->anchors[k];
        if (h->list[a->expr].n && !own_run(a, &runs)) need += h->list[a->expr].n;
    }
    if (need > *cap) {
        size_t c = need < 256 ? 256 : need;
        ut_window *v = realloc(*buf, c * sizeof *v);
        if (!v) return -1;
        *buf = v;
        *cap = c;
    }
    size_t nb = 0;
    runs = 0;
    for (size_t k = 0; k < r->nanchors; k++) {
        const ut_anchor *a = &r->anchors[k];
        const ut_hit_list *l = &h->list[a->expr];
        if (!l->n) continue;
        if (own_run(a, &runs)) it->run[it->nruns++] = (struct ut_window_run){.a = a, .hit = l->v, .n = l->n};
        else
            for (size_t i = 0; i < l->n; i++) (*buf)[nb++] = hit_window(a, l->v[i], len);
    }
    if (nb) {
        qsort(*buf, nb, sizeof **buf, cmp_window);
        it->sorted = *buf;
        it->run[it->nruns++] = (struct ut_window_run){.a = NULL, .n = nb};
    }
    for (size_t k = 0; k < it->nruns; k++) run_head(it, &it->run[k]);
    return 0;
}

bool ut_scan_windows_next(ut_window_iter *it, ut_window *out) {
    for (;;) {
        struct ut_window_run *best = NULL; /* the run whose next window starts first */
        for (size_t k = 0; k < it->nruns; k++) {
            struct ut_window_run *r = &it->run[k];
            if (r->at < r->n && (!best || r->head.lo < best->head.lo)) best = r;
        }
        if (!best) {
            if (!it->have_cur) return false;
            *out = it->cur;
            it->have_cur = false;
            return true;
        }
        ut_window x = best->head;
        best->at++;
        run_head(it, best);
        x.lo = char_start(it->s, x.lo);
        if (it->have_cur && x.lo <= it->cur.hi + 1) {
            if (x.hi > it->cur.hi) it->cur.hi = x.hi;
        } else if (it->have_cur) {
            *out = it->cur;
            it->cur = x;
            return true;
        } else {
            it->cur = x;
            it->have_cur = true;
        }
    }
}

long ut_scan_rule_windows(const ut_rule *r, const ut_scan_hits *h, const char *s, size_t len, ut_window **wp,
                          size_t *cap) {
    ut_window *buf = NULL;
    size_t bcap = 0, n = 0;
    ut_window_iter it;
    if (ut_scan_windows_begin(&it, r, h, s, len, &buf, &bcap)) return -1;
    ut_window w;
    while (ut_scan_windows_next(&it, &w)) {
        if (n == *cap) {
            size_t c = *cap ? *cap * 2 : 256;
            ut_window *v = realloc(*wp, c * sizeof *v);
            if (!v) {
                free(buf);
                return -1;
            }
            *wp = v;
            *cap = c;
        }
        (*wp)[n++] = w;
    }
    free(buf);
    return (long)n;
}

bool ut_scan_covers(const ut_rule *r, const ut_scan_hits *h, size_t ms) {
    for (size_t k = 0; k < r->nanchors; k++) {
        const ut_anchor *a = &r->anchors[k];
        size_t nh;
        const ut_hit *v = ut_scan_hits_of(h, a->expr, &nh);
        size_t lo = 0, hi = nh;
        if (!hits_in_order(a)) { /* starts not in order, or not exact: look at every hit's window */
            for (size_t i = lo; i < hi; i++) {
                ut_window w = hit_window(a, v[i], (size_t)-1);
                if (ms >= w.lo && ms <= w.hi) return true;
            }
            continue;
        }
        /* hits of one anchor ascend by end: binary search for the first end
         * >= from.  start anchor: the hit ends at ms + width; else the
         * start must be in [end - max_width - before, end + after], i.e.
         * the end in [ms - after, ms + max_width + before] */
        size_t from = a->start ? ms + a->max_width : ms > a->after ? ms - a->after : 0;
        size_t to = a->start ? from : ms + a->max_width + a->before;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (v[mid].end < from) lo = mid + 1;
            else hi = mid;
        }
        if (lo < nh && v[lo].end <= to) return true;
    }
    return false;
}
