#!/usr/bin/python3
# xlsx.t — `utdrag extract --format xlsx` read back with Python's own
# zipfile and XML parser (no spreadsheet library: an independent reader),
# over ../shared/corpus/docs and compared with the JSON Lines of the same
# run: the sheets and their order, the header (frozen, autofiltered), one
# row per field of each type, every key of every record in its column with
# its type (numbers as numeric cells, ocr/approx as booleans, the rest as
# strings), the documents sheet, --types, an exit-1 run, and -o's atomic
# replacement.
import json, os, re, subprocess, sys, tempfile, zipfile
import xml.etree.ElementTree as ET

UTDRAG = os.environ.get("UTDRAG", "build/utdrag").split()
CORPUS = "../shared/corpus/docs"
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
TYPES = ["dnr", "date", "figure", "party", "person", "org"]  # registry order

n = 0
failed = 0
def ok(cond, name, diag=None):
    global n, failed
    n += 1
    if not cond:
        failed += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, name))
    if not cond and diag:
        for line in str(diag).splitlines()[:20]:
            print("#   " + line)
    return cond

def run(*args):
    return subprocess.run(UTDRAG + list(args), capture_output=True)

def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    i = 0
    for ch in letters:
        i = i * 26 + ord(ch) - 64
    return i - 1

def unescape(s):
    # OOXML writes control characters as _xHHHH_
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), s)

