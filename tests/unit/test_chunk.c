/*
 * test_chunk.c — one document's matching split over threads (chunk.h)
 * gives exactly the candidates of one whole-text run, in the same order,
 * and ut_extract_parallel exactly the fields of ut_extract.
 *
 * The text is the annotated corpus (../shared/corpus/docs and extra, the
 * real rules of rules/): as it is (paragraphs), with its blank lines
 * taken out (cuts at line ends) and as one line (cuts at spaces).  Small
 * chunks make many cuts, so that many seams are checked.
 */
#include <dirent.h>

#include "tap.h"
#include "testutil.h"
#include "engine/chunk.h"
#include "input/decode.h"
#include "text/normalize.h"

typedef struct buf {
    char *s;
    size_t n;
} buf;

static void append(buf *b, const char *s, size_t n) {
    b->s = realloc(b->s, b->n + n + 1);
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

/* Every UTF-8 *.txt of dir, in name order, after one another. */
static void add_dir(buf *b, const char *dir) {
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        const char *nm = names[i]->d_name;
        size_t l = strlen(nm);
        char *path;
        if (l > 4 && !strcmp(nm + l - 4, ".txt") && asprintf(&path, "%s/%s", dir, nm) >= 0) {
            FILE *f = fopen(path, "rb");
            char chunk[65536];
            buf one = {0};
            size_t got;
            while (f && (got = fread(chunk, 1, sizeof chunk, f)) > 0) append(&one, chunk, got);
            if (f) fclose(f);
            if (one.s && ut_utf8_valid(one.s, one.n)) {
                append(b, one.s, one.n);
                append(b, "\n\n", 2);
            }
            free(one.s);
            free(path);
        }
        free(names[i]);
    }
    free(names);
}

/* Text with runs of line breaks made one line break (no blank lines), or
 * every line break a space (one line). */
static char *reshape(const char *s, size_t n, int one_line) {
    char *o = malloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' && (one_line || (k && o[k - 1] == '\n'))) {
            if (one_line) o[k++] = ' ';
            continue;
        }
        o[k++] = s[i];
    }
    o[k] = 0;
    return o;
}

