/*
 * test_write_html.c — the HTML review page read back by a strict little
 * parser of its document text: inside each <pre class="text"> only <mark>
 * and </mark> tags and escaped text may appear, marks balance, every field
 * has exactly one element with its id, and the text under each field's
 * pieces is the field's `text` (so offsets were mapped right, also for
 * Windows-1252 and UTF-16 input and for spans that nest or cross).  The
 * browser test (tests/browser/review.t) checks the page as rendered.
 */
#include <stdlib.h>

#include "tap.h"
#include "testutil.h"

/* Four rules in four overlap groups, so their spans nest and cross:
 *   "AAA BBB CCC <&\"'>" -> dnr [AAA BBB], date [BBB CCC], org [AAA BBB CCC],
 *                           figure [CCC <&"'>]  */
static const char *RULES =
    "rule t.a\n  type dnr\n  group ga\n  normalize group v\n  pattern (?<v>AAA BBB)\n"
    "rule t.b\n  type date\n  group gb\n  normalize group v\n  pattern (?<v>BBB CCC)\n"
    "rule t.c\n  type org\n  group gc\n  normalize group v\n  pattern (?<v>AAA BBB CCC)\n"
    "rule t.d\n  type figure\n  group gd\n  normalize group v\n  pattern (?<v>CCC <&\"'>)\n"
    "rule t.e\n  type person\n  group ge\n  normalize group v\n  pattern (?<v>M\\w+te)\n"
    "rule t.h\n  type dnr\n  group gh\n  normalize group v\n  pattern (?<v><<[^>]*>>)\n";

static const char CROSSING[] = "x AAA BBB CCC <&\"'> y\r\nAAA BBB CCC <&\"'>\n";
static const char CP1252[] = "\x93M\xf6te\x94 AAA BBB CCC <&\"'>\n"; /* “Möte” */
static const char UTF16LE[] = "\xff\xfe" "M\0\xf6\0t\0e\0 \0A\0A\0A\0 \0B\0B\0B\0";
static const char HOSTILE[] = "<<He said \"hi\"\x01 & 'so'>> </pre><script>alert(1)</script> M\xc3\xb6te\n";

typedef struct piece_text {
    char buf[256];
    size_t len;
    int ids; /* elements with this field's id */
} piece_text;

/* Append one decoded character (an entity or a plain byte run) to every
 * field open on the stack. */
static void add_text(piece_text *pt, const size_t *stack, size_t depth, const char *s, size_t n) {
    for (size_t k = 0; k < depth; k++) {
        piece_text *p = &pt[stack[k]];
        if (p->len + n < sizeof p->buf) {
            memcpy(p->buf + p->len, s, n);
            p->len += n;
            p->buf[p->len] = 0;
        }
    }
}

/* Check the <pre class="text"> of document `doc` in `page` against the
 * fields of `d`.  Returns 1 when everything holds (failures are diag'd). */
static int check_text(const char *page, size_t doc, const ut_doc *d, const char *what) {
    char anchor[64];
    snprintf(anchor, sizeof anchor, "<section class=\"doc\" id=\"d%zu\"", doc);
    const char *sec = strstr(page, anchor);
    const char *p = sec ? strstr(sec, "<pre class=\"text\">") : NULL;
    if (!p) { diag("%s: no text of document %zu", what, doc); return 0; }
    p += strlen("<pre class=\"text\">");
    size_t n = ut_doc_nfields(d);
    piece_text *pt = calloc(n + 1, sizeof *pt);
    size_t stack[64], depth = 0;
    int good = 1;
    while (good && *p && strncmp(p, "</pre>", 6)) {
        if (!strncmp(p, "</mark>", 7)) {
            if (depth == 0) { diag("%s: </mark> without <mark>", what); good = 0; }
            else depth--;
            p += 7;
        } else if (!strncmp(p, "<mark ", 6)) {
            const char *end = strchr(p, '>'), *f = strstr(p, "data-f=\"");
            if (!end || !f || f > end || depth == 64) { diag("%s: bad <mark>", what); good = 0; break; }
            size_t i = strtoul(f + 8, NULL, 10);
            if (i >= n) { diag("%s: data-f %zu out of range", what, i); good = 0; break; }
            char id[64];
            snprintf(id, sizeof id, " id=\"d%zu-f%zu\"", doc, i);
            const char *at = strstr(p, id);
            if (at && at < end) pt[i].ids++;
            for (const char *q = p; q < end; q++)
                if (*q == '<' && q != p) { diag("%s: '<' inside a tag", what); good = 0; }
            stack[depth++] = i;
            p = end + 1;
        } else if (*p == '<' || *p == '>' || *p == '"' || *p == '\'') {
            diag("%s: raw '%c' in the text: %.40s", what, *p, p);
            good = 0;
        } else if (*p == '&') {
            static const char *const ent[][2] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
            size_t k = 0;
            while (k < 5 && strncmp(p, ent[k][0], strlen(ent[k][0]))) k++;
            if (k == 5) { diag("%s: unknown entity %.8s", what, p); good = 0; break; }
            add_text(pt, stack, depth, ent[k][1], 1);
            p += strlen(ent[k][0]);
        } else {
            add_text(pt, stack, depth, p, 1);
            p++;
        }
    }
    if (good && depth) { diag("%s: %zu marks left open", what, depth); good = 0; }
    for (size_t i = 0; good && i < n; i++) {
        const ut_field *f = ut_doc_field(d, i);
        /* control characters other than tab and line ends show as U+FFFD */
        char want[256];
        size_t o = 0;
        for (const char *s = f->text; *s && o + 4 < sizeof want; s++) {
            unsigned char c = (unsigned char)*s;
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) { memcpy(want + o, "\xEF\xBF\xBD", 3); o += 3; }
            else want[o++] = *s;
        }
        want[o] = 0;
        if (pt[i].ids != 1) { diag("%s: field %zu has %d elements with its id", what, i, pt[i].ids); good = 0; }
        if (strcmp(pt[i].buf, want)) { diag("%s: field %zu shows '%s', text is '%s'", what, i, pt[i].buf, want); good = 0; }
    }
    free(pt);
    return good;
}

