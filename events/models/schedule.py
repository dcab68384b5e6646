"""When an event takes place: its rule, the days it skips, and its occurrence rows."""

import datetime

from django.db import transaction
from django.utils import timezone

from .. import recurrence
from .rows import EventOccurrence


class EventSchedule:
    """The time part of ``EventPage`` (its fields are declared there)."""

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def is_recurring(self):
        return bool(self.repeat)

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_postponed(self):
        return self.status == self.Status.POSTPONED

    def first_start(self):
        tz = timezone.get_current_timezone()
        return datetime.datetime.combine(
            self.start_date, self.start_time or datetime.time(), tzinfo=tz
        )

    def bounds(self, start):
        """(start, end) of the occurrence starting at ``start`` (aware, local wall clock).

        An all-day event, or one without an end time, ends at the midnight after its
        last day (it is "on" until then).
        """
        tz = start.tzinfo
        days = (self.end_date - self.start_date).days if self.end_date else 0
        last_day = start.date() + datetime.timedelta(days=max(0, days))
        if self.all_day or self.end_time is None:
            end = datetime.datetime.combine(
                last_day + datetime.timedelta(days=1), datetime.time(), tzinfo=tz
            )
        else:
            end = datetime.datetime.combine(last_day, self.end_time, tzinfo=tz)
        return start, end

    def rule(self):
        """The RFC 5545 RRULE of a recurring event ("" for a single one)."""
        if not self.is_recurring:
            return ""
        return recurrence.rule_text(
            self.repeat, self.repeat_interval, self.first_start(), self.repeat_until
        )

    def closed_ranges(self):
        """(first, last) days the facility is closed all day, from its opening-hours exceptions."""
        if not (self.unit_id and self.skip_closed_days and self.is_recurring):
            return []
        from units.models import UnitException

        rows = UnitException.objects.filter(page_id=self.unit_id, closed=True)
        return [(row.date, row.date_to or row.date) for row in rows]

    def skipped_days(self, starts, closed=None):
        """The days among ``starts`` the event skips (explicit, holidays, closures)."""
        if not self.is_recurring:
            return set()
        closed = self.closed_ranges() if closed is None else closed
        explicit = {row.date for row in self.skipped_dates.all() if row.date}
        days = {start.date() for start in starts}
        holidays = set()
        if self.skip_public_holidays:
            for year in {day.year for day in days}:
                holidays |= recurrence.polish_public_holidays(year)
        skipped = explicit | holidays
        return {day for day in days if day in skipped or recurrence.in_ranges(day, closed)}

    def rule_starts(self):
        return recurrence.expand(self.rule(), self.first_start())

    def occurrence_times(self, closed=None):
        """Every (start, end) of the event, skipped days left out (at most 500 + 1)."""
        starts = self.rule_starts()
        skipped = self.skipped_days(starts, closed)
        return [self.bounds(start) for start in starts if start.date() not in skipped]

    def regenerate_occurrences(self):
        """Rewrite this event's occurrence rows from its fields (on every full save)."""
        rows = [
            EventOccurrence(
                event=self,
                start=start,
                end=end,
                all_day=self.all_day,
                unit_id=self.unit_id,
                audience=self.audience,
            )
            for start, end in self.occurrence_times()[: recurrence.MAX_OCCURRENCES]
        ]
        with transaction.atomic():
            EventOccurrence.objects.filter(event=self).delete()
            EventOccurrence.objects.bulk_create(rows)
        from ..listing import forget_next_change

        forget_next_change()

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # A draft saved on a live page only records a revision (update_fields): the
        # published fields, which the occurrences follow, did not change.
        if kwargs.get("update_fields") is None and self.start_date:
            self.regenerate_occurrences()
        return result
