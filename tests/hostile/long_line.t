#!/usr/bin/env bash
# A 50 MB single line (PDF text with its line breaks lost): extracted whole,
# every field on line 1, no rule hitting a limit, offsets inside the file.
# The same text cut into lines gives the same number of dates and dnr, so
# nothing is lost on the long line.
. "$(dirname "$0")/lib.sh"
plan 5
# 50 MiB (1 MiB under valgrind)

python3 - "$T/line.txt" "$T/lines.txt" "$(mb 50)" <<'PY'
import sys
unit = ("Kommunstyrelsen beslutade 2024-01-23 i ärende dnr KS 2023/00658 att "
        "bevilja ansökan; sammanträde 2019-05-03 med diarienummer 511-2413-16. ")
n = int(sys.argv[3]) // len(unit.encode()) + 1
with open(sys.argv[1], "w") as f:
    f.write(unit * n)
with open(sys.argv[2], "w") as f:
    f.write((unit + "\n") * n)
print(n, file=open(sys.argv[1] + ".n", "w"))
PY
size=$(stat -c %s "$T/line.txt")
UT_TIMEOUT=900 ut extract -j 1 "$T/line.txt" >"$T/out" 2>"$T/err"
rc=$?
ok $rc "50 MB single line: exit 0 ($((size / 1048576)) MiB)"
[ ! -s "$T/err" ]
ok $? "no warning (no rule hit a limit)"
diag "$T/err"
python3 - "$T/out" "$size" >"$T/check" <<'PY'
import json, sys
n, bad = 0, 0
size = int(sys.argv[2])
for line in open(sys.argv[1]):
    r = json.loads(line)
    n += 1
    if r["line"] != 1 or not (0 <= r["start"] < r["end"] <= size): bad += 1
print(n, bad)
PY
read -r nrec nbad <"$T/check"
ok $((nrec > 0 && nbad == 0 ? 0 : 1)) "$nrec fields, all on line 1 and inside the file ($nbad bad)"
grep -cE '"type":"(date|dnr)"' "$T/out" >"$T/n1"
UT_TIMEOUT=900 ut extract -j 1 -t date,dnr "$T/lines.txt" 2>/dev/null | count_records >"$T/n2"
units=$(cat "$T/line.txt.n")
[ "$(cat "$T/n1")" = "$(cat "$T/n2")" ]
ok $? "as many dates and dnr as the same text in lines ($(cat "$T/n1") vs $(cat "$T/n2"))"
[ "$(cat "$T/n1")" -ge "$units" ]
ok $? "at least one field per repeated sentence ($units sentences)"
finish
