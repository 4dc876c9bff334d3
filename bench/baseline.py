#!/usr/bin/env python3
"""bench/baseline.py — the yardstick: what a journalist would write in an
afternoon with Python's `re` instead of utdrag.

A handful of regexes (ISO dates, Swedish written dates, case numbers,
amounts of money, party codes) over every .txt file given (directories are walked),
one JSON object a line on standard output, like `utdrag extract`.
It checks nothing (no calendar, no overlap rules, no context): it is the
speed of plain regex scanning in a scripting language, not a competitor
for quality.

usage: baseline.py FILE|DIR...
"""
import json
import os
import re
import sys

MONTHS = ("januari|februari|mars|april|maj|juni|juli|augusti|september|oktober"
          "|november|december")
# (type, regex, group holding the value)
PATTERNS = [
    ("date", 0, re.compile(r"(?<![0-9-])((?:19|20)[0-9]{2})-([0-9]{2})-([0-9]{2})(?![0-9])")),
    ("date", 0, re.compile(r"\b([0-9]{1,2}) (" + MONTHS + r") ((?:19|20)[0-9]{2})\b", re.IGNORECASE)),
    ("dnr", 1, re.compile(r"\b([A-ZÅÄÖ]{1,6} (?:19|20)[0-9]{2}/[0-9]{1,6})(?![0-9/])")),
    ("dnr", 1, re.compile(r"\b[Dd]nr:? *([A-Za-zÅÄÖåäö0-9./ -]{3,30}?)(?=[,;)\n]|$)", re.MULTILINE)),
    ("figure", 0, re.compile(r"(?<![0-9])([0-9]{1,3}(?:[  ][0-9]{3})*(?:,[0-9]+)?) ?"
                          r"(kr|kronor|tkr|mnkr|mkr|miljoner kronor|miljarder kronor|procent|%)")),
    ("party", 1, re.compile(r"\((S|M|C|V|L|KD|MP|SD|FP)\)", re.IGNORECASE)),
]


def paths(args):
    for a in args:
        if os.path.isdir(a):
            for root, dirs, files in os.walk(a):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith(".txt"):
                        yield os.path.join(root, f)
        else:
            yield a


def main(argv):
    out = sys.stdout
    for path in paths(argv[1:]):
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        for kind, group, rx in PATTERNS:
            for m in rx.finditer(text):
                out.write(json.dumps({"doc": path, "type": kind, "value": m.group(group), "text": m.group(0),
                                      "start": m.start(), "end": m.end()}, ensure_ascii=False))
                out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
