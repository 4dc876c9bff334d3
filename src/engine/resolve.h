/*
 * resolve.h — stage 4: one winner where candidates overlap.
 *
 * Rules overlap by design ("2020" is a year on its own and part of
 * "KS 2020/1126"; "31 oktober 2013" contains a year).  Within one overlap
 * group (numbers: dnr, date, figure and skip rules; names: persons,
 * orgs; ...) the resolution is, in this order:
 *     0. a firm candidate beats a tentative one (ut_cand.tentative: a
 *        find that a document pass may still drop must not block others),
 *     1. the longer span wins,
 *     2. then the higher rule priority,
 *     3. then the earlier start, then the earlier rule in the rule files.
 * A winner claims its bytes; a candidate touching a claimed byte is
 * dropped.  Candidates of different groups never compete.  Winners of
 * type `skip` are dropped after they have claimed their span.
 */
#ifndef UT_RESOLVE_H
#define UT_RESOLVE_H
#include "rules/plugin.h"

/* Mark losers as dropped and sort the survivors by position, using up to
 * `nthreads` threads (0 or 1: this one).  db->norm must be set (its
 * length cuts the work into shares).  0, or -1 on out of memory. */
int ut_resolve(ut_docbuild *db, size_t nthreads);
/* Remove dropped candidates, keeping the order. */
void ut_docbuild_compact(ut_docbuild *db);
#endif
