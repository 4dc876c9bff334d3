#!/usr/bin/env python3
"""corrupt.py: damage clean text the way scanners and OCR engines do.

usage: corrupt.py [--seed N] [--rate R] [--layout] [--stats] [-o OUT | -d DIR] [FILE...]

With no FILE, reads stdin. With -d DIR, each FILE is written to DIR under
its own base name. The damage is deterministic: the same seed, rate and
file name give the same output, byte for byte, on any Python 3.

The model (rates at --rate 1.0; every rate scales linearly with R, capped
at 1). R = 1.0 is tuned to look like tesseract run without a Swedish model
(the `ocrlocal-*` files of the corpus): nearly every å/ä/ö is misread,
mostly as a bare a/o.

  letters    å ä ö (and capitals) misread, at R. The misreading is a weighted
             choice measured on the corpus' real OCR twins:
             ä: a .86, e/é/&/d/6/¢/A; å: a .86, é/d/o/&/á; ö: o .50, é .35, 6/d/e/¢/&.
             é read as e, at R.
             A spurious diacritic (a→ä, o→ö, as tesseract's Swedish model adds),
             0.005 per a/o.
  shapes     m → rn and rn → m, 0.02; l → I/1/| inside a word, 0.01;
             the word I → |, 0.3; o → 0, 0.003; O → 0 in a capitals word,
             0.05; K → l< or l( in a capitals word of 5+ letters, 0.05.
  symbols    § → $ (a run of § as a run of $), 0.7; a hyphen between digits
             as an en or em dash, 0.3; straight double quotes as typographic, 0.5.
  typesetting  fi/fl/ff as a ligature (U+FB01/U+FB02/U+FB00), 0.5; a soft
             hyphen (U+00AD) inside a word of 10+ letters, 0.1; the space
             in a number (2 500) or between a number and its word as a
             no-break or thin space, 0.3; any other space as no-break, 0.02.
  hyphenation  the last word of a line of running text (9+ letters; a
             capitalised one only from 12, as names are not broken) broken at a
             syllable (`stads-` / `förvaltningen`), the tail moved to the
             next line, 0.3; lines of tables and signature blocks are left alone;
             the hyphen written as '-' .80, a soft hyphen U+00AD .15 (PDF text
             layers), U+2010 .05.
  line ends  the whole document with CR LF line ends (a file saved on
             Windows), 0.15 per document.
  digits     a year that heads a case number (`2019/475`) or an ISO date
             read with a stray space (`201 9/475`) or 0→O / 1→l, 0.03.
  layout     (--layout only) indentation dropped, space runs as one and
             blank-line runs as one, as OCR text layers print them.

--stats prints to stderr how many sites of each kind were damaged; --only
letter,hyphenate (the names above: letter spurious m_rn rn_m l word_I o_zero
caps_O caps_K section dash quote ligature soft_hyphen number_space nbsp
hyphenate digits crlf) applies only those kinds, to see what each one costs.
"""
import argparse
import hashlib
import os
import random
import re
import sys
from collections import Counter

DEFAULT_SEED = 1
DEFAULT_RATE = 1.0

# Weighted misreadings of the Swedish letters (weights need not sum to 1).
# The letters a scanner confuses are shared with damage.t, which accepts a
# damaged value that differs from the clean one only by these.
LETTER_MISREAD = {
    "ä": [("a", 86), ("e", 3), ("é", 3), ("&", 3), ("d", 2), ("6", 1), ("¢", 1), ("A", 1)],
    "å": [("a", 86), ("é", 3), ("d", 3), ("o", 3), ("&", 2), ("á", 2), ("A", 1)],
    "ö": [("o", 50), ("é", 35), ("6", 7), ("d", 3), ("e", 2), ("¢", 2), ("&", 1)],
    "é": [("e", 1)],
    "Ä": [("A", 95), ("&", 5)],
    "Å": [("A", 100)],
    "Ö": [("O", 90), ("0", 5), ("6", 5)],
    "É": [("E", 1)],
}
SPURIOUS_DIACRITIC = {"a": "ä", "o": "ö"}
L_MISREAD = [("I", 5), ("1", 3), ("|", 2)]
K_MISREAD = [("l<", 1), ("l(", 1)]
LIGATURES = {"fi": "\ufb01", "fl": "\ufb02", "ff": "\ufb00"}
SOFT_HYPHEN = "\u00ad"
NUMBER_SPACES = [("\u00a0", 5), ("\u202f", 3), ("\u2009", 2)]
# How a text layer writes the hyphen of a word broken over a line end.
LINE_END_HYPHENS = [("-", 80), ("\u00ad", 15), ("\u2010", 5)]
DIGIT_DASHES = [("\u2013", 4), ("\u2014", 1)]

