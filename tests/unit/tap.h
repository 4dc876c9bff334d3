/*
 * tap.h — a tiny Test Anything Protocol producer for the C unit tests.
 *
 * Why TAP: `prove` (perl, always installed) runs every test program and
 * prints one summary line CI understands, with no test framework to build.
 * Each program calls plan_lazy() implicitly: the plan ("1..N") is printed
 * by done_testing() at the end, so adding a check never means counting.
 *
 *   ok(cond, "name %d", x)        one check
 *   is_str(got, want, "name")     string equality (NULL-safe), shows both on failure
 *   is_int(got, want, "name")     integer equality, shows both on failure
 *   diag("fmt", ...)              a comment line (# ...) on stdout
 *   return done_testing();        prints the plan; exit status 1 if any check failed
 */
#ifndef UT_TAP_H
#define UT_TAP_H
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_run, tap_failed;

static void tap_vline(int pass, const char *fmt, va_list ap) {
    tap_run++;
    if (!pass) tap_failed++;
    printf("%s %d - ", pass ? "ok" : "not ok", tap_run);
    vprintf(fmt, ap);
    putchar('\n');
    fflush(stdout);
}

__attribute__((format(printf, 2, 3), unused)) static int ok(int pass, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    tap_vline(pass, fmt, ap);
    va_end(ap);
    return pass;
}

__attribute__((format(printf, 1, 2), unused)) static void diag(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("# ", stdout);
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
}

/* Print a possibly multi-line string as TAP comments, escaping controls. */
static void tap_show(const char *label, const char *s) {
    printf("#   %s: ", label);
    if (!s) { puts("(null)"); return; }
    putchar('\'');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\n') fputs("\\n", stdout);
        else if (c == '\r') fputs("\\r", stdout);
        else if (c < 0x20) printf("\\x%02x", c);
        else putchar(c);
    }
    puts("'");
}

__attribute__((format(printf, 3, 4), unused)) static int is_str(const char *got, const char *want,
                                                                 const char *fmt, ...) {
    int pass = (got && want) ? strcmp(got, want) == 0 : got == want;
    va_list ap;
    va_start(ap, fmt);
    tap_vline(pass, fmt, ap);
    va_end(ap);
    if (!pass) {
        tap_show("got ", got);
        tap_show("want", want);
    }
    return pass;
}

__attribute__((format(printf, 3, 4), unused)) static int is_int(long long got, long long want,
                                                                 const char *fmt, ...) {
    int pass = got == want;
    va_list ap;
    va_start(ap, fmt);
    tap_vline(pass, fmt, ap);
    va_end(ap);
    if (!pass) printf("#   got  %lld\n#   want %lld\n", got, want);
    return pass;
}

__attribute__((unused)) static int done_testing(void) {
    printf("1..%d\n", tap_run);
    if (tap_failed) printf("# %d of %d checks failed\n", tap_failed, tap_run);
    return tap_failed ? 1 : 0;
}
#endif
