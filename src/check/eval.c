/*
 * eval.c — precision, recall and F1 against the answer keys.
 *
 * Mirrors shared/tools/score.py exactly, so that `utdrag eval` and the
 * script agree: per document and type, distinct folded predicted values
 * are matched to gold lines through `value` or `alts`; a second value
 * matching an already used line is a false positive; party and role of
 * matched persons are scored as accuracy where the key gives them.
 */
#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "doc/schema.h"
#include "base/util.h"
#include "utdrag.h"

/* The types scored: every type of the registry, in the order of
 * score.py's table (ut_schema_eval_types). */
#define NTYPES UT_MAX_TYPES

typedef struct row {
    int type;
    char **names; /* folded value and alts */
    size_t nnames;
    char *party, *role, *value; /* party/role folded; value as written */
} row;

typedef struct pred {
    int type;
    char *key; /* folded value */
    char *value, *party, *role;
} pred;

typedef struct docrec {
    char *name;
    row *rows;
    size_t nrows;
    pred *preds;
    size_t npreds, cap;
} docrec;

struct ut_eval {
    docrec *docs;
    size_t ndocs;
    const char *types[NTYPES]; /* BORROWED type names */
    int ntypes;
    long tp[NTYPES], fp[NTYPES], fn[NTYPES];
    long attr_ok[2], attr_n[2];
    double f1[NTYPES];
};

static int type_index(const ut_eval *ev, const char *t) {
    for (int i = 0; i < ev->ntypes; i++)
        if (!strcmp(ev->types[i], t)) return i;
    return -1;
}

/* base name less .jsonl/.txt/.pdf/.json: NEW string */
static char *doc_key(const char *path) {
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    static const char *const ext[] = {".jsonl", ".txt", ".pdf", ".json", NULL};
    for (int i = 0; ext[i]; i++) {
        size_t l = strlen(ext[i]);
        if (n > l && !strcmp(b + n - l, ext[i])) { n -= l; break; }
    }
    return ut_strndup(b, n);
}

static char *fold_or_empty(const char *s) { return ut_fold(s ? s : ""); }

static int load_gold_file(const ut_eval *ev, docrec *d, const char *path, ut_error *err) {
    size_t len;
    char *buf = ut_read_file(path, &len, err);
    if (!buf) return -1;
    char *save = NULL;
    int lineno = 0;
    for (char *line = ut_next_line(buf, &save); line; line = ut_next_line(NULL, &save)) {
        lineno++;
        if (!*ut_trim(line)) continue;
        json_error_t je;
        json_t *o = json_loads(line, 0, &je);
        if (!o || !json_is_object(o)) {
            ut_seterr(err, path, lineno, "bad JSON: %s", o ? "not an object" : je.text);
            json_decref(o);
            free(buf);
            return -1;
        }
        const char *type = json_string_value(json_object_get(o, "type"));
        int ti = type ? type_index(ev, type) : -1;
        if (ti < 0) { json_decref(o); continue; }
        row *nr = realloc(d->rows, (d->nrows + 1) * sizeof *nr);
        if (!nr) { json_decref(o); free(buf); return -1; }
        d->rows = nr;
        row *r = &d->rows[d->nrows++];
        memset(r, 0, sizeof *r);
        r->type = ti;
        json_t *alts = json_object_get(o, "alts");
        size_t na = json_is_array(alts) ? json_array_size(alts) : 0;
        r->names = calloc(na + 1, sizeof *r->names);
        const char *v = json_string_value(json_object_get(o, "value"));
        r->value = ut_strdup(v ? v : "");
        if (r->names) {
            r->names[r->nnames++] = fold_or_empty(v);
            for (size_t i = 0; i < na; i++) {
                const char *a = json_string_value(json_array_get(alts, i));
                if (a) r->names[r->nnames++] = fold_or_empty(a);
            }
        }
        const char *party = json_string_value(json_object_get(o, "party"));
        const char *role = json_string_value(json_object_get(o, "role"));
        if (party && *party) r->party = ut_fold(party);
        if (role && *role) r->role = ut_fold(role);
        json_decref(o);
    }
    free(buf);
    return 0;
}

