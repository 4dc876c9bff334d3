#!/bin/sh
# tests/rules.sh — every `example` line of the bundled rules holds (TAP).
#
# `utdrag rules test` runs each example through the WHOLE rule set (and
# proves the anchor declarations on the examples and the corpora) and
# ends with "N passed, M failed".  The bundled rules are checked, and the
# small fixed set of the CLI tests too.
set -u
cd "$(dirname "$0")/.." || exit 2
UTDRAG=${UTDRAG:-build/utdrag}
export LC_ALL=C
echo "1..4"
i=0
failed=0
# the bundled rules' anchor declarations are also proven on every corpus
# here (a match outside its windows fails with the rule's file:line)
SHARED=${UTDRAG_SHARED:-../shared}
corpus=""
for d in "$SHARED/corpus/docs" "$SHARED/corpus/extra" tests/field/docs samples; do
    [ -d "$d" ] && corpus="$corpus --corpus $d"
done
for dir in rules tests/data/rules-min; do
    extra=""
    [ "$dir" = rules ] && extra=$corpus
    out=$($UTDRAG rules test --rules "$dir" $extra 2>&1)
    code=$?
    summary=$(printf '%s\n' "$out" | tail -n 1)
    i=$((i + 1))
    if [ $code = 0 ]; then echo "ok $i - rules test --rules $dir exits 0"; else echo "not ok $i - rules test --rules $dir exits 0 (got $code)"; failed=$((failed + 1)); fi
    i=$((i + 1))
    if printf '%s\n' "$summary" | grep -Eq '^[1-9][0-9]* passed, 0 failed$'; then
        echo "ok $i - $dir: $summary"
    else
        echo "not ok $i - $dir: '$summary' (want 'N passed, 0 failed', N > 0)"
        failed=$((failed + 1))
        printf '%s\n' "$out" | grep -v '^ok ' | head -50 | sed 's/^/#   /'
    fi
done
[ $failed = 0 ]
