#!/usr/bin/env bash
# Inputs that never end or are huge and binary: /dev/zero, /dev/urandom, a
# 100 MB file that turns binary after its first KiB.  Each is refused as
# binary as soon as a NUL byte is read (no UTF-16 BOM), not after reading
# it all: bounded time and memory, status 1, and the next input still
# comes out.  (An endless stream of text is cut at 4 GiB, the most a
# document can be: `yes | utdrag extract -` ends with "File too large" —
# too slow to run here.)
. "$(dirname "$0")/lib.sh"
plan 7

printf 'Beslut 2024-01-23\n' >"$T/good.txt"
for dev in /dev/zero /dev/urandom; do
    UT_TIMEOUT=60 ut extract -j 1 "$dev" "$T/good.txt" >"$T/out" 2>"$T/err"
    rc=$?
    [ $rc = 1 ] && grep -q "$dev" "$T/err" && grep -qi binary "$T/err"
    ok $? "$dev: refused as binary, exit 1 (got $rc)"
    grep -q good.txt "$T/out"
    ok $? "$dev: the next input still comes out"
done

python3 - "$T/late.txt" "$(mb 100)" <<'PY'
import sys
with open(sys.argv[1], "wb") as f:
    f.write(b"Beslut 2024-01-23\n" * 64 + b"\0")
    block = b"x" * 1048576
    for _ in range(int(sys.argv[2]) // len(block)):
        f.write(block)
PY
size=$(stat -c %s "$T/late.txt")
# peak RSS (KiB) of one run, measured by the kernel
peak() {
    python3 - "$UTDRAG" "$1" <<'PY'
import resource, subprocess, sys
rc = subprocess.run(sys.argv[1].split() + ["extract", sys.argv[2]], stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL).returncode
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
}
read -r _ base_kb < <(peak "$T/good.txt") # the rule set, the runtime (ASan's shadow)
read -r rc rss_kb < <(peak "$T/late.txt")
ok $((rc == 1 ? 0 : 1)) "a $((size / 1048576)) MiB file with a NUL after 1 KiB: exit 1 (got $rc)"
case "$UTDRAG" in
*valgrind*) skip "memory not measured under valgrind" ;;
*)
    [ $(((rss_kb - base_kb) * 1024)) -lt $((size / 2)) ]
    ok $? "refused without reading it whole: peak RSS $((rss_kb / 1024)) MiB, $((base_kb / 1024)) MiB for a one-line file"
    ;;
esac
# a UTF-16 file (NUL bytes, but a BOM) is still read whole and decoded
python3 -c 'import sys; open(sys.argv[1], "wb").write(b"\xff\xfe" + ("x" * 100000 + " Beslut 2024-01-23\n").encode("utf-16-le"))' "$T/u16.txt"
ut extract "$T/u16.txt" 2>/dev/null | grep -q '"value":"2024-01-23"'
ok $? "a big UTF-16 file with BOM is not cut short"
finish
