/* resolve.c — stage 4, overlap resolution; see resolve.h.
 *
 * How, in time linear in the candidates (but for the small sorts of
 * overlapping ones):
 *   1. The candidates come as runs already in position order: one rule's
 *      matches ascend, and the rules come one after another.  The runs are
 *      merged (a heap of run heads) into `ord`, the indices in position
 *      order; no sort of the whole array.  With threads, each takes the
 *      runs' parts in its share of the text.
 *   2. Candidates whose spans overlap, directly or through others, form a
 *      cluster.  A candidate can only lose to a stronger one of its own
 *      cluster (it must touch a byte that one claimed), so the greedy
 *      "strongest first, claimed bytes block" of resolve.h runs cluster by
 *      cluster: a cluster of one is kept as it is; a larger one is sorted by
 *      strength and resolved over a bitmap of its own span.  The decisions
 *      are those of one greedy pass over the whole document sorted by
 *      strength (what this file did before): earlier rivals of a candidate
 *      outside its cluster never touch its bytes.
 *   3. The survivors are moved into position order in place (following the
 *      permutation's cycles), so no second array of candidates is made.
 * Ties: strength and position are total orders but for two candidates of
 * the same rule on the same span; those keep their order in the input (the
 * earlier one wins), as the stable sorts before did.
 */
#include "engine/resolve.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/jobs.h"
#include "rules/ruleset.h"

static int by_strength(const ut_cand *a, const ut_cand *b) {
    if (a->group != b->group) return a->group - b->group;
    if (a->tentative != b->tentative) return a->tentative ? 1 : -1;
    size_t la = a->nend - a->nstart, lb = b->nend - b->nstart;
    if (la != lb) return la > lb ? -1 : 1;
    if (a->priority != b->priority) return a->priority > b->priority ? -1 : 1;
    if (a->nstart != b->nstart) return a->nstart < b->nstart ? -1 : 1;
    if (a->rule != b->rule) return a->rule < b->rule ? -1 : 1;
    return 0;
}

static int by_position(const ut_cand *a, const ut_cand *b) {
    if (a->nstart != b->nstart) return a->nstart < b->nstart ? -1 : 1;
    if (a->nend != b->nend) return a->nend < b->nend ? -1 : 1;
    /* types are the extractors' strings: the same pointer is the same type */
    int t = a->f.type == b->f.type ? 0 : strcmp(a->f.type, b->f.type);
    if (t) return t;
    if (a->rule != b->rule) return a->rule < b->rule ? -1 : 1;
    return 0;
}

/* ---- 1. the runs, merged ------------------------------------------------ */

typedef struct run_head {
    size_t start;     /* c[at].nstart: most comparisons need no candidate */
    uint32_t at, end; /* next candidate of the run, and the run's end */
} run_head;

/* Whether run x's head comes before run y's (ties: the earlier index). */
static bool head_before(const ut_cand *c, run_head x, run_head y) {
    if (x.start != y.start) return x.start < y.start;
    int d = by_position(&c[x.at], &c[y.at]);
    return d < 0 || (d == 0 && x.at < y.at);
}

