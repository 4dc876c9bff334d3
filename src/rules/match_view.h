/*
 * match_view.h — a rule's match as a normalizer sees it (internal): the
 * engine fills one per match and hands it to the rule's normalizer, which
 * reads it through the ut_match_* of plugin.h (match_view.c).
 */
#ifndef UT_MATCH_VIEW_H
#define UT_MATCH_VIEW_H
#include "rules/ruleset.h"

struct ut_match {
    const ut_rule *rule;
    const ut_ruleset *rs;
    const ut_text *text;
    const PCRE2_SIZE *ov;
    uint32_t pairs;
};
#endif
