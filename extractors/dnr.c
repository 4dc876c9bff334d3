/*
 * dnr.c — case and document numbers ("diarienummer").
 *
 * The rules (rules/dnr.rules) find the identifier and its label; this file
 * writes the value the GUIDE asks for: the identifier without its label,
 * series letters upper case, white space runs as one space, digits as
 * written.  Named groups a dnr rule may set:
 *   id      the identifier (required; the reported span)
 *   series  the series letters (KS, KFKS, U, SOU...)
 *   year    the year part (2020, 2013/14 → 2013)
 *   number  the running number, leading zeros kept
 * Where a rule has no year or number group they are read off the id.
 *
 * Normalizers:
 *   dnr [labelled|labelled-number|unlabelled|riksmote]   see dnr.rules
 *   dnr.cited    "(2013:44)": kept when the nearest naming word before it
 *                names a document (motion, betänkande), not a statute
 *   dnr.orphan   "2017/1178" at a line start whose series letters were left
 *                dangling at the end of an earlier line
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "extractor.h"

/* Longest value we write; ids are short, a longer match is not an id. */
#define DNR_MAX 128
/* How far back dnr.cited looks for the word naming the cited document. */
#define CITED_WINDOW 320
/* How far back dnr.orphan looks for dangling series letters (a page
 * footer and header may stand between). */
#define ORPHAN_WINDOW 1200

static bool is_space(char ch) { return ch == ' ' || ch == '\n'; }
static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

/* Upper-case a Swedish series letter in place: ASCII, or the two-byte
 * Latin-1 letters å ä ö é (second byte 0xA0..0xBE, not ÷). */
static size_t upcase_letter(char *p) {
    unsigned char b = (unsigned char)p[0];
    if (b >= 'a' && b <= 'z') { p[0] = (char)(b - 32); return 1; }
    if (b == 0xC3 && p[1]) {
        unsigned char b2 = (unsigned char)p[1];
        if (b2 >= 0xA0 && b2 <= 0xBE && b2 != 0xB7) p[1] = (char)(b2 - 0x20);
        return 2;
    }
    return 1;
}

/* A run of 4 digits that reads as a year of a case (1800..2099). */
static int year_at(const char *s, size_t n) {
    if (n < 4 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3])) return 0;
    if (n > 4 && is_digit(s[4])) return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    return y >= 1800 && y <= 2099 ? y : 0;
}

/* The id ends in a calendar date "YYYY-MM-DD": a meeting date after a
 * committee's letters (KSSU 2021-01-26), not a case number. */
static bool ends_in_date(const char *id, size_t n) {
    if (n < 10) return false;
    const char *d = id + n - 10;
    if (n > 10 && (is_digit(d[-1]) || d[-1] == '-')) return false;
    if (!year_at(d, 10) || d[4] != '-' || d[7] != '-') return false;
    if (!is_digit(d[5]) || !is_digit(d[6]) || !is_digit(d[8]) || !is_digit(d[9])) return false;
    int mo = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
    return mo >= 1 && mo <= 12 && day >= 1 && day <= 31;
}

/* "2019/20", "2019/2020": a period of two years (a school or budget year)
 * rather than number 20 of 2019. */
static bool is_year_pair(int year, const char *num, size_t nn) {
    if (!year || nn == 0) return false;
    int v = 0;
    for (size_t i = 0; i < nn; i++) {
        if (!is_digit(num[i])) return false;
        v = v * 10 + (num[i] - '0');
    }
    if (nn == 2) return v == (year + 1) % 100;
    if (nn == 4) return v == year + 1;
    return false;
}

/* Write the value: the id with white space runs collapsed and the series
 * letters (the span [series, series+sn) of the text) upper-cased.
 * `prefix` (may be NULL) is put before it with one space.  Sets the series
 * attribute.  1 ok, 0 too long, -1 out of memory. */
