/*
 * test_sqlite.c — the SQLite writer (src/write/sqlite.c) through the public
 * API, read back with SQLite itself: the schema and its version, typed
 * columns (a dnr's number keeps its leading zero, a figure's stays a
 * number), a rerun replacing rather than duplicating, and files it must
 * refuse without touching them.
 */
#include <errno.h>
#include <sqlite3.h>

#include "tap.h"
#include "testutil.h"

static const char *RULES =
    "rule t.case\n  type dnr\n  normalize dnr\n"
    "  pattern (?<id>(?<series>KS) (?<year>[0-9]{4})/(?<number>[0-9]+))\n"
    "rule t.day\n  type date\n  normalize date\n"
    "  pattern \\b(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})\\b\n";

static const char DOC1[] = "2021-03-04\nRubrik \"citat\", semikolon;\nDnr KS 2021/012 och KS 2020/7\n";
static const char DOC2[] = /* windows-1252; the date is in running text, not a heading */
    "I m\xf6tet den 2019-06-03 beslutade n\xe4mnden i \xe4rendet KS 2019/475 att g\xe5 vidare.\n";

/* One value of a query as a NEW string ("(null)" for NULL), or NULL on error. */
static char *q(const char *path, const char *sql) {
    sqlite3 *db;
    sqlite3_stmt *st;
    char *out = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) {
            const unsigned char *t = sqlite3_column_text(st, 0);
            out = strdup(t ? (const char *)t : "(null)");
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
}

static void is_q(const char *path, const char *sql, const char *want, const char *name) {
    char *got = q(path, sql);
    is_str(got, want, name);
    free(got);
}

static int write_docs(const char *path, ut_doc **docs, size_t n, ut_error *err) {
    ut_writer *wr = ut_writer_create("sqlite", NULL, path, 0, err);
    if (!wr) return -1;
    int rc = 0;
    for (size_t i = 0; i < n; i++) rc |= ut_writer_doc(wr, docs[i]);
    return ut_writer_finish(wr) || rc ? -1 : 0;
}

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char buf[256];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    return strdup(buf);
}

