/*
 * write_xlsx.c — an Excel workbook (.xlsx) through libxlsxwriter.
 *
 * Sheets, in a fixed order so that workbooks of different runs have the
 * same shape (as the fixed CSV header does): "documents" (one row per
 * document: encoding, number of fields of each type, the document facts),
 * then one sheet per field type of ut_field_types(), named by the type,
 * also when a run has none of it (--types).  Each field sheet has the
 * columns doc, line, start, end, value, text, rule, the typed keys of its
 * type (declared in its extractor, src/schema.h), ocr, encoding, page, and
 * "other": any key the sheet has no column for (one a normalizer sets
 * without declaring it), as `key=value; ...`, so that nothing is lost.
 *
 * Cells are typed from the record (ut_record_pairs): integers and reals as
 * numbers, ocr/approx as booleans, the rest as strings — never formulas,
 * so no formula guard is needed.  The header row is bold, frozen and
 * autofiltered; column widths follow the longest cell (capped).
 *
 * Memory: libxlsxwriter's constant_memory mode streams each row to a
 * temporary file beside the output, so memory stays bounded by a row, not
 * by the run.  That mode wants the rows of a sheet in order and the header
 * known up front, hence the fixed columns.  A sheet that reaches Excel's
 * 1,048,576 rows goes on in "TYPE (2)", "TYPE (3)"...  A string longer
 * than Excel's 32,767 characters is cut there.  Text that Excel would read
 * as one of its _xHHHH_ escapes is escaped itself (cell_text), so that a
 * cell shows what the field holds.
 *
 * libxlsxwriter prints a line on stderr when it fails ("[ERROR] ...", it is
 * compiled in and cannot be turned off).  The one failure a caller can
 * cause, a path that cannot be written, is therefore checked at open, where
 * errno tells it; what is left (a disk that fills while the file is
 * written) still fails with -1, and libxlsxwriter's line beside ours.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "doc/schema.h"
#include "base/text.h"
#include "base/util.h"
#include "write/writer.h"

#define MAX_COLS 64
#define MAX_TYPES 16
#define MAX_WIDTH 60.0
#define XLSX_STR_MAX 32767 /* characters in a cell, Excel's limit */

/* Besides the schema's columns (src/schema.h): the count columns of the
 * documents sheet, and "other" last on every sheet. */
static const char *const doc_columns[] = {"doc", "encoding", "fields"};

typedef struct sheet {
    const char *name; /* BORROWED: a type name (static) or "documents" */
    lxw_worksheet *ws;
    const char *cols[MAX_COLS]; /* BORROWED static strings */
    size_t ncols;
    lxw_row_t row; /* next row to write; 0 before the header */
    int part;      /* 1, then 2... once a sheet is full */
    double width[MAX_COLS];
} sheet;

struct ut_xlsx {
    lxw_workbook *wb; /* owned: closed (written) or freed by finish */
    lxw_format *bold; /* owned by wb */
    char *tmpdir;     /* NEW: the output's directory, for the row files */
    sheet docs;
    sheet types[MAX_TYPES];
    size_t ntypes;
};

/* errno for a libxlsxwriter error (which has no errno of its own). */
static int fail(lxw_error e) {
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED) errno = ENOMEM;
    else if (!errno) errno = EIO;
    return -1;
}

static void add_col(sheet *s, const char *c) {
    for (size_t i = 0; i < s->ncols; i++)
        if (!strcmp(s->cols[i], c)) return;
    if (s->ncols < MAX_COLS) s->cols[s->ncols++] = c;
}

static int col_of(const sheet *s, const char *key) {
    for (size_t i = 0; i < s->ncols; i++)
        if (!strcmp(s->cols[i], key)) return (int)i;
    return -1;
}

