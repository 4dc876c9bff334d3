/*
 * extract.c — the pipeline for one document, and the ut_doc it returns.
 *
 *   decode (decode.c) → normalize (normalize.c) → match (match.c)
 *   → resolve (resolve.c) → per-type document passes (extractors/)
 *   → offsets mapped back to the original bytes, line numbers.
 *
 *   → the document stage (document.c): links, facts, date, roster.
 *
 * struct ut_doc and what it owns: doc.h.
 */
#include <malloc.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/jobs.h"
#include "engine/chunk.h"
#include "input/decode.h"
#include "record/doc.h"
#include "doc/document.h"
#include "engine/match.h"
#include "text/normalize.h"
#include "engine/resolve.h"
#include "base/util.h"

struct ut_worker {
    const ut_ruleset *rs;
    ut_scratch scratch;
};

ut_worker *ut_worker_new(const ut_ruleset *rs) {
    ut_worker *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->rs = rs;
    if (ut_scratch_init(&w->scratch, rs)) {
        free(w);
        return NULL;
    }
    return w;
}

void ut_worker_free(ut_worker *w) {
    if (!w) return;
    ut_scratch_free(&w->scratch);
    free(w);
}

/* First index i of t with original offset >= off (t->map is monotonic). */
static size_t decoded_index(const ut_text *t, size_t off) { return ut_text_index(t, off); }

/* Original offset just past the source character that holds original
 * offset `orig_last`.  The step is taken in the decoded text, whose map
 * knows how many input bytes each character took in any encoding (one in
 * Windows-1252, two or four in UTF-16, one to four in UTF-8): stepping in
 * the input bytes themselves would read cp1252 0x80..0xBF or UTF-16 as
 * UTF-8 continuation bytes. */
static size_t source_end(const ut_text *decoded, size_t orig_last) {
    size_t i = decoded_index(decoded, orig_last);
    if (i >= decoded->len) return ut_text_orig(decoded, decoded->len);
    uint32_t cp;
    int l = ut_utf8_decode((const unsigned char *)decoded->s + i, decoded->len - i, &cp);
    size_t j = i + (size_t)(l > 0 ? l : 1);
    /* an identity map may point into a character: finish it */
    while (j < decoded->len && ((unsigned char)decoded->s[j] & 0xC0) == 0x80) j++;
    return ut_text_orig(decoded, j);
}

/* Line breaks in decoded[from, to).  A line ends at LF, CRLF or a lone
 * CR.  Lines are counted in the decoded text (UTF-8 whatever the input
 * was: UTF-16 input has 0x0A bytes inside characters), not in the
 * normalized text: it joins words broken over a line end, so it has fewer
 * line breaks than the file. */
static size_t line_breaks(const ut_text *decoded, size_t from, size_t to) {
    const char *s = decoded->s;
    const uint64_t ones = 0x0101010101010101ULL;
    size_t n = 0, i = from;
    while (i < to) {
        /* eight bytes at a time: a word without CR has as many breaks as
         * LF bytes, their marks summed into the top byte by one multiply
         * (no popcount: without -mpopcnt that is a libgcc call) */
        if (i + 8 <= to) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!ut_word_zero_bytes(w ^ (ones * '\r'))) {
                n += (size_t)(((ut_word_zero_bytes(w ^ (ones * '\n')) >> 7) * ones) >> 56);
                i += 8;
                continue;
            }
        }
        /* a word with a CR, or the last bytes: one at a time */
        for (size_t stop = i + 8 <= to ? i + 8 : to; i < stop; i++) {
            char ch = s[i];
            n += ch == '\n' || (ch == '\r' && (i + 1 >= decoded->len || s[i + 1] != '\n'));
        }
    }
    return n;
}

/* ---- placing the fields: original offsets, line, source text ------------
 * The candidates that survived are in position order; each share of them
 * is placed on a thread of its own (one share with one worker).  A share
 * counts its lines from where its first field starts; the counts are added
 * up in order afterwards. */
typedef struct place_job {
    const ut_text *norm, *decoded;
    ut_cand *c;                /* this share: c[0..n), placed in c[i].f */
    size_t n;
    size_t from, to;           /* decoded[from, to): where its lines are counted */
    size_t breaks;             /* line breaks in decoded[from, to) */
    ut_arena *arena;           /* the text copies (the first share: the document's) */
    ut_arena own;
    int rc;
} place_job;