int main(void) {
    ut_error err;
    char *rdir, *dir = scratch_dir();
    ut_ruleset *rs = rules_from_text(&rdir, RULES, NULL, NULL, &err);
    ok(rs != NULL, "rules load");
    ut_worker *w = ut_worker_new(rs);
    ut_doc *docs[2] = {ut_extract(w, "a.txt", DOC1, sizeof DOC1 - 1, &err),
                       ut_extract(w, "dir/b\xf6.txt", DOC2, sizeof DOC2 - 1, &err)};

    is_str(ut_format_find("sqlite") ? ut_format_find("sqlite")->name : NULL, "sqlite", "format sqlite");
    errno = 0;
    ok(ut_writer_create("sqlite", stdout, NULL, 0, NULL) == NULL && errno == EINVAL,
       "ut_writer_create refuses sqlite onto a stream (it needs a path)");

    /* the fields table is made of these: a change here is a new schema */
    static const char *const pinned[] = {"doc",   "line",   "start", "end",    "type",       "value",    "text",
                                         "rule",  "grain",  "series", "year",  "number",     "party",    "role",
                                         "key",   "unit",   "unit_lemma", "currency", "ocr", "encoding", "page",
                                         "number_to", "approx", NULL};
    const char *const *cols = ut_csv_columns();
    int same = 1;
    for (int i = 0; pinned[i] || cols[i]; i++)
        if (!pinned[i] || !cols[i] || strcmp(pinned[i], cols[i])) same = 0;
    ok(same, "CSV columns as pinned (new ones are appended; a database gains them at open)");

    char *db = path_in(dir, "fields.db");
    ok(write_docs(db, docs, 2, &err) == 0, "two documents written");
    is_q(db, "PRAGMA user_version", "2", "schema version 2");
    is_q(db, "PRAGMA application_id", "1970562162", "application_id 'utdr'");
    is_q(db, "SELECT count(*) FROM documents", "2", "two documents");
    is_q(db, "SELECT count(*) FROM fields", "5", "five fields");
    is_q(db, "SELECT group_concat(number, ' ') FROM fields WHERE type = 'dnr'", "012 7 475",
         "dnr numbers as written, leading zero kept");
    is_q(db, "SELECT group_concat(typeof(year) || typeof(start) || typeof(ocr), ' ') FROM fields WHERE type = 'dnr'",
         "integerintegerinteger integerintegerinteger integerintegerinteger", "year, start, ocr are integers");
    is_q(db, "SELECT date FROM documents WHERE path = 'a.txt'", "2021-03-04", "the date of the heading");
    is_q(db, "SELECT date FROM documents WHERE id = 2", "(null)", "no date from running text");
    is_q(db, "SELECT decoded_as || ' ' || bytes FROM documents WHERE id = 2", "windows-1252 78",
         "decoded_as and bytes of the cp1252 document");
    is_q(db, "SELECT doc FROM fields WHERE encoding = 'windows-1252' LIMIT 1", "dir/b\xef\xbf\xbd.txt",
         "a file name that is not UTF-8 is repaired");
    is_q(db, "SELECT sha256 FROM documents WHERE path = 'a.txt'",
         "4ea1d0981ba0206c9ed00143ff5fec909660292993e363dc24f4694296d2bb8c", "SHA-256 of the bytes");

    ok(write_docs(db, docs, 2, &err) == 0, "the same documents again");
    is_q(db, "SELECT count(*) || ' ' || max(id) FROM documents", "2 2", "documents not duplicated, ids kept");
    is_q(db, "SELECT count(*) FROM fields", "5", "fields replaced, not added");

    /* files it must not touch */
    char *text = path_in(dir, "notes.txt");
    write_text(dir, "notes.txt", "not a database\n");
    ok(ut_writer_create("sqlite", NULL, text, 0, &err) == NULL, "a text file is refused");
    is_str(err.file, text, "the error names the file");
    is_str(err.text, "file is not a database", "and says why");
    char *kept = slurp(text);
    is_str(kept, "not a database\n", "the file is untouched");
    free(kept);

    char *other = path_in(dir, "other.db");
    sqlite3 *o;
    sqlite3_open(other, &o);
    sqlite3_exec(o, "CREATE TABLE t (x); PRAGMA user_version = 1", NULL, NULL, NULL);
    sqlite3_close(o);
    ok(ut_writer_create("sqlite", NULL, other, 0, &err) == NULL && strstr(err.text, "did not write"),
       "another program's database is refused: %s", err.text);
    is_q(other, "SELECT count(*) FROM sqlite_master", "1", "and left as it was");

    /* a version 1 file (no number_to, approx) gains the new columns */
    sqlite3_open(db, &o);
    sqlite3_exec(o, "ALTER TABLE fields DROP COLUMN number_to; ALTER TABLE fields DROP COLUMN approx;"
                    "PRAGMA user_version = 1", NULL, NULL, NULL);
    sqlite3_close(o);
    is_q(db, "SELECT count(*) FROM pragma_table_info('fields') WHERE name IN ('number_to', 'approx')", "0",
         "a version 1 database made (without number_to, approx)");
    ok(write_docs(db, docs, 2, &err) == 0, "a version 1 database is written to: %s", err.text);
    is_q(db, "PRAGMA user_version", "2", "... and says version 2");
    is_q(db, "SELECT group_concat(name || ' ' || type, ', ') FROM pragma_table_info('fields') WHERE name IN "
             "('number_to', 'approx')", "number_to , approx INTEGER", "... with the columns added, typed");
    is_q(db, "SELECT count(*) FROM fields", "5", "... and its fields replaced as ever");

    sqlite3_open(db, &o);
    sqlite3_exec(o, "PRAGMA user_version = 3", NULL, NULL, NULL);
    sqlite3_close(o);
    ok(ut_writer_create("sqlite", NULL, db, 0, &err) == NULL && strstr(err.text, "version 3"),
       "a database of a later schema version is refused: %s", err.text);

    char *missing = path_in(dir, "no/such/dir.db");
    ok(ut_writer_create("sqlite", NULL, missing, 0, &err) == NULL && err.text[0], "a path in a missing directory: %s", err.text);

    free(missing);
    free(other);
    free(text);
    free(db);
    for (int i = 0; i < 2; i++) ut_doc_free(docs[i]);
    ut_worker_free(w);
    ut_ruleset_free(rs);
    scratch_free(rdir);
    scratch_free(dir);
    return done_testing();
}
