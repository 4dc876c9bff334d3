/*
 * date_context.c — reading the text around a date match.
 *
 * A four-digit number from 1500 to 2099 is a year in most running text
 * ("sedan 2007", "Kommunbudget 2024", "Miljöpartiet skrev 2012"), so the
 * rules take it by default and this file says when it is NOT one, from
 * the words beside it: a quantity ("ca 2000 personer", "2000 kr"), a
 * number with a label ("nr", "sidan", "tel", "§"), a number written in
 * two groups ("KFKS 2020 965"), or one of a column of bare numbers (the
 * axis of a chart).  The word lists are lexicons (date_not_after,
 * date_not_before), so they grow without touching code.
 *
 * It also checks dates that wrap inside a table cell, where the rule
 * skips the text of the columns to the left on each continuation line.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"

static bool is_space(char ch) { return ch == ' '; }
static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

/* Code points from the start of the line to byte `at`. */
static size_t column_of(const ut_text *t, size_t at) {
    size_t ls = at;
    while (ls > 0 && t->s[ls - 1] != '\n') ls--;
    size_t col = 0;
    for (size_t i = ls; i < at; i++)
        if (((unsigned char)t->s[i] & 0xC0) != 0x80) col++;
    return col;
}

/* Where the table cell holding `at` starts: after the last gap of two or
 * more spaces before it on its line ("Rektorer    Från den 3 oktober"). */
static size_t cell_start(const ut_text *t, size_t at) {
    size_t i = at;
    while (i > 0 && t->s[i - 1] != '\n') {
        if (i >= 2 && is_space(t->s[i - 1]) && is_space(t->s[i - 2])) break;
        i--;
    }
    while (i < at && is_space(t->s[i])) i++;
    return i;
}

size_t date_wrap_cut(const ut_text *t, size_t start, size_t end) {
    size_t col0 = column_of(t, cell_start(t, start));
    for (size_t p = start; p < end; p++) {
        if (t->s[p] != '\n') continue;
        size_t seg = p + 1, seg_end = seg;
        while (seg_end < end && t->s[seg_end] != '\n') seg_end++;
        size_t q = seg;
        while (q < seg_end && is_space(t->s[q])) q++;
        /* the continuation starts after the last gap of two or more
         * spaces that follows other text on the line */
        size_t cont = q;
        for (size_t i = q; i + 1 < seg_end; i++)
            if (is_space(t->s[i]) && is_space(t->s[i + 1])) {
                size_t j = i;
                while (j < seg_end && is_space(t->s[j])) j++;
                if (j < seg_end) cont = j;
                i = j;
            }
        if (cont == q) continue; /* an ordinary line break */
        size_t col = column_of(t, cont);
        if (col + 2 < col0 || col > col0 + 2) return p;
    }
    return end;
}

bool date_word_before(const ut_text *t, size_t at, const char *word) {
    size_t e = at;
    while (e > 0 && is_space(t->s[e - 1])) e--;
    size_t n = strlen(word);
    if (e < n || strncasecmp(t->s + e - n, word, n)) return false;
    /* a whole word: nothing letter-like glued in front */
    if (e == n) return true;
    unsigned char ch = (unsigned char)t->s[e - n - 1];
    return !(ch >= 0x80 || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || is_digit((char)ch));
}

/* The token (run of non-blank characters) that ends before `at`, skipping
 * spaces but not a line break; [*ts, *te) or false. */
static bool token_before(const ut_text *t, size_t at, size_t *ts, size_t *te) {
    size_t e = at;
    while (e > 0 && is_space(t->s[e - 1])) e--;
    size_t s = e;
    while (s > 0 && t->s[s - 1] != ' ' && t->s[s - 1] != '\n') s--;
    if (s == e) return false;
    *ts = s;
    *te = e;
    return true;
}

/* The token that starts after `at`, skipping spaces but not a line break. */
static bool token_after(const ut_text *t, size_t at, size_t *ts, size_t *te) {
    size_t s = at;
    while (s < t->len && is_space(t->s[s])) s++;
    size_t e = s;
    while (e < t->len && t->s[e] != ' ' && t->s[e] != '\n') e++;
    if (s == e) return false;
    *ts = s;
    *te = e;
    return true;
}

/* Look a token up in a lexicon, without the brackets and punctuation
 * that cling to words ("(nr", "kr.", "personer,"). */
static bool token_in(const ut_match *m, const char *lexicon, const ut_text *t, size_t s, size_t e) {
    while (s < e && strchr("([\"'", t->s[s])) s++;
    while (e > s && strchr(".,;:)]\"'!?", t->s[e - 1])) e--;
    return e > s && ut_match_lex(m, lexicon, t->s + s, e - s) != NULL;
}

