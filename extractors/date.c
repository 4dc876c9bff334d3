/*
 * date.c — the `date` field type: ISO 8601 values at the grain the text
 * gives (GUIDE.md, "date").
 *
 * Every date rule captures the pieces of one or two points in named
 * groups (see date.h); one normalizer turns them into the value, so a new
 * way of writing a date is a new rule, never new C.  The normalizers:
 *
 *   date         the pieces → value (a point, or a range "start/end")
 *   date.year    the same, for forms whose year is a bare four-digit
 *                number: first checks that the number stands as a year
 *   date.decade  "1990-talet" → "199", "1900-talet" → "19" (TIMEX3)
 *
 * A clock time alone ("kl 9.00 – 9.55") comes out of `date` as "T09:00…"
 * and the document pass (date_clock.c) gives it its day.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"

/* Named group `base` + `suffix` ("year" + "2"). */
static const char *piece(const ut_match *m, const char *base, const char *suffix, size_t *len) {
    char name[32];
    size_t b = strlen(base), s = strlen(suffix);
    if (b + s >= sizeof name) return NULL;
    memcpy(name, base, b);
    memcpy(name + b, suffix, s + 1);
    const char *g = ut_match_group(m, name, len);
    return g && *len ? g : NULL;
}

/* The digits of a group as a number; DATE_UNSET if absent, -2 if the
 * group holds something else. */
static int digits_value(const char *g, size_t n) {
    if (!g) return DATE_UNSET;
    if (n > 6) return -2;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (g[i] < '0' || g[i] > '9') return -2;
        v = v * 10 + (g[i] - '0');
    }
    return v;
}

/* A lexicon value for a word, ignoring a trailing abbreviation dot. */
static const char *lex_value(const ut_match *m, const char *lexicon, const char *g, size_t n) {
    while (n && g[n - 1] == '.') n--;
    return n ? ut_match_lex(m, lexicon, g, n) : NULL;
}

/* A month given as a number or as a name; -2 if neither. */
static int month_value(const ut_match *m, const char *g, size_t n) {
    if (!g) return DATE_UNSET;
    if (g[0] >= '0' && g[0] <= '9') return digits_value(g, n);
    const char *v = lex_value(m, "month", g, n);
    return v ? atoi(v) : -2;
}

/* "tredje", "3:e", "3" → 3; -2 if none of these. */
static int ordinal_value(const ut_match *m, const char *g, size_t n) {
    int d = digits_value(g, n);
    if (d != -2) return d;
    const char *v = lex_value(m, "date_ordinal", g, n);
    return v ? atoi(v) : -2;
}

/* Read one point (suffix "" for the start, "2" for the end of a range).
 * Returns 0, or -1 when a group holds something that is not a date. */
static int read_point(const ut_match *m, const char *sx, date_point *p) {
    date_point_clear(p);
    size_t n = 0;
    const char *g;
    if ((g = piece(m, "year", sx, &n))) {
        p->year = digits_value(g, n);
        p->year_two_digits = n == 2;
        if (p->year < 0 || (n != 2 && n != 4)) return -1;
    }
    if ((g = piece(m, "month", sx, &n)) && (p->month = month_value(m, g, n)) < 0) return -1;
    if ((g = piece(m, "day", sx, &n)) && (p->day = digits_value(g, n)) < 0) return -1;
    if ((g = piece(m, "hour", sx, &n)) && (p->hour = digits_value(g, n)) < 0) return -1;
    if ((g = piece(m, "minute", sx, &n)) && (p->minute = digits_value(g, n)) < 0) return -1;
    if ((g = piece(m, "second", sx, &n)) && (p->second = digits_value(g, n)) < 0) return -1;
    const char *code = NULL;
    if ((g = piece(m, "season", sx, &n)) && !(code = lex_value(m, "season", g, n))) return -1;
    if ((g = piece(m, "term", sx, &n)) && !(code = lex_value(m, "date_term", g, n))) return -1;
    if (code) memcpy(p->part, code, 3), p->part[2] = 0;
    int k;
    if ((g = piece(m, "half", sx, &n))) {
        if ((k = ordinal_value(m, g, n)) < 1 || k > 2) return -1;
        p->part[0] = 'H', p->part[1] = (char)('0' + k), p->part[2] = 0;
    }
    if ((g = piece(m, "quarter", sx, &n))) {
        if ((k = ordinal_value(m, g, n)) < 1 || k > 4) return -1;
        p->part[0] = 'Q', p->part[1] = (char)('0' + k), p->part[2] = 0;
    }
    return 0;
}

/* A two-digit year ("Vt 19", "2023/24"): its century comes from the
 * other end of the range when there is one ("2023/24" → 2024), else the
 * nearest century that puts it no later than the 2040s. */
static void settle_century(date_point *p, const date_point *other, bool is_end) {
    if (!p->year_two_digits || p->year == DATE_UNSET) return;
    if (other && other->year != DATE_UNSET && !other->year_two_digits) {
        int y = other->year / 100 * 100 + p->year;
        if (is_end && y < other->year) y += 100;
        if (!is_end && y > other->year) y -= 100;
        p->year = y;
    } else p->year += p->year < 50 ? 2000 : 1900;
    p->year_two_digits = false;
}

