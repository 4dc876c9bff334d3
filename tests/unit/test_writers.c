/*
 * test_writers.c — every output format read back by an independent parser:
 * CSV by libcsv's strict parser (CSV_STRICT|CSV_APPEND_NULL), JSON Lines
 * and JSON by jansson.  Contents are hostile on purpose: quotes, commas,
 * semicolons, line breaks, tabs, control characters, leading '=' '-' '@'.
 */
#include <csv.h>
#include <errno.h>
#include <jansson.h>

#include "tap.h"
#include "testutil.h"
#include "write/writer.h" /* ut_record_json: the bytes JSON Lines must match */

static const char *RULES =
    "rule t.hostile\n  type dnr\n  pattern <<[^>]*>>\n"
    "rule t.formula\n  type dnr\n  normalize group v\n  pattern \\[(?<v>[^\\]]*)\\]\n"
    "rule t.case\n  type dnr\n  normalize dnr\n"
    "  pattern (?<id>(?<series>KS) (?<year>[0-9]{4})/(?<number>[0-9]+))\n";

static const char DOC1[] = "Rubrik\n<<He said \"hi\", then; left\n\tend\x01>> [=1+2] [-5] [@x]\nDnr KS 2021/012\n";
static const char DOC2[] = "[M\xf6te; \"B\"]"; /* windows-1252 */

static ut_doc *D1, *D2, *D3; /* D3: no fields */

/* what --excel guards: a cell that a spreadsheet would run as a formula */
static const char FORMULA_START[] = "=+-@\t\r";

/* Run a writer over the documents into a NEW buffer (free()). */
static char *render(const char *fmt, unsigned flags, ut_doc **docs, size_t n, size_t *len, int *rc) {
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    ut_writer *wr = ut_writer_create(fmt, f, NULL, flags, NULL);
    *rc = 0;
    for (size_t i = 0; i < n; i++) *rc |= ut_writer_doc(wr, docs[i]);
    *rc |= ut_writer_finish(wr);
    fclose(f);
    return buf;
}

/* ---- CSV read back through libcsv ------------------------------------- */

typedef struct table {
    char **cells; /* row-major, NEW strings */
    size_t ncells, cap;
    size_t row_len[64];
    size_t nrows;
    size_t cur;
} table;

static void on_field(void *s, size_t n, void *ud) {
    table *t = ud;
    if (t->ncells == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->cells = realloc(t->cells, t->cap * sizeof *t->cells);
    }
    char *c = malloc(n + 1);
    memcpy(c, s, n);
    c[n] = 0;
    t->cells[t->ncells++] = c;
    t->cur++;
}

static void on_row(int c, void *ud) {
    (void)c;
    table *t = ud;
    if (t->nrows < 64) t->row_len[t->nrows] = t->cur;
    t->nrows++;
    t->cur = 0;
}

static int parse_csv(const char *buf, size_t len, unsigned char delim, table *t) {
    struct csv_parser p;
    memset(t, 0, sizeof *t);
    if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL)) return -1;
    csv_set_delim(&p, delim);
    size_t done = csv_parse(&p, buf, len, on_field, on_row, t);
    int ok_ = done == len && csv_error(&p) == CSV_SUCCESS;
    if (!ok_) diag("libcsv: %s after %zu of %zu bytes", csv_strerror(csv_error(&p)), done, len);
    if (csv_fini(&p, on_field, on_row, t)) ok_ = 0;
    csv_free(&p);
    return ok_ ? 0 : -1;
}

static void free_table(table *t) {
    for (size_t i = 0; i < t->ncells; i++) free(t->cells[i]);
    free(t->cells);
}

static size_t ncolumns(void) {
    size_t n = 0;
    while (ut_csv_columns()[n]) n++;
    return n;
}

static const char *cell(const table *t, size_t row, const char *col) {
    size_t nc = ncolumns();
    for (size_t c = 0; c < nc; c++)
        if (!strcmp(ut_csv_columns()[c], col)) return row * nc + c < t->ncells ? t->cells[row * nc + c] : NULL;
    return NULL;
}

