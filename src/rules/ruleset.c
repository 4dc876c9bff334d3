/* ruleset.c — rule-file parser, define/lexicon expansion, PCRE2 compile.
 * See ruleset.h for the file format. */
#include "rules/ruleset.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"

typedef struct define {
    char *name, *regex, *file;
    int line;
    char *expanded; /* its expansion, made at its first use (defines cannot change once read) */
} define;

/* A lexicon's alternation, made once for all the rules that use it. */
typedef struct lexicon_regex {
    const ut_lexicon *lx;
    size_t min_chars;
    char *regex;
} lexicon_regex;

typedef struct loader {
    ut_ruleset *rs;
    define *defs;
    size_t ndefs, capdefs;
    lexicon_regex *lexre;
    size_t nlexre;
    size_t caprules;
    ut_error *err;
} loader;

static void loader_free(loader *L) {
    for (size_t i = 0; i < L->ndefs; i++) {
        free(L->defs[i].name); free(L->defs[i].regex); free(L->defs[i].file); free(L->defs[i].expanded);
    }
    free(L->defs);
    for (size_t i = 0; i < L->nlexre; i++) free(L->lexre[i].regex);
    free(L->lexre);
}

/* The alternation of lexicon lx (ut_lexicon_regex), NEW; each lexicon's
 * is built once: the rules refer to the big ones dozens of times. */
static char *lexicon_regex_of(loader *L, const ut_lexicon *lx, size_t min_chars) {
    for (size_t i = 0; i < L->nlexre; i++)
        if (L->lexre[i].lx == lx && L->lexre[i].min_chars == min_chars) return ut_strdup(L->lexre[i].regex);
    char *rx = ut_lexicon_regex(lx, L->rs->confusions, min_chars);
    lexicon_regex *v = rx ? realloc(L->lexre, (L->nlexre + 1) * sizeof *v) : NULL;
    if (!v) {
        free(rx);
        return NULL;
    }
    L->lexre = v;
    L->lexre[L->nlexre++] = (lexicon_regex){lx, min_chars, rx};
    return ut_strdup(rx);
}

/* rs->lex is sorted by name at load (cmp_lexicon): listings come in
 * order.  A normalizer's look-up by name, once or more per match, goes
 * through the hash table rs->lex_slots (index_lexicons): one hash of the
 * name and one comparison instead of a binary search's six. */
static int cmp_lexicon(const void *a, const void *b) {
    return strcmp(ut_lexicon_name(*(ut_lexicon *const *)a), ut_lexicon_name(*(ut_lexicon *const *)b));
}

static int index_lexicons(ut_ruleset *rs) {
    rs->nlex_slots = 16;
    while (rs->nlex_slots < 2 * rs->nlex + 1) rs->nlex_slots *= 2;
    if (!(rs->lex_slots = calloc(rs->nlex_slots, sizeof *rs->lex_slots))) return -1;
    for (size_t i = 0; i < rs->nlex; i++) {
        size_t h = ut_str_hash(ut_lexicon_name(rs->lex[i])) & (rs->nlex_slots - 1);
        while (rs->lex_slots[h]) h = (h + 1) & (rs->nlex_slots - 1);
        rs->lex_slots[h] = i + 1;
    }
    return 0;
}

const ut_lexicon *ut_ruleset_lexicon(const ut_ruleset *rs, const char *name) {
    if (!rs->lex_slots) return NULL;
    for (size_t h = ut_str_hash(name) & (rs->nlex_slots - 1); rs->lex_slots[h]; h = (h + 1) & (rs->nlex_slots - 1)) {
        const ut_lexicon *lx = rs->lex[rs->lex_slots[h] - 1];
        if (!strcmp(ut_lexicon_name(lx), name)) return lx;
    }
    return NULL;
}

static int group_index(ut_ruleset *rs, const char *name) {
    for (int i = 0; i < rs->ngroups; i++)
        if (!strcmp(rs->groups[i], name)) return i;
    if (rs->ngroups == 16 || strlen(name) >= sizeof rs->groups[0]) return -1;
    snprintf(rs->groups[rs->ngroups], sizeof rs->groups[0], "%s", name);
    return rs->ngroups++;
}

