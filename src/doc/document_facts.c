/*
 * document_facts.c — the facts of a document as a whole, read from its
 * heading and its signatures (part of the document stage, document.h):
 *   Interpellation av X (SD) till skolborgarrådet Y (L) om Z
 *     -> kind "interpellation", from X, to Y, subject Z
 *   Svar på interpellation ... / Svar på motion från X om Z
 *   Motion från Vänsterpartiet -> kind "motion", from V
 *   Tjänsteskrivelse / Tjänsteutlåtande -> kind, signed by the signers
 * Only the opening bytes count as the heading.  The words are the rule
 * set's: rules/lexicons/doc_kind.lex (the kinds, first found wins) and
 * rules/lexicons/doc_heading.lex (the words before who asks, who is asked
 * and the subject), rules/lexicons/doc_kind_shape.lex (the kind of a
 * heading of the shape `... av X till Y`); a rule set without them gives
 * no facts.  No word of Swedish is written here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extractor.h"
#include "record/doc.h"
#include "doc/document.h"
#include "text/lexicon.h"
#include "rules/ruleset.h"

#define HEAD_BYTES 700

/* Case-insensitive (ASCII) search for `w` (lower case) in [s, s+n). */
static const char *find(const char *s, size_t n, const char *w) {
    size_t l = strlen(w);
    for (size_t i = 0; i + l <= n; i++) {
        size_t k = 0;
        while (k < l) {
            char a = s[i + k], b = w[k];
            if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
            if (a != b) break;
            k++;
        }
        if (k == l) return s + i;
    }
    return NULL;
}

/* The value of the first entry of `lx` found in [h, h+n), or NULL. */
static const char *kind_of(const ut_lexicon *lx, const char *h, size_t n) {
    for (size_t i = 0; lx && i < ut_lexicon_size(lx); i++) {
        const char *word, *value;
        ut_lexicon_entry(lx, i, &word, &value);
        if (find(h, n, word)) return value;
    }
    return NULL;
}

/* Whether `role` is one of the space-separated roles of `value`. */
static int has_role(const char *value, const char *role) {
    size_t l = strlen(role);
    for (const char *p = value; *p;) {
        while (*p == ' ') p++;
        size_t k = strcspn(p, " ");
        if (k == l && !memcmp(p, role, l)) return 1;
        p += k;
    }
    return 0;
}

/* The earliest place in [s, s+n) of a heading word with role `role` (one
 * of its values in doc_heading.lex), written `<before>WORD ` ; its length in
 * *len.  NULL if none. */
static const char *find_word(const ut_lexicon *lx, const char *role, char before, const char *s, size_t n,
                             size_t *len) {
    const char *best = NULL;
    for (size_t i = 0; lx && i < ut_lexicon_size(lx); i++) {
        const char *word, *value;
        ut_lexicon_entry(lx, i, &word, &value);
        char w[64];
        int l = snprintf(w, sizeof w, "%c%s ", before, word);
        if (!has_role(value, role) || l < 0 || (size_t)l >= sizeof w) continue;
        const char *at = find(s, n, w);
        if (at && (!best || at < best)) {
            best = at;
            if (len) *len = (size_t)l;
        }
    }
    return best;
}

/* First person (or party) candidate starting in [a, b). */
static const ut_cand *first_in(const ut_docbuild *db, size_t a, size_t b, const char *type) {
    for (size_t i = 0; i < db->n; i++) {
        const ut_cand *c = &db->c[i];
        if (!c->dropped && !strcmp(c->f.type, type) && c->nstart >= a && c->nstart < b) return c;
    }
    return NULL;
}

/* Set fact `key` (a static name of ut_document_facts) of `d`, the text in
 * its arena.  0, or -1 (out of memory / table full). */
static int set_fact(ut_doc *d, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int set_fact(ut_doc *d, const char *key, const char *fmt, ...) {
    ut_attr *a = NULL;
    for (size_t i = 0; i < d->nmeta; i++)
        if (!strcmp(d->meta[i].key, key)) a = &d->meta[i];
    if (!a) {
        if (d->nmeta == UT_MAX_META) return -1;
        a = &d->meta[d->nmeta++];
        memset(a, 0, sizeof *a);
        a->key = key;
    }
    a->kind = UT_ATTR_STR;
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0) return -1;
    a->s = ut_arena_strdup(&d->arena, s);
    free(s);
    return a->s ? 0 : -1;
}

