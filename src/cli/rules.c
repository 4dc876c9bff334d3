/* rules.c — `utdrag rules list|test`: show the rule set, run its examples. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void report(const ut_example_result *r, void *ud) {
    int *verbose = ud;
    if (r->ok && !*verbose) return;
    if (r->ok) printf("ok    %s: %s => %s\n", r->rule, r->text, r->expected);
    else
        printf("FAIL  %s:%d: %s: \"%s\" expected %s, got %s\n", r->file, r->line, r->rule, r->text, r->expected,
               r->got);
}

/* A match outside its rule's declared anchor windows: the declaration is
 * false, an error at the rule file's line. */
static void report_miss(const ut_anchor_miss *m, void *ud) {
    long *shown = ud;
    if (++*shown > 50) return; /* the count says the rest */
    int n = m->len > 60 ? 60 : (int)m->len;
    printf("FAIL  %s:%d: %s: a match outside the anchor windows in %s at %zu: \"%.*s%s\" (needs window -%u +%u)\n",
           m->file, m->line, m->rule, m->doc, m->start, n, m->text, m->len > 60 ? "..." : "", m->need_before,
           m->need_after);
}

/* Prove the anchors on one corpus file, or each regular file of a directory. */
static long prove_path(const ut_ruleset *rs, const char *path, long *shown, long *files, long *failing) {
    cli_inputs in = {0};
    int bad = 0;
    char *args[1] = {(char *)path};
    cli_inputs_collect(&in, args, 1, &bad);
    if (bad) {
        cli_inputs_free(&in);
        return -1;
    }
    long misses = 0;
    for (size_t i = 0; i < in.n && misses >= 0; i++) {
        size_t len;
        ut_error err;
        char *why = NULL, *bytes = cli_read_input(in.paths[i], &len, &why);
        if (!bytes) {
            cli_error("%s", why ? why : "out of memory");
            free(why);
            misses = -1;
            break;
        }
        long n = ut_ruleset_prove_anchors(rs, in.paths[i], bytes, len, report_miss, shown, &err);
        free(bytes);
        if (n < 0) {
            cli_error("%s: %s", err.file, err.text);
            misses = -1;
        } else misses += n;
        (*files)++;
        *failing += n > 0;
    }
    cli_inputs_free(&in);
    return misses;
}

int cmd_rules(int argc, char **argv) {
    static const struct option opts[] = {{"rules", required_argument, 0, 'r'},
                                         {"verbose", no_argument, 0, 'v'},
                                         {"corpus", required_argument, 0, 'c'},
                                         {0, 0, 0, 0}};
    const char *rules = NULL;
    const char *corpus[64];
    size_t ncorpus = 0;
    int verbose = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "v", opts, NULL)) != -1) {
        if (c == 'r') rules = optarg;
        else if (c == 'v') verbose = 1;
        else if (c == 'c' && ncorpus < 64) corpus[ncorpus++] = optarg;
        else return EXIT_USAGE;
    }
    const char *what = optind < argc ? argv[optind] : "list";
    if (strcmp(what, "list") && strcmp(what, "test")) {
        cli_error("rules: unknown action '%s' (list, test)", what);
        return EXIT_USAGE;
    }
    ut_ruleset *rs = cli_load_rules(rules);
    if (!rs) return EXIT_USAGE;
    int rc = EXIT_OK;
    if (!strcmp(what, "list")) {
        printf("%-36s %-8s %-16s %4s %4s  %-9s  %s\n", "rule", "type", "normalizer", "prio", "ex", "path",
               "where");
        for (size_t i = 0; i < ut_ruleset_count(rs); i++) {
            ut_rule_info ri;
            ut_ruleset_rule_info(rs, i, &ri);
            printf("%-36s %-8s %-16s %4d %4d  %-9s  %s:%d\n", ri.id, ri.type, ri.normalizer, ri.priority,
                   ri.nexamples, ri.path, ri.file, ri.line);
        }
    } else {
        long total = 0;
        for (size_t i = 0; i < ut_ruleset_count(rs); i++) {
            ut_rule_info ri;
            ut_ruleset_rule_info(rs, i, &ri);
            total += ri.nexamples;
        }
        long failed = ut_ruleset_check_examples(rs, report, &verbose);
        /* the anchors, proved on the examples and on every corpus given:
         * one test per example text and per corpus file */
        long shown = 0, files = 0, failing = 0, misses = 0;
        ut_error err;
        if (failed >= 0) misses = ut_ruleset_prove_examples(rs, report_miss, &shown, &err);
        if (misses < 0) cli_error("%s:%d: %s", err.file, err.line, err.text);
        failing += misses > 0;
        for (size_t i = 0; failed >= 0 && misses >= 0 && i < ncorpus; i++) {
            long m = prove_path(rs, corpus[i], &shown, &files, &failing);
            misses = m < 0 ? -1 : misses + m;
        }
        if (shown > 50) printf("...   %ld more matches outside their windows\n", shown - 50);
        if (misses < 0) failed = -1;
        else {
            total += files + 1; /* each corpus file, and the examples' texts */
            failed += failing;
        }
        if (failed < 0) {
            cli_error("rules test failed to run");
            rc = EXIT_USAGE;
        } else {
            printf("%ld passed, %ld failed\n", total - failed, failed);
            if (failed) rc = EXIT_INPUT;
        }
    }
    ut_ruleset_free(rs);
    return rc;
}