/* Sorted list of `dir` entries ending in `suffix`; NEW array of NEW strings. */
static char **list_dir(const char *dir, const char *suffix, size_t *n) {
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) return NULL;
    size_t cap = 16;
    char **v = malloc(cap * sizeof *v);
    struct dirent *e;
    while (v && (e = readdir(d))) {
        size_t l = strlen(e->d_name), sl = strlen(suffix);
        if (l <= sl || strcmp(e->d_name + l - sl, suffix) || e->d_name[0] == '.') continue;
        if (*n + 1 == cap) {
            char **nv = realloc(v, (cap *= 2) * sizeof *v);
            if (!nv) break;
            v = nv;
        }
        v[(*n)++] = ut_strdup(e->d_name);
    }
    closedir(d);
    if (!v) return NULL;
    for (size_t i = 1; i < *n; i++) /* insertion sort: few files */
        for (size_t j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
            char *t = v[j]; v[j] = v[j - 1]; v[j - 1] = t;
        }
    v[*n] = NULL;
    return v;
}

static void free_list(char **v) {
    if (!v) return;
    for (char **p = v; *p; p++) free(*p);
    free(v);
}

static char *path_join(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    char *p = malloc(la + lb + 2);
    if (!p) return NULL;
    memcpy(p, a, la);
    p[la] = '/';
    memcpy(p + la + 1, b, lb + 1);
    return p;
}

static bool is_ident(const char *s) {
    if (!isalpha((unsigned char)*s) && *s != '_') return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.') return false;
    return true;
}

static int parse_example(ut_rule *r, char *s, int line, const char *file, ut_error *err) {
    char *arrow = NULL;
    for (char *p = strstr(s, "=>"); p; p = strstr(p + 2, "=>")) arrow = p;
    if (!arrow) {
        ut_seterr(err, file, line, "example needs 'TEXT => VALUE' (or '=> none')");
        return -1;
    }
    *arrow = 0;
    char *text = ut_trim(s), *vals = ut_trim(arrow + 2);
    if (!*text || !*vals) {
        ut_seterr(err, file, line, "example has an empty text or value");
        return -1;
    }
    ut_example *ex = realloc(r->examples, (r->nexamples + 1) * sizeof *ex);
    if (!ex) goto oom;
    r->examples = ex;
    ex = &r->examples[r->nexamples];
    memset(ex, 0, sizeof *ex);
    ex->line = line;
    /* "\n" in an example stands for a line break */
    ex->text = malloc(strlen(text) + 1);
    if (!ex->text) goto oom;
    size_t o = 0;
    for (const char *p = text; *p; p++) {
        if (p[0] == '\\' && p[1] == 'n') { ex->text[o++] = '\n'; p++; }
        else ex->text[o++] = *p;
    }
    ex->text[o] = 0;
    size_t cap = 4;
    ex->values = calloc(cap, sizeof *ex->values);
    if (!ex->values) { free(ex->text); goto oom; }
    r->nexamples++;
    if (!strcmp(vals, "none")) return 0;
    char *save = NULL;
    for (char *v = strtok_r(vals, "|", &save); v; v = strtok_r(NULL, "|", &save)) {
        v = ut_trim(v);
        if (!*v) continue;
        if (ex->nvalues + 2 > cap) {
            char **nv = realloc(ex->values, (cap *= 2) * sizeof *nv);
            if (!nv) goto oom;
            ex->values = nv;
        }
        if (!(ex->values[ex->nvalues] = ut_strdup(v))) goto oom;
        ex->values[++ex->nvalues] = NULL;
    }
    return 0;
oom:
    ut_seterr(err, file, line, "out of memory");
    return -1;
}

static ut_rule *new_rule(loader *L, const char *id, const char *file, int line) {
    ut_ruleset *rs = L->rs;
    for (size_t i = 0; i < rs->nrules; i++)
        if (!strcmp(rs->rules[i].id, id)) {
            ut_seterr(L->err, file, line, "rule '%s' already defined at %s:%d", id, rs->rules[i].file,
                      rs->rules[i].line);
            return NULL;
        }
    if (rs->nrules == L->caprules) {
        size_t cap = L->caprules ? L->caprules * 2 : 32;
        ut_rule *nr = realloc(rs->rules, cap * sizeof *nr);
        if (!nr) { ut_seterr(L->err, file, line, "out of memory"); return NULL; }
        rs->rules = nr;
        L->caprules = cap;
    }
    ut_rule *r = &rs->rules[rs->nrules++];
    memset(r, 0, sizeof *r);
    r->id = ut_strdup(id);
    r->file = ut_strdup(file);
    r->line = line;
    r->priority = 50;
    r->enabled = true;
    r->ocr = true;
    if (!r->id || !r->file) { ut_seterr(L->err, file, line, "out of memory"); return NULL; }
    return r;
}

