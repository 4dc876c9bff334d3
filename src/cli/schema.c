/* schema.c — `utdrag schema [--format text|json]`: the columns of every
 * output format, as the library derives them from its field types
 * (ut_schema_get).  The JSON form is what python/utdrag reads to type a
 * data frame's columns. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char schema_usage[] =
    "usage: utdrag schema [--format text|json]\n"
    "  the columns of CSV and SQLite (fields), the typed keys of each field type\n"
    "  (their xlsx sheets), the keys of every type and the document facts\n";

static const char *role_name(ut_column_role r) {
    switch (r) {
    case UT_COL_RECORD: return "record";
    case UT_COL_KEY: return "key";
    case UT_COL_COMMON: return "common";
    case UT_COL_SOURCE: return "source";
    }
    return "key";
}

static json_t *key_json(const ut_key *k) {
    return json_pack("{s:s, s:s, s:b}", "name", k->name, "kind", ut_kind_name(k->kind), "category",
                     (k->flags & UT_KEY_CATEGORY) != 0);
}

static json_t *keys_json(const ut_key *k, size_t n) {
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        if (json_array_append_new(a, key_json(&k[i]))) {
            json_decref(a);
            return NULL;
        }
    return a;
}

/* For a typed key column: {"dnr": "text", "figure": "number"}. */
static json_t *column_types(const ut_schema *s, const ut_column *c) {
    json_t *o = json_object();
    for (size_t t = 0; o && t < s->ntypes; t++)
        for (size_t i = 0; i < s->types[t].nkeys; i++)
            if (!strcmp(s->types[t].keys[i].name, c->name))
                json_object_set_new(o, s->types[t].type, json_string(ut_kind_name(s->types[t].keys[i].kind)));
    return o;
}

static json_t *schema_json(const ut_schema *s) {
    json_t *cols = json_array(), *types = json_array();
    for (size_t i = 0; cols && i < s->ncolumns; i++) {
        const ut_column *c = &s->columns[i];
        const char *sql = ut_schema_sqlite_type(c);
        json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:b, s:o}", "name", c->name, "kind", ut_kind_name(c->kind), "role",
                              role_name(c->role), "mixed", c->mixed != 0, "category",
                              (c->flags & UT_KEY_CATEGORY) != 0, "sqlite", *sql ? json_string(sql) : json_null());
        if (o && c->role == UT_COL_KEY) json_object_set_new(o, "types", column_types(s, c));
        json_array_append_new(cols, o);
    }
    for (size_t t = 0; types && t < s->ntypes; t++)
        json_array_append_new(types, json_pack("{s:s, s:o}", "type", s->types[t].type, "keys",
                                               keys_json(s->types[t].keys, s->types[t].nkeys)));
    return json_pack("{s:o, s:o, s:o, s:o}", "columns", cols, "types", types, "common",
                     keys_json(s->common, s->ncommon), "facts", keys_json(s->facts, s->nfacts));
}

static void print_keys(const ut_key *k, size_t n) {
    for (size_t i = 0; i < n; i++) printf("%s%s (%s)", i ? ", " : "", k[i].name, ut_kind_name(k[i].kind));
    if (!n) printf("-");
    putchar('\n');
}

static void print_text(const ut_schema *s) {
    printf("CSV columns, in order (SQLite: the table fields, with these types):\n");
    for (size_t i = 0; i < s->ncolumns; i++) {
        const ut_column *c = &s->columns[i];
        const char *sql = ut_schema_sqlite_type(c);
        printf("  %-12s %-8s %-8s ", c->name, c->mixed ? "mixed" : ut_kind_name(c->kind), *sql ? sql : "-");
        if (c->role == UT_COL_RECORD) printf("every record\n");
        else if (c->role == UT_COL_COMMON) printf("any type\n");
        else if (c->role == UT_COL_SOURCE) printf("%s\n", strcmp(c->name, "page") ? "input not UTF-8" : "PDF input");
        else {
            int first = 1;
            for (size_t t = 0; t < s->ntypes; t++)
                for (size_t k = 0; k < s->types[t].nkeys; k++)
                    if (!strcmp(s->types[t].keys[k].name, c->name)) {
                        printf("%s%s", first ? "" : ", ", s->types[t].type);
                        if (c->mixed) printf(" (%s)", ut_kind_name(s->types[t].keys[k].kind));
                        first = 0;
                    }
            printf("%s\n", first ? "(none now)" : "");
        }
    }
    printf("\nTyped keys of each field type (xlsx: a sheet each, these columns after rule):\n");
    for (size_t t = 0; t < s->ntypes; t++) {
        printf("  %-8s ", s->types[t].type);
        print_keys(s->types[t].keys, s->types[t].nkeys);
    }
    printf("\nKeys of every type: ");
    print_keys(s->common, s->ncommon);
    printf("Document facts (JSON, xlsx documents sheet): ");
    print_keys(s->facts, s->nfacts);
}

int cmd_schema(int argc, char **argv) {
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *format = "text";
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        if (c == 'f') format = optarg;
        else if (c == 'h') {
            fputs(schema_usage, stdout);
            return EXIT_OK;
        } else {
            fputs(schema_usage, stderr);
            return EXIT_USAGE;
        }
    }
    if (optind < argc || (strcmp(format, "text") && strcmp(format, "json"))) {
        fputs(schema_usage, stderr);
        return EXIT_USAGE;
    }
    const ut_schema *s = ut_schema_get();
    if (!s) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    if (!strcmp(format, "text")) print_text(s);
    else {
        json_t *j = schema_json(s);
        if (!j || json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) || putchar('\n') == EOF) {
            json_decref(j);
            cli_error("out of memory");
            return EXIT_USAGE;
        }
        json_decref(j);
    }
    if (fflush(stdout) || ferror(stdout)) {
        cli_error("standard output: write error");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}
