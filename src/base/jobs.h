/*
 * jobs.h — run a few jobs at once, one thread each, the caller doing one.
 *
 * Why: the stages that share one big document between the workers (the
 * chunks' matching, merging them, resolving, placing the fields) all start
 * N-1 threads, do the first job on the calling thread, and wait; a job
 * whose thread cannot be started is done on the calling thread instead, so
 * the result never depends on how many threads there were.
 */
#ifndef UT_JOBS_H
#define UT_JOBS_H
#include <stddef.h>

/* Run fn on each of the n jobs at `jobs` (each `size` bytes, BORROWED):
 * job 0 on the calling thread, the others on threads of their own.
 * Returns when every job is done. */
void ut_run_jobs(void *(*fn)(void *), void *jobs, size_t size, size_t n);

/* How many shares to cut n items into for `threads` threads, each share at
 * least `min_share` items (below that a thread costs more than it saves):
 * 1 .. threads. */
size_t ut_share_count(size_t n, size_t min_share, size_t threads);
#endif
