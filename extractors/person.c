/*
 * person.c — field type 'person' (GUIDE.md): a named person, with the
 * party and role the document gives them, once per document.
 *
 * Each rule shape of rules/person.rules has its normalizer here.  A
 * normalizer cleans the name, reads party and role, and marks the
 * candidate FOUND (a sign besides capital letters says it is a person) or
 * BARE (only a capitalised pair).  The document pass (person_link.c)
 * keeps BARE candidates only as later mentions of FOUND persons or as
 * items of a list of names.
 */
#include <string.h>

#include "person_int.h"

static size_t offset(const ut_match *m, const char *p) {
    size_t ms;
    const ut_text *t = ut_match_text(m, &ms, NULL);
    return (size_t)(p - t->s);
}

static int strength(ut_cand *c, int s) { return ut_cand_int(c, PERSON_STRENGTH, s); }

/* The party code of group `party`, looked up in the party lexicon. */
static int set_party(const ut_match *m, ut_cand *c) {
    size_t n;
    const char *g = ut_match_group(m, "party", &n);
    if (!g || !n) return 0;
    const char *v = ut_match_lex(m, "party", g, n);
    if (!v) return 0;
    return ut_cand_str(c, "party", "%s", v) ? -1 : 1;
}

/* Value from group `name`; with `narrow` the span shrinks to the name
 * first (person_set_name may narrow it further). */
static int name_group(const ut_match *m, ut_cand *c, const char **g, size_t *n, bool narrow) {
    *g = ut_match_group(m, "name", n);
    if (!*g || !*n) return 0;
    if (narrow) ut_cand_span(c, offset(m, *g), offset(m, *g) + *n);
    return person_set_name(m, c, *g, *n) ? -1 : 1;
}

/* `Robert Sidlo Lars Andersson, konkursförvaltare`: four name words or
 * more without a particle are two names; the one next to the party or
 * role is the last two words. */
static int last_two_words(const ut_match *m, ut_cand *c, const char *g, size_t n) {
    if (person_word_count(c->f.value) < 4) return 0;
    for (size_t i = 0; i < n; i++)
        if (g[i] == ' ' && i + 1 < n && g[i + 1] >= 'a' && g[i + 1] <= 'z') return 0; /* af, von */
    size_t words = 0, i = n;
    while (i > 0) {
        i--;
        if ((g[i] == ' ' || g[i] == '\n') && ++words == 2) break;
    }
    if (words < 2) return 0;
    if (person_set_name(m, c, g + i + 1, n - i - 1)) return -1;
    if (c->nstart < offset(m, g + i + 1)) c->nstart = offset(m, g + i + 1);
    return 0;
}

/* `Anna Berg, s, vice ordförande Per Lind, s`: a role right after an
 * attendance entry's bare party code is that entry's (a flattened list),
 * never the title of the name after it. */
