/* scan_cache.c — the anchor database on disk; see scan_cache.h. */
#include "engine/scan_cache.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* a database bigger than this is not ours (the bundled one is ~0.5 MB) */
#define CACHE_MAX_BYTES (256u << 20)
/* databases kept: one per rule set in use; editing a rule file makes a
 * new one each run, so the oldest beyond this many are removed */
#define CACHE_KEEP 8

static void hash_field(struct sha256_ctx *c, const void *p, size_t n) {
    unsigned char len[8];
    for (int i = 0; i < 8; i++) len[i] = (unsigned char)((unsigned long long)n >> (8 * i));
    sha256_update(c, sizeof len, len); /* length first: fields cannot run into each other */
    sha256_update(c, n, p);
}

void ut_scan_cache_key(const char *const *exprs, const unsigned *flags, const unsigned *ids, unsigned n,
                       unsigned char key[UT_SCAN_CACHE_KEY]) {
    struct sha256_ctx c;
    sha256_init(&c);
    const char *version = hs_version();
    hash_field(&c, version, strlen(version));
    for (unsigned i = 0; i < n; i++) {
        hash_field(&c, exprs[i], strlen(exprs[i]));
        hash_field(&c, &flags[i], sizeof flags[i]);
        hash_field(&c, &ids[i], sizeof ids[i]);
    }
    sha256_digest(&c, UT_SCAN_CACHE_KEY, key);
}

/* The cache directory, NEW, or NULL when the cache is off. */
static char *cache_dir(void) {
    const char *d = getenv("UTDRAG_CACHE_DIR");
    char *out = NULL;
    if (d) {
        if (!*d || !strcmp(d, "off")) return NULL;
        return strdup(d);
    }
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (xdg && *xdg) {
        if (asprintf(&out, "%s/utdrag", xdg) < 0) return NULL;
    } else if (home && *home) {
        if (asprintf(&out, "%s/.cache/utdrag", home) < 0) return NULL;
    }
    return out;
}

/* DIR/anchors-HEX.hs, NEW; *dir receives DIR (NEW). */
static char *cache_path(const unsigned char key[UT_SCAN_CACHE_KEY], char **dir) {
    *dir = cache_dir();
    if (!*dir) return NULL;
    char hex[2 * UT_SCAN_CACHE_KEY + 1];
    for (int i = 0; i < UT_SCAN_CACHE_KEY; i++) snprintf(hex + 2 * i, 3, "%02x", key[i]);
    char *p;
    if (asprintf(&p, "%s/anchors-%s.hs", *dir, hex) < 0) return NULL;
    return p;
}

hs_database_t *ut_scan_cache_load(const unsigned char key[UT_SCAN_CACHE_KEY]) {
    char *dir, *path = cache_path(key, &dir);
    free(dir);
    if (!path) return NULL;
    FILE *f = fopen(path, "rb");
    free(path);
    if (!f) return NULL;
    hs_database_t *db = NULL;
    struct stat st;
    char *bytes = NULL;
    if (fstat(fileno(f), &st) == 0 && st.st_size > 0 && (unsigned long long)st.st_size <= CACHE_MAX_BYTES &&
        (bytes = malloc((size_t)st.st_size)) && fread(bytes, 1, (size_t)st.st_size, f) == (size_t)st.st_size) {
        if (hs_deserialize_database(bytes, (size_t)st.st_size, &db) != HS_SUCCESS) db = NULL;
    }
    free(bytes);
    fclose(f);
    return db;
}

/* mkdir -p for the last two levels (~/.cache, then utdrag) */
static int make_dir(const char *dir) {
    if (mkdir(dir, 0755) == 0 || errno == EEXIST) return 0;
    if (errno != ENOENT) return -1;
    char *parent = strdup(dir), *slash = parent ? strrchr(parent, '/') : NULL;
    int rc = -1;
    if (slash && slash != parent) {
        *slash = 0;
        if (mkdir(parent, 0755) == 0 || errno == EEXIST) rc = mkdir(dir, 0755) == 0 || errno == EEXIST ? 0 : -1;
    }
    free(parent);
    return rc;
}

typedef struct cache_file {
    char *path;
    time_t mtime;
} cache_file;

static int newest_first(const void *a, const void *b) {
    time_t x = ((const cache_file *)a)->mtime, y = ((const cache_file *)b)->mtime;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Remove the least recently written anchors-*.hs of dir beyond CACHE_KEEP. */
static void trim(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    cache_file *files = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, "anchors-", 8) || len < 11 || strcmp(e->d_name + len - 3, ".hs")) continue;
        if (n == cap) {
            cache_file *v = realloc(files, (cap = cap ? 2 * cap : 16) * sizeof *v);
            if (!v) break;
            files = v;
        }
        struct stat st;
        char *p;
        if (asprintf(&p, "%s/%s", dir, e->d_name) < 0) break;
        if (stat(p, &st) == 0) files[n++] = (cache_file){p, st.st_mtime};
        else free(p);
    }
    closedir(d);
    if (n) qsort(files, n, sizeof *files, newest_first); /* files is NULL when n is 0 */
    for (size_t i = 0; i < n; i++) {
        if (i >= CACHE_KEEP) unlink(files[i].path);
        free(files[i].path);
    }
    free(files);
}

void ut_scan_cache_store(const unsigned char key[UT_SCAN_CACHE_KEY], const hs_database_t *db) {
    char *dir, *path = cache_path(key, &dir), *tmp = NULL, *bytes = NULL;
    size_t len = 0;
    if (!path || make_dir(dir) || asprintf(&tmp, "%s.XXXXXX", path) < 0) tmp = NULL;
    int fd = tmp ? mkstemp(tmp) : -1;
    if (fd >= 0) {
        bool ok = hs_serialize_database(db, &bytes, &len) == HS_SUCCESS;
        FILE *f = fdopen(fd, "wb");
        if (!f) close(fd);
        ok = ok && f && fwrite(bytes, 1, len, f) == len;
        if (f && fclose(f)) ok = false;
        /* rename is atomic: a concurrent reader sees the old file or this one */
        if (!ok || rename(tmp, path)) unlink(tmp);
        else trim(dir);
    }
    free(bytes); /* hs_serialize_database allocates with malloc (hs_set_misc_allocator unset) */
    free(tmp);
    free(path);
    free(dir);
}
