/*
 * test_schema.c — the schema is declared once, in the registry: a toy field
 * type registered here with keys no built-in type has (a real number, a
 * text, a boolean) shows up in ut_schema_get and reaches every output
 * format — JSON Lines, JSON, CSV, Excel CSV, SQLite, xlsx, HTML — with no
 * writer knowing of it.  Also: the built-in schema (CSV order, kinds,
 * mixed columns, SQLite types) as README documents it.
 */
#include <sqlite3.h>

#include "../../extractors/extractor.h"
#include "tap.h"
#include "testutil.h"

/* ---- the toy type: "12,5 kg" -> value "12.5 kg", toy_weight 12.5 ------ */
static int norm_weight(const ut_match *m, ut_cand *c) {
    size_t n;
    const char *w = ut_match_group(m, "w", &n);
    const char *f = ut_match_group(m, "f", &n);
    double v = atof(w) + (f ? atof(f) / 10.0 : 0);
    if (ut_cand_value(c, "%g kg", v) || ut_cand_num(c, "toy_weight", v) || ut_cand_str(c, "toy_label", "vikt") ||
        (v > 10 && ut_cand_bool(c, "toy_heavy", true)))
        return -1;
    return 1;
}
static const ut_normalizer toy_normalizers[] = {{"toy.weight", norm_weight}, {NULL, NULL}};
static const ut_key toy_keys[] = {
    {"toy_weight", UT_KIND_NUMBER, 0},
    {"toy_label", UT_KIND_TEXT, UT_KEY_CATEGORY},
    {"toy_heavy", UT_KIND_BOOLEAN, 0},
    {NULL, 0, 0},
};
static const ut_extractor toy = {
    .type = "toy", .group = "toy", .normalizers = toy_normalizers, .keys = toy_keys};

static const char *RULES = "rule t.toy\n  type toy\n  normalize toy.weight\n"
                           "  pattern (?<w>[0-9]+)(?:,(?<f>[0-9]))? kg\n";
static const char DOC[] = "Paketet vägde 12,5 kg och lådan 3 kg.\n";

static char *render(const char *fmt, unsigned flags, ut_doc *d) {
    char *buf = NULL;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    ut_writer *wr = ut_writer_create(fmt, f, NULL, flags, NULL);
    int rc = wr ? ut_writer_doc(wr, d) : -1;
    rc |= wr ? ut_writer_finish(wr) : -1;
    fclose(f);
    if (rc) diag("writer %s failed", fmt);
    return buf;
}

static char *q(const char *path, const char *sql) {
    sqlite3 *db;
    sqlite3_stmt *st;
    char *out = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) {
            const unsigned char *t = sqlite3_column_text(st, 0);
            out = strdup(t ? (const char *)t : "(null)");
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
}

/* The text of a file inside a zip (unzip -p), NEW, or NULL. */
static char *unzip_member(const char *zip, const char *member) {
    char *cmd, *buf = NULL;
    size_t len = 0;
    if (asprintf(&cmd, "unzip -p '%s' '%s' 2>/dev/null", zip, member) < 0) return NULL;
    FILE *p = popen(cmd, "r");
    free(cmd);
    if (!p) return NULL;
    FILE *m = open_memstream(&buf, &len);
    int c;
    while ((c = fgetc(p)) != EOF) fputc(c, m);
    fclose(m);
    pclose(p);
    return buf;
}

static void builtin_schema(void) {
    const ut_schema *s = ut_schema_get();
    const char *const *csv = ut_csv_columns();
    char all[1024] = "";
    for (size_t i = 0; csv[i]; i++) snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", i ? "," : "", csv[i]);
    is_str(all,
           "doc,line,start,end,type,value,text,rule,grain,series,year,number,party,role,key,unit,unit_lemma,currency,"
           "ocr,encoding,page,number_to,approx",
           "CSV header: the first release's columns in place, number_to and approx appended");
    const ut_column *num = ut_schema_column(s, "number");
    ok(num && num->mixed && num->kind == UT_KIND_NUMBER && !strcmp(ut_schema_sqlite_type(num), ""),
       "number is mixed (dnr text, figure number): no SQLite affinity");
    is_int(ut_schema_kind(s, "dnr", "number"), UT_KIND_TEXT, "a dnr's number is text");
    is_int(ut_schema_kind(s, "figure", "number"), UT_KIND_NUMBER, "a figure's number is a number");
    is_int(ut_schema_kind(s, "figure", "approx"), UT_KIND_BOOLEAN, "approx is a boolean of figures");
    is_int(ut_schema_kind(s, "date", "approx"), -1, "dates have no approx");
    is_int(ut_schema_kind(s, "org", "ocr"), UT_KIND_BOOLEAN, "ocr: any type");
    is_str(ut_schema_sqlite_type(ut_schema_column(s, "year")), "INTEGER", "year INTEGER");
    is_str(ut_schema_sqlite_type(ut_schema_column(s, "approx")), "INTEGER", "approx INTEGER (0/1)");
    is_str(ut_schema_sqlite_type(ut_schema_column(s, "grain")), "TEXT", "grain TEXT");
    is_int((long long)s->nfacts, 5, "five document facts");
}