static char *render(ut_doc **docs, size_t n, size_t *len, int *rc) {
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    ut_writer *wr = ut_writer_create("html", f, NULL, 0, NULL);
    *rc = 0;
    for (size_t i = 0; i < n; i++) *rc |= ut_writer_doc(wr, docs[i]);
    *rc |= ut_writer_finish(wr);
    fclose(f);
    return buf;
}

static size_t count(const char *s, const char *what) {
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)); p += strlen(what)) n++;
    return n;
}

int main(void) {
    char *dir;
    ut_error err;
    ut_ruleset *rs = rules_from_text(&dir, RULES, NULL, NULL, &err);
    if (!ok(rs != NULL, "rules load")) { diag("%s", err.text); return done_testing(); }
    ut_worker *w = ut_worker_new(rs);
    ut_doc *docs[] = {
        ut_extract(w, "crossing.txt", CROSSING, sizeof CROSSING - 1, &err),
        ut_extract(w, "cp1252.txt", CP1252, sizeof CP1252 - 1, &err),
        ut_extract(w, "utf16.txt", UTF16LE, sizeof UTF16LE - 1, &err),
        ut_extract(w, "<b>\"bad\" \xff name</b>.txt", HOSTILE, sizeof HOSTILE - 1, &err),
        ut_extract(w, "empty.txt", "nothing", 7, &err),
    };
    const size_t ndocs = sizeof docs / sizeof *docs;
    is_int((long long)ut_doc_nfields(docs[0]), 8, "crossing: eight fields (four a line)");
    is_str(ut_doc_encoding(docs[1]), "windows-1252", "cp1252 document");
    is_int((long long)ut_doc_nfields(docs[1]), 5, "cp1252: five fields");
    is_str(ut_doc_encoding(docs[2]), "utf-16le", "utf-16 document");
    is_int((long long)ut_doc_nfields(docs[2]), 2, "utf-16: two fields");
    is_int((long long)ut_doc_nfields(docs[3]), 2, "hostile: two fields");

    size_t len;
    int rc;
    char *page = render(docs, ndocs, &len, &rc);
    is_int(rc, 0, "written");
    ok(strlen(page) == len, "no NUL in the page");
    ok(!strncmp(page, "<!DOCTYPE html>", 15) && strstr(page, "</html>\n") == page + len - 8, "one whole page");
    ok(strstr(page, "Content-Security-Policy\" content=\"default-src 'none'") != NULL, "the page may fetch nothing");
    ok(!strstr(page, "http:") && !strstr(page, "https:") && !strstr(page, " src="), "no link to anything outside");
    const char *names[] = {"crossing", "cp1252", "utf-16", "hostile", "no fields"};
    for (size_t i = 0; i < ndocs; i++) {
        ok(check_text(page, i, docs[i], names[i]), "%s: marks balance, one id per field, each field shows its text", names[i]);
        char row[64];
        snprintf(row, sizeof row, "<tr class=\"row\" id=\"d%zu-r", i);
        is_int((long long)count(page, row), (long long)ut_doc_nfields(docs[i]), "%s: one table row per field", names[i]);
    }
    /* two on each of the three lines with the crossing spans */
    is_int((long long)count(page, " cont\""), 6, "a span that crosses another's end goes on as a second piece");
    is_int((long long)count(page, "<script>"), 1, "the document's <script> is text, the page's own is the only one");
    ok(strstr(page, "&lt;/pre&gt;&lt;script&gt;alert(1)") != NULL, "markup in the text is escaped");
    ok(strstr(page, "data-name=\"&lt;b&gt;&quot;bad&quot; \xEF\xBF\xBD name&lt;/b&gt;.txt\"") != NULL,
       "file name escaped, invalid UTF-8 as U+FFFD");
    ok(strstr(page, "title=\"dnr: &lt;&lt;He said &quot;hi&quot;\xEF\xBF\xBD") != NULL, "hover text escaped");
    ok(strstr(page, "title=\"person: M\xC3\xB6te&#10;text: M\xC3\xB6te&#10;rule: t.e") != NULL,
       "hover text: type, value, text, rule");
    free(page);

    page = render(NULL, 0, &len, &rc);
    ok(rc == 0 && strstr(page, "no documents") && strstr(page, "</html>\n") == page + len - 8,
       "no documents: a whole page that says so");
    free(page);

    FILE *full = fopen("/dev/full", "w");
    if (full) {
        ut_writer *wr = ut_writer_create("html", full, NULL, 0, NULL);
        rc = ut_writer_doc(wr, docs[0]);
        rc |= ut_writer_finish(wr);
        is_int(rc, -1, "a full disk is reported as a write error");
        fclose(full);
    }
    is_str(ut_format_find("html") ? ut_format_find("html")->name : NULL, "html", "format html");

    for (size_t i = 0; i < ndocs; i++) ut_doc_free(docs[i]);
    ut_worker_free(w);
    ut_ruleset_free(rs);
    scratch_free(dir);
    return done_testing();
}