static int write_value(ut_cand *c, const char *prefix, const char *id, size_t n, const char *series, size_t sn) {
    char buf[DNR_MAX + 1];
    size_t o = 0, s_from = 0, s_to = 0;
    if (prefix) {
        size_t pn = strlen(prefix);
        if (pn + 1 > DNR_MAX) return 0;
        memcpy(buf, prefix, pn);
        o = pn;
        buf[o++] = ' ';
        s_to = pn;
    }
    for (size_t i = 0; i < n; i++) {
        const char *p = id + i;
        if (is_space(*p)) {
            if (o && buf[o - 1] != ' ') {
                if (o >= DNR_MAX) return 0;
                buf[o++] = ' ';
            }
            continue;
        }
        if (o >= DNR_MAX) return 0;
        if (series && p == series) s_from = o;
        buf[o++] = *p;
        if (series && p + 1 == series + sn) s_to = o;
    }
    while (o && buf[o - 1] == ' ') o--;
    buf[o] = 0;
    if (series && s_to > s_from)
        for (size_t i = s_from; i < s_to;) i += upcase_letter(buf + i);
    if (ut_cand_value(c, "%s", buf)) return -1;
    if (s_to > s_from && ut_cand_str(c, "series", "%.*s", (int)(s_to - s_from), buf + s_from)) return -1;
    return 1;
}

/* The year and number attributes: from the rule's groups, else the first
 * year-looking run of the id and the digits after it. */
static int write_year_number(const ut_match *m, ut_cand *c, const char *id, size_t n) {
    size_t yn = 0, nn = 0;
    const char *year = ut_match_group(m, "year", &yn);
    if (!year) year = ut_match_group(m, "year2", &yn);
    const char *num = ut_match_group(m, "number", &nn);
    if (!year) {
        /* only a year of our era: "K 1803-23" is number 1803 of (20)23 */
        for (size_t i = 0; i + 4 <= n; i++)
            if ((i == 0 || !is_digit(id[i - 1])) && year_at(id + i, n - i) >= 1900) {
                year = id + i;
                yn = 4;
                break;
            }
    }
    if (!num && year && year + yn + 1 < id + n && !is_digit(year[yn])) {
        num = year + yn + 1;
        while (nn < (size_t)(id + n - num) && is_digit(num[nn])) nn++;
        if (!nn) num = NULL;
    }
    if (!num && !year) {
        /* no year: the running number is the first run of digits */
        size_t i = 0;
        while (i < n && !is_digit(id[i])) i++;
        num = id + i;
        while (i + nn < n && is_digit(id[i + nn])) nn++;
        if (!nn) num = NULL;
    }
    int y = year ? year_at(year, yn) : 0;
    if (y && ut_cand_int(c, "year", y)) return -1;
    if (num && nn && ut_cand_str(c, "number", "%.*s", (int)nn, num)) return -1;
    return 0;
}

/* Checks a rule asks for through its argument; false rejects the match. */
static bool passes(const char *mode, const ut_match *m, const char *id, size_t n, bool has_series) {
    size_t yn = 0, nn = 0;
    const char *year = ut_match_group(m, "year", &yn);
    const char *num = ut_match_group(m, "number", &nn);
    int y = year ? year_at(year, yn) : 0;
    if (!strcmp(mode, "labelled")) {
        if (ends_in_date(id, n)) return false;
        size_t digits = 0;
        for (size_t i = 0; i < n; i++) digits += is_digit(id[i]);
        bool all_digits = digits == n;
        /* "ärende nr 17" is an agenda item and "Dnr 2020" no id at all:
         * a bare number is an id only when it is long and not a year. */
        if (all_digits && !has_series && (n < 4 || (n == 4 && year_at(id, n)))) return false;
        /* "Beteckning A1" names a drawing, not a case */
        return digits >= 3;
    }
    if (!strcmp(mode, "unlabelled")) {
        if (num && is_year_pair(y, num, nn)) return false;
        /* "EU 2014-2020": a range of years, not number 2020 */
        if (num && nn == 4 && year_at(num, nn) > y) return false;
        return true;
    }
    if (!strcmp(mode, "riksmote")) {
        /* "2013/14": the session runs over two consecutive years. */
        if (!y || yn < 4 || year[4] != '/' || !is_digit(year[5]) || !is_digit(year[6])) return false;
        return (year[5] - '0') * 10 + (year[6] - '0') == (y + 1) % 100;
    }
    return true;
}

