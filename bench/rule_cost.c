/*
 * rule_cost.c — what each rule costs: `make bench` lists the most
 * expensive rules, so that a slow rule is seen when it is added.
 *
 * usage: rule_cost RULES_DIR FILE [TOP]
 *
 * The whole pipeline runs over FILE once with no rule enabled (the fixed
 * cost: decoding, normalizing, writing nothing) and then once per rule with
 * only that rule enabled; a rule's cost is its time above the fixed cost,
 * as the best of three runs in CPU time (least disturbed by other work).
 * This is a bench tool: it reads the rule set's internal struct to switch
 * rules on and off.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rules/ruleset.h"

static double now(void) {
    struct timespec t;
    /* CPU time: steadier than wall time on a busy machine */
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Best of three wall times of one extraction. -1 on failure. */
static double best_time(ut_worker *w, const char *name, const char *bytes, size_t len, size_t *nfields) {
    double best = -1;
    for (int k = 0; k < 3; k++) {
        ut_error err;
        double t0 = now();
        ut_doc *d = ut_extract(w, name, bytes, len, &err);
        double t = now() - t0;
        if (!d) {
            fprintf(stderr, "rule_cost: %s: %s\n", name, err.text);
            return -1;
        }
        *nfields = ut_doc_nfields(d);
        ut_doc_free(d);
        if (best < 0 || t < best) best = t;
    }
    return best;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
            *len = fread(buf, 1, (size_t)n, f);
            buf[*len] = 0;
        }
    }
    fclose(f);
    return buf;
}

typedef struct cost {
    const char *id;
    double secs;
    size_t fields;
} cost;

static int by_cost(const void *a, const void *b) {
    double x = ((const cost *)a)->secs, y = ((const cost *)b)->secs;
    return x < y ? 1 : x > y ? -1 : 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: rule_cost RULES_DIR FILE [TOP]\n");
        return 2;
    }
    int top = argc > 3 ? atoi(argv[3]) : 10;
    ut_error err;
    ut_ruleset *rs = ut_ruleset_load(argv[1], &err);
    if (!rs) {
        fprintf(stderr, "rule_cost: %s:%d: %s\n", err.file, err.line, err.text);
        return 2;
    }
    size_t len = 0;
    char *bytes = read_file(argv[2], &len);
    ut_worker *w = ut_worker_new(rs);
    cost *costs = calloc(rs->nrules ? rs->nrules : 1, sizeof *costs);
    bool *was = calloc(rs->nrules ? rs->nrules : 1, sizeof *was);
    int rc = 2;
    if (!bytes || !w || !costs || !was) {
        fprintf(stderr, "rule_cost: cannot read %s or out of memory\n", argv[2]);
        goto out;
    }
    for (size_t i = 0; i < rs->nrules; i++) {
        was[i] = rs->rules[i].enabled;
        rs->rules[i].enabled = false;
    }
    size_t nf;
    double base = best_time(w, argv[2], bytes, len, &nf);
    if (base < 0) goto out;
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < rs->nrules; i++) {
        if (!was[i]) continue;
        rs->rules[i].enabled = true;
        double t = best_time(w, argv[2], bytes, len, &nf);
        rs->rules[i].enabled = false;
        if (t < 0) goto out;
        costs[n++] = (cost){rs->rules[i].id, t > base ? t - base : 0, nf};
        sum += t > base ? t - base : 0;
    }
    qsort(costs, n, sizeof *costs, by_cost);
    double mb = (double)len / 1e6;
    printf("rule cost on %.1f MB (CPU time, best of 3, above the %.3f s of decoding and normalizing):\n", mb, base);
    printf("  all %zu rules: %.3f s = %.1f MB/s for matching alone\n", n, sum, sum > 0 ? mb / sum : 0);
    for (size_t i = 0; i < n && (int)i < top; i++) {
        /* below a millisecond the difference is noise: no throughput */
        char speed[32] = "     (fast)";
        if (costs[i].secs >= 0.001) snprintf(speed, sizeof speed, "%8.1f MB/s", mb / costs[i].secs);
        printf("  %-40s %7.3f s %5.1f%%  %s  %6zu fields alone\n", costs[i].id, costs[i].secs,
               sum > 0 ? 100 * costs[i].secs / sum : 0, speed, costs[i].fields);
    }
    rc = 0;
out:
    free(costs);
    free(was);
    free(bytes);
    ut_worker_free(w);
    ut_ruleset_free(rs);
    return rc;
}
