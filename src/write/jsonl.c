/* write_jsonl.c — JSON Lines: one field a line, the pairs of ut_record_pairs
 * (with_doc: pair 0 is the doc).
 *
 * Written by hand rather than through a jansson object per record: building
 * and dumping one cost ~35,000 instructions a record, more than matching.
 * The bytes are exactly what json_dumpf(JSON_COMPACT | JSON_PRESERVE_ORDER
 * | JSON_REAL_PRECISION(15)) writes (the JSON writer still uses jansson,
 * and tests compare the two): the same escapes (\" \\ \b \f \n \r \t, other
 * control characters as \u00XX upper case, everything else as is), the
 * file name repaired as ut_json_string_lossy does, and the same failure: any
 * other string that is not valid UTF-8 fails the record before any of it
 * is written.  Reals, which no field uses today, go through
 * jansson to keep its exact number format. */
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "write/writer.h"

/* Does this byte need an escape inside a JSON string? */
static inline int needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

static int put_string(FILE *out, const char *s) {
    if (putc_unlocked('"', out) == EOF) return -1;
    const char *run = s;
    for (const char *p = s;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c && !needs_escape(c)) continue;
        if (p > run && fwrite(run, 1, (size_t)(p - run), out) != (size_t)(p - run)) return -1;
        if (!c) break;
        char esc[8];
        switch (c) {
        case '"': memcpy(esc, "\\\"", 3); break;
        case '\\': memcpy(esc, "\\\\", 3); break;
        case '\b': memcpy(esc, "\\b", 3); break;
        case '\f': memcpy(esc, "\\f", 3); break;
        case '\n': memcpy(esc, "\\n", 3); break;
        case '\r': memcpy(esc, "\\r", 3); break;
        case '\t': memcpy(esc, "\\t", 3); break;
        default: snprintf(esc, sizeof esc, "\\u%04X", c); break;
        }
        if (fputs(esc, out) == EOF) return -1;
        run = p + 1;
    }
    return putc_unlocked('"', out) == EOF ? -1 : 0;
}

/* "%lld" without printf's machinery (a third of the writer's time). */
static int put_int(FILE *out, long long v) {
    char buf[24];
    size_t o = sizeof buf;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        buf[--o] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) buf[--o] = '-';
    return fwrite(buf + o, 1, sizeof buf - o, out) == sizeof buf - o ? 0 : -1;
}

static int put_real(FILE *out, double v) {
    json_t *j = json_real(v);
    char *s = j ? json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
    json_decref(j);
    int rc = s && fputs(s, out) != EOF ? 0 : -1;
    free(s);
    return rc;
}

static int put_pair(FILE *out, const ut_attr *a, int first) {
    if (!first && putc_unlocked(',', out) == EOF) return -1;
    if (put_string(out, a->key) || putc_unlocked(':', out) == EOF) return -1;
    switch (a->kind) {
    case UT_ATTR_STR: return put_string(out, a->s);
    case UT_ATTR_INT: return put_int(out, a->i);
    case UT_ATTR_NUM: return put_real(out, a->d);
    case UT_ATTR_BOOL: return fputs(a->i ? "true" : "false", out) == EOF ? -1 : 0;
    }
    return -1;
}

static int jsonl_doc(ut_writer *wr, const ut_doc *d) {
    for (size_t i = 0; i < ut_doc_nfields(d); i++) {
        ut_attr pairs[UT_RECORD_MAX];
        size_t n = ut_record_pairs(d, ut_doc_field(d, i), 1, pairs);
        /* the file name is repaired (ut_json_string_lossy); otherwise
         * jansson refuses NULL and invalid UTF-8 before writing anything */
        char *repaired = NULL;
        if (!ut_utf8_valid(pairs[0].s, strlen(pairs[0].s))) {
            if (!(repaired = ut_utf8_repaired(pairs[0].s))) return -1;
            pairs[0].s = repaired;
        }
        int rc = 0;
        for (size_t k = 0; k < n && !rc; k++) {
            if (!ut_utf8_valid(pairs[k].key, strlen(pairs[k].key))) rc = -1;
            else if (pairs[k].kind == UT_ATTR_STR && (!pairs[k].s || !ut_utf8_valid(pairs[k].s, strlen(pairs[k].s))))
                rc = -1;
        }
        if (!rc) {
            /* one lock a line (the _unlocked calls below rely on it) */
            flockfile(wr->out);
            rc = putc_unlocked('{', wr->out) == EOF ? -1 : 0;
            for (size_t k = 0; !rc && k < n; k++) rc = put_pair(wr->out, &pairs[k], k == 0);
            if (!rc && fputs("}\n", wr->out) == EOF) rc = -1;
            funlockfile(wr->out);
        }
        free(repaired);
        if (rc) return -1;
    }
    return 0;
}

const ut_format_ops ut_jsonl_format = {
    .info = {.name = "jsonl", .alias = "ndjson", .summary = "JSON Lines, one field a line (the default)",
             .caps = UT_FORMAT_STREAMING},
    .doc = jsonl_doc,
};
