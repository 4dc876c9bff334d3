#!/usr/bin/env python3
"""mkpdf.py KIND OUT — write a small PDF for the PDF tests, by hand.

Why by hand: the tests need PDFs whose layout is known exactly (a
two-column signature block on page 2, a scan with no text layer, an
encrypted file), and no PDF writer is needed for that.  KIND:
  text       two pages of Helvetica text (tests/data/pdf/two-pages.pdf)
  scan       one page holding only an image: a scan without OCR
  encrypted  text behind a user password (poppler cannot open it without)
  mixed      the text pages, then a page holding only an image (page 3)
"""
import sys

# (page, x, y, text): PDF points from the bottom left of an A4 page
TEXT = [
    (1, 72, 770, "Nacka kommun"),
    (1, 380, 770, "2024-03-05"),
    (1, 380, 756, "Dnr KS 2024/17"),
    (1, 72, 700, "Beslut om nya lokaler"),
    (1, 72, 670, "Kommunstyrelsen beslutade den 2024-02-20 att hyra nya lokaler."),
    (2, 72, 770, "Beslutet gäller från 2024-04-01."),
    (2, 72, 700, "Anna Berg"),
    (2, 320, 700, "Olof Ek"),
    (2, 72, 686, "Kommundirektör"),
    (2, 320, 686, "Förvaltningschef"),
]


def pdf(objects, trailer_extra=b""):
    """A PDF of the given object bodies (object i+1 = objects[i])."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def stream(data, dict_extra=b""):
    return b"<< %s/Length %d >>\nstream\n" % (dict_extra, len(data)) + data + b"\nendstream"


def text_objects():
    pages = sorted({p for p, *_ in TEXT})
    # 1 catalog, 2 pages, 3 font, then a page and its content per page
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages)))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for i, p in enumerate(pages):
        ops = b"".join(b"BT /F1 11 Tf %d %d Td (%s) Tj ET\n" % (x, y, t.encode("cp1252"))
                       for q, x, y, t in TEXT if q == p)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                    b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
        objs.append(stream(ops))
    return objs


def scan():
    image = bytes([0x40, 0xC0, 0xC0, 0x40])  # 2x2 grey pixels
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
                stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
                stream(image, b"/Type /XObject /Subtype /Image /Width 2 /Height 2 "
                              b"/ColorSpace /DeviceGray /BitsPerComponent 8 ")])


def mixed():
    objs = text_objects()
    # a third page: only an image, as a scanned page among typed ones
    n = len(objs)
    objs[1] = objs[1].replace(b"] /Count 2", b" %d 0 R] /Count 3" % (n + 1))
    objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (n + 3, n + 2))
    objs.append(stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q"))
    objs.append(stream(bytes([0x40, 0xC0, 0xC0, 0x40]), b"/Type /XObject /Subtype /Image /Width 2 /Height 2 "
                                                      b"/ColorSpace /DeviceGray /BitsPerComponent 8 "))
    return pdf(objs)


def encrypted():
    # the standard security handler with an /U entry no empty password
    # matches: a reader needs the (unknown) user password
    objs = text_objects()
    objs.append(b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <%s> /U <%s> >>" % (b"11" * 32, b"22" * 32))
    return pdf(objs, b"/Encrypt %d 0 R /ID [<%s> <%s>] " % (len(objs), b"33" * 16, b"33" * 16))


def main():
    kind, out = sys.argv[1], sys.argv[2]
    data = {"text": lambda: pdf(text_objects()), "scan": scan, "encrypted": encrypted, "mixed": mixed}[kind]()
    with open(out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
