/* eval.c — `utdrag eval --gold DIR FILES...`: extract and score. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

int cmd_eval(int argc, char **argv) {
    static const struct option opts[] = {
        {"gold", required_argument, 0, 'g'}, {"rules", required_argument, 0, 'r'},
        {"types", required_argument, 0, 't'}, {"verbose", no_argument, 0, 'v'}, {0, 0, 0, 0}};
    const char *gold = NULL, *rules = NULL, *types = NULL;
    int verbose = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "g:t:v", opts, NULL)) != -1) {
        switch (c) {
        case 'g': gold = optarg; break;
        case 'r': rules = optarg; break;
        case 't': types = optarg; break;
        case 'v': verbose = 1; break;
        default: return EXIT_USAGE;
        }
    }
    if (!gold || optind >= argc) {
        cli_error("usage: utdrag eval --gold DIR [--verbose] FILE|DIR...");
        return EXIT_USAGE;
    }
    ut_error err;
    ut_eval *ev = ut_eval_new(gold, &err);
    if (!ev) {
        if (err.line) cli_error("%s:%d: %s", err.file, err.line, err.text);
        else cli_error("%s: %s", err.file, err.text);
        return EXIT_USAGE;
    }
    ut_ruleset *rs = cli_load_rules(rules);
    if (!rs) { ut_eval_free(ev); return EXIT_USAGE; }
    if (types && ut_ruleset_select_types(rs, types, &err)) {
        cli_error("--types: %s", err.text);
        ut_ruleset_free(rs);
        ut_eval_free(ev);
        return EXIT_USAGE;
    }
    int bad = 0;
    cli_inputs in = {0};
    cli_inputs_collect(&in, argv + optind, argc - optind, &bad);
    ut_worker *w = ut_worker_new(rs);
    for (size_t i = 0; w && i < in.n; i++) {
        size_t len;
        char *msg;
        char *buf = cli_read_input(in.paths[i], &len, &msg);
        if (!buf) { cli_error("%s", msg ? msg : in.paths[i]); free(msg); bad++; continue; }
        ut_doc *d = cli_extract(&w, 1, in.paths[i], buf, len, &err);
        if (!d) { cli_error("%s: %s", in.paths[i], err.text); bad++; continue; }
        if (ut_eval_add(ev, d)) bad++;
        ut_doc_free(d);
    }
    double f = ut_eval_report(ev, stdout, verbose);
    ut_worker_free(w);
    cli_inputs_free(&in);
    ut_ruleset_free(rs);
    ut_eval_free(ev);
    if (f < 0) return EXIT_USAGE;
    return bad ? EXIT_INPUT : EXIT_OK;
}
