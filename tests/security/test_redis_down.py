"""Redis down during requests (issue 10): slower and uncached, never an error or a lost visit.

The shared cache is pointed at a port where nothing listens, as when Redis has
stopped: every cache call fails with a connection error.
"""

import socket
from pathlib import Path

import pytest
from django.apps import apps
from django.db.models import Sum
from django.test import Client

from tests.production import production_settings

ROOT = Path(__file__).resolve().parents[2]
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36 visitor-{}"
)


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends


def production_caches():
    """The CACHES production settings build when REDIS_URL is set (shared subprocess)."""
    found = production_settings(REDIS_URL="redis://127.0.0.1:6379/1")
    return {"caches": found["CACHES"], "alias": found["PAGE_CACHE_ALIAS"]}


@pytest.fixture
def redis_down(settings):
    """Production's cache configuration, pointed at a Redis that is not there."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    from pagecache import resilient_cache

    location = f"redis://127.0.0.1:{closed_port()}/1"
    production = production_caches()
    assert production["alias"] == "pages"
    options = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0, "retry": Retry(NoBackoff(), 0)}
    settings.CACHES = {
        alias: {
            "BACKEND": config["BACKEND"],
            "LOCATION": location,
            "KEY_PREFIX": "ops-down",
            "OPTIONS": {
                **options,
                **{k: v for k, v in config["OPTIONS"].items() if k == "strict_add"},
            },
        }
        for alias, config in production["caches"].items()
    }
    settings.PAGE_CACHE_ALIAS = production["alias"]
    resilient_cache._DOWN_UNTIL.clear()
    from django.core.cache import cache

    assert cache.get("probe", "miss") == "miss"
    yield
    resilient_cache._DOWN_UNTIL.clear()


def test_production_uses_the_resilient_backend():
    production = production_caches()
    backends = {config["BACKEND"] for config in production["caches"].values()}
    assert backends == {"pagecache.resilient_cache.ResilientRedisCache"}
    assert production["caches"]["pages"]["OPTIONS"]["strict_add"] is False


def visit_totals():
    from visits.spool import fold

    fold(own=True)
    DailyVisits = apps.get_model("visits", "DailyVisits")
    totals = DailyVisits.objects.aggregate(visits=Sum("visits"), views=Sum("page_views"))
    return totals["visits"] or 0, totals["views"] or 0


def test_pages_are_served_and_visits_counted_without_redis(home, site_settings, redis_down):
    before = visit_totals()
    for i in range(5):
        response = Client(HTTP_USER_AGENT=BROWSER.format(i)).get("/")
        assert response.status_code == 200
        assert response.get("X-Cache") != "HIT"
    # the same visitor again: a page view, not a new visit (the database keeps the set)
    assert Client(HTTP_USER_AGENT=BROWSER.format(0)).get("/").status_code == 200
    after = visit_totals()
    assert after[0] - before[0] == 5
    assert after[1] - before[1] == 6


def test_other_public_urls_without_redis(home, redis_down):
    client = Client(raise_request_exception=False)
    for path in ["/", "/szukaj/?q=pomoc", "/robots.txt", "/sitemap.xml", "/nie-ma/"]:
        assert client.get(path).status_code in {200, 404}, path
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["cache"] == "error"


def test_publishing_without_redis(home, redis_down):
    home.intro_heading = "Strona główna (bez Redisa)"
    home.save_revision().publish()
    response = Client().get("/")
    assert response.status_code == 200
    assert "Strona główna (bez Redisa)" in response.content.decode()


def test_staff_can_sign_in_without_redis(db, redis_down):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("admin2", "a@example.pl", "Dlugie-Haslo-123")
    client = Client()
    response = client.post("/admin/login/", {"username": "admin2", "password": "Dlugie-Haslo-123"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
