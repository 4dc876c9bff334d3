/*
 * utdrag.h — public API of libutdrag.
 *
 * utdrag pulls typed fields (case numbers, dates, persons, parties, figures,
 * named bodies) out of Swedish public documents.  The pipeline is
 *
 *   bytes → decode (UTF-8 / Windows-1252) → normalized view with an offset map
 *         → rules (PCRE2) → typed values (extractors/) → overlap resolution
 *         → per-extractor document pass (linking) → writers (JSONL/JSON/CSV)
 *
 * Ownership, once for the whole API (jansson style):
 *   - `*_new` / `*_load` / `ut_extract` return NEW objects: the caller owns
 *     them and frees them with the matching `*_free`.
 *   - Every `const char *` inside a ut_field, and the ut_field array itself,
 *     is BORROWED from the ut_doc that holds it: valid until ut_doc_free().
 *   - A ut_doc BORROWS its ut_ruleset (rule ids, type names): free documents
 *     before the ruleset.
 *   - The input bytes given to ut_extract are copied where needed; the
 *     caller may free them as soon as ut_extract returns.  ut_extract_owned
 *     TAKES OWNERSHIP of its buffer instead (no copy of a big input).
 *
 * Threads: a ut_ruleset is immutable once loaded and may be shared by any
 * number of threads.  A ut_worker holds per-thread scratch (PCRE2 match
 * data, JIT stack, buffers): one per thread, never shared.
 *
 * The library never prints and never exits: every failure is reported
 * through a ut_error (file, line, text) and a NULL or non-zero return.
 */
#ifndef UTDRAG_H
#define UTDRAG_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define UTDRAG_VERSION "0.1.0"

/* Marks the public API: the only symbols libutdrag.so exports (it is built
 * with -fvisibility=hidden; every other function of the library is
 * internal, whatever its prefix). */
#if defined(UTDRAG_BUILDING) && defined(__GNUC__)
#define UT_API __attribute__((visibility("default")))
#else
#define UT_API
#endif

/* An error: where (file and 1-based line, 0 if not about a line) and what. */
typedef struct ut_error {
    char file[512];
    int line;
    char text[512];
} ut_error;

/* ---- rules ------------------------------------------------------------ */

typedef struct ut_ruleset ut_ruleset;

/* Load every `NAME.rules` file in `dir` and every `lexicons/NAME.lex`
 * and compile the patterns.  NEW ruleset, or NULL with `err` filled
 * (`err->file`/`err->line` name the faulty rule-file line). */
UT_API ut_ruleset *ut_ruleset_load(const char *dir, ut_error *err);
UT_API void ut_ruleset_free(ut_ruleset *rs);

/* Restrict extraction to a comma-separated list of field types
 * ("date,dnr").  Returns 0, or -1 with `err` set for an unknown type. */
UT_API int ut_ruleset_select_types(ut_ruleset *rs, const char *types, ut_error *err);

/* The matching engine.  UT_ENGINE_SCAN (the default): one shared pass
 * over all rules' declared anchors, each rule's regex tried only in the
 * windows around its anchors' hits.  UT_ENGINE_REFERENCE: every rule is a
 * full scan of the text; the output is the same bytes, only slower (kept
 * to prove the anchors and to compare the engines). */
typedef enum ut_engine { UT_ENGINE_SCAN = 0, UT_ENGINE_REFERENCE = 1 } ut_engine;
UT_API void ut_ruleset_set_engine(ut_ruleset *rs, ut_engine engine);

/* Introspection, for `utdrag rules list`.  Strings are BORROWED. */
UT_API size_t ut_ruleset_count(const ut_ruleset *rs);
typedef struct ut_rule_info {
    const char *id, *type, *normalizer, *file;
    int line, priority, nexamples;
    const char *path; /* "anchor", "token" or "full scan" (see ut_engine) */
} ut_rule_info;
UT_API void ut_ruleset_rule_info(const ut_ruleset *rs, size_t i, ut_rule_info *out);

