/*
 * fuzz_xlsx.c — harness (d, spreadsheet): the xlsx writer with hostile
 * field contents, the workbook read back from its zip.
 *
 * The documents are those of fuzz_docs_new (fuzz_util.h: every line of the
 * input a field, then the default rules' typed fields; a name that need
 * not be UTF-8), after fuzz_input_new (a mark makes lines longer than a
 * cell holds).  Both go into one workbook, written by ut_writer_create at a path to a
 * file in the harness's temp directory.
 *
 * The file must be a whole zip: it starts with "PK", its end record and
 * central directory are in range and every entry's local header is where
 * the directory says, and every entry inflates (zlib) to its size and
 * CRC-32.  libxlsxwriter's row files (constant_memory) are gone.  In the
 * workbook: one sheet for the documents and one per field type; each
 * sheet's XML is valid UTF-8 with no character XML 1.0 forbids; the
 * documents sheet has a row per document and each type's sheet a row per
 * field of that type, in order, whose cells doc, line, start, end, value,
 * text and rule read back as Excel reads them — XML line ends and
 * entities, then Excel's _xHHHH_ escapes undone; white space at an end
 * only under xml:space="preserve" — as the field's (strings cut at 32,767
 * characters as written, an escape counting 7; empty strings no cell).
 */
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "fuzz_util.h"
#include "base/text.h"
#include "write/writer.h"

#define XLSX_STR_MAX 32767

/* where the workbook is written (fuzz_util owns the path) */
static const char *xlsx_path(void) { return fuzz_tmp_path("out.xlsx"); }

/* ---- the zip ---------------------------------------------------------- */

typedef struct entry {
    char *name;
    unsigned char *data; /* inflated, NUL-terminated */
    size_t len;
} entry;

typedef struct zip {
    entry *e;
    size_t n;
} zip;

static unsigned rd16(const unsigned char *p) { return (unsigned)p[0] | (unsigned)p[1] << 8; }
static unsigned long rd32(const unsigned char *p) { return rd16(p) | (unsigned long)rd16(p + 2) << 16; }
static unsigned long long rd64(const unsigned char *p) {
    return rd32(p) | (unsigned long long)rd32(p + 4) << 32;
}

