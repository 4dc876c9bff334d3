/*
 * confusions.h — the OCR confusion table: what scanners make of letters.
 *
 * Old scans and English-only OCR models turn `förvaltningschef` into
 * `Forvaltningschef`, `Förvaltningschef` into `Férvaltningschef`, `är`
 * into `&r`, `m` into `rn`.  Rather than hand-writing damaged spellings
 * per word, the table `rules/ocr-confusions.txt` lists, for each clean
 * letter (or letter sequence), what OCR may print instead:
 *
 *     ö = o ó ò é e 6 & ¢ d
 *     m = rn
 *
 * From it the lexicons generate OCR-tolerant patterns (each letter with
 * confusions becomes a class or an alternation) and look damaged words up
 * again (ut_confusions_equal), so a rule over `{role}` finds
 * `Forvaltningschef` and reports the clean `förvaltningschef`.
 * Lexicon words shorter than UT_OCR_MIN_CHARS only tolerate the commonest
 * damage, a dropped diacritic (`år` also as `ar`): short words have too
 * many damaged twins that are real words.  The literal letters of rule
 * patterns tolerate the table's one-letter readings (`för` as `fér`).
 */
#ifndef UT_CONFUSIONS_H
#define UT_CONFUSIONS_H
#include <stdbool.h>
#include <stddef.h>

#include "utdrag.h"

#define UT_OCR_MIN_CHARS 5

typedef struct ut_confusions ut_confusions;

/* Load the table at `path`. NEW, or NULL with err (file:line). */
ut_confusions *ut_confusions_load(const char *path, ut_error *err);
void ut_confusions_free(ut_confusions *cf);

/* Append to `out` (a NEW string, realloc'ed; NULL on OOM) the regex for
 * the clean `word`, tolerant of the table's confusions.  `escape` is the
 * set of characters to backslash-escape. */
char *ut_confusions_regex(const ut_confusions *cf, const char *word, char *out);

/* The same one unit at a time, for callers that factor words (regex_trie.h):
 * appends the regex of the character (or confused letter sequence) at *p
 * to `out` (NEW string, realloc'ed; NULL on OOM) and advances *p past it.
 * `tolerant` is ut_confusions_tolerant(cf, word) of the whole word. */
bool ut_confusions_tolerant(const ut_confusions *cf, const char *word);
char *ut_confusions_unit(const ut_confusions *cf, bool tolerant, const char **p, char *out);

/* A NEW copy of the regex `pattern` in which every literal letter with a
 * diacritic also accepts its bare letter and its one-character OCR
 * readings from `cf` (`ö` → `[öoé6...]`, inside a class `[a-zö]` →
 * `[a-zöoé6...]`).  Escapes, group names and \p{..} are left alone.
 * NULL on out of memory. */
char *ut_confusions_pattern(const ut_confusions *cf, const char *pattern);

/* The OCR skeleton of s[0..n): lower case, white space runs as one space,
 * every letter replaced by the representative of its confusion class and
 * multi-letter readings by their one-letter form (`rn` → `m`), so that a
 * word and any damaged reading of it share one skeleton.  A hash key for
 * finding damaged words fast; confirm with ut_confusions_equal.  NEW
 * string, NULL on out of memory. */
char *ut_confusions_skeleton(const ut_confusions *cf, const char *s, size_t n);
/* The same into `out`, which has room for 4 * n + 1 bytes (a look-up's
 * stack buffer: no allocation).  Returns out. */
char *ut_confusions_skeleton_into(const ut_confusions *cf, const char *s, size_t n, char *out);
/* The same, and unit_at[i] (n entries) the offset in `out` where the
 * skeleton of the unit starting at byte i begins, or UT_NOT_A_UNIT where
 * no unit starts (inside a character or a multi-letter reading).  For a
 * text without white space, the skeleton of s[i..n) is then out +
 * unit_at[i] at every unit start: a unit's reading depends only on the
 * bytes from it to the end, so a lexicon can try every suffix of a word
 * from one skeleton (ut_lexicon_suffix). */
#define UT_NOT_A_UNIT ((size_t)-1)
char *ut_confusions_skeleton_units(const ut_confusions *cf, const char *s, size_t n, char *out, size_t *unit_at);

/* Does `seen` (len bytes) read as `clean` under the table (letters
 * compared case-insensitively, white space runs as one)? */
bool ut_confusions_equal(const ut_confusions *cf, const char *clean, const char *seen, size_t len);
#endif