static int check_rule_complete(const ut_rule *r, ut_error *err) {
    if (!r) return 0;
    if (!r->type) { ut_seterr(err, r->file, r->line, "rule '%s' has no 'type'", r->id); return -1; }
    if (!r->pattern) { ut_seterr(err, r->file, r->line, "rule '%s' has no 'pattern'", r->id); return -1; }
    for (size_t k = 0; k < r->nanchors; k++)
        if (!r->anchors[k].window_line) {
            ut_seterr(err, r->file, r->anchors[k].line,
                      "rule '%s': anchor '%s' has no 'window -BEFORE +AFTER' (or 'start anchor') after it", r->id,
                      r->anchors[k].pattern);
            return -1;
        }
    return 0;
}

/* `anchor REGEX`, or a token: `anchor @number` and the others of tokens[]. */
static int parse_anchor(ut_rule *r, const char *rest, int line, const char *file, ut_error *err) {
    static const char *const tokens[UT_TOKEN_KINDS] = {"@number", "@capital", "@capitals", "@initial", "@name"};
    ut_anchor a = {.kind = UT_ANCHOR_REGEX, .line = line};
    if (rest[0] == '@') {
        for (int k = 0; k < UT_TOKEN_KINDS && a.kind == UT_ANCHOR_REGEX; k++)
            if (!strcmp(rest, tokens[k])) a.kind = (ut_anchor_kind)(UT_ANCHOR_NUMBER + k);
        if (a.kind == UT_ANCHOR_REGEX) {
            ut_seterr(err, file, line, "unknown token anchor '%s' (known: @number, @capital, @capitals, @initial, @name)",
                      rest);
            return -1;
        }
    }
    ut_anchor *v = realloc(r->anchors, (r->nanchors + 1) * sizeof *v);
    if (!v) { ut_seterr(err, file, line, "out of memory"); return -1; }
    r->anchors = v;
    if (!(a.pattern = ut_strdup(rest))) { ut_seterr(err, file, line, "out of memory"); return -1; }
    r->anchors[r->nanchors++] = a;
    return 0;
}

/* A `window` or `start anchor` line declares every anchor above it that
 * has no declaration yet; a line with none to declare is an error. */
static int declare_anchors(ut_rule *r, unsigned before, unsigned after, bool start, int line, const char *file,
                           ut_error *err) {
    size_t n = 0;
    for (size_t k = 0; k < r->nanchors; k++) {
        ut_anchor *a = &r->anchors[k];
        if (a->window_line) continue;
        a->before = before;
        a->after = after;
        a->start = start;
        a->window_line = line;
        n++;
    }
    if (!n) {
        ut_seterr(err, file, line, "rule '%s': '%s' with no new 'anchor' above it", r->id,
                  start ? "start anchor" : "window");
        return -1;
    }
    return 0;
}

/* `window -BEFORE +AFTER`, in bytes of the normalized text. */
static int parse_window(ut_rule *r, const char *rest, int line, const char *file, ut_error *err) {
    char *end;
    const char *p = rest;
    long before = -1, after = -1;
    if (*p == '-') before = strtol(p + 1, &end, 10), p = end;
    while (*p == ' ' || *p == '\t') p++;
    if (*p == '+') after = strtol(p + 1, &end, 10), p = end;
    if (before < 0 || after < 0 || *p || before > 100000 || after > 100000) {
        ut_seterr(err, file, line, "write 'window -BEFORE +AFTER' (bytes, e.g. 'window -40 +60')");
        return -1;
    }
    return declare_anchors(r, (unsigned)before, (unsigned)after, false, line, file, err);
}

