#!/bin/sh
# tests/engine/timings.t — `utdrag extract --timings` (TAP): one line on
# standard error naming every stage with its ms and ms/MB, and not a byte
# of the output changed.  Figures themselves are `make bench`'s business.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib/tap.sh
UTDRAG=${UTDRAG:-build/utdrag}
work=$(mktemp -d "${TMPDIR:-/tmp}/utdrag-timings.XXXXXX")
trap 'rm -rf "$work"' EXIT
plan 5
ut extract -j1 samples/ >"$work/plain.jsonl" 2>/dev/null
ut extract -j1 --timings samples/ >"$work/timed.jsonl" 2>"$work/err"
ok $? "--timings: exit 0"
cmp -s "$work/plain.jsonl" "$work/timed.jsonl"
ok $? "--timings does not change the output"
[ "$(grep -c '^timings: ' "$work/err")" = 1 ]
ok $? "one timings line on standard error"
diag "$work/err"
missing=""
for s in read decode normalize scan confirm resolve document write; do
    grep -Eq "; $s [0-9.]+ ms \([0-9.]+ ms/MB\)" "$work/err" || missing="$missing $s"
done
[ -z "$missing" ]
ok $? "every stage with ms and ms/MB${missing:+ (missing:$missing)}"
# the bytes read are the inputs' bytes
bytes=$(cat samples/* 2>/dev/null | wc -c)
mb=$(sed -n 's/^timings: \([0-9.]*\) MB.*/\1/p' "$work/err")
awk -v b="$bytes" -v m="$mb" 'BEGIN { d = b / 1e6 - m; exit !(m > 0 && d < 0.001 && d > -0.001) }'
ok $? "the MB counted are the inputs' ($mb MB for $bytes bytes)"
finish
