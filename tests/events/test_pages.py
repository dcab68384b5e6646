"""The events index, month view, archive, filters and event pages, as residents see them."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from events.models import EventPage
from tests.factories import make_event, make_event_index, make_unit_index, make_units


@pytest.fixture
def tree(home, site_settings):
    index = make_event_index(home)
    [club, room] = make_units(make_unit_index(home), 2)
    today = timezone.localdate()
    events = {
        "weekly": make_event(
            index,
            "Spotkanie klubu",
            start_date=today - datetime.timedelta(days=14),
            repeat="weekly",
            repeat_until=today + datetime.timedelta(days=60),
            unit=club,
            audience="seniors",
            skip_public_holidays=False,
        ),
        "workshop": make_event(
            index,
            "Warsztaty",
            start_date=today + datetime.timedelta(days=3),
            unit=room,
            audience="children",
            price="15.00",
            registration="phone",
            places=12,
            places_taken=5,
        ),
        "cancelled": make_event(
            index,
            "Wycieczka",
            start_date=today + datetime.timedelta(days=5),
            address="Parking, ul. Słoneczna 12",
            status="cancelled",
            status_note="z powodu pogody",
        ),
        "postponed": make_event(
            index,
            "Spotkanie z dietetykiem",
            start_date=today + datetime.timedelta(days=8),
            status="postponed",
            original_date=today + datetime.timedelta(days=2),
            unit=club,
        ),
        "past": make_event(index, "Dzień otwarty", start_date=today - datetime.timedelta(days=9)),
        "draft": make_event(index, "Szkic wydarzenia", publish=False),
    }
    return {"index": index, "club": club, "room": room, **events}


TITLE = re.compile(
    r'class="event-item__title"><a href="[^"]+">(?:<span[^>]*>[^<]*</span>)?([^<]+)<'
)


def titles(response):
    return TITLE.findall(response.content.decode())


def test_upcoming_list_shows_each_date_not_past_events_or_drafts(client, tree):
    response = client.get("/wydarzenia/")
    assert response.status_code == 200
    shown = titles(response)
    assert "Warsztaty" in shown and "Wycieczka" in shown and "Spotkanie z dietetykiem" in shown
    assert shown.count("Spotkanie klubu") >= 8  # the weekly meetings of the next two months
    assert "Dzień otwarty" not in shown and "Szkic wydarzenia" not in shown
    html = response.content.decode()
    assert "Odwołane" in html and "z powodu pogody" in html
    assert "Przełożone" in html and "pierwotnie" in html


def test_filters_by_facility_and_audience_without_javascript(client, tree):
    by_unit = titles(client.get(f"/wydarzenia/?placowka={tree['room'].slug}"))
    assert set(by_unit) == {"Warsztaty"}
    by_audience = titles(client.get("/wydarzenia/?dla=seniors"))
    assert set(by_audience) == {"Spotkanie klubu"}
    html = client.get("/wydarzenia/").content.decode()
    assert '<form class="events-filters" method="get"' in html
    assert f'<option value="{tree["club"].slug}"' in html


def test_month_view_and_archive(client, tree):
    today = timezone.localdate()
    response = client.get(f"/wydarzenia/{today.year}/{today.month:02d}/")
    assert response.status_code == 200
    assert "Spotkanie klubu" in titles(response)
    past = tree["past"].start_date
    month = client.get(f"/wydarzenia/{past.year}/{past.month:02d}/")
    assert "Dzień otwarty" in titles(month)
    archive = client.get("/wydarzenia/archiwum/")
    assert "Dzień otwarty" in titles(archive) and "Warsztaty" not in titles(archive)
    assert f"/wydarzenia/{past.year}/{past.month:02d}/" in archive.content.decode()
    redirect = client.get(f"/wydarzenia/?miesiac={today.year}-{today.month:02d}&dla=seniors")
    assert redirect.status_code == 302
    assert redirect["Location"] == f"/wydarzenia/{today.year}/{today.month:02d}/?dla=seniors"


@pytest.mark.parametrize(
    "path",
    [
        "/wydarzenia/2026/13/",
        "/wydarzenia/2026/0/",
        "/wydarzenia/1500/01/",
        "/wydarzenia/9999/01/",
        "/wydarzenia/2026/ab/",
        "/wydarzenia/?placowka=nie-ma-takiej",
        "/wydarzenia/?dla=kosmici",
        "/wydarzenia/?miesiac=2026-13",
        "/wydarzenia/?miesiac=grudzien",
        "/wydarzenia/archiwum/?placowka=x%00y",
        "/wydarzenia/ical/nie-ma-takiej/",
    ],
)
def test_bad_parameters_answer_404(client, tree, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("page", ["abc", "-3", "0", "99999", "1.5"])
def test_bad_page_numbers_give_the_nearest_page(client, tree, page):
    assert client.get(f"/wydarzenia/?page={page}").status_code == 200


def json_ld(response):
    html = response.content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)
    return json.loads(match.group(1))


def test_event_page_shows_what_residents_need_and_json_ld(client, tree):
    response = client.get(tree["workshop"].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "15 zł" in html and "7 wolnych miejsc z 12" in html
    assert "Dodaj do kalendarza" in html and 'href="/wydarzenia/warsztaty/ical/"' in html
    data = json_ld(response)
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["name"] == tree["room"].title
    assert data["offers"] == {
        "@type": "Offer",
        "price": "15.00",
        "priceCurrency": "PLN",
        "url": "http://testserver/wydarzenia/warsztaty/",
        "availability": "https://schema.org/InStock",
    }
    assert data["startDate"].endswith(":00+01:00") or data["startDate"].endswith(":00+02:00")


def test_cancelled_and_postponed_events_are_clear(client, tree):
    cancelled = client.get(tree["cancelled"].url)
    assert "Odwołane" in cancelled.content.decode()
    assert json_ld(cancelled)["eventStatus"] == "https://schema.org/EventCancelled"
    assert "offers" not in json_ld(cancelled) and json_ld(cancelled)["isAccessibleForFree"]
    postponed = json_ld(client.get(tree["postponed"].url))
    assert postponed["eventStatus"] == "https://schema.org/EventRescheduled"
    assert postponed["previousStartDate"] == tree["postponed"].original_date.isoformat()


def test_recurring_event_lists_its_next_dates(client, tree):
    html = client.get(tree["weekly"].url).content.decode()
    assert "Najbliższy termin" in html and "Kolejne terminy" in html


def test_home_and_facility_pages_show_upcoming_events(client, tree):
    home = client.get("/").content.decode()
    assert 'id="home-events-heading"' in home and "Spotkanie klubu" in home
    assert home.count("Spotkanie klubu") == 1  # one date per event on the home page
    unit = client.get(tree["club"].url).content.decode()
    assert 'id="unit-events-heading"' in unit
    assert "Spotkanie klubu" in unit and "Warsztaty" not in unit
    assert f'href="/wydarzenia/?placowka={tree["club"].slug}"' in unit


def test_reserved_slug_is_refused(tree):
    from django.core.exceptions import ValidationError

    event = EventPage(title="x", slug="archiwum", lead="x", start_date=timezone.localdate())
    with pytest.raises(ValidationError):
        event.clean()