/* Check every rule's inline examples against the whole rule set.  Calls
 * `report` once per example (BORROWED strings, valid during the call) and
 * returns the number of failed examples, or -1 on out of memory. */
typedef struct ut_example_result {
    const char *rule, *file, *text, *expected, *got;
    int line;
    int ok;
} ut_example_result;
UT_API long ut_ruleset_check_examples(const ut_ruleset *rs,
                               void (*report)(const ut_example_result *r, void *ud), void *ud);

/* Prove the rules' anchor declarations on one document (see `utdrag rules
 * test`): every match the full scan of an anchored rule finds must lie in
 * the declared window of a hit of its anchors.  Calls `report` for each
 * match that does not (BORROWED strings; `text` is not NUL-terminated:
 * `len` bytes of the normalized text), with the window that would cover
 * it.  Number of misses, or -1 with err (undecodable, out of memory). */
typedef struct ut_anchor_miss {
    const char *rule, *file; /* the rule, and where the window of its nearest anchor is declared */
    int line;
    const char *doc;
    size_t start, end; /* in the normalized text */
    const char *text;
    size_t len;
    unsigned need_before, need_after; /* a window that would cover it */
} ut_anchor_miss;
UT_API long ut_ruleset_prove_anchors(const ut_ruleset *rs, const char *name, const void *bytes, size_t len,
                              void (*report)(const ut_anchor_miss *m, void *ud), void *ud, ut_error *err);
/* The same over the text of every rule's examples (doc "example"). */
UT_API long ut_ruleset_prove_examples(const ut_ruleset *rs, void (*report)(const ut_anchor_miss *m, void *ud), void *ud,
                               ut_error *err);

/* Field types the library knows, in registry order (NULL-terminated;
 * static storage, valid until the next ut_extractor_register). */
UT_API const char *const *ut_field_types(void);

/* ---- the record schema (src/doc/schema.c) -------------------------------- */

/* What a key holds.  NUMBER is a JSON number: an integer where the value is
 * whole, else a real (a figure's `number`); INTEGER is always whole. */
typedef enum ut_kind { UT_KIND_TEXT, UT_KIND_INTEGER, UT_KIND_NUMBER, UT_KIND_BOOLEAN } ut_kind;
/* "text", "integer", "number", "boolean" (static). */
UT_API const char *ut_kind_name(ut_kind k);

enum {
    UT_KEY_CATEGORY = 1 << 0, /* a closed set of values (a code, a unit): a data frame's category */
};

/* A typed key of a field type, as its extractor declares it (extractors/,
 * the `keys` of its registry entry): `grain` of a date, `series` of a dnr. */
typedef struct ut_key {
    const char *name;
    ut_kind kind;
    unsigned flags; /* UT_KEY_* */
} ut_key;

/* Where a column comes from, which is also where writers put it. */
typedef enum ut_column_role {
    UT_COL_RECORD, /* a key of every record: doc, type, value, text, start, end, line, rule */
    UT_COL_KEY,    /* a typed key of one or more field types */
    UT_COL_COMMON, /* a key any field type may have (ocr) */
    UT_COL_SOURCE, /* about the input, on records of some documents: encoding, page */
} ut_column_role;

/* One column of the flat record table (CSV, SQLite `fields`): every key
 * any record can have, once. */
typedef struct ut_column {
    const char *name;
    ut_kind kind;        /* for a mixed column, the kind of the types that are not text */
    ut_column_role role;
    unsigned flags;      /* UT_KEY_* (of the first type that declares it) */
    int mixed;           /* the types disagree (a dnr's `number` is text, a figure's a number) */
} ut_column;

/* The typed keys of one field type, in the order of its columns. */
typedef struct ut_schema_type {
    const char *type;
    const ut_key *keys; /* BORROWED from its registry entry */
    size_t nkeys;
} ut_schema_type;

/* The schema, derived from the registry of field types.  `columns` is the
 * CSV header: the columns of the first CSV release keep their places and
 * every column added since comes after them, in registry order, so that
 * CSV files of different versions stack. */
