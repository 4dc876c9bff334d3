/*
 * test_lexicon.c — lexicon look-up (case folding, Unicode forms, multi-word
 * entries, white space), the alternation it gives the patterns, and the
 * `lexicon LEX GROUP` normalizer that maps a matched word to its value.
 */
#include "tap.h"
#include "testutil.h"
#include "text/lexicon.h"
#include "rules/ruleset.h"
#include "base/util.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <utf8proc.h>

static ut_lexicon *lex_from(const char *name, const char *text, char **dir) {
    *dir = scratch_dir();
    char rel[128];
    snprintf(rel, sizeof rel, "%s.lex", name);
    write_text(*dir, rel, text);
    char *path = path_in(*dir, rel);
    ut_error err;
    ut_lexicon *lx = ut_lexicon_load(path, name, &err);
    if (!lx) diag("%s:%d: %s", err.file, err.line, err.text);
    free(path);
    return lx;
}

static const char *get(const ut_lexicon *lx, const char *w) { return ut_lexicon_get(lx, w, strlen(w)); }

static void test_lookup(void) {
    char *dir;
    ut_lexicon *lx = lex_from("roles",
                              "# roles\n"
                              "Ordförande = ordförande\n"
                              "vice ordförande = vice ordförande   # two words\n"
                              "KS-ordförande\n"
                              "ärende = case\n"
                              "ärende = second entry loses\n"
                              "\n",
                              &dir);
    if (!ok(lx != NULL, "lexicon loads")) { scratch_free(dir); return; }
    is_str(ut_lexicon_name(lx), "roles", "name");
    is_int((long long)ut_lexicon_size(lx), 5, "five entries (comment and blank lines skipped)");
    is_str(get(lx, "ordförande"), "ordförande", "lower case finds capitalised entry");
    is_str(get(lx, "ORDFÖRANDE"), "ordförande", "upper case with Ö folds");
    is_str(get(lx, "ordfo\xcc\x88rande"), "ordförande", "decomposed o+U+0308 finds ö");
    is_str(get(lx, "Vice Ordförande"), "vice ordförande", "multi-word, any case");
    is_str(get(lx, "vice   ordförande"), "vice ordförande", "multi-word with a run of spaces");
    is_str(get(lx, "vice\nordförande"), "vice ordförande", "multi-word across a line break");
    is_str(get(lx, " vice ordförande "), "vice ordförande", "outer spaces ignored");
    is_str(get(lx, "ks-ordförande"), "KS-ordförande", "word alone is its own value");
    is_str(get(lx, "ÄRENDE"), "case", "first of two equal entries wins");
    ok(get(lx, "ordförand") == NULL, "a prefix is not a hit");
    ok(get(lx, "ordförandena") == NULL, "a longer word is not a hit");
    ok(get(lx, "") == NULL, "empty word is not a hit");
    /* exactly `len` bytes are looked at */
    ok(ut_lexicon_get(lx, "ärendenummer", strlen("ärende")) != NULL, "look-up honours len");
    ut_lexicon_free(lx);
    scratch_free(dir);
}

static void test_case_sensitive(void) {
    char *dir;
    ut_lexicon *lx = lex_from("series", "@case-sensitive\nKS = kommunstyrelsen\nUBN\n", &dir);
    if (!ok(lx != NULL, "case-sensitive lexicon loads")) { scratch_free(dir); return; }
    is_str(get(lx, "KS"), "kommunstyrelsen", "exact case found");
    ok(get(lx, "ks") == NULL, "other case not found");
    ok(get(lx, "Ubn") == NULL, "other case not found (2)");
    char *rx = ut_lexicon_regex(lx, NULL, 0);
    is_str(rx, "(?:UBN|KS)", "case-sensitive alternation has no (?i:");
    free(rx);
    ut_lexicon_free(lx);
    scratch_free(dir);
}

static void test_regex(void) {
    char *dir;
    ut_lexicon *lx = lex_from("odd", "a.b\nc+d = x\n(e)\nf|g\nh/i-j\nk#\nlong word here\n", &dir);
    /* '#' starts a comment, so "k#" is the word "k" */
    if (!ok(lx != NULL, "lexicon with metacharacters loads")) { scratch_free(dir); return; }
    char *rx = ut_lexicon_regex(lx, NULL, 0);
    is_str(rx, "(?i:long\\s+word\\s+here|h\\/i\\-j|\\(e\\)|a\\.b|c\\+d|f\\|g|k)",
           "alternation: longest first, metacharacters escaped");
    free(rx);
    ut_lexicon_free(lx);
    scratch_free(dir);
}

