/*
 * read_pdf.c — stage 0 for PDF input: a PDF's text layer as plain text,
 * laid out like `pdftotext -layout`, through poppler-glib.
 *
 * Why a layout of our own: poppler-glib (22.12) gives a page's text only
 * in reading order (poppler_page_get_text), where two signatures side by
 * side come out one after the other or run together, and the rules could
 * no longer tell the columns apart.  It also gives one rectangle per
 * character of that text (poppler_page_get_text_layout), and from those
 * this file rebuilds the page: words (runs of non-space characters) are
 * grouped into rows by their vertical position, ordered left to right, and
 * written single-spaced when they follow each other on a line of the text,
 * or at their column (the x position over the page's average character
 * width) after at least two spaces when they stand apart.  The rules read
 * a run of two or more spaces as a column separator.  Vertical gaps give
 * blank lines (at most four, as pdftotext), and each page ends with "\f".
 *
 * poppler reports syntax problems through g_log (domain "Poppler"); the
 * library never prints, so a handler (installed once) keeps the first one
 * of each read, per thread, to name the damage when a PDF cannot be opened
 * or gives no text; the handler prints nothing.
 */
#include <glib.h>
#include <math.h>
#include <poppler.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

int ut_is_pdf(const void *bytes, size_t len) {
    size_t n = len < 1024 ? len : 1024;
    return n >= 5 && memmem(bytes, n, "%PDF-", 5) != NULL;
}

/* ---- quiet poppler --------------------------------------------------- */

/* poppler's complaints about the file being read on this thread: how many,
 * and the first, to name the damage in the error. */
static _Thread_local int poppler_complaints;
static _Thread_local char poppler_first[200];

static void note_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer ud) {
    (void)domain, (void)level, (void)ud;
    if (!poppler_complaints++) snprintf(poppler_first, sizeof poppler_first, "%s", msg ? msg : "");
}

static void quiet_poppler(void) {
    g_log_set_handler("Poppler", (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
                      note_log, NULL);
}

/* "damaged PDF: WHAT (poppler: first complaint)" into err. */
static void damaged(ut_error *err, const char *what, const char *fallback) {
    const char *why = poppler_complaints ? poppler_first : fallback;
    /* poppler's "Syntax error at position -1: " says nothing to a reader */
    const char *colon = why ? strstr(why, ": ") : NULL;
    if (why && !strncmp(why, "Syntax ", 7) && colon) why = colon + 2;
    if (why && *why) ut_seterr(err, "", 0, "damaged PDF: %s (poppler: %s)", what, why);
    else ut_seterr(err, "", 0, "damaged PDF: %s", what);
}

/* ---- a growing output buffer ------------------------------------------ */

typedef struct outbuf {
    char *s;
    size_t len, cap;
    int oom;
} outbuf;

static void put(outbuf *o, const char *s, size_t n) {
    if (o->oom) return;
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (o->len + n + 1 > cap) cap *= 2;
        char *ns = realloc(o->s, cap);
        if (!ns) {
            o->oom = 1;
            return;
        }
        o->s = ns;
        o->cap = cap;
    }
    memcpy(o->s + o->len, s, n);
    o->len += n;
    o->s[o->len] = 0;
}

static void put_spaces(outbuf *o, size_t n) {
    static const char sp[] = "                                ";
    for (; n > 32; n -= 32) put(o, sp, 32);
    put(o, sp, n);
}

/* ---- one page ---------------------------------------------------------- */

/* A word: a run of characters of the page text that sit next to each
 * other on the page, with its box (PDF points, y growing downwards). */
typedef struct word {
    size_t off, len;  /* bytes of the page text */
    size_t nchars;    /* characters, for columns */
    long follows;     /* the word it follows on a line of the text (one space
                         between), or -1 */
    double x0, y0, x1, y1;
} word;

static double mid_y(const word *w) { return (w->y0 + w->y1) / 2; }

static int cmp_word_y(const void *a, const void *b) {
    const word *p = *(word *const *)a, *q = *(word *const *)b;
    if (mid_y(p) != mid_y(q)) return mid_y(p) < mid_y(q) ? -1 : 1;
    return p->off < q->off ? -1 : p->off > q->off;
}

static int cmp_word_x(const void *a, const void *b) {
    const word *p = *(word *const *)a, *q = *(word *const *)b;
    if (p->x0 != q->x0) return p->x0 < q->x0 ? -1 : 1;
    return p->off < q->off ? -1 : p->off > q->off;
}

/* Characters that are not text: control characters would make the decoder
 * refuse the document (NUL) or break lines where the page has none. */
static int is_gap_char(gunichar c) { return c < 0x20 || c == 0x7F || g_unichar_isspace(c); }

