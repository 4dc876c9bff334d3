#!/bin/sh
# tests/run.sh — the whole test suite, ending with prove's summary line
# (`Result: PASS` or `Result: FAIL`); exit status non-zero on any failure.
#
# Runs, for each build (build/, then build-asan/ built with ASan+UBSan):
#   unit/*       the C unit tests (tests/unit/test_*.c, TAP programs)
#   rules        every `example` of the rule files (tests/rules.sh)
#   cli          the command-line cases (tests/cli.sh, tests/cli/*)
#   golden       scores on the annotated corpus (tests/golden.sh)
#   DIR-NAME     any other TAP script tests/DIR/NAME.t (it gets $UTDRAG)
# `make test` builds both trees first; `make test-fast` only build/.
#
# Environment:
#   UTDRAG_NO_ASAN=1   skip the build-asan/ pass
#   UTDRAG_VALGRIND=1  run the unit tests and the CLI cases under
#                      valgrind --error-exitcode=1 --leak-check=full
#                      (build/ only; rules and golden are left out: slow)
#   UTDRAG_JOBS=N      tests run in parallel (default: number of CPUs)
set -u
cd "$(dirname "$0")/.." || exit 2
root=$(pwd)
export LC_ALL=C

builds=build
[ "${UTDRAG_NO_ASAN:-}" = 1 ] || [ "${UTDRAG_VALGRIND:-}" = 1 ] || builds="build build-asan"
vg=""
if [ "${UTDRAG_VALGRIND:-}" = 1 ]; then
    command -v valgrind >/dev/null || { echo "run.sh: valgrind is not installed" >&2; exit 2; }
    # PCRE2 JIT code confuses memcheck (false "uninitialised" reports)
    export UTDRAG_NO_JIT=1
    vg="valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,possible"
fi

# One small executable wrapper per test and build, under BUILD/t/, so one
# prove run covers both builds and names each test by build.
list=""
for b in $builds; do
    if [ ! -x "$b/utdrag" ] || ! ls "$b"/tests/test_* >/dev/null 2>&1; then
        echo "run.sh: $b/utdrag or $b/tests/ missing: run 'make test' (or 'make test-fast')" >&2
        exit 2
    fi
    t=$b/t
    rm -rf "$t"
    mkdir -p "$t"
    # ASan: leaks are errors too; UBSan: stop at the first finding
    san="ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1"
    for u in "$b"/tests/test_*; do
        w=$t/unit-$(basename "$u" | sed 's/^test_//')
        printf '#!/bin/sh\ncd "%s" && exec env %s %s "%s/%s"\n' "$root" "$san" "$vg" "$root" "$u" >"$w"
        list="$list $w"
    done
    bin="$root/$b/utdrag"
    [ -n "$vg" ] && bin="$vg $bin"
    printf '#!/bin/sh\nexec env %s UTDRAG="%s" "%s/tests/cli.sh"\n' "$san" "$bin" "$root" >"$t/cli"
    list="$list $t/cli"
    if [ -z "$vg" ]; then
        for s in rules golden; do
            printf '#!/bin/sh\nexec env %s UTDRAG="%s" "%s/tests/%s.sh"\n' "$san" "$bin" "$root" "$s" >"$t/$s"
            list="$list $t/$s"
        done
    fi
    # TAP scripts that other parts of the project keep beside these; under
    # valgrind only those written for a wrapped $UTDRAG (hostile inputs and
    # the fuzz replays: their sizes shrink, they run each input under memcheck)
    scripts="tests/*/*.t"
    [ -n "$vg" ] && scripts="tests/hostile/*.t tests/fuzz/*.t"
    for f in $scripts; do
        [ -f "$f" ] || continue
        w=$t/$(basename "$(dirname "$f")")-$(basename "$f" .t)
        # its own #! line says what runs it (sh, bash, python3...)
        interp=$(head -n 1 "$f" | sed -n 's/^#![[:space:]]*//p')
        [ -x "$f" ] && interp=""
        [ -z "$interp" ] && [ ! -x "$f" ] && interp=sh
        printf '#!/bin/sh\ncd "%s" && exec env %s UTDRAG_VALGRIND="%s" UTDRAG="%s" %s "%s/%s"\n' "$root" "$san" "${UTDRAG_VALGRIND:-}" "$bin" "$interp" "$root" "$f" >"$w"
        list="$list $w"
    done
    chmod +x "$t"/*
done

jobs=${UTDRAG_JOBS:-$(nproc 2>/dev/null || echo 2)}
# shellcheck disable=SC2086
exec prove -j "$jobs" $list