typedef struct ut_schema {
    const ut_column *columns;
    size_t ncolumns;
    const ut_schema_type *types; /* registry order */
    size_t ntypes;
    const ut_key *common;        /* keys any type may have (extractors/common.c) */
    size_t ncommon;
    const ut_key *facts;         /* document facts (src/doc/document.c): kind, from, ... */
    size_t nfacts;
} ut_schema;

/* The schema of the registry as it is now: static storage, BORROWED, valid
 * until the next ut_extractor_register.  NULL only on out of memory. */
UT_API const ut_schema *ut_schema_get(void);
/* The column named `name`, or NULL. */
UT_API const ut_column *ut_schema_column(const ut_schema *s, const char *name);
/* The entry of field type `type`, or NULL. */
UT_API const ut_schema_type *ut_schema_type_of(const ut_schema *s, const char *type);
/* The type a column of the SQLite table `fields` is declared with
 * ("INTEGER", "TEXT", or "" for none: a number, which is INTEGER or REAL
 * as it is, or a mixed column).  Static. */
UT_API const char *ut_schema_sqlite_type(const ut_column *c);
/* The kind `type` gives key `key` (its own keys, then the common ones, then
 * the record columns); -1 if that type never has it. */
UT_API int ut_schema_kind(const ut_schema *s, const char *type, const char *key);

/* ---- extraction ------------------------------------------------------- */

typedef struct ut_worker ut_worker;

/* NEW per-thread worker bound to (BORROWING) `rs`. NULL on out of memory. */
UT_API ut_worker *ut_worker_new(const ut_ruleset *rs);
UT_API void ut_worker_free(ut_worker *w);

typedef enum ut_attr_kind { UT_ATTR_STR, UT_ATTR_INT, UT_ATTR_NUM, UT_ATTR_BOOL } ut_attr_kind;

/* A typed extra of a field: `grain` of a date, `series` of a dnr, ... */
typedef struct ut_attr {
    const char *key;
    ut_attr_kind kind;
    union {            /* by `kind`: 24 bytes an attribute, not 40 */
        const char *s; /* UT_ATTR_STR */
        long long i;   /* UT_ATTR_INT, UT_ATTR_BOOL (0/1) */
        double d;      /* UT_ATTR_NUM */
    };
} ut_attr;

#define UT_MAX_ATTRS 10

/* One extracted value at one place in the document. */
typedef struct ut_field {
    const char *type;  /* "date", "dnr", ... */
    const char *value; /* normalized value, GUIDE.md format */
    const char *rule;  /* id of the rule that found it */
    const char *text;  /* the source text of the span, as written (UTF-8) */
    size_t start, end; /* byte offsets into the original input */
    size_t line;       /* 1-based line of `start` */
    size_t nattrs;     /* at most UT_MAX_ATTRS */
    ut_attr *attrs;    /* nattrs entries, BORROWED from the document (NULL if none):
                          a pointer, not an array, because a big document holds
                          millions of candidates and half of them have no extras */
} ut_field;

typedef struct ut_doc ut_doc;

/* Run the whole pipeline over one document.  `name` is what the output
 * calls it (a path, or "-").  Returns a NEW document (possibly with no
 * fields) or NULL with `err` set (binary input, out of memory, a rule that
 * hit its match limit is NOT an error: see ut_doc_warning). */
UT_API ut_doc *ut_extract(ut_worker *w, const char *name, const void *bytes, size_t len, ut_error *err);
UT_API void ut_doc_free(ut_doc *d);

/* The same document, byte for byte the same result as ut_extract, with
 * its matching spread over `nworkers` threads: the text is cut at
 * paragraph breaks and each piece matched by one of `workers` (BORROWED,
 * each used by one thread during the call; none may be in use elsewhere,
 * all bound to the same ruleset).  Resolution and linking still see the
 * whole document.  Worth it for a big document (a few MB); one under
 * 512 KB is not cut.  Threads are started and joined inside the call. */
