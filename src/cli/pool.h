/*
 * pool.h — process documents on N threads, deliver results in input order.
 *
 * Why: extraction is CPU-bound and documents are independent, but output
 * must be the same bytes whatever -j is.  Workers take the next input,
 * extract it with their own ut_worker, and park the result in a bounded
 * reorder window; the calling thread consumes results strictly in order.
 * The window (a few documents per thread) bounds memory: a run never
 * holds more than that many documents, however many files it has.
 *
 * Inputs come from a source: a callback that hands out the next document
 * (a path to read, or a name and its bytes, e.g. one JSON Lines record),
 * so a stream of unknown length (standard input) is extracted as it
 * arrives, never read whole first.  pool_run is the source over a path
 * array; a run of ONE path (a single big file) splits that document's
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

/* One input as a source hands it out.  Every pointer is NEW and the pool
 * takes it over (frees it):
 *   error  set: this input failed before extraction (a bad record); it is
 *          delivered as the result in its place, in order; the rest unset;
 *   name   what the output calls the document (ut_doc_name);
 *   bytes  its text, `len` bytes, extracted as text (ut_extract, never as
 *          a PDF); NULL: `name` is a path, read by a worker (cli_read_input,
 *          PDFs by magic or name as cli_extract);
 *   where  optional: how messages about it name it (else `name`). */
typedef struct pool_item {
    char *name, *bytes, *where, *error;
    size_t len;
} pool_item;

/* Fill `*it` (zeroed by the caller) with the next input and return 1, or
 * return 0 at the end.  Called on one thread at a time, but not always the
 * same one (worker threads, or the calling thread with one thread), and
 * only when the reorder window has room: it may block (reading a pipe). */
typedef int (*pool_source)(pool_item *it, void *ud);

/* Run extraction of the source's inputs on `threads` threads.  0, or -1 if
 * the threads could not be started or a consumer asked to stop (the source
 * is then not read to its end). */
int pool_run_source(const ut_ruleset *rs, pool_source src, void *src_ud, int threads, pool_consume consume,
                    void *ud);

/* Run extraction of paths[0..n) (BORROWED) on `threads` threads; same
 * return as pool_run_source. */
int pool_run(const ut_ruleset *rs, char **paths, size_t n, int threads, pool_consume consume, void *ud);

/* Number of online processors (at least 1). */
int pool_default_threads(void);
#endif
