/* write_json.c — one JSON array, one object per document:
 *   [{"doc": ..., "encoding": ..., "fields": [{type, value, ...}, ...]}, ...]
 * Documents are written as they come, so memory does not grow with the run. */
#include <string.h>

#include "write/writer.h"

static int json_doc(ut_writer *wr, const ut_doc *d) {
    json_t *doc = json_object(), *fields = json_array();
    int rc = (!doc || !fields) ? -1 : 0;
    rc |= json_object_set_new(doc, "doc", ut_json_string_lossy(ut_doc_name(d)));
    rc |= json_object_set_new(doc, "encoding", json_string(ut_doc_encoding(d)));
    if (ut_doc_npages(d)) rc |= json_object_set_new(doc, "pages", json_integer((json_int_t)ut_doc_npages(d)));
    size_t nmeta;
    const ut_attr *meta = ut_doc_meta(d, &nmeta);
    for (size_t i = 0; !rc && i < nmeta; i++)
        if (meta[i].kind == UT_ATTR_STR) rc |= json_object_set_new(doc, meta[i].key, ut_json_string_lossy(meta[i].s));
    for (size_t i = 0; !rc && i < ut_doc_nfields(d); i++) {
        json_t *o = ut_record_json(d, ut_doc_field(d, i), 0);
        rc |= o ? json_array_append_new(fields, o) : -1;
    }
    if (!rc) {
        rc = json_object_set(doc, "fields", fields);
        if (!rc) {
            fputs(wr->ndocs ? ",\n" : "[\n", wr->out);
            rc = json_dumpf(doc, wr->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
        }
    }
    json_decref(fields);
    json_decref(doc);
    return rc ? -1 : 0;
}

static int json_finish(ut_writer *wr, int ok) {
    if (!ok) return -1;
    return fputs(wr->ndocs ? "\n]\n" : "[]\n", wr->out) == EOF ? -1 : 0;
}

const ut_format_ops ut_json_format = {
    .info = {.name = "json", .summary = "one JSON array, an object per document with its facts and fields"},
    .doc = json_doc,
    .finish = json_finish,
};