static unsigned char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    FUZZ_CHECK(f);
    FUZZ_CHECK(fseek(f, 0, SEEK_END) == 0);
    long n = ftell(f);
    FUZZ_CHECK(n >= 0);
    rewind(f);
    unsigned char *buf = malloc((size_t)n + 1);
    FUZZ_CHECK(buf);
    FUZZ_CHECK(fread(buf, 1, (size_t)n, f) == (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static unsigned char *inflate_entry(const unsigned char *src, size_t clen, unsigned method, size_t ulen) {
    unsigned char *out = malloc(ulen + 1);
    FUZZ_CHECK(out);
    if (method == 0) {
        FUZZ_CHECK(clen == ulen);
        memcpy(out, src, ulen);
    } else {
        FUZZ_CHECK(method == 8); /* deflate */
        z_stream z = {0};
        FUZZ_CHECK(inflateInit2(&z, -MAX_WBITS) == Z_OK);
        z.next_in = (unsigned char *)src;
        z.avail_in = (uInt)clen;
        z.next_out = out;
        z.avail_out = (uInt)ulen + 1; /* room for one byte too many, to catch it */
        FUZZ_CHECK(inflate(&z, Z_FINISH) == Z_STREAM_END);
        FUZZ_CHECK(z.total_out == ulen && z.total_in == clen);
        inflateEnd(&z);
    }
    out[ulen] = 0;
    return out;
}

/* Read the whole zip, checking its structure as described at the top. */
static zip read_zip(const unsigned char *b, size_t len) {
    FUZZ_CHECK(len >= 22 && !memcmp(b, "PK\3\4", 4));
    /* the end of central directory record: no comment is written */
    size_t eocd = len - 22;
    FUZZ_CHECK(!memcmp(b + eocd, "PK\5\6", 4));
    unsigned long long count = rd16(b + eocd + 10), cd_size = rd32(b + eocd + 12), cd_off = rd32(b + eocd + 16);
    FUZZ_CHECK(rd16(b + eocd + 8) == count && rd16(b + eocd + 20) == 0);
    if (count == 0xFFFF || cd_size == 0xFFFFFFFF || cd_off == 0xFFFFFFFF) { /* zip64 */
        FUZZ_CHECK(eocd >= 20 && !memcmp(b + eocd - 20, "PK\6\7", 4));
        unsigned long long rec = rd64(b + eocd - 20 + 8);
        FUZZ_CHECK(rec + 56 <= eocd - 20 && !memcmp(b + rec, "PK\6\6", 4));
        count = rd64(b + rec + 32);
        cd_size = rd64(b + rec + 40);
        cd_off = rd64(b + rec + 48);
    }
    FUZZ_CHECK(count > 0 && cd_off + cd_size <= eocd);
    zip z = {calloc(count, sizeof(entry)), 0};
    FUZZ_CHECK(z.e);
    size_t p = cd_off;
    for (; z.n < count; z.n++) {
        FUZZ_CHECK(p + 46 <= cd_off + cd_size && !memcmp(b + p, "PK\1\2", 4));
        unsigned method = rd16(b + p + 10);
        unsigned long crc = rd32(b + p + 16);
        unsigned long long clen = rd32(b + p + 20), ulen = rd32(b + p + 24), local = rd32(b + p + 42);
        size_t nlen = rd16(b + p + 28), xlen = rd16(b + p + 30), clen_c = rd16(b + p + 32);
        FUZZ_CHECK(p + 46 + nlen + xlen + clen_c <= cd_off + cd_size);
        /* zip64 sizes and offset in the extra field, in this order */
        for (size_t x = p + 46 + nlen; x + 4 <= p + 46 + nlen + xlen;) {
            unsigned id = rd16(b + x), sz = rd16(b + x + 2);
            FUZZ_CHECK(x + 4 + sz <= p + 46 + nlen + xlen);
            if (id == 1) {
                size_t q = x + 4;
                if (ulen == 0xFFFFFFFF) ulen = rd64(b + q), q += 8;
                if (clen == 0xFFFFFFFF) clen = rd64(b + q), q += 8;
                if (local == 0xFFFFFFFF) local = rd64(b + q), q += 8;
                FUZZ_CHECK(q <= x + 4 + sz);
            }
            x += 4 + sz;
        }
        FUZZ_CHECK((z.e[z.n].name = strndup((const char *)b + p + 46, nlen)));
        FUZZ_CHECK(local + 30 <= cd_off && !memcmp(b + local, "PK\3\4", 4));
        size_t lnlen = rd16(b + local + 26), lxlen = rd16(b + local + 28);
        FUZZ_CHECK(lnlen == nlen && !memcmp(b + local + 30, z.e[z.n].name, nlen));
        size_t data = local + 30 + lnlen + lxlen;
        FUZZ_CHECK(data + clen <= cd_off);
        z.e[z.n].data = inflate_entry(b + data, clen, method, ulen);
        z.e[z.n].len = ulen;
        FUZZ_CHECK(crc32(0, z.e[z.n].data, (uInt)ulen) == crc);
        p += 46 + nlen + xlen + clen_c;
    }
    FUZZ_CHECK(p == cd_off + cd_size);
    return z;
}

static void free_zip(zip *z) {
    for (size_t i = 0; i < z->n; i++) {
        free(z->e[i].name);
        free(z->e[i].data);
    }
    free(z->e);
}

static const entry *zip_get(const zip *z, const char *name) {
    for (size_t i = 0; i < z->n; i++)
        if (!strcmp(z->e[i].name, name)) return &z->e[i];
    return NULL;
}

/* ---- the sheets ------------------------------------------------------- */

/* `what` in [from, to), or NULL.  Searches are bounded by a row or a
 * cell: strstr over the rest of a sheet costs its length a call under
 * ASan (its interceptor measures both strings), quadratic over a sheet. */
static const char *find(const char *from, const char *to, const char *what) {
    return from < to ? memmem(from, (size_t)(to - from), what, strlen(what)) : NULL;
}

static size_t occurrences(const char *s, const char *what) {
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)); p += strlen(what)) n++;
    return n;
}

/* Valid UTF-8 and no character XML 1.0 forbids (C0 controls but tab, LF,
 * CR; U+FFFE, U+FFFF). */
