#!/usr/bin/env python3
"""bench/measure.py — the measuring half of `make bench` (bench/run.sh
builds the input first and then runs this).

Every row is a command run BENCH_RUNS times on the same input; the table
shows the median wall time and throughput (MB = 10^6 bytes of input per
second), the median CPU time (user + system) and throughput per CPU second
(steadier than wall time when other work shares the machine), the peak resident memory of the child (GNU time's %M; without
/usr/bin/time, the children's rusage: an upper bound) and the records written.
Then the ratios, and instructions per byte from callgrind on a fixed
slice: a figure that stays put on a noisy machine, for comparing commits.

A row whose tool is missing is skipped, not failed; the second Python row
is skipped when the bench has used 60% of BENCH_BUDGET seconds (300).  To compare two builds
on the input run.sh made: measure.py --no-yardsticks --bin OTHER/utdrag
--out bench/out --corpus ../shared/corpus --reps N (N as run.sh printed).  A row whose first
run takes longer than SLOW seconds is not repeated (the bench must fit in
about five minutes even when the rule set grows).
"""
import argparse
import filecmp
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

SLOW = 30.0
BUDGET = float(os.environ.get("BENCH_BUDGET", "300"))  # seconds, roughly
HAVE_TIME = os.access("/usr/bin/time", os.X_OK)

# The rules' trigger patterns, for the rg floor: what every rule needs
# before it can match (a digit), and a 16-way alternation of the shapes the
# fields start from (case numbers, dates, party codes, amounts, labels,
# titles): one scan of the text for all of them, as fast as a regex scan
# gets.
RG_DIGIT = "[0-9]"
RG_TRIGGERS = [
    "[A-ZÅÄÖ]{1,6} (19|20)[0-9]{2}/[0-9]{1,6}",
    "(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}",
    "[0-9]{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september"
    "|oktober|november|december) (19|20)[0-9]{2}",
    "[Dd]nr",
    "[Dd]iarienummer",
    "\\((S|M|C|V|L|KD|MP|SD)\\)",
    "[0-9] (kr|kronor|tkr|mnkr|mkr)",
    "[0-9] (miljoner|miljarder)",
    "[0-9] ?(%|procent)",
    "[Ss]ocialdemokraterna|[Mm]oderaterna|[Vv]änsterpartiet|[Ss]verigedemokraterna",
    "[Kk]ommunstyrelsen|[Kk]ommunfullmäktige",
    "[Nn]ämnden|[Ff]örvaltningen",
    "[Oo]rdförande|[Ss]ekreterare|[Kk]ommunalråd",
    "[Rr]egeringen|[Rr]iksdagen",
    "[0-9]{1,2}:[0-9]{2}",
    "§ ?[0-9]+",
]


def tree_bytes(path):
    if path.endswith(".list"):  # --files-from input: one path a line
        with open(path) as fh:
            names = fh.read().split("\n")[:-1]
        return sum(os.path.getsize(n) for n in names), len(names)
    if os.path.isfile(path):
        return os.path.getsize(path), 1
    total = count = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
            count += 1
    return total, count


def warm(path):
    """Read the input once so that every row starts from the page cache."""
    paths = [path] if os.path.isfile(path) else (
        os.path.join(r, f) for r, _d, fs in os.walk(path) for f in fs)
    for p in paths:
        with open(p, "rb") as fh:
            while fh.read(1 << 20):
                pass


