# lib.sh — shared by tests/scale/*.t: TAP helpers, a scratch directory,
# the corpus.  Each .t is a standalone TAP program, run from the repo root:
#     UTDRAG=build/utdrag tests/scale/NAME.t
set -u
cd "$(dirname "$0")/../.." || exit 1
UTDRAG=${UTDRAG:-build/utdrag}
case "$UTDRAG" in /*) ;; *) UTDRAG=$PWD/$UTDRAG ;; esac # parallel's jobs may run elsewhere
SHARED=${UTDRAG_SHARED:-../shared}
DOCS=$SHARED/corpus/docs
T=$(mktemp -d "${TMPDIR:-/tmp}/utdrag-scale.XXXXXX")
trap 'rm -rf "$T"' EXIT
export LC_ALL=C
. tests/lib/tap.sh # plan, ok, skip, diag, finish, ut
# same bytes: ok, else show the first difference
same() { # same FILE-A FILE-B DESCRIPTION
    if cmp -s "$1" "$2"; then ok 0 "$3"
    else ok 1 "$3"; diff "$1" "$2" | head -5 | diag; fi
}
# same lines in any order
same_sorted() { # same_sorted FILE-A FILE-B DESCRIPTION
    sort "$1" >"$T/.a"; sort "$2" >"$T/.b"
    same "$T/.a" "$T/.b" "$3"
}
# jobs in a GNU parallel --joblog that ran, and whether all exited 0
jobs_run() { tail -n +2 "$1" | wc -l; }
jobs_ok() { tail -n +2 "$1" | awk -F'\t' '$7 != 0 || $8 != 0 { bad = 1 } END { exit bad }'; }
