/*
 * test_extract.c — the public extraction API (utdrag.h) end to end on rule
 * sets written by the test: ownership of the input, worker reuse, empty
 * matches, the match-limit warning, the example checker, a large input.
 */
#include "tap.h"
#include "testutil.h"

static const char *RULES =
    "rule t.iso\n  type date\n"
    "  pattern [0-9]{4}-[0-9]{2}-[0-9]{2}\n"
    "  example den 2021-04-28 => 2021-04-28\n"
    "  example 2021-04-29 och 2021-04-29 => 2021-04-29\n"
    "  example 2021-04-30 => 2021-04-31\n" /* wrong on purpose: fails */
    "rule t.case\n  type dnr\n  normalize dnr\n"
    "  pattern (?<id>(?<series>KS) (?<year>[0-9]{4})/(?<number>[0-9]+))\n"
    "rule t.xs\n  type dnr\n  pattern x*\n"
    "  example axxb => xx\n"
    "rule t.nested\n  type dnr\n  pattern (?:a|aa)+c\n";

static size_t n_failed_reported;
static void on_example(const ut_example_result *r, void *ud) {
    (void)ud;
    if (!r->ok) {
        n_failed_reported++;
        is_str(r->rule, "t.iso", "failing example: rule");
        is_int(r->line, 6, "failing example: line");
        is_str(r->expected, "2021-04-31", "failing example: expected");
        is_str(r->got, "2021-04-30", "failing example: got");
    }
}

