"""iCalendar feeds read back with the icalendar package; RSS and Atom feeds of events."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from dateutil.rrule import rrulestr
from icalendar import Calendar

from events.models import EventPage
from tests.factories import make_event, make_event_index, make_unit_index, make_units
from units.models import UnitException

WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.fixture(autouse=True)
def autumn_2026():
    """The dates below are around the change to winter time on 25 October 2026."""
    with time_machine.travel(datetime.datetime(2026, 11, 1, 9, tzinfo=datetime.UTC), tick=True):
        yield


@pytest.fixture
def tree(autumn_2026, home, site_settings):
    index = make_event_index(home)
    [club, room] = make_units(make_unit_index(home), 2)
    UnitException.objects.create(page=club, date=datetime.date(2026, 11, 17), note="szkolenie")
    club.save_revision().publish()  # the facility's closures reach its events
    weekly = make_event(
        index,
        "Klub Seniora",
        start_date=datetime.date(2026, 10, 6),
        repeat="weekly",
        repeat_until=datetime.date(2027, 1, 31),
        unit=club,
        skipped=[datetime.date(2026, 12, 29)],
    )
    cancelled = make_event(
        index, "Wycieczka", start_date=datetime.date(2026, 12, 14), status="cancelled"
    )
    all_day = make_event(
        index,
        "Dzień Dziecka",
        start_date=datetime.date(2027, 6, 1),
        start_time=None,
        end_time=None,
        unit=room,
    )
    return {
        "index": index,
        "club": club,
        "room": room,
        "weekly": weekly,
        "cancelled": cancelled,
        "all_day": all_day,
    }


def read(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response, Calendar.from_ical(response.content)


def events_by_summary(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def expand(event):
    """The occurrences a standards-following client computes: RRULE minus EXDATE."""
    start = event.decoded("DTSTART")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    exdates = event.get("EXDATE", [])
    exdates = exdates if isinstance(exdates, list) else [exdates]
    skipped = {moment.dt for group in exdates for moment in group.dts}
    return [moment for moment in rule if moment not in skipped]


def test_feed_reads_back_with_local_times_across_the_dst_change(client, tree):
    _response, calendar = read(client, "/wydarzenia/ical/")
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Warsaw"
    club = events_by_summary(calendar)["Klub Seniora"]
    starts = expand(club)
    stored = [row.start for row in tree["weekly"].occurrences.order_by("start")]
    assert starts == stored  # the same dates as the site's own list
    assert {moment.astimezone(WARSAW).time() for moment in starts} == {datetime.time(10)}
    offsets = {moment.astimezone(WARSAW).utcoffset() for moment in starts}
    assert offsets == {datetime.timedelta(hours=2), datetime.timedelta(hours=1)}  # CEST and CET
    days = {moment.date() for moment in starts}
    assert datetime.date(2026, 11, 17) not in days  # the club is closed that day
    assert datetime.date(2026, 12, 29) not in days  # a day staff left out
    assert datetime.date(2026, 11, 10) in days
    assert club.decoded("DTEND").astimezone(WARSAW).time() == datetime.time(12)


def test_cancelled_event_stays_with_status_cancelled_and_all_day_is_dates(client, tree):
    _response, calendar = read(client, "/wydarzenia/ical/")
    found = events_by_summary(calendar)
    assert str(found["Wycieczka"]["STATUS"]) == "CANCELLED"
    assert str(found["Klub Seniora"]["STATUS"]) == "CONFIRMED"
    assert found["Dzień Dziecka"].decoded("DTSTART") == datetime.date(2027, 6, 1)
    assert found["Dzień Dziecka"].decoded("DTEND") == datetime.date(2027, 6, 2)


def test_uid_is_stable_across_edits(client, tree):
    _response, before = read(client, tree["weekly"].url + "ical/")
    [first] = before.walk("VEVENT")
    event = EventPage.objects.get(pk=tree["weekly"].pk)
    event.title = "Klub Seniora „Pod Lipami”"
    event.start_time = datetime.time(11)
    event.end_time = datetime.time(13)
    event.save_revision().publish()
    response, after = read(client, tree["weekly"].url + "ical/")
    [second] = after.walk("VEVENT")
    assert str(second["UID"]) == str(first["UID"]) == f"wydarzenie-{event.pk}@testserver"
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])
    assert second.decoded("DTSTART").astimezone(WARSAW).hour == 11
    assert response["Content-Disposition"] == 'attachment; filename="klub-seniora.ics"'


def test_facility_feed_has_only_its_events(client, tree):
    _response, calendar = read(client, f"/wydarzenia/ical/{tree['room'].slug}/")
    assert set(events_by_summary(calendar)) == {"Dzień Dziecka"}


def test_rss_and_atom_feeds_list_upcoming_events(client, tree):
    rss = client.get("/wydarzenia/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "Klub Seniora" in body and "Odwołane: Wycieczka" in body
    assert body.count("<item>") == 3  # one item per event, not per date
    atom = client.get("/wydarzenia/atom/")
    assert atom.status_code == 200 and "Dzień Dziecka" in atom.content.decode()