/* Excel reads "_xHHHH_" in a string as the character U+HHHH (ECMA-376,
 * ST_Xstring), the escape libxlsxwriter writes control characters with.
 * A text that holds those seven characters itself would come back as one
 * character, so the '_' that starts them is written as "_x005F_"; the
 * same escapes carry the characters XML forbids (escape_of). */
static int starts_escape(const char *s) {
    if (s[0] != '_' || s[1] != 'x') return 0;
    for (int i = 2; i < 6; i++)
        if (!isxdigit((unsigned char)s[i])) return 0; /* stops at the NUL */
    /* The '_' that closes it may also be the first byte of an escape
     * written for the next character: a control character (libxlsxwriter
     * writes it as _xHHHH_; tab and newline too often enough that all are
     * counted, and an extra escape still reads back right) or U+FFFE/F. */
    unsigned char next = (unsigned char)s[6];
    return next == '_' || (next && next < 0x20) ||
           (next == 0xEF && (unsigned char)s[7] == 0xBF && (unsigned char)s[8] >= 0xBE);
}

/* The escape (7 bytes) a character at `s` is written as, or NULL.  Besides
 * the '_' above: U+FFFE and U+FFFF, which XML does not allow in a document
 * at all (libxlsxwriter writes them as they are, and no reader could
 * parse the sheet). */
static const char *escape_of(const char *s) {
    if (starts_escape(s)) return "_x005F_";
    if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBF && (unsigned char)s[2] >= 0xBE)
        return (unsigned char)s[2] == 0xBE ? "_xFFFE_" : "_xFFFF_";
    return NULL;
}

static size_t char_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

/* `v` (valid UTF-8) as written into a cell: the escapes above, and cut at
 * XLSX_STR_MAX characters as written (what libxlsxwriter checks, before
 * its own escapes), so a cell is cut a little early when it holds escapes.
 * *chars is the number of characters the cell shows.  Returns `v` itself
 * when nothing changes, else a NEW string in *copy; NULL on OOM. */
static const char *cell_text(const char *v, char **copy, size_t *chars) {
    size_t written = 0, bytes = 0, i = 0, shown = 0;
    int changed = 0;
    while (v[i]) { /* an escape is 7 characters for 1 */
        size_t n = char_len((unsigned char)v[i]), cost = escape_of(v + i) ? 7 : 1;
        if (written + cost > XLSX_STR_MAX) break;
        written += cost;
        bytes += cost == 7 ? 7 : n; /* an escape replaces the 1 byte of "_" or the 3 of U+FFFE/F */
        changed |= cost == 7;
        i += n;
        shown++;
    }
    *chars = shown;
    *copy = NULL;
    if (!changed && !v[i]) return v;
    char *out = malloc(bytes + 1), *o = out;
    if (!out) return NULL;
    for (size_t k = 0; k < i;) {
        const char *e = escape_of(v + k);
        size_t n = char_len((unsigned char)v[k]);
        memcpy(o, e ? e : v + k, e ? 7 : n);
        o += e ? 7 : n;
        k += n;
    }
    *o = 0;
    return *copy = out;
}

static void widen(sheet *s, int col, size_t chars) {
    double w = (double)chars + 2;
    if (w > MAX_WIDTH) w = MAX_WIDTH;
    if (w > s->width[col]) s->width[col] = w;
}

/* Widths and the autofilter over what the sheet holds: at the end, since
 * libxlsxwriter writes both when it assembles the sheet. */
static int close_sheet(sheet *s) {
    if (!s->ws) return 0;
    for (size_t c = 0; c < s->ncols; c++) {
        lxw_error e = worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, s->width[c], NULL);
        if (e) return fail(e);
    }
    lxw_error e = worksheet_autofilter(s->ws, 0, 0, s->row ? s->row - 1 : 0, (lxw_col_t)(s->ncols - 1));
    return e ? fail(e) : 0;
}