static void sift_down(const ut_cand *c, run_head *h, size_t n, size_t i) {
    for (;;) {
        size_t l = 2 * i + 1, m = i;
        if (l < n && head_before(c, h[l], h[m])) m = l;
        if (l + 1 < n && head_before(c, h[l + 1], h[m])) m = l + 1;
        if (m == i) return;
        run_head t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

/* One share of the merge: the runs' parts in h[0..nruns) into ord[0..). */
typedef struct merge_job {
    const ut_cand *c;
    run_head *h;
    size_t nruns;
    uint32_t *ord;
} merge_job;

static void *merge_runs(void *arg) {
    merge_job *j = arg;
    const ut_cand *c = j->c;
    run_head *h = j->h;
    size_t nruns = j->nruns, o = 0;
    for (size_t i = nruns / 2; i-- > 0;) sift_down(c, h, nruns, i);
    while (nruns) {
        j->ord[o++] = h[0].at++;
        if (h[0].at == h[0].end) h[0] = h[--nruns];
        else h[0].start = c[h[0].at].nstart;
        sift_down(c, h, nruns, 0);
    }
    return NULL;
}

/* First index in run [at, end) whose candidate starts at or after pos. */
static uint32_t run_cut(const ut_cand *c, uint32_t at, uint32_t end, size_t pos) {
    while (at < end) {
        uint32_t mid = at + (end - at) / 2;
        if (c[mid].nstart < pos) at = mid + 1;
        else end = mid;
    }
    return at;
}

#define MERGE_MIN_SHARE 100000 /* candidates: below this one thread merges all */

/* ord[0..n): the indices of c in position order.  With several threads
 * the text [0, len) is cut into shares by position; every candidate of a
 * share comes before every one of the next (position order starts with the
 * start), so each share's parts of the runs are merged on a thread of its
 * own into its stretch of ord.  0, or -1 on OOM. */
static int position_order(const ut_cand *c, size_t n, uint32_t *ord, size_t len, size_t nthreads) {
    size_t nruns = 0, cap = 64, from = 0;
    run_head *runs = malloc(cap * sizeof *runs), *h = NULL;
    for (size_t i = 1; runs && i <= n; i++)
        if (i == n || by_position(&c[i - 1], &c[i]) > 0) {
            if (nruns == cap) {
                run_head *v = realloc(runs, (cap *= 2) * sizeof *v);
                if (!v) break;
                runs = v;
            }
            runs[nruns++] = (run_head){c[from].nstart, (uint32_t)from, (uint32_t)i};
            from = i;
        }
    size_t nj = ut_share_count(n, MERGE_MIN_SHARE, nthreads);
    if (!runs || from != n || !(h = malloc(nj * nruns * sizeof *h))) {
        free(runs);
        return -1;
    }
    merge_job jobs[nj];
    size_t done = 0;
    for (size_t j = 0; j < nj; j++) {
        size_t lo = len * j / nj, hi = len * (j + 1) / nj;
        jobs[j] = (merge_job){.c = c, .h = h + j * nruns, .ord = ord + done};
        for (size_t r = 0; r < nruns; r++) {
            uint32_t a = j ? run_cut(c, runs[r].at, runs[r].end, lo) : runs[r].at;
            uint32_t b = j + 1 < nj ? run_cut(c, a, runs[r].end, hi) : runs[r].end;
            if (a < b) jobs[j].h[jobs[j].nruns++] = (run_head){c[a].nstart, a, b};
            done += b - a;
        }
    }
    if (done != n) { /* the shares must hold every candidate once: never otherwise */
        free(runs);
        free(h);
        return -1;
    }
    ut_run_jobs(merge_runs, jobs, sizeof *jobs, nj);
    free(runs);
    free(h);
    return 0;
}

/* ---- 2. clusters -------------------------------------------------------- */

typedef struct cluster_scratch {
    uint32_t *member;
    size_t cap;
    unsigned char *claimed; /* one bit a byte of the cluster's span */
    size_t claimed_cap;
} cluster_scratch;

static int by_strength_at(const void *pa, const void *pb, void *base) {
    const ut_cand *c = base;
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    int d = by_strength(&c[a], &c[b]);
    return d ? d : (a > b) - (a < b);
}

/* The greedy of resolve.h over the cluster member[0..n), whose spans lie
 * in [lo, hi).  0, or -1 on OOM. */
static int resolve_cluster(ut_cand *c, cluster_scratch *s, size_t n, size_t lo, size_t hi) {
    qsort_r(s->member, n, sizeof *s->member, by_strength_at, c);
    size_t bytes = (hi - lo + 7) / 8;
    if (bytes > s->claimed_cap) {
        unsigned char *b = realloc(s->claimed, bytes);
        if (!b) return -1;
        s->claimed = b;
        s->claimed_cap = bytes;
    }
    int group = -1;
    for (size_t i = 0; i < n; i++) {
        ut_cand *x = &c[s->member[i]];
        if (x->group != group) {
            memset(s->claimed, 0, bytes);
            group = x->group;
        }
        bool free_span = true;
        for (size_t b = x->nstart - lo; b < x->nend - lo; b++)
            if (s->claimed[b >> 3] & (1u << (b & 7))) { free_span = false; break; }
        if (!free_span) { x->dropped = true; continue; }
        for (size_t b = x->nstart - lo; b < x->nend - lo; b++) s->claimed[b >> 3] |= (unsigned char)(1u << (b & 7));
        if (!x->rule->ex) x->dropped = true; /* skip rule: claims, yields nothing */
    }
    return 0;
}

static int resolve_clusters(ut_cand *c, size_t n, const uint32_t *ord) {
    cluster_scratch s = {0};
    int rc = 0;
    for (size_t i = 0; i < n && !rc;) {
        size_t lo = c[ord[i]].nstart, hi = c[ord[i]].nend, j = i + 1;
        while (j < n && c[ord[j]].nstart < hi) {
            if (c[ord[j]].nend > hi) hi = c[ord[j]].nend;
            j++;
        }
        if (j == i + 1) {
            if (!c[ord[i]].rule->ex) c[ord[i]].dropped = true; /* alone: wins; a skip rule yields nothing */
        } else if (j - i > s.cap) {
            uint32_t *m = realloc(s.member, (j - i) * sizeof *m);
            if (!m) rc = -1;
            else s.member = m, s.cap = j - i;
        }
        if (!rc && j > i + 1) {
            memcpy(s.member, ord + i, (j - i) * sizeof *ord);
            rc = resolve_cluster(c, &s, j - i, lo, hi);
        }
        i = j;
    }
    free(s.member);
    free(s.claimed);
    return rc;
}

/* ---- 3. survivors into position order, in place -------------------------- */

/* Reorder c so that slot k holds what was at perm[k] (a permutation of
 * 0..n, consumed). */
static void permute(ut_cand *c, size_t n, uint32_t *perm) {
    for (size_t i = 0; i < n; i++) {
        if (perm[i] == i) continue;
        ut_cand first = c[i];
        size_t j = i;
        for (;;) {
            size_t k = perm[j];
            perm[j] = (uint32_t)j;
            if (k == i) {
                c[j] = first;
                break;
            }
            c[j] = c[k];
            j = k;
        }
    }
}

int ut_resolve(ut_docbuild *db, size_t nthreads) {
    size_t n = db->n;
    if (n == 0) return 0;
    if (n > UINT32_MAX) return -1; /* 500 GB of candidates: never */
    uint32_t *ord = malloc(n * sizeof *ord);
    if (!ord || position_order(db->c, n, ord, db->norm->len, nthreads ? nthreads : 1) || resolve_clusters(db->c, n, ord)) {
        free(ord);
        return -1;
    }
    /* the permutation: survivors in position order, then the dropped */
    size_t kept = 0;
    for (size_t k = 0; k < n; k++)
        if (!db->c[ord[k]].dropped) ord[kept++] = ord[k];
    for (size_t i = 0, o = kept; i < n; i++)
        if (db->c[i].dropped) ord[o++] = (uint32_t)i;
    permute(db->c, n, ord);
    free(ord);
    db->n = kept;
    return 0;
}

void ut_docbuild_compact(ut_docbuild *db) {
    size_t o = 0;
    for (size_t i = 0; i < db->n; i++)
        if (!db->c[i].dropped) db->c[o++] = db->c[i];
    db->n = o;
}
