/* fuzz_util.c — helpers shared by the harnesses; see fuzz_util.h. */
#include "fuzz_util.h"

#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *fuzz_mkdtemp(void) {
    const char *tmp = getenv("TMPDIR");
    char *path;
    if (asprintf(&path, "%s/utdrag-fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp") < 0) return NULL;
    if (!mkdtemp(path)) {
        free(path);
        return NULL;
    }
    return path;
}

int fuzz_write_file(const char *dir, const char *name, const void *bytes, size_t n) {
    char *path;
    if (asprintf(&path, "%s/%s", dir, name) < 0) return -1;
    FILE *f = fopen(path, "wb");
    free(path);
    if (!f) return -1;
    size_t put = n ? fwrite(bytes, 1, n, f) : 0;
    return (fclose(f) || put != n) ? -1 : 0;
}

void fuzz_rm_tree(const char *dir) {
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            char *p;
            if (asprintf(&p, "%s/%s", dir, e->d_name) < 0) continue;
            struct stat st;
            if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) fuzz_rm_tree(p);
            else unlink(p);
            free(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

/* Loaded once and kept for the life of the process, as a fuzzer process
 * runs millions of inputs: freed by an atexit handler so that leak checkers
 * stay quiet. */
static ut_ruleset *default_rules;
static void free_default_rules(void) { ut_ruleset_free(default_rules); }

const ut_ruleset *fuzz_default_rules(void) {
    if (!default_rules) {
        ut_error err;
        default_rules = ut_ruleset_load(fuzz_rules_dir(), &err);
        if (!default_rules) {
            fprintf(stderr, "fuzz: cannot load rules from %s: %s:%d: %s\n", fuzz_rules_dir(), err.file,
                    err.line, err.text);
            abort();
        }
        atexit(free_default_rules);
    }
    return default_rules;
}

static char *tmpdir;
/* the paths fuzz_tmp_path gave out, owned here until exit */
static struct { char *name, *path; } tmp_paths[4];

static void remove_tmpdir(void) {
    for (size_t k = 0; k < sizeof tmp_paths / sizeof *tmp_paths; k++) {
        free(tmp_paths[k].name);
        free(tmp_paths[k].path);
    }
    fuzz_rm_tree(tmpdir);
    free(tmpdir);
    tmpdir = NULL;
}

const char *fuzz_tmpdir(void) {
    if (!tmpdir) {
        tmpdir = fuzz_mkdtemp();
        FUZZ_CHECK(tmpdir);
        atexit(remove_tmpdir);
    }
    return tmpdir;
}

const char *fuzz_tmp_path(const char *name) {
    const char *dir = fuzz_tmpdir();
    size_t k = 0, n = sizeof tmp_paths / sizeof *tmp_paths;
    for (; k < n && tmp_paths[k].name; k++)
        if (!strcmp(tmp_paths[k].name, name)) return tmp_paths[k].path;
    FUZZ_CHECK(k < n); /* more names than the table holds */
    FUZZ_CHECK((tmp_paths[k].name = strdup(name)) != NULL);
    FUZZ_CHECK(asprintf(&tmp_paths[k].path, "%s/%s", dir, name) >= 0);
    return tmp_paths[k].path;
}

static const char line_rules[] =
    "# every line is a field: the writers get whatever the input holds\n"
    "rule fuzz.line\n"
    "  type      org\n"
    "  normalize text\n"
    "  pattern   [^\\n]+\n";

static ut_ruleset *line_rs;
static ut_worker *workers[FUZZ_NDOCS];

/* Registered after the rules' own handlers, so it runs before them:
 * workers go before the rule sets they borrow. */
static void free_workers(void) {
    for (size_t k = 0; k < FUZZ_NDOCS; k++) ut_worker_free(workers[k]);
    ut_ruleset_free(line_rs);
}

static void load_workers(void) {
    const ut_ruleset *def = fuzz_default_rules();
    char *dir;
    FUZZ_CHECK(asprintf(&dir, "%s/line-rules", fuzz_tmpdir()) >= 0);
    FUZZ_CHECK(mkdir(dir, 0700) == 0);
    FUZZ_CHECK(fuzz_write_file(dir, "line.rules", line_rules, strlen(line_rules)) == 0);
    ut_error err;
    line_rs = ut_ruleset_load(dir, &err);
    if (!line_rs) fprintf(stderr, "fuzz: %s:%d: %s\n", err.file, err.line, err.text);
    FUZZ_CHECK(line_rs);
    free(dir);
    workers[FUZZ_DOC_LINES] = ut_worker_new(line_rs);
    workers[FUZZ_DOC_DEFAULT] = ut_worker_new(def);
    FUZZ_CHECK(workers[FUZZ_DOC_LINES] && workers[FUZZ_DOC_DEFAULT]);
    atexit(free_workers);
}

void fuzz_doc_name(const uint8_t *data, size_t size, char name[FUZZ_NAME_MAX + 1]) {
    size_t nl = 0;
    while (nl < size && nl < FUZZ_NAME_MAX && data[nl]) {
        name[nl] = (char)data[nl];
        nl++;
    }
    name[nl] = 0;
}

ut_doc *fuzz_doc_new(int which, const char *name, const uint8_t *data, size_t size) {
    FUZZ_CHECK(which >= 0 && which < FUZZ_NDOCS);
    if (!workers[which]) load_workers();
    ut_error err;
    return ut_extract(workers[which], name, data, size, &err);
}

size_t fuzz_docs_new(const uint8_t *data, size_t size, ut_doc *docs[FUZZ_NDOCS]) {
    char name[FUZZ_NAME_MAX + 1];
    fuzz_doc_name(data, size, name);
    size_t n = 0;
    for (int k = 0; k < FUZZ_NDOCS; k++) docs[k] = NULL;
    while (n < FUZZ_NDOCS && (docs[n] = fuzz_doc_new((int)n, name, data, size))) n++;
    return n;
}

void fuzz_docs_free(ut_doc *docs[FUZZ_NDOCS], size_t n) {
    for (size_t k = 0; k < n; k++) ut_doc_free(docs[k]);
}

/* The bytes to use for `data` (*n of them): `data` itself, or a NEW buffer
 * also put in *owned (else NULL) when it starts with FUZZ_LONG_MARK. */
static const uint8_t *long_input(const uint8_t *data, size_t size, size_t *n, uint8_t **owned) {
    const size_t mark = sizeof FUZZ_LONG_MARK - 1;
    *owned = NULL;
    *n = size;
    if (size <= mark || memcmp(data, FUZZ_LONG_MARK, mark)) return data;
    size_t unit = size - mark, reps = (FUZZ_LONG_MIN + unit - 1) / unit;
    uint8_t *buf = malloc(unit * reps);
    FUZZ_CHECK(buf);
    for (size_t r = 0; r < reps; r++) memcpy(buf + r * unit, data + mark, unit);
    *n = unit * reps;
    return *owned = buf;
}

void fuzz_input_new(fuzz_input *in, const uint8_t *raw, size_t raw_size) {
    in->data = long_input(raw, raw_size, &in->size, &in->owned);
    in->n = fuzz_docs_new(in->data, in->size, in->docs);
}

void fuzz_input_free(fuzz_input *in) {
    fuzz_docs_free(in->docs, in->n);
    free(in->owned);
}
