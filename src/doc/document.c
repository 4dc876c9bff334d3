/* document.c — the document stage: links, date, roster; see document.h.
 * (The facts: document_facts.c.) */
#include <stdlib.h>
#include <string.h>

#include "extractor.h"
#include "record/doc.h"
#include "doc/document.h"
#include "engine/resolve.h"

const ut_key ut_document_fact_keys[] = {
    {"kind", UT_KIND_TEXT, UT_KEY_CATEGORY}, /* interpellation, motion, svar på interpellation... */
    {"from", UT_KIND_TEXT, 0},               /* who asks (a person, or a party) */
    {"to", UT_KIND_TEXT, 0},                 /* who is asked */
    {"subject", UT_KIND_TEXT, 0},
    {"signed", UT_KIND_TEXT, 0}, /* the signers, "; "-separated */
    {NULL, 0, 0},
};

int ut_document_link(ut_docbuild *db) {
    for (const ut_extractor *const *e = ut_extractors(); *e; e++)
        if ((*e)->document_pass) {
            if ((*e)->document_pass(db)) return -1;
            ut_docbuild_compact(db);
        }
    return 0;
}

/* ---- the document's date ---------------------------------------------- */

#define DATE_HEAD_LINES 10
#define DATE_LINE_MAX 60

static int is_full_day(const char *v) {
    if (strlen(v) != 10 || v[4] != '-' || v[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9')) return 0;
    return 1;
}

/* Length of the line holding byte `at`, without surrounding white space. */
static size_t trimmed_line_len(const char *b, size_t len, size_t at) {
    size_t a = at, e = at;
    while (a > 0 && b[a - 1] != '\n') a--;
    while (e < len && b[e] != '\n') e++;
    while (a < e && (b[a] == ' ' || b[a] == '\t')) a++;
    while (e > a && (b[e - 1] == ' ' || b[e - 1] == '\t' || b[e - 1] == '\r')) e--;
    return e - a;
}

/* Whether trimmed_line_len(b, len, at) > max, reading no further than the
 * first non-blank byte past `max` on either side: every field of a 50 MB
 * single line asks this, and measuring the whole line each time made the
 * stage quadratic. */
static int line_longer_than(const char *b, size_t len, size_t at, size_t max) {
    char c = b[at];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return trimmed_line_len(b, len, at) > max;
    size_t first = at, last = at; /* the outermost bytes trimmed_line_len keeps */
    for (size_t a = at; a > 0 && b[a - 1] != '\n'; a--)
        if (b[a - 1] != ' ' && b[a - 1] != '\t' && at - (first = a - 1) >= max) return 1;
    for (size_t e = at + 1; e < len && b[e] != '\n'; e++)
        if (b[e] != ' ' && b[e] != '\t' && b[e] != '\r' && (last = e) + 1 - first > max) return 1;
    return last + 1 - first > max;
}

static const char *document_date(const ut_doc *d) {
    const ut_field *best = NULL;
    for (size_t i = 0; i < d->nfields; i++) {
        const ut_field *f = &d->fields[i];
        if (strcmp(f->type, "date") || f->line > DATE_HEAD_LINES || !is_full_day(f->value)) continue;
        const ut_attr *g = ut_field_attr(f, "grain");
        if (!g || g->kind != UT_ATTR_STR || strcmp(g->s, "day")) continue;
        if (best && f->start >= best->start) continue;
        if (f->start >= d->len || line_longer_than(d->bytes, d->len, f->start, DATE_LINE_MAX)) continue;
        best = f;
    }
    return best ? best->value : NULL;
}

/* ---- the persons roster ------------------------------------------------ */

static const char *attr_str(const ut_field *f, const char *key) {
    const ut_attr *a = ut_field_attr(f, key);
    return a && a->kind == UT_ATTR_STR ? a->s : NULL;
}

static const char *greater(const char *a, const char *b) { return !a ? b : !b ? a : strcmp(a, b) >= 0 ? a : b; }

/* Mentions in roster order: by key, then by place among the fields (the
 * first one names the person, as its linking gave it the fullest name). */
typedef struct mention {
    const char *key;
    size_t field;
} mention;

static int by_key_then_field(const void *a, const void *b) {
    const mention *p = a, *q = b;
    int c = strcmp(p->key, q->key);
    return c ? c : (p->field > q->field) - (p->field < q->field);
}

static int roster(ut_doc *d) {
    size_t n = 0;
    for (size_t i = 0; i < d->nfields; i++) n += !strcmp(d->fields[i].type, "person");
    if (!n) return 0;
    mention *m = malloc(n * sizeof *m);
    ut_person *p = calloc(n, sizeof *p);
    if (!m || !p) {
        free(m);
        free(p);
        return -1;
    }
    n = 0;
    for (size_t i = 0; i < d->nfields; i++) {
        const ut_field *f = &d->fields[i];
        if (strcmp(f->type, "person")) continue;
        const char *key = attr_str(f, "key");
        m[n++] = (mention){key ? key : f->value, i};
    }
    qsort(m, n, sizeof *m, by_key_then_field); /* a sort, not a search per mention: a long paper has many */
    size_t np = 0;
    for (size_t i = 0; i < n; i++) {
        const ut_field *f = &d->fields[m[i].field];
        if (!np || strcmp(p[np - 1].key, m[i].key)) p[np++] = (ut_person){.key = m[i].key, .name = f->value};
        ut_person *k = &p[np - 1];
        k->party = greater(k->party, attr_str(f, "party"));
        k->role = greater(k->role, attr_str(f, "role"));
        k->mentions++;
    }
    free(m);
    d->persons = p;
    d->npersons = np;
    return 0;
}

int ut_document_finish(ut_doc *d) {
    d->date = document_date(d);
    return roster(d);
}