UT_API ut_doc *ut_extract_parallel(ut_worker *const *workers, size_t nworkers, const char *name, const void *bytes,
                            size_t len, ut_error *err);

/* ut_extract_parallel (ut_extract with one worker) without copying the
 * input: TAKES OWNERSHIP of `bytes`, a malloc'd buffer with room for
 * len + 1 bytes (a NUL is written at bytes[len]).  The document keeps it
 * as its bytes (ut_doc_bytes; the matcher wants 64 zero bytes after the
 * NUL: a buffer with room for len + 65 bytes is kept as it is, a smaller
 * one grown with realloc); on failure it is freed.  For a big file this
 * saves the input's size in memory. */
UT_API ut_doc *ut_extract_owned(ut_worker *const *workers, size_t nworkers, const char *name, char *bytes, size_t len,
                                ut_error *err);

UT_API const char *ut_doc_name(const ut_doc *d);
/* How the bytes were decoded: "utf-8" or "windows-1252". */
UT_API const char *ut_doc_encoding(const ut_doc *d);
UT_API size_t ut_doc_nfields(const ut_doc *d);
UT_API const ut_field *ut_doc_field(const ut_doc *d, size_t i);
/* The original bytes (BORROWED; owned by the document: a copy, or the
 * buffer handed to ut_extract_owned). */
UT_API const char *ut_doc_bytes(const ut_doc *d, size_t *len);
/* Non-fatal problems met while extracting (e.g. a rule that hit its match
 * limit), one per line, or NULL.  BORROWED. */
UT_API const char *ut_doc_warning(const ut_doc *d);

/* Document-level facts found by the extractors (document kind, who asked,
 * who answered...): `*n` entries, BORROWED. */
#define UT_MAX_META 16
UT_API const ut_attr *ut_doc_meta(const ut_doc *d, size_t *n);

/* The document's own date (YYYY-MM-DD): the first full day date (grain
 * day) on a short line (at most 60 bytes, white space aside) within its
 * first 10 lines, where letters, minutes and motions put it; NULL rather
 * than a date from the body (a deadline, a quoted decision).  BORROWED. */
UT_API const char *ut_doc_date(const ut_doc *d);

/* One linked person of a document: the mentions that share a `key` (or,
 * without one, a value). */
typedef struct ut_person {
    const char *key;     /* the key, or the value of mentions without one */
    const char *name;    /* the value of its first mention */
    const char *party;   /* the greatest (strcmp) of its mentions' parties, or NULL */
    const char *role;    /* likewise of its roles, or NULL */
    size_t mentions;     /* its records */
} ut_person;
/* The persons roster, ordered by key (strcmp): `*n` entries, BORROWED. */
UT_API const ut_person *ut_doc_persons(const ut_doc *d, size_t *n);

/* The document's text decoded to UTF-8 (for UTF-8 input its bytes less a
 * BOM), NUL-terminated, BORROWED. */
UT_API const char *ut_doc_text(const ut_doc *d, size_t *len);
/* Where field `f` of `d` is in ut_doc_text: [*start, *end), whole characters. */
UT_API void ut_doc_text_span(const ut_doc *d, const ut_field *f, size_t *start, size_t *end);

/* Look up an attribute of a field by key; NULL if absent. BORROWED. */
UT_API const ut_attr *ut_field_attr(const ut_field *f, const char *key);

/* ---- input (src/input/) ---------------------------------------------- */

/* Read a document from `f` to its end: a NEW NUL-terminated buffer (free())
 * and its length, or NULL with *err_no set (ENOMEM; EFBIG past 4 GB, the
 * largest document; the read error).  Reading stops at the first block
 * that holds a NUL byte unless the stream is UTF-16 or a PDF, so a binary
 * file or /dev/zero is refused at once, not after being read whole (the
 * decoder refuses it as binary).  Does not close `f`. */
