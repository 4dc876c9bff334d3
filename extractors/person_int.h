/*
 * person_int.h — internals shared by the files of the `person` type.
 *
 *   person.c       the normalizers (one per rule shape) and the extractor
 *   person_words.c words: roles to their base form, name words, cleaning a
 *                  name into its value
 *   person_sig.c   layout: lines and columns of PDF text, signature blocks,
 *                  role lines above/below a name, column headings
 *   person_link.c  the document pass: one person per document
 *
 * Candidates carry an internal attribute PERSON_STRENGTH while the
 * document pass decides; the pass removes it before output.
 */
#ifndef UT_PERSON_INT_H
#define UT_PERSON_INT_H
#include <stdbool.h>
#include <stddef.h>

#include "extractor.h"

#define PERSON_STRENGTH "_strength"
enum { PERSON_BARE = 0, PERSON_FOUND = 2 };

/* ---- person_words.c --------------------------------------------------- */
/* Base form of a role word or phrase ("skolborgarrådet" -> "skolborgarråd",
 * "Tf. produktionsdirektör" -> "tf. produktionsdirektör"), written into
 * the candidate as attribute "role".  Returns 1 if `s` starts with a role
 * word (and sets it), 0 if not, -1 on out of memory. */
int person_set_role(const ut_match *m, ut_cand *c, const char *s, size_t n);
/* Is the word [s, s+n) a role word (whole, or a compound of a role head)? */
bool person_is_role_word(const ut_match *m, const char *s, size_t n);
/* Is the word one that never belongs to a name (closed lists)? */
bool person_is_nonname(const ut_match *m, const char *s, size_t n);
/* Does [s, e) look like a name of 2..4 words (title case or initials)? */
bool person_looks_like_name(const ut_match *m, const char *s, const char *e);
/* Set the candidate's value from the name text [s, s+n): white space
 * collapsed, capitals in title case, `Paul.` -> `Paul`, `C. -H.` -> `C.-H.`.
 * A lone line before a wrapped two-word name is cut off (and the span
 * narrowed).  -1 on out of memory. */
int person_set_name(const ut_match *m, ut_cand *c, const char *s, size_t n);
/* Number of words of a name value. */
size_t person_word_count(const char *v);
/* Lower-case copy into the arena (NULL on out of memory). */
char *person_lower(ut_arena *a, const char *s, size_t n);

/* ---- person_sig.c ----------------------------------------------------- */
typedef struct person_layout {
    bool role_found;   /* a role line/heading was found and set */
    bool signer;       /* the place says: this is a signer */
} person_layout;
/* Look around the name [ns, ne) of the normalized text: role line above or
 * below in the same column, column heading (ERSÄTTARE), closing formulas,
 * other names on the line or next to it.  Sets "role" on the candidate
 * when found.  `multi` says the rule already saw other names on the line.
 * 0 or -1 (out of memory). */
int person_layout_look(const ut_match *m, ut_cand *c, size_t ns, size_t ne, bool multi, person_layout *out);
/* Column heading above a cell-like name (`ERSÄTTARE` over a list): sets
 * "role" from the role lexicon.  0 or -1. */
int person_column_heading(const ut_match *m, ut_cand *c, size_t ns, size_t ne);
/* Does the line after or before the name's line (one blank line between
 * at most) hold another name (a segment that looks like one)? */
bool person_next_to_name(const ut_match *m, size_t ns, size_t ne);
/* The word of the next line in the column of [ns, ne), when the next line
 * holds exactly one name word there (a table cell that wrapped).  Sets
  * ws and wn; false if none. */
bool person_wrapped_word(const ut_match *m, size_t ns, size_t ne, const char **ws, size_t *wn);

#endif
