/*
 * writer.h — stage 6: fields out as JSON Lines, JSON, CSV or an HTML review page (internal).
 *
 * One file per format (write_jsonl.c, write_json.c, write_csv.c, write_html.c) behind the
 * ut_writer of utdrag.h.  All formats share one notion of a record
 * (ut_record_json below), so a key added to a field shows up everywhere.
 * Writers only write to the FILE they were given (write_sqlite.c: to the
 * database it opened, ut_writer_open_sqlite); they never print
 * diagnostics and never exit.
 */
#ifndef UT_WRITER_H
#define UT_WRITER_H
#include <jansson.h>

#include "utdrag.h"

struct ut_writer {
    FILE *out;
    ut_format fmt;
    unsigned flags;
    size_t ndocs;
    int failed;
    struct ut_sqlite_out *sqlite; /* UT_FORMAT_SQLITE only (out is NULL); write_sqlite.c */
    int owns_out;          /* ut_writer_open: `out` is closed by finish */
    struct ut_xlsx *xlsx;  /* UT_FORMAT_XLSX: the workbook (write_xlsx.c); `out` is NULL */
};

/* The record of one field of `d` as key/value pairs, in output order: doc
 * (if with_doc), type, value, text, start, end, line, page (documents read
 * from a PDF), rule, the field's
 * typed attributes, then encoding (with doc, when not UTF-8).  A key given
 * twice keeps its first place and takes the last value.  Fills `out`
 * (strings BORROWED from d and f) and returns the number of pairs.  The
 * doc (pair 0 when with_doc) is a file name and may not be valid UTF-8:
 * writers repair it (ut_utf8_repaired); any other invalid string fails. */
#define UT_RECORD_MAX (UT_MAX_ATTRS + 10)
size_t ut_record_pairs(const ut_doc *d, const ut_field *f, int with_doc, ut_attr out[UT_RECORD_MAX]);

/* A NEW JSON object holding ut_record_pairs. NULL on OOM or on a string
 * that is not valid UTF-8. */
json_t *ut_record_json(const ut_doc *d, const ut_field *f, int with_doc);

/* A NEW JSON string of `s`; invalid UTF-8 (a file name from an old share)
 * becomes U+FFFD instead of failing, as jansson would. */
json_t *ut_json_string_lossy(const char *s);
/* A NEW copy of `s` with each byte that is not part of valid UTF-8 as
 * U+FFFD.  NULL on out of memory. */
char *ut_utf8_repaired(const char *s);

int ut_write_jsonl_doc(ut_writer *wr, const ut_doc *d);
int ut_write_json_doc(ut_writer *wr, const ut_doc *d);
int ut_write_json_finish(ut_writer *wr);
int ut_write_csv_doc(ut_writer *wr, const ut_doc *d);
int ut_write_html_doc(ut_writer *wr, const ut_doc *d);
int ut_write_html_finish(ut_writer *wr);
int ut_write_sqlite_doc(ut_writer *wr, const ut_doc *d);
/* Commit (ok) or roll back, close the database, free wr->sqlite. 0 or -1. */
int ut_write_sqlite_finish(ut_writer *wr, int ok);
/* xlsx (write_xlsx.c): NEW workbook to be written at `path` (copied), or
 * NULL with errno set; finish writes the file and frees the workbook
 * whether it succeeds or not; `failed` drops it unwritten. */
struct ut_xlsx *ut_xlsx_new(const char *path);
int ut_write_xlsx_doc(ut_writer *wr, const ut_doc *d);
int ut_write_xlsx_finish(struct ut_xlsx *x, int failed);
#endif