static int norm_dnr(const ut_match *m, ut_cand *c) {
    size_t n, sn = 0;
    const char *id = ut_match_group(m, "id", &n);
    if (!id || !n) return 0;
    const char *series = ut_match_group(m, "series", &sn);
    if (series && !sn) series = NULL;
    /* "PBL 2010:900", "SFS 2010:800": a statute's letters, not a series */
    if (series && ut_match_lex(m, "dnr_statute", series, sn)) return 0;
    if (!passes(ut_match_args(m), m, id, n, series != NULL)) return 0;
    const ut_text *t = ut_match_text(m, NULL, NULL);
    ut_cand_span(c, (size_t)(id - t->s), (size_t)(id - t->s) + n);
    int r = write_value(c, NULL, id, n, series, sn);
    if (r <= 0) return r;
    return write_year_number(m, c, id, n) ? -1 : 1;
}

/* ---- dnr.cited ------------------------------------------------------- */

/* A word ending a statute's name: skollagen, miljöbalken, skolförordningen. */
static bool statute_compound(const char *w, size_t n) {
    static const char *const endings[] = {"lagen", "lagens", "balken", "balkens", "förordningen", "förordningens", NULL};
    for (size_t i = 0; endings[i]; i++) {
        size_t en = strlen(endings[i]);
        if (n >= en && !strncmp(w + n - en, endings[i], en)) return true;
    }
    return false;
}

static bool word_byte(unsigned char b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b >= 0x80 || b == '.';
}

/* Walk back over the words before `at` (within the paragraph and the
 * window): +1 when the nearest naming word names a document, -1 when it
 * names a statute, 0 when there is none. */
static int nearest_naming_word(const ut_match *m, const char *text, size_t at) {
    size_t stop = at > CITED_WINDOW ? at - CITED_WINDOW : 0;
    size_t i = at;
    while (i > stop) {
        /* a blank line ends the paragraph the citation stands in */
        if (text[i - 1] == '\n') {
            size_t j = i - 1;
            while (j > stop && text[j - 1] == ' ') j--;
            if (j > stop && text[j - 1] == '\n') return 0;
        }
        if (!word_byte((unsigned char)text[i - 1])) { i--; continue; }
        size_t end = i;
        while (i > stop && word_byte((unsigned char)text[i - 1])) i--;
        const char *w = text + i;
        size_t wn = end - i;
        while (wn && w[wn - 1] == '.') wn--; /* a word ending a sentence */
        if (!wn) continue;
        if (ut_match_lex(m, "dnr_statute", w, wn) || statute_compound(w, wn)) return -1;
        if (ut_match_lex(m, "dnr_document", w, wn)) return 1;
    }
    return 0;
}

static int norm_cited(const ut_match *m, ut_cand *c) {
    size_t start, n;
    const ut_text *t = ut_match_text(m, &start, NULL);
    if (!ut_match_group(m, "id", &n)) return 0;
    if (nearest_naming_word(m, t->s, start) <= 0) return 0;
    return norm_dnr(m, c);
}

/* ---- dnr.orphan ------------------------------------------------------ */

/* Length of the series letters ending the line [ls, le) — 2..6 capitals,
 * alone or after a space — or 0. */
