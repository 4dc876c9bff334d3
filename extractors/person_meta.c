/*
 * person_meta.c — document roles for --format json: what kind of paper
 * this is and who asked, answered or signed, read from its heading:
 *   Interpellation av X (SD) till skolborgarrådet Y (L) om Z
 *     -> kind "interpellation", from X, to Y, subject Z
 *   Svar på interpellation ... / Svar på motion från X om Z
 *   Motion från Vänsterpartiet -> kind "motion", from V
 *   Tjänsteskrivelse / Tjänsteutlåtande -> kind, signed by the signers
 * Only the opening lines count as the heading.
 */
#include <string.h>

#include "person_int.h"

#define HEAD_BYTES 700

/* Case-insensitive (ASCII) search for `w` in [s, s+n). */
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

static const char *kind_of(const char *h, size_t n) {
    if (find(h, n, "svar på interpellation")) return "svar på interpellation";
    if (find(h, n, "svar på motion")) return "svar på motion";
    if (find(h, n, "interpellation")) return "interpellation";
    if (find(h, n, "tjänsteskrivelse")) return "tjänsteskrivelse";
    if (find(h, n, "tjänsteutlåtande")) return "tjänsteutlåtande";
    if (find(h, n, "motion") || find(h, n, "förslag till riksdagsbeslut")) return "motion";
    return NULL;
}

/* First person (or party) candidate starting in [a, b). */
static const ut_cand *first_in(const ut_docbuild *db, size_t a, size_t b, const char *type) {
    for (size_t i = 0; i < db->n; i++) {
        const ut_cand *c = &db->c[i];
        if (!c->dropped && !strcmp(c->f.type, type) && c->nstart >= a && c->nstart < b) return c;
    }
    return NULL;
}

int person_document_roles(ut_docbuild *db) {
    const char *s = db->norm->s;
    size_t n = db->norm->len < HEAD_BYTES ? db->norm->len : HEAD_BYTES;
    const char *kind = kind_of(s, n);
    /* `1994/95:10 av X (c) till justitieministern om ...`: the shape of an
     * interpellation even without the word */
    const char *nl = memchr(s, '\n', n);
    size_t first_line = nl ? (size_t)(nl - s) : n;
    const char *av = find(s, n, " av "), *fr = find(s, n, " från ");
    const char *from = av && (!fr || av < fr) ? av : fr;
    const char *till = from ? find(from, n - (size_t)(from - s), " till ") : NULL;
    if (!kind && from && till && (size_t)(till - s) < first_line) kind = "interpellation";
    if (!kind) return 0;
    if (ut_docbuild_meta(db, "kind", "%s", kind)) return -1;
    if (!from) from = find(s, n, "\nav ");
    if (from) {
        size_t a = (size_t)(from - s), b = till ? (size_t)(till - s) : n;
        const ut_cand *p = first_in(db, a, b, "person");
        if (!p) p = first_in(db, a, a + 40, "party");
        if (p && ut_docbuild_meta(db, "from", "%s", p->f.value)) return -1;
    }
    /* the subject: `om Z` on the heading line, or the title between the
     * paper's number and `av` (`Interpellation 2022/23:412 Plikt att ... av`) */
    const char *hl = from ? from : s;
    while (hl > s && hl[-1] != '\n') hl--;
    const char *he = memchr(hl, '\n', (size_t)(s + db->norm->len - hl));
    size_t hn = he ? (size_t)(he - hl) : strlen(hl);
    if (till && (till < hl || till >= hl + hn)) till = NULL; /* `till` of the heading line only */
    const char *om = find(till ? till : hl, hn - (size_t)((till ? till : hl) - hl), " om ");
    if (till) {
        size_t a = (size_t)(till - s), b = om ? (size_t)(om - s) : (size_t)(hl - s) + hn;
        const ut_cand *p = first_in(db, a, b, "person");
        if (p && ut_docbuild_meta(db, "to", "%s", p->f.value)) return -1;
    }
    if (om && from) {
        size_t len = hn - (size_t)(om + 4 - hl);
        /* a heading wrapped onto a line starting in lower case goes on there */
        const char *nx = om + 4 + len;
        if (*nx == '\n' && nx[1] >= 'a' && nx[1] <= 'z') {
            const char *ne = strchr(nx + 1, '\n');
            len += ne ? (size_t)(ne - nx) : strlen(nx);
        }
        char sub[256];
        size_t o = 0;
        for (size_t i = 0; i < len && o + 1 < sizeof sub; i++) sub[o++] = om[4 + i] == '\n' ? ' ' : om[4 + i];
        /* never cut a character in two: when cut short, drop the last
         * character whole (its continuation bytes, then its lead byte) */
        if (o + 1 >= sizeof sub) {
            while (o && ((unsigned char)sub[o - 1] & 0xC0) == 0x80) o--;
            if (o) o--;
        }
        sub[o] = 0;
        if (ut_docbuild_meta(db, "subject", "%s", sub)) return -1;
    } else if (from && from > hl) {
        const char *t = hl;
        while (t < from && *t != ':') t++; /* past `2022/23:412` */
        while (t < from && *t != ' ') t++;
        while (t < from && *t == ' ') t++;
        if (t < from && ut_docbuild_meta(db, "subject", "%.*s", (int)(from - t), t)) return -1;
    }
    /* signers: persons found in a signature place */
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
    if (o && ut_docbuild_meta(db, "signed", "%s", buf)) return -1;
    return 0;
}
