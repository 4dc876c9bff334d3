/* chunk.c — one document's matching on several threads; see chunk.h. */
#include "engine/chunk.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/jobs.h"

/* Context around a chunk's own range.  A view starts CHUNK_BACK bytes
 * before the cut (the look-behinds of the rules are a few characters, the
 * normalizers look back a few words or lines); the neighbours must agree
 * on the CHUNK_WINDOW bytes after a cut; the earlier chunk's view runs
 * CHUNK_MARGIN bytes past that window, so that its matches in the window
 * see as much text after them as in a whole-text run. */
enum { CHUNK_BACK = 4096, CHUNK_WINDOW = 4096, CHUNK_MARGIN = 4096, CHUNKS_PER_THREAD = 4 };

typedef struct chunk {
    size_t own_start, own_end; /* the matches that start here are this chunk's */
    size_t window_end;         /* the neighbours must agree on [own_start, window_end) */
    size_t view_start, view_end;
    ut_text view;
    ut_arena arena;
    ut_docbuild db;
    size_t nowned; /* candidates that start in [own_start, own_end) */
    char *warnings;
    int rc;
} chunk;

typedef struct split_run {
    const ut_ruleset *rs;
    chunk *chunks;
    size_t nchunks, next;
    pthread_mutex_t mu;
} split_run;

typedef struct thread_arg {
    split_run *run;
    ut_scratch *scratch;
} thread_arg;

/* Move p back (fwd: forward) to the first byte of a UTF-8 character. */
static size_t char_start(const char *s, size_t len, size_t p, bool fwd) {
    if (p >= len) return len;
    while (p > 0 && p < len && ((unsigned char)s[p] & 0xC0) == 0x80) {
        if (fwd) p++;
        else p--;
    }
    return p;
}

/* Where to cut near `at`, searching [at, limit): after a blank line (past
 * the whole run of line breaks), else after a line end, else after a
 * space, else at the character boundary at `at`. */
static size_t find_cut(const char *s, size_t len, size_t at, size_t limit) {
    if (limit > len) limit = len;
    const char *p = memmem(s + at, limit - at, "\n\n", 2);
    if (p) {
        size_t c = (size_t)(p - s) + 2;
        while (c < len && s[c] == '\n') c++;
        return c;
    }
    if ((p = memchr(s + at, '\n', limit - at))) return (size_t)(p - s) + 1;
    if ((p = memchr(s + at, ' ', limit - at))) return (size_t)(p - s) + 1;
    return char_start(s, len, at, true);
}

/* Cut the text into at most `want` chunks; returns how many (>= 1). */
static size_t plan_chunks(const ut_text *t, size_t want, chunk *ch) {
    size_t n = 0, span = t->len / want, prev = 0;
    for (size_t i = 1; i < want; i++) {
        size_t cut = find_cut(t->s, t->len, i * span, i * span + span / 2);
        if (cut <= prev || cut >= t->len) continue;
        ch[n++].own_end = cut;
        prev = cut;
    }
    ch[n++].own_end = t->len;
    for (size_t k = 0; k < n; k++) {
        chunk *c = &ch[k];
        c->own_start = k ? ch[k - 1].own_end : 0;
        c->view_start = c->own_start > CHUNK_BACK ? char_start(t->s, t->len, c->own_start - CHUNK_BACK, false) : 0;
        c->window_end = char_start(t->s, t->len, c->own_start + CHUNK_WINDOW, true);
    }
    for (size_t k = 0; k < n; k++) {
        chunk *c = &ch[k];
        c->view_end = k + 1 < n ? char_start(t->s, t->len, ch[k + 1].window_end + CHUNK_MARGIN, true) : t->len;
        /* a view of the normalized text: no map (normalizers read text, not
         * original offsets), not NUL-terminated at view_end (matching and
         * normalizers go by length) */
        c->view = (ut_text){.s = t->s + c->view_start, .len = c->view_end - c->view_start};
    }
    return n;
}

/* Whether a candidate is its chunk's own (it starts in the chunk's range;
 * the rest is the neighbours' context).  Every candidate starts before the
 * text's end, so the last chunk's range [own_start, len) holds all its own. */
static bool owned(const chunk *c, const ut_cand *x) { return x->nstart >= c->own_start && x->nstart < c->own_end; }

static void match_chunk(const ut_ruleset *rs, ut_scratch *scratch, chunk *c) {
    ut_arena_init(&c->arena);
    c->db = (ut_docbuild){.norm = &c->view, .arena = &c->arena};
    c->rc = ut_match_all_rules(rs, scratch, &c->db, &c->warnings);
    c->nowned = 0;
    for (size_t i = 0; i < c->db.n; i++) {
        c->db.c[i].nstart += c->view_start;
        c->db.c[i].nend += c->view_start;
        c->nowned += owned(c, &c->db.c[i]);
    }
}

static void *split_thread(void *arg) {
    thread_arg *a = arg;
    split_run *r = a->run;
    for (;;) {
        pthread_mutex_lock(&r->mu);
        size_t k = r->next < r->nchunks ? r->next++ : r->nchunks;
        pthread_mutex_unlock(&r->mu);
        if (k == r->nchunks) break;
        match_chunk(r->rs, a->scratch, &r->chunks[k]);
    }
    return NULL;
}

