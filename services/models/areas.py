"""Social workers' areas: staff enter the villages, streets and house numbers of each area
with the worker's name, phone and duty hours; residents find theirs on a search page."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.formatting import tel_href
from core.models import BasePage
from pagecache.middleware import cached_until_publish

from ..areas import find_areas, name_tokens, parse_query
from .services import SECTION_PARENTS

QUERY_PARAM = "adres"
MAX_QUERY_LENGTH = 100


class WorkerArea(ClusterableModel):
    name = models.CharField(
        _("area"), max_length=200, help_text=_("E.g. 'Rejon 1: Lipowo Zdrojowe – północ'.")
    )
    worker_name = models.CharField(
        _("social worker"), max_length=200, help_text=_("E.g. 'Katarzyna Nowicka'.")
    )
    phone = models.CharField(_("phone"), max_length=30, help_text=_("E.g. '74 812 34 71'."))
    duty_hours = models.CharField(
        _("duty hours"),
        max_length=250,
        blank=True,
        help_text=_("When the worker is in the office, e.g. 'wtorek 12:00–15:30'."),
    )
    room = models.CharField(_("room"), max_length=100, blank=True, help_text=_("E.g. 'pokój 5'."))
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Areas are listed by this number.")
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("worker_name"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("room")]),
                FieldPanel("duty_hours"),
            ],
            heading=_("Social worker"),
        ),
        FieldPanel("sort_order"),
        InlinePanel("streets", label=_("Street or village"), heading=_("What the area covers")),
    ]

    class Meta:
        verbose_name = _("social worker's area")
        verbose_name_plural = _("social workers' areas")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def tel_href(self):
        return tel_href(self.phone)


class WorkerAreaStreet(Orderable):
    class Parity(models.TextChoices):
        ALL = "all", _("all numbers")
        ODD = "odd", _("odd numbers")
        EVEN = "even", _("even numbers")

    area = ParentalKey(WorkerArea, related_name="streets", on_delete=models.CASCADE)
    locality = models.CharField(
        _("town or village"), max_length=100, help_text=_("E.g. 'Lipowo Zdrojowe' or 'Dębina'.")
    )
    street = models.CharField(
        _("street"),
        max_length=150,
        blank=True,
        help_text=_("Without 'ul.'; leave empty when the area covers the whole village."),
    )
    number_from = models.PositiveIntegerField(_("house numbers from"), null=True, blank=True)
    number_to = models.PositiveIntegerField(_("house numbers to"), null=True, blank=True)
    parity = models.CharField(
        _("which numbers"), max_length=4, choices=Parity.choices, default=Parity.ALL
    )

    panels = [
        FieldRowPanel([FieldPanel("locality"), FieldPanel("street")]),
        FieldRowPanel([FieldPanel("number_from"), FieldPanel("number_to"), FieldPanel("parity")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("street or village")
        verbose_name_plural = _("streets and villages")

    def clean(self):
        if (
            self.number_from is not None
            and self.number_to is not None
            and self.number_from > self.number_to
        ):
            raise ValidationError({"number_to": _("The last number cannot be below the first.")})

    def describe(self):
        """E.g. "Lipowo Zdrojowe, ul. Lipowa 1–25 (numery nieparzyste)"."""

        text = self.locality
        if self.street:
            text = f"{self.locality}, {gettext('st.')} {self.street}"
        if self.number_from is not None or self.number_to is not None:
            start = self.number_from if self.number_from is not None else 1
            end = "" if self.number_to is None else str(self.number_to)
            text += f" {start}–{end}" if end else " " + gettext("from %(n)s up") % {"n": start}
        if self.parity != self.Parity.ALL:
            text += f" ({self.get_parity_display()})"
        return text

    def covers(self, number):
        if number is None:
            return True
        if self.number_from is not None and number < self.number_from:
            return False
        if self.number_to is not None and number > self.number_to:
            return False
        if self.parity == self.Parity.ODD:
            return number % 2 == 1
        if self.parity == self.Parity.EVEN:
            return number % 2 == 0
        return True


def area_rows():
    """Every row with its area, in list order (one query, kept until the next save)."""

    def build():
        rows = list(
            WorkerAreaStreet.objects.select_related("area").order_by(
                "area__sort_order", "area__name", "sort_order", "pk"
            )
        )
        return rows

    return cached_until_publish("services:worker-areas", build)


class WorkerSearchPage(BasePage):
    # The address typed bypasses the page cache; only the empty search is cached.
    cache_query_params = {QUERY_PARAM: ""}
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences shown above the list.")
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = SECTION_PARENTS
    subpage_types = []
    max_count = 1
    template = "services/worker_search_page.html"

    class Meta:
        verbose_name = _("social worker search")
        verbose_name_plural = _("social worker searches")

    def search_texts(self):
        return super().search_texts() + [self.intro]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rows = area_rows()
        raw = request.GET.get(QUERY_PARAM, "")
        query = raw.strip()[:MAX_QUERY_LENGTH]
        context["query"] = query
        context["query_param"] = QUERY_PARAM
        if query:
            words, number = parse_query(query)
            context["searched"] = True
            context["no_words"] = not words
            context["number"] = number
            context["results"], context["need_street"] = (
                find_areas(rows, words, number, name_tokens(query)) if words else ([], False)
            )
        areas = {}
        for row in rows:
            areas.setdefault(row.area_id, {"area": row.area, "rows": []})["rows"].append(row)
        context["areas"] = list(areas.values())
        return context