static void check_xml_chars(const entry *e) {
    FUZZ_CHECK(strlen((const char *)e->data) == e->len);
    FUZZ_CHECK(ut_utf8_valid((const char *)e->data, e->len));
    for (size_t i = 0; i < e->len; i++) {
        unsigned char c = e->data[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            fprintf(stderr, "%s: control character 0x%02x at %zu\n", e->name, c, i);
        FUZZ_CHECK(c >= 0x20 || c == '\t' || c == '\n' || c == '\r');
        FUZZ_CHECK(!(c == 0xEF && i + 2 < e->len && e->data[i + 1] == 0xBF && e->data[i + 2] >= 0xBE));
    }
}

static void put_utf8(char **o, unsigned long cp) {
    char *p = *o;
    if (cp < 0x80) *p++ = (char)cp;
    else if (cp < 0x800) *p++ = (char)(0xC0 | cp >> 6), *p++ = (char)(0x80 | (cp & 0x3F));
    else if (cp < 0x10000)
        *p++ = (char)(0xE0 | cp >> 12), *p++ = (char)(0x80 | (cp >> 6 & 0x3F)), *p++ = (char)(0x80 | (cp & 0x3F));
    else
        *p++ = (char)(0xF0 | cp >> 18), *p++ = (char)(0x80 | (cp >> 12 & 0x3F)),
        *p++ = (char)(0x80 | (cp >> 6 & 0x3F)), *p++ = (char)(0x80 | (cp & 0x3F));
    *o = p;
}

static int hex4(const char *s, unsigned long *v) {
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return 0;
        *v = *v << 4 | (unsigned long)d;
    }
    return 1;
}

/* The text of an inline string `s`..`end` as Excel reads it: XML line
 * ends and entities, then _xHHHH_ escapes.  NEW. */
static char *cell_string(const char *s, const char *end) {
    char *xml = malloc((size_t)(end - s) + 1), *o = xml;
    FUZZ_CHECK(xml);
    while (s < end) {
        if (*s == '\r') { /* a reader's line ends (XML 1.0, 2.11): CRLF and CR are LF */
            *o++ = '\n';
            s += s + 1 < end && s[1] == '\n' ? 2 : 1;
            continue;
        }
        if (*s != '&') {
            *o++ = *s++;
            continue;
        }
        const char *semi = memchr(s, ';', (size_t)(end - s));
        FUZZ_CHECK(semi);
        size_t n = (size_t)(semi - s) + 1;
        if (n == 5 && !memcmp(s, "&amp;", 5)) *o++ = '&';
        else if (n == 4 && !memcmp(s, "&lt;", 4)) *o++ = '<';
        else if (n == 4 && !memcmp(s, "&gt;", 4)) *o++ = '>';
        else if (n == 6 && !memcmp(s, "&quot;", 6)) *o++ = '"';
        else if (n == 6 && !memcmp(s, "&apos;", 6)) *o++ = '\'';
        else {
            FUZZ_CHECK(s[1] == '#');
            char *stop;
            unsigned long cp = s[2] == 'x' ? strtoul(s + 3, &stop, 16) : strtoul(s + 2, &stop, 10);
            FUZZ_CHECK(stop == semi && cp > 0 && cp <= 0x10FFFF);
            put_utf8(&o, cp);
        }
        s = semi + 1;
    }
    *o = 0;
    /* Excel's escapes: _xHHHH_ is the character U+HHHH (UTF-16 units) */
    char *out = malloc(strlen(xml) + 1);
    FUZZ_CHECK(out);
    o = out;
    for (const char *p = xml; *p;) {
        unsigned long v, lo;
        if (p[0] == '_' && p[1] == 'x' && hex4(p + 2, &v) && p[6] == '_') {
            p += 7;
            if (v >= 0xD800 && v < 0xDC00 && p[0] == '_' && p[1] == 'x' && hex4(p + 2, &lo) &&
                p[6] == '_' && lo >= 0xDC00 && lo < 0xE000) {
                v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                p += 7;
            }
            put_utf8(&o, v);
        } else *o++ = *p++;
    }
    *o = 0;
    free(xml);
    return out;
}

/* Cell `ref` ("E2") in `row`..`end`: its string as read back (NEW), or a
 * number as written; NULL if the row has no such cell. */
