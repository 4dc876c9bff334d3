/*
 * prefilter.h — cheap tests that tell, before any regex runs, that a rule
 * cannot match anywhere in a document.
 *
 * Every rule costs at least one scan of the whole text, so the cost of a
 * document grows with the number of rules.  Most rules need something
 * specific: a byte every match contains ('/' in "KS 2020/1126", '§' in a
 * statute), a byte every match starts with (a digit), a minimum length.
 * PCRE2 knows these facts about the compiled pattern (pcre2_pattern_info:
 * FIRSTCODEUNIT / FIRSTBITMAP, LASTCODEUNIT, MINLENGTH); they are read once
 * per rule when the rule set is loaded.  Per document, each byte value a
 * rule asks about is looked up once with memchr (ut_bytecheck) and the
 * answer is shared by all rules: a byte that occurs is usually found within
 * the first few hundred bytes, and an absent one costs one fast scan.
 *
 * Nothing here is specific to a field type or to today's rules: a new rule
 * gets its prefilter from its pattern.  The tests only ever skip a rule
 * that could not have matched, so results are unchanged.
 *
 * Case: PCRE2 does not report whether its first/last code unit is matched
 * caselessly, and it makes some caseless by itself ([Mm] becomes a caseless
 * 'm').  So an ASCII letter is always tested in both cases, and non-ASCII
 * code units are not used (the other case of a letter may differ in that
 * byte).  The start bitmap needs no such care: PCRE2 skips by it itself.
 */
#ifndef UT_PREFILTER_H
#define UT_PREFILTER_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Start sets wider than this are not tested: a document almost always
 * holds one of their bytes, so the test would cost more than it saves. */
#define UT_PREFILTER_MAX_START 8

typedef struct ut_prefilter {
    uint8_t start[UT_PREFILTER_MAX_START]; /* a match starts with one of these bytes */
    uint8_t nstart;                        /* 0: no usable start set */
    uint8_t need[2];                       /* a match contains one of these bytes */
    uint8_t nneed;                         /* 0: none known */
    size_t min_length;                     /* no match is shorter (in characters) */
} ut_prefilter;

/* Read the prefilter of a compiled pattern. */
void ut_prefilter_init(ut_prefilter *p, const pcre2_code *code);

/* Which byte values occur in one text, found out lazily (per document). */
typedef struct ut_bytecheck {
    const char *s;
    size_t len;
    uint64_t known[4], present[4]; /* bit b of [b >> 6]: looked up / occurs */
} ut_bytecheck;

static inline void ut_bytecheck_init(ut_bytecheck *bc, const char *s, size_t len) {
    *bc = (ut_bytecheck){.s = s, .len = len};
}

/* false: a rule with prefilter `p` cannot match the text of `bc`. */
bool ut_prefilter_may_match(const ut_prefilter *p, ut_bytecheck *bc);
#endif
