#!/usr/bin/env python3
"""twins.t: real OCR output must score as well as its clean original.

The corpus holds documents OCR'd locally from a PDF whose clean text layer is
also in the corpus (SOURCES.tsv: kind `ocr-local`, "clean twin = docs/X").
Each twin is scored against its own answer key with `utdrag eval`; a type
fails when its F1 on the OCR twin is more than TOLERANCE below the clean
twin's.  The seed OCR document (SEED_DOC) must be fully right: F1 = 1 for
every type its key holds or utdrag reports, and every person's party and
role right.

A type that neither the key holds nor utdrag reports counts as F1 = 1
(nothing to find, nothing wrongly found).

Run from the repository root.  Environment: UTDRAG (default build/utdrag),
UTDRAG_CORPUS (default ../shared/corpus), TWINS_VERBOSE=1 (list every miss).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

TYPES = ["dnr", "date", "person", "party", "figure", "org"]
TOLERANCE = 0.05
SEED_DOC = "stockholm-sn-2013-motion-kunskapssegregation-ocr"
VERBOSE = os.environ.get("TWINS_VERBOSE", "") not in ("", "0")


def diag(msg=""):
    for line in str(msg).split("\n"):
        print("# " + line if line else "#")


def twins(corpus):
    """[(ocr doc name, clean doc name)] from SOURCES.tsv."""
    pairs = []
    with open(os.path.join(corpus, "SOURCES.tsv"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 6 or cols[4] != "ocr-local":
                continue
            m = re.search(r"clean twin = (?:docs/)?(\S+?)\.txt", cols[5])
            if m and cols[0].startswith("docs/"):
                pairs.append((os.path.basename(cols[0])[:-4], m.group(1)))
    return pairs


class Score:
    """One document's `utdrag eval` result: F1 per type, attribute accuracy."""

    def __init__(self, f1, attrs, misses, raw):
        self.f1, self.attrs, self.misses, self.raw = f1, attrs, misses, raw

    def type_f1(self, typ):
        return self.f1.get(typ, 1.0)


def evaluate(utdrag, corpus, doc, scratch):
    """Score one document against its own key only: eval compares against
    every key in the directory it is given, so each gets a directory."""
    gold_dir = os.path.join(scratch, doc)
    os.makedirs(gold_dir, exist_ok=True)
    shutil.copyfile(os.path.join(corpus, "gold", doc + ".jsonl"), os.path.join(gold_dir, doc + ".jsonl"))
    proc = subprocess.run([utdrag, "eval", "--gold", gold_dir, "--verbose", os.path.join(corpus, "docs", doc + ".txt")],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.decode("utf-8", errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"utdrag eval {doc}: exit {proc.returncode}: {proc.stderr.decode(errors='replace')[:300]}")
    f1, attrs, misses = {}, {}, []
    for line in out.splitlines():
        cols = line.split()
        if len(cols) == 8 and cols[0] in TYPES:
            f1[cols[0]] = float(cols[7])
        elif line.startswith("person.") and " accuracy " in line:
            m = re.match(r"person\.(\w+) accuracy (\d+)/(\d+)", line)
            if m:
                attrs[m.group(1)] = (int(m.group(2)), int(m.group(3)))
        elif "  " in line and not line.startswith(("type ", "overall ")):
            misses.append(line)
    return Score(f1, attrs, misses, out)


def misses_of(score, typ):
    """The eval listing's lines (`doc  type  missed|extra|wrong  value`) of one type."""
    return "\n".join(m for m in score.misses if m.split("  ")[1:2] == [typ])


def main():
    utdrag = os.environ.get("UTDRAG", "build/utdrag")
    corpus = os.environ.get("UTDRAG_CORPUS", os.path.join("..", "shared", "corpus"))
    if not os.access(utdrag, os.X_OK):
        print(f"1..0 # SKIP no utdrag at {utdrag} (build first, or set UTDRAG)")
        return 0
    if not os.path.isfile(os.path.join(corpus, "SOURCES.tsv")):
        print(f"1..0 # SKIP no corpus at {corpus} (set UTDRAG_CORPUS)")
        return 0
    pairs = twins(corpus)
    results = []  # (ok, description, diagnostics)
    with tempfile.TemporaryDirectory(prefix="utdrag-twins-") as scratch:
        if not pairs:
            results.append((False, "SOURCES.tsv names OCR twins (kind ocr-local, 'clean twin = ...')", ""))
        for ocr_doc, clean_doc in pairs:
            try:
                o = evaluate(utdrag, corpus, ocr_doc, scratch)
                c = evaluate(utdrag, corpus, clean_doc, scratch)
            except (RuntimeError, OSError) as e:
                results.append((False, f"{ocr_doc} vs {clean_doc}: {e}", ""))
                continue
            table = [f"{'type':8} {'clean F1':>9} {'ocr F1':>7}   ({ocr_doc} vs {clean_doc})"]
            bad = []
            for typ in TYPES:
                if typ not in o.f1 and typ not in c.f1:
                    continue
                fo, fc = o.type_f1(typ), c.type_f1(typ)
                flag = "" if fo >= fc - TOLERANCE - 1e-9 else "   <-- more than %.2f below" % TOLERANCE
                if flag:
                    bad.append(typ)
                table.append(f"{typ:8} {fc:9.3f} {fo:7.3f}{flag}")
            if VERBOSE or bad:
                table += ["ocr twin: " + m for m in o.misses] + ["clean twin: " + m for m in c.misses]
            desc = f"{ocr_doc}: per-type F1 within {TOLERANCE} of {clean_doc}"
            if bad:
                desc += " (falls: " + ", ".join(bad) + ")"
            results.append((not bad, desc, "\n".join(table)))

        try:
            s = evaluate(utdrag, corpus, SEED_DOC, scratch)
        except (RuntimeError, OSError) as e:
            results.append((False, f"{SEED_DOC}: {e}", ""))
            s = None
        if s is not None:
            for typ in TYPES:
                if typ in s.f1:
                    good = s.f1[typ] >= 1.0 - 1e-9
                    results.append((good, f"{SEED_DOC}: {typ} F1 {s.f1[typ]:.3f} (needs 1)",
                                    "" if good and not VERBOSE else misses_of(s, typ)))
            for attr in ("party", "role"):
                if attr in s.attrs:
                    ok_n, n = s.attrs[attr]
                    results.append((ok_n == n, f"{SEED_DOC}: person {attr} right {ok_n}/{n}",
                                    misses_of(s, "person." + attr) if ok_n != n or VERBOSE else ""))

    print(f"1..{len(results)}")
    for i, (good, desc, notes) in enumerate(results, 1):
        if notes:
            diag(notes)
        print(f"{'ok' if good else 'not ok'} {i} - {desc}")
    return 0 if all(r[0] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
