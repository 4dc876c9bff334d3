#!/usr/bin/env bash
# A reader that stops early (| head -1): utdrag ends quietly by SIGPIPE,
# as grep does (status 141 in the shell), or, if SIGPIPE cannot kill it,
# with a message and exit 2 — never status 0 as if all was written.  The
# reader gets whole records.
. "$(dirname "$0")/lib.sh"
plan 6

# 6 MiB (128 KiB under valgrind): far more output than a pipe buffers
python3 - "$T/in.txt" "$(mb 6)" <<'PY'
import sys
unit = "Kommunstyrelsen beslutade 2024-01-23 i ärende dnr KS 2023/00658.\n"
open(sys.argv[1], "w").write(unit * (int(sys.argv[2]) // len(unit)))
PY
for fmt in jsonl csv; do
    ut extract -f $fmt "$T/in.txt" 2>"$T/err" | head -1 >"$T/first"
    rc=${PIPESTATUS[0]}
    [ $rc = 141 ] || { [ $rc = 2 ] && [ -s "$T/err" ]; }
    ok $? "$fmt | head -1: SIGPIPE (141) or exit 2 with a message (got $rc)"
    if [ $rc = 141 ]; then [ ! -s "$T/err" ]; else true; fi
    ok $? "$fmt: quiet when ended by SIGPIPE"
done
ut extract "$T/in.txt" 2>/dev/null | head -1 | count_records >"$T/n"
[ "$(cat "$T/n")" = 1 ]
ok $? "the reader got one whole JSON record"
# several documents in parallel: the workers stop too
ut extract -j 2 "$T/in.txt" "$T/in.txt" "$T/in.txt" 2>/dev/null | head -1 >/dev/null
rc=${PIPESTATUS[0]}
ok $((rc == 141 || rc == 2 ? 0 : 1)) "-j 2 with three documents: ends (status $rc)"
finish
