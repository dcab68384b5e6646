"""The forms library "Druki do pobrania": one page per form, with a download URL that
stays the same when staff replace the file (``<form page>/pobierz/``)."""

from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from core.models import BasePage
from core.restrictions import public

from .services import SECTION_PARENTS, ServicePage
from .topics import ServiceIndexPage

TOPIC_PARAM = "kategoria"


class FormsLibraryPage(BasePage):
    # Keyed in the page cache (issue 22): the topic filter.
    cache_query_params = {TOPIC_PARAM: r"[-\w]{1,80}"}
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences above the list.")
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = SECTION_PARENTS
    subpage_types = ["services.ServiceFormPage"]
    max_count = 1
    template = "services/forms_library_page.html"

    class Meta:
        verbose_name = _("forms library")
        verbose_name_plural = _("forms libraries")

    def search_texts(self):
        return super().search_texts() + [self.intro]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topics = list(
            public(ServiceIndexPage.objects.live()).only("title", "slug", "path").order_by("path")
        )
        chosen = request.GET.get(TOPIC_PARAM, "")
        topic = next((t for t in topics if t.slug == chosen), None)
        forms = (
            public(ServiceFormPage.objects.child_of(self).live())
            .select_related("document", "service")
            .order_by("title")
        )
        if topic is not None:
            forms = forms.filter(service__path__startswith=topic.path)
        context.update(
            topics=topics,
            topic=topic,
            unknown_topic=bool(chosen) and topic is None,
            forms=list(forms),
            topic_param=TOPIC_PARAM,
        )
        return context


class ServiceFormPage(RoutablePageMixin, BasePage):
    class Kind(models.TextChoices):
        APPLICATION = "application", _("Application (wniosek)")
        STATEMENT = "statement", _("Statement (oświadczenie)")
        CERTIFICATE = "certificate", _("Certificate (zaświadczenie)")
        OTHER = "other", _("Other")

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.APPLICATION,
        help_text=_("Application, statement, certificate or another kind of form."),
    )
    service = models.ForeignKey(
        "services.ServicePage",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The service this form belongs to; the form is listed on its page."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "To publish a new version, choose or upload the new file here: the download "
            "address of this form stays the same."
        ),
    )
    version_date = models.DateField(
        _("version of"), help_text=_("The date of this version of the form.")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the form is for and who fills it in.")
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("service"),
        FieldPanel("document"),
        FieldPanel("version_date"),
        FieldPanel("description"),
    ]
    search_fields = BasePage.search_fields + [index.FilterField("kind")]
    parent_page_types = ["services.FormsLibraryPage"]
    subpage_types = []
    template = "services/service_form_page.html"

    class Meta:
        verbose_name = _("form to download")
        verbose_name_plural = _("forms to download")

    def search_texts(self):
        return super().search_texts() + [self.description, str(self.get_kind_display())]

    @property
    def download_url(self):
        return self.url + "pobierz/"

    @path("pobierz/", name="download")
    def download(self, request):
        """The current file, whatever it is called today (a redirect, never cached)."""
        response = redirect(self.document.url)
        response["Cache-Control"] = "no-cache"
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["service_page"] = (
            public(ServicePage.objects.live().filter(pk=self.service_id)).first()
            if self.service_id
            else None
        )
        return context
