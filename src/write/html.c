/* write_html.c — a review page: one self-contained HTML file (inline CSS
 * and JS, a Content-Security-Policy that forbids any fetch) showing each
 * document's text with every field highlighted by type, a legend that is
 * also the type filter, a text filter, and per document a table of fields
 * whose rows link to their spans (anchor ids dN-fI).
 *
 * The text shown is the DECODED text (Windows-1252 and UTF-16 files become
 * UTF-8) that the document record holds (ut_doc_text), each field at its
 * span in it (ut_doc_text_span): this writer decodes nothing itself.
 *
 * Fields of different overlap groups may overlap (a person over a date)
 * or cross.  Spans are nested where they nest; where one crosses another's
 * end it is closed and reopened as a continuation piece (class "cont",
 * same data-f, no id), so the markup is always well formed and each field
 * has exactly one element with an id.
 *
 * Documents are written as they come (memory does not grow with the run);
 * the document selector at the top is filled by the script at the end.
 * Every string is escaped; invalid UTF-8 (a file name) and control
 * characters become U+FFFD. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "write/writer.h"

static const char page_head[] =
    "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta name=\"generator\" content=\"utdrag " UTDRAG_VERSION "\">\n"
    "<title>utdrag review</title>\n<style>\n"
    ":root{--hh:64px}\n"
    "body{margin:0;font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",sans-serif;color:#1f2328;background:#f4f4f1}\n"
    "header{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid #d8d8d2;padding:8px 16px;"
    "display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;box-shadow:0 1px 3px rgba(0,0,0,.06)}\n"
    "header h1{font-size:16px;margin:0 6px 0 0}\n"
    "header select,header input,header button{font:inherit;padding:3px 6px;border:1px solid #bbb;border-radius:5px;background:#fff}\n"
    "header select{max-width:26em}\n#q{width:14em}\n#ndocs{color:#666}\n"
    "#legend{display:flex;flex-wrap:wrap;gap:4px}\n"
    "#legend label{display:inline-flex;align-items:center;gap:4px;padding:1px 9px 1px 5px;border-radius:11px;"
    "background:var(--c);box-shadow:inset 0 -2px var(--b);cursor:pointer;user-select:none}\n"
    "#legend label.unchecked{background:#eee;box-shadow:none;color:#888;text-decoration:line-through}\n"
    "#legend .n{font-variant-numeric:tabular-nums;color:#444}\n"
    ".doc{padding:12px 16px}\n.doc h2{font-size:15px;margin:0 0 2px;overflow-wrap:anywhere}\n"
    ".facts{color:#555;margin:0 0 8px;font-size:13px}\n.facts b{font-weight:600;color:#333}\n"
    ".cols{display:grid;grid-template-columns:minmax(0,1fr) minmax(380px,44%);gap:14px;align-items:start}\n"
    "pre.text{margin:0;background:#fff;border:1px solid #d8d8d2;border-radius:6px;padding:12px 14px;"
    "white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.65 ui-monospace,\"DejaVu Sans Mono\",monospace}\n"
    ".side{position:sticky;top:calc(var(--hh) + 8px);max-height:calc(100vh - var(--hh) - 24px);overflow:auto;"
    "background:#fff;border:1px solid #d8d8d2;border-radius:6px}\n"
    "table{border-collapse:collapse;width:100%;font-size:12.5px}\n"
    "th{position:sticky;top:0;background:#efefea;text-align:left;padding:4px 6px;font-weight:600;z-index:1}\n"
    "td{padding:3px 6px;border-top:1px solid #eee;vertical-align:top;overflow-wrap:break-word}\n"
    "td.num{white-space:nowrap;text-align:right;font-variant-numeric:tabular-nums;color:#666}\n"
    ".more{color:#666;font-size:11.5px}\n.more b{font-weight:500;color:#333}\ntd a{color:inherit}\n"
    "tr.row{cursor:pointer}\ntr.row:hover{background:#f3f8ff}\ntr.row.sel{background:#dcebff}\n"
    ".chip{display:inline-block;white-space:nowrap;padding:0 6px;border-radius:8px;background:var(--c);box-shadow:inset 0 -2px var(--b)}\n"
    "mark.f{background:var(--c);color:inherit;border-radius:2px;box-shadow:inset 0 -2px var(--b);cursor:pointer}\n"
    "mark.f mark.f{box-shadow:inset 0 -2px var(--b),0 0 0 1px var(--b)}\n"
    "mark.f{scroll-margin:calc(var(--hh) + 48px) 0 48px}\n"
    "mark.f:target{outline:2px solid #d93025;outline-offset:1px}\n"
    ".flash{animation:flash 1.8s ease-out}\n"
    "@keyframes flash{0%,45%{outline:3px solid #d93025;outline-offset:2px;background:#fff59d}"
    "100%{outline:3px solid transparent}}\n"
    ".none{color:#777;font-style:italic;padding:8px}\n"
    ".f,.chip,#legend label{--c:#e0e0e0;--b:#9e9e9e}\n"
    ".t-dnr{--c:#ffe08a;--b:#c99400}\n.t-date{--c:#b3e0fb;--b:#2b8ccf}\n"
    ".t-person{--c:#bfe6b8;--b:#3f9a3a}\n.t-party{--c:#f7bfd6;--b:#cc4a82}\n"
    ".t-figure{--c:#dcc6f0;--b:#8a52c2}\n.t-org{--c:#ffcdb2;--b:#d9662a}\n"
    "@media (max-width:900px){.cols{grid-template-columns:1fr}.side{position:static;max-height:none}}\n"
    "</style>\n<style id=\"typefilter\"></style>\n</head>\n<body>\n<header>\n<h1>utdrag review</h1>\n"
    "<button id=\"prev\" title=\"previous document\">&#8592;</button>"
    "<select id=\"docsel\" aria-label=\"document\"></select>"
    "<button id=\"next\" title=\"next document\">&#8594;</button>\n<span id=\"ndocs\"></span>\n"
    "<div id=\"legend\">";

static const char page_head_end[] =
    "</div>\n<input id=\"q\" type=\"search\" placeholder=\"filter fields\" aria-label=\"filter fields\">\n"
    "</header>\n<main>\n";

static const char page_tail[] =
    "</main>\n<script>\n"
    "(function () {\n"
    "'use strict';\n"
    "var docs = [].slice.call(document.querySelectorAll('section.doc'));\n"
    "var sel = document.getElementById('docsel'), q = document.getElementById('q');\n"
    "var legend = document.getElementById('legend'), filterCss = document.getElementById('typefilter');\n"
    "var off = {};\n"
    "document.getElementById('ndocs').textContent = docs.length + (docs.length === 1 ? ' document' : ' documents');\n"
    "docs.forEach(function (s, i) {\n"
    "  var o = document.createElement('option');\n"
    "  o.value = s.id;\n"
    "  o.textContent = (i + 1) + '. ' + s.dataset.name.replace(/^.*[\\/]/, '') + ' (' + s.dataset.n + ')';\n"
    "  o.title = s.dataset.name;\n"
    "  sel.appendChild(o);\n"
    "});\n"
    "/* a legend entry for any type the page has that the legend lacks */\n"
    "[].forEach.call(document.querySelectorAll('mark.f'), function (m) {\n"
    "  var t = m.dataset.type;\n"
    "  if (legend.querySelector('input[data-type=\"' + CSS.escape(t) + '\"]')) return;\n"
    "  var l = document.createElement('label'), i = document.createElement('input'), n = document.createElement('span');\n"
    "  l.className = m.classList[1];\n"
    "  i.type = 'checkbox'; i.checked = true; i.dataset.type = t;\n"
    "  n.className = 'n';\n"
    "  l.appendChild(i); l.appendChild(document.createTextNode(t + ' ')); l.appendChild(n);\n"
    "  legend.appendChild(l);\n"
    "});\n"
    "function current() { return document.getElementById(sel.value); }\n"
    "function counts() {\n"
    "  var s = current();\n"
    "  [].forEach.call(legend.querySelectorAll('input'), function (i) {\n"
    "    var n = s ? s.querySelectorAll('mark.f[id][data-type=\"' + CSS.escape(i.dataset.type) + '\"]').length : 0;\n"
    "    i.parentNode.querySelector('.n').textContent = n;\n"
    "  });\n"
    "}\n"
    "function textFilter() {\n"
    "  var s = current(), w = q.value.trim().toLowerCase();\n"
    "  if (!s) return;\n"
    "  [].forEach.call(s.querySelectorAll('tr.row'), function (r) {\n"
    "    r.hidden = w !== '' && r.textContent.toLowerCase().indexOf(w) < 0;\n"
    "  });\n"
    "}\n"
    "function typeFilter() {\n"
    "  var css = '';\n"
    "  Object.keys(off).forEach(function (t) {\n"
    "    if (!off[t]) return;\n"
    "    var a = '[data-type=\"' + CSS.escape(t) + '\"]';\n"
    "    css += 'mark.f' + a + '{background:none;box-shadow:none;cursor:auto}tr.row' + a + '{display:none}';\n"
    "  });\n"
    "  filterCss.textContent = css;\n"
    "}\n"
    "function show(id) {\n"
    "  docs.forEach(function (s) { s.hidden = s.id !== id; });\n"
    "  sel.value = id;\n"
    "  counts();\n"
    "  textFilter();\n"
    "}\n"
    "function flash(el) {\n"
    "  el.classList.remove('flash');\n"
    "  void el.offsetWidth;\n"
    "  el.classList.add('flash');\n"
    "}\n"
    "function selectRow(r) {\n"
    "  [].forEach.call(document.querySelectorAll('tr.row.sel'), function (x) { x.classList.remove('sel'); });\n"
    "  if (r) r.classList.add('sel');\n"
    "}\n"
    "/* to a field's span: its document shown, the span made the :target,\n"
    "   scrolled to the middle, flashed (every piece of it) */\n"
    "var went = '';\n"
    "function go(id) {\n"
    "  var el = document.getElementById(id);\n"
    "  if (!el) return;\n"
    "  var s = el.closest('section.doc');\n"
    "  if (s.hidden) show(s.id);\n"
    "  if (location.hash !== '#' + id) { went = id; location.hash = id; }\n"
    "  el.scrollIntoView({block: 'center'});\n"
    "  [].forEach.call(s.querySelectorAll('mark.f[data-f=\"' + el.dataset.f + '\"]'), flash);\n"
    "  selectRow(document.getElementById(id.replace(/-f(\\d+)$/, '-r$1')));\n"
    "}\n"
    "document.addEventListener('click', function (e) {\n"
    "  var r = e.target.closest('tr.row');\n"
    "  if (r) { e.preventDefault(); go(r.dataset.target); return; }\n"
    "  var m = e.target.closest('mark.f');\n"
    "  if (m) {\n"
    "    var s = m.closest('section.doc'), row = document.getElementById(s.id + '-r' + m.dataset.f);\n"
    "    if (row && !row.hidden) { selectRow(row); row.scrollIntoView({block: 'nearest'}); flash(row); }\n"
    "  }\n"
    "});\n"
    "legend.addEventListener('change', function (e) {\n"
    "  var i = e.target;\n"
    "  off[i.dataset.type] = !i.checked;\n"
    "  i.parentNode.classList.toggle('unchecked', !i.checked);\n"
    "  typeFilter();\n"
    "});\n"
    "q.addEventListener('input', textFilter);\n"
    "sel.addEventListener('change', function () { show(sel.value); window.scrollTo(0, 0); });\n"
    "function step(d) {\n"
    "  var i = sel.selectedIndex + d;\n"
    "  if (i >= 0 && i < docs.length) { show(docs[i].id); window.scrollTo(0, 0); }\n"
    "}\n"
    "document.getElementById('prev').addEventListener('click', function () { step(-1); });\n"
    "document.getElementById('next').addEventListener('click', function () { step(1); });\n"
    "function headerHeight() {\n"
    "  document.documentElement.style.setProperty('--hh', document.querySelector('header').offsetHeight + 'px');\n"
    "}\n"
    "window.addEventListener('resize', headerHeight);\n"
    "headerHeight();\n"
    "/* a link into the page (#dN-fI: a span, #dN: a document), also back and forward */\n"
    "function route(first) {\n"
    "  var h = decodeURIComponent(location.hash.slice(1)), t = h && document.getElementById(h);\n"
    "  if (t && t.matches('mark.f')) go(h);\n"
    "  else if (t && t.matches('section.doc')) { show(h); window.scrollTo(0, 0); }\n"
    "  else if (first && docs.length) show(docs[0].id);\n"
    "}\n"
    "window.addEventListener('hashchange', function () {\n"
    "  if (location.hash === '#' + went) { went = ''; return; }\n"
    "  route(false);\n"
    "});\n"
    "route(true);\n"
    "})();\n"
    "</script>\n</body>\n</html>\n";