# Damaged spellings one clean letter (lower case) may take, for comparing
# values: every misreading above, whatever its case, plus the shape
# confusions.  Multi-letter entries (rn, l<) are sequences.
def value_confusions():
    out = {}
    for clean, seen in LETTER_MISREAD.items():
        out.setdefault(clean.lower(), set()).update(s.lower() for s, _ in seen)
    for clean, seen in SPURIOUS_DIACRITIC.items():
        out.setdefault(clean, set()).add(seen)
    out.setdefault("m", set()).add("rn")
    out.setdefault("l", set()).update(s.lower() for s, _ in L_MISREAD)
    out.setdefault("i", set()).update({"|", "l"})
    out.setdefault("o", set()).add("0")
    out.setdefault("k", set()).update(s for s, _ in K_MISREAD)
    return out

RATES = {  # at --rate 1.0
    "letter": 1.0, "spurious": 0.005, "m_rn": 0.02, "rn_m": 0.02, "l": 0.01,
    "word_I": 0.3, "o_zero": 0.003, "caps_O": 0.05, "caps_K": 0.05,
    "section": 0.7, "dash": 0.3, "quote": 0.5, "ligature": 0.5, "soft_hyphen": 0.1,
    "number_space": 0.3, "nbsp": 0.02, "hyphenate": 0.3, "digits": 0.03, "crlf": 0.15,
}

VOWELS = set("aeiouyåäöéAEIOUYÅÄÖÉ")
WORD = re.compile(r"[^\W\d_]+")


