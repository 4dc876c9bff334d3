/*
 * fuzz_sqlite.c — harness (d, database): the SQLite writer with hostile
 * field contents, read back with SQLite itself.
 *
 * The documents are those of fuzz_docs_new (fuzz_util.h: every line of the
 * input a field, then the default rules' typed fields; a name that need
 * not be UTF-8), after fuzz_input_new (a mark makes very long lines).
 * They go into a database file in the harness's temp directory, made new
 * for each input, in three runs of the writer:
 *
 *   1. both documents in one run: the same bytes, so the same SHA-256 —
 *      the second replaces the first's fields inside the transaction;
 *   2. the first again, in a new run over the file: the update of a
 *      document already there;
 *   3. the input less its last byte under the same name: a file whose
 *      content changed, so its old row goes (foreign keys cascade to its
 *      fields and persons) — except for the name "-", standard input,
 *      which is never "the same file" and adds a row.
 *
 * After each run: PRAGMA integrity_check says ok and foreign_key_check
 * finds nothing; documents and fields hold exactly the expected rows, the
 * newest document's fields in order with its type, value, text, rule,
 * offsets and (repaired) name; persons count every person field once; no
 * journal is left; every TEXT cell of every table is valid UTF-8 (what
 * Python's sqlite3 and pandas need to read it).
 */
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "base/text.h"
#include "write/writer.h"

/* where the database and its journal are written (fuzz_util owns them) */
static const char *db_path(void) { return fuzz_tmp_path("out.db"); }
static const char *journal_path(void) { return fuzz_tmp_path("out.db-journal"); }

static void write_run(ut_doc *const *docs, size_t n) {
    ut_error err = {.line = 0};
    ut_writer *wr = ut_writer_create("sqlite", NULL, db_path(), 0, &err);
    if (!wr) fprintf(stderr, "sqlite open: %s\n", err.text);
    FUZZ_CHECK(wr);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) rc = ut_writer_doc(wr, docs[i]);
    if (rc) fprintf(stderr, "sqlite doc: %s\n", err.text);
    FUZZ_CHECK(rc == 0);
    rc = ut_writer_finish(wr);
    if (rc) fprintf(stderr, "sqlite finish: %s\n", err.text);
    FUZZ_CHECK(rc == 0);
    struct stat st;
    FUZZ_CHECK(stat(journal_path(), &st) != 0); /* committed: no journal left */
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
    FUZZ_CHECK(st);
    return st;
}

