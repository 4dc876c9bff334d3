/* jobs.c — a few jobs at once; see jobs.h. */
#include "base/jobs.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

void ut_run_jobs(void *(*fn)(void *), void *jobs, size_t size, size_t n) {
    char *job = jobs;
    pthread_t *tid = n > 1 ? malloc((n - 1) * sizeof *tid) : NULL;
    bool *started = n > 1 ? calloc(n - 1, sizeof *started) : NULL;
    for (size_t k = 1; k < n && tid && started; k++)
        started[k - 1] = pthread_create(&tid[k - 1], NULL, fn, job + k * size) == 0;
    if (n) fn(job);
    for (size_t k = 1; k < n; k++) {
        if (started && started[k - 1]) pthread_join(tid[k - 1], NULL);
        else fn(job + k * size); /* no thread (or no memory for one): here */
    }
    free(tid);
    free(started);
}

size_t ut_share_count(size_t n, size_t min_share, size_t threads) {
    size_t k = min_share ? n / min_share : n;
    if (k > threads) k = threads;
    return k < 1 ? 1 : k;
}
