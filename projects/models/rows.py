"""The rows a project page is made of: result indicators and documents."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

NOT_NEGATIVE = MinValueValidator(Decimal(0), message=_("The value cannot be negative."))


class ProjectIndicator(Orderable):
    page = ParentalKey("projects.ProjectPage", related_name="indicators", on_delete=models.CASCADE)
    name = models.CharField(
        _("indicator"),
        max_length=250,
        help_text=_("With its unit, e.g. 'Liczba osób objętych wsparciem (osoby)'."),
    )
    target = models.DecimalField(
        _("target value"), max_digits=12, decimal_places=2, validators=[NOT_NEGATIVE]
    )
    achieved = models.DecimalField(
        _("achieved value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
        help_text=_("Leave empty until it is measured."),
    )

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("target"), FieldPanel("achieved")])]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name


class ProjectDocument(Orderable):
    page = ParentalKey("projects.ProjectPage", related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("E.g. the project's rules (regulamin) or the application form."),
    )
    title = models.CharField(
        _("link text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe the file, e.g. 'Regulamin rekrutacji'. Defaults to the document's title."
        ),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
