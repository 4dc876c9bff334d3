/*
 * date.c — the `date` field type: ISO 8601 values at the grain the text
 * gives (GUIDE.md, "date").
 *
 * Every date rule captures the pieces of one or two points in named
 * groups (see date.h); one reader turns them into the value, so a new way
 * of writing a date is a new rule, never new C.  Rules start at a digit
 * or at the head word of a date (a month, a season) because that is what
 * keeps matching fast; the words that may stand BEFORE that anchor ("under
 * oktober", "mellan 2010 och 2012", "tredje kvartalet", "läsåret 2023/24")
 * are checked here against lexicons.  The normalizers:
 *
 *   date            the pieces → value (a point, or a range "start/end")
 *   date.word       a date led by a month, season or term word: without a
 *                   year it needs a preposition before it ("under
 *                   oktober", lexicon date_cue) or the word "månad"
 *   date.ordinal    "tredje kvartalet", "första halvåret": the ordinal is
 *                   the word before the match (lexicon date_ordinal)
 *   date.labelled L a split year "2023/24" is a date only after a word of
 *                   lexicon L ("läsåret")
 *   date.year       forms resting on bare four-digit numbers: first checks
 *                   that the number stands as a year (date_context.c)
 *   date.decade     "1990-talet" → "199", "1900-talet" → "19" (TIMEX3)
 *
 * A range whose ends do not make one falls back to its first end (the
 * group `to` marks where the second begins).  A clock time alone ("kl
 * 9.00 – 9.55") comes out as "T09:00…" and the document pass
 * (date_clock.c) gives it its day.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"

/* How a match is read: the text, and where reading stops (a date that
 * wraps out of its table column is read up to the line break). */
typedef struct reader {
    const ut_match *m;
    const ut_text *t;
    size_t start, cut;
} reader;