static bool after_bare_code(const ut_match *m) {
    size_t ms;
    const ut_text *t = ut_match_text(m, &ms, NULL);
    const char *p = t->s + ms; /* the match: `vice ordförande` may read as padj `v` + role */
    if (p - t->s < 5 || p[-1] != ' ' || p[-2] != ',') return false;
    p -= 2;
    const char *e = p;
    while (p > t->s && ((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z'))) p--;
    if (e - p < 1 || e - p > 3 || p - t->s < 2 || p[-1] != ' ' || p[-2] != ',') return false;
    return ut_match_lex(m, "party", p, (size_t)(e - p)) != NULL;
}

/* `Gustav Ek (SPI)`: a code the party lexicon does not know, in the
 * party's place after a name, is a local party written as the document
 * writes it — when it is no body or post (person_code_not_party) and a
 * known party code in parentheses stands within 300 bytes, so that the
 * document does write party codes there.  1 set, 0 not, -1. */
static int local_party(const ut_match *m, ut_cand *c) {
    size_t xn, ms, me;
    const char *x = ut_match_group(m, "partyx", &xn);
    if (!x || !xn || ut_match_lex(m, "person_code_not_party", x, xn)) return 0;
    const ut_text *t = ut_match_text(m, &ms, &me);
    size_t from = ms > 300 ? ms - 300 : 0, to = me + 300 < t->len ? me + 300 : t->len;
    for (size_t i = from; i + 2 < to; i++) {
        if (t->s[i] != '(') continue;
        size_t j = i + 1;
        while (j < to && j - i <= 4 && t->s[j] >= 'A' && t->s[j] <= 'Z') j++;
        if (j < to && t->s[j] == ')' && j > i + 1 && ut_match_lex(m, "party", t->s + i + 1, j - i - 1))
            return ut_cand_str(c, "party", "%.*s", (int)xn, x) ? -1 : 1;
    }
    return 0;
}

/* `utvecklings strateg Johan Fors`: PDF layout splits a compound role at
 * a space; a bare role head (`strateg`, `samordnare`) right after a lower-
 * case word in a joining form (-ings, -ions, -hets, -tets, -skaps) is one
 * word with it: role `utvecklingsstrateg`.  0 or -1. */
static int split_compound(const ut_match *m, ut_cand *c, const char *r, size_t rn) {
    static const char *const joins[] = {"ings", "ions", "hets", "tets", "skaps", NULL};
    size_t ms;
    const ut_text *t = ut_match_text(m, &ms, NULL);
    const ut_attr *a = ut_cand_attr(c, "role");
    if (!a || !a->s) return 0;
    size_t w = 0;
    while (w < rn && r[w] != ' ' && r[w] != ':') w++;
    if (!ut_match_lex(m, "person_role_head", r, w)) return 0; /* a bare head only */
    const char *e = r, *b;
    if (e - t->s < 8 || e[-1] != ' ') return 0;
    e--;
    b = e;
    while (b > t->s && ((b[-1] >= 'a' && b[-1] <= 'z') || (unsigned char)b[-1] >= 0x80)) b--;
    if (e - b < 6 || (b > t->s && b[-1] != ' ' && b[-1] != '\n' && b[-1] != '(')) return 0;
    for (int i = 0; joins[i]; i++) {
        size_t jn = strlen(joins[i]);
        if ((size_t)(e - b) > jn && !memcmp(e - jn, joins[i], jn))
            return ut_cand_str(c, "role", "%.*s%s", (int)(e - b), b, a->s) ? -1 : 0;
    }
    return 0;
}

/* Name with a party code and/or a role before or after it. */
static int norm_attributed(const ut_match *m, ut_cand *c) {
    const char *g;
    size_t n;
    int rc = name_group(m, c, &g, &n, false);
    if (rc <= 0) return rc;
    if (last_two_words(m, c, g, n)) return -1;
    int party = set_party(m, c);
    if (!party) party = local_party(m, c);
    if (party < 0) return -1;
    int role = 0;
    size_t rn;
    const char *r = ut_match_group(m, "role", &rn);
    if (r && rn && !after_bare_code(m) && (role = person_set_role(m, c, r, rn)) < 0) return -1;
    if (role && split_compound(m, c, r, rn) < 0) return -1;
    if (!role) {
        r = ut_match_group(m, "role2", &rn);
        size_t xn;
        const char *x = ut_match_group(m, "role2x", &xn);
        /* only a bare `chef` takes the words after it, and a professor
         * the emerita/emeritus after the title */
        if (r && x && (rn == 4 || (xn > 6 && !strncmp(x, " emerit", 7)))) rn = (size_t)(x + xn - r);
        if (r && rn && (role = person_set_role(m, c, r, rn)) < 0) return -1;
    }
    if (!party && !role) return 0;
    /* `moderata kommunalrådet X`: the party adjective before the post */
    size_t pn;
    const char *pa = ut_match_group(m, "padj", &pn);
    if (!party && pa && pn >= 4) {
        const char *v = ut_match_lex(m, "party", pa, pn);
        if (v && ut_cand_str(c, "party", "%s", v)) return -1;
        party = v != NULL;
    }
    /* a surname alone needs its party: `Westmont (SD)` */
    if (person_word_count(c->f.value) < 2 && !party) return 0;
    size_t me;
    ut_match_text(m, NULL, &me);
    if (party && person_column_heading(m, c, offset(m, g), me) < 0) return -1;
    return strength(c, PERSON_FOUND) ? -1 : 1;
}

/* `rektorn vid Umeå universitet, Hans Adolfsson,`: as norm_attributed,
 * the span narrowed to the name and its party code, so that the body
 * inside the apposition stays an organisation of its own. */
static int norm_role_phrase(const ut_match *m, ut_cand *c) {
    int rc = norm_attributed(m, c);
    if (rc <= 0) return rc;
    size_t n, ms, me;
    const char *g = ut_match_group(m, "name", &n);
    ut_match_text(m, &ms, &me);
    if (g) ut_cand_span(c, offset(m, g), me);
    return rc;
}

/* `Anders Kedhammar- rektor`: the words after the dash must hold a role. */
static int norm_dash_role(const ut_match *m, ut_cand *c) {
    const char *g;
    size_t n, rn;
    int rc = name_group(m, c, &g, &n, false);
    if (rc <= 0) return rc;
    const char *r = ut_match_group(m, "role", &rn);
    if (!r) return 0;
    bool any = false;
    for (size_t i = 0; i < rn && !any;) {
        size_t j = i;
        while (j < rn && r[j] != ' ') j++;
        if (person_is_role_word(m, r + i, j - i)) any = true;
        i = j + 1;
    }
    if (!any) return 0;
    char *low = person_lower(c->arena, r, rn);
    if (!low) return -1;
    if (ut_cand_str(c, "role", "%s", low)) return -1;
    return strength(c, PERSON_FOUND) ? -1 : 1;
}

/* `Produktionsdirektör Einar` / next line, same column: `Fransson`. */
static int norm_table_wrap(const ut_match *m, ut_cand *c) {
    size_t n, rn, wn;
    const char *g = ut_match_group(m, "name", &n), *r = ut_match_group(m, "role", &rn), *w;
    if (!g || !r) return 0;
    /* the column is the cell's: from the role word to the given name */
    if (!person_wrapped_word(m, offset(m, r), offset(m, g) + n, &w, &wn)) return 0;
    if (ut_cand_value(c, "%.*s %.*s", (int)n, g, (int)wn, w)) return -1;
    if (person_set_role(m, c, r, rn) < 0) return -1;
    return strength(c, PERSON_FOUND) ? -1 : 1;
}

/* `J. Bromee`, `C. -H. Hermansson`: initials are a sign by themselves. */
static int norm_initials(const ut_match *m, ut_cand *c) {
    const char *g;
    size_t n;
    int rc = name_group(m, c, &g, &n, true);
    if (rc <= 0) return rc;
    return strength(c, PERSON_FOUND) ? -1 : 1;
}

/* A name filling its line or column: a signer if the layout says so. */
static int norm_signature(const ut_match *m, ut_cand *c) {
    const char *g;
    size_t n, mn;
    int rc = name_group(m, c, &g, &n, true);
    if (rc <= 0) return rc;
    size_t ns = offset(m, g);
    bool multi = ut_match_group(m, "cont", &mn) != NULL || ut_match_group(m, "more", &mn) != NULL;
    person_layout lay;
    if (person_layout_look(m, c, ns, ns + n, multi, &lay)) return -1;
    return strength(c, lay.signer ? PERSON_FOUND : PERSON_BARE) ? -1 : 1;
}

/* A title as a register prints it, written out: lower case, a wrapped
 * `Hemm.-\nägare` joined, each abbreviated piece (`mäst.`, `chefred.`)
 * replaced by its tail's entry in lexicons/role_abbr.lex (`optiker` +
 * `mästare`).  NULL when a piece is unknown (a title we cannot write out
 * is no role) or out of memory; *abbr says whether anything was expanded,
 * *prefix_last whether the title ends in a compound's first part
 * (`rev.` -> revisions-: no title by itself).  With `whole`, a piece must
 * be a lexicon entry itself, not a compound's tail (running text: the
 * tail `ing` of `ordning.` is no ingenjör). */
static char *register_title(const ut_match *m, ut_arena *a, const char *s, size_t n, bool whole, bool *abbr,
                            bool *prefix_last) {
    *abbr = false;
    *prefix_last = false;
    char *low = person_lower(a, s, n);
    if (!low) return NULL;
    size_t ln = strlen(low), o = 0;
    char *out = ut_arena_alloc(a, ln * 4 + 64);
    if (!out) return NULL;
    for (size_t i = 0; i < ln;) {
        if (low[i] == '-' && i + 1 < ln && low[i + 1] == '\n') { /* `Hemm.-\nägare`, `Vägmäs-\ntare` */
            i += 2;
            continue;
        }
        if (low[i] == '\n') {
            i++;
            continue;
        }
        if (low[i] == ' ') {
            out[o++] = low[i++];
            continue;
        }
        size_t j = i;
        while (j < ln && low[j] != '.' && low[j] != ' ' && low[j] != '\n' && !(low[j] == '-' && j + 1 < ln && low[j + 1] == '\n')) j++;
        if (j < ln && low[j] == '.') {
            const char *v = NULL;
            size_t k = i;
            for (; k < (whole ? i + 1 : j) && !v; k++)
                if (((unsigned char)low[k] & 0xC0) != 0x80) v = ut_match_lex(m, "role_abbr", low + k, j - k);
            if (!v) return NULL;
            k--;
            memcpy(out + o, low + i, k - i);
            o += k - i;
            size_t vn = strlen(v);
            *prefix_last = vn && v[vn - 1] == '-';
            if (*prefix_last) vn--;
            if (o + vn + (ln - j) + 1 > ln * 4 + 64) return NULL;
            memcpy(out + o, v, vn);
            o += vn;
            *abbr = true;
            i = j + 1;
        } else {
            memcpy(out + o, low + i, j - i);
            o += j - i;
            *prefix_last = false;
            i = j;
        }
    }
    while (o && out[o - 1] == ' ') o--;
    out[o] = 0;
    return out;
}

/* Set the register title [r, r+rn) as the role: a written-out title
 * through the role lexicon (its base form, OCR damage cleaned), else as
 * written; an abbreviated one written out.  1 set, 0 not (unknown
 * abbreviation), -1 out of memory. */
static int register_role(const ut_match *m, ut_cand *c, const char *r, size_t rn) {
    bool abbr, prefix;
    char *t = register_title(m, c->arena, r, rn, false, &abbr, &prefix);
    if (!t || prefix) return 0;
    if (!abbr) {
        int role = person_set_role(m, c, r, rn);
        if (role) return role;
    }
    return ut_cand_str(c, "role", "%s", t) ? -1 : 1;
}

/* `Talman` / `Allard, Karl Åke Henry [184], ...`: the line right above the
 * entry is a role alone, written in its base form (not a plural heading
 * like `Ledamöter`, which heads a whole list).  1 set, 0 not, -1. */
static int register_heading(const ut_match *m, ut_cand *c, const char *sur) {
    size_t ms;
    const ut_text *t = ut_match_text(m, &ms, NULL);
    size_t p = offset(m, sur);
    if (p < 2 || t->s[p - 1] != '\n') return 0;
    size_t le = p - 1, ls = le;
    while (ls > 0 && t->s[ls - 1] != '\n') ls--;
    while (ls < le && t->s[ls] == ' ') ls++;
    while (le > ls && t->s[le - 1] == ' ') le--;
    if (le - ls < 3 || le - ls > 40) return 0;
    char *low = person_lower(c->arena, t->s + ls, le - ls);
    if (!low) return -1;
    static const char *const ordinal[] = {"förste ", "andre ", "tredje ", NULL};
    const char *w = low;
    for (int i = 0; ordinal[i]; i++)
        if (!strncmp(w, ordinal[i], strlen(ordinal[i]))) w += strlen(ordinal[i]);
    const char *v = ut_match_lex(m, "role", w, strlen(w));
    if (!v || strcmp(v, w)) return 0;
    return ut_cand_str(c, "role", "%s", low) ? -1 : 1;
}

/* `säger Lina Berg, utbildningspolitisk talesperson för Liberalerna`: the
 * speaker, the role after the comma (with the adjective before the role
 * word) and the party named after `för`. */
static int norm_speaker(const ut_match *m, ut_cand *c) {
    const char *g;
    size_t n, rn, pn;
    int rc = name_group(m, c, &g, &n, true);
    if (rc <= 0) return rc;
    const char *r = ut_match_group(m, "role", &rn);
    if (r && rn) {
        const char *sp = memchr(r, ' ', rn);
        int role = person_set_role(m, c, r, rn);
        if (role < 0) return -1;
        if (!role && sp) { /* `utbildningspolitisk talesperson` */
            size_t an = (size_t)(sp - r);
            if (person_set_role(m, c, sp + 1, rn - an - 1) < 0) return -1;
            const ut_attr *a = ut_cand_attr(c, "role");
            char *adj = person_lower(c->arena, r, an);
            if (!adj) return -1;
            if (a && ut_cand_str(c, "role", "%s %s", adj, a->s)) return -1;
        }
    }
    const char *p = ut_match_group(m, "pname", &pn);
    const char *v = p && pn >= 4 ? ut_match_lex(m, "party", p, pn) : NULL;
    if (v && ut_cand_str(c, "party", "%s", v)) return -1;
    return strength(c, PERSON_FOUND) ? -1 : 1;
}

/* `Lars Ek (S) reserverade sig`: the verb after the name is the sign; the
 * party code between is read. */
static int norm_verb(const ut_match *m, ut_cand *c) {
    const char *g;
    size_t n;
    int rc = name_group(m, c, &g, &n, true);
    if (rc <= 0) return rc;
    if (set_party(m, c) < 0) return -1;
    return strength(c, PERSON_FOUND) ? -1 : 1;
}

/* A name in capitals filling its line (`ANNA LUNDGREN`): capitals make
 * headings too (`ALLMÄNNA BESTÄMMELSER` under a date line), so of the
 * signature tests only a role line or another signer's name on the line
 * next to it make it a person; otherwise it is a bare mention. */
static int norm_caps_line(const ut_match *m, ut_cand *c) {
    const char *g;
    size_t n;
    int rc = name_group(m, c, &g, &n, true);
    if (rc <= 0) return rc;
    size_t ns = offset(m, g);
    person_layout lay;
    if (person_layout_look(m, c, ns, ns + n, false, &lay)) return -1;
    bool found = lay.role_found || person_next_to_name(m, ns, ns + n);
    if (!found) c->tentative = true;
    return strength(c, found ? PERSON_FOUND : PERSON_BARE) ? -1 : 1;
}

/* A register entry, surname first: `Pettersson, Axel Georg, Ombudsman,
 * 18; 69 (Örebro). cp.`  The value is given names + surname; the role is
 * the entry's post (`Första lagutskottets vice ordförande.`), else its
 * second title, else its first (see register_role), else a role line right
 * above; the code closing the entry is the party, and the entry is a
 * person only with it. */
static int norm_register(const ut_match *m, ut_cand *c) {
    size_t sn, gn, rn, r2n, pn, qn;
    const char *sur = ut_match_group(m, "sur", &sn), *giv = ut_match_group(m, "given", &gn);
    if (!sur || !giv || !sn || !gn) return 0;
    const char *q = ut_match_group(m, "party", &qn);
    int party = 0;
    if (q && qn == 1 && *q == '5') { /* OCR's `s.` */
        if (ut_cand_str(c, "party", "S")) return -1;
        party = 1;
    } else if ((party = set_party(m, c)) <= 0) return party;
    if (ut_cand_value(c, "%.*s %.*s", (int)gn, giv, (int)sn, sur)) return -1;
    const char *r = ut_match_group(m, "role", &rn), *r2 = ut_match_group(m, "role2", &r2n);
    const char *post = ut_match_group(m, "post", &pn);
    /* the span covers the title too, so that the entry outweighs the
     * shorter `Given, Title` that person.attributed reads inside it */
    ut_cand_span(c, offset(m, sur), r && rn ? offset(m, r2 && r2n ? r2 : r) + (r2 && r2n ? r2n : rn)
                                            : offset(m, giv) + gn);
    int role = 0;
    if (post && pn && (role = ut_match_lex(m, "role", post, pn) ? person_set_role(m, c, post, pn) : 0) < 0) return -1;
    if (!role && r2 && r2n && (role = register_role(m, c, r2, r2n)) < 0) return -1;
    if (!role && r && rn && (role = register_role(m, c, r, rn)) < 0) return -1;
    if (!role && register_heading(m, c, sur) < 0) return -1;
    return strength(c, PERSON_FOUND) ? -1 : 1;
}

/* `rev.sekr. Jonas Härkönen`, `prof. Eva Lund`: an abbreviated title
 * before a name is a sign by itself, when every piece is an entry of
 * lexicons/role_abbr.lex and the last one is a title (not `rev.` alone). */
static int norm_abbr_role(const ut_match *m, ut_cand *c) {
    size_t rn;
    const char *r = ut_match_group(m, "role", &rn);
    if (!r || !rn) return 0;
    bool abbr, prefix;
    char *t = register_title(m, c->arena, r, rn, true, &abbr, &prefix);
    if (!t || !abbr || prefix) return 0;
    const char *g;
    size_t n;
    int rc = name_group(m, c, &g, &n, false);
    if (rc <= 0) return rc;
    if (ut_cand_str(c, "role", "%s", t)) return -1;
    return strength(c, PERSON_FOUND) ? -1 : 1;
}

/* Does a capital letter (ASCII or Latin-1: Å Ä Ö É) start the word at p? */
static bool capital_at(const char *p, const char *end) {
    if (p >= end) return false;
    unsigned char b = (unsigned char)p[0];
    if (b >= 'A' && b <= 'Z') return true;
    return b == 0xC3 && p + 1 < end && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] < 0x9F;
}

/* A bare capitalised name: kept or dropped by the document pass.  A name
 * inside a longer run of capitalised words (`Helmer Holmberg Gustav
 * Lorentzon`) is not taken: the signature rule splits such runs. */
static int norm_mention(const ut_match *m, ut_cand *c) {
    const char *g;
    size_t n, ms, me;
    const ut_text *t = ut_match_text(m, &ms, &me);
    g = ut_match_group(m, "name", &n);
    if (!g) return 0;
    const char *e = g + n, *end = t->s + t->len;
    if (e < end && *e == ' ' && capital_at(e + 1, end)) return 0;
    /* `Isabel Smedberg - Palmqvist`: the first half of a surname spaced
     * around its hyphen, not a name of its own */
    if (e + 2 < end && e[0] == ' ' && e[1] == '-' && (capital_at(e + 2, end) || (e[2] == ' ' && capital_at(e + 3, end))))
        return 0;
    int rc = name_group(m, c, &g, &n, true);
    if (rc <= 0) return rc;
    if (person_word_count(c->f.value) >= 4) return 0;
    c->tentative = true; /* kept only if the document pass links it */
    return strength(c, PERSON_BARE) ? -1 : 1;
}

static const ut_normalizer person_normalizers[] = {
    {"person.attributed", norm_attributed},
    {"person.dash_role", norm_dash_role},
    {"person.role_phrase", norm_role_phrase},
    {"person.table_wrap", norm_table_wrap},
    {"person.register", norm_register},
    {"person.abbr_role", norm_abbr_role},
    {"person.initials", norm_initials},
    {"person.found", norm_initials}, /* a sign in the context: keep the name as it is */
    {"person.signature", norm_signature},
    {"person.caps_line", norm_caps_line},
    {"person.verb", norm_verb},
    {"person.speaker", norm_speaker},
    {"person.mention", norm_mention},
    {NULL, NULL},
};

int person_document_pass(ut_docbuild *db);

static const ut_key person_keys[] = {
    {"party", UT_KIND_TEXT, UT_KEY_CATEGORY},
    {"role", UT_KIND_TEXT, UT_KEY_CATEGORY},
    {"key", UT_KIND_TEXT, 0}, /* the folded name, for grouping across documents */
    {NULL, 0, 0},
};

const ut_extractor ut_ex_person = {
    .type = "person",
    .group = "name",
    .normalizers = person_normalizers,
    .document_pass = person_document_pass,
    .keys = person_keys,
    .eval_order = 3,
};
