/*
 * fuzz_extract.c — harness (b): the whole pipeline over arbitrary bytes
 * with the default rule set (rules/, loaded once per process).
 *
 * Any input either yields a document or is refused with a message; every
 * field lies inside the input, in order, with valid UTF-8 strings and a
 * line number that counts the line ends before it; its span [start, end)
 * holds exactly its `text` in the file's encoding (no byte of the next
 * character, none of its own cut off).
 */
#include <string.h>

#include "fuzz_util.h"
#include "base/text.h"

/* Bytes that `text` (UTF-8) takes in the input's encoding. */
static size_t encoded_len(const char *text, const char *enc) {
    size_t n = 0, len = strlen(text);
    if (!strcmp(enc, "utf-8")) return len;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int l = ut_utf8_decode((const unsigned char *)text + i, len - i, &cp);
        FUZZ_CHECK(l > 0);
        i += (size_t)l;
        if (!strcmp(enc, "windows-1252")) n += 1;
        else n += cp >= 0x10000 ? 4 : 2; /* UTF-16 */
    }
    return n;
}

/* Code unit k of the input (a byte, or a UTF-16 unit after the BOM). */
static uint32_t unit_at(const uint8_t *d, size_t k, const char *enc) {
    if (!strcmp(enc, "utf-16le")) return (uint32_t)(d[2 + 2 * k] | d[3 + 2 * k] << 8);
    if (!strcmp(enc, "utf-16be")) return (uint32_t)(d[2 + 2 * k] << 8 | d[3 + 2 * k]);
    return d[k];
}

/* 1 + the line ends (LF, CRLF, lone CR) before byte offset `start` of
 * the `size` input bytes. */
static size_t count_lines(const uint8_t *d, size_t size, size_t start, const char *enc) {
    bool utf16 = !strncmp(enc, "utf-16", 6);
    size_t n = utf16 ? (start >= 2 ? (start - 2) / 2 : 0) : start;
    size_t total = utf16 ? (size - 2) / 2 : size, line = 1;
    for (size_t k = 0; k < n; k++) {
        uint32_t u = unit_at(d, k, enc);
        if (u == '\n' || (u == '\r' && (k + 1 >= total || unit_at(d, k + 1, enc) != '\n'))) line++;
    }
    return line;
}

static ut_worker *worker;
static void free_worker(void) { ut_worker_free(worker); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!worker) {
        worker = ut_worker_new(fuzz_default_rules());
        FUZZ_CHECK(worker);
        atexit(free_worker);
    }
    ut_error err;
    ut_doc *d = ut_extract(worker, "fuzz.txt", data, size, &err);
    if (!d) {
        FUZZ_CHECK(err.text[0] != 0);
        return 0;
    }
    size_t len;
    const char *bytes = ut_doc_bytes(d, &len);
    FUZZ_CHECK(len == size && (size == 0 || memcmp(bytes, data, size) == 0));
    const char *enc = ut_doc_encoding(d);
    FUZZ_CHECK(enc && enc[0]);
    size_t prev_start = 0;
    for (size_t i = 0; i < ut_doc_nfields(d); i++) {
        const ut_field *f = ut_doc_field(d, i);
        FUZZ_CHECK(f->type && f->rule && f->value && f->text);
        FUZZ_CHECK(f->start < f->end && f->end <= size);
        FUZZ_CHECK(f->start >= prev_start);
        prev_start = f->start;
        FUZZ_CHECK(ut_utf8_valid(f->value, strlen(f->value)));
        FUZZ_CHECK(ut_utf8_valid(f->text, strlen(f->text)));
        FUZZ_CHECK(encoded_len(f->text, enc) == f->end - f->start);
        if (!strcmp(enc, "utf-8")) FUZZ_CHECK(!memcmp(f->text, data + f->start, f->end - f->start));
        FUZZ_CHECK(f->nattrs <= UT_MAX_ATTRS);
        for (size_t k = 0; k < f->nattrs; k++) {
            FUZZ_CHECK(f->attrs[k].key);
            if (f->attrs[k].kind == UT_ATTR_STR) FUZZ_CHECK(f->attrs[k].s);
        }
        FUZZ_CHECK(f->line == count_lines(data, size, f->start, enc));
    }
    size_t nmeta;
    const ut_attr *meta = ut_doc_meta(d, &nmeta);
    FUZZ_CHECK(nmeta <= UT_MAX_META && (nmeta == 0 || meta));
    const char *warn = ut_doc_warning(d);
    if (warn) FUZZ_CHECK(strlen(warn) > 0);
    ut_doc_free(d);
    return 0;
}
