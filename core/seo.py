"""What a page says about itself to search engines and link previews.

Every page type gets a meta description: the staff's own "search description" when
they wrote one, otherwise the page's lead, summary or introduction, otherwise the
first paragraph of its content, cut at a word to DESCRIPTION_LENGTH characters.
"""

import re
from html import unescape

from django.utils.html import strip_tags
from wagtail.blocks import StreamValue

DESCRIPTION_LENGTH = 150
# Fields a page type may have that sum it up, the most specific first.
SUMMARY_FIELDS = ("lead", "summary", "intro", "introduction")
WHITESPACE = re.compile(r"\s+")


def plain_text(value):
    """Rich text or plain text as one line of text, entities decoded."""
    return WHITESPACE.sub(" ", unescape(strip_tags(str(value or "")))).strip()


def shorten(text, limit=DESCRIPTION_LENGTH):
    """The text cut at the last word boundary that fits, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def first_paragraph(stream_value):
    """The text of the first text block of a stream (rich text or a plain text block)."""
    if not isinstance(stream_value, StreamValue):
        return ""
    for block in stream_value:
        if block.block_type in {"paragraph", "text", "rich_text"}:
            text = plain_text(getattr(block.value, "source", block.value))
            if text:
                return text
    return ""


def meta_description(page):
    """The description from the page's own text; empty when it has none."""
    if text := plain_text(page.search_description):
        return shorten(text)
    for name in SUMMARY_FIELDS:
        if text := plain_text(getattr(page, name, "")):
            return shorten(text)
    for name in ("body", "content"):
        if text := first_paragraph(getattr(page, name, None)):
            return shorten(text)
    return ""