/* Start the sheet (or its next part): header row, frozen. */
static int open_sheet(struct ut_xlsx *x, sheet *s) {
    if (close_sheet(s)) return -1;
    char name[48]; /* at most LXW_SHEETNAME_MAX (31) used */
    s->part++;
    if (s->part == 1) snprintf(name, sizeof name, "%s", s->name);
    else snprintf(name, sizeof name, "%.16s (%d)", s->name, s->part);
    s->ws = workbook_add_worksheet(x->wb, name);
    if (!s->ws) return fail(LXW_ERROR_MEMORY_MALLOC_FAILED);
    worksheet_freeze_panes(s->ws, 1, 0);
    for (size_t c = 0; c < s->ncols; c++) {
        lxw_error e = worksheet_write_string(s->ws, 0, (lxw_col_t)c, s->cols[c], x->bold);
        if (e) return fail(e);
        s->width[c] = 0;
        widen(s, (int)c, strlen(s->cols[c]) + 2); /* room for the filter button */
    }
    s->row = 1;
    return 0;
}

/* The row to write next, moving to a new part when the sheet is full. */
static int next_row(struct ut_xlsx *x, sheet *s, lxw_row_t *row) {
    if (s->row >= LXW_ROW_MAX && open_sheet(x, s)) return -1;
    *row = s->row++;
    return 0;
}

static int put_str(sheet *s, lxw_row_t row, int col, const char *v) {
    if (!v || !*v) return 0;
    if (!ut_utf8_valid(v, strlen(v))) { /* as the JSON writers do */
        errno = EILSEQ;
        return -1;
    }
    char *copy;
    size_t n;
    v = cell_text(v, &copy, &n);
    if (!v) return -1;
    lxw_error e = worksheet_write_string(s->ws, row, (lxw_col_t)col, v, NULL);
    free(copy);
    if (e) return fail(e);
    widen(s, col, n);
    return 0;
}

static int put_num(sheet *s, lxw_row_t row, int col, double v) {
    lxw_error e = worksheet_write_number(s->ws, row, (lxw_col_t)col, v, NULL);
    if (e) return fail(e);
    char buf[32];
    widen(s, col, (size_t)snprintf(buf, sizeof buf, "%.15g", v));
    return 0;
}

static int put_attr(sheet *s, lxw_row_t row, int col, const ut_attr *a) {
    switch (a->kind) {
    case UT_ATTR_STR: return put_str(s, row, col, a->s);
    case UT_ATTR_INT: return put_num(s, row, col, (double)a->i);
    case UT_ATTR_NUM: return put_num(s, row, col, a->d);
    case UT_ATTR_BOOL: {
        lxw_error e = worksheet_write_boolean(s->ws, row, (lxw_col_t)col, a->i != 0, NULL);
        if (e) return fail(e);
        widen(s, col, 5);
        return 0;
    }
    }
    return 0;
}

/* Append `key=value` of `a` to the "other" text (NEW, realloc'ed). */
static int add_other(char **other, size_t *len, const ut_attr *a) {
    char num[40] = "";
    const char *v = num;
    switch (a->kind) {
    case UT_ATTR_STR: v = a->s; break;
    case UT_ATTR_INT: snprintf(num, sizeof num, "%lld", a->i); break;
    case UT_ATTR_NUM: snprintf(num, sizeof num, "%.15g", a->d); break;
    case UT_ATTR_BOOL: v = a->i ? "true" : "false"; break;
    }
    size_t add = strlen(a->key) + strlen(v) + 3;
    char *grown = realloc(*other, *len + add + 1);
    if (!grown) return -1;
    *other = grown;
    *len += (size_t)snprintf(grown + *len, add + 1, "%s%s=%s", *len ? "; " : "", a->key, v);
    return 0;
}

/* The sheets and their columns, from the schema: a field sheet has the
 * record's columns (less type, which the sheet says), the typed keys of
 * its type in their declared order, the common keys (ocr), the input's
 * (encoding, page) and "other"; the documents sheet the counts and the
 * document facts. */
