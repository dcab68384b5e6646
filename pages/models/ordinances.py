"""The director's ordinances: a register page, one page per ordinance, their PDF files."""

import datetime
import re

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.models import BasePage
from core.pagination import PAGE_PARAM_PATTERN, paginate
from core.restrictions import public
from core.search import clean_query

from ..forms import OrdinanceAdminForm
from ..panels import OrdinanceFilesCheckPanel

ORDINANCES_PER_PAGE = 20
NUMBER_PATTERN = r"^\d{1,4}[A-Za-z]?/\d{4}$"
_NUMBER_QUERY = re.compile(r"^\s*(\d{1,4}[A-Za-z]?)\s*/\s*(\d{4})\s*$")
MIN_YEAR, MAX_YEAR = 1990, 2100


class DocumentPdfInfo(models.Model):
    """What the PDF check found in an uploaded document (filled on upload, see pages.pdf)."""

    document = models.OneToOneField(
        get_document_model_string(),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="pdf_info",
        verbose_name=_("document"),
    )
    file_hash = models.CharField(_("file hash"), max_length=40, blank=True)
    page_count = models.PositiveIntegerField(_("number of pages"), null=True, blank=True)
    has_text_layer = models.BooleanField(_("has a text layer"), default=False)
    pages_without_text = models.PositiveIntegerField(_("pages without text"), default=0)
    text = models.TextField(_("extracted text"), blank=True)
    error = models.CharField(_("problem found"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("checked at"), auto_now=True)

    class Meta:
        verbose_name = _("PDF check")
        verbose_name_plural = _("PDF checks")

    def __str__(self):
        return str(self.document_id)

    @property
    def is_scan(self):
        return not self.error and self.page_count and not self.has_text_layer


class OrdinanceIndexPage(BasePage):
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("A few words on what the register holds."),
    )
    pdf_reader_url = models.URLField(
        _("free PDF reader address"),
        blank=True,
        default="https://www.sumatrapdfreader.org/download-free-pdf-viewer",
        help_text=_("Where residents can get a free program to open PDF files."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("pdf_reader_url")]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["pages.OrdinancePage"]
    max_count = 1
    # A filled-in search text ("q") is a search: never cached; an empty one is the form's.
    cache_query_params = {
        "page": PAGE_PARAM_PATTERN,
        "rok": r"[0-9]{4}",
        "status": "in_force|repealed",  # RegisterFilters.STATUS_VALUES
        "q": "",
    }
    search_weight = 0.5
    template = "pages/ordinance_index_page.html"

    class Meta:
        verbose_name = _("ordinance register")
        verbose_name_plural = _("ordinance registers")

    def ordinances(self):
        # "date_signed >= the first date" is always true; it lets the database start from
        # the date index (newest first, by year) instead of scanning every page of the site
        # for this register's children, which it otherwise does without statistics.
        return public(
            OrdinancePage.objects.live().filter(date_signed__gte=datetime.date.min).child_of(self)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = RegisterFilters.from_request(request)
        ordinances = self.ordinances()
        context["years"] = [d.year for d in ordinances.dates("date_signed", "year", order="DESC")]
        results = filters.apply(ordinances).order_by("-date_signed", "-pk")
        results = results.select_related("repealed_by").prefetch_related(
            Prefetch(
                "attachments",
                queryset=OrdinanceAttachment.objects.select_related(
                    "document", "document__pdf_info"
                ),
            )
        )
        page_obj = paginate(request, results, ORDINANCES_PER_PAGE)
        context.update(
            filters=filters,
            page_obj=page_obj,
            ordinance_list=page_obj.object_list,
            result_count=page_obj.paginator.count,
        )
        return context


class RegisterFilters:
    """The register's filter form read from the query string; bad values are ignored."""

    STATUS_VALUES = ("in_force", "repealed")

    def __init__(self, year=None, status="", query="", invalid=()):
        self.year = year
        self.status = status
        self.query = query
        self.invalid = list(invalid)

    @classmethod
    def from_request(cls, request):
        invalid = []
        raw_year = _single(request.GET.get("rok"))
        year = None
        if raw_year:
            if raw_year.isdigit() and MIN_YEAR <= int(raw_year) <= MAX_YEAR:
                year = int(raw_year)
            else:
                invalid.append("rok")
        status = _single(request.GET.get("status"))
        if status and status not in cls.STATUS_VALUES:
            invalid.append("status")
            status = ""
        query = _single(request.GET.get("q"))[:200]
        return cls(year=year, status=status, query=query, invalid=invalid)

    @property
    def active(self):
        return bool(self.year or self.status or self.query)

    def apply(self, queryset):
        if self.query:
            # Search the whole register first: the search backend filters only on indexed fields.
            queryset = queryset.filter(self.query_filter(queryset))
        if self.year:
            queryset = queryset.filter(date_signed__year=self.year)
        if self.status:
            queryset = queryset.filter(status=self.status)
        return queryset

    def query_filter(self, queryset):
        """An ordinance number ("12/2020") matches that number; other text goes to search."""
        number = _NUMBER_QUERY.match(self.query)
        if number:
            wanted = f"{number.group(1)}/{number.group(2)}"
            if queryset.filter(number__iexact=wanted).exists():
                return Q(number__iexact=wanted)
        terms = clean_query(self.query)
        if not terms:
            return Q(pk__in=[])
        matches = queryset.search(terms, operator="and", order_by_relevance=False)
        return Q(pk__in=[page.pk for page in matches[:1000]]) | Q(number__istartswith=terms)


def _single(value):
    return value.strip() if isinstance(value, str) else ""


class OrdinancePage(BasePage):
    STATUS_IN_FORCE = "in_force"
    STATUS_REPEALED = "repealed"
    STATUS_CHOICES = [(STATUS_IN_FORCE, _("in force")), (STATUS_REPEALED, _("repealed"))]

    number = models.CharField(
        _("number"),
        max_length=20,
        db_index=True,
        validators=[
            RegexValidator(
                NUMBER_PATTERN,
                _("Write the number as number/year, e.g. 12/2020."),
            )
        ],
        help_text=_("Number and year, e.g. 12/2020. Each number may appear once in the register."),
    )
    date_signed = models.DateField(
        _("date signed"), db_index=True, help_text=_("The date on the signed ordinance.")
    )
    subject = models.CharField(
        _("subject"),
        max_length=500,
        help_text=_("What it is about, starting with 'w sprawie', e.g. 'w sprawie regulaminu'."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=STATUS_CHOICES,
        default=STATUS_IN_FORCE,
        db_index=True,
        help_text=_("Choose 'repealed' when a later ordinance has repealed this one."),
    )
    repealed_by = models.ForeignKey(
        "pages.OrdinancePage",
        verbose_name=_("repealed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeals",
        help_text=_("The ordinance that repealed this one."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("Two or three sentences in plain words: what changes and for whom."),
    )

    search_fields = BasePage.search_fields + [
        index.FilterField("date_signed"),
        index.FilterField("status"),
        index.FilterField("number"),
    ]

    content_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("date_signed")]),
                FieldPanel("subject"),
                FieldPanel("title"),
            ],
            heading=_("Ordinance"),
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("repealed_by")],
            heading=_("Status"),
        ),
        InlinePanel(
            "attachments",
            label=_("File"),
            heading=_("Files"),
            min_num=1,
            help_text=_("The signed ordinance as a PDF with text (not a scan), and its annexes."),
        ),
        OrdinanceFilesCheckPanel(heading=_("Check of the PDF files")),
    ]

    base_form_class = OrdinanceAdminForm
    parent_page_types = ["pages.OrdinanceIndexPage"]
    subpage_types = []
    template = "pages/ordinance_page.html"

    class Meta:
        verbose_name = _("ordinance")
        verbose_name_plural = _("ordinances")
        # The register lists newest first (and by year): the database starts from this.
        indexes = [models.Index(fields=["date_signed", "page_ptr"], name="ordinance_date_pk_idx")]

    def __str__(self):
        return self.title

    @property
    def label(self):
        return _("Ordinance no. %(number)s") % {"number": self.number}

    @property
    def is_repealed(self):
        return self.status == self.STATUS_REPEALED

    @cached_property
    def attachment_list(self):
        return list(self.attachments.all())

    def search_texts(self):
        texts = super().search_texts() + [self.label, self.number, self.subject, self.summary]
        for attachment in self.attachments.all():
            texts.append(attachment.title)
            info = (
                getattr(attachment.document, "pdf_info", None) if attachment.document_id else None
            )
            if info is not None and info.text:
                texts.append(info.text)
        return texts

    def search_date(self):
        return self.date_signed

    def search_document(self):
        document = super().search_document()
        # The number and subject are what an ordinance is looked up by: they weigh as a title.
        document["headings"] += [self.label, self.subject]
        return document

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = list(
            self.attachments.select_related("document", "document__pdf_info")
        )
        context["repealed_ordinances"] = list(public(self.repeals.live()))
        context["register"] = self.get_parent()
        return context


class OrdinanceAttachment(Orderable):
    page = ParentalKey(OrdinancePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("file"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("A PDF file with a text layer, so that screen readers can read it."),
    )
    title = models.CharField(
        _("link text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Leave empty for the ordinance itself; for an annex e.g. "
            "'Załącznik nr 1 – Regulamin świetlicy'."
        ),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("ordinance file")
        verbose_name_plural = _("ordinance files")

    def link_title(self):
        return self.title or self.page.label

    @property
    def pdf_info(self):
        return getattr(self.document, "pdf_info", None)


_NUMBER_IN_TEXT = re.compile(
    r"(?<![\d/])(\d{1,4}[A-Za-z]?)\s*(?:/\s*|\s+)((?:19|20)\d{2})(?![\d/])"
)


def ordinances_numbered(raw_query):
    """Live, public ordinances whose number the query names ("zarządzenie 12/2020")."""
    numbers = {f"{a}/{b}" for a, b in _NUMBER_IN_TEXT.findall(raw_query or "")}
    if not numbers:
        return []
    query = Q()
    for number in numbers:
        query |= Q(number__iexact=number)
    return list(public(OrdinancePage.objects.live().filter(query)).order_by("-date_signed")[:5])
