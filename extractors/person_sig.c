/*
 * person_sig.c — where a name stands on the page.
 *
 * PDF text (pdftotext -layout) keeps columns as runs of spaces, so a
 * signature block of two signers is one line of two names over one line of
 * two roles.  Lines are cut into segments at runs of two or more spaces
 * (or a table's `|`); a name's column is its character offset in its line,
 * and the role of a signer is the segment of the line above or below that
 * overlaps that column.
 */
#include <string.h>

#include "person_int.h"

typedef struct seg {
    size_t s, e;       /* byte span in the text, trimmed */
    size_t c0, c1;     /* character columns */
} seg;

static size_t line_start(const ut_text *t, size_t p) {
    while (p > 0 && t->s[p - 1] != '\n') p--;
    return p;
}

static size_t line_end(const ut_text *t, size_t p) {
    const char *nl = memchr(t->s + p, '\n', t->len - p);
    return nl ? (size_t)(nl - t->s) : t->len;
}

static size_t columns(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
    return c;
}

static bool blank(const ut_text *t, size_t ls, size_t le) {
    for (size_t i = ls; i < le; i++)
        if (t->s[i] != ' ') return false;
    return true;
}

/* The segments of line [ls, le): at most `max` of them. */
static size_t segments(const ut_text *t, size_t ls, size_t le, seg *out, size_t max) {
    size_t n = 0, i = ls;
    while (i < le && n < max) {
        while (i < le && (t->s[i] == ' ' || t->s[i] == '|')) i++;
        if (i >= le) break;
        size_t s = i;
        while (i < le && t->s[i] != '|' && !(t->s[i] == ' ' && (i + 1 >= le || t->s[i + 1] == ' '))) i++;
        size_t e = i;
        while (e > s && t->s[e - 1] == ' ') e--;
        out[n].s = s;
        out[n].e = e;
        out[n].c0 = columns(t->s + ls, s - ls);
        out[n].c1 = out[n].c0 + columns(t->s + s, e - s);
        n++;
    }
    return n;
}

#define MAXSEG 16

/* The segment of line [ls, le) overlapping columns [c0, c1), or false. */
static bool seg_at(const ut_text *t, size_t ls, size_t le, size_t c0, size_t c1, seg *out) {
    seg sg[MAXSEG];
    size_t n = segments(t, ls, le, sg, MAXSEG);
    for (size_t i = 0; i < n; i++)
        if (sg[i].c0 < c1 && sg[i].c1 > c0) {
            *out = sg[i];
            return true;
        }
    return false;
}

/* The next non-blank line after the line ending at `le`, skipping at most
 * `gap` blank lines.  false at the end of the text or past the gap. */
static bool next_line(const ut_text *t, size_t le, int gap, size_t *ls_out, size_t *le_out) {
    for (int blanks = 0; le < t->len; blanks++) {
        size_t ls = le + 1, e = line_end(t, ls);
        if (!blank(t, ls, e)) {
            *ls_out = ls;
            *le_out = e;
            return true;
        }
        if (blanks >= gap) return false;
        le = e;
    }
    return false;
}

static bool prev_line(const ut_text *t, size_t ls, int gap, size_t *ls_out, size_t *le_out) {
    for (int blanks = 0; ls > 0; blanks++) {
        size_t e = ls - 1, s = line_start(t, e);
        if (!blank(t, s, e)) {
            *ls_out = s;
            *le_out = e;
            return true;
        }
        if (blanks >= gap) return false;
        ls = s;
    }
    return false;
}

/* A phone number or postcode of a letterhead: digits, spaces and dashes. */
static bool phone_like(const ut_text *t, const seg *g) {
    size_t digits = 0;
    for (size_t i = g->s; i < g->e; i++) {
        unsigned char b = (unsigned char)t->s[i];
        if (b >= '0' && b <= '9') digits++;
        else if (!strchr(" -+()", b) && b < 0x80) return false;
        else if (b >= 0x80 && b != 0xE2 && b != 0x80 && b != 0x93) return false; /* – */
    }
    return digits >= 5;
}

static size_t word_end(const ut_text *t, size_t i, size_t e) {
    while (i < e && t->s[i] != ' ') i++;
    return i;
}

/* A role line's segment: a role word or a two-word post first (maybe
 * after Tf.), at most five words.  Sets "role".  1 found, 0 not, -1 out of memory. */
