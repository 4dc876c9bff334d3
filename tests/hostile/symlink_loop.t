#!/usr/bin/env bash
# Directories with symbolic-link loops: a link to an enclosing directory
# is reported and not entered again, links that point at each other are
# reported as errors; the walk ends, every real file is read exactly once,
# and the status is 1 (some inputs could not be used).
. "$(dirname "$0")/lib.sh"
plan 7

mkdir -p "$T/d/sub/deeper"
printf 'Beslut 2024-01-23\n' >"$T/d/a.txt"
printf 'Beslut 2019-05-03\n' >"$T/d/sub/deeper/b.txt"
ln -s .. "$T/d/sub/deeper/up"      # sub/deeper/up -> sub
ln -s "$T/d" "$T/d/sub/root"       # absolute link to the top
ln -s self "$T/d/self"             # a link to itself
ln -s ping.txt "$T/d/pong.txt"     # two links pointing at each other
ln -s pong.txt "$T/d/ping.txt"

UT_TIMEOUT=60 ut extract -j 1 "$T/d" >"$T/out" 2>"$T/err"
rc=$?
ok $((rc >= 124 ? 1 : 0)) "the walk ends (status $rc)"
ok $((rc == 1 ? 0 : 1)) "exit 1: loops are reported as inputs that could not be used"
[ "$(grep -c 'a.txt' "$T/out")" = 1 ] && [ "$(grep -c 'b.txt' "$T/out")" = 1 ]
ok $? "each real file read exactly once"
grep -q "loop" "$T/err"
ok $? "the directory loop is named as a loop"
grep -q "sub/deeper/up" "$T/err" && grep -q "sub/root" "$T/err"
ok $? "both looping directory links are reported"
grep -q "ping.txt" "$T/err" && grep -q "pong.txt" "$T/err" && grep -q "self" "$T/err"
ok $? "links that never end are reported"
diag "$T/err"

# a loop given directly on the command line
UT_TIMEOUT=60 ut extract "$T/d/ping.txt" >/dev/null 2>"$T/err"
ok $(($? == 1 ? 0 : 1)) "a looping link named on the command line: exit 1 with a message"
finish
