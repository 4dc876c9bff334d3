/*
 * examples.c — checks the `example` lines of every rule.
 *
 * An example runs through the WHOLE rule set, exactly as a document would,
 * so it also catches a rule shadowed by another one.  It passes when the
 * set of distinct values of the rule's type found in the text equals the
 * expected set (`=> none`: no value of that type).
 */
#include <stdlib.h>
#include <string.h>

#include "extractor.h"
#include "rules/ruleset.h"

static int has(char *const *v, size_t n, const char *s) {
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i], s)) return 1;
    return 0;
}

/* "a | b | c", or "none" for an empty list: NEW string (free()). */
static char *join(const char *const *v, size_t n) {
    size_t len = 5;
    for (size_t i = 0; i < n; i++) len += strlen(v[i]) + 3;
    char *s = malloc(len), *p = s;
    if (!s) return NULL;
    if (!n) memcpy(p, "none", 5);
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(v[i]);
        if (i) { memcpy(p, " | ", 3); p += 3; }
        memcpy(p, v[i], l);
        p += l;
        *p = 0;
    }
    return s;
}

/* Whether field type `type` shares skip rule r's overlap group. */
static int in_group(const ut_ruleset *rs, const ut_rule *r, const char *type) {
    const ut_extractor *e = ut_extractor_find(type);
    return e && !strcmp(e->group, rs->groups[r->group]);
}

long ut_ruleset_check_examples(const ut_ruleset *rs, void (*report)(const ut_example_result *r, void *ud),
                               void *ud) {
    ut_worker *w = ut_worker_new(rs);
    if (!w) return -1;
    long failed = 0;
    for (size_t i = 0; i < rs->nrules; i++) {
        const ut_rule *r = &rs->rules[i];
        const char *type = r->ex ? r->ex->type : NULL;
        for (size_t k = 0; k < r->nexamples; k++) {
            const ut_example *ex = &r->examples[k];
            ut_error err;
            ut_doc *d = ut_extract(w, "example", ex->text, strlen(ex->text), &err);
            if (!d) { ut_worker_free(w); return -1; }
            /* distinct values of the type, in order; for a skip rule every
             * type of its overlap group (the only ones it can keep out) */
            const char **got = malloc((ut_doc_nfields(d) + 1) * sizeof *got);
            size_t ngot = 0;
            if (!got) { ut_doc_free(d); ut_worker_free(w); return -1; }
            for (size_t f = 0; f < ut_doc_nfields(d); f++) {
                const ut_field *fl = ut_doc_field(d, f);
                if (type ? strcmp(fl->type, type) != 0 : !in_group(rs, r, fl->type)) continue;
                if (has((char *const *)got, ngot, fl->value)) continue;
                got[ngot++] = fl->value;
            }
            int ok = ngot == ex->nvalues;
            for (size_t v = 0; ok && v < ex->nvalues; v++) ok = has((char *const *)got, ngot, ex->values[v]);
            char *gs = join(got, ngot), *es = join((const char *const *)ex->values, ex->nvalues);
            if (!gs || !es) { free(gs); free(es); free(got); ut_doc_free(d); ut_worker_free(w); return -1; }
            ut_example_result res = {r->id, r->file, ex->text, es, gs, ex->line, ok};
            if (report) report(&res, ud);
            failed += !ok;
            free(gs);
            free(es);
            free(got);
            ut_doc_free(d);
        }
    }
    ut_worker_free(w);
    return failed;
}
