"""Visit counter under concurrency: distinct visitors in threads against a live server.

Runs on SQLite by default and on PostgreSQL when DATABASE_URL is set (CI). The
live server runs in this process: its spool is folded here once the requests are done.
"""

import threading
import urllib.request

import pytest

from visits import counter as visits
from visits.models import DailyVisits, PageViews, VisitSalt
from visits.spool import fold

VISITORS = 40


@pytest.fixture(autouse=True)
def _fresh_salt_memo():
    visits.reset_salt_memo()
    yield
    visits.reset_salt_memo()


def fetch(url, user_agent):
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - local server
        response.read()
        return response.status


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_distinct_visitors_are_counted_exactly(live_server, site_settings):
    start = threading.Barrier(VISITORS)
    statuses = []
    errors = []

    def visitor(number):
        agent = (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            f"(KHTML, like Gecko) Chrome/124.0.{number}.0 Safari/537.36"
        )
        try:
            start.wait(timeout=60)
            # The first view of the day for everyone at once: the day's salt, the day's
            # row and the page's row are all created concurrently.
            statuses.append(fetch(live_server.url + "/", agent))
            statuses.append(fetch(live_server.url + "/szukaj/?q=pomoc", agent))
            statuses.append(fetch(live_server.url + "/", agent))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(VISITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert statuses == [200] * (3 * VISITORS)
    fold(own=True)
    day = visits.today()
    row = DailyVisits.objects.get(day=day)
    assert row.visits == VISITORS
    assert row.page_views == 3 * VISITORS
    assert PageViews.objects.get(day=day, path="/").views == 2 * VISITORS
    assert PageViews.objects.get(day=day, path="/szukaj/").views == VISITORS
    assert VisitSalt.objects.count() == 1