static void free_doc(docrec *d) {
    for (size_t i = 0; i < d->nrows; i++) {
        for (size_t k = 0; k < d->rows[i].nnames; k++) free(d->rows[i].names[k]);
        free(d->rows[i].names);
        free(d->rows[i].party);
        free(d->rows[i].role);
        free(d->rows[i].value);
    }
    free(d->rows);
    for (size_t i = 0; i < d->npreds; i++) {
        free(d->preds[i].key);
        free(d->preds[i].value);
        free(d->preds[i].party);
        free(d->preds[i].role);
    }
    free(d->preds);
    free(d->name);
}

void ut_eval_free(ut_eval *ev) {
    if (!ev) return;
    for (size_t i = 0; i < ev->ndocs; i++) free_doc(&ev->docs[i]);
    free(ev->docs);
    free(ev);
}

ut_eval *ut_eval_new(const char *gold_dir, ut_error *err) {
    DIR *dir = opendir(gold_dir);
    if (!dir) {
        ut_seterr(err, gold_dir, 0, "cannot open answer-key directory");
        return NULL;
    }
    ut_eval *ev = calloc(1, sizeof *ev);
    if (ev) ev->ntypes = (int)ut_schema_eval_types(ev->types, NTYPES);
    struct dirent *e;
    while (ev && (e = readdir(dir))) {
        size_t l = strlen(e->d_name);
        if (l < 7 || strcmp(e->d_name + l - 6, ".jsonl")) continue;
        docrec *nd = realloc(ev->docs, (ev->ndocs + 1) * sizeof *nd);
        if (!nd) break;
        ev->docs = nd;
        docrec *d = &ev->docs[ev->ndocs++];
        memset(d, 0, sizeof *d);
        d->name = doc_key(e->d_name);
        size_t pl = strlen(gold_dir) + l + 2;
        char *path = malloc(pl);
        if (!path || !d->name) { free(path); break; }
        snprintf(path, pl, "%s/%s", gold_dir, e->d_name);
        int rc = load_gold_file(ev, d, path, err);
        free(path);
        if (rc) {
            closedir(dir);
            ut_eval_free(ev);
            return NULL;
        }
    }
    closedir(dir);
    if (ev && ev->ndocs == 0) {
        ut_seterr(err, gold_dir, 0, "no *.jsonl answer keys in the directory");
        ut_eval_free(ev);
        return NULL;
    }
    return ev;
}

int ut_eval_add_value(ut_eval *ev, const char *doc, const char *type, const char *value, const char *party,
                      const char *role) {
    int ti = type_index(ev, type);
    if (ti < 0) return 0;
    char *key = doc_key(doc);
    if (!key) return -1;
    docrec *d = NULL;
    for (size_t i = 0; i < ev->ndocs; i++)
        if (!strcmp(ev->docs[i].name, key)) { d = &ev->docs[i]; break; }
    free(key);
    if (!d) return 0; /* no answer key for this document: not scored */
    if (d->npreds == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        pred *np = realloc(d->preds, cap * sizeof *np);
        if (!np) return -1;
        d->preds = np;
        d->cap = cap;
    }
    pred *p = &d->preds[d->npreds];
    p->type = ti;
    p->key = ut_fold(value);
    p->value = ut_strdup(value);
    p->party = party ? ut_fold(party) : NULL;
    p->role = role ? ut_fold(role) : NULL;
    if (!p->key || !p->value) {
        free(p->key); free(p->value); free(p->party); free(p->role);
        return -1;
    }
    d->npreds++;
    return 0;
}

int ut_eval_add(ut_eval *ev, const ut_doc *doc) {
    for (size_t i = 0; i < ut_doc_nfields(doc); i++) {
        const ut_field *f = ut_doc_field(doc, i);
        const ut_attr *pa = ut_field_attr(f, "party"), *ra = ut_field_attr(f, "role");
        if (ut_eval_add_value(ev, ut_doc_name(doc), f->type, f->value,
                              pa && pa->kind == UT_ATTR_STR ? pa->s : NULL,
                              ra && ra->kind == UT_ATTR_STR ? ra->s : NULL))
            return -1;
    }
    return 0;
}

static int row_has(const row *r, const char *key) {
    for (size_t i = 0; i < r->nnames; i++)
        if (r->names[i] && !strcmp(r->names[i], key)) return 1;
    return 0;
}

