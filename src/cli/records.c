/* records.c — JSON Lines records as documents; see records.h. */
#include "records.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void cli_records_init(cli_records *r, char **files, size_t nfiles, size_t shard_k, size_t shard_n) {
    memset(r, 0, sizeof *r);
    r->files = files;
    r->nfiles = nfiles;
    r->shard_k = shard_k ? shard_k : 1;
    r->shard_n = shard_n ? shard_n : 1;
    json_object_seed(0); /* before any thread uses jansson (ENGINEERING-NOTES) */
}

static void close_current(cli_records *r) {
    if (r->f && r->f != stdin) fclose(r->f);
    else if (r->f) clearerr(stdin);
    r->f = NULL;
}

void cli_records_free(cli_records *r) {
    close_current(r);
    free(r->line);
    r->line = NULL;
    r->cap = 0;
}

/* it->error = "FILE:LINE: " + message (LINE 0: no line).  Returns 1. */
__attribute__((format(printf, 3, 4))) static int bad(pool_item *it, const cli_records *r, const char *fmt, ...) {
    char *msg = NULL;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&msg, fmt, ap) < 0) msg = NULL;
    va_end(ap);
    int n = r->lineno ? asprintf(&it->error, "%s:%zu: %s", r->fname, r->lineno, msg ? msg : "out of memory")
                      : asprintf(&it->error, "%s: %s", r->fname, msg ? msg : "out of memory");
    if (n < 0) it->error = NULL;
    free(msg);
    return 1;
}

static const char *json_kind(const json_t *j) {
    switch (json_typeof(j)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE: return "true";
    case JSON_FALSE: return "false";
    case JSON_NULL: return "null";
    }
    return "?";
}

/* One non-blank line, `len` bytes, into `it`.  Returns 1. */
static int parse_record(cli_records *r, pool_item *it, size_t len) {
    json_error_t je;
    /* JSON_ALLOW_NUL: a "\u0000" escape is read (and refused below, by
     * name) rather than failing with jansson's message about the flag */
    json_t *root = json_loadb(r->line, len, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return bad(it, r, "%s%s (column %d)%s", strstr(je.text, "duplicate object key") ? "" : "not JSON: ", je.text,
                   je.column, strstr(je.text, "unable to decode byte") ? "; JSON Lines must be UTF-8" : "");
    int rc = 1;
    json_t *text = json_object_get(root, "text");
    const char *idkey = "id";
    json_t *id = json_object_get(root, "id");
    if (!id) id = json_object_get(root, idkey = "path");
    if (!json_is_object(root)) {
        bad(it, r, "not a JSON object but %s (a record is {\"id\": ..., \"text\": ...})", json_kind(root));
        goto out;
    }
    if (!text) {
        bad(it, r, "no \"text\" key (a record is {\"id\": ..., \"text\": ...})");
        goto out;
    }
    if (!json_is_string(text)) {
        bad(it, r, "\"text\" is %s, not a string", json_kind(text));
        goto out;
    }
    const char *s = json_string_value(text);
    size_t n = json_string_length(text);
    if (memchr(s, 0, n)) {
        bad(it, r, "\"text\" contains a NUL character (\\u0000): not text");
        goto out;
    }
    if (!id) {
        if (asprintf(&it->name, "%s:%zu", r->fname, r->lineno) < 0) it->name = NULL;
    } else if (json_is_string(id)) {
        if (strlen(json_string_value(id)) != json_string_length(id)) {
            bad(it, r, "\"%s\" contains a NUL character (\\u0000)", idkey);
            goto out;
        }
        it->name = strdup(json_string_value(id));
    } else if (json_is_integer(id)) {
        if (asprintf(&it->name, "%" JSON_INTEGER_FORMAT, json_integer_value(id)) < 0) it->name = NULL;
    } else {
        bad(it, r, "\"%s\" is %s, not a string", idkey, json_kind(id));
        goto out;
    }
    if (it->name && asprintf(&it->where, "%s:%zu: %s", r->fname, r->lineno, it->name) < 0) it->where = NULL;
    if ((it->bytes = malloc(n + 1))) {
        memcpy(it->bytes, s, n);
        it->bytes[n] = 0;
        it->len = n;
    }
    if (!it->name || !it->where || !it->bytes) {
        free(it->name);
        free(it->where);
        free(it->bytes);
        memset(it, 0, sizeof *it);
        bad(it, r, "out of memory");
    }
out:
    json_decref(root);
    return rc;
}

int cli_records_next(pool_item *it, void *ud) {
    cli_records *r = ud;
    for (;;) {
        if (!r->f) {
            if (r->fi >= r->nfiles) return 0;
            r->fname = r->files[r->fi++];
            r->lineno = 0;
            r->f = strcmp(r->fname, "-") ? fopen(r->fname, "rb") : stdin;
            if (!r->f) return bad(it, r, "%s", strerror(errno));
            struct stat st;
            if (fstat(fileno(r->f), &st) == 0 && S_ISDIR(st.st_mode)) {
                close_current(r);
                return bad(it, r, "is a directory (--records reads JSON Lines files)");
            }
        }
        errno = 0;
        ssize_t got = getline(&r->line, &r->cap, r->f);
        if (got < 0) {
            int e = ferror(r->f) ? (errno ? errno : EIO) : 0;
            size_t at = r->lineno;
            close_current(r);
            if (e) {
                r->lineno = 0;
                bad(it, r, "read error after line %zu: %s", at, strerror(e));
                return 1;
            }
            continue;
        }
        r->lineno++;
        size_t len = (size_t)got;
        while (len && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r')) len--;
        size_t k = 0;
        while (k < len && (r->line[k] == ' ' || r->line[k] == '\t' || r->line[k] == '\r')) k++;
        if (k == len) continue; /* a blank line: no record */
        if (r->shard_n > 1 && r->seen++ % r->shard_n != r->shard_k - 1) continue;
        return parse_record(r, it, len);
    }
}
