/*
 * match.h — stage 3: run every enabled rule over the normalized text and
 * turn each match into a candidate through the rule's normalizer.
 *
 * Rules are compiled once (ruleset.c); this stage only matches.  The text
 * was validated as UTF-8 once by decode.c, so every pcre2_match runs with
 * PCRE2_NO_UTF_CHECK (without it a global match loop is quadratic).  Match
 * data and the JIT stack belong to the worker and are reused.
 */
#ifndef UT_MATCH_H
#define UT_MATCH_H
#include "rules/ruleset.h"
#include "engine/scan.h"

/* A worker's matching state, reused from document to document. */
typedef struct ut_scratch {
    pcre2_match_data *md;
    pcre2_match_context *mctx;     /* no offset limit: full scans, anchored tries */
    pcre2_match_context *mctx_win; /* its offset limit is set per window */
    pcre2_jit_stack *jit;
    ut_scan_hits hits;             /* the anchor pass of the current text */
    ut_window *win;                /* the sorted windows of a rule's out-of-order anchors (ut_scan_windows_begin) */
    size_t capwin;
    /* The anchor proof (prove.c) watches the full scan: called for every
     * match PCRE2 returns, kept or rejected; `at_resume` says it starts at
     * the offset a previous match of the rule ended at (or 0), where the
     * scan engine tries a \G rule anyway.  NULL in normal runs. */
    void (*observe)(void *ud, const ut_rule *r, size_t ms, size_t me, bool at_resume);
    void *observe_ud;
} ut_scratch;

int ut_scratch_init(ut_scratch *s, const ut_ruleset *rs);
void ut_scratch_free(ut_scratch *s);

/* Append the candidates of every enabled rule to `db`, with the engine
 * rs->engine (scan.h: anchors and windows; or every rule a full scan).
 * Both give the same candidates in the same order.  Rules that hit
 * the match limit are named in *warnings (arena string, or left NULL).
 * 0, or -1 on out of memory. */
int ut_match_all_rules(const ut_ruleset *rs, ut_scratch *s, ut_docbuild *db, char **warnings);

/* Add a candidate slot to db (zeroed, arena set). NULL on out of memory. */
ut_cand *ut_docbuild_push(ut_docbuild *db);
#endif
