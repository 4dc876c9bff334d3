#!/usr/bin/env python3
"""tests/pdf/corpus.t — PDF input end to end on the corpus PDFs (TAP).

The PDFs in ../shared/corpus/pdf each have a text twin (docs/ or extra/,
made with `pdftotext -layout`), and four have answer keys in gold/.  With
the real rules, through the CLI ($UTDRAG):
  1. a PDF gives the same (type, value) set as its twin, and covers every
     answer key its twin covers (the stated level: at least 0.9 of the keys
     of the four keyed PDFs together);
  2. every record's `page` is right: its text is on that page of
     pdftotext's output (pages split at form feeds), and known values sit
     on known pages;
  3. a two-column signature block gives two persons, not one merged name;
  4. a directory with .txt and .pdf files gives both, and JSON / CSV show
     the pages.
Without the corpus (../shared, or $UTDRAG_SHARED) the test is skipped.
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata

UTDRAG = os.environ.get("UTDRAG", "build/utdrag").split()
SHARED = os.environ.get("UTDRAG_SHARED", "../shared")
CORPUS = os.path.join(SHARED, "corpus")
PDF_DIR = os.path.join(CORPUS, "pdf")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tap import check, count, finish  # noqa: E402


def fold(s):  # as ../shared/tools/score.py
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
    return " ".join(s.lower().split())


def extract(*args):
    p = subprocess.run(UTDRAG + ["extract", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def records(path):
    code, out, err = extract(path)
    check(code == 0 and err == "", "%s: exit 0, nothing on stderr (exit %d) %s" % (os.path.basename(path), code, err.strip()))
    return [json.loads(line) for line in out.splitlines()]


def twin_of(name):
    for d in ("docs", "extra"):
        p = os.path.join(CORPUS, d, name + ".txt")
        if os.path.exists(p):
            return p
    return None


def main():
    if not os.path.isdir(PDF_DIR):
        print("1..0 # SKIP no corpus PDFs at %s" % PDF_DIR)
        return 0
    pdfs = sorted(f for f in os.listdir(PDF_DIR) if f.endswith(".pdf"))
    keyed = covered = 0
    by_name = {}
    for f in pdfs:
        name = f[:-4]
        path = os.path.join(PDF_DIR, f)
        recs = records(path)
        by_name[name] = recs
        twin = twin_of(name)
        if not check(twin is not None, "%s: has a text twin" % name):
            continue
        got = {(r["type"], fold(r["value"])) for r in recs}
        want = {(r["type"], fold(r["value"])) for r in records(twin)}
        check(got == want, "%s: the same %d (type, value) as its twin (only PDF: %s; only twin: %s)"
              % (name, len(want), sorted(got - want)[:3], sorted(want - got)[:3]))
        gold_path = os.path.join(CORPUS, "gold", name + ".jsonl")
        if os.path.exists(gold_path):
            with open(gold_path, encoding="utf-8") as g:
                gold = {(r["type"], fold(r["value"])) for r in map(json.loads, filter(str.strip, g))}
            check(gold & want <= got, "%s: covers every answer key its twin covers (%d/%d)" % (name, len(gold & got), len(gold)))
            keyed += len(gold)
            covered += len(gold & got)
        # pages: each record's text is on its page of pdftotext's output
        ref = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True)
        pages = ref.stdout.split("\f")
        wrong = [r for r in recs if not (1 <= r.get("page", 0) <= len(pages) and r["text"] in pages[r["page"] - 1])]
        check(ref.returncode == 0 and recs and not wrong,
              "%s: every record's text is on its page (%d records, wrong: %s)" % (name, len(recs), [(r["text"], r.get("page")) for r in wrong[:3]]))
    check(keyed and covered / keyed >= 0.9, "answer keys covered from the PDFs: %d/%d >= 0.9" % (covered, keyed))

    # known values on known pages, two-column signatures as two persons
    def find(name, type_, value):
        return [r for r in by_name.get(name, []) if r["type"] == type_ and r["value"] == value]

    aff = "nacka-ksvu-2018-tjskr-affarsplan"
    check([r["page"] for r in find(aff, "dnr", "KFKS 2018/1071")] == [1], "KFKS 2018/1071 is on page 1")
    einar, helena = find(aff, "person", "Einar Fransson"), find(aff, "person", "Helena Ekwall")
    check([r["page"] for r in einar] == [2], "Einar Fransson signs on page 2")
    check(len(einar) == 1 and len(helena) == 1 and einar[0]["line"] == helena[0]["line"],
          "two columns: Einar Fransson and Helena Ekwall, two persons on one line")
    check(einar and einar[0].get("role") == "produktionsdirektör" and helena and helena[0].get("role") == "chef verksamhetsstödet",
          "each gets the role under their own name")
    check(not [r for r in by_name.get(aff, []) if r["type"] == "person" and "Fransson" in r["value"] and "Helena" in r["value"]],
          "no merged name across the columns")
    mot = "nacka-motion-v-2018-hogstadie"
    amanda, borna = find(mot, "person", "Amanda Sandholm"), find(mot, "person", "Borna Roshani")
    check(amanda and borna and amanda[0]["line"] == borna[0]["line"] and amanda[0]["page"] == 1,
          "motion: Amanda Sandholm and Borna Roshani, side by side, two persons on page 1")

    # a directory with .txt and .pdf: both; JSON and CSV show the pages
    tmp = tempfile.mkdtemp(prefix="utdrag-pdf.")
    try:
        shutil.copy(os.path.join(PDF_DIR, aff + ".pdf"), os.path.join(tmp, "a.pdf"))
        shutil.copy(twin_of(mot), os.path.join(tmp, "b.txt"))
        code, out, err = extract(tmp)
        docs = {json.loads(line)["doc"] for line in out.splitlines()}
        check(code == 0 and docs == {tmp + "/a.pdf", tmp + "/b.txt"}, "a directory gives its .pdf and its .txt (%s)" % sorted(docs))
        code, out, err = extract("--format", "json", tmp)
        arr = json.loads(out)
        check(code == 0 and [d.get("pages") for d in arr] == [2, None], "JSON: \"pages\" on the PDF's document only")
        check(all("page" in f for f in arr[0]["fields"]) and not any("page" in f for f in arr[1]["fields"]),
              "JSON: \"page\" on the PDF's fields only")
        code, out, err = extract("--format", "csv", tmp)
        rows = list(csv.reader(io.StringIO(out)))
        # page came after the columns of the first release (encoding last),
        # and before any column added since (README, CSV)
        check(rows and rows[0][rows[0].index("encoding") + 1] == "page", "CSV: page comes right after encoding")
        p = rows[0].index("page") if rows else 0
        pdf_rows = [r for r in rows[1:] if r[0] == tmp + "/a.pdf"]
        txt_rows = [r for r in rows[1:] if r[0] == tmp + "/b.txt"]
        check(pdf_rows and txt_rows and all(r[p] in ("1", "2") for r in pdf_rows) and all(r[p] == "" for r in txt_rows),
              "CSV: page filled for PDF rows, empty for text rows")
    finally:
        shutil.rmtree(tmp)
    print("1..%d" % count())
    return finish()


if __name__ == "__main__":
    sys.exit(main())
