/*
 * person_words.c — words of persons: roles to their base form, words that
 * never belong to names, and a name text cleaned into its value.
 * The word lists are the lexicons role, person_role_head, person_nonname
 * and person_nonname_suffix (rules/lexicons/).
 */
#include <string.h>
#include <utf8proc.h>

#include "person_int.h"

char *person_lower(ut_arena *a, const char *s, size_t n) {
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (r < 0) return NULL;
    char *copy = ut_arena_strndup(a, (const char *)out, (size_t)r);
    free(out);
    return copy;
}

/* Base of a compound of a role head: the longest tail of the word found in
 * person_role_head with at least two bytes before it.  Returns the head's
 * base value and sets *cut to where the tail starts, or NULL. */
static const char *role_head(const ut_match *m, const char *s, size_t n, size_t *cut) {
    if (n < 5) return NULL;
    size_t at;
    const char *v = ut_match_lex_suffix(m, "person_role_head", s + 3, n - 3, &at, NULL);
    /* the longest known tail: if it is shorter than two bytes, so is any other */
    if (!v || n - 3 - at < 2) return NULL;
    *cut = 3 + at;
    return v;
}

bool person_is_role_word(const ut_match *m, const char *s, size_t n) {
    size_t cut;
    if (ut_match_lex(m, "role", s, n) || ut_match_lex(m, "person_role_head", s, n)) return true;
    return role_head(m, s, n, &cut) != NULL;
}

bool person_is_nonname(const ut_match *m, const char *s, size_t n) {
    if (ut_match_lex(m, "person_nonname", s, n)) return true;
    size_t at;
    if (ut_match_lex_suffix(m, "person_nonname_suffix", s, n, &at, NULL)) return true;
    return person_is_role_word(m, s, n);
}

static size_t word_len(const char *s, const char *e) {
    const char *p = s;
    while (p < e && *p != ' ' && *p != '\n' && *p != ',') p++;
    return (size_t)(p - s);
}

int person_set_role(const ut_match *m, ut_cand *c, const char *s, size_t n) {
    /* an optional prefix: Tf. / bitr / biträdande / tillförordnad / 1:e (vice) */
    static const char *const prefixes[] = {"tf. ", "t.f. ", "bitr. ", "bitr ", "biträdande ", "tillförordnad ",
                                           "1:e ", "2:e ", "3:e ", "förste ", "andre ", "tredje ", NULL};
    char *low = person_lower(c->arena, s, n);
    if (!low) return -1;
    size_t ln = strlen(low), skip = 0;
    for (int i = 0; prefixes[i]; i++)
        if (!strncmp(low, prefixes[i], strlen(prefixes[i]))) skip = strlen(prefixes[i]);
    const char *w = low + skip;
    /* two-word roles of the lexicon first (vice ordförande, verkställande direktör) */
    const char *sp = memchr(w, ' ', ln - skip);
    if (sp) {
        const char *sp2 = memchr(sp + 1, ' ', (size_t)(low + ln - sp - 1));
        size_t two = (size_t)((sp2 ? sp2 : low + ln) - w);
        bool ocr = false;
        const char *v = ut_match_lex_ocr(m, "role", w, two, &ocr);
        if (v && ocr && ut_cand_bool(c, "ocr", true)) return -1;
        if (v) return ut_cand_str(c, "role", "%.*s%s", (int)skip, low, v) ? -1 : 1;
    }
    size_t wn = word_len(w, low + ln);
    /* a role read through OCR damage (`Férvaltningschef`) is given clean
     * and the record says so */
    bool ocr = false;
    const char *v = ut_match_lex_ocr(m, "role", w, wn, &ocr);
    if (!v) v = ut_match_lex_ocr(m, "person_role_head", w, wn, &ocr);
    if (v && ocr && ut_cand_bool(c, "ocr", true)) return -1;
    size_t cut = 0;
    if (!v) {
        v = role_head(m, w, wn, &cut);
        if (!v) return 0;
    }
    /* a bare `chef` takes what it heads: `chef för verksamhetsstöd` */
    const char *rest = "";
    if (!cut && !strcmp(v, "chef") && w + wn < low + ln) rest = w + wn;
    return ut_cand_str(c, "role", "%.*s%.*s%s%s", (int)skip, low, (int)cut, w, v, rest) ? -1 : 1;
}