typedef struct words {
    word *w;
    size_t n, cap;
} words;

static int push_word(words *ws, const word *x) {
    if (ws->n == ws->cap) {
        size_t cap = ws->cap ? ws->cap * 2 : 64;
        word *nw = realloc(ws->w, cap * sizeof *nw);
        if (!nw) return -1;
        ws->w = nw;
        ws->cap = cap;
    }
    ws->w[ws->n++] = *x;
    return 0;
}

/* Split the page text into words.  poppler's text is in reading order and
 * not always separated where the page is: table cells of one line may come
 * without a space between them, and a line may run on into the next
 * without a line break.  So a character also starts a new word when it
 * does not sit right after the previous one: a gap of a fifth of its
 * height or more, a step back, or another height on the page.  The layout
 * has one rectangle per character of the text; past its end (never seen)
 * the text is not used.  0, or -1 on out of memory. */
static int page_words(const char *t, const PopplerRectangle *r, guint nr, words *ws) {
    word cur = {0};
    int in_word = 0, spaced = 0; /* spaced: only spaces (no line break) since the last word */
    guint k = 0;
    for (const char *p = t;; k++) {
        gunichar c = *p ? g_utf8_get_char_validated(p, -1) : 0;
        int end = !*p || c == (gunichar)-1 || c == (gunichar)-2 || k >= nr;
        size_t clen = end ? 0 : (size_t)(g_utf8_next_char(p) - p);
        if (end || is_gap_char(c)) {
            if (in_word && push_word(ws, &cur)) return -1;
            if (in_word) spaced = 1;
            in_word = 0;
            if (!end && c != ' ' && c != 0xA0) spaced = 0; /* a line break or a tab */
            if (end) break;
        } else {
            const PopplerRectangle *b = &r[k];
            double x0 = fmin(b->x1, b->x2), x1 = fmax(b->x1, b->x2);
            double y0 = fmin(b->y1, b->y2), y1 = fmax(b->y1, b->y2), h = y1 - y0;
            if (in_word && (x0 - cur.x1 > 0.2 * h || x1 < cur.x1 - 0.5 * h ||
                            fabs((y0 + y1) / 2 - mid_y(&cur)) > 0.3 * h)) {
                if (push_word(ws, &cur)) return -1;
                in_word = spaced = 0;
            }
            if (!in_word) {
                cur = (word){.off = (size_t)(p - t), .follows = spaced && ws->n ? (long)ws->n - 1 : -1,
                             .x0 = x0, .y0 = y0, .x1 = x1, .y1 = y1};
                in_word = 1;
            }
            cur.len = (size_t)(p - t) + clen - cur.off;
            cur.nchars++;
            cur.x0 = fmin(cur.x0, x0);
            cur.x1 = fmax(cur.x1, x1);
            cur.y0 = fmin(cur.y0, y0);
            cur.y1 = fmax(cur.y1, y1);
        }
        p += clen;
    }
    return 0;
}

/* Write one row (words of one line of the page, in x order) at columns of
 * `pitch` points from `left`. */
static void put_row(outbuf *o, const char *t, word *const *row, size_t n, const word *base, double left, double pitch) {
    size_t col = 0;
    for (size_t i = 0; i < n; i++) {
        const word *x = row[i];
        size_t at = (size_t)lround(fmax(0, x->x0 - left) / pitch);
        if (i > 0) {
            const word *p = row[i - 1];
            double gap = x->x0 - p->x1;
            /* words that follow each other on a line of the text, or
             * nearly touch: one space; text standing apart: its column,
             * and never less than two spaces (a column separator) */
            int next_word = x->follows >= 0 && base + x->follows == p && gap < 3 * pitch;
            if (next_word || gap < pitch) at = col + 1;
            else if (at < col + 2) at = col + 2;
        }
        if (at > col) put_spaces(o, at - col);
        put(o, t + x->off, x->len);
        col = (at > col ? at : col) + x->nchars;
    }
}

/* Append the page's text, laid out, to `o`.  Returns the number of words
 * (0: the page has no text layer), or -1 on out of memory. */
