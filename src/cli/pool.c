/* pool.c — ordered parallel extraction; see pool.h.
 *
 * Locking: `src_mu` serializes calls of the source (one reader at a time,
 * and index order = source order); `mu` guards the window (next, consumed,
 * eof, stop, slots).  A reader takes src_mu, waits under mu until the
 * window has room, then calls the source WITHOUT mu, so that the consumer
 * can deliver finished results while a reader blocks on a slow pipe. */
#include "pool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct slot {
    pool_result r;
    int ready;
} slot;

typedef struct pool {
    const ut_ruleset *rs;
    pool_source src;
    void *src_ud;
    size_t next, consumed, window;
    int eof, stop;
    slot *slots;
    pthread_mutex_t mu, src_mu;
    pthread_cond_t produced, freed;
} pool;

static void item_free(pool_item *it) {
    free(it->name);
    free(it->bytes);
    free(it->where);
    free(it->error);
    memset(it, 0, sizeof *it);
}

static void read_and_extract(ut_worker *w, const char *path, pool_result *r) {
    size_t len;
    char *msg = NULL;
    char *buf = cli_read_input(path, &len, &msg);
    if (!buf) {
        r->error = msg;
        return;
    }
    ut_error err;
    r->doc = cli_extract(&w, 1, path, buf, len, &err);
    if (!r->doc && asprintf(&r->error, "%s: %s", path, err.text) < 0) r->error = NULL;
}

/* One input to its result; frees the item. `w` NULL: out of memory. */
static void process(ut_worker *w, pool_item *it, pool_result *r) {
    const char *who = it->where ? it->where : it->name ? it->name : "-";
    if (it->error) {
        r->error = it->error;
        it->error = NULL;
    } else if (w && it->bytes) {
        ut_error err;
        r->doc = ut_extract(w, it->name ? it->name : "-", it->bytes, it->len, &err);
        if (!r->doc && asprintf(&r->error, "%s: %s", who, err.text) < 0) r->error = NULL;
    } else if (w && it->name) read_and_extract(w, it->name, r);
    if (!r->doc && !r->error && asprintf(&r->error, "%s: out of memory", who) < 0) r->error = NULL;
    item_free(it);
}

static void *worker_main(void *arg) {
    pool *p = arg;
    ut_worker *w = ut_worker_new(p->rs);
    for (;;) {
        pthread_mutex_lock(&p->src_mu);
        pthread_mutex_lock(&p->mu);
        while (!p->stop && !p->eof && p->next >= p->consumed + p->window) pthread_cond_wait(&p->freed, &p->mu);
        int done = p->stop || p->eof;
        pthread_mutex_unlock(&p->mu);
        if (done) {
            pthread_mutex_unlock(&p->src_mu);
            break;
        }
        pool_item it = {0};
        int got = p->src(&it, p->src_ud);
        pthread_mutex_lock(&p->mu);
        size_t i = p->next;
        if (got) p->next++;
        else {
            p->eof = 1;
            pthread_cond_broadcast(&p->produced); /* the consumer may wait for an index that never comes */
            pthread_cond_broadcast(&p->freed);
        }
        pthread_mutex_unlock(&p->mu);
        pthread_mutex_unlock(&p->src_mu);
        if (!got) break;
        pool_result r = {0};
        process(w, &it, &r);
        pthread_mutex_lock(&p->mu);
        p->slots[i % p->window].r = r;
        p->slots[i % p->window].ready = 1;
        pthread_cond_broadcast(&p->produced);
        pthread_mutex_unlock(&p->mu);
    }
    ut_worker_free(w);
    return NULL;
}

