#!/usr/bin/env bash
# --format sqlite over the shared corpus, checked with the sqlite3 shell
# against the JSON Lines and JSON output of the same run: every record a
# row with the same values and types, documents with their SHA-256, size
# and facts, persons as the distinct person keys of each document, foreign
# keys valid; a rerun updates instead of duplicating, a changed file
# replaces its old row, and a failed or killed run leaves the database as
# it was (SQLite's transaction, not the temp file + rename of -o).
# Needs the sqlite3 shell: `make deps` installs it (Debian package sqlite3).
. "$(dirname "$0")/../hostile/lib.sh"
plan 32

CORPUS=../shared/corpus/docs
DB=$T/fields.db
if ! command -v sqlite3 >/dev/null; then
    echo "Bail out! the sqlite3 shell is missing: run 'make deps'"
    exit 1
fi
q() { sqlite3 -batch "$DB" "$@"; }

ut extract -f sqlite -o "$DB" "$CORPUS"
ok $? "extract --format sqlite -o over the corpus: exit 0"
ut extract "$CORPUS" >"$T/corpus.jsonl"
ut extract -f json "$CORPUS" >"$T/corpus.json"

[ "$(q 'PRAGMA user_version')" = 2 ]
ok $? "schema version 2 (PRAGMA user_version)"
[ "$(q 'PRAGMA integrity_check')" = ok ] && [ -z "$(q 'PRAGMA foreign_key_check')" ]
ok $? "integrity_check ok, foreign_key_check empty"
[ "$(q "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name)")" = "fields_document fields_type fields_value persons_key" ]
ok $? "indexes on fields(type), fields(value), fields(document_id), persons(key)"

python3 - "$DB" <<'PY'
import sqlite3, sys  # what Datasette and pandas open it with
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
assert tables == ["documents", "fields", "persons"], tables
assert db.execute("SELECT count(*) FROM fields f JOIN documents d ON d.id = f.document_id").fetchone()[0] > 0
PY
ok $? "opens read-only in Python's sqlite3 module (Datasette's): three plain tables"

# per type: as many rows as JSON Lines records
for type in dnr date person party figure org; do
    want=$(grep -c "\"type\":\"$type\"" "$T/corpus.jsonl")
    got=$(q "SELECT count(*) FROM fields WHERE type = '$type'")
    [ "$want" -gt 0 ] && [ "$got" = "$want" ]
    ok $? "$type: $got rows, $want JSON Lines records"
done

# every record, column by column, in order, with its JSON type
q -json "SELECT * FROM fields ORDER BY id" >"$T/fields.json"
python3 - "$T/corpus.jsonl" "$T/fields.json" >"$T/diff" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
rows = json.load(open(sys.argv[2]))
bad = 0
if len(recs) != len(rows):
    print(f"{len(recs)} records, {len(rows)} rows"); bad += 1
def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool): return a is b
    if isinstance(a, float) or isinstance(b, float):
        return type(a) is type(b) and abs(a - b) <= 1e-9 * max(1.0, abs(a))
    return type(a) is type(b) and a == b
for r, row in zip(recs, rows):
    for col in ["doc", "line", "start", "end", "type", "value", "text", "rule", "grain", "series",
                "year", "number", "party", "role", "key", "unit", "unit_lemma", "currency", "encoding"]:
        if not same(r.get(col), row[col]):
            bad += 1
            if bad < 10: print(f"{r['doc']}:{r['start']} {col}: record {r.get(col)!r}, row {row[col]!r}")
    if row["ocr"] != (1 if r.get("ocr") else 0):
        bad += 1
print(f"{bad} differences")
PY
grep -q "^0 differences" "$T/diff"
ok $? "every row holds its JSON Lines record: same values, same types ($(tail -1 "$T/diff"))"
diag "$T/diff"

