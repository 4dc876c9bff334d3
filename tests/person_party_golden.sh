#!/bin/sh
# Golden test for the person and party types (issue 3): extract the
# annotated corpus and require, from tools/score.py,
#   person F1 >= 0.95, party F1 >= 0.95,
#   person.party accuracy >= 0.95, person.role accuracy >= 0.90.
# Prints TAP.  CORPUS and SCORER default to the shared corpus next to the
# repository; BIN to build/utdrag.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$here/build/utdrag}
CORPUS=${CORPUS:-$here/../shared/corpus}
SCORER=${SCORER:-$here/../shared/tools/score.py}
echo "1..4"
if [ ! -d "$CORPUS/docs" ] || [ ! -f "$SCORER" ]; then
    for i in 1 2 3 4; do echo "ok $i # SKIP no corpus at $CORPUS"; done
    exit 0
fi
table=$("$BIN" extract -t person,party "$CORPUS/docs" | python3 "$SCORER" "$CORPUS/gold") || {
    echo "Bail out! extract or score failed"; exit 1; }
check() { # n label value minimum
    if awk -v v="$3" -v m="$4" 'BEGIN { exit !(v != "" && v + 0 >= m + 0) }'; then
        echo "ok $1 - $2 $3 >= $4"
    else
        echo "not ok $1 - $2 '$3' < $4"
    fi
}
f1() { echo "$table" | awk -v t="$1" '$1 == t { print $NF }'; }
acc() { echo "$table" | awk -v t="$1" '$1 == t { print $NF }'; }
check 1 "person F1" "$(f1 person)" 0.95
check 2 "party F1" "$(f1 party)" 0.95
check 3 "person.party accuracy" "$(acc person.party)" 0.95
check 4 "person.role accuracy" "$(acc person.role)" 0.90
