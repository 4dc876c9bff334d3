/* cand.c — building a candidate field (the ut_cand_* half of plugin.h).
 * All strings go into the document's arena, so a candidate owns nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/plugin.h"

static int vformat(ut_cand *c, const char **dst, const char *fmt, va_list ap) {
    /* "%s" and "%.*s", most of the calls: a copy, not two vsnprintf passes */
    if (fmt[0] == '%' && (!strcmp(fmt + 1, "s") || !strcmp(fmt + 1, ".*s"))) {
        size_t n;
        const char *s;
        if (fmt[1] == 's') {
            s = va_arg(ap, const char *);
            n = strlen(s);
        } else {
            int w = va_arg(ap, int);
            s = va_arg(ap, const char *);
            n = w < 0 ? strlen(s) : strnlen(s, (size_t)w);
        }
        char *p = ut_arena_alloc(c->arena, n + 1);
        if (!p) return -1;
        memcpy(p, s, n);
        p[n] = 0;
        *dst = p;
        return 0;
    }
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return -1;
    char *p = ut_arena_alloc(c->arena, (size_t)n + 1);
    if (!p) return -1;
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    *dst = p;
    return 0;
}

int ut_cand_value(ut_cand *c, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int rc = vformat(c, &c->f.value, fmt, ap);
    va_end(ap);
    return rc;
}

/* Copy with runs of white space (incl. line breaks) as one space. */
int ut_cand_value_n(ut_cand *c, const char *s, size_t n) {
    char *p = ut_arena_alloc(c->arena, n + 1);
    if (!p) return -1;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == ' ' || ch == '\n' || ch == '\t') {
            if (o && p[o - 1] != ' ') p[o++] = ' ';
        } else p[o++] = ch;
    }
    while (o && p[o - 1] == ' ') o--;
    p[o] = 0;
    c->f.value = p;
    return 0;
}

static ut_attr *slot(ut_cand *c, const char *key) {
    for (size_t i = 0; i < c->f.nattrs; i++)
        if (!strcmp(c->f.attrs[i].key, key)) return &c->f.attrs[i];
    if (c->f.nattrs == UT_MAX_ATTRS) return NULL;
    if (c->f.nattrs == c->attr_cap) { /* most records have up to 4 extras */
        size_t cap = c->attr_cap ? UT_MAX_ATTRS : 4;
        ut_attr *grown = ut_arena_alloc(c->arena, cap * sizeof *grown);
        if (!grown) return NULL;
        if (c->f.nattrs) memcpy(grown, c->f.attrs, c->f.nattrs * sizeof *grown);
        c->f.attrs = grown;
        c->attr_cap = (uint8_t)cap;
    }
    ut_attr *a = &c->f.attrs[c->f.nattrs++];
    memset(a, 0, sizeof *a);
    a->key = key; /* keys are string literals of the extractors */
    return a;
}

int ut_cand_str(ut_cand *c, const char *key, const char *fmt, ...) {
    ut_attr *a = slot(c, key);
    if (!a) return -1;
    a->kind = UT_ATTR_STR;
    va_list ap;
    va_start(ap, fmt);
    int rc = vformat(c, &a->s, fmt, ap);
    va_end(ap);
    return rc;
}

int ut_cand_str_shared(ut_cand *c, const char *key, const char *s) {
    ut_attr *a = slot(c, key);
    if (!a) return -1;
    a->kind = UT_ATTR_STR;
    a->s = s;
    return 0;
}

int ut_cand_int(ut_cand *c, const char *key, long long v) {
    ut_attr *a = slot(c, key);
    if (!a) return -1;
    a->kind = UT_ATTR_INT;
    a->i = v;
    return 0;
}

int ut_cand_num(ut_cand *c, const char *key, double v) {
    ut_attr *a = slot(c, key);
    if (!a) return -1;
    a->kind = UT_ATTR_NUM;
    a->d = v;
    return 0;
}

int ut_cand_bool(ut_cand *c, const char *key, bool v) {
    ut_attr *a = slot(c, key);
    if (!a) return -1;
    a->kind = UT_ATTR_BOOL;
    a->i = v;
    return 0;
}

void ut_cand_span(ut_cand *c, size_t start, size_t end) {
    c->nstart = start;
    c->nend = end;
}

const ut_attr *ut_cand_attr(const ut_cand *c, const char *key) { return ut_field_attr(&c->f, key); }

ut_cand *ut_docbuild_push(ut_docbuild *db) {
    if (db->n == db->cap) {
        size_t cap = db->cap ? db->cap * 2 : 64;
        ut_cand *c = realloc(db->c, cap * sizeof *c);
        if (!c) return NULL;
        db->c = c;
        db->cap = cap;
    }
    ut_cand *c = &db->c[db->n++];
    memset(c, 0, sizeof *c);
    c->arena = db->arena;
    return c;
}
