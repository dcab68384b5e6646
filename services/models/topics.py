"""Topic pages ("Pomoc finansowa"): an introduction and the services below them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from core.models import BasePage
from core.restrictions import public
from pages.blocks import PageStreamBlock

from .services import SECTION_PARENTS, ServicePage


class ServiceIndexPage(BasePage):
    """A topic ("Pomoc finansowa"): an introduction and the services below it."""

    lead = models.TextField(_("lead"), blank=True, help_text=_("One or two sentences."))
    body = StreamField(
        PageStreamBlock(),
        verbose_name=_("more information"),
        blank=True,
        help_text=_("Shown after the list of services."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    parent_page_types = SECTION_PARENTS
    subpage_types = ["services.ServicePage"]
    template = "services/service_index_page.html"

    class Meta:
        verbose_name = _("topic: list of services")
        verbose_name_plural = _("topics: lists of services")

    def search_texts(self):
        return super().search_texts() + [self.lead, *self.stream_texts(self.body)]

    def services(self):
        return public(ServicePage.objects.child_of(self).live()).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = list(self.services().only("title", "url_path", "path", "summary"))
        return context