static bool same_str(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

/* Did two chunks find the same candidate?  Everything a whole-text run
 * would have set by now (start/end/line/text come after resolution). */
static bool same_cand(const ut_cand *a, const ut_cand *b) {
    if (a->nstart != b->nstart || a->nend != b->nend || a->rule != b->rule || a->priority != b->priority ||
        a->group != b->group || a->dropped != b->dropped || a->tentative != b->tentative ||
        !same_str(a->f.type, b->f.type) || !same_str(a->f.value, b->f.value) || !same_str(a->f.rule, b->f.rule) ||
        a->f.nattrs != b->f.nattrs)
        return false;
    for (size_t i = 0; i < a->f.nattrs; i++) {
        const ut_attr *x = &a->f.attrs[i], *y = &b->f.attrs[i];
        if (!same_str(x->key, y->key) || x->kind != y->kind) return false;
        if (x->kind == UT_ATTR_STR ? !same_str(x->s, y->s)
            : x->kind == UT_ATTR_NUM ? memcmp(&x->d, &y->d, sizeof x->d) != 0
                                     : x->i != y->i)
            return false;
    }
    return true;
}

/* First index of list[0..n) with nstart >= at, or (size_t)-1 if one after
 * it starts before `at` again (the list is not in order there). */
static size_t split_index(ut_cand *const *list, size_t n, size_t at) {
    size_t i = 0;
    while (i < n && list[i]->nstart < at) i++;
    for (size_t j = i; j < n; j++)
        if (list[j]->nstart < at) return (size_t)-1;
    return i;
}

/* Do a[0..na) and b[0..nb), restricted to nstart < end, agree? */
static bool agree(ut_cand *const *a, size_t na, ut_cand *const *b, size_t nb, size_t end) {
    size_t i = 0, j = 0;
    for (;;) {
        while (i < na && a[i]->nstart >= end) i++;
        while (j < nb && b[j]->nstart >= end) j++;
        if (i == na || j == nb) return i == na && j == nb;
        if (!same_cand(a[i], b[j])) return false;
        i++, j++;
    }
}

/* Per chunk, its candidates grouped by rule (stable): by_rule[first[r] ..
 * first[r+1]) are rule r's, in the order the chunk found them. */
typedef struct grouped {
    ut_cand **by_rule;
    size_t *first;
} grouped;

static int group_by_rule(const ut_ruleset *rs, chunk *c, grouped *g) {
    g->first = calloc(rs->nrules + 2, sizeof *g->first);
    g->by_rule = malloc((c->db.n ? c->db.n : 1) * sizeof *g->by_rule);
    if (!g->first || !g->by_rule) return -1;
    for (size_t i = 0; i < c->db.n; i++) {
        const ut_rule *r = c->db.c[i].rule;
        if (!r || r < rs->rules || r >= rs->rules + rs->nrules) return 1; /* not ours: give up */
        g->first[(size_t)(r - rs->rules) + 2]++;
    }
    for (size_t r = 0; r < rs->nrules; r++) g->first[r + 2] += g->first[r + 1];
    for (size_t i = 0; i < c->db.n; i++) g->by_rule[g->first[(size_t)(c->db.c[i].rule - rs->rules) + 1]++] = &c->db.c[i];
    return 0;
}

/* Check, rule by rule, that the neighbours agree at every seam (and that
 * each rule's candidates ascend around it): 0 yes, 1 no, -1 out of memory. */
static int seams_agree(size_t nrules, const chunk *ch, size_t nch, const grouped *g) {
    int rc = 0;
    for (size_t r = 0; !rc && r < nrules; r++)
        for (size_t k = 1; !rc && k < nch; k++) {
            ut_cand *const *prev = g[k - 1].by_rule + g[k - 1].first[r];
            ut_cand *const *next = g[k].by_rule + g[k].first[r];
            size_t np = g[k - 1].first[r + 1] - g[k - 1].first[r], nn = g[k].first[r + 1] - g[k].first[r];
            size_t i0 = split_index(prev, np, ch[k].own_start), j0 = split_index(next, nn, ch[k].own_start);
            if (i0 == (size_t)-1 || j0 == (size_t)-1 || !agree(prev + i0, np - i0, next + j0, nn - j0, ch[k].window_end))
                rc = 1;
        }
    return rc;
}

/* Copy chunks first, first + step, ... (their own candidates) to their
 * places in `to`, and free their arrays: one thread's part of merge. */
typedef struct copy_job {
    chunk *ch;
    size_t nch, first, step;
    const size_t *at; /* where each chunk's own candidates go */
    ut_cand *to;
    ut_arena *arena;
} copy_job;

static void *copy_chunks(void *arg) {
    copy_job *j = arg;
    for (size_t k = j->first; k < j->nch; k += j->step) {
        chunk *c = &j->ch[k];
        ut_cand *o = j->to + j->at[k];
        for (size_t i = 0; i < c->db.n; i++)
            if (owned(c, &c->db.c[i])) {
                *o = c->db.c[i];
                (o++)->arena = j->arena;
            }
        free(c->db.c);
        c->db.c = NULL;
        c->db.n = 0;
    }
    return NULL;
}

/* The chunks' own candidates into db, chunk after chunk, each chunk's in
 * its order (so rule by rule within a chunk).  Resolution does not depend
 * on the order (resolve.c), so this gives the fields of a whole-text run
 * without gathering every rule's candidates across the chunks.  The first
 * chunk's array becomes db's; the others are copied into it on `nthreads`
 * threads, each freed once copied.  0, or -1 on out of memory. */
static int merge(chunk *ch, size_t nch, ut_docbuild *db, size_t nthreads) {
    size_t at[nch + 1];
    at[0] = 0;
    for (size_t k = 0; k < nch; k++) {
        db->scan_ms += ch[k].db.scan_ms;
        at[k + 1] = at[k] + ch[k].nowned;
    }
    size_t total = at[nch];
    ut_cand *c = ch[0].db.c;
    size_t n = 0, cap = ch[0].db.cap;
    for (size_t i = 0; i < ch[0].db.n; i++)
        if (owned(&ch[0], &c[i])) {
            c[n] = c[i];
            c[n++].arena = db->arena;
        }
    if (total > cap) {
        ut_cand *v = realloc(c, total * sizeof *v);
        if (!v) return -1;
        c = v;
        cap = total;
    }
    ch[0].db.c = NULL;
    ch[0].db.n = 0;
    size_t nj = nthreads < nch - 1 ? nthreads : nch - 1; /* threads for chunks 1.. */
    if (nj < 1) nj = 1;
    copy_job jobs[nj];
    for (size_t t = 0; t < nj; t++) jobs[t] = (copy_job){ch, nch, 1 + t, nj, at, c, db->arena};
    ut_run_jobs(copy_chunks, jobs, sizeof *jobs, nj);
    free(db->c);
    db->c = c;
    db->n = total;
    db->cap = cap;
    return 0;
}

int ut_match_split(const ut_ruleset *rs, ut_scratch *const *scratch, size_t n, ut_docbuild *db, char **warnings,
                   size_t min_chunk, ut_split_stats *stats) {
    ut_split_stats dummy;
    if (!stats) stats = &dummy;
    *stats = (ut_split_stats){.chunks = 1};
    if (!min_chunk) min_chunk = UT_SPLIT_MIN_CHUNK;
    /* a big text is cut even for one thread: the anchor hits then take the
     * memory of one chunk at a time, not of the whole text */
    size_t len = db->norm->len, want = n * CHUNKS_PER_THREAD, most = len / min_chunk;
    size_t by_size = len / (min_chunk * UT_SPLIT_BIG_FACTOR);
    if (n < 2) want = by_size;
    else if (want < by_size) want = by_size;
    if (want > most) want = most;
    if (want < 2) return ut_match_all_rules(rs, scratch[0], db, warnings);

    chunk *ch = calloc(want, sizeof *ch);
    grouped *g = calloc(want, sizeof *g);
    thread_arg *args = calloc(n, sizeof *args);
    int rc = -1;
    size_t nch = 0;
    if (!ch || !g || !args) goto done;
    nch = plan_chunks(db->norm, want, ch);
    split_run run = {.rs = rs, .chunks = ch, .nchunks = nch};
    pthread_mutex_init(&run.mu, NULL);
    size_t nthreads = n < nch ? n : nch; /* each takes the next chunk until none is left */
    for (size_t t = 0; t < nthreads; t++) args[t] = (thread_arg){&run, scratch[t]};
    ut_run_jobs(split_thread, args, sizeof *args, nthreads);
    pthread_mutex_destroy(&run.mu);

    rc = 0;
    for (size_t k = 0; k < nch; k++) {
        if (ch[k].rc) rc = -1;
        else if (ch[k].warnings && !rc) rc = 1; /* a match limit: let one run say it, once */
    }
    for (size_t k = 0; !rc && k < nch; k++) rc = group_by_rule(rs, &ch[k], &g[k]);
    if (!rc) rc = seams_agree(rs->nrules, ch, nch, g);
    if (!rc) rc = merge(ch, nch, db, n);
    if (!rc) {
        for (size_t k = 0; k < nch; k++) ut_arena_adopt(db->arena, &ch[k].arena);
        stats->chunks = nch;
    }
done:
    for (size_t k = 0; k < nch; k++) {
        ut_arena_clear(&ch[k].arena); /* empty once adopted */
        free(ch[k].db.c);
        if (g) {
            free(g[k].by_rule);
            free(g[k].first);
        }
    }
    free(ch);
    free(g);
    free(args);
    if (rc) db->n = 0; /* what was merged pointed into the chunks' arenas */
    if (rc == 1) { /* disagreement or a warning: the whole text on one thread */
        stats->fell_back = true;
        rc = ut_match_all_rules(rs, scratch[0], db, warnings);
    }
    return rc;
}
