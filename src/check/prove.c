/*
 * prove.c — the proof of the rules' anchor declarations (scan.h).
 *
 * The scan engine gives the full scan's output only if every match the
 * full scan finds lies within the window of an anchor hit.  That is a
 * claim about texts, so it is checked on texts: a document is decoded and
 * normalized as for extraction, the anchor pass runs, then every anchored
 * rule runs as a full scan while an observer checks each match PCRE2
 * returns (kept or rejected by the normalizer: both steer the scan) with
 * ut_scan_covers.  A miss is reported with the window that would have
 * covered it, so that a rule's author sees how far to widen it.
 */
#include <stdlib.h>
#include <string.h>

#include "input/decode.h"
#include "engine/match.h"
#include "text/normalize.h"
#include "base/util.h"

typedef struct prover {
    const ut_ruleset *rs;
    const ut_text *norm;
    const ut_scan_hits *hits;
    const char *doc;
    void (*report)(const ut_anchor_miss *m, void *ud);
    void *ud;
    long misses;
} prover;

/* The anchor of r and the smallest window (before + after) of one of its
 * hits that would let a match start at ms, searched among hits ending
 * within 4000 bytes; NULL when no hit is that near. */
static const ut_anchor *suggest(const ut_rule *r, const ut_scan_hits *h, size_t ms, size_t me, unsigned *before,
                                unsigned *after) {
    size_t best = (size_t)-1;
    const ut_anchor *near = NULL;
    *before = *after = 0;
    for (size_t k = 0; k < r->nanchors; k++) {
        const ut_anchor *a = &r->anchors[k];
        size_t nh;
        const ut_hit *v = ut_scan_hits_of(h, a->expr, &nh);
        for (size_t i = 0; i < nh; i++) {
            size_t e = v[i].end, hs = v[i].from;
            if (e + 4000 < ms || e > me + 4000) continue;
            size_t b = hs > ms ? hs - ms : 0, f = ms > e ? ms - e : 0;
            if (b + f < best) {
                best = b + f;
                near = a;
                *before = (unsigned)b;
                *after = (unsigned)f;
            }
        }
    }
    return near;
}

static void observe(void *ud, const ut_rule *r, size_t ms, size_t me, bool at_resume) {
    prover *p = ud;
    if (!r->nanchors) return;
    if (at_resume && r->code_nog) return; /* tried there anyway (match.c) */
    if (ut_scan_covers(r, p->hits, ms)) return;
    p->misses++;
    if (!p->report) return;
    ut_anchor_miss m = {.rule = r->id, .file = r->file, .doc = p->doc, .start = ms, .end = me,
                        .text = p->norm->s + ms, .len = me - ms};
    /* the line of the declaration to widen: the nearest anchor's */
    const ut_anchor *a = suggest(r, p->hits, ms, me, &m.need_before, &m.need_after);
    if (!a) a = &r->anchors[0];
    m.line = a->window_line;
    if (!a->start) {
        m.need_before = m.need_before > a->before ? m.need_before : a->before;
        m.need_after = m.need_after > a->after ? m.need_after : a->after;
    }
    p->report(&m, p->ud);
}

long ut_ruleset_prove_anchors(const ut_ruleset *rs, const char *name, const void *bytes, size_t len,
                              void (*report)(const ut_anchor_miss *m, void *ud), void *ud, ut_error *err) {
    ut_error dummy;
    if (!err) err = &dummy;
    memset(err, 0, sizeof *err);
    if (!rs->scan) return 0;
    ut_text decoded = {0}, norm = {0};
    const char *enc;
    /* a padded copy: decoding may alias it as the matched text (text.h) */
    char *copy = malloc(len + 1 + UT_TEXT_PAD);
    if (!copy) {
        snprintf(err->file, sizeof err->file, "%s", name);
        snprintf(err->text, sizeof err->text, "out of memory");
        return -1;
    }
    memcpy(copy, bytes, len);
    ut_text_pad(copy, len);
    if (ut_decode(copy, len, &decoded, &enc, err)) {
        snprintf(err->file, sizeof err->file, "%s", name);
        free(copy);
        return -1;
    }
    long rc = -1;
    ut_scratch s;
    ut_arena arena;
    ut_arena_init(&arena);
    bool have_scratch = false;
    if (ut_normalize(&decoded, ut_ruleset_lexicon(rs, "hyphen_keep"), &norm)) goto out;
    if (ut_scratch_init(&s, rs)) goto out;
    have_scratch = true;
    if (ut_scan_run(rs, &s.hits, norm.s, norm.len)) goto out;
    prover p = {rs, &norm, &s.hits, name, report, ud, 0};
    s.observe = observe;
    s.observe_ud = &p;
    /* the full scan of every anchored rule, on a copy set to the reference
     * engine (the rule set itself is shared and stays as it is) */
    ut_ruleset ref = *rs;
    ref.engine = UT_ENGINE_REFERENCE;
    ut_docbuild db = {.norm = &norm, .arena = &arena};
    char *warnings = NULL;
    int m = ut_match_all_rules(&ref, &s, &db, &warnings);
    free(db.c);
    if (!m) rc = p.misses;
out:
    if (rc < 0 && !err->text[0]) {
        snprintf(err->file, sizeof err->file, "%s", name);
        snprintf(err->text, sizeof err->text, "out of memory");
    }
    if (have_scratch) ut_scratch_free(&s);
    ut_arena_clear(&arena);
    ut_text_release(&norm);
    ut_text_release(&decoded);
    free(copy);
    return rc;
}

long ut_ruleset_prove_examples(const ut_ruleset *rs, void (*report)(const ut_anchor_miss *m, void *ud), void *ud,
                               ut_error *err) {
    long misses = 0;
    for (size_t i = 0; i < rs->nrules; i++)
        for (size_t k = 0; k < rs->rules[i].nexamples; k++) {
            const ut_example *ex = &rs->rules[i].examples[k];
            long n = ut_ruleset_prove_anchors(rs, "example", ex->text, strlen(ex->text), report, ud, err);
            if (n < 0) {
                snprintf(err->file, sizeof err->file, "%s", rs->rules[i].file);
                err->line = ex->line;
                return -1;
            }
            misses += n;
        }
    return misses;
}
