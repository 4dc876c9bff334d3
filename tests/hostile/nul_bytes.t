#!/usr/bin/env bash
# A file of NUL bytes (or any text with a NUL and no UTF-16 BOM) is refused
# as binary: a message naming it, exit 1, and the other inputs of the run
# still come out.
. "$(dirname "$0")/lib.sh"
plan 7

head -c 4194304 /dev/zero >"$T/zeros.txt"
printf 'Beslut 2024-01-23\0 dnr KS 2023/00658\n' >"$T/mixed.txt"
printf 'Beslut 2024-01-23\n' >"$T/good.txt"

ut extract "$T/zeros.txt" >"$T/out" 2>"$T/err"
rc=$?
ok $((rc == 1 ? 0 : 1)) "only NUL bytes: exit 1 (got $rc)"
grep -q "zeros.txt" "$T/err" && grep -qi "binary" "$T/err"
ok $? "the message names the file and says binary"
diag "$T/err"
[ ! -s "$T/out" ]
ok $? "no output record"

ut extract "$T/mixed.txt" >"$T/out" 2>"$T/err"
ok $(($? == 1 ? 0 : 1)) "text with one NUL: refused too (exit 1)"

ut extract -j 1 "$T/zeros.txt" "$T/good.txt" "$T/mixed.txt" >"$T/out" 2>"$T/err"
rc=$?
ok $((rc == 1 ? 0 : 1)) "with a good file among them: exit 1"
[ "$(count_records <"$T/out")" = 1 ] && grep -q good.txt "$T/out"
ok $? "the good file's field still comes out"
[ "$(grep -c binary "$T/err")" = 2 ]
ok $? "each binary file reported once"
finish
