"""The editor widget and reference handlers of ``security.richtext`` (they import Wagtail's
admin and models, so they live apart from the validator that block definitions use)."""

from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.rich_text.converters.html_to_contentstate import PageLinkElementHandler
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.rich_text.pages import PageLinkHandler

from .richtext import UNREADABLE, is_reference_id


class SafeDraftailRichTextArea(DraftailRichTextArea):
    """Draftail, answering unreadable input with a value the validator refuses."""

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            return UNREADABLE


class _NumericIdsOnly:
    """Look up numeric ids only; anything else is a missing object (rendered as text)."""

    @classmethod
    def get_many(cls, attrs_list):
        cleaned = [
            attrs if is_reference_id(attrs.get("id")) else {**attrs, "id": None}
            for attrs in attrs_list
        ]
        return super().get_many(cleaned)


class SafePageLinkHandler(_NumericIdsOnly, PageLinkHandler):
    pass


class SafeDocumentLinkHandler(_NumericIdsOnly, DocumentLinkHandler):
    pass


class SafeImageEmbedHandler(_NumericIdsOnly, ImageEmbedHandler):
    pass


class SafePageLinkElementHandler(PageLinkElementHandler):
    """Opens a malformed page link in the editor as a link to nothing (saved as text)."""

    def get_attribute_data(self, attrs):
        if not is_reference_id(attrs.get("id")):
            return {}
        return super().get_attribute_data(attrs)
