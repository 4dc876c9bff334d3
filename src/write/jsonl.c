/* jsonl.c — JSON Lines: one field a line, the pairs of ut_record_pairs
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
 * is written (the record is taken back from the buffer).  Reals, which no
 * field uses today, go through jansson to keep its exact number format.
 * Speed: a string is checked for UTF-8 and escaped in one pass, eight plain
 * bytes at a time; each key's `,"key":` and the line's `{"doc":"NAME"` are
 * made once a document (~2,900 instructions a record, from ~5,800). */
#include <stdbool.h>
#include <stdint.h>
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

/* A byte written as it is: not one that needs an escape inside a JSON
 * string ('"', '\\', a control character), nor one starting a UTF-8
 * sequence to check. */
static inline bool plain(unsigned char c) { return (unsigned char)(c - 0x20) < 0x60 && c != '"' && c != '\\'; }

/* Whether any byte of w is >= 0x80, < 0x20, '"' or '\\' (the exact
 * has-less-than and has-zero-byte tests, eight bytes at a time). */
static inline bool word_needs_look(uint64_t w) {
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
    return ((w & high) | ((w - ones * 0x20) & ~w & high) | ((q - ones) & ~q & high) | ((bs - ones) & ~bs & high)) != 0;
}

/* s as a JSON string, checking its UTF-8 on the way (one pass instead of
 * a check, then a copy).  False when s is not valid UTF-8: then what was
 * written of it is garbage and the caller drops the record (jsonl_doc). */
static bool put_string(jbuf *b, const char *s) {
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    jb_putc(b, '"');
    while (i < n) {
        /* a piece at a time, so that the room asked for (6 bytes a byte:
         * \u00XX) stays small for a long text */
        size_t end = n - i > 4096 ? i + 4096 : n;
        if (!jb_room(b, 6 * (end - i) + 8)) return true; /* out of memory: b->oom says it */
        char *o = b->s + b->n;
        while (i < end) {
            uint64_t w;
            if (i + 8 <= end && (memcpy(&w, u + i, 8), !word_needs_look(w))) {
                memcpy(o, u + i, 8);
                o += 8;
                i += 8;
                continue;
            }
            unsigned char c = u[i];
            if (plain(c)) {
                *o++ = (char)c;
                i++;
                continue;
            }
            if (c >= 0x80) {
                uint32_t cp;
                int l = ut_utf8_decode(u + i, n - i, &cp);
                if (l < 0) return false;
                memcpy(o, u + i, (size_t)l);
                o += l;
                i += (size_t)l;
                continue;
            }
            i++;
            *o++ = '\\';
            switch (c) {
            case '"': *o++ = '"'; break;
            case '\\': *o++ = '\\'; break;
            case '\b': *o++ = 'b'; break;
            case '\f': *o++ = 'f'; break;
            case '\n': *o++ = 'n'; break;
            case '\r': *o++ = 'r'; break;
            case '\t': *o++ = 't'; break;
            default:
                memcpy(o, "u00", 3);
                o[3] = "0123456789ABCDEF"[c >> 4];
                o[4] = "0123456789ABCDEF"[c & 15];
                o += 5;
                break;
            }
        }
        b->n = (size_t)(o - b->s);
    }
    jb_putc(b, '"');
    return true;
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

/* The keys of one document as written (`,"key":`), by the key's address:
 * a document's records repeat a few dozen keys, whose strings live as
 * long as the document, so each is checked and escaped once. */
enum { KEY_SLOTS = 128 };
typedef struct key_cache {
    const char *key[KEY_SLOTS];
    uint32_t at[KEY_SLOTS], len[KEY_SLOTS]; /* in text */
    jbuf text;
} key_cache;

/* Write `,"key":`; false when the key is not valid UTF-8. */
static bool put_key(jbuf *b, key_cache *kc, const char *key) {
    size_t h = ((uintptr_t)key >> 3) % KEY_SLOTS;
    for (size_t probe = 0; probe < KEY_SLOTS; probe++, h = (h + 1) % KEY_SLOTS) {
        if (kc->key[h] == key) {
            jb_put(b, kc->text.s + kc->at[h], kc->len[h]);
            return true;
        }
        if (!kc->key[h]) break;
    }
    size_t from = kc->text.n;
    jb_putc(&kc->text, ',');
    if (!put_string(&kc->text, key)) {
        kc->text.n = from;
        return false;
    }
    jb_putc(&kc->text, ':');
    if (kc->text.oom) {
        b->oom = true;
        return true;
    }
    jb_put(b, kc->text.s + from, kc->text.n - from);
    if (kc->key[h]) { /* the table is full: written, not kept */
        kc->text.n = from;
        return true;
    }
    kc->key[h] = key;
    kc->at[h] = (uint32_t)from;
    kc->len[h] = (uint32_t)(kc->text.n - from);
    return true;
}

/* False when the key or a string value is not valid UTF-8 (or NULL). */
static bool put_pair(jbuf *b, key_cache *kc, const ut_attr *a) {
    if (!put_key(b, kc, a->key)) return false;
    switch (a->kind) {
    case UT_ATTR_STR: return a->s && put_string(b, a->s);
    case UT_ATTR_INT: put_int(b, a->i); break;
    case UT_ATTR_NUM: put_real(b, a->d); break;
    case UT_ATTR_BOOL: jb_put(b, a->i ? "true" : "false", a->i ? 4 : 5); break;
    }
    return true;
}

static int flush(jbuf *b, FILE *out) {
    int rc = b->n && fwrite(b->s, 1, b->n, out) != b->n ? -1 : 0;
    b->n = 0;
    return rc;
}

static int jsonl_doc(ut_writer *wr, const ut_doc *d) {
    /* the file name is repaired (ut_json_string_lossy), once a document,
     * and `{"doc":"NAME"` is made once and copied into every line */
    const char *name = ut_doc_name(d);
    char *repaired = NULL;
    if (!ut_utf8_valid(name, strlen(name)) && !(repaired = ut_utf8_repaired(name))) return -1;
    jbuf head = {0}, b = {0};
    key_cache *kc = calloc(1, sizeof *kc);
    if (!kc) {
        free(repaired);
        return -1;
    }
    jb_put(&head, "{\"doc\":", 7);
    put_string(&head, repaired ? repaired : name);
    int rc = head.oom ? -1 : 0;
    for (size_t i = 0; i < ut_doc_nfields(d) && !rc; i++) {
        ut_attr pairs[UT_RECORD_MAX];
        size_t n = ut_record_pairs(d, ut_doc_field(d, i), 1, pairs);
        size_t mark = b.n;
        jb_put(&b, head.s, head.n);
        bool valid = true;
        for (size_t k = 1; k < n && valid; k++) valid = put_pair(&b, kc, &pairs[k]);
        /* jansson refuses NULL and invalid UTF-8 before writing anything
         * of the record: so does this, by taking the record back */
        if (!valid) {
            b.n = mark;
            rc = -1;
            break;
        }
        jb_put(&b, "}\n", 2);
        if (b.oom) rc = -1;
        else if (b.n >= JBUF_FLUSH) rc = flush(&b, wr->out);
    }
    /* the lines before a failing record are written, as before */
    if (!b.oom && flush(&b, wr->out)) rc = -1;
    free(b.s);
    free(head.s);
    free(kc->text.s);
    free(kc);
    free(repaired);
    return rc;
}

const ut_format_ops ut_jsonl_format = {
    .info = {.name = "jsonl", .alias = "ndjson", .summary = "JSON Lines, one field a line (the default)",
             .caps = UT_FORMAT_STREAMING},
    .doc = jsonl_doc,
};
