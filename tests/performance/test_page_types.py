"""Query budgets for every page type of the demo site, warm and right after a publish.

"Warm": the site-wide fragments (menu, footer, brand, alerts, statement link) are
in the cache and only the page itself is rendered. "After a publish": the page
cache's generation has just changed, so the fragments are built again too, as
on the first view after staff publish anything. Each type is measured on its
most expensive of up to three of its pages in the demo site; the budgets are
today's counts, so one extra query on any page type fails here.
"""

import datetime
from collections import defaultdict

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from pagecache import middleware as page_cache
from tests.support import BOT_UA, evict, sitemap_paths

FROZEN_NOW = datetime.datetime(2026, 11, 20, 9, 15, tzinfo=datetime.UTC)

# (warm, after a publish) per page type; DEFAULT for the types not listed.
BUDGETS = {
    # Home: its projects section (one query); home and facility pages list upcoming events
    # (no query warm, one after a publish).
    "website.homepage": (14, 26),
    "units.unitpage": (12, 24),
    "units.unitindexpage": (10, 21),
    "news.newsindexpage": (11, 22),
    # News post: its tags, shown as links to the listing of each (one query).
    "news.newspage": (11, 22),
    "events.eventindexpage": (8, 20),
    "events.eventpage": (8, 19),
    "pages.ordinanceindexpage": (10, 21),
    "pages.ordinancepage": (10, 21),
    "projects.projectindexpage": (7, 18),
    "projects.projectpage": (12, 24),
    # "Jak załatwić sprawę" (issue 17): the service page reads the chosen facility and its
    # hours, the forms, the audiences and the criteria; the self-check reads the criteria.
    "services.servicepage": (10, 24),
    "services.audiencepage": (9, 20),
    "services.eligibilitycheckpage": (6, 21),
    # The contact page lists the centre's bank accounts for payments (issue 23).
    "pages.contactpage": (10, 21),
}
DEFAULT = (9, 20)
# Pages measured of each type (the first in the sitemap: the index's newest, the register's
# first ordinances); the unit pages differ most, so all of them are.
PAGES_PER_TYPE = 3


def measure(client, path):
    """(status, queries after a publish, warm queries) of one page, both cache misses."""
    client.get(path, HTTP_USER_AGENT=BOT_UA)  # renditions exist, as on a running site
    page_cache.bump_generation()
    with CaptureQueriesContext(connection) as cold:
        first = client.get(path, HTTP_USER_AGENT=BOT_UA)
    evict(path)
    with CaptureQueriesContext(connection) as warm:
        second = client.get(path, HTTP_USER_AGENT=BOT_UA)
    assert second.headers.get("X-Cache") == "MISS", path
    return first.status_code, second.status_code, len(cold), len(warm)


def pages_by_type(client):
    paths = sitemap_paths(client)
    by_path = {
        page.url: page.specific_class._meta.label_lower
        for page in Page.objects.live().filter(depth__gt=1).select_related("content_type")
    }
    types = defaultdict(list)
    for path in paths:
        types[by_path[path]].append(path)
    return types


@pytest.fixture
def demo_now():
    with time_machine.travel(FROZEN_NOW, tick=True):
        yield


def test_every_page_type_within_its_budget(client, demo_now, demo_site):
    types = pages_by_type(client)
    assert len(types) >= 12, sorted(types)
    over = {}
    for label, paths in sorted(types.items()):
        warm_budget, cold_budget = BUDGETS.get(label, DEFAULT)
        worst_warm = worst_cold = 0
        measured = paths if label == "units.unitpage" else paths[:PAGES_PER_TYPE]
        for path in measured:
            cold_status, warm_status, cold, warm = measure(client, path)
            assert (cold_status, warm_status) == (200, 200), path
            worst_warm, worst_cold = max(worst_warm, warm), max(worst_cold, cold)
        if worst_warm > warm_budget or worst_cold > cold_budget:
            over[label] = (
                f"warm {worst_warm}/{warm_budget}, after publish {worst_cold}/{cold_budget}"
            )
        print(label, len(paths), worst_warm, worst_cold)
    assert over == {}
