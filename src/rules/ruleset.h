/*
 * ruleset.h — the loaded, compiled rule set (internal view).
 *
 * Stage rules/ (src/README.md) owns the rule set as data: the rule files
 * parsed, their patterns expanded and compiled, the examples, and the
 * contract with the field types (plugin.h: match view, candidates).  It
 * runs nothing on documents; the engine (src/engine/) does.
 *
 * A rule file `rules/NAME.rules` is plain text a journalist can read:
 *
 *     # Dates written the Swedish way: "31 oktober 2013".
 *     define YEAR = (?:1[5-9]|20)[0-9]{2}
 *
 *     rule date.day_month_year
 *       type      date
 *       priority  50
 *       normalize date.day
 *       pattern   (?<day>[0-9]{1,2}) (?<month>{month}) (?<year>{YEAR})
 *       example   den 31 oktober 2013 => 2013-10-31
 *       example   den 32 oktober 2013 => none
 *
 * `define NAME = REGEX` names a fragment; `{NAME}` in a pattern inserts a
 * define or the lexicon rules/lexicons/NAME.lex (see lexicon.h).  Several
 * `pattern` lines are joined.  Patterns are PCRE2 with UTF and UCP; they
 * run over the normalized text (normalize.h).  `example TEXT => V1 | V2`
 * says which values of the rule's type the whole rule set finds in TEXT
 * (`=> none`: none); for a `skip` rule, the values of every type of its
 * overlap group.  A rule of type `skip` claims its span and produces
 * nothing: that is how statute numbers are kept from being dnr.
 */
#ifndef UT_RULESET_H
#define UT_RULESET_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>

#include "rules/plugin.h"
#include "text/lexicon.h"
#include "rules/prefilter.h"
#include "utdrag.h"

/* What every match of a rule contains (`anchor` lines, see scan.h).  A
 * regex anchor is compiled into the one shared Vectorscan database; a
 * token anchor names a token the scan stage finds by hand. */
typedef enum ut_anchor_kind {
    UT_ANCHOR_REGEX,   /* `anchor REGEX` */
    UT_ANCHOR_NUMBER,   /* `anchor @number`: where a run of ASCII digits starts */
    UT_ANCHOR_CAPITAL,  /* `anchor @capital`: where a word starts with an upper-case letter */
    UT_ANCHOR_CAPITALS, /* `anchor @capitals`: where a word starts with two upper-case letters */
    UT_ANCHOR_INITIAL,  /* `anchor @initial`: where a word starts with an upper-case letter, maybe
                           one more letter, then a full stop (`E.`, `Ch.`) */
    UT_ANCHOR_NAME,     /* `anchor @name`: where a name of two words or more can start: a word
                           starting with an upper-case letter, then a space (or a line break and up
                           to 40 spaces) and an upper-case letter or a particle of two or three
                           lower-case letters and a space (`von `); or an @initial */
} ut_anchor_kind;
/* The token kinds, UT_ANCHOR_NUMBER.. (scan.c keeps one hit list each). */
#define UT_TOKEN_KINDS 5

typedef struct ut_anchor {
    ut_anchor_kind kind;
    char *pattern;      /* as written */
    char *expanded;     /* as compiled (defines, lexicons, OCR forms); NULL for tokens */
    unsigned expr;      /* index of the expression in the shared database */
    unsigned max_width; /* longest hit in bytes (0 for a token or unbounded); with `spaced`, not counting white space */
    unsigned min_width;
    bool som;           /* Vectorscan reports the start (no maximum length even without white-space runs) */
    bool spaced;        /* unbounded only through \s+ (a lexicon's phrases): the hit's earliest start is found by
                           walking back max_width bytes from its end, white space free (scan.c) */
    int line;
    /* Where a match may start relative to a hit of this anchor (scan.h):
     * in [hit start - before, hit end + after], or exactly at the hit's
     * start with `start anchor`.  Set by the first `window` or `start`
     * line after the anchor, which declares every anchor above it that
     * has none yet: one rule may have anchors of both kinds. */
    unsigned before, after;
    bool start;
    int window_line;    /* the line that declared it (0: not yet) */
} ut_anchor;

