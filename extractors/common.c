/*
 * common.c — normalizers any field type may name in its rules.
 *
 *   text          value = the whole match, white space collapsed
 *   group NAME    value = named group NAME, white space collapsed; the
 *                 reported span is narrowed to that group
 *   lexicon LEX G value = the lexicon LEX's value for group G (reject if
 *                 the word is not in the lexicon); `ocr: true` when only
 *                 the OCR-tolerant comparison found it
 *   none          no value: for `skip` rules, which only claim text
 */
#include <string.h>

#include "extractor.h"

static int norm_text(const ut_match *m, ut_cand *c) {
    size_t n;
    const char *s = ut_match_all(m, &n);
    return ut_cand_value_n(c, s, n) ? -1 : 1;
}

static int norm_group(const ut_match *m, ut_cand *c) {
    size_t n, ms;
    const char *g = ut_match_group(m, ut_match_args(m), &n);
    if (!g || !n) return 0;
    const ut_text *t = ut_match_text(m, &ms, NULL);
    (void)ms;
    ut_cand_span(c, (size_t)(g - t->s), (size_t)(g - t->s) + n);
    return ut_cand_value_n(c, g, n) ? -1 : 1;
}

static int norm_lexicon(const ut_match *m, ut_cand *c) {
    char lex[64], grp[64];
    const char *args = ut_match_args(m);
    const char *sp = strchr(args, ' ');
    if (!sp || (size_t)(sp - args) >= sizeof lex || strlen(sp + 1) >= sizeof grp) return 0;
    memcpy(lex, args, (size_t)(sp - args));
    lex[sp - args] = 0;
    strcpy(grp, sp + 1);
    size_t n;
    const char *g = ut_match_group(m, grp, &n);
    if (!g) return 0;
    bool ocr;
    const char *v = ut_match_lex_ocr(m, lex, g, n, &ocr);
    if (!v) return 0;
    if (ocr && ut_cand_bool(c, "ocr", true)) return -1;
    return ut_cand_value(c, "%s", v) ? -1 : 1;
}

static int norm_none(const ut_match *m, ut_cand *c) {
    (void)m;
    (void)c;
    return 1;
}

const ut_normalizer ut_common_normalizers[] = {
    {"text", norm_text},
    {"group", norm_group},
    {"lexicon", norm_lexicon},
    {"none", norm_none},
    {NULL, NULL},
};

const ut_key ut_common_keys[] = {
    {"ocr", UT_KIND_BOOLEAN, 0}, /* read through OCR damage (a lexicon's tolerant look-up) */
    {NULL, 0, 0},
};
