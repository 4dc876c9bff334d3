/* pdf.c — ut_extract for a PDF: the input stage's text layer
 * (ut_pdf_text_read, src/input/read_pdf.c) through the pipeline, with the
 * pages and the warning about pages without text on the document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "record/doc.h"

/* "page 3", "pages 2, 4": the pages of a PDF that have no text. */
static int warn_empty_pages(ut_doc *d, const ut_pdf_text *t) {
    char *list = NULL;
    size_t n = 0;
    for (size_t i = 0; i < t->npages; i++) {
        size_t end = i + 1 < t->npages ? t->page_start[i + 1] : t->len;
        if (end - t->page_start[i] > 1) continue; /* more than its "\f" */
        char num[32];
        snprintf(num, sizeof num, "%s%zu", n++ ? ", " : "", i + 1);
        if (!(list = ut_str_append(list, num))) return -1;
    }
    if (!n) return 0;
    char *msg;
    int rc = -1;
    if (asprintf(&msg, "%s %s %s no text layer (scanned?); run OCR on %s, e.g. ocrmypdf", n > 1 ? "pages" : "page",
                 list, n > 1 ? "have" : "has", n > 1 ? "them" : "it") >= 0) {
        rc = ut_doc_add_warning(d, msg);
        free(msg);
    }
    free(list);
    return rc;
}

ut_doc *ut_extract_pdf(ut_worker *w, const char *name, const void *bytes, size_t len, ut_error *err) {
    ut_error dummy;
    if (!err) err = &dummy;
    memset(err, 0, sizeof *err);
    ut_pdf_text t;
    if (ut_pdf_text_read(bytes, len, &t, err)) {
        snprintf(err->file, sizeof err->file, "%s", name ? name : "-");
        return NULL;
    }
    ut_doc *d = ut_extract(w, name, t.text, t.len, err);
    if (d && (ut_doc_set_pages(d, t.page_start, t.npages) || (t.empty_pages && warn_empty_pages(d, &t)))) {
        ut_doc_free(d);
        d = NULL;
        ut_seterr(err, name ? name : "-", 0, "out of memory");
    }
    ut_pdf_text_release(&t);
    return d;
}
