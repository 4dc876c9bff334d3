/* regex_trie.c — prefix-factored alternations; see regex_trie.h. */
#include "text/regex_trie.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct node {
    char *unit;          /* regex of the edge into this node (root: NULL) */
    struct node **kids;  /* owned */
    size_t nkids, cap;
    size_t weight;       /* the largest weight of a word through here */
    bool end;            /* a word ends here */
} node;

struct ut_regex_trie {
    node root;
};

static void node_clear(node *n) {
    for (size_t i = 0; i < n->nkids; i++) {
        node_clear(n->kids[i]);
        free(n->kids[i]);
    }
    free(n->kids);
    free(n->unit);
}

ut_regex_trie *ut_regex_trie_new(void) { return calloc(1, sizeof(ut_regex_trie)); }

void ut_regex_trie_free(ut_regex_trie *t) {
    if (!t) return;
    node_clear(&t->root);
    free(t);
}

static node *child(node *n, const char *unit) {
    for (size_t i = 0; i < n->nkids; i++)
        if (!strcmp(n->kids[i]->unit, unit)) return n->kids[i];
    if (n->nkids == n->cap) {
        size_t cap = n->cap ? n->cap * 2 : 4;
        node **k = realloc(n->kids, cap * sizeof *k);
        if (!k) return NULL;
        n->kids = k;
        n->cap = cap;
    }
    node *c = calloc(1, sizeof *c);
    if (!c || !(c->unit = strdup(unit))) {
        free(c);
        return NULL;
    }
    n->kids[n->nkids++] = c;
    return c;
}

int ut_regex_trie_add(ut_regex_trie *t, const char *const *units, size_t n, size_t weight) {
    node *at = &t->root;
    if (weight > at->weight) at->weight = weight;
    for (size_t i = 0; i < n; i++) {
        if (!(at = child(at, units[i]))) return -1;
        if (weight > at->weight) at->weight = weight;
    }
    at->end = true;
    return 0;
}

/* Growable output string. */
typedef struct buf {
    char *s;
    size_t n, cap;
    bool oom;
} buf;

static void put(buf *b, const char *s) {
    size_t l = strlen(s);
    if (b->oom) return;
    if (b->n + l + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + l + 1) cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, l + 1);
    b->n += l;
}

/* Heavier subtrees first; ties by unit, so the pattern is the same on
 * every load. */
static int by_weight(const void *a, const void *b) {
    const node *x = *(node *const *)a, *y = *(node *const *)b;
    if (x->weight != y->weight) return x->weight < y->weight ? 1 : -1;
    return strcmp(x->unit, y->unit);
}

static void emit_rest(buf *b, node *n);

/* The alternatives below node `n`, separated by `|`, longest first. */
static void emit_alternatives(buf *b, node *n) {
    qsort(n->kids, n->nkids, sizeof *n->kids, by_weight);
    for (size_t i = 0; i < n->nkids; i++) {
        if (i) put(b, "|");
        put(b, n->kids[i]->unit);
        emit_rest(b, n->kids[i]);
    }
}

/* The regex for what may follow node `n` (its edge already written). */
static void emit_rest(buf *b, node *n) {
    if (n->nkids == 0) return;
    if (n->nkids == 1 && !n->end) {
        put(b, n->kids[0]->unit);
        emit_rest(b, n->kids[0]);
        return;
    }
    put(b, "(?:");
    emit_alternatives(b, n);
    /* the word that ends here comes after every longer one */
    put(b, n->end ? ")?" : ")");
}

char *ut_regex_trie_pattern(ut_regex_trie *t, const char *open) {
    buf b = {0};
    if (t->root.nkids == 0) return strdup("(?!)");
    put(&b, open);
    emit_alternatives(&b, &t->root);
    put(&b, ")");
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}
