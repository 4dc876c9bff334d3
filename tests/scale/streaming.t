#!/usr/bin/env python3
"""tests/scale/streaming.t — `utdrag extract --records -` as a streaming
filter, the contract Hadoop Streaming and Spark's RDD.pipe rely on (TAP).

N records in on standard input, JSON Lines out on standard output:
  1. a record gives the records of the same text as a file: the corpus as
     records (id = path) gives the bytes of `utdrag extract DIR`;
  2. every output line is one JSON object; every input id with fields
     appears as the `doc` of its records, no other doc appears; the lines
     of one record are contiguous and records come in input order; -j 1,
     2 and 4 write the same bytes;
  3. input that ends early: after K whole lines, the records of those K;
     cut inside a line, that line is named on stderr, exit 1;
  4. a reader that goes away (| head -1) ends utdrag quietly (SIGPIPE),
     even while its input never ends;
  5. it streams: a record's lines come out before the next record is
     written (a coprocess), and memory stays flat over a long input.
Without the corpus (../shared, or $UTDRAG_SHARED) part 1 is skipped.
"""
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
UTDRAG = os.environ.get("UTDRAG", "build/utdrag").split()
SHARED = os.environ.get("UTDRAG_SHARED", "../shared")
DOCS = os.path.join(SHARED, "corpus", "docs")
sys.path.insert(0, os.path.join("tests", "lib"))
from tap import check, finish, skip  # noqa: E402

TIMEOUT = 120


def run(args, data):
    p = subprocess.run(UTDRAG + ["extract"] + args, input=data, capture_output=True, timeout=TIMEOUT)
    return p.returncode, p.stdout, p.stderr


def rec(rid, text):
    return (json.dumps({"id": rid, "text": text}, ensure_ascii=False) + "\n").encode()


print("1..18")

# 1. a record is a document
if os.path.isdir(DOCS):
    recs = subprocess.run([sys.executable, "tests/scale/mkrecords.py", DOCS], capture_output=True, check=True).stdout
    ref = subprocess.run(UTDRAG + ["extract", "-j1", DOCS], capture_output=True, timeout=TIMEOUT).stdout
    for j in ("1", "2"):
        code, out, err = run(["-j" + j, "--records", "-"], recs)
        check(code == 0 and err == b"" and out == ref and out,
              "-j %s: the corpus as records (id = path) gives the bytes of `utdrag extract DIR`" % j)
else:
    skip("no corpus at %s" % DOCS)
    skip("no corpus at %s" % DOCS)

# 2. the filter contract over N records
texts = [
    "Kommunstyrelsen beslutade 2024-01-23 i ärende dnr KS 2023/00658.",
    "Protokoll fört den 3 maj 2021.\n\nSvar lämnas senast 2021-06-30 av förvaltningschef Karin Rågsjö (S).",
    "Nämnden anslår 56,5 miljoner kronor till 30 nya förskolor, beslut 2019-11-12.",
    "Motion 2018/19:1234 av Anna Svensson (V) om högstadieskolor, väckt 2018-10-04.",
]
ids, data = [], b""
for i in range(240):
    rid = "doc-%03d" % i
    if i % 7 == 3:  # no fields at all: no records, and no other trouble
        data += rec(rid, "inget här")
    else:
        ids.append(rid)
        data += rec(rid, "%s\nÄrende %d, inkom 2020-%02d-%02d." % (texts[i % len(texts)], i, i % 12 + 1, i % 28 + 1))
    if i % 50 == 0:
        data += b"\n"  # blank lines are no records
outs = {}
for j in ("1", "2", "4"):
    code, out, err = run(["-j", j, "--records", "-"], data)
    outs[j] = out
    check(code == 0 and err == b"", "-j %s: %d records in, exit 0, nothing on stderr" % (j, 240))
out = outs["1"]
lines = out.split(b"\n")
check(lines[-1] == b"" and all(lines[:-1]), "output ends with a newline and has no blank line")
objs = []
try:
    objs = [json.loads(l) for l in lines[:-1]]
    good = all(isinstance(o, dict) for o in objs)
except ValueError:
    good = False
check(good and len(objs) > len(ids), "every one of %d output lines is one JSON object" % len(objs))
docs = [o.get("doc") for o in objs]
runs = [d for k, d in enumerate(docs) if k == 0 or docs[k - 1] != d]
check(set(docs) == set(ids), "every input id with fields is the doc of its records, no other doc appears")
check(runs == ids, "each record's lines are contiguous, records in input order")
check(outs["2"] == out and outs["4"] == out, "-j 2 and -j 4 write the bytes of -j 1")