/* Write s[0..n) so that it is safe as HTML text and inside a quoted
 * attribute: & < > " ' as references; invalid UTF-8, C0 controls other than
 * tab, LF and CR, DEL and C1 controls as U+FFFD (the HTML parser would
 * reject or mangle them). */
static void put_escaped(FILE *out, const char *str, size_t n) {
    const unsigned char *s = (const unsigned char *)str;
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        const char *rep = NULL;
        size_t step = 1;
        if (c >= 0x80) {
            uint32_t cp;
            int l = ut_utf8_decode(s + i, n - i, &cp);
            if (l < 0 || (cp >= 0x80 && cp < 0xA0)) rep = "\xEF\xBF\xBD";
            if (l > 0) step = (size_t)l;
        } else if (c == '&') rep = "&amp;";
        else if (c == '<') rep = "&lt;";
        else if (c == '>') rep = "&gt;";
        else if (c == '"') rep = "&quot;";
        else if (c == '\'') rep = "&#39;";
        else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) rep = "\xEF\xBF\xBD";
        if (rep) {
            fwrite(s + run, 1, i - run, out);
            fputs(rep, out);
            run = i + step;
        }
        i += step;
    }
    fwrite(s + run, 1, n - run, out);
}

static void put_esc(FILE *out, const char *s) { put_escaped(out, s, strlen(s)); }