/* Words that share a beginning share a path of the alternation, and the
 * longest word that fits still wins, as in a plain longest-first list. */
static void test_prefix_tree(void) {
    char *dir;
    ut_lexicon *lx = lex_from("heads", "nämnd\nnämnden\nnämndens\nkontor\nKontoret\nchef\n", &dir);
    if (!ok(lx != NULL, "lexicon of heads loads")) { scratch_free(dir); return; }
    char *rx = ut_lexicon_regex(lx, NULL, 0);
    is_str(rx, "(?i:nämnd(?:en(?:s)?)?|kontor(?:et)?|chef)", "shared beginnings factored, longer words first");
    int e;
    PCRE2_SIZE eo;
    char *pat = rx ? ut_str_append(ut_strdup("^"), rx) : NULL;
    pcre2_code *code = pat ? pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &e, &eo, NULL) : NULL;
    pcre2_match_data *md = code ? pcre2_match_data_create_from_pattern(code, NULL) : NULL;
    ok(code && md, "the factored alternation compiles");
    const char *texts[] = {"nämndens beslut", "Nämnden", "nämnd", "KONTORET", "kontor", "chefen"};
    const size_t want[] = {9, 8, 6, 8, 6, 4}; /* bytes: ä is two */
    for (size_t i = 0; md && i < sizeof texts / sizeof *texts; i++) {
        int rc = pcre2_match(code, (PCRE2_SPTR)texts[i], strlen(texts[i]), 0, 0, md, NULL);
        size_t len = rc > 0 ? pcre2_get_ovector_pointer(md)[1] : 0;
        is_int((long long)len, (long long)want[i], "longest word matched in '%s'", texts[i]);
    }
    pcre2_match_data_free(md);
    pcre2_code_free(code);
    free(pat);
    free(rx);
    ut_lexicon_free(lx);
    scratch_free(dir);
}

/* The whole path: {LEX} in a pattern, `lexicon LEX GROUP` as normalizer. */
static void test_in_rules(void) {
    const char *rules =
        "rule t.month\n"
        "  type      dnr\n"
        "  normalize lexicon t_month m\n"
        "  pattern   \\b(?<m>{t_month})(?!\\w)\n";
    char *dir;
    ut_error err;
    ut_ruleset *rs = rules_from_text(&dir, rules, "t_month",
                                     "januari = 01\njan. = 01\nsjunde månaden = 07\n", &err);
    if (!ok(rs != NULL, "rules with a lexicon load")) { diag("%s", err.text); scratch_free(dir); return; }
    ut_worker *w = ut_worker_new(rs);
    const char *text = "JANUARI och jan. samt Sjunde\n  Månaden, men inte januarimöte";
    ut_doc *d = ut_extract(w, "t", text, strlen(text), &err);
    is_int((long long)ut_doc_nfields(d), 3, "three lexicon hits (not inside 'januarimöte')");
    const ut_field *f = nth_field(d, "dnr", 0);
    is_str(f ? f->value : NULL, "01", "JANUARI → 01");
    f = nth_field(d, "dnr", 1);
    is_str(f ? f->text : NULL, "jan.", "the dot of 'jan.' is literal");
    f = nth_field(d, "dnr", 2);
    is_str(f ? f->value : NULL, "07", "two-word entry across a line break");
    is_str(f ? f->text : NULL, "Sjunde\n  Månaden", "its text as written");
    ut_doc_free(d);
    ut_worker_free(w);
    ut_ruleset_free(rs);
    scratch_free(dir);
}

/* OCR confusions (rules/ocr-confusions.txt): long lexicon words also match
 * their damaged forms and report the clean value with ocr=true. */
