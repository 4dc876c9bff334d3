/* doc.c — the document record: its accessors and its end (struct ut_doc and
 * what it owns: doc.h).  The pipeline (extract.c) and the document stage
 * (document.c) fill it; writers only read it, through these. */
#include <stdlib.h>
#include <string.h>

#include "record/doc.h"

void ut_doc_free(ut_doc *d) {
    if (!d) return;
    ut_arena_clear(&d->arena);
    ut_text_release(&d->text);
    free(d->persons);
    free(d->fields);
    free(d->page_start);
    free(d->bytes);
    free(d->name);
    free(d);
}

const char *ut_doc_name(const ut_doc *d) { return d->name; }
const char *ut_doc_encoding(const ut_doc *d) { return d->encoding; }
size_t ut_doc_nfields(const ut_doc *d) { return d->nfields; }
const ut_field *ut_doc_field(const ut_doc *d, size_t i) { return i < d->nfields ? &d->fields[i] : NULL; }
const char *ut_doc_bytes(const ut_doc *d, size_t *len) {
    if (len) *len = d->len;
    return d->bytes;
}
const char *ut_doc_warning(const ut_doc *d) { return d->warnings; }
const ut_attr *ut_doc_meta(const ut_doc *d, size_t *n) {
    *n = d->nmeta;
    return d->meta;
}

int ut_doc_set_pages(ut_doc *d, const size_t *starts, size_t npages) {
    size_t *copy = npages ? malloc(npages * sizeof *copy) : NULL;
    if (npages && !copy) return -1;
    if (npages) memcpy(copy, starts, npages * sizeof *copy);
    free(d->page_start);
    d->page_start = copy;
    d->npages = npages;
    return 0;
}

int ut_doc_add_warning(ut_doc *d, const char *text) {
    char *w = ut_arena_printf(&d->arena, "%s%s\n", d->warnings ? d->warnings : "", text);
    if (!w) return -1;
    d->warnings = w;
    return 0;
}

size_t ut_doc_npages(const ut_doc *d) { return d->npages; }

size_t ut_doc_page_at(const ut_doc *d, size_t offset) {
    if (!d->npages) return 0;
    size_t lo = 0, hi = d->npages; /* last page whose start <= offset */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (d->page_start[mid] <= offset) lo = mid;
        else hi = mid;
    }
    return lo + 1;
}

const ut_attr *ut_field_attr(const ut_field *f, const char *key) {
    for (size_t i = 0; i < f->nattrs; i++)
        if (!strcmp(f->attrs[i].key, key)) return &f->attrs[i];
    return NULL;
}
const char *ut_doc_date(const ut_doc *d) { return d->date; }

const ut_person *ut_doc_persons(const ut_doc *d, size_t *n) {
    *n = d->npersons;
    return d->persons;
}

const char *ut_doc_text(const ut_doc *d, size_t *len) {
    if (len) *len = d->text.len;
    return d->text.s ? d->text.s : "";
}

static size_t char_boundary(const ut_text *t, size_t i) {
    while (i < t->len && ((unsigned char)t->s[i] & 0xC0) == 0x80) i++;
    return i;
}

void ut_doc_text_span(const ut_doc *d, const ut_field *f, size_t *start, size_t *end) {
    *start = char_boundary(&d->text, ut_text_index(&d->text, f->start));
    *end = char_boundary(&d->text, ut_text_index(&d->text, f->end));
}

const char *ut_stage_name(ut_stage s) {
    static const char *const names[UT_STAGE_COUNT] = {"decode", "normalize", "scan", "confirm", "resolve", "document"};
    return (unsigned)s < UT_STAGE_COUNT ? names[s] : NULL;
}

double ut_doc_stage_ms(const ut_doc *d, ut_stage s) { return (unsigned)s < UT_STAGE_COUNT ? d->stage_ms[s] : 0; }
