"""tap.py — TAP output for the Python test programs (tests/*/*.t).

check() prints one "ok"/"not ok" line and returns the condition, skip()
an "ok # SKIP" line, finish() the exit status (1 when a check failed):
prove counts the lines.  A .t finds this module through
sys.path.insert(0, <repo>/tests/lib).
"""
import sys

_n = 0
_failed = 0


def check(cond, what):
    global _n, _failed
    _n += 1
    print(("ok %d - %s" if cond else "not ok %d - %s") % (_n, what))
    sys.stdout.flush()
    if not cond:
        _failed += 1
    return cond


def skip(what):
    global _n
    _n += 1
    print("ok %d # SKIP %s" % (_n, what))
    sys.stdout.flush()


def count():
    """checks so far (a plan printed at the end)"""
    return _n


def finish():
    return 1 if _failed else 0