static void test_ocr(void) {
    const char *rules =
        "rule t.role\n  type dnr\n  normalize lexicon t_role r\n  pattern \\b(?<r>{t_role})(?!\\w)\n"
        "rule t.exact\n  type dnr\n  normalize lexicon t_exact r\n  pattern \\b(?<r>{t_exact})(?!\\w)\n";
    char *dir = scratch_dir();
    write_text(dir, "t.rules", rules);
    write_text(dir, "ocr-confusions.txt", "# test table\n\u00f6 = o 6\nm = rn\n");
    write_text(dir, "lexicons/t_role.lex", "förvaltningschef\nchef\nkommunalråd = kommunalråd\n");
    write_text(dir, "lexicons/t_exact.lex", "@exact\nnämndordförande\n");
    ut_error err;
    ut_ruleset *rs = ut_ruleset_load(dir, &err);
    if (!ok(rs != NULL, "ocr: rules load")) { diag("%s:%d: %s", err.file, err.line, err.text); scratch_free(dir); return; }
    ut_worker *w = ut_worker_new(rs);
    const char *text = "Forvaltningschef, F6rvaltningschef, FÖRVALTNINGSCHEF, chef, ohef, kornmunalråd, "
                       "namndordforande, nämndordförande";
    ut_doc *d = ut_extract(w, "ocr", text, strlen(text), &err);
    const char *want_text[] = {"Forvaltningschef", "F6rvaltningschef", "FÖRVALTNINGSCHEF", "chef", "kornmunalråd",
                               "nämndordförande"};
    const int want_ocr[] = {1, 1, 0, 0, 1, 0};
    is_int(d ? (long long)ut_doc_nfields(d) : -1, 6, "ocr: six hits (short word and @exact lexicon stay exact)");
    for (size_t i = 0; d && i < 6 && i < ut_doc_nfields(d); i++) {
        const ut_field *f = ut_doc_field(d, i);
        is_str(f->text, want_text[i], "ocr hit %zu: text", i);
        const ut_attr *a = ut_field_attr(f, "ocr");
        is_int(a ? a->i : 0, want_ocr[i], "ocr hit %zu (%s): ocr flag", i, f->text);
    }
    const ut_field *f = d ? ut_doc_field(d, 0) : NULL;
    is_str(f ? f->value : NULL, "förvaltningschef", "ocr: the clean value is reported");
    ut_doc_free(d);
    ut_worker_free(w);
    ut_ruleset_free(rs);
    /* a broken table is refused with file:line */
    write_text(dir, "ocr-confusions.txt", "ö = o\nm rn\n");
    rs = ut_ruleset_load(dir, &err);
    ok(rs == NULL, "ocr: broken confusion table refused");
    char *want = path_in(dir, "ocr-confusions.txt");
    is_str(err.file, want, "ocr: error names the table");
    is_int(err.line, 2, "ocr: error line");
    is_str(err.text, "write 'clean = seen1 seen2 ...'", "ocr: error text");
    free(want);
    ut_ruleset_free(rs);
    scratch_free(dir);
}

/* Look-ups of ASCII and Latin-1 words fold without utf8proc (lexicon.c):
 * for every lower-case (or caseless) letter of U+0041..U+00FF, a word
 * holding it or its capital must find the entry whose key utf8proc folded
 * at load, as a word with any other character does (ß folds to "ss", ÿ's
 * capital is outside Latin-1: those take utf8proc). */
static int is_letter(int cp) {
    return utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU && utf8proc_category(cp) <= UTF8PROC_CATEGORY_LO;
}

static void test_fold_fast_path(void) {
    char *text = NULL, *dir;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    int letters = 0;
    for (int cp = 0x41; cp <= 0xFF; cp++)
        if (is_letter(cp) && utf8proc_tolower(cp) == cp) {
            unsigned char c[5] = {0};
            utf8proc_encode_char(cp, c);
            fprintf(f, "q%sq = U+%04X\n", c, cp);
            letters++;
        }
    fclose(f);
    ut_lexicon *lx = lex_from("letters", text, &dir);
    int found = 0, tried = 0;
    for (int cp = 0x41; lx && cp <= 0xFF; cp++) {
        if (!is_letter(cp) || utf8proc_tolower(cp) != cp) continue;
        int forms[2] = {cp, utf8proc_toupper(cp)};
        char want[16];
        snprintf(want, sizeof want, "U+%04X", cp);
        for (int k = 0; k < 2; k++) {
            unsigned char c[5] = {0}, w[16];
            utf8proc_encode_char(forms[k], c);
            snprintf((char *)w, sizeof w, "Q%sQ", c);
            const char *v = get(lx, (const char *)w);
            tried++;
            if (v && !strcmp(v, want)) found++;
            else diag("%s -> %s (want %s)", w, v ? v : "nothing", want);
        }
    }
    ok(letters > 50 && found == tried, "every Latin-1 letter, in both cases, folds as utf8proc folds (%d/%d, %d letters)",
       found, tried, letters);
    ok(lx && get(lx, "qSSq") && !strcmp(get(lx, "qSSq"), "U+00DF"), "\"SS\" finds the entry for ß (full case folding)");
    ut_lexicon_free(lx);
    free(text);
    scratch_free(dir);
}

/* ut_lexicon_suffix against the plain way it replaces, ut_lexicon_get_ocr
 * on every suffix longest first: over every bundled lexicon, each word
 * with prefixes (none, a compound's first part, a hyphen, letters that
 * start OCR readings, Latin-1 and other capitals, white space, a prefix
 * too long for the fast path) and damaged forms (each confusion of the
 * bundled table applied, upper case, a letter after the word).  The
 * answer, its start and the OCR flag must all agree. */
