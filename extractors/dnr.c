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
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "extractor.h"

static int norm_dnr(const ut_match *m, ut_cand *c) {
    size_t n, sn = 0, yn = 0, nn = 0;
    const char *id = ut_match_group(m, "id", &n);
    if (!id || !n) return 0;
    const ut_text *t = ut_match_text(m, NULL, NULL);
    ut_cand_span(c, (size_t)(id - t->s), (size_t)(id - t->s) + n);
    if (ut_cand_value_n(c, id, n)) return -1;
    const char *series = ut_match_group(m, "series", &sn);
    if (series && sn) {
        /* upper-case the series letters where they stand in the value */
        char *v = (char *)c->f.value;
        size_t off = (size_t)(series - id);
        for (size_t i = off; i < off + sn && v[i]; i++)
            if ((unsigned char)v[i] < 0x80) v[i] = (char)toupper((unsigned char)v[i]);
        if (ut_cand_str(c, "series", "%.*s", (int)sn, c->f.value + off)) return -1;
    }
    const char *year = ut_match_group(m, "year", &yn);
    if (year && yn >= 4) {
        char buf[5];
        memcpy(buf, year, 4);
        buf[4] = 0;
        if (ut_cand_int(c, "year", atoi(buf))) return -1;
    }
    const char *num = ut_match_group(m, "number", &nn);
    if (num && nn && ut_cand_str(c, "number", "%.*s", (int)nn, num)) return -1;
    return 1;
}

static const ut_normalizer dnr_normalizers[] = {
    {"dnr", norm_dnr},
    {NULL, NULL},
};

const ut_extractor ut_ex_dnr = {
    .type = "dnr",
    .group = "number",
    .normalizers = dnr_normalizers,
    .document_pass = NULL,
};
