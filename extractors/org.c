/*
 * org.c — field type 'org': named public bodies, schools, companies (GUIDE.md).
 *
 * The rules (rules/org.rules) find a name by its shape and leave a genitive
 * -s outside the `name` group.  The normalizer `org` then writes the base
 * form GUIDE.md wants: white space collapsed, an OCR-damaged head mended
 * from org_head_local.lex ("Utbildningsndmnden" -> "Utbildningsnämnden"), an
 * all-capital name in sentence case, first letter upper case.  Generic nouns
 * shaped like names (org_generic.lex) are rejected.  `org.lex LEXICON`
 * takes the value from a lexicon of national bodies or abbreviations.
 *
 * The document pass (org_link.c) makes one value of the several ways a
 * document names one body.
 */
#include <stdbool.h>
#include <string.h>
#include <utf8proc.h>

#include "extractor.h"
#include "org_link.h"
#include "org_span.h"

/* Copy s[0..n) with runs of white space as one space. */
static char *collapse(ut_arena *a, const char *s, size_t n) {
    char *out = ut_arena_alloc(a, n + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == ' ' || ch == '\n' || ch == '\t') {
            if (o && out[o - 1] != ' ') out[o++] = ' ';
        } else out[o++] = ch;
    }
    while (o && out[o - 1] == ' ') o--;
    out[o] = 0;
    return out;
}

/* Mend the head of the last word: the longest suffix org_head_local.lex
 * knows is replaced by its correct spelling.  NEW arena string or `name`. */
static char *mend_head(const ut_match *m, ut_arena *a, char *name) {
    size_t n = strlen(name);
    const char *last = strrchr(name, ' ');
    size_t from = last ? (size_t)(last - name) + 1 : 0;
    size_t i;
    const char *v = ut_match_lex_suffix(m, "org_head_local", name + from, n - from, &i, NULL);
    if (!v) return name;
    i += from;
    if (!strcmp(v, name + i)) return name;
    return ut_arena_printf(a, "%.*s%s", (int)i, name, v);
}

/* Undo a word broken over a line ("bevill- ningsutskottet"): a hyphen,
 * a space and a lower-case letter, unless the next word is "och"
 * ("Bygg- och miljöförvaltningen" keeps its hyphen).  In place. */
static void join_broken_words(char *s) {
    size_t o = 0, n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '-' && i > 0 && s[i - 1] != ' ' && s[i + 1] == ' ' && s[i + 2] >= 'a' && s[i + 2] <= 'z' &&
            strncmp(s + i + 2, "och ", 4)) {
            i++; /* skip "- " */
            continue;
        }
        s[o++] = s[i];
    }
    s[o] = 0;
}

/* "Barn och elevombudet" is "Barn- och elevombudet": three words, the
 * middle one "och", the last a compound sharing its head with the first.
 * NEW arena string or `s`. */
static char *hyphenate_pair(ut_arena *a, char *s) {
    const char *sp = strchr(s, ' ');
    if (!sp || sp == s || sp[-1] == '-' || strncmp(sp, " och ", 5) || strchr(sp + 5, ' ')) return s;
    return ut_arena_printf(a, "%.*s-%s", (int)(sp - s), s, sp);
}

/* Whether the string has a lower-case letter (else it is written in capitals). */
static bool has_lower(const char *s) {
    utf8proc_int32_t cp;
    for (size_t i = 0; s[i];) {
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, -1, &cp);
        if (k <= 0) return true;
        if (utf8proc_islower(cp)) return true;
        i += (size_t)k;
    }
    return false;
}

/* Re-case in place-sized arena copy: first letter upper; with `all_lower`
 * every other letter lower (for names printed in capitals). */
static char *recase(ut_arena *a, const char *s, bool all_lower) {
    size_t n = strlen(s);
    char *out = ut_arena_alloc(a, n * 2 + 1);
    if (!out) return NULL;
    size_t i = 0, o = 0;
    bool first = true;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            out[o++] = s[i++];
            continue;
        }
        if (first) cp = utf8proc_toupper(cp);
        else if (all_lower) cp = utf8proc_tolower(cp);
        first = false;
        o += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + o);
        i += (size_t)k;
    }
    out[o] = 0;
    return out;
}

/* "Länsstyrelsen Hallands län" is written "Länsstyrelsen i Hallands län". */
static char *county_board_form(ut_arena *a, char *name) {
    static const char head[] = "Länsstyrelsen ";
    size_t hn = sizeof head - 1;
    if (strncmp(name, head, hn) || !strncmp(name + hn, "i ", 2)) return name;
    return ut_arena_printf(a, "%s i %s", "Länsstyrelsen", name + hn);
}

