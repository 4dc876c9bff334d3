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
    for (size_t i = from; i < n; i++) {
        if (((unsigned char)name[i] & 0xC0) == 0x80) continue;
        const char *v = ut_match_lex(m, "org_head_local", name + i, n - i);
        if (!v) continue;
        if (!strcmp(v, name + i)) return name;
        return ut_arena_printf(a, "%.*s%s", (int)i, name, v);
    }
    return name;
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

static const ut_normalizer org_normalizers[] = {
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