static int init_sheets(struct ut_xlsx *x) {
    const ut_schema *sc = ut_schema_get();
    if (!sc) return -1;
    x->docs.name = "documents";
    for (size_t i = 0; i < sizeof doc_columns / sizeof *doc_columns; i++) add_col(&x->docs, doc_columns[i]);
    for (size_t t = 0; t < sc->ntypes && t < MAX_TYPES; t++) {
        const ut_schema_type *ty = &sc->types[t];
        add_col(&x->docs, ty->type);
        sheet *s = &x->types[x->ntypes++];
        s->name = ty->type;
        for (size_t i = 0; i < sc->ncolumns; i++)
            if (sc->columns[i].role == UT_COL_RECORD && strcmp(sc->columns[i].name, "type"))
                add_col(s, sc->columns[i].name);
        for (size_t i = 0; i < ty->nkeys; i++) add_col(s, ty->keys[i].name);
        for (size_t i = 0; i < sc->ncommon; i++) add_col(s, sc->common[i].name);
        for (size_t i = 0; i < sc->ncolumns; i++)
            if (sc->columns[i].role == UT_COL_SOURCE) add_col(s, sc->columns[i].name);
        add_col(s, "other");
    }
    for (size_t i = 0; i < sc->nfacts; i++) add_col(&x->docs, sc->facts[i].name);
    add_col(&x->docs, "other");
    return 0;
}

/* Can `path` be created or replaced?  0, or -1 with errno (see the top). */
static int writable(const char *path, const char *dir) {
    if (access(path, F_OK) == 0) return access(path, W_OK);
    return access(dir, W_OK | X_OK);
}

static int xlsx_close(struct ut_xlsx *x, int failed);

/* NEW workbook to be written at `path` (copied), or NULL with errno set. */
static struct ut_xlsx *xlsx_new(const char *path) {
    struct ut_xlsx *x = calloc(1, sizeof *x);
    if (!x) return NULL;
    /* the row files go beside the output, not into a small /tmp */
    const char *slash = strrchr(path, '/');
    x->tmpdir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    if (x->tmpdir && writable(path, x->tmpdir)) {
        int e = errno;
        free(x->tmpdir);
        free(x);
        errno = e;
        return NULL;
    }
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = x->tmpdir, .use_zip64 = LXW_TRUE};
    x->wb = x->tmpdir ? workbook_new_opt(path, &opt) : NULL;
    x->bold = x->wb ? workbook_add_format(x->wb) : NULL;
    if (!x->bold) {
        if (x->wb) lxw_workbook_free(x->wb);
        free(x->tmpdir);
        free(x);
        errno = ENOMEM;
        return NULL;
    }
    format_set_bold(x->bold);
    if (init_sheets(x) || open_sheet(x, &x->docs)) goto fail;
    for (size_t t = 0; t < x->ntypes; t++)
        if (open_sheet(x, &x->types[t])) goto fail;
    return x;
fail:
    xlsx_close(x, 1);
    return NULL;
}

static sheet *sheet_of(struct ut_xlsx *x, const char *type) {
    for (size_t t = 0; t < x->ntypes; t++)
        if (!strcmp(x->types[t].name, type)) return &x->types[t];
    return NULL;
}

static int write_field(struct ut_xlsx *x, const ut_doc *d, const ut_field *f) {
    sheet *s = sheet_of(x, f->type);
    if (!s) { /* a type the registry does not know cannot come out of it */
        errno = EINVAL;
        return -1;
    }
    lxw_row_t row;
    if (next_row(x, s, &row)) return -1;
    ut_attr pairs[UT_RECORD_MAX];
    size_t n = ut_record_pairs(d, f, 1, pairs);
    char *other = NULL;
    size_t olen = 0;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        const ut_attr *a = &pairs[i];
        if (!strcmp(a->key, "type")) continue; /* the sheet says it */
        int col = col_of(s, a->key);
        if (i == 0) { /* doc: a file name, maybe not UTF-8 */
            char *name = ut_utf8_repaired(a->s);
            rc = name ? put_str(s, row, col, name) : -1;
            free(name);
        } else if (col < 0 || !strcmp(a->key, "other")) rc = add_other(&other, &olen, a);
        else rc = put_attr(s, row, col, a);
    }
    if (!rc && other) rc = put_str(s, row, col_of(s, "other"), other);
    free(other);
    return rc;
}

