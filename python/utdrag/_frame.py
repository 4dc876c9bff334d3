"""utdrag records as a pandas DataFrame with the dtypes a notebook wants.

Columns: doc, type, value, text, start, end, line, rule, then every other
key in the order first met.  dtypes:
  start, end, line                  int64
  number, number_to                 float64 (a figure's value; NaN elsewhere)
  year                              Int64 (nullable: only dnr has it)
  ocr, approx                       bool (absent = False)
  doc, type, rule, grain, series, party, role, unit, unit_lemma,
  currency, encoding                category
  value, text, key, ...             object (str)
A dnr's `number` is text ("00658": leading zeros matter), not a figure's
amount, so it goes to its own column `dnr_number` and `number` stays a
float column of figures.
"""
import pandas as pd

FIXED = ["doc", "type", "value", "text", "start", "end", "line", "rule"]
INTS = ["start", "end", "line"]
FLOATS = ["number", "number_to"]
NULLABLE_INTS = ["year"]
BOOLS = ["ocr", "approx"]
CATEGORIES = ["doc", "type", "rule", "grain", "series", "party", "role", "unit", "unit_lemma",
              "currency", "encoding"]


def frame(records):
    rows = []
    for r in records:
        if r.get("type") == "dnr" and "number" in r:
            r = dict(r)
            r["dnr_number"] = r.pop("number")
        rows.append(r)
    columns = list(FIXED)
    for r in rows:
        for k in r:
            if k not in columns:
                columns.append(k)
    for k in FLOATS + BOOLS:  # always there, so that code can rely on them
        if k not in columns:
            columns.append(k)
    df = pd.DataFrame.from_records(rows, columns=columns)
    for c in INTS:
        df[c] = df[c].astype("int64")
    for c in FLOATS:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    for c in NULLABLE_INTS:
        if c in df:
            df[c] = df[c].astype("Int64")
    for c in BOOLS:
        df[c] = df[c].fillna(False).astype(bool)
    for c in CATEGORIES:
        if c in df:
            df[c] = df[c].astype("category")
    return df
