# tap.sh — TAP output for the shell test programs (tests/*/lib.sh source it).
# Each .t prints "1..N" (plan), one "ok"/"not ok" line per check, and ends
# with finish, which exits 1 when any check failed: prove counts them.
_n=0
_failed=0
plan() { echo "1..$1"; }
ok() { # ok COND-STATUS DESCRIPTION   (0 = pass)
    _n=$((_n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $_n - $2"; else echo "not ok $_n - $2"; _failed=$((_failed + 1)); fi
}
skip() { _n=$((_n + 1)); echo "ok $_n # SKIP $1"; }
diag() { sed 's/^/# /' "$@"; }
finish() { exit $((_failed > 0)); }
# run the tool with a hard time bound: a hang fails the test instead of the suite
ut() { timeout -k 5 "${UT_TIMEOUT:-300}" $UTDRAG "$@"; }
