/*
 * date_format.c — a date point: validity, order, and how it is written.
 *
 * Values follow GUIDE.md: ISO 8601 at the grain the text gives, `XXXX`
 * for a year the text leaves out, TIMEX3 codes for parts of a year.
 */
#include <stdio.h>
#include <string.h>

#include "date.h"

void date_point_clear(date_point *p) {
    p->year = p->month = p->day = DATE_UNSET;
    p->hour = p->minute = p->second = DATE_UNSET;
    p->part[0] = 0;
    p->year_two_digits = false;
}

bool date_point_given(const date_point *p) {
    return p->year != DATE_UNSET || p->month != DATE_UNSET || p->day != DATE_UNSET || p->hour != DATE_UNSET ||
           p->part[0];
}

const char *date_point_grain(const date_point *p) {
    if (p->hour != DATE_UNSET) return "time";
    if (p->day != DATE_UNSET) return "day";
    if (p->month != DATE_UNSET) return "month";
    if (p->part[0] == 'H') return "half";
    if (p->part[0] == 'Q') return "quarter";
    if (p->part[0]) return "season";
    return "year";
}

static int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2) {
        /* without a year, 29 February may still be meant */
        if (year == DATE_UNSET) return 29;
        if ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) return 29;
    }
    return days[month - 1];
}

bool date_point_valid(const date_point *p) {
    if (p->month != DATE_UNSET && (p->month < 1 || p->month > 12)) return false;
    if (p->day != DATE_UNSET) {
        if (p->month == DATE_UNSET) return false;
        if (p->day < 1 || p->day > days_in_month(p->year, p->month)) return false;
    }
    if (p->hour != DATE_UNSET && (p->hour < 0 || p->hour > 24)) return false;
    if (p->minute != DATE_UNSET && (p->minute < 0 || p->minute > 59)) return false;
    if (p->second != DATE_UNSET && (p->second < 0 || p->second > 59)) return false;
    /* 24:00 is the end of a day, never later */
    if (p->hour == 24 && (p->minute > 0 || p->second > 0)) return false;
    return true;
}

int date_point_compare(const date_point *a, const date_point *b) {
    const int fa[] = {a->year, a->month, a->day, a->hour, a->minute, a->second};
    const int fb[] = {b->year, b->month, b->day, b->hour, b->minute, b->second};
    for (size_t i = 0; i < sizeof fa / sizeof fa[0]; i++) {
        if (fa[i] == DATE_UNSET || fb[i] == DATE_UNSET) continue;
        if (fa[i] != fb[i]) return fa[i] < fb[i] ? -1 : 1;
    }
    /* parts of a year: seasons have no order we could trust; halves and
     * quarters do, and their codes sort as they should */
    if (a->part[0] && a->part[0] == b->part[0] && (a->part[0] == 'H' || a->part[0] == 'Q'))
        return strcmp(a->part, b->part);
    return 0;
}

int date_point_format(const date_point *p, char *out, size_t size) {
    char year[8];
    if (p->year == DATE_UNSET) snprintf(year, sizeof year, "XXXX");
    else snprintf(year, sizeof year, "%04d", p->year);
    int n;
    if (p->day != DATE_UNSET) {
        n = snprintf(out, size, "%s-%02d-%02d", year, p->month, p->day);
        if (n >= 0 && (size_t)n < size && p->hour != DATE_UNSET) {
            int minute = p->minute == DATE_UNSET ? 0 : p->minute;
            if (p->second != DATE_UNSET)
                n += snprintf(out + n, size - (size_t)n, "T%02d:%02d:%02d", p->hour, minute, p->second);
            else n += snprintf(out + n, size - (size_t)n, "T%02d:%02d", p->hour, minute);
        }
    } else if (p->month != DATE_UNSET) n = snprintf(out, size, "%s-%02d", year, p->month);
    else if (p->part[0]) n = snprintf(out, size, "%s-%s", year, p->part);
    else if (p->year != DATE_UNSET) n = snprintf(out, size, "%s", year);
    else if (p->hour != DATE_UNSET)
        /* a clock time alone: 'T' marks it for the document pass */
        n = snprintf(out, size, "T%02d:%02d", p->hour, p->minute == DATE_UNSET ? 0 : p->minute);
    else return -1;
    return n >= 0 && (size_t)n < size ? n : -1;
}
