/*
 * writer.h — the write stage: finished documents out in any format (internal).
 *
 * The stage owns formatting and nothing else: it receives documents the
 * document stage has finished (src/doc/: fields, links, roster, facts,
 * decoded text) and writes them; no writer decodes, links or infers.
 * One file per format (jsonl.c, json.c, csv.c, html.c, sqlite.c, xlsx.c),
 * each a row of the table in formats.c (struct ut_format_ops below);
 * writer.c opens a writer by format name and drives the row, so no
 * format is a special case anywhere else (not in the CLI either).
 * The columns come from the schema (src/doc/schema.h).  All formats share one notion of a record
 * (ut_record_json below), so a key added to a field shows up everywhere.
 * Writers only write to the FILE they were given, or the file at the path
 * they were opened at; they never print diagnostics and never exit.
 */
#ifndef UT_WRITER_H
#define UT_WRITER_H
#include <jansson.h>

#include "utdrag.h"

/* One output format: a row of the table in formats.c.  A new format is
 * one file here with its ut_format_ops, and one line in formats.c. */
typedef struct ut_format_ops {
    ut_format_info info;
    /* Set up wr->state for the writer at `path` (UT_FORMAT_NEEDS_PATH;
     * wr->out is NULL).  0, or -1 with errno set and `err` (may be NULL)
     * filled, having freed what it made.  NULL: a stream format, for which
     * the writer opens `path` itself. */
    int (*open)(ut_writer *wr, const char *path, ut_error *err);
    /* One document; 0 or -1. */
    int (*doc)(ut_writer *wr, const ut_doc *d);
    /* End the output after the last document (`ok`: nothing failed so
     * far); frees wr->state whether it succeeds or not.  0 or -1.  NULL:
     * nothing to end. */
    int (*finish)(ut_writer *wr, int ok);
} ut_format_ops;

/* The table entry for `name` or its alias, NULL if none (formats.c). */
const ut_format_ops *ut_format_ops_find(const char *name);

struct ut_writer {
    const ut_format_ops *ops;
    FILE *out;      /* stream formats: BORROWED, or owned when owns_out */
    int owns_out;   /* opened at a path: closed by ut_writer_finish */
    unsigned flags; /* UT_WRITE_* */
    size_t ndocs;   /* documents written so far */
    int failed;
    void *state;    /* the format's own (a database, a workbook): OWNED, freed by ops->finish */
    ut_error *err;  /* BORROWED from the caller, may be NULL */
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

/* The formats' table rows (one file each in src/write/). */
extern const ut_format_ops ut_jsonl_format, ut_json_format, ut_csv_format, ut_html_format, ut_sqlite_format,
    ut_xlsx_format;
#endif
