/* common.c — pieces every subcommand uses: errors, rule loading, inputs,
 * atomic output. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef UTDRAG_RULES_DIR
#define UTDRAG_RULES_DIR "/usr/local/share/utdrag/rules"
#endif

void cli_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("utdrag: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static int is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *cli_rules_dir(const char *given) {
    if (given) return given;
    const char *env = getenv("UTDRAG_RULES");
    if (env && *env) return env;
    static char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 64);
    if (n > 0) {
        buf[n] = 0;
        char *slash = strrchr(buf, '/');
        if (slash) {
            static const char *const rel[] = {"/../rules", "/../share/utdrag/rules", NULL};
            for (int i = 0; rel[i]; i++) {
                strcpy(slash, rel[i]);
                if (is_dir(buf)) {
                    char *real = realpath(buf, NULL);
                    if (real && strlen(real) < sizeof buf) strcpy(buf, real);
                    free(real);
                    return buf;
                }
            }
        }
    }
    return UTDRAG_RULES_DIR;
}

int cli_engine_parse(const char *name) {
    if (!strcmp(name, "scan")) return UT_ENGINE_SCAN;
    if (!strcmp(name, "reference")) return UT_ENGINE_REFERENCE;
    return -1;
}

ut_ruleset *cli_load_rules(const char *given) {
    const char *dir = cli_rules_dir(given);
    ut_error err;
    ut_ruleset *rs = ut_ruleset_load(dir, &err);
    if (!rs) {
        if (err.line) fprintf(stderr, "utdrag: %s:%d: %s\n", err.file, err.line, err.text);
        else fprintf(stderr, "utdrag: %s: %s\n", err.file[0] ? err.file : dir, err.text);
    }
    /* UTDRAG_ENGINE=reference: the engine of every command (tests compare the two) */
    const char *e = getenv("UTDRAG_ENGINE");
    if (rs && e && cli_engine_parse(e) >= 0) ut_ruleset_set_engine(rs, (ut_engine)cli_engine_parse(e));
    return rs;
}

