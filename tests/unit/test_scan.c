/*
 * test_scan.c — the anchor pass (scan.h) and the windowed matching built
 * on it (match.c), on rule sets written by the test:
 *   - windows start on character boundaries, sorted and disjoint, even
 *     when a window's byte offset falls inside a multi-byte character;
 *   - the scan engine and the reference engine (one full scan per rule)
 *     give the same fields, including matches that start before their
 *     anchor, lookbehinds, adjacent matches and matches at both ends of
 *     the text;
 *   - PCRE2's JIT with PCRE2_USE_OFFSET_LIMIT agrees with the interpreter
 *     for every start position and every limit (the combination the scan
 *     engine uses for every window search; the issue reported a JIT crash
 *     in a prototype that used it: its likely cause, a start offset inside
 *     a character with PCRE2_NO_UTF_CHECK, is undefined behaviour in
 *     PCRE2, and the first check above is what rules it out);
 *   - the compiled anchor database is cached on disk and a damaged cache
 *     file changes nothing (scan_cache.h).
 */
#include "tap.h"
#include "testutil.h"
#include "engine/scan.h" /* internal view: hits and windows */

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <utf8proc.h>

static const char *RULES =
    "rule t.iso\n  type date\n"
    "  anchor    [0-9]{4}-[0-9]{2}\n"
    "  window    -0 +0\n"
    "  pattern   [0-9]{4}-[0-9]{2}-[0-9]{2}\n"
    /* the match starts up to 12 bytes before its anchor hit (å is 2) */
    "rule t.case\n  type dnr\n"
    "  anchor    [0-9]{4}/\n"
    "  window    -12 +0\n"
    "  pattern   (?i)ärende\\s+[0-9]{4}/[0-9]+\n"
    /* a lookbehind over a multi-byte letter, window starts mid-character */
    "rule t.after\n  type figure\n"
    "  anchor    @number\n"
    "  start     anchor\n"
    "  pattern   (?<=ö )[0-9]+(?= kr)\n"
    /* anchors with windows of their own: a bare amount starts at its
     * number, one with a word before it is found in the window before
     * `mkr` (the number alone would start too late) */
    "rule t.mixed\n  type figure\n"
    "  anchor    @number\n"
    "  start     anchor\n"
    "  anchor    mkr\n"
    "  window    -16 +0\n"
    "  pattern   (?:(?:cirka|ungefär) )?[0-9]+ mkr\n";

/* "type start end value" of every field, one line each: NEW string */
static char *fields_of(ut_ruleset *rs, ut_engine engine, const char *text) {
    ut_ruleset_set_engine(rs, engine);
    ut_error err = {0};
    ut_worker *w = ut_worker_new(rs);
    ut_doc *d = w ? ut_extract(w, "t", text, strlen(text), &err) : NULL;
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    for (size_t i = 0; d && f && i < ut_doc_nfields(d); i++) {
        const ut_field *x = ut_doc_field(d, i);
        fprintf(f, "%s %zu %zu %s\n", x->type, x->start, x->end, x->value);
    }
    if (f) fclose(f);
    ut_doc_free(d);
    ut_worker_free(w);
    return out;
}

static int is_char_start(const char *s, size_t i) { return ((unsigned char)s[i] & 0xC0) != 0x80; }

static void check_windows(const ut_ruleset *rs, const char *text) {
    ut_scan_hits h;
    size_t len = strlen(text);
    ok(ut_scan_hits_init(&h, rs) == 0 && ut_scan_run(rs, &h, text, len) == 0, "anchor pass runs");
    ut_window *win = NULL;
    size_t cap = 0;
    for (size_t r = 0; r < rs->nrules; r++) {
        long n = ut_scan_rule_windows(&rs->rules[r], &h, text, len, &win, &cap);
        int good = n >= 0;
        for (long i = 0; good && i < n; i++) {
            good &= win[i].lo <= win[i].hi && win[i].hi <= len && is_char_start(text, win[i].lo);
            if (i) good &= win[i].lo > win[i - 1].hi + 1; /* disjoint, not even touching */
        }
        ok(good && n > 0, "%s: %ld windows, sorted, disjoint, each starting on a character", rs->rules[r].id, n);
    }
    free(win);
    ut_scan_hits_free(&h);
}

