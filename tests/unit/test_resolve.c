/*
 * test_resolve.c — overlap resolution: within one overlap group the longer
 * span wins, then the higher priority, then the earlier start, then the
 * earlier rule; groups never compete; skip rules claim text and vanish.
 * dnr rules with the plain 'text' normalizer serve as neutral carriers.
 */
#include "tap.h"
#include "testutil.h"

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

int main(void) {
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