/* A field type as a class name: "t-" and the type with anything but
 * [a-z0-9_-] as '_' (a rule set can name its own types). */
static void put_type_class(FILE *out, const char *type) {
    fputs("t-", out);
    for (const char *p = type; *p; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        fputc(ok ? c : '_', out);
    }
}

static void put_attr_value(FILE *out, const ut_attr *a) {
    switch (a->kind) {
    case UT_ATTR_STR: put_esc(out, a->s); break;
    case UT_ATTR_INT: fprintf(out, "%lld", a->i); break;
    case UT_ATTR_NUM: fprintf(out, "%.15g", a->d); break;
    case UT_ATTR_BOOL: fputs(a->i ? "true" : "false", out); break;
    }
}

/* The hover text of a field: type and value, the source text, the rule,
 * where it is, and its typed attributes, one a line. */
static void put_title(FILE *out, const ut_field *f) {
    put_esc(out, f->type);
    fputs(": ", out);
    put_esc(out, f->value);
    fputs("&#10;text: ", out);
    put_esc(out, f->text);
    fputs("&#10;rule: ", out);
    put_esc(out, f->rule);
    fprintf(out, "&#10;line %zu, bytes %zu&#8211;%zu", f->line, f->start, f->end);
    for (size_t i = 0; i < f->nattrs && i < UT_MAX_ATTRS; i++) {
        fputs("&#10;", out);
        put_esc(out, f->attrs[i].key);
        fputs(": ", out);
        put_attr_value(out, &f->attrs[i]);
    }
}

