/*
 * fuzz_writers.c — harness (d): the JSON Lines, JSON and CSV writers with
 * hostile field contents, and the HTML review page.
 *
 * The documents are those of fuzz_docs_new (fuzz_util.h): every line of
 * the input a field, so that quotes, ';', ',', CR, invalid UTF-8 and
 * formula starters reach `value` and `text`, then the default rules'
 * fields with typed attributes; the input's first bytes name the
 * document, so names that are not UTF-8 are written too.  Every format is
 * written to memory and read back — JSON with jansson, CSV with libcsv in
 * strict mode — and must give back exactly the values of the document.
 */
#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_util.h"
#include "base/text.h"

/* Write d in one format into a NEW buffer (*len bytes). */
static char *write_doc(const ut_doc *d, const char *fmt, unsigned flags, size_t *len) {
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    FUZZ_CHECK(f);
    ut_writer *wr = ut_writer_create(fmt, f, NULL, flags, NULL);
    FUZZ_CHECK(wr);
    FUZZ_CHECK(ut_writer_doc(wr, d) == 0);
    FUZZ_CHECK(ut_writer_finish(wr) == 0);
    FUZZ_CHECK(fclose(f) == 0);
    return buf;
}

/* The name as the JSON writers must show it (invalid UTF-8 → U+FFFD). */
static int same_name(const char *got, const char *name) {
    if (ut_utf8_valid(name, strlen(name))) return !strcmp(got, name);
    return ut_utf8_valid(got, strlen(got)) && strstr(got, "\xEF\xBF\xBD") != NULL;
}

static void check_record(json_t *o, const ut_field *f) {
    FUZZ_CHECK(json_is_object(o));
    FUZZ_CHECK(!strcmp(json_string_value(json_object_get(o, "type")), f->type));
    FUZZ_CHECK(!strcmp(json_string_value(json_object_get(o, "value")), f->value));
    FUZZ_CHECK(!strcmp(json_string_value(json_object_get(o, "text")), f->text));
    FUZZ_CHECK(!strcmp(json_string_value(json_object_get(o, "rule")), f->rule));
    FUZZ_CHECK(json_integer_value(json_object_get(o, "start")) == (json_int_t)f->start);
    FUZZ_CHECK(json_integer_value(json_object_get(o, "end")) == (json_int_t)f->end);
    FUZZ_CHECK(json_integer_value(json_object_get(o, "line")) == (json_int_t)f->line);
    for (size_t k = 0; k < f->nattrs; k++) {
        const ut_attr *a = &f->attrs[k];
        json_t *v = json_object_get(o, a->key);
        FUZZ_CHECK(v);
        if (a->kind == UT_ATTR_STR) FUZZ_CHECK(!strcmp(json_string_value(v), a->s));
        if (a->kind == UT_ATTR_INT) FUZZ_CHECK(json_integer_value(v) == a->i);
    }
}

static void check_jsonl(const ut_doc *d) {
    size_t len;
    char *out = write_doc(d, "jsonl", 0, &len);
    FUZZ_CHECK(len == strlen(out)); /* no NUL may reach the output */
    size_t i = 0;
    for (char *line = out; *line; i++) {
        char *nl = strchr(line, '\n');
        FUZZ_CHECK(nl); /* every record ends its line */
        json_error_t jerr;
        json_t *o = json_loadb(line, (size_t)(nl - line), 0, &jerr);
        if (!o) fprintf(stderr, "jsonl: %s\n", jerr.text);
        FUZZ_CHECK(o);
        FUZZ_CHECK(i < ut_doc_nfields(d));
        check_record(o, ut_doc_field(d, i));
        FUZZ_CHECK(same_name(json_string_value(json_object_get(o, "doc")), ut_doc_name(d)));
        json_decref(o);
        line = nl + 1;
    }
    FUZZ_CHECK(i == ut_doc_nfields(d));
    free(out);
}

static void check_json(const ut_doc *d) {
    size_t len;
    char *out = write_doc(d, "json", 0, &len);
    json_error_t jerr;
    json_t *all = json_loadb(out, len, 0, &jerr);
    if (!all) fprintf(stderr, "json: %s\n", jerr.text);
    FUZZ_CHECK(json_is_array(all) && json_array_size(all) == 1);
    json_t *doc = json_array_get(all, 0);
    FUZZ_CHECK(same_name(json_string_value(json_object_get(doc, "doc")), ut_doc_name(d)));
    FUZZ_CHECK(!strcmp(json_string_value(json_object_get(doc, "encoding")), ut_doc_encoding(d)));
    json_t *fields = json_object_get(doc, "fields");
    FUZZ_CHECK(json_is_array(fields) && json_array_size(fields) == ut_doc_nfields(d));
    for (size_t i = 0; i < ut_doc_nfields(d); i++) check_record(json_array_get(fields, i), ut_doc_field(d, i));
    json_decref(all);
    free(out);
}

/* CSV read back with libcsv: rows of cells. */
typedef struct csv_rows {
    char ***rows;
    size_t *ncells;
    size_t nrows;
    char **cur;
    size_t ncur;
} csv_rows;