UT_API char *ut_read_document(FILE *f, size_t *len, int *err_no);

/* PDF input (src/input/read_pdf.c, through poppler-glib). */

/* Does `bytes` look like a PDF: "%PDF-" within its first 1024 bytes (the
 * header may follow some junk, as readers allow)? */
UT_API int ut_is_pdf(const void *bytes, size_t len);

/* The text layer of a PDF, laid out like `pdftotext -layout`: one line of
 * text a line of the page, words of one line single-spaced, text that
 * stands apart (a second column, a signature beside another) placed at its
 * column after a run of at least two spaces, and each page ended by a form
 * feed "\f". */
typedef struct ut_pdf_text {
    char *text;         /* NEW, UTF-8, NUL-terminated (free with ut_pdf_text_release) */
    size_t len;         /* bytes of text */
    size_t npages;
    size_t *page_start; /* NEW, npages entries: offset in text where page i+1 begins */
    size_t empty_pages; /* pages with no text at all (scanned images?) */
} ut_pdf_text;

/* Read the text layer of the PDF in bytes[0..len) (BORROWED; not kept).
 * 0 and `out` filled, or -1 with err->text set: a damaged or encrypted
 * PDF, or one with no text layer at all (a scan: "no text layer"). */
UT_API int ut_pdf_text_read(const void *bytes, size_t len, ut_pdf_text *out, ut_error *err);
UT_API void ut_pdf_text_release(ut_pdf_text *t);

/* ut_extract for a PDF: its text layer (ut_pdf_text_read) goes through the
 * pipeline as a text file would.  Returns a NEW document whose bytes
 * (ut_doc_bytes) are that extracted text, so `start`/`end` are offsets
 * into it and `text` is exactly its bytes between them; every field also
 * has a page (ut_doc_page_at).  NULL with `err` as ut_pdf_text_read. */
UT_API ut_doc *ut_extract_pdf(ut_worker *w, const char *name, const void *bytes, size_t len, ut_error *err);

/* Pages of a document read from a PDF; 0 for text input. */
UT_API size_t ut_doc_npages(const ut_doc *d);

/* Where one document's time went, by stage of the pipeline (for `make
 * bench` and `utdrag extract --timings`): milliseconds of wall time; a
 * document matched in chunks on several threads sums its chunks' scans,
 * and its confirm time is the matching stage's wall time less that. */
typedef enum ut_stage {
    UT_STAGE_DECODE,
    UT_STAGE_NORMALIZE,
    UT_STAGE_SCAN,    /* the shared anchor pass (Vectorscan) */
    UT_STAGE_CONFIRM, /* the rules' PCRE2 tries and their normalizers */
    UT_STAGE_RESOLVE,
    UT_STAGE_DOCUMENT, /* links, facts, offsets mapped back */
    UT_STAGE_COUNT
} ut_stage;
/* "decode", "normalize", ... (static); NULL past the last. */
UT_API const char *ut_stage_name(ut_stage s);
UT_API double ut_doc_stage_ms(const ut_doc *d, ut_stage s);
/* The 1-based page holding byte `offset` of ut_doc_bytes; 0 for text input. */
UT_API size_t ut_doc_page_at(const ut_doc *d, size_t offset);

/* ---- output ----------------------------------------------------------- */

/* The output formats are a table (src/write/formats.c), like the field
 * types: each entry says what the format needs, and one function opens a
 * writer for any of them by name. */
enum {
    UT_FORMAT_NEEDS_PATH = 1 << 0, /* written by file name, not onto a stream (xlsx, sqlite) */
    UT_FORMAT_IN_PLACE = 1 << 1,   /* updates the file at the path in a transaction: no temp file (sqlite) */
    UT_FORMAT_STREAMING = 1 << 2,  /* each document's records are whole when written: a pipe may flush (jsonl, csv) */
    UT_FORMAT_EXCEL = 1 << 3,      /* takes UT_WRITE_EXCEL (csv) */
};
typedef struct ut_format_info {
    const char *name;    /* "jsonl" */
    const char *alias;   /* another name it answers to ("ndjson"), or NULL */
    const char *summary; /* one line for a usage text */
    const char *why_path; /* UT_FORMAT_NEEDS_PATH: why it cannot go to standard output */
    unsigned caps;        /* UT_FORMAT_* */
} ut_format_info;