/* The value of the name written at text[start, end): base form, mended, re-cased. */
static int finish_name(const ut_match *m, ut_cand *c, const char *text, size_t start, size_t end) {
    ut_cand_span(c, start, end);
    char *name = collapse(c->arena, text + start, end - start);
    if (!name) return -1;
    /* a genitive -s on the last word of a "för" name, seen by the noun
     * after it ("Förvaltningen för Tekniks tjänsteskrivelse") */
    size_t len = strlen(name), n;
    const char *next = ut_match_group(m, "next", &n);
    if (next && len > 4 && name[len - 1] == 's' && name[len - 2] != 's') name[len - 1] = 0;

    join_broken_words(name);
    if (ut_match_lex(m, "org_generic", name, strlen(name))) return 0;
    if (!(name = hyphenate_pair(c->arena, name))) return -1;
    if (!(name = recase(c->arena, name, !has_lower(name)))) return -1;
    if (!(name = mend_head(m, c->arena, name))) return -1;
    if (!(name = county_board_form(c->arena, name))) return -1;
    c->f.value = name;
    return 1;
}

/* `org`: the value is group `name`. */
static int norm_org(const ut_match *m, ut_cand *c) {
    size_t n;
    const char *g = ut_match_group(m, "name", &n);
    if (!g || !n) return 0;
    const ut_text *t = ut_match_text(m, NULL, NULL);
    return finish_name(m, c, t->s, (size_t)(g - t->s), (size_t)(g - t->s) + n);
}

/* `org.compound`: group `name` is only the head of a compound body name
 * ("styrelsen"); the name starts where org_compound_start says. */
static int norm_org_compound(const ut_match *m, ut_cand *c) {
    size_t n;
    const char *g = ut_match_group(m, "name", &n);
    if (!g || !n) return 0;
    const ut_text *t = ut_match_text(m, NULL, NULL);
    size_t head = (size_t)(g - t->s);
    size_t start = org_compound_start(t->s, head);
    if (start == (size_t)-1 || start == head) return 0;
    return finish_name(m, c, t->s, start, head + n);
}

/* `org.lex LEXICON`: the value is the lexicon's value for group `lex`. */
static int norm_org_lex(const ut_match *m, ut_cand *c) {
    size_t n;
    const char *g = ut_match_group(m, "lex", &n);
    if (!g) return 0;
    const char *v = ut_match_lex(m, ut_match_args(m), g, n);
    if (!v) return 0;
    size_t ms;
    const ut_text *t = ut_match_text(m, &ms, NULL);
    ut_cand_span(c, (size_t)(g - t->s), (size_t)(g - t->s) + n);
    return ut_cand_value(c, "%s", v) ? -1 : 1;
}

/* ---- a name and its abbreviation: "Förenta nationerna (FN)", "PRI (Principles for ...)" ---- */

/* Function words an abbreviation skips ("Myndigheten för ... och ..."). */
/* A small word of a name that its abbreviation skips (lexicons/org_name_function_word.lex). */
static bool function_word(const ut_match *m, const char *w, size_t n) {
    return n && ut_match_lex(m, "org_name_function_word", w, n);
}

static utf8proc_int32_t fold_cp(const char *s, size_t n, size_t *k) {
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
    *k = r > 0 ? (size_t)r : 1;
    return r > 0 ? utf8proc_tolower(cp) : -1;
}

/* Whether `abbr` (all capitals) is made of the first letters of the words
 * of `lng`, in order, with or without its function words. */
static bool initials_match(const ut_match *m, const char *abbr, size_t an, const char *lng, size_t ln) {
    for (int with_fw = 0; with_fw < 2; with_fw++) {
        size_t a = 0, i = 0;
        bool ok = true;
        while (i < ln && ok) {
            while (i < ln && lng[i] == ' ') i++;
            size_t w = i;
            while (i < ln && lng[i] != ' ') i++;
            if (w == i) break;
            if (!with_fw && function_word(m, lng + w, i - w)) continue;
            size_t k1, k2;
            if (a >= an || fold_cp(lng + w, i - w, &k1) != fold_cp(abbr + a, an - a, &k2)) ok = false;
            else a += k2;
        }
        if (ok && a == an) return true;
    }
    return false;
}

/* A short form written with lower-case letters ("Swesif" for "Swedish
 * Sustainable Investment Forum"), after Schwartz & Hearst (2003): its
 * letters are found in the long form from the right, its first letter
 * starts the long form's first word, and every word of the long form but
 * its function words gives a letter. */