class Damager:
    """One document's damage: a random stream per pass, so that changing one
    pass does not shift the choices of the others."""

    def __init__(self, seed, rate, name, only=None):
        self.seed, self.rate, self.name, self.only = seed, rate, name, only
        self.stats = Counter()

    def rng(self, what):
        key = f"{self.seed}\0{self.name}\0{what}".encode()
        return random.Random(int.from_bytes(hashlib.sha256(key).digest()[:8], "big"))

    def p(self, kind):
        if self.only is not None and kind not in self.only:
            return 0.0
        return min(1.0, RATES[kind] * self.rate)

    @staticmethod
    def pick(rng, choices):
        total = sum(w for _, w in choices)
        x = rng.random() * total
        for s, w in choices:
            x -= w
            if x < 0:
                return s
        return choices[-1][0]

    def hit(self, rng, kind):
        if rng.random() < self.p(kind):
            self.stats[kind] += 1
            return True
        return False

    # ---- passes; each takes and returns the whole text ----

    def digits(self, text):
        """A year heading a case number or an ISO date: the one place a long
        digit run has a shape that stays readable after a stray space or an
        l/O (issue: "201 9/475")."""
        rng = self.rng("digits")
        pat = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?=/[0-9]|-[01][0-9]-[0-3][0-9](?![0-9]))")

        def one(m):
            y = m.group(1)
            if not self.hit(rng, "digits"):
                return y
            if rng.random() < 0.6:
                k = 1 + int(rng.random() * 3)
                return y[:k] + " " + y[k:]
            return y.replace("0", "O", 1) if "0" in y and rng.random() < 0.5 else y.replace("1", "l", 1)
        return pat.sub(one, text)

    def letters(self, text):
        rng = self.rng("letters")
        return WORD.sub(lambda m: self.word(rng, m.group(0)), text)

    def word(self, rng, w):
        if w == "I":
            return "|" if self.hit(rng, "word_I") else w
        caps = len(w) >= 2 and w.isupper()
        out = []
        i = 0
        while i < len(w):
            c = w[i]
            inner = 0 < i < len(w) - 1
            if c in LETTER_MISREAD and self.hit(rng, "letter"):
                out.append(self.pick(rng, LETTER_MISREAD[c]))
            elif c == "m" and not caps and self.hit(rng, "m_rn"):
                out.append("rn")
            elif w.startswith("rn", i) and self.hit(rng, "rn_m"):
                out.append("m")
                i += 1
            elif c == "l" and inner and self.hit(rng, "l"):
                out.append(self.pick(rng, L_MISREAD))
            elif c == "O" and caps and self.hit(rng, "caps_O"):
                out.append("0")
            elif c == "K" and caps and len(w) >= 5 and self.hit(rng, "caps_K"):
                out.append(self.pick(rng, K_MISREAD))
            elif c == "o" and inner and self.hit(rng, "o_zero"):
                out.append("0")
            elif c in SPURIOUS_DIACRITIC and self.hit(rng, "spurious"):
                out.append(SPURIOUS_DIACRITIC[c])
            else:
                out.append(c)
            i += 1
        return "".join(out)

    def symbols(self, text):
        rng = self.rng("symbols")
        text = re.sub(r"§+", lambda m: "$" * len(m.group(0)) if self.hit(rng, "section") else m.group(0), text)
        # ranges (12-15, 2019-2021), not the hyphens of dates or case numbers
        text = re.sub(r"(?<![0-9/-])([0-9]{1,4})-([0-9]{1,4})(?![0-9/-])",
                      lambda m: m.group(1) + (self.pick(rng, DIGIT_DASHES) if self.hit(rng, "dash") else "-")
                      + m.group(2), text)
        return re.sub(r'"([^"\n]{1,200})"',
                      lambda m: "\u201d" + m.group(1) + "\u201d" if self.hit(rng, "quote") else m.group(0), text)

    def typesetting(self, text):
        rng = self.rng("typesetting")
        text = re.sub(r"f[ifl]", lambda m: LIGATURES[m.group(0)] if self.hit(rng, "ligature") else m.group(0), text)

        def soft(m):
            w = m.group(0)
            cuts = syllable_cuts(w)
            if len(w) < 10 or not cuts or not self.hit(rng, "soft_hyphen"):
                return w
            k = cuts[int(rng.random() * len(cuts))]
            return w[:k] + SOFT_HYPHEN + w[k:]
        text = WORD.sub(soft, text)

        def space(m):
            i = m.start()
            after_digit = text[i - 1].isdigit()
            if after_digit and re.match(r"[0-9]{3}(?![0-9])|[^\W\d_]", text[i + 1:i + 5]):
                return self.pick(rng, NUMBER_SPACES) if self.hit(rng, "number_space") else " "
            return "\u00a0" if self.hit(rng, "nbsp") else " "
        return re.sub(r"(?<=\S) (?=\S)", space, text)

    def hyphenate(self, text):
        """Break the last long word of a line of running text at a syllable,
        carrying its tail to the next line, as a typesetter does.  Lines of
        tables and signature blocks (short, or with column gaps) are left
        alone, and so are names: a capitalised word is broken only when it
        is a long compound (`Utbildnings-` / `förvaltningen`)."""
        rng = self.rng("hyphenate")
        lines = text.split("\n")
        for n in range(len(lines) - 1):
            line, nxt = lines[n], lines[n + 1]
            body = line.strip(" ")
            if len(body) < 40 or "   " in body or not nxt.strip() or "   " in nxt.strip(" "):
                continue
            m = re.search(r"([^\W\d_]{9,})$", line)
            if not m:
                continue
            w = m.group(1)
            if w[0].isupper() and len(w) < 12:
                continue
            cuts = [k for k in syllable_cuts(w) if w[k - 1].islower() and w[k].islower()]
            if not cuts or not self.hit(rng, "hyphenate"):
                continue
            k = cuts[int(rng.random() * len(cuts))]
            lines[n] = line[: m.start(1)] + w[:k] + self.pick(rng, LINE_END_HYPHENS)
            indent = len(nxt) - len(nxt.lstrip(" "))
            lines[n + 1] = nxt[:indent] + w[k:] + " " + nxt[indent:]
        return "\n".join(lines)

    def layout(self, text):
        text = re.sub(r"(?m)^[ \t]+", "", text)
        text = re.sub(r"[ \t]{2,}", " ", text)
        return re.sub(r"\n{3,}", "\n\n", text)


