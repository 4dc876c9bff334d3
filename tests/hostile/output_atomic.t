#!/usr/bin/env bash
# -o is atomic: the output is written to a temp file beside the target and
# renamed into place only when everything was written.  A run killed with
# a signal leaves the old file as it was (and SIGTERM, SIGHUP, SIGINT
# remove the temp file: only SIGKILL cannot); a run that fails (write
# error, bad rules) leaves the old file and no temp file behind;
# a run that succeeds leaves exactly what standard output would have got.
. "$(dirname "$0")/lib.sh"
plan 15

python3 - "$T/big.txt" "$(mb 8)" <<'PY'
import sys
unit = "Kommunstyrelsen beslutade 2024-01-23 i ärende dnr KS 2023/00658.\n"
open(sys.argv[1], "w").write(unit * (int(sys.argv[2]) // len(unit)))
PY
printf 'Beslut 2024-01-23\n' >"$T/small.txt"
# a long run: the same 8 MB document many times over
for _ in $(seq 200); do echo "$T/big.txt"; done >"$T/list"
leftovers() { find "$T/out" -name 'result.jsonl.tmp.*' | wc -l; }

mkdir "$T/out"
ut extract "$T/small.txt" >"$T/stdout"
ut extract -o "$T/out/result.jsonl" "$T/small.txt"
ok $? "a successful -o run: exit 0"
cmp -s "$T/stdout" "$T/out/result.jsonl"
ok $? "the file holds exactly what standard output gets"
ok "$(leftovers)" "no temp file left"

for sig in KILL TERM HUP; do
    echo OLD >"$T/out/result.jsonl"
    # no `timeout` wrapper here: the signal must reach utdrag itself
    $UTDRAG extract -j 1 -o "$T/out/result.jsonl" --files-from "$T/list" 2>/dev/null &
    pid=$!
    # wait until the new output is really being written, then kill
    for _ in $(seq 600); do
        [ -n "$(find "$T/out" -name 'result.jsonl.tmp.*' -size +1k)" ] && break
        sleep 0.1
    done
    running=$(kill -0 $pid 2>/dev/null && echo yes)
    kill -$sig $pid 2>/dev/null
    wait $pid 2>/dev/null
    [ "$running" = yes ] && [ "$(cat "$T/out/result.jsonl")" = OLD ]
    ok $? "SIG$sig in the middle of writing: the old file is intact"
    if [ $sig != KILL ]; then
        ok "$(leftovers)" "SIG$sig: the temp file is removed"
    fi
    find "$T/out" -name 'result.jsonl.tmp.*' -delete # SIGKILL cannot be caught
done

# a write error: the file system fills (RLIMIT_FSIZE, with SIGXFSZ ignored
# so that write() fails with EFBIG the way it fails with ENOSPC)
echo OLD >"$T/out/result.jsonl"
(trap '' XFSZ; ulimit -f 200; exec $UTDRAG extract -j 1 -o "$T/out/result.jsonl" "$T/big.txt") 2>"$T/err"
rc=$?
ok $((rc == 2 ? 0 : 1)) "a write error: exit 2 (got $rc)"
grep -q "result.jsonl" "$T/err" && grep -qi "error" "$T/err"
ok $? "the message names the output file"
diag "$T/err"
[ "$(cat "$T/out/result.jsonl")" = OLD ]
ok $? "the old file is intact"
ok "$(leftovers)" "no temp file left"

# a rule error: nothing is opened
mkdir "$T/badrules"
printf 'rule broken\n  type date\n  normalize text\n  pattern (unclosed\n' >"$T/badrules/bad.rules"
ut extract --rules "$T/badrules" -o "$T/out/result.jsonl" "$T/small.txt" 2>/dev/null
ok $(($? == 2 ? 0 : 1)) "bad rules: exit 2"
[ "$(cat "$T/out/result.jsonl")" = OLD ] && [ "$(leftovers)" = 0 ]
ok $? "the old file is intact and no temp file left"

# output into a directory that does not exist: a clear message, exit 2
ut extract -o "$T/nowhere/result.jsonl" "$T/small.txt" 2>"$T/err"
ok $(($? == 2 ? 0 : 1)) "output directory missing: exit 2 ($(head -1 "$T/err"))"
finish
