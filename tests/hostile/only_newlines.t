#!/usr/bin/env bash
# Files with nothing to find: 20 MB of newlines, of CRLF, of spaces, and an
# empty file.  Each is read, gives no field, and the run exits 0.
. "$(dirname "$0")/lib.sh"
plan 8

python3 - "$T" "$(mb 20)" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
open(d + "/newlines.txt", "wb").write(b"\n" * n)
open(d + "/crlf.txt", "wb").write(b"\r\n" * (n // 2))
open(d + "/spaces.txt", "wb").write(b" " * n)
open(d + "/empty.txt", "wb").write(b"")
PY
for f in newlines crlf spaces empty; do
    ut extract -j 1 "$T/$f.txt" >"$T/out" 2>"$T/err"
    ok $? "$f: exit 0"
    [ ! -s "$T/out" ] && [ ! -s "$T/err" ]
    ok $? "$f: no field and no message"
done
finish
