/* schema.c — the record schema derived from the registry; see schema.h. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "extractor.h"
#include "doc/document.h"
#include "doc/schema.h"

#define MAX_COLUMNS 96

/* The keys of every record, in the order ut_record_pairs gives them, and
 * the keys about the input (writer.c makes both). */
static const struct {
    const char *name;
    ut_kind kind;
    ut_column_role role;
    unsigned flags;
} record_columns[] = {
    {"doc", UT_KIND_TEXT, UT_COL_RECORD, UT_KEY_CATEGORY},
    {"type", UT_KIND_TEXT, UT_COL_RECORD, UT_KEY_CATEGORY},
    {"value", UT_KIND_TEXT, UT_COL_RECORD, 0},
    {"text", UT_KIND_TEXT, UT_COL_RECORD, 0},
    {"start", UT_KIND_INTEGER, UT_COL_RECORD, 0},
    {"end", UT_KIND_INTEGER, UT_COL_RECORD, 0},
    {"line", UT_KIND_INTEGER, UT_COL_RECORD, 0},
    {"rule", UT_KIND_TEXT, UT_COL_RECORD, UT_KEY_CATEGORY},
    {"encoding", UT_KIND_TEXT, UT_COL_SOURCE, UT_KEY_CATEGORY}, /* when the input was not UTF-8 */
    {"page", UT_KIND_INTEGER, UT_COL_SOURCE, 0},                /* PDF input */
};

/* The CSV header of the first release (with `page`, added with PDF input),
 * frozen: these columns keep their places forever, so that CSV files of
 * any version stack; every column added since is appended after them
 * (build below).  Never edit this list to add a column: declare the key
 * in its extractor. */
