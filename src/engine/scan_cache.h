/*
 * scan_cache.h — the compiled anchor database (scan.h), kept on disk
 * between runs.
 *
 * Why: Vectorscan takes about 0.3 s to compile the bundled rules' anchors,
 * longer than extracting a few megabytes, and a run over many files is
 * often many processes (`parallel -X`, `--shard`).  The compiled bytes
 * depend only on the expressions, their flags and ids, the Vectorscan
 * version and the CPU, so they are stored under the SHA-256 of the first
 * three and the version; Vectorscan itself refuses a database built for
 * another CPU, and then the anchors are compiled as if there were no
 * cache.  A cache never changes a result, only the start-up time.
 *
 * Where: $UTDRAG_CACHE_DIR, else $XDG_CACHE_HOME/utdrag, else
 * $HOME/.cache/utdrag; UTDRAG_CACHE_DIR=off (or empty) turns it off.  A
 * file is written whole to a temporary name and renamed, so a reader
 * never sees half of one; a file that cannot be read or written is
 * ignored (best effort: the library never fails a load for its cache).
 */
#ifndef UT_SCAN_CACHE_H
#define UT_SCAN_CACHE_H
#include <hs/hs.h>

#define UT_SCAN_CACHE_KEY 32

/* The key of a database compiled from these n expressions, flags, ids. */
void ut_scan_cache_key(const char *const *exprs, const unsigned *flags, const unsigned *ids, unsigned n,
                       unsigned char key[UT_SCAN_CACHE_KEY]);

/* The database stored under key: NEW (hs_free_database), or NULL when
 * there is none, the cache is off, or Vectorscan refuses the bytes. */
hs_database_t *ut_scan_cache_load(const unsigned char key[UT_SCAN_CACHE_KEY]);

/* Store db (BORROWED) under key; silently does nothing on any failure. */
void ut_scan_cache_store(const unsigned char key[UT_SCAN_CACHE_KEY], const hs_database_t *db);
#endif
