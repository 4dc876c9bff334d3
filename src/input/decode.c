/* decode.c — stage 1, bytes to UTF-8; see decode.h. */
#include "input/decode.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Windows-1252 0x80..0x9F (0 = undefined there; read as U+FFFD). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* Append cp to buf/map (capacity ensured by caller: 4 bytes per unit). */
static size_t put(char *buf, uint32_t *map, size_t o, uint32_t cp, uint32_t orig) {
    char tmp[4];
    int l = ut_utf8_encode(cp, tmp);
    for (int k = 0; k < l; k++) {
        buf[o + (size_t)k] = tmp[k];
        map[o + (size_t)k] = orig;
    }
    return o + (size_t)l;
}

static int alloc_out(size_t units, char **buf, uint32_t **map, ut_error *err) {
    *buf = malloc(units * 4 + 1 + UT_TEXT_PAD);
    *map = malloc((units * 4 + 1) * sizeof **map);
    if (!*buf || !*map) {
        free(*buf);
        free(*map);
        snprintf(err->text, sizeof err->text, "out of memory decoding input");
        return -1;
    }
    return 0;
}

static int decode_utf16(const unsigned char *b, size_t n, bool le, ut_text *out, ut_error *err) {
    char *buf;
    uint32_t *map;
    if (alloc_out(n / 2 + 1, &buf, &map, err)) return -1;
    size_t o = 0, i = 2;
    while (i + 1 < n) {
        uint32_t u = le ? (uint32_t)(b[i] | b[i + 1] << 8) : (uint32_t)(b[i] << 8 | b[i + 1]);
        size_t at = i;
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
            uint32_t lo = le ? (uint32_t)(b[i] | b[i + 1] << 8) : (uint32_t)(b[i] << 8 | b[i + 1]);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            } else u = 0xFFFD;
        } else if (u >= 0xD800 && u <= 0xDFFF) u = 0xFFFD;
        if (u == 0) {
            free(buf);
            free(map);
            snprintf(err->text, sizeof err->text, "binary file (NUL character in UTF-16 text)");
            return -1;
        }
        o = put(buf, map, o, u, (uint32_t)at);
    }
    ut_text_pad(buf, o);
    map[o] = (uint32_t)n;
    *out = (ut_text){buf, o, map, true, true, NULL, 0};
    return 0;
}

int ut_decode(const char *bytes, size_t n, ut_text *out, const char **encoding, ut_error *err) {
    const unsigned char *b = (const unsigned char *)bytes;
    if (n > UT_MAX_INPUT) {
        snprintf(err->text, sizeof err->text, "file larger than 4 GiB: split it first");
        return -1;
    }
    if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
        *encoding = b[0] == 0xFF ? "utf-16le" : "utf-16be";
        return decode_utf16(b, n, b[0] == 0xFF, out, err);
    }
    if (memchr(b, 0, n)) {
        snprintf(err->text, sizeof err->text, "binary file (contains NUL bytes): not text");
        return -1;
    }
    size_t skip = (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ? 3 : 0;
    if (ut_utf8_valid(bytes + skip, n - skip)) {
        *encoding = "utf-8";
        if (!skip) {
            /* Alias the caller's bytes: they must be NUL-terminated and
             * padded (text.h: ut_extract gives them UT_TEXT_PAD spare bytes). */
            *out = (ut_text){bytes, n, NULL, false, false, NULL, 0};
            return 0;
        }
        char *buf;
        uint32_t *map;
        if (alloc_out((n - skip + 3) / 4 + 1, &buf, &map, err)) return -1;
        memcpy(buf, bytes + skip, n - skip);
        ut_text_pad(buf, n - skip);
        for (size_t i = 0; i <= n - skip; i++) map[i] = (uint32_t)(i + skip);
        *out = (ut_text){buf, n - skip, map, true, true, NULL, 0};
        return 0;
    }
    *encoding = "windows-1252";
    char *buf;
    uint32_t *map;
    if (alloc_out(n, &buf, &map, err)) return -1;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = b[i];
        if (cp >= 0x80 && cp < 0xA0) cp = cp1252_high[cp - 0x80] ? cp1252_high[cp - 0x80] : 0xFFFD;
        o = put(buf, map, o, cp, (uint32_t)i);
    }
    ut_text_pad(buf, o);
    map[o] = (uint32_t)n;
    *out = (ut_text){buf, o, map, true, true, NULL, 0};
    return 0;
}
