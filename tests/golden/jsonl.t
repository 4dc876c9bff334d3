#!/bin/sh
# tests/golden/jsonl.t — JSON Lines byte for byte (TAP).
#
# The records of ../shared/corpus/docs and ../shared/corpus/extra must stay
# exactly the bytes stored in tests/golden/jsonl/{docs,extra}.jsonl (made
# with `cd ../shared/corpus && utdrag extract -j1 docs/*.txt`, so the doc
# names are relative).  A change of behaviour that is meant regenerates
# them (`tests/golden/jsonl.t --regen`) and the diff is read before it is
# committed; anything else is a regression.  Skipped without the corpus.
set -u
cd "$(dirname "$0")/../.." || exit 2
root=$(pwd)
. tests/lib/tap.sh
UTDRAG=${UTDRAG:-build/utdrag}
case $UTDRAG in /*) ;; *) UTDRAG=$root/$UTDRAG ;; esac
SHARED=${UTDRAG_SHARED:-../shared}
corpus=$SHARED/corpus
if [ ! -d "$corpus/docs" ] || [ ! -d "$corpus/extra" ]; then
    echo "1..0 # SKIP no corpus at $SHARED"
    exit 0
fi
if [ "${1:-}" = --regen ]; then
    for s in docs extra; do
        (cd "$corpus" && $UTDRAG extract -j1 $s/*.txt) >"tests/golden/jsonl/$s.jsonl" || exit 1
    done
    exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/utdrag-jsonl.XXXXXX")
trap 'rm -rf "$work"' EXIT
plan 4
for s in docs extra; do
    (cd "$corpus" && ut extract -j1 $s/*.txt) >"$work/$s.jsonl"
    cmp -s "$work/$s.jsonl" "tests/golden/jsonl/$s.jsonl"
    st=$?
    ok $st "$s: JSON Lines identical to tests/golden/jsonl/$s.jsonl"
    [ $st = 0 ] || diff "tests/golden/jsonl/$s.jsonl" "$work/$s.jsonl" | head -20 | diag
    (cd "$corpus" && ut extract -j2 $s/*.txt) | cmp -s - "tests/golden/jsonl/$s.jsonl"
    ok $? "$s: the same bytes with -j2"
done
finish
