/*
 * plugin.h — the contract between the rule set, the engine and the field
 * types of extractors/ (internal).
 *
 * A rule names a normalizer; the engine calls it with each match of the
 * rule; the normalizer, which belongs to a field type (extractors/), turns
 * the match into a typed candidate.  This header is that contract, so
 * that the rules stage and the engine depend on it and not on the field
 * types (which sit above the rules and below the engine: extractors call
 * nothing of the engine, only what is declared here).  The registry of
 * field types is extractors/extractor.h.
 *
 * A normalizer reads the match through ut_match_* (named groups, lexicon
 * look-ups; match_view.c), writes the candidate through ut_cand_* (cand.c)
 * and returns 1 to keep it, 0 to reject the match (the text is then free
 * for other rules), -1 on out of memory.  Everything it allocates comes
 * from the document's arena (ut_cand_* helpers do this): a normalizer
 * never mallocs and never frees.
 */
#ifndef UT_PLUGIN_H
#define UT_PLUGIN_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "utdrag.h"
#include "base/arena.h"
#include "base/text.h"

typedef struct ut_rule ut_rule;
typedef struct ut_ruleset ut_ruleset;
typedef struct ut_match ut_match;

/* A candidate field: the public ut_field plus what resolution needs. */
typedef struct ut_cand {
    ut_field f;           /* type, value, rule, attrs; start/end/line filled at the end */
    size_t nstart, nend;  /* span in the normalized text */
    int priority;
    int group;            /* overlap group (index into ut_overlap_groups) */
    const ut_rule *rule;
    ut_arena *arena;      /* the document's arena (BORROWED) */
    uint8_t attr_cap;     /* room at f.attrs (arena memory), grown by ut_cand_str & co */
    bool dropped;         /* set by resolution or a document pass */
    bool tentative;       /* may be dropped by a document pass (a bare name
                             that only counts if it repeats a person): loses
                             every overlap to a candidate that is not */
} ut_cand;

/* The document as the per-type passes see it (all BORROWED). */
typedef struct ut_docbuild {
    ut_cand *c;
    size_t n, cap;
    const ut_text *norm;  /* the normalized text the rules matched */
    ut_arena *arena;
    double scan_ms;       /* time in the anchor pass, for ut_doc_stage_ms */
} ut_docbuild;

typedef struct ut_normalizer {
    const char *name;
    int (*fn)(const ut_match *m, ut_cand *out);
} ut_normalizer;

typedef struct ut_extractor {
    const char *type;                   /* field type, as in the output */
    const char *group;                  /* overlap group: one winner per span within a group */
    const ut_normalizer *normalizers;   /* terminated by {NULL, NULL} */
    int (*document_pass)(ut_docbuild *db); /* optional; 0 or -1 (out of memory) */
    /* The typed keys its records may have, in column order (xlsx sheet,
     * new CSV/SQLite columns), terminated by {NULL}: the one declaration
     * every writer and the schema (src/schema.h) are derived from.  A key
     * a normalizer sets that is not declared here (nor in ut_common_keys)
     * is still written to JSON, and to the "other" cell of xlsx. */
    const ut_key *keys;
    /* Place in the table of `utdrag eval` (that of shared/tools/score.py,
     * which the C scorer must match line by line); 0: after those, in
     * registry order. */
    int eval_order;
} ut_extractor;

/* ---- reading a match -------------------------------------------------- */
/* Named group `name`: pointer into the normalized text and its length, or
 * NULL when the group did not take part in the match (or does not exist). */
const char *ut_match_group(const ut_match *m, const char *name, size_t *len);
/* The whole match. */
const char *ut_match_all(const ut_match *m, size_t *len);
/* The normalized text and the match's span in it (for looking around). */
const ut_text *ut_match_text(const ut_match *m, size_t *start, size_t *end);
/* Value of `word` in lexicon `lexicon` (case-folded look-up, then
 * OCR-tolerant: see src/confusions.h), or NULL. */
const char *ut_match_lex(const ut_match *m, const char *lexicon, const char *word, size_t len);
/* The same; *ocr says whether only the OCR-tolerant comparison found it
 * (then set the record's `ocr` attribute: ut_cand_bool(c, "ocr", true)). */
const char *ut_match_lex_ocr(const ut_match *m, const char *lexicon, const char *word, size_t len, bool *ocr);
/* The longest suffix of word[0..len) that lexicon `lexicon` knows (as
 * ut_match_lex_ocr): its value, its start in *at, *ocr as there (may be
 * NULL); NULL if none.  One call instead of a look-up per suffix. */
const char *ut_match_lex_suffix(const ut_match *m, const char *lexicon, const char *word, size_t len, size_t *at,
                                bool *ocr);
/* The arguments after the normalizer's name in the rule ("" if none). */
const char *ut_match_args(const ut_match *m);

/* ---- writing a candidate ---------------------------------------------- */
int ut_cand_value(ut_cand *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int ut_cand_value_n(ut_cand *c, const char *s, size_t n);
int ut_cand_str(ut_cand *c, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A string attribute that is `s` itself, not a copy: `s` must live as
 * long as the document (a string in its arena, another candidate's value
 * or attribute).  The document pass gives thousands of mentions of one
 * person the same name, key, party and role this way. */
int ut_cand_str_shared(ut_cand *c, const char *key, const char *s);
int ut_cand_int(ut_cand *c, const char *key, long long v);
int ut_cand_num(ut_cand *c, const char *key, double v);
int ut_cand_bool(ut_cand *c, const char *key, bool v);
/* Narrow the reported span to [start,end) of the normalized text. */
void ut_cand_span(ut_cand *c, size_t start, size_t end);
/* Attribute of a candidate (or NULL). */
const ut_attr *ut_cand_attr(const ut_cand *c, const char *key);

/* The next candidate slot of `db` (zeroed, with the arena set), or NULL
 * on out of memory. */
ut_cand *ut_docbuild_push(ut_docbuild *db);
#endif
