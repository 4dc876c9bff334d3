#!/bin/sh
# tests/golden.sh — extraction quality on the annotated corpus (TAP).
#
# Runs the CLI over ../shared/corpus/docs, scores the output twice —
# `utdrag eval` (C) and ../shared/tools/score.py (the reference) — and
#   1. checks that both print the same table, line by line, and list the
#      same misses (so the C scorer cannot drift from the reference);
#   2. checks each score in tests/golden/thresholds (`TYPE MIN_F1`, or
#      `person.party MIN` / `person.role MIN` for attribute accuracy).
# The corpus lives beside the clone (../shared); without it the test is
# skipped.  UTDRAG_SHARED overrides that path.
set -u
cd "$(dirname "$0")/.." || exit 2
UTDRAG=${UTDRAG:-build/utdrag}
SHARED=${UTDRAG_SHARED:-../shared}
export LC_ALL=C
docs=$SHARED/corpus/docs
gold=$SHARED/corpus/gold
score=$SHARED/tools/score.py
if [ ! -d "$docs" ] || [ ! -d "$gold" ] || [ ! -f "$score" ]; then
    echo "1..0 # SKIP no annotated corpus at $SHARED"
    exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/utdrag-golden.XXXXXX")
trap 'rm -rf "$work"' EXIT

i=0
failed=0
check() { # check COND-EXIT-STATUS DESCRIPTION
    i=$((i + 1))
    if [ "$1" = 0 ]; then echo "ok $i - $2"; else echo "not ok $i - $2"; failed=$((failed + 1)); fi
}

$UTDRAG extract "$docs" >"$work/pred.jsonl" 2>"$work/extract.err"
code=$?
[ $code = 0 ] && [ ! -s "$work/extract.err" ]
check $? "extract over the corpus: exit 0 and nothing on stderr (exit $code)"
sed 's/^/#   /' "$work/extract.err" | head -20

# the unkeyed documents too: no error, and every record is JSON
if [ -d "$SHARED/corpus/extra" ]; then
    $UTDRAG extract "$SHARED/corpus/extra" >"$work/extra.jsonl" 2>"$work/extra.err"
    code=$?
    [ $code = 0 ] && [ ! -s "$work/extra.err" ] &&
        python3 -c 'import json, sys; [json.loads(l) for l in sys.stdin]' <"$work/extra.jsonl"
    check $? "extract over corpus/extra: exit 0, nothing on stderr, every line JSON (exit $code)"
    sed 's/^/#   /' "$work/extra.err" | head -20
fi

# the PCRE2 interpreter (UTDRAG_NO_JIT=1, used under valgrind) finds
# exactly what the JIT finds
UTDRAG_NO_JIT=1 $UTDRAG extract "$docs" >"$work/pred-interp.jsonl" 2>/dev/null
cmp -s "$work/pred.jsonl" "$work/pred-interp.jsonl"
check $? "the interpreter and the JIT give the same output on the corpus"

$UTDRAG eval --gold "$gold" "$docs" >"$work/c.txt" 2>"$work/c.err"
check $? "utdrag eval runs"
python3 "$score" "$gold" "$work/pred.jsonl" >"$work/py.txt" 2>"$work/py.err"
check $? "score.py runs"

# 1. the two scorers agree on every line of the table
nc=$(wc -l <"$work/c.txt")
np=$(wc -l <"$work/py.txt")
[ "$nc" = "$np" ] && [ "$nc" -gt 2 ]
check $? "both tables have the same number of lines ($nc, $np)"
n=$nc
[ "$np" -gt "$n" ] && n=$np
k=1
while [ $k -le "$n" ]; do
    a=$(sed -n "${k}p" "$work/c.txt")
    b=$(sed -n "${k}p" "$work/py.txt")
    [ "$a" = "$b" ]
    check $? "table line $k agrees: $a"
    [ "$a" = "$b" ] || echo "#   score.py: $b"
    k=$((k + 1))
done

# ... and on the list of misses (order differs: compare sorted)
$UTDRAG eval --verbose --gold "$gold" "$docs" 2>/dev/null | grep -E '  (extra|missed)  ' | sort >"$work/c.miss"
SCORE_VERBOSE=1 python3 "$score" "$gold" "$work/pred.jsonl" 2>/dev/null | grep -E '  (extra|missed)  ' | sort >"$work/py.miss"
cmp -s "$work/c.miss" "$work/py.miss"
check $? "both list the same $(wc -l <"$work/c.miss") misses and extras"
diff "$work/c.miss" "$work/py.miss" | head -20 | sed 's/^/#   /'

# 2. thresholds
while read -r what min rest; do
    case "$what" in ''|\#*) continue ;; esac
    case "$what" in
    person.*)
        got=$(awk -v a="$what" '$1 == a && $2 == "accuracy" { print $NF }' "$work/c.txt") ;;
    *)
        got=$(awk -v t="$what" '$1 == t && NF == 8 { print $8 }' "$work/c.txt") ;;
    esac
    if [ -z "$got" ]; then
        check 1 "$what >= $min (not reported at all)"
        continue
    fi
    awk -v g="$got" -v m="$min" 'BEGIN { exit !(g + 0 >= m + 0) }'
    check $? "$what $got >= $min"
done <tests/golden/thresholds

echo "1..$i"
[ $failed = 0 ]