/* JIT and interpreter agree on every (start, limit) of `text` */
static void check_offset_limit(const char *pattern, const char *text) {
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_USE_OFFSET_LIMIT, &ec, &eo, NULL);
    if (!ok(re && pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0, "compile and JIT /%s/", pattern)) {
        pcre2_code_free(re);
        return;
    }
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    size_t len = strlen(text), tries = 0, differ = 0, found = 0;
    for (size_t at = 0; at <= len; at++) {
        if (at < len && !is_char_start(text, at)) continue;
        for (size_t lim = at; lim <= len; lim++) {
            pcre2_set_offset_limit(mc, lim);
            int a = pcre2_match(re, (PCRE2_SPTR)text, len, at, PCRE2_NO_UTF_CHECK, md, mc);
            PCRE2_SIZE a0 = a > 0 ? pcre2_get_ovector_pointer(md)[0] : 0,
                       a1 = a > 0 ? pcre2_get_ovector_pointer(md)[1] : 0;
            int b = pcre2_match(re, (PCRE2_SPTR)text, len, at, PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT, md, mc);
            PCRE2_SIZE b0 = b > 0 ? pcre2_get_ovector_pointer(md)[0] : 0,
                       b1 = b > 0 ? pcre2_get_ovector_pointer(md)[1] : 0;
            tries++;
            found += a > 0;
            if (a != b || a0 != b0 || a1 != b1 || (a > 0 && a0 > lim)) differ++;
        }
    }
    ok(differ == 0 && found > 0, "/%s/: JIT = interpreter at %zu (start, limit) pairs, %zu matches, %zu differ",
       pattern, tries, found, differ);
    pcre2_match_context_free(mc);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
}

/* number of anchors-*.hs files in dir */
static int cache_files(const char *dir) {
    char *cmd;
    if (asprintf(&cmd, "ls '%s' 2>/dev/null | grep -c '^anchors-.*\\.hs$'", dir) < 0) return -1;
    FILE *p = popen(cmd, "r");
    free(cmd);
    int n = -1;
    if (p && fscanf(p, "%d", &n) != 1) n = -1;
    if (p) pclose(p);
    return n;
}

/* The anchor database cache (scan_cache.h): stored on the first load,
 * used by the next (same fields), a damaged file replaced, off when asked,
 * and no more than 8 kept. */
