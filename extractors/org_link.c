/* org_link.c — one value for the several ways a document names one body; see org_link.h.
 *
 * The comparisons run over the distinct values of the document (a few
 * hundred at most), not over its mentions (thousands in a long file), so
 * that the pass stays linear in the number of mentions. */
#include "org_link.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/util.h"

typedef struct spelling {
    const char *value; /* as the normalizer wrote it (arena) */
    size_t first;      /* index of its first mention, for "the first full mention" */
    char *lower;       /* case-folded value (malloc) */
    char *key;         /* folded, marks stripped, word-final -s dropped (malloc) */
    const char *final; /* the value its mentions get */
    size_t id;         /* position in value order, to map mentions after sorting */
    bool generic;      /* the document writes it in the plural: not one named body */
    bool national;     /* some mention was found by a national name or abbreviation */
    bool introduced;   /* an abbreviation the document gave with its name, "(KS)" */
} spelling;

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

static int set_keys(spelling *sp, const char *value) {
    free(sp->lower);
    free(sp->key);
    sp->value = value;
    sp->lower = fold(value, false);
    sp->key = fold(value, true);
    if (!sp->lower || !sp->key) return -1;
    drop_final_s(sp->key);
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
static int mend_definite_tails(spelling *v, size_t n, ut_arena *arena) {
    for (size_t i = 0; i < n; i++) {
        const char *ti = for_tail(v[i].lower);
        size_t tn = ti ? strlen(ti) : 0;
        size_t vn = strlen(v[i].value);
        if (!ti || tn < 2 || ti[tn - 1] != 'n' || v[i].value[vn - 1] != 'n') continue;
        for (size_t j = 0; j < n; j++) {
            const char *tj = for_tail(v[j].lower);
            if (i == j || !tj || strlen(tj) != tn - 1 || strncmp(ti, tj, tn - 1)) continue;
            const char *copy = ut_arena_printf(arena, "%.*s", (int)(vn - 1), v[i].value);
            if (!copy || set_keys(&v[i], copy)) return -1;
            break;
        }
    }
    return 0;
}

static int by_string(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Put m (mentions in document order) in the order qsort(by_value) gives —
 * by value, then by mention — with a hash of the values and a sort of the
 * distinct ones only: a long document has hundreds of thousands of
 * mentions of a few thousand bodies.  0 or -1 (out of memory). */
static int order_by_value(ut_cand **m, size_t n) {
    size_t nslots = 16;
    while (nslots < 2 * n) nslots *= 2;
    size_t *slot = calloc(nslots, sizeof *slot); /* distinct id + 1, 0 empty */
    size_t *id_of = malloc(n * sizeof *id_of), *rank = malloc(n * sizeof *rank), *at = calloc(n + 1, sizeof *at);
    const char **vals = malloc(n * sizeof *vals);
    ut_cand **out = malloc(n * sizeof *out);
    int rc = -1;
    if (!slot || !id_of || !rank || !at || !vals || !out) goto done;
    size_t nv = 0;
    for (size_t i = 0; i < n; i++) {
        const char *v = m[i]->f.value;
        size_t h = ut_str_hash(v) & (nslots - 1);
        while (slot[h] && strcmp(vals[slot[h] - 1], v)) h = (h + 1) & (nslots - 1);
        if (!slot[h]) {
            vals[nv] = v;
            slot[h] = ++nv;
        }
        id_of[i] = slot[h] - 1;
    }
    /* rank of each distinct value in string order: sort the strings, then
     * find each id's place by its string (distinct, so unique) */
    const char **sorted = malloc(nv * sizeof *sorted);
    if (!sorted) goto done;
    memcpy(sorted, vals, nv * sizeof *sorted);
    qsort(sorted, nv, sizeof *sorted, by_string);
    for (size_t r = 0; r < nv; r++) {
        size_t h = ut_str_hash(sorted[r]) & (nslots - 1);
        while (strcmp(vals[slot[h] - 1], sorted[r])) h = (h + 1) & (nslots - 1);
        rank[slot[h] - 1] = r;
    }
    free(sorted);
    for (size_t i = 0; i < n; i++) at[rank[id_of[i]] + 1]++;
    for (size_t r = 0; r < nv; r++) at[r + 1] += at[r];
    for (size_t i = 0; i < n; i++) out[at[rank[id_of[i]]]++] = m[i]; /* stable: mention order within a value */
    memcpy(m, out, n * sizeof *m);
    rc = 0;
done:
    free(slot);
    free(id_of);
    free(rank);
    free(at);
    free(vals);
    free(out);
    return rc;
}

static int by_first(const void *a, const void *b) {
    const spelling *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

static void link_spellings(spelling *v, size_t n) {
    /* short forms take the full name */
    for (size_t i = 0; i < n; i++) {
        v[i].final = v[i].value;
        for (size_t j = 0; j < n; j++) {
            if (i == j) continue;
            if (short_form_of(v[i].lower, v[j].lower) || school_spelling_of(v[i].lower, v[j].lower) ||
                company_tail_of(v[i].lower, v[j].lower)) {
                v[i].final = v[j].value;
                break;
            }
        }
    }
    /* one spelling per folded key: the first mention's (v is in mention order) */
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(v[i].key, v[j].key)) {
                v[i].final = v[j].final;
                break;
            }
}

/* "Förenta nationerna (FN)" is one candidate (org.abbr_pair) whose text
 * ends in "(FN)" (no other org rule ends a name on a parenthesis): every spelling whose value is that abbreviation takes
 * the name's value ("FN:s principer" -> "Förenta nationerna"). */
static void link_abbreviations(const ut_docbuild *db, ut_cand **m, const size_t *which, size_t n, spelling *v, size_t nv) {
    const char *t = db->norm->s;
    for (size_t i = 0; i < n; i++) {
        const ut_cand *c = m[i];
        if (c->nend < c->nstart + 4 || t[c->nend - 1] != ')') continue;
        size_t open = c->nend - 1;
        while (open > c->nstart && t[open] != '(') open--;
        size_t an = c->nend - 1 - (open + 1);
        if (t[open] != '(' || !an) continue;
        for (size_t j = 0; j < nv; j++)
            if (strlen(v[j].value) == an && !memcmp(v[j].value, t + open + 1, an)) {
                v[j].final = v[which[i]].final;
                v[j].introduced = true;
            }
    }
}

/* A one-word body in the definite singular ("länsstyrelsen") in a document
 * that also writes it in the plural ("länsstyrelser", "länsstyrelserna") and
 * never with its seat ("Länsstyrelsen i X län" would have taken it in
 * link_spellings): a regulation or a report speaking of every county board,
 * the generic noun, not one named body (GUIDE.md: generic plurals and the
 * nouns they stand for are not named bodies).  The plural is the stem
 * without its definite -n/-en and -er, -ar, -r (indefinite) or the same and
 * -na (definite), for a neuter without its -et and -en, -ena ("rådet",
 * "råden"), each also in the genitive.  The text is read once, word by word, against the sorted
 * plurals of all such values, so the pass stays linear in the text. */
typedef struct plural {
    char *form;
    size_t value; /* index into the spellings */
} plural;

static int by_form(const void *a, const void *b) {
    return strcmp(((const plural *)a)->form, ((const plural *)b)->form);
}

/* A cheap sieve in front of the binary search: a bit per hash of a word's
 * length and its first and last bytes.  A word whose bit is clear is no
 * plural of the list, so the text's many long words cost a few
 * instructions each instead of a search. */
#define SIEVE_BITS 16
static unsigned sieve_hash(const char *w, size_t n) {
    unsigned char first = (unsigned char)w[0];
    if (first >= 'A' && first <= 'Z') first = (unsigned char)(first - 'A' + 'a');
    unsigned h = (unsigned)n * 2654435761u;
    h ^= first * 97u + (unsigned char)w[1] * 7919u + (unsigned char)w[n - 1] * 65537u +
         (unsigned char)w[n - 2] * 131u;
    return (h ^ (h >> 16)) & ((1u << SIEVE_BITS) - 1);
}

static bool letter_byte(unsigned char ch) {
    return ch >= 0x80 || (unsigned char)((ch | 0x20) - 'a') < 26;
}

static int mark_generic(const char *t, spelling *v, size_t nv) {
    /* plurals and their genitives: "länsstyrelser", "samverkansrådens" */
    static const char *const ends[] = {"r", "er", "ar", "rna", "erna", "arna", "rs", "ers", "ars", "rnas", "ernas", "arnas", NULL};
    static const char *const neuter_ends[] = {"en", "ena", "ens", "enas", NULL};
    size_t np = 0, cap = 0;
    plural *p = NULL;
    int rc = -1;
    for (size_t i = 0; i < nv; i++) {
        const char *lw = v[i].lower;
        size_t n = strlen(lw);
        if (v[i].national || v[i].final != v[i].value || strchr(lw, ' ') || n < 8 || n > 100) continue;
        bool common = lw[n - 1] == 'n';                    /* "styrelsen" -> "styrelser" */
        bool neuter = lw[n - 2] == 'e' && lw[n - 1] == 't'; /* "rådet" -> "råden" */
        if (!common && !neuter) continue;
        for (int drop = 1; drop <= 2; drop++) {
            if (drop == 2 && lw[n - 2] != 'e') break;
            if (neuter && drop == 1) continue;
            const char *const *list = neuter ? neuter_ends : ends;
            for (size_t e = 0; list[e]; e++) {
                if (np == cap) {
                    cap = cap ? cap * 2 : 16;
                    plural *q = realloc(p, cap * sizeof *p);
                    if (!q) goto out;
                    p = q;
                }
                size_t k = n - (size_t)drop + strlen(list[e]);
                if (!(p[np].form = malloc(k + 1))) goto out;
                memcpy(p[np].form, lw, n - (size_t)drop);
                strcpy(p[np].form + n - (size_t)drop, list[e]);
                p[np++].value = i;
            }
        }
    }
    rc = 0;
    if (!np) goto out;
    qsort(p, np, sizeof *p, by_form);
    unsigned char sieve[(1u << SIEVE_BITS) / 8] = {0};
    for (size_t i = 0; i < np; i++) {
        unsigned h = sieve_hash(p[i].form, strlen(p[i].form));
        sieve[h >> 3] |= (unsigned char)(1u << (h & 7));
    }
    char buf[128];
    bool letter[256]; /* a table: this walk reads every byte of the text */
    for (int c = 0; c < 256; c++) letter[c] = letter_byte((unsigned char)c);
    const unsigned char *u = (const unsigned char *)t;
    for (size_t i = 0; u[i];) {
        if (!letter[u[i]]) {
            i++;
            continue;
        }
        size_t w = i;
        while (letter[u[i]]) i++;
        if (i - w < 8 || i - w >= sizeof buf) continue;
        unsigned h = sieve_hash(t + w, i - w);
        if (!(sieve[h >> 3] & (1u << (h & 7)))) continue;
        memcpy(buf, t + w, i - w);
        buf[i - w] = 0;
        if (buf[0] >= 'A' && buf[0] <= 'Z') buf[0] = (char)(buf[0] - 'A' + 'a');
        plural key = {buf, 0};
        plural *hit = bsearch(&key, p, np, sizeof *p, by_form);
        if (!hit) continue;
        /* equal forms sit together: mark every value that has this plural */
        while (hit > p && !strcmp(hit[-1].form, buf)) hit--;
        for (; hit < p + np && !strcmp(hit->form, buf); hit++) v[hit->value].generic = true;
    }
out:
    for (size_t i = 0; i < np; i++) free(p[i].form);
    free(p);
    return rc;
}

int org_link_document(ut_docbuild *db) {
    size_t n = 0;
    for (size_t i = 0; i < db->n; i++)
        if (!db->c[i].dropped && !strcmp(db->c[i].f.type, "org")) n++;
    if (n == 0) return 0;
    ut_cand **m = malloc(n * sizeof *m);
    spelling *v = calloc(n, sizeof *v);
    size_t *which = malloc(n * sizeof *which);
    int rc = -1;
    if (!m || !v || !which) goto out;
    size_t k = 0;
    for (size_t i = 0; i < db->n; i++)
        if (!db->c[i].dropped && !strcmp(db->c[i].f.type, "org")) m[k++] = &db->c[i];

    /* distinct values, each with its first mention */
    if (order_by_value(m, n)) goto out;
    size_t nv = 0;
    for (size_t i = 0; i < n; i++) {
        if (!nv || strcmp(v[nv - 1].value, m[i]->f.value)) {
            v[nv].value = m[i]->f.value;
            v[nv].first = (size_t)(m[i] - db->c);
            v[nv].id = nv;
            nv++;
        } else if ((size_t)(m[i] - db->c) < v[nv - 1].first) {
            v[nv - 1].first = (size_t)(m[i] - db->c);
        }
        which[i] = nv - 1;
    }
    /* first-mention order, and each mention's spelling in that order */
    qsort(v, nv, sizeof *v, by_first);
    size_t *pos = malloc(nv * sizeof *pos);
    if (!pos) goto out;
    for (size_t j = 0; j < nv; j++) pos[v[j].id] = j;
    for (size_t i = 0; i < n; i++) which[i] = pos[which[i]];
    free(pos);
    for (size_t i = 0; i < nv; i++)
        if (set_keys(&v[i], v[i].value)) goto out;
    if (mend_definite_tails(v, nv, db->arena)) goto out;
    link_spellings(v, nv);
    link_abbreviations(db, m, which, n, v, nv);
    /* a body found by its national name or abbreviation is one body ("1962
     * års riksdag" beside "tidigare riksdagar"); any other one-word name can
     * be the generic noun */
    for (size_t i = 0; i < n; i++)
        if (!strcmp(m[i]->f.rule, "org.national") || !strcmp(m[i]->f.rule, "org.abbreviation")) v[which[i]].national = true;
    if (mark_generic(db->norm->s, v, nv)) goto out;
    for (size_t i = 0; i < n; i++) {
        if (which[i] >= nv) continue;
        if (v[which[i]].generic) m[i]->dropped = true;
        /* a bare abbreviation (tentative) counts only once introduced */
        else if (m[i]->tentative && !v[which[i]].introduced) m[i]->dropped = true;
        else {
            m[i]->f.value = v[which[i]].final;
            m[i]->tentative = false;
        }
    }
    rc = 0;
out:
    if (v)
        for (size_t i = 0; i < n; i++) {
            free(v[i].lower);
            free(v[i].key);
        }
    free(v);
    free(m);
    free(which);
    return rc;
}