static size_t dangling_series(const char *ls, const char *le) {
    while (le > ls && le[-1] == ' ') le--;
    const char *p = le;
    size_t letters = 0;
    while (p > ls) {
        unsigned char b = (unsigned char)p[-1];
        if (b >= 'A' && b <= 'Z') { p--; letters++; continue; }
        /* Å Ä Ö: C3 85, C3 84, C3 96 */
        if (p - 1 > ls && (unsigned char)p[-2] == 0xC3 && (b == 0x85 || b == 0x84 || b == 0x96)) {
            p -= 2;
            letters++;
            continue;
        }
        break;
    }
    if (letters < 2 || letters > 6 || (p > ls && p[-1] != ' ')) return 0;
    return (size_t)(le - p);
}

/* Does the text use `series` before a "YYYY/" number on the same line
 * somewhere (so the dangling letters are this document's dnr series)? */
static bool series_in_use(const ut_text *t, const char *series, size_t sn) {
    const char *p = t->s, *end = t->s + t->len;
    while (p + sn + 6 <= end) {
        const char *hit = memchr(p, series[0], (size_t)(end - p));
        if (!hit || hit + sn + 6 > end) return false;
        if (!memcmp(hit, series, sn) && (hit == t->s || !word_byte((unsigned char)hit[-1]))) {
            const char *q = hit + sn;
            while (q < end && *q == ' ') q++;
            if (q + 5 <= end && q > hit + sn && year_at(q, (size_t)(end - q)) && q[4] == '/') return true;
        }
        p = hit + 1;
    }
    return false;
}

static int norm_orphan(const ut_match *m, ut_cand *c) {
    size_t n, yn = 0, nn = 0;
    const char *id = ut_match_group(m, "id", &n);
    const char *year = ut_match_group(m, "year", &yn);
    const char *num = ut_match_group(m, "number", &nn);
    if (!id || !year || !num) return 0;
    if (is_year_pair(year_at(year, yn), num, nn)) return 0;
    const ut_text *t = ut_match_text(m, NULL, NULL);
    const char *line = id;
    while (line > t->s && line[-1] != '\n') line--;
    const char *stop = line - t->s > ORPHAN_WINDOW ? line - ORPHAN_WINDOW : t->s;
    const char *next_line = line; /* the line after the one being looked at */
    while (next_line > stop) {
        const char *le = next_line - 1, *ls = le;
        while (ls > t->s && ls[-1] != '\n') ls--;
        size_t sn = dangling_series(ls, le);
        if (sn) {
            const char *series = le;
            while (series > ls && series[-1] == ' ') series--;
            series -= sn;
            /* letters directly followed by a number were that number's */
            const char *q = next_line;
            while (q < t->s + t->len && *q == ' ') q++;
            bool used = next_line != line && q < t->s + t->len && is_digit(*q);
            if (used || !series_in_use(t, series, sn)) return 0;
            char prefix[16];
            memcpy(prefix, series, sn);
            prefix[sn] = 0;
            ut_cand_span(c, (size_t)(id - t->s), (size_t)(id - t->s) + n);
            int r = write_value(c, prefix, id, n, NULL, 0);
            if (r <= 0) return r;
            return write_year_number(m, c, id, n) ? -1 : 1;
        }
        next_line = ls;
    }
    return 0;
}

static const ut_normalizer dnr_normalizers[] = {
    {"dnr", norm_dnr},
    {"dnr.cited", norm_cited},
    {"dnr.orphan", norm_orphan},
    {NULL, NULL},
};

static const ut_key dnr_keys[] = {
    {"series", UT_KIND_TEXT, UT_KEY_CATEGORY},
    {"year", UT_KIND_INTEGER, 0},
    {"number", UT_KIND_TEXT, 0}, /* as written: "00658" keeps its zeros */
    {NULL, 0, 0},
};

const ut_extractor ut_ex_dnr = {
    .type = "dnr",
    .group = "number",
    .normalizers = dnr_normalizers,
    .document_pass = NULL,
    .keys = dnr_keys,
    .eval_order = 1,
};