bool date_phrase_before(const ut_match *m, size_t at, const char *lexicon, size_t *phrase_start) {
    const ut_text *t = ut_match_text(m, NULL, NULL);
    size_t starts[3], ends[3], n = 0, pos = at;
    while (n < 3) {
        size_t e = pos;
        while (e > 0 && (is_space(t->s[e - 1]) || t->s[e - 1] == '\n')) e--;
        size_t s = e;
        while (s > 0 && t->s[s - 1] != ' ' && t->s[s - 1] != '\n') s--;
        if (s == e) break;
        starts[n] = s;
        ends[n] = e;
        n++;
        pos = s;
    }
    /* longest phrase first: "i början av" before "av" */
    for (size_t k = n; k-- > 0;) {
        char buf[96];
        size_t o = 0;
        bool fits = true;
        for (size_t i = k + 1; i-- > 0 && fits;) {
            size_t s = starts[i], e = ends[i];
            /* brackets and punctuation that cling to a word */
            while (s < e && strchr("([\"'", t->s[s])) s++;
            while (e > s && strchr(",;)]\"'", t->s[e - 1])) e--;
            if (o + (e - s) + 1 >= sizeof buf) fits = false;
            else {
                if (o) buf[o++] = ' ';
                memcpy(buf + o, t->s + s, e - s);
                o += e - s;
            }
        }
        if (fits && o && ut_match_lex(m, lexicon, buf, o)) {
            if (phrase_start) *phrase_start = starts[k];
            return true;
        }
    }
    return false;
}

/* A capitalised word ending like a street name ("Storgatan"): the
 * number after it is a street number. */
static bool street_name(const ut_match *m, const ut_text *t, size_t s, size_t e) {
    if (e - s < 4) return false;
    unsigned char first = (unsigned char)t->s[s], second = (unsigned char)t->s[s + 1];
    /* A-Z, or Å Ä Ö É (0xC3 then 0x80-0x9F; the lower-case ones are 0xA0-0xBF) */
    bool capital = (first >= 'A' && first <= 'Z') || (first == 0xC3 && second < 0xA0);
    if (!capital) return false;
    for (size_t k = s + 1; k + 2 < e; k++) {
        if (((unsigned char)t->s[k] & 0xC0) == 0x80) continue; /* inside a UTF-8 character */
        if (ut_match_lex(m, "date_street", t->s + k, e - k)) return true;
    }
    return false;
}

static bool looks_like_year(const ut_text *t, size_t s, size_t n) {
    if (n != 4) return false;
    int y = atoi(t->s + s);
    return y >= 1500 && y <= 2099;
}

/* Is the line holding [s,e) nothing but a number (with its spaces,
 * signs, decimal commas and thousands groups)? */
static bool line_is_bare_number(const ut_text *t, size_t ls, size_t le) {
    bool digit = false;
    for (size_t i = ls; i < le; i++) {
        char ch = t->s[i];
        if (is_digit(ch)) digit = true;
        else if (!strchr(" ,.-+%", ch)) return false;
    }
    return digit;
}

/* The nearest non-blank line above (dir -1) or below (dir +1) the line
 * [ls,le); false if none. */
static bool neighbour_line(const ut_text *t, size_t ls, size_t le, int dir, size_t *ns, size_t *ne) {
    for (;;) {
        if (dir < 0) {
            if (ls == 0) return false;
            le = ls - 1;
            ls = le;
            while (ls > 0 && t->s[ls - 1] != '\n') ls--;
        } else {
            if (le >= t->len) return false;
            ls = le + 1;
            le = ls;
            while (le < t->len && t->s[le] != '\n') le++;
        }
        size_t i = ls;
        while (i < le && is_space(t->s[i])) i++;
        if (i < le) {
            *ns = ls;
            *ne = le;
            return true;
        }
    }
}

/* Is [s,e) a number that is not a year: "265", "6,45", "-1 161", "12 %"? */
static bool cell_is_other_number(const ut_text *t, size_t s, size_t e) {
    size_t digits = 0;
    for (size_t i = s; i < e; i++) {
        if (is_digit(t->s[i])) digits++;
        else if (!strchr(" ,.-+%", t->s[i])) return false;
    }
    if (!digits) return false;
    return !(e - s == 4 && looks_like_year(t, s, 4));
}

/* The first cell of the line [ls,le) as a year, or -1. */
static int first_cell_year(const ut_text *t, size_t ls, size_t le) {
    size_t i = ls;
    while (i < le && is_space(t->s[i])) i++;
    size_t d = i;
    while (d < le && is_digit(t->s[d])) d++;
    if (d - i != 4 || !looks_like_year(t, i, 4)) return -1;
    if (d < le && !(is_space(t->s[d]) && d + 1 < le && is_space(t->s[d + 1]))) return -1;
    return atoi(t->s + i);
}

