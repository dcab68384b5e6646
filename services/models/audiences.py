""" "Komu pomagamy": a hub page per audience, listing the services tagged with it and the
facilities chosen for it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from core.models import BasePage
from core.restrictions import public

from .services import SECTION_PARENTS, ServicePage


class AudienceIndexPage(BasePage):
    search_weight = 0.5
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences shown above the list.")
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = SECTION_PARENTS
    subpage_types = ["services.AudiencePage"]
    max_count = 1
    template = "services/audience_index_page.html"

    class Meta:
        verbose_name = _("audiences index")
        verbose_name_plural = _("audiences indexes")

    def search_texts(self):
        return super().search_texts() + [self.intro]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["audiences"] = list(
            public(AudiencePage.objects.child_of(self).live())
            .only("title", "url_path", "path", "intro")
            .order_by("path")
        )
        return context


class AudiencePage(BasePage):
    # A hub lists services and facilities: in search it ranks below the pages it lists.
    search_weight = 0.5
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences to the people this page is for."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        InlinePanel(
            "facilities",
            label=_("Facility"),
            heading=_("Facilities for this audience"),
        ),
    ]
    parent_page_types = ["services.AudienceIndexPage"]
    subpage_types = []
    template = "services/audience_page.html"

    class Meta:
        verbose_name = _("audience page")
        verbose_name_plural = _("audience pages")

    def search_texts(self):
        return super().search_texts() + [self.intro]

    def get_context(self, request, *args, **kwargs):
        from units.models import UnitPage

        context = super().get_context(request, *args, **kwargs)
        context["services"] = list(
            public(ServicePage.objects.live().filter(audiences=self))
            .only("title", "url_path", "path", "summary")
            .order_by("path")
        )
        unit_ids = [row.unit_id for row in self.facilities.all()]
        units = public(UnitPage.objects.live().filter(pk__in=unit_ids)).only(
            "title", "url_path", "path", "short_description"
        )
        by_pk = {unit.pk: unit for unit in units}
        context["facilities"] = [by_pk[pk] for pk in unit_ids if pk in by_pk]
        return context


class AudienceFacility(Orderable):
    page = ParentalKey(AudiencePage, related_name="facilities", on_delete=models.CASCADE)
    unit = models.ForeignKey(
        "units.UnitPage",
        verbose_name=_("facility"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("unit")]

    class Meta(Orderable.Meta):
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
