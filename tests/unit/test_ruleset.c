/*
 * test_ruleset.c — the rule-file parser refuses every kind of broken rule
 * file with the exact `file:line: message` a rule writer needs, and loads
 * a good one completely.
 */
#include "tap.h"
#include "testutil.h"
#include "rules/ruleset.h" /* internal view: expanded patterns, groups, examples */

typedef struct bad_case {
    const char *name;
    const char *rules;      /* t.rules */
    const char *lexname;    /* optional lexicon */
    const char *lextext;
    const char *want;       /* expected error; "@R" is DIR/t.rules, "@L" DIR/lexicons/NAME.lex, "@D" DIR */
} bad_case;

static const bad_case cases[] = {
    {"unknown key", "rule a.b\n  type date\n  colour red\n  pattern x\n", NULL, NULL,
     "@R:3: unknown key 'colour' (known: type, priority, normalize, pattern, anchor, window, start, example, group, ocr)"},
    {"rule without type", "# c\nrule a.b\n  pattern x\n", NULL, NULL, "@R:2: rule 'a.b' has no 'type'"},
    {"rule without pattern", "rule a.b\n  type date\n\nrule c.d\n  type date\n  pattern y\n", NULL, NULL,
     "@R:1: rule 'a.b' has no 'pattern'"},
    {"last rule without pattern", "rule a.b\n  type date\n  pattern y\nrule c.d\n  type date\n", NULL, NULL,
     "@R:4: rule 'c.d' has no 'pattern'"},
    {"bad regex", "rule a.b\n  type date\n  pattern (abc\n", NULL, NULL,
     "@R:1: rule 'a.b': bad pattern: missing closing parenthesis (at offset 4 of the expanded pattern)"},
    {"unknown {name}", "rule a.b\n  type date\n  pattern x{nosuch}y\n", NULL, NULL,
     "@R:1: rule 'a.b': {nosuch} is neither a define nor a lexicon (rules/lexicons/nosuch.lex)"},
    {"duplicate id", "rule a.b\n  type date\n  pattern x\n\nrule a.b\n  type date\n  pattern y\n", NULL, NULL,
     "@R:5: rule 'a.b' already defined at @R:1"},
    {"example without =>", "rule a.b\n  type date\n  pattern x\n  example just text\n", NULL, NULL,
     "@R:4: example needs 'TEXT => VALUE' (or '=> none')"},
    {"example with empty value", "rule a.b\n  type date\n  pattern x\n  example x =>   \n", NULL, NULL,
     "@R:4: example has an empty text or value"},
    {"example with empty text", "rule a.b\n  type date\n  pattern x\n  example => none\n", NULL, NULL,
     "@R:4: example has an empty text or value"},
    {"unknown normalizer", "rule a.b\n  type date\n  normalize date.nosuch 1 2\n  pattern x\n", NULL, NULL,
     "@R:1: rule 'a.b': no normalizer 'date.nosuch' for type 'date'"},
    {"another type's normalizer", "rule a.b\n  type date\n  normalize dnr\n  pattern x\n", NULL, NULL,
     "@R:1: rule 'a.b': no normalizer 'dnr' for type 'date'"},
    {"unknown type", "rule a.b\n  type colour\n  pattern x\n", NULL, NULL, "@R:1: rule 'a.b': unknown type 'colour'"},
    {"key outside a rule", "type date\n", NULL, NULL, "@R:1: 'type' outside a rule (start one with 'rule ID')"},
    {"key after a define", "rule a.b\n  type date\n  pattern x\ndefine X = y\n  priority 3\n", NULL, NULL,
     "@R:5: 'priority' outside a rule (start one with 'rule ID')"},
    {"key without value", "rule a.b\n  type date\n  pattern\n", NULL, NULL, "@R:3: 'pattern' needs a value"},
    {"priority not a number", "rule a.b\n  type date\n  priority high\n  pattern x\n", NULL, NULL,
     "@R:3: priority must be a number 0..1000"},
    {"priority out of range", "rule a.b\n  type date\n  priority 1001\n  pattern x\n", NULL, NULL,
     "@R:3: priority must be a number 0..1000"},
    {"ocr neither on nor off", "rule a.b\n  type date\n  ocr maybe\n  pattern x\n", NULL, NULL,
     "@R:3: ocr takes 'on' or 'off'"},
    {"bad rule id", "rule a-b\n  type date\n  pattern x\n", NULL, NULL,
     "@R:1: rule id 'a-b' must be letters, digits, '_' or '.'"},
    {"define without =", "define X y\n", NULL, NULL, "@R:1: write 'define NAME = REGEX'"},
    {"define with bad name", "define 9X = y\n", NULL, NULL, "@R:1: bad define '9X'"},
    {"duplicate define", "define X = a\n\ndefine X = b\n", NULL, NULL, "@R:3: 'X' already defined at @R:1"},
    {"define that refers to itself", "define LOOP = a{LOOP}\nrule a.b\n  type date\n  pattern {LOOP}\n", NULL, NULL,
     "@R:2: rule 'a.b': defines nest too deep (a define refers to itself?)"},
    {"rule file not UTF-8", "rule a.b\n  type date\n  pattern \xff\n", NULL, NULL,
     "@R: rule file is not valid UTF-8"},
    {"lexicon word not UTF-8", "rule a.b\n  type date\n  pattern {w}\n", "w", "ok\nbad\xe5word\n",
     "@L:2: not valid UTF-8"},
    {"lexicon value not UTF-8", "rule a.b\n  type date\n  pattern {w}\n", "w", "ok\nword = v\xe4rde\n",
     "@L:2: not valid UTF-8"},
    {"lexicon '=' without spaces", "rule a.b\n  type date\n  pattern {w}\n", "w", "a = 1\nb=2\n",
     "@L:2: write an entry as 'word = value' (spaces around '=')"},
    {"lexicon unknown directive", "rule a.b\n  type date\n  pattern {w}\n", "w", "@ignore-case\na\n",
     "@L:1: unknown lexicon directive '@ignore-case' (known: @case-sensitive, @exact)"},
    {"anchor without a window", "rule a.b\n  type date\n  anchor [0-9]\n  pattern [0-9]+\n", NULL, NULL,
     "@R:3: rule 'a.b': anchor '[0-9]' has no 'window -BEFORE +AFTER' (or 'start anchor') after it"},
    {"second anchor after the window", "rule a.b\n  type date\n  anchor x\n  window -1 +0\n  anchor y\n  pattern x|y\n",
     NULL, NULL, "@R:5: rule 'a.b': anchor 'y' has no 'window -BEFORE +AFTER' (or 'start anchor') after it"},
    {"window without an anchor", "rule a.b\n  type date\n  window -1 +0\n  pattern x\n", NULL, NULL,
     "@R:3: rule 'a.b': 'window' with no new 'anchor' above it"},
    {"two declarations for one anchor", "rule a.b\n  type date\n  anchor x\n  window -1 +0\n  start anchor\n  pattern x\n",
     NULL, NULL, "@R:5: rule 'a.b': 'start anchor' with no new 'anchor' above it"},
    {"window without its signs", "rule a.b\n  type date\n  anchor x\n  window 1 0\n  pattern x\n", NULL, NULL,
     "@R:4: write 'window -BEFORE +AFTER' (bytes, e.g. 'window -40 +60')"},
    {"unknown token anchor", "rule a.b\n  type date\n  anchor @word\n  start anchor\n  pattern x\n", NULL, NULL,
     "@R:3: unknown token anchor '@word' (known: @number, @capital, @capitals, @initial, @name)"},
    {"anchor matching the empty string", "rule a.b\n  type date\n  anchor x*\n  window -0 +0\n  pattern x\n", NULL,
     NULL, "@R:3: rule 'a.b': anchor 'x*' can match the empty string"},
    {"anchor with a lookahead", "rule a.b\n  type date\n  anchor x(?=y)\n  window -0 +0\n  pattern xy\n", NULL, NULL,
     "@R:3: rule 'a.b': anchor 'x(?=y)' is not a simple pattern: Zero-width assertions are not supported."},
    {"lexicon without entries", "rule a.b\n  type date\n  pattern {w}\n", "w", "# nothing\n\n",
     "@L: lexicon has no entries"},
    {"lexicon @case-sensitive after entries", "rule a.b\n  type date\n  pattern {w}\n", "w", "KS\n@case-sensitive\n",
     "@L:2: '@case-sensitive' must come before the entries (they are already folded)"},
    {"lexicon empty value", "rule a.b\n  type date\n  pattern {w}\n", "w", "a =  \n",
     "@L:1: write an entry as 'word = value' (spaces around '=')"},
};

