/*
 * write_csv.c — CSV, one row per field, through libcsv's quoting.
 *
 * The header is fixed (ut_csv_columns) so that files from different runs
 * and rule sets stack: a column a field does not have is left empty.
 * Plain CSV is RFC 4180 (',' and CRLF); --excel adds a UTF-8 BOM and uses
 * ';', which Swedish Excel expects, and guards cells that a spreadsheet
 * would run as a formula: one that starts with '=', '+', '-', '@', or a tab
 * or CR (which Excel skips before looking for the formula sign; the OWASP
 * list for CSV injection).
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "writer.h"

static const char *const columns[] = {
    "doc", "line", "start", "end", "type", "value", "text", "rule",
    "grain", "series", "year", "number",
    "party", "role", "key",
    "unit", "unit_lemma", "currency",
    "ocr", "encoding",
    "page", /* last, so that CSV files from before PDF input still stack */
    NULL,
};

const char *const *ut_csv_columns(void) { return columns; }

static int cell(ut_writer *wr, int first, const char *s) {
    if (!first && fputc((wr->flags & UT_WRITE_EXCEL) ? ';' : ',', wr->out) == EOF) return -1;
    if (!s || !*s) return 0;
    if ((wr->flags & UT_WRITE_EXCEL) && strchr("=+-@\t\r", s[0])) {
        /* formula guard: a leading apostrophe keeps Excel from evaluating */
        size_t n = strlen(s);
        char *g = malloc(n + 2);
        if (!g) return -1;
        g[0] = '\'';
        memcpy(g + 1, s, n + 1);
        int rc = csv_fwrite(wr->out, g, n + 1);
        free(g);
        return rc;
    }
    return csv_fwrite(wr->out, s, strlen(s));
}

static int end_row(ut_writer *wr) { return fputs("\r\n", wr->out) == EOF ? -1 : 0; }

static int header(ut_writer *wr) {
    if ((wr->flags & UT_WRITE_EXCEL) && fputs("\xEF\xBB\xBF", wr->out) == EOF) return -1;
    for (int i = 0; columns[i]; i++)
        if (cell(wr, i == 0, columns[i])) return -1;
    return end_row(wr);
}

static const char *attr_text(const ut_field *f, const char *key, char *buf, size_t n) {
    const ut_attr *a = ut_field_attr(f, key);
    if (!a) return NULL;
    switch (a->kind) {
    case UT_ATTR_STR: return a->s;
    case UT_ATTR_INT: snprintf(buf, n, "%lld", a->i); return buf;
    case UT_ATTR_NUM: snprintf(buf, n, "%.15g", a->d); return buf;
    case UT_ATTR_BOOL: return a->i ? "true" : "false";
    }
    return NULL;
}

int ut_write_csv_doc(ut_writer *wr, const ut_doc *d) {
    if (wr->ndocs == 0 && header(wr)) return -1;
    if (!d) return 0;
    for (size_t i = 0; i < ut_doc_nfields(d); i++) {
        const ut_field *f = ut_doc_field(d, i);
        char line[32], start[32], end[32];
        snprintf(line, sizeof line, "%zu", f->line);
        snprintf(start, sizeof start, "%zu", f->start);
        snprintf(end, sizeof end, "%zu", f->end);
        const char *fixed[] = {ut_doc_name(d), line, start, end, f->type, f->value, f->text, f->rule};
        size_t nfixed = sizeof fixed / sizeof fixed[0];
        for (size_t c = 0; columns[c]; c++) {
            char buf[64];
            const char *v;
            if (c < nfixed) v = fixed[c];
            else if (!strcmp(columns[c], "encoding"))
                v = strcmp(ut_doc_encoding(d), "utf-8") ? ut_doc_encoding(d) : NULL;
            else if (!strcmp(columns[c], "page")) {
                snprintf(buf, sizeof buf, "%zu", ut_doc_page_at(d, f->start));
                v = ut_doc_npages(d) ? buf : NULL;
            }
            else v = attr_text(f, columns[c], buf, sizeof buf);
            if (cell(wr, c == 0, v)) return -1;
        }
        if (end_row(wr)) return -1;
    }
    return 0;
}