static int role_segment(const ut_match *m, ut_cand *c, const ut_text *t, const seg *g) {
    size_t words = 0;
    for (size_t i = g->s; i < g->e; i++)
        if (t->s[i] != ' ' && (i == g->s || t->s[i - 1] == ' ')) words++;
    if (words > 5) return 0;
    size_t w0 = g->s, w1 = word_end(t, w0, g->e);
    if (w1 - w0 <= 6 && t->s[w1 - 1] == '.' && w1 < g->e) w1 = word_end(t, w1 + 1, g->e); /* Tf. X */
    size_t first = w0;
    while (first < w1 && t->s[first] != ' ') first++;
    size_t rs = first < w1 ? first + 1 : w0;
    if (!person_is_role_word(m, t->s + rs, w1 - rs)) {
        /* two-word posts of the lexicon: `Vice ordförande`, `Verkställande direktör` */
        size_t w2 = w1 < g->e ? word_end(t, w1 + 1, g->e) : w1;
        if (w2 == w1 || !ut_match_lex(m, "role", t->s + rs, w2 - rs)) return 0;
        return person_set_role(m, c, t->s + w0, w2 - w0);
    }
    /* `Chef verksamhetsstödet Välfärd skola`: a bare chef takes the next
     * lower-case word */
    if (w1 - rs == 4 && !strncmp(t->s + rs + 1, "hef", 3) && w1 + 1 < g->e) {
        unsigned char nx = (unsigned char)t->s[w1 + 1], nx2 = (unsigned char)t->s[w1 + 2];
        size_t e2 = word_end(t, w1 + 1, g->e);
        /* lower case, or a long capitalised common noun (`Chef Verksamhetsstödet`) */
        if ((nx >= 'a' && nx <= 'z') || (nx >= 'A' && nx <= 'Z' && nx2 >= 'a' && nx2 <= 'z' && e2 - w1 > 9)) w1 = e2;
    }
    return person_set_role(m, c, t->s + w0, w1 - w0);
}

static bool all_caps(const ut_text *t, const seg *g) {
    bool letter = false;
    for (size_t i = g->s; i < g->e; i++) {
        unsigned char b = (unsigned char)t->s[i];
        if (b >= 'a' && b <= 'z') return false;
        if (b == 0xC3 && i + 1 < g->e && (unsigned char)t->s[i + 1] >= 0xA0) return false; /* å ä ö é */
        if ((b >= 'A' && b <= 'Z') || b >= 0xC3) letter = true;
    }
    return letter;
}

int person_column_heading(const ut_match *m, ut_cand *c, size_t ns, size_t ne) {
    size_t ms;
    const ut_text *t = ut_match_text(m, &ms, NULL);
    size_t ls = line_start(t, ns), le = line_end(t, ns);
    if (ne > le) return 0;
    seg me;
    size_t c0 = columns(t->s + ls, ns - ls), c1 = c0 + columns(t->s + ns, ne - ns);
    /* only a name that fills its cell: never a name in running text */
    if (!seg_at(t, ls, le, c0, c1, &me) || me.s != ns || me.e != ne) return 0;
    for (int k = 0; k < 12; k++) {
        size_t pls, ple;
        if (!prev_line(t, ls, 0, &pls, &ple)) return 0;
        seg g;
        if (seg_at(t, pls, ple, c0, c1, &g) && all_caps(t, &g)) {
            const char *v = ut_match_lex(m, "role", t->s + g.s, g.e - g.s);
            if (v) return ut_cand_str(c, "role", "%s", v) ? -1 : 0;
            return 0;
        }
        ls = pls;
    }
    return 0;
}

static bool line_has_cue(const ut_match *m, const ut_text *t, size_t ls, size_t le) {
    size_t i = ls;
    while (i < le) {
        while (i < le && !(((unsigned char)t->s[i] >= 0x80) || (t->s[i] >= 'A' && t->s[i] <= 'Z') ||
                           (t->s[i] >= 'a' && t->s[i] <= 'z')))
            i++;
        size_t s = i;
        while (i < le && (((unsigned char)t->s[i] >= 0x80) || (t->s[i] >= 'A' && t->s[i] <= 'Z') ||
                          (t->s[i] >= 'a' && t->s[i] <= 'z')))
            i++;
        if (i > s && ut_match_lex(m, "person_signature_cue", t->s + s, i - s)) return true;
    }
    /* `Stockholm den 13 januari 1965`, `Kungsbacka den 2023-12-01` */
    const char *den = NULL;
    for (size_t j = ls; j + 5 < le; j++)
        if (!memcmp(t->s + j, " den ", 5)) { den = t->s + j; break; }
    if (den && le - ls < 60 && den + 5 < t->s + le) {
        char d = den[5];
        return (d >= '0' && d <= '9') || d == '/' || d == '?';
    }
    return false;
}

static bool line_has_name(const ut_match *m, const ut_text *t, size_t ls, size_t le) {
    seg sg[MAXSEG];
    size_t n = segments(t, ls, le, sg, MAXSEG);
    for (size_t i = 0; i < n; i++)
        if (person_looks_like_name(m, t->s + sg[i].s, t->s + sg[i].e)) return true;
    return false;
}

