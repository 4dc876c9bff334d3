/*
 * figure_number.h — exact decimal numbers for figure values.
 *
 * Amounts are written with a scale word ("56,5 miljoner") and must come out
 * exactly ("56500000"), so a number is kept as its decimal digits and a
 * power of ten instead of a double: no rounding ever shows in a value.
 */
#ifndef UT_FIGURE_NUMBER_H
#define UT_FIGURE_NUMBER_H
#include <stdbool.h>
#include <stddef.h>

#define FIG_MAX_DIGITS 40

typedef struct fig_number {
    char digits[FIG_MAX_DIGITS + 1]; /* significant digits, no sign, no leading zeros ("" = 0) */
    int exp10;                       /* value = digits * 10^exp10 */
    bool negative;
} fig_number;

/* Parse written digits: "1 200", "1.200" (thousands), "56,5", "10, 3"
 * (decimal comma).  0 on success, -1 if it is not a number we can hold. */
int fig_number_parse(fig_number *n, const char *s, size_t len);
/* Set from a small integer (number words). */
void fig_number_from_int(fig_number *n, long long v);
/* Multiply by 10^e (a scale word). */
void fig_number_scale(fig_number *n, int e);
/* Write as GUIDE.md wants it: '.' decimal mark, no thousands separator, no
 * trailing zeros, '-' for negatives.  0, or -1 if `cap` is too small. */
int fig_number_format(const fig_number *n, char *out, size_t cap);
/* True when the value is a whole number that fits a long long. */
bool fig_number_as_int(const fig_number *n, long long *out);
double fig_number_as_double(const fig_number *n);
#endif
