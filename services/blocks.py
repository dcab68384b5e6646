"""Structured parts of a service page: the documents checklist, the steps, the legal basis."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import RICH_TEXT_FEATURES_NO_HEADINGS


class RequiredDocumentBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=_("Document"),
        max_length=250,
        help_text=_("E.g. 'Dowód osobisty lub inny dokument ze zdjęciem'."),
    )
    note = blocks.CharBlock(
        label=_("Note"),
        required=False,
        max_length=300,
        help_text=_("When or for whom it is needed, e.g. 'tylko gdy pracujesz'."),
    )

    class Meta:
        icon = "tick"
        label = _("Document to bring")


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=200)
    text = blocks.RichTextBlock(
        label=_("What to do"), features=RICH_TEXT_FEATURES_NO_HEADINGS, required=False
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")


class LegalBasisBlock(blocks.StructBlock):
    act = blocks.CharBlock(
        label=_("Act"),
        max_length=300,
        help_text=_("E.g. 'Ustawa z dnia 12 marca 2004 r. o pomocy społecznej'."),
    )
    article = blocks.CharBlock(
        label=_("Article"), required=False, max_length=100, help_text=_("E.g. 'art. 37'.")
    )
    url = blocks.URLBlock(
        label=_("Link to ISAP"),
        required=False,
        help_text=_("The act in the Internet System of Legal Acts (isap.sejm.gov.pl)."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Legal basis")
