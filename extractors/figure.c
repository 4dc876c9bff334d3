/*
 * figure.c — field type 'figure': counts, money, shares, measures (GUIDE.md).
 *
 * Every rule in rules/figure.rules calls the one normalizer `figure`, which
 * reads whichever named groups took part (the list is at the top of the rule
 * file) and writes the value the way GUIDE.md wants it:
 *     number[/number_to] [SEK | % | counted noun | unit | st]
 * The number is computed exactly (figure_number.h) so that a scale word
 * multiplies out without rounding.  A match with nothing that says what the
 * number counts is rejected: a bare number is a year, a page, a paragraph.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "extractor.h"
#include "figure_number.h"

/* A group's text, or NULL/0 when it did not take part. */
static const char *grp(const ut_match *m, const char *name, size_t *len) {
    size_t n = 0;
    const char *s = ut_match_group(m, name, &n);
    if (!s || !n) return NULL;
    *len = n;
    return s;
}

/* Read a number from a digits group or a number-word group (numword.lex).
 * 1 if found, 0 if neither group took part or it does not parse. */
static int read_number(const ut_match *m, const char *digits_group, const char *word_group, fig_number *out) {
    size_t n;
    const char *s = grp(m, digits_group, &n);
    if (s) return fig_number_parse(out, s, n) == 0;
    s = grp(m, word_group, &n);
    if (!s) return 0;
    const char *v = ut_match_lex(m, "numword", s, n);
    if (!v) return 0;
    fig_number_from_int(out, strtoll(v, NULL, 10));
    return 1;
}

/* Lower-case copy of s[0..n) into the arena (units are reported lower case). */
static char *lower_copy(ut_arena *a, const char *s, size_t n) {
    char *out = ut_arena_alloc(a, n * 2 + 1); /* lower case never more than doubles UTF-8 length */
    if (!out) return NULL;
    size_t i = 0, o = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) { /* not UTF-8 (cannot happen after normalize): copy the byte */
            out[o++] = s[i++];
            continue;
        }
        o += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)out + o);
        i += (size_t)k;
    }
    out[o] = 0;
    return out;
}

/* The lemma of a counted noun: the longest suffix unit.lex knows, with the
 * rest of the compound in front ("utomhuspadelbanor" -> "utomhuspadelbana").
 * NULL when no suffix is known. */
static char *unit_lemma(const ut_match *m, ut_arena *a, const char *unit) {
    size_t n = strlen(unit);
    const char *whole = ut_match_lex(m, "unit_word", unit, n);
    if (whole) return ut_arena_printf(a, "%s", whole);
    size_t i;
    const char *v = ut_match_lex_suffix(m, "unit", unit, n, &i, NULL);
    return v ? ut_arena_printf(a, "%.*s%s", (int)i, unit, v) : NULL;
}

/* Whether the counted noun is a compound whose only known head is a short
 * word (three letters or fewer) matched through OCR folding: "förpliktar"
 * is a verb, not "förplikt" + "år"; "arbetar" not "arbet" + "år".  In
 * clean text a short head never comes from a dropped diacritic inside a
 * longer word; a whole word ("12-15 ar" in a scan) still counts. */
static bool ocr_short_head(const ut_match *m, const char *unit) {
    size_t n = strlen(unit);
    if (ut_match_lex(m, "unit_word", unit, n)) return false;
    size_t i;
    bool ocr = false;
    if (!ut_match_lex_suffix(m, "unit", unit, n, &i, &ocr) || !ocr || i == 0) return false;
    size_t chars = 0;
    for (size_t k = i; k < n; k++) chars += ((unsigned char)unit[k] & 0xC0) != 0x80;
    return chars <= 3;
}

/* Scale word -> power of ten and, for mnkr/tkr..., the currency it carries. */
static int read_scale(const ut_match *m, int *exp10, const char **currency) {
    size_t n;
    const char *s = grp(m, "scale", &n);
    *exp10 = 0;
    if (!s) return 0;
    const char *v = ut_match_lex(m, "scale", s, n);
    if (!v) return -1;
    char *end;
    *exp10 = (int)strtol(v, &end, 10);
    while (*end == ' ') end++;
    if (*end) *currency = end;
    return 1;
}