def run_once(argv, stdout_path, rss_path):
    """Wall seconds, peak RSS (KiB) and CPU seconds (user + system) of one
    run of argv.

    The peak comes from GNU time (`%M`), which forks the command itself:
    a child forked straight from this script would start its high-water
    mark at this script's own size (ru_maxrss survives exec)."""
    timed = ["/usr/bin/time", "-f", "%M", "-o", rss_path] + argv if HAVE_TIME else argv
    with open(stdout_path, "wb") as out:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(timed, stdout=out, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if proc.returncode not in (0, 1):  # rg exits 1 when nothing matched
        err = proc.stderr.decode("utf-8", "replace").strip()[:500]
        sys.exit(f"bench: {' '.join(argv)} failed ({proc.returncode}): {err}")
    if HAVE_TIME:
        with open(rss_path) as fh:
            peak = int(fh.read().split()[-1])
    else:
        peak = r1.ru_maxrss  # an upper bound
    return wall, peak, cpu


def count_records(path, counted_by):
    if counted_by == "lines":
        n = 0
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                n += block.count(b"\n")
        return n
    # rg --count-matches: "N" for one file, "path:N" per file for a tree
    n = 0
    with open(path, "rb") as fh:
        for line in fh:
            n += int(line.rsplit(b":", 1)[-1])
    return n


def out_file(out_dir, label):
    return os.path.join(out_dir, re.sub(r"[^a-z0-9]+", "-", label.lower()) + ".out")


def measure(label, argv, input_path, out_dir, runs, counted_by):
    size, files = tree_bytes(input_path)
    stdout_path = out_file(out_dir, label)
    walls, cpus, rss = [], [], 0
    for i in range(runs):
        wall, peak, cpu = run_once(argv, stdout_path, stdout_path + ".rss")
        walls.append(wall)
        cpus.append(cpu)
        rss = max(rss, peak)
        if i == 0 and wall > SLOW:
            break
    med = statistics.median(walls)
    cpu = max(statistics.median(cpus), 1e-6)
    records = count_records(stdout_path, counted_by)
    return {"label": label, "bytes": size, "files": files, "runs": len(walls), "median": med,
            "mbs": size / 1e6 / med, "cpu": cpu, "cpu_mbs": size / 1e6 / cpu,
            "rss_mb": rss / 1024, "records": records,
            "rps": records / med, "argv": argv}


def print_table(rows):
    print(f"{'row':<20} {'input':>15} {'runs':>4} {'wall s':>7} {'MB/s':>7} {'cpu s':>7} "
          f"{'MB/cpu-s':>8} {'peak RSS':>10} {'records':>8} {'records/s':>10}")
    for r in rows:
        inp = f"{r['bytes'] / 1e6:.1f}MB/{r['files']}f"
        print(f"{r['label']:<20} {inp:>15} {r['runs']:>4} {r['median']:>7.3f} {r['mbs']:>7.1f} "
              f"{r['cpu']:>7.3f} {r['cpu_mbs']:>8.1f} {r['rss_mb']:>8.1f}MB {r['records']:>8} "
              f"{r['rps']:>10.0f}")


def cut_slice(src, dst, size):
    """The first `size` bytes of src, cut at a line end."""
    with open(src, "rb") as fh:
        data = fh.read(size)
    with open(dst, "wb") as fh:
        fh.write(data[:data.rfind(b"\n") + 1] if b"\n" in data else data)


def callgrind_count(argv, cg_out="/dev/null"):
    """Instructions callgrind counts for one run of argv (its profile to
    cg_out), or (None, the end of its stderr) when the run fails."""
    res = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={cg_out}", *argv],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"Collected : ([0-9]+)", res.stderr)
    if res.returncode != 0 or not m:
        return None, res.stderr.strip()[-300:]
    return int(m.group(1)), ""


def callgrind(binary, out_dir, cpu_mbs):
    """Instructions of `utdrag extract` on the slice and on an empty file
    (start-up: loading and JIT-compiling the rules), per byte of slice.

    Valgrind runs ~50 times slower than the machine: when utdrag itself is
    slow (many expensive rules), the slice is cut shorter so that this part
    takes about a minute (BENCH_SLICE_FIXED=1 keeps the whole slice).
    Instructions per byte hardly depend on the slice length."""
    if not shutil.which("valgrind") or os.environ.get("BENCH_NO_CALLGRIND"):
        print("callgrind: skipped (valgrind missing or BENCH_NO_CALLGRIND set)")
        return
    slice_path = os.path.join(out_dir, "slice.txt")
    fit = int(cpu_mbs * 1e6 * 0.7)  # ~0.7 s of utdrag, ~1 minute under valgrind
    if fit < os.path.getsize(slice_path) and not os.environ.get("BENCH_SLICE_FIXED"):
        short = os.path.join(out_dir, "slice-short.txt")
        cut_slice(slice_path, short, max(fit, 100000))
        print(f"callgrind: utdrag runs at {cpu_mbs:.1f} MB per CPU second: "
              f"slice cut to {os.path.getsize(short) / 1e6:.2f} MB to keep this part short")
        slice_path = short
    empty_path = os.path.join(out_dir, "empty.txt")
    open(empty_path, "w").close()
    counts = {}
    for name, path in (("slice", slice_path), ("empty", empty_path)):
        cg_out = os.path.join(out_dir, f"callgrind.{name}.out")
        t0 = time.perf_counter()
        n, err = callgrind_count([binary, "extract", "-j1", path], cg_out)
        if n is None:
            print(f"callgrind: failed on {name}: {err}")
            return
        counts[name] = (n, time.perf_counter() - t0)
    size = os.path.getsize(slice_path)
    total, secs = counts["slice"]
    start = counts["empty"][0]
    print(f"callgrind: {size / 1e6:.1f} MB slice: {total:,} instructions = "
          f"{total / size:.1f} instr/byte ({(total - start) / size:.1f} net of "
          f"{start:,} for start-up), {secs:.0f} s under valgrind")
    if shutil.which("callgrind_annotate"):
        ann = subprocess.run(["callgrind_annotate", os.path.join(out_dir, "callgrind.slice.out")],
                             capture_output=True, text=True).stdout
        with open(os.path.join(out_dir, "callgrind.txt"), "w") as fh:
            fh.write(ann)
        print(f"           per function: {os.path.join(out_dir, 'callgrind.txt')}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--reps", type=int, required=True)
    ap.add_argument("--no-yardsticks", action="store_true",
                    help="utdrag rows only (to compare two builds: --bin OTHER)")
    a = ap.parse_args()
    big, many = os.path.join(a.out, "big.txt"), os.path.join(a.out, "many")
    here = os.path.dirname(os.path.abspath(__file__))
    t_start = time.perf_counter()

    nrules = max(0, len(subprocess.run([a.bin, "rules", "list"], capture_output=True,
                                       text=True).stdout.splitlines()) - 1)
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(l.split(":", 1)[1].strip() for l in fh if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    print(f"utdrag bench  {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  "
          f"{a.bin}  {nrules} rules  cpu: {cpu} ({os.cpu_count()} threads)")
    print(f"input: {a.corpus} docs+extra x {a.reps}; median of {a.runs} runs; MB = 10^6 bytes")
    for p in (big, many):
        warm(p)

    rows = []
    jn = min(2, os.cpu_count() or 1)  # the issue asks for the 2-core speed-up
    for name, path in (("big", big), ("many", many)):
        rows.append(measure(f"utdrag {name}", [a.bin, "extract", "-j1", path], path, a.out, a.runs, "lines"))
        if jn > 1:
            rows.append(measure(f"utdrag {name} -j{jn}", [a.bin, "extract", f"-j{jn}", path], path, a.out,
                                a.runs, "lines"))
    # the two engines on the slice: the scan engine (one anchor pass, each
    # rule in its windows) against the reference (every rule a full scan);
    # their outputs must be the same bytes
    slice_path = os.path.join(a.out, "slice.txt")
    for engine in ("scan", "reference"):
        rows.append(measure(f"utdrag slice {engine}", [a.bin, "extract", "-j1", "--engine", engine, slice_path],
                            slice_path, a.out, a.runs, "lines"))
    # peak memory against the number of files: a tenth of the files, then all
    tenth = os.path.join(a.out, "many-tenth.list")
    with open(tenth, "w") as fh:
        for d in sorted(os.listdir(many))[: max(1, len(os.listdir(many)) // 10)]:
            for f in sorted(os.listdir(os.path.join(many, d))):
                fh.write(os.path.join(many, d, f) + "\n")
    rows.append(measure(f"utdrag many/10 -j{jn}", [a.bin, "extract", f"-j{jn}", "--files-from", tenth],
                        tenth, a.out, 1, "lines"))
    if shutil.which("rg") and not a.no_yardsticks:
        triggers = sum((["-e", t] for t in RG_TRIGGERS), [])
        for name, path in (("big", big), ("many", many)):
            # -j1: utdrag runs on one thread, so the floor does too
            rows.append(measure(f"rg digit {name}", ["rg", "-j1", "--count-matches", RG_DIGIT, path],
                                path, a.out, a.runs, "counts"))
            rows.append(measure(f"rg triggers {name}", ["rg", "-j1", "--count-matches"] + triggers + [path],
                                path, a.out, a.runs, "counts"))
    for name, path in () if a.no_yardsticks else (("big", big), ("many", many)):
        if name == "many" and time.perf_counter() - t_start > BUDGET * 0.6:
            print(f"python re many: skipped (the bench has run {time.perf_counter() - t_start:.0f} s; "
                  f"budget {BUDGET:.0f} s)")
            continue
        rows.append(measure(f"python re {name}", [sys.executable, os.path.join(here, "baseline.py"), path],
                            path, a.out, a.runs, "lines"))
    print_table(rows)

    by = {r["label"]: r for r in rows}
    if not a.no_yardsticks:
        print("ratios (throughput per CPU second; wall-clock in brackets):")
    for name in () if a.no_yardsticks else ("big", "many"):
        u = by[f"utdrag {name}"]
        parts = []
        for other in (f"rg digit {name}", f"rg triggers {name}", f"python re {name}"):
            if other in by:
                o = by[other]
                parts.append(f"{other} / utdrag = {o['cpu_mbs'] / u['cpu_mbs']:.2f} "
                             f"({o['mbs'] / u['mbs']:.2f})")
        print(f"  {name}: " + "; ".join(parts))
    sc, rf = by["utdrag slice scan"], by["utdrag slice reference"]
    same = filecmp.cmp(out_file(a.out, sc["label"]), out_file(a.out, rf["label"]), shallow=False)
    print(f"engines (slice, -j1): scan {sc['cpu_mbs']:.1f} MB/s, reference {rf['cpu_mbs']:.1f} MB/s "
          f"(CPU time), {rf['cpu_mbs'] and sc['cpu_mbs'] / rf['cpu_mbs']:.2f}x; peak RSS {sc['rss_mb']:.0f} vs "
          f"{rf['rss_mb']:.0f} MB; output {'identical' if same else 'DIFFERS'}")
    if jn > 1:
        print(f"parallel: {jn} cores (wall time -j1 / -j{jn}; same bytes as -j1?):")
        for name in ("big", "many"):
            one, par = by[f"utdrag {name}"], by[f"utdrag {name} -j{jn}"]
            same = filecmp.cmp(out_file(a.out, one["label"]), out_file(a.out, par["label"]), shallow=False)
            print(f"  {name}: {one['median'] / par['median']:.2f}x speed-up, "
                  f"{par['mbs']:.1f} MB/s on {jn} cores; output {'identical' if same else 'DIFFERS'}")
        t, m = by[f"utdrag many/10 -j{jn}"], by[f"utdrag many -j{jn}"]
        print(f"  peak RSS over files: {t['files']} files {t['rss_mb']:.1f} MB, "
              f"{m['files']} files {m['rss_mb']:.1f} MB")
    callgrind(a.bin, a.out, by["utdrag big"]["cpu_mbs"])
    print(f"commands: {' '.join(by['utdrag big']['argv'])} > {a.out}/utdrag-big.out   (same for many/)")
    print(f"bench took {time.perf_counter() - t_start:.0f} s")


if __name__ == "__main__":
    main()
