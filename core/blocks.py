"""The shared body blocks every page type builds on (one template per block)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from security.richtext import validate_rich_text

RICH_TEXT_FEATURES = list(settings.RICH_TEXT_FEATURES)
# For short fields inside a page (admission rules, notes): no headings of their own.
RICH_TEXT_FEATURES_NO_HEADINGS = [f for f in RICH_TEXT_FEATURES if f not in ("h2", "h3", "h4")]


class RichTextBlock(blocks.RichTextBlock):
    """Wagtail's rich-text block, refusing malformed page and document links on save.

    Migrations see Wagtail's block: the check changes no stored definition.
    """

    canonical_module_path = "wagtail.blocks.RichTextBlock"

    def __init__(self, *args, validators=(), **kwargs):
        super().__init__(*args, validators=(*validators, validate_rich_text), **kwargs)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
        help_text=_("Use level 2 for main sections; do not skip levels."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=250,
        help_text=_(
            "Shown under the photo for everyone, e.g. what is happening or who took it. "
            "The description for blind readers is the photo's “Opis” in the image library."
        ),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Gallery title"), required=False, max_length=200)
    images = blocks.ListBlock(CaptionedImageBlock(), label=_("Photos"), min_num=1, max_num=60)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "blocks/gallery.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Author"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"


class DocumentItemBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("File"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=250,
        help_text=_(
            "Describe the file, e.g. 'Wniosek o przyjęcie do świetlicy'. "
            "Defaults to the document's title."
        ),
    )

    class Meta:
        icon = "doc-full"
        label = _("File")


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    documents = blocks.ListBlock(DocumentItemBlock(), label=_("Files"), min_num=1)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Attachments")
        template = "blocks/document_list.html"


YOUTUBE_ID = re.compile(
    r"(?:youtube(?:-nocookie)?\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/|live/)|youtu\.be/)"
    r"([A-Za-z0-9_-]{11})"
)


def youtube_video_id(url):
    match = YOUTUBE_ID.search(url or "")
    return match.group(1) if match else ""


class YouTubeValue(blocks.StructValue):
    @property
    def video_id(self):
        return youtube_video_id(self.get("url"))

    @property
    def watch_url(self):
        video_id = self.video_id
        return f"https://www.youtube.com/watch?v={video_id}" if video_id else self.get("url")

    @property
    def embed_url(self):
        return f"https://www.youtube-nocookie.com/embed/{self.video_id}"


class YouTubeBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("YouTube address"),
        help_text=_("The address of the video, e.g. https://www.youtube.com/watch?v=…"),
    )
    title = blocks.CharBlock(
        label=_("Video title"),
        max_length=200,
        help_text=_("Shown before the visitor agrees to load YouTube."),
    )

    def clean(self, value):
        value = super().clean(value)
        if not youtube_video_id(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("This is not the address of a YouTube video."))
                }
            )
        return value

    class Meta:
        value_class = YouTubeValue
        icon = "media"
        label = _("YouTube video")
        template = "blocks/youtube.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    text = RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    style = blocks.ChoiceBlock(
        label=_("Style"),
        choices=[("info", _("Information")), ("important", _("Important"))],
        default="info",
    )

    class Meta:
        icon = "warning"
        label = _("Call-out box")
        template = "blocks/callout.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question or title"), max_length=250)
    answer = RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Questions and answers")
        template = "blocks/accordion.html"


class BulletListBlock(blocks.StructBlock):
    ordered = blocks.BooleanBlock(label=_("Numbered list"), required=False)
    items = blocks.ListBlock(blocks.CharBlock(max_length=500), label=_("Items"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("List")
        template = "blocks/list.html"


class CaptionedTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label=_("Table caption"),
        max_length=250,
        help_text=_("What the table shows, e.g. “Godziny przyjęć w sekcji świadczeń”."),
    )
    table = TableBlock(label=_("Table"))

    class Meta:
        icon = "table"
        label = _("Table")
        template = "blocks/table.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = RichTextBlock(
        label=_("Text"),
        icon="pilcrow",
        features=RICH_TEXT_FEATURES,
        template="blocks/paragraph.html",
    )
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    list = BulletListBlock()
    documents = DocumentListBlock()
    youtube = YouTubeBlock()
    callout = CalloutBlock()
    accordion = AccordionBlock()
    table = CaptionedTableBlock()

    class Meta:
        block_counts = {}
