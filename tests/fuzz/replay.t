#!/usr/bin/env bash
# replay.t — the fuzzers' saved inputs as an ordinary test (TAP).
#
# Each harness (tests/fuzz/fuzz_*.c) is compiled WITHOUT libFuzzer, with
# replay_main.c, against the library next to $UTDRAG (build/libutdrag.a;
# build-asan/ gives an ASan+UBSan replay), and run over its regression
# inputs (tests/fuzz/regress/NAME), its seeds (tests/fuzz/seeds/NAME), the
# rule files (rules harness) and ../shared/corpus/docs when present.
# UTDRAG_VALGRIND=1 runs each replay under valgrind memcheck.
set -u
cd "$(dirname "$0")/../.."
utdrag=${UTDRAG:-build/utdrag}
utdrag=${utdrag##* } # the binary, without a wrapper such as valgrind
build=$(dirname "$utdrag")
lib=$build/libutdrag.a
shared=${FUZZ_CORPUS:-../shared/corpus}
names="rules extract normalize writers sqlite xlsx"
echo "1..$(( $(echo $names | wc -w) * 2 ))"
if [ ! -f "$lib" ]; then
    n=0; for _ in $names $names; do n=$((n + 1)); echo "not ok $n - $lib not built"; done
    exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-cc}
flags="-O1 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Iinclude -Isrc -Iextractors -Itests/fuzz"
flags="$flags -DFUZZ_RULES_DIR=\"$PWD/rules\""
# the library's dependencies as the Makefile has them
{ read -r pkg_cflags; read -r pkg_libs; } < <(MAKEFLAGS= make -s --no-print-directory print-build-flags)
flags="$flags $pkg_cflags"
# a sanitized library needs the sanitizer runtime at link time
if nm "$lib" 2>/dev/null | grep -q __asan_report; then
    flags="$flags -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
fi
# and zlib, which fuzz_xlsx.c reads the workbook's zip with
libs="$pkg_libs -lz"
run=()
if [ "${UTDRAG_VALGRIND:-}" = 1 ]; then
    run=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect)
fi

n=0
for name in $names; do
    n=$((n + 1))
    bin=$tmp/replay_$name
    # shellcheck disable=SC2086
    if $cc $flags -o "$bin" tests/fuzz/fuzz_$name.c tests/fuzz/fuzz_util.c tests/fuzz/replay_main.c \
        "$lib" $libs 2>"$tmp/cc.log"; then
        echo "ok $n - replay_$name builds without libFuzzer"
    else
        echo "not ok $n - replay_$name builds without libFuzzer"; sed 's/^/# /' "$tmp/cc.log"
        n=$((n + 1)); echo "not ok $n - fuzz_$name inputs (not built)"; continue
    fi
    inputs=(tests/fuzz/regress/$name tests/fuzz/seeds/$name)
    if [ "$name" = rules ]; then inputs+=(rules/*.rules)
    elif [ -d "$shared/docs" ]; then inputs+=("$shared/docs"); fi
    n=$((n + 1))
    if "${run[@]}" "$bin" "${inputs[@]}" >"$tmp/out.log" 2>&1; then
        echo "ok $n - fuzz_$name: $(tail -1 "$tmp/out.log")"
    else
        echo "not ok $n - fuzz_$name: a saved input fails"; tail -30 "$tmp/out.log" | sed 's/^/# /'
    fi
done
