/* org_span.c — where a compound body name starts; see org_span.h. */
#include "org_span.h"

#include <stdbool.h>
#include <string.h>
#include <utf8proc.h>

/* The code point ending just before `pos` and where it starts. */
static size_t prev_char(const char *s, size_t pos, utf8proc_int32_t *cp) {
    size_t p = pos - 1;
    while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80) p--;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s + p, (utf8proc_ssize_t)(pos - p), cp) <= 0) *cp = -1;
    return p;
}

static bool is_letter(utf8proc_int32_t cp) {
    if (cp < 0) return false;
    utf8proc_category_t k = utf8proc_category(cp);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LL || k == UTF8PROC_CATEGORY_LT ||
           k == UTF8PROC_CATEGORY_LM || k == UTF8PROC_CATEGORY_LO;
}

/* Start of the run of letters that ends at `pos`. */
static size_t letters_back(const char *s, size_t pos) {
    while (pos > 0) {
        utf8proc_int32_t cp;
        size_t p = prev_char(s, pos, &cp);
        if (!is_letter(cp)) break;
        pos = p;
    }
    return pos;
}

static size_t spaces_back(const char *s, size_t pos) {
    while (pos > 0 && (s[pos - 1] == ' ' || s[pos - 1] == '\n')) pos--;
    return pos;
}

/* A lower-case letter starts the compound (it continues a pair or a broken word). */
static bool lower_at(const char *s, size_t pos) {
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s + pos, 4, &cp) <= 0) return false;
    return utf8proc_islower(cp);
}

size_t org_compound_start(const char *s, size_t head) {
    size_t word = letters_back(s, head);
    if (word == 0) return word;
    if (s[word - 1] == '-') {
        /* an acronym of one or two capitals before the hyphen, "E-delegationen",
         * "IT-enheten"; any other word there is the first half of a pair */
        size_t first = letters_back(s, word - 1), k = 0;
        for (size_t i = first; i < word - 1; i++) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(word - 1 - i), &cp);
            if (len <= 0 || !utf8proc_isupper(cp)) return (size_t)-1;
            i += (size_t)len - 1;
            k++;
        }
        return k >= 1 && k <= 2 ? first : (size_t)-1;
    }
    if (!lower_at(s, word)) return word;
    size_t p = spaces_back(s, word);
    if (p == word || p < 1) return word;
    /* "Bygg- och miljöförvaltningen", also "Barn-och elevombudet" */
    if (p >= 5 && !memcmp(s + p - 3, "och", 3) && (s[p - 4] == ' ' || s[p - 4] == '\n' || s[p - 4] == '-')) {
        size_t q = spaces_back(s, p - 3);
        if (q >= 2 && s[q - 1] == '-') {
            size_t first = letters_back(s, q - 1);
            if (first < q - 1) return first;
        }
        return word;
    }
    /* a word broken over a line or a column: "bevill- ningsutskottet" */
    if (s[p - 1] == '-') {
        size_t first = letters_back(s, p - 1);
        if (first < p - 1) return first;
    }
    return word;
}
