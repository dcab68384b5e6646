"""StreamField and rich-text values built from the demo's data files.

A body in a data file is a list of tables, each with a ``type`` (the block's name in
the page's StreamField) and that block's fields, written for people:

    [[page.body]]
    type = "callout"
    title = "Rozmowy są poufne"
    text = "Pracownicy ośrodka są zobowiązani do zachowania tajemnicy."

Rich text is plain text with paragraphs separated by blank lines; a paragraph that
starts with ``<`` is HTML as it is (a list, a table). Pictures and files are described
where they are used (title, palette, motif, alt text) and made once by ``demo.media``;
pages are named by their key in the data files.
"""

import json

from .media import PALETTES, demo_document, demo_image, funder_logos


def rich(text):
    """HTML for a rich-text field: ``<p>`` for every paragraph that is not HTML already."""
    paragraphs = [part.strip() for part in text.strip().split("\n\n") if part.strip()]
    return "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paragraphs)


def plain_paragraphs(text):
    """The paragraphs of a rich-text value as plain text (for generated PDFs and text files)."""
    return [part.strip() for part in text.strip().split("\n\n") if part.strip()]


def picture(spec):
    """The image a data file describes: title, palette, motif, alt."""
    return demo_image(spec["title"], PALETTES[spec["palette"]], spec["motif"], spec["alt"])


def document(spec):
    """The PDF a data file describes: title, file, text (paragraphs), pages."""
    return demo_document(spec["title"], spec["file"], spec["text"], pages=spec.get("pages", 1))


def image_value(image):
    return {"image": image.pk, "alt_text": image.description, "decorative": False}


def _fields(spec, *names):
    return {name: spec[name] for name in names if name in spec}


def paragraph(spec, ctx):
    return rich(spec["text"])


def heading(spec, ctx):
    return {"text": spec["text"], "level": spec.get("level", "h2")}


def bullet_list(spec, ctx):
    return {"ordered": spec.get("ordered", False), "items": spec["items"]}


def callout(spec, ctx):
    return {
        "title": spec.get("title", ""),
        "text": rich(spec["text"]),
        "style": spec.get("style", "info"),
    }


def accordion(spec, ctx):
    items = [
        {"question": item["question"], "answer": rich(item["answer"])} for item in spec["items"]
    ]
    return {"heading": spec.get("heading", ""), "items": items}


def table(spec, ctx):
    """``rows``: a list of rows of cells; the first row is the header."""
    return {
        "caption": spec["caption"],
        "table": {
            "data": spec["rows"],
            "first_row_is_table_header": True,
            "first_col_is_header": spec.get("first_col_is_header", False),
            "table_caption": "",
        },
    }


def image(spec, ctx):
    return {"image": image_value(picture(spec["image"])), "caption": spec.get("caption", "")}


def gallery(spec, ctx):
    images = [
        {"image": image_value(picture(item)), "caption": item.get("caption", "")}
        for item in spec["images"]
    ]
    return {"title": spec.get("title", ""), "images": images}


def documents(spec, ctx):
    files = [
        {"document": document(item).pk, "title": item.get("link", item["title"])}
        for item in spec["documents"]
    ]
    return {"heading": spec.get("heading", ""), "documents": files}


def cofinanced(spec, ctx):
    logos = [{"image": image.pk, "name": name, "url": ""} for image, name in funder_logos()]
    return {"heading": spec["heading"], "logos": logos, "description": rich(spec["description"])}


def crisis_help(spec, ctx):
    value = _fields(spec, "heading", "emergency_note", "lines")
    value["note"] = rich(spec.get("note", ""))
    return value


def task(spec, ctx):
    """A task link on the home page: ``page`` is the key of a page made before."""
    page = ctx["pages"][spec["page"]] if spec.get("page") else None
    return {
        "title": spec["title"],
        "description": spec["description"],
        "page": page.pk if page else None,
        "url": spec.get("url", ""),
    }


BUILDERS = {
    "paragraph": paragraph,
    "heading": heading,
    "list": bullet_list,
    "callout": callout,
    "accordion": accordion,
    "table": table,
    "image": image,
    "gallery": gallery,
    "documents": documents,
    "cofinanced": cofinanced,
    "crisis_help": crisis_help,
    "task": task,
}


def block_value(spec, ctx):
    """The raw value of one block; block types without a builder take their fields as they are."""
    builder = BUILDERS.get(spec["type"])
    if builder is None:
        return {name: value for name, value in spec.items() if name != "type"}
    return builder(spec, ctx)


def stream(items, ctx):
    """A StreamField value (its JSON form) from a list of block tables."""
    return json.dumps([{"type": item["type"], "value": block_value(item, ctx)} for item in items])
