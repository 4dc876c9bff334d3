#!/usr/bin/python3
# utdrag.t — the Python module (python/utdrag) with Debian's python3 and
# python3-pandas (`make deps`): extract() gives exactly the CLI's JSON
# Lines records, to_dataframe() the documented dtypes and one row per
# record, failures raise UtdragError with stderr, refused inputs warn by
# name, and examples/explore.py runs end to end and writes its PNG.
import json, os, subprocess, sys, tempfile, warnings

ROOT = os.getcwd()  # run.sh runs us from the repository root
sys.path.insert(0, os.path.join(ROOT, "python"))
import utdrag

UTDRAG = os.environ.get("UTDRAG", "build/utdrag")
CORPUS = "../shared/corpus/docs"

n = 0
failed = 0
def ok(cond, name, diag=None):
    global n, failed
    n += 1
    failed += not cond
    print("%s %d - %s" % ("ok" if cond else "not ok", n, name))
    if not cond and diag is not None:
        for line in str(diag).splitlines()[:20]:
            print("#   " + line)
    return cond

def cli_records(*args):
    p = subprocess.run(UTDRAG.split() + ["extract"] + list(args), capture_output=True, check=False)
    return [json.loads(l) for l in p.stdout.decode().splitlines()]

def raises(fn):
    try:
        fn()
    except utdrag.UtdragError as e:
        return e
    return None

# extract() == the CLI's JSONL (the binary found through $UTDRAG)
want = cli_records(CORPUS)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    got = utdrag.extract(CORPUS)
ok(len(want) > 1000 and got == want, "extract(corpus) equals the CLI's JSON Lines (%d records)" % len(got))
ok(not w, "a clean run warns nothing", [str(x.message) for x in w])
files = sorted(os.path.join(CORPUS, f) for f in os.listdir(CORPUS))[:3]
ok(utdrag.extract(files) == cli_records(*files), "a list of files")
ok(utdrag.extract(files, types="date,dnr") == cli_records("--types", "date,dnr", *files) and
   utdrag.extract(files, types=["date", "dnr"]) == cli_records("--types", "date,dnr", *files),
   "types as a string or a list")
ok(utdrag.extract(files, rules="rules", jobs=1) == cli_records(*files), "rules= and jobs=")
ok(utdrag.extract([]) == [], "no paths: no records (and no read of standard input)")
ok(utdrag.extract(files, binary=UTDRAG.split()[-1]) == cli_records(*files), "binary= given explicitly")

