/* resolve.c — stage 4, overlap resolution; see resolve.h.
 *
 * Both orders (by strength to resolve, by position to hand on) are sorts
 * of small keys (four integers and an index), not of the 100-byte
 * candidates with a comparator that follows pointers: a big document has
 * millions of candidates.  The keys give exactly the orders of
 * resolve.h: ties broken by the rule's place in the rule set (rules are
 * one array) and, by position, by the type's name. */
#include "engine/resolve.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/ruleset.h"

typedef struct sort_key {
    uint64_t k[4];
    size_t i; /* index of the candidate */
} sort_key;

static int by_key(const void *pa, const void *pb) {
    const sort_key *a = pa, *b = pb;
    for (int j = 0; j < 4; j++)
        if (a->k[j] != b->k[j]) return a->k[j] < b->k[j] ? -1 : 1;
    return 0;
}

/* Strength order: group, firm before tentative, longer, higher priority,
 * earlier start, earlier rule. */
static void strength_key(const ut_cand *c, size_t i, sort_key *k) {
    uint64_t len = c->nend - c->nstart;
    k->k[0] = ((uint64_t)(uint32_t)c->group << 33) | ((uint64_t)c->tentative << 32) | (uint32_t)~(uint32_t)len;
    k->k[1] = (uint64_t)((int64_t)INT_MAX - (int64_t)c->priority);
    k->k[2] = c->nstart;
    k->k[3] = (uint64_t)(uintptr_t)c->rule;
    k->i = i;
}

/* The rank of each field type's name among the types present (few). */
typedef struct type_rank {
    const char *type[32];
    unsigned rank[32];
    size_t n;
} type_rank;

static int by_name(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

static bool rank_types(const ut_docbuild *db, type_rank *tr) {
    tr->n = 0;
    for (size_t i = 0; i < db->n; i++) {
        const char *t = db->c[i].f.type;
        size_t j = 0;
        while (j < tr->n && tr->type[j] != t) j++;
        if (j == tr->n) {
            if (tr->n == 32) return false;
            tr->type[tr->n++] = t;
        }
    }
    const char *sorted[32];
    memcpy(sorted, tr->type, tr->n * sizeof *sorted);
    qsort(sorted, tr->n, sizeof *sorted, by_name);
    for (size_t j = 0; j < tr->n; j++) {
        unsigned r = 0; /* equal names (two copies of a string) share a rank */
        while (strcmp(sorted[r], tr->type[j])) r++;
        tr->rank[j] = r;
    }
    return true;
}

static unsigned type_rank_of(const type_rank *tr, const char *t) {
    for (size_t j = 0; j < tr->n; j++)
        if (tr->type[j] == t) return tr->rank[j];
    return 0;
}

/* Put db->c in the order of the sorted keys, in place (following the
 * permutation's cycles: no second candidate array). */
static void permute(ut_docbuild *db, sort_key *keys) {
    /* keys[p].i: which candidate goes to place p */
    for (size_t p = 0; p < db->n; p++) {
        if (keys[p].i == p || keys[p].i == SIZE_MAX) continue;
        ut_cand tmp = db->c[p];
        size_t at = p;
        for (;;) {
            size_t from = keys[at].i;
            keys[at].i = SIZE_MAX; /* placed */
            if (from == p) {
                db->c[at] = tmp;
                break;
            }
            db->c[at] = db->c[from];
            at = from;
        }
    }
}

int ut_resolve(ut_docbuild *db) {
    if (db->n == 0) return 0;
    sort_key *keys = malloc(db->n * sizeof *keys);
    size_t nbytes = db->norm->len + 1;
    unsigned char *claimed = malloc((nbytes + 7) / 8);
    type_rank tr;
    if (!keys || !claimed) {
        free(keys);
        free(claimed);
        return -1;
    }
    for (size_t i = 0; i < db->n; i++) strength_key(&db->c[i], i, &keys[i]);
    qsort(keys, db->n, sizeof *keys, by_key);
    /* the walk in strength order reads the keys only (span, group, rule):
     * the candidates themselves, in random order, would miss the cache */
    uint64_t group = UINT64_MAX;
    for (size_t s = 0; s < db->n; s++) {
        const sort_key *k = &keys[s];
        uint64_t g = k->k[0] >> 33;
        size_t start = (size_t)k->k[2], end = start + (uint32_t)~(uint32_t)k->k[0];
        if (g != group) {
            memset(claimed, 0, (nbytes + 7) / 8);
            group = g;
        }
        bool free_span = true;
        for (size_t b = start; b < end; b++)
            if (claimed[b >> 3] & (1u << (b & 7))) { free_span = false; break; }
        const ut_rule *rule = (const ut_rule *)(uintptr_t)k->k[3];
        if (free_span)
            for (size_t b = start; b < end; b++) claimed[b >> 3] |= (unsigned char)(1u << (b & 7));
        /* a loser, or a skip rule's winner (it claims, yields nothing) */
        if (!free_span || !rule->ex) db->c[k->i].dropped = true;
    }
    free(claimed);
    ut_docbuild_compact(db);
    /* position order: start, end, type name, rule */
    if (!rank_types(db, &tr)) {
        free(keys);
        return -1;
    }
    for (size_t i = 0; i < db->n; i++) {
        const ut_cand *c = &db->c[i];
        keys[i].k[0] = c->nstart;
        keys[i].k[1] = c->nend;
        keys[i].k[2] = type_rank_of(&tr, c->f.type);
        keys[i].k[3] = (uint64_t)(uintptr_t)c->rule;
        keys[i].i = i;
    }
    qsort(keys, db->n, sizeof *keys, by_key);
    permute(db, keys);
    free(keys);
    return 0;
}

void ut_docbuild_compact(ut_docbuild *db) {
    size_t o = 0;
    for (size_t i = 0; i < db->n; i++)
        if (!db->c[i].dropped) db->c[o++] = db->c[i];
    db->n = o;
}
