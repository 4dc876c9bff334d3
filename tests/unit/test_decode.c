/*
 * test_decode.c — stage 1 (bytes → UTF-8) and stage 2 (normalized view),
 * each with its offset map: every output byte must point at the original
 * byte it came from, or `start`/`end`/`text` of a field would lie.
 */
#include "tap.h"
#include "testutil.h"
#include "input/decode.h"
#include "text/normalize.h"

/* "i:orig,i:orig" rendering of a map, for compact comparisons. NEW. */
static char *map_str(const ut_text *t) {
    size_t cap = (t->len + 1) * 24 + 1, o = 0;
    char *s = malloc(cap);
    s[0] = 0;
    for (size_t i = 0; i <= t->len; i++)
        o += (size_t)snprintf(s + o, cap - o, "%s%zu", i ? "," : "", ut_text_orig(t, i));
    return s;
}

static void check_map(const ut_text *t, const char *want, const char *name) {
    char *got = map_str(t);
    is_str(got, want, "%s: offset map", name);
    free(got);
}

static void test_utf8(void) {
    const char in[] = "Malmö 2021";
    ut_text t;
    const char *enc = NULL;
    ut_error err = {0};
    is_int(ut_decode(in, sizeof in - 1, &t, &enc, &err), 0, "utf-8 decodes");
    is_str(enc, "utf-8", "utf-8: encoding");
    ok(t.s == in && t.map == NULL && !t.owns_s, "utf-8: input aliased, identity map (no copy)");
    ut_text_release(&t);

    const char bom[] = "\xef\xbb\xbfÅr";
    is_int(ut_decode(bom, sizeof bom - 1, &t, &enc, &err), 0, "utf-8 with BOM decodes");
    is_str(enc, "utf-8", "BOM: encoding");
    is_str(t.s, "År", "BOM: dropped from the text");
    check_map(&t, "3,4,5,6", "BOM");
    ut_text_release(&t);

    is_int(ut_decode("", 0, &t, &enc, &err), 0, "empty input decodes");
    is_int((long long)t.len, 0, "empty input: empty text");
    ut_text_release(&t);
}

static void test_cp1252(void) {
    /* "Möte – 5 €" in Windows-1252, and an undefined byte 0x81 */
    const char in[] = "M\xf6te \x96 5 \x80\x81";
    ut_text t;
    const char *enc = NULL;
    ut_error err = {0};
    is_int(ut_decode(in, sizeof in - 1, &t, &enc, &err), 0, "windows-1252 decodes");
    is_str(enc, "windows-1252", "invalid UTF-8 is read as windows-1252");
    is_str(t.s, "M\xc3\xb6te \xe2\x80\x93 5 \xe2\x82\xac\xef\xbf\xbd", "cp1252 → UTF-8 (ö, en dash, €, U+FFFD)");
    check_map(&t, "0,1,1,2,3,4,5,5,5,6,7,8,9,9,9,10,10,10,11", "cp1252");
    ut_text_release(&t);
    /* one stray byte in otherwise UTF-8 text makes the whole file cp1252 */
    const char mixed[] = "Malmö \xe5r";
    is_int(ut_decode(mixed, sizeof mixed - 1, &t, &enc, &err), 0, "mixed decodes");
    is_str(enc, "windows-1252", "mixed: windows-1252");
    ut_text_release(&t);
}

static void test_utf16(void) {
    const char le[] = "\xff\xfe" "A\0\xe5\0\n\0\x3d\xd8\x00\xde"; /* A å \n U+1F600 */
    ut_text t;
    const char *enc = NULL;
    ut_error err = {0};
    is_int(ut_decode(le, sizeof le - 1, &t, &enc, &err), 0, "utf-16le decodes");
    is_str(enc, "utf-16le", "utf-16le: encoding");
    is_str(t.s, "A\xc3\xa5\n\xf0\x9f\x98\x80", "utf-16le text with a surrogate pair");
    check_map(&t, "2,4,4,6,8,8,8,8,12", "utf-16le");
    ut_text_release(&t);

    const char be[] = "\xfe\xff" "\0A\0\xe5";
    is_int(ut_decode(be, sizeof be - 1, &t, &enc, &err), 0, "utf-16be decodes");
    is_str(enc, "utf-16be", "utf-16be: encoding");
    is_str(t.s, "A\xc3\xa5", "utf-16be text");
    check_map(&t, "2,4,4,6", "utf-16be");
    ut_text_release(&t);

    const char lone[] = "\xff\xfe" "\x00\xd8" "B\0";
    is_int(ut_decode(lone, sizeof lone - 1, &t, &enc, &err), 0, "lone surrogate decodes");
    is_str(t.s, "\xef\xbf\xbd" "B", "lone surrogate → U+FFFD");
    ut_text_release(&t);

    const char nul[] = "\xff\xfe" "A\0\0\0";
    err.text[0] = 0;
    is_int(ut_decode(nul, sizeof nul - 1, &t, &enc, &err), -1, "utf-16 with a NUL character refused");
    is_str(err.text, "binary file (NUL character in UTF-16 text)", "utf-16 NUL: message");
}