int main(void) {
    const char *const *types = ut_field_types();
    char all[128] = "";
    for (size_t i = 0; types[i]; i++) {
        strcat(all, i ? "," : "");
        strcat(all, types[i]);
    }
    is_str(all, "dnr,date,figure,party,person,org", "ut_field_types lists the six types");

    char *dir;
    ut_error err;
    ut_ruleset *rs = rules_from_text(&dir, RULES, NULL, NULL, &err);
    if (!ok(rs != NULL, "rules load")) { diag("%s", err.text); return done_testing(); }
    ut_worker *w = ut_worker_new(rs);

    /* the document owns a copy of the input */
    char *input = strdup("Beslut 2021-04-28.");
    ut_doc *d = ut_extract(w, NULL, input, strlen(input), &err);
    memset(input, '#', strlen(input));
    free(input);
    is_str(ut_doc_name(d), "-", "no name: '-'");
    is_int((long long)ut_doc_nfields(d), 1, "one field");
    is_str(ut_doc_field(d, 0)->text, "2021-04-28", "field text survives freeing the input");
    size_t blen;
    const char *bytes = ut_doc_bytes(d, &blen);
    ok(blen == 18 && !memcmp(bytes, "Beslut 2021-04-28.", 18), "ut_doc_bytes is the document's own copy");
    ok(ut_doc_field(d, 1) == NULL, "ut_doc_field past the end is NULL");

    /* ut_extract_owned takes the buffer: no copy, the same fields; on a
     * failure (binary input) the buffer is freed (ASan/valgrind: no leak) */
    char *mine = malloc(18 + 65); /* with room for the matcher's padding (utdrag.h) */
    memcpy(mine, "Beslut 2021-04-28.", 18);
    ut_doc *od = ut_extract_owned(&w, 1, "owned", mine, 18, &err);
    size_t olen;
    ok(od && ut_doc_bytes(od, &olen) == mine && olen == 18, "ut_extract_owned keeps the caller's buffer (no copy)");
    ok(od && ut_doc_nfields(od) == 1 && !strcmp(ut_doc_field(od, 0)->value, ut_doc_field(d, 0)->value),
       "ut_extract_owned finds what ut_extract finds");
    ut_doc_free(od);
    /* a buffer of just len + 1 bytes is grown (realloc), with the same result */
    char *tight = malloc(19);
    memcpy(tight, "Beslut 2021-04-28.", 18);
    od = ut_extract_owned(&w, 1, "tight", tight, 18, &err);
    ok(od && ut_doc_nfields(od) == 1 && !strcmp(ut_doc_field(od, 0)->value, ut_doc_field(d, 0)->value) &&
           ut_doc_bytes(od, &olen) && olen == 18 && !memcmp(ut_doc_bytes(od, &olen), "Beslut 2021-04-28.", 18),
       "ut_extract_owned on a buffer of len + 1 bytes: the same fields and bytes");
    ut_doc_free(od);
    char *bin = malloc(9);
    memcpy(bin, "ab\0\0\0cd\0\0", 9);
    od = ut_extract_owned(&w, 1, "bin", bin, 8, &err);
    ok(!od && err.text[0], "ut_extract_owned on binary input: NULL with a message (%s), the buffer freed", err.text);
    od = ut_extract_owned(&w, 0, "none", malloc(4), 3, &err);
    ok(!od && strstr(err.text, "no worker"), "ut_extract_owned with no worker: NULL, the buffer freed");
    ok(ut_field_attr(ut_doc_field(d, 0), "nosuch") == NULL, "absent attribute is NULL");
    ok(ut_doc_warning(d) == NULL, "no warning on a clean run");
    ut_doc_free(d);

    /* typed attributes of a field */
    d = ut_extract(w, "a", "Dnr KS 2021/012", 15, &err);
    const ut_field *cf = d ? ut_doc_field(d, 0) : NULL;
    const ut_attr *a = cf ? ut_field_attr(cf, "series") : NULL;
    is_str(a && a->kind == UT_ATTR_STR ? a->s : NULL, "KS", "string attribute (series)");
    a = cf ? ut_field_attr(cf, "year") : NULL;
    is_int(a && a->kind == UT_ATTR_INT ? a->i : -1, 2021, "integer attribute (year)");
    ut_doc_free(d);

    /* empty matches are skipped, also between multi-byte characters */
    d = ut_extract(w, "e", "åäö axxb ö", strlen("åäö axxb ö"), &err);
    is_int((long long)ut_doc_nfields(d), 1, "empty matches yield nothing; 'xx' found");
    is_str(ut_doc_field(d, 0) ? ut_doc_field(d, 0)->value : NULL, "xx", "the non-empty match");
    ut_doc_free(d);

    /* a rule that hits the match limit: a warning, and the other rules still run */
    char big[256];
    snprintf(big, sizeof big, "2021-04-28 %.*s c 2021-04-29", 60,
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    d = ut_extract(w, "b", big, strlen(big), &err);
    ok(d && ut_doc_warning(d) && strstr(ut_doc_warning(d), "rule 't.nested'") &&
           strstr(ut_doc_warning(d), "match limit"),
       "match limit: a warning naming the rule");
    is_int(d ? (long long)ut_doc_nfields(d) : -1, 2, "match limit: the dates are still found");
    ut_doc_free(d);

    /* a large input: every line found, line numbers right at the end */
    size_t nlines = 20000;
    char *large = malloc(nlines * 32);
    size_t o = 0;
    for (size_t i = 0; i < nlines; i++)
        o += (size_t)sprintf(large + o, "rad %zu: den 2020-%02zu-%02zu\r\n", i, i % 12 + 1, i % 28 + 1);
    d = ut_extract(w, "large", large, o, &err);
    is_int(d ? (long long)ut_doc_nfields(d) : -1, (long long)nlines, "large input: one date per line");
    const ut_field *last = d ? ut_doc_field(d, ut_doc_nfields(d) - 1) : NULL;
    is_int(last ? (long long)last->line : -1, (long long)nlines, "large input: line of the last field");
    ok(last && last->end == o - 2, "large input: end of the last field");
    ut_doc_free(d);
    free(large);

    /* line numbers with every kind of line end (LF, CRLF, a lone CR) at
     * every alignment, against a count made here byte by byte: a line ends
     * at LF, at CRLF (once) and at a CR not followed by LF */
    {
        const char *ends[] = {"\n", "\r\n", "\r", "\n\n", "\r\r\n", "\n\r", " "};
        size_t cap = 64 * 1024;
        char *mixed = malloc(cap);
        size_t m = 0, ndates = 0;
        for (size_t i = 0; m + 64 < cap; i++) {
            /* text no rule here matches, of 0..40 bytes: gaps between
             * fields that are shorter and longer than a word of 8 bytes */
            m += (size_t)sprintf(mixed + m, "%.*s2020-%02zu-%02zu", (int)(i % 41),
                                 "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", i % 12 + 1, i % 28 + 1);
            m += (size_t)sprintf(mixed + m, "%s", ends[(i * 5 + i / 7) % 7]);
            ndates++;
        }
        d = ut_extract(w, "mixed", mixed, m, &err);
        size_t nf = d ? ut_doc_nfields(d) : 0, wrong = 0, dates = 0;
        for (size_t k = 0; k < nf; k++) {
            const ut_field *f = ut_doc_field(d, k);
            dates += !strcmp(f->type, "date");
            size_t line = 1;
            for (size_t i = 0; i < f->start; i++)
                line += mixed[i] == '\n' || (mixed[i] == '\r' && (i + 1 >= m || mixed[i + 1] != '\n'));
            wrong += f->line != line;
        }
        is_int((long long)dates, (long long)ndates, "mixed line ends: every date found");
        is_int((long long)wrong, 0, "mixed line ends: every field's line as counted byte by byte");
        ut_doc_free(d);
        free(mixed);
    }

    /* one worker, many documents: the same answer every time */
    int same = 1;
    for (int i = 0; i < 50; i++) {
        d = ut_extract(w, "again", "y 2020-01-02 z", 14, &err);
        same &= d && ut_doc_nfields(d) == 1 && !strcmp(ut_doc_field(d, 0)->value, "2020-01-02") &&
                ut_doc_field(d, 0)->start == 2;
        ut_doc_free(d);
    }
    ok(same, "worker reused 50 times, same result");

    /* the example checker runs every example through the whole rule set */
    long failed = ut_ruleset_check_examples(rs, on_example, NULL);
    is_int(failed, 1, "one example fails");
    is_int((long long)n_failed_reported, 1, "the callback saw it");

    ut_worker_free(w);
    ut_ruleset_free(rs);
    scratch_free(dir);
    return done_testing();
}
