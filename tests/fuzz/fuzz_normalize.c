/*
 * fuzz_normalize.c — harness (c): decoder and normalizer, and the offset
 * map every reported position depends on.
 *
 * For any bytes the decoder accepts: the text is valid UTF-8 and
 * NUL-terminated; each map is in range, never goes backwards, and ends at
 * the input length.  The normalized text holds none of the characters the
 * normalizer promises to rewrite, no word broken over a line end that it
 * should have joined, and normalizing it again changes nothing (a rule
 * sees the same text whether the file was clean or not).
 */
#include <string.h>
#include <utf8proc.h>

#include "input/decode.h"
#include "fuzz_util.h"
#include "text/normalize.h"
#include "rules/ruleset.h"

static void check_map(const ut_text *t, size_t n) {
    FUZZ_CHECK(t->s && t->s[t->len] == 0);
    FUZZ_CHECK(ut_utf8_valid(t->s, t->len));
    FUZZ_CHECK(ut_text_orig(t, t->len) == n);
    for (size_t i = 0; i < t->len; i++) {
        FUZZ_CHECK(ut_text_orig(t, i) < n);
        FUZZ_CHECK(ut_text_orig(t, i) <= ut_text_orig(t, i + 1));
    }
}

static void check_clean(const ut_text *t) {
    for (size_t i = 0; i < t->len;) {
        uint32_t cp;
        int l = ut_utf8_decode((const unsigned char *)t->s + i, t->len - i, &cp);
        FUZZ_CHECK(l > 0);
        FUZZ_CHECK(cp != '\r' && cp != '\t' && cp != 0xA0 && cp != 0xAD && cp != 0x200B && cp != 0xFEFF);
        FUZZ_CHECK(!(cp >= 0x2010 && cp <= 0x2015) && cp != 0x2212);
        FUZZ_CHECK(cp != 0x201C && cp != 0x201D && cp != 0x2018 && cp != 0x2019);
        FUZZ_CHECK(!(cp >= 0xFB00 && cp <= 0xFB06));
        i += (size_t)l;
    }
}

/* Code point at s[i] and its length (0 at the end). */
static size_t cp_at(const ut_text *t, size_t i, uint32_t *cp) {
    if (i >= t->len) return 0;
    int l = ut_utf8_decode((const unsigned char *)t->s + i, t->len - i, cp);
    FUZZ_CHECK(l > 0);
    return (size_t)l;
}

static bool lower(uint32_t cp) { return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL; }

/* "letter-\n  letter" is left only before or after a word of the keep
 * lexicon (`grund-\noch`, `samt-\n` at a line end). */
static void check_joined(const ut_text *t, const ut_lexicon *keep) {
    uint32_t prev = 0, cp;
    size_t word_start = 0; /* start of the run of lower-case letters before i */
    for (size_t i = 0, l; (l = cp_at(t, i, &cp)); prev = cp, i += l) {
        if (!lower(prev)) word_start = i;
        if (cp != '-' || !lower(prev) || i + 1 >= t->len || t->s[i + 1] != '\n') continue;
        size_t j = i + 2, w, k;
        while (j < t->len && t->s[j] == ' ') j++;
        for (w = j; (k = cp_at(t, w, &cp)) && lower(cp); w += k) {}
        if (w > j)
            FUZZ_CHECK(keep && (ut_lexicon_get(keep, t->s + j, w - j) ||
                                (i - word_start < 64 && ut_lexicon_get(keep, t->s + word_start, i - word_start))));
        cp = '-';
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const ut_lexicon *keep = ut_ruleset_lexicon(fuzz_default_rules(), "hyphen_keep");
    /* the decoder may alias its input, which must be NUL-terminated */
    char *bytes = malloc(size + 1);
    FUZZ_CHECK(bytes);
    if (size) memcpy(bytes, data, size);
    bytes[size] = 0;
    ut_text dec = {0}, norm = {0}, again = {0};
    const char *enc = NULL;
    ut_error err;
    memset(&err, 0, sizeof err);
    if (ut_decode(bytes, size, &dec, &enc, &err)) {
        FUZZ_CHECK(err.text[0] != 0);
        free(bytes);
        return 0;
    }
    FUZZ_CHECK(enc);
    check_map(&dec, size);
    FUZZ_CHECK(ut_normalize(&dec, keep, &norm) == 0);
    check_map(&norm, size);
    check_clean(&norm);
    check_joined(&norm, keep);
    /* idempotent: the normalized text is already normal */
    ut_text plain = {.s = norm.s, .len = norm.len};
    FUZZ_CHECK(ut_normalize(&plain, keep, &again) == 0);
    FUZZ_CHECK(again.len == norm.len && memcmp(again.s, norm.s, norm.len) == 0);
    ut_text_release(&again);
    ut_text_release(&norm);
    ut_text_release(&dec);
    free(bytes);
    return 0;
}
