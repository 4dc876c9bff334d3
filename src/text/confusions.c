/* confusions.c — the OCR confusion table; see confusions.h. */
#include "text/confusions.h"

#include <ctype.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include <utf8proc.h>

#include "base/text.h"
#include "base/util.h"

typedef struct entry {
    char *clean;   /* one letter or a short sequence, UTF-8 */
    char **seen;   /* what OCR prints instead; NULL-terminated */
    size_t nseen;
} entry;

/* A letter's confusion class, by its representative (smallest member). */
typedef struct klass {
    uint32_t cp, rep;
} klass;

/* A multi-letter reading and the one letter it stands for (`rn` → `m`). */
typedef struct multi {
    char *from;
    uint32_t to;
} multi;

struct ut_confusions {
    entry *e;
    size_t n;
    klass *k;
    size_t nk;
    multi *m;
    size_t nm;
    /* For the skeleton's inner loop, filled once after loading: the class
     * of every ASCII letter (lower-cased), and which bytes can start a
     * multi-letter reading (either case), so that a character is mapped
     * without scanning the tables. */
    uint32_t ascii_class_cp[128];
    bool multi_first[256];
};

void ut_confusions_free(ut_confusions *cf) {
    if (!cf) return;
    free(cf->k);
    for (size_t i = 0; i < cf->nm; i++) free(cf->m[i].from);
    free(cf->m);
    for (size_t i = 0; i < cf->n; i++) {
        free(cf->e[i].clean);
        for (size_t k = 0; k < cf->e[i].nseen; k++) free(cf->e[i].seen[k]);
        free(cf->e[i].seen);
    }
    free(cf->e);
    free(cf);
}

static uint32_t lower_cp(uint32_t cp) { return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp); }

/* The single code point of a one-letter UTF-8 string, or 0. */
static uint32_t single_cp(const char *s) {
    uint32_t cp;
    int l = ut_utf8_decode((const unsigned char *)s, strlen(s), &cp);
    return (l > 0 && s[l] == 0) ? lower_cp(cp) : 0;
}

static uint32_t class_of(const ut_confusions *cf, uint32_t cp) {
    for (size_t i = 0; i < cf->nk; i++)
        if (cf->k[i].cp == cp) return cf->k[i].rep;
    return cp;
}

static int add_cp(ut_confusions *cf, uint32_t cp) {
    for (size_t i = 0; i < cf->nk; i++)
        if (cf->k[i].cp == cp) return 0;
    klass *nk = realloc(cf->k, (cf->nk + 1) * sizeof *nk);
    if (!nk) return -1;
    cf->k = nk;
    cf->k[cf->nk++] = (klass){cp, cp};
    return 0;
}

/* Merge the classes of a and b (all letters are few: plain loops). */
static void join(ut_confusions *cf, uint32_t a, uint32_t b) {
    uint32_t ra = class_of(cf, a), rb = class_of(cf, b);
    if (ra == rb) return;
    uint32_t keep = ra < rb ? ra : rb, drop = ra < rb ? rb : ra;
    for (size_t i = 0; i < cf->nk; i++)
        if (cf->k[i].rep == drop) cf->k[i].rep = keep;
}

/* Classes from the one-letter pairs; multi-letter readings of one letter
 * become rewrites (`rn` → `m`), applied before the classes. */
static int build_classes(ut_confusions *cf) {
    for (size_t i = 0; i < cf->n; i++) {
        entry *e = &cf->e[i];
        uint32_t c = single_cp(e->clean);
        for (size_t k = 0; k < e->nseen; k++) {
            uint32_t sc = single_cp(e->seen[k]);
            if (c && sc) {
                if (add_cp(cf, c) || add_cp(cf, sc)) return -1;
                join(cf, c, sc);
                continue;
            }
            const char *from = c ? e->seen[k] : e->clean;
            uint32_t to = c ? c : sc;
            if (!to) continue; /* many letters for many letters: no skeleton rule */
            multi *nm = realloc(cf->m, (cf->nm + 1) * sizeof *nm);
            if (!nm) return -1;
            cf->m = nm;
            if (!(cf->m[cf->nm].from = ut_strdup(from))) return -1;
            cf->m[cf->nm++].to = to;
        }
    }
    return 0;
}

static void index_for_skeleton(ut_confusions *cf) {
    for (uint32_t b = 0; b < 128; b++) cf->ascii_class_cp[b] = class_of(cf, lower_cp(b));
    for (size_t k = 0; k < cf->nm; k++) {
        unsigned char f = (unsigned char)cf->m[k].from[0];
        cf->multi_first[f] = true; /* compared with strncasecmp: ASCII letters in either case */
        if (f < 0x80) cf->multi_first[(unsigned char)tolower(f)] = cf->multi_first[(unsigned char)toupper(f)] = true;
    }
}