/* The formats in table order (static storage): i < ut_format_count(). */
UT_API size_t ut_format_count(void);
UT_API const ut_format_info *ut_format_at(size_t i);
/* The format called `name` (or its alias); NULL if there is none. */
UT_API const ut_format_info *ut_format_find(const char *name);

enum {
    UT_WRITE_EXCEL = 1 << 0 /* CSV: UTF-8 BOM, ';' separator, CRLF */
};

typedef struct ut_writer ut_writer;

/* NEW writer of the format called `format`, the one way to open one:
 *   - onto `out` (BORROWED: the caller closes it), with `path` NULL, for a
 *     format without UT_FORMAT_NEEDS_PATH; nothing is written until the
 *     first document (CSV writes its header then);
 *   - or at `path` (copied), with `out` NULL: a stream format opens the
 *     file here and closes it in ut_writer_finish; xlsx is written whole,
 *     by libxlsxwriter, when ut_writer_finish closes the workbook (the file
 *     is created or truncated then); sqlite opens the database (created if
 *     missing) and writes everything in one transaction, committed by
 *     ut_writer_finish and rolled back if a write failed; a document whose
 *     SHA-256 is already there has its fields and persons replaced
 *     (schema: README, "SQLite").
 * `err` (may be NULL) is BORROWED and must outlive the writer: it is filled
 * when this returns NULL, and again when a later ut_writer_doc or
 * ut_writer_finish fails.  NULL with errno set too (EINVAL: an unknown
 * format, a stream for a format that needs a path, a flag the format does
 * not take). */
UT_API ut_writer *ut_writer_create(const char *format, FILE *out, const char *path, unsigned flags, ut_error *err);
/* Write one document's fields.  0, or -1 on a write error (errno set). */
UT_API int ut_writer_doc(ut_writer *wr, const ut_doc *d);
/* Finish the output (JSON closes its array; everything is flushed).
 * 0 or -1 on a write error.  Frees the writer in both cases. */
UT_API int ut_writer_finish(ut_writer *wr);

/* The fixed CSV header, as a NULL-terminated list of column names. */
UT_API const char *const *ut_csv_columns(void);

/* ---- evaluation ------------------------------------------------------- */

/* Fold a value the way the answer keys are compared (NFKD, marks and
 * format characters dropped, lower case, white space collapsed).
 * NEW string (free()), NULL on invalid UTF-8 or out of memory. */
UT_API char *ut_fold(const char *s);

/* Scoring against answer keys in the format of shared/corpus/gold (one
 * `NAME.jsonl` per document, matched on the document's base name less its
 * extension).  Same rules as tools/score.py.  NEW, or NULL with err. */
typedef struct ut_eval ut_eval;
UT_API ut_eval *ut_eval_new(const char *gold_dir, ut_error *err);
/* Record a document's fields as predictions. 0, or -1 on out of memory. */
UT_API int ut_eval_add(ut_eval *ev, const ut_doc *d);
/* Record one prediction by hand (doc name, type, value, party, role may be NULL). */
UT_API int ut_eval_add_value(ut_eval *ev, const char *doc, const char *type, const char *value,
                      const char *party, const char *role);
/* Print the table (and with `verbose` every miss) to `out`; returns the
 * overall F1 (micro average), or -1 on an error. */
UT_API double ut_eval_report(ut_eval *ev, FILE *out, int verbose);
/* F1 of one type after ut_eval_report; -1 if the keys hold none of it. */
UT_API double ut_eval_f1(const ut_eval *ev, const char *type);
UT_API void ut_eval_free(ut_eval *ev);

#ifdef __cplusplus
}
#endif
#endif