/* The suffix after the number into *out, and the attributes that go with
 * it: "" for a scaled amount without a currency.  1 found, 0 nothing counted
 * (reject the match), -1 out of memory. */
static int figure_suffix(const ut_match *m, ut_cand *c, const char *currency, bool scaled, const char **out) {
    size_t n;
    const char *s;
    *out = NULL;
    if (currency) {
        if (ut_cand_str(c, "currency", "%s", currency)) return -1;
        *out = ut_arena_printf(c->arena, " %s", currency);
    } else if ((s = grp(m, "pct", &n))) {
        /* "%" and "procent" are the same unit; "procentenheter" is not */
        if (n == 1 || (n == 7 && !memcmp(s, "procent", 7)) || (n == 9 && !memcmp(s, "procenten", 9))) {
            if (ut_cand_str(c, "unit", "%%")) return -1;
            return *out = " %", 1;
        }
        char *w = lower_copy(c->arena, s, n);
        if (!w || ut_cand_str(c, "unit", "%s", w)) return -1;
        *out = ut_arena_printf(c->arena, " %s", w);
    } else if ((s = grp(m, "unit", &n))) {
        char *w = lower_copy(c->arena, s, n);
        if (!w) return -1;
        size_t shape_n;
        if (!ut_match_group(m, "shape", &shape_n) && ocr_short_head(m, w)) return 0;
        /* "de senaste 7 åren" is "7 år" */
        const char *indef = ut_match_lex(m, "unit_definite", w, strlen(w));
        if (indef && !(w = ut_arena_printf(c->arena, "%s", indef))) return -1;
        if (ut_cand_str(c, "unit", "%s", w)) return -1;
        char *lemma = unit_lemma(m, c->arena, w);
        if (lemma && ut_cand_str(c, "unit_lemma", "%s", lemma)) return -1;
        *out = ut_arena_printf(c->arena, " %s", w);
    } else if ((s = grp(m, "part", &n))) { /* "3 av lärarna": the noun as written, no lemma */
        char *w = lower_copy(c->arena, s, n);
        if (!w || ut_cand_str(c, "unit", "%s", w)) return -1;
        *out = ut_arena_printf(c->arena, " %s", w);
    } else if ((s = grp(m, "measure", &n))) {
        if (ut_cand_str(c, "unit", "%.*s", (int)n, s)) return -1;
        *out = ut_arena_printf(c->arena, " %.*s", (int)n, s);
    } else if (grp(m, "st", &n)) {
        if (ut_cand_str(c, "unit", "st")) return -1;
        *out = " st";
    } else {
        if (!scaled) return 0;
        *out = "";
    }
    return *out ? 1 : -1;
}

static int set_number_attr(ut_cand *c, const char *key, const fig_number *n) {
    long long i;
    if (fig_number_as_int(n, &i)) return ut_cand_int(c, key, i);
    return ut_cand_num(c, key, fig_number_as_double(n));
}

static int norm_figure(const ut_match *m, ut_cand *c) {
    fig_number lo, hi;
    size_t n;
    bool range = false;
    if (grp(m, "one", &n)) fig_number_from_int(&lo, 1); /* en/ett: only the rule before a scale word */
    else if (!read_number(m, "num", "word", &lo)) return 0;
    if (read_number(m, "num2", "word2", &hi)) range = true;
    /* a range runs upwards: in `från 18 procent 2019 till 24 procent` the
     * `2019 till 24` is a year and a share, not the range 2019-24 */
    if (range && !lo.negative && fig_number_as_double(&lo) >= fig_number_as_double(&hi)) return 0;

    const char *sign = grp(m, "sign", &n);
    if ((sign && *sign == '-') || grp(m, "minus", &n)) lo.negative = true;

    const char *currency = NULL;
    int exp10;
    int scaled = read_scale(m, &exp10, &currency);
    if (scaled < 0) return 0;
    fig_number_scale(&lo, exp10);
    if (range) fig_number_scale(&hi, exp10);

    const char *cur = grp(m, "cur", &n);
    if (cur) {
        const char *code = ut_match_lex(m, "currency", cur, n);
        if (!code) return 0;
        currency = code;
    }

    const char *suffix;
    int found = figure_suffix(m, c, currency, scaled > 0, &suffix);
    if (found <= 0) return found;

    char a[FIG_MAX_DIGITS + 64], b[FIG_MAX_DIGITS + 64];
    if (fig_number_format(&lo, a, sizeof a)) return 0;
    if (range && fig_number_format(&hi, b, sizeof b)) return 0;
    if (range ? ut_cand_value(c, "%s/%s%s", a, b, suffix) : ut_cand_value(c, "%s%s", a, suffix)) return -1;
    if (set_number_attr(c, "number", &lo)) return -1;
    if (range && set_number_attr(c, "number_to", &hi)) return -1;
    if (grp(m, "approx", &n) && ut_cand_bool(c, "approx", true)) return -1;
    return 1;
}

