"""Content pages (``data/pages.toml``): about us, how we help, contact, statutory pages."""

from pages.models import AccessibilityStatementPage, ContactFormField, ContactPage, EasyReadPage

from . import blocks
from .loader import data, ensure_pages
from .media import text_document

SPECIAL = {"form_fields", "text_file"}


def load(ctx):
    ensure_pages(data("pages")["page"], ctx, prepare=prepare, skip=SPECIAL)
    return ctx


def prepare(page, spec):
    if isinstance(page, ContactPage):
        for order, field in enumerate(spec.get("form_fields", [])):
            page.form_fields.add(ContactFormField(sort_order=order, **field))
    elif isinstance(page, EasyReadPage) and "text_file" in spec:
        page.text_file = text_document(
            spec["text_file"]["title"], spec["text_file"]["file"], easy_read_text(spec["body"])
        )
    elif isinstance(page, AccessibilityStatementPage):
        page.building_accessibility = buildings_html() + page.building_accessibility


def easy_read_text(body):
    """The easy-to-read page as plain text: headings and their sentences."""
    lines = []
    for item in body:
        if item["type"] == "heading":
            lines += [item["text"], ""]
        elif item["type"] == "paragraph":
            lines += [*blocks.plain_paragraphs(item["text"]), ""]
    return "\n".join(lines)


def buildings_html():
    """The statement's part on buildings: every building, what is in it, how to get in.

    Written from the same lines as the unit pages' accessibility fields
    (``site.toml`` buildings, ``units.toml`` units), so the two never disagree.
    """
    site = data("site")
    units = data("units")["unit"]
    html = []
    for building in site["building"]:
        inside = [unit["title"] for unit in units if unit.get("building") == building["key"]]
        if building["key"] == site["building"][0]["key"]:
            inside.insert(0, "siedziba ośrodka")
        parts = [f"<b>{building['name']}</b> ({', '.join(inside)}).", building["description"]]
        parts += [
            building.get(name, "") for name in ("entrance", "lift", "toilet", "parking", "extra")
        ]
        html.append(" ".join(part for part in parts if part))
    return "".join(f"<p>{paragraph}</p>" for paragraph in html)