static bool same_str(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

static bool same_field(const ut_field *a, const ut_field *b) {
    if (!same_str(a->type, b->type) || !same_str(a->value, b->value) || !same_str(a->rule, b->rule) ||
        !same_str(a->text, b->text) || a->start != b->start || a->end != b->end || a->line != b->line ||
        a->nattrs != b->nattrs)
        return false;
    for (size_t i = 0; i < a->nattrs; i++) {
        const ut_attr *x = &a->attrs[i], *y = &b->attrs[i];
        if (!same_str(x->key, y->key) || x->kind != y->kind) return false;
        if (x->kind == UT_ATTR_STR ? !same_str(x->s, y->s) : x->kind == UT_ATTR_NUM ? x->d != y->d : x->i != y->i)
            return false;
    }
    return true;
}

static bool same_cand(const ut_cand *a, const ut_cand *b) {
    return a->nstart == b->nstart && a->nend == b->nend && a->rule == b->rule && a->dropped == b->dropped &&
           a->tentative == b->tentative && same_field(&a->f, &b->f);
}

/* A total order of candidates: place, rule, value (a rule finds one
 * candidate per place). */
static int by_place(const void *pa, const void *pb) {
    const ut_cand *a = pa, *b = pb;
    if (a->nstart != b->nstart) return a->nstart < b->nstart ? -1 : 1;
    if (a->nend != b->nend) return a->nend < b->nend ? -1 : 1;
    if (a->rule != b->rule) return a->rule < b->rule ? -1 : 1;
    return strcmp(a->f.value ? a->f.value : "", b->f.value ? b->f.value : "");
}

/* Match `text` once whole and once split; compare. */
static void check_split(const ut_ruleset *rs, ut_scratch *const *sc, size_t nthreads, const char *text, size_t n,
                        size_t min_chunk, const char *what, bool must_split) {
    ut_text dec = {0}, norm = {0};
    const char *enc;
    ut_error err;
    if (ut_decode(text, n, &dec, &enc, &err) || ut_normalize(&dec, ut_ruleset_lexicon(rs, "hyphen_keep"), &norm)) {
        ok(0, "%s: decodes and normalizes", what);
        return;
    }
    ut_arena a1, a2;
    ut_arena_init(&a1);
    ut_arena_init(&a2);
    ut_docbuild whole = {.norm = &norm, .arena = &a1}, split = {.norm = &norm, .arena = &a2};
    char *w1 = NULL, *w2 = NULL;
    ut_split_stats st;
    is_int(ut_match_all_rules(rs, sc[0], &whole, &w1), 0, "%s: whole-text run", what);
    is_int(ut_match_split(rs, sc, nthreads, &split, &w2, min_chunk, &st), 0, "%s: split run", what);
    /* the same candidates, in chunk order instead of rule order: compared
     * in one order (resolution does not depend on it, resolve.c) */
    qsort(whole.c, whole.n, sizeof *whole.c, by_place);
    qsort(split.c, split.n, sizeof *split.c, by_place);
    size_t first_diff = (size_t)-1;
    for (size_t i = 0; i < whole.n && i < split.n && first_diff == (size_t)-1; i++)
        if (!same_cand(&whole.c[i], &split.c[i])) first_diff = i;
    ok(whole.n > 1000, "%s: %zu candidates", what, whole.n);
    is_int((long long)split.n, (long long)whole.n, "%s: as many candidates split", what);
    ok(first_diff == (size_t)-1, "%s: the same candidates (first difference: %zd)", what,
       (ssize_t)first_diff);
    ok(st.chunks >= 2, "%s: matched as %zu chunks on %zu threads", what, st.chunks, nthreads);
    if (must_split) ok(!st.fell_back, "%s: every seam agreed (no second run)", what);
    else diag("%s: %s", what, st.fell_back ? "fell back to one thread" : "every seam agreed");
    ok(w1 == NULL && w2 == NULL, "%s: no warnings", what);
    free(whole.c);
    free(split.c);
    ut_arena_clear(&a1);
    ut_arena_clear(&a2);
    ut_text_release(&norm);
    ut_text_release(&dec);
}

int main(void) {
    ut_error err;
    ut_ruleset *rs = ut_ruleset_load("rules", &err);
    if (!ok(rs != NULL, "the bundled rules load (%s)", rs ? "" : err.text)) return done_testing();
    buf corpus = {0};
    add_dir(&corpus, "../shared/corpus/docs");
    add_dir(&corpus, "../shared/corpus/extra");
    if (!ok(corpus.n > 200000, "the corpus is there (%zu bytes)", corpus.n)) return done_testing();
    buf text = {0};
    for (int i = 0; i < 3; i++) append(&text, corpus.s, corpus.n);

    ut_scratch s[3], *sc[3] = {&s[0], &s[1], &s[2]};
    for (int i = 0; i < 3; i++) ut_scratch_init(&s[i], rs);

    check_split(rs, sc, 2, text.s, text.n, 16 * 1024, "paragraphs, 16 KiB chunks", true);
    check_split(rs, sc, 3, text.s, text.n, 64 * 1024, "paragraphs, 64 KiB chunks, 3 threads", true);
    /* one thread: cut only past twice the largest chunk (UT_SPLIT_BIG_FACTOR
     * smallest ones: 512 KiB here) */
    check_split(rs, sc, 1, text.s, text.n, 16 * 1024, "one thread, 512 KiB chunks", true);
    char *lines = reshape(text.s, text.n, 0), *line = reshape(text.s, text.n, 1);
    ok(!strstr(lines, "\n\n") && strchr(lines, '\n'), "no blank lines left");
    check_split(rs, sc, 2, lines, strlen(lines), 16 * 1024, "no blank lines", true);
    check_split(rs, sc, 2, line, strlen(line), 16 * 1024, "one line", false);

    /* a text too small to cut: one chunk, the whole-text run */
    ut_split_stats st;
    ut_text small = {.s = corpus.s, .len = 100000};
    ut_arena a;
    ut_arena_init(&a);
    ut_docbuild db = {.norm = &small, .arena = &a};
    char *w = NULL;
    is_int(ut_match_split(rs, sc, 2, &db, &w, 0, &st), 0, "100 KB text");
    is_int((long long)st.chunks, 1, "100 KB text is not cut");
    free(db.c);
    ut_arena_clear(&a);

    /* the public API: ut_extract_parallel == ut_extract, field for field */
    ut_worker *ws[2] = {ut_worker_new(rs), ut_worker_new(rs)};
    ut_doc *d1 = ut_extract(ws[0], "big.txt", text.s, text.n, &err);
    ut_doc *d2 = ut_extract_parallel(ws, 2, "big.txt", text.s, text.n, &err);
    ok(d1 && d2, "both extract");
    if (d1 && d2) {
        size_t n = ut_doc_nfields(d1), diff = (size_t)-1;
        is_int((long long)ut_doc_nfields(d2), (long long)n, "ut_extract_parallel: %zu fields", n);
        for (size_t i = 0; i < n && i < ut_doc_nfields(d2) && diff == (size_t)-1; i++)
            if (!same_field(ut_doc_field(d1, i), ut_doc_field(d2, i))) diff = i;
        ok(diff == (size_t)-1, "ut_extract_parallel: the same fields as ut_extract");
        size_t m1, m2;
        const ut_attr *x = ut_doc_meta(d1, &m1), *y = ut_doc_meta(d2, &m2);
        ok(m1 == m2 && (!m1 || same_str(x[0].s, y[0].s)), "the same document facts");
    }
    ut_doc_free(d1);
    ut_doc_free(d2);
    ok(ut_extract_parallel(ws, 0, "x", "a", 1, &err) == NULL, "no worker: NULL with an error (%s)", err.text);
    ut_worker_free(ws[0]);
    ut_worker_free(ws[1]);
    for (int i = 0; i < 3; i++) ut_scratch_free(&s[i]);
    free(lines);
    free(line);
    free(text.s);
    free(corpus.s);
    ut_ruleset_free(rs);
    return done_testing();
}
