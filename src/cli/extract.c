/* extract.c — `utdrag extract`: documents in, fields out. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_extract(int argc, char **argv) {
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'}, {"output", required_argument, 0, 'o'},
        {"excel", no_argument, 0, 'x'},        {"types", required_argument, 0, 't'},
        {"rules", required_argument, 0, 'r'},  {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *format = "jsonl", *output = NULL, *types = NULL, *rules = NULL;
    unsigned flags = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:t:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 'x': flags |= UT_WRITE_EXCEL; break;
        case 't': types = optarg; break;
        case 'r': rules = optarg; break;
        case 'h':
            puts("usage: utdrag extract [-f jsonl|json|csv] [-o FILE] [--excel] [-t TYPES] [--rules DIR] [FILE|DIR|-]...");
            return EXIT_OK;
        default: return EXIT_USAGE;
        }
    }
    int fmt = ut_format_parse(format);
    if (fmt < 0) {
        cli_error("unknown format '%s' (jsonl, json, csv)", format);
        return EXIT_USAGE;
    }
    if ((flags & UT_WRITE_EXCEL) && fmt != UT_FORMAT_CSV) {
        cli_error("--excel goes with --format csv");
        return EXIT_USAGE;
    }
    ut_ruleset *rs = cli_load_rules(rules);
    if (!rs) return EXIT_USAGE;
    ut_error err;
    if (types && ut_ruleset_select_types(rs, types, &err)) {
        cli_error("--types: %s", err.text);
        ut_ruleset_free(rs);
        return EXIT_USAGE;
    }
    int bad = 0;
    cli_inputs in = {0};
    char *stdin_only[] = {"-"};
    if (optind < argc) cli_inputs_collect(&in, argv + optind, argc - optind, &bad);
    else cli_inputs_collect(&in, stdin_only, 1, &bad);

    cli_output out;
    ut_worker *w = ut_worker_new(rs);
    if (!w || cli_output_open(&out, output)) {
        ut_worker_free(w);
        cli_inputs_free(&in);
        ut_ruleset_free(rs);
        return EXIT_USAGE;
    }
    ut_writer *wr = ut_writer_new(out.fp, (ut_format)fmt, flags);
    bool write_ok = wr != NULL;
    for (size_t i = 0; write_ok && i < in.n; i++) {
        size_t len;
        char *buf = cli_read_input(in.paths[i], &len);
        if (!buf) { bad++; continue; }
        ut_doc *d = ut_extract(w, in.paths[i], buf, len, &err);
        free(buf);
        if (!d) {
            cli_error("%s: %s", in.paths[i], err.text);
            bad++;
            continue;
        }
        const char *warn = ut_doc_warning(d);
        if (warn) fprintf(stderr, "utdrag: %s: warning: %s", in.paths[i], warn);
        if (ut_writer_doc(wr, d)) write_ok = false;
        ut_doc_free(d);
    }
    if (wr && ut_writer_finish(wr)) write_ok = false;
    int rc = cli_output_close(&out, write_ok);
    ut_worker_free(w);
    cli_inputs_free(&in);
    ut_ruleset_free(rs);
    if (rc || !write_ok) {
        if (!write_ok && !output) cli_error("write error on standard output");
        return EXIT_USAGE;
    }
    return bad ? EXIT_INPUT : EXIT_OK;
}