/* The signers: persons found in a signature place, "; "-separated. */
static int signers(const ut_docbuild *db, ut_doc *d) {
    char buf[512];
    size_t o = 0;
    buf[0] = 0;
    for (size_t i = 0; i < db->n; i++) {
        const ut_cand *c = &db->c[i];
        if (c->dropped || strcmp(c->f.type, "person") || strcmp(c->f.rule, "person.signature")) continue;
        if (strstr(buf, c->f.value)) continue;
        int w = snprintf(buf + o, sizeof buf - o, "%s%s", o ? "; " : "", c->f.value);
        if (w < 0 || (size_t)w >= sizeof buf - o) break;
        o += (size_t)w;
    }
    return o && set_fact(d, "signed", "%s", buf) ? -1 : 0;
}

int ut_document_facts(const ut_docbuild *db, const ut_ruleset *rs, ut_doc *d) {
    const ut_lexicon *kinds = ut_ruleset_lexicon(rs, "doc_kind"), *words = ut_ruleset_lexicon(rs, "doc_heading");
    const ut_lexicon *shapes = ut_ruleset_lexicon(rs, "doc_kind_shape");
    const char *s = db->norm->s;
    size_t n = db->norm->len < HEAD_BYTES ? db->norm->len : HEAD_BYTES;
    const char *kind = kind_of(kinds, s, n);
    /* `1994/95:10 av X (c) till justitieministern om ...`: a first line
     * with a `from` word then a `to` word has a kind even without its word
     * (doc_kind_shape.lex names it) */
    const char *nl = memchr(s, '\n', n);
    size_t first_line = nl ? (size_t)(nl - s) : n;
    const char *from = find_word(words, "from", ' ', s, n, NULL);
    const char *till = from ? find_word(words, "to", ' ', from, n - (size_t)(from - s), NULL) : NULL;
    if (!kind && from && till && (size_t)(till - s) < first_line && shapes)
        kind = ut_lexicon_get(shapes, "from-to", strlen("from-to"));
    if (!kind) return 0;
    if (set_fact(d, "kind", "%s", kind)) return -1;
    if (!from) from = find_word(words, "from-line", '\n', s, n, NULL);
    if (from) {
        size_t a = (size_t)(from - s), b = till ? (size_t)(till - s) : n;
        const ut_cand *p = first_in(db, a, b, "person");
        if (!p) p = first_in(db, a, a + 40, "party");
        if (p && set_fact(d, "from", "%s", p->f.value)) return -1;
    }
    /* the subject: `om Z` on the heading line, or the title between the
     * paper's number and `av` (`Interpellation 2022/23:412 Plikt att ... av`) */
    const char *hl = from ? from : s;
    while (hl > s && hl[-1] != '\n') hl--;
    const char *he = memchr(hl, '\n', (size_t)(s + db->norm->len - hl));
    size_t hn = he ? (size_t)(he - hl) : strlen(hl);
    if (till && (till < hl || till >= hl + hn)) till = NULL; /* `till` of the heading line only */
    size_t oml = 0;
    const char *om = find_word(words, "subject", ' ', till ? till : hl, hn - (size_t)((till ? till : hl) - hl), &oml);
    if (till) {
        size_t a = (size_t)(till - s), b = om ? (size_t)(om - s) : (size_t)(hl - s) + hn;
        const ut_cand *p = first_in(db, a, b, "person");
        if (p && set_fact(d, "to", "%s", p->f.value)) return -1;
    }
    if (om && from) {
        const char *sub0 = om + oml;
        size_t len = hn - (size_t)(sub0 - hl);
        /* a heading wrapped onto a line starting in lower case goes on there */
        const char *nx = sub0 + len;
        if (*nx == '\n' && nx[1] >= 'a' && nx[1] <= 'z') {
            const char *ne = strchr(nx + 1, '\n');
            len += ne ? (size_t)(ne - nx) : strlen(nx);
        }
        char sub[256];
        size_t o = 0;
        for (size_t i = 0; i < len && o + 1 < sizeof sub; i++) sub[o++] = sub0[i] == '\n' ? ' ' : sub0[i];
        /* never cut a character in two: when cut short, drop the last
         * character whole (its continuation bytes, then its lead byte) */
        if (o + 1 >= sizeof sub) {
            while (o && ((unsigned char)sub[o - 1] & 0xC0) == 0x80) o--;
            if (o) o--;
        }
        sub[o] = 0;
        if (set_fact(d, "subject", "%s", sub)) return -1;
    } else if (from && from > hl) {
        const char *t = hl;
        while (t < from && *t != ':') t++; /* past `2022/23:412` */
        while (t < from && *t != ' ') t++;
        while (t < from && *t == ' ') t++;
        if (t < from && set_fact(d, "subject", "%.*s", (int)(from - t), t)) return -1;
    }
    return signers(db, d);
}
