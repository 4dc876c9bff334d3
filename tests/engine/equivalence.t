#!/usr/bin/env bash
# The scan engine (one anchor pass, each rule tried in its windows) and the
# reference engine (every rule a full scan) give the same JSON Lines, byte
# for byte, on every input we have: the annotated corpus and its extra
# documents, the field corpus, the samples, every rule example, the fuzz
# seeds and regressions, and hostile texts made here (one long line, OCR
# junk, no newline at all, matches at the very first and last byte,
# multi-byte letters before every digit).  The interpreter (UTDRAG_NO_JIT)
# runs the windowed searches too, so the JIT with an offset limit is
# checked against it.  A difference shows the first differing lines.
. "$(dirname "$0")/../hostile/lib.sh"
SHARED=${UTDRAG_SHARED:-../shared}
# the ASan build runs about 5x slower: the long line shrinks, not the point
case "$UTDRAG" in *asan*) big=2 ;; *) big=8 ;; esac
plan 9

# same DESCRIPTION ARGS...: both engines on ARGS, outputs compared
same() {
    local what=$1
    shift
    ut extract "$@" >"$T/scan" 2>"$T/scan.err"
    local a=$?
    ut extract --engine reference "$@" >"$T/ref" 2>"$T/ref.err"
    local b=$?
    [ $a = $b ] && cmp -s "$T/scan" "$T/ref" && cmp -s "$T/scan.err" "$T/ref.err" && [ -s "$T/scan" ]
    ok $? "$what: same output ($(wc -l <"$T/scan") records, exit $a/$b)"
    diff "$T/scan" "$T/ref" | head -6 | diag
}

dirs=""
for d in "$SHARED/corpus/docs" "$SHARED/corpus/extra" tests/field/docs samples; do
    [ -d "$d" ] && dirs="$dirs $d"
done
same "corpus, extra, field corpus and samples" $dirs

# every example of every rule file, one record each
python3 - rules >"$T/examples.jsonl" <<'PY'
import glob, json, sys
n = 0
for path in sorted(glob.glob(sys.argv[1] + "/*.rules")):
    for line in open(path, encoding="utf-8"):
        s = line.strip()
        if s.startswith("example") and "=>" in s:
            text = s[len("example"):].rsplit("=>", 1)[0].strip().replace("\\n", "\n").replace("\\t", "\t")
            n += 1
            print(json.dumps({"id": "%s:%d" % (path, n), "text": text}, ensure_ascii=False))
PY
same "every rule example ($(wc -l <"$T/examples.jsonl"))" --records "$T/examples.jsonl"

same "fuzz seeds and regressions" tests/fuzz/seeds tests/fuzz/regress

# hostile texts, made from the corpus's own words
src=$(ls "$SHARED"/corpus/docs/*.txt tests/field/docs/*.txt samples/*.txt 2>/dev/null)
python3 - "$T" "$(mb $big)" $src <<'PY'
import random, sys
out, size, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
text = "".join(open(p, encoding="utf-8", errors="replace").read() for p in paths)
flat = " ".join(text.split())
# one long line
with open(out + "/line.txt", "w") as f:
    f.write((flat + " ") * (size // max(1, len(flat.encode())) + 1))
# OCR junk: letters swapped for look-alikes, spaces dropped and doubled,
# random bytes of the same alphabet
rnd = random.Random(7)
swap = {"l": "1", "O": "0", "o": "0", "i": "l", "S": "5", "å": "a", "ä": "a", "ö": "o", " ": "  "}
junk = "".join(swap[c] if c in swap and rnd.random() < 0.15 else ("" if c == " " and rnd.random() < 0.1 else c)
               for c in text[:400000])
alphabet = "0123456789/-:.,§ ÅÄÖåäöabcdeKSDnrdnr\n"
junk += "".join(rnd.choice(alphabet) for _ in range(200000))
open(out + "/junk.txt", "w").write(junk)
# no newline anywhere, and fields at the very first and last byte
open(out + "/edges.txt", "w").write("2021-04-28 " + flat[:50000] + " Dnr KS 2023/00658")
# a multi-byte letter right before every digit and capital
open(out + "/multibyte.txt", "w").write("".join("ö" + c if c.isdigit() or c.isupper() else c for c in text[:200000]))
PY
UT_TIMEOUT=900 same "one ${big} MB line" -j 1 "$T/line.txt"
same "OCR junk" "$T/junk.txt"
same "no newline, fields at the first and last byte" "$T/edges.txt"
python3 - "$T/scan" "$(stat -c %s "$T/edges.txt")" <<'PY'
import json, sys
spans = [(r["start"], r["end"]) for r in map(json.loads, open(sys.argv[1]))]
sys.exit(not (min(spans)[0] == 0 and max(e for _, e in spans) == int(sys.argv[2])))
PY
ok $? "the fields at the first and last byte are found"
same "a multi-byte letter before every digit and capital" "$T/multibyte.txt"

# the interpreter runs the same windowed searches as the JIT
UTDRAG_NO_JIT=1 ut extract $dirs >"$T/nojit" 2>/dev/null
ut extract $dirs >"$T/jit" 2>/dev/null
cmp -s "$T/jit" "$T/nojit" && [ -s "$T/jit" ]
ok $? "scan engine: the interpreter and the JIT (with offset limits) give the same output"
finish
