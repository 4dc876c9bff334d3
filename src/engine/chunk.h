/*
 * chunk.h — the matching stage of ONE document on several threads.
 *
 * Why: with -j N and one big file, documents give no parallelism, yet
 * matching (PCRE2) is most of the time.  And on one thread too, a big
 * text matched in chunks holds the anchor hits of one chunk at a time
 * (a 200 MB file: 0.97 GB peak instead of 1.12).  The normalized text is cut into
 * chunks at paragraph breaks ("\n\n"; at line ends, then spaces, where a
 * text has none), each chunk is matched on its own thread through
 * ut_match_all_rules, and the chunks' own candidates are put together into
 * the candidates a single ut_match_all_rules over the whole text gives:
 * the same candidates, in chunk order (rule by rule within a chunk) rather
 * than rule order, which resolution does not depend on (resolve.c): it
 * finds the position runs either way.  Resolution and the document passes
 * then run once over the whole document (extract.c), so linking is
 * unchanged.
 *
 * How a match is never cut or doubled.  Chunk k owns the matches that
 * START in [b_k, b_k+1).  Its matching runs over a view that begins
 * CHUNK_BACK bytes before b_k (lookbehinds, a normalizer looking back at a
 * title) and ends well past b_k+1 (a match that runs over the cut, a
 * lookahead), so the last chunk's candidates just past each cut are what a
 * whole-text run finds there.  At every cut the two neighbours' candidates
 * in a window after it must agree one for one (that is where both scans
 * are known to be in step); the earlier chunk's are taken before the cut,
 * the later one's from it on.  If they do not agree (a match reaching
 * across the cut and over the window), or a chunk hit a rule's match
 * limit, the document is matched again on one thread: the result is
 * always that of ut_match_all_rules, only the speed differs.
 */
#ifndef UT_CHUNK_H
#define UT_CHUNK_H
#include <stdbool.h>

#include "engine/match.h"

/* What ut_match_split did, for tests and diagnostics. */
typedef struct ut_split_stats {
    size_t chunks;  /* chunks matched in parallel (1: not split) */
    bool fell_back; /* the seams did not agree: matched on one thread */
} ut_split_stats;

/* The default smallest chunk: below twice this a text is not split. */
#define UT_SPLIT_MIN_CHUNK (256u * 1024u)
/* The largest chunk, in smallest chunks (8 MB by default): a text longer
 * than twice that is cut even on one thread (n == 1), so that its anchor
 * hits (scan.h) are held for one chunk at a time. */
#define UT_SPLIT_BIG_FACTOR 32u

/* Append the candidates of every enabled rule over db->norm to `db`
 * (empty on entry), like ut_match_all_rules(rs, scratch[0], db, warnings)
 * but in chunk order,
 * using scratch[0..n) on n threads (scratch BORROWED, one per thread,
 * each used by one thread only).  `min_chunk` 0 means UT_SPLIT_MIN_CHUNK.
 * Candidate strings end up in db->arena.  `stats` may be NULL.
 * 0, or -1 on out of memory (or when no thread could be started). */
int ut_match_split(const ut_ruleset *rs, ut_scratch *const *scratch, size_t n, ut_docbuild *db, char **warnings,
                   size_t min_chunk, ut_split_stats *stats);
#endif
