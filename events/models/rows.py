"""The rows an event is made of: the days it skips, and its occurrences (one row each)."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class EventSkippedDate(Orderable):
    """A day a recurring event does not take place (e.g. a holiday or the leader's leave)."""

    page = ParentalKey("events.EventPage", related_name="skipped_dates", on_delete=models.CASCADE)
    date = models.DateField(
        _("date"), help_text=_("A day the event does not take place, e.g. 2 maja.")
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Why, for the staff only, e.g. 'urlop prowadzącej'."),
    )

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("note")])]

    class Meta(Orderable.Meta):
        verbose_name = _("day without the event")
        verbose_name_plural = _("days without the event")


class EventOccurrence(models.Model):
    """One start and end of an event, made from the event's rule when it is saved.

    Listings, feeds and the home page read these rows (one query, however many
    events), never the rules. ``unit`` and ``audience`` are copied from the event
    so the filters need no join.
    """

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="occurrences"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    all_day = models.BooleanField(default=False)
    unit = models.ForeignKey(
        "units.UnitPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    audience = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["start", "event"], name="events_occ_start_idx"),
            models.Index(fields=["end"], name="events_occ_end_idx"),
            models.Index(fields=["unit", "start"], name="events_occ_unit_idx"),
        ]

    def __str__(self):
        return f"{self.event_id} @ {self.start.isoformat()}"

    @property
    def last_day(self):
        """The local day it ends on (an all-day event ends at the next midnight)."""
        end = timezone.localtime(self.end)
        if end.time() == datetime.time() and end > self.start:
            return (end - datetime.timedelta(seconds=1)).date()
        return end.date()

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def several_days(self):
        return self.last_day != self.local_start.date()
