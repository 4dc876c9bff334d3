/*
 * scan.h — stage 3a: ONE pass over the text for the anchors of all rules,
 * and the windows in which each rule's regex is then tried (match.c).
 *
 * Stage engine/ (src/README.md) owns running the rules on one document:
 * the anchor database (built at load, load.c), the one scan, the windowed
 * PCRE2 tries (match.c), chunks across threads (chunk.c) and overlap
 * resolution (resolve.c).  Its output is the resolved candidates.
 *
 * Why: a rule set of ~90 PCRE2 patterns, each a full scan of the text,
 * costs ~90 scans per document.  Instead every rule declares in its rule
 * file what each of its matches contains and how far a match may reach
 * from it:
 *
 *     anchor   {dnr_label}          a regex (literals, lexicons, classes)
 *     anchor   @number              or a token: where a digit run starts
 *     window   -40 +0               where a match may start: at most 40
 *                                   bytes before the hit's start, at
 *                                   most 0 after its end
 *     start    anchor               (instead of window) every match
 *                                   starts where a hit starts
 *
 * A `window` or `start` line declares every anchor above it not yet
 * declared, so each anchor has its own window (ut_anchor.before/after/
 * start) and a rule may mix exact starts with searched windows.
 *
 * The regex anchors of all rules are compiled into one Vectorscan
 * database (block mode; a hit of a bounded anchor starts at most
 * `max_width` bytes before its end; a lexicon of multi-word phrases,
 * unbounded only through the \s+ between its words, starts at most
 * `max_width` bytes before its end not counting white space, found by
 * walking back; only an anchor unbounded otherwise is compiled with
 * leftmost start-of-match, which halves the speed of the whole database;
 * a `start anchor` of varying width is tried at every start its widths
 * allow), and the tokens are
 * found by one hand-written loop.  A rule's regex then runs only at start
 * positions inside the union of its anchors' windows, with the full text
 * as subject (lookbehinds, lookaheads and the match's extent are those of
 * a full scan) and pcre2_set_offset_limit as the window's end.
 *
 * Why the output is the same as a full scan's: the full scan of a rule
 * finds, from each resume offset, the leftmost start position where the
 * pattern matches.  If every match the full scan finds starts inside a
 * window (what `utdrag rules test` proves on the examples and a corpus),
 * the positions outside the windows are positions where no match starts,
 * and skipping them changes nothing.  Two PCRE2 features see the search's
 * start: \G (the rule keeps a \G-free twin for window searches, and the
 * resume offset itself is always tried with the real pattern) and \K
 * (not used by the bundled rules; a rule with \K needs its window to hold
 * the start of the attempt, which the proof checks as the reported start).
 *
 * A rule without anchors is matched by a full scan, as before: a user's
 * rule works without knowing any of this.
 */
#ifndef UT_SCAN_H
#define UT_SCAN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules/ruleset.h"

typedef struct ut_scan_db ut_scan_db;

/* Compile the regex anchors of every rule in rs into rs->scan (NEW, owned
 * by rs; left NULL when no rule has one), and fill each anchor's expr and
 * widths.  0, or -1 with err naming the anchor's rule-file line. */
int ut_scan_db_build(ut_ruleset *rs, ut_error *err);
void ut_scan_db_free(ut_scan_db *db);
/* Number of distinct regex anchors in the database (0 for NULL). */
unsigned ut_scan_db_size(const ut_scan_db *db);

/* Hits of one pass, one list per expression (ut_scan_hits_of), each by
 * ascending end: Vectorscan reports hits in that order, and each goes
 * straight to its expression's list (no list of all hits to sort out
 * afterwards).  The tokens come after the regex expressions, as
 * expressions nexpr (@number), nexpr+1 (@capital), nexpr+2 (@capitals),
 * nexpr+3 (@initial) and nexpr+4 (@name): UT_TOKEN_KINDS of them; their
 * positions are where the token starts. */
