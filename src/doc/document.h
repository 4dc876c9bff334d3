/*
 * document.h — the document stage: from the resolved fields of one
 * document to its document record (internal).
 *
 * Stage doc/ (src/README.md) is the only place that makes document facts;
 * it also holds the record schema (schema.h), derived from the registry.
 *
 *   resolved candidates → links (each field type's document pass, in
 *   registry order) → facts (document_facts.c) → [offsets mapped back,
 *   in extract.c] → the document's date and its persons roster
 *
 * This is the one place that makes what a document is as a whole: its
 * facts (kind, from, to, subject, signed), its date, its roster.  Writers
 * read them from the finished ut_doc (doc.h, utdrag.h) and only format
 * them: no writer decodes, links or infers.
 */
#ifndef UT_DOCUMENT_H
#define UT_DOCUMENT_H
#include "utdrag.h"

typedef struct ut_docbuild ut_docbuild;
typedef struct ut_ruleset ut_ruleset;

/* The document facts, in column order ({NULL}-terminated, static). */
extern const ut_key ut_document_fact_keys[];

/* Links: each field type's document pass over the resolved candidates,
 * dropped ones compacted away after each.  0, or -1 on out of memory. */
int ut_document_link(ut_docbuild *db);

/* The facts of the document, from its heading and signers in `db` (the
 * linked candidates, the normalized text), with the words of the rule
 * set's lexicons doc_kind and doc_heading; written into d->meta (strings
 * in d's arena).  0, or -1 on out of memory. */
int ut_document_facts(const ut_docbuild *db, const ut_ruleset *rs, ut_doc *d);

/* Once the fields have their places in the input (start, end, line): the
 * document's date and its persons roster.  0, or -1 on out of memory. */
int ut_document_finish(ut_doc *d);
#endif
