/*
 * date.c — dates in ISO 8601 with the grain the text gives (GUIDE.md).
 * (first cut: numeric ISO days; the full set of forms comes with the rules)
 */
#include <stdlib.h>
#include <string.h>

#include "extractor.h"

static int grp_int(const ut_match *m, const char *name, int *out) {
    size_t n;
    const char *g = ut_match_group(m, name, &n);
    if (!g || !n || n > 9) return 0;
    char buf[10];
    memcpy(buf, g, n);
    buf[n] = 0;
    *out = atoi(buf);
    return 1;
}

static int days_in_month(int y, int mo) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[mo - 1];
}

static int norm_ymd(const ut_match *m, ut_cand *c) {
    int y, mo, d;
    if (!grp_int(m, "year", &y) || !grp_int(m, "month", &mo) || !grp_int(m, "day", &d)) return 0;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return 0;
    if (ut_cand_value(c, "%04d-%02d-%02d", y, mo, d)) return -1;
    return ut_cand_str(c, "grain", "day") ? -1 : 1;
}

static const ut_normalizer date_normalizers[] = {
    {"date.ymd", norm_ymd},
    {NULL, NULL},
};

const ut_extractor ut_ex_date = {
    .type = "date",
    .group = "number",
    .normalizers = date_normalizers,
    .document_pass = NULL,
};
