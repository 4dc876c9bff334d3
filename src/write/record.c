/* record.c — the shape of one record, shared by every format (writer.h):
 * its pairs in output order, as a JSON object, and UTF-8 repair for file
 * names. */
#include "write/writer.h"

#include "base/text.h"
#include "record/doc.h"

#include <stdlib.h>
#include <string.h>

char *ut_utf8_repaired(const char *s) {
    size_t n = strlen(s);
    char *buf = malloc(n * 3 + 1);
    if (!buf) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int l = ut_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (l < 0) {
            memcpy(buf + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else {
            memcpy(buf + o, s + i, (size_t)l);
            o += (size_t)l;
            i += (size_t)l;
        }
    }
    buf[o] = 0;
    return buf;
}

json_t *ut_json_string_lossy(const char *s) {
    size_t n = strlen(s);
    if (ut_utf8_valid(s, n)) return json_stringn(s, n);
    char *buf = ut_utf8_repaired(s);
    json_t *j = buf ? json_string(buf) : NULL;
    free(buf);
    return j;
}

static void put_pair(ut_attr *out, size_t *n, ut_attr a) {
    for (size_t i = 0; i < *n; i++)
        if (out[i].key == a.key || (out[i].key[0] == a.key[0] && !strcmp(out[i].key, a.key))) {
            out[i] = a;
            return;
        }
    out[(*n)++] = a;
}

static ut_attr str_pair(const char *key, const char *s) { return (ut_attr){.key = key, .kind = UT_ATTR_STR, .s = s}; }
static ut_attr int_pair(const char *key, size_t v) { return (ut_attr){.key = key, .kind = UT_ATTR_INT, .i = (long long)v}; }

size_t ut_record_pairs(const ut_doc *d, const ut_field *f, int with_doc, ut_attr out[UT_RECORD_MAX]) {
    size_t n = 0;
    if (with_doc) out[n++] = str_pair("doc", ut_doc_name(d));
    out[n++] = str_pair("type", f->type);
    out[n++] = str_pair("value", f->value);
    out[n++] = str_pair("text", f->text);
    out[n++] = int_pair("start", f->start);
    out[n++] = int_pair("end", f->end);
    out[n++] = int_pair("line", f->line);
    if (ut_doc_npages(d)) out[n++] = int_pair("page", ut_doc_page_at(d, f->start));
    out[n++] = str_pair("rule", f->rule);
    for (size_t i = 0; i < f->nattrs && i < UT_MAX_ATTRS; i++) put_pair(out, &n, f->attrs[i]);
    if (with_doc && strcmp(ut_doc_encoding(d), "utf-8")) put_pair(out, &n, str_pair("encoding", ut_doc_encoding(d)));
    return n;
}

static int set(json_t *o, const char *k, json_t *v) { return v ? json_object_set_new(o, k, v) : -1; }

json_t *ut_record_json(const ut_doc *d, const ut_field *f, int with_doc) {
    ut_attr pairs[UT_RECORD_MAX];
    size_t n = ut_record_pairs(d, f, with_doc, pairs);
    json_t *o = json_object();
    if (!o) return NULL;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        const ut_attr *a = &pairs[i];
        if (i == 0 && with_doc) { /* a file name may not be UTF-8 */
            rc |= set(o, a->key, ut_json_string_lossy(a->s));
            continue;
        }
        switch (a->kind) {
        case UT_ATTR_STR: rc |= set(o, a->key, json_string(a->s)); break;
        case UT_ATTR_INT: rc |= set(o, a->key, json_integer(a->i)); break;
        case UT_ATTR_NUM: rc |= set(o, a->key, json_real(a->d)); break;
        case UT_ATTR_BOOL: rc |= set(o, a->key, json_boolean(a->i)); break;
        }
    }
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}