/* Replace @R, @L, @D in `tmpl` for this case's directory: NEW string. */
static char *expect(const char *tmpl, const char *dir, const char *lexname) {
    size_t cap = strlen(tmpl) * 2 + 4 * strlen(dir) + 256;
    char *out = malloc(cap), *o = out;
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '@' && (p[1] == 'R' || p[1] == 'L' || p[1] == 'D')) {
            if (p[1] == 'R') o += sprintf(o, "%s/t.rules", dir);
            else if (p[1] == 'L') o += sprintf(o, "%s/lexicons/%s.lex", dir, lexname ? lexname : "?");
            else o += sprintf(o, "%s", dir);
            p++;
        } else *o++ = *p;
    }
    *o = 0;
    return out;
}

static void test_broken_files(void) {
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const bad_case *c = &cases[i];
        char *dir;
        ut_error err;
        ut_ruleset *rs = rules_from_text(&dir, c->rules, c->lexname, c->lextext, &err);
        ok(rs == NULL, "%s: refused", c->name);
        char *want = expect(c->want, dir, c->lexname), *got = rs ? NULL : err_line(&err);
        is_str(got, want, "%s: message", c->name);
        free(want);
        free(got);
        ut_ruleset_free(rs);
        scratch_free(dir);
    }
}

static void test_missing_or_empty_dir(void) {
    ut_error err;
    ut_ruleset *rs = ut_ruleset_load("/nonexistent/utdrag-rules", &err);
    ok(!rs, "missing rule directory refused");
    char *got = err_line(&err);
    is_str(got, "/nonexistent/utdrag-rules: cannot read rule directory", "missing dir: message");
    free(got);

    char *dir = scratch_dir();
    rs = ut_ruleset_load(dir, &err);
    ok(!rs, "directory without *.rules refused");
    char *want = expect("@D: no *.rules files in the rule directory", dir, NULL);
    got = err_line(&err);
    is_str(got, want, "empty dir: message");
    free(got);
    free(want);
    scratch_free(dir);
}

