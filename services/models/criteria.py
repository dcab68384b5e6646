"""Shared criteria with effective dates: one place in the admin for every amount pages show.

A criterion (the income criterion of a person living alone, the maximum zasiłek stały,
the dożywianie percentage) has rows "value, applies from". Pages show the row in force
today; staff enter next year's value in advance and it appears on its day by itself
(the page cache never keeps a page past midnight).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from pagecache.middleware import cached_until_publish


class Criterion(ClusterableModel):
    class Key(models.TextChoices):
        INCOME_SINGLE = "income_single", _("Income criterion: person living alone")
        INCOME_FAMILY = "income_family", _("Income criterion: person in a family")
        PERMANENT_ALLOWANCE_MAX = "permanent_allowance_max", _("Maximum permanent allowance")
        MEALS_PERCENT = "meals_percent", _("Meals programme: percent of the income criterion")
        OTHER = "other", _("Other")

    class Unit(models.TextChoices):
        PLN = "pln", _("zł a month")
        PERCENT = "percent", _("percent of the income criterion")

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_(
            "As residents read it, e.g. 'Kryterium dochodowe osoby samotnie gospodarującej'."
        ),
    )
    key = models.CharField(
        _("used for"),
        max_length=40,
        choices=Key.choices,
        default=Key.OTHER,
        help_text=_("What the self-check uses this criterion for; each use once at most."),
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.PLN)
    note = models.CharField(
        _("note"),
        max_length=250,
        blank=True,
        help_text=_("E.g. 'netto, miesięcznie, z ostatniego miesiąca przed złożeniem wniosku'."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("key"), FieldPanel("unit")]),
        FieldPanel("note"),
        InlinePanel(
            "values",
            label=_("Value"),
            heading=_("Values and the dates they apply from"),
            min_num=1,
        ),
    ]

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria and amounts")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=~models.Q(key="other"),
                name="services_criterion_unique_key",
            )
        ]

    def __str__(self):
        return self.name

    def value_on(self, day):
        """The row in force on ``day`` (None before the first one); uses prefetched rows."""
        rows = sorted(self.values.all(), key=lambda row: row.applies_from)
        current = None
        for row in rows:
            if row.applies_from <= day:
                current = row
        return current

    def next_value(self, day):
        """The first row that starts after ``day`` (a value entered in advance), or None."""
        future = [row for row in self.values.all() if row.applies_from > day]
        return min(future, key=lambda row: row.applies_from) if future else None

    def format(self, value):
        if value is None:
            return ""
        if self.unit == self.Unit.PERCENT:
            return f"{number_format(value.normalize(), use_l10n=True)} %"
        return format_pln(value)


class CriterionValue(Orderable):
    criterion = ParentalKey(Criterion, related_name="values", on_delete=models.CASCADE)
    value = models.DecimalField(
        _("value"),
        max_digits=10,
        decimal_places=2,
        help_text=_("In złoty, or in percent for a percentage."),
    )
    applies_from = models.DateField(
        _("applies from"), help_text=_("The first day this value applies, e.g. 2025-01-01.")
    )

    panels = [FieldRowPanel([FieldPanel("value"), FieldPanel("applies_from")])]

    class Meta(Orderable.Meta):
        verbose_name = _("value")
        verbose_name_plural = _("values")

    def __str__(self):
        return f"{self.value} ({self.applies_from})"

    def clean(self):
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": _("The value cannot be negative.")})


def format_pln(value):
    """1010 -> "1010 zł", 1229.5 -> "1229,50 zł" (Polish decimal comma)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value)} zł"
    return f"{number_format(value, 2, use_l10n=True)} zł"


class CriteriaTable:
    """Every criterion in force on a day, read once (two queries, or none when cached)."""

    def __init__(self, day=None):
        self.day = day or timezone.localdate()
        self.by_key = {}
        self.by_pk = {}
        for criterion in Criterion.objects.prefetch_related("values"):
            current = criterion.value_on(self.day)
            upcoming = criterion.next_value(self.day)
            row = {
                "pk": criterion.pk,
                "name": criterion.name,
                "key": criterion.key,
                "note": criterion.note,
                "unit": criterion.unit,
                "value": current.value if current else None,
                "display": criterion.format(current.value) if current else "",
                "applies_from": current.applies_from if current else None,
                "next_display": criterion.format(upcoming.value) if upcoming else "",
                "next_from": upcoming.applies_from if upcoming else None,
            }
            self.by_pk[criterion.pk] = row
            if criterion.key != Criterion.Key.OTHER:
                self.by_key[criterion.key] = row

    def value(self, key):
        row = self.by_key.get(key)
        return row["value"] if row else None

    def meals_limits(self):
        """The dożywianie income limits: the percentage of both income criteria."""
        percent = self.value(Criterion.Key.MEALS_PERCENT)
        single = self.value(Criterion.Key.INCOME_SINGLE)
        family = self.value(Criterion.Key.INCOME_FAMILY)
        if percent is None or single is None or family is None:
            return None
        return single * percent / 100, family * percent / 100


def criteria_table(request=None, day=None):
    """The table for ``day`` (today), kept until the next publish or settings save."""
    day = day or timezone.localdate()
    if not isinstance(day, datetime.date):
        raise TypeError(day)
    return cached_until_publish(
        f"services:criteria:{day.isoformat()}", lambda: CriteriaTable(day), request
    )
