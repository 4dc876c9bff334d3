/*
 * test_pdf.c — PDF input (read_pdf.c): the text layer, its page map, the
 * fields and pages of ut_extract_pdf, and the errors for scans, damaged,
 * encrypted and non-PDF input.  With the corpus beside the clone
 * (../shared/corpus/pdf, or $UTDRAG_SHARED/corpus/pdf), the text layer of
 * every corpus PDF must have the same lines, words and column breaks as
 * `pdftotext -layout` (poppler-utils, installed by `make deps`) gives,
 * counting a run of two or more spaces as one column break.
 */
#include <dirent.h>

#include "tap.h"
#include "testutil.h"

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n + 65536 > cap) buf = realloc(buf, cap = (cap + 65536) * 2);
        got = fread(buf + n, 1, 65536, f);
        n += got;
    } while (got);
    fclose(f);
    *len = n;
    return buf;
}

/* Lines with text only, each trimmed, a run of 2+ spaces as one tab: what
 * the rules see of a layout (a column break or not), not its widths. */
static char *shape(const char *s) {
    char *out = malloc(strlen(s) + 2), *o = out;
    const char *p = s;
    while (*p) {
        const char *e = p;
        while (*e && *e != '\n' && *e != '\f') e++;
        while (p < e && *p == ' ') p++;
        char *start = o;
        for (const char *q = p; q < e; q++) {
            if (*q == ' ' && q + 1 < e && q[1] == ' ') {
                while (q + 1 < e && q[1] == ' ') q++;
                *o++ = '\t';
            } else *o++ = *q;
        }
        while (o > start && (o[-1] == ' ' || o[-1] == '\t')) o--;
        if (o > start) *o++ = '\n';
        p = *e ? e + 1 : e;
    }
    *o = 0;
    return out;
}

static void check_generated(void) {
    size_t len;
    char *pdf = slurp("tests/data/pdf/two-pages.pdf", &len);
    if (!ok(pdf != NULL, "tests/data/pdf/two-pages.pdf is there")) return;
    ok(ut_is_pdf(pdf, len), "ut_is_pdf: a PDF");
    ok(!ut_is_pdf("plain text", 10), "ut_is_pdf: text is not");
    ok(ut_is_pdf("junk\n%PDF-1.4\n", 14), "ut_is_pdf: the header may follow junk");

    ut_pdf_text t;
    ut_error err;
    if (!ok(ut_pdf_text_read(pdf, len, &t, &err) == 0, "text layer read")) {
        diag("%s", err.text);
        free(pdf);
        return;
    }
    is_int((long long)t.npages, 2, "two pages");
    is_int((long long)t.page_start[0], 0, "page 1 starts at 0");
    ok(t.page_start[1] > 0 && t.text[t.page_start[1] - 1] == '\f', "page 2 starts after a form feed");
    ok(t.len > 0 && t.text[t.len - 1] == '\f', "the last page ends with a form feed too (as pdftotext)");
    is_int((long long)strlen(t.text), (long long)t.len, "no NUL inside the text");
    is_int((long long)t.empty_pages, 0, "no empty pages");
    /* the two signatures side by side: one line, a run of spaces between */
    const char *a = strstr(t.text, "Anna Berg"), *b = strstr(t.text, "Olof Ek");
    ok(a && b && a > t.text + t.page_start[1], "the signatures are on page 2");
    ok(a && b && b > a + strlen("Anna Berg") + 1 && !memchr(a, '\n', (size_t)(b - a)) &&
           strspn(a + strlen("Anna Berg"), " ") == (size_t)(b - a) - strlen("Anna Berg"),
       "two columns: 'Anna Berg', spaces only, then 'Olof Ek' on the same line");
    const char *r1 = strstr(t.text, "Kommundirektör"), *r2 = strstr(t.text, "Förvaltningschef");
    ok(r1 && r2 && r1 < r2 && !memchr(r1, '\n', (size_t)(r2 - r1)) && strstr(r1, "  ") < r2,
       "the roles under them: one line, two columns");
    ok(strstr(t.text, "Beslut om nya lokaler\n") != NULL, "a line of one text run stays whole");
    ok(strstr(t.text, "Kommunstyrelsen beslutade den 2024-02-20 att hyra nya lokaler.") != NULL,
       "words of one line are single-spaced");
    ut_pdf_text_release(&t);
    ok(t.text == NULL && t.page_start == NULL, "release empties the struct");

    /* the pipeline over it, with a rule set of the test's own */
    char *dir;
    ut_ruleset *rs = rules_from_text(&dir,
                                     "rule t.iso\n  type date\n  pattern 20[0-9]{2}-[0-9]{2}-[0-9]{2}\n"
                                     "rule t.names\n  type org\n  pattern (?:Anna Berg|Olof Ek)\n",
                                     NULL, NULL, &err);
    if (!ok(rs != NULL, "rules load")) {
        diag("%s", err.text);
        free(pdf);
        return;
    }
    ut_worker *w = ut_worker_new(rs);
    ut_doc *d = ut_extract_pdf(w, "two-pages.pdf", pdf, len, &err);
    if (ok(d != NULL, "ut_extract_pdf")) {
        is_int((long long)ut_doc_npages(d), 2, "the document has two pages");
        size_t blen;
        const char *bytes = ut_doc_bytes(d, &blen);
        ok(blen < len && memmem(bytes, blen, "Anna Berg", 9), "its bytes are the extracted text");
        size_t pages[2] = {0, 0};
        for (size_t i = 0; i < ut_doc_nfields(d); i++) {
            const ut_field *f = ut_doc_field(d, i);
            ok(f->end <= blen && strlen(f->text) == f->end - f->start && !memcmp(bytes + f->start, f->text, f->end - f->start),
               "%s '%s': text is the bytes at start..end", f->type, f->value);
            size_t page = ut_doc_page_at(d, f->start);
            if (page >= 1 && page <= 2) pages[page - 1]++;
            if (!strcmp(f->value, "2024-04-01")) is_int((long long)page, 2, "2024-04-01 is on page 2");
            if (!strcmp(f->value, "2024-03-05")) is_int((long long)page, 1, "2024-03-05 is on page 1");
        }
        is_int((long long)pages[0], 2, "two fields on page 1");
        is_int((long long)pages[1], 3, "three on page 2 (a date, two names)");
        is_int((long long)ut_doc_page_at(d, 0), 1, "offset 0: page 1");
        is_int((long long)ut_doc_page_at(d, blen - 1), 2, "the last byte: page 2");
        ok(ut_doc_warning(d) == NULL, "no warning");
    }
    ut_doc_free(d);
    /* a text document has no pages */
    d = ut_extract(w, "t.txt", "den 2024-01-02", 14, &err);
    ok(d && ut_doc_npages(d) == 0 && ut_doc_page_at(d, 3) == 0, "text input: no pages, page 0");
    ut_doc_free(d);

    /* refused input, named */
    struct {
        const char *kind, *want;
    } bad[] = {
        {"scan", "no text layer (a scanned image?); run OCR first, e.g. ocrmypdf"},
        {"encrypted", "encrypted PDF (it needs a password): cannot read its text"},
    };
    char *tmp = scratch_dir();
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *path, *cmd;
        if (asprintf(&path, "%s/%s.pdf", tmp, bad[i].kind) < 0) continue;
        if (asprintf(&cmd, "python3 tests/pdf/mkpdf.py %s %s", bad[i].kind, path) < 0) continue;
        size_t n = 0;
        char *bytes = system(cmd) == 0 ? slurp(path, &n) : NULL;
        if (ok(bytes != NULL, "mkpdf.py %s", bad[i].kind)) {
            memset(&err, 0, sizeof err);
            ok(ut_extract_pdf(w, path, bytes, n, &err) == NULL, "%s: refused", bad[i].kind);
            is_str(err.text, bad[i].want, "%s: the message", bad[i].kind);
            is_str(err.file, path, "%s: names the file", bad[i].kind);
        }
        free(bytes);
        free(cmd);
        free(path);
    }
    scratch_free(tmp);
    memset(&err, 0, sizeof err);
    ok(ut_extract_pdf(w, "x.pdf", "hello\n", 6, &err) == NULL, "not a PDF: refused");
    is_str(err.text, "not a PDF (no %PDF- header)", "not a PDF: the message");
    ok(ut_pdf_text_read(pdf, 600, &t, &err) == -1 && !strncmp(err.text, "damaged PDF: ", 13),
       "a cut PDF: 'damaged PDF: ...' (%s)", err.text);
    ut_worker_free(w);
    ut_ruleset_free(rs);
    scratch_free(dir);
    free(pdf);
}