def read_workbook(path):
    """{sheet name: {"rows": [[(kind, value)...]...], "xml": root}} in order."""
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels")).iter(PKG_REL)}
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append(unescape("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))))
    sheets = {}
    for s in wb.find("m:sheets", NS):
        target = rels[s.get("{%s}id" % NS["r"])]
        root = ET.fromstring(z.read("xl/" + target.lstrip("/").replace("xl/", "", 1)))
        rows = []
        for row in root.find("m:sheetData", NS).findall("m:row", NS):
            cells = {}
            for c in row.findall("m:c", NS):
                t = c.get("t", "n")
                if t == "inlineStr":
                    val = ("str", unescape("".join(x.text or "" for x in c.iter("{%s}t" % NS["m"]))))
                elif t == "s":
                    val = ("str", shared[int(c.find("m:v", NS).text)])
                elif t == "b":
                    val = ("bool", c.find("m:v", NS).text == "1")
                elif t == "n":
                    val = ("num", float(c.find("m:v", NS).text))
                else:
                    val = (t, c.find("m:v", NS).text)
                cells[col_index(c.get("r"))] = val
            width = max(cells) + 1 if cells else 0
            rows.append([cells.get(i) for i in range(width)])
        sheets[s.get("name")] = {"rows": rows, "xml": root}
    return sheets

def jsonl(*args):
    p = run("extract", *args)
    return p.returncode, [json.loads(l) for l in p.stdout.decode().splitlines()]

def cell_matches(cell, v):
    if isinstance(v, bool):
        return cell == ("bool", v)
    if isinstance(v, (int, float)):
        return cell is not None and cell[0] == "num" and cell[1] == float(v)
    return cell == ("str", v)

def check_records(sheets, records, label):
    by_type = {t: [r for r in records if r["type"] == t] for t in TYPES}
    for t in TYPES:
        rows = sheets[t]["rows"]
        header = [c[1] for c in rows[0]]
        ok(rows[0] and all(c[0] == "str" for c in rows[0]), "%s: %s: header row of strings" % (label, t))
        ok(header[:7] == ["doc", "line", "start", "end", "value", "text", "rule"],
           "%s: %s: header starts doc,line,start,end,value,text,rule" % (label, t), header)
        ok(len(rows) - 1 == len(by_type[t]), "%s: %s: %d rows, as JSONL has %d records" %
           (label, t, len(rows) - 1, len(by_type[t])))
        bad = []
        for row, rec in zip(rows[1:], by_type[t]):
            row = row + [None] * (len(header) - len(row))
            for k, v in rec.items():
                if k == "type":
                    continue
                if k in header:
                    if not cell_matches(row[header.index(k)], v):
                        bad.append("%s %s:%s %s: cell %r, JSONL %r" % (t, rec["doc"], rec["start"], k, row[header.index(k)], v))
                else:
                    other = row[header.index("other")]
                    if not other or ("%s=" % k) not in other[1]:
                        bad.append("%s %s: key %s in no column" % (t, rec["doc"], k))
            for i, h in enumerate(header):
                if row[i] is not None and h not in rec and h != "other":
                    bad.append("%s %s: cell %s that JSONL does not have" % (t, rec["doc"], h))
        ok(not bad, "%s: %s: every key in its column, with its type" % (label, t), "\n".join(bad))
    return by_type

with tempfile.TemporaryDirectory() as T:
    out = os.path.join(T, "fields.xlsx")
    p = run("extract", "--format", "xlsx", "-o", out, CORPUS)
    ok(p.returncode == 0 and p.stderr == b"", "corpus to xlsx: exit 0, nothing on stderr", p.stderr.decode())
    with open(out, "rb") as f:
        ok(f.read(4) == b"PK\x03\x04", "the output is a zip file")
    ok(zipfile.ZipFile(out).testzip() is None, "every member's CRC is right")
    sheets = read_workbook(out)
    ok(list(sheets) == ["documents"] + TYPES, "sheets: documents, then one per type in registry order", list(sheets))
    rc, records = jsonl(CORPUS)
    ok(rc == 0 and len(records) > 1000, "JSONL of the same corpus: %d records" % len(records))
    by_type = check_records(sheets, records, "corpus")
    # numbers as numbers: the integers and the figures
    fig = sheets["figure"]["rows"]
    numcol = [c[1] for c in fig[0]].index("number")
    ok(all(r[numcol][0] == "num" for r in fig[1:]), "figure numbers are numeric cells (%d)" % (len(fig) - 1))
    ok(all(r[1][0] == "num" and r[1][1] == int(r[1][1]) for s in TYPES for r in sheets[s]["rows"][1:]),
       "line is an integer numeric cell on every sheet")

    # frozen header, autofilter over the data, column widths
    for name, s in sheets.items():
        root = s["xml"]
        pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
        af = root.find("m:autoFilter", NS)
        cols = root.findall("m:cols/m:col", NS)
        ncols = len(s["rows"][0])
        nrows = len(s["rows"])
        ok(pane is not None and pane.get("state") == "frozen" and pane.get("ySplit") == "1",
           "%s: header row frozen" % name)
        want = "A1:%s%d" % (chr(64 + ncols), nrows) if ncols <= 26 else None
        ok(af is not None and af.get("ref") == want, "%s: autofilter over %s" % (name, want),
           af.get("ref") if af is not None else "no autoFilter")
        ok(len(cols) == ncols and all(2 <= float(c.get("width")) <= 61 for c in cols),
           "%s: a width for each of the %d columns" % (name, ncols))

    # documents sheet: one row per document, counts equal to the JSONL
    docs = sheets["documents"]["rows"]
    header = [c[1] for c in docs[0]]
    names = sorted({r["doc"] for r in records})
    ok(len(docs) - 1 == len(os.listdir(CORPUS)), "documents: one row per document (%d)" % (len(docs) - 1))
    counts_ok = True
    for row in docs[1:]:
        row = row + [None] * (len(header) - len(row))
        doc = row[0][1]
        recs = [r for r in records if r["doc"] == doc]
        counts_ok &= row[header.index("fields")] == ("num", float(len(recs)))
        for t in TYPES:
            counts_ok &= row[header.index(t)] == ("num", float(sum(r["type"] == t for r in recs)))
    ok(counts_ok, "documents: field counts per type equal the JSONL's")
    p = run("extract", "--format", "json", CORPUS)
    facts = {d["doc"]: d for d in json.loads(p.stdout)}
    facts_ok = []
    for row in docs[1:]:
        row = row + [None] * (len(header) - len(row))
        d = facts[row[0][1]]
        for k in ("kind", "from", "to", "subject", "signed"):
            want = ("str", d[k]) if k in d else None
            if row[header.index(k)] != want:
                facts_ok.append("%s %s: %r, JSON %r" % (d["doc"], k, row[header.index(k)], want))
    ok(not facts_ok, "documents: the facts equal --format json's", "\n".join(facts_ok))

    # --types: every sheet is still there (fixed shape), only dates have rows
    out2 = os.path.join(T, "dates.xlsx")
    p = run("extract", "--format", "xlsx", "--types", "date", "-o", out2, CORPUS)
    s2 = read_workbook(out2)
    ok(p.returncode == 0 and list(s2) == ["documents"] + TYPES, "--types date: all sheets")
    rc, dates = jsonl("--types", "date", CORPUS)
    ok(len(s2["date"]["rows"]) - 1 == len(dates) and
       all(len(s2[t]["rows"]) == 1 for t in TYPES if t != "date"),
       "--types date: dates only, the other sheets only their header")

    # a missing input: exit 1, named, the others still in the workbook
    out3 = os.path.join(T, "partial.xlsx")
    p = run("extract", "--format", "xlsx", "-o", out3, CORPUS, os.path.join(T, "missing.txt"))
    ok(p.returncode == 1 and b"missing.txt" in p.stderr, "a missing input: exit 1, named on stderr", p.stderr.decode())
    s3 = read_workbook(out3)
    ok(sum(len(s3[t]["rows"]) - 1 for t in TYPES) == len(records), "... and the other inputs' fields are all there")

    # -o replaces an existing file atomically; no temp file is left
    with open(out2, "rb") as f:
        before = f.read()
    p = run("extract", "--format", "xlsx", "--types", "dnr", "-o", out2, CORPUS)
    with open(out2, "rb") as f:
        after = f.read()
    rc, dnrs = jsonl("--types", "dnr", CORPUS)
    ok(p.returncode == 0 and after != before and len(read_workbook(out2)["dnr"]["rows"]) - 1 == len(dnrs),
       "-o replaces the old workbook")
    ok(not [f for f in os.listdir(T) if ".tmp." in f], "no temp file left behind", os.listdir(T))
    ok(oct(os.stat(out2).st_mode & 0o777) == oct(0o644), "the workbook is mode 644")

    # to standard output: refused
    p = run("extract", "--format", "xlsx", CORPUS)
    ok(p.returncode == 2 and p.stdout == b"" and b"needs -o" in p.stderr, "no -o: usage error, exit 2, nothing written")

    # hostile text: control characters, formula-like values stay strings
    hd = os.path.join(T, "=hostile.txt")
    with open(hd, "w") as f:
        f.write("Dnr KS 2021/012\x01 den 3 maj 2021\n=SUM(A1) Stockholms stad\n")
    out4 = os.path.join(T, "hostile.xlsx")
    p = run("extract", "--format", "xlsx", "-o", out4, hd)
    s4 = read_workbook(out4)
    rc, recs4 = jsonl(hd)
    ok(p.returncode == 0 and s4["documents"]["rows"][1][0] == ("str", hd), "a doc name starting with = is a string cell")
    check_records(s4, recs4, "hostile")

print("1..%d" % n)
sys.exit(1 if failed else 0)
