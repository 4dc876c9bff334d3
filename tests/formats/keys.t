#!/usr/bin/python3
# keys.t — no key of a JSON Lines record is lost in any other format.
#
# One run per format over the same inputs (the corpus docs, a few of
# corpus/extra, a corpus PDF and a Windows-1252 file, so that `page` and
# `encoding` occur): for every record of the JSON Lines, every key it has
# must be in the record's row of CSV, Excel CSV, SQLite (fields) and xlsx
# (its type's sheet) and in its object of JSON, with the same value
# (numbers as numbers, booleans as true/false, 1/0 in SQLite, a boolean cell
# in xlsx).  The columns come from the schema (`utdrag schema`), so a key
# added to an extractor is covered here without a change.
import csv, glob, io, json, os, re, sqlite3, subprocess, sys, tempfile, zipfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tap import check, count, finish  # noqa: E402

UTDRAG = os.environ.get("UTDRAG", "build/utdrag").split()
SHARED = os.environ.get("UTDRAG_SHARED", "../shared")
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
RELNS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def run(*args):
    p = subprocess.run(UTDRAG + ["extract", "-j1", "--no-progress"] + list(args), capture_output=True)
    return p.returncode, p.stdout


def text_of(v):
    """A JSON value as CSV writes it."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return "%.15g" % v
    return str(v)


def same(json_value, got):
    if isinstance(json_value, bool):
        return got in (json_value, int(json_value), text_of(json_value))
    if isinstance(json_value, (int, float)):
        try:
            return float(got) == float(json_value)
        except (TypeError, ValueError):
            return False
    return got == json_value


def lost(records, rows, name):
    """(record index, key, JSON value, what the format has) of the first misses."""
    out = []
    if len(rows) != len(records):
        return [("count", len(records), len(rows), name)]
    for i, (r, row) in enumerate(zip(records, rows)):
        for k, v in r.items():
            if k not in row or not same(v, row[k]):
                out.append((i, k, v, row.get(k, "(no such key)")))
    return out


def xlsx_rows(path, records):
    z = zipfile.ZipFile(path)
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    sheets = {}
    for s in wb.find("m:sheets", NS):
        root = ET.fromstring(z.read("xl/" + target[s.get(RELNS)]))
        table = []
        for row in root.iter("{%s}row" % NS["m"]):
            cells = {}
            for c in row.findall("m:c", NS):
                col = 0
                for ch in re.match(r"[A-Z]+", c.get("r")).group(0):
                    col = col * 26 + ord(ch) - 64
                v = c.find("m:v", NS)
                t = c.get("t")
                if t == "s":
                    val = strings[int(v.text)]
                elif t == "b":
                    val = v.text == "1"
                elif t == "inlineStr":
                    val = "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"]))
                else:
                    val = float(v.text) if v is not None else None
                cells[col - 1] = val
            table.append(cells)
        sheets[s.get("name")] = table
    cursor = {}
    out = []
    for r in records:
        t = r["type"]
        table = sheets[t]
        header = [table[0][i] for i in sorted(table[0])]
        cursor[t] = cursor.get(t, 0) + 1
        cells = table[cursor[t]]
        row = {"type": t}
        for i, h in enumerate(header):
            if i in cells and h != "other":
                row[h] = cells[i]
        other = cells.get(header.index("other")) if "other" in header else None
        for part in (other or "").split("; "):
            if "=" in part:
                k, v = part.split("=", 1)
                row[k] = v
        out.append(row)
    return out


def main():
    docs = sorted(glob.glob(os.path.join(SHARED, "corpus/docs/*.txt")))
    if not docs:
        print("1..0 # SKIP no corpus at %s" % SHARED)
        return 0
    inputs = docs + sorted(glob.glob(os.path.join(SHARED, "corpus/extra/*.txt")))[:10]
    inputs += sorted(glob.glob(os.path.join(SHARED, "corpus/pdf/*.pdf")))[:1]
    inputs += ["tests/data/docs/cp1252.txt"]
    code, out = run(*inputs)
    records = [json.loads(l) for l in out.decode().splitlines()]
    keys = {k for r in records for k in r}
    check(code == 0 and {"number_to", "approx", "page", "encoding", "ocr"} <= keys,
          "JSON Lines: %d records with number_to, approx, page, encoding and ocr among their keys" % len(records))
    tmp = tempfile.mkdtemp(prefix="utdrag-keys.")
    try:
        for flags, delim, name in ((["-f", "csv"], ",", "CSV"), (["-f", "csv", "--excel"], ";", "Excel CSV")):
            code, out = run(*(flags + inputs))
            text = out.decode("utf-8-sig")
            rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delim))
            rows = [{k: v for k, v in row.items() if v != ""} for row in rows]
            if name == "Excel CSV":  # the formula guard's apostrophe
                rows = [{k: v[1:] if v[:1] == "'" and v[1:2] in "=+-@\t\r" and v[1:] else v for k, v in row.items()}
                        for row in rows]
            miss = lost(records, rows, name)
            check(code == 0 and not miss, "%s: every key of every record, same value %s" % (name, miss[:3]))
        db = os.path.join(tmp, "f.db")
        code, _ = run("-f", "sqlite", "-o", db, *inputs)
        con = sqlite3.connect(db)
        con.row_factory = sqlite3.Row
        rows = [{k: r[k] for k in r.keys() if r[k] is not None} for r in con.execute("SELECT * FROM fields ORDER BY id")]
        con.close()
        miss = lost(records, rows, "SQLite")
        check(code == 0 and not miss, "SQLite: every key of every record, same value %s" % miss[:3])
        code, out = run("-f", "json", *inputs)
        rows = [dict(f, doc=d["doc"], encoding=d["encoding"]) if d["encoding"] != "utf-8" else dict(f, doc=d["doc"])
                for d in json.loads(out) for f in d["fields"]]
        miss = lost(records, rows, "JSON")
        check(code == 0 and not miss, "JSON: every key of every record, same value %s" % miss[:3])
        x = os.path.join(tmp, "f.xlsx")
        code, _ = run("-f", "xlsx", "-o", x, *inputs)
        miss = lost(records, xlsx_rows(x, records), "xlsx")
        check(code == 0 and not miss, "xlsx: every key of every record, same value %s" % miss[:3])
    finally:
        for f in glob.glob(os.path.join(tmp, "*")):
            os.remove(f)
        os.rmdir(tmp)
    print("1..%d" % count())
    return finish()


sys.exit(main())
