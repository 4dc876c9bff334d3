/* rules.c — `utdrag rules list|test`: show the rule set, run its examples. */
#include <getopt.h>
#include <stdio.h>
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

int cmd_rules(int argc, char **argv) {
    static const struct option opts[] = {
        {"rules", required_argument, 0, 'r'}, {"verbose", no_argument, 0, 'v'}, {0, 0, 0, 0}};
    const char *rules = NULL;
    int verbose = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "v", opts, NULL)) != -1) {
        if (c == 'r') rules = optarg;
        else if (c == 'v') verbose = 1;
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
        printf("%-36s %-8s %-16s %4s %4s  %s\n", "rule", "type", "normalizer", "prio", "ex", "where");
        for (size_t i = 0; i < ut_ruleset_count(rs); i++) {
            ut_rule_info ri;
            ut_ruleset_rule_info(rs, i, &ri);
            printf("%-36s %-8s %-16s %4d %4d  %s:%d\n", ri.id, ri.type, ri.normalizer, ri.priority, ri.nexamples,
                   ri.file, ri.line);
        }
    } else {
        long total = 0;
        for (size_t i = 0; i < ut_ruleset_count(rs); i++) {
            ut_rule_info ri;
            ut_ruleset_rule_info(rs, i, &ri);
            total += ri.nexamples;
        }
        long failed = ut_ruleset_check_examples(rs, report, &verbose);
        if (failed < 0) {
            cli_error("out of memory");
            rc = EXIT_USAGE;
        } else {
            printf("%ld passed, %ld failed\n", total - failed, failed);
            if (failed) rc = EXIT_INPUT;
        }
    }
    ut_ruleset_free(rs);
    return rc;
}
