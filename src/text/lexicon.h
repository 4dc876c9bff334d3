/*
 * lexicon.h — word lists that rules include by name.
 *
 * A lexicon file `rules/lexicons/NAME.lex` holds one entry a line:
 *     oktober = 10
 *     okt     = 10
 *     Folkpartiet liberalerna = L
 * (a word alone is its own value; `#` starts a comment).  A pattern uses
 * it as `{NAME}`: the engine turns the words into one alternation (longest
 * first, regex-escaped, case-insensitive unless the file says
 * `@case-sensitive`), and a normalizer maps the matched word back to its
 * value with ut_lexicon_get.  Adding a word never touches a regex.
 */
#ifndef UT_LEXICON_H
#define UT_LEXICON_H
#include <stdbool.h>
#include <stddef.h>

#include "text/confusions.h"
#include "utdrag.h"

typedef struct ut_lexicon ut_lexicon;

/* Parse the file at `path` as lexicon `name`.  NEW lexicon or NULL with err. */
ut_lexicon *ut_lexicon_load(const char *path, const char *name, ut_error *err);
void ut_lexicon_free(ut_lexicon *lx);
const char *ut_lexicon_name(const ut_lexicon *lx);
/* Value for a word (case-folded look-up unless case-sensitive), or NULL. BORROWED. */
const char *ut_lexicon_get(const ut_lexicon *lx, const char *word, size_t len);
/* The same, falling back to an OCR-tolerant comparison under `cf` (may be
 * NULL); *ocr tells whether the word was found only that way. */
const char *ut_lexicon_get_ocr(const ut_lexicon *lx, const ut_confusions *cf, const char *word, size_t len,
                               bool *ocr);
/* The longest suffix of word[0..len), starting at a character, that the
 * lexicon knows (ut_lexicon_get_ocr): its value (BORROWED), its start in
 * *at and in *ocr (may be NULL) whether it was found only through an OCR
 * reading; NULL when no suffix is known.  The same answer as looking up
 * every suffix in turn, in time linear in the word: the head of a
 * compound, "Utbildningsnämnden" -> "nämnden". */
const char *ut_lexicon_suffix(const ut_lexicon *lx, const ut_confusions *cf, const char *word, size_t len, size_t *at,
                              bool *ocr);
/* Index the entries by their OCR skeleton under `cf`, so that damaged
 * look-ups (ut_lexicon_get_ocr) cost one hash probe.  Call once, before
 * the lexicon is shared.  0, or -1 on out of memory. */
int ut_lexicon_index_ocr(ut_lexicon *lx, const ut_confusions *cf);
/* The regex alternation `(?:w1|w2|...)`, each word tolerant of the OCR
 * confusions in `cf` (NULL: exact), of the words of at least min_chars
 * characters (0: all; `{party:4}` in a rule), NEW string (free()); ""
 * when no word is that long. */
char *ut_lexicon_regex(const ut_lexicon *lx, const ut_confusions *cf, size_t min_chars);
size_t ut_lexicon_size(const ut_lexicon *lx);
/* Entry i (0 <= i < ut_lexicon_size) in file order: the word as written and
 * its value, BORROWED.  For lists whose order means something (the first
 * phrase of doc_kind.lex found wins). */
void ut_lexicon_entry(const ut_lexicon *lx, size_t i, const char **word, const char **value);
#endif
