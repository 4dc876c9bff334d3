#!/bin/sh
# tests/boundaries/exports.t — libutdrag.so exports its public API and
# nothing else (TAP).
#
# The library is compiled with -fvisibility=hidden and include/utdrag.h marks
# the public functions UT_API (Makefile, LIB_FLAGS).  Checked with nm -D:
#   - every exported function starts with ut_ (no person_*, date_*, fig_*);
#   - every exported function is declared UT_API in include/utdrag.h, and
#     every UT_API function is exported (a forgotten mark hides an API call);
#   - the internal ut_ helpers (ut_arena_*, ut_text_*...) stay hidden.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib/tap.sh
UTDRAG=${UTDRAG:-build/utdrag}
# the library beside the binary that the suite runs (build/ or build-asan/)
bin=${UTDRAG##* }
so=$(dirname "$bin")/libutdrag.so
if ! command -v nm >/dev/null || [ ! -f "$so" ]; then
    echo "1..0 # SKIP no nm or no $so"
    exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/utdrag-exports.XXXXXX")
trap 'rm -rf "$work"' EXIT
plan 4
# defined dynamic symbols, less the linker's own markers
nm -D --defined-only "$so" | awk '{print $NF}' | grep -v -e '^_' -e '^__' | sort >"$work/exported"
sed -n 's/^UT_API[^(]*[ *]\(ut_[a-z0-9_]*\)(.*/\1/p' include/utdrag.h | sort -u >"$work/declared"

grep -v '^ut_' "$work/exported" >"$work/unprefixed"
[ ! -s "$work/unprefixed" ]
ok $? "every exported symbol starts with ut_ ($(wc -l <"$work/exported") exported)"
diag "$work/unprefixed"

comm -23 "$work/exported" "$work/declared" >"$work/extra"
[ ! -s "$work/extra" ]
ok $? "every exported symbol is declared UT_API in include/utdrag.h"
diag "$work/extra"

comm -13 "$work/exported" "$work/declared" >"$work/missing"
[ ! -s "$work/missing" ]
ok $? "every UT_API function of include/utdrag.h is exported ($(wc -l <"$work/declared") declared)"
diag "$work/missing"

# internal helpers exist in the static library but not in the shared one
nm --defined-only "$(dirname "$so")/libutdrag.a" 2>/dev/null | awk '$2 == "T" {print $3}' | grep '^ut_' | sort -u >"$work/internal_all"
comm -23 "$work/internal_all" "$work/declared" >"$work/internal"
n=$(wc -l <"$work/internal")
[ "$n" -gt 0 ] && ! grep -qxFf "$work/internal" "$work/exported"
ok $? "the $n internal ut_ functions of libutdrag.a are hidden in libutdrag.so"
finish
