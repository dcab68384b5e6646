"""Body blocks of news posts: the shared body plus the EU-funds logo strip."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from core.blocks import RICH_TEXT_FEATURES, BaseStreamBlock, RichTextBlock


class FunderLogoBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Logo"))
    name = blocks.CharBlock(
        label=_("Accessible name"),
        max_length=200,
        help_text=_(
            "What the logo says, read aloud by screen readers, e.g. "
            "'Dofinansowane przez Unię Europejską'."
        ),
    )
    url = blocks.URLBlock(
        label=_("Link"),
        required=False,
        help_text=_("Optional: the funder's or programme's website."),
    )

    class Meta:
        icon = "image"
        label = _("Logo")


class CoFinancedProjectBlock(blocks.StructBlock):
    """The funders' logo strip of an EU or state co-financed project, with its description."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=200,
        help_text=_("E.g. 'Projekt współfinansowany ze środków Unii Europejskiej'."),
    )
    logos = blocks.ListBlock(
        FunderLogoBlock(),
        label=_("Logos"),
        min_num=1,
        max_num=6,
        help_text=_(
            "In the order the funding agreement asks for: Fundusze Europejskie, "
            "Rzeczpospolita Polska, the EU sign, then the regional sign."
        ),
    )
    description = RichTextBlock(
        label=_("Project description"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("Title, aims, results, value of the project and the EU contribution."),
    )

    class Meta:
        icon = "group"
        label = _("Co-financed project")
        template = "news/blocks/cofinanced.html"


class NewsBodyBlock(BaseStreamBlock):
    cofinanced = CoFinancedProjectBlock()
