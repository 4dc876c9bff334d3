#!/bin/sh
# tests/cli.sh — the command-line tests, as files (zstd style), in TAP.
#
# Each case is a directory tests/cli/CASE/ holding
#   cmd          one shell line, run from the repository root with
#                $UTDRAG (the binary, maybe under valgrind) and $T (an
#                empty scratch directory of this case) in the environment
#   stdout.exact expected standard output   (the scratch path shown as $T)
#   stderr.exact expected standard error    (the scratch path shown as $T)
#   exit         expected exit status of the line
#
# usage: tests/cli.sh [--regen] [CASE...]
#   --regen rewrites the expected files from what the binary does now:
#   review the diff (git diff tests/cli) before committing it.
set -u
cd "$(dirname "$0")/.." || exit 2
root=$(pwd)
UTDRAG=${UTDRAG:-build/utdrag}
export UTDRAG LC_ALL=C TZ=UTC
regen=0
if [ "${1:-}" = --regen ]; then regen=1; shift; fi

if [ $# -gt 0 ]; then
    cases=""
    for c in "$@"; do cases="$cases tests/cli/${c#tests/cli/}"; done
else
    cases=$(ls -d tests/cli/*/ | sed 's|/$||')
fi
n=0
for c in $cases; do n=$((n + 1)); done
echo "1..$n"

i=0
failed=0
for c in $cases; do
    i=$((i + 1))
    name=${c#tests/cli/}
    if [ ! -f "$c/cmd" ]; then
        echo "not ok $i - $name: no cmd file"
        failed=$((failed + 1))
        continue
    fi
    work=$(mktemp -d "${TMPDIR:-/tmp}/utdrag-cli.XXXXXX")
    T=$work/t
    mkdir "$T"
    export T
    (cd "$root" && sh -c "$(cat "$c/cmd")") >"$work/out" 2>"$work/err" </dev/null
    code=$?
    # scratch paths differ per run: show them as $T
    sed "s|$T|\$T|g" "$work/out" >"$work/stdout"
    sed "s|$T|\$T|g" "$work/err" >"$work/stderr"
    echo "$code" >"$work/exit"
    if [ $regen = 1 ]; then
        cp "$work/stdout" "$c/stdout.exact"
        cp "$work/stderr" "$c/stderr.exact"
        cp "$work/exit" "$c/exit"
        echo "ok $i - $name # regenerated"
    else
        bad=""
        for f in stdout stderr; do
            if ! cmp -s "$work/$f" "$c/$f.exact"; then bad="$bad $f"; fi
        done
        if ! cmp -s "$work/exit" "$c/exit"; then bad="$bad exit"; fi
        if [ -z "$bad" ]; then
            echo "ok $i - $name"
        else
            failed=$((failed + 1))
            echo "not ok $i - $name (differs:$bad)"
            echo "#   cmd: $(cat "$c/cmd")"
            for f in stdout stderr; do
                case "$bad" in *$f*) diff -u "$c/$f.exact" "$work/$f" | head -40 | sed 's/^/#   /' ;; esac
            done
            case "$bad" in *exit*) echo "#   exit: want $(cat "$c/exit" 2>/dev/null), got $code" ;; esac
        fi
    fi
    rm -rf "$work"
done
[ $failed = 0 ]