# 3. input that ends early
whole = data.split(b"\n")
k = 100
head = b"\n".join(whole[:k]) + b"\n"
code, out_k, err = run(["-j2", "--records", "-"], head)
want = run(["-j1", "--records", "-"], head)[1]
check(code == 0 and err == b"" and out_k == want and out.startswith(out_k) and out_k,
      "input closed after %d lines: their records (a prefix of the whole run's), exit 0" % k)
cut = head + whole[k][: len(whole[k]) // 2]
code, out_c, err = run(["-j2", "--records", "-"], cut)
check(code == 1 and out_c == out_k and err.startswith(b"utdrag: -:%d: not JSON: " % (k + 1)) and err.count(b"\n") == 1,
      "input cut inside line %d: the records before it, the line named on stderr, exit 1" % (k + 1))


# 4. a reader that goes away, while the input never ends
def endless(p):
    try:
        i = 0
        while True:
            i += 1
            p.stdin.write(rec("e%d" % i, texts[i % len(texts)] * 20))
    except (BrokenPipeError, OSError, ValueError):
        pass


for j in ("1", "2"):
    p = subprocess.Popen(UTDRAG + ["extract", "-j", j, "--records", "-"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    feeder = threading.Thread(target=endless, args=(p,), daemon=True)
    feeder.start()
    first = p.stdout.readline()
    p.stdout.close()  # the reader goes away, as `head -1` does
    try:
        code = p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        code = "hung"
    err = p.stderr.read()
    check(code == -signal.SIGPIPE and err == b"" and json.loads(first).get("doc") == "e1",
          "-j %s: endless input, reader gone after one line: ended by SIGPIPE, quietly (got %s)" % (j, code))


# 5. it streams: each record's lines leave before the next record arrives
def coprocess(j):
    p = subprocess.Popen(UTDRAG + ["extract", "-j", j, "--records", "-"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    fd = p.stdout.fileno()
    buf, ok = b"", True
    for i in range(5):
        rid = "co-%d" % i
        p.stdin.write(rec(rid, texts[i % len(texts)]))
        p.stdin.flush()
        deadline = time.time() + 30
        while ('"doc":"%s"' % rid).encode() not in buf:
            left = deadline - time.time()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                ok = False
                break
            chunk = os.read(fd, 65536)
            if not chunk:
                ok = False
                break
            buf += chunk
        if not ok:
            break
    p.stdin.close()
    rest = p.stdout.read()
    code = p.wait(timeout=60)
    p.stderr.close()
    p.stdout.close()
    return ok and code == 0, len((buf + rest).splitlines())


for j in ("1", "2"):
    ok, nl = coprocess(j)
    check(ok, "-j %s: each of 5 records' lines come out before the next record is written (%d lines)" % (j, nl))


def peak_rss_kb(args, data):
    """Peak RSS of one utdrag run, fed `data` from a file."""
    with tempfile.TemporaryFile() as f:
        f.write(data)
        f.seek(0)
        code = subprocess.call(["python3", "-c", """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
"""] + UTDRAG + ["extract"] + args, stdin=f, stdout=open(os.path.join(tmp, "rss"), "w"))
        return code, int(open(os.path.join(tmp, "rss")).read().strip() or 0)


binary = UTDRAG[-1]
sanitized = "valgrind" in " ".join(UTDRAG) or b"__asan_init" in open(binary, "rb").read()
if sanitized:
    skip("memory under ASan or valgrind is not the program's")
    skip("memory under ASan or valgrind is not the program's")
else:
    tmp = tempfile.mkdtemp(prefix="utdrag-streaming.")
    body = "\n\n".join(texts) * 150  # about 40 KB a record
    big = b"".join(rec("m%d" % i, body) for i in range(1000))
    code0, base = peak_rss_kb(["-j2", "-t", "date", "--records", "-"], rec("one", body))
    code, peak = peak_rss_kb(["-j2", "-t", "date", "--records", "-"], big)
    check(code0 == 0 and code == 0, "%d MB of records through -j 2: exit 0" % (len(big) >> 20))
    check(peak < base + (len(big) >> 10) // 4,
          "peak memory %d KB for %d MB of records, %d KB for one record: flat, the input is never held"
          % (peak, len(big) >> 20, base))
    for f in os.listdir(tmp):
        os.unlink(os.path.join(tmp, f))
    os.rmdir(tmp)

sys.exit(finish())
