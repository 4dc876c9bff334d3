/*
 * write_sqlite.c — fields into an SQLite database (--format sqlite -o FILE).
 *
 * Unlike the other writers this one does not stream to a FILE: it updates
 * a database in place, so that runs over a growing document collection
 * accumulate in one file.  Three plain tables (no extensions, so that the
 * file opens as it is in the sqlite3 shell, Datasette, pandas...):
 *
 *   documents  one row per distinct document, keyed by the SHA-256 of its bytes
 *   fields     one row per record, the schema's columns (src/schema.h) typed
 *   persons    one row per linked person per document (the roster)
 *
 * The document's date and roster are the document stage's (document.h):
 * this writer only stores them.
 *
 * A document whose SHA-256 is already there keeps its id and has its facts
 * updated and its fields and persons replaced; a file whose content changed
 * (same path, new SHA-256) replaces its old row.  The whole run is one
 * transaction (BEGIN IMMEDIATE at open, COMMIT in finish, ROLLBACK on any
 * failure), so a failed or killed run leaves the database as it was:
 * SQLite's journal is the atomicity here, not the temp file + rename of
 * the CLI's -o, which cannot update a file in place.
 *
 * The schema is versioned with PRAGMA user_version (UT_SQLITE_SCHEMA) and
 * marked with PRAGMA application_id; a database of another version or
 * another program is refused, never altered.  SHA-256 comes from nettle.
 */
#include <errno.h>
#include <nettle/sha2.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/schema.h"
#include "base/text.h"
#include "write/writer.h"

/* Bump when a table changes shape other than by a new fields column (new
 * keys are added to an older file by add_missing_columns).  Version 2:
 * fields gained number_to and approx; a version 1 file is upgraded so. */
#define UT_SQLITE_SCHEMA 2
/* PRAGMA application_id: "utdr", so `file` and readers can tell the file */
#define UT_SQLITE_APP_ID 0x75746472

struct ut_sqlite_out {
    sqlite3 *db;
    char *path;
    ut_error *err; /* BORROWED from the caller */
    int err_set;
    int created; /* the file was not there: removed again if nothing is committed */
    sqlite3_stmt *drop_same_path, *upsert_doc, *clear_fields, *clear_persons, *insert_field, *insert_person;
};

static int fail(struct ut_sqlite_out *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct ut_sqlite_out *s, const char *fmt, ...) {
    if (s->err && !s->err_set) { /* the first failure is the reason */
        snprintf(s->err->file, sizeof s->err->file, "%s", s->path);
        s->err->line = 0;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(s->err->text, sizeof s->err->text, fmt, ap);
        va_end(ap);
        s->err_set = 1;
    }
    return -1;
}

/* SQLite's message, and for I/O failures the system's reason (a full disk,
 * a missing directory) as the other writers give it. */
static int fail_db(struct ut_sqlite_out *s) {
    int code = sqlite3_errcode(s->db) & 0xff, sys = sqlite3_system_errno(s->db);
    if (sys && (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN))
        return fail(s, "%s: %s", sqlite3_errmsg(s->db), strerror(sys));
    return fail(s, "%s", sqlite3_errmsg(s->db));
}

static int exec(struct ut_sqlite_out *s, const char *sql) {
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : fail_db(s);
}

/* One integer from a query such as "PRAGMA user_version"; -1 on error. */
static long long query_int(struct ut_sqlite_out *s, const char *sql) {
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return fail_db(s);
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    else fail_db(s);
    sqlite3_finalize(st);
    return v;
}