with tempfile.TemporaryDirectory() as T:
    dash = os.path.join(T, "-dash.txt")
    with open(dash, "w") as f:
        f.write("Beslut 2024-01-23, dnr KS 2023/00658\n")
    rel = os.path.relpath(dash)
    os.chdir(T)
    recs = utdrag.extract("-dash.txt", binary=os.path.join(ROOT, UTDRAG.split()[-1]))
    os.chdir(ROOT)
    ok([r["value"] for r in recs] == ["2024-01-23", "KS 2023/00658"], "a file named -dash.txt is a path, not an option")

    # binary lookup order: argument, $UTDRAG, PATH, ../build/utdrag beside the module
    env = dict(os.environ, PATH="/usr/bin:/bin")
    env.pop("UTDRAG", None)
    p = subprocess.run([sys.executable, "-c", "import utdrag; print(utdrag.find_binary()[0])"],
                       env=dict(env, PYTHONPATH=os.path.join(ROOT, "python")), capture_output=True, text=True)
    ok(p.stdout.strip() == os.path.join(ROOT, "build", "utdrag"), "without $UTDRAG or PATH: ../build/utdrag", p.stdout + p.stderr)
    os.makedirs(os.path.join(T, "bin"))
    fake = os.path.join(T, "bin", "utdrag")
    os.symlink(os.path.join(ROOT, UTDRAG.split()[-1]), fake)
    p = subprocess.run([sys.executable, "-c", "import utdrag; print(utdrag.find_binary()[0])"],
                       env=dict(env, PATH=os.path.join(T, "bin") + ":/usr/bin:/bin",
                                PYTHONPATH=os.path.join(ROOT, "python")), capture_output=True, text=True)
    ok(p.stdout.strip() == fake, "utdrag on PATH comes before ../build", p.stdout + p.stderr)

    # errors: a failing run raises, with stderr; the binary missing raises
    e = raises(lambda: utdrag.extract(CORPUS, rules=os.path.join(T, "no-rules")))
    ok(e is not None and e.returncode == 2 and "no-rules" in e.stderr and "no-rules" in str(e),
       "a bad rule directory: UtdragError, exit 2, stderr in it", e)
    e = raises(lambda: utdrag.extract(CORPUS, types="nosuchtype"))
    ok(e is not None and "nosuchtype" in str(e), "an unknown type: UtdragError naming it", e)
    e = raises(lambda: utdrag.extract(CORPUS, binary=os.path.join(T, "no-such-binary")))
    ok(e is not None and "cannot run" in str(e), "a missing binary: UtdragError", e)

    # partial failure: records of the others, a warning naming each refused file
    missing = os.path.join(T, "missing.txt")
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        got = utdrag.extract([CORPUS, missing, "tests/data/binary.bin"])
    ok(got == want, "refused inputs: the other inputs' records, all of them")
    uw = [x for x in w if issubclass(x.category, utdrag.UtdragWarning)]
    ok(len(uw) == 1 and uw[0].message.files == [missing, "tests/data/binary.bin"] and
       missing in str(uw[0].message) and "binary.bin" in str(uw[0].message),
       "one UtdragWarning naming both refused files", [str(x.message) for x in w])

    # to_dataframe: a row per record, the documented dtypes
    import pandas as pd
    df = utdrag.to_dataframe(CORPUS)
    ok(len(df) == len(want), "to_dataframe: %d rows, one per record" % len(df))
    dt = df.dtypes.astype(str).to_dict()
    expect = {"start": "int64", "end": "int64", "line": "int64", "number": "float64", "number_to": "float64",
              "year": "Int64", "ocr": "bool", "approx": "bool", "doc": "category", "type": "category",
              "party": "category", "role": "category", "unit_lemma": "category", "currency": "category",
              "value": "object"}
    ok(all(dt.get(k) == v for k, v in expect.items()), "to_dataframe: dtypes",
       {k: (dt.get(k), v) for k, v in expect.items() if dt.get(k) != v})
    ok(list(df.columns[:8]) == ["doc", "type", "value", "text", "start", "end", "line", "rule"],
       "to_dataframe: the record's columns first, in order")
    figs = [r for r in want if r["type"] == "figure"]
    ok(df.loc[df["type"] == "figure", "number"].tolist() == [float(r["number"]) for r in figs],
       "to_dataframe: figure numbers as floats, in order")
    dnrs = [r.get("number") for r in want if r["type"] == "dnr"]
    ok(df.loc[df["type"] == "dnr", "dnr_number"].tolist() == dnrs and df.loc[df["type"] == "dnr", "number"].isna().all(),
       "to_dataframe: a dnr's number (text) in dnr_number")
    ok(int(df["ocr"].sum()) == sum(1 for r in want if r.get("ocr")), "to_dataframe: ocr true where the JSONL says so")
    e0 = utdrag.to_dataframe([])
    ok(len(e0) == 0 and str(e0["start"].dtype) == "int64" and str(e0["number"].dtype) == "float64",
       "to_dataframe of nothing: empty, still typed")

    # examples/explore.py, end to end, with Debian's python3
    p = subprocess.run(["/usr/bin/python3", "examples/explore.py", CORPUS, "--out", T], capture_output=True, text=True,
                       env=dict(os.environ, UTDRAG=UTDRAG))
    ok(p.returncode == 0, "explore.py: exit 0", p.stderr)
    for heading in ("== figures per document", "SEK total", "== persons", "== dates per year"):
        ok(heading in p.stdout, "explore.py prints %r" % heading)
    png = os.path.join(T, "dates.png")
    ok(os.path.isfile(png) and open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n" and os.path.getsize(png) > 5000,
       "explore.py: dates.png is a PNG")
    # without matplotlib: the chart is skipped with a message, the rest runs
    hide = os.path.join(T, "hide", "matplotlib")
    os.makedirs(hide)
    with open(os.path.join(hide, "__init__.py"), "w") as f:
        f.write("raise ImportError('hidden for the test')\n")
    os.remove(png)
    p = subprocess.run(["/usr/bin/python3", "examples/explore.py", CORPUS, "--out", T], capture_output=True, text=True,
                       env=dict(os.environ, UTDRAG=UTDRAG, PYTHONPATH=os.path.join(T, "hide")))
    ok(p.returncode == 0 and "matplotlib is not installed" in p.stdout and not os.path.exists(png),
       "explore.py without matplotlib: exit 0, a message, no PNG", p.stdout[-300:] + p.stderr)

print("1..%d" % n)
sys.exit(1 if failed else 0)