static int parse_file(loader *L, const char *path) {
    size_t len;
    char *buf = ut_read_file(path, &len, L->err);
    if (!buf) return -1;
    if (!ut_utf8_valid(buf, len)) {
        ut_seterr(L->err, path, 0, "rule file is not valid UTF-8");
        free(buf);
        return -1;
    }
    int lineno = 0, rc = -1;
    ut_rule *cur = NULL;
    char *save = NULL;
    for (char *raw = ut_next_line(buf, &save); raw; raw = ut_next_line(NULL, &save)) {
        lineno++;
        char *s = ut_trim(raw);
        if (!*s || *s == '#') continue;
        char *sp = s;
        while (*sp && *sp != ' ' && *sp != '\t') sp++;
        char *rest = *sp ? ut_trim(sp + 1) : sp;
        *sp = 0;
        const char *key = s;
        if (!strcmp(key, "rule")) {
            if (check_rule_complete(cur, L->err)) goto out;
            if (!is_ident(rest)) {
                ut_seterr(L->err, path, lineno, "rule id '%s' must be letters, digits, '_' or '.'", rest);
                goto out;
            }
            if (!(cur = new_rule(L, rest, path, lineno))) goto out;
            continue;
        }
        if (!strcmp(key, "define")) {
            if (check_rule_complete(cur, L->err)) goto out;
            cur = NULL;
            char *eq = strstr(rest, " = ");
            if (!eq) { ut_seterr(L->err, path, lineno, "write 'define NAME = REGEX'"); goto out; }
            *eq = 0;
            char *name = ut_trim(rest), *rx = ut_trim(eq + 3);
            if (!is_ident(name) || !*rx) { ut_seterr(L->err, path, lineno, "bad define '%s'", name); goto out; }
            for (size_t i = 0; i < L->ndefs; i++)
                if (!strcmp(L->defs[i].name, name)) {
                    ut_seterr(L->err, path, lineno, "'%s' already defined at %s:%d", name, L->defs[i].file, L->defs[i].line);
                    goto out;
                }
            if (L->ndefs == L->capdefs) {
                size_t cap = L->capdefs ? L->capdefs * 2 : 16;
                define *nd = realloc(L->defs, cap * sizeof *nd);
                if (!nd) goto oom;
                L->defs = nd;
                L->capdefs = cap;
            }
            define *d = &L->defs[L->ndefs++];
            d->name = ut_strdup(name);
            d->regex = ut_strdup(rx);
            d->file = ut_strdup(path);
            d->line = lineno;
            d->expanded = NULL;
            if (!d->name || !d->regex || !d->file) goto oom;
            continue;
        }
        if (!cur) {
            ut_seterr(L->err, path, lineno, "'%s' outside a rule (start one with 'rule ID')", key);
            goto out;
        }
        if (!*rest) { ut_seterr(L->err, path, lineno, "'%s' needs a value", key); goto out; }
        if (!strcmp(key, "type")) {
            free(cur->type);
            if (!(cur->type = ut_strdup(rest))) goto oom;
        } else if (!strcmp(key, "priority")) {
            char *end;
            long p = strtol(rest, &end, 10);
            if (*end || p < 0 || p > 1000) { ut_seterr(L->err, path, lineno, "priority must be a number 0..1000"); goto out; }
            cur->priority = (int)p;
        } else if (!strcmp(key, "normalize")) {
            char *a = rest;
            while (*a && *a != ' ' && *a != '\t') a++;
            char *args = *a ? ut_trim(a + 1) : a;
            *a = 0;
            free(cur->normalizer_name);
            free(cur->args);
            cur->normalizer_name = ut_strdup(rest);
            cur->args = ut_strdup(args);
            if (!cur->normalizer_name || !cur->args) goto oom;
        } else if (!strcmp(key, "pattern")) {
            if (!(cur->pattern = ut_str_append(cur->pattern, rest))) goto oom;
        } else if (!strcmp(key, "example")) {
            if (parse_example(cur, rest, lineno, path, L->err)) goto out;
        } else if (!strcmp(key, "anchor")) {
            if (parse_anchor(cur, rest, lineno, path, L->err)) goto out;
        } else if (!strcmp(key, "window")) {
            if (parse_window(cur, rest, lineno, path, L->err)) goto out;
        } else if (!strcmp(key, "start")) {
            if (strcmp(rest, "anchor")) {
                ut_seterr(L->err, path, lineno, "start takes 'anchor' (every match starts where an anchor hit starts)");
                goto out;
            }
            if (declare_anchors(cur, 0, 0, true, lineno, path, L->err)) goto out;
        } else if (!strcmp(key, "ocr")) {
            if (strcmp(rest, "on") && strcmp(rest, "off")) {
                ut_seterr(L->err, path, lineno, "ocr takes 'on' or 'off'");
                goto out;
            }
            cur->ocr = !strcmp(rest, "on");
        } else if (!strcmp(key, "group")) {
            int g = group_index(L->rs, rest);
            if (g < 0) { ut_seterr(L->err, path, lineno, "too many overlap groups"); goto out; }
            cur->group = g + 1; /* +1: set explicitly; fixed up after parsing */
        } else {
            ut_seterr(L->err, path, lineno,
                      "unknown key '%s' (known: type, priority, normalize, pattern, anchor, window, start, example, group, ocr)", key);
            goto out;
        }
    }
    if (check_rule_complete(cur, L->err)) goto out;
    rc = 0;
    goto out;
oom:
    ut_seterr(L->err, path, lineno, "out of memory");
out:
    free(buf);
    return rc;
}

