/*
 * records.h — `utdrag extract --records`: JSON Lines documents as a pool
 * source (pool.h).
 *
 * Each line of the inputs is one document, a JSON object
 *     {"id": "NAME", "text": "THE DOCUMENT'S TEXT", ...other keys ignored}
 * ("path" is a synonym of "id"; without either the document is named
 * FILE:LINE).  Lines are read one at a time with getline and parsed with
 * jansson as they are needed, so standard input streams through the
 * bounded reorder window, never held whole.  Empty (blank) lines are
 * skipped.  A bad line — not JSON, not an object, no "text", "text" or
 * "id" of the wrong type, a NUL character in them — becomes a pool_item
 * whose `error` says `FILE:LINE: what`, delivered in its place; the next
 * lines go on.  A file that cannot be opened or read likewise (`FILE:
 * reason`).  Nothing is printed here.
 */
#ifndef UT_RECORDS_H
#define UT_RECORDS_H
#include <stdio.h>

#include "pool.h"

typedef struct cli_records {
    char **files; /* BORROWED: the inputs, "-" = standard input */
    size_t nfiles, fi;
    FILE *f;           /* the one being read, or NULL */
    const char *fname; /* its name as given */
    size_t lineno;
    char *line;
    size_t cap;
    size_t shard_k, shard_n, seen; /* --shard K/N: every N-th record, counting non-blank lines */
} cli_records;

/* `files` (BORROWED, nfiles >= 1) are read in order; shard_n 1 takes all. */
void cli_records_init(cli_records *r, char **files, size_t nfiles, size_t shard_k, size_t shard_n);
/* The pool_source: `ud` is a cli_records. */
int cli_records_next(pool_item *it, void *ud);
/* Close what is open and free the line buffer. */
void cli_records_free(cli_records *r);
#endif