static const char *const csv_frozen[] = {
    "doc",   "line", "start", "end",  "type", "value", "text",       "rule",     "grain", "series",   "year",
    "number", "party", "role", "key", "unit", "unit_lemma", "currency", "ocr",   "encoding", "page",
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned built_for = ~0u;
static ut_column columns[MAX_COLUMNS];
static ut_schema_type types[UT_MAX_TYPES];
static ut_schema schema;

static size_t key_count(const ut_key *k) {
    size_t n = 0;
    while (k && k[n].name) n++;
    return n;
}

static ut_column *find(size_t n, const char *name) {
    for (size_t i = 0; i < n; i++)
        if (!strcmp(columns[i].name, name)) return &columns[i];
    return NULL;
}

/* Everything the registry says about `name`, into c (which has its name). */
static void describe(ut_column *c) {
    for (size_t i = 0; i < sizeof record_columns / sizeof *record_columns; i++)
        if (!strcmp(record_columns[i].name, c->name)) {
            c->kind = record_columns[i].kind;
            c->role = record_columns[i].role;
            c->flags = record_columns[i].flags;
            return;
        }
    for (const ut_key *k = ut_common_keys; k->name; k++)
        if (!strcmp(k->name, c->name)) {
            c->kind = k->kind;
            c->role = UT_COL_COMMON;
            c->flags = k->flags;
            return;
        }
    int seen = 0;
    c->role = UT_COL_KEY;
    c->kind = UT_KIND_TEXT; /* a frozen column no type has any more: empty text */
    for (size_t t = 0; t < schema.ntypes; t++)
        for (size_t i = 0; i < types[t].nkeys; i++) {
            const ut_key *k = &types[t].keys[i];
            if (strcmp(k->name, c->name)) continue;
            if (!seen) {
                c->kind = k->kind;
                c->flags = k->flags;
            } else if (k->kind != c->kind) {
                c->mixed = 1;
                if (c->kind == UT_KIND_TEXT) c->kind = k->kind; /* the kind of the non-text types */
                else if (k->kind != UT_KIND_TEXT) c->kind = UT_KIND_NUMBER;
            }
            seen = 1;
        }
}

static void add(size_t *n, const char *name) {
    if (find(*n, name) || *n == MAX_COLUMNS) return;
    columns[*n] = (ut_column){.name = name};
    describe(&columns[(*n)++]);
}

static void build(void) {
    const ut_extractor *const *ex = ut_extractors();
    schema.ntypes = 0;
    for (size_t t = 0; ex[t] && t < UT_MAX_TYPES; t++)
        types[schema.ntypes++] = (ut_schema_type){ex[t]->type, ex[t]->keys, key_count(ex[t]->keys)};
    size_t n = 0;
    for (size_t i = 0; i < sizeof csv_frozen / sizeof *csv_frozen; i++) add(&n, csv_frozen[i]);
    for (size_t i = 0; i < sizeof record_columns / sizeof *record_columns; i++) add(&n, record_columns[i].name);
    for (const ut_key *k = ut_common_keys; k->name; k++) add(&n, k->name);
    for (size_t t = 0; t < schema.ntypes; t++)
        for (size_t i = 0; i < types[t].nkeys; i++) add(&n, types[t].keys[i].name);
    schema.columns = columns;
    schema.ncolumns = n;
    schema.types = types;
    schema.common = ut_common_keys;
    schema.ncommon = key_count(ut_common_keys);
    schema.facts = ut_document_fact_keys;
    schema.nfacts = key_count(ut_document_fact_keys);
}

const ut_schema *ut_schema_get(void) {
    pthread_mutex_lock(&lock);
    if (built_for != ut_extractor_generation()) {
        build();
        built_for = ut_extractor_generation();
    }
    pthread_mutex_unlock(&lock);
    return &schema;
}

const char *ut_kind_name(ut_kind k) {
    switch (k) {
    case UT_KIND_TEXT: return "text";
    case UT_KIND_INTEGER: return "integer";
    case UT_KIND_NUMBER: return "number";
    case UT_KIND_BOOLEAN: return "boolean";
    }
    return "text";
}

const ut_column *ut_schema_column(const ut_schema *s, const char *name) {
    for (size_t i = 0; i < s->ncolumns; i++)
        if (!strcmp(s->columns[i].name, name)) return &s->columns[i];
    return NULL;
}

const ut_schema_type *ut_schema_type_of(const ut_schema *s, const char *type) {
    for (size_t i = 0; i < s->ntypes; i++)
        if (!strcmp(s->types[i].type, type)) return &s->types[i];
    return NULL;
}

int ut_schema_kind(const ut_schema *s, const char *type, const char *key) {
    const ut_schema_type *t = ut_schema_type_of(s, type);
    for (size_t i = 0; t && i < t->nkeys; i++)
        if (!strcmp(t->keys[i].name, key)) return (int)t->keys[i].kind;
    for (size_t i = 0; i < s->ncommon; i++)
        if (!strcmp(s->common[i].name, key)) return (int)s->common[i].kind;
    const ut_column *c = ut_schema_column(s, key);
    return c && (c->role == UT_COL_RECORD || c->role == UT_COL_SOURCE) ? (int)c->kind : -1;
}

const char *ut_schema_sqlite_type(const ut_column *c) {
    if (c->mixed) return "";
    switch (c->kind) {
    case UT_KIND_TEXT: return "TEXT";
    case UT_KIND_INTEGER:
    case UT_KIND_BOOLEAN: return "INTEGER";
    case UT_KIND_NUMBER: return "";
    }
    return "";
}

size_t ut_schema_eval_types(const char **out, size_t cap) {
    const ut_extractor *const *ex = ut_extractors();
    size_t n = 0, count = 0;
    while (ex[count]) count++;
    /* those with a place, by place; then the rest, in registry order */
    for (int order = 1; order <= (int)UT_MAX_TYPES; order++)
        for (size_t i = 0; i < count && n < cap; i++)
            if (ex[i]->eval_order == order) out[n++] = ex[i]->type;
    for (size_t i = 0; i < count && n < cap; i++)
        if (ex[i]->eval_order <= 0 || ex[i]->eval_order > (int)UT_MAX_TYPES) out[n++] = ex[i]->type;
    return n;
}
