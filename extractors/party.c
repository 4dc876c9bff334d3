/*
 * party.c — field type 'party' (GUIDE.md): the code of a party the
 * document names, or a local party's own name.
 *
 *   party.lookup GROUP  value = the party lexicon's code for the text of
 *                       GROUP; for group `name` (running text) only
 *                       entries of four letters or more count, so that a
 *                       code like `S` or `M` is taken only in parentheses;
 *                       a bare `moderat(a)` only before a post or a word
 *                       of politics (lexicon person_party_context)
 *   party.local         value = a local party's name as written, a
 *                       genitive -s dropped; rejected if the lexicon
 *                       knows the word (a national party)
 */
#include <string.h>

#include "extractor.h"
#include "person_int.h"

/* `moderat` alone is also the adjective "moderate" (`en moderat ökning`):
 * as a party it stands before a post or a word of politics. */
static bool ambiguous_adjective(const ut_match *m) {
    size_t n, ms, me;
    const char *w = ut_match_all(m, &n);
    if (!(n == 7 || n == 8) || strncmp(w, "moderat", 7) || (n == 8 && w[7] != 'a')) return false;
    const ut_text *t = ut_match_text(m, &ms, &me);
    const char *p = t->s + me, *end = t->s + t->len;
    if (p >= end || *p != ' ') return true;
    const char *s = ++p;
    while (p < end && *p != ' ' && *p != '\n' && *p != ',' && *p != '.') p++;
    if (person_is_role_word(m, s, (size_t)(p - s))) return false;
    return !ut_match_lex(m, "person_party_context", s, (size_t)(p - s));
}

static int norm_lookup(const ut_match *m, ut_cand *c) {
    const char *grp = ut_match_args(m);
    size_t n;
    const char *g = ut_match_group(m, grp, &n);
    if (!g || !n) return 0;
    if (!strcmp(grp, "name") && (n < 4 || ambiguous_adjective(m))) return 0;
    const char *v = ut_match_lex(m, "party", g, n);
    if (!v) return 0;
    return ut_cand_value(c, "%s", v) ? -1 : 1;
}

static int norm_local(const ut_match *m, ut_cand *c) {
    size_t n;
    const char *g = ut_match_group(m, "name", &n);
    if (!g || !n) return 0;
    if (ut_match_lex(m, "party", g, n)) return 0;
    return ut_cand_value_n(c, g, n) ? -1 : 1;
}

static const ut_normalizer party_normalizers[] = {
    {"party.lookup", norm_lookup},
    {"party.local", norm_local},
    {NULL, NULL},
};

static const ut_key party_keys[] = {
    {NULL, 0, 0},
};

const ut_extractor ut_ex_party = {
    .type = "party",
    .group = "party",
    .normalizers = party_normalizers,
    .document_pass = NULL,
    .keys = party_keys,
    .eval_order = 4,
};
