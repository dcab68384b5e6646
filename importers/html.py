"""Old HTML (WordPress posts, feed items) to the site's body blocks.

Only what the site's rich text allows survives: paragraphs, h2–h4, lists, links,
bold and italic. Headings become heading blocks, tables the table block, pictures
image blocks, ``[gallery]`` a gallery, ``[caption]`` a captioned image, a YouTube
iframe the consent-gated video block. Styles, fonts, scripts, foreign iframes,
``javascript:`` links and tracking attributes are dropped; what staff should look
at (an unknown shortcode, a "kliknij tutaj" link) goes to the warnings.
"""

import json
import re
import uuid
from html import escape
from urllib.parse import urlparse, urlunparse

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.utils.translation import gettext as _

from core.blocks import youtube_video_id
from core.seo import shorten

SHORTCODE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*)((?:\s[^\]]*)?)\]")
SHORTCODE_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S)
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S)
KNOWN_SHORTCODES = {"caption", "gallery", "embed"}
DROPPED_TAGS = {"script", "style", "noscript", "object", "embed", "form", "input", "button"}
DROPPED_TAGS |= {"select", "textarea", "svg", "head", "title", "meta", "link", "video", "audio"}
BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "footer", "center"}
BLOCK_TAGS |= {"address", "pre", "aside", "nav", "body", "html", "dl", "dd", "dt"}
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
INLINE_KEPT = {"b": "b", "strong": "b", "i": "i", "em": "i"}
HEAVY = ("img", "iframe", "table", "figure", "wp-gallery", "h1", "h2", "h3", "ul", "ol")
VAGUE_LINK_TEXT = re.compile(
    r"^\W*(kliknij( tutaj| tu)?|tutaj|tu|więcej|czytaj (dalej|więcej)|zobacz( więcej)?|"
    r"link|pobierz|click here|here|more|read more)\W*$",
    re.I,
)
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "/", "#")


def shortcode_attrs(text):
    return {
        m.group(1).lower(): m.group(2) or m.group(3) or m.group(4)
        for m in SHORTCODE_ATTR.finditer(text)
    }


def preprocess(html, warn):
    """Shortcodes to elements the converter knows; other shortcodes dropped with a warning."""

    def caption(match):
        attrs = shortcode_attrs(match.group(1))
        inner = match.group(2)
        soup = BeautifulSoup(inner, "html.parser")
        text = attrs.get("caption") or soup.get_text(" ", strip=True)
        for image in soup.find_all("img"):
            image.extract()
            return f'<figure data-caption="{escape(text)}">{image}</figure>'
        return inner

    def gallery(match):
        attrs = shortcode_attrs(match.group(1) or "")
        return f'<wp-gallery ids="{escape(attrs.get("ids", ""))}"></wp-gallery>'

    def other(match):
        name = match.group(2)
        if name in KNOWN_SHORTCODES:
            return match.group(0)
        if not match.group(1):
            warn(_("Shortcode [%(name)s] removed: put its content in by hand.") % {"name": name})
        return " "

    html = CAPTION.sub(caption, html or "")
    html = EMBED.sub(lambda m: f'<iframe src="{escape(m.group(1).strip())}"></iframe>', html)
    html = re.sub(r"\[gallery(\s[^\]]*)?\]", gallery, html)
    return SHORTCODE.sub(other, html)


def collapse(text):
    return re.sub(r"\s+", " ", text)


