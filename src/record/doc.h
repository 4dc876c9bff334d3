/*
 * doc.h — struct ut_doc, the document record, and the hooks of readers
 * other than plain text (internal).
 *
 * Stage record/ (src/README.md): the record model itself, below every
 * stage that fills it (pipeline, document stage) or reads it (writers,
 * scoring); it calls nothing but base/.
 *
 * A ut_doc is what the pipeline hands the writers: the document's fields
 * and everything known about it as a whole, made once by the document
 * stage (document.h): its facts, its date, its persons roster, its
 * decoded text.  Writers read it through the ut_doc_* accessors of
 * utdrag.h and only format it.
 *
 * Ownership: a ut_doc owns its name, a copy of the input bytes, the field
 * array, the page map, the roster array and its decoded text (which
 * aliases the bytes for UTF-8 input, so it costs nothing there); every
 * string the fields, facts and roster point at lives in its arena.  All of
 * it goes with ut_doc_free.
 */
#ifndef UT_DOC_H
#define UT_DOC_H
#include "base/arena.h"
#include "base/text.h"
#include "utdrag.h"

struct ut_doc {
    char *name;
    char *bytes;
    size_t len;
    const char *encoding; /* static */
    ut_text text;         /* the decoded text, mapped to the bytes */
    ut_field *fields;
    size_t nfields;
    char *warnings; /* arena */
    ut_attr meta[UT_MAX_META]; /* document facts (document_facts.c) */
    size_t nmeta;
    const char *date;    /* the document's own date (document.c), arena, or NULL */
    ut_person *persons;  /* the roster (document.c), malloc'ed */
    size_t npersons;
    size_t *page_start; /* NULL for text input */
    size_t npages;
    double stage_ms[UT_STAGE_COUNT]; /* ut_doc_stage_ms: filled by the pipeline */
    ut_arena arena;
};

/* Give `d` a page map: page i+1 starts at byte starts[i] of its text
 * (ascending, starts[0] == 0).  The array is copied.  0, or -1 on OOM. */
int ut_doc_set_pages(ut_doc *d, const size_t *starts, size_t npages);

/* Append one line (`text` and a newline) to the document's warnings.
 * 0, or -1 on OOM. */
int ut_doc_add_warning(ut_doc *d, const char *text);
#endif
