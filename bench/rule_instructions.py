#!/usr/bin/env python3
"""Instructions a megabyte that some rules cost alone, counted by callgrind.

bench/rule_cost times rules by CPU time, which on a shared virtual machine
varies by a third from run to run (0.095 to 0.166 s for the same 2 MB seen
on one machine in one hour); an instruction count does not, so a change to
one rule's pattern can be judged by a single run.

    bench/rule_instructions.py [--rules DIR] [--utdrag BIN] INPUT RULE_ID...

copies the rule set with every rule but the named ones taken out (defines,
lexicons and comments stay), runs `utdrag extract -j1` under
`valgrind --tool=callgrind` on an empty file and on INPUT, and prints the
difference per megabyte of INPUT: what matching, resolving, the document
passes and writing cost for these rules, without start-up (the first run of
a new rule copy also builds its anchor database cache, so it is not counted).
"""
import argparse
import os
import re
import shutil
import sys
import tempfile

from measure import callgrind_count  # bench/measure.py, beside this file


def keep_only(src, dst, keep):
    """Copy src to dst with only the rules in keep; the ids not found."""
    shutil.copytree(src, dst)
    missing = set(keep)
    for name in os.listdir(dst):
        if not name.endswith(".rules"):
            continue
        path = os.path.join(dst, name)
        out, inside = [], None
        with open(path, encoding="utf-8") as f:
            for line in f:
                head = re.match(r"rule\s+(\S+)", line)
                if head:
                    inside = head.group(1)
                    missing.discard(inside)
                elif not line[:1].isspace():
                    inside = None  # a define, a comment or a blank line ends a rule
                if inside is None or inside in keep:
                    out.append(line)
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(out))
    return missing


def instructions(utdrag, rules, path):
    n, err = callgrind_count([utdrag, "extract", "-j1", "--no-progress", "--rules", rules, path])
    if n is None:
        sys.exit(f"rule_instructions: utdrag failed on {path}:\n{err}")
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rules", default="rules")
    ap.add_argument("--utdrag", default=os.path.join(os.environ.get("BUILD", "build"), "utdrag"))
    ap.add_argument("input")
    ap.add_argument("rule", nargs="+")
    a = ap.parse_args()
    size = os.path.getsize(a.input)
    if size == 0:
        sys.exit(f"rule_instructions: {a.input} is empty")
    with tempfile.TemporaryDirectory() as tmp:
        rules, empty = os.path.join(tmp, "rules"), os.path.join(tmp, "empty.txt")
        missing = keep_only(a.rules, rules, set(a.rule))
        if missing:
            sys.exit(f"rule_instructions: no rule {', '.join(sorted(missing))} in {a.rules}")
        open(empty, "w").close()
        instructions(a.utdrag, rules, empty)  # builds the copy's anchor cache
        base = instructions(a.utdrag, rules, empty)
        full = instructions(a.utdrag, rules, a.input)
    print(f"{' '.join(a.rule)}: {(full - base) / (size / 1e6) / 1e6:.1f} M instructions/MB "
          f"on {a.input} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