static void check_csv(int excel) {
    const char *name = excel ? "csv --excel" : "csv";
    ut_doc *docs[] = {D1, D2, D3};
    size_t len;
    int rc;
    char *out = render("csv", excel ? UT_WRITE_EXCEL : 0, docs, 3, &len, &rc);
    is_int(rc, 0, "%s: written", name);
    const char *body = out;
    if (excel) {
        ok(len >= 3 && !memcmp(out, "\xef\xbb\xbf", 3), "%s: starts with a UTF-8 BOM", name);
        body += 3;
        len -= 3;
    } else ok(memcmp(out, "\xef\xbb\xbf", 3) != 0, "%s: no BOM", name);
    const char *crlf = strstr(body, "\r\n");
    ok(crlf && !memchr(body, '\n', (size_t)(crlf - body)), "%s: header ends with CRLF", name);
    table t;
    if (!is_int(parse_csv(body, len, excel ? ';' : ',', &t), 0, "%s: strict libcsv parses it", name)) {
        free_table(&t);
        free(out);
        return;
    }
    size_t nfields = ut_doc_nfields(D1) + ut_doc_nfields(D2);
    is_int((long long)t.nrows, (long long)nfields + 1, "%s: header + one row per field", name);
    int widths_ok = 1;
    for (size_t r = 0; r < t.nrows && r < 64; r++) widths_ok &= t.row_len[r] == ncolumns();
    ok(widths_ok, "%s: every row has %zu cells", name, ncolumns());
    int header_ok = 1;
    for (size_t c = 0; c < ncolumns(); c++) header_ok &= !strcmp(t.cells[c], ut_csv_columns()[c]);
    ok(header_ok, "%s: header is ut_csv_columns()", name);
    /* rows in order: D1's fields then D2's */
    size_t row = 1;
    const ut_doc *order[] = {D1, D2};
    for (int di = 0; di < 2; di++)
        for (size_t i = 0; i < ut_doc_nfields(order[di]); i++, row++) {
            const ut_field *f = ut_doc_field(order[di], i);
            char want_v[512], want_t[512], num[32];
            int guard = excel && f->value[0] && strchr(FORMULA_START, f->value[0]);
            snprintf(want_v, sizeof want_v, "%s%s", guard ? "'" : "", f->value);
            guard = excel && f->text[0] && strchr(FORMULA_START, f->text[0]);
            snprintf(want_t, sizeof want_t, "%s%s", guard ? "'" : "", f->text);
            is_str(cell(&t, row, "doc"), ut_doc_name(order[di]), "%s row %zu: doc", name, row);
            is_str(cell(&t, row, "value"), want_v, "%s row %zu: value", name, row);
            is_str(cell(&t, row, "text"), want_t, "%s row %zu: text", name, row);
            is_str(cell(&t, row, "rule"), f->rule, "%s row %zu: rule", name, row);
            snprintf(num, sizeof num, "%zu", f->start);
            is_str(cell(&t, row, "start"), num, "%s row %zu: start", name, row);
            snprintf(num, sizeof num, "%zu", f->line);
            is_str(cell(&t, row, "line"), num, "%s row %zu: line", name, row);
            is_str(cell(&t, row, "encoding"), di ? "windows-1252" : "", "%s row %zu: encoding", name, row);
            const ut_attr *a = ut_field_attr(f, "series");
            is_str(cell(&t, row, "series"), a ? a->s : "", "%s row %zu: series", name, row);
            a = ut_field_attr(f, "year");
            snprintf(num, sizeof num, "%lld", a ? a->i : 0);
            is_str(cell(&t, row, "year"), a ? num : "", "%s row %zu: year", name, row);
        }
    free_table(&t);
    free(out);
}

/* ---- JSON Lines and JSON read back through jansson -------------------- */

static const char *KEYS[] = {"doc", "type", "value", "text", "start", "end", "line", "rule"};

