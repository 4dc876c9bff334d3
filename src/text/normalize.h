/*
 * normalize.h — stage 2: the normalized view that rules match against.
 *
 * Stage text/ (src/README.md) owns the text the rules see: this view,
 * folding (fold.c), the OCR confusion table (confusions.h) and the word
 * lists rules and normalizers compare with (lexicon.h).
 *
 * Rules are written for clean text; real files have no-break spaces, soft
 * hyphens, decomposed å (a + U+030A), typographic dashes and quotes, CRLF.
 * This stage rewrites those into one canonical form:
 *   - Unicode NFC (libutf8proc) where combining marks occur;
 *   - soft hyphen and zero-width/format characters removed;
 *   - every horizontal space character (NBSP, thin, tab, ...) as ' ',
 *     keeping runs (column gaps in PDF text carry layout), CR/CRLF as '\n';
 *   - dashes U+2010..U+2015 and U+2212 as '-', typographic quotes as ' and ";
 *   - ligatures (U+FB00..U+FB06) expanded;
 *   - a word broken over a line end is joined (`stads-\nförvaltningen` →
 *     `stadsförvaltningen`) when a lower-case letter stands on both sides,
 *     unless the next word is in the `keep` lexicon (`grund-\noch` stays).
 * Its map points every byte back at the original input, so offsets and the
 * `text` of a field still show what the source says.  When nothing needs
 * rewriting (the common case) the input is aliased, not copied.
 */
#ifndef UT_NORMALIZE_H
#define UT_NORMALIZE_H
#include "text/lexicon.h"
#include "base/text.h"

/* Normalize `in` into `out`.  `out` may alias `in`'s buffers (keep `in`
 * alive as long as `out`).  `keep` (may be NULL) lists the words before
 * which a line-end hyphen stays.  0, or -1 on out of memory. */
int ut_normalize(const ut_text *in, const ut_lexicon *keep, ut_text *out);
#endif
