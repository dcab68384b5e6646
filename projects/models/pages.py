"""The projects index and the project pages (Article 50 of Regulation (EU) 2021/1060)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.formatting import tel_href
from core.models import BasePage
from core.restrictions import public

from ..linked import linked_items
from ..panels import StripStatusPanel, strip_warning
from .programmes import Programme
from .rows import NOT_NEGATIVE

PROGRAMME_PARAM = "program"


def prefetch_renditions(images):
    """Every rendition of ``images`` in one query (the templates then ask for none)."""
    images = [image for image in images if image is not None]
    if images:
        prefetch_related_objects(images, Prefetch("renditions", to_attr="prefetched_renditions"))
    return images


class Status(models.TextChoices):
    PLANNED = "planned", _("planned")
    ONGOING = "ongoing", _("ongoing")
    FINISHED = "finished", _("finished")


def project_status(start, end, today=None):
    """Planned before the start day, ongoing up to and including the end day, then finished."""
    today = today or timezone.localdate()
    if start and today < start:
        return Status.PLANNED
    if end and today > end:
        return Status.FINISHED
    return Status.ONGOING


class ProjectIndexPage(BasePage):
    # Keyed in the page cache (issue 22): the programme filter.
    cache_query_params = {PROGRAMME_PARAM: r"[-\w]{1,80}"}
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences above the list, e.g. what the projects are for."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    max_count = 1
    parent_page_types = ["website.HomePage"]
    subpage_types = ["projects.ProjectPage"]
    show_in_menus_default = True

    class Meta:
        verbose_name = _("projects index")
        verbose_name_plural = _("projects indexes")

    def search_texts(self):
        return super().search_texts() + [self.intro]

    def projects(self):
        """Live, public projects of this index, newest start first, with their programme."""
        return (
            public(ProjectPage.objects.child_of(self).live())
            .select_related("programme")
            .order_by("-start_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        projects = list(self.projects())
        programmes = sorted(
            {project.programme for project in projects if project.programme_id},
            key=lambda programme: programme.name,
        )
        current = None
        raw = request.GET.get(PROGRAMME_PARAM, "")
        if raw:
            current = next((p for p in programmes if p.slug == raw), None)
            if current is None:
                raise Http404("No such programme.")
            projects = [project for project in projects if project.programme_id == current.pk]
        today = timezone.localdate()
        groups = {status: [] for status in Status}
        for project in projects:
            groups[project.status_on(today)].append(project)
        canonical = self.get_full_url(request) or ""
        if current is not None:
            canonical += f"?{PROGRAMME_PARAM}={current.slug}"
        context.update(
            {
                "ongoing": groups[Status.ONGOING],
                "planned": groups[Status.PLANNED],
                "finished": groups[Status.FINISHED],
                "programmes": programmes,
                "current_programme": current,
                "programme_param": PROGRAMME_PARAM,
                "canonical_url": canonical,
                "project_count": len(projects),
            }
        )
        return context


class ProjectPage(BasePage):
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("One to three sentences: what the project does and for whom. Shown in lists."),
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="projects",
        help_text=_("Decides the logo strip at the top of the page. Add programmes in Snippets."),
    )
    priority = models.CharField(
        _("priority / action"),
        max_length=250,
        blank=True,
        help_text=_("E.g. 'Priorytet 7. Fundusze Europejskie na rzecz włączenia społecznego'."),
    )
    project_number = models.CharField(
        _("project number"),
        max_length=80,
        blank=True,
        help_text=_("As in the funding agreement, e.g. 'FEDS.07.05-IP.02-0012/23'."),
    )
    beneficiary = models.CharField(
        _("beneficiary"), max_length=250, help_text=_("Usually the centre itself.")
    )
    partners = models.TextField(_("partners"), blank=True, help_text=_("One partner per line."))
    aims = RichTextField(
        _("aims"),
        features=RICH_TEXT_FEATURES,
        help_text=_("What the project is for: its main aim and the specific aims."),
    )
    target_group = models.TextField(
        _("target group"),
        blank=True,
        help_text=_("Who can take part, e.g. 'osoby po 60. roku życia mieszkające w gminie'."),
    )
    results = RichTextField(
        _("planned and achieved results"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("In words; the measured values go in the indicators below."),
    )
    total_value = models.DecimalField(
        _("total value (PLN)"),
        max_digits=14,
        decimal_places=2,
        validators=[NOT_NEGATIVE],
        help_text=_("E.g. 486200.00"),
    )
    eu_contribution = models.DecimalField(
        _("EU contribution (PLN)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
        help_text=_("Leave empty for a project without EU funds."),
    )
    national_contribution = models.DecimalField(
        _("national co-financing (PLN)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
        help_text=_("From the state budget or the gmina."),
    )
    start_date = models.DateField(
        _("start date"), help_text=_("As in the funding agreement. The status follows the dates.")
    )
    end_date = models.DateField(
        _("end date"), help_text=_("The last day of the project, as in the funding agreement.")
    )
    contact_name = models.CharField(
        _("contact person"), max_length=200, blank=True, help_text=_("E.g. 'Anna Nowak'.")
    )
    contact_phone = models.CharField(
        _("phone"), max_length=30, blank=True, help_text=_("E.g. '74 812 34 57'.")
    )
    contact_email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("E.g. 'projekty@ops.example.pl'.")
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("programme"),
                StripStatusPanel(heading=_("Logo strip")),
                FieldPanel("priority"),
                FieldPanel("project_number"),
            ],
            heading=_("Programme"),
        ),
        MultiFieldPanel(
            [FieldPanel("beneficiary"), FieldPanel("partners")], heading=_("Who runs it")
        ),
        FieldPanel("aims"),
        FieldPanel("target_group"),
        FieldPanel("results"),
        InlinePanel("indicators", label=_("Indicator"), heading=_("Indicators")),
        MultiFieldPanel(
            [
                FieldPanel("total_value"),
                FieldRowPanel([FieldPanel("eu_contribution"), FieldPanel("national_contribution")]),
            ],
            heading=_("Value"),
        ),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
        InlinePanel("documents", label=_("Document"), heading=_("Documents")),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
    ]

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def search_texts(self):
        return super().search_texts() + [
            self.summary,
            self.project_number,
            self.beneficiary,
            strip_tags(self.aims),
            self.target_group,
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        total, eu, national = self.total_value, self.eu_contribution, self.national_contribution
        if total is not None and eu is not None and eu > total:
            errors["eu_contribution"] = _(
                "The EU contribution cannot be larger than the total value of the project."
            )
        elif (
            total is not None and eu is not None and national is not None and eu + national > total
        ):
            errors["national_contribution"] = _(
                "The EU contribution and the national co-financing together cannot be larger "
                "than the total value of the project."
            )
        if errors:
            raise ValidationError(errors)

    # Derived values ---------------------------------------------------------------

    def status_on(self, today=None):
        return project_status(self.start_date, self.end_date, today)

    @property
    def status(self):
        return self.status_on()

    @property
    def status_label(self):
        return Status(self.status).label

    @property
    def partner_list(self):
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    @property
    def contact_tel_href(self):
        return tel_href(self.contact_phone)

    @property
    def eu_share(self):
        """The EU contribution as a percentage of the total value, to one decimal place."""
        if not self.total_value or self.eu_contribution is None:
            return None
        return round(self.eu_contribution * 100 / self.total_value, 1)

    def index_url(self, request=None):
        """The index's address, from the project's own (a project sits right under it)."""
        url = self.get_url(request)
        if not url:
            return ""
        return url[: url.rstrip("/").rfind("/") + 1]

    # Rendering --------------------------------------------------------------------

    def load_programme(self):
        """The programme with its signs (one query), or None."""
        if not self.programme_id:
            return None
        related = Programme.strip_related()
        return Programme.objects.select_related(*related).filter(pk=self.programme_id).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        programme = self.load_programme()
        strip, logos = [], []
        if programme is not None:
            self.programme = programme
            strip = programme.strip()
            logos = programme.logo_signs(programme.other_logos.select_related("image"))
        prefetch_renditions(sign.image for sign in strip + logos)
        context.update(
            {
                "programme": programme,
                "strip": strip,
                "other_logos": logos,
                "strip_warning": strip_warning(self) if request.is_preview else None,
                "indicators": list(self.indicators.all()),
                "documents": list(self.documents.select_related("document")),
                "linked_items": linked_items(request, self),
                "index_url": self.index_url(request),
                "today": timezone.localdate(),
            }
        )
        return context
