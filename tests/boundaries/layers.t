#!/usr/bin/env python3
"""tests/boundaries/layers.t — the tree is the pipeline: no stage reaches a
later one, and no two files depend on each other (TAP).

The stages, in order (src/README.md); a file may include and call its own
stage and earlier ones only:

    base  record  input  text  rules  extractors  engine  doc  pipeline
    write  check  cli

Checked over two graphs:
  - #include "..." of every .c/.h in src/ and extractors/ (include/ is the
    public API, open to all); the CLI (src/cli/) includes nothing but
    include/ and its own headers;
  - calls and data references between the library's objects, from `nm` on
    the build beside $UTDRAG (defined vs undefined symbols).
A cycle between files in either graph fails too, stage or not.
"""
import os, re, subprocess, sys
from collections import defaultdict

STAGES = ["base", "record", "input", "text", "rules", "extractors", "engine", "doc",
          "pipeline", "write", "check", "cli"]
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
n = 0
failed = 0


def ok(cond, desc, details=()):
    global n, failed
    n += 1
    print(("ok" if cond else "not ok") + " %d - %s" % (n, desc))
    if not cond:
        failed += 1
        for d in list(details)[:30]:
            print("# " + d)


def stage_of(path):
    parts = path.split("/")
    if parts[0] == "extractors":
        return "extractors"
    if parts[0] == "src" and len(parts) > 2 and parts[1] in STAGES:
        return parts[1]
    return None


def sources():
    out = []
    for top in ("src", "extractors"):
        for d, _, fs in os.walk(top):
            out += [os.path.join(d, f) for f in fs if f.endswith((".c", ".h"))]
    return sorted(out)


def resolve(src, name):
    for base in (os.path.dirname(src), "src", "extractors", "include"):
        p = os.path.normpath(os.path.join(base, name))
        if os.path.isfile(p):
            return p
    return None


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v); on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))
    for v in list(graph):
        if v not in index:
            visit(v)
    return out


print("1..6")
files = sources()
unstaged = [f for f in files if stage_of(f) is None]
ok(not unstaged, "every source file is in a stage folder (%d files)" % len(files), unstaged)

inc = defaultdict(set)
upward, cli_private = [], []
for f in files:
    for name in re.findall(r'^\s*#\s*include\s+"([^"]+)"', open(f, encoding="utf-8").read(), re.M):
        t = resolve(f, name)
        if t is None:
            continue
        if t.startswith("include/"):
            continue
        inc[f].add(t)
        a, b = stage_of(f), stage_of(t)
        if a == "cli" and b != "cli":
            cli_private.append("%s includes %s" % (f, t))
        elif b and STAGES.index(b) > STAGES.index(a):
            upward.append("%s (%s) includes %s (%s)" % (f, a, t, b))
ok(not upward, "no #include reaches a later stage", upward)
ok(not cli_private, "the CLI includes only the public API (include/) and its own headers", cli_private)
ok(not cycles(inc), "no cycle of #include", [" <-> ".join(c) for c in cycles(inc)])

# the call graph, from the objects of the build that $UTDRAG belongs to
utdrag = os.environ.get("UTDRAG", "build/utdrag").split()[-1]
build = os.path.dirname(utdrag) or "."
objs = []
for d, _, fs in os.walk(build):
    objs += [os.path.join(d, f) for f in fs if f.endswith(".o")]
objs = [o for o in objs if stage_of(os.path.relpath(o, build)[:-2] + ".c")]
if not objs or subprocess.run(["sh", "-c", "command -v nm"], capture_output=True).returncode:
    print("ok 5 # SKIP no objects under %s or no nm" % build)
    print("ok 6 # SKIP no objects under %s or no nm" % build)
    sys.exit(1 if failed else 0)
defs, undef = {}, {}
for o in objs:
    name = os.path.relpath(o, build)[:-2] + ".c"
    undef[name] = set()
    for line in subprocess.run(["nm", o], capture_output=True, text=True).stdout.splitlines():
        p = line.split()
        if len(p) == 3 and p[1] in "TDBRCV":
            defs[p[2]] = name
        elif len(p) == 2 and p[0] == "U":
            undef[name].add(p[1])
calls = defaultdict(set)
up = []
for f, syms in undef.items():
    for s in sorted(syms):
        t = defs.get(s)
        if not t or t == f:
            continue
        calls[f].add(t)
        a, b = stage_of(f), stage_of(t)
        if STAGES.index(b) > STAGES.index(a):
            up.append("%s (%s) uses %s of %s (%s)" % (f, a, s, t, b))
ok(not up, "no call from a stage into a later one (%d objects)" % len(objs), up)
cyc = cycles(calls)
ok(not cyc, "no cycle of calls between files", [" <-> ".join(c) for c in cyc])
sys.exit(1 if failed else 0)