/* Title case, initials, or an old print's `Paul.`: a name word? */
static bool name_word(const ut_match *m, const char *s, size_t n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
    if (l <= 0 || utf8proc_category(cp) != UTF8PROC_CATEGORY_LU) return false;
    if (s[n - 1] == '.') return n <= 12; /* P. / Ad. / Paul. */
    size_t lower = 0;
    for (size_t i = (size_t)l; i < n;) {
        l = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (l <= 0) return false;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LL) lower++;
        else if (cp != '-' && cat != UTF8PROC_CATEGORY_LU) return false;
        i += (size_t)l;
    }
    return lower > 0 && !person_is_nonname(m, s, n);
}

bool person_looks_like_name(const ut_match *m, const char *s, const char *e) {
    while (s < e && *s == ' ') s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '.')) e--;
    size_t words = 0;
    while (s < e) {
        size_t n = word_len(s, e);
        if (!n || !name_word(m, s, n)) return false;
        words++;
        s += n;
        while (s < e && *s == ' ') s++;
    }
    return words >= 2 && words <= 4;
}

size_t person_word_count(const char *v) {
    size_t n = 0;
    for (const char *p = v; *p; p++)
        if (*p != ' ' && (p == v || p[-1] == ' ')) n++;
    return n;
}

int person_set_name(const ut_match *m, ut_cand *c, const char *s, size_t n) {
    size_t ms;
    const ut_text *t = ut_match_text(m, &ms, NULL);
    /* `Kungsbacka\nAnna Hamrin`: a word on the line before a name of two
     * words or more is not part of it (a wrapped name keeps one word on
     * the next line: `Per Gunnar\n   Rosengren`). */
    const char *nl = NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n') nl = s + i;
    /* a list item (`, Katarina\n   Wåhlin Alm`) wraps as it likes */
    const char *before = s;
    while (before > t->s && before[-1] == ' ') before--;
    if (before > t->s && before[-1] == ',') nl = NULL;
    if (nl) {
        const char *after = nl + 1;
        while (after < s + n && *after == ' ') after++;
        if (memchr(after, ' ', (size_t)(s + n - after))) {
            n -= (size_t)(after - s);
            s = after;
            if (c->nstart < (size_t)(s - t->s)) c->nstart = (size_t)(s - t->s);
        }
    }
    char *out = ut_arena_alloc(c->arena, n * 2 + 1);
    if (!out) return -1;
    size_t o = 0;
    const char *e = s + n;
    while (s < e) {
        while (s < e && (*s == ' ' || *s == '\n')) s++;
        if (s >= e) break;
        const char *w = s;
        while (s < e && *s != ' ' && *s != '\n') s++;
        size_t wn = (size_t)(s - w);
        /* `C. -H.`: a hyphen word joins the initials before it */
        bool glue = o && *w == '-' && out[o - 1] == '.';
        if (o && !glue) out[o++] = ' ';
        /* `Paul.` (a given name with an old print's period) -> `Paul` */
        if (wn >= 4 && w[wn - 1] == '.') wn--;
        /* capitals -> title case: first letter kept, the rest lowered */
        bool caps = true;
        for (size_t i = 0; i < wn; i++)
            if ((unsigned char)w[i] < 0x80 && w[i] >= 'a' && w[i] <= 'z') caps = false;
        if (caps && wn > 2 && w[wn - 1] != '.') {
            char *low = person_lower(c->arena, w, wn);
            if (!low) return -1;
            bool first = true;
            for (const char *p = low; *p;) {
                utf8proc_int32_t cp;
                utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
                if (l <= 0) break;
                if (first) cp = utf8proc_toupper(cp);
                first = (cp == '-');
                o += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + o);
                p += l;
            }
        } else {
            memcpy(out + o, w, wn);
            o += wn;
        }
    }
    out[o] = 0;
    c->f.value = out;
    return 0;
}