/* Errors in the second file name that file, not the first. */
static void test_error_names_its_file(void) {
    char *dir = scratch_dir();
    write_text(dir, "a.rules", "rule a.one\n  type date\n  pattern x\n");
    write_text(dir, "b.rules", "\n\nrule b.one\n  type date\n  pattern (\n");
    ut_error err;
    ut_ruleset *rs = ut_ruleset_load(dir, &err);
    ok(!rs, "error in the second of two files refused");
    char *want = path_in(dir, "b.rules");
    is_str(err.file, want, "error names b.rules");
    is_int(err.line, 3, "error line is the rule's line in b.rules");
    free(want);
    /* a rule id is unique across files */
    write_text(dir, "b.rules", "rule a.one\n  type date\n  pattern y\n");
    rs = ut_ruleset_load(dir, &err);
    char *got = rs ? NULL : err_line(&err);
    want = expect("@D/b.rules:1: rule 'a.one' already defined at @D/a.rules:1", dir, NULL);
    is_str(got, want, "duplicate id across files");
    free(got);
    free(want);
    ut_ruleset_free(rs);
    scratch_free(dir);
}

static void test_good_file(void) {
    const char *rules =
        "# a comment line\n"
        "define T_YEAR = (?:19|20)[0-9]{2}\n"
        "\n"
        "rule t.first\n"
        "  type      dnr\n"
        "  priority  70\n"
        "  normalize dnr\n"
        "  pattern   (?<year>{T_YEAR})-(?<month>[0-9]{2})\n"
        "  pattern   -(?<day>[0-9]{2})\n"
        "  example   den 2021-04-28 => 2021-04-28\n"
        "  example   a => b => 2021-01-01 | 2021-01-02\n"
        "\n"
        "rule t.second\n"
        "  type      dnr\n"
        "  pattern   KS [0-9]+\n"
        "  group     custom\n"
        "\n"
        "rule t.words\n"
        "  type      skip\n"
        "  pattern   {t_words}\n";
    char *dir;
    ut_error err;
    ut_ruleset *rs = rules_from_text(&dir, rules, "t_words", "Alfa\nbeta gamma = x\n", &err);
    if (!ok(rs != NULL, "good rule file loads")) diag("%s:%d: %s", err.file, err.line, err.text);
    if (!rs) { scratch_free(dir); return; }
    is_int((long long)ut_ruleset_count(rs), 3, "three rules");
    ut_rule_info ri;
    ut_ruleset_rule_info(rs, 0, &ri);
    is_str(ri.id, "t.first", "rule 0 id");
    is_str(ri.type, "dnr", "rule 0 type");
    is_str(ri.normalizer, "dnr", "rule 0 normalizer");
    is_int(ri.priority, 70, "rule 0 priority");
    is_int(ri.line, 4, "rule 0 line");
    is_int(ri.nexamples, 2, "rule 0 examples");
    char *want = path_in(dir, "t.rules");
    is_str(ri.file, want, "rule 0 file");
    free(want);
    ut_ruleset_rule_info(rs, 1, &ri);
    is_str(ri.normalizer, "text", "default normalizer of a typed rule is 'text'");
    is_int(ri.priority, 50, "default priority 50");
    ut_ruleset_rule_info(rs, 2, &ri);
    is_str(ri.normalizer, "none", "default normalizer of a skip rule is 'none'");
    /* the example with '=>' in its text splits at the last arrow */
    const ut_rule *r = &rs->rules[0];
    is_str(r->examples[1].text, "a => b", "example text keeps an inner '=>'");
    is_int((long long)r->examples[1].nvalues, 2, "example with two values");
    is_str(r->examples[1].values[1], "2021-01-02", "second example value");
    is_str(r->expanded, "(?<year>(?:(?:19|20)[0-9]{2}))-(?<month>[0-9]{2})-(?<day>[0-9]{2})",
           "pattern lines joined, define expanded, {2} left alone");
    /* a caseless list is factored in lower case (regex_trie.h) */
    is_str(rs->rules[2].expanded, "(?:(?i:beta\\s+gamma|alfa))", "lexicon expanded longest first, spaces as \\s+");
    is_str(rs->groups[rs->rules[1].group], "custom", "explicit overlap group");
    is_str(rs->groups[rs->rules[0].group], "number", "dnr's default group");
    is_str(rs->groups[rs->rules[2].group], "number", "skip rules join 'number'");
    ut_ruleset_free(rs);
    scratch_free(dir);
}

