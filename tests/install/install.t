#!/usr/bin/env bash
# `make install` into a scratch prefix gives a utdrag that finds the same
# fields as the build: every file the rule set needs is installed (the
# rule files, the lexicons and the OCR confusion table, without which
# damaged text silently loses its fields), and so are the header, the
# libraries, the man page, the completion and the Python module.
. "$(dirname "$0")/../hostile/lib.sh"
plan 8

root="$(cd "$(dirname "$0")/../.." && pwd)"
prefix="$T/prefix"
make -s -C "$root" install BUILD=build PREFIX="$prefix" >"$T/make.out" 2>&1
ok $? "make install PREFIX=$prefix"

for f in bin/utdrag include/utdrag.h lib/libutdrag.a share/man/man1/utdrag.1 share/utdrag/rules/ocr-confusions.txt; do
    [ -f "$prefix/$f" ]
    ok $? "installed: $f"
done

# a scanned signature block: the role word is read through the confusion
# table (ö printed as é) and comes out clean
printf 'Beslutet fattades av socialndmnden.\n\nF\303\251rvaltningschef\n\nFredrik Jurdell\n' >"$T/ocr.txt"
(cd "$T" && "$prefix/bin/utdrag" extract -j 1 ocr.txt) >"$T/installed.jsonl" 2>"$T/installed.err"
(cd "$T" && "$root/build/utdrag" extract -j 1 ocr.txt) >"$T/build.jsonl" 2>"$T/build.err"
[ -s "$T/build.jsonl" ] && cmp -s "$T/installed.jsonl" "$T/build.jsonl"
ok $? "the installed utdrag finds what the build finds in OCR'd text"
grep -q '"role":"förvaltningschef"' "$T/installed.jsonl"
ok $? "and reads through OCR damage (the confusion table is installed and found)"
finish
