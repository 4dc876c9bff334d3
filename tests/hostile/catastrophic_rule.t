#!/usr/bin/env bash
# A user rule with nested quantifiers, (a+)+$, over a long line must not
# hang: PCRE2's match limit stops it, the rule is named in a warning, and
# every other rule still gives its fields (exit 0: a warning, not an error).
. "$(dirname "$0")/lib.sh"
plan 6

mkdir -p "$T/rules"
cp -r "$RULES"/. "$T/rules/"
cat >"$T/rules/user.rules" <<'RULES'
# exponential backtracking on a run of a's not followed by the end
rule user.nested
  type      org
  normalize text
  pattern   (a+)+$
RULES
python3 - "$T/in.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("Dnr KS 2023/00658 beslutades 2024-01-23.\n")
    f.write("a" * 200000 + "b\n")
    f.write("Sammanträde 2019-05-03, dnr 511-2413-16.\n")
PY

UT_TIMEOUT=120 ut extract --rules "$T/rules" "$T/in.txt" >"$T/out" 2>"$T/err"
rc=$?
ok $((rc >= 124 && rc <= 137 ? 1 : 0)) "finishes in bounded time (status $rc, 124+ = killed by timeout)"
ok $((rc == 0 ? 0 : 1)) "exit status 0: a rule hitting its limit is a warning"
grep -q "user.nested" "$T/err"
ok $? "the rule is named on stderr"
grep -qi "limit" "$T/err"
ok $? "the warning says a limit was hit"
diag "$T/err"

# the other rules: same fields as without the catastrophic rule
UT_TIMEOUT=120 ut extract "$T/in.txt" 2>/dev/null | python3 -c '
import json, sys
print("\n".join(sorted(json.dumps([r["type"], r["value"], r["start"]]) for r in map(json.loads, sys.stdin))))' >"$T/want"
python3 -c '
import json, sys
print("\n".join(sorted(json.dumps([r["type"], r["value"], r["start"]]) for r in map(json.loads, sys.stdin) if r["rule"] != "user.nested")))' <"$T/out" >"$T/got"
[ -s "$T/want" ] && cmp -s "$T/want" "$T/got"
ok $? "every other rule still gives its fields ($(wc -l <"$T/want") fields)"

# several documents: the limit on one does not stop the next
printf 'Beslut 2024-01-23\n' >"$T/b.txt"
UT_TIMEOUT=120 ut extract -j 1 --rules "$T/rules" "$T/in.txt" "$T/b.txt" 2>/dev/null | grep -q '"doc":"[^"]*b.txt"'
ok $? "the next document is still extracted"
finish
