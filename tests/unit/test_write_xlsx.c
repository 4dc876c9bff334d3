/*
 * test_write_xlsx.c — ut_writer_create at a path, the writer that writes a file by
 * name (the only way to xlsx): the file appears, whole, at finish; a path
 * that cannot be written fails (at open or at finish, never silently); a
 * FILE-based xlsx writer is refused; the other formats through a path
 * write the same bytes as through a FILE.  The workbook's contents are
 * read back by tests/xlsx/xlsx.t (Python's zipfile and XML parser).
 */
#include <errno.h>
#include <sys/stat.h>

#include "tap.h"
#include "testutil.h"

static const char *RULES =
    "rule t.case\n  type dnr\n  normalize dnr\n"
    "  pattern (?<id>(?<series>KS) (?<year>[0-9]{4})/(?<number>[0-9]+))\n";

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static void check_xlsx(const char *dir, ut_doc *d) {
    char *path;
    if (asprintf(&path, "%s/out.xlsx", dir) < 0) return;
    ut_writer *wr = ut_writer_create("xlsx", NULL, path, 0, NULL);
    if (!ok(wr != NULL, "xlsx: writer opens")) { free(path); return; }
    struct stat st;
    ok(stat(path, &st) != 0, "xlsx: no file before finish");
    is_int(ut_writer_doc(wr, d), 0, "xlsx: document written");
    is_int(ut_writer_finish(wr), 0, "xlsx: finished");
    size_t len = 0;
    char *buf = slurp(path, &len);
    ok(buf && len > 1000 && !memcmp(buf, "PK\x03\x04", 4), "xlsx: a zip file of %zu bytes", len);
    free(buf);
    free(path);

    /* no documents at all: still a workbook, with its sheets and headers */
    if (asprintf(&path, "%s/empty.xlsx", dir) < 0) return;
    wr = ut_writer_create("xlsx", NULL, path, 0, NULL);
    is_int(wr ? ut_writer_finish(wr) : -1, 0, "xlsx: an empty run finishes");
    ok(stat(path, &st) == 0 && st.st_size > 1000, "xlsx: an empty run writes a workbook");
    free(path);

    /* a directory that does not exist: an error at open, told by errno
     * (libxlsxwriter would only find out at finish, and print) */
    errno = 0;
    wr = ut_writer_create("xlsx", NULL, "/nonexistent-utdrag-dir/out.xlsx", 0, NULL);
    ok(wr == NULL && errno == ENOENT, "xlsx: an unwritable path fails at open with ENOENT");
    if (wr) ut_writer_finish(wr);

    /* xlsx has no FILE to write to: refused when the writer is made */
    ut_error werr = {0};
    errno = 0;
    ok(ut_writer_create("xlsx", stdout, NULL, 0, &werr) == NULL && errno == EINVAL, "xlsx onto a FILE is refused (EINVAL)");
    ok(strstr(werr.text, "xlsx") && strstr(werr.text, "standard output"), "... with the reason: %s", werr.text);
}

/* The stream formats through a path: the same bytes as through a FILE. */
static void check_stream_path(const char *dir, ut_doc *d) {
    char *path, *mem = NULL;
    size_t memlen = 0;
    FILE *f = open_memstream(&mem, &memlen);
    ut_writer *wr = ut_writer_create("csv", f, NULL, 0, NULL);
    ut_writer_doc(wr, d);
    ut_writer_finish(wr);
    fclose(f);
    if (asprintf(&path, "%s/out.csv", dir) < 0) return;
    wr = ut_writer_create("csv", NULL, path, 0, NULL);
    int rc = wr ? ut_writer_doc(wr, d) : -1;
    rc |= wr ? ut_writer_finish(wr) : -1;
    is_int(rc, 0, "csv through a path: written");
    size_t len = 0;
    char *buf = slurp(path, &len);
    ok(buf && len == memlen && !memcmp(buf, mem, len), "csv through a path: same bytes as through a FILE");
    free(buf);
    free(mem);
    free(path);
    errno = 0;
    ok(ut_writer_create("csv", NULL, "/nonexistent-utdrag-dir/out.csv", 0, NULL) == NULL && errno == ENOENT,
       "csv: an unwritable path fails at open with errno");
}

int main(void) {
    char *dir;
    ut_error err;
    ut_ruleset *rs = rules_from_text(&dir, RULES, NULL, NULL, &err);
    if (!ok(rs != NULL, "rules load")) { diag("%s", err.text); return done_testing(); }
    ut_worker *w = ut_worker_new(rs);
    static const char doc[] = "Dnr KS 2021/012 och KS 2022/7\n";
    ut_doc *d = ut_extract(w, "memo.txt", doc, sizeof doc - 1, &err);
    is_int((long long)ut_doc_nfields(d), 2, "two fields");
    is_str(ut_format_find("xlsx") ? ut_format_find("xlsx")->name : NULL, "xlsx", "format xlsx");
    check_xlsx(dir, d);
    check_stream_path(dir, d);
    ut_doc_free(d);
    ut_worker_free(w);
    ut_ruleset_free(rs);
    scratch_free(dir);
    return done_testing();
}
