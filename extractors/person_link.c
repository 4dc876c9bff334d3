/*
 * person_link.c — the person document pass: one person per document.
 *
 * Mentions found by a sign (party, role, initials, signature place) make
 * the persons; a later mention joins the first person it is compatible
 * with: same surname (a genitive `-s` allowed) and given names that agree
 * (one list inside the other, an initial standing for a name with that
 * letter).  A bare mention that joins no one is dropped, unless it stands
 * in a list of names (three or more, or two beside a known person).
 * Every mention then carries the person's fullest name as value, the
 * folded name as `key`, and the first party and role the document gives.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "person_int.h"

typedef struct mention {
    ut_cand *c;
    char **w;    /* folded words */
    size_t nw;
    size_t sid;  /* spelling id: equal for mentions with the same words */
    bool found;
    int person;  /* index of the person, -1 while none */
} mention;

static int split_words(ut_arena *a, const char *value, mention *mt) {
    char *f = ut_fold(value);
    if (!f) return -1;
    size_t n = person_word_count(f);
    mt->w = ut_arena_alloc(a, (n ? n : 1) * sizeof *mt->w);
    if (!mt->w) { free(f); return -1; }
    mt->nw = 0;
    for (char *p = f; *p;) {
        while (*p == ' ') p++;
        if (!*p) break;
        char *s = p;
        while (*p && *p != ' ') p++;
        if (!(mt->w[mt->nw++] = ut_arena_strndup(a, s, (size_t)(p - s)))) { free(f); return -1; }
    }
    free(f);
    return 0;
}

static bool initial(const char *w) { return w[0] && w[strlen(w) - 1] == '.' && strlen(w) <= 6; }

static bool given_match(const char *a, const char *b) {
    if (!strcmp(a, b)) return true;
    if (initial(a) || initial(b)) return a[0] == b[0];
    return false;
}

/* Is the shorter list of given names inside the longer, in order? */
static bool given_compatible(char **a, size_t na, char **b, size_t nb) {
    if (na > nb) return given_compatible(b, nb, a, na);
    size_t j = 0;
    for (size_t i = 0; i < na; i++) {
        while (j < nb && !given_match(a[i], b[j])) j++;
        if (j == nb) return false;
        j++;
    }
    return true;
}

static bool surname_match(const char *a, const char *b) {
    if (!strcmp(a, b)) return true;
    size_t la = strlen(a), lb = strlen(b);
    /* genitive: `Farmanbars yrkande` is Farmanbar's */
    if (la == lb + 1 && a[la - 1] == 's' && !strncmp(a, b, lb)) return true;
    if (lb == la + 1 && b[lb - 1] == 's' && !strncmp(a, b, la)) return true;
    return false;
}

/* One letter apart (changed, added or lost), both long: an OCR reading
 * of the same surname (`Régsjo` / `Ragsjo`, `Zetterstranad`); used only
 * when the given names are the same. */
static bool ocr_variant(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la < lb) return ocr_variant(b, a);
    if (lb < 5 || la - lb > 1) return false;
    size_t i = 0;
    while (i < lb && a[i] == b[i]) i++;
    if (i == lb) return true;
    /* the rest must agree after one change (same length) or one extra letter in a */
    return la == lb ? !strcmp(a + i + 1, b + i + 1) : !strcmp(a + i + 1, b + i);
}

static bool same_words(char **a, char **b, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(a[i], b[i])) return false;
    return true;
}

/* `Smedberg Palmqvist` for `Smedberg-Palmqvist`: a's hyphenated surname
 * written as b's last two words, with given names that agree. */
static bool hyphen_variant(const mention *a, const mention *b) {
    const char *s = a->w[a->nw - 1], *h = strchr(s, '-');
    if (!h || b->nw < 2) return false;
    const char *p = b->w[b->nw - 2], *q = b->w[b->nw - 1];
    size_t pn = strlen(p);
    if ((size_t)(h - s) != pn || strncmp(s, p, pn) || strcmp(h + 1, q)) return false;
    if (a->nw == 1 || b->nw == 2) return true;
    return given_compatible(a->w, a->nw - 1, b->w, b->nw - 2);
}

static bool compatible(const mention *a, const mention *b) {
    if (!a->nw || !b->nw) return false;
    if (hyphen_variant(a, b) || hyphen_variant(b, a)) return true;
    if (a->nw == b->nw && a->nw >= 2 && same_words(a->w, b->w, a->nw - 1) &&
        ocr_variant(a->w[a->nw - 1], b->w[b->nw - 1]))
        return true;
    if (!surname_match(a->w[a->nw - 1], b->w[b->nw - 1])) return false;
    if (a->nw == 1 || b->nw == 1) return true; /* `Westmont (SD)` */
    return given_compatible(a->w, a->nw - 1, b->w, b->nw - 1);
}