class Converter:
    """One piece of HTML to a list of raw stream blocks (``{"type", "value", "id"}``)."""

    def __init__(self, media, warn, *, title="", gallery_urls=None):
        self.media = media  # has image(url, title, alt) and document(url, title), or None
        self.warn = warn
        self.title = title
        self.gallery_urls = gallery_urls or (lambda ids: [])
        self.blocks = []
        self.rich = []
        self.inline = []

    def convert(self, html):
        html = preprocess(html, self.warn)
        soup = BeautifulSoup(html, "html.parser")
        self.walk(soup)
        self.flush()
        return self.blocks

    # Buffers -------------------------------------------------------------------

    def end_paragraph(self):
        text = "".join(self.inline).strip()
        text = re.sub(r"^(<br/>\s*)+|(\s*<br/>)+$", "", text)
        if re.sub(r"<[^>]+>|&nbsp;|\s", "", text):
            self.rich.append(f"<p>{text}</p>")
        self.inline = []

    def flush(self):
        self.end_paragraph()
        if self.rich:
            self.add("paragraph", "".join(self.rich))
            self.rich = []

    def add(self, kind, value):
        self.blocks.append({"type": kind, "value": value, "id": str(uuid.uuid4())})

    # Walking -------------------------------------------------------------------

    def walk(self, node):
        for child in list(node.children):
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self.text(str(child))
            elif isinstance(child, Tag):
                self.element(child)

    def text(self, text):
        parts = re.split(r"\n\s*\n", text)  # WordPress keeps paragraphs as blank lines
        for number, part in enumerate(parts):
            if number:
                self.end_paragraph()
            self.inline.append(escape(collapse(part), quote=False))

    def element(self, tag):
        name = tag.name.lower()
        if name in DROPPED_TAGS:
            if name == "script":
                self.warn(_("A script was removed."))
        elif name in HEADINGS:
            self.heading(tag, HEADINGS[name])
        elif name in BLOCK_TAGS:
            self.end_paragraph()
            self.walk(tag)
            self.end_paragraph()
        elif name in ("ul", "ol"):
            self.end_paragraph()
            self.rich.append(self.list_html(tag))
            self.images_inside(tag)
        elif name == "table":
            self.table(tag)
        elif name == "img":
            self.image(tag.get("src"), tag.get("alt", ""), "")
        elif name == "figure" and "wp-block-gallery" in (tag.get("class") or []):
            self.block_gallery(tag)
        elif name == "figure":
            image = tag.find("img")
            caption = tag.get("data-caption") or ""
            if tag.find("figcaption"):
                caption = tag.find("figcaption").get_text(" ", strip=True)
            if image is not None:
                self.image(image.get("src"), image.get("alt", ""), caption)
        elif name == "wp-gallery":
            self.gallery(tag.get("ids", ""))
        elif name == "iframe":
            self.iframe(tag)
        elif name == "blockquote":
            self.flush()
            text = tag.get_text(" ", strip=True)
            if text:
                self.add("quote", {"text": text, "attribution": ""})
        elif name == "br":
            self.inline.append("<br/>")
        elif name == "hr":
            self.end_paragraph()
        elif tag.find(HEAVY):
            self.walk(tag)  # e.g. <a><img></a>: the picture matters more than the link
        else:
            self.inline.append(self.inline_html(tag))

    def heading(self, tag, level):
        text = collapse(tag.get_text(" ", strip=True))
        if tag.find("img"):
            self.images_inside(tag)
        if text:
            self.flush()
            self.add("heading", {"text": text[:200], "level": level})

    def images_inside(self, tag):
        for image in tag.find_all("img"):
            self.image(image.get("src"), image.get("alt", ""), "")

    # Inline ------------------------------------------------------------------

    def inline_html(self, node):
        if isinstance(node, Comment):
            return ""
        if isinstance(node, NavigableString):
            return escape(collapse(str(node)), quote=False)
        name = node.name.lower()
        if name in DROPPED_TAGS or name in ("img", "iframe"):
            return ""
        if name == "br":
            return "<br/>"
        inner = "".join(self.inline_html(child) for child in node.children)
        if name in INLINE_KEPT and inner.strip():
            tag = INLINE_KEPT[name]
            return f"<{tag}>{inner}</{tag}>"
        if name == "a":
            return self.link(node, inner)
        return inner

    def link(self, node, inner):
        href = (node.get("href") or "").strip()
        text = node.get_text(" ", strip=True)
        if not href or not href.lower().startswith(SAFE_SCHEMES) or not text:
            if href.lower().replace(" ", "").startswith("javascript:"):
                self.warn(
                    _("A javascript: link was removed (text kept): “%(text)s”.") % {"text": text}
                )
            return inner
        if VAGUE_LINK_TEXT.match(text):
            self.warn(
                _("Link text “%(text)s” says nothing about where it leads (%(title)s): rewrite it.")
                % {"text": text, "title": self.title}
            )
        document = self.media.document(href, text) if self.media and self.is_file(href) else None
        if document is not None:
            return f'<a linktype="document" id="{document.pk}">{inner}</a>'
        old_host = getattr(self.media, "allowed_host", None)
        parsed = urlparse(href)
        if old_host and parsed.hostname == old_host:
            # A link within the old site: its path, which the imported redirects answer.
            href = urlunparse(("", "", parsed.path or "/", "", parsed.query, parsed.fragment))
        return f'<a href="{escape(href)}">{inner}</a>'

    @staticmethod
    def is_file(href):
        from .media import is_document_path, uploads_path

        return "/wp-content/uploads/" in href and is_document_path(uploads_path(href))

    def list_html(self, tag):
        kind = "ol" if tag.name.lower() == "ol" else "ul"
        items = []
        for item in tag.find_all("li"):
            parts = [self.inline_html(c) for c in item.children if not self.is_list(c)]
            text = "".join(parts).strip()
            if text:
                items.append(f"<li>{text}</li>")
        return f"<{kind}>{''.join(items)}</{kind}>" if items else ""

    @staticmethod
    def is_list(node):
        # html.parser nests an unclosed <li> in the one before it: each is its own item.
        return isinstance(node, Tag) and node.name.lower() in ("ul", "ol", "li")

    # Blocks ------------------------------------------------------------------

    def image_value(self, src, alt, caption):
        image = self.media.image(src, alt or caption, alt) if self.media and src else None
        if image is None:
            return None
        alt = collapse(alt or image.description or "").strip()
        if not alt:
            self.warn(_("A picture has no description (alt text): %(src)s") % {"src": src})
        value = {"image": image.pk, "decorative": False, "alt_text": alt[:255]}
        return {"image": value, "caption": collapse(caption).strip()[:250]}

    def image(self, src, alt, caption):
        value = self.image_value(src, alt, caption)
        if value is not None:
            self.flush()
            self.add("image", value)

    def block_gallery(self, tag):
        """The block editor's gallery: a figure of figures, each an image with a caption."""
        found = []
        for image in tag.find_all("img"):
            figure = image.find_parent("figure")
            caption = (
                figure.find("figcaption") if figure is not None and figure is not tag else None
            )
            text = caption.get_text(" ", strip=True) if caption else ""
            found.append((image.get("src"), image.get("alt", ""), text))
        self.gallery("", found)

    def gallery(self, ids, found=None):
        if found is None:
            found = self.gallery_urls([i.strip() for i in ids.split(",") if i.strip()])
        images = [v for v in (self.image_value(url, alt, cap) for url, alt, cap in found) if v]
        if not images:
            self.warn(_("A gallery had no pictures that could be imported."))
            return
        self.flush()
        items = [{"type": "item", "value": v, "id": str(uuid.uuid4())} for v in images[:60]]
        self.add("gallery", {"title": "", "images": items})

    def iframe(self, tag):
        src = tag.get("src") or ""
        video = youtube_video_id(src)
        if not video:
            self.warn(_("An embedded frame from another site was removed: %(src)s") % {"src": src})
            return
        self.flush()
        title = collapse(tag.get("title") or self.title or "YouTube").strip()[:200]
        self.add("youtube", {"url": f"https://www.youtube.com/watch?v={video}", "title": title})

    def table(self, tag):
        rows = []
        for row in tag.find_all("tr"):
            cells = [collapse(c.get_text(" ", strip=True)) for c in row.find_all(["td", "th"])]
            if cells:
                rows.append(cells)
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        caption = tag.find("caption")
        caption = collapse(caption.get_text(" ", strip=True)) if caption else ""
        if not caption:
            caption = _("Table")
            self.warn(_("A table has no caption (%(title)s): add one.") % {"title": self.title})
        header = bool(tag.find("tr") and tag.find("tr").find("th"))
        self.flush()
        table = {"data": rows, "first_row_is_table_header": header, "first_col_is_header": False}
        self.add("table", {"caption": caption[:250], "table": table})


def html_to_blocks(html, media, warn, **kwargs):
    return Converter(media, warn, **kwargs).convert(html)


def blocks_json(blocks):
    return json.dumps(blocks)


def plain_text(html, limit=None):
    text = collapse(
        BeautifulSoup(preprocess(html or "", lambda _text: None), "html.parser").get_text(" ")
    ).strip()
    text = re.sub(r"\s+([.,;:!?)])", r"\1", text)  # "kota ." from "<b>kota</b>."
    return shorten(text, limit) if limit else text
