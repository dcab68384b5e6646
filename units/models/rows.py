"""The rows a unit page is made of: documents, opening hours, exceptions, photos."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ..hours import WEEKDAYS, format_time


class UnitDocument(Orderable):
    page = ParentalKey("units.UnitPage", related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("E.g. the application form as a PDF."),
    )
    title = models.CharField(
        _("link text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe the file, e.g. 'Wniosek o przyjęcie dziecka do świetlicy'. "
            "Defaults to the document's title."
        ),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class UnitOpeningHours(Orderable):
    page = ParentalKey("units.UnitPage", related_name="hours", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(
        _("day"), choices=WEEKDAYS, help_text=_("Add two rows for a break in the day.")
    )
    opens = models.TimeField(_("opens"), help_text=_("E.g. 8:00."))
    closes = models.TimeField(
        _("closes"),
        help_text=_("E.g. 16:00. An hour before the opening one means past midnight."),
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("E.g. 'dyżur prawnika'.")
    )

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")


class UnitException(Orderable):
    page = ParentalKey("units.UnitPage", related_name="exceptions", on_delete=models.CASCADE)
    date = models.DateField(_("date"), help_text=_("The day (or the first day) it applies."))
    date_to = models.DateField(
        _("last day"),
        null=True,
        blank=True,
        help_text=_("For several days in a row, e.g. a summer break; empty for one day."),
    )
    closed = models.BooleanField(
        _("closed all day"),
        default=True,
        help_text=_("Untick to give changed hours for these days instead."),
    )
    opens = models.TimeField(
        _("opens"),
        null=True,
        blank=True,
        help_text=_("The changed opening time on these days, e.g. 10:00; empty when closed."),
    )
    closes = models.TimeField(
        _("closes"),
        null=True,
        blank=True,
        help_text=_("The changed closing time, e.g. 13:00; empty when closed."),
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'Wigilia' or 'przerwa wakacyjna'."),
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("date_to")]),
        FieldPanel("closed"),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("closure or changed hours")
        verbose_name_plural = _("closures and changed hours")

    def clean(self):
        super().clean()
        if self.date_to and self.date and self.date_to < self.date:
            raise ValidationError({"date_to": _("The last day cannot be before the first.")})
        if not self.closed and (self.opens is None or self.closes is None):
            raise ValidationError(_("Give the opening and closing time, or tick 'closed all day'."))

    @property
    def dates_label(self):
        """ "5 marca", "10–11 marca" or "30 czerwca–1 lipca"."""
        first, last = self.date, self.date_to or self.date
        if last == first:
            return date_format(first, "j E")
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{date_format(last, 'j E')}"
        return f"{date_format(first, 'j E')}–{date_format(last, 'j E')}"

    @property
    def label(self):
        if self.closed or self.opens is None or self.closes is None:
            return ""
        return f"{format_time(self.opens)}–{format_time(self.closes)}"


class UnitPhoto(Orderable):
    page = ParentalKey("units.UnitPage", related_name="gallery_photos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Give the photo a description in the image library."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
