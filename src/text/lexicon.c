/* lexicon.c — word lists; see lexicon.h. */
#include "text/lexicon.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/regex_trie.h"
#include "base/util.h"

typedef struct entry {
    char *word;  /* as written in the file */
    char *key;   /* folded look-up key */
    char *value;
    char *skel;  /* OCR skeleton (ut_lexicon_index_ocr), or NULL */
} entry;

struct ut_lexicon {
    char *name;
    bool case_sensitive;
    bool exact; /* `@exact`: no OCR-tolerant forms */
    entry *e;
    size_t n, cap;
    size_t *slots; /* open addressing, index+1, 0 = empty */
    size_t nslots;
    size_t *skel_slots; /* the same over skeletons; all entries, collisions chained by probing */
    /* Bit k (k < 63) set: some key (skeleton) is k bytes long; bit 63: one
     * is 63 or longer.  ut_lexicon_suffix hashes only suffixes of a length
     * some entry has. */
    uint64_t key_lens, skel_lens;
};

static uint64_t length_bit(size_t n) { return (uint64_t)1 << (n < 63 ? n : 63); }

static char *fold_key(const char *s, size_t n, bool case_sensitive) {
    if (case_sensitive) return ut_strndup(s, n);
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (r < 0) return NULL;
    return (char *)out;
}

/* fold_key without utf8proc or an allocation, for the words nearly all
 * look-ups are: ASCII and the Latin-1 letters (å ä ö é ü ...), whose case
 * folding is one letter for one of the same length and which compose with
 * nothing (a combining mark is outside this range, so a word holding one
 * takes utf8proc).  False, s unchanged, for any other character. */
static bool fold_latin1_in_place(char *s, size_t n) {
    unsigned char *u = (unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        if (u[i] >= 0x80 && !(u[i] == 0xC3 && i + 1 < n && (u[i + 1] & 0xC0) == 0x80 && u[i + 1] != 0x9F &&
                              u[i + 1] != 0x97))
            return false; /* U+00C0..U+00FF are C3 80..C3 BF; ß (C3 9F) folds to "ss", × (C3 97) is no letter */
        if (u[i] == 0xC3) i++;
    }
    for (size_t i = 0; i < n; i++) {
        if (u[i] < 0x80) u[i] = (unsigned char)tolower(u[i]);
        else if (u[i] == 0xC3) {
            i++;
            if (u[i] >= 0x80 && u[i] <= 0x9E) u[i] += 0x20; /* À..Þ -> à..þ */
        }
    }
    return true;
}

static int build_index(ut_lexicon *lx) {
    lx->nslots = 16;
    while (lx->nslots < lx->n * 2 + 1) lx->nslots *= 2;
    lx->slots = calloc(lx->nslots, sizeof *lx->slots);
    if (!lx->slots) return -1;
    for (size_t i = 0; i < lx->n; i++) {
        size_t h = ut_str_hash(lx->e[i].key) & (lx->nslots - 1);
        while (lx->slots[h]) {
            if (!strcmp(lx->e[lx->slots[h] - 1].key, lx->e[i].key)) break; /* first entry wins */
            h = (h + 1) & (lx->nslots - 1);
        }
        if (!lx->slots[h]) lx->slots[h] = i + 1;
        lx->key_lens |= length_bit(strlen(lx->e[i].key));
    }
    return 0;
}

