/*
 * cli.h — the `utdrag` command: a thin layer over libutdrag.
 *
 * Only this layer prints and exits.  Exit status, for every subcommand:
 *   0  everything went fine
 *   1  some inputs could not be read or processed (the rest were)
 *   2  usage error, bad rule set, or output that could not be written
 */
#ifndef UT_CLI_H
#define UT_CLI_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "utdrag.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

int cmd_extract(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_schema(int argc, char **argv);

/* Rule directory: --rules, $UTDRAG_RULES, next to the binary, installed. */
const char *cli_rules_dir(const char *given);
/* Load (and report errors of) the rule set. NULL after printing. */
/* "scan" or "reference" as a ut_engine, or -1. */
int cli_engine_parse(const char *name);
ut_ruleset *cli_load_rules(const char *given);

/* Expand the command-line inputs into a list of documents: files as they
 * are, directories walked recursively for *.txt and *.pdf in sorted order, "-" for
 * standard input.  Problems are printed and counted in *bad. */
typedef struct cli_inputs {
    char **paths;
    size_t n, cap;
} cli_inputs;
void cli_inputs_collect(cli_inputs *in, char **args, int nargs, int *bad);
void cli_inputs_free(cli_inputs *in);

/* Read a whole input ("-" = stdin).  NEW buffer, or NULL with *error set
 * to a NEW message naming the input (never printed here: workers call it). */
char *cli_read_input(const char *path, size_t *len, char **error);
/* Microseconds spent in cli_read_input, summed over threads (--timings). */
extern _Atomic long long cli_read_us;

/* Extract one input read by cli_read_input over `nw` workers (nw >= 1,
 * borrowed): a PDF (by its "%PDF-" magic or a .pdf name) through
 * ut_extract_pdf on ws[0], anything else as text (with nw > 1 split at
 * paragraph breaks: the same output).  TAKES OWNERSHIP of `buf` (a text's
 * document keeps it: no copy of a big input).  A NEW document, or NULL
 * with `err` set. */
ut_doc *cli_extract(ut_worker *const *ws, size_t nw, const char *path, char *buf, size_t len, ut_error *err);

/* Read a list of paths, one a line (or NUL-separated with `nul`), from
 * FILE ("-" = stdin) into `in`.  0, or -1 after printing. */
int cli_inputs_from_file(cli_inputs *in, const char *file, bool nul);

/* Output to a file is atomic: a temp file beside it, renamed on success. */
typedef struct cli_output {
    FILE *fp;
    char *final_path, *tmp_path;
} cli_output;
int cli_output_open(cli_output *o, const char *path); /* NULL/"-" = stdout */
/* Close; rename into place if ok, else remove the temp file. 0 or -1. */
int cli_output_close(cli_output *o, bool ok);

void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#endif