[ "$(q "SELECT count(*) FROM fields WHERE typeof(start) || typeof(\"end\") || typeof(line) || typeof(ocr) <> 'integerintegerintegerinteger'")" = 0 ]
ok $? "start, end, line, ocr are integers on every row"
[ "$(q "SELECT count(*) FROM fields WHERE type = 'figure' AND typeof(number) NOT IN ('integer', 'real')")" = 0 ] &&
    [ "$(q "SELECT count(*) FROM fields WHERE type = 'figure' AND typeof(number) = 'integer'")" -gt 0 ] &&
    [ "$(q "SELECT count(*) FROM fields WHERE type = 'figure' AND typeof(number) = 'real'")" -gt 0 ]
ok $? "a figure's number is an integer or a real (both occur)"
[ "$(q "SELECT count(*) FROM fields WHERE type = 'dnr' AND number IS NOT NULL AND typeof(number) <> 'text'")" = 0 ] &&
    [ "$(q "SELECT count(*) FROM fields WHERE type = 'dnr' AND number LIKE '0%'")" -gt 0 ]
ok $? "a dnr's number stays text, leading zeros kept"

# documents: one per file, SHA-256 and size of the file, facts of --format json
n=$(find "$CORPUS" -name '*.txt' | wc -l)
[ "$(q 'SELECT count(*) FROM documents')" = "$n" ]
ok $? "one document row per file ($n)"
(cd "$CORPUS" && sha256sum -- *.txt) | awk -v d="$CORPUS" '{print d "/" $2 "|" $1}' | sort >"$T/sha.want"
q "SELECT path || '|' || sha256 FROM documents ORDER BY path" >"$T/sha.got"
cmp -s "$T/sha.want" "$T/sha.got"
ok $? "sha256 is sha256sum of each file"
for f in "$CORPUS"/*.txt; do echo "$f|$(stat -c %s "$f")"; done | sort >"$T/size.want"
q "SELECT path || '|' || bytes FROM documents ORDER BY path" >"$T/size.got"
cmp -s "$T/size.want" "$T/size.got"
ok $? "bytes is the size of each file"
q -json "SELECT path, kind, title, date, pages, decoded_as FROM documents" >"$T/docs.json"
python3 - "$T/corpus.json" "$T/docs.json" >"$T/diff" <<'PY'
import json, sys
want = {d["doc"]: d for d in json.load(open(sys.argv[1]))}
bad = 0
for row in json.load(open(sys.argv[2])):
    d = want[row["path"]]
    for col, key in [("kind", "kind"), ("title", "subject"), ("decoded_as", "encoding")]:
        if row[col] != d.get(key):
            bad += 1; print(f"{row['path']}: {col} {row[col]!r}, json {d.get(key)!r}")
    if row["pages"] is not None: bad += 1; print(f"{row['path']}: pages {row['pages']!r} for a text file")
    days = [f["value"] for f in d["fields"] if f["type"] == "date" and f.get("grain") == "day"]
    if row["date"] is not None and row["date"] not in days:
        bad += 1; print(f"{row['path']}: date {row['date']} is none of its day dates")
print(f"{bad} differences")
PY
grep -q "^0 differences" "$T/diff"
ok $? "kind, title, decoded_as as in --format json; pages NULL; date one of the document's own"
diag "$T/diff"
[ "$(q "SELECT date FROM documents WHERE path LIKE '%/kungsbacka-ks-2024-01-23-prot-motionssvar.txt'")" = 2024-01-23 ] &&
    [ -z "$(q "SELECT date FROM documents WHERE path LIKE '%/gov-uppdrag-2017-02-lst-stockholm.txt'")" ]
ok $? "date: the heading's date (2024-01-23), none from running text (a deadline)"

# persons: the distinct person keys of each document, with name, party, role, mentions
q -json "SELECT d.path, p.key, p.name, p.party, p.role, p.mentions FROM persons p JOIN documents d ON d.id = p.document_id" >"$T/persons.json"
python3 - "$T/corpus.jsonl" "$T/persons.json" >"$T/diff" <<'PY'
import json, sys
want = {}
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["type"] != "person": continue
    p = want.setdefault((r["doc"], r["key"]), {"name": r["value"], "party": None, "role": None, "mentions": 0})
    p["mentions"] += 1
    p["party"] = p["party"] or r.get("party")
    p["role"] = p["role"] or r.get("role")
got = {(p["path"], p["key"]): {k: p[k] for k in ("name", "party", "role", "mentions")}
       for p in json.load(open(sys.argv[2]))}
bad = 0
for k in sorted(set(want) | set(got)):
    if want.get(k) != got.get(k):
        bad += 1; print(f"{k}: jsonl {want.get(k)}, persons {got.get(k)}")
print(f"{bad} differences in {len(want)} persons")
PY
grep -q "^0 differences" "$T/diff"
ok $? "persons: one row per person key per document, as in JSON Lines ($(tail -1 "$T/diff"))"
diag "$T/diff"

# a rerun over the same files updates: nothing doubles, documents keep their ids
snapshot() {
    q "SELECT id, path, sha256, kind, title, date, bytes FROM documents ORDER BY id" \
        "SELECT document_id, type, value, start, \"end\", number FROM fields ORDER BY document_id, id" \
        "SELECT document_id, key, name, party, role, mentions FROM persons ORDER BY document_id, key" | md5sum
}
counts() { q "SELECT (SELECT count(*) FROM documents) || ' ' || (SELECT count(*) FROM fields) || ' ' || (SELECT count(*) FROM persons)"; }
before=$(snapshot)
c0=$(counts)
ut extract -f sqlite -o "$DB" "$CORPUS"
ok $? "rerun: exit 0"
[ "$(counts)" = "$c0" ] && [ "$(snapshot)" = "$before" ]
ok $? "rerun: same counts ($c0) and contents"

# a changed file: its row is replaced, the others stay
cp -r "$CORPUS" "$T/docs"
DB=$T/changed.db
ut extract -f sqlite -o "$DB" "$T/docs"
c0=$(counts)
f=$T/docs/kungsbacka-ks-2023-00658-arende.txt
old_sha=$(sha256sum <"$f" | cut -d' ' -f1)
old_id=$(q "SELECT id FROM documents WHERE sha256 = '$old_sha'")
printf '\nKommunstyrelsen beslutade 2024-02-01 i ärende dnr KS 2024/00099.\n' >>"$f"
new_sha=$(sha256sum <"$f" | cut -d' ' -f1)
ut extract -f sqlite -o "$DB" "$T/docs"
ok $? "rerun after a change: exit 0"
[ "$(q "SELECT count(*) FROM documents WHERE sha256 = '$old_sha'")" = 0 ] &&
    [ "$(q "SELECT path FROM documents WHERE sha256 = '$new_sha'")" = "$f" ] &&
    [ "$(q "SELECT count(*) FROM documents")" = "${c0%% *}" ]
ok $? "the changed file's row has its new SHA-256, the old one is gone, no document added"
want=$(ut extract "$f" | grep -c .)
[ "$(q "SELECT count(*) FROM fields JOIN documents d ON d.id = document_id WHERE d.sha256 = '$new_sha'")" = "$want" ] &&
    [ "$(q "SELECT count(*) FROM fields WHERE value = 'KS 2024/00099'")" = 1 ] &&
    [ "$(q "SELECT count(*) FROM fields")" = "$(ut extract "$T/docs" | grep -c .)" ] &&
    [ -z "$(q 'PRAGMA foreign_key_check')" ] && [ "$(q "SELECT count(*) FROM fields WHERE document_id = $old_id AND document_id NOT IN (SELECT id FROM documents)")" = 0 ]
ok $? "its fields are the new ones ($want), the whole table matches JSON Lines, no orphans"

# the same content under a second name is the same document (keyed by SHA-256)
cp "$T/docs/rd-ip-202223-0412.txt" "$T/docs/zz-copy.txt"
c1=$(counts)
ut extract -f sqlite -o "$DB" "$T/docs"
[ "$(counts)" = "$c1" ] && [ "$(q "SELECT path FROM documents WHERE path LIKE '%0412.txt' OR path LIKE '%zz-copy.txt'")" = "$T/docs/zz-copy.txt" ]
ok $? "a copy under another name: one row, with the last path seen"
rm "$T/docs/zz-copy.txt"

# standard input twice: one document (same bytes), never deleted as "the same path"
DB=$T/stdin.db
ut extract -f sqlite -o "$DB" - <"$CORPUS/rd-ip-202223-0412.txt"
ut extract -f sqlite -o "$DB" - <"$CORPUS/rd-ip-199495-0010.txt"
[ "$(q "SELECT group_concat(path) FROM documents")" = "-,-" ]
ok $? "two documents from standard input are two rows"

# failures leave the database as it was
DB=$T/changed.db
cp "$DB" "$T/before.db"
python3 - "$T/big.txt" "$(mb 2)" <<'PY'
import sys
unit = "Kommunstyrelsen beslutade 2024-01-23 i ärende dnr KS 2023/00658.\n"
open(sys.argv[1], "w").write(unit * (int(sys.argv[2]) // len(unit)))
PY
limit=$(($(stat -c %s "$DB") / 1024 + 64)) # KiB: the new rows do not fit
(trap '' XFSZ; ulimit -f $limit; exec $UTDRAG extract -j 1 -f sqlite -o "$DB" "$T/docs" "$T/big.txt") 2>"$T/err"
rc=$?
[ $rc = 2 ] && grep -q "changed.db: .*File too large" "$T/err"
ok $? "a write error: exit 2, the message names the database and the cause"
diag "$T/err"
dump() { sqlite3 -batch "$1" .dump | md5sum; }
[ "$(dump "$DB")" = "$(dump "$T/before.db")" ] && [ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] && [ ! -e "$DB-journal" ]
ok $? "after a write error the database is the old one (.dump), no journal left"

for _ in $(seq 100); do echo "$T/big.txt"; done >"$T/list"
$UTDRAG extract -j 1 -f sqlite -o "$DB" --files-from "$T/list" 2>/dev/null &
pid=$!
for _ in $(seq 600); do # until SQLite has started writing pages
    [ -s "$DB-journal" ] && break
    sleep 0.1
done
running=$(kill -0 $pid 2>/dev/null && echo yes)
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
[ "$running" = yes ] && [ "$(q 'PRAGMA integrity_check')" = ok ] && [ "$(dump "$DB")" = "$(dump "$T/before.db")" ]
ok $? "SIGKILL in the middle of writing: the next reader finds the old database"

ut extract -f sqlite -o "$T/new.db" "$CORPUS/nul-does-not-exist.txt" 2>/dev/null
rc=$?
DB=$T/new.db
[ $rc = 1 ] && [ "$(counts)" = "0 0 0" ] && [ "$(q 'PRAGMA user_version')" = 2 ]
ok $? "a run whose only input is missing: exit 1, an empty database with the schema"
finish
