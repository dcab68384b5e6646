"""Recurring events: RFC 5545 rules, local times across the DST change, skipped days, limits."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from events import recurrence
from events.models import EventPage, EventSkippedDate

# A new page looks up its content type: once another test has emptied the content-type cache
# (restoring a database snapshot does), that is a query, refused outside a database test.
pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")


def event(**kwargs):
    kwargs.setdefault("title", "Klub Seniora")
    kwargs.setdefault("slug", "klub")
    kwargs.setdefault("lead", "Spotkanie.")
    kwargs.setdefault("start_time", datetime.time(10))
    kwargs.setdefault("end_time", datetime.time(12))
    return EventPage(**kwargs)


def test_every_tuesday_keeps_ten_oclock_across_the_dst_change():
    club = event(
        start_date=datetime.date(2026, 10, 6),
        repeat="weekly",
        repeat_until=datetime.date(2026, 11, 24),
        skip_public_holidays=False,
    )
    assert club.rule() == "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;UNTIL=20261124T225959Z"
    times = club.occurrence_times()
    assert [start.date() for start, _end in times] == [
        datetime.date(2026, 10, 6) + datetime.timedelta(weeks=n) for n in range(8)
    ]
    assert {(s.astimezone(WARSAW).hour, e.astimezone(WARSAW).hour) for s, e in times} == {(10, 12)}
    offsets = [start.utcoffset() for start, _end in times]
    # Summer time until 25 October 2026, winter time after: 8:00 UTC, then 9:00 UTC.
    assert offsets[:3] == [datetime.timedelta(hours=2)] * 3
    assert offsets[3:] == [datetime.timedelta(hours=1)] * 5


def test_first_and_last_weekday_of_the_month():
    parcels = event(
        start_date=datetime.date(2026, 10, 1),  # the first Thursday of October
        repeat="monthly_weekday",
        repeat_until=datetime.date(2027, 1, 31),
        skip_public_holidays=False,
    )
    assert "BYDAY=1TH" in parcels.rule()
    days = [start.date() for start, _end in parcels.occurrence_times()]
    assert days == [
        datetime.date(2026, 10, 1),
        datetime.date(2026, 11, 5),
        datetime.date(2026, 12, 3),
        datetime.date(2027, 1, 7),
    ]
    cinema = event(
        start_date=datetime.date(2026, 10, 30),
        repeat="monthly_last_weekday",
        repeat_until=datetime.date(2026, 12, 31),
        skip_public_holidays=False,
    )
    assert [s.date() for s, _e in cinema.occurrence_times()] == [
        datetime.date(2026, 10, 30),
        datetime.date(2026, 11, 27),
        datetime.date(2026, 12, 25),
    ]


def test_public_holidays_and_explicit_dates_are_skipped():
    assert {
        datetime.date(2026, 4, 6),  # Easter Monday
        datetime.date(2026, 6, 4),  # Corpus Christi
        datetime.date(2026, 12, 24),  # Wigilia, a holiday from 2025
        datetime.date(2026, 11, 11),
    } <= recurrence.polish_public_holidays(2026)
    assert datetime.date(2024, 12, 24) not in recurrence.polish_public_holidays(2024)
    wednesdays = event(
        start_date=datetime.date(2026, 11, 4),
        repeat="weekly",
        repeat_until=datetime.date(2026, 11, 25),
    )
    wednesdays.skipped_dates = [EventSkippedDate(date=datetime.date(2026, 11, 18))]
    days = [s.date() for s, _e in wednesdays.occurrence_times()]
    assert days == [datetime.date(2026, 11, 4), datetime.date(2026, 11, 25)]


def test_facility_closures_are_skipped():
    days = event(
        start_date=datetime.date(2026, 12, 21),
        repeat="daily",
        repeat_until=datetime.date(2026, 12, 31),
        skip_public_holidays=False,
    )
    closed = [(datetime.date(2026, 12, 23), datetime.date(2026, 12, 27))]
    kept = [s.date().day for s, _e in days.occurrence_times(closed=closed)]
    assert kept == [21, 22, 28, 29, 30, 31]


def test_all_day_and_several_days():
    fair = event(
        start_date=datetime.date(2026, 10, 24),
        end_date=datetime.date(2026, 10, 25),
        start_time=None,
        end_time=None,
    )
    [(start, end)] = fair.occurrence_times()
    assert start == datetime.datetime(2026, 10, 24, tzinfo=WARSAW)
    assert end == datetime.datetime(2026, 10, 26, tzinfo=WARSAW)


def polish_errors(page):
    with translation.override("pl"), pytest.raises(ValidationError) as caught:
        page.clean()
    found = caught.value.message_dict
    return {field: [str(message) for message in messages] for field, messages in found.items()}


def test_end_before_start_is_refused_in_polish():
    errors = polish_errors(
        event(start_date=datetime.date(2026, 12, 2), end_date=datetime.date(2026, 12, 1))
    )
    assert errors["end_date"] == ["Wydarzenie nie może się skończyć przed rozpoczęciem."]
    errors = polish_errors(
        event(
            start_date=datetime.date(2026, 12, 2),
            start_time=datetime.time(12),
            end_time=datetime.time(10),
        )
    )
    assert errors["end_time"] == ["Wydarzenie nie może się skończyć przed rozpoczęciem."]


def test_more_than_500_occurrences_are_refused_in_polish():
    daily = event(
        start_date=datetime.date(2026, 1, 1),
        repeat="daily",
        repeat_until=datetime.date(2027, 12, 31),
    )
    errors = polish_errors(daily)
    assert errors["repeat_until"] == [
        "Ta reguła daje ponad 500 terminów. Wybierz wcześniejszy ostatni dzień "
        "albo rzadsze powtarzanie."
    ]
    daily.repeat_until = datetime.date(2027, 5, 15)  # 500 days: allowed
    daily.clean()
    assert polish_errors(event(start_date=datetime.date(2026, 1, 1), repeat="weekly"))[
        "repeat_until"
    ] == ["Podaj ostatni dzień, w którym wydarzenie może się odbyć."]
