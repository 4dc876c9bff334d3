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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#endif