static void test_binary(void) {
    const char in[] = "PK\x03\x04\0\0binary";
    ut_text t;
    const char *enc = NULL;
    ut_error err = {0};
    is_int(ut_decode(in, sizeof in - 1, &t, &enc, &err), -1, "NUL bytes refused");
    is_str(err.text, "binary file (contains NUL bytes): not text", "binary: message");
    /* UTF-16 without BOM is indistinguishable from binary: refused too */
    const char nobom[] = "A\0B\0";
    is_int(ut_decode(nobom, sizeof nobom - 1, &t, &enc, &err), -1, "UTF-16 without BOM refused as binary");
}

/* Normalize a UTF-8 literal, compare text and map. */
static void norm_case(const char *in, const char *want, const char *want_map, const char *name) {
    ut_text src = {in, strlen(in), NULL, false, false, NULL, 0}, out;
    if (!is_int(ut_normalize(&src, NULL, &out), 0, "%s: normalizes", name)) return;
    is_str(out.s, want, "%s: text", name);
    check_map(&out, want_map, name);
    ut_text_release(&out);
}

static void test_normalize(void) {
    const char *clean = "plain ASCII and åäö";
    ut_text src = {clean, strlen(clean), NULL, false, false, NULL, 0}, out;
    ut_normalize(&src, NULL, &out);
    ok(out.s == src.s && !out.owns_s, "clean text is aliased, not copied");
    ut_text_release(&out);
    norm_case("a\xc2\xa0" "b", "a b", "0,1,3,4", "NBSP → space");
    norm_case("a\t\tb", "a  b", "0,1,2,3,4", "tabs → spaces, run kept");
    norm_case("ut\xc2\xad" "bild", "utbild", "0,1,4,5,6,7,8", "soft hyphen dropped");
    norm_case("a\xe2\x80\x8b" "b", "ab", "0,4,5", "zero-width space dropped");
    norm_case("a\r\nb\rc", "a\nb\nc", "0,2,3,4,5,6", "CRLF and CR → LF");
    norm_case("2013\xe2\x80\x93" "15", "2013-15", "0,1,2,3,4,7,8,9", "en dash → '-'");
    norm_case("\xe2\x88\x92" "5", "-5", "0,3,4", "minus sign → '-'");
    norm_case("\xe2\x80\x9cja\xe2\x80\x9d \xe2\x80\x99", "\"ja\" '", "0,3,4,5,8,9,12", "typographic quotes");
    norm_case("\xef\xac\x81l", "fil", "0,0,3,4", "ligature ﬁ → fi");
    norm_case("A\xcc\x8a" "r", "\xc3\x85r", "0,1,3,4", "A + U+030A → Å (NFC)");
    norm_case("Malmo\xcc\x88", "Malm\xc3\xb6", "0,1,2,3,4,5,7", "o + U+0308 at the end → ö");
    norm_case("stads-\nf\xc3\xb6rv", "stadsf\xc3\xb6rv", "0,1,2,3,4,7,8,8,10,11,12", "word broken over a line end joined");
    norm_case("Stads-\nF\xc3\xb6rv", "Stads-\nF\xc3\xb6rv", "0,1,2,3,4,5,6,7,8,8,10,11,12", "no join before a capital");
    norm_case("\xcc\x8a" "a", "\xcc\x8a" "a", "0,0,2,3", "a mark with no base before it");
}

/* ---- offsets of extracted fields on such inputs ----------------------- */

static const char *OFFSET_RULES =
    /* dnr with the common 'text' normalizer is only a carrier of plain
     * text spans here (dnr has no document pass to change them) */
    "rule t.place\n"
    "  type dnr\n"
    "  pattern Plats: Malmö|Malmö|Anka|fil\n"
    "rule t.joined\n"
    "  type dnr\n"
    "  pattern stadsförvaltningen\n"
    "rule t.span\n"
    "  type dnr\n"
    "  pattern [0-9]{4}-[0-9]{4}\n";

typedef struct off_case {
    const char *name;
    const char *bytes;
    size_t len;
    const char *value, *text, *encoding;
    size_t start, end, line;
} off_case;

