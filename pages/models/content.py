"""General content pages: standard page, mission, tasks."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from core.models import BasePage
from core.restrictions import public

from ..blocks import GoalBlock, PageStreamBlock, TaskGroupBlock, ValueBlock

SECTION_PARENTS = ["website.HomePage", "pages.StandardPage"]
# Where "Szybkie wyjście" leads: a neutral page that reveals nothing about the visit.
QUICK_EXIT_URL = "https://www.google.com/search?q=pogoda"


class SideNavMixin(models.Model):
    """An optional list of the pages of the same section, shown beside the content."""

    show_side_nav = models.BooleanField(
        _("show section navigation"),
        default=True,
        help_text=_("Shows the other pages of this section beside the content."),
    )

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["side_nav"] = self.side_nav() if self.show_side_nav else None
        return context

    def side_nav(self):
        """The section page and its live children (two queries at most)."""
        section = self if self.depth <= 3 else self.get_parent()
        if section is None or section.depth < 3:
            return None
        children = list(public(section.get_children().live()).only("title", "url_path", "path"))
        if not children:
            return None
        return {"section": section, "items": children}


class LeadMixin(models.Model):
    lead = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("One or two sentences shown in larger type under the title."),
    )

    class Meta:
        abstract = True


class StandardPage(SideNavMixin, LeadMixin, BasePage):
    body = StreamField(
        PageStreamBlock(),
        verbose_name=_("content"),
        blank=True,
        help_text=_("Headings, text, lists, pictures, files, questions and answers, tables."),
    )
    show_quick_exit = models.BooleanField(
        _("show the quick exit button"),
        default=False,
        help_text=_(
            "For pages about violence: a 'Szybkie wyjście' button (and the Escape key) "
            "replaces this page with a neutral site."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    settings_panels = BasePage.settings_panels + [
        MultiFieldPanel(
            [FieldPanel("show_side_nav"), FieldPanel("show_quick_exit")],
            heading=_("Page options"),
        )
    ]

    parent_page_types = SECTION_PARENTS
    subpage_types = [
        "pages.StandardPage",
        "pages.MissionPage",
        "pages.TasksPage",
        # "Jak załatwić sprawę" (the services app) lives in the "Jak pomagamy" section.
        "services.ServiceIndexPage",
        "services.FormsLibraryPage",
        "services.EligibilityCheckPage",
        "services.WorkerSearchPage",
        "services.AudienceIndexPage",
    ]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    quick_exit_url = QUICK_EXIT_URL

    def search_texts(self):
        return super().search_texts() + [self.lead, *self.stream_texts(self.body)]


class MissionPage(SideNavMixin, LeadMixin, BasePage):
    mission = models.TextField(
        _("mission statement"),
        help_text=_("The centre's mission in one to three sentences."),
    )
    values = StreamField(
        [("value", ValueBlock())],
        verbose_name=_("values"),
        blank=True,
        help_text=_("What guides the staff's work, e.g. respect, discretion, reliability."),
    )
    goals = StreamField(
        [("goal", GoalBlock())],
        verbose_name=_("goals"),
        blank=True,
        help_text=_("The centre's goals, each with a short description."),
    )
    body = StreamField(
        PageStreamBlock(),
        verbose_name=_("further content"),
        blank=True,
        help_text=_("Optional text after the goals."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("mission"),
        FieldPanel("values"),
        FieldPanel("goals"),
        FieldPanel("body"),
    ]
    settings_panels = BasePage.settings_panels + [FieldPanel("show_side_nav")]

    parent_page_types = SECTION_PARENTS
    subpage_types = []
    max_count = 1
    template = "pages/mission_page.html"

    class Meta:
        verbose_name = _("mission page")
        verbose_name_plural = _("mission pages")

    def search_texts(self):
        return super().search_texts() + [
            self.lead,
            self.mission,
            *self.stream_texts(self.values),
            *self.stream_texts(self.goals),
            *self.stream_texts(self.body),
        ]


class TasksPage(SideNavMixin, LeadMixin, BasePage):
    task_groups = StreamField(
        [("group", TaskGroupBlock())],
        verbose_name=_("task groups"),
        help_text=_("One group per legal act, with the tasks the act gives the centre."),
    )
    body = StreamField(
        PageStreamBlock(),
        verbose_name=_("further content"),
        blank=True,
        help_text=_("Optional text after the tasks."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("task_groups"),
        FieldPanel("body"),
    ]
    settings_panels = BasePage.settings_panels + [FieldPanel("show_side_nav")]

    parent_page_types = SECTION_PARENTS
    subpage_types = []
    max_count = 1
    template = "pages/tasks_page.html"

    class Meta:
        verbose_name = _("tasks page")
        verbose_name_plural = _("tasks pages")

    def search_texts(self):
        return super().search_texts() + [
            self.lead,
            *self.stream_texts(self.task_groups),
            *self.stream_texts(self.body),
        ]
