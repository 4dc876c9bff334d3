/* write_jsonl.c — JSON Lines: one field a line, keys as in ut_record_json. */
#include "writer.h"

int ut_write_jsonl_doc(ut_writer *wr, const ut_doc *d) {
    for (size_t i = 0; i < ut_doc_nfields(d); i++) {
        json_t *o = ut_record_json(d, ut_doc_field(d, i), 1);
        if (!o) return -1;
        int rc = json_dumpf(o, wr->out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
        json_decref(o);
        if (rc || fputc('\n', wr->out) == EOF) return -1;
    }
    return 0;
}