static void *place_share(void *arg) {
    place_job *j = arg;
    size_t pos = j->from, line = 0; /* breaks before pos, from j->from */
    for (size_t i = 0; i < j->n && !j->rc; i++) {
        ut_field *f = &j->c[i].f;
        f->start = ut_text_orig(j->norm, j->c[i].nstart);
        f->end = source_end(j->decoded, ut_text_orig(j->norm, j->c[i].nend - 1));
        size_t a = decoded_index(j->decoded, f->start), b = decoded_index(j->decoded, f->end);
        if (a < pos) line = line_breaks(j->decoded, j->from, a); /* fields ascend: never, but exact */
        else line += line_breaks(j->decoded, pos, a);
        pos = a;
        f->line = line; /* relative: place_fields adds the lines before the share */
        if (!(f->text = ut_arena_strndup(j->arena, j->decoded->s + a, b > a ? b - a : 0))) j->rc = -1;
    }
    if (!j->rc && j->to > pos) line += line_breaks(j->decoded, pos, j->to);
    j->breaks = line;
    return NULL;
}

#define PLACE_MIN_SHARE 20000 /* fields: below this a thread costs more than it saves */

static int place_fields(ut_cand *c, size_t n, const ut_text *norm, const ut_text *decoded, ut_arena *arena,
                        size_t nthreads) {
    size_t nj = ut_share_count(n, PLACE_MIN_SHARE, nthreads);
    place_job jobs[nj];
    for (size_t k = 0; k < nj; k++) {
        size_t lo = n * k / nj, hi = n * (k + 1) / nj;
        jobs[k] = (place_job){.norm = norm, .decoded = decoded, .c = c + lo, .n = hi - lo};
        jobs[k].from = k ? decoded_index(decoded, ut_text_orig(norm, c[lo].nstart)) : 0;
        ut_arena_init(&jobs[k].own);
        jobs[k].arena = k ? &jobs[k].own : arena;
    }
    for (size_t k = 0; k < nj; k++) jobs[k].to = k + 1 < nj ? jobs[k + 1].from : jobs[k].from;
    ut_run_jobs(place_share, jobs, sizeof *jobs, nj);
    int rc = 0;
    size_t base = 1; /* lines are 1-based */
    for (size_t k = 0; k < nj; k++) {
        rc |= jobs[k].rc;
        ut_arena_adopt(arena, &jobs[k].own); /* empty for the first share */
        for (size_t i = 0; i < jobs[k].n; i++) jobs[k].c[i].f.line += base;
        base += jobs[k].breaks;
    }
    return rc;
}

/* The pipeline, with the matching stage on workers[0..nw) (chunk.h). */
/* Milliseconds since *t, which moves on to now: one stage's time. */
static double lap(double *t) {
    double now = ut_now_ms(), ms = now - *t;
    *t = now;
    return ms;
}

/* the fields are written over the candidates (extract_doc) */
_Static_assert(offsetof(ut_cand, f) == 0 && sizeof(ut_field) <= sizeof(ut_cand), "ut_cand must begin with its ut_field");

/* `owned`: the input as a buffer this call takes (ut_extract_owned), or
 * NULL: `bytes` is copied. */
