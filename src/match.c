/* match.c — stage 3, rules to candidates; see match.h. */
#include "match.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct ut_match {
    const ut_rule *rule;
    const ut_ruleset *rs;
    const ut_text *text;
    const PCRE2_SIZE *ov;
    uint32_t pairs;
};

int ut_scratch_init(ut_scratch *s, const ut_ruleset *rs) {
    memset(s, 0, sizeof *s);
    s->md = pcre2_match_data_create(rs->max_pairs, NULL);
    s->mctx = pcre2_match_context_create(NULL);
    s->jit = pcre2_jit_stack_create(32 * 1024, 4 * 1024 * 1024, NULL);
    if (!s->md || !s->mctx || !s->jit) {
        ut_scratch_free(s);
        return -1;
    }
    /* Bounds so that a catastrophic user pattern cannot hang a run. */
    pcre2_set_match_limit(s->mctx, 5 * 1000 * 1000);
    pcre2_set_depth_limit(s->mctx, 100 * 1000);
    pcre2_set_heap_limit(s->mctx, 64 * 1024); /* KiB */
    pcre2_jit_stack_assign(s->mctx, NULL, s->jit);
    return 0;
}

void ut_scratch_free(ut_scratch *s) {
    pcre2_match_data_free(s->md);
    pcre2_match_context_free(s->mctx);
    pcre2_jit_stack_free(s->jit);
    memset(s, 0, sizeof *s);
}

ut_cand *ut_docbuild_push(ut_docbuild *db) {
    if (db->n == db->cap) {
        size_t cap = db->cap ? db->cap * 2 : 64;
        ut_cand *c = realloc(db->c, cap * sizeof *c);
        if (!c) return NULL;
        db->c = c;
        db->cap = cap;
    }
    ut_cand *c = &db->c[db->n++];
    memset(c, 0, sizeof *c);
    c->arena = db->arena;
    return c;
}

/* ---- the normalizer's view of a match ---------------------------------- */

const char *ut_match_group(const ut_match *m, const char *name, size_t *len) {
    int n = pcre2_substring_number_from_name(m->rule->code, (PCRE2_SPTR)name);
    if (n < 0) {
        /* duplicate names ((?J)) are not used; an unknown name is unset */
        return NULL;
    }
    if ((uint32_t)n >= m->pairs) return NULL;
    PCRE2_SIZE a = m->ov[2 * n], b = m->ov[2 * n + 1];
    if (a == PCRE2_UNSET || b < a) return NULL;
    if (len) *len = b - a;
    return m->text->s + a;
}

const char *ut_match_all(const ut_match *m, size_t *len) {
    if (len) *len = m->ov[1] - m->ov[0];
    return m->text->s + m->ov[0];
}

const ut_text *ut_match_text(const ut_match *m, size_t *start, size_t *end) {
    if (start) *start = m->ov[0];
    if (end) *end = m->ov[1];
    return m->text;
}

const char *ut_match_lex(const ut_match *m, const char *lexicon, const char *word, size_t len) {
    return ut_match_lex_ocr(m, lexicon, word, len, NULL);
}

const char *ut_match_lex_ocr(const ut_match *m, const char *lexicon, const char *word, size_t len, bool *ocr) {
    const ut_lexicon *lx = ut_ruleset_lexicon(m->rs, lexicon);
    if (ocr) *ocr = false;
    return lx ? ut_lexicon_get_ocr(lx, m->rs->confusions, word, len, ocr) : NULL;
}

const char *ut_match_args(const ut_match *m) { return m->rule->args ? m->rule->args : ""; }

/* ---- running the rules ------------------------------------------------ */

static int run_rule(const ut_ruleset *rs, const ut_rule *r, ut_scratch *s, ut_docbuild *db, char **warnings) {
    const ut_text *t = db->norm;
    PCRE2_SIZE off = 0;
    uint32_t opts = PCRE2_NO_UTF_CHECK;
    while (off <= t->len) {
        int rc = pcre2_match(r->code, (PCRE2_SPTR)t->s, t->len, off, opts, s->md, s->mctx);
        if (rc == PCRE2_ERROR_NOMATCH) break;
        if (rc < 0) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(rc, msg, sizeof msg);
            char *w = ut_arena_printf(db->arena, "%srule '%s' (%s:%d) stopped at byte %zu: %s\n",
                                      *warnings ? *warnings : "", r->id, r->file, r->line, (size_t)off, (char *)msg);
            if (!w) return -1;
            *warnings = w;
            break;
        }
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
        ut_match m = {r, rs, t, ov, (uint32_t)rc};
        PCRE2_SIZE ms = ov[0], me = ov[1];
        bool rejected = false;
        {
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
            }
            else if (!c->f.value && r->ex) {
                if (ut_cand_value_n(c, t->s + c->nstart, c->nend - c->nstart)) return -1;
            }
        }
        /* advance past the match; past an empty or rejected one by one
         * character only, so that a shorter match inside it still counts
         * (`2019 till 24 procent` is no range, but `24 procent` is a share) */
        if (me > ms && !rejected) off = me;
        else {
            off = ms + 1;
            while (off < t->len && ((unsigned char)t->s[off] & 0xC0) == 0x80) off++;
        }
        if (ms < me && me == t->len && !rejected) break;
    }
    return 0;
}

int ut_match_all_rules(const ut_ruleset *rs, ut_scratch *s, ut_docbuild *db, char **warnings) {
    /* a rule that cannot match this text is skipped without running its
     * regex (prefilter.h) */
    ut_bytecheck seen;
    ut_bytecheck_init(&seen, db->norm->s, db->norm->len);
    for (size_t i = 0; i < rs->nrules; i++) {
        const ut_rule *r = &rs->rules[i];
        if (!r->enabled || !ut_prefilter_may_match(&r->pre, &seen)) continue;
        if (run_rule(rs, r, s, db, warnings)) return -1;
    }
    return 0;
}