/* Offsets are 32-bit: a text is at most UT_MAX_INPUT (util.h) bytes, and
 * a dense anchor hits every few bytes, so the hit lists are the engine's
 * largest memory after the text itself (8 bytes a hit). */
typedef struct ut_hit {
    uint32_t from, end; /* from: the hit's start, or the earliest it can be */
} ut_hit;

typedef struct ut_hit_list {
    ut_hit *v;
    size_t n, cap;
} ut_hit_list;

typedef struct ut_scan_hits {
    void *hs_scratch;  /* hs_scratch_t, for this worker's thread */
    ut_hit_list *list; /* nexpr + UT_TOKEN_KINDS lists (regex expressions, then the tokens); kept between runs */
    unsigned nexpr;
    bool overflow; /* a hit list could not grow: out of memory */
} ut_scan_hits;

/* The hits of expression e of the last ut_scan_run: *n of them (BORROWED). */
static inline const ut_hit *ut_scan_hits_of(const ut_scan_hits *h, unsigned e, size_t *n) {
    *n = h->list ? h->list[e].n : 0;
    return h->list ? h->list[e].v : NULL;
}

/* A run of start positions lo..hi (inclusive) where one rule is tried. */
typedef struct ut_window {
    size_t lo, hi;
} ut_window;

int ut_scan_hits_init(ut_scan_hits *h, const ut_ruleset *rs);
void ut_scan_hits_free(ut_scan_hits *h);

/* One pass over s[0..len) (valid UTF-8) for every anchor of rs.
 * 0, or -1 on out of memory or a Vectorscan error. */
int ut_scan_run(const ut_ruleset *rs, ut_scan_hits *h, const char *s, size_t len);

/* The start windows of rule r from the hits of the last ut_scan_run over
 * s[0..len), one at a time and in order: sorted, disjoint, every lo on a
 * character boundary (for a `start anchor` rule each window is one
 * position).  They are made from the hit lists as they are needed — each
 * anchor's hits are one run in order of start, and the runs are merged —
 * so a rule tried at every capital needs no array of a million windows.
 * Only an anchor whose hits are not in order of start (a start found by
 * walking back, or reported) has its windows sorted into *buf, a buffer
 * reused between rules (realloc'ed; the caller frees it). */
#define UT_WINDOW_RUNS 16
typedef struct ut_window_iter {
    const char *s;
    size_t len;
    size_t nruns;
    struct ut_window_run {
        const ut_anchor *a; /* NULL: the windows are sorted in the buffer */
        const ut_hit *hit;
        size_t at, n; /* next and end, in hit[] or the buffer */
        ut_window head; /* the run's next window */
    } run[UT_WINDOW_RUNS];
    const ut_window *sorted; /* the buffer */
    ut_window cur;
    bool have_cur;
} ut_window_iter;
/* 0, or -1 on out of memory. */
int ut_scan_windows_begin(ut_window_iter *it, const ut_rule *r, const ut_scan_hits *h, const char *s, size_t len,
                          ut_window **buf, size_t *cap);
/* The next window into *w; false when there is none. */
bool ut_scan_windows_next(ut_window_iter *it, ut_window *w);

/* All the windows at once into *w (realloc'ed; the caller frees it): the
 * tests look at them.  Number of windows, or -1 on out of memory. */
long ut_scan_rule_windows(const ut_rule *r, const ut_scan_hits *h, const char *s, size_t len, ut_window **w,
                          size_t *cap);

/* Whether a match starting at ms starts in the declared window of one of
 * rule r's hits (the proof of `utdrag rules test`): hit start - before <=
 * ms <= hit end + after, or ms at a hit start for `start anchor`.  Only
 * the start matters: the search runs over the whole text, so a match may
 * reach as far past its window as the pattern lets it. */
bool ut_scan_covers(const ut_rule *r, const ut_scan_hits *h, size_t ms);
#endif