static ut_doc *extract_doc(ut_worker *const *workers, size_t nw, const char *name, const void *bytes, size_t len,
                           char *owned, ut_error *err) {
    ut_worker *w = workers[0];
    ut_error dummy;
    if (!err) err = &dummy;
    memset(err, 0, sizeof *err);
    ut_doc *d = calloc(1, sizeof *d);
    if (!d) {
        free(owned);
        goto oom;
    }
    ut_arena_init(&d->arena);
    d->name = ut_strdup(name ? name : "-");
    /* room for the padding every matched text has (text.h); a buffer given
     * with that room (cli_read_input's) is kept as it is */
    if (owned && malloc_usable_size(owned) >= len + 1 + UT_TEXT_PAD) d->bytes = owned;
    else d->bytes = owned ? realloc(owned, len + 1 + UT_TEXT_PAD) : malloc(len + 1 + UT_TEXT_PAD);
    if (!d->bytes) free(owned);
    if (!d->name || !d->bytes) goto oom;
    if (!owned) memcpy(d->bytes, bytes, len);
    ut_text_pad(d->bytes, len);
    d->len = len;

    ut_text decoded = {0}, norm = {0};
    double t = ut_now_ms();
    if (ut_decode(d->bytes, len, &decoded, &d->encoding, err)) {
        snprintf(err->file, sizeof err->file, "%s", d->name);
        ut_doc_free(d);
        return NULL;
    }
    d->stage_ms[UT_STAGE_DECODE] = lap(&t);
    if (ut_normalize(&decoded, ut_ruleset_lexicon(w->rs, "hyphen_keep"), &norm)) {
        ut_text_release(&decoded);
        goto oom;
    }
    d->stage_ms[UT_STAGE_NORMALIZE] = lap(&t);
    ut_docbuild db = {.norm = &norm, .arena = &d->arena};
    int rc;
    {
        ut_scratch *scratch[nw];
        for (size_t i = 0; i < nw; i++) scratch[i] = &workers[i]->scratch;
        rc = ut_match_split(w->rs, scratch, nw, &db, &d->warnings, 0, NULL); /* one piece unless big */
    }
    double matching = lap(&t);
    d->stage_ms[UT_STAGE_SCAN] = db.scan_ms;
    d->stage_ms[UT_STAGE_CONFIRM] = matching > db.scan_ms ? matching - db.scan_ms : 0;
    if (!rc) rc = ut_resolve(&db, nw);
    d->stage_ms[UT_STAGE_RESOLVE] = lap(&t);
    if (!rc) rc = ut_document_link(&db);
    if (!rc) rc = ut_document_facts(&db, w->rs, d);
    if (!rc && db.n) rc = place_fields(db.c, db.n, &norm, &decoded, &d->arena, nw);
    if (!rc && db.n) {
        /* The fields are written over the candidates, in the same memory:
         * a candidate begins with its field, field i ends before candidate
         * i+1 begins, and candidate i is copied out before field i is
         * written.  So a big document never holds both arrays. */
        ut_field *fields = (ut_field *)(void *)db.c;
        for (size_t i = 0; i < db.n; i++) {
            ut_field f = db.c[i].f;
            memcpy(&fields[i], &f, sizeof f);
        }
        ut_field *shrunk = realloc(fields, db.n * sizeof *fields);
        d->fields = shrunk ? shrunk : fields;
        d->nfields = db.n;
        db.c = NULL; /* now d->fields */
    }
    free(db.c);
    ut_text_release(&norm);
    d->text = decoded; /* the document keeps it (doc.h) */
    if (!rc) rc = ut_document_finish(d);
    d->stage_ms[UT_STAGE_DOCUMENT] = lap(&t);
    if (rc) goto oom;
    return d;
oom:
    snprintf(err->file, sizeof err->file, "%s", name ? name : "-");
    snprintf(err->text, sizeof err->text, "out of memory");
    ut_doc_free(d);
    return NULL;
}

ut_doc *ut_extract(ut_worker *w, const char *name, const void *bytes, size_t len, ut_error *err) {
    return extract_doc(&w, 1, name, bytes, len, NULL, err);
}

#define MAX_WORKERS 1024

static ut_doc *refuse(ut_error *err, const char *why) {
    if (err) {
        memset(err, 0, sizeof *err);
        snprintf(err->text, sizeof err->text, "%s", why);
    }
    return NULL;
}

ut_doc *ut_extract_parallel(ut_worker *const *workers, size_t nworkers, const char *name, const void *bytes,
                            size_t len, ut_error *err) {
    if (!nworkers) return refuse(err, "no worker given");
    return extract_doc(workers, nworkers > MAX_WORKERS ? MAX_WORKERS : nworkers, name, bytes, len, NULL, err);
}

ut_doc *ut_extract_owned(ut_worker *const *workers, size_t nworkers, const char *name, char *bytes, size_t len,
                         ut_error *err) {
    if (!nworkers || !bytes) {
        free(bytes);
        return refuse(err, nworkers ? "no input buffer given" : "no worker given");
    }
    return extract_doc(workers, nworkers > MAX_WORKERS ? MAX_WORKERS : nworkers, name, bytes, len, bytes, err);
}