/* Append to a NEW-or-grown string; -1 on out of memory. */
static int append(char **buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int append(char **buf, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *more;
    int n = vasprintf(&more, fmt, ap);
    va_end(ap);
    if (n < 0) return -1;
    char *old = *buf, *joined;
    n = asprintf(&joined, "%s%s", old ? old : "", more);
    free(more);
    if (n < 0) return -1;
    free(old);
    *buf = joined;
    return 0;
}

static int create_schema(struct ut_sqlite_out *s) {
    char *sql = NULL;
    int rc = append(&sql,
                    "CREATE TABLE documents (\n"
                    "  id INTEGER PRIMARY KEY,\n"
                    "  path TEXT NOT NULL,\n"
                    "  sha256 TEXT NOT NULL UNIQUE,\n"
                    "  kind TEXT,\n"
                    "  title TEXT,\n"
                    "  date TEXT,\n"
                    "  pages INTEGER,\n"
                    "  bytes INTEGER NOT NULL,\n"
                    "  decoded_as TEXT NOT NULL\n"
                    ");\n"
                    "CREATE TABLE fields (\n"
                    "  id INTEGER PRIMARY KEY,\n"
                    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE");
    const ut_schema *sc = ut_schema_get();
    if (!sc) rc = -1;
    for (size_t i = 0; !rc && i < sc->ncolumns; i++)
        rc = append(&sql, ",\n  \"%s\"%s%s", sc->columns[i].name, *ut_schema_sqlite_type(&sc->columns[i]) ? " " : "",
                     ut_schema_sqlite_type(&sc->columns[i]));
    if (!rc)
        rc = append(&sql,
                    "\n);\n"
                    "CREATE TABLE persons (\n"
                    "  id INTEGER PRIMARY KEY,\n"
                    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
                    "  \"key\" TEXT NOT NULL,\n"
                    "  name TEXT NOT NULL,\n"
                    "  party TEXT,\n"
                    "  role TEXT,\n"
                    "  mentions INTEGER NOT NULL,\n"
                    "  UNIQUE (document_id, \"key\")\n"
                    ");\n"
                    "CREATE INDEX fields_type ON fields(type);\n"
                    "CREATE INDEX fields_value ON fields(value);\n"
                    "CREATE INDEX fields_document ON fields(document_id);\n"
                    "CREATE INDEX persons_key ON persons(\"key\");\n"
                    "PRAGMA user_version = %d;\n"
                    "PRAGMA application_id = %d;\n",
                    UT_SQLITE_SCHEMA, UT_SQLITE_APP_ID);
    if (rc) {
        free(sql);
        return fail(s, "out of memory");
    }
    rc = exec(s, sql);
    free(sql);
    return rc;
}

/* Columns only grow: a key the schema has and the database's fields
 * table lacks (one declared since the file was made; version 1 had no
 * number_to and approx) is added, empty for the rows already there.  The
 * database then says version UT_SQLITE_SCHEMA: it has that shape. */
static int add_missing_columns(struct ut_sqlite_out *s) {
    const ut_schema *sc = ut_schema_get();
    if (!sc) return fail(s, "out of memory");
    for (size_t i = 0; i < sc->ncolumns; i++) {
        const ut_column *c = &sc->columns[i];
        char *sql = sqlite3_mprintf("SELECT count(*) FROM pragma_table_info('fields') WHERE name = %Q", c->name);
        if (!sql) return fail(s, "out of memory");
        long long have = query_int(s, sql);
        sqlite3_free(sql);
        if (have < 0) return -1;
        if (have) continue;
        sql = sqlite3_mprintf("ALTER TABLE fields ADD COLUMN \"%w\" %s", c->name, ut_schema_sqlite_type(c));
        if (!sql) return fail(s, "out of memory");
        int rc = exec(s, sql);
        sqlite3_free(sql);
        if (rc) return -1;
    }
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", UT_SQLITE_SCHEMA);
    return exec(s, pragma);
}

/* A new file gets the schema; one of ours is used as it is; anything else
 * (another version, another program's database) is refused untouched. */
static int check_or_create_schema(struct ut_sqlite_out *s) {
    long long version = query_int(s, "PRAGMA user_version");
    long long app = query_int(s, "PRAGMA application_id");
    long long tables = query_int(s, "SELECT count(*) FROM sqlite_master");
    if (version < 0 || app < 0 || tables < 0) return -1;
    if (tables == 0 && version == 0 && app == 0) return create_schema(s);
    if (app != UT_SQLITE_APP_ID)
        return fail(s, "a database that utdrag did not write: give a new file or one of utdrag's");
    if (version < 1 || version > UT_SQLITE_SCHEMA)
        return fail(s, "database schema version %lld; this utdrag writes version %d (use a new file)", version,
                    UT_SQLITE_SCHEMA);
    return add_missing_columns(s);
}

static int prepare(struct ut_sqlite_out *s, sqlite3_stmt **st, const char *sql) {
    return sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) == SQLITE_OK ? 0 : fail_db(s);
}

static int prepare_all(struct ut_sqlite_out *s) {
    char *ins = NULL, *vals = NULL;
    int rc = append(&ins, "INSERT INTO fields (document_id") | append(&vals, "?1");
    const ut_schema *sc = ut_schema_get();
    if (!sc) rc = -1;
    for (size_t i = 0; !rc && i < sc->ncolumns; i++)
        rc = append(&ins, ", \"%s\"", sc->columns[i].name) | append(&vals, ", ?%zu", i + 2);
    if (!rc) rc = append(&ins, ") VALUES (%s)", vals);
    free(vals);
    if (rc) {
        free(ins);
        return fail(s, "out of memory");
    }
    rc = prepare(s, &s->insert_field, ins);
    free(ins);
    if (rc) return -1;
    return prepare(s, &s->drop_same_path, "DELETE FROM documents WHERE path = ?1 AND sha256 <> ?2") ||
           prepare(s, &s->upsert_doc,
                   "INSERT INTO documents (path, sha256, kind, title, date, pages, bytes, decoded_as)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                   " ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, kind = excluded.kind,"
                   " title = excluded.title, date = excluded.date, pages = excluded.pages,"
                   " bytes = excluded.bytes, decoded_as = excluded.decoded_as"
                   " RETURNING id") ||
           prepare(s, &s->clear_fields, "DELETE FROM fields WHERE document_id = ?1") ||
           prepare(s, &s->clear_persons, "DELETE FROM persons WHERE document_id = ?1") ||
           prepare(s, &s->insert_person,
                   "INSERT INTO persons (document_id, \"key\", name, party, role, mentions)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        ? -1
        : 0;
}

static void out_free(struct ut_sqlite_out *s) {
    sqlite3_stmt *all[] = {s->drop_same_path, s->upsert_doc,   s->clear_fields,
                           s->clear_persons,  s->insert_field, s->insert_person};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) sqlite3_finalize(all[i]);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

/* Remove a database this run created and never committed to. */
static void remove_created(const char *path) {
    char *journal;
    unlink(path);
    if (asprintf(&journal, "%s-journal", path) >= 0) {
        unlink(journal);
        free(journal);
    }
}

/* After an I/O error SQLite may leave the rollback to the next reader (a
 * "hot" FILE-journal): open and read once so that the file on disk is the
 * old one again when utdrag exits, where the file system allows it. */
static void roll_back_hot_journal(const char *path) {
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
    sqlite3_close(db);
}

static int sqlite_open(ut_writer *wr, const char *path, ut_error *err) {
    struct ut_sqlite_out *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        if (err) *err = (ut_error){.line = 0};
        if (err) snprintf(err->text, sizeof err->text, "out of memory");
        errno = ENOMEM;
        return -1;
    }
    s->err = err;
    struct stat st;
    s->created = stat(path, &st) != 0 && errno == ENOENT;
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        if (s->db) fail_db(s);
        else fail(s, "%s", sqlite3_errstr(rc));
    }
    /* foreign keys are per connection and must be set outside a
     * transaction; a concurrent writer is waited for, not failed on */
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(s->db, 1);
        sqlite3_busy_timeout(s->db, 10000);
        rc = exec(s, "PRAGMA foreign_keys = ON") || exec(s, "BEGIN IMMEDIATE") || check_or_create_schema(s) ||
             prepare_all(s);
    }
    if (rc) {
        int created = s->created;
        out_free(s); /* an open transaction is rolled back by the close */
        if (created) remove_created(path);
        errno = EIO;
        return -1;
    }
    wr->state = s;
    return 0;
}