static void open_mark(FILE *out, size_t doc, size_t i, const ut_field *f, int first) {
    fputs("<mark class=\"f ", out);
    put_type_class(out, f->type);
    if (!first) fputs(" cont", out);
    fputs("\"", out);
    if (first) fprintf(out, " id=\"d%zu-f%zu\"", doc, i);
    fprintf(out, " data-f=\"%zu\" data-type=\"", i);
    put_esc(out, f->type);
    fputs("\" title=\"", out);
    put_title(out, f);
    fputs("\">", out);
}

/* Where a field starts and ends in the decoded text (never inside a
 * character), and which field it is. */
typedef struct span {
    size_t start, end, field;
} span;

/* Opening order: by start, the outer (longer) one first, then field order. */
static int by_position(const void *a, const void *b) {
    const span *p = a, *q = b;
    if (p->start != q->start) return p->start < q->start ? -1 : 1;
    if (p->end != q->end) return p->end > q->end ? -1 : 1;
    return p->field < q->field ? -1 : p->field > q->field;
}

/* The text with its fields as <mark> elements; see the note at the top for
 * overlaps.  0, or -1 on out of memory. */
static int put_marked_text(FILE *out, size_t doc, const ut_doc *d) {
    size_t tlen;
    const char *ts = ut_doc_text(d, &tlen);
    size_t n = ut_doc_nfields(d);
    span *sp = malloc((n ? n : 1) * sizeof *sp);
    span **stack = malloc((n ? n : 1) * sizeof *stack); /* the open marks, outermost first */
    if (!sp || !stack) {
        free(sp);
        free(stack);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const ut_field *f = ut_doc_field(d, i);
        ut_doc_text_span(d, f, &sp[i].start, &sp[i].end);
        sp[i].field = i;
    }
    qsort(sp, n, sizeof *sp, by_position);
    size_t pos = 0, next_open = 0, depth = 0;
    while (next_open < n || depth) {
        size_t at = next_open < n ? sp[next_open].start : tlen;
        for (size_t k = 0; k < depth; k++)
            if (stack[k]->end < at) at = stack[k]->end;
        put_escaped(out, ts + pos, at - pos);
        pos = at;
        /* close from the innermost out to the outermost that ends here;
         * the ones inside it that go on are reopened as continuations */
        size_t low = depth;
        for (size_t k = 0; k < depth; k++)
            if (stack[k]->end <= pos) { low = k; break; }
        if (low < depth) {
            for (size_t k = low; k < depth; k++) fputs("</mark>", out);
            size_t keep = low;
            for (size_t k = low; k < depth; k++)
                if (stack[k]->end > pos) {
                    stack[keep++] = stack[k];
                    open_mark(out, doc, stack[k]->field, ut_doc_field(d, stack[k]->field), 0);
                }
            depth = keep;
        }
        for (; next_open < n && sp[next_open].start <= pos; next_open++) {
            span *s = &sp[next_open];
            open_mark(out, doc, s->field, ut_doc_field(d, s->field), 1);
            if (s->end > pos) stack[depth++] = s;
            else fputs("</mark>", out); /* empty in the decoded text */
        }
    }
    put_escaped(out, ts + pos, tlen - pos);
    free(sp);
    free(stack);
    return 0;
}

