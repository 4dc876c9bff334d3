/* match.c — stage 3b, rules to candidates; see match.h and scan.h. */
#include "engine/match.h"
#include "rules/match_view.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

int ut_scratch_init(ut_scratch *s, const ut_ruleset *rs) {
    memset(s, 0, sizeof *s);
    s->md = pcre2_match_data_create(rs->max_pairs, NULL);
    s->mctx = pcre2_match_context_create(NULL);
    s->mctx_win = pcre2_match_context_create(NULL);
    s->jit = pcre2_jit_stack_create(32 * 1024, 4 * 1024 * 1024, NULL);
    if (!s->md || !s->mctx || !s->mctx_win || !s->jit || ut_scan_hits_init(&s->hits, rs)) {
        ut_scratch_free(s);
        return -1;
    }
    /* Bounds so that a catastrophic user pattern cannot hang a run. */
    pcre2_match_context *ctx[2] = {s->mctx, s->mctx_win};
    for (int i = 0; i < 2; i++) {
        pcre2_set_match_limit(ctx[i], 5 * 1000 * 1000);
        pcre2_set_depth_limit(ctx[i], 100 * 1000);
        pcre2_set_heap_limit(ctx[i], 64 * 1024); /* KiB */
        pcre2_jit_stack_assign(ctx[i], NULL, s->jit);
    }
    return 0;
}

void ut_scratch_free(ut_scratch *s) {
    pcre2_match_data_free(s->md);
    pcre2_match_context_free(s->mctx);
    pcre2_match_context_free(s->mctx_win);
    pcre2_jit_stack_free(s->jit);
    ut_scan_hits_free(&s->hits);
    free(s->win);
    memset(s, 0, sizeof *s);
}

/* ---- running the rules ------------------------------------------------ */

static size_t next_char(const ut_text *t, size_t i) {
    i++;
    while (i < t->len && ((unsigned char)t->s[i] & 0xC0) == 0x80) i++;
    return i;
}

static int match_failed(const ut_rule *r, ut_docbuild *db, char **warnings, int rc, size_t at) {
    PCRE2_UCHAR msg[160];
    pcre2_get_error_message(rc, msg, sizeof msg);
    char *w = ut_arena_printf(db->arena, "%srule '%s' (%s:%d) stopped at byte %zu: %s\n", *warnings ? *warnings : "",
                              r->id, r->file, r->line, at, (char *)msg);
    if (!w) return -1;
    *warnings = w;
    return 0;
}

/* The match in s->md (rc from pcre2_match) becomes a candidate through
 * the rule's normalizer, or is rejected.  *off is where the search goes
 * on; *stop is set when the match ended the text.  0, or -1 on OOM. */
static int take_match(const ut_ruleset *rs, const ut_rule *r, ut_scratch *s, ut_docbuild *db, int rc, size_t *off,
                      bool *stop) {
    const ut_text *t = db->norm;
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
    ut_match m = {r, rs, t, ov, (uint32_t)rc};
    PCRE2_SIZE ms = ov[0], me = ov[1];
    bool rejected = false;
    ut_cand *c = ut_docbuild_push(db);
    if (!c) return -1;
    c->rule = r;
    c->priority = r->priority;
    c->group = r->group;
    c->f.rule = r->id;
    c->f.type = r->ex ? r->ex->type : "skip";
    c->nstart = ms;
    c->nend = me;
    int keep = r->norm->fn(&m, c);
    if (keep < 0) return -1;
    if (!keep || c->nend <= c->nstart) { /* rejected: forget the slot */
        db->n--;
        rejected = true;
    } else if (!c->f.value && r->ex) {
        if (ut_cand_value_n(c, t->s + c->nstart, c->nend - c->nstart)) return -1;
    }
    /* advance past the match; past an empty or rejected one by one
     * character only, so that a shorter match inside it still counts
     * (`2019 till 24 procent` is no range, but `24 procent` is a share) */
    *off = me > ms && !rejected ? me : next_char(t, ms);
    *stop = ms < me && me == t->len && !rejected;
    return 0;
}

/* The reference engine: the rule as one full scan of the text. */
static int run_rule_full(const ut_ruleset *rs, const ut_rule *r, ut_scratch *s, ut_docbuild *db, char **warnings) {
    const ut_text *t = db->norm;
    size_t off = 0;
    bool stop = false;
    while (off <= t->len && !stop) {
        int rc = pcre2_match(r->code, (PCRE2_SPTR)t->s, t->len, off, PCRE2_NO_UTF_CHECK, s->md, s->mctx);
        if (rc == PCRE2_ERROR_NOMATCH) break;
        if (rc < 0) return match_failed(r, db, warnings, rc, off);
        if (s->observe) {
            const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
            s->observe(s->observe_ud, r, ov[0], ov[1], ov[0] == off);
        }
        if (take_match(rs, r, s, db, rc, &off, &stop)) return -1;
    }
    return 0;
}