/* r->group_slots from the name table of r->code (pcre2_pattern.3). */
static int index_group_names(ut_rule *r) {
    uint32_t count = 0, entry = 0;
    PCRE2_SPTR table = NULL;
    pcre2_pattern_info(r->code, PCRE2_INFO_NAMECOUNT, &count);
    pcre2_pattern_info(r->code, PCRE2_INFO_NAMEENTRYSIZE, &entry);
    pcre2_pattern_info(r->code, PCRE2_INFO_NAMETABLE, &table);
    r->ngroup_slots = 8;
    while (r->ngroup_slots < 2 * (size_t)count + 1) r->ngroup_slots *= 2;
    if (!(r->group_slots = calloc(r->ngroup_slots, sizeof *r->group_slots))) return -1;
    for (uint32_t i = 0; i < count; i++) {
        PCRE2_SPTR e = table + (size_t)i * entry; /* two bytes of number, then the name */
        const char *name = (const char *)e + 2;
        size_t h = ut_str_hash(name) & (r->ngroup_slots - 1);
        while (r->group_slots[h].name && strcmp(r->group_slots[h].name, name)) h = (h + 1) & (r->ngroup_slots - 1);
        if (r->group_slots[h].name) r->group_slots[h].number = -1;
        else r->group_slots[h] = (struct ut_group_slot){name, (e[0] << 8) | e[1]};
    }
    return 0;
}

int ut_rule_group(const ut_rule *r, const char *name) {
    if (!r->group_slots) return -1;
    for (size_t h = ut_str_hash(name) & (r->ngroup_slots - 1); r->group_slots[h].name; h = (h + 1) & (r->ngroup_slots - 1))
        if (!strcmp(r->group_slots[h].name, name)) return r->group_slots[h].number;
    return -1;
}

/* Expand {NAME} references (defines, then lexicons) into a NEW string. */
static char *expand(loader *L, const char *pat, const ut_rule *r, int depth) {
    if (depth > 16) {
        ut_seterr(L->err, r->file, r->line, "rule '%s': defines nest too deep (a define refers to itself?)", r->id);
        return NULL;
    }
    char *out = ut_strdup("");
    const char *p = pat;
    while (out && *p) {
        const char *open = strchr(p, '{');
        if (!open) { out = ut_str_append(out, p); break; }
        const char *close = strchr(open, '}');
        size_t nl = close ? (size_t)(close - open - 1) : 0;
        char name[128];
        /* not a reference: an escaped brace, or the braces of \p{L}, \x{e4}, \g{1}... */
        bool escaped = open > pat && open[-1] == '\\';
        bool escape_arg = open - pat >= 2 && open[-2] == '\\' && strchr("pPxoNgk", open[-1]);
        bool ref = close && nl > 0 && nl < sizeof name && !escaped && !escape_arg;
        size_t min_chars = 0; /* {lexicon:N}: its words of N characters or more */
        if (ref) {
            memcpy(name, open + 1, nl);
            name[nl] = 0;
            char *colon = strchr(name, ':');
            if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1) && strlen(colon + 1) < 4) {
                min_chars = (size_t)atoi(colon + 1);
                *colon = 0;
            }
            ref = is_ident(name);
        }
        char *chunk = ut_strndup(p, (size_t)(open - p) + (ref ? 0 : 1));
        if (!chunk) { free(out); return NULL; }
        out = ut_str_append(out, chunk);
        free(chunk);
        if (!out) return NULL;
        if (!ref) { p = open + 1; continue; }
        char *sub = NULL;
        for (size_t i = 0; i < L->ndefs && !min_chars; i++)
            if (!strcmp(L->defs[i].name, name)) {
                define *d = &L->defs[i];
                if (!d->expanded) d->expanded = expand(L, d->regex, r, depth + 1);
                sub = d->expanded ? ut_strdup(d->expanded) : NULL;
                if (!sub) { free(out); return NULL; }
                break;
            }
        if (!sub) {
            const ut_lexicon *lx = ut_ruleset_lexicon(L->rs, name);
            if (!lx) {
                ut_seterr(L->err, r->file, r->line, "rule '%s': {%s} is neither a define nor a lexicon (rules/lexicons/%s.lex)", r->id, name, name);
                free(out);
                return NULL;
            }
            sub = lexicon_regex_of(L, lx, min_chars);
            if (!sub) { free(out); return NULL; }
            if (!*sub) {
                ut_seterr(L->err, r->file, r->line, "rule '%s': {%s:%zu}: no word of lexicons/%s.lex is that long",
                          r->id, name, min_chars, name);
                free(sub);
                free(out);
                return NULL;
            }
        }
        char *wrapped = malloc(strlen(sub) + 5);
        if (!wrapped) { free(sub); free(out); return NULL; }
        sprintf(wrapped, "(?:%s)", sub);
        free(sub);
        out = ut_str_append(out, wrapped);
        free(wrapped);
        p = close + 1;
    }
    return out;
}

