/* match_view.c — the normalizer's view of a match (ut_match_* of plugin.h;
 * the struct: match_view.h). */
#include "rules/match_view.h"

const char *ut_match_group(const ut_match *m, const char *name, size_t *len) {
    int n = ut_rule_group(m->rule, name);
    if (n < 0) return NULL; /* an unknown name is unset (duplicate names, (?J), are not used) */
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

const char *ut_match_lex_suffix(const ut_match *m, const char *lexicon, const char *word, size_t len, size_t *at,
                                bool *ocr) {
    const ut_lexicon *lx = ut_ruleset_lexicon(m->rs, lexicon);
    if (ocr) *ocr = false;
    return lx ? ut_lexicon_suffix(lx, m->rs->confusions, word, len, at, ocr) : NULL;
}

const char *ut_match_args(const ut_match *m) { return m->rule->args ? m->rule->args : ""; }