int main(void) {
    builtin_schema();
    size_t before = ut_schema_get()->ncolumns;
    is_int(ut_extractor_register(&toy), 0, "the toy type registers");
    is_int(ut_extractor_register(&toy), -1, "... once");
    const ut_schema *s = ut_schema_get();
    is_int((long long)s->ncolumns, (long long)before + 3, "three new columns");
    is_str(s->columns[before].name, "toy_weight", "appended in declared order");
    ok(ut_schema_type_of(s, "toy") && ut_schema_type_of(s, "toy")->nkeys == 3, "the toy type's keys");
    const char *const *types = ut_field_types();
    size_t nt = 0;
    while (types[nt]) nt++;
    is_str(types[nt - 1], "toy", "ut_field_types lists it last");

    char *dir;
    ut_error err;
    ut_ruleset *rs = rules_from_text(&dir, RULES, NULL, NULL, &err);
    if (!ok(rs != NULL, "a rule set with a rule of the toy type loads")) {
        diag("%s:%d: %s", err.file, err.line, err.text);
        return done_testing();
    }
    ut_worker *w = ut_worker_new(rs);
    ut_doc *d = ut_extract(w, "toy.txt", DOC, sizeof DOC - 1, &err);
    ok(d && ut_doc_nfields(d) == 2, "two toy fields");

    char *jsonl = render("jsonl", 0, d);
    ok(jsonl && strstr(jsonl, "\"toy_weight\":12.5,\"toy_label\":\"vikt\",\"toy_heavy\":true"), "JSON Lines: the keys");
    char *json = render("json", 0, d);
    ok(json && strstr(json, "\"toy_weight\": 12.5") && strstr(json, "\"toy_heavy\": true"), "JSON: the keys");
    char *csv = render("csv", 0, d);
    ok(csv && strstr(csv, "\"approx\",\"toy_weight\",\"toy_label\",\"toy_heavy\"\r\n"), "CSV: header gains the columns");
    ok(csv && strstr(csv, ",\"12.5\",\"vikt\",\"true\"\r\n") && strstr(csv, ",\"3\",\"vikt\",\r\n"),
       "CSV: the values in them");
    char *xcsv = render("csv", UT_WRITE_EXCEL, d);
    ok(xcsv && strstr(xcsv, ";\"toy_heavy\"\r\n") && strstr(xcsv, ";\"12.5\";\"vikt\";\"true\"\r\n"),
       "Excel CSV: header and values");
    char *html = render("html", 0, d);
    ok(html && strstr(html, "toy_weight") && strstr(html, "12.5"), "HTML: the keys in the hover text");

    char *db = path_in(dir, "toy.db");
    ut_writer *wr = ut_writer_create("sqlite", NULL, db, 0, &err);
    int rc = wr ? ut_writer_doc(wr, d) : -1;
    rc |= wr ? ut_writer_finish(wr) : -1;
    is_int(rc, 0, "SQLite: written");
    char *v = q(db, "SELECT group_concat(typeof(toy_weight) || ' ' || toy_weight || ' ' || toy_label || ' ' || "
                    "toy_heavy, '; ') FROM fields");
    is_str(v, "real 12.5 vikt 1; real 3.0 vikt 0", "SQLite: typed columns, a boolean 0/1 on its type's rows");
    free(v);
    v = q(db, "SELECT type FROM pragma_table_info('fields') WHERE name = 'toy_heavy'");
    is_str(v, "INTEGER", "SQLite: toy_heavy declared INTEGER");
    free(v);

    char *xlsx = path_in(dir, "toy.xlsx");
    wr = ut_writer_create("xlsx", NULL, xlsx, 0, NULL);
    rc = wr ? ut_writer_doc(wr, d) : -1;
    rc |= wr ? ut_writer_finish(wr) : -1;
    is_int(rc, 0, "xlsx: written");
    char *wb = unzip_member(xlsx, "xl/workbook.xml");
    ok(wb && strstr(wb, "name=\"toy\""), "xlsx: a sheet named toy");
    char *strings = unzip_member(xlsx, "xl/worksheets/sheet8.xml"); /* documents, six types, toy */
    ok(strings && strstr(strings, "<v>12.5</v>") && strstr(strings, "t=\"b\""),
       "xlsx: the toy sheet has the weight as a number and a boolean cell");
    write_text(dir, "toy.jsonl", "{\"type\": \"toy\", \"value\": \"12.5 kg\"}\n");
    ut_eval *ev = ut_eval_new(dir, &err);
    ok(ev && ut_eval_add(ev, d) == 0, "eval takes the toy type's fields");
    FILE *devnull = fopen("/dev/null", "w");
    if (ev && devnull) ut_eval_report(ev, devnull, 0);
    if (devnull) fclose(devnull);
    ok(ev && ut_eval_f1(ev, "toy") > 0.66 && ut_eval_f1(ev, "toy") < 0.67, "eval scores the toy type (F1 2/3)");
    ut_eval_free(ev);

    free(wb);
    free(strings);
    free(xlsx);
    free(db);
    free(jsonl);
    free(json);
    free(csv);
    free(xcsv);
    free(html);
    ut_doc_free(d);
    ut_worker_free(w);
    ut_ruleset_free(rs);
    scratch_free(dir);
    return done_testing();
}