typedef struct ut_example {
    char *text;
    char **values; /* NULL-terminated; empty for "none" */
    size_t nvalues;
    int line;
} ut_example;

struct ut_rule {
    char *id, *type, *file;
    int line, priority;
    char *normalizer_name, *args;
    char *pattern;          /* as written (defines not expanded) */
    char *expanded;         /* as compiled */
    pcre2_code *code;
    const ut_normalizer *norm;
    const ut_extractor *ex; /* NULL for skip rules */
    int group;
    bool enabled;
    bool ocr;               /* `ocr off` turns off the diacritic tolerance */
    ut_example *examples;
    size_t nexamples;
    /* Cheap tests that skip the rule on a text it cannot match: the bytes
     * a match must start with or contain (computed from the compiled
     * pattern, see prefilter.h). */
    ut_prefilter pre;
    /* The declared anchors, each with its window (scan.h): every match
     * starts within the window of a hit of one of them.  No anchors: the
     * rule takes the full scan. */
    ut_anchor *anchors;
    size_t nanchors;
    /* The pattern with \G made to fail, for searches that start inside a
     * window: there PCRE2 would take the window's start for \G, where
     * the full scan had moved on.  NULL when the pattern has no \G. */
    pcre2_code *code_nog;
    /* The same two compiled with PCRE2_ANCHORED, for tries at one position
     * (a token, a resume offset): PCRE2_ANCHORED passed at match time
     * would run the interpreter, not the JIT code. */
    pcre2_code *code_at, *code_nog_at;
    /* The code of a try at one position (code_nog_at if there is one, else
     * code_at) and of a window search (code_nog, else code) has JIT code:
     * it is run through pcre2_jit_match, which skips pcre2_match's checks
     * (a token rule is tried some 10^4 times per MB, and those checks were
     * a tenth of each try). */
    bool at_one_jit, search_jit;
    /* The pattern's named groups by the hash of the name (ut_rule_group):
     * a normalizer asks for its groups by name at every match. */
    struct ut_group_slot {
        const char *name; /* in code's name table; NULL: an empty slot */
        int number;       /* -1: two groups have the name */
    } *group_slots;
    size_t ngroup_slots; /* a power of two */
};

/* The number of rule r's group `name`, or -1 when it has none (or two). */
int ut_rule_group(const ut_rule *r, const char *name);

/* Where a rule's type and normalizer are looked up: the registry of
 * field types (extractors/), handed in by whoever loads the rules
 * (engine/load.c), so that this stage does not call the one above it. */
typedef struct ut_rule_plugins {
    const ut_extractor *(*find_type)(const char *type); /* NULL: not a known type */
    const ut_normalizer *common;                      /* any type may use these; {NULL}-terminated */
} ut_rule_plugins;

struct ut_ruleset {
    ut_rule *rules;
    size_t nrules;
    ut_lexicon **lex;   /* sorted by name */
    size_t nlex;
    size_t *lex_slots;  /* lex by the hash of its name (index+1, 0 = empty): a
                           normalizer looks lexicons up by name at every match */
    size_t nlex_slots;  /* a power of two */
    ut_confusions *confusions; /* rules/ocr-confusions.txt, or NULL */
    uint32_t max_pairs; /* largest capture count + 1, for match data */
    char groups[16][32]; /* overlap group names; index = ut_cand.group */
    int ngroups;
    struct ut_scan_db *scan; /* the shared anchor database (engine/scan.h, built and freed
                              * by engine/load.c); NULL: no anchors */
    ut_engine engine;
    ut_rule_plugins plugins;
};

/* Parse and compile the rule files and lexicons of `dir` (the rules half
 * of ut_ruleset_load, which adds the anchor database): NEW rule set, or
 * NULL with err (file:line of a faulty rule line).  Free with
 * ut_rules_free, which frees everything but `scan`. */
ut_ruleset *ut_rules_parse(const char *dir, const ut_rule_plugins *plugins, ut_error *err);
void ut_rules_free(ut_ruleset *rs);

/* The lexicon called `name`, or NULL. BORROWED. */
const ut_lexicon *ut_ruleset_lexicon(const ut_ruleset *rs, const char *name);
#endif
