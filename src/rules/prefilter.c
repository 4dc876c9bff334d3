/* prefilter.c — per-rule facts from PCRE2, per-document byte sets; see prefilter.h. */
#include "rules/prefilter.h"

#include <string.h>

/* The bytes for one code unit that PCRE2 says a match must start with or
 * contain.  PCRE2 does not say whether it is caseless, and it makes units
 * caseless on its own ("[Mm]ellan" has first code unit 'M', caseless): so
 * an ASCII letter stands for both its cases, and a non-ASCII unit (whose
 * other case may be a different byte) is not used at all (0 returned). */
static uint8_t unit_bytes(uint32_t unit, uint8_t out[2]) {
    if (unit >= 0x80) return 0;
    out[0] = (uint8_t)unit;
    if (unit >= 'a' && unit <= 'z') { out[1] = (uint8_t)(unit - 'a' + 'A'); return 2; }
    if (unit >= 'A' && unit <= 'Z') { out[1] = (uint8_t)(unit - 'A' + 'a'); return 2; }
    return 1;
}

void ut_prefilter_init(ut_prefilter *p, const pcre2_code *code) {
    memset(p, 0, sizeof *p);

    uint32_t type = 0, unit = 0;
    if (pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type) == 0 && type == 1 &&
        pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0) {
        p->nstart = unit_bytes(unit, p->start);
    } else if (type == 0) {
        /* PCRE2 skips start positions by this bitmap itself, so it holds
         * every case of every letter a match can start with */
        const uint8_t *bits = NULL;
        if (pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &bits) == 0 && bits) {
            unsigned n = 0;
            for (unsigned b = 0; b < 256; b++)
                if (bits[b >> 3] & (1u << (b & 7))) {
                    if (n == UT_PREFILTER_MAX_START) { n = 0; break; }
                    p->start[n++] = (uint8_t)b;
                }
            p->nstart = (uint8_t)n;
        }
    }
    type = 0;
    if (pcre2_pattern_info(code, PCRE2_INFO_LASTCODETYPE, &type) == 0 && type == 1 &&
        pcre2_pattern_info(code, PCRE2_INFO_LASTCODEUNIT, &unit) == 0)
        p->nneed = unit_bytes(unit, p->need);

    uint32_t min = 0;
    if (pcre2_pattern_info(code, PCRE2_INFO_MINLENGTH, &min) == 0) p->min_length = min;
}

static bool occurs(ut_bytecheck *bc, uint8_t b) {
    uint64_t bit = (uint64_t)1 << (b & 63);
    if (!(bc->known[b >> 6] & bit)) {
        bc->known[b >> 6] |= bit;
        if (memchr(bc->s, b, bc->len)) bc->present[b >> 6] |= bit;
    }
    return bc->present[b >> 6] & bit;
}

static bool any_occurs(ut_bytecheck *bc, const uint8_t *bytes, unsigned n) {
    for (unsigned i = 0; i < n; i++)
        if (occurs(bc, bytes[i])) return true;
    return false;
}

bool ut_prefilter_may_match(const ut_prefilter *p, ut_bytecheck *bc) {
    /* min_length counts characters, each at least one byte */
    if (bc->len < p->min_length) return false;
    if (p->nneed && !any_occurs(bc, p->need, p->nneed)) return false;
    if (p->nstart && !any_occurs(bc, p->start, p->nstart)) return false;
    return true;
}
