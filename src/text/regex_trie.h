/*
 * regex_trie.h — many words as one prefix-factored regex alternation.
 *
 * A lexicon of a few hundred words written as `(?:w1|w2|...)` makes PCRE2
 * try every branch at every place a rule reaches the lexicon: hundreds of
 * failed comparisons per word of text, and person rules test their word
 * lists at every capitalised word.  The same words as a prefix tree
 * (`(?:förvaltnings(?:chef|direktör)|...)`) fail after one comparison per
 * distinct first letter.
 *
 * A word is added as a sequence of units, each the regex of one character
 * (an OCR-tolerant class such as `[öoé6]` is one unit, confusions.h).
 * Words that share their first units share a path.  The order in which
 * the regex tries alternatives keeps the longest word first, as a plain
 * longest-first alternation does: at each branch point the subtree holding
 * the longer words comes first, and a word's end comes after every longer
 * word that continues it.
 */
#ifndef UT_REGEX_TRIE_H
#define UT_REGEX_TRIE_H
#include <stddef.h>

typedef struct ut_regex_trie ut_regex_trie;

/* NEW empty trie, NULL on out of memory. */
ut_regex_trie *ut_regex_trie_new(void);
void ut_regex_trie_free(ut_regex_trie *t);

/* Add one word: `units[0..n)` are regex fragments (BORROWED, copied);
 * `weight` orders alternatives (higher first: the word's length).
 * 0, or -1 on out of memory. */
int ut_regex_trie_add(ut_regex_trie *t, const char *const *units, size_t n, size_t weight);

/* The alternation of every word added as one group: `open` (`(?:`, or
 * `(?i:` for a caseless list), the alternatives, `)`; or `(?!)` when no
 * word was added.  Orders the tree in place.  NEW string (free()), NULL
 * on out of memory. */
char *ut_regex_trie_pattern(ut_regex_trie *t, const char *open);
#endif