static const ut_normalizer *find_normalizer(const ut_normalizer *list, const char *name) {
    for (; list && list->name; list++)
        if (!strcmp(list->name, name)) return list;
    return NULL;
}

/* PCRE2_USE_OFFSET_LIMIT lets a window search stop at the window's last
 * start (pcre2_set_offset_limit); without a limit set, matching is as
 * without the option. */
#define RULE_COMPILE_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_USE_OFFSET_LIMIT)

/* The rule's pattern with every \G replaced by (?!), compiled into
 * r->code_nog (left NULL when the pattern has no \G).  \G holds only at
 * the position a search starts from; the scan engine starts searches at
 * window starts, where the full scan had \G false. */
static size_t count_escape(const char *x, char c) {
    size_t found = 0;
    for (size_t i = 0; x[i] && x[i + 1]; i++)
        if (x[i] == '\\') {
            if (x[i + 1] == c) found++;
            i++; /* the escaped character */
        }
    return found;
}

static bool has_escape(const char *x, char c) { return count_escape(x, c) > 0; }

static bool has_jit(const pcre2_code *re) {
    size_t size = 0;
    return pcre2_pattern_info(re, PCRE2_INFO_JITSIZE, &size) == 0 && size > 0;
}

static int compile_nog(loader *L, ut_rule *r, const char *no_jit) {
    const char *x = r->expanded;
    size_t n = strlen(x), found = count_escape(x, 'G');
    if (!found) return 0;
    char *v = malloc(n + 3 * found + 1), *o = v;
    if (!v) { ut_seterr(L->err, r->file, r->line, "out of memory"); return -1; }
    for (size_t i = 0; i < n; i++) {
        if (x[i] == '\\' && i + 1 < n) {
            if (x[i + 1] == 'G') { memcpy(o, "(?!)", 4); o += 4; }
            else { *o++ = x[i]; *o++ = x[i + 1]; }
            i++;
        } else *o++ = x[i];
    }
    *o = 0;
    int ec;
    PCRE2_SIZE eo;
    r->code_nog = pcre2_compile((PCRE2_SPTR)v, PCRE2_ZERO_TERMINATED, RULE_COMPILE_OPTIONS, &ec, &eo, NULL);
    r->code_nog_at = pcre2_compile((PCRE2_SPTR)v, PCRE2_ZERO_TERMINATED, RULE_COMPILE_OPTIONS | PCRE2_ANCHORED, &ec,
                                   &eo, NULL);
    free(v);
    if (!r->code_nog || !r->code_nog_at) {
        ut_seterr(L->err, r->file, r->line, "rule '%s': the pattern without \\G does not compile", r->id);
        return -1;
    }
    if (!no_jit || strcmp(no_jit, "1")) {
        pcre2_jit_compile(r->code_nog, PCRE2_JIT_COMPLETE);
        pcre2_jit_compile(r->code_nog_at, PCRE2_JIT_COMPLETE);
    }
    return 0;
}

