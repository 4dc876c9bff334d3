#!/usr/bin/env bash
# Files with nothing to find: 20 MB of newlines, of CRLF, of spaces, and an
# empty file.  Each is read, gives no field, and the run exits 0.
. "$(dirname "$0")/lib.sh"
plan 8

python3 - "$T" <<'PY'
import sys
d = sys.argv[1]
open(d + "/newlines.txt", "wb").write(b"\n" * (20 << 20))
open(d + "/crlf.txt", "wb").write(b"\r\n" * (10 << 20))
open(d + "/spaces.txt", "wb").write(b" " * (20 << 20))
open(d + "/empty.txt", "wb").write(b"")
PY
for f in newlines crlf spaces empty; do
    ut extract -j 1 "$T/$f.txt" >"$T/out" 2>"$T/err"
    ok $? "$f: exit 0"
    [ ! -s "$T/out" ] && [ ! -s "$T/err" ]
    ok $? "$f: no field and no message"
done
finish
