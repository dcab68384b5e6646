"""The events demo: a season for the demo facilities, idempotent, always with upcoming events."""

import pytest
from django.utils import timezone

from demo import events as events_demo
from demo import site as website_demo
from demo import units as units_demo
from events.models import EventIndexPage, EventOccurrence, EventPage


@pytest.fixture
def demo_events(db):
    ctx = {"large": False}
    website_demo.load(ctx)
    units_demo.load(ctx)
    events_demo.load(ctx)
    return ctx


def test_demo_has_a_season_of_events(demo_events):
    events = {event.slug: event for event in EventPage.objects.live()}
    assert events["spotkanie-klubu-seniora"].repeat == "weekly"
    assert events["spotkanie-klubu-seniora"].unit.slug == "klub-seniora"
    assert events["wydawanie-paczek-zywnosciowych"].repeat == "monthly_weekday"
    assert events["warsztaty-plastyczne-w-swietlicy"].unit.slug == "swietlica-usmiech"
    assert {"mikolajki-w-swietlicy", "wigilia-dla-seniorow", "dzien-dziecka-w-parku"} <= set(events)
    assert sum(event.status == "cancelled" for event in events.values()) == 1
    assert sum(event.status == "postponed" for event in events.values()) == 1
    now = timezone.now()
    upcoming = EventOccurrence.objects.filter(end__gt=now)
    assert upcoming.count() >= 20 and EventOccurrence.objects.filter(end__lte=now).exists()
    assert upcoming.filter(event__slug="spotkanie-klubu-seniora").count() >= 20


def test_demo_loads_twice_to_the_same_tree(demo_events):
    before = list(EventPage.objects.values_list("slug", "path"))
    occurrences = EventOccurrence.objects.count()
    events_demo.load(dict(demo_events))
    assert list(EventPage.objects.values_list("slug", "path")) == before
    assert EventOccurrence.objects.count() == occurrences
    assert EventIndexPage.objects.count() == 1


def test_demo_event_pages_answer(client, demo_events):
    assert client.get("/wydarzenia/").status_code == 200
    for event in EventPage.objects.live():
        assert client.get(event.url).status_code == 200, event.url
        assert client.get(event.url + "ical/").status_code == 200, event.url
