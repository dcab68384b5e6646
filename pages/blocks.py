"""Blocks of the content pages: crisis help, task groups, mission goals, sign-language video."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from core.blocks import RICH_TEXT_FEATURES, BaseStreamBlock, RichTextBlock
from core.formatting import tel_href


class CrisisLineValue(blocks.StructValue):
    @property
    def tel_href(self):
        return tel_href(self.get("number"))


class CrisisLineBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=_("Name of the help line"),
        max_length=200,
        help_text=_("E.g. 'Ogólnopolski Telefon dla Ofiar Przemocy w Rodzinie „Niebieska Linia”'."),
    )
    number = blocks.CharBlock(label=_("Phone number"), max_length=30)
    hours = blocks.CharBlock(
        label=_("When it answers"),
        required=False,
        max_length=200,
        help_text=_("E.g. 'całodobowo, bezpłatnie'."),
    )

    class Meta:
        icon = "mobile-alt"
        label = _("Help line")
        value_class = CrisisLineValue


class CrisisHelpBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=200,
        default="Potrzebujesz pomocy teraz?",
        help_text=_("Short and direct, e.g. 'Potrzebujesz pomocy teraz?'."),
    )
    emergency_note = blocks.BooleanBlock(
        label=_("Show the emergency number 112"),
        required=False,
        default=True,
        help_text=_("Adds 'In danger of life or health call 112' at the top."),
    )
    lines = blocks.ListBlock(CrisisLineBlock(), label=_("Help lines"), min_num=1)
    note = RichTextBlock(
        label=_("Additional information"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("E.g. where to come in person and when."),
    )

    class Meta:
        icon = "warning"
        label = _("Crisis help lines")
        template = "pages/blocks/crisis_help.html"


class VideoFileBlock(blocks.StructBlock):
    """A self-hosted video (uploaded as a document), with its text version."""

    title = blocks.CharBlock(label=_("Video title"), max_length=200)
    video = DocumentChooserBlock(
        label=_("Video file"),
        help_text=_("An MP4 or WebM file uploaded to Documents. Played on this site only."),
    )
    transcript = RichTextBlock(
        label=_("Text version"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("What is said in the video, for people who cannot watch it."),
    )

    class Meta:
        icon = "media"
        label = _("Video file")
        template = "pages/blocks/video_file.html"


class PageStreamBlock(BaseStreamBlock):
    """The shared body blocks plus crisis help lines."""

    crisis_help = CrisisHelpBlock()


class SignLanguageStreamBlock(BaseStreamBlock):
    """Body of the PJM page: a YouTube video (consent-gated) or a self-hosted one."""

    video_file = VideoFileBlock()


class TaskGroupBlock(blocks.StructBlock):
    legal_act = blocks.CharBlock(
        label=_("Legal act"),
        max_length=300,
        help_text=_("E.g. 'Ustawa z dnia 12 marca 2004 r. o pomocy społecznej'."),
    )
    legal_act_url = blocks.URLBlock(
        label=_("Link to the text of the act"),
        required=False,
        help_text=_("E.g. the act's page in ISAP (isap.sejm.gov.pl)."),
    )
    tasks = blocks.ListBlock(
        blocks.CharBlock(max_length=500, label=_("Task")),
        label=_("Tasks"),
        min_num=1,
        help_text=_("One task per item, in plain words."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Group of tasks")
        template = "pages/blocks/task_group.html"


class GoalBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Goal"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "success"
        label = _("Goal")


class ValueBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Value"), max_length=100, help_text=_("E.g. 'Szacunek'."))
    description = blocks.TextBlock(label=_("What it means"), required=False)

    class Meta:
        icon = "pick"
        label = _("Value")