/* Braces that belong to PCRE2 escapes are not {define} references; a
 * define right after another escape (\G, \b) still is. */
static void test_brace_escapes(void) {
    char *dir;
    ut_error err;
    ut_ruleset *rs = rules_from_text(&dir,
                                     "define T_SEP = , ?\n"
                                     "rule t.esc\n  type dnr\n"
                                     "  pattern \\p{Lu}\\x{e4}[0-9]{2}\\{T_SEP}\\G{T_SEP}\\b{T_SEP}(?<n>a)\\k{n}\\g{1}\n",
                                     NULL, NULL, &err);
    if (!ok(rs != NULL, "pattern with brace escapes loads")) { diag("%s:%d: %s", err.file, err.line, err.text); scratch_free(dir); return; }
    is_str(rs->rules[0].expanded, "\\p{Lu}\\x{e4}[0-9]{2}\\{T_SEP}\\G(?:, ?)\\b(?:, ?)(?<n>a)\\k{n}\\g{1}",
           "\\p{..} \\x{..} \\k{..} \\g{..} {2} \\{ kept; {T_SEP} after \\G and \\b expanded");
    ut_ruleset_free(rs);
    scratch_free(dir);
}

static void test_select_types(void) {
    char *dir;
    ut_error err;
    ut_ruleset *rs = rules_from_text(&dir,
                                     "rule t.d\n type date\n"
                                     " pattern [0-9]{4}-[0-9]{2}-[0-9]{2}\n"
                                     "rule t.n\n type dnr\n pattern KS [0-9]+\n",
                                     NULL, NULL, &err);
    if (!rs) { ok(0, "select: rules load"); scratch_free(dir); return; }
    is_int(ut_ruleset_select_types(rs, "colour", &err), -1, "unknown type refused");
    is_str(err.text, "unknown field type 'colour'", "unknown type message");
    is_int(ut_ruleset_select_types(rs, "", &err), -1, "empty type list refused");
    is_str(err.text, "no field type given", "empty type list message");
    is_int(ut_ruleset_select_types(rs, " , ", &err), -1, "type list of only commas refused");
    is_int(ut_ruleset_select_types(rs, "dnr", &err), 0, "select dnr");
    ut_worker *w = ut_worker_new(rs);
    const char *text = "KS 12 den 2021-04-28";
    ut_doc *d = ut_extract(w, "x", text, strlen(text), &err);
    is_int((long long)ut_doc_nfields(d), 1, "only dnr extracted");
    is_str(ut_doc_field(d, 0) ? ut_doc_field(d, 0)->type : NULL, "dnr", "the dnr");
    ut_doc_free(d);
    is_int(ut_ruleset_select_types(rs, " date , dnr ", &err), 0, "select list with spaces");
    d = ut_extract(w, "x", text, strlen(text), &err);
    is_int((long long)ut_doc_nfields(d), 2, "both types extracted");
    ut_doc_free(d);
    ut_worker_free(w);
    ut_ruleset_free(rs);
    scratch_free(dir);
}