static void on_cell(void *s, size_t n, void *ud) {
    csv_rows *r = ud;
    char **c = realloc(r->cur, (r->ncur + 1) * sizeof *c);
    FUZZ_CHECK(c);
    r->cur = c;
    FUZZ_CHECK((c[r->ncur] = malloc(n + 1)));
    if (n) memcpy(c[r->ncur], s, n);
    c[r->ncur++][n] = 0;
}

static void on_row(int term, void *ud) {
    (void)term;
    csv_rows *r = ud;
    r->rows = realloc(r->rows, (r->nrows + 1) * sizeof *r->rows);
    r->ncells = realloc(r->ncells, (r->nrows + 1) * sizeof *r->ncells);
    FUZZ_CHECK(r->rows && r->ncells);
    r->rows[r->nrows] = r->cur;
    r->ncells[r->nrows++] = r->ncur;
    r->cur = NULL;
    r->ncur = 0;
}

static void free_rows(csv_rows *r) {
    for (size_t i = 0; i < r->nrows; i++) {
        for (size_t k = 0; k < r->ncells[i]; k++) free(r->rows[i][k]);
        free(r->rows[i]);
    }
    free(r->rows);
    free(r->ncells);
}

/* What a CSV cell must hold for a value (Excel guards formula starters,
 * and a leading tab or CR, as src/write/csv.c does). */
static int same_cell(const char *cell, const char *v, int excel) {
    if (!v) v = "";
    if (excel && *v && strchr("=+-@\t\r", v[0])) return cell[0] == '\'' && !strcmp(cell + 1, v);
    return !strcmp(cell, v);
}

static void check_csv(const ut_doc *d, int excel) {
    size_t len;
    char *out = write_doc(d, "csv", excel ? UT_WRITE_EXCEL : 0, &len);
    const char *body = out;
    if (excel) {
        FUZZ_CHECK(len >= 3 && !memcmp(out, "\xEF\xBB\xBF", 3));
        body += 3;
        len -= 3;
    }
    struct csv_parser p;
    FUZZ_CHECK(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) == 0);
    if (excel) csv_set_delim(&p, ';');
    csv_rows rows = {0};
    FUZZ_CHECK(csv_parse(&p, body, len, on_cell, on_row, &rows) == len);
    FUZZ_CHECK(csv_fini(&p, on_cell, on_row, &rows) == 0);
    csv_free(&p);
    const char *const *cols = ut_csv_columns();
    size_t ncols = 0;
    while (cols[ncols]) ncols++;
    FUZZ_CHECK(rows.nrows == 1 + ut_doc_nfields(d));
    for (size_t c = 0; c < ncols; c++) FUZZ_CHECK(!strcmp(rows.rows[0][c], cols[c]));
    for (size_t i = 0; i < ut_doc_nfields(d); i++) {
        const ut_field *f = ut_doc_field(d, i);
        char **row = rows.rows[i + 1];
        FUZZ_CHECK(rows.ncells[i + 1] == ncols);
        char num[32];
        FUZZ_CHECK(same_cell(row[0], ut_doc_name(d), excel));
        snprintf(num, sizeof num, "%zu", f->line);
        FUZZ_CHECK(!strcmp(row[1], num));
        snprintf(num, sizeof num, "%zu", f->start);
        FUZZ_CHECK(!strcmp(row[2], num));
        snprintf(num, sizeof num, "%zu", f->end);
        FUZZ_CHECK(!strcmp(row[3], num));
        FUZZ_CHECK(same_cell(row[4], f->type, excel));
        FUZZ_CHECK(same_cell(row[5], f->value, excel));
        FUZZ_CHECK(same_cell(row[6], f->text, excel));
        FUZZ_CHECK(same_cell(row[7], f->rule, excel));
    }
    free_rows(&rows);
    free(out);
}

/* The HTML review page: valid UTF-8, whole, its marks balanced, one
 * element with an id per field, no '<' of the input left unescaped (the
 * only tags in the text are the marks). */
static size_t occurrences(const char *s, const char *what) {
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)); p += strlen(what)) n++;
    return n;
}

static void check_html(const ut_doc *d) {
    size_t len;
    char *out = write_doc(d, "html", 0, &len);
    FUZZ_CHECK(strlen(out) == len && ut_utf8_valid(out, len));
    FUZZ_CHECK(len > 8 && !strcmp(out + len - 8, "</html>\n"));
    const char *pre = strstr(out, "<pre class=\"text\">"), *end = pre ? strstr(pre, "</pre>") : NULL;
    FUZZ_CHECK(pre && end);
    char *text = strndup(pre, (size_t)(end - pre));
    FUZZ_CHECK(text);
    FUZZ_CHECK(occurrences(text, "<mark ") == occurrences(text, "</mark>"));
    FUZZ_CHECK(occurrences(text, "<") == 1 + 2 * occurrences(text, "<mark "));
    FUZZ_CHECK(occurrences(text, " id=\"d0-f") == ut_doc_nfields(d));
    free(text);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ut_doc *docs[FUZZ_NDOCS];
    size_t n = fuzz_docs_new(data, size, docs); /* none: refused as binary */
    for (size_t k = 0; k < n; k++) {
        check_jsonl(docs[k]);
        check_json(docs[k]);
        check_csv(docs[k], 0);
        check_csv(docs[k], 1);
        check_html(docs[k]);
    }
    fuzz_docs_free(docs, n);
    return 0;
}
