/*
 * fuzz_rules.c — harness (a): the rule-file and lexicon parsers.
 *
 * The input is a rule file written by a user.  A line "%%lexicon" splits
 * it: what follows becomes lexicons/fz.lex, so the lexicon parser and the
 * {fz} expansion are fuzzed too; a fixed lexicon `word` is always there.
 * A rule set that loads has its examples checked and is run over a short
 * fixed text, so compiled patterns, limits and normalizers get exercised.
 * The parser must either load or fail with an error that names a file
 * (and a line where one applies); it must never crash or leak.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_util.h"

static const char word_lex[] = "# fixed lexicon for the fuzzer\noktober = 10\nmaj = 5\nAB\n";
static const char sample[] =
    "Dnr KS 2023/00658, den 31 oktober 2013.\nKommunstyrelsen beslutade 2024-01-23 att bevilja 1,5 mnkr.\n";

static char *dir;
static void remove_dir(void) {
    fuzz_rm_tree(dir);
    free(dir);
}

static void count_example(const ut_example_result *r, void *ud) {
    FUZZ_CHECK(r->rule && r->text && r->expected && r->got);
    ++*(long *)ud;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!dir) {
        dir = fuzz_mkdtemp();
        FUZZ_CHECK(dir);
        atexit(remove_dir);
        char *lexdir;
        FUZZ_CHECK(asprintf(&lexdir, "%s/lexicons", dir) >= 0);
        FUZZ_CHECK(mkdir(lexdir, 0700) == 0 || errno == EEXIST);
        free(lexdir);
        FUZZ_CHECK(fuzz_write_file(dir, "lexicons/word.lex", word_lex, strlen(word_lex)) == 0);
    }
    static const char split[] = "\n%%lexicon\n";
    const uint8_t *cut = memmem(data, size, split, strlen(split));
    size_t rules_len = cut ? (size_t)(cut - data) : size;
    FUZZ_CHECK(fuzz_write_file(dir, "fz.rules", data, rules_len) == 0);
    if (cut) {
        const uint8_t *lex = cut + strlen(split);
        FUZZ_CHECK(fuzz_write_file(dir, "lexicons/fz.lex", lex, size - (size_t)(lex - data)) == 0);
    } else {
        char *p;
        FUZZ_CHECK(asprintf(&p, "%s/lexicons/fz.lex", dir) >= 0);
        unlink(p);
        free(p);
    }

    ut_error err;
    /* every input is a new rule set: no anchor database cache for them */
    setenv("UTDRAG_CACHE_DIR", "off", 1);
    ut_ruleset *rs = ut_ruleset_load(dir, &err);
    if (!rs) {
        /* a refusal must say where and what */
        FUZZ_CHECK(err.text[0] != 0);
        FUZZ_CHECK(err.file[0] != 0);
        FUZZ_CHECK(err.line >= 0);
        return 0;
    }
    for (size_t i = 0; i < ut_ruleset_count(rs); i++) {
        ut_rule_info info;
        ut_ruleset_rule_info(rs, i, &info);
        FUZZ_CHECK(info.id && info.id[0] && info.type && info.file);
    }
    long seen = 0;
    long failed = ut_ruleset_check_examples(rs, count_example, &seen);
    FUZZ_CHECK(failed >= -1 && failed <= seen);

    ut_worker *w = ut_worker_new(rs);
    FUZZ_CHECK(w);
    ut_doc *d = ut_extract(w, "sample", sample, strlen(sample), &err);
    FUZZ_CHECK(d);
    for (size_t i = 0; i < ut_doc_nfields(d); i++) {
        const ut_field *f = ut_doc_field(d, i);
        FUZZ_CHECK(f->start <= f->end && f->end <= strlen(sample));
    }
    ut_doc_free(d);
    ut_worker_free(w);
    ut_ruleset_free(rs);
    return 0;
}
