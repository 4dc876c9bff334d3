/* figure_number.c — exact decimal numbers for figure values; see figure_number.h. */
#include "figure_number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Drop leading zeros of the digit string (keeps the value). */
static void trim_leading(fig_number *n) {
    size_t z = 0;
    while (n->digits[z] == '0') z++;
    if (z) memmove(n->digits, n->digits + z, strlen(n->digits + z) + 1);
}

int fig_number_parse(fig_number *n, const char *s, size_t len) {
    memset(n, 0, sizeof *n);
    size_t nd = 0;
    int decimals = 0;
    bool after_comma = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (nd == FIG_MAX_DIGITS) return -1;
            n->digits[nd++] = c;
            if (after_comma) decimals++;
        } else if (c == ',') {
            if (after_comma) return -1;
            after_comma = true;
        } else if (c == '.' && !after_comma && len - i - 1 != 3) {
            /* a decimal point: the rule lets a dot through only before a group of
             * three digits (thousands) or before one or two and a percent ("72.4 %") */
            after_comma = true;
        } else if (c == ' ' || c == '.') {
            /* thousands separator (the rule only lets groups of three through) */
        } else {
            return -1;
        }
    }
    if (!nd) return -1;
    n->digits[nd] = 0;
    n->exp10 = -decimals;
    trim_leading(n);
    return 0;
}

void fig_number_from_int(fig_number *n, long long v) {
    memset(n, 0, sizeof *n);
    if (v < 0) {
        n->negative = true;
        v = -v;
    }
    snprintf(n->digits, sizeof n->digits, "%lld", v);
    trim_leading(n);
}

void fig_number_scale(fig_number *n, int e) { n->exp10 += e; }

/* Digits and exponent with trailing zeros moved into the exponent. */
static size_t significant(const fig_number *n, int *exp10) {
    size_t len = strlen(n->digits);
    *exp10 = n->exp10;
    while (len > 0 && n->digits[len - 1] == '0') {
        len--;
        (*exp10)++;
    }
    return len;
}

int fig_number_format(const fig_number *n, char *out, size_t cap) {
    int e;
    size_t len = significant(n, &e);
    size_t o = 0;
#define PUT(ch)                          \
    do {                                 \
        if (o + 1 >= cap) return -1;     \
        out[o++] = (ch);                 \
    } while (0)
    if (len == 0) {
        PUT('0');
        out[o] = 0;
        return 0;
    }
    if (n->negative) PUT('-');
    if (e >= 0) {
        for (size_t i = 0; i < len; i++) PUT(n->digits[i]);
        for (int i = 0; i < e; i++) PUT('0');
    } else {
        size_t frac = (size_t)-e;
        if (frac >= len) {
            PUT('0');
            PUT('.');
            for (size_t i = len; i < frac; i++) PUT('0');
            for (size_t i = 0; i < len; i++) PUT(n->digits[i]);
        } else {
            for (size_t i = 0; i < len - frac; i++) PUT(n->digits[i]);
            PUT('.');
            for (size_t i = len - frac; i < len; i++) PUT(n->digits[i]);
        }
    }
#undef PUT
    out[o] = 0;
    return 0;
}

bool fig_number_as_int(const fig_number *n, long long *out) {
    int e;
    size_t len = significant(n, &e);
    if (len == 0) {
        *out = 0;
        return true;
    }
    if (e < 0 || len + (size_t)e > 18) return false;
    long long v = 0;
    for (size_t i = 0; i < len; i++) v = v * 10 + (n->digits[i] - '0');
    for (int i = 0; i < e; i++) v *= 10;
    *out = n->negative ? -v : v;
    return true;
}

double fig_number_as_double(const fig_number *n) {
    char buf[FIG_MAX_DIGITS + 64];
    if (fig_number_format(n, buf, sizeof buf)) return 0;
    return strtod(buf, NULL);
}
