/*
 * fuzz_util.h — small helpers shared by the libFuzzer harnesses.
 *
 * Each harness is one LLVMFuzzerTestOneInput; the same file is linked either
 * with libFuzzer (make fuzz) or with replay_main.c (tests/fuzz/replay.t),
 * so a crash input replays through exactly the code that found it.
 * Helpers here abort() on a broken invariant: to a fuzzer an abort is a
 * finding, and the replay program reports it as a failed test.
 */
#ifndef UT_FUZZ_UTIL_H
#define UT_FUZZ_UTIL_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "utdrag.h"

#ifndef FUZZ_RULES_DIR
#define FUZZ_RULES_DIR "rules"
#endif

/* The default rule set: $UTDRAG_RULES, else the one this was built from. */
static inline const char *fuzz_rules_dir(void) {
    const char *env = getenv("UTDRAG_RULES");
    return env && *env ? env : FUZZ_RULES_DIR;
}

/* Stop with a message: the fuzzer records the input, replay fails. */
#define FUZZ_CHECK(cond)                                                                  \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);      \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

/* A NEW private directory under $TMPDIR, or NULL. */
char *fuzz_mkdtemp(void);
/* Write n bytes to dir/name (creating it). 0 or -1. */
int fuzz_write_file(const char *dir, const char *name, const void *bytes, size_t n);
/* Remove a directory tree made by the harness (regular files and dirs only). */
void fuzz_rm_tree(const char *dir);
/* Load the default rule set once per process (aborts if it does not load). */
const ut_ruleset *fuzz_default_rules(void);

/* This process's own directory under $TMPDIR (BORROWED), made on first
 * use and removed with what it holds at exit; aborts if it cannot be made.
 * fuzz_tmp_path: the path of `name` inside it (BORROWED, the same string
 * for the same name, valid until exit). */
const char *fuzz_tmpdir(void);
const char *fuzz_tmp_path(const char *name);

/* ---- documents for the writer harnesses (writers, sqlite, xlsx) ----------
 *
 * The fuzz input becomes documents in two ways, one per rule set:
 *   FUZZ_DOC_LINES    one rule turns every line into a field (type org), so
 *                     `value` and `text` are the input itself: quotes, ';',
 *                     ',', CR, formula starters, invalid UTF-8 read as
 *                     Windows-1252;
 *   FUZZ_DOC_DEFAULT  the default rules: fields with typed attributes
 *                     (series, year, party, role, unit...) and document facts.
 * The name is the input's first bytes up to a NUL (at most 32), so names
 * that are not UTF-8 are written too. */
enum { FUZZ_DOC_LINES, FUZZ_DOC_DEFAULT, FUZZ_NDOCS };
#define FUZZ_NAME_MAX 32

/* The document name for an input: its first bytes up to a NUL. */
void fuzz_doc_name(const uint8_t *data, size_t size, char name[FUZZ_NAME_MAX + 1]);
/* A NEW document of `data` under rule set `which`, or NULL if the input is
 * refused (binary). */
ut_doc *fuzz_doc_new(int which, const char *name, const uint8_t *data, size_t size);
/* docs[k] = fuzz_doc_new(k, name of data, ...) for each k in order,
 * stopping at the first refusal: returns how many were made. */
size_t fuzz_docs_new(const uint8_t *data, size_t size, ut_doc *docs[FUZZ_NDOCS]);
void fuzz_docs_free(ut_doc *docs[FUZZ_NDOCS], size_t n);

/* Very long strings, which a fuzzer seldom grows by itself: an input that
 * starts with FUZZ_LONG_MARK stands for the rest of it repeated to at
 * least FUZZ_LONG_MIN bytes (a line longer than a spreadsheet cell holds,
 * 32,767 characters). */
#define FUZZ_LONG_MARK "\xFFL"
#define FUZZ_LONG_MIN 40000

/* One fuzz input as the writer harnesses take it: the long input above
 * made out of it, then fuzz_docs_new over those bytes.  fuzz_input_free
 * frees both. */
typedef struct fuzz_input {
    const uint8_t *data; /* the bytes the documents were made of */
    size_t size;
    uint8_t *owned;      /* NEW, or NULL when data is the raw input */
    ut_doc *docs[FUZZ_NDOCS];
    size_t n;            /* docs made (0: refused as binary) */
} fuzz_input;
void fuzz_input_new(fuzz_input *in, const uint8_t *raw, size_t raw_size);
void fuzz_input_free(fuzz_input *in);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#endif
