#!/usr/bin/env bash
# A file that shrinks (or is replaced) while it is read: the tool must not
# crash (no SIGBUS as a mapped file would give) and its output must stay
# whole JSON Lines with every offset inside what was read.
. "$(dirname "$0")/lib.sh"
plan 4

python3 - "$T/f.txt" "$(mb 60)" <<'PY'
import sys
unit = "Kommunstyrelsen beslutade 2024-01-23 i ärende dnr KS 2023/00658.\n"
open(sys.argv[1], "w").write(unit * (int(sys.argv[2]) // len(unit)))
PY
cp "$T/f.txt" "$T/orig.txt"
size=$(stat -c %s "$T/f.txt")
ok_runs=0
crashes=0
for cut in 0 1 1000000 20000000; do
    cp "$T/orig.txt" "$T/f.txt"
    UT_TIMEOUT=300 ut extract -j 1 "$T/f.txt" >"$T/out" 2>"$T/err" &
    pid=$!
    sleep 0.05
    truncate -s "$cut" "$T/f.txt"
    wait $pid
    rc=$?
    [ $rc -ge 128 ] && crashes=$((crashes + 1))
    python3 - "$T/out" "$size" <<'PY' && ok_runs=$((ok_runs + 1))
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    assert 0 <= r["start"] < r["end"] <= int(sys.argv[2])
PY
done
ok $((crashes == 0 ? 0 : 1)) "no crash while the file shrinks ($crashes killed by a signal)"
ok $((ok_runs == 4 ? 0 : 1)) "output is whole JSON Lines with offsets in range ($ok_runs/4 runs)"

# a file that is emptied before the tool opens it: just no fields
: >"$T/f.txt"
ut extract "$T/f.txt" >"$T/out" 2>"$T/err"
ok $? "a file emptied before reading: exit 0"
[ ! -s "$T/out" ]
ok $? "and no fields"
finish
