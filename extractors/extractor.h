/*
 * extractor.h — how a field type plugs into the engine.
 *
 * A field type (dnr, date, ...) is one file in extractors/ that defines a
 * `ut_extractor`: its type name, its overlap group, the named normalizers
 * its rules may call, the typed keys its records have, and an optional
 * pass over its own fields of the whole document after overlaps are
 * resolved (to link mentions, fill a year from a heading...).  Facts about
 * the document as a whole are not an extractor's: the document stage
 * (src/doc/document.h) makes them.
 * It is registered by one line in extractors/registry.c.  The patterns
 * themselves live in the rule files of rules/, never here.
 *
 * The interface a type implements (ut_extractor, ut_normalizer, ut_cand,
 * ut_match_*) is declared in src/rules/plugin.h, below the rule set and the
 * engine that call it; this header adds the registry.
 */
#ifndef UT_EXTRACTOR_H
#define UT_EXTRACTOR_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules/plugin.h"

/* The most field types the registry holds (built-in and registered). */
#define UT_MAX_TYPES 32

/* The registry (extractors/registry.c): the built-in types, then those
 * added by ut_extractor_register; NULL-terminated, BORROWED. */
const ut_extractor *const *ut_extractors(void);
/* Add a field type after the built-in ones (a plug-in, a test's toy type):
 * `e` is BORROWED and must outlive the library's use of it.  Call it before
 * loading a rule set or opening a writer, from one thread.  0, or -1 when
 * the type is already known or UT_MAX_TYPES (below) are registered. */
int ut_extractor_register(const ut_extractor *e);
/* Incremented by every ut_extractor_register (the schema rebuilds then). */
unsigned ut_extractor_generation(void);
/* Normalizers every type may use (extractors/common.c). */
extern const ut_normalizer ut_common_normalizers[];
/* Keys every type may have (extractors/common.c): ocr.  {NULL}-terminated. */
extern const ut_key ut_common_keys[];

/* Find the extractor of a type, NULL if none. */
const ut_extractor *ut_extractor_find(const char *type);
#endif
