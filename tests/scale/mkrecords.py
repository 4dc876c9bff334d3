#!/usr/bin/env python3
"""tests/scale/mkrecords.py — documents as utdrag's --records input.

usage: mkrecords.py [--copies N] [--prefix] FILE|DIR... > records.jsonl

Writes one JSON object a line, {"id": PATH, "text": TEXT}, for every file
given and every *.txt below every directory given (sorted by name as
bytes, as `utdrag extract DIR` walks it).  TEXT is the file's bytes
decoded as UTF-8, unchanged (no newline translation), so that the records
of a record are the records of its file.  --copies N writes the list N
times; with --prefix the ids of copy K are "K:PATH".
"""
import json
import os
import sys


def walk(path):
    if not os.path.isdir(path):
        yield path
        return
    for name in sorted(os.listdir(path), key=os.fsencode):
        if name.startswith("."):
            continue
        p = os.path.join(path, name)
        if os.path.isdir(p):
            yield from walk(p)
        elif name.endswith(".txt") and os.path.isfile(p):
            yield p


def main(argv):
    copies, prefix, paths = 1, False, []
    it = iter(argv)
    for a in it:
        if a == "--copies":
            copies = int(next(it))
        elif a == "--prefix":
            prefix = True
        else:
            paths.append(a)
    files = [f for p in paths for f in walk(p)]
    out = sys.stdout
    for k in range(1, copies + 1):
        for f in files:
            with open(f, "rb") as fh:
                text = fh.read().decode("utf-8")
            rid = "%d:%s" % (k, f) if prefix else f
            out.write(json.dumps({"id": rid, "text": text}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