static long long query_int(sqlite3 *db, const char *sql) {
    sqlite3_stmt *st = prep(db, sql);
    FUZZ_CHECK(sqlite3_step(st) == SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    FUZZ_CHECK(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
    return v;
}

/* Column c of the row is the string s (NULL: SQL NULL), byte for byte. */
static int same_text(sqlite3_stmt *st, int c, const char *s) {
    if (!s) return sqlite3_column_type(st, c) == SQLITE_NULL;
    if (sqlite3_column_type(st, c) != SQLITE_TEXT) return 0;
    const unsigned char *t = sqlite3_column_text(st, c);
    size_t n = (size_t)sqlite3_column_bytes(st, c);
    return t && n == strlen(s) && !memcmp(t, s, n);
}

/* Every TEXT cell of `table` is valid UTF-8. */
static void check_utf8(sqlite3 *db, const char *table) {
    char *sql;
    FUZZ_CHECK(asprintf(&sql, "SELECT * FROM %s", table) >= 0);
    sqlite3_stmt *st = prep(db, sql);
    free(sql);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count(st); c++)
            if (sqlite3_column_type(st, c) == SQLITE_TEXT) {
                const char *t = (const char *)sqlite3_column_text(st, c);
                if (!ut_utf8_valid(t, (size_t)sqlite3_column_bytes(st, c)))
                    fprintf(stderr, "%s.%s: not UTF-8\n", table, sqlite3_column_name(st, c));
                FUZZ_CHECK(ut_utf8_valid(t, (size_t)sqlite3_column_bytes(st, c)));
            }
    FUZZ_CHECK(rc == SQLITE_DONE);
    sqlite3_finalize(st);
}

/* The database after a run: `ndocs` documents, `nfields` fields in all,
 * the newest document (the largest id) being `d`. */
static void check_db(const ut_doc *d, long long ndocs, long long nfields) {
    sqlite3 *db;
    FUZZ_CHECK(sqlite3_open_v2(db_path(), &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);

    sqlite3_stmt *st = prep(db, "PRAGMA integrity_check");
    FUZZ_CHECK(sqlite3_step(st) == SQLITE_ROW);
    if (!same_text(st, 0, "ok")) fprintf(stderr, "integrity_check: %s\n", sqlite3_column_text(st, 0));
    FUZZ_CHECK(same_text(st, 0, "ok"));
    FUZZ_CHECK(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
    st = prep(db, "PRAGMA foreign_key_check");
    FUZZ_CHECK(sqlite3_step(st) == SQLITE_DONE); /* no row: no dangling reference */
    sqlite3_finalize(st);

    FUZZ_CHECK(query_int(db, "SELECT count(*) FROM documents") == ndocs);
    FUZZ_CHECK(query_int(db, "SELECT count(*) FROM fields") == nfields);
    FUZZ_CHECK(query_int(db, "SELECT count(*) FROM persons WHERE document_id NOT IN (SELECT id FROM documents)") ==
               0);

    char *name = ut_utf8_repaired(ut_doc_name(d));
    FUZZ_CHECK(name);
    size_t len;
    ut_doc_bytes(d, &len);
    st = prep(db, "SELECT path, bytes, decoded_as FROM documents WHERE id = (SELECT max(id) FROM documents)");
    FUZZ_CHECK(sqlite3_step(st) == SQLITE_ROW);
    FUZZ_CHECK(same_text(st, 0, name));
    FUZZ_CHECK(sqlite3_column_int64(st, 1) == (long long)len);
    FUZZ_CHECK(same_text(st, 2, ut_doc_encoding(d)));
    sqlite3_finalize(st);

    st = prep(db, "SELECT doc, type, value, text, rule, start, \"end\", line FROM fields"
                  " WHERE document_id = (SELECT max(id) FROM documents) ORDER BY id");
    size_t i = 0, persons = 0;
    int rc;
    for (; (rc = sqlite3_step(st)) == SQLITE_ROW; i++) {
        FUZZ_CHECK(i < ut_doc_nfields(d));
        const ut_field *f = ut_doc_field(d, i);
        FUZZ_CHECK(same_text(st, 0, name));
        FUZZ_CHECK(same_text(st, 1, f->type));
        FUZZ_CHECK(same_text(st, 2, f->value));
        FUZZ_CHECK(same_text(st, 3, f->text));
        FUZZ_CHECK(same_text(st, 4, f->rule));
        FUZZ_CHECK(sqlite3_column_int64(st, 5) == (long long)f->start);
        FUZZ_CHECK(sqlite3_column_int64(st, 6) == (long long)f->end);
        FUZZ_CHECK(sqlite3_column_int64(st, 7) == (long long)f->line);
        persons += !strcmp(f->type, "person");
    }
    FUZZ_CHECK(rc == SQLITE_DONE);
    FUZZ_CHECK(i == ut_doc_nfields(d));
    sqlite3_finalize(st);
    free(name);
    /* one persons row per person key, counting its mentions */
    FUZZ_CHECK(query_int(db, "SELECT coalesce(sum(mentions), 0) FROM persons"
                             " WHERE document_id = (SELECT max(id) FROM documents)") == (long long)persons);

    check_utf8(db, "documents");
    check_utf8(db, "fields");
    check_utf8(db, "persons");
    FUZZ_CHECK(sqlite3_close(db) == SQLITE_OK);
}

int LLVMFuzzerTestOneInput(const uint8_t *raw, size_t raw_size) {
    fuzz_input in;
    fuzz_input_new(&in, raw, raw_size);
    ut_doc **docs = in.docs;
    size_t n = in.n;
    if (n) {
        unlink(db_path()); /* a new database for each input */
        write_run(docs, n); /* 1 */
        check_db(docs[n - 1], 1, (long long)ut_doc_nfields(docs[n - 1]));
        write_run(docs, 1); /* 2 */
        check_db(docs[0], 1, (long long)ut_doc_nfields(docs[0]));
        char name[FUZZ_NAME_MAX + 1];
        fuzz_doc_name(in.data, in.size, name);
        ut_doc *changed = in.size ? fuzz_doc_new(FUZZ_DOC_LINES, name, in.data, in.size - 1) : NULL;
        if (changed) { /* 3 */
            write_run(&changed, 1);
            int stdin_doc = !strcmp(name, "-");
            check_db(changed, 1 + stdin_doc,
                     (long long)ut_doc_nfields(changed) + (stdin_doc ? (long long)ut_doc_nfields(docs[0]) : 0));
            ut_doc_free(changed);
        }
        FUZZ_CHECK(unlink(db_path()) == 0);
    }
    fuzz_input_free(&in);
    return 0;
}