int pool_default_threads(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* -j 1: the same contract without threads. */
static int run_inline(const ut_ruleset *rs, pool_source src, void *src_ud, pool_consume consume, void *ud) {
    ut_worker *w = ut_worker_new(rs);
    if (!w) return -1;
    int rc = 0;
    for (size_t i = 0; !rc; i++) {
        pool_item it = {0};
        if (!src(&it, src_ud)) break;
        pool_result r = {0};
        process(w, &it, &r);
        rc = consume(i, &r, ud) ? -1 : 0;
    }
    ut_worker_free(w);
    return rc;
}

int pool_run_source(const ut_ruleset *rs, pool_source src, void *src_ud, int threads, pool_consume consume,
                    void *ud) {
    if (threads <= 1) return run_inline(rs, src, src_ud, consume, ud);
    pool p = {.rs = rs, .src = src, .src_ud = src_ud, .window = (size_t)threads * 4};
    p.slots = calloc(p.window, sizeof *p.slots);
    if (!p.slots) return -1;
    pthread_mutex_init(&p.mu, NULL);
    pthread_mutex_init(&p.src_mu, NULL);
    pthread_cond_init(&p.produced, NULL);
    pthread_cond_init(&p.freed, NULL);
    pthread_t *tids = calloc((size_t)threads, sizeof *tids);
    int started = 0, rc = 0;
    for (int t = 0; tids && t < threads; t++)
        if (pthread_create(&tids[started], NULL, worker_main, &p) == 0) started++;
    if (!started) rc = -1;
    for (size_t i = 0; !rc; i++) {
        pthread_mutex_lock(&p.mu);
        slot *s = &p.slots[i % p.window];
        while (!s->ready && !(p.eof && i >= p.next)) pthread_cond_wait(&p.produced, &p.mu);
        if (!s->ready) { /* the source ended and every input was delivered */
            pthread_mutex_unlock(&p.mu);
            break;
        }
        pool_result r = s->r;
        s->ready = 0;
        memset(&s->r, 0, sizeof s->r);
        p.consumed++;
        pthread_cond_broadcast(&p.freed);
        pthread_mutex_unlock(&p.mu);
        if (consume(i, &r, ud)) rc = -1;
    }
    pthread_mutex_lock(&p.mu);
    p.stop = 1;
    pthread_cond_broadcast(&p.freed);
    pthread_mutex_unlock(&p.mu);
    for (int t = 0; t < started; t++) pthread_join(tids[t], NULL);
    /* results produced after an early stop are still owned here */
    for (size_t k = 0; k < p.window; k++)
        if (p.slots[k].ready) {
            ut_doc_free(p.slots[k].r.doc);
            free(p.slots[k].r.error);
        }
    free(tids);
    free(p.slots);
    pthread_mutex_destroy(&p.mu);
    pthread_mutex_destroy(&p.src_mu);
    pthread_cond_destroy(&p.produced);
    pthread_cond_destroy(&p.freed);
    return rc;
}

/* The source over a path array: each path, to be read by a worker. */
typedef struct path_source {
    char **paths;
    size_t n, i;
} path_source;

static int next_path(pool_item *it, void *ud) {
    path_source *s = ud;
    if (s->i >= s->n) return 0;
    const char *path = s->paths[s->i++];
    if (!(it->name = strdup(path)) && asprintf(&it->error, "%s: out of memory", path) < 0) it->error = NULL;
    return 1;
}

/* One input and several threads: a text document's matching is spread over
 * them (cli_extract); the output is the same as with one. */
static int run_one_split(const ut_ruleset *rs, const char *path, int threads, pool_consume consume, void *ud) {
    ut_worker **ws = calloc((size_t)threads, sizeof *ws);
    int nw = 0;
    while (ws && nw < threads && (ws[nw] = ut_worker_new(rs))) nw++;
    pool_result r = {0};
    size_t len;
    char *buf = nw ? cli_read_input(path, &len, &r.error) : NULL;
    if (buf) {
        ut_error err;
        r.doc = cli_extract(ws, (size_t)nw, path, buf, len, &err);
        if (!r.doc && asprintf(&r.error, "%s: %s", path, err.text) < 0) r.error = NULL;
    }
    if (!r.doc && !r.error && asprintf(&r.error, "%s: out of memory", path) < 0) r.error = NULL;
    for (int i = 0; i < nw; i++) ut_worker_free(ws[i]);
    free(ws);
    return consume(0, &r, ud) ? -1 : 0;
}

int pool_run(const ut_ruleset *rs, char **paths, size_t n, int threads, pool_consume consume, void *ud) {
    if (threads > 1 && n == 1) return run_one_split(rs, paths[0], threads, consume, ud);
    if ((size_t)threads > n) threads = n > 1 ? (int)n : 1; /* no idle threads */
    path_source s = {paths, n, 0};
    return pool_run_source(rs, next_path, &s, threads, consume, ud);
}