int person_layout_look(const ut_match *m, ut_cand *c, size_t ns, size_t ne, bool multi, person_layout *out) {
    size_t ms;
    const ut_text *t = ut_match_text(m, &ms, NULL);
    memset(out, 0, sizeof *out);
    size_t ls = line_start(t, ns), le = line_end(t, ne);
    size_t nl = line_end(t, ns);
    size_t c0 = columns(t->s + ls, ns - ls), c1 = c0 + columns(t->s + ns, (ne < nl ? ne : nl) - ns);
    /* other signers on the same line, in other columns */
    seg sg[MAXSEG];
    size_t n = segments(t, ls, le, sg, MAXSEG);
    for (size_t i = 0; i < n && !multi; i++)
        if ((sg[i].c1 <= c0 || sg[i].c0 >= c1) && person_looks_like_name(m, t->s + sg[i].s, t->s + sg[i].e))
            multi = true;
    /* role line above (Förvaltningschef / blank / Fredrik Jurdell) */
    size_t pls, ple;
    int rc = 0;
    if (prev_line(t, ls, 2, &pls, &ple)) {
        seg g;
        bool have = seg_at(t, pls, ple, c0, c1, &g);
        if (!have) { /* `Underskrifter   Sekreterare` over an indented name */
            size_t pn = segments(t, pls, ple, sg, MAXSEG);
            if (pn && sg[pn - 1].c1 <= c0) { g = sg[pn - 1]; have = true; }
        }
        if (have && (rc = role_segment(m, c, t, &g)) < 0) return -1;
    }
    /* role line below, past letterhead labels (Besöksadress, a phone number) */
    size_t bl = le;
    for (int k = 0; !rc && k < 3; k++) {
        size_t nls, nle;
        if (!next_line(t, bl, 2, &nls, &nle)) break;
        bl = nle;
        seg g;
        if (!seg_at(t, nls, nle, c0, c1, &g)) continue;
        if ((rc = role_segment(m, c, t, &g)) < 0) return -1;
        if (rc) break;
        size_t w1 = word_end(t, g.s, g.e);
        if (!phone_like(t, &g) && !ut_match_lex(m, "person_label", t->s + g.s, g.e - g.s) &&
            !ut_match_lex(m, "person_label", t->s + g.s, w1 - g.s))
            break;
    }
    if (!rc && person_column_heading(m, c, ns, ne) < 0) return -1;
    out->role_found = rc > 0 || ut_cand_attr(c, "role");
    /* a closing formula on this line or the four lines above */
    bool cue = line_has_cue(m, t, ls, le);
    size_t cl = ls;
    for (int k = 0; !cue && k < 4; k++) {
        if (!prev_line(t, cl, 3, &pls, &ple)) break;
        cue = line_has_cue(m, t, pls, ple);
        cl = pls;
    }
    /* the last lines of the document */
    size_t nls, nle, after = 0, cur = le;
    while (after <= 1 && next_line(t, cur, 1000, &nls, &nle)) {
        after++;
        cur = nle;
    }
    bool near_end = after <= 1;
    /* other signers beside it and on the lines next to it: a block of names
     * (a line of two capitalised pairs alone is as likely a table heading) */
    bool block = false;
    if (multi && next_line(t, le, 3, &nls, &nle) && line_has_name(m, t, nls, nle)) block = true;
    if (multi && !block && prev_line(t, ls, 3, &pls, &ple) && line_has_name(m, t, pls, ple)) block = true;
    out->signer = out->role_found || cue || near_end || block;
    return 0;
}

bool person_next_to_name(const ut_match *m, size_t ns, size_t ne) {
    size_t ms;
    const ut_text *t = ut_match_text(m, &ms, NULL);
    size_t ls = line_start(t, ns), le = line_end(t, ne), ols, ole;
    if (next_line(t, le, 1, &ols, &ole) && line_has_name(m, t, ols, ole)) return true;
    return prev_line(t, ls, 1, &ols, &ole) && line_has_name(m, t, ols, ole);
}

bool person_wrapped_word(const ut_match *m, size_t ns, size_t ne, const char **ws, size_t *wn) {
    size_t ms;
    const ut_text *t = ut_match_text(m, &ms, NULL);
    size_t ls = line_start(t, ns), le = line_end(t, ns);
    size_t c0 = columns(t->s + ls, ns - ls), c1 = c0 + columns(t->s + ns, ne - ns);
    if (le >= t->len) return false;
    size_t nls = le + 1, nle = line_end(t, nls);
    seg g;
    if (!seg_at(t, nls, nle, c0, c1, &g)) return false;
    const char *s = t->s + g.s;
    size_t n = g.e - g.s;
    if (memchr(s, ' ', n) || !n) return false;
    unsigned char b = (unsigned char)s[0];
    if (!((b >= 'A' && b <= 'Z') || b == 0xC3)) return false;
    for (size_t i = 1; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9') return false;
    if (person_is_nonname(m, s, n)) return false;
    *ws = s;
    *wn = n;
    return true;
}