/* Named group `base` + `suffix` ("year" + "2"), if it lies before the cut. */
static const char *piece(const reader *r, const char *base, const char *suffix, size_t *len) {
    char name[32];
    size_t b = strlen(base), s = strlen(suffix), n = 0;
    if (b + s >= sizeof name) return NULL;
    memcpy(name, base, b);
    memcpy(name + b, suffix, s + 1);
    const char *g = ut_match_group(r->m, name, &n);
    if (!g || !n || (size_t)(g - r->t->s) >= r->cut) return NULL;
    if (len) *len = n;
    return g;
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

static void set_part(date_point *p, char kind, int k) {
    p->part[0] = kind;
    p->part[1] = (char)('0' + k);
    p->part[2] = 0;
}

/* Read one point (suffix "" for the start, "2" for the end of a range).
 * Returns 0, or -1 when a group holds something that is not a date. */
static int read_point(const reader *r, const char *sx, date_point *p) {
    const ut_match *m = r->m;
    date_point_clear(p);
    size_t n = 0;
    const char *g;
    if ((g = piece(r, "year", sx, &n))) {
        p->year = digits_value(g, n);
        p->year_two_digits = n == 2;
        if (p->year < 0 || (n != 2 && n != 4)) return -1;
    }
    if ((g = piece(r, "month", sx, &n)) && (p->month = month_value(m, g, n)) < 0) return -1;
    if ((g = piece(r, "day", sx, &n)) && (p->day = digits_value(g, n)) < 0) return -1;
    if ((g = piece(r, "hour", sx, &n)) && (p->hour = digits_value(g, n)) < 0) return -1;
    if ((g = piece(r, "minute", sx, &n)) && (p->minute = digits_value(g, n)) < 0) return -1;
    if ((g = piece(r, "second", sx, &n)) && (p->second = digits_value(g, n)) < 0) return -1;
    const char *code = NULL;
    if ((g = piece(r, "season", sx, &n)) && !(code = lex_value(m, "season", g, n))) return -1;
    if ((g = piece(r, "term", sx, &n)) && !(code = lex_value(m, "date_term", g, n))) return -1;
    if (code) {
        memcpy(p->part, code, 2);
        p->part[2] = 0;
    }
    int k;
    if ((g = piece(r, "quarter", sx, &n))) {
        if ((k = digits_value(g, n)) < 1 || k > 4) return -1;
        set_part(p, 'Q', k);
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

static bool is_lower_ascii(char ch) { return ch >= 'a' && ch <= 'z'; }

/* An abbreviated month ("jan.") with neither year nor "den" is too weak
 * to be a date on its own ("3 jan" in a list of numbers). */
static bool weak_month(const reader *r) {
    size_t n;
    const char *g = piece(r, "month", "", &n);
    if (!g || (g[0] >= '0' && g[0] <= '9')) return false;
    if (piece(r, "year", "", NULL) || piece(r, "year", "2", NULL)) return false;
    if (lex_value(r->m, "month_name", g, n)) return false;
    return !date_word_before(r->t, r->start, "den");
}

/* "29 februari 2021" is a day or nothing: when the day rule finds the day
 * impossible, the month must not survive as "2021-02". */
static bool month_after_a_day(const reader *r) {
    const char *g = piece(r, "month", "", NULL);
    if (!g || piece(r, "day", "", NULL)) return false;
    const ut_text *t = r->t;
    size_t at = (size_t)(g - t->s);
    while (at > 0 && t->s[at - 1] == ' ') at--;
    if (at > 0 && t->s[at - 1] == '.') at--;
    if (at >= 2 && t->s[at - 2] == ':' && (t->s[at - 1] == 'a' || t->s[at - 1] == 'e')) at -= 2;
    return at > 0 && t->s[at - 1] >= '0' && t->s[at - 1] <= '9';
}

/* A month, season or term word without a year (date.word): a range of
 * two month names written out in lower case ("april till juli"), the
 * word "månad" ("December månad"), or a preposition before a lower-case
 * word of three letters or more ("under oktober", "till hösten"; not
 * "från Maj", not "under vt"). */
static bool yearless_word_ok(const reader *r, bool range) {
    static const char *const heads[] = {"month", "season", "term"};
    const char *g = NULL;
    size_t n = 0;
    for (size_t i = 0; i < 3 && !g; i++) g = piece(r, heads[i], "", &n);
    if (!g) return false;
    if (range) {
        size_t n2;
        const char *g2 = piece(r, "month", "2", &n2);
        return g2 && is_lower_ascii(g[0]) && is_lower_ascii(g2[0]) && lex_value(r->m, "month_name", g, n) &&
               lex_value(r->m, "month_name", g2, n2);
    }
    if (piece(r, "named", "", NULL)) return true;
    if ((unsigned char)g[0] < 0x80 && !is_lower_ascii(g[0])) return false;
    if (n < 3 || (piece(r, "month", "", NULL) && !lex_value(r->m, "month_name", g, n))) return false;
    return date_phrase_before(r->m, r->start, "date_cue", NULL);
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

/* The reported span: up to the cut, and back over "den" and a weekday
 * before a day ("måndagen den 3 juni 2019"). */
static void set_span(const reader *r, ut_cand *c, size_t me) {
    size_t start = r->start, end = r->cut < me ? r->cut : me;
    while (end > start && (r->t->s[end - 1] == ' ' || r->t->s[end - 1] == '\n')) end--;
    /* the dot of "jan." belongs to the date, the full stop after "juni." not */
    if (end > start && r->t->s[end - 1] == '.') {
        size_t w = end - 1;
        while (w > start && r->t->s[w - 1] != ' ' && r->t->s[w - 1] != '\n') w--;
        if (lex_value(r->m, "month_name", r->t->s + w, end - 1 - w)) end--;
    }
    if (r->t->s[start] >= '0' && r->t->s[start] <= '9' && date_word_before(r->t, start, "den")) {
        size_t s;
        if (date_phrase_before(r->m, start, "date_day_prefix", &s)) start = s;
    }
    ut_cand_span(c, start, end);
}

typedef enum { READ_PLAIN, READ_WORD, READ_ORDINAL } read_mode;

/* "tredje kvartalet": the ordinal is the word before the match; the span
 * then starts there. */
static bool ordinal_part(reader *r, date_point *a) {
    size_t un;
    const char *unit = piece(r, "unit", "", &un);
    size_t te = r->start;
    while (te > 0 && r->t->s[te - 1] == ' ') te--;
    size_t ts = te;
    while (ts > 0 && r->t->s[ts - 1] != ' ' && r->t->s[ts - 1] != '\n') ts--;
    const char *v = ts < te ? lex_value(r->m, "date_ordinal", r->t->s + ts, te - ts) : NULL;
    if (!unit || !v) return false;
    bool half = unit[0] == 'H' || unit[0] == 'h';
    int k = atoi(v);
    if (k < 1 || k > (half ? 2 : 4)) return false;
    set_part(a, half ? 'H' : 'Q', k);
    r->start = ts;
    return true;
}

/* Read the points of a match into a (and b for a range); 1 if they make
 * a date, 0 if not. */
static int read_points(reader *r, read_mode mode, date_point *a, date_point *b, bool *range) {
    if (weak_month(r) || month_after_a_day(r)) return 0;
    if (read_point(r, "", a) || read_point(r, "2", b)) return 0;
    /* "December månad 2017": a year at the end with nothing else to go
     * with belongs to the single point */
    if (a->year == DATE_UNSET && b->year != DATE_UNSET && b->month == DATE_UNSET && b->day == DATE_UNSET &&
        b->hour == DATE_UNSET && !b->part[0] && (a->month != DATE_UNSET || a->part[0])) {
        a->year = b->year;
        a->year_two_digits = b->year_two_digits;
        b->year = DATE_UNSET;
    }
    if (mode == READ_ORDINAL && !ordinal_part(r, a)) return 0;
    if (!date_point_given(a)) return 0;
    *range = date_point_given(b);
    if (mode == READ_WORD && a->year == DATE_UNSET && b->year == DATE_UNSET && !yearless_word_ok(r, *range))
        return 0;
    /* a two-digit year only after a two-letter term ("Vt 19", "ht19") or in
     * a day a date label introduces (group `dated`: "Datum: 22-11-07") */
    if (a->year_two_digits && !*range) {
        size_t tn;
        bool term = piece(r, "term", "", &tn) && tn == 2;
        if (!term && !piece(r, "dated", "", NULL)) return 0;
    }
    settle_century(a, *range ? b : NULL, false);
    if (*range) {
        settle_century(b, a, true);
        lend(a, b);
        lend(b, a);
        if (!date_point_valid(b) || date_point_compare(a, b) >= 0) return 0;
    }
    return date_point_valid(a);
}

static int read_date(const ut_match *m, ut_cand *c, read_mode mode) {
    reader r = {.m = m};
    size_t me;
    r.t = ut_match_text(m, &r.start, &me);
    size_t match_start = r.start;
    r.cut = memchr(r.t->s + r.start, '\n', me - r.start) ? date_wrap_cut(r.t, r.start, me) : me;
    date_point a, b;
    bool range = false;
    if (!read_points(&r, mode, &a, &b, &range)) {
        /* a range that is no range ("5–3 juni", "kl 13-12", one end out
         * of its column): the first end alone may still be a date */
        const char *to = piece(&r, "to", "", NULL);
        if (!to) to = piece(&r, "hour", "2", NULL);
        if (!to) return 0;
        r.cut = (size_t)(to - r.t->s);
        while (r.cut > r.start && strchr(" -", r.t->s[r.cut - 1])) r.cut--;
        r.start = match_start;
        if (!read_points(&r, mode, &a, &b, &range) || range) return 0;
    }
    int rc = write_value(c, &a, range ? &b : NULL);
    if (rc > 0) set_span(&r, c, me);
    return rc;
}

static int norm_date(const ut_match *m, ut_cand *c) { return read_date(m, c, READ_PLAIN); }
static int norm_word(const ut_match *m, ut_cand *c) { return read_date(m, c, READ_WORD); }
static int norm_ordinal(const ut_match *m, ut_cand *c) { return read_date(m, c, READ_ORDINAL); }

/* "2023/24" only after a label such as "läsåret" (lexicon in the args). */
static int norm_labelled(const ut_match *m, ut_cand *c) {
    size_t ms;
    ut_match_text(m, &ms, NULL);
    const char *lexicon = ut_match_args(m);
    size_t s;
    if (!*lexicon || !date_phrase_before(m, ms, lexicon, &s)) return 0;
    return read_date(m, c, READ_PLAIN);
}

/* Forms whose year is a bare number: the number must stand as a year. */
static int norm_year(const ut_match *m, ut_cand *c) {
    size_t n1, n2;
    const char *y1 = ut_match_group(m, "year", &n1), *y2 = ut_match_group(m, "year2", &n2);
    const ut_text *t = ut_match_text(m, NULL, NULL);
    if (!y1) return 0;
    size_t start = (size_t)(y1 - t->s), end = y2 ? (size_t)(y2 - t->s) + n2 : start + n1;
    if (!date_year_in_context(m, start, end)) return 0;
    return read_date(m, c, READ_PLAIN);
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
    {"date.word", norm_word},
    {"date.ordinal", norm_ordinal},
    {"date.labelled", norm_labelled},
    {"date.year", norm_year},
    {"date.decade", norm_decade},
    {NULL, NULL},
};

static const ut_key date_keys[] = {
    {"grain", UT_KIND_TEXT, UT_KEY_CATEGORY},
    {"unit", UT_KIND_TEXT, UT_KEY_CATEGORY}, /* a range's: the grain of its ends */
    {NULL, 0, 0},
};

const ut_extractor ut_ex_date = {
    .type = "date",
    .group = "number",
    .normalizers = date_normalizers,
    .document_pass = date_clock_pass,
    .keys = date_keys,
    .eval_order = 2,
};