ut_lexicon *ut_lexicon_load(const char *path, const char *name, ut_error *err) {
    size_t len;
    char *buf = ut_read_file(path, &len, err);
    if (!buf) return NULL;
    ut_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx || !(lx->name = ut_strdup(name))) goto oom;
    int lineno = 0;
    char *save = NULL;
    for (char *line = ut_next_line(buf, &save); line; line = ut_next_line(NULL, &save)) {
        lineno++;
        char *hash_at = strchr(line, '#');
        if (hash_at) *hash_at = 0;
        char *s = ut_trim(line);
        if (!*s) continue;
        if (*s == '@') {
            if (!strcmp(s, "@case-sensitive")) {
                /* the look-up keys of earlier entries were folded already:
                 * they could never be found in a case-sensitive look-up */
                if (lx->n) {
                    ut_seterr(err, path, lineno, "'@case-sensitive' must come before the entries (they are already folded)");
                    goto fail;
                }
                lx->case_sensitive = true;
                lx->exact = true;
                continue;
            }
            if (!strcmp(s, "@exact")) { lx->exact = true; continue; }
            ut_seterr(err, path, lineno, "unknown lexicon directive '%s' (known: @case-sensitive, @exact)", s);
            goto fail;
        }
        char *eq = strstr(s, " = ");
        char *word = s, *value = NULL;
        if (eq) {
            *eq = 0;
            word = ut_trim(s);
            value = ut_trim(eq + 3);
        } else if (strchr(s, '=')) {
            ut_seterr(err, path, lineno, "write an entry as 'word = value' (spaces around '=')");
            goto fail;
        }
        if (!*word || (value && !*value)) {
            ut_seterr(err, path, lineno, "empty word or value");
            goto fail;
        }
        /* the value goes into the output as is: it must be UTF-8 too */
        if (!ut_utf8_ok(word) || (value && !ut_utf8_ok(value))) {
            ut_seterr(err, path, lineno, "not valid UTF-8");
            goto fail;
        }
        if (lx->n == lx->cap) {
            size_t cap = lx->cap ? lx->cap * 2 : 32;
            entry *e = realloc(lx->e, cap * sizeof *e);
            if (!e) goto oom;
            lx->e = e;
            lx->cap = cap;
        }
        entry *e = &lx->e[lx->n];
        e->skel = NULL;
        e->word = ut_strdup(word);
        e->value = ut_strdup(value ? value : word);
        e->key = fold_key(word, strlen(word), false);
        if (!e->word || !e->value || !e->key) {
            free(e->word); free(e->value); free(e->key);
            goto oom;
        }
        if (lx->case_sensitive) {
            free(e->key);
            if (!(e->key = ut_strdup(word))) { free(e->word); free(e->value); goto oom; }
        }
        lx->n++;
    }
    if (lx->n == 0) {
        ut_seterr(err, path, 0, "lexicon has no entries");
        goto fail;
    }
    if (build_index(lx)) goto oom;
    free(buf);
    return lx;
oom:
    ut_seterr(err, path, 0, "out of memory");
fail:
    free(buf);
    ut_lexicon_free(lx);
    return NULL;
}

void ut_lexicon_free(ut_lexicon *lx) {
    if (!lx) return;
    for (size_t i = 0; i < lx->n; i++) {
        free(lx->e[i].word);
        free(lx->e[i].key);
        free(lx->e[i].value);
        free(lx->e[i].skel);
    }
    free(lx->e);
    free(lx->slots);
    free(lx->skel_slots);
    free(lx->name);
    free(lx);
}

const char *ut_lexicon_name(const ut_lexicon *lx) { return lx->name; }
size_t ut_lexicon_size(const ut_lexicon *lx) { return lx->n; }

/* The value of the entry whose key is `key` (folded already), or NULL. */
static const char *by_key(const ut_lexicon *lx, const char *key) {
    for (size_t h = ut_str_hash(key) & (lx->nslots - 1); lx->slots[h]; h = (h + 1) & (lx->nslots - 1)) {
        const entry *e = &lx->e[lx->slots[h] - 1];
        if (!strcmp(e->key, key)) return e->value;
    }
    return NULL;
}

/* The value of the entry whose skeleton is `skel` and which `word`
 * (len bytes) reads as under cf, or NULL. */
static const char *by_skeleton(const ut_lexicon *lx, const ut_confusions *cf, const char *skel, const char *word,
                               size_t len) {
    for (size_t h = ut_str_hash(skel) & (lx->nslots - 1); lx->skel_slots[h]; h = (h + 1) & (lx->nslots - 1)) {
        const entry *e = &lx->e[lx->skel_slots[h] - 1];
        if (!strcmp(e->skel, skel) && ut_confusions_equal(cf, e->word, word, len)) return e->value;
    }
    return NULL;
}

