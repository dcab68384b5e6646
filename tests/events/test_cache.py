"""Cached pages follow events: lifetime capped at the next start or end, publishing empties."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from events.listing import seconds_until_next_change
from events.models import EventOccurrence, EventPage
from pagecache.middleware import entry_timeout
from tests.factories import make_event, make_event_index, make_unit_index, make_units
from units.models import UnitException

NOW = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC)  # 10:00 in Warsaw


@pytest.fixture
def index(home, site_settings):
    return make_event_index(home)


def test_cache_entry_never_outlives_the_next_start_or_end(index, settings):
    settings.PAGE_CACHE_TIMEOUT = 24 * 3600  # so that the event, not the default, is the cap
    with time_machine.travel(NOW, tick=False):
        make_event(
            index,
            "Warsztaty",
            start_date=datetime.date(2026, 11, 20),
            start_time=datetime.time(10, 30),
            end_time=datetime.time(12),
        )
        assert seconds_until_next_change() == 30 * 60
        assert entry_timeout() == 30 * 60
    with time_machine.travel(NOW + datetime.timedelta(minutes=45), tick=False):
        # It has started: the next change is its end, at 12:00 local time.
        assert seconds_until_next_change() == 75 * 60
        assert entry_timeout() == 75 * 60


def test_unpublished_events_do_not_limit_the_cache(index):
    with time_machine.travel(NOW, tick=False):
        make_event(index, "Szkic", start_date=datetime.date(2026, 11, 20), publish=False)
        assert seconds_until_next_change() == 24 * 3600


def test_publishing_an_event_empties_the_cached_lists(
    client, index, django_capture_on_commit_callbacks
):
    make_event(index, "Pierwsze")
    assert client.get("/wydarzenia/").headers["X-Cache"] == "MISS"
    assert client.get("/wydarzenia/").headers["X-Cache"] == "HIT"
    assert client.get("/").headers["X-Cache"] == "MISS"
    with django_capture_on_commit_callbacks(execute=True):
        make_event(index, "Drugie wydarzenie")
    response = client.get("/wydarzenia/")
    assert response.headers["X-Cache"] == "MISS"
    assert "Drugie wydarzenie" in response.content.decode()
    assert "Drugie wydarzenie" in client.get("/").content.decode()


def test_filtered_lists_are_cached_per_filter(client, index):
    make_event(index, "Dla seniorów", audience="seniors")
    assert client.get("/wydarzenia/?dla=seniors").headers["X-Cache"] == "MISS"
    assert client.get("/wydarzenia/?dla=seniors").headers["X-Cache"] == "HIT"
    assert "Dla seniorów" not in client.get("/wydarzenia/?dla=children").content.decode()


def test_a_draft_of_a_live_event_changes_nothing_public(client, index):
    event = make_event(index, "Klub")
    before = list(event.occurrences.values_list("start", flat=True))
    draft = EventPage.objects.get(pk=event.pk)
    draft.start_date += datetime.timedelta(days=1)
    draft.save_revision()
    assert list(event.occurrences.values_list("start", flat=True)) == before


def test_publishing_a_facility_with_a_new_closure_skips_that_day(home, index):
    [unit] = make_units(make_unit_index(home), 1)
    start = timezone.localdate() + datetime.timedelta(days=1)
    event = make_event(
        index,
        "Codziennie",
        start_date=start,
        repeat="daily",
        repeat_until=start + datetime.timedelta(days=9),
        unit=unit,
        skip_public_holidays=False,
    )
    closed = start + datetime.timedelta(days=4)
    assert EventOccurrence.objects.filter(event=event, start__date=closed).exists()
    UnitException.objects.create(page=unit, date=closed, note="szkolenie")
    unit.save_revision().publish()
    days = {timezone.localtime(row.start).date() for row in event.occurrences.all()}
    assert closed not in days and len(days) == 9
