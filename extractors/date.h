/*
 * date.h — the parts of the `date` field type shared by its files.
 *
 * A date in the text is one point ("31 oktober 2013") or two ("från mars
 * till juni 2014").  The rules (rules/date.rules) capture the pieces of a
 * point in named groups — year month day hour minute second, season term
 * quarter, `unit` (halvåret/kvartalet) — and the same names with a `2` for
 * the end of a range; `to` marks where the end begins, `named` the word
 * "månad".
 * date.c reads them into `date_point`s, lets the two ends of a range lend
 * each other what one of them leaves out, and writes the ISO 8601 value
 * (date_format.c).  date_context.c holds the checks on the text around a
 * match (is this four-digit number a year?  does a date that wraps in a
 * table stay in its column?); date_clock.c gives a lone clock time the day
 * of the nearest date above it.
 */
#ifndef UT_DATE_H
#define UT_DATE_H
#include <stdbool.h>
#include <stddef.h>

#include "extractor.h"

#define DATE_UNSET (-1)

/* One point in time at the grain the text gives; DATE_UNSET where the
 * text says nothing.  `part` is a TIMEX3 code for a part of the year
 * ("SP" "SU" "FA" "WI" seasons and terms, "H1" "H2", "Q1".."Q4"), or "". */
typedef struct date_point {
    int year, month, day;
    int hour, minute, second;
    char part[3];
    bool year_two_digits; /* "Vt 19": century still to be decided */
} date_point;

void date_point_clear(date_point *p);
/* Does p name anything at all? */
bool date_point_given(const date_point *p);
/* The grain of p: "time" "day" "month" "season" "half" "quarter" "year". */
const char *date_point_grain(const date_point *p);
/* Is p a real calendar point (month 1-12, day within its month, ...)? */
bool date_point_valid(const date_point *p);
/* <0, 0, >0 like strcmp, comparing the fields both points give. */
int date_point_compare(const date_point *a, const date_point *b);
/* Write p as ISO 8601 / TIMEX3 ("2013-10-31", "XXXX-10", "2013-FA",
 * "2019-06-03T13:00").  Returns the length, or -1 if it does not fit. */
int date_point_format(const date_point *p, char *out, size_t size);

/* ---- the text around a match (date_context.c) ------------------------- */
/* May the four-digit number at [start,end) of the text be read as a year?
 * (Not when it is a quantity, a number with a label such as "nr" or
 * "sidan", part of an identifier, or one of a column of bare numbers.) */
bool date_year_in_context(const ut_match *m, size_t start, size_t end);
/* A date wrapped over lines of a table cell: every continuation line that
 * skips other columns' text must start in the column the match starts in.
 * Returns `end` when it does, else the offset of the line break before
 * the first continuation that strays (the date is then read up to there). */
size_t date_wrap_cut(const ut_text *t, size_t start, size_t end);
/* Is the word ending right before `at` (skipping spaces) `word`
 * (ASCII case-insensitive)? */
bool date_word_before(const ut_text *t, size_t at, const char *word);
/* Do the last one, two or three words before `at` (white space between
 * them, line breaks included) form an entry of `lexicon`?  On success
 * `*phrase_start` (if not NULL) is where the phrase starts. */
bool date_phrase_before(const ut_match *m, size_t at, const char *lexicon, size_t *phrase_start);

/* ---- clock times (date_clock.c) ---------------------------------------- */
/* A lone clock time is kept with a value starting with 'T' until the
 * document pass gives it the day of the nearest day-date above it. */
int date_clock_pass(ut_docbuild *db);
#endif
