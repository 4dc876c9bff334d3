#!/usr/bin/env bash
# A big file (200 MiB by default; UTDRAG_BIG_MB=1024 for the 1 GB run):
# extracted whole, and memory stays bounded by the document: peak RSS
# under 12 x file size + 64 MiB (README: "Memory").  The text has CRLF
# line ends and no-break spaces, so the normalizer rewrites it and keeps
# its offset map: the worst case for memory.  Fields cost about 1.5 KiB
# each at the peak (candidates, then the field array), so a text much
# denser in fields than documents are needs more (README: "Memory").
. "$(dirname "$0")/lib.sh"
plan 4

size_mb=${UTDRAG_BIG_MB:-200}
# text as dense in fields as the annotated corpus (about one a KiB)
python3 - "$T/big.txt" "$(mb "$size_mb")" "$T/unit.txt" <<'PY'
import sys
unit = ("Kommunstyrelsen beslutade vid sitt sammanträde 2024-01-23 att ge förvaltningen i uppdrag att "
        "utreda frågan vidare och återkomma med ett förslag till beslut. Ärendet har beretts av\u00a0"
        "kommunledningskontoret, som i sin tjänsteskrivelse redogör för bakgrunden, de ekonomiska "
        "konsekvenserna och hur frågan förhåller sig till kommunens övergripande mål och riktlinjer.\r\n"
        "Yttrandet ska ha kommit in senast den sista i månaden. Handlingarna finns tillgängliga hos "
        "kommunens registratur och kan begäras ut av den som vill ta del av dem i sin helhet; ange "
        "i så fall diarienumret KS 2023/00658 och vilket beslut det gäller.\r\n\r\n").encode()
open(sys.argv[3], "wb").write(unit)
n = int(sys.argv[2]) // len(unit)
with open(sys.argv[1], "wb") as f:
    block = unit * 1024
    for _ in range(n // 1024):
        f.write(block)
    f.write(unit * (n % 1024))
PY
size=$(stat -c %s "$T/big.txt")
# peak RSS of the child, measured by the kernel (KiB)
python3 - "$T" "$UTDRAG" "$T/big.txt" <<'PY' >"$T/measure"
import resource, subprocess, sys
t, cmd, path = sys.argv[1], sys.argv[2].split(), sys.argv[3]
with open(t + "/out", "wb") as out, open(t + "/err", "wb") as err:
    rc = subprocess.run(cmd + ["extract", "-j", "1", "-t", "date,dnr", path], stdout=out, stderr=err).returncode
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
read -r rc rss_kb <"$T/measure"
ok "$rc" "$((size / 1048576)) MiB file: exit 0"
units=$(( $(stat -c %s "$T/big.txt") / $(stat -c %s "$T/unit.txt") ))
per_unit=$(ut extract "$T/unit.txt" -t date,dnr | wc -l)
nrec=$(wc -l <"$T/out")
[ "$per_unit" -gt 0 ] && [ "$nrec" -eq $((units * per_unit)) ]
ok $? "every field found ($nrec records, $per_unit in each of $units paragraphs)"
tail -1 "$T/out" | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["end"] <= int(sys.argv[1]) and r["line"] == 3 * int(sys.argv[2]) - 1' "$size" "$units"
ok $? "the last field is on the right line, inside the file"
rss=$((rss_kb * 1024))
ratio=$(python3 -c "print(f'{$rss / $size:.2f}')")
echo "# peak RSS $((rss / 1048576)) MiB for a $((size / 1048576)) MiB file: ${ratio} x file size"
case "$UTDRAG" in
*valgrind*) skip "memory bound: not measured under valgrind" ;;
*)
    limit=$((12 * size + 64 * 1048576))
    # ASan keeps freed blocks in quarantine and maps shadow memory
    if nm "$UTDRAG_BIN" 2>/dev/null | grep -q __asan_init; then limit=$((16 * size + 512 * 1048576)); fi
    [ "$rss" -lt "$limit" ]
    ok $? "peak RSS $((rss / 1048576)) MiB < $((limit / 1048576)) MiB"
    ;;
esac
finish