static void check_cache(const char *text) {
    char *cache = scratch_dir(), *dir = NULL, *sub;
    if (asprintf(&sub, "%s/a/b", cache) < 0) return;
    setenv("UTDRAG_CACHE_DIR", sub, 1);
    ut_error err = {0};
    ut_ruleset *cold = rules_from_text(&dir, RULES, NULL, NULL, &err);
    is_int(cache_files(sub), 1, "cache: the first load stores the database (directories made)");
    char *want = cold ? fields_of(cold, UT_ENGINE_SCAN, text) : NULL;
    ut_ruleset *warm = ut_ruleset_load(dir, &err);
    char *got = warm ? fields_of(warm, UT_ENGINE_SCAN, text) : NULL;
    is_str(got, want, "cache: a load from the cache finds the same fields");
    free(got);
    ut_ruleset_free(warm);
    /* damage the stored file: the next load compiles and replaces it */
    char *cmd;
    if (asprintf(&cmd, "for f in '%s'/anchors-*.hs; do printf 'not a database' > \"$f\"; done", sub) >= 0) {
        ok(system(cmd) == 0, "cache: file damaged");
        free(cmd);
    }
    warm = ut_ruleset_load(dir, &err);
    got = warm ? fields_of(warm, UT_ENGINE_SCAN, text) : NULL;
    is_str(got, want, "cache: a damaged file is ignored, same fields");
    free(got);
    ut_ruleset_free(warm);
    if (asprintf(&cmd, "test $(stat -c %%s '%s'/anchors-*.hs) -gt 100", sub) >= 0) {
        ok(system(cmd) == 0, "cache: the damaged file was replaced by a database");
        free(cmd);
    }
    /* more rule sets than are kept: the oldest go */
    for (int i = 0; i < 10; i++) {
        char rules[256], *d2 = NULL;
        snprintf(rules, sizeof rules, "rule t.r%d\n  type date\n  anchor x%dy\n  window -0 +0\n  pattern x%dy\n", i, i, i);
        ut_ruleset_free(rules_from_text(&d2, rules, NULL, NULL, &err));
        scratch_free(d2);
    }
    is_int(cache_files(sub), 8, "cache: 11 rule sets loaded, the 8 newest databases kept");
    setenv("UTDRAG_CACHE_DIR", "off", 1);
    char *d3 = NULL;
    ut_ruleset_free(rules_from_text(&d3, "rule t.z\n  type date\n  anchor zz\n  window -0 +0\n  pattern zz\n", NULL,
                                    NULL, &err));
    scratch_free(d3);
    is_int(cache_files(sub), 8, "cache: UTDRAG_CACHE_DIR=off stores nothing");
    unsetenv("UTDRAG_CACHE_DIR");
    free(want);
    ut_ruleset_free(cold);
    scratch_free(dir);
    free(sub);
    scratch_free(cache);
}

/* A lexicon of phrases as an anchor: its words are joined by \s+, so the
 * hit has no maximum length.  It is scanned without Vectorscan's start of
 * match (which halves the whole database's speed); the earliest start of
 * a hit is found by walking back from its end, white space free
 * (ut_anchor.spaced).  Runs of spaces, line breaks and Unicode spaces
 * between the words must not push a match out of its window. */
static void check_spaced_anchors(void) {
    const char *lex = "vice ordförande\nförste vice ordförande\nordförande\n";
    const char *text = "Där satt förste      vice\n        ordförande Anna och vice\u2003\u2003ordförande Per, "
                       "ordförande Eva; vice \n\n   ordförande Kim; vice  ordf. Ola";
    for (int start = 0; start < 2; start++) {
        char *dir = NULL;
        ut_error err = {0};
        char rules[512];
        snprintf(rules, sizeof rules,
                 "rule t.phrase\n  type org\n  normalize text\n  anchor {w}\n  %s\n"
                 "  pattern (?<![[:alpha:]]){w} [[:upper:]][[:lower:]]+\n",
                 start ? "start anchor" : "window -0 +0");
        ut_ruleset *rs = rules_from_text(&dir, rules, "w", lex, &err);
        const char *how = start ? "start anchor" : "window -0 +0";
        if (!ok(rs != NULL, "phrase lexicon anchor (%s) loads", how)) {
            diag("%s:%d: %s", err.file, err.line, err.text);
            scratch_free(dir);
            continue;
        }
        const ut_anchor *a = &rs->rules[0].anchors[0];
        ok(a->spaced && !a->som && a->max_width >= strlen("förste vice ordförande"),
           "%s: the phrase anchor is bounded but for its white space (no start of match; width %u)", how,
           a->max_width);
        char *scan = fields_of(rs, UT_ENGINE_SCAN, text), *ref = fields_of(rs, UT_ENGINE_REFERENCE, text);
        is_str(scan, ref, "%s: scan engine = reference engine over phrases spread by white space", how);
        size_t n = 0;
        for (const char *q = scan; q && (q = strchr(q, '\n')); q++) n++;
        is_int((long)n, 4, "%s: the four phrases with a name after them are found", how);
        free(scan);
        free(ref);
        /* on raw text (no normalizing): Unicode spaces between the words */
        const char *raw = "x vice\u2003\u3000\u00a0\u2003\u3000\u00a0\u2028\u205f ordförande y";
        ut_scan_hits h;
        int good = ut_scan_hits_init(&h, rs) == 0 && ut_scan_run(rs, &h, raw, strlen(raw)) == 0;
        size_t hits = 0;
        const ut_hit *v = good ? ut_scan_hits_of(&h, a->expr, &hits) : NULL;
        good = good && hits >= 1;
        for (size_t i = 0; good && i < hits; i++) good = v[i].from <= 2;
        ok(good, "%s: raw text: every hit's earliest start is at or before `vice` (%zu hits)", how, hits);
        ut_scan_hits_free(&h);
        ut_ruleset_free(rs);
        scratch_free(dir);
    }
}