double ut_eval_report(ut_eval *ev, FILE *out, int verbose) {
    memset(ev->tp, 0, sizeof ev->tp);
    memset(ev->fp, 0, sizeof ev->fp);
    memset(ev->fn, 0, sizeof ev->fn);
    memset(ev->attr_ok, 0, sizeof ev->attr_ok);
    memset(ev->attr_n, 0, sizeof ev->attr_n);
    /* documents in name order, like score.py's sorted(os.listdir()) */
    for (size_t i = 1; i < ev->ndocs; i++)
        for (size_t j = i; j > 0 && strcmp(ev->docs[j - 1].name, ev->docs[j].name) > 0; j--) {
            docrec t = ev->docs[j]; ev->docs[j] = ev->docs[j - 1]; ev->docs[j - 1] = t;
        }
    for (size_t di = 0; di < ev->ndocs; di++) {
        docrec *d = &ev->docs[di];
        char *used = calloc(d->nrows + 1, 1);
        if (!used) return -1;
        for (int t = 0; t < ev->ntypes; t++) {
            for (size_t pi = 0; pi < d->npreds; pi++) {
                pred *p = &d->preds[pi];
                if (p->type != t) continue;
                int dup = 0; /* distinct values: the first prediction stands */
                for (size_t q = 0; q < pi && !dup; q++)
                    dup = d->preds[q].type == t && !strcmp(d->preds[q].key, p->key);
                if (dup) continue;
                long hit = -1;
                for (size_t r = 0; r < d->nrows; r++)
                    if (d->rows[r].type == t && row_has(&d->rows[r], p->key)) { hit = (long)r; break; }
                if (hit < 0 || used[hit]) {
                    ev->fp[t]++;
                    if (verbose) fprintf(out, "%s  %s  extra  %s\n", d->name, ev->types[t], p->value);
                    continue;
                }
                used[hit] = 1;
                ev->tp[t]++;
                if (t == 2) {
                    const row *r = &d->rows[hit];
                    const char *gold[2] = {r->party, r->role}, *got[2] = {p->party, p->role};
                    for (int a = 0; a < 2; a++) {
                        if (!gold[a]) continue;
                        ev->attr_n[a]++;
                        if (got[a] && !strcmp(got[a], gold[a])) ev->attr_ok[a]++;
                        else if (verbose)
                            fprintf(out, "%s  person.%s  wrong  %s: %s != %s\n", d->name, a ? "role" : "party",
                                    p->value, got[a] ? got[a] : "None", gold[a]);
                    }
                }
            }
            for (size_t r = 0; r < d->nrows; r++)
                if (d->rows[r].type == t && !used[r]) {
                    ev->fn[t]++;
                    if (verbose) fprintf(out, "%s  %s  missed  %s\n", d->name, ev->types[t], d->rows[r].value);
                }
        }
        free(used);
    }
    fprintf(out, "%-8s %5s %5s %5s %5s %6s %6s %6s\n", "type", "gold", "tp", "fp", "fn", "P", "R", "F1");
    long T = 0, FP = 0, FN = 0;
    for (int t = 0; t < ev->ntypes; t++) {
        ev->f1[t] = -1;
        if (ev->tp[t] + ev->fn[t] == 0 && ev->fp[t] == 0) continue;
        double p = ev->tp[t] + ev->fp[t] ? (double)ev->tp[t] / (double)(ev->tp[t] + ev->fp[t]) : 0;
        double r = ev->tp[t] + ev->fn[t] ? (double)ev->tp[t] / (double)(ev->tp[t] + ev->fn[t]) : 0;
        double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
        ev->f1[t] = f;
        fprintf(out, "%-8s %5ld %5ld %5ld %5ld %6.3f %6.3f %6.3f\n", ev->types[t], ev->tp[t] + ev->fn[t], ev->tp[t],
                ev->fp[t], ev->fn[t], p, r, f);
        T += ev->tp[t];
        FP += ev->fp[t];
        FN += ev->fn[t];
    }
    static const char *const attrs[] = {"party", "role"};
    for (int a = 0; a < 2; a++)
        if (ev->attr_n[a])
            fprintf(out, "person.%s accuracy %ld/%ld = %.3f\n", attrs[a], ev->attr_ok[a], ev->attr_n[a],
                    (double)ev->attr_ok[a] / (double)ev->attr_n[a]);
    double p = T + FP ? (double)T / (double)(T + FP) : 0, r = T + FN ? (double)T / (double)(T + FN) : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    fprintf(out, "overall P %.3f R %.3f F1 %.3f\n", p, r, f);
    return f;
}

double ut_eval_f1(const ut_eval *ev, const char *type) {
    int t = type_index(ev, type);
    return t < 0 ? -1 : ev->f1[t];
}