/* The distinct spellings already given to persons: a new mention is
 * compared with these, not with every mention (a long protocol has
 * thousands of mentions but few spellings).  Per spelling id, a memo of
 * the search: the first compatible form (forms are only appended, so once
 * found it stays the first) or how many forms were already found
 * incompatible; and the list of forms with that spelling.  So a repeated
 * name costs one look-up, and the pass stays linear in the mentions. */
typedef struct spelling_memo {
    long found;     /* index into forms.f of the first compatible form, -1 none yet */
    size_t checked; /* forms.f[0..checked) are not compatible (while found < 0) */
    long head;      /* first form with this spelling, -1 none; then forms.next */
} spelling_memo;

typedef struct forms {
    const mention **f;
    long *next; /* next form with the same spelling, -1 */
    size_t n, cap;
    spelling_memo *memo; /* by spelling id */
} forms;

/* Give mention x to person p, remembering its spelling.  0 or -1. */
static int assign(forms *fs, mention *x, int p) {
    x->person = p;
    spelling_memo *m = &fs->memo[x->sid];
    for (long k = m->head; k >= 0; k = fs->next[k])
        if (fs->f[k]->person == p) return 0;
    if (fs->n == fs->cap) {
        size_t cap = fs->cap ? fs->cap * 2 : 32;
        const mention **nf = realloc(fs->f, cap * sizeof *nf);
        if (!nf) return -1;
        fs->f = nf;
        long *nx = realloc(fs->next, cap * sizeof *nx);
        if (!nx) return -1;
        fs->next = nx;
        fs->cap = cap;
    }
    fs->next[fs->n] = m->head;
    m->head = (long)fs->n;
    fs->f[fs->n++] = x;
    return 0;
}

/* The person a mention joins: the first whose any spelling is compatible. */
static int find_person(forms *fs, const mention *x) {
    spelling_memo *m = &fs->memo[x->sid];
    for (size_t i = m->checked; m->found < 0 && i < fs->n; i++)
        if (compatible(fs->f[i], x)) m->found = (long)i;
    if (m->found < 0) m->checked = fs->n;
    return m->found >= 0 ? fs->f[m->found]->person : -1;
}

static int by_words(const void *pa, const void *pb) {
    const mention *a = *(const mention *const *)pa, *b = *(const mention *const *)pb;
    if (a->nw != b->nw) return a->nw < b->nw ? -1 : 1;
    for (size_t i = 0; i < a->nw; i++) {
        int c = strcmp(a->w[i], b->w[i]);
        if (c) return c;
    }
    return 0;
}

/* Number the spellings (mt[i].sid) and give fs one memo per spelling.
 * 0 or -1. */
static int number_spellings(mention *mt, size_t n, forms *fs) {
    mention **order = malloc(n * sizeof *order);
    if (!order) return -1;
    for (size_t i = 0; i < n; i++) order[i] = &mt[i];
    qsort(order, n, sizeof *order, by_words);
    size_t ns = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && by_words(&order[i - 1], &order[i])) ns++;
        order[i]->sid = ns;
    }
    free(order);
    fs->memo = malloc((ns + 1) * sizeof *fs->memo);
    if (!fs->memo) return -1;
    for (size_t i = 0; i <= ns; i++) fs->memo[i] = (spelling_memo){-1, 0, -1};
    return 0;
}

/* Only list separators between two mentions: `, ` or ` och `, or one
 * lower-case word between two of them — a member's task in a court's or
 * a board's list (`Severin Blomstrand, referent, Kerstin Calissendorff`). */
static bool list_gap(const ut_text *t, size_t a, size_t b) {
    if (b < a || b - a > 40) return false;
    size_t commas = 0, och = 0, words = 0;
    for (size_t i = a; i < b;) {
        char ch = t->s[i];
        if (ch == ' ' || ch == '\n') i++;
        else if (ch == ',') { commas++; i++; }
        else if (b - i >= 4 && !memcmp(t->s + i, "och", 3) && (t->s[i + 3] == ' ' || t->s[i + 3] == '\n')) { och++; i += 3; }
        else if (commas == 1 && !och && !words && ch >= 'a' && ch <= 'z') {
            /* a lower-case word (ASCII or å ä ö é) right after the first comma */
            while (i < b && ((t->s[i] >= 'a' && t->s[i] <= 'z') || (unsigned char)t->s[i] >= 0x80)) i++;
            if (i >= b || t->s[i] != ',') return false;
            words++;
        } else return false;
    }
    if (words) return commas == 2 || (commas == 1 && och == 1);
    return b - a <= 12 && commas + och == 1;
}