def syllable_cuts(w):
    """Where a Swedish word may be hyphenated: before a consonant that is
    followed by a vowel (`för-valt-ning-en`), three letters kept each side."""
    return [k for k in range(3, len(w) - 2)
            if w[k] not in VOWELS and w[k + 1] in VOWELS and w[k].isalpha() and w[k - 1].isalpha()]


def corrupt(text, seed=DEFAULT_SEED, rate=DEFAULT_RATE, name="", layout=False, only=None):
    """Return (damaged text, Counter of damaged sites by kind).  `only`, a set
    of kinds (keys of RATES), restricts the damage to those kinds."""
    d = Damager(seed, rate, name, only)
    text = d.digits(text)
    text = d.letters(text)
    text = d.symbols(text)
    text = d.hyphenate(text)
    text = d.typesetting(text)
    if layout:
        text = d.layout(text)
    if d.hit(d.rng("crlf"), "crlf"):
        text = text.replace("\n", "\r\n")
    return text, d.stats


def main(argv):
    ap = argparse.ArgumentParser(description="Damage clean text the way scanners do (deterministic).")
    ap.add_argument("files", nargs="*")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--rate", type=float, default=DEFAULT_RATE)
    ap.add_argument("--layout", action="store_true", help="also flatten layout as OCR text layers do")
    ap.add_argument("--stats", action="store_true", help="damaged sites per kind on stderr")
    ap.add_argument("--only", help="comma-separated kinds of damage to apply (default: all): " + ",".join(RATES))
    ap.add_argument("-o", "--output")
    ap.add_argument("-d", "--out-dir")
    a = ap.parse_args(argv[1:])
    if a.rate < 0:
        ap.error("--rate must be >= 0")
    only = None
    if a.only:
        only = set(k.strip() for k in a.only.split(",") if k.strip())
        unknown = only - set(RATES)
        if unknown:
            ap.error("unknown kinds: " + ",".join(sorted(unknown)))
    if a.output and a.out_dir:
        ap.error("-o and -d exclude each other")
    if a.out_dir and not a.files:
        ap.error("-d needs FILE arguments")
    inputs = a.files or ["-"]
    total = Counter()
    outs = []
    for path in inputs:
        if path == "-":
            text, name = sys.stdin.buffer.read().decode("utf-8"), "-"
        else:
            with open(path, "rb") as f:
                text = f.read().decode("utf-8")
            name = os.path.basename(path)
        damaged, stats = corrupt(text, a.seed, a.rate, name, a.layout, only)
        total.update(stats)
        if a.out_dir:
            with open(os.path.join(a.out_dir, name), "wb") as f:
                f.write(damaged.encode("utf-8"))
        else:
            outs.append(damaged)
    if not a.out_dir:
        data = "".join(outs).encode("utf-8")
        if a.output:
            with open(a.output, "wb") as f:
                f.write(data)
        else:
            sys.stdout.buffer.write(data)
    if a.stats:
        for kind in RATES:
            print(f"{kind:13} {total[kind]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
