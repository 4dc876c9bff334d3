/*
 * schema.h — the record schema, derived once from the registry (internal
 * half; the types and ut_schema_get are public, in utdrag.h).
 *
 * What a record is: the keys every record has (doc, type, value, text,
 * start, end, line, rule), the keys about its input (encoding, page), the
 * keys any type may have (ut_common_keys: ocr) and the typed keys each
 * extractor declares in its registry entry.  Every writer takes its
 * columns from here — the CSV header, the SQLite `fields` table and its
 * declared types, the xlsx sheets, eval's types, `utdrag schema` — so a
 * new key or field type is declared in one extractor file and reaches
 * every format without a change to a writer.
 *
 * The schema is static storage, rebuilt when ut_extractor_register adds a
 * type (under a lock: writers on any thread may ask for it).
 */
#ifndef UT_SCHEMA_H
#define UT_SCHEMA_H
#include "utdrag.h"

/* The most field types the registry holds (built-in and registered). */
#define UT_MAX_TYPES 32

/* The field types in the order of eval's table (eval_order, then the rest
 * in registry order): fills out[0..n) with BORROWED type names and returns
 * n (at most `cap`). */
size_t ut_schema_eval_types(const char **out, size_t cap);
#endif
