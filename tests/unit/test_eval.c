/*
 * test_eval.c — scoring against answer keys (ut_eval), on a tiny key set
 * written by the test: matching through value and alts, distinct values,
 * a second spelling of a matched line as a false positive, documents
 * without a key, person party/role accuracy, and the printed table.
 */
#include "tap.h"
#include "testutil.h"

static char *report(ut_eval *ev, int verbose, double *f) {
    char *buf = NULL;
    size_t len;
    FILE *out = open_memstream(&buf, &len);
    *f = ut_eval_report(ev, out, verbose);
    fclose(out);
    return buf;
}

int main(void) {
    char *gold = scratch_dir();
    write_text(gold, "a.jsonl",
               "{\"type\":\"dnr\",\"value\":\"KS 2020/1126\",\"text\":\"Dnr KS 2020/1126\"}\n"
               "\n"
               "{\"type\":\"date\",\"value\":\"2013-10-31\",\"alts\":[\"XXXX-10-31\"]}\n"
               "{\"type\":\"date\",\"value\":\"2014\"}\n"
               "{\"type\":\"person\",\"value\":\"Karin Rågsjö\",\"alts\":[\"Karin Ragsjo\"],\"party\":\"V\",\"role\":\"ledamot\"}\n"
               "{\"type\":\"person\",\"value\":\"Per Ek\",\"party\":\"S\"}\n"
               "{\"type\":\"weather\",\"value\":\"sunny\"}\n");
    write_text(gold, "b.jsonl", "{\"type\":\"org\",\"value\":\"Utbildningsnämnden\",\"alts\":[\"UBN\"]}\n");
    write_text(gold, "notes.txt", "not an answer key\n");
    ut_error err;
    ut_eval *ev = ut_eval_new(gold, &err);
    if (!ok(ev != NULL, "answer keys load")) { diag("%s", err.text); scratch_free(gold); return done_testing(); }
    /* document a (as a path with .txt: matched on its base name) */
    ut_eval_add_value(ev, "some/dir/a.txt", "dnr", "ks  2020/1126", NULL, NULL);      /* tp (folded) */
    ut_eval_add_value(ev, "some/dir/a.txt", "dnr", "KS 2020/1126", NULL, NULL);       /* same folded value: ignored */
    ut_eval_add_value(ev, "some/dir/a.txt", "date", "XXXX-10-31", NULL, NULL);        /* tp through alts */
    ut_eval_add_value(ev, "some/dir/a.txt", "date", "2013-10-31", NULL, NULL);        /* same line again: fp */
    ut_eval_add_value(ev, "some/dir/a.txt", "date", "2099", NULL, NULL);              /* fp */
    ut_eval_add_value(ev, "some/dir/a.txt", "person", "KARIN RAGSJO", "v", "Ledamot");/* tp, party ok, role ok */
    ut_eval_add_value(ev, "some/dir/a.txt", "person", "Per Ek", "M", NULL);           /* tp, party wrong */
    ut_eval_add_value(ev, "some/dir/a.txt", "colour", "red", NULL, NULL);             /* unknown type: ignored */
    ut_eval_add_value(ev, "c.txt", "org", "Skolverket", NULL, NULL);                  /* no key: not scored */
    /* document b: nothing predicted → its org is missed */
    double f;
    char *table = report(ev, 0, &f);
    is_str(table,
           "type      gold    tp    fp    fn      P      R     F1\n"
           "dnr          1     1     0     0  1.000  1.000  1.000\n"
           "date         2     1     2     1  0.333  0.500  0.400\n"
           "person       2     2     0     0  1.000  1.000  1.000\n"
           "org          1     0     0     1  0.000  0.000  0.000\n"
           "person.party accuracy 1/2 = 0.500\n"
           "person.role accuracy 1/1 = 1.000\n"
           "overall P 0.667 R 0.667 F1 0.667\n",
           "report table");
    ok(f > 0.666 && f < 0.667, "overall F1 returned");
    ok(ut_eval_f1(ev, "date") == 0.4, "ut_eval_f1(date)");
    ok(ut_eval_f1(ev, "party") == -1, "ut_eval_f1 of a type without keys or predictions is -1");
    ok(ut_eval_f1(ev, "weather") == -1, "ut_eval_f1 of an unknown type is -1");
    free(table);
    table = report(ev, 1, &f);
    ok(strstr(table, "a  date  extra  2013-10-31\n") != NULL, "verbose: second spelling of a matched line is extra");
    ok(strstr(table, "a  date  missed  2014\n") != NULL, "verbose: missed line");
    ok(strstr(table, "b  org  missed  Utbildningsnämnden\n") != NULL, "verbose: missed in a document without predictions");
    ok(strstr(table, "a  person.party  wrong  Per Ek: m != s\n") != NULL, "verbose: wrong party");
    ok(strstr(table, "Skolverket") == NULL, "verbose: documents without a key are not scored");
    /* reporting twice gives the same numbers */
    ok(strstr(table, "date         2     1     2     1  0.333  0.500  0.400\n") != NULL, "second report same table");
    free(table);
    ut_eval_free(ev);

    /* broken keys */
    write_text(gold, "b.jsonl", "{\"type\":\"org\",\"value\":\"x\"}\n{not json\n");
    ev = ut_eval_new(gold, &err);
    ok(ev == NULL, "a bad answer-key line is refused");
    char *want = path_in(gold, "b.jsonl");
    is_str(err.file, want, "bad key: file");
    is_int(err.line, 2, "bad key: line");
    free(want);
    scratch_free(gold);
    gold = scratch_dir();
    ev = ut_eval_new(gold, &err);
    ok(ev == NULL, "a directory without keys is refused");
    is_str(err.text, "no *.jsonl answer keys in the directory", "no keys: message");
    scratch_free(gold);
    ev = ut_eval_new("/nonexistent/gold", &err);
    ok(ev == NULL, "a missing directory is refused");
    is_str(err.text, "cannot open answer-key directory", "missing dir: message");
    return done_testing();
}