/* `Ledamöter: A, B och C`, `(justitieråden A, B och C)`: a role word in
 * the plural at the start of a list's first mention (or just before it)
 * is the role of every name of the list.  Plural: ends in -er, -na or
 * -råden, and is not written as the role itself (`minister`, `controller`
 * are singular). */
static bool plural_role_word(const ut_text *t, const ut_cand *c, const char *role) {
    size_t from = c->nstart, to = c->nend, b = from, e = from;
    while (e < to && t->s[e] != ' ' && t->s[e] != ':' && t->s[e] != '\n') e++;
    if (!strncmp(t->s + from, c->f.value, e - from)) {
        /* the span starts with the name: the word before it */
        e = from;
        while (e > 0 && (t->s[e - 1] == ' ' || t->s[e - 1] == ':')) e--;
        b = e;
        while (b > 0 && t->s[b - 1] != ' ' && t->s[b - 1] != '\n' && t->s[b - 1] != '(') b--;
    }
    size_t n = e - b;
    const char *w = t->s + b;
    if (n < 5) return false;
    bool plural = !memcmp(w + n - 2, "er", 2) || !memcmp(w + n - 2, "na", 2) ||
                  (n >= 6 && !memcmp(w + n - 6, "r\xc3\xa5" "den", 6));
    if (!plural) return false;
    size_t rn = strlen(role);
    return !(rn == n && !strncasecmp(w + 1, role + 1, n - 1));
}

static void remove_attr(ut_cand *c, const char *key) {
    for (size_t i = 0; i < c->f.nattrs; i++)
        if (!strcmp(c->f.attrs[i].key, key)) {
            memmove(&c->f.attrs[i], &c->f.attrs[i + 1], (c->f.nattrs - i - 1) * sizeof c->f.attrs[0]);
            c->f.nattrs--;
            return;
        }
}

/* The party of `Motion från Vänsterpartiet`: its signers' party. */
static const char *heading_party(const ut_docbuild *db) {
    static const char *const heads[] = {"otion från ", "otion fran ", NULL};
    for (size_t i = 0; i < db->n; i++) {
        const ut_cand *c = &db->c[i];
        if (c->dropped || strcmp(c->f.type, "party")) continue;
        for (int h = 0; heads[h]; h++) {
            size_t l = strlen(heads[h]);
            if (c->nstart >= l && !memcmp(db->norm->s + c->nstart - l, heads[h], l)) return c->f.value;
        }
    }
    return NULL;
}

/* How clean a spelling looks: OCR drops å/ä/ö and prints é, &, ¢, digits
 * or | in their place, so among spellings of one person (`Karin Rågsjö`,
 * `Karin Régsjo`, `Karin Ragsjo`) the one with Swedish letters and no
 * such marks is the source's own. */
static int cleanliness(const char *v) {
    int score = 0;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if (p[0] == 0xC3 && (p[1] == 0xA5 || p[1] == 0xA4 || p[1] == 0xB6 || p[1] == 0x85 || p[1] == 0x84 ||
                             p[1] == 0x96))
            score++; /* å ä ö Å Ä Ö */
        else if ((p[0] == 0xC3 && p[1] == 0xA9) || (p[0] == 0xC2 && p[1] == 0xA2) || *p == '&' || *p == '|' ||
                 (*p >= '0' && *p <= '9'))
            score--; /* é ¢ & | digits */
    }
    return score;
}

/* Rank of a mention as the person's value: more words, no initials, then
 * the cleanest spelling. */
static int fullness(const mention *m) {
    int score = (int)m->nw * 64;
    /* a hyphenated name counts its parts: `Smedberg-Palmqvist` is as full
     * as `Smedberg Palmqvist`, and the first written wins the tie */
    for (const char *p = m->c->f.value; *p; p++)
        if (*p == '-') score += 64;
    for (size_t i = 0; i < m->nw; i++)
        if (initial(m->w[i])) score -= 16;
    return score + cleanliness(m->c->f.value);
}

/* Every mention of a person takes its fullest name, the first party and
 * role; the mentions of no person are dropped.  The mentions are grouped
 * by person first (in document order within each), so that this is
 * linear, not persons times mentions. */