static int same_record(json_t *o, const ut_doc *d, const ut_field *f, int with_doc) {
    int good = json_is_object(o);
    void *it = json_object_iter(o);
    for (size_t k = with_doc ? 0 : 1; good && k < 8; k++, it = json_object_iter_next(o, it))
        good = it && !strcmp(json_object_iter_key(it), KEYS[k]);
    good = good && (!with_doc || !strcmp(json_string_value(json_object_get(o, "doc")), ut_doc_name(d)));
    good = good && !strcmp(json_string_value(json_object_get(o, "type")), f->type);
    good = good && !strcmp(json_string_value(json_object_get(o, "value")), f->value);
    good = good && !strcmp(json_string_value(json_object_get(o, "text")), f->text);
    good = good && json_integer_value(json_object_get(o, "start")) == (json_int_t)f->start;
    good = good && json_integer_value(json_object_get(o, "end")) == (json_int_t)f->end;
    good = good && json_integer_value(json_object_get(o, "line")) == (json_int_t)f->line;
    good = good && !strcmp(json_string_value(json_object_get(o, "rule")), f->rule);
    for (size_t a = 0; good && a < f->nattrs; a++)
        good = f->attrs[a].kind == UT_ATTR_STR
                   ? !strcmp(json_string_value(json_object_get(o, f->attrs[a].key)), f->attrs[a].s)
                   : f->attrs[a].kind != UT_ATTR_INT ||
                         json_integer_value(json_object_get(o, f->attrs[a].key)) == f->attrs[a].i;
    return good;
}

static void check_jsonl(void) {
    ut_doc *docs[] = {D1, D3, D2};
    size_t len;
    int rc;
    char *out = render("jsonl", 0, docs, 3, &len, &rc);
    is_int(rc, 0, "jsonl: written");
    ok(len > 0 && out[len - 1] == '\n', "jsonl: ends with a line break");
    char *save = NULL;
    size_t n = 0;
    const ut_doc *order[] = {D1, D2};
    int di = 0;
    size_t fi = 0;
    for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
        json_error_t je;
        json_t *o = json_loads(line, 0, &je);
        while (di < 2 && fi >= ut_doc_nfields(order[di])) { di++; fi = 0; }
        const ut_doc *d = di < 2 ? order[di] : NULL;
        ok(o && d && same_record(o, d, ut_doc_field(d, fi), 1), "jsonl line %zu: parses, keys in order, equal", n + 1);
        /* byte for byte what jansson writes for the record (escapes of
         * quotes, tabs and control characters included) */
        json_t *want_o = d ? ut_record_json(d, ut_doc_field(d, fi), 1) : NULL;
        char *want = want_o ? json_dumps(want_o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) : NULL;
        is_str(line, want, "jsonl line %zu: the bytes jansson writes", n + 1);
        free(want);
        json_decref(want_o);
        if (o && d == D2) is_str(json_string_value(json_object_get(o, "encoding")), "windows-1252",
                                 "jsonl line %zu: encoding of a cp1252 document", n + 1);
        if (o && d == D1) ok(json_object_get(o, "encoding") == NULL, "jsonl line %zu: no encoding key for utf-8", n + 1);
        json_decref(o);
        fi++;
    }
    is_int((long long)n, (long long)(ut_doc_nfields(D1) + ut_doc_nfields(D2)), "jsonl: one line per field");
    free(out);
}

/* A long field of every kind of byte a string can hold, at every offset
 * against the writer's 8-byte and 4096-byte steps, in a document whose
 * name is not UTF-8: still the bytes jansson writes. */
static void check_jsonl_long(ut_worker *w) {
    static const char *const piece[] = {"a", "\xc3\xa5", "\xe2\x82\xac", "\xf0\x9d\x84\x9e", "\"", "\\",
                                        "\x01", "\x1f", "\t", "xyzxyzx", "\r", " "};
    size_t cap = 40000, n = 0;
    char *text = malloc(cap);
    n += (size_t)snprintf(text + n, cap - n, "<<");
    for (size_t i = 0; n < 12000; i++) n += (size_t)snprintf(text + n, cap - n, "%s", piece[(i * 7 + i / 12) % 12]);
    n += (size_t)snprintf(text + n, cap - n, ">>\n");
    ut_error err;
    ut_doc *d = ut_extract(w, "long\xff name.txt", text, n, &err);
    ok(d && ut_doc_nfields(d) == 1 && strlen(ut_doc_field(d, 0)->value) > 10000, "a 12 KB field");
    ut_doc *docs[] = {d};
    size_t len;
    int rc;
    char *out = d ? render("jsonl", 0, docs, 1, &len, &rc) : NULL;
    json_t *want_o = d ? ut_record_json(d, ut_doc_field(d, 0), 1) : NULL;
    char *want = want_o ? json_dumps(want_o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) : NULL;
    if (out && len) out[len - 1] = 0; /* the line break */
    ok(want && out && !strcmp(out, want), "jsonl: a long hostile field, the bytes jansson writes");
    ok(out && strstr(out, "\"doc\":\"long\xef\xbf\xbd name.txt\""), "jsonl: a file name that is not UTF-8, repaired");
    free(want);
    json_decref(want_o);
    free(out);
    ut_doc_free(d);
    free(text);
}

