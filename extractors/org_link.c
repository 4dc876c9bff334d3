/* org_link.c — one value for the several ways a document names one body; see org_link.h. */
#include "org_link.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct mention {
    ut_cand *c;
    char *lower; /* case-folded value (malloc) */
    char *key;   /* folded, marks stripped, word-final -s dropped (malloc) */
} mention;

static char *fold(const char *s, bool strip_marks) {
    utf8proc_uint8_t *out = NULL;
    int opts = UTF8PROC_STABLE | UTF8PROC_CASEFOLD | (strip_marks ? UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK : UTF8PROC_COMPOSE);
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out, (utf8proc_option_t)(opts | UTF8PROC_NULLTERM)) < 0) return NULL;
    return (char *)out;
}

/* Drop a word-final 's' from every word, in place: genitives and their absence fold together. */
static void drop_final_s(char *s) {
    size_t o = 0, n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        bool word_end = i + 1 == n || s[i + 1] == ' ';
        if (s[i] == 's' && word_end && i > 0 && s[i - 1] != ' ') continue;
        s[o++] = s[i];
    }
    s[o] = 0;
}

static void free_keys(mention *v, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(v[i].lower);
        free(v[i].key);
        v[i].lower = v[i].key = NULL;
    }
}

static int compute_keys(mention *v, size_t n) {
    free_keys(v, n);
    for (size_t i = 0; i < n; i++) {
        v[i].lower = fold(v[i].c->f.value, false);
        v[i].key = fold(v[i].c->f.value, true);
        if (!v[i].lower || !v[i].key) return -1;
        drop_final_s(v[i].key);
    }
    return 0;
}

static const char *last_word(const char *s) {
    const char *sp = strrchr(s, ' ');
    return sp ? sp + 1 : s;
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !memcmp(s + n - k, suffix, k);
}

/* A one-word short form W of a longer name L: L = "W i ...", L ends in W, or
 * L's last word is W without its definite ending ("tingsrätten" ~ "tingsrätt"). */
static bool short_form_of(const char *w, const char *l) {
    size_t wn = strlen(w);
    if (strchr(w, ' ') || !strchr(l, ' ')) return false;
    if (!strncmp(l, w, wn) && !strncmp(l + wn, " i ", 3)) return true; /* "Länsstyrelsen i X län" */
    const char *lw = last_word(l);
    size_t ln = strlen(lw);
    if (!strcmp(lw, w)) return true;
    return wn >= 6 && (ln == wn - 1 || ln == wn - 2) && !strncmp(lw, w, ln);
}

/* "fisksätra skola" and "fisksätraskolan". */
static bool school_spelling_of(const char *a, const char *b) {
    static const char sk[] = " skola";
    size_t an = strlen(a), k = sizeof sk - 1;
    if (an <= k || strcmp(a + an - k, sk)) return false;
    size_t stem = an - k;
    return strlen(b) == stem + 6 && !strncmp(b, a, stem) && !strcmp(b + stem, "skolan");
}

/* A company written without its first words: "padelcenter ab" in "hede padelcenter ab". */
static bool company_tail_of(const char *a, const char *b) {
    if (!ends_with(a, " ab") && !ends_with(a, " kb") && !ends_with(a, " hb")) return false;
    size_t an = strlen(a), bn = strlen(b);
    return bn > an + 1 && b[bn - an - 1] == ' ' && !strcmp(b + bn - an, a);
}

/* The part after " för " (or NULL). */
static const char *for_tail(const char *s) {
    const char *f = strstr(s, " för ");
    if (!f) f = strstr(s, " for ");
    return f ? f + 5 : NULL;
}

/* "Förvaltningen för Förskola & Grundskolan" when another body of the
 * document ends "för Förskola & Grundskola": drop the definite -n. */
static void mend_definite_tails(mention *v, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const char *ti = for_tail(v[i].lower);
        size_t tn = ti ? strlen(ti) : 0;
        if (!ti || tn < 2 || ti[tn - 1] != 'n') continue;
        for (size_t j = 0; j < n; j++) {
            const char *tj = for_tail(v[j].lower);
            if (i == j || !tj || strlen(tj) != tn - 1 || strncmp(ti, tj, tn - 1)) continue;
            char *val = (char *)v[i].c->f.value; /* arena string owned by this document */
            size_t vn = strlen(val);
            if (vn && val[vn - 1] == 'n') {
                char *copy = ut_arena_printf(v[i].c->arena, "%.*s", (int)(vn - 1), val);
                if (copy) v[i].c->f.value = copy;
            }
            break;
        }
    }
}

int org_link_document(ut_docbuild *db) {
    size_t n = 0;
    for (size_t i = 0; i < db->n; i++)
        if (!db->c[i].dropped && !strcmp(db->c[i].f.type, "org")) n++;
    if (n < 2) return 0;
    mention *v = calloc(n, sizeof *v);
    if (!v) return -1;
    size_t k = 0;
    for (size_t i = 0; i < db->n; i++)
        if (!db->c[i].dropped && !strcmp(db->c[i].f.type, "org")) v[k++].c = &db->c[i];

    int rc = -1;
    if (compute_keys(v, n)) goto out;
    mend_definite_tails(v, n);
    if (compute_keys(v, n)) goto out;

    /* short forms take the full name's value */
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            if (i == j) continue;
            if (short_form_of(v[i].lower, v[j].lower) || school_spelling_of(v[i].lower, v[j].lower) ||
                company_tail_of(v[i].lower, v[j].lower)) {
                v[i].c->f.value = v[j].c->f.value;
                break;
            }
        }
    }
    if (compute_keys(v, n)) goto out;

    /* one spelling per folded key: the first mention's */
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(v[i].key, v[j].key)) {
                v[i].c->f.value = v[j].c->f.value;
                break;
            }
    rc = 0;
out:
    free_keys(v, n);
    free(v);
    return rc;
}
