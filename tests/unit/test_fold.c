/*
 * test_fold.c — ut_fold, the comparison key of the answer keys.  The
 * expected strings were produced by shared/tools/score.py's fold() (NFKD,
 * combining marks and Cf dropped, lower case, white space collapsed), so
 * `utdrag eval` and the script cannot drift apart unnoticed.
 */
#include "tap.h"
#include "testutil.h"
#include "base/text.h"
#include "text/fold.h"

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
    fold_is("Åsa Öberg-Lindé, ÆRØ", "asa oberg-linde, ærø", "the fast path: Latin letters below U+0250");
    fold_is("Ångström\xc2\xa0" "AB", "angstrom ab", "a no-break space sends the string down the full path");
    fold_is("\xc3\x85sa \xcc\x8a", "asa", "a lone combining mark: the full path drops it");

    /* the fast path against the full one: every character below U+0250
     * alone, between letters, between spaces and next to a mark */
    int differ = 0;
    for (uint32_t cp = 1; cp < 0x250; cp++) {
        char c[5];
        c[ut_utf8_encode(cp, c)] = 0;
        const char *shapes[] = {"%s", "a%sb", " %s ", "X%s\xcc\x88", "%s%s"};
        for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
            char in[32];
            snprintf(in, sizeof in, shapes[k], c, c);
            char *fast = ut_fold(in), *full = ut_fold_full_path(in);
            if (!fast || !full || strcmp(fast, full)) {
                if (!differ++) diag("U+%04X in \"%s\": fast \"%s\", full \"%s\"", cp, shapes[k], fast, full);
            }
            free(fast);
            free(full);
        }
    }
    is_int(differ, 0, "fold: the fast path gives the full path's bytes for every character below U+0250");
    char *bad = ut_fold("ok\xff");
    ok(bad == NULL, "fold: invalid UTF-8 gives NULL");
    free(bad);
    bad = ut_fold("ok\xc3");
    ok(bad == NULL, "fold: a cut 2-byte character gives NULL");
    free(bad);
    bad = ut_fold("\xc0\xaf");
    ok(bad == NULL, "fold: an overlong form gives NULL");
    free(bad);
    return done_testing();
}