#define B(s) s, sizeof s - 1
static const off_case off_cases[] = {
    {"utf-8", B("Ort Malmö.\n"), "Malmö", "Malmö", "utf-8", 4, 10, 1},
    {"NBSP inside", B("x Plats:\xc2\xa0Malmö\xc2\xa0y"), "Plats: Malmö", "Plats:\xc2\xa0Malmö", "utf-8", 2, 16, 1},
    {"soft hyphen inside", B("i Mal\xc2\xadmö!"), "Malmö", "Mal\xc2\xadmö", "utf-8", 2, 10, 1},
    {"decomposed ö at the end", B("i Malmo\xcc\x88 nu"), "Malmö", "Malmo\xcc\x88", "utf-8", 2, 9, 1},
    {"decomposed ö then more", B("i Malmo\xcc\x88x"), "Malmö", "Malmo\xcc\x88", "utf-8", 2, 9, 1},
    {"CRLF lines", B("rad\r\nrad\r\nAnka\r\n"), "Anka", "Anka", "utf-8", 10, 14, 3},
    {"CR-only lines", B("rad\rrad\rAnka\r"), "Anka", "Anka", "utf-8", 8, 12, 3},
    {"en dash range", B("\xc3\xa5r 2013\xe2\x80\x93" "2015."), "2013-2015", "2013\xe2\x80\x93" "2015", "utf-8", 4, 15, 1},
    {"ligature", B("en \xef\xac\x81l"), "fil", "\xef\xac\x81l", "utf-8", 3, 7, 1},
    {"BOM", B("\xef\xbb\xbfMalmö"), "Malmö", "Malmö", "utf-8", 3, 9, 1},
    {"windows-1252", B("M\xf6te i Malm\xf6\x96slut"), "Malmö", "Malmö", "windows-1252", 7, 12, 1},
    {"windows-1252 NBSP after", B("Plats:\xa0Malm\xf6\xa0x"), "Plats: Malmö", "Plats:\xc2\xa0Malmö", "windows-1252", 0, 12, 1},
    {"utf-16le", B("\xff\xfe" "M\0a\0l\0m\0\xf6\0!\0"), "Malmö", "Malmö", "utf-16le", 2, 12, 1},
    {"utf-16be", B("\xfe\xff" "\0x\0\n\0M\0a\0l\0m\0\xf6"), "Malmö", "Malmö", "utf-16be", 6, 16, 2},
    {"after a word joined over a line end", B("stads-\nhuset\nAnka"), "Anka", "Anka", "utf-8", 13, 17, 3},
    {"word joined over a line end", B("x stads-\nf\xc3\xb6rvaltningen."), "stadsförvaltningen", "stads-\nförvaltningen", "utf-8", 2, 23, 1},
    {"word joined over CRLF", B("x stads-\r\nf\xc3\xb6rvaltningen."), "stadsförvaltningen", "stads-\r\nförvaltningen", "utf-8", 2, 24, 1},
    {"CRLF after a hyphen, no join before a capital", B("x stads-\r\nMalm\xc3\xb6"), "Malmö", "Malmö", "utf-8", 10, 16, 2},
    {"utf-16le, U+010A is not a line break", B("\xff\xfe" "\x0a\x01 \0A\0n\0k\0a\0"), "Anka", "Anka", "utf-16le", 6, 14, 1},
};

static void test_offsets(void) {
    char *dir;
    ut_error err;
    ut_ruleset *rs = rules_from_text(&dir, OFFSET_RULES, NULL, NULL, &err);
    if (!ok(rs != NULL, "offset rules load")) { diag("%s", err.text); scratch_free(dir); return; }
    ut_worker *w = ut_worker_new(rs);
    for (size_t i = 0; i < sizeof off_cases / sizeof off_cases[0]; i++) {
        const off_case *c = &off_cases[i];
        ut_doc *d = ut_extract(w, c->name, c->bytes, c->len, &err);
        if (!ok(d != NULL, "%s: extracted", c->name)) continue;
        is_str(ut_doc_encoding(d), c->encoding, "%s: encoding", c->name);
        const ut_field *f = ut_doc_nfields(d) == 1 ? ut_doc_field(d, 0) : NULL;
        if (!ok(f != NULL, "%s: exactly one field", c->name)) { ut_doc_free(d); continue; }
        is_str(f->value, c->value, "%s: value", c->name);
        is_str(f->text, c->text, "%s: text as written", c->name);
        is_int((long long)f->start, (long long)c->start, "%s: start", c->name);
        is_int((long long)f->end, (long long)c->end, "%s: end", c->name);
        is_int((long long)f->line, (long long)c->line, "%s: line", c->name);
        /* the bytes between start and end are the original span */
        size_t n;
        const char *orig = ut_doc_bytes(d, &n);
        ok(f->end <= n && f->start < f->end, "%s: span inside the input", c->name);
        if (!strcmp(c->encoding, "utf-8"))
            ok(f->end <= n && strlen(f->text) == f->end - f->start && !memcmp(orig + f->start, f->text, f->end - f->start),
               "%s: input[start:end] == text", c->name);
        ut_doc_free(d);
    }
    /* a binary input is refused with the document's name */
    ut_doc *d = ut_extract(w, "data.bin", "a\0b", 3, &err);
    ok(d == NULL, "binary input refused by ut_extract");
    is_str(err.file, "data.bin", "binary: error names the document");
    ut_worker_free(w);
    ut_ruleset_free(rs);
    scratch_free(dir);
}

int main(void) {
    test_utf8();
    test_cp1252();
    test_utf16();
    test_binary();
    test_normalize();
    test_offsets();
    return done_testing();
}
