/*
 * test_resolve.c — overlap resolution: within one overlap group the longer
 * span wins, then the higher priority, then the earlier start, then the
 * earlier rule; groups never compete; skip rules claim text and vanish.
 * dnr rules with the plain 'text' normalizer serve as neutral carriers.
 */
#include "tap.h"
#include "testutil.h"
#include "engine/resolve.h"
#include "rules/ruleset.h"

static const char *RULES =
    "rule t.short_high\n  type dnr\n  priority 900\n  pattern ABC\n"
    "rule t.long_low\n  type dnr\n  priority 1\n  pattern ABCD\n"
    "rule t.same_low\n  type dnr\n  priority 10\n  pattern XYZ\n"
    "rule t.same_high\n  type dnr\n  priority 20\n  pattern XYZ\n"
    "rule t.tie_first\n  type dnr\n  pattern QRS\n"
    "rule t.tie_second\n  type dnr\n  pattern QRS\n"
    "rule t.left\n  type dnr\n  pattern KLM\n"
    "rule t.right\n  type dnr\n  pattern LMN\n"
    "rule t.other_group\n  type dnr\n  group elsewhere\n  pattern ABCD\n"
    "rule t.statute\n  type skip\n  pattern SFS [0-9]+:[0-9]+\n"
    "rule t.colon\n  type dnr\n  pattern [0-9]+:[0-9]+\n"
    "rule t.iso\n  type date\n  pattern [0-9]{4}-[0-9]{2}-[0-9]{2}\n"
    "rule t.year_month\n  type dnr\n  priority 1000\n  pattern [0-9]{4}-[0-9]{2}\n"
    /* the 'lexicon' normalizer rejects a match whose word is not listed */
    "rule t.rejecting\n  type dnr\n  normalize lexicon t_known w\n  priority 1000\n"
    "  pattern (?<w>[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]+)\n"
    "rule t.full_name\n  type dnr\n  group name\n  pattern Anna Berg\n"
    "rule t.surname\n  type dnr\n  group name\n  pattern Berg\n";

static ut_ruleset *RS;
static ut_worker *W;

/* "rule=value@start-end;..." of every field, in output order. NEW. */
static char *fields(const char *text) {
    ut_error err;
    ut_doc *d = ut_extract(W, "t", text, strlen(text), &err);
    if (!d) return NULL;
    size_t cap = 4096, o = 0;
    char *s = malloc(cap);
    s[0] = 0;
    for (size_t i = 0; i < ut_doc_nfields(d); i++) {
        const ut_field *f = ut_doc_field(d, i);
        o += (size_t)snprintf(s + o, cap - o, "%s%s=%s@%zu-%zu", i ? ";" : "", f->rule, f->value, f->start, f->end);
    }
    ut_doc_free(d);
    return s;
}

static void check(const char *text, const char *want, const char *name) {
    char *got = fields(text);
    is_str(got, want, "%s", name);
    free(got);
}

/* ---- ut_resolve against the plain algorithm of resolve.h ----------------
 * The oracle: sort everything by strength (stable), let each candidate
 * claim its bytes in a bitmap of the whole text unless one is claimed
 * (a bitmap per group), then sort the survivors by position (stable).
 * ut_resolve gets there by merging position runs and resolving clusters
 * of overlapping candidates; the two must agree exactly, on candidates
 * made to overlap much (short text, runs out of order, same spans twice,
 * skip rules, tentative ones, empty spans). */

/* The strength order of resolve.h written as a key: compared field by
 * field, smaller first (the stronger candidate). */
static void strength_key(const ut_cand *c, long long k[7]) {
    k[0] = c->group;
    k[1] = c->tentative;                          /* firm first */
    k[2] = -(long long)(c->nend - c->nstart);     /* longer first */
    k[3] = -(long long)c->priority;               /* higher first */
    k[4] = (long long)c->nstart;                  /* earlier first */
    k[5] = (long long)(uintptr_t)c->rule;         /* earlier rule (the rule array's order) */
    k[6] = (long long)(uintptr_t)c->f.value;      /* the input order: stable */
}

static int oracle_strength(const void *pa, const void *pb) {
    long long x[7], y[7];
    strength_key(pa, x);
    strength_key(pb, y);
    for (int i = 0; i < 7; i++)
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
}

static int oracle_position(const void *pa, const void *pb) {
    const ut_cand *a = pa, *b = pb;
    if (a->nstart != b->nstart) return a->nstart < b->nstart ? -1 : 1;
    if (a->nend != b->nend) return a->nend < b->nend ? -1 : 1;
    int t = strcmp(a->f.type, b->f.type);
    if (t) return t;
    if (a->rule != b->rule) return a->rule < b->rule ? -1 : 1;
    return a->f.value < b->f.value ? -1 : a->f.value > b->f.value;
}

static size_t oracle(ut_cand *c, size_t n, size_t len) {
    qsort(c, n, sizeof *c, oracle_strength);
    unsigned char *claimed = calloc(len + 1, 1);
    int group = -1;
    for (size_t i = 0; i < n; i++) {
        if (c[i].group != group) memset(claimed, 0, len + 1), group = c[i].group;
        bool free_span = true;
        for (size_t b = c[i].nstart; b < c[i].nend; b++) free_span &= !claimed[b];
        if (!free_span) { c[i].dropped = true; continue; }
        memset(claimed + c[i].nstart, 1, c[i].nend - c[i].nstart);
        if (!c[i].rule->ex) c[i].dropped = true;
    }
    free(claimed);
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        if (!c[i].dropped) c[o++] = c[i];
    qsort(c, o, sizeof *c, oracle_position);
    return o;
}