char *ut_confusions_skeleton(const ut_confusions *cf, const char *s, size_t n) {
    char *out = malloc(n * 4 + 1);
    return out ? ut_confusions_skeleton_into(cf, s, n, out) : NULL;
}

char *ut_confusions_skeleton_into(const ut_confusions *cf, const char *s, size_t n, char *out) {
    return ut_confusions_skeleton_units(cf, s, n, out, NULL);
}

char *ut_confusions_skeleton_units(const ut_confusions *cf, const char *s, size_t n, char *out, size_t *unit_at) {
    size_t o = 0;
    if (unit_at)
        for (size_t i = 0; i < n; i++) unit_at[i] = UT_NOT_A_UNIT;
    for (size_t i = 0; i < n;) {
        if (unit_at) unit_at[i] = o;
        if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
            if (o && out[o - 1] != ' ') out[o++] = ' ';
            i++;
            continue;
        }
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80 && cf && !cf->multi_first[b]) { /* the common case: one ASCII byte */
            uint32_t cp = cf->ascii_class_cp[b];
            if (cp < 0x80) out[o++] = (char)cp;
            else o += (size_t)ut_utf8_encode(cp, out + o);
            i++;
            continue;
        }
        uint32_t cp = 0;
        size_t l = 0;
        for (size_t k = 0; cf && cf->multi_first[b] && k < cf->nm && !l; k++) {
            size_t fl = strlen(cf->m[k].from);
            if (fl <= n - i && !strncasecmp(s + i, cf->m[k].from, fl)) {
                cp = cf->m[k].to;
                l = fl;
            }
        }
        if (!l) {
            int dl = ut_utf8_decode((const unsigned char *)s + i, n - i, &cp);
            l = dl > 0 ? (size_t)dl : 1;
            cp = lower_cp(cp);
        }
        if (cf) cp = class_of(cf, cp);
        char tmp[4];
        int el = ut_utf8_encode(cp, tmp);
        memcpy(out + o, tmp, (size_t)el);
        o += (size_t)el;
        i += l;
    }
    while (o && out[o - 1] == ' ') o--;
    out[o] = 0;
    return out;
}

ut_confusions *ut_confusions_load(const char *path, ut_error *err) {
    size_t len;
    char *buf = ut_read_file(path, &len, err);
    if (!buf) return NULL;
    ut_confusions *cf = calloc(1, sizeof *cf);
    char *save = NULL;
    int lineno = 0;
    if (!cf) goto oom;
    if (!ut_utf8_valid(buf, len)) {
        ut_seterr(err, path, 0, "not valid UTF-8");
        goto fail;
    }
    for (char *line = ut_next_line(buf, &save); line; line = ut_next_line(NULL, &save)) {
        lineno++;
        char *s = ut_trim(line);
        if (!*s || *s == '#') continue;
        char *eq = strstr(s, " = ");
        if (!eq) {
            ut_seterr(err, path, lineno, "write 'clean = seen1 seen2 ...'");
            goto fail;
        }
        *eq = 0;
        char *clean = ut_trim(s), *rest = ut_trim(eq + 3);
        if (!*clean || strchr(clean, ' ') || !*rest) {
            ut_seterr(err, path, lineno, "one clean letter (or sequence) and at least one OCR reading");
            goto fail;
        }
        entry *ne = realloc(cf->e, (cf->n + 1) * sizeof *ne);
        if (!ne) goto oom;
        cf->e = ne;
        entry *e = &cf->e[cf->n++];
        memset(e, 0, sizeof *e);
        if (!(e->clean = ut_strdup(clean))) goto oom;
        size_t cap = 8;
        if (!(e->seen = calloc(cap, sizeof *e->seen))) goto oom;
        char *sv = NULL;
        for (char *t = strtok_r(rest, " \t", &sv); t; t = strtok_r(NULL, " \t", &sv)) {
            if (e->nseen + 2 > cap) {
                char **ns = realloc(e->seen, (cap *= 2) * sizeof *ns);
                if (!ns) goto oom;
                e->seen = ns;
            }
            if (!(e->seen[e->nseen] = ut_strdup(t))) goto oom;
            e->seen[++e->nseen] = NULL;
        }
    }
    free(buf);
    if (build_classes(cf)) goto oom_late;
    index_for_skeleton(cf);
    return cf;
oom_late:
    ut_seterr(err, path, 0, "out of memory");
    ut_confusions_free(cf);
    return NULL;
oom:
    ut_seterr(err, path, lineno, "out of memory");
fail:
    free(buf);
    ut_confusions_free(cf);
    return NULL;
}