static void check_json(void) {
    ut_doc *docs[] = {D1, D3, D2};
    size_t len;
    int rc;
    char *out = render("json", 0, docs, 3, &len, &rc);
    is_int(rc, 0, "json: written");
    json_error_t je;
    json_t *root = json_loadb(out, len, 0, &je);
    if (!ok(json_is_array(root), "json: one array")) { diag("%s", je.text); free(out); return; }
    is_int((long long)json_array_size(root), 3, "json: one object per document, empty ones too");
    for (size_t i = 0; i < json_array_size(root) && i < 3; i++) {
        json_t *doc = json_array_get(root, i);
        is_str(json_string_value(json_object_get(doc, "doc")), ut_doc_name(docs[i]), "json doc %zu: name", i);
        is_str(json_string_value(json_object_get(doc, "encoding")), ut_doc_encoding(docs[i]), "json doc %zu: encoding", i);
        json_t *fields = json_object_get(doc, "fields");
        is_int((long long)json_array_size(fields), (long long)ut_doc_nfields(docs[i]), "json doc %zu: fields", i);
        int all = 1;
        for (size_t k = 0; k < json_array_size(fields); k++)
            all &= same_record(json_array_get(fields, k), docs[i], ut_doc_field(docs[i], k), 0);
        ok(all, "json doc %zu: every field equal, keys in order", i);
    }
    json_decref(root);
    free(out);
}

static void check_empty_runs(void) {
    size_t len;
    int rc;
    char *out = render("json", 0, NULL, 0, &len, &rc);
    is_str(out, "[]\n", "json without documents is an empty array");
    free(out);
    out = render("jsonl", 0, NULL, 0, &len, &rc);
    is_int((long long)len, 0, "jsonl without documents is empty");
    free(out);
    out = render("csv", 0, NULL, 0, &len, &rc);
    ok(out && strncmp(out, "\"doc\"", 5) == 0 && strstr(out, "\r\n") == out + len - 2, "csv without documents: header only");
    free(out);
}

static void check_write_error(void) {
    FILE *f = fopen("/dev/full", "w");
    if (!f) { ok(1, "# SKIP no /dev/full"); return; }
    ut_writer *wr = ut_writer_create("jsonl", f, NULL, 0, NULL);
    int rc = ut_writer_doc(wr, D1);
    rc |= ut_writer_finish(wr);
    is_int(rc, -1, "a full disk is reported as a write error");
    fclose(f);
}

