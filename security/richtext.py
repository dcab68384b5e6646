"""Rich-text references that cannot break a page (issue 22).

Wagtail stores a link to a page or document as ``<a linktype="page" id="…">`` and
an image as ``<embed embedtype="image" id="…">``; the id comes from the editor's
JSON. Wagtail's own handlers look the id up as it is, so an id that is not a number
(``1" onmouseover="…``, posted by hand) raised on every render: the public page,
its preview and its edit view answered 500, and the page could not be repaired.

- On save, ``validate_rich_text`` refuses such a reference, and text that is not
  the editor's JSON at all, with a Polish message (the widget,
  ``security.rich_text_handlers.SafeDraftailRichTextArea``, marks unreadable input;
  ``RichTextField`` gets the validator through Wagtail's form-field overrides,
  ``core.blocks.RichTextBlock`` through its field).
- Stored references that are malformed render as plain text: the link handlers of
  ``security.rich_text_handlers`` ask the database only for numeric ids, and the
  editor opens the text with the broken link dropped, so saving it again repairs
  the page.
"""

import re
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# What the widget returns for input it cannot read; ``validate_rich_text`` refuses it.
UNREADABLE = "<!-- unreadable rich text -->"
_ID = re.compile(r"[0-9]{1,18}")


def is_reference_id(value):
    return value is not None and _ID.fullmatch(str(value)) is not None


class _References(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.malformed = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        kind = attrs.get("linktype") if tag == "a" else attrs.get("embedtype")
        checked = tag in ("a", "embed") and kind and kind != "media" and "id" in attrs
        if checked and not is_reference_id(attrs["id"]):
            self.malformed.append((kind, attrs["id"]))

    handle_startendtag = handle_starttag


def malformed_references(html):
    """(type, id) of every page, document or image reference whose id is not a number."""
    parser = _References()
    parser.feed(str(html or ""))
    parser.close()
    return parser.malformed


def validate_rich_text(value):
    text = str(value or "")
    if UNREADABLE in text:
        raise ValidationError(
            _(
                "The text could not be read (the editor sent damaged data). Reload the page "
                "and enter the text again."
            ),
            code="unreadable_rich_text",
        )
    if malformed_references(text):
        raise ValidationError(
            _(
                "A link in the text is damaged: it does not point to a page or a document. "
                "Select the linked words, remove the link and add it again with the link button."
            ),
            code="malformed_reference",
        )