/* ---- one document ------------------------------------------------------ */

static void sha256_hex(const char *bytes, size_t len, char hex[2 * SHA256_DIGEST_SIZE + 1]) {
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, (const uint8_t *)bytes);
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++) snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}

static const char *meta_str(const ut_doc *d, const char *key) {
    size_t n;
    const ut_attr *m = ut_doc_meta(d, &n);
    for (size_t i = 0; i < n; i++)
        if (m[i].kind == UT_ATTR_STR && !strcmp(m[i].key, key)) return m[i].s;
    return NULL;
}

/* documents.pages — the page count of a document read from a PDF
 * (ut_doc_npages); text files have none: NULL. */
static int doc_pages(const ut_doc *d, long long *pages) {
    size_t n = ut_doc_npages(d);
    if (!n) return 0;
    *pages = (long long)n;
    return 1;
}

static int bind_text(sqlite3_stmt *st, int i, const char *v) {
    return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

static int bind_attr(sqlite3_stmt *st, int i, const ut_attr *a) {
    if (!a) return sqlite3_bind_null(st, i);
    switch (a->kind) {
    case UT_ATTR_STR: return bind_text(st, i, a->s);
    case UT_ATTR_INT:
    case UT_ATTR_BOOL: return sqlite3_bind_int64(st, i, a->i);
    case UT_ATTR_NUM: return sqlite3_bind_double(st, i, a->d);
    }
    return sqlite3_bind_null(st, i);
}

/* Run a statement that returns no rows, then reset it for the next use. */
static int step_done(struct ut_sqlite_out *s, sqlite3_stmt *st) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : fail_db(s);
}