static void check_format_names(void) {
    is_str(ut_format_find("jsonl") ? ut_format_find("jsonl")->name : NULL, "jsonl", "format jsonl");
    is_str(ut_format_find("ndjson") ? ut_format_find("ndjson")->name : NULL, "jsonl", "format ndjson");
    is_str(ut_format_find("json") ? ut_format_find("json")->name : NULL, "json", "format json");
    is_str(ut_format_find("csv") ? ut_format_find("csv")->name : NULL, "csv", "format csv");
    ok(ut_format_find("xml") == NULL, "unknown format");
    /* the table: every format once, each found by its name, each with a
     * one-line summary; the path-only ones say why */
    is_int((long long)ut_format_count(), 6, "six formats in the table");
    int table_ok = 1;
    for (size_t i = 0; i < ut_format_count(); i++) {
        const ut_format_info *fi = ut_format_at(i);
        table_ok &= ut_format_find(fi->name) == fi && fi->summary && *fi->summary;
        table_ok &= !(fi->caps & UT_FORMAT_NEEDS_PATH) || (fi->why_path && *fi->why_path);
    }
    ok(table_ok && ut_format_at(ut_format_count()) == NULL, "every row is found by its name and explains itself");
    ut_error werr = {0};
    errno = 0;
    ok(ut_writer_create("json", stdout, NULL, UT_WRITE_EXCEL, &werr) == NULL && errno == EINVAL &&
           strstr(werr.text, "csv"),
       "the Excel flag on json is refused: %s", werr.text);
    errno = 0;
    ok(ut_writer_create("nosuch", stdout, NULL, 0, &werr) == NULL && errno == EINVAL && strstr(werr.text, "unknown"),
       "an unknown format is refused: %s", werr.text);
    ok(ut_writer_create("jsonl", NULL, NULL, 0, NULL) == NULL && errno == EINVAL, "neither a stream nor a path: refused");
}

/* --excel guards every cell that starts like a formula, whichever column:
 * here the doc names, which are the user's and can start with anything. */
static void check_excel_guard(ut_worker *w) {
    static const char *names[] = {"=1+2.txt", "+3.txt", "-5.txt", "@x.txt", "\tT.txt", "\rR.txt", "a=b.txt", " =c.txt"};
    enum { N = sizeof names / sizeof names[0], NGUARDED = 6 };
    ut_doc *docs[N];
    ut_error err;
    for (size_t i = 0; i < N; i++) docs[i] = ut_extract(w, names[i], "Dnr KS 2021/012\n", 16, &err);
    size_t len;
    int rc;
    char *out = render("csv", UT_WRITE_EXCEL, docs, N, &len, &rc);
    is_int(rc, 0, "formula guard: written");
    table t;
    if (is_int(parse_csv(out + 3, len - 3, ';', &t), 0, "formula guard: strict libcsv parses it")) {
        is_int((long long)t.nrows, N + 1, "formula guard: one row per document");
        for (size_t i = 0; i < N && i + 1 < t.nrows; i++) {
            char want[64];
            snprintf(want, sizeof want, "%s%s", i < NGUARDED ? "'" : "", names[i]);
            is_str(cell(&t, i + 1, "doc"), want, "formula guard: doc %zu %s", i, i < NGUARDED ? "guarded" : "as is");
            is_str(cell(&t, i + 1, "value"), "KS 2021/012", "formula guard: value %zu as is", i);
        }
    }
    free_table(&t);
    free(out);
    for (size_t i = 0; i < N; i++) ut_doc_free(docs[i]);
}

int main(void) {
    char *dir;
    ut_error err;
    ut_ruleset *rs = rules_from_text(&dir, RULES, NULL, NULL, &err);
    if (!ok(rs != NULL, "writer rules load")) { diag("%s", err.text); return done_testing(); }
    ut_worker *w = ut_worker_new(rs);
    D1 = ut_extract(w, "dir/a \"quoted\", name.txt", DOC1, sizeof DOC1 - 1, &err);
    D2 = ut_extract(w, "b;c.txt", DOC2, sizeof DOC2 - 1, &err);
    D3 = ut_extract(w, "empty.txt", "nothing here", 12, &err);
    check_jsonl_long(w);
    is_int((long long)ut_doc_nfields(D1), 5, "document 1 has five fields");
    const ut_field *h = ut_doc_field(D1, 0);
    is_str(h ? h->text : NULL, "<<He said \"hi\", then; left\n\tend\x01>>", "hostile text kept as written");
    is_str(h ? h->value : NULL, "<<He said \"hi\", then; left end\x01>>", "value: white space collapsed");
    is_int((long long)ut_doc_nfields(D2), 1, "document 2 has one field");
    check_csv(0);
    check_csv(1);
    check_excel_guard(w);
    check_jsonl();
    check_json();
    check_empty_runs();
    check_write_error();
    check_format_names();
    ut_doc_free(D1);
    ut_doc_free(D2);
    ut_doc_free(D3);
    ut_worker_free(w);
    ut_ruleset_free(rs);
    scratch_free(dir);
    return done_testing();
}
