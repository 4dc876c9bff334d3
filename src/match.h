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
#include "ruleset.h"

typedef struct ut_scratch {
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit;
} ut_scratch;

int ut_scratch_init(ut_scratch *s, const ut_ruleset *rs);
void ut_scratch_free(ut_scratch *s);

/* Append the candidates of every enabled rule to `db`.  Rules that hit
 * the match limit are named in *warnings (arena string, or left NULL).
 * 0, or -1 on out of memory. */
int ut_match_all_rules(const ut_ruleset *rs, ut_scratch *s, ut_docbuild *db, char **warnings);

/* Add a candidate slot to db (zeroed, arena set). NULL on out of memory. */
ut_cand *ut_docbuild_push(ut_docbuild *db);
#endif