static char *append(char *out, const char *s, size_t n) {
    char tmp[16];
    if (n >= sizeof tmp) {
        free(out);
        return NULL;
    }
    memcpy(tmp, s, n);
    tmp[n] = 0;
    return ut_str_append(out, tmp);
}

static char *append_escaped(char *out, const char *s, size_t n, bool in_class) {
    for (size_t i = 0; out && i < n; i++) {
        if (s[i] == ' ') { out = append(out, in_class ? " " : "\\s+", in_class ? 1 : 3); continue; }
        if (strchr(in_class ? "\\]^-[" : "\\^$.|?*+()[]{}/-#&", s[i])) out = append(out, "\\", 1);
        if (out) out = append(out, s + i, 1);
    }
    return out;
}

/* The entry whose clean form starts `s`, longest first; NULL if none. */
static const entry *entry_at(const ut_confusions *cf, const char *s) {
    const entry *best = NULL;
    for (size_t i = 0; cf && i < cf->n; i++) {
        size_t l = strlen(cf->e[i].clean);
        if (!strncmp(s, cf->e[i].clean, l) && (!best || l > strlen(best->clean))) best = &cf->e[i];
    }
    return best;
}

static size_t count_chars(const char *s) {
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The letter without its diacritic (`ö` → 'o', `É` → 'E'), or 0 when
 * `cp` has none or is not a Latin letter. */
static char bare_letter(uint32_t cp) {
    if (cp < 0x80) return 0;
    utf8proc_int32_t d[4];
    int opt = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char((utf8proc_int32_t)cp, d, 4, UTF8PROC_DECOMPOSE, &opt);
    if (n < 2 || d[0] >= 0x80 || !((d[0] >= 'a' && d[0] <= 'z') || (d[0] >= 'A' && d[0] <= 'Z'))) return 0;
    return (char)d[0];
}

bool ut_confusions_tolerant(const ut_confusions *cf, const char *word) {
    return cf && count_chars(word) >= UT_OCR_MIN_CHARS;
}

char *ut_confusions_unit(const ut_confusions *cf, bool tolerant, const char **pp, char *out) {
    const char *p = *pp;
    const entry *e = tolerant ? entry_at(cf, p) : NULL;
    if (!e) {
        uint32_t cp;
        int l = ut_utf8_decode((const unsigned char *)p, strlen(p), &cp);
        if (l < 1) l = 1;
        char bare = cf ? bare_letter(cp) : 0;
        if (bare) out = append(out, "[", 1);
        if (out) out = append_escaped(out, p, (size_t)l, bare != 0);
        if (bare && out) out = append(out, &bare, 1);
        if (bare && out) out = append(out, "]", 1);
        *pp = p + l;
        return out;
    }
    /* single characters throughout: a class; else an alternation */
    bool single = count_chars(e->clean) == 1;
    for (size_t k = 0; single && k < e->nseen; k++) single = count_chars(e->seen[k]) == 1;
    if (single) {
        out = append(out, "[", 1);
        if (out) out = append_escaped(out, e->clean, strlen(e->clean), true);
        for (size_t k = 0; out && k < e->nseen; k++) out = append_escaped(out, e->seen[k], strlen(e->seen[k]), true);
        if (out) out = append(out, "]", 1);
    } else {
        out = append(out, "(?:", 3);
        if (out) out = append_escaped(out, e->clean, strlen(e->clean), false);
        for (size_t k = 0; out && k < e->nseen; k++) {
            out = append(out, "|", 1);
            if (out) out = append_escaped(out, e->seen[k], strlen(e->seen[k]), false);
        }
        if (out) out = append(out, ")", 1);
    }
    *pp = p + strlen(e->clean);
    return out;
}

char *ut_confusions_regex(const ut_confusions *cf, const char *word, char *out) {
    bool tolerant = ut_confusions_tolerant(cf, word);
    for (const char *p = word; *p && out;) out = ut_confusions_unit(cf, tolerant, &p, out);
    return out;
}

/* Bytes of the single-character OCR readings of the letter at p (from the
 * table), written to buf; 0 if none. */
static size_t single_readings(const ut_confusions *cf, const char *p, size_t l, char *buf, size_t cap) {
    size_t o = 0;
    for (size_t i = 0; cf && i < cf->n; i++) {
        const entry *e = &cf->e[i];
        if (strlen(e->clean) != l || strncmp(e->clean, p, l)) continue;
        for (size_t k = 0; k < e->nseen; k++) {
            size_t sl = strlen(e->seen[k]);
            if (count_chars(e->seen[k]) != 1 || o + sl + 1 >= cap) continue;
            if (strchr("\\]^-[", e->seen[k][0])) buf[o++] = '\\';
            memcpy(buf + o, e->seen[k], sl);
            o += sl;
        }
    }
    return o;
}

char *ut_confusions_pattern(const ut_confusions *cf, const char *pat) {
    size_t n = strlen(pat);
    char *out = malloc(n * 24 + 1);
    if (!out) return NULL;
    size_t o = 0;
    int in_class = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)pat[i];
        if (c == '\\' && i + 1 < n) {
            /* an escape: copy it whole, with a {..} argument if it has one */
            size_t j = i + 2;
            if (strchr("pPxoNgk", pat[i + 1]) && j < n && pat[j] == '{') {
                const char *close = strchr(pat + j, '}');
                if (close) j = (size_t)(close - pat) + 1;
            }
            memcpy(out + o, pat + i, j - i);
            o += j - i;
            i = j;
            continue;
        }
        if (!in_class && c == '(' && i + 2 < n && pat[i + 1] == '?' && (pat[i + 2] == '<' || pat[i + 2] == '\'' || pat[i + 2] == 'P')) {
            /* a group name (?<name> (?'name' (?P<name>: copy up to its end */
            const char *end = strpbrk(pat + i + 3, ">'");
            size_t j = end ? (size_t)(end - pat) + 1 : n;
            memcpy(out + o, pat + i, j - i);
            o += j - i;
            i = j;
            continue;
        }
        if (c == '[') {
            if (in_class && i + 1 < n && pat[i + 1] == ':') {
                const char *end = strstr(pat + i, ":]");
                size_t j = end ? (size_t)(end - pat) + 2 : n;
                memcpy(out + o, pat + i, j - i);
                o += j - i;
                i = j;
                continue;
            }
            if (!in_class) {
                in_class = 1;
                out[o++] = pat[i++];
                if (i < n && pat[i] == '^') out[o++] = pat[i++];
                if (i < n && pat[i] == ']') out[o++] = pat[i++]; /* a literal ] first */
                continue;
            }
        } else if (c == ']' && in_class) {
            in_class = 0;
        }
        uint32_t cp;
        int l = ut_utf8_decode((const unsigned char *)pat + i, n - i, &cp);
        if (l < 1) l = 1;
        char bare = bare_letter(cp), more[64];
        size_t nmore = bare ? single_readings(cf, pat + i, (size_t)l, more, sizeof more) : 0;
        if (bare && !in_class) out[o++] = '[';
        memcpy(out + o, pat + i, (size_t)l);
        o += (size_t)l;
        if (bare) out[o++] = bare;
        memcpy(out + o, more, nmore);
        o += nmore;
        if (bare && !in_class) out[o++] = ']';
        i += (size_t)l;
    }
    out[o] = 0;
    return out;
}