static int finish(ut_docbuild *db, mention *mt, size_t n, int npersons) {
    const char *hparty = heading_party(db);
    size_t *start = calloc((size_t)npersons + 1, sizeof *start);
    size_t *by_person = malloc((n ? n : 1) * sizeof *by_person);
    int rc = start && by_person ? 0 : -1;
    for (size_t i = 0; !rc && i < n; i++)
        if (mt[i].person >= 0) start[mt[i].person + 1]++;
    for (int p = 0; !rc && p < npersons; p++) start[p + 1] += start[p];
    for (size_t i = 0; !rc && i < n; i++)
        if (mt[i].person >= 0) by_person[start[mt[i].person]++] = i;
    /* start[p] is now the end of p's run: p's mentions are [start[p-1], start[p]) */
    for (int p = 0; !rc && p < npersons; p++) {
        size_t from = p ? start[p - 1] : 0, to = start[p];
        const mention *best = NULL;
        const char *party = NULL, *role = NULL;
        for (size_t k = from; k < to; k++) {
            const mention *x = &mt[by_person[k]];
            if (!best || fullness(x) > fullness(best)) best = x;
            const ut_attr *a = ut_cand_attr(x->c, "party");
            if (!party && a) party = a->s;
            a = ut_cand_attr(x->c, "role");
            if (!role && a) role = a->s;
        }
        if (!best) continue;
        if (!party) party = hparty;
        /* one copy of each string for all the person's mentions (all live
         * in the document's arena) */
        const char *value = ut_arena_strdup(db->arena, best->c->f.value);
        char *folded = value ? ut_fold(value) : NULL;
        const char *key = folded ? ut_arena_strdup(db->arena, folded) : NULL;
        free(folded);
        if (!key) rc = -1;
        for (size_t k = from; k < to && !rc; k++) {
            ut_cand *c = mt[by_person[k]].c;
            c->f.value = value;
            rc = ut_cand_str_shared(c, "key", key) || (party && ut_cand_str_shared(c, "party", party)) ||
                 (role && ut_cand_str_shared(c, "role", role));
        }
    }
    free(start);
    free(by_person);
    if (rc) return -1;
    for (size_t i = 0; i < n; i++) {
        if (mt[i].person < 0) mt[i].c->dropped = true;
        remove_attr(mt[i].c, PERSON_STRENGTH);
    }
    return 0;
}

int person_document_pass(ut_docbuild *db) {
    size_t n = 0;
    for (size_t i = 0; i < db->n; i++)
        if (!db->c[i].dropped && !strcmp(db->c[i].f.type, "person")) n++;
    if (!n) return 0;
    mention *mt = calloc(n, sizeof *mt);
    if (!mt) return -1;
    n = 0;
    for (size_t i = 0; i < db->n; i++) {
        ut_cand *c = &db->c[i];
        if (c->dropped || strcmp(c->f.type, "person")) continue;
        mention *x = &mt[n++];
        x->c = c;
        x->person = -1;
        const ut_attr *s = ut_cand_attr(c, PERSON_STRENGTH);
        x->found = !s || s->i == PERSON_FOUND;
        if (split_words(db->arena, c->f.value, x)) { free(mt); return -1; }
    }
    int npersons = 0;
    forms fs = {0};
    int rc = number_spellings(mt, n, &fs);
    /* persons from the mentions with a sign, in document order */
    for (size_t i = 0; i < n && !rc; i++) {
        if (!mt[i].found) continue;
        int p = find_person(&fs, &mt[i]);
        rc = assign(&fs, &mt[i], p >= 0 ? p : npersons++);
    }
    /* bare mentions that repeat a person */
    for (size_t i = 0; i < n && !rc; i++) {
        if (mt[i].found) continue;
        int p = find_person(&fs, &mt[i]);
        if (p >= 0) rc = assign(&fs, &mt[i], p);
    }
    /* lists of names: a run of mentions joined by `,` / `och` */
    for (size_t i = 0; i < n && !rc;) {
        size_t j = i + 1;
        while (j < n && list_gap(db->norm, mt[j - 1].c->nend, mt[j].c->nstart)) j++;
        size_t len = j - i, known = 0;
        for (size_t k = i; k < j; k++)
            if (mt[k].person >= 0) known++;
        if (len >= 3 || (len == 2 && known >= 1))
            for (size_t k = i; k < j && !rc; k++)
                if (mt[k].person < 0) {
                    int p = find_person(&fs, &mt[k]);
                    rc = assign(&fs, &mt[k], p >= 0 ? p : npersons++);
                }
        const ut_attr *lr = len >= 2 ? ut_cand_attr(mt[i].c, "role") : NULL;
        if (lr && lr->s && plural_role_word(db->norm, mt[i].c, lr->s))
            for (size_t k = i + 1; k < j && !rc; k++)
                if (mt[k].person >= 0 && !ut_cand_attr(mt[k].c, "role"))
                    rc = ut_cand_str(mt[k].c, "role", "%s", lr->s) ? -1 : 0;
        i = j;
    }
    free(fs.f);
    free(fs.next);
    free(fs.memo);
    if (rc) { free(mt); return -1; }
    rc = finish(db, mt, n, npersons);
    free(mt);
    return rc ? -1 : 0;
}