/* The token anchors: where each finds its words, as byte offsets. */
static const char *TOKEN_RULES =
    "rule t.cap\n  type dnr\n  anchor    @capital\n  start     anchor\n  pattern   [[:upper:]]\n"
    "rule t.caps\n  type dnr\n  anchor    @capitals\n  start     anchor\n  pattern   [[:upper:]]{2}\n"
    "rule t.init\n  type dnr\n  anchor    @initial\n  start     anchor\n  pattern   [[:upper:]]\\pL?\\.\n"
    "rule t.num\n  type dnr\n  anchor    @number\n  start     anchor\n  pattern   [0-9]+\n"
    "rule t.name\n  type dnr\n  anchor    @name\n  start     anchor\n  pattern   [[:upper:]]\n";

/* @name by its definition (ruleset.h), read byte by byte in ASCII text. */
static bool name_token_at(const char *s, size_t len, size_t i) {
    bool letter_before = i && ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z');
    if (!(s[i] >= 'A' && s[i] <= 'Z') || letter_before || i + 1 >= len) return false;
    bool lower1 = s[i + 1] >= 'a' && s[i + 1] <= 'z';
    if (s[i + 1] == '.' || (lower1 && i + 2 < len && s[i + 2] == '.')) return true; /* an initial */
    size_t j = i + 1;
    while (j < len && (s[j] == '-' || ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z'))) j++;
    if (j >= len) return false;
    if (s[j] == '\n') {
        size_t sp = 0;
        while (j + 1 + sp < len && s[j + 1 + sp] == ' ') sp++;
        if (sp > 40) return false;
        j += 1 + sp;
    } else if (s[j] == ' ') j++;
    else return false;
    if (j >= len) return false;
    if (s[j] >= 'A' && s[j] <= 'Z') return true;
    size_t k = j;
    while (k < len && s[k] >= 'a' && s[k] <= 'z') k++;
    return (k - j == 2 || k - j == 3) && k < len && s[k] == ' ';
}

/* "offset offset ..." of the hits of rule r's first anchor: NEW */
static char *token_hits(const ut_ruleset *rs, const ut_scan_hits *h, size_t r) {
    size_t n;
    const ut_hit *v = ut_scan_hits_of(h, rs->rules[r].anchors[0].expr, &n);
    char *out = calloc(1, 16 * n + 1);
    for (size_t i = 0; i < n; i++) sprintf(out + strlen(out), "%s%u", i ? " " : "", v[i].from);
    return out;
}

/* The tokens by their definitions (ruleset.h) over UTF-8 text, character
 * by character with utf8proc's categories: NEW "offset offset ..." per
 * token kind, in the order of TOKEN_RULES. */
typedef struct uchar {
    size_t at, len;
    int32_t cp;
} uchar;

static bool u_letter(int32_t cp) {
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}
static bool u_upper(int32_t cp) { return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU; }

static void unicode_tokens(const char *s, size_t len, char *want[5]) {
    uchar *c = calloc(len + 1, sizeof *c);
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (l <= 0) l = 1, cp = 0xFFFD;
        c[n++] = (uchar){i, (size_t)l, cp};
        i += (size_t)l;
    }
    for (size_t k = 0; k < n; k++) {
        int32_t cp = c[k].cp, prev = k ? c[k - 1].cp : ' ';
        int32_t nx = k + 1 < n ? c[k + 1].cp : 0, n2 = k + 2 < n ? c[k + 2].cp : 0;
        bool digit = cp >= '0' && cp <= '9', cap = u_upper(cp) && !(k && u_letter(prev));
        bool caps = cap && k + 1 < n && u_upper(nx);
        bool initial = cap && k + 1 < n && !caps && (nx == '.' || (u_letter(nx) && n2 == '.'));
        bool name = initial;
        if (cap && !initial && k + 1 < n) {
            size_t j = k + 1;
            while (j < n && (c[j].cp == '-' || u_letter(c[j].cp))) j++;
            bool sep = j < n && (c[j].cp == ' ' || c[j].cp == '\n');
            if (sep && c[j].cp == '\n') {
                size_t sp = 0;
                while (j + 1 + sp < n && c[j + 1 + sp].cp == ' ') sp++;
                sep = sp <= 40;
                j += sp;
            }
            j++;
            if (sep && j < n) {
                size_t w = j;
                while (w < n && w - j < 4 && c[w].cp >= 'a' && c[w].cp <= 'z') w++;
                name = u_upper(c[j].cp) || ((w - j == 2 || w - j == 3) && w < n && c[w].cp == ' ');
            }
        }
        bool tok[5] = {cap, caps, initial, digit && !(k && prev >= '0' && prev <= '9'), name};
        for (int t = 0; t < 5; t++)
            if (tok[t]) sprintf(want[t] + strlen(want[t]), "%s%zu", *want[t] ? " " : "", c[k].at);
    }
    free(c);
}

/* The five token rules' hits of the last pass against want[] (NEW
 * strings, freed here). */
static void same_token_places(const ut_ruleset *rs, const ut_scan_hits *h, char *want[5], const char *reading) {
    for (size_t r = 0; r < 5; r++) {
        char *got = token_hits(rs, h, r);
        if (!ok(!strcmp(got, want[r]) && *got, "%s: the places of %s", rs->rules[r].id, reading))
            diag("got  %.120s\nwant %.120s", got, want[r]);
        free(got);
        free(want[r]);
    }
}

static void check_tokens(void) {
    char *dir = NULL;
    ut_error err = {0};
    ut_ruleset *rs = rules_from_text(&dir, TOKEN_RULES, NULL, NULL, &err);
    if (!ok(rs != NULL, "token rules load")) {
        diag("%s:%d: %s", err.file, err.line, err.text);
        return;
    }
    /* 0 KS, 7 Anna, 12 E., 15 Ek, 19 Ch., 23 Berg, 28 ÅÄ (4 bytes), 33 Ål,
     * 37 xKS (inside a word: none), 42 Ö. (after a hyphen), 46 2020, 51 Ä
     * at the very end (a capital, no room for a second letter) */
    const char *text = "KS och Anna E. Ek, Ch. Berg ÅÄ Ål xKS -Ö. 2020 Ä";
    ut_scan_hits h;
    ok(ut_scan_hits_init(&h, rs) == 0 && ut_scan_run(rs, &h, text, strlen(text)) == 0, "token pass runs");
    const char *want[] = {"0 7 12 15 19 23 28 33 42 51", "0 28", "12 19 42", "46", "0 7 12 19 23 28 42"};
    for (size_t r = 0; r < 5; r++) {
        char *got = token_hits(rs, &h, r);
        is_str(got, want[r], "%s: the token's places", rs->rules[r].id);
        free(got);
    }

    /* a long ASCII text of few letters, so that tokens sit at every offset
     * of the loop's eight-byte steps: the places a byte-by-byte reading
     * of the definitions gives */
    static const char alphabet[] = "abcxyz   ...,,--QZ97\n\n";
    char big[4001];
    unsigned seed = 7;
    for (size_t i = 0; i < 4000; i++) {
        seed = seed * 1103515245u + 12345u;
        /* mostly lower case and spaces: long runs the fast path skips */
        size_t r = (seed >> 16) % 100;
        big[i] = r < 88 ? alphabet[r % 9] : alphabet[9 + (r - 88) % 13];
    }
    /* names with particles, line breaks with up to 40 spaces and one more */
    for (size_t i = 11; i + 60 < 4000; i += 397) memcpy(big + i, " Qa von Zb\n Qa de Zb ab,Qb abcx Zb ", 32);
    for (size_t i = 200; i + 60 < 4000; i += 601) {
        memcpy(big + i, " Qab\n", 5);
        memset(big + i + 5, ' ', 40 + (i / 601) % 2); /* 40 spaces, or 41 */
        big[i + 5 + 40 + (i / 601) % 2] = 'Z';
    }
    for (size_t i = 1; i + 3 < 4000; i += 53) memcpy(big + i, " Q.", 3);  /* initials at every offset */
    for (size_t i = 30; i + 4 < 4000; i += 71) memcpy(big + i, " Zb.", 4);
    big[4000] = 0;
    size_t len = 4000;
    char *want_big[5];
    for (int t = 0; t < 5; t++) want_big[t] = calloc(1, 6 * len);
    for (size_t i = 0; i < len; i++) {
        char c = big[i], p = i ? big[i - 1] : ' ', nx = i + 1 < len ? big[i + 1] : 0, n2 = i + 2 < len ? big[i + 2] : 0;
        bool prev_letter = (p >= 'a' && p <= 'z') || (p >= 'A' && p <= 'Z'), upper = c >= 'A' && c <= 'Z';
        bool cap = upper && !prev_letter;
        /* in the order of TOKEN_RULES: @capital, @capitals, @initial, @number, @name */
        bool tok[5] = {cap, cap && nx >= 'A' && nx <= 'Z',
                       cap && (nx == '.' || (((nx >= 'a' && nx <= 'z') || (nx >= 'A' && nx <= 'Z')) && n2 == '.')),
                       c >= '0' && c <= '9' && !(p >= '0' && p <= '9' && i), name_token_at(big, len, i)};
        for (int t = 0; t < 5; t++)
            if (tok[t]) sprintf(want_big[t] + strlen(want_big[t]), "%s%zu", *want_big[t] ? " " : "", i);
    }
    ok(ut_scan_run(rs, &h, big, len) == 0, "token pass over 4,000 bytes");
    same_token_places(rs, &h, want_big, "a byte-by-byte reading, at every offset");

    /* the same over Swedish text: long runs of lower-case Latin-1 letters
     * (the loop skips them eight bytes at a time), capitals, ÷ and ×,
     * three-byte characters, names with particles across line breaks */
    static const char *const pieces[] = {"a", "e", "r", "s", " ", " ", " ", "å", "ä", "ö", "é", "ß", "ø", ".", ",",
                                         "-", "\n", "÷", "×", "Å", "Ä", "Ö", "É", "Q", "Z", "7", "–", "€", "ł", "Ł",
                                         "Åsa von Öberg ", "Ö. ", "Émile\n   Ängel ", "Ål.", "ÅÄ", "Zå.", "Qa af Bb "};
    size_t np = sizeof pieces / sizeof *pieces;
    char *sw = calloc(1, 40000);
    size_t sl = 0;
    seed = 11;
    while (sl < 30000) {
        seed = seed * 1103515245u + 12345u;
        size_t r = (seed >> 16) % 1000;
        const char *p = r < 900 ? pieces[r % 13] : pieces[13 + r % (np - 13)];
        memcpy(sw + sl, p, strlen(p));
        sl += strlen(p);
    }
    char *want_sw[5];
    for (int t = 0; t < 5; t++) want_sw[t] = calloc(1, 6 * sl);
    unicode_tokens(sw, sl, want_sw);
    ok(ut_scan_run(rs, &h, sw, sl) == 0, "token pass over 30,000 bytes of Swedish text");
    same_token_places(rs, &h, want_sw, "a reading by character in Swedish text");
    free(sw);
    ut_scan_hits_free(&h);
    ut_ruleset_free(rs);
    scratch_free(dir);
}

int main(void) {
    check_tokens();
    char *dir = NULL;
    ut_error err = {0};
    ut_ruleset *rs = rules_from_text(&dir, RULES, NULL, NULL, &err);
    if (!ok(rs != NULL, "test rules load")) {
        diag("%s:%d: %s", err.file, err.line, err.text);
        return done_testing();
    }
    /* match at the very start and the very end, multi-byte letters right
     * before every window's byte start, two matches touching */
    const char *text = "2021-04-28 står först; ÄRENDE  2020/17 och ärende 2019/5ärende 2018/3; "
                       "åäöåäö 2021-04-292021-04-30 för ö 250 kr och ö 7 kr; ååååååå 2017/4 (12 bytes back "
                       "is inside an å); cirka 12 mkr, 7 mkr och ungefär 300 mkr; sist 1999-12-31";
    check_windows(rs, text);
    char *scan = fields_of(rs, UT_ENGINE_SCAN, text), *ref = fields_of(rs, UT_ENGINE_REFERENCE, text);
    is_str(scan, ref, "scan engine = reference engine, field for field");
    ok(scan && strstr(scan, "date 0 10 2021-04-28\n") && strstr(scan, "1999-12-31\n"),
       "the matches at the very start and end are found");
    ok(scan && strstr(scan, "dnr ") && strstr(scan, "figure "), "dnr before its anchor and figure after ö found");
    ok(scan && strstr(scan, "cirka 12 mkr") && strstr(scan, " 7 mkr") && strstr(scan, "ungefär 300 mkr"),
       "per-anchor windows: the matches with a word before the number start at the word");
    ut_rule_info info = {0};
    for (size_t i = 0; i < ut_ruleset_count(rs); i++) {
        ut_ruleset_rule_info(rs, i, &info);
        if (!strcmp(info.id, "t.mixed")) break;
    }
    is_str(info.path, "anchor", "a rule with one windowed anchor is listed on the anchor path");
    free(scan);
    free(ref);

    /* every rule in a text with no anchor hit at all: no field, no crash */
    scan = fields_of(rs, UT_ENGINE_SCAN, "-");
    is_str(scan, "", "no anchor hit: no field");
    free(scan);
    ut_ruleset_free(rs);
    scratch_free(dir);

    check_cache(text);

    /* {lexicon:N}: only its words of N characters or more (the party
     * names without their one-letter codes, as an anchor) */
    rs = rules_from_text(&dir,
                         "rule t.long\n  type org\n  normalize text\n  anchor {w:4}\n  window -0 +0\n"
                         "  pattern (?<![[:alpha:]]){w:4}(?![[:alpha:]])\n"
                         "  example i S och Sö => none\n  example i Söder och Sörmland => Söder | Sörmland\n",
                         "w", "S\nSö\nSöder\nSörmland\n", &err);
    ok(rs && ut_ruleset_check_examples(rs, NULL, NULL) == 0, "{w:4}: words of 4 characters or more only (ö is one)");
    ut_ruleset_free(rs);
    scratch_free(dir);
    rs = rules_from_text(&dir, "rule t.none\n  type org\n  pattern {w:9}\n", "w", "Söder\n", &err);
    char *e = rs ? NULL : err_line(&err), *want = path_in(dir, "t.rules");
    ok(!rs && e && want && strstr(e, want) && strstr(e, "{w:9}: no word of lexicons/w.lex is that long"),
       "{w:9} with no word that long: refused with file:line (%s)", e ? e : "loaded");
    free(e);
    free(want);
    ut_ruleset_free(rs);
    scratch_free(dir);

    check_spaced_anchors();

    const char *multi = "Å 2021 ärende ÖVER 12 kr, åå ö 3 kr; Ärende 7/2020 ö 99 kr";
    check_offset_limit("(?<=ö )[0-9]+(?= kr)", multi);
    check_offset_limit("(?i)ärende\\s+[0-9]+", multi);
    check_offset_limit("\\b\\p{Lu}\\w+", multi);
    check_offset_limit("(?:å|ö)+\\s", multi);
    return done_testing();
}
