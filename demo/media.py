"""Media for the demo site, generated in code: illustrations and real PDF files.

Nothing is copied from elsewhere: pictures are drawn with Pillow, PDFs are
written by hand (PDF 1.4, Helvetica with a Polish encoding, a real text layer).
All helpers are idempotent: asking twice for the same title returns the same object.
"""

import io
import math
import zlib

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

# Colours of the illustrations (sky, ground, accent), named in the data files.
PALETTES = {
    "blue": ("#cfe3f5", "#4f7d4a", "#f2b632"),
    "green": ("#e3f0d8", "#5d8c3a", "#d9534f"),
    "warm": ("#fbe6c8", "#8a6d3b", "#0b4f8a"),
    "evening": ("#d7d3ef", "#3f5d7d", "#f08a24"),
}

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


def text_document(title, filename, text):
    """A plain UTF-8 text file as a document (e.g. the easy-to-read text)."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title)
    document.file.save(filename, ContentFile(text.encode("utf-8")), save=False)
    document.save()
    return document


def scanned_pdf_bytes(pages=1):
    """A PDF of pictures only (like a scanner makes): no text layer."""
    images = []
    for number in range(pages):
        image = PILImage.new("RGB", (595, 842), "#f4f1ea")
        draw = ImageDraw.Draw(image)
        for row in range(60, 780, 22):
            end = 60 + (row * 7 + number * 31) % 420 + 60
            draw.line([(60, row), (end, row)], fill="#333333", width=3)
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=72)
    return out.getvalue()


def scanned_document(title, filename, pages=2):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title)
    document.file.save(filename, ContentFile(scanned_pdf_bytes(pages)), save=False)
    document.save()
    return document


# --- Logos for the EU-funds strip: simple shapes and the words they carry -----------------

# Fonts with Polish letters found on most systems; without one the logos carry no words
# (Pillow's built-in font has no "ą" or "Ś"); their names are in the alt text anyway.
FONT_FILES = ["DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf", "Arial.ttf"]


def _font(size):
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return None


def _star(draw, cx, cy, radius, fill):
    points = []
    for i in range(10):
        angle = math.pi / 2 + i * math.pi / 5
        r = radius if i % 2 == 0 else radius * 0.4
        points.append((cx + r * math.cos(angle), cy - r * math.sin(angle)))
    draw.polygon(points, fill=fill)


def _logo_eu(draw, height):
    flag_w = int(height * 1.5)
    draw.rectangle([0, 0, flag_w, height], fill="#003399")
    cx, cy, ring = flag_w / 2, height / 2, height * 0.33
    for i in range(12):
        angle = 2 * math.pi * i / 12
        x, y = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
        _star(draw, x, y, height * 0.06, "#ffcc00")
    return flag_w


def _logo_pl(draw, height):
    flag_w = int(height * 1.6)
    draw.rectangle([0, 0, flag_w, height // 2], fill="#ffffff", outline="#6b6b6b", width=2)
    draw.rectangle([0, height // 2, flag_w, height], fill="#dc143c")
    return flag_w


def _logo_fe(draw, height):
    colours = ["#003399", "#ffcc00", "#dc143c"]
    size = height // 3
    for row in range(3):
        for col in range(3):
            if (row + col) % 2 == 0:
                draw.rectangle(
                    [col * size, row * size, (col + 1) * size - 4, (row + 1) * size - 4],
                    fill=colours[(row + col) // 2 % 3],
                )
    return size * 3


# (image title, drawing, words on the logo, accessible name)
LOGOS = [
    (
        "Logo: Fundusze Europejskie",
        _logo_fe,
        ["Fundusze Europejskie", "dla Dolnego Śląska"],
        "Fundusze Europejskie dla Dolnego Śląska",
    ),
    (
        "Logo: Rzeczpospolita Polska",
        _logo_pl,
        ["Rzeczpospolita", "Polska"],
        "Rzeczpospolita Polska",
    ),
    (
        "Logo: Unia Europejska",
        _logo_eu,
        ["Dofinansowane przez", "Unię Europejską"],
        "Dofinansowane przez Unię Europejską",
    ),
]


def _logo_region(draw, height):
    """A placeholder regional sign: a shield in the region's colours."""
    width = int(height * 0.8)
    draw.polygon(
        [(0, 0), (width, 0), (width, height * 0.6), (width / 2, height), (0, height * 0.6)],
        fill="#f2b632",
        outline="#1b1b1b",
    )
    draw.rectangle([width * 0.3, height * 0.2, width * 0.7, height * 0.55], fill="#dc143c")
    return width


def _logo_gmina(draw, height):
    """A placeholder gmina sign: a shield with a lime tree."""
    width = int(height * 0.8)
    draw.polygon(
        [(0, 0), (width, 0), (width, height * 0.6), (width / 2, height), (0, height * 0.6)],
        fill="#0b4f8a",
    )
    draw.rectangle([width * 0.45, height * 0.45, width * 0.55, height * 0.8], fill="#8a6d3b")
    draw.ellipse([width * 0.2, height * 0.1, width * 0.8, height * 0.55], fill="#5d8c3a")
    return width


def _logo_partner(draw, height):
    """A placeholder partner sign: three joined circles."""
    size = height // 2
    for number, colour in enumerate(["#0b4f8a", "#5d8c3a", "#d9534f"]):
        left = number * size * 0.6
        draw.ellipse([left, height / 4, left + size, height / 4 + size], fill=colour)
    return int(size * 2.2)


# Drawings by the name a data file gives them.
SIGN_DRAWINGS = {
    "fe": _logo_fe,
    "rp": _logo_pl,
    "eu": _logo_eu,
    "region": _logo_region,
    "gmina": _logo_gmina,
    "partner": _logo_partner,
}


def logo_image(title, draw_sign, lines, name, size=(620, 160)):
    """A placeholder sign (a shape and its words), ``size`` pixels: never a real trademark."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    width, height = size
    picture = PILImage.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(picture)
    sign_width = draw_sign(draw, height)
    font = _font(max(12, height // 5))
    for number, line in enumerate(lines if font else []):
        top = height * 0.22 + number * height * 0.3
        draw.text((sign_width + 24, top), line, fill="#1b1b1b", font=font)
    out = io.BytesIO()
    picture.save(out, "PNG")
    image = Image(title=title, description=name)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())
    image.file = ImageFile(out, name=f"{slug}.png")
    image.save()
    return image


def funder_logos():
    """The three logos a project co-financed by the EU must show: [(image, name)]."""
    return [(logo_image(*logo), logo[3]) for logo in LOGOS]