static int compile_rule(loader *L, ut_rule *r) {
    ut_ruleset *rs = L->rs;
    if (!strcmp(r->type, "skip")) {
        r->ex = NULL;
        if (!r->group) r->group = group_index(rs, "number") + 1;
    } else {
        r->ex = L->rs->plugins.find_type(r->type);
        if (!r->ex) {
            ut_seterr(L->err, r->file, r->line, "rule '%s': unknown type '%s'", r->id, r->type);
            return -1;
        }
        if (!r->group) r->group = group_index(rs, r->ex->group) + 1;
    }
    r->group -= 1;
    if (r->group < 0) { ut_seterr(L->err, r->file, r->line, "too many overlap groups"); return -1; }
    if (!r->normalizer_name) {
        r->normalizer_name = ut_strdup(r->ex ? "text" : "none");
        r->args = ut_strdup("");
        if (!r->normalizer_name || !r->args) return -1;
    }
    r->norm = find_normalizer(r->ex ? r->ex->normalizers : NULL, r->normalizer_name);
    if (!r->norm) r->norm = find_normalizer(L->rs->plugins.common, r->normalizer_name);
    if (!r->norm) {
        ut_seterr(L->err, r->file, r->line, "rule '%s': no normalizer '%s' for type '%s'", r->id,
                  r->normalizer_name, r->type);
        return -1;
    }
    if (!(r->expanded = expand(L, r->pattern, r, 0))) {
        if (!L->err->text[0]) ut_seterr(L->err, r->file, r->line, "out of memory");
        return -1;
    }
    if (rs->confusions && r->ocr) {
        /* literal å/ä/ö/é also as OCR without a Swedish model prints them */
        char *tolerant = ut_confusions_pattern(rs->confusions, r->expanded);
        if (!tolerant) return -1;
        free(r->expanded);
        r->expanded = tolerant;
    }
    int ec;
    PCRE2_SIZE eo;
    r->code = pcre2_compile((PCRE2_SPTR)r->expanded, PCRE2_ZERO_TERMINATED, RULE_COMPILE_OPTIONS, &ec, &eo, NULL);
    if (!r->code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        ut_seterr(L->err, r->file, r->line, "rule '%s': bad pattern: %s (at offset %zu of the expanded pattern)",
                  r->id, (char *)msg, (size_t)eo);
        return -1;
    }
    /* The interpreter is the fallback when JIT fails.  UTDRAG_NO_JIT=1 asks
     * for it outright: memcheck cannot follow JIT-generated code and
     * reports false "uninitialised value" errors in it (make valgrind). */
    const char *no_jit = getenv("UTDRAG_NO_JIT");
    if (!no_jit || strcmp(no_jit, "1")) pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE);
    if (r->nanchors) {
        r->code_at = pcre2_compile((PCRE2_SPTR)r->expanded, PCRE2_ZERO_TERMINATED, RULE_COMPILE_OPTIONS | PCRE2_ANCHORED,
                                   &ec, &eo, NULL);
        if (!r->code_at) {
            ut_seterr(L->err, r->file, r->line, "rule '%s': the anchored pattern does not compile", r->id);
            return -1;
        }
        if (!no_jit || strcmp(no_jit, "1")) pcre2_jit_compile(r->code_at, PCRE2_JIT_COMPLETE);
    }
    if (compile_nog(L, r, no_jit)) return -1;
    if (r->nanchors) {
        r->at_one_jit = has_jit(r->code_nog ? r->code_nog_at : r->code_at);
        r->search_jit = has_jit(r->code_nog ? r->code_nog : r->code);
    }
    if (r->nanchors && has_escape(r->expanded, 'K')) {
        /* \K moves the reported start after the attempt's start, and a
         * window search must begin at the attempt: not provable */
        ut_seterr(L->err, r->file, r->line, "rule '%s': a rule with anchors cannot use \\K (write a lookbehind)", r->id);
        return -1;
    }
    for (size_t i = 0; i < r->nanchors; i++) {
        ut_anchor *a = &r->anchors[i];
        if (a->kind != UT_ANCHOR_REGEX) continue;
        if (!(a->expanded = expand(L, a->pattern, r, 0))) {
            if (!L->err->text[0]) ut_seterr(L->err, r->file, a->line, "out of memory");
            else L->err->line = a->line;
            return -1;
        }
        if (rs->confusions && r->ocr) {
            char *tolerant = ut_confusions_pattern(rs->confusions, a->expanded);
            if (!tolerant) return -1;
            free(a->expanded);
            a->expanded = tolerant;
        }
    }
    ut_prefilter_init(&r->pre, r->code);
    if (index_group_names(r)) return -1;
    uint32_t caps = 0;
    pcre2_pattern_info(r->code, PCRE2_INFO_CAPTURECOUNT, &caps);
    if (caps + 1 > rs->max_pairs) rs->max_pairs = caps + 1;
    return 0;
}

