"""Query budgets of the event pages: at most 12 on an uncached page, the same for 10 or 1,000.

Measured as tests/performance/test_page_types.py does: the page is rendered once
(renditions and the site-wide fragments exist, as on a running site), dropped from
the page cache, and rendered again.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    make_event,
    make_event_index,
    make_many_events,
    make_unit_index,
    make_units,
)
from tests.support import BOT_UA, evict

BUDGET = 12


def queries(client, path):
    assert client.get(path, HTTP_USER_AGENT=BOT_UA).status_code == 200
    evict(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, HTTP_USER_AGENT=BOT_UA)
    assert response.status_code == 200, path
    assert response.headers.get("X-Cache") == "MISS", path
    return len(captured)


def paths(tree):
    today = timezone.localdate()
    unit = tree["unit"]
    return {
        "index": "/wydarzenia/",
        "index, facility and audience": f"/wydarzenia/?placowka={unit.slug}&dla=everyone",
        "index, page 2": "/wydarzenia/?page=2",
        "month": f"/wydarzenia/{today.year}/{today.month:02d}/",
        "archive": "/wydarzenia/archiwum/",
        "event": tree["event"].url,
        "recurring event": tree["weekly"].url,
        "facility page": unit.url,
        "home": "/",
    }


@pytest.fixture
def tree(home, site_settings):
    index = make_event_index(home)
    [unit] = make_units(make_unit_index(home), 1)
    today = timezone.localdate()
    weekly = make_event(
        index,
        "Klub",
        start_date=today - datetime.timedelta(days=60),
        repeat="weekly",
        repeat_until=today + datetime.timedelta(days=300),
        unit=unit,
    )
    event = make_event(index, "Warsztaty", unit=unit, price="10.00", registration="phone")
    make_event(index, "Minione", start_date=today - datetime.timedelta(days=3))
    make_many_events(index, 7, unit=unit)
    return {"index": index, "unit": unit, "weekly": weekly, "event": event}


def test_event_pages_hold_the_budget_flat_from_10_to_1000_events(client, tree):
    small = {name: queries(client, path) for name, path in paths(tree).items()}
    make_many_events(tree["index"], 990, start=7, unit=tree["unit"])
    large = {name: queries(client, path) for name, path in paths(tree).items()}
    print("queries at 10 events:", small)
    print("queries at 1,000 events:", large)
    assert large == small
    over = {name: count for name, count in large.items() if count > BUDGET and name != "home"}
    assert over == {}
