"""Recurring events: RFC 5545 rules expanded with python-dateutil, and the days they skip.

A rule is built from a few fields staff understand ("every week", "on the first
Thursday of the month", until a date) and written as an RFC 5545 ``RRULE``
(``FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;UNTIL=...``): the same text is expanded here
into occurrences and written to the iCalendar feeds, so what residents see on
the site and in their phone's calendar comes from one rule.

Times are wall-clock times in the site's time zone: a club meeting "every
Tuesday at 10:00" stays at 10:00 across the change to and from summer time
(dateutil keeps the wall-clock time of a time-zone-aware start).
"""

import datetime
from itertools import islice

from dateutil import rrule
from dateutil.easter import easter

MAX_OCCURRENCES = 500
ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

NONE = ""
DAILY = "daily"
WEEKLY = "weekly"
MONTHLY_WEEKDAY = "monthly_weekday"
MONTHLY_LAST_WEEKDAY = "monthly_last_weekday"
MONTHLY_DAY = "monthly_day"
FREQUENCIES = {
    DAILY: "DAILY",
    WEEKLY: "WEEKLY",
    MONTHLY_WEEKDAY: "MONTHLY",
    MONTHLY_LAST_WEEKDAY: "MONTHLY",
    MONTHLY_DAY: "MONTHLY",
}


def polish_public_holidays(year):
    """Days free from work in Poland (ustawa o dniach wolnych od pracy) in ``year``."""
    fixed = [(1, 1), (1, 6), (5, 1), (5, 3), (8, 15), (11, 1), (11, 11), (12, 25), (12, 26)]
    if year >= 2025:  # Wigilia is a public holiday from 2025 on
        fixed.append((12, 24))
    days = {datetime.date(year, month, day) for month, day in fixed}
    sunday = easter(year)
    days |= {
        sunday,
        sunday + datetime.timedelta(days=1),  # Easter Monday
        sunday + datetime.timedelta(days=49),  # Pentecost (Zielone Świątki)
        sunday + datetime.timedelta(days=60),  # Corpus Christi (Boże Ciało)
    }
    return days


def nth_weekday(day):
    """Which weekday of its month ``day`` is: 1 for the first Thursday, ... 5."""
    return (day.day - 1) // 7 + 1


def rule_text(repeat, interval, start, until):
    """The RFC 5545 ``RRULE`` value for ``repeat`` from ``start`` (aware) until a date.

    ``until`` is the last day (local); per RFC 5545 it is written in UTC, at the
    end of that day, because the start has a time zone.
    """
    if repeat not in FREQUENCIES or until is None:
        return ""
    parts = [f"FREQ={FREQUENCIES[repeat]}", f"INTERVAL={max(1, interval or 1)}"]
    weekday = ICAL_DAYS[start.weekday()]
    if repeat == WEEKLY:
        parts.append(f"BYDAY={weekday}")
    elif repeat == MONTHLY_WEEKDAY:
        nth = nth_weekday(start)
        parts.append(f"BYDAY={nth if nth < 5 else -1}{weekday}")
    elif repeat == MONTHLY_LAST_WEEKDAY:
        parts.append(f"BYDAY=-1{weekday}")
    elif repeat == MONTHLY_DAY:
        parts.append(f"BYMONTHDAY={start.day}")
    last_moment = datetime.datetime.combine(until, datetime.time(23, 59, 59), tzinfo=start.tzinfo)
    parts.append("UNTIL=" + last_moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ"))
    return ";".join(parts)


def expand(text, start, limit=MAX_OCCURRENCES):
    """Starts the rule gives from ``start``, at most ``limit + 1`` (to tell "too many")."""
    if not text:
        return [start]
    rule = rrule.rrulestr(text, dtstart=start)
    return list(islice(rule, limit + 1))


def in_ranges(day, ranges):
    return any(first <= day <= last for first, last in ranges)
