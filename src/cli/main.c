/* main.c — `utdrag` entry point: subcommand dispatch, --help, --version. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: utdrag extract [options] [FILE|DIR|-]...   pull fields out of documents\n"
    "       utdrag rules list|test [--rules DIR]        show or check the rule set\n"
    "       utdrag eval --gold DIR [options] FILE|DIR... score against answer keys\n"
    "       utdrag schema [--format text|json]          the columns of every output format\n"
    "       utdrag --help | --version\n"
    "\n"
    "extract options (all of them: utdrag extract --help):\n"
    "  -f, --format FMT   jsonl (default), json, csv, html, sqlite, xlsx (the last two need -o)\n"
    "  -o, --output FILE  write there (atomically) instead of standard output\n"
    "      --excel        CSV for Excel: UTF-8 BOM, ';' separator\n"
    "  -t, --types LIST   only these field types, e.g. date,dnr\n"
    "      --rules DIR    use the rule set in DIR instead of the bundled one\n"
    "  -j, --jobs N       documents in parallel (default: all cores)\n"
    "      --records      inputs are JSON Lines documents {\"id\", \"text\"}\n"
    "\n"
    "Exit status: 0 all fine, 1 some inputs failed, 2 usage or rule error.\n";

int main(int argc, char **argv) {
    signal(SIGPIPE, SIG_DFL);
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("utdrag %s\n", UTDRAG_VERSION);
        return EXIT_OK;
    }
    /* getopt names the program by argv[0] of the subcommand in its
     * messages: make that "utdrag extract", not a bare "extract" */
    static char prog[64];
    snprintf(prog, sizeof prog, "utdrag %s", cmd);
    if (!strcmp(cmd, "extract") || !strcmp(cmd, "rules") || !strcmp(cmd, "eval") || !strcmp(cmd, "schema"))
        argv[1] = prog;
    if (!strcmp(cmd, "extract")) return cmd_extract(argc - 1, argv + 1);
    if (!strcmp(cmd, "rules")) return cmd_rules(argc - 1, argv + 1);
    if (!strcmp(cmd, "eval")) return cmd_eval(argc - 1, argv + 1);
    if (!strcmp(cmd, "schema")) return cmd_schema(argc - 1, argv + 1);
    cli_error("unknown command '%s' (try 'utdrag --help')", cmd);
    return EXIT_USAGE;
}
