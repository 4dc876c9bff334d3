#!/usr/bin/env bash
# run.sh BUILD NAME... — `make fuzz`: run each libFuzzer harness for
# $FUZZ_SECONDS (default 60) over a working corpus in BUILD/corpus/NAME,
# seeded from tests/fuzz/seeds/NAME, tests/fuzz/regress/NAME, the rule
# files (rules harness) and slices of $FUZZ_CORPUS/docs (the others).
# A crash leaves its input in BUILD/artifacts/NAME/ and fails the run:
# fix it, then save the input under tests/fuzz/regress/NAME/.
set -u
build=$1; shift
secs=${FUZZ_SECONDS:-60}
# FUZZ_SEED=N makes a run repeatable (CI uses one); 0 = libFuzzer's own
seedopt=${FUZZ_SEED:-0}
shared=${FUZZ_CORPUS:-../shared/corpus}
here=$(cd "$(dirname "$0")" && pwd)
status=0
# The harnesses' temp files (fuzz_sqlite commits a database three times an
# input, and SQLite syncs each commit): on a RAM disk when there is one and
# TMPDIR names no other place.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi

# Inputs longer than this are cut by libFuzzer; rule files are small.
max_len() { case $1 in rules) echo 4096 ;; extract) echo 65536 ;; *) echo 16384 ;; esac; }

seed() { # NAME DIR
    local name=$1 dir=$2
    mkdir -p "$dir"
    for d in "$here/seeds/$name" "$here/regress/$name"; do
        [ -d "$d" ] && find "$d" -maxdepth 1 -type f ! -name '.*' -exec cp {} "$dir/" \;
    done
    if [ "$name" = rules ]; then
        for f in "$here"/../../rules/*.rules; do cp "$f" "$dir/rules-$(basename "$f")"; done
    elif [ -d "$shared/docs" ]; then
        # 4 KiB slices: whole documents are larger than a fuzzer likes
        for f in "$shared"/docs/*.txt; do
            split -b 4096 -a 2 "$f" "$dir/doc-$(basename "$f" .txt)-"
        done
    fi
}

for name in "$@"; do
    bin=$build/fuzz_$name corpus=$build/corpus/$name art=$build/artifacts/$name
    [ -x "$bin" ] || { echo "fuzz: $bin not built" >&2; exit 2; }
    [ -d "$corpus" ] || seed "$name" "$corpus"
    mkdir -p "$art"
    echo "== fuzz_$name: ${secs}s, corpus $corpus"
    if "$bin" -seed="$seedopt" -max_total_time="$secs" -max_len="$(max_len "$name")" -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$art/" "$corpus" >"$build/fuzz_$name.log" 2>&1; then
        grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+ *DONE' "$build/fuzz_$name.log" | tr '\n' ' '
        echo "ok"
    else
        status=1
        echo "FAILED: see $build/fuzz_$name.log and $art/"
        tail -40 "$build/fuzz_$name.log"
    fi
done
exit $status
