#!/bin/sh
# review.t — the HTML review page (`extract --format html`) in a real
# browser: Debian's chromium, headless, driven by playwright-core (from npm,
# tests/browser/package-lock.json; it downloads no browser).  The checks
# themselves are in review.mjs; this script installs what they need when it
# is missing (chromium through `make deps`, the npm package with `npm ci`),
# makes a set of documents (the samples, a Windows-1252 and a UTF-16 file,
# one full of markup and quotes with CRLF line ends), runs utdrag over them
# twice, as JSON Lines and as HTML, and hands both to review.mjs.  The
# screenshot goes next to the binary: build/review.png.
set -u
cd "$(dirname "$0")/../.." || exit 1
root=$(pwd)
UTDRAG=${UTDRAG:-build/utdrag}
UTDRAG_BIN=${UTDRAG##* }
T=$(mktemp -d "${TMPDIR:-/tmp}/utdrag-browser.XXXXXX")
trap 'rm -rf "$T"' EXIT

bail() { # a failed set-up is a failed test, never a skip
    echo "1..1"
    echo "not ok 1 - set-up: $1"
    [ -f "$T/setup.log" ] && tail -n 20 "$T/setup.log" | sed 's/^/# /'
    exit 1
}

# One install at a time: the plain and the sanitizer pass run this script
# in parallel, and apt and npm both lock or clobber.
exec 9>"$root/tests/browser/.install.lock"
flock 9
if ! command -v chromium >/dev/null 2>&1; then
    make --no-print-directory deps DEB_PKGS=chromium >"$T/setup.log" 2>&1 || bail "make deps DEB_PKGS=chromium failed"
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    make --no-print-directory deps DEB_PKGS="nodejs npm" >"$T/setup.log" 2>&1 || bail "make deps DEB_PKGS='nodejs npm' failed"
fi
mods=tests/browser/node_modules
if [ ! -f "$mods/playwright-core/package.json" ] || [ tests/browser/package-lock.json -nt "$mods/.package-lock.json" ]; then
    (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) \
        >"$T/setup.log" 2>&1 || bail "npm ci in tests/browser failed"
fi
flock -u 9

mkdir -p "$T/docs"
cp samples/*.txt tests/data/docs/cp1252.txt tests/data/docs/utf16.txt "$T/docs/"
printf '%s\r\n' \
    'Kommunstyrelsen <b>beslutade</b> 2024-01-23 i ärende dnr KS 2023/00658 & "övrigt".' \
    "<script>alert('utdrag')</script> </pre> ska synas som text, inte köras." \
    "Interpellation av Anna Andersson (M) till kommunstyrelsens ordförande Per Persson (S)." \
    >"$T/docs/markup.txt"
ndocs=$(ls "$T/docs" | wc -l)

export UTDRAG_RULES="${UTDRAG_RULES:-$root/rules}"
$UTDRAG extract -o "$T/fields.jsonl" "$T/docs" 2>"$T/err" || bail "extract (jsonl) failed: $(cat "$T/err")"
$UTDRAG extract --format html -o "$T/review.html" "$T/docs" 2>"$T/err" || bail "extract --format html failed: $(cat "$T/err")"

exec node tests/browser/review.mjs "$T/review.html" "$T/fields.jsonl" "$ndocs" "$(dirname "$UTDRAG_BIN")/review.png"