const char *ut_lexicon_get(const ut_lexicon *lx, const char *word, size_t len) {
    /* collapse inner white space runs so "vice  ordförande" finds "vice ordförande" */
    char stackbuf[256];
    char *tmp = len < sizeof stackbuf ? stackbuf : malloc(len + 1);
    if (!tmp) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        char c = word[i];
        if (c == ' ' || c == '\n' || c == '\t') {
            if (o && tmp[o - 1] != ' ') tmp[o++] = ' ';
        } else tmp[o++] = c;
    }
    while (o && tmp[o - 1] == ' ') o--;
    tmp[o] = 0;
    char *key;
    if (lx->case_sensitive || fold_latin1_in_place(tmp, o)) {
        key = tmp;
    } else {
        key = fold_key(tmp, o, lx->case_sensitive);
        if (tmp != stackbuf) free(tmp);
        tmp = NULL;
        if (!key) return NULL;
    }
    /* a key of a length no entry has is no entry's (most misses) */
    const char *res = lx->key_lens & length_bit(strlen(key)) ? by_key(lx, key) : NULL;
    if (key != stackbuf) free(key); /* tmp (malloc'ed) or the folded key */
    return res;
}

/* The units of one word (confusions.h), as NEW strings in *units. */
static size_t word_units(const ut_confusions *cf, const char *word, char ***units) {
    size_t n = 0, cap = strlen(word) + 1;
    char **u = malloc(cap * sizeof *u);
    if (!u) return (size_t)-1;
    bool tolerant = ut_confusions_tolerant(cf, word);
    for (const char *p = word; *p;) {
        char *one = ut_confusions_unit(cf, tolerant, &p, ut_strdup(""));
        if (!one) {
            while (n) free(u[--n]);
            free(u);
            return (size_t)-1;
        }
        u[n++] = one;
    }
    *units = u;
    return n;
}

static size_t utf8_chars(const char *s) {
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

char *ut_lexicon_regex(const ut_lexicon *lx, const ut_confusions *cf, size_t min_chars) {
    if (lx->exact) cf = NULL;
    ut_regex_trie *t = ut_regex_trie_new();
    if (!t) return NULL;
    size_t added = 0;
    for (size_t i = 0; i < lx->n; i++) {
        if (min_chars && utf8_chars(lx->e[i].word) < min_chars) continue;
        added++;
        char **units;
        /* caseless lists share paths whatever the case the file gives
         * (`Moderaterna`, `moderata`), so that longest-first holds */
        size_t n = word_units(cf, lx->case_sensitive ? lx->e[i].word : lx->e[i].key, &units);
        if (n == (size_t)-1) goto oom;
        int rc = ut_regex_trie_add(t, (const char *const *)units, n, strlen(lx->e[i].word));
        for (size_t k = 0; k < n; k++) free(units[k]);
        free(units);
        if (rc) goto oom;
    }
    char *out = added || !lx->n ? ut_regex_trie_pattern(t, lx->case_sensitive ? "(?:" : "(?i:") : ut_strdup("");
    ut_regex_trie_free(t);
    return out;
oom:
    ut_regex_trie_free(t);
    return NULL;
}

const char *ut_lexicon_get_ocr(const ut_lexicon *lx, const ut_confusions *cf, const char *word, size_t len,
                               bool *ocr) {
    if (ocr) *ocr = false;
    const char *v = ut_lexicon_get(lx, word, len);
    if (v || !cf || lx->exact || !lx->skel_slots) return v;
    char stackbuf[4 * 64 + 1]; /* most words: no allocation */
    char *skel = len <= 64 ? ut_confusions_skeleton_into(cf, word, len, stackbuf) : ut_confusions_skeleton(cf, word, len);
    if (!skel) return NULL;
    v = lx->skel_lens & length_bit(strlen(skel)) ? by_skeleton(lx, cf, skel, word, len) : NULL;
    if (v && ocr) *ocr = true;
    if (skel != stackbuf) free(skel);
    return v;
}

/* The plain way: ut_lexicon_get_ocr on every suffix, longest first. */
static const char *suffix_one_by_one(const ut_lexicon *lx, const ut_confusions *cf, const char *word, size_t len,
                                     size_t *at, bool *ocr) {
    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)word[i] & 0xC0) == 0x80) continue;
        const char *v = ut_lexicon_get_ocr(lx, cf, word + i, len - i, ocr);
        if (v) {
            *at = i;
            return v;
        }
    }
    return NULL;
}

