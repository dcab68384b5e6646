"""Media for the demo site, generated in code: illustrations and real PDF files.

Nothing is copied from elsewhere: pictures are drawn with Pillow, PDFs are
written by hand (PDF 1.4, Helvetica with a Polish encoding, a real text layer).
All helpers are idempotent: asking twice for the same title returns the same object.
"""

import io
import zlib

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

# Glyphs outside WinAnsi that Polish needs, mapped into unused codes 0x80-0x91.
_POLISH = {
    "ą": "aogonek",
    "ć": "cacute",
    "ę": "eogonek",
    "ł": "lslash",
    "ń": "nacute",
    "ó": "oacute",
    "ś": "sacute",
    "ź": "zacute",
    "ż": "zdotaccent",
    "Ą": "Aogonek",
    "Ć": "Cacute",
    "Ę": "Eogonek",
    "Ł": "Lslash",
    "Ń": "Nacute",
    "Ó": "Oacute",
    "Ś": "Sacute",
    "Ź": "Zacute",
    "Ż": "Zdotaccent",
}
_CODES = {ch: 0x80 + i for i, ch in enumerate(_POLISH)}
_DIFFERENCES = "/Differences [128 " + " ".join(f"/{name}" for name in _POLISH.values()) + "]"


def _pdf_text(text):
    out = []
    for ch in text:
        if ch in _CODES:
            out.append(f"\\{_CODES[ch]:03o}")
        elif ch in "()\\":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            out.append({"–": "-", "—": "-", "„": '"', "”": '"', "§": "\\247"}.get(ch, "?"))
    return "".join(out)


def _wrap(line, width=90):
    words, lines, current = line.split(), [], ""
    for word in words:
        if len(current) + len(word) + 1 > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return lines


def pdf_bytes(title, paragraphs, pages=1):
    """A valid, searchable PDF with ``title`` on top and the paragraphs as text."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    font = add(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        f"/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding {_DIFFERENCES} >> >>"
    )
    bold = add(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
        f"/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding {_DIFFERENCES} >> >>"
    )
    pages_id = len(objects) + 1 + pages * 2
    page_ids = []
    for number in range(pages):
        lines = [f"BT /F2 14 Tf 56 780 Td ({_pdf_text(title)}) Tj ET"]
        y = 750
        body = paragraphs if number == 0 else [f"Strona {number + 1} z {pages}."]
        for paragraph in body:
            for piece in _wrap(paragraph):
                lines.append(f"BT /F1 11 Tf 56 {y} Td ({_pdf_text(piece)}) Tj ET")
                y -= 16
                if y < 60:
                    break
            y -= 8
        stream = zlib.compress("\n".join(lines).encode("latin-1"))
        content = add(
            f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode("latin-1")
            + stream
            + b"\nendstream"
        )
        page_ids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 {font} 0 R /F2 {bold} 0 R >> >> "
                f"/Contents {content} 0 R >>"
            )
        )
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    assert add(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>") == pages_id
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R /Lang (pl-PL) >>")
    info = add(f"<< /Title <FEFF{title.encode('utf-16-be').hex()}> /Producer (OPS demo) >>")

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        data = body if isinstance(body, bytes) else body.encode("latin-1")
        out.write(f"{number} 0 obj\n".encode() + data + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def demo_document(title, filename, paragraphs, pages=1, collection=None):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title)
    if collection is not None:
        document.collection = collection
    document.file.save(filename, ContentFile(pdf_bytes(title, paragraphs, pages)), save=False)
    document.save()
    return document


def picture_bytes(palette, motif="sun", size=(1600, 1067)):
    """A simple flat illustration: sky, ground and a motif, as JPEG bytes."""
    sky, ground, accent = palette
    image = PILImage.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle([0, int(h * 0.62), w, h], fill=ground)
    if motif == "sun":
        draw.ellipse([int(w * 0.7), int(h * 0.1), int(w * 0.86), int(h * 0.34)], fill=accent)
    elif motif == "house":
        draw.rectangle([int(w * 0.3), int(h * 0.35), int(w * 0.7), int(h * 0.7)], fill=accent)
        draw.polygon(
            [
                (int(w * 0.25), int(h * 0.37)),
                (int(w * 0.5), int(h * 0.12)),
                (int(w * 0.75), int(h * 0.37)),
            ],
            fill=ground,
        )
        draw.rectangle([int(w * 0.46), int(h * 0.5), int(w * 0.54), int(h * 0.7)], fill=sky)
    elif motif == "people":
        for i, x in enumerate((0.25, 0.4, 0.55, 0.7)):
            cx = int(w * x)
            top = int(h * (0.3 + 0.04 * (i % 2)))
            draw.ellipse([cx - 45, top, cx + 45, top + 90], fill=accent)
            draw.rounded_rectangle([cx - 70, top + 100, cx + 70, int(h * 0.78)], 40, fill=accent)
    elif motif == "trees":
        for x in (0.15, 0.35, 0.6, 0.82):
            cx = int(w * x)
            draw.rectangle([cx - 15, int(h * 0.45), cx + 15, int(h * 0.68)], fill=ground)
            draw.ellipse([cx - 110, int(h * 0.18), cx + 110, int(h * 0.5)], fill=accent)
    elif motif == "box":
        draw.rectangle([int(w * 0.3), int(h * 0.4), int(w * 0.7), int(h * 0.72)], fill=accent)
        draw.line([int(w * 0.3), int(h * 0.5), int(w * 0.7), int(h * 0.5)], fill=ground, width=12)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()


def demo_image(title, palette, motif="sun", alt_text=""):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    filename = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:60] + ".jpg"
    image = Image(title=title)
    if hasattr(image, "description"):
        image.description = alt_text
    image.file = ImageFile(io.BytesIO(picture_bytes(palette, motif)), name=filename)
    image.save()
    return image
