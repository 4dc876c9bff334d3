/*
 * write_csv.c — CSV, one row per field, through libcsv's quoting.
 *
 * The header is the schema's columns (ut_csv_columns, src/schema.h): those
 * of the first release in their places, every key added since after
 * them, so that files from different runs, versions and rule sets stack;
 * a column a field does not have is left empty.
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

#include "doc/schema.h"
#include "write/writer.h"

/* The header: the schema's columns (src/schema.h), built once per process
 * and registry generation. */
static const char *header_names[128];

const char *const *ut_csv_columns(void) {
    const ut_schema *sc = ut_schema_get();
    size_t n = 0;
    for (; sc && n < sc->ncolumns && n + 1 < sizeof header_names / sizeof *header_names; n++)
        header_names[n] = sc->columns[n].name;
    header_names[n] = NULL;
    return header_names;
}

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

static int header(ut_writer *wr, const ut_schema *sc) {
    if ((wr->flags & UT_WRITE_EXCEL) && fputs("\xEF\xBB\xBF", wr->out) == EOF) return -1;
    for (size_t i = 0; i < sc->ncolumns; i++)
        if (cell(wr, i == 0, sc->columns[i].name)) return -1;
    return end_row(wr);
}

/* A pair's value as CSV text (numbers as JSON writes them: %lld, %.15g). */
static const char *pair_text(const ut_attr *a, char *buf, size_t n) {
    switch (a->kind) {
    case UT_ATTR_STR: return a->s;
    case UT_ATTR_INT: snprintf(buf, n, "%lld", a->i); return buf;
    case UT_ATTR_NUM: snprintf(buf, n, "%.15g", a->d); return buf;
    case UT_ATTR_BOOL: return a->i ? "true" : "false";
    }
    return NULL;
}

/* Each row is the record's pairs (ut_record_pairs, the JSON Lines record)
 * under the schema's columns; a pair no column names cannot occur, as the
 * schema holds every declared key (an undeclared one is left out here and
 * kept in JSON and xlsx's "other"). */
static int csv_doc(ut_writer *wr, const ut_doc *d) {
    const ut_schema *sc = ut_schema_get();
    if (!sc) return -1;
    if (wr->ndocs == 0 && header(wr, sc)) return -1;
    if (!d) return 0;
    for (size_t i = 0; i < ut_doc_nfields(d); i++) {
        ut_attr pairs[UT_RECORD_MAX];
        size_t n = ut_record_pairs(d, ut_doc_field(d, i), 1, pairs);
        for (size_t c = 0; c < sc->ncolumns; c++) {
            char buf[64];
            const char *v = NULL;
            for (size_t k = 0; k < n && !v; k++)
                if (!strcmp(pairs[k].key, sc->columns[c].name)) v = pair_text(&pairs[k], buf, sizeof buf);
            if (cell(wr, c == 0, v)) return -1;
        }
        if (end_row(wr)) return -1;
    }
    return 0;
}

/* no documents: the header alone, so that a reader sees the columns */
static int csv_finish(ut_writer *wr, int ok) { return !ok ? -1 : wr->ndocs ? 0 : csv_doc(wr, NULL); }

const ut_format_ops ut_csv_format = {
    .info = {.name = "csv", .summary = "CSV, one row per field (--excel: for Excel)",
             .caps = UT_FORMAT_STREAMING | UT_FORMAT_EXCEL},
    .doc = csv_doc,
    .finish = csv_finish,
};