/* The numeric part of a figure value (up to the first space). */
static size_t number_part(const char *value) {
    const char *sp = strchr(value, ' ');
    return sp ? (size_t)(sp - value) : strlen(value);
}

static const char *lemma_of(const ut_cand *c) {
    const ut_attr *a = ut_cand_attr(c, "unit_lemma");
    return a && a->kind == UT_ATTR_STR ? a->s : NULL;
}

/* Same number and lemma sort together, in document order within. */
static int by_count(const void *pa, const void *pb) {
    const ut_cand *a = *(const ut_cand *const *)pa, *b = *(const ut_cand *const *)pb;
    size_t na = number_part(a->f.value), nb = number_part(b->f.value);
    if (na != nb) return na < nb ? -1 : 1;
    int c = memcmp(a->f.value, b->f.value, na);
    if (!c) c = strcmp(lemma_of(a), lemma_of(b));
    if (!c) c = a < b ? -1 : a > b;
    return c;
}

/* One count, two spellings: "600 kvadratmeter" and later "600
 * kvadratmetrarna" are the same figure, so a later mention with the same
 * number and the same lemma takes the first mention's value.  Sorting keeps
 * this linear in practice on long documents. */
static int figure_document_pass(ut_docbuild *db) {
    size_t n = 0;
    for (size_t i = 0; i < db->n; i++)
        if (!db->c[i].dropped && !strcmp(db->c[i].f.type, "figure") && lemma_of(&db->c[i])) n++;
    if (n < 2) return 0;
    ut_cand **v = malloc(n * sizeof *v);
    if (!v) return -1;
    size_t k = 0;
    for (size_t i = 0; i < db->n; i++)
        if (!db->c[i].dropped && !strcmp(db->c[i].f.type, "figure") && lemma_of(&db->c[i])) v[k++] = &db->c[i];
    qsort(v, n, sizeof *v, by_count);
    for (size_t i = 1, first = 0; i < n; i++) {
        size_t nf = number_part(v[first]->f.value), ni = number_part(v[i]->f.value);
        if (nf == ni && !memcmp(v[first]->f.value, v[i]->f.value, nf) && !strcmp(lemma_of(v[first]), lemma_of(v[i])))
            v[i]->f.value = v[first]->f.value; /* arena string of the same document */
        else
            first = i;
    }
    free(v);
    return 0;
}

static const ut_normalizer figure_normalizers[] = {
    {"figure", norm_figure},
    {NULL, NULL},
};

static const ut_key figure_keys[] = {
    {"number", UT_KIND_NUMBER, 0},    /* the low end of a range */
    {"number_to", UT_KIND_NUMBER, 0}, /* the high end of a range */
    {"unit", UT_KIND_TEXT, UT_KEY_CATEGORY},
    {"unit_lemma", UT_KIND_TEXT, UT_KEY_CATEGORY},
    {"currency", UT_KIND_TEXT, UT_KEY_CATEGORY},
    {"approx", UT_KIND_BOOLEAN, 0},
    {NULL, 0, 0},
};

const ut_extractor ut_ex_figure = {
    .type = "figure",
    .group = "number",
    .normalizers = figure_normalizers,
    .document_pass = figure_document_pass,
    .keys = figure_keys,
    .eval_order = 5,
};
