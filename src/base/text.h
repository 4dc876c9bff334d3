/*
 * text.h — a UTF-8 text with a map back to the bytes it came from.
 *
 * Every stage that rewrites text (decoding, normalization) produces a
 * ut_text whose `map[i]` is the offset in the ORIGINAL input of byte i of
 * `s`, so that a match in the rewritten text can always be reported at the
 * exact place in the source.  `map[len]` is the end of the original input.
 * When a stage changes nothing it aliases its input instead of copying
 * (`owns_s`/`owns_map` false) — the common case for clean UTF-8 files.
 * A NULL `map` means the identity (offset i is original offset i).
 *
 * Normalizing clean UTF-8 changes a few bytes in long runs of unchanged
 * text, so there the map is kept as segments instead (`seg`, `map` NULL):
 * one per stretch that maps linearly (the character at at+k came from
 * orig+k) or, for a rewritten piece, to one place (every byte from orig).
 * That saves four bytes of map per byte of text; ut_text_orig gives the
 * same offsets as a per-byte map would, byte for byte (every byte of a
 * character maps where its first byte came from).
 */
#ifndef UT_TEXT_H
#define UT_TEXT_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct ut_mapseg {
    uint32_t at;     /* first byte of the segment in `s` (segments ascend) */
    uint32_t orig;   /* its original offset */
    uint32_t linear; /* 1: byte at+k is orig+k; 0: every byte is orig */
} ut_mapseg;

typedef struct ut_text {
    const char *s;  /* UTF-8, valid, NUL-terminated */
    size_t len;
    const uint32_t *map; /* len+1 entries, or NULL for identity or segments */
    bool owns_s, owns_map; /* owns_map: of `map` or of `seg` */
    const ut_mapseg *seg; /* when not NULL (and map NULL): the map as segments, */
    size_t nseg;          /* the first at 0, the last (constant) at len */
} ut_text;

size_t ut_text_orig_seg(const ut_text *t, size_t i);
static inline size_t ut_text_orig(const ut_text *t, size_t i) {
    return t->map ? t->map[i] : t->seg ? ut_text_orig_seg(t, i) : i;
}

/* Scanning 8 bytes at a time: `m` holds bit 7 of each byte of a word read
 * with memcpy that needs a closer look (m != 0).  How many bytes before the
 * first such byte can be skipped?  On a big-endian machine: none (still
 * right, only slower). */
static inline size_t ut_word_skip(uint64_t m) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (size_t)__builtin_ctzll(m) >> 3;
#else
    (void)m;
    return 0;
#endif
}
/* Bit 7 set in exactly the bytes of w that are zero (no carries between
 * bytes, so the marks can be counted, not only tested). */
static inline uint64_t ut_word_zero_bytes(uint64_t w) {
    const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
    return ~(((w & low7) + low7) | w | low7);
}
void ut_text_release(ut_text *t);
/* Every text the rules match has its NUL and UT_TEXT_PAD more zero bytes
 * after its end (allocate len + 1 + UT_TEXT_PAD, then ut_text_pad).
 * Why: PCRE2's JIT looks for a pattern's first characters with vector
 * loads of aligned blocks, which may reach up to a block past the end of
 * the subject; that is harmless (the block is never past the buffer's own
 * page), but valgrind reports every such byte that was never written. */
#define UT_TEXT_PAD 64
void ut_text_pad(char *s, size_t len);
/* The inverse of ut_text_orig: the first index i of `t` whose original
 * offset is >= orig (t->len if none).  The map is monotonic, so this is
 * where a field that starts at original offset `orig` starts in `t`. */
size_t ut_text_index(const ut_text *t, size_t orig);

/* Is s[0..n) valid UTF-8 (no overlongs, no surrogates)? */
bool ut_utf8_valid(const char *s, size_t n);
/* Length of the UTF-8 sequence starting at s (1 for an invalid lead). */
int ut_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
int ut_utf8_encode(uint32_t cp, char out[4]);
#endif