ut_ruleset *ut_rules_parse(const char *dir, const ut_rule_plugins *plugins, ut_error *err) {
    ut_error dummy;
    if (!err) err = &dummy;
    memset(err, 0, sizeof *err);
    ut_ruleset *rs = calloc(1, sizeof *rs);
    if (!rs) { ut_seterr(err, dir, 0, "out of memory"); return NULL; }
    rs->plugins = *plugins;
    loader L = {.rs = rs, .err = err};
    size_t n;
    char *lexdir = path_join(dir, "lexicons");
    char **lexfiles = lexdir ? list_dir(lexdir, ".lex", &n) : NULL;
    for (size_t i = 0; lexfiles && i < n; i++) {
        char *path = path_join(lexdir, lexfiles[i]);
        lexfiles[i][strlen(lexfiles[i]) - 4] = 0;
        ut_lexicon *lx = path ? ut_lexicon_load(path, lexfiles[i], err) : NULL;
        free(path);
        if (!lx) goto fail_lex;
        ut_lexicon **nl = realloc(rs->lex, (rs->nlex + 1) * sizeof *nl);
        if (!nl) { ut_lexicon_free(lx); goto fail_lex; }
        rs->lex = nl;
        rs->lex[rs->nlex++] = lx;
    }
    free_list(lexfiles);
    lexfiles = NULL;
    if (rs->nlex) qsort(rs->lex, rs->nlex, sizeof *rs->lex, cmp_lexicon);
    if (index_lexicons(rs)) {
        ut_seterr(err, dir, 0, "out of memory");
        goto fail_lex;
    }
    char *cfpath = path_join(dir, "ocr-confusions.txt");
    if (cfpath && access(cfpath, F_OK) == 0 && !(rs->confusions = ut_confusions_load(cfpath, err))) {
        free(cfpath);
        goto fail;
    }
    free(cfpath);
    for (size_t i = 0; rs->confusions && i < rs->nlex; i++)
        if (ut_lexicon_index_ocr(rs->lex[i], rs->confusions)) {
            ut_seterr(err, dir, 0, "out of memory");
            goto fail;
        }
    char **files = list_dir(dir, ".rules", &n);
    if (!files) {
        ut_seterr(err, dir, 0, "cannot read rule directory");
        goto fail;
    }
    if (n == 0) {
        free_list(files);
        ut_seterr(err, dir, 0, "no *.rules files in the rule directory");
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        char *path = path_join(dir, files[i]);
        int rc = path ? parse_file(&L, path) : -1;
        free(path);
        if (rc) { free_list(files); goto fail; }
    }
    free_list(files);
    for (size_t i = 0; i < rs->nrules; i++)
        if (compile_rule(&L, &rs->rules[i])) goto fail;
    loader_free(&L);
    free(lexdir);
    if (rs->max_pairs == 0) rs->max_pairs = 1;
    return rs;
fail_lex:
    free_list(lexfiles);
fail:
    loader_free(&L);
    free(lexdir);
    ut_rules_free(rs);
    return NULL;
}

void ut_rules_free(ut_ruleset *rs) {
    if (!rs) return;
    for (size_t i = 0; i < rs->nrules; i++) {
        ut_rule *r = &rs->rules[i];
        free(r->id); free(r->type); free(r->file);
        free(r->normalizer_name); free(r->args);
        free(r->pattern); free(r->expanded);
        pcre2_code_free(r->code);
        pcre2_code_free(r->code_nog);
        pcre2_code_free(r->code_at);
        pcre2_code_free(r->code_nog_at);
        free(r->group_slots);
        for (size_t k = 0; k < r->nanchors; k++) {
            free(r->anchors[k].pattern);
            free(r->anchors[k].expanded);
        }
        free(r->anchors);
        for (size_t k = 0; k < r->nexamples; k++) {
            free(r->examples[k].text);
            for (size_t v = 0; v < r->examples[k].nvalues; v++) free(r->examples[k].values[v]);
            free(r->examples[k].values);
        }
        free(r->examples);
    }
    free(rs->rules);
    for (size_t i = 0; i < rs->nlex; i++) ut_lexicon_free(rs->lex[i]);
    ut_confusions_free(rs->confusions);
    free(rs->lex);
    free(rs->lex_slots);
    free(rs);
}

int ut_ruleset_select_types(ut_ruleset *rs, const char *types, ut_error *err) {
    char *copy = ut_strdup(types);
    if (!copy) return -1;
    for (size_t i = 0; i < rs->nrules; i++) rs->rules[i].enabled = !rs->rules[i].ex;
    char *save = NULL;
    int ntypes = 0;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        t = ut_trim(t);
        ntypes++;
        if (!rs->plugins.find_type(t)) {
            ut_seterr(err, "", 0, "unknown field type '%s'", t);
            free(copy);
            return -1;
        }
        for (size_t i = 0; i < rs->nrules; i++)
            if (rs->rules[i].ex && !strcmp(rs->rules[i].type, t)) rs->rules[i].enabled = true;
    }
    free(copy);
    if (!ntypes) {
        /* `-t "$EMPTY"` would otherwise extract nothing, silently */
        ut_seterr(err, "", 0, "no field type given");
        return -1;
    }
    return 0;
}

size_t ut_ruleset_count(const ut_ruleset *rs) { return rs->nrules; }

void ut_ruleset_rule_info(const ut_ruleset *rs, size_t i, ut_rule_info *out) {
    const ut_rule *r = &rs->rules[i];
    /* token: every anchor says where a match starts; anchor: some window is searched */
    bool all_start = true;
    for (size_t k = 0; k < r->nanchors; k++) all_start &= r->anchors[k].start;
    const char *path = !r->nanchors ? "full scan" : all_start ? "token" : "anchor";
    *out = (ut_rule_info){r->id, r->type, r->normalizer_name, r->file, r->line, r->priority, (int)r->nexamples, path};
}

void ut_ruleset_set_engine(ut_ruleset *rs, ut_engine engine) { rs->engine = engine; }
