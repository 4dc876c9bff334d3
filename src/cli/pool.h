/*
 * pool.h — process documents on N threads, deliver results in input order.
 *
 * Why: extraction is CPU-bound and documents are independent, but output
 * must be the same bytes whatever -j is.  Workers take the next input,
 * extract it with their own ut_worker, and park the result in a bounded
 * reorder window; the calling thread consumes results strictly in order.
 * The window (a few documents per thread) bounds memory: a run never
 * holds more than that many documents, however many files it has.
 * A run of ONE document (a single big file) splits that document's
 * matching over the threads instead (ut_extract_parallel).
 */
#ifndef UT_POOL_H
#define UT_POOL_H
#include "cli.h"

/* One input's outcome.  Exactly one of `doc` / `error` is set (a NEW
 * ut_doc, or a NEW message naming the input); both NULL never happens. */
typedef struct pool_result {
    ut_doc *doc;
    char *error;
} pool_result;

/* Called on the calling thread, in input order; it takes ownership of the
 * result's doc and error.  Return non-zero to stop early. */
typedef int (*pool_consume)(size_t index, pool_result *r, void *ud);

/* Run extraction of paths[0..n) on `threads` threads.  0, or -1 if the
 * threads could not be started or a consumer asked to stop. */
int pool_run(const ut_ruleset *rs, char **paths, size_t n, int threads, pool_consume consume, void *ud);

/* Number of online processors (at least 1). */
int pool_default_threads(void);
#endif