/* ut_rule_group, the normalizers' group look-up, against PCRE2's own
 * (pcre2_substring_number_from_name) for every named group of every
 * bundled rule; an unknown name and a name used twice are -1. */
static void test_group_names(void) {
    ut_error err;
    ut_ruleset *rs = ut_ruleset_load("rules", &err);
    if (!ok(rs != NULL, "groups: bundled rules load")) return;
    size_t names = 0, wrong = 0;
    for (size_t i = 0; i < rs->nrules; i++) {
        const ut_rule *r = &rs->rules[i];
        uint32_t count = 0, entry = 0;
        PCRE2_SPTR table = NULL;
        pcre2_pattern_info(r->code, PCRE2_INFO_NAMECOUNT, &count);
        pcre2_pattern_info(r->code, PCRE2_INFO_NAMEENTRYSIZE, &entry);
        pcre2_pattern_info(r->code, PCRE2_INFO_NAMETABLE, &table);
        for (uint32_t k = 0; k < count; k++, names++) {
            const char *name = (const char *)table + (size_t)k * entry + 2;
            int want = pcre2_substring_number_from_name(r->code, (PCRE2_SPTR)name);
            if (ut_rule_group(r, name) != (want < 0 ? -1 : want) && wrong++ < 3)
                diag("%s: group %s: %d, PCRE2 says %d", r->id, name, ut_rule_group(r, name), want);
        }
        if (ut_rule_group(r, "no_such_group") != -1 && wrong++ < 3) diag("%s: an unknown group found", r->id);
    }
    ok(names > 200 && !wrong, "groups: %zu names of the bundled rules numbered as PCRE2 numbers them", names);
    ut_ruleset_free(rs);
    char *dir = NULL;
    rs = rules_from_text(&dir, "rule t.dup\n  type dnr\n  pattern   (?J)(?<a>x)|(?<a>y)(?<b>z)\n", NULL, NULL, &err);
    if (ok(rs != NULL, "groups: a rule with a duplicate name loads")) {
        is_int(ut_rule_group(&rs->rules[0], "a"), -1, "groups: a name used twice is no group");
        is_int(ut_rule_group(&rs->rules[0], "b"), 3, "groups: the other name keeps its number");
    }
    ut_ruleset_free(rs);
    scratch_free(dir);
}

int main(void) {
    test_group_names();
    test_broken_files();
    test_missing_or_empty_dir();
    test_error_names_its_file();
    test_good_file();
    test_brace_escapes();
    test_select_types();
    return done_testing();
}