static void check_corpus(const char *dir) {
    DIR *dp = opendir(dir);
    if (!dp) {
        diag("no corpus PDFs at %s: skipped", dir);
        return;
    }
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(dp))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".pdf")) continue;
        char *path, *cmd;
        if (asprintf(&path, "%s/%s", dir, e->d_name) < 0) continue;
        if (asprintf(&cmd, "pdftotext -layout '%s' -", path) < 0) continue;
        size_t len;
        char *pdf = slurp(path, &len);
        ut_pdf_text t;
        ut_error err;
        if (!ok(pdf && ut_pdf_text_read(pdf, len, &t, &err) == 0, "%s: text layer", e->d_name)) {
            free(pdf), free(path), free(cmd);
            continue;
        }
        n++;
        FILE *p = popen(cmd, "r");
        char *ref = NULL;
        size_t rcap = 0, rlen = 0, got;
        if (p) {
            do {
                if (rlen + 65536 > rcap) ref = realloc(ref, rcap = (rcap + 65536) * 2);
                got = fread(ref + rlen, 1, 65536, p);
                rlen += got;
            } while (got);
            ref[rlen] = 0;
        }
        int st = p ? pclose(p) : -1;
        if (ok(st == 0 && ref, "%s: pdftotext -layout ran (poppler-utils; make deps)", e->d_name)) {
            size_t ff = 0;
            for (size_t i = 0; i < rlen; i++) ff += ref[i] == '\f';
            is_int((long long)t.npages, (long long)ff, "%s: as many pages as pdftotext", e->d_name);
            char *mine = shape(t.text), *theirs = shape(ref);
            if (!is_str(mine, theirs, "%s: the same lines, words and column breaks as pdftotext -layout", e->d_name)) {
                /* the first differing line, to see why */
                const char *a = mine, *b = theirs;
                while (*a && *a == *b) a++, b++;
                while (a > mine && a[-1] != '\n') a--, b--;
                diag("mine:      %.*s", (int)strcspn(a, "\n"), a);
                diag("pdftotext: %.*s", (int)strcspn(b, "\n"), b);
            }
            free(mine);
            free(theirs);
        }
        free(ref);
        ut_pdf_text_release(&t);
        free(pdf);
        free(cmd);
        free(path);
    }
    closedir(dp);
    ok(n >= 6, "the corpus has its six PDFs (%zu)", n);
}

int main(void) {
    check_generated();
    const char *shared = getenv("UTDRAG_SHARED");
    char *dir;
    if (asprintf(&dir, "%s/corpus/pdf", shared && *shared ? shared : "../shared") >= 0) {
        check_corpus(dir);
        free(dir);
    }
    return done_testing();
}
