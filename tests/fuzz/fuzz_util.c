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