static long layout_page(PopplerPage *page, outbuf *o) {
    char *t = poppler_page_get_text(page);
    PopplerRectangle *r = NULL;
    guint nr = 0;
    if (!t || !poppler_page_get_text_layout(page, &r, &nr)) nr = 0;
    words ws = {0};
    word **order = NULL;
    long rc = t && page_words(t, r, nr, &ws) ? -1 : 0;
    if (rc || !ws.n) goto done;
    /* the grid: column 0 at the leftmost text, the average character width */
    double left = ws.w[0].x0, width = 0;
    size_t chars = 0;
    for (size_t i = 0; i < ws.n; i++) {
        left = fmin(left, ws.w[i].x0);
        width += ws.w[i].x1 - ws.w[i].x0;
        chars += ws.w[i].nchars;
    }
    double pitch = chars && width > 0 ? width / (double)chars : 5;
    if (!(order = malloc(ws.n * sizeof *order))) {
        rc = -1;
        goto done;
    }
    for (size_t i = 0; i < ws.n; i++) order[i] = &ws.w[i];
    qsort(order, ws.n, sizeof *order, cmp_word_y);
    double prev_bottom = 0, prev_height = 0;
    for (size_t a = 0; a < ws.n;) {
        /* a row: the words whose middle is close to the first one's */
        double mid = mid_y(order[a]), h = order[a]->y1 - order[a]->y0;
        double top = order[a]->y0, bottom = order[a]->y1;
        size_t b = a + 1;
        for (; b < ws.n; b++) {
            double hb = order[b]->y1 - order[b]->y0;
            if (fabs(mid_y(order[b]) - mid) > 0.4 * fmin(h, hb)) break;
            top = fmin(top, order[b]->y0);
            bottom = fmax(bottom, order[b]->y1);
        }
        qsort(order + a, b - a, sizeof *order, cmp_word_x);
        if (prev_height > 0) { /* blank lines for the gap, at most four */
            long newlines = lround((bottom - prev_bottom) / prev_height);
            put(o, "\n\n\n\n\n", (size_t)(newlines < 1 ? 1 : newlines > 5 ? 5 : newlines));
        }
        put_row(o, t, order + a, b - a, ws.w, left, pitch);
        prev_bottom = bottom;
        prev_height = bottom - top > 0 ? bottom - top : 1;
        a = b;
    }
    put(o, "\n", 1);
    rc = (long)ws.n;
done:
    free(order);
    free(ws.w);
    g_free(r);
    g_free(t);
    return o->oom ? -1 : rc;
}

/* ---- the document ------------------------------------------------------ */

void ut_pdf_text_release(ut_pdf_text *t) {
    if (!t) return;
    free(t->text);
    free(t->page_start);
    memset(t, 0, sizeof *t);
}

int ut_pdf_text_read(const void *bytes, size_t len, ut_pdf_text *out, ut_error *err) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, quiet_poppler);
    memset(out, 0, sizeof *out);
    poppler_complaints = 0;
    if (!ut_is_pdf(bytes, len)) {
        ut_seterr(err, "", 0, "not a PDF (no %%PDF- header)");
        return -1;
    }
    GError *ge = NULL;
    /* poppler reads the bytes in place; they outlive the document */
    GBytes *gb = g_bytes_new_static(bytes, len);
    PopplerDocument *doc = poppler_document_new_from_bytes(gb, NULL, &ge);
    if (!doc) {
        if (ge && ge->domain == POPPLER_ERROR && ge->code == POPPLER_ERROR_ENCRYPTED)
            ut_seterr(err, "", 0, "encrypted PDF (it needs a password): cannot read its text");
        else damaged(err, "cannot open it", ge ? ge->message : NULL);
        if (ge) g_error_free(ge);
        g_bytes_unref(gb);
        return -1;
    }
    int npages = poppler_document_get_n_pages(doc);
    outbuf o = {0};
    size_t words = 0;
    out->npages = npages > 0 ? (size_t)npages : 0;
    out->page_start = out->npages ? calloc(out->npages, sizeof *out->page_start) : NULL;
    int rc = out->npages && !out->page_start ? -1 : 0;
    for (int i = 0; !rc && i < npages; i++) {
        out->page_start[i] = o.len;
        PopplerPage *page = poppler_document_get_page(doc, i);
        long got = page ? layout_page(page, &o) : 0;
        if (page) g_object_unref(page);
        if (got < 0) rc = -1;
        else if (got == 0) out->empty_pages++;
        words += got > 0 ? (size_t)got : 0;
        put(&o, "\f", 1);
        if (o.oom) rc = -1;
    }
    g_object_unref(doc);
    g_bytes_unref(gb);
    if (!rc && !words) {
        if (!npages) damaged(err, "it has no pages", NULL);
        else if (poppler_complaints) damaged(err, "no text could be read", NULL);
        else ut_seterr(err, "", 0, "no text layer (a scanned image?); run OCR first, e.g. ocrmypdf");
        rc = -2;
    } else if (rc) ut_seterr(err, "", 0, "out of memory");
    if (rc) {
        free(o.s);
        ut_pdf_text_release(out);
        return -1;
    }
    out->text = o.s ? o.s : ut_strdup("");
    out->len = o.len;
    if (!out->text) {
        ut_seterr(err, "", 0, "out of memory");
        ut_pdf_text_release(out);
        return -1;
    }
    return 0;
}