static int write_document_row(struct ut_xlsx *x, const ut_doc *d) {
    sheet *s = &x->docs;
    lxw_row_t row;
    if (next_row(x, s, &row)) return -1;
    char *name = ut_utf8_repaired(ut_doc_name(d));
    int rc = name ? put_str(s, row, 0, name) : -1;
    free(name);
    if (!rc) rc = put_str(s, row, 1, ut_doc_encoding(d));
    if (!rc) rc = put_num(s, row, 2, (double)ut_doc_nfields(d));
    for (size_t t = 0; t < x->ntypes && !rc; t++) {
        size_t count = 0;
        for (size_t i = 0; i < ut_doc_nfields(d); i++) count += !strcmp(ut_doc_field(d, i)->type, x->types[t].name);
        rc = put_num(s, row, col_of(s, x->types[t].name), (double)count);
    }
    size_t nmeta;
    const ut_attr *meta = ut_doc_meta(d, &nmeta);
    char *other = NULL;
    size_t olen = 0;
    for (size_t i = 0; i < nmeta && !rc; i++) {
        int col = col_of(s, meta[i].key);
        /* a fact named like a column that is not a fact goes to "other" */
        if (col < (int)(sizeof doc_columns / sizeof *doc_columns + x->ntypes) || !strcmp(meta[i].key, "other"))
            rc = add_other(&other, &olen, &meta[i]);
        else rc = put_attr(s, row, col, &meta[i]);
    }
    if (!rc && other) rc = put_str(s, row, col_of(s, "other"), other);
    free(other);
    return rc;
}

static int xlsx_doc(ut_writer *wr, const ut_doc *d) {
    struct ut_xlsx *x = wr->state;
    if (write_document_row(x, d)) return -1;
    for (size_t i = 0; i < ut_doc_nfields(d); i++)
        if (write_field(x, d, ut_doc_field(d, i))) return -1;
    return 0;
}

/* Write the file (unless `failed`: then it is dropped unwritten) and free
 * the workbook either way. */
static int xlsx_close(struct ut_xlsx *x, int failed) {
    int rc = failed ? -1 : 0;
    if (!rc && close_sheet(&x->docs)) rc = -1;
    for (size_t t = 0; t < x->ntypes && !rc; t++)
        if (close_sheet(&x->types[t])) rc = -1;
    if (rc) lxw_workbook_free(x->wb); /* nothing written */
    else {
        errno = 0;
        lxw_error e = workbook_close(x->wb); /* writes the file, frees the workbook */
        if (e) rc = fail(e);
    }
    free(x->tmpdir);
    free(x);
    return rc;
}

static int xlsx_open(ut_writer *wr, const char *path, ut_error *err) {
    struct ut_xlsx *x = xlsx_new(path);
    if (!x) {
        int e = errno;
        ut_seterr(err, path, 0, "%s", strerror(e));
        errno = e;
        return -1;
    }
    wr->state = x;
    return 0;
}

static int xlsx_finish(ut_writer *wr, int ok) {
    int rc = xlsx_close(wr->state, !ok);
    wr->state = NULL;
    return rc;
}

const ut_format_ops ut_xlsx_format = {
    .info = {.name = "xlsx", .summary = "an Excel workbook: a sheet per field type (needs -o)",
             .why_path = "a workbook is not written to standard output", .caps = UT_FORMAT_NEEDS_PATH},
    .open = xlsx_open,
    .doc = xlsx_doc,
    .finish = xlsx_finish,
};