/* The scan engine: the rule tried only at start positions inside its
 * windows (scan.h), in the order the full scan tries them.  `from` is the
 * next position to try; `fresh` says a match just ended there, so that a
 * full scan would try it first with \G true there: a rule with \G tries
 * it anchored with its real pattern, and searches windows with the \G-free
 * twin (\G is false at every later position of a full scan). */
static int run_rule_windows(const ut_ruleset *rs, const ut_rule *r, ut_scratch *s, ut_docbuild *db, char **warnings) {
    const ut_text *t = db->norm;
    ut_window_iter it;
    if (ut_scan_windows_begin(&it, r, &s->hits, t->s, t->len, &s->win, &s->capwin)) return -1;
    ut_window w;
    bool have = ut_scan_windows_next(&it, &w);
    const pcre2_code *search = r->code_nog ? r->code_nog : r->code;
    const pcre2_code *at_one = r->code_nog ? r->code_nog_at : r->code_at;
    size_t from = 0;
    bool fresh = true, stop = false;
    while (from <= t->len && !stop) {
        int rc;
        if (r->code_nog && fresh) {
            fresh = false;
            rc = pcre2_match(r->code_at, (PCRE2_SPTR)t->s, t->len, from, PCRE2_NO_UTF_CHECK, s->md, s->mctx);
            if (rc >= 0) {
                if (take_match(rs, r, s, db, rc, &from, &stop)) return -1;
                fresh = true;
                continue;
            }
            if (rc != PCRE2_ERROR_NOMATCH) return match_failed(r, db, warnings, rc, from);
            from = next_char(t, from);
            continue;
        }
        while (have && w.hi < from) have = ut_scan_windows_next(&it, &w);
        if (!have) break;
        size_t at = w.lo > from ? w.lo : from;
        if (at == w.hi) /* one position: an anchored try */
            rc = r->at_one_jit ? pcre2_jit_match(at_one, (PCRE2_SPTR)t->s, t->len, at, 0, s->md, s->mctx)
                               : pcre2_match(at_one, (PCRE2_SPTR)t->s, t->len, at, PCRE2_NO_UTF_CHECK, s->md, s->mctx);
        else {
            pcre2_set_offset_limit(s->mctx_win, w.hi);
            rc = r->search_jit ? pcre2_jit_match(search, (PCRE2_SPTR)t->s, t->len, at, 0, s->md, s->mctx_win)
                               : pcre2_match(search, (PCRE2_SPTR)t->s, t->len, at, PCRE2_NO_UTF_CHECK, s->md, s->mctx_win);
        }
        if (rc == PCRE2_ERROR_NOMATCH) {
            from = w.hi < t->len ? next_char(t, w.hi) : t->len + 1;
            have = ut_scan_windows_next(&it, &w);
            continue;
        }
        if (rc < 0) return match_failed(r, db, warnings, rc, at);
        if (take_match(rs, r, s, db, rc, &from, &stop)) return -1;
        fresh = true;
    }
    return 0;
}

int ut_match_all_rules(const ut_ruleset *rs, ut_scratch *s, ut_docbuild *db, char **warnings) {
    /* a rule that cannot match this text is skipped without running its
     * regex (prefilter.h) */
    ut_bytecheck seen;
    ut_bytecheck_init(&seen, db->norm->s, db->norm->len);
    /* the one pass over all anchors; if it cannot run (out of memory, a
     * text over 4 GB), every rule takes the full scan: same output */
    double t0 = ut_now_ms();
    bool scan = rs->engine == UT_ENGINE_SCAN && rs->scan && !ut_scan_run(rs, &s->hits, db->norm->s, db->norm->len);
    db->scan_ms += ut_now_ms() - t0;
    for (size_t i = 0; i < rs->nrules; i++) {
        const ut_rule *r = &rs->rules[i];
        if (!r->enabled || !ut_prefilter_may_match(&r->pre, &seen)) continue;
        int rc = scan && r->nanchors ? run_rule_windows(rs, r, s, db, warnings) : run_rule_full(rs, r, s, db, warnings);
        if (rc) return -1;
    }
    return 0;
}
