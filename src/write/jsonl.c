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
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "write/writer.h"

/* The lines of one document are built in one buffer, written in blocks:
 * one fwrite per 64 KB instead of a stdio call per piece of a record. */
typedef struct jbuf {
    char *s;
    size_t n, cap;
    bool oom;
} jbuf;

#define JBUF_FLUSH (64 * 1024)

static bool jb_room(jbuf *b, size_t more) {
    if (b->oom) return false;
    if (b->n + more <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 2 * JBUF_FLUSH;
    while (cap < b->n + more) cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
        b->oom = true;
        return false;
    }
    b->s = s;
    b->cap = cap;
    return true;
}

static void jb_put(jbuf *b, const char *s, size_t n) {
    if (jb_room(b, n)) {
        memcpy(b->s + b->n, s, n);
        b->n += n;
    }
}

static void jb_putc(jbuf *b, char c) {
    if (jb_room(b, 1)) b->s[b->n++] = c;
}

/* Does this byte need an escape inside a JSON string? */
static inline int needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

static void put_string(jbuf *b, const char *s) {
    jb_putc(b, '"');
    const char *run = s;
    for (const char *p = s;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c && !needs_escape(c)) continue;
        if (p > run) jb_put(b, run, (size_t)(p - run));
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
        jb_put(b, esc, strlen(esc));
        run = p + 1;
    }
    jb_putc(b, '"');
}

/* "%lld" without printf's machinery (a third of the writer's time). */
static void put_int(jbuf *b, long long v) {
    char buf[24];
    size_t o = sizeof buf;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        buf[--o] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) buf[--o] = '-';
    jb_put(b, buf + o, sizeof buf - o);
}

static void put_real(jbuf *b, double v) {
    json_t *j = json_real(v);
    char *s = j ? json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
    json_decref(j);
    if (s) jb_put(b, s, strlen(s));
    else b->oom = true;
    free(s);
}

static void put_pair(jbuf *b, const ut_attr *a, int first) {
    if (!first) jb_putc(b, ',');
    put_string(b, a->key);
    jb_putc(b, ':');
    switch (a->kind) {
    case UT_ATTR_STR: put_string(b, a->s); break;
    case UT_ATTR_INT: put_int(b, a->i); break;
    case UT_ATTR_NUM: put_real(b, a->d); break;
    case UT_ATTR_BOOL: jb_put(b, a->i ? "true" : "false", a->i ? 4 : 5); break;
    }
}

static int flush(jbuf *b, FILE *out) {
    int rc = b->n && fwrite(b->s, 1, b->n, out) != b->n ? -1 : 0;
    b->n = 0;
    return rc;
}

static int jsonl_doc(ut_writer *wr, const ut_doc *d) {
    /* the file name is repaired (ut_json_string_lossy), once a document */
    const char *name = ut_doc_name(d);
    char *repaired = NULL;
    if (!ut_utf8_valid(name, strlen(name)) && !(repaired = ut_utf8_repaired(name))) return -1;
    jbuf b = {0};
    int rc = 0;
    for (size_t i = 0; i < ut_doc_nfields(d) && !rc; i++) {
        ut_attr pairs[UT_RECORD_MAX];
        size_t n = ut_record_pairs(d, ut_doc_field(d, i), 1, pairs);
        if (repaired) pairs[0].s = repaired;
        /* otherwise jansson refuses NULL and invalid UTF-8 before writing
         * anything of the record: so do we */
        for (size_t k = 1; k < n && !rc; k++) {
            if (!ut_utf8_valid(pairs[k].key, strlen(pairs[k].key))) rc = -1;
            else if (pairs[k].kind == UT_ATTR_STR && (!pairs[k].s || !ut_utf8_valid(pairs[k].s, strlen(pairs[k].s))))
                rc = -1;
        }
        if (rc) break;
        jb_putc(&b, '{');
        for (size_t k = 0; k < n; k++) put_pair(&b, &pairs[k], k == 0);
        jb_put(&b, "}\n", 2);
        if (b.oom) rc = -1;
        else if (b.n >= JBUF_FLUSH) rc = flush(&b, wr->out);
    }
    /* the lines before a failing record are written, as before */
    if (!b.oom && flush(&b, wr->out)) rc = -1;
    free(b.s);
    free(repaired);
    return rc;
}

const ut_format_ops ut_jsonl_format = {
    .info = {.name = "jsonl", .alias = "ndjson", .summary = "JSON Lines, one field a line (the default)",
             .caps = UT_FORMAT_STREAMING},
    .doc = jsonl_doc,
};
