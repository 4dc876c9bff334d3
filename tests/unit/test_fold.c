/*
 * test_fold.c — ut_fold, the comparison key of the answer keys.  The
 * expected strings were produced by shared/tools/score.py's fold() (NFKD,
 * combining marks and Cf dropped, lower case, white space collapsed), so
 * `utdrag eval` and the script cannot drift apart unnoticed.
 */
#include "tap.h"
#include "testutil.h"

static void fold_is(const char *in, const char *want, const char *name) {
    char *got = ut_fold(in);
    is_str(got, want, "fold: %s", name);
    free(got);
}

int main(void) {
    fold_is("Karin Rågsjö", "karin ragsjo", "Swedish letters lose their marks, lower case");
    fold_is("  Ärende\xc2\xa0\tNR\n", "arende nr", "NBSP, tab, newline, outer space");
    fold_is("Ut\xc2\xad" "bildnings\xe2\x80\x8bn\xc3\xa4mnden", "utbildningsnamnden", "soft hyphen and ZWSP dropped");
    fold_is("\xef\xac\x81nansborgarr\xc3\xa5" "d", "finansborgarrad", "ligature decomposed (NFKD)");
    fold_is("A\xcc\x8angstr\xc3\xb6m", "angstrom", "decomposed and composed marks alike");
    fold_is("\xef\xbc\xab\xef\xbc\xb3\xe3\x80\x80\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x90", "ks 2020",
            "full-width letters, digits and space");
    fold_is("x\xe2\x80\xa8y\xe3\x80\x80z", "x y z", "line separator and ideographic space");
    fold_is("KS 2020/1126", "ks 2020/1126", "a dnr");
    fold_is("", "", "empty string");
    fold_is("   ", "", "only spaces");
    char *bad = ut_fold("ok\xff");
    ok(bad == NULL, "fold: invalid UTF-8 gives NULL");
    free(bad);
    return done_testing();
}
