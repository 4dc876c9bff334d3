# lib.sh — shared by tests/hostile/*.t: TAP helpers and a scratch directory.
# Each .t is a standalone TAP program, run from the repo root:
#     UTDRAG=build/utdrag tests/hostile/NAME.t
# UTDRAG may carry a wrapper (valgrind); the scratch directory goes away on exit.
set -u
cd "$(dirname "$0")/../.." || exit 1
UTDRAG=${UTDRAG:-build/utdrag}
RULES=${UTDRAG_RULES:-$PWD/rules}
export UTDRAG_RULES=$RULES
T=$(mktemp -d "${TMPDIR:-/tmp}/utdrag-hostile.XXXXXX")
trap 'rm -rf "$T"' EXIT
. tests/lib/tap.sh # plan, ok, skip, diag, finish, ut
# number of JSON Lines records on stdin that parse
count_records() { python3 -c '
import json, sys
n = 0
for line in sys.stdin:
    json.loads(line); n += 1
print(n)'; }
# The binary itself, without a wrapper such as valgrind.
UTDRAG_BIN=${UTDRAG##* }
# Big inputs shrink 50-fold under valgrind (memcheck runs ~50x slower):
# the promise tested is the same, the size is not the point there.
case "$UTDRAG" in *valgrind*) _scale=50 ;; *) _scale=1 ;; esac
mb() { echo $(( $1 * 1048576 / _scale )); } # bytes for N MiB at this scale
