#!/usr/bin/env bash
# GNU parallel recipes of README's "Beyond one machine", run on this
# machine: each gives the records of one single-process run of utdrag on
# the same input — the same bytes where parallel keeps the order
# (--keep-order), the same lines otherwise.  The --sshlogin form runs with
# the local login ":"; a remote host runs the same command through ssh.
. "$(dirname "$0")/lib.sh"
if ! command -v parallel >/dev/null; then
    echo "1..0 # SKIP GNU parallel is not installed (make deps installs it)"
    exit 0
fi
if [ ! -d "$DOCS" ]; then
    echo "1..0 # SKIP no corpus at $DOCS (set UTDRAG_SHARED)"
    exit 0
fi
plan 26
P="parallel --will-cite"

# single-process references
find "$DOCS" -name '*.txt' | sort >"$T/list"
ndocs=$(wc -l <"$T/list")
ut extract -j1 "$DOCS" >"$T/files.ref" 2>"$T/err"
ok $? "single run over the corpus directory ($ndocs documents)"
python3 tests/scale/mkrecords.py --copies 3 --prefix "$DOCS" >"$T/recs.jsonl"
nrecs=$(wc -l <"$T/recs.jsonl")
ut extract -j1 --records "$T/recs.jsonl" >"$T/recs.ref" 2>>"$T/err"
ok $? "single run over $nrecs records"
[ -s "$T/files.ref" ] && [ -s "$T/recs.ref" ] && [ ! -s "$T/err" ]
ok $? "both references have records and no message"

# (a) file names as arguments, -X: as many per job as fit, over 2 job slots
find "$DOCS" -name '*.txt' | $P -j2 -X --joblog "$T/jl" "$UTDRAG" extract -j1 >"$T/out" 2>"$T/err"
ok $? "find | parallel -j2 -X utdrag extract -j1: exit 0"
[ "$(jobs_run "$T/jl")" -ge 2 ] && jobs_ok "$T/jl"
ok $? "  ran as $(jobs_run "$T/jl") jobs, each exit 0"
same_sorted "$T/out" "$T/files.ref" "  the same lines as one run"
find "$DOCS" -name '*.txt' -print0 | sort -z | $P -0 -j2 -X --keep-order "$UTDRAG" extract -j1 >"$T/out"
ok $? "find -print0 | sort -z | parallel -0 -X --keep-order: exit 0"
same "$T/out" "$T/files.ref" "  the same bytes as one run"

# (a') paths on standard input: --pipe hands each job a block of lines
$P --pipe -N 5 -j2 --keep-order --joblog "$T/jl" "$UTDRAG" extract -j1 --files-from - <"$T/list" >"$T/out"
ok $? "parallel --pipe -N 5 --keep-order utdrag extract --files-from -: exit 0"
[ "$(jobs_run "$T/jl")" -eq $(((ndocs + 4) / 5)) ] && jobs_ok "$T/jl"
ok $? "  ran as $(jobs_run "$T/jl") jobs of 5 paths, each exit 0"
same "$T/out" "$T/files.ref" "  the same bytes as one run"

# (b) the documents themselves on standard input, 20 records a job
$P --pipe -N 20 --keep-order -j2 --joblog "$T/jl" "$UTDRAG" extract -j1 --records - <"$T/recs.jsonl" >"$T/out"
ok $? "parallel --pipe -N 20 --keep-order utdrag extract --records -: exit 0"
[ "$(jobs_run "$T/jl")" -eq $(((nrecs + 19) / 20)) ] && jobs_ok "$T/jl"
ok $? "  ran as $(jobs_run "$T/jl") jobs of 20 records, each exit 0"
same "$T/out" "$T/recs.ref" "  the same bytes as one run"
$P --pipe --block 50k -j2 "$UTDRAG" extract -j1 --records - <"$T/recs.jsonl" >"$T/out"
ok $? "parallel --pipe --block 50k (records cut by size, never inside a line): exit 0"
same_sorted "$T/out" "$T/recs.ref" "  the same lines as one run"

# a bad record fails its job only: the others' records all come out
{ head -n 30 "$T/recs.jsonl"; echo '{"id": "bad", "text": 12}'; tail -n +31 "$T/recs.jsonl"; } >"$T/bad.jsonl"
$P --pipe -N 20 --keep-order "$UTDRAG" extract -j1 --records - <"$T/bad.jsonl" >"$T/out" 2>"$T/err"
rc=$?
[ $rc = 1 ] && grep -qx 'utdrag: -:11: "text" is an integer, not a string' "$T/err"
ok $? "a bad record: parallel exits 1 (one job failed), its message names the line in its block"
same "$T/out" "$T/recs.ref" "  every good record's fields still come out, in order"

# (c) --sshlogin: ":" is this machine; remote logins run the same commands over ssh
$P --sshlogin : --pipe -N 20 --keep-order "$UTDRAG" extract -j1 --records - <"$T/recs.jsonl" >"$T/out"
ok $? "parallel --sshlogin : --pipe -N 20 --keep-order ... --records -: exit 0"
same "$T/out" "$T/recs.ref" "  the same bytes as one run"
$P --sshlogin 2/: -X --keep-order "$UTDRAG" extract -j1 <"$T/list" >"$T/out"
ok $? "parallel --sshlogin 2/: -X --keep-order utdrag extract -j1: exit 0"
same "$T/out" "$T/files.ref" "  the same bytes as one run"

# --shard: each of N processes takes every N-th input of the same list
$P -j3 "$UTDRAG" extract -j1 --shard {}/3 "$DOCS" ::: 1 2 3 >"$T/out"
ok $? "parallel utdrag extract --shard {}/3 DIR ::: 1 2 3: exit 0"
same_sorted "$T/out" "$T/files.ref" "  the same lines as one run"
$P -j3 "$UTDRAG" extract -j1 --shard {}/3 --records "$T/recs.jsonl" ::: 1 2 3 >"$T/out"
ok $? "parallel utdrag extract --shard {}/3 --records FILE ::: 1 2 3: exit 0"
same_sorted "$T/out" "$T/recs.ref" "  the same lines as one run"
finish
