#!/usr/bin/python3
"""explore.py — a notebook's first look at a folder of documents, as a script.

    /usr/bin/python3 examples/explore.py [DIR] [--out OUTDIR]

DIR defaults to ../shared/corpus/docs (beside this repository); the chart
goes to OUTDIR/dates.png (default: the current directory).  Cells, in the
order a notebook would have them:

  1. load the fields into a DataFrame (utdrag.to_dataframe)
  2. figures per document: the sum of the SEK amounts, and how many of
     each counted thing (unit_lemma)
  3. persons with their party and role, one row per person and document
  4. dates over time: mentions per year, as a bar chart (matplotlib; the
     chart is skipped with a message if matplotlib is not installed)

Needs pandas (Debian: python3-pandas; use Debian's /usr/bin/python3).
"""
import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
try:
    import utdrag
except ImportError:  # a source checkout: the module is in python/
    sys.path.insert(0, str(HERE.parent / "python"))
    import utdrag
import pandas as pd

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("dir", nargs="?", default=str(HERE.parent.parent / "shared" / "corpus" / "docs"))
ap.add_argument("--out", default=".", help="where dates.png goes")
args = ap.parse_args()
pd.set_option("display.width", 160)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 40)

# %% 1. the fields
df = utdrag.to_dataframe(args.dir)
df["document"] = df["doc"].map(lambda p: os.path.splitext(os.path.basename(p))[0]).astype("category")
print("%d fields in %d documents" % (len(df), df["doc"].nunique()))
print(df["type"].value_counts().to_string(), end="\n\n")

# %% 2. figures per document
figures = df[df["type"] == "figure"]
sek = (figures[figures["currency"] == "SEK"]
       .groupby("document", observed=True)["number"].sum().rename("SEK total"))
counted = figures[figures["unit_lemma"].notna()].pivot_table(
    index="document", columns="unit_lemma", values="value", aggfunc="count", fill_value=0, observed=True)
pivot = pd.concat([sek, counted], axis=1).fillna(0)
print("== figures per document: SEK summed, counted things (unit_lemma) counted")
print(pivot.to_string(float_format=lambda v: "%.0f" % v) if len(pivot) else "(no figures)", end="\n\n")

# %% 3. persons with party and role
persons = (df[df["type"] == "person"]
           .groupby(["key", "document"], observed=True)
           .agg(name=("value", "first"),
                party=("party", lambda s: s.dropna().iloc[0] if s.notna().any() else ""),
                role=("role", lambda s: s.dropna().iloc[0] if s.notna().any() else ""),
                mentions=("value", "size"))
           .reset_index()[["name", "party", "role", "document", "mentions"]]
           .sort_values(["name", "document"]))
print("== persons")
print(persons.to_string(index=False) if len(persons) else "(no persons)", end="\n\n")

# %% 4. dates over time (per year: the corpus spans a century)
dates = df[(df["type"] == "date") & df["grain"].isin(["day", "month", "year"])].copy()
dates["year"] = pd.to_numeric(dates["value"].str.slice(0, 4), errors="coerce")
per_year = dates.dropna(subset=["year"]).groupby("year").size()
per_year.index = per_year.index.astype(int)
if len(per_year):
    print("== dates per year: %d dates, %d to %d" % (per_year.sum(), per_year.index.min(), per_year.index.max()))
    print(per_year.to_string())
else:
    print("== no dates")
try:
    import matplotlib
    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib is not installed (Debian: python3-matplotlib): no chart")
else:
    fig, ax = plt.subplots(figsize=(10, 4))
    ax.bar(per_year.index, per_year.values, width=0.8)
    ax.set_title("Dates mentioned, per year (%d documents)" % df["doc"].nunique())
    ax.set_xlabel("year")
    ax.set_ylabel("mentions")
    png = os.path.join(args.out, "dates.png")
    fig.savefig(png, dpi=100, bbox_inches="tight")
    print("chart: %s" % png)