/* One end of a range takes from the other what it leaves out above its
 * own grain: "från mars till juni 2014" → mars gets 2014; "3 juni kl
 * 13.00-15.00" → 15.00 gets 3 juni. */
static void lend(date_point *p, const date_point *q) {
    int *pf[] = {&p->year, &p->month, &p->day, &p->hour};
    const int qf[] = {q->year, q->month, q->day, q->hour};
    for (size_t i = 0; i < 3; i++) {
        if (*pf[i] != DATE_UNSET) continue;
        bool finer = p->part[0] && i == 0;
        for (size_t j = i + 1; j < 4; j++) finer = finer || *pf[j] != DATE_UNSET;
        if (finer) *pf[i] = qf[i];
    }
}

/* An abbreviated month ("jan.") with neither year nor "den" is too weak
 * to be a date on its own ("3 jan" in a list of numbers). */
static bool weak_month(const ut_match *m) {
    size_t n, ms;
    const char *g = ut_match_group(m, "month", &n);
    if (!g || (g[0] >= '0' && g[0] <= '9')) return false;
    if (ut_match_group(m, "year", NULL) || ut_match_group(m, "year2", NULL)) return false;
    if (lex_value(m, "month_name", g, n)) return false;
    const ut_text *t = ut_match_text(m, &ms, NULL);
    return !date_word_before(t, ms, "den");
}

/* "29 februari 2021" is a day or nothing: when the day rule finds the day
 * impossible, the month must not survive as "2021-02". */
static bool month_after_a_day(const ut_match *m) {
    size_t n;
    const char *g = ut_match_group(m, "month", &n);
    if (!g || ut_match_group(m, "day", NULL)) return false;
    const ut_text *t = ut_match_text(m, NULL, NULL);
    size_t at = (size_t)(g - t->s);
    while (at > 0 && t->s[at - 1] == ' ') at--;
    if (at > 0 && t->s[at - 1] == '.') at--;
    if (at >= 2 && t->s[at - 2] == ':' && (t->s[at - 1] == 'a' || t->s[at - 1] == 'e')) at -= 2;
    return at > 0 && t->s[at - 1] >= '0' && t->s[at - 1] <= '9';
}

static int write_value(ut_cand *c, const date_point *a, const date_point *b) {
    char va[48], vb[48];
    if (date_point_format(a, va, sizeof va) < 0) return 0;
    if (!b) {
        if (ut_cand_value(c, "%s", va) || ut_cand_str(c, "grain", "%s", date_point_grain(a))) return -1;
        return 1;
    }
    if (date_point_format(b, vb, sizeof vb) < 0) return 0;
    if (ut_cand_value(c, "%s/%s", va, vb) || ut_cand_str(c, "grain", "range") ||
        ut_cand_str(c, "unit", "%s", date_point_grain(a)))
        return -1;
    return 1;
}

static int norm_date(const ut_match *m, ut_cand *c) {
    size_t ms, me;
    const ut_text *t = ut_match_text(m, &ms, &me);
    if (memchr(t->s + ms, '\n', me - ms) && !date_wrap_stays_in_column(t, ms, me)) return 0;
    /* "mellan 2010 och 2012" is a range; "2010 och 2012" two years */
    if (ut_match_group(m, "conj", NULL) && !ut_match_group(m, "between", NULL)) return 0;
    if (weak_month(m) || month_after_a_day(m)) return 0;

    date_point a, b;
    if (read_point(m, "", &a) || read_point(m, "2", &b) || !date_point_given(&a)) return 0;
    bool range = date_point_given(&b);
    settle_century(&a, range ? &b : NULL, false);
    if (range) {
        settle_century(&b, &a, true);
        lend(&a, &b);
        lend(&b, &a);
        if (!date_point_valid(&b) || date_point_compare(&a, &b) >= 0) return 0;
    }
    if (!date_point_valid(&a)) return 0;
    return write_value(c, &a, range ? &b : NULL);
}

/* Forms whose year is a bare number: the number must stand as a year. */
static int norm_year(const ut_match *m, ut_cand *c) {
    size_t n1, n2;
    const char *y1 = ut_match_group(m, "year", &n1), *y2 = ut_match_group(m, "year2", &n2);
    const ut_text *t = ut_match_text(m, NULL, NULL);
    if (!y1) return 0;
    size_t start = (size_t)(y1 - t->s), end = y2 ? (size_t)(y2 - t->s) + n2 : start + n1;
    if (!date_year_in_context(m, start, end)) return 0;
    return norm_date(m, c);
}

static int norm_decade(const ut_match *m, ut_cand *c) {
    size_t n;
    const char *g = ut_match_group(m, "decade", &n);
    if (!g || n != 4 || g[3] != '0') return 0;
    /* "1900-talet" is the century, "1990-talet" the decade */
    bool century = g[2] == '0';
    if (ut_cand_value(c, "%.*s", century ? 2 : 3, g) || ut_cand_str(c, "grain", century ? "century" : "decade"))
        return -1;
    return 1;
}

static const ut_normalizer date_normalizers[] = {
    {"date", norm_date},
    {"date.year", norm_year},
    {"date.decade", norm_decade},
    {NULL, NULL},
};

const ut_extractor ut_ex_date = {
    .type = "date",
    .group = "number",
    .normalizers = date_normalizers,
    .document_pass = date_clock_pass,
};
