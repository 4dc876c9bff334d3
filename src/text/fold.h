/*
 * fold.h — the internals of ut_fold (utdrag.h), for the tests.
 *
 * ut_fold takes a fast path for ASCII and the Latin letters below U+0250
 * and the full utf8proc path for anything else; the tests hold the two to
 * the same bytes.
 */
#ifndef UT_FOLD_H
#define UT_FOLD_H
/* ut_fold always through utf8proc.  NEW, or NULL on invalid UTF-8. */
char *ut_fold_full_path(const char *s);
#endif
