/* resolve.c — stage 4, overlap resolution; see resolve.h. */
#include "engine/resolve.h"

#include <stdlib.h>
#include <string.h>

#include "rules/ruleset.h"

static int by_strength(const void *pa, const void *pb) {
    const ut_cand *a = pa, *b = pb;
    if (a->group != b->group) return a->group - b->group;
    if (a->tentative != b->tentative) return a->tentative ? 1 : -1;
    size_t la = a->nend - a->nstart, lb = b->nend - b->nstart;
    if (la != lb) return la > lb ? -1 : 1;
    if (a->priority != b->priority) return a->priority > b->priority ? -1 : 1;
    if (a->nstart != b->nstart) return a->nstart < b->nstart ? -1 : 1;
    if (a->rule != b->rule) return a->rule < b->rule ? -1 : 1;
    return 0;
}

static int by_position(const void *pa, const void *pb) {
    const ut_cand *a = pa, *b = pb;
    if (a->nstart != b->nstart) return a->nstart < b->nstart ? -1 : 1;
    if (a->nend != b->nend) return a->nend < b->nend ? -1 : 1;
    int t = strcmp(a->f.type, b->f.type);
    if (t) return t;
    /* qsort is not stable: without this last key, two fields on the same
     * span (different groups) came out in an unspecified order */
    if (a->rule != b->rule) return a->rule < b->rule ? -1 : 1;
    return 0;
}

int ut_resolve(ut_docbuild *db) {
    if (db->n == 0) return 0;
    qsort(db->c, db->n, sizeof *db->c, by_strength);
    size_t nbytes = db->norm->len + 1;
    unsigned char *claimed = malloc((nbytes + 7) / 8);
    if (!claimed) return -1;
    int group = -1;
    for (size_t i = 0; i < db->n; i++) {
        ut_cand *c = &db->c[i];
        if (c->group != group) {
            memset(claimed, 0, (nbytes + 7) / 8);
            group = c->group;
        }
        bool free_span = true;
        for (size_t b = c->nstart; b < c->nend; b++)
            if (claimed[b >> 3] & (1u << (b & 7))) { free_span = false; break; }
        if (!free_span) { c->dropped = true; continue; }
        for (size_t b = c->nstart; b < c->nend; b++) claimed[b >> 3] |= (unsigned char)(1u << (b & 7));
        if (!c->rule->ex) c->dropped = true; /* skip rule: claims, yields nothing */
    }
    free(claimed);
    ut_docbuild_compact(db);
    qsort(db->c, db->n, sizeof *db->c, by_position);
    return 0;
}

void ut_docbuild_compact(ut_docbuild *db) {
    size_t o = 0;
    for (size_t i = 0; i < db->n; i++)
        if (!db->c[i].dropped) db->c[o++] = db->c[i];
    db->n = o;
}