/* Case-insensitive comparison of one code point at a and b; returns the
 * byte lengths consumed through la and lb, or false. */
static bool same_char(const char *a, size_t na, const char *b, size_t nb, size_t *la, size_t *lb) {
    uint32_t ca, cb;
    int l1 = ut_utf8_decode((const unsigned char *)a, na, &ca);
    int l2 = ut_utf8_decode((const unsigned char *)b, nb, &cb);
    if (l1 < 1 || l2 < 1) return false;
    *la = (size_t)l1;
    *lb = (size_t)l2;
    return utf8proc_tolower((utf8proc_int32_t)ca) == utf8proc_tolower((utf8proc_int32_t)cb);
}

static bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t'; }

static bool eq_rec(const ut_confusions *cf, const char *c, size_t nc, const char *s, size_t ns, int depth) {
    if (depth > 64) return false;
    while (nc && ns) {
        if (is_space(*c) && is_space(*s)) {
            while (nc && is_space(*c)) c++, nc--;
            while (ns && is_space(*s)) s++, ns--;
            continue;
        }
        /* confusions first: they may consume a different number of bytes */
        const entry *e = entry_at(cf, c);
        if (e) {
            size_t cl = strlen(e->clean);
            for (size_t k = 0; k < e->nseen; k++) {
                size_t sl = strlen(e->seen[k]);
                if (sl <= ns) {
                    size_t a, b;
                    bool hit = sl == 1 ? (*s == *e->seen[k]) : !strncmp(s, e->seen[k], sl);
                    if (!hit && same_char(e->seen[k], sl, s, ns, &a, &b) && a == sl) { hit = true; sl = b; }
                    if (hit && eq_rec(cf, c + cl, nc - cl, s + sl, ns - sl, depth + 1)) return true;
                }
            }
        }
        size_t a, b;
        if (!same_char(c, nc, s, ns, &a, &b)) return false;
        c += a, nc -= a, s += b, ns -= b;
    }
    return nc == 0 && ns == 0;
}

bool ut_confusions_equal(const ut_confusions *cf, const char *clean, const char *seen, size_t len) {
    return eq_rec(cf, clean, strlen(clean), seen, len, 0);
}