static char *cell(const char *row, const char *end, const char *ref) {
    char tag[32];
    snprintf(tag, sizeof tag, "<c r=\"%s\"", ref);
    const char *c = find(row, end, tag);
    if (!c) return NULL;
    const char *close = find(c, end, "</c>");
    FUZZ_CHECK(close);
    const char *t = find(c, close, "<t");
    if (t) { /* an inline string: <c r=".." t="inlineStr"><is><t ...>text</t></is></c> */
        FUZZ_CHECK(find(c, t, "t=\"inlineStr\""));
        const char *open = find(t, close, ">"), *stop = find(t, close, "</t>");
        FUZZ_CHECK(open && stop && open < stop);
        char *text = cell_string(open + 1, stop);
        /* XML white space at either end of the element's text is kept only
         * with xml:space="preserve"; a character written as an escape
         * (`_x000D_`) is no white space there and needs none */
        const char *first = open + 1, *last = stop - 1;
        if (first < stop && (strchr(" \t\n\r", *first) || strchr(" \t\n\r", *last)) &&
            !find(t, open, "xml:space=\"preserve\"")) {
            fprintf(stderr, "%s: white space at an end without xml:space=\"preserve\"\n", ref);
            abort();
        }
        return text;
    }
    const char *v = find(c, close, "<v>"), *stop = v ? find(v, close, "</v>") : NULL;
    FUZZ_CHECK(v && stop);
    char *num = strndup(v + 3, (size_t)(stop - v - 3));
    FUZZ_CHECK(num);
    return num;
}

/* Characters a character at `s` takes in the XML that libxlsxwriter
 * counts: 7 for one that must be written as an _xHHHH_ escape (a '_' that
 * would start one: ECMA-376 ST_Xstring; a character XML forbids), else 1. */
static size_t written_chars(const char *s) {
    unsigned long v;
    /* "_xHHHH" reads as an escape when the next byte written is '_': its
     * own, or the first of the escape a control character or U+FFFE/F
     * is written as */
    if (s[0] == '_' && s[1] == 'x' && hex4(s + 2, &v) &&
        (s[6] == '_' || (s[6] && (unsigned char)s[6] < 0x20) ||
         ((unsigned char)s[6] == 0xEF && (unsigned char)s[7] == 0xBF && (unsigned char)s[8] >= 0xBE)))
        return 7;
    /* U+FFFE, U+FFFF: not allowed in XML, so written as escapes too */
    if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBF && (unsigned char)s[2] >= 0xBE) return 7;
    return 1;
}

/* A string as its cell must read: cut at XLSX_STR_MAX characters as
 * written (written_chars), at a character's end; NULL for no cell (an
 * empty string).  NEW. */
static char *as_cell(const char *s) {
    if (!s || !*s) return NULL;
    size_t n = 0, i = 0;
    while (s[i]) {
        size_t w = written_chars(s + i), len = 1;
        while (s[i + len] && ((unsigned char)s[i + len] & 0xC0) == 0x80) len++;
        if (n + w > XLSX_STR_MAX) break;
        n += w;
        i += len;
    }
    char *cut = strndup(s, i);
    FUZZ_CHECK(cut);
    return cut;
}

static void check_cell(const char *row, const char *end, const char *col, unsigned r, const char *want,
                       const char *what) {
    char ref[24];
    snprintf(ref, sizeof ref, "%s%u", col, r);
    char *got = cell(row, end, ref), *exp = as_cell(want);
    if (!(got ? exp && !strcmp(got, exp) : !exp)) {
        fprintf(stderr, "%s %s: got %s%.200s%s, want %s%.200s%s\n", what, ref, got ? "\"" : "", got ? got : "no cell",
                got ? "\"" : "", exp ? "\"" : "", exp ? exp : "no cell", exp ? "\"" : "");
        abort();
    }
    free(got);
    free(exp);
}

static void check_num(const char *row, const char *end, const char *col, unsigned r, size_t want) {
    char num[32];
    snprintf(num, sizeof num, "%zu", want);
    check_cell(row, end, col, r, num, "number");
}

/* The rows of sheet `e`: the header, then one a record; check_row (if
 * given) sees each record row. Returns the number of record rows. */
static size_t sheet_rows(const entry *e, void (*check_row)(const char *, const char *, unsigned, void *), void *ud) {
    const char *xml = (const char *)e->data, *all = xml + e->len;
    const char *data = find(xml, all, "<sheetData"), *stop = data ? find(data, all, "</sheetData>") : NULL;
    FUZZ_CHECK(data && stop);
    unsigned r = 0;
    for (const char *row = find(data, stop, "<row "); row; row = find(row + 1, stop, "<row ")) {
        r++;
        char want[32];
        snprintf(want, sizeof want, "<row r=\"%u\"", r);
        FUZZ_CHECK(!strncmp(row, want, strlen(want)));
        const char *end = find(row, stop, "</row>");
        FUZZ_CHECK(end);
        if (r > 1 && check_row) check_row(row, end, r, ud);
        row = end;
    }
    FUZZ_CHECK(r >= 1); /* the header is always there */
    return r - 1;
}

