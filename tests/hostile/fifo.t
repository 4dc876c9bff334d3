#!/usr/bin/env bash
# Inputs that are not regular files: a FIFO named on the command line is
# read to its end; standard input (a pipe) too; a FIFO inside a walked
# directory is skipped (opening it could block for ever) and the walk ends.
. "$(dirname "$0")/lib.sh"
plan 5

mkfifo "$T/pipe.txt"
(printf 'Beslut 2024-01-23, dnr KS 2023/00658\n' >"$T/pipe.txt") &
UT_TIMEOUT=30 ut extract "$T/pipe.txt" >"$T/out" 2>"$T/err"
rc=$?
wait
ok $rc "FIFO as input: exit 0"
grep -q '"value":"2024-01-23"' "$T/out" && grep -q '"type":"dnr"' "$T/out"
ok $? "its fields come out"

printf 'Beslut 2024-01-23\n' | UT_TIMEOUT=30 ut extract - >"$T/out" 2>"$T/err"
ok $? "standard input: exit 0"
grep -q '"doc":"-"' "$T/out"
ok $? "standard input is named -"

mkdir "$T/dir"
mkfifo "$T/dir/never-written.txt"
printf 'Beslut 2024-01-23\n' >"$T/dir/real.txt"
UT_TIMEOUT=30 ut extract "$T/dir" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -lt 124 ] && grep -q real.txt "$T/out"
ok $? "a FIFO inside a directory does not block the walk (status $rc)"
finish