static bool short_form_match(const ut_match *m, const char *sh, size_t sn, const char *lng, size_t ln) {
    utf8proc_int32_t scp[16];
    size_t ns = 0;
    for (size_t i = 0; i < sn && ns < 16;) {
        size_t k;
        scp[ns++] = fold_cp(sh + i, sn - i, &k);
        i += k;
    }
    size_t words = 1;
    for (size_t i = 0; i < ln; i++) words += lng[i] == ' ';
    if (ns < 2 || ns > 15 || words < 2 || words > 8) return false;
    bool covered[8] = {false};
    size_t j = ln, word = words - 1;
    for (size_t s = ns; s-- > 0;) {
        bool found = false;
        while (j > 0) {
            size_t p = j - 1;
            while (p > 0 && ((unsigned char)lng[p] & 0xC0) == 0x80) p--;
            size_t k;
            utf8proc_int32_t cp = fold_cp(lng + p, ln - p, &k);
            j = p;
            if (lng[p] == ' ') {
                word--;
                continue;
            }
            bool word_start = p == 0 || lng[p - 1] == ' ';
            if (cp == scp[s] && (s > 0 || (word_start && word == 0))) {
                covered[word] = true;
                found = true;
                break;
            }
        }
        if (!found) return false;
    }
    size_t w = 0, i = 0;
    while (i <= ln) {
        size_t b = i;
        while (i < ln && lng[i] != ' ') i++;
        if (!covered[w] && !function_word(m, lng + b, i - b)) return false;
        w++, i++;
    }
    return true;
}

/* The letters of `abbr` in the one word w[0..n), in order, the first
 * starting it: "KS" in "Kommunstyrelsen".  A statute ("-lagen",
 * "-förordningen", "-balken", "-direktivet") is no body. */
static bool compound_abbr_match(const ut_match *m, const char *abbr, size_t an, const char *w, size_t n) {
    /* a word ending in a statute's head (lexicons/org_statute_head.lex) */
    size_t head_at;
    if (ut_match_lex_suffix(m, "org_statute_head", w, n, &head_at, NULL)) return false;
    size_t a = 0, i = 0, k1, k2;
    if (fold_cp(w, n, &k1) != fold_cp(abbr, an, &k2)) return false;
    a += k2, i += k1;
    while (a < an && i < n) {
        utf8proc_int32_t want = fold_cp(abbr + a, an - a, &k2);
        if (fold_cp(w + i, n - i, &k1) == want) a += k2;
        i += k1;
    }
    return a == an;
}

static bool is_upper_at(const char *s, size_t n) {
    utf8proc_int32_t cp;
    return utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp) > 0 && utf8proc_isupper(cp);
}

/* Whether s[0..n) is 2-6 capitals (an abbreviation). */
static bool all_caps(const char *s, size_t n) {
    size_t letters = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0 || !utf8proc_isupper(cp)) return false;
        i += (size_t)k, letters++;
    }
    return letters >= 2 && letters <= 6;
}

/* Start of the word that ends at `end` (letters and hyphens), or `end`. */
static size_t word_back(const char *s, size_t end) {
    size_t p = end;
    while (p > 0) {
        size_t q = p - 1;
        while (q > 0 && ((unsigned char)s[q] & 0xC0) == 0x80) q--;
        utf8proc_int32_t cp;
        if (utf8proc_iterate((const utf8proc_uint8_t *)s + q, (utf8proc_ssize_t)(p - q), &cp) <= 0) break;
        if (!(utf8proc_category(cp) <= UTF8PROC_CATEGORY_LO && utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU) && cp != '-')
            break;
        p = q;
    }
    return p;
}

/* `org.abbr_pair`: the match is "(INNER)"; the name is the words before it
 * with INNER as its abbreviation ("Förenta nationerna (FN)": value the
 * name, the span over both, so that the link pass gives every bare "FN"
 * the name), or the one word before it is the short form of INNER ("PRI
 * (Principles for Responsible Investments)": value the short form).
 * Neither a party code "(SD)" after a person, nor a list in parentheses
 * ("ESG (Environment, Social and Governance)": a comma) is taken. */
