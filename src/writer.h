/*
 * writer.h — stage 6: fields out as JSON Lines, JSON or CSV (internal).
 *
 * One file per format (write_jsonl.c, write_json.c, write_csv.c) behind the
 * ut_writer of utdrag.h.  All formats share one notion of a record
 * (ut_record_json below), so a key added to a field shows up everywhere.
 * Writers only write to the FILE they were given; they never print
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
};

/* A NEW JSON object for one field of `d`: doc, type, value, text, start,
 * end, line, rule, then the field's typed attributes. NULL on OOM. */
json_t *ut_record_json(const ut_doc *d, const ut_field *f, int with_doc);

/* A NEW JSON string of `s`; invalid UTF-8 (a file name from an old share)
 * becomes U+FFFD instead of failing, as jansson would. */
json_t *ut_json_string_lossy(const char *s);

int ut_write_jsonl_doc(ut_writer *wr, const ut_doc *d);
int ut_write_json_doc(ut_writer *wr, const ut_doc *d);
int ut_write_json_finish(ut_writer *wr);
int ut_write_csv_doc(ut_writer *wr, const ut_doc *d);
#endif