static int push(cli_inputs *in, const char *p) {
    if (in->n == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 64;
        char **np = realloc(in->paths, cap * sizeof *np);
        if (!np) return -1;
        in->paths = np;
        in->cap = cap;
    }
    if (!(in->paths[in->n] = strdup(p))) return -1;
    in->n++;
    return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int has_suffix(const char *s, const char *suf) {
    size_t l = strlen(s), k = strlen(suf);
    return l > k && !strcmp(s + l - k, suf);
}

/* A PDF by its name: `.pdf` in any case (scanners write `.PDF`). */
static int pdf_name(const char *s) {
    size_t l = strlen(s);
    return l > 4 && !strcasecmp(s + l - 4, ".pdf");
}

static int is_pdf_input(const char *path, const char *buf, size_t len) {
    return ut_is_pdf(buf, len) || (strcmp(path, "-") && pdf_name(path));
}

ut_doc *cli_extract(ut_worker *const *ws, size_t nw, const char *path, char *buf, size_t len, ut_error *err) {
    if (is_pdf_input(path, buf, len)) {
        /* a PDF's bytes are not its text: poppler reads it, in one thread */
        ut_doc *d = ut_extract_pdf(ws[0], path, buf, len, err);
        free(buf);
        return d;
    }
    return ut_extract_owned(ws, nw, path, buf, len, err);
}

/* The directories on the current walk path, to see a symlink loop. */
typedef struct visit {
    dev_t dev;
    ino_t ino;
    const struct visit *up;
} visit;

/* Walk a directory in sorted order.  A directory that is its own ancestor
 * (a symlink loop) is reported and not entered again. */
static void walk_dir(cli_inputs *in, const char *dir, const visit *up, int *bad) {
    struct stat self;
    if (stat(dir, &self) != 0) {
        cli_error("%s: %s", dir, strerror(errno));
        (*bad)++;
        return;
    }
    for (const visit *v = up; v; v = v->up)
        if (v->dev == self.st_dev && v->ino == self.st_ino) {
            cli_error("%s: directory loop (a symbolic link to an enclosing directory): skipped", dir);
            (*bad)++;
            return;
        }
    visit here = {self.st_dev, self.st_ino, up};
    DIR *d = opendir(dir);
    if (!d) {
        cli_error("%s: %s", dir, strerror(errno));
        (*bad)++;
        return;
    }
    cli_inputs sub = {0};
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') push(&sub, e->d_name);
    closedir(d);
    if (sub.n) qsort(sub.paths, sub.n, sizeof *sub.paths, cmp_str);
    for (size_t i = 0; i < sub.n; i++) {
        char *p;
        if (asprintf(&p, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/", sub.paths[i]) < 0) continue;
        struct stat st;
        if (stat(p, &st) != 0) {
            cli_error("%s: %s", p, strerror(errno)); /* e.g. a dangling link */
            (*bad)++;
        } else if (S_ISDIR(st.st_mode)) walk_dir(in, p, &here, bad);
        else if (S_ISREG(st.st_mode) && (has_suffix(p, ".txt") || pdf_name(p))) push(in, p);
        free(p);
    }
    cli_inputs_free(&sub);
}

void cli_inputs_collect(cli_inputs *in, char **args, int nargs, int *bad) {
    for (int i = 0; i < nargs; i++) {
        if (strcmp(args[i], "-") && is_dir(args[i])) walk_dir(in, args[i], NULL, bad);
        else push(in, args[i]);
    }
}

void cli_inputs_free(cli_inputs *in) {
    for (size_t i = 0; i < in->n; i++) free(in->paths[i]);
    free(in->paths);
    memset(in, 0, sizeof *in);
}

static char *fail(char **error, const char *path, const char *what) {
    if (asprintf(error, "%s: %s", path, what) < 0) *error = NULL;
    return NULL;
}

_Atomic long long cli_read_us;

char *cli_read_input(const char *path, size_t *len, char **error) {
    *error = NULL;
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) return fail(error, path, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        if (f != stdin) fclose(f);
        return fail(error, path, "is a directory");
    }
    int e = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char *buf = ut_read_document(f, len, &e);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    cli_read_us += (long long)(t1.tv_sec - t0.tv_sec) * 1000000 + (t1.tv_nsec - t0.tv_nsec) / 1000;
    if (f != stdin) fclose(f);
    else clearerr(stdin);
    if (!buf) return fail(error, path, strerror(e));
    return buf;
}

int cli_inputs_from_file(cli_inputs *in, const char *file, bool nul) {
    FILE *f = strcmp(file, "-") ? fopen(file, "rb") : stdin;
    if (!f) {
        cli_error("%s: %s", file, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int rc = 0;
    while ((got = getdelim(&line, &cap, nul ? '\0' : '\n', f)) > 0) {
        if (line[got - 1] == (nul ? '\0' : '\n')) line[--got] = 0;
        if (!nul && got && line[got - 1] == '\r') line[--got] = 0;
        if (got && push(in, line)) { rc = -1; break; }
    }
    if (ferror(f)) {
        cli_error("%s: read error: %s", file, strerror(errno));
        rc = -1;
    }
    free(line);
    if (f != stdin) fclose(f);
    return rc;
}

/* The temp file of -o while it is being written, for the signal handler:
 * a run stopped by Ctrl-C, SIGTERM or SIGHUP removes it and dies of the
 * signal as it would have (the old output stays; SIGKILL cannot be caught,
 * so a killed run may still leave FILE.tmp.XXXXXX behind). */
static char *volatile pending_tmp;

static void remove_pending_tmp(int sig) {
    char *p = pending_tmp;
    if (p) unlink(p); /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

static void guard_tmp(char *tmp) {
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    pending_tmp = tmp;
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old, sa = {.sa_handler = remove_pending_tmp};
        sigemptyset(&sa.sa_mask);
        /* a signal the caller ignores (nohup, background jobs) stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN) sigaction(sigs[i], &sa, NULL);
    }
}

int cli_output_open(cli_output *o, const char *path) {
    memset(o, 0, sizeof *o);
    if (!path || !strcmp(path, "-")) {
        o->fp = stdout;
        return 0;
    }
    if (asprintf(&o->tmp_path, "%s.tmp.XXXXXX", path) < 0) return -1;
    int fd = mkstemp(o->tmp_path);
    if (fd < 0) {
        cli_error("%s: cannot create output: %s", path, strerror(errno));
        free(o->tmp_path);
        o->tmp_path = NULL;
        return -1;
    }
    fchmod(fd, 0644);
    o->fp = fdopen(fd, "wb");
    o->final_path = strdup(path);
    if (!o->fp || !o->final_path) {
        if (o->fp) fclose(o->fp); else close(fd);
        unlink(o->tmp_path);
        free(o->tmp_path);
        free(o->final_path);
        return -1;
    }
    guard_tmp(o->tmp_path);
    return 0;
}

int cli_output_close(cli_output *o, bool ok) {
    int rc = 0;
    if (o->fp == stdout) {
        if (fflush(stdout) || ferror(stdout)) {
            cli_error("standard output: write error: %s", strerror(errno));
            rc = -1;
        }
        return ok ? rc : -1;
    }
    if (fflush(o->fp) || ferror(o->fp) || fsync(fileno(o->fp))) {
        cli_error("%s: write error: %s", o->final_path, strerror(errno));
        ok = false;
    }
    if (fclose(o->fp)) ok = false;
    pending_tmp = NULL; /* from here on the temp file is renamed or removed */
    if (ok && rename(o->tmp_path, o->final_path)) {
        cli_error("%s: cannot rename into place: %s", o->final_path, strerror(errno));
        ok = false;
    }
    if (!ok) unlink(o->tmp_path);
    free(o->tmp_path);
    free(o->final_path);
    return ok ? 0 : -1;
}