/* One row of fields: the record's pairs (ut_record_pairs, the JSON Lines
 * record) under the schema's columns, bound by their kind.  A boolean key
 * that the record's type has is 0 or 1 on every row of that type (so that
 * WHERE ocr and WHERE NOT approx work), NULL on the other types. */
static int insert_field(struct ut_sqlite_out *s, sqlite3_int64 id, const ut_doc *d, const char *name,
                        const ut_field *f) {
    sqlite3_stmt *st = s->insert_field;
    const ut_schema *sc = ut_schema_get();
    ut_attr pairs[UT_RECORD_MAX];
    size_t n = ut_record_pairs(d, f, 1, pairs);
    pairs[0].s = name; /* the doc, repaired */
    int rc = sc ? sqlite3_bind_int64(st, 1, id) : SQLITE_NOMEM;
    for (size_t c = 0; rc == SQLITE_OK && c < sc->ncolumns; c++) {
        const ut_column *col = &sc->columns[c];
        const ut_attr *a = NULL;
        for (size_t k = 0; k < n && !a; k++)
            if (!strcmp(pairs[k].key, col->name)) a = &pairs[k];
        int i = (int)c + 2;
        if (!a && col->kind == UT_KIND_BOOLEAN && !col->mixed && ut_schema_kind(sc, f->type, col->name) >= 0)
            rc = sqlite3_bind_int(st, i, 0);
        else rc = bind_attr(st, i, a);
    }
    if (rc != SQLITE_OK) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return fail_db(s);
    }
    return step_done(s, st);
}

