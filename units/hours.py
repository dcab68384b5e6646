"""Opening hours: weekly rows, dated exceptions, and "open now" in Europe/Warsaw.

The logic works on plain values (anything with ``weekday``/``opens``/``closes`` for
weekly rows and ``date``/``date_to``/``closed``/``opens``/``closes`` for exceptions),
so it is tested without the database. ``static/js/opening-hours.js`` implements the
same rules in the browser from :meth:`Schedule.as_json`, because pages are served
from a shared cache and "open now" must not go stale.

Rules:
- weekday 0 is Monday, as in :meth:`datetime.date.weekday`;
- a range whose closing time is not after its opening time runs past midnight
  (22:00–2:00 closes at 2:00 the next day);
- an exception covers ``date`` .. ``date_to`` (inclusive; ``date_to`` empty means one
  day) and replaces that day's weekly rows: closed all day, or its own hours.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

WARSAW = ZoneInfo("Europe/Warsaw")
# How far ahead next_opening() looks: a long summer break still finds its end.
LOOKAHEAD_DAYS = 400

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# "we open on Monday": Polish needs its own phrase per day ("w poniedziałek", "we wtorek").
ON_WEEKDAYS = [
    _("on Monday"),
    _("on Tuesday"),
    _("on Wednesday"),
    _("on Thursday"),
    _("on Friday"),
    _("on Saturday"),
    _("on Sunday"),
]


def format_time(value):
    """8:00, 15:30 (Polish style, no leading zero)."""
    return f"{value.hour}:{value.minute:02d}"


def local_now(now=None):
    """``now`` (aware, or naive in the project's time zone) as a naive Warsaw wall time."""
    now = now or datetime.now(tz=WARSAW)
    if now.tzinfo is None:
        now = now.replace(tzinfo=WARSAW)
    return now.astimezone(WARSAW).replace(tzinfo=None)


@dataclass(frozen=True)
class Range:
    """One opening on one calendar day, as naive Warsaw wall times."""

    start: datetime
    end: datetime
    note: str = ""

    def contains(self, moment):
        return self.start <= moment < self.end

    @property
    def label(self):
        return f"{format_time(self.start)}–{format_time(self.end)}"


def _range(day, opens, closes, note=""):
    start = datetime.combine(day, opens)
    end = datetime.combine(day, closes)
    if end <= start:
        end += timedelta(days=1)
    return Range(start, end, note or "")


class Schedule:
    """A unit's weekly hours and exceptions."""

    def __init__(self, hours=(), exceptions=()):
        self.hours = [row for row in hours if row.opens is not None and row.closes is not None]
        self.exceptions = sorted(exceptions, key=lambda row: row.date)

    def __bool__(self):
        return bool(self.hours) or any(not row.closed for row in self.exceptions)

    @property
    def has_weekly_hours(self):
        return bool(self.hours)

    def exception_on(self, day):
        for row in self.exceptions:
            if row.date <= day <= (row.date_to or row.date):
                return row
        return None

    def weekly_ranges(self, weekday):
        rows = sorted((r for r in self.hours if r.weekday == weekday), key=lambda r: r.opens)
        return rows

    def ranges_on(self, day):
        """Openings that start on ``day``, exceptions applied."""
        exception = self.exception_on(day)
        if exception is not None:
            if exception.closed or exception.opens is None or exception.closes is None:
                return []
            return [_range(day, exception.opens, exception.closes, exception.note)]
        return [_range(day, r.opens, r.closes, r.note) for r in self.weekly_ranges(day.weekday())]

    def current_range(self, now=None):
        moment = local_now(now)
        today = moment.date()
        # A range from yesterday may still run past midnight.
        for day in (today - timedelta(days=1), today):
            for item in self.ranges_on(day):
                if item.contains(moment):
                    return item
        return None

    def is_open_at(self, now=None):
        return self.current_range(now) is not None

    def next_opening(self, now=None):
        """The start (naive Warsaw time) of the next opening after ``now``, or None."""
        moment = local_now(now)
        if not self:
            return None
        today = moment.date()
        for offset in range(LOOKAHEAD_DAYS):
            for item in self.ranges_on(today + timedelta(days=offset)):
                if item.start > moment:
                    return item.start
        return None

    def status(self, now=None):
        """What a resident reads, e.g. "Open now, until 16:00"."""
        moment = local_now(now)
        current = self.current_range(moment)
        if current is not None:
            return gettext("Open now, until %(time)s") % {"time": format_time(current.end)}
        upcoming = self.next_opening(moment)
        if upcoming is None:
            return gettext("Closed")
        return gettext("Closed — we open %(when)s at %(time)s") % {
            "when": when_phrase(upcoming.date(), moment.date()),
            "time": format_time(upcoming),
        }

    def day_summary(self, day):
        """Hours on one day as text: "8:00–16:00", "8:00–12:00, 14:00–18:00" or "closed"."""
        ranges = self.ranges_on(day)
        if not ranges:
            return gettext("closed")
        return ", ".join(item.label for item in ranges)

    def week_rows(self, today):
        """Rows for the table: every weekday in order, with the weekly hours and notes."""
        rows = []
        for weekday, name in WEEKDAYS:
            ranges = self.weekly_ranges(weekday)
            rows.append(
                {
                    "weekday": weekday,
                    "name": name,
                    "hours": ", ".join(
                        f"{format_time(r.opens)}–{format_time(r.closes)}" for r in ranges
                    ),
                    "notes": "; ".join(r.note for r in ranges if r.note),
                    "is_today": weekday == today.weekday(),
                }
            )
        return rows

    def upcoming_exceptions(self, today):
        return [row for row in self.exceptions if (row.date_to or row.date) >= today]

    def structured_data(self):
        """schema.org openingHoursSpecification and specialOpeningHoursSpecification."""

        def hm(value):
            return value.strftime("%H:%M")

        data = {}
        weekly = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[row.weekday]}",
                "opens": hm(row.opens),
                "closes": hm(row.closes),
            }
            for row in sorted(self.hours, key=lambda r: (r.weekday, r.opens))
        ]
        if weekly:
            data["openingHoursSpecification"] = weekly
        special = []
        for row in self.exceptions:
            closed = row.closed or row.opens is None or row.closes is None
            special.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "validFrom": row.date.isoformat(),
                    "validThrough": (row.date_to or row.date).isoformat(),
                    # schema.org's way to say "closed": opens and closes at midnight.
                    "opens": "00:00" if closed else hm(row.opens),
                    "closes": "00:00" if closed else hm(row.closes),
                }
            )
        if special:
            data["specialOpeningHoursSpecification"] = special
        return data

    def as_json(self, today):
        """Data for opening-hours.js: weekly ranges and exceptions from ``today`` on."""

        def hm(value):
            return value.strftime("%H:%M")

        week = [
            [[hm(r.opens), hm(r.closes)] for r in self.weekly_ranges(weekday)]
            for weekday in range(7)
        ]
        exceptions = [
            {
                "from": row.date.isoformat(),
                "to": (row.date_to or row.date).isoformat(),
                "hours": []
                if row.closed or row.opens is None or row.closes is None
                else [[hm(row.opens), hm(row.closes)]],
            }
            for row in self.upcoming_exceptions(today)
        ]
        return {"week": week, "exceptions": exceptions}


def when_phrase(day, today):
    """ "today", "tomorrow", "on Monday" (within a week) or "on 15 August"."""
    delta = (day - today).days
    if delta == 0:
        return gettext("today")
    if delta == 1:
        return gettext("tomorrow")
    if 1 < delta < 7:
        return str(ON_WEEKDAYS[day.weekday()])
    return gettext("on %(date)s") % {"date": formats.date_format(day, "j E")}


def status_texts():
    """The phrases opening-hours.js needs, translated on the server."""
    return {
        "open": gettext("Open now, until %(time)s"),
        "closed": gettext("Closed — we open %(when)s at %(time)s"),
        "closedNoNext": gettext("Closed"),
        "today": gettext("today"),
        "tomorrow": gettext("tomorrow"),
        "onDate": gettext("on %(date)s"),
        "onWeekday": [str(phrase) for phrase in ON_WEEKDAYS],
        "todayHours": gettext("Today: %(hours)s"),
        "closedWord": gettext("closed"),
        "todayMarker": gettext("today"),
    }


def date_label(day):
    """ "Monday, 3 March" in the active language ("poniedziałek, 3 marca")."""
    return formats.date_format(day, "l, j E").lower()
