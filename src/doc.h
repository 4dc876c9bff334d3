/*
 * doc.h — hooks on a ut_doc for readers other than plain text (internal).
 *
 * ut_extract builds a document from text; a reader that made that text
 * from something else (read_pdf.c: a PDF's pages) adds what it knows
 * afterwards: where each page starts, and warnings about the source.
 * Implemented in extract.c, which owns struct ut_doc.
 */
#ifndef UT_DOC_H
#define UT_DOC_H
#include "utdrag.h"

/* Give `d` a page map: page i+1 starts at byte starts[i] of its text
 * (ascending, starts[0] == 0).  The array is copied.  0, or -1 on OOM. */
int ut_doc_set_pages(ut_doc *d, const size_t *starts, size_t npages);

/* Append one line (`text` and a newline) to the document's warnings.
 * 0, or -1 on OOM. */
int ut_doc_add_warning(ut_doc *d, const char *text);
#endif
