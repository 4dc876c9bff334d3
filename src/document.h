/*
 * document.h — the document stage: from the resolved fields of one
 * document to its document record (internal).
 *
 * The facts a document has as a whole (its kind, who asked and who was
 * asked, its subject, who signed) are declared here and made here, once,
 * for every writer.
 */
#ifndef UT_DOCUMENT_H
#define UT_DOCUMENT_H
#include "utdrag.h"

/* The document facts, in column order ({NULL}-terminated, static). */
extern const ut_key ut_document_facts[];
#endif
