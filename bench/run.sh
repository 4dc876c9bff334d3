#!/bin/sh
# bench/run.sh — `make bench`: throughput, peak memory and instructions per
# byte of `utdrag extract` on a large input, next to two yardsticks:
#   rg        the floor: one scan for the rules' trigger patterns;
#   python re what a journalist would otherwise write (bench/baseline.py).
#
# The input is the corpus (docs/ and extra/) repeated until it reaches
# BENCH_MB megabytes (10^6 bytes), twice: as ONE big file and as MANY small
# files (one directory per repetition).  Both are built once under
# bench/out/ (git-ignored) and rebuilt when the corpus or BENCH_MB changes.
#
# Knobs (environment): BENCH_MB (200), BENCH_RUNS (3; the median is shown),
# BENCH_SLICE_MB (8, the callgrind slice), UTDRAG_CORPUS (../shared/corpus),
# BENCH_NO_CALLGRIND=1 to skip the slowest part, BENCH_TOP_RULES (10): how
# many of the most expensive rules to list.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
out="$here/out"
bin="$repo/${BUILD:-build}/utdrag"
corpus=${UTDRAG_CORPUS:-$repo/../shared/corpus}
mb=${BENCH_MB:-200}
runs=${BENCH_RUNS:-3}
slice_mb=${BENCH_SLICE_MB:-8}

[ -x "$bin" ] || { echo "bench: $bin missing: run make first" >&2; exit 2; }
[ -d "$corpus/docs" ] || { echo "bench: no corpus at $corpus (set UTDRAG_CORPUS)" >&2; exit 2; }

# ---- tools: install what is missing (Debian), like `make deps` ------------
need=""
command -v python3 >/dev/null 2>&1 || need="$need python3"
command -v rg >/dev/null 2>&1 || need="$need ripgrep"
[ -x /usr/bin/time ] || need="$need time"
[ -n "${BENCH_NO_CALLGRIND:-}" ] || command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
if [ -n "$need" ]; then
    echo "bench: installing:$need"
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need; } >/dev/null; then
        echo "bench: could not install$need; the rows that need them are skipped" >&2
    fi
fi
command -v python3 >/dev/null 2>&1 || { echo "bench: python3 is required" >&2; exit 2; }

# ---- input ----------------------------------------------------------------
mkdir -p "$out"
LC_ALL=C
export LC_ALL
src_files=$(find "$corpus/docs" "$corpus/extra" -name '*.txt' -type f | sort)
src_bytes=$(cat $src_files | wc -c)
reps=$(( (mb * 1000000 + src_bytes - 1) / src_bytes ))
stamp="v2 slice=$slice_mb corpus=$src_bytes files=$(echo "$src_files" | wc -l) reps=$reps"
if [ "$(cat "$out/stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "bench: building $out/big.txt and $out/many/ ($reps × $src_bytes bytes)"
    rm -rf "$out/many" "$out/big.txt" "$out/slice.txt" "$out/slice-cost.txt" "$out/stamp"
    # one repetition = every file, in order, as one chunk; documents are
    # separated by a blank line so that no match runs across two of them
    for f in $src_files; do cat "$f"; printf '\n\n'; done >"$out/chunk.txt"
    i=0
    while [ $i -lt $reps ]; do cat "$out/chunk.txt"; i=$((i + 1)); done >"$out/big.txt"
    i=0
    mkdir -p "$out/many"
    while [ $i -lt $reps ]; do
        d="$out/many/$(printf 'r%04d' $i)"
        mkdir "$d"
        cp $src_files "$d/"
        i=$((i + 1))
    done
    # the callgrind slice: the first BENCH_SLICE_MB MB, cut at a line end;
    # the rule-cost slice: its first 2 MB
    head -c $((slice_mb * 1000000)) "$out/big.txt" | sed '$d' >"$out/slice.txt"
    head -c 2000000 "$out/slice.txt" | sed '$d' >"$out/slice-cost.txt"
    echo "$stamp" >"$out/stamp"
fi

python3 "$here/measure.py" --bin "$bin" --out "$out" --runs "$runs" \
    --corpus "$corpus" --reps "$reps"

# per-stage cost (ms and ms/MB) on the slice, -j1: read, decode, normalize,
# scan, confirm, resolve, document, write (`utdrag extract --timings`)
echo
echo "per stage, -j1, $(du -m "$out/slice.txt" | cut -f1) MB slice, JSON Lines to /dev/null:"
"$bin" extract -j1 --no-progress --timings "$out/slice.txt" 2>&1 >/dev/null | sed -n 's/^timings: //p' | tr ';' '\n' | sed 's/^ */  /'

# the most expensive rules of the default rule set (the one `utdrag` finds
# next to its binary, or $UTDRAG_RULES)
cost="$repo/${BUILD:-build}/bench/rule_cost"
if [ -x "$cost" ]; then
    "$cost" "${UTDRAG_RULES:-$repo/rules}" "$out/slice-cost.txt" "${BENCH_TOP_RULES:-10}"
fi
