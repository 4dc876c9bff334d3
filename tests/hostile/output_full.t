#!/usr/bin/env bash
# A full disk: /dev/full as standard output, and (as root) -o onto a 1 MiB
# tmpfs.  Each ends with a message saying what failed and exit 2, never a
# silent success, in every output format; -o leaves no partial file.
. "$(dirname "$0")/lib.sh"
plan 11

# 3 MiB (60 KiB under valgrind)
python3 - "$T/in.txt" "$(mb 3)" <<'PY'
import sys
unit = "Kommunstyrelsen beslutade 2024-01-23 i ärende dnr KS 2023/00658.\n"
open(sys.argv[1], "w").write(unit * (int(sys.argv[2]) // len(unit)))
PY
printf 'Beslut 2024-01-23\n' >"$T/small.txt"

for fmt in jsonl json csv; do
    ut extract -f "$fmt" "$T/in.txt" >/dev/full 2>"$T/err"
    rc=$?
    [ $rc = 2 ] && grep -qi "no space left" "$T/err"
    ok $? "/dev/full, $fmt: exit 2 with 'No space left' (got $rc)"
done
# less than one stdio buffer: the error only shows when it is flushed
ut extract "$T/small.txt" >/dev/full 2>"$T/err"
rc=$?
[ $rc = 2 ] && grep -qi "no space left" "$T/err"
ok $? "/dev/full, a few bytes (seen at the final flush): exit 2"
diag "$T/err"
ut extract -f json "$T/small.txt" >/dev/full 2>"$T/err"
ok $(($? == 2 ? 0 : 1)) "/dev/full, json of a few bytes: exit 2"
ut extract "$T/in.txt" "$T/small.txt" >/dev/full 2>"$T/err"
ok $(($? == 2 ? 0 : 1)) "/dev/full with several inputs: exit 2"

mnt=$T/mnt
mkdir "$mnt"
trap 'umount "$mnt" 2>/dev/null; rm -rf "$T"' EXIT
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=1m tmpfs "$mnt" 2>/dev/null; then
    head -c 1000000 /dev/zero >"$mnt/filler" # leave 48 KiB free
    echo OLD >"$mnt/result.jsonl"
    ut extract -j 1 -o "$mnt/result.jsonl" "$T/in.txt" 2>"$T/err"
    rc=$?
    ok $((rc == 2 ? 0 : 1)) "-o on a full tmpfs: exit 2 (got $rc)"
    grep -qi "no space left" "$T/err" && grep -q result.jsonl "$T/err"
    ok $? "the message names the file and the cause"
    diag "$T/err"
    [ "$(cat "$mnt/result.jsonl")" = OLD ]
    ok $? "the old file is intact"
    [ -z "$(find "$mnt" -name 'result.jsonl.tmp.*')" ]
    ok $? "no temp file left on the full disk"
    ut extract -j 1 -f csv "$T/in.txt" >"$mnt/stdout.csv" 2>"$T/err"
    ok $(($? == 2 ? 0 : 1)) "standard output redirected onto the full tmpfs: exit 2"
    umount "$mnt"
else
    for _ in 1 2 3 4 5; do skip "tmpfs full-disk cases need root and mount"; done
fi
finish
