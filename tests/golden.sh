#!/bin/sh
# tests/golden.sh — extraction quality on the annotated corpora (TAP).
#
# Two corpora, scored separately:
#   shared  ../shared/corpus/docs + gold, thresholds in tests/golden/thresholds
#   field   tests/field/docs + gold (documents from sources the rules were
#           never written against; tests/field/README), thresholds in
#           tests/field/thresholds
# For each, runs the CLI over the docs, scores the output twice —
# `utdrag eval` (C) and ../shared/tools/score.py (the reference) — and
#   1. checks that both print the same table, line by line, and list the
#      same misses (so the C scorer cannot drift from the reference);
#   2. checks each score in its thresholds file (`TYPE MIN_F1`,
#      `overall MIN_F1`, or `person.party MIN` / `person.role MIN` for
#      attribute accuracy).
# The shared corpus and the reference scorer live beside the clone
# (../shared); without them the shared part is skipped, and the field part
# is scored by `utdrag eval` alone.  UTDRAG_SHARED overrides that path.
set -u
cd "$(dirname "$0")/.." || exit 2
UTDRAG=${UTDRAG:-build/utdrag}
SHARED=${UTDRAG_SHARED:-../shared}
export LC_ALL=C
docs=$SHARED/corpus/docs
gold=$SHARED/corpus/gold
score=$SHARED/tools/score.py
have_shared=1
if [ ! -d "$docs" ] || [ ! -d "$gold" ] || [ ! -f "$score" ]; then
    echo "# no annotated corpus at $SHARED: only tests/field is scored"
    have_shared=0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/utdrag-golden.XXXXXX")
trap 'rm -rf "$work"' EXIT

i=0
failed=0
check() { # check COND-EXIT-STATUS DESCRIPTION
    i=$((i + 1))
    if [ "$1" = 0 ]; then echo "ok $i - $2"; else echo "not ok $i - $2"; failed=$((failed + 1)); fi
}

if [ $have_shared = 1 ]; then
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
fi

# score_corpus LABEL DOCS GOLD THRESHOLDS: both scorers, their agreement, thresholds
score_corpus() {
    label=$1 sdocs=$2 sgold=$3 sthr=$4
    $UTDRAG extract "$sdocs" >"$work/$label.pred.jsonl" 2>"$work/$label.extract.err"
    $UTDRAG eval --gold "$sgold" "$sdocs" >"$work/$label.c.txt" 2>"$work/$label.c.err"
    check $? "$label: utdrag eval runs"
    sed 's/^/#   /' "$work/$label.c.txt"
    if [ -f "$score" ]; then
        python3 "$score" "$sgold" "$work/$label.pred.jsonl" >"$work/$label.py.txt" 2>"$work/$label.py.err"
        check $? "$label: score.py runs"
        # 1. the two scorers agree on every line of the table
        nc=$(wc -l <"$work/$label.c.txt")
        np=$(wc -l <"$work/$label.py.txt")
        [ "$nc" = "$np" ] && [ "$nc" -gt 2 ]
        check $? "$label: both tables have the same number of lines ($nc, $np)"
        n=$nc
        [ "$np" -gt "$n" ] && n=$np
        k=1
        while [ $k -le "$n" ]; do
            a=$(sed -n "${k}p" "$work/$label.c.txt")
            b=$(sed -n "${k}p" "$work/$label.py.txt")
            [ "$a" = "$b" ]
            check $? "$label: table line $k agrees: $a"
            [ "$a" = "$b" ] || echo "#   score.py: $b"
            k=$((k + 1))
        done
        # ... and on the list of misses (order differs: compare sorted)
        $UTDRAG eval --verbose --gold "$sgold" "$sdocs" 2>/dev/null | grep -E '  (extra|missed)  ' | sort >"$work/$label.c.miss"
        SCORE_VERBOSE=1 python3 "$score" "$sgold" "$work/$label.pred.jsonl" 2>/dev/null | grep -E '  (extra|missed)  ' | sort >"$work/$label.py.miss"
        cmp -s "$work/$label.c.miss" "$work/$label.py.miss"
        check $? "$label: both list the same $(wc -l <"$work/$label.c.miss") misses and extras"
        diff "$work/$label.c.miss" "$work/$label.py.miss" | head -20 | sed 's/^/#   /'
    fi
    # 2. thresholds
    while read -r what min rest; do
        case "$what" in ''|\#*) continue ;; esac
        case "$what" in
        person.*)
            got=$(awk -v a="$what" '$1 == a && $2 == "accuracy" { print $NF }' "$work/$label.c.txt") ;;
        overall)
            got=$(awk '$1 == "overall" { print $NF }' "$work/$label.c.txt") ;;
        *)
            got=$(awk -v t="$what" '$1 == t && NF == 8 { print $8 }' "$work/$label.c.txt") ;;
        esac
        if [ -z "$got" ]; then
            check 1 "$label: $what >= $min (not reported at all)"
            continue
        fi
        awk -v g="$got" -v m="$min" 'BEGIN { exit !(g + 0 >= m + 0) }'
        check $? "$label: $what $got >= $min"
    done <"$sthr"
}

if [ -d "$docs" ] && [ -d "$gold" ] && [ -f "$score" ]; then
    score_corpus shared "$docs" "$gold" tests/golden/thresholds
fi

# the field corpus (kept in the tree): extract without error, then score
fdocs=tests/field/docs
fgold=tests/field/gold
$UTDRAG extract "$fdocs" >"$work/field.all.jsonl" 2>"$work/field.all.err"
code=$?
[ $code = 0 ] && [ ! -s "$work/field.all.err" ]
check $? "extract over tests/field/docs: exit 0 and nothing on stderr (exit $code)"
sed 's/^/#   /' "$work/field.all.err" | head -20
score_corpus field "$fdocs" "$fgold" tests/field/thresholds

echo "1..$i"
[ $failed = 0 ]