/* Longest first, as suffix_one_by_one, but the word is folded once and
 * its OCR skeleton made once: a suffix's key is the tail of the folded
 * word (the Latin-1 fold maps each character on its own) and its skeleton
 * the tail of the word's (confusions.h), and only suffixes of a length
 * some entry has are looked up.  Words with white space (collapsed per
 * look-up), beyond Latin-1 (utf8proc's fold) or long take the plain way. */
enum { SUFFIX_FAST_MAX = 128 };

const char *ut_lexicon_suffix(const ut_lexicon *lx, const ut_confusions *cf, const char *word, size_t len, size_t *at,
                              bool *ocr) {
    bool dummy;
    if (!ocr) ocr = &dummy;
    *ocr = false;
    char key[SUFFIX_FAST_MAX + 1];
    bool fast = len <= SUFFIX_FAST_MAX;
    for (size_t i = 0; fast && i < len; i++) fast = word[i] != ' ' && word[i] != '\n' && word[i] != '\t';
    if (fast) {
        memcpy(key, word, len);
        key[len] = 0;
        fast = lx->case_sensitive || fold_latin1_in_place(key, len);
    }
    if (!fast) return suffix_one_by_one(lx, cf, word, len, at, ocr);
    bool tolerant = cf && !lx->exact && lx->skel_slots;
    char skel[4 * SUFFIX_FAST_MAX + 1];
    size_t unit_at[SUFFIX_FAST_MAX], skel_len = 0;
    if (tolerant) {
        ut_confusions_skeleton_units(cf, word, len, skel, unit_at);
        skel_len = strlen(skel);
    }
    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)word[i] & 0xC0) == 0x80) continue;
        const char *v = lx->key_lens & length_bit(len - i) ? by_key(lx, key + i) : NULL;
        if (!v && tolerant) {
            if (unit_at[i] != UT_NOT_A_UNIT) {
                if (lx->skel_lens & length_bit(skel_len - unit_at[i]))
                    v = by_skeleton(lx, cf, skel + unit_at[i], word + i, len - i);
            } else { /* inside a multi-letter reading: its own skeleton */
                char own[4 * SUFFIX_FAST_MAX + 1];
                v = by_skeleton(lx, cf, ut_confusions_skeleton_into(cf, word + i, len - i, own), word + i, len - i);
            }
            *ocr = v != NULL;
        }
        if (v) {
            *at = i;
            return v;
        }
    }
    return NULL;
}

int ut_lexicon_index_ocr(ut_lexicon *lx, const ut_confusions *cf) {
    if (!cf || lx->exact) return 0;
    lx->skel_slots = calloc(lx->nslots, sizeof *lx->skel_slots);
    if (!lx->skel_slots) return -1;
    for (size_t i = 0; i < lx->n; i++) {
        if (!(lx->e[i].skel = ut_confusions_skeleton(cf, lx->e[i].word, strlen(lx->e[i].word)))) return -1;
        size_t h = ut_str_hash(lx->e[i].skel) & (lx->nslots - 1);
        while (lx->skel_slots[h]) h = (h + 1) & (lx->nslots - 1);
        lx->skel_slots[h] = i + 1;
        lx->skel_lens |= length_bit(strlen(lx->e[i].skel));
    }
    return 0;
}

void ut_lexicon_entry(const ut_lexicon *lx, size_t i, const char **word, const char **value) {
    *word = lx->e[i].word;
    *value = lx->e[i].value;
}