static int norm_org_abbr_pair(const ut_match *m, ut_cand *c) {
    size_t in_n, ms, me;
    const char *inner = ut_match_group(m, "inner", &in_n);
    const ut_text *t = ut_match_text(m, &ms, &me);
    if (!inner || ms < 2 || t->s[ms - 1] != ' ') return 0;
    const char *s = t->s;
    size_t before = ms - 1; /* end of the word before " (" */
    if (all_caps(inner, in_n)) {
        if (ut_match_lex(m, "party", inner, in_n)) return 0;
        /* one compound and the letters of its parts: "Kommunstyrelsen (KS)",
         * "Utbildningsnämnden (UBN)"; not a statute ("Personuppgiftslagen
         * (PUL)" names a law, not a body) */
        size_t w1 = word_back(s, before);
        if (w1 < before && before - w1 >= 8 && is_upper_at(s + w1, before - w1) && in_n <= 4 &&
            compound_abbr_match(m, inner, in_n, s + w1, before - w1)) {
            char *lng = collapse(c->arena, s + w1, before - w1);
            if (!lng) return -1;
            ut_cand_span(c, w1, me);
            if (!(lng = recase(c->arena, lng, !has_lower(lng)))) return -1;
            if (!(lng = mend_head(m, c->arena, lng))) return -1;
            c->f.value = lng;
            return 1;
        }
        /* the shortest run of words before it whose initials it is */
        size_t start = before;
        for (int words = 0; words < 8; words++) {
            size_t w = word_back(s, start);
            if (w == start) break;
            start = w;
            char *lng = collapse(c->arena, s + start, before - start);
            if (!lng) return -1;
            if (is_upper_at(lng, strlen(lng)) && initials_match(m, inner, in_n, lng, strlen(lng))) {
                if (!strchr(lng, ' ')) return 0; /* one word: a compound's initials are one letter */
                /* a genitive before the parenthesis, seen by the lower-case noun
                 * after it ("Sveriges Kommuner och Landstings (SKL) rekommendation")
                 * or by the national name without it ("... landstings (SKL) PRIO-") */
                size_t ln = strlen(lng);
                if (ln > 4 && lng[ln - 1] == 's' && lng[ln - 2] != 's' &&
                    ((me + 1 < t->len && s[me] == ' ' && s[me + 1] >= 'a' && s[me + 1] <= 'z') ||
                     ut_match_lex(m, "org_national", lng, ln - 1)))
                    lng[ln - 1] = 0;
                ut_cand_span(c, start, me);
                if (!(lng = recase(c->arena, lng, !has_lower(lng)))) return -1;
                c->f.value = lng;
                return 1;
            }
            if (start < 1 || (s[start - 1] != ' ' && s[start - 1] != '\n')) break;
            start--;
        }
        return 0;
    }
    if (memchr(inner, ',', in_n) || !memchr(inner, ' ', in_n) || !is_upper_at(inner, in_n)) return 0;
    size_t w = word_back(s, before);
    if (w == before || before - w > 12 || !is_upper_at(s + w, before - w)) return 0;
    char *lng = collapse(c->arena, inner, in_n);
    if (!lng) return -1;
    bool caps = all_caps(s + w, before - w);
    if (caps ? !initials_match(m, s + w, before - w, lng, strlen(lng)) : !short_form_match(m, s + w, before - w, lng, strlen(lng)))
        return 0;
    ut_cand_span(c, w, me);
    return ut_cand_value_n(c, s + w, before - w) ? -1 : 1;
}

/* `org.abbr_mention`: a bare abbreviation ("KS beslutade"), tentative:
 * the link pass keeps it only when the document introduced it with its
 * name ("Kommunstyrelsen (KS)"), and then gives it the name. */
static int norm_org_abbr_mention(const ut_match *m, ut_cand *c) {
    size_t n;
    const char *g = ut_match_group(m, "abbr", &n);
    if (!g || !n) return 0;
    const ut_text *t = ut_match_text(m, NULL, NULL);
    ut_cand_span(c, (size_t)(g - t->s), (size_t)(g - t->s) + n);
    c->tentative = true;
    return ut_cand_value_n(c, g, n) ? -1 : 1;
}

static const ut_normalizer org_normalizers[] = {
    {"org.abbr_mention", norm_org_abbr_mention},
    {"org.abbr_pair", norm_org_abbr_pair},
    {"org", norm_org},
    {"org.compound", norm_org_compound},
    {"org.lex", norm_org_lex},
    {NULL, NULL},
};

static const ut_key org_keys[] = {
    {NULL, 0, 0},
};

const ut_extractor ut_ex_org = {
    .type = "org",
    .group = "name",
    .normalizers = org_normalizers,
    .document_pass = org_link_document,
    .keys = org_keys,
    .eval_order = 6,
};