static void put_fields_table(FILE *out, size_t doc, const ut_doc *d) {
    size_t n = ut_doc_nfields(d);
    fputs("<div class=\"side\">", out);
    if (!n) {
        fputs("<p class=\"none\">no fields</p></div>\n", out);
        return;
    }
    fputs("<table class=\"fields\"><thead><tr><th>#</th><th>type</th><th>value</th><th>text</th>"
          "<th>line</th><th>rule</th></tr></thead><tbody>\n",
          out);
    for (size_t i = 0; i < n; i++) {
        const ut_field *f = ut_doc_field(d, i);
        fprintf(out, "<tr class=\"row\" id=\"d%zu-r%zu\" data-target=\"d%zu-f%zu\" data-type=\"", doc, i, doc, i);
        put_esc(out, f->type);
        fprintf(out, "\"><td class=\"num\"><a href=\"#d%zu-f%zu\">%zu</a></td><td><span class=\"chip ", doc, i, i + 1);
        put_type_class(out, f->type);
        fputs("\">", out);
        put_esc(out, f->type);
        fputs("</span></td><td>", out);
        put_esc(out, f->value);
        /* the typed attributes under the value, small */
        for (size_t k = 0; k < f->nattrs && k < UT_MAX_ATTRS; k++) {
            fputs(k ? ", " : "<div class=\"more\">", out);
            put_esc(out, f->attrs[k].key);
            fputs(" <b>", out);
            put_attr_value(out, &f->attrs[k]);
            fputs("</b>", out);
        }
        if (f->nattrs) fputs("</div>", out);
        fputs("</td><td>", out);
        put_esc(out, f->text);
        fprintf(out, "</td><td class=\"num\">%zu</td><td>", f->line);
        put_esc(out, f->rule);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table></div>\n", out);
}

static void put_page_head(FILE *out) {
    fputs(page_head, out);
    for (const char *const *t = ut_field_types(); *t; t++) {
        fputs("<label class=\"", out);
        put_type_class(out, *t);
        fputs("\"><input type=\"checkbox\" checked data-type=\"", out);
        put_esc(out, *t);
        fputs("\">", out);
        put_esc(out, *t);
        fputs(" <span class=\"n\"></span></label>", out);
    }
    fputs(page_head_end, out);
}

static int html_doc(ut_writer *wr, const ut_doc *d) {
    FILE *out = wr->out;
    if (wr->ndocs == 0) put_page_head(out);
    size_t doc = wr->ndocs;
    fprintf(out, "<section class=\"doc\" id=\"d%zu\" data-n=\"%zu\" data-name=\"", doc, ut_doc_nfields(d));
    put_esc(out, ut_doc_name(d));
    fputs("\">\n<h2>", out);
    put_esc(out, ut_doc_name(d));
    fprintf(out, "</h2>\n<p class=\"facts\"><b>%zu</b> field%s &middot; ", ut_doc_nfields(d),
            ut_doc_nfields(d) == 1 ? "" : "s");
    put_esc(out, ut_doc_encoding(d));
    size_t nmeta;
    const ut_attr *meta = ut_doc_meta(d, &nmeta);
    for (size_t i = 0; i < nmeta; i++) {
        fputs(" &middot; <b>", out);
        put_esc(out, meta[i].key);
        fputs("</b> ", out);
        put_attr_value(out, &meta[i]);
    }
    fputs("</p>\n<div class=\"cols\"><pre class=\"text\">", out);
    if (put_marked_text(out, doc, d)) {
        errno = ENOMEM;
        return -1;
    }
    fputs("</pre>\n", out);
    put_fields_table(out, doc, d);
    fputs("</div>\n</section>\n", out);
    return 0;
}

static int html_finish(ut_writer *wr, int ok) {
    if (!ok) return -1;
    if (wr->ndocs == 0) {
        put_page_head(wr->out);
        fputs("<p class=\"none\">no documents</p>\n", wr->out);
    }
    return fputs(page_tail, wr->out) == EOF ? -1 : 0;
}

const ut_format_ops ut_html_format = {
    .info = {.name = "html", .summary = "a review page: each document with its fields highlighted"},
    .doc = html_doc,
    .finish = html_finish,
};
