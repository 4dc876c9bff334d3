"""utdrag records as a pandas DataFrame with the dtypes a notebook wants.

The dtypes come from the binary's schema (`utdrag schema --format json`,
derived from the typed keys each field type declares), not from a list
kept here, so a key or field type added to utdrag is typed without a
change to this module:
  integer keys every record has (start, end, line)   int64
  other integer keys (year, page)                    Int64 (nullable)
  number keys (number, number_to)                    float64 (NaN where absent)
  boolean keys (ocr, approx)                         bool (absent = False)
  text keys of a closed set of values (doc, type, rule, grain, series,
  party, role, unit, unit_lemma, currency, encoding) category
  other text (value, text, key, ...)                 object (str)
Columns: doc, type, value, text, start, end, line, rule, then every other
key in the order first met; number and boolean columns are always there.
A key that one type holds as text and another as a number (a dnr's
`number` is text, "00658": leading zeros matter; a figure's is its
amount) goes, for the text types, to its own column TYPE_KEY
(`dnr_number`), so that `number` stays a float column of figures.
"""
import pandas as pd

FIXED = ["doc", "type", "value", "text", "start", "end", "line", "rule"]


def _text_types(schema):
    """{key: set of types that hold it as text} for the mixed columns."""
    out = {}
    for c in schema["columns"]:
        if c.get("mixed"):
            out[c["name"]] = {t for t, k in c.get("types", {}).items() if k == "text"}
    return out


def frame(records, schema):
    moved = _text_types(schema)
    rows = []
    for r in records:
        for key, types in moved.items():
            if key in r and r.get("type") in types:
                r = dict(r)
                r["%s_%s" % (r["type"], key)] = r.pop(key)
        rows.append(r)
    cols = {c["name"]: c for c in schema["columns"]}
    columns = list(FIXED)
    for r in rows:
        for k in r:
            if k not in columns:
                columns.append(k)
    for c in schema["columns"]:  # always there, so that code can rely on them
        if c["kind"] in ("number", "boolean") and c["name"] not in columns:
            columns.append(c["name"])
    df = pd.DataFrame.from_records(rows, columns=columns)
    for name in columns:
        c = cols.get(name)
        if c is None:
            continue
        kind = c["kind"]
        if kind == "integer" and c["role"] == "record":
            df[name] = df[name].astype("int64")
        elif kind == "integer":
            df[name] = df[name].astype("Int64")
        elif kind == "number":
            df[name] = pd.to_numeric(df[name], errors="coerce").astype("float64")
        elif kind == "boolean":
            df[name] = df[name].fillna(False).astype(bool)
        elif c.get("category"):
            df[name] = df[name].astype("category")
    return df