static const char *suffix_plain(const ut_lexicon *lx, const ut_confusions *cf, const char *w, size_t n, size_t *at,
                                bool *ocr) {
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char)w[i] & 0xC0) == 0x80) continue;
        const char *v = ut_lexicon_get_ocr(lx, cf, w + i, n - i, ocr);
        if (v) {
            *at = i;
            return v;
        }
    }
    *ocr = false;
    return NULL;
}

/* `w` with the first `from` (after byte k) replaced by `to`, into out. */
static bool replaced(const char *w, size_t k, const char *from, const char *to, char *out, size_t cap) {
    const char *p = strstr(w + k, from);
    if (!p || strlen(w) + strlen(to) + 1 > cap) return false;
    size_t head = (size_t)(p - w), tl = strlen(to), rest = strlen(p + strlen(from));
    memcpy(out, w, head);
    memcpy(out + head, to, tl);
    memcpy(out + head + tl, p + strlen(from), rest + 1);
    return true;
}

static void test_suffix(void) {
    ut_error err;
    ut_ruleset *rs = ut_ruleset_load("rules", &err);
    if (!ok(rs != NULL, "suffix: bundled rules load")) {
        diag("%s:%d: %s", err.file, err.line, err.text);
        return;
    }
    const char *prefix[] = {"", "a", "Utbildnings", "IT-", "ö", "r", "rn", "m", "É", "Å", "ß", "Δ", "x y", "\n",
                            "barn- och ", "Östermalms"};
    const char *damage[][2] = {{"ö", "o"}, {"ö", "6"}, {"ä", "a"}, {"ä", "&"}, {"å", "a"}, {"m", "rn"}, {"rn", "m"},
                               {"e", "é"}, {"", ""}};
    char longp[200];
    memset(longp, 'k', sizeof longp - 1);
    longp[sizeof longp - 1] = 0;
    size_t compared = 0, wrong = 0, found = 0, by_ocr = 0, combination = 0;
    for (size_t l = 0; l < rs->nlex; l++) {
        const ut_lexicon *lx = rs->lex[l];
        for (size_t e = 0; e < ut_lexicon_size(lx); e++) {
            const char *word, *value;
            ut_lexicon_entry(lx, e, &word, &value);
            for (size_t d = 0; d < sizeof damage / sizeof *damage; d++)
                for (int upper = 0; upper < 2; upper++)
                    for (int tail = 0; tail < 2; tail++)
                        for (size_t p = 0; p <= sizeof prefix / sizeof *prefix; p++) {
                            if (combination++ % 7) continue; /* a seventh of them: the test stays quick under valgrind */
                            char dmg[256], w[640];
                            if (!*damage[d][0]) snprintf(dmg, sizeof dmg, "%s", word);
                            else if (!replaced(word, 0, damage[d][0], damage[d][1], dmg, sizeof dmg)) continue;
                            if (upper)
                                for (char *c = dmg; *c; c++) *c = (char)((*c >= 'a' && *c <= 'z') ? *c - 32 : *c);
                            const char *pre = p < sizeof prefix / sizeof *prefix ? prefix[p] : longp;
                            snprintf(w, sizeof w, "%s%s%s", pre, dmg, tail ? "s" : "");
                            size_t n = strlen(w), at1 = 99, at2 = 99;
                            bool o1 = true, o2 = true;
                            const char *v1 = ut_lexicon_suffix(lx, rs->confusions, w, n, &at1, &o1);
                            const char *v2 = suffix_plain(lx, rs->confusions, w, n, &at2, &o2);
                            compared++;
                            found += v2 != NULL;
                            by_ocr += v2 && o2;
                            if (v1 != v2 || (v1 && (at1 != at2 || o1 != o2))) {
                                if (wrong++ < 5)
                                    diag("suffix: %s: '%s': got %s at %zu ocr %d, want %s at %zu ocr %d",
                                         ut_lexicon_name(lx), w, v1 ? v1 : "NULL", at1, o1, v2 ? v2 : "NULL", at2, o2);
                            }
                        }
        }
    }
    is_int((long long)wrong, 0, "suffix: same answer, start and OCR flag as a look-up per suffix (%zu words)", compared);
    ok(compared > 30000 && found > compared / 4 && by_ocr > 1000,
       "suffix: the words exercise hits (%zu) and OCR hits (%zu)", found, by_ocr);
    ut_ruleset_free(rs);
}

int main(void) {
    test_suffix();
    test_lookup();
    test_fold_fast_path();
    test_case_sensitive();
    test_regex();
    test_prefix_tree();
    test_in_rules();
    test_ocr();
    return done_testing();
}
