/*
 * date_clock.c — a clock time written apart from its day.
 *
 * A protocol's head gives the day once ("6 februari 2018") and the time a
 * few lines below ("Plats och tid  Nacka stadshus kl 9.00 – 9.55"); a
 * notice has "Dag  Måndagen den 22 februari 2021" over "Tid  Kl. 15.00".
 * The rules leave such a time with a value that starts with 'T'
 * ("T09:00/T09:55"); this pass prefixes the nearest day-date above it, so
 * the value reads "2018-02-06T09:00/2018-02-06T09:55".  A time with no
 * day close above it says nothing about a date and is dropped.
 */
#include <string.h>

#include "date.h"

/* How far above a clock time its day may stand, in lines: the head of a
 * protocol or a notice, not the previous page. */
#define DATE_CLOCK_MAX_LINES 12

static bool is_day(const ut_cand *c) {
    if (c->dropped || strcmp(c->f.type, "date")) return false;
    const ut_attr *g = ut_cand_attr(c, "grain");
    return g && g->kind == UT_ATTR_STR && !strcmp(g->s, "day");
}

static size_t lines_between(const ut_text *t, size_t from, size_t to) {
    size_t n = 0;
    for (size_t i = from; i < to && i < t->len; i++) n += t->s[i] == '\n';
    return n;
}

static int attach_day(ut_cand *c, const ut_cand *day) {
    const char *v = c->f.value, *slash = strchr(v, '/');
    const char *d = day->f.value;
    if (slash) {
        if (ut_cand_value(c, "%s%.*s/%s%s", d, (int)(slash - v), v, d, slash + 1)) return -1;
    } else if (ut_cand_value(c, "%s%s", d, v)) return -1;
    return 0;
}

int date_clock_pass(ut_docbuild *db) {
    for (size_t i = 0; i < db->n; i++) {
        ut_cand *c = &db->c[i];
        if (c->dropped || strcmp(c->f.type, "date") || !c->f.value || c->f.value[0] != 'T') continue;
        const ut_cand *day = NULL;
        for (size_t j = i; j-- > 0;)
            if (is_day(&db->c[j]) && db->c[j].nend <= c->nstart) {
                day = &db->c[j];
                break;
            }
        if (!day || lines_between(db->norm, day->nend, c->nstart) > DATE_CLOCK_MAX_LINES) {
            c->dropped = true;
            continue;
        }
        if (attach_day(c, day)) return -1;
    }
    return 0;
}
