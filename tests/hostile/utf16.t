#!/usr/bin/env bash
# UTF-16 files with a byte-order mark (Notepad's "Unicode") are decoded:
# the same values as the UTF-8 text, offsets into the UTF-16 bytes, the
# encoding named in the record.  Without a BOM the NUL bytes make it
# binary: refused with a message, exit 1.
. "$(dirname "$0")/lib.sh"
plan 9

python3 - "$T" <<'PY'
import sys
d = sys.argv[1]
text = ("Kommunstyrelsen beslutade 2024-01-23 i ärende dnr KS 2023/00658.\r\n"
        "Sammanträde 2019-05-03, Göteborg – dnr 511-2413-16.\r\n")
open(d + "/utf8.txt", "wb").write(text.encode("utf-8"))
open(d + "/le.txt", "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
open(d + "/be.txt", "wb").write(b"\xfe\xff" + text.encode("utf-16-be"))
open(d + "/nobom.txt", "wb").write(text.encode("utf-16-le"))
PY
values() { python3 -c '
import json, sys
print("\n".join(r["type"] + " " + r["value"] + " line " + str(r["line"]) for r in map(json.loads, sys.stdin)))'; }
ut extract "$T/utf8.txt" | values >"$T/want"
[ -s "$T/want" ]
ok $? "the UTF-8 text has fields ($(wc -l <"$T/want"))"
for bom in le be; do
    ut extract "$T/$bom.txt" >"$T/out" 2>"$T/err"
    ok $? "UTF-16 $bom with BOM: exit 0"
    values <"$T/out" >"$T/got"
    cmp -s "$T/want" "$T/got"
    ok $? "UTF-16 $bom: same values and lines as UTF-8"
    python3 - "$T/out" "$T/$bom.txt" "utf-16-$bom" <<'PY'
import json, sys
raw = open(sys.argv[2], "rb").read()
for r in map(json.loads, open(sys.argv[1])):
    # the span in the original bytes decodes to the field's text
    assert raw[r["start"]:r["end"]].decode(sys.argv[3]) == r["text"], r
    assert r["encoding"] == "utf-16" + sys.argv[3][-2:], r
PY
    ok $? "UTF-16 $bom: offsets point into the UTF-16 bytes, encoding named"
done
ut extract "$T/nobom.txt" >"$T/out" 2>"$T/err"
ok $(($? == 1 ? 0 : 1)) "UTF-16 without BOM: exit 1"
grep -q "nobom.txt" "$T/err" && grep -qi binary "$T/err"
ok $? "refused with a message naming the file"
finish