typedef struct sheet_check {
    ut_doc *const *docs;
    size_t ndocs;
    const char *type; /* NULL: the documents sheet */
    size_t doc, field; /* the next record to compare */
} sheet_check;

static void check_doc_row(const char *row, const char *end, unsigned r, void *ud) {
    sheet_check *c = ud;
    FUZZ_CHECK(c->doc < c->ndocs);
    const ut_doc *d = c->docs[c->doc++];
    char *name = ut_utf8_repaired(ut_doc_name(d));
    FUZZ_CHECK(name);
    check_cell(row, end, "A", r, name, "doc");
    check_cell(row, end, "B", r, ut_doc_encoding(d), "encoding");
    check_num(row, end, "C", r, ut_doc_nfields(d));
    free(name);
}

/* The next field of c->type over the documents, and its document. */
static const ut_field *next_field(sheet_check *c, const ut_doc **d) {
    for (; c->doc < c->ndocs; c->doc++, c->field = 0)
        for (; c->field < ut_doc_nfields(c->docs[c->doc]); c->field++) {
            const ut_field *f = ut_doc_field(c->docs[c->doc], c->field);
            if (!strcmp(f->type, c->type)) {
                *d = c->docs[c->doc];
                c->field++;
                return f;
            }
        }
    return NULL;
}

static void check_field_row(const char *row, const char *end, unsigned r, void *ud) {
    sheet_check *c = ud;
    const ut_doc *d;
    const ut_field *f = next_field(c, &d);
    FUZZ_CHECK(f);
    char *name = ut_utf8_repaired(ut_doc_name(d));
    FUZZ_CHECK(name);
    check_cell(row, end, "A", r, name, "doc");
    check_num(row, end, "B", r, f->line);
    check_num(row, end, "C", r, f->start);
    check_num(row, end, "D", r, f->end);
    check_cell(row, end, "E", r, f->value, "value");
    check_cell(row, end, "F", r, f->text, "text");
    check_cell(row, end, "G", r, f->rule, "rule");
    free(name);
}

static void check_workbook(ut_doc *const *docs, size_t n) {
    size_t len;
    unsigned char *bytes = slurp(xlsx_path(), &len);
    zip z = read_zip(bytes, len);
    free(bytes);
    const char *const *types = ut_field_types();
    size_t ntypes = 0;
    while (types[ntypes]) ntypes++;
    const entry *wb = zip_get(&z, "xl/workbook.xml");
    FUZZ_CHECK(wb && zip_get(&z, "[Content_Types].xml"));
    FUZZ_CHECK(occurrences((const char *)wb->data, "<sheet ") == 1 + ntypes);
    for (size_t s = 0; s <= ntypes; s++) {
        char name[64];
        snprintf(name, sizeof name, "xl/worksheets/sheet%zu.xml", s + 1);
        const entry *e = zip_get(&z, name);
        FUZZ_CHECK(e);
        check_xml_chars(e);
        sheet_check c = {docs, n, s ? types[s - 1] : NULL, 0, 0};
        size_t rows = sheet_rows(e, s ? check_field_row : check_doc_row, &c);
        const ut_doc *d;
        if (s) FUZZ_CHECK(!next_field(&c, &d)); /* no field of the type left out */
        else FUZZ_CHECK(rows == n);
    }
    free_zip(&z);
}

/* Nothing but the workbook is left in the directory (the row files of
 * constant_memory mode are removed). */
static void check_dir_clean(void) {
    DIR *dir = opendir(fuzz_tmpdir());
    FUZZ_CHECK(dir);
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, "line-rules") ||
            !strcmp(e->d_name, "out.xlsx"))
            continue;
        fprintf(stderr, "left in the directory: %s\n", e->d_name);
        abort();
    }
    closedir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *raw, size_t raw_size) {
    fuzz_input in;
    fuzz_input_new(&in, raw, raw_size);
    if (in.n) {
        ut_writer *wr = ut_writer_create("xlsx", NULL, xlsx_path(), 0, NULL);
        FUZZ_CHECK(wr);
        for (size_t k = 0; k < in.n; k++) FUZZ_CHECK(ut_writer_doc(wr, in.docs[k]) == 0);
        FUZZ_CHECK(ut_writer_finish(wr) == 0);
        check_dir_clean();
        check_workbook(in.docs, in.n);
        FUZZ_CHECK(unlink(xlsx_path()) == 0);
    }
    fuzz_input_free(&in);
    return 0;
}
