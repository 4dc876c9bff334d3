/* pool.c — ordered parallel extraction; see pool.h. */
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
    char **paths;
    size_t n, next, consumed, window;
    slot *slots;
    int stop;
    pthread_mutex_t mu;
    pthread_cond_t produced, freed;
} pool;

static void extract_one(ut_worker *w, const char *path, pool_result *r) {
    size_t len;
    char *msg = NULL;
    char *buf = cli_read_input(path, &len, &msg);
    if (!buf) {
        r->error = msg;
        return;
    }
    ut_error err;
    r->doc = cli_extract(w, path, buf, len, &err);
    free(buf);
    if (!r->doc && asprintf(&r->error, "%s: %s", path, err.text) < 0) r->error = NULL;
}

static void *worker_main(void *arg) {
    pool *p = arg;
    ut_worker *w = ut_worker_new(p->rs);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->next < p->n && p->next >= p->consumed + p->window)
            pthread_cond_wait(&p->freed, &p->mu);
        if (p->stop || p->next >= p->n) break;
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);
        pool_result r = {0};
        if (w) extract_one(w, p->paths[i], &r);
        if (!r.doc && !r.error && asprintf(&r.error, "%s: out of memory", p->paths[i]) < 0) r.error = NULL;
        pthread_mutex_lock(&p->mu);
        p->slots[i % p->window].r = r;
        p->slots[i % p->window].ready = 1;
        pthread_cond_broadcast(&p->produced);
    }
    pthread_mutex_unlock(&p->mu);
    ut_worker_free(w);
    return NULL;
}

int pool_default_threads(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* -j 1: the same contract without threads. */
static int run_inline(const ut_ruleset *rs, char **paths, size_t n, pool_consume consume, void *ud) {
    ut_worker *w = ut_worker_new(rs);
    if (!w) return -1;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        pool_result r = {0};
        extract_one(w, paths[i], &r);
        if (!r.doc && !r.error && asprintf(&r.error, "%s: out of memory", paths[i]) < 0) r.error = NULL;
        rc = consume(i, &r, ud) ? -1 : 0;
    }
    ut_worker_free(w);
    return rc;
}

/* One input and several threads: a text document's matching is spread over
 * them (cli_extract_split); the output is the same as with one. */
static int run_one_split(const ut_ruleset *rs, const char *path, int threads, pool_consume consume, void *ud) {
    ut_worker **ws = calloc((size_t)threads, sizeof *ws);
    int nw = 0;
    while (ws && nw < threads && (ws[nw] = ut_worker_new(rs))) nw++;
    pool_result r = {0};
    size_t len;
    char *buf = nw ? cli_read_input(path, &len, &r.error) : NULL;
    if (buf) {
        ut_error err;
        r.doc = cli_extract_split(ws, (size_t)nw, path, buf, len, &err);
        free(buf);
        if (!r.doc && asprintf(&r.error, "%s: %s", path, err.text) < 0) r.error = NULL;
    }
    if (!r.doc && !r.error && asprintf(&r.error, "%s: out of memory", path) < 0) r.error = NULL;
    for (int i = 0; i < nw; i++) ut_worker_free(ws[i]);
    free(ws);
    return consume(0, &r, ud) ? -1 : 0;
}

int pool_run(const ut_ruleset *rs, char **paths, size_t n, int threads, pool_consume consume, void *ud) {
    if (threads > 1 && n == 1) return run_one_split(rs, paths[0], threads, consume, ud);
    if (threads <= 1 || n <= 1) return run_inline(rs, paths, n, consume, ud);
    pool p = {.rs = rs, .paths = paths, .n = n, .window = (size_t)threads * 4};
    p.slots = calloc(p.window, sizeof *p.slots);
    if (!p.slots) return -1;
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.produced, NULL);
    pthread_cond_init(&p.freed, NULL);
    pthread_t *tids = calloc((size_t)threads, sizeof *tids);
    int started = 0, rc = 0;
    for (int t = 0; tids && t < threads; t++)
        if (pthread_create(&tids[started], NULL, worker_main, &p) == 0) started++;
    if (!started) rc = -1;
    for (size_t i = 0; !rc && i < n; i++) {
        pthread_mutex_lock(&p.mu);
        slot *s = &p.slots[i % p.window];
        while (!s->ready) pthread_cond_wait(&p.produced, &p.mu);
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
    pthread_cond_destroy(&p.produced);
    pthread_cond_destroy(&p.freed);
    return rc;
}
