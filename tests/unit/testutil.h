/*
 * testutil.h — scratch directories and small rule sets for the unit tests.
 *
 * Why: most engine behaviour (parser errors, overlap resolution, offsets)
 * is best pinned with a rule set written for the test itself, so that the
 * expectation does not move when the real rules in rules/ improve.  Every
 * test makes its own directory under $TMPDIR and removes it at the end.
 */
#ifndef UT_TESTUTIL_H
#define UT_TESTUTIL_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utdrag.h"

/* A NEW scratch directory path (free()), created empty. */
__attribute__((unused)) static char *scratch_dir(void) {
    const char *base = getenv("TMPDIR");
    char *p;
    if (asprintf(&p, "%s/utdrag-test.XXXXXX", base && *base ? base : "/tmp") < 0) return NULL;
    if (!mkdtemp(p)) { free(p); return NULL; }
    return p;
}

__attribute__((unused)) static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st; (void)flag; (void)ftw;
    return remove(path);
}

/* Remove the directory and everything in it, then free the path. */
__attribute__((unused)) static void scratch_free(char *dir) {
    if (!dir) return;
    nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

/* Write `len` bytes (or strlen when len is (size_t)-1) to dir/rel, making
 * dir/lexicons when rel starts with it.  0 or -1. */
__attribute__((unused)) static int write_bytes(const char *dir, const char *rel, const char *bytes, size_t len) {
    char *path;
    if (!strncmp(rel, "lexicons/", 9)) {
        if (asprintf(&path, "%s/lexicons", dir) < 0) return -1;
        mkdir(path, 0755);
        free(path);
    }
    if (asprintf(&path, "%s/%s", dir, rel) < 0) return -1;
    FILE *f = fopen(path, "wb");
    free(path);
    if (!f) return -1;
    if (len == (size_t)-1) len = strlen(bytes);
    size_t w = fwrite(bytes, 1, len, f);
    return (fclose(f) == 0 && w == len) ? 0 : -1;
}

__attribute__((unused)) static int write_text(const char *dir, const char *rel, const char *text) {
    return write_bytes(dir, rel, text, (size_t)-1);
}

/* "DIR/REL" as a NEW string, for comparing error file names. */
__attribute__((unused)) static char *path_in(const char *dir, const char *rel) {
    char *p;
    return asprintf(&p, "%s/%s", dir, rel) < 0 ? NULL : p;
}

/* Load a rule set made of one rules file (and optionally one lexicon)
 * written into a fresh scratch dir; *dir receives the dir (caller frees
 * it with scratch_free).  NEW ruleset or NULL with err. */
__attribute__((unused)) static ut_ruleset *rules_from_text(char **dir, const char *rules, const char *lexname, const char *lextext,
                                   ut_error *err) {
    *dir = scratch_dir();
    if (!*dir) return NULL;
    write_text(*dir, "t.rules", rules);
    if (lexname) {
        char rel[256];
        snprintf(rel, sizeof rel, "lexicons/%s.lex", lexname);
        write_text(*dir, rel, lextext);
    }
    return ut_ruleset_load(*dir, err);
}

/* "file:line: text" of an error, the way the CLI prints it, NEW string. */
__attribute__((unused)) static char *err_line(const ut_error *e) {
    char *s;
    int rc = e->line ? asprintf(&s, "%s:%d: %s", e->file, e->line, e->text)
                     : asprintf(&s, "%s: %s", e->file, e->text);
    return rc < 0 ? NULL : s;
}

/* The n-th field of a document whose type is `type` (NULL if none). */
__attribute__((unused)) static const ut_field *nth_field(const ut_doc *d, const char *type, size_t n) {
    for (size_t i = 0; i < ut_doc_nfields(d); i++) {
        const ut_field *f = ut_doc_field(d, i);
        if (!strcmp(f->type, type) && n-- == 0) return f;
    }
    return NULL;
}
#endif