/* The document's row (inserted or updated by SHA-256); its id in *id. */
static int upsert_document(struct ut_sqlite_out *s, const ut_doc *d, const char *name, sqlite3_int64 *id) {
    size_t len;
    const char *bytes = ut_doc_bytes(d, &len);
    char sha[2 * SHA256_DIGEST_SIZE + 1];
    sha256_hex(bytes, len, sha);
    /* the same path with other content: the file changed, its old row goes
     * (standard input is a new document every time, never "the same") */
    if (strcmp(name, "-")) {
        sqlite3_bind_text(s->drop_same_path, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(s->drop_same_path, 2, sha, -1, SQLITE_STATIC);
        if (step_done(s, s->drop_same_path)) return -1;
    }
    sqlite3_stmt *st = s->upsert_doc;
    long long pages;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, sha, -1, SQLITE_STATIC);
    bind_text(st, 3, meta_str(d, "kind"));
    bind_text(st, 4, meta_str(d, "subject"));
    bind_text(st, 5, ut_doc_date(d)); /* the document stage made it */
    if (doc_pages(d, &pages)) sqlite3_bind_int64(st, 6, pages);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)len);
    sqlite3_bind_text(st, 8, ut_doc_encoding(d), -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *id = sqlite3_column_int64(st, 0);
    if (rc == SQLITE_ROW) rc = sqlite3_step(st); /* to SQLITE_DONE: the upsert is complete */
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : fail_db(s);
}

static int sqlite_doc(ut_writer *wr, const ut_doc *d) {
    struct ut_sqlite_out *s = wr->state;
    /* a file name from an old share may not be UTF-8: repaired as in JSON */
    const char *name = ut_doc_name(d);
    char *repaired = NULL;
    if (!ut_utf8_valid(name, strlen(name))) {
        if (!(repaired = ut_utf8_repaired(name))) return fail(s, "out of memory");
        name = repaired;
    }
    sqlite3_int64 id = 0;
    int rc = upsert_document(s, d, name, &id);
    if (!rc) {
        sqlite3_bind_int64(s->clear_fields, 1, id);
        sqlite3_bind_int64(s->clear_persons, 1, id);
        rc = step_done(s, s->clear_persons) || step_done(s, s->clear_fields);
    }
    for (size_t i = 0; !rc && i < ut_doc_nfields(d); i++) rc = insert_field(s, id, d, name, ut_doc_field(d, i));
    size_t np;
    const ut_person *p = ut_doc_persons(d, &np); /* the document stage's roster */
    for (size_t i = 0; !rc && i < np; i++) {
        sqlite3_stmt *st = s->insert_person;
        sqlite3_bind_int64(st, 1, id);
        bind_text(st, 2, p[i].key);
        bind_text(st, 3, p[i].name);
        bind_text(st, 4, p[i].party);
        bind_text(st, 5, p[i].role);
        sqlite3_bind_int64(st, 6, (sqlite3_int64)p[i].mentions);
        rc = step_done(s, st);
    }
    free(repaired);
    if (rc) errno = EIO;
    return rc ? -1 : 0;
}

static int sqlite_finish(ut_writer *wr, int ok) {
    struct ut_sqlite_out *s = wr->state;
    int rc = ok ? exec(s, "COMMIT") : -1;
    if (rc) {
        if (!s->err_set) fail(s, "write error: nothing written"); /* a failure without an SQL reason */
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    char *path = rc ? strdup(s->path) : NULL;
    int created = s->created;
    out_free(s);
    wr->state = NULL;
    if (path && created) remove_created(path);
    else if (path) roll_back_hot_journal(path);
    free(path);
    return rc;
}

const ut_format_ops ut_sqlite_format = {
    .info = {.name = "sqlite", .summary = "an SQLite database, updated in place (needs -o)",
             .why_path = "a database is updated in place; it cannot go to standard output",
             .caps = UT_FORMAT_NEEDS_PATH | UT_FORMAT_IN_PLACE},
    .open = sqlite_open,
    .doc = sqlite_doc,
    .finish = sqlite_finish,
};