static void resolve_against_oracle(void) {
    static const ut_extractor ex = {.type = "dnr"};
    ut_rule rules[6] = {0};
    for (int r = 0; r < 6; r++) {
        rules[r].ex = r == 5 ? NULL : &ex; /* the last one a skip rule */
        rules[r].group = r < 4 ? 0 : 1;
        rules[r].priority = r % 3;
    }
    static const char *types[] = {"dnr", "date", "skip"};
    unsigned seed = 12345;
    /* the last rounds are big enough to be cut into shares on threads */
    int bad = 0, small = 400, rounds = small + 3;
    size_t total = 0, dropped_total = 0;
    for (int round = 0; round < rounds; round++) {
        bool big = round >= small;
        size_t len = big ? 900000 : 20 + (size_t)(round % 7) * 30, n = big ? 300000 : 1 + (size_t)(round % 50) * 3;
        size_t threads = big ? (size_t)(round - small) + 1 : 1 + (size_t)round % 3;
        ut_cand *a = calloc(n, sizeof *a), *b = calloc(n, sizeof *b);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned v = seed >> 8;
            int r = (int)(v % 6);
            /* mostly ascending per rule like real matching, sometimes not */
            size_t s = v % 11 ? (i * len) / n + v % 5 : v % len;
            if (s >= len) s = len - 1;
            size_t w = (v >> 5) % 9; /* 0: an empty span */
            a[i].nstart = s;
            a[i].nend = s + w > len ? len : s + w;
            if (i && v % 13 == 0) a[i].nstart = a[i - 1].nstart, a[i].nend = a[i - 1].nend, r = a[i - 1].rule - rules;
            a[i].rule = &rules[r];
            a[i].group = rules[r].group;
            a[i].priority = rules[r].priority;
            a[i].tentative = (v >> 9) % 7 == 0;
            a[i].f.type = types[r == 5 ? 2 : r % 2];
            a[i].f.value = (const char *)(uintptr_t)(i + 1); /* the input order, for the oracle's ties */
        }
        memcpy(b, a, n * sizeof *a);
        ut_text text = {.s = "", .len = len};
        ut_docbuild db = {.c = a, .n = n, .cap = n, .norm = &text};
        int rc = ut_resolve(&db, threads);
        size_t want = oracle(b, n, len);
        total += n, dropped_total += n - want;
        bool same = !rc && db.n == want;
        for (size_t i = 0; same && i < want; i++) same = a[i].f.value == b[i].f.value;
        if (!same && !bad++)
            diag("round %d: %zu candidates, %zu threads, %zu kept, want %zu", round, n, threads, db.n, want);
        free(a);
        free(b);
    }
    is_int(bad, 0, "ut_resolve keeps what the plain greedy keeps, in the same order (%d rounds, 3 of 300,000 "
                   "candidates on 1-3 threads)", rounds);
    ok(dropped_total > total / 5 && dropped_total < total, "the rounds overlap enough to drop some (%zu of %zu)",
       dropped_total, total);
}

int main(void) {
    resolve_against_oracle();
    char *dir;
    ut_error err;
    RS = rules_from_text(&dir, RULES, "t_known", "1111-11-11-1 = known\n", &err);
    if (!ok(RS != NULL, "resolution rules load")) { diag("%s:%d: %s", err.file, err.line, err.text); return done_testing(); }
    W = ut_worker_new(RS);
    check("ABCD", "t.long_low=ABCD@0-4;t.other_group=ABCD@0-4", "longer span beats higher priority; other group kept, in rule order");
    check("ABC", "t.short_high=ABC@0-3", "alone, the short rule wins");
    check("XYZ", "t.same_high=XYZ@0-3", "same span: higher priority wins");
    check("QRS", "t.tie_first=QRS@0-3", "same span and priority: earlier rule wins");
    check("KLMN", "t.left=KLM@0-3", "same length, overlapping: earlier start wins");
    check("KLM LMN", "t.left=KLM@0-3;t.right=LMN@4-7", "no overlap: both kept, in order");
    check("enligt SFS 2010:800 och 2013:44", "t.colon=2013:44@24-31", "skip rule claims its span and yields nothing");
    check("den 2021-04-28", "t.iso=2021-04-28@4-14", "longer date beats a higher-priority shorter dnr");
    check("2021-04-28-7", "t.iso=2021-04-28@0-10", "a longer match its normalizer rejects leaves the span to others");
    check("1111-11-11-1", "t.rejecting=known@0-12", "the same rule, accepted, wins by length");
    check("Anna Berg", "t.full_name=Anna Berg@0-9", "an explicit group competes within itself");
    check("Berg 2021-04-28", "t.surname=Berg@0-4;t.iso=2021-04-28@5-15", "groups 'name' and 'number' never compete");
    ut_worker_free(W);
    ut_ruleset_free(RS);
    scratch_free(dir);
    return done_testing();
}