/* A row of a table whose first column is a year ("2019   120   4,5" above
 * "2020   131   4,8"): the row's first cell, and the first cell of the
 * line above or below is a year within ten of it, so the column counts
 * years (GUIDE.md: years in tables count), not values. */
static bool year_column_row(const ut_text *t, size_t start, size_t ls, size_t le) {
    int y = first_cell_year(t, ls, le);
    size_t i = ls;
    while (i < le && is_space(t->s[i])) i++;
    if (y < 0 || i != start) return false;
    for (int dir = -1; dir <= 1; dir += 2) {
        size_t ns, ne;
        if (!neighbour_line(t, ls, le, dir, &ns, &ne)) continue;
        int z = first_cell_year(t, ns, ne);
        if (z >= 0 && z != y && abs(z - y) <= 10) return true;
    }
    return false;
}

/* In a table row (cells apart by two spaces or more), a four-digit number
 * beside cells of other numbers is a value ("Elever   1850   1 920   265"),
 * not a column heading ("budget   2018   2019"); date_year_in_context
 * first lets through the first cell of a year column (year_column_row). */
static bool value_in_table_row(const ut_text *t, size_t start, size_t end) {
    bool gap_before = start == 0 || t->s[start - 1] == '\n' || (start >= 2 && is_space(t->s[start - 1]) &&
                                                                  is_space(t->s[start - 2]));
    bool gap_after = end >= t->len || t->s[end] == '\n' || (end + 1 < t->len && is_space(t->s[end]) &&
                                                              is_space(t->s[end + 1]));
    if (!gap_before || !gap_after) return false;
    size_t ls = start, le = end;
    while (ls > 0 && t->s[ls - 1] != '\n') ls--;
    while (le < t->len && t->s[le] != '\n') le++;
    /* walk the cells of the line */
    size_t i = ls;
    while (i < le) {
        while (i < le && is_space(t->s[i])) i++;
        size_t cs = i;
        while (i < le && !(is_space(t->s[i]) && i + 1 < le && is_space(t->s[i + 1]))) i++;
        size_t ce = i;
        while (ce > cs && is_space(t->s[ce - 1])) ce--;
        if (ce > cs && cs != start && cell_is_other_number(t, cs, ce)) return true;
    }
    return false;
}

bool date_year_in_context(const ut_match *m, size_t start, size_t end) {
    const ut_text *t = ut_match_text(m, NULL, NULL);
    size_t ts, te;

    /* a label or a word of quantity before it: "nr 2019", "ca 2000" */
    if (token_before(t, start, &ts, &te)) {
        if (token_in(m, "date_not_after", t, ts, te)) return false;
        /* after a month name it belongs to a date that the date rules
         * found impossible ("29 februari 2021") */
        if (token_in(m, "month", t, ts, te)) return false;
        if (street_name(m, t, ts, te)) return false;
        size_t ps, pe;
        if (token_before(t, ts, &ps, &pe) && te - ps < 40) {
            /* two-word labels: "mer än 2000" */
            if (token_in(m, "date_not_after", t, ps, te)) return false;
        }
    }

    /* a unit or counted noun after it: "2000 kr", "1500 elever" */
    if (token_after(t, end, &ts, &te)) {
        bool one_space = ts == end + 1;
        if (is_digit(t->s[ts])) {
            /* "KFKS 2020 965", "2 019 000": the number goes on in a
             * second group; a following year ("2019 2020") is a
             * column heading, and a short number may be a table value */
            size_t d = ts;
            while (d < t->len && is_digit(t->s[d])) d++;
            size_t n = d - ts;
            bool glued_on = d < t->len && (is_digit(t->s[d]) || t->s[d] == '/' || t->s[d] == ':');
            if (one_space && n >= 3 && !(looks_like_year(t, ts, n) && !glued_on)) return false;
        } else if (token_in(m, "date_not_before", t, ts, te)) return false;
    }

    size_t ls = start, le = end;
    while (ls > 0 && t->s[ls - 1] != '\n') ls--;
    while (le < t->len && t->s[le] != '\n') le++;
    if (year_column_row(t, start, ls, le)) return true;

    if (value_in_table_row(t, start, end)) return false;

    /* alone on its line between lines that are bare numbers: the axis of
     * a chart or a column of values, not a year */
    if (line_is_bare_number(t, ls, le)) {
        size_t ns, ne;
        if (neighbour_line(t, ls, le, -1, &ns, &ne) && line_is_bare_number(t, ns, ne)) return false;
        if (neighbour_line(t, ls, le, +1, &ns, &ne) && line_is_bare_number(t, ns, ne)) return false;
    }
    return true;
}
