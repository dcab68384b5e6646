"""Shared fixtures. Each app's tests build the pages they need with the models' own API."""

import json
import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Page, Site

from core.models import HomePage, SiteSettings, SiteSettingsPhone

# Skips that are expected, with why. In CI (OPS_REQUIRE_ALL=1) any other skip fails the
# run: a missing browser, xgettext or Node.js, or a regression turned into a skip.
ALLOWED_SKIPS = {
    "SQLite only": "WAL and busy-timeout settings exist on SQLite only",
    "reads SQLite's EXPLAIN QUERY PLAN": "PostgreSQL plans are checked by their own tests",
    "PostgreSQL target: runs with DATABASE_URL": "the PostgreSQL stage runs it",
}
_unexpected_skips = []


def pytest_runtest_logreport(report):
    # Recorded once, in the process that reports (the controller under pytest-xdist).
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    if report.skipped and os.environ.get("OPS_REQUIRE_ALL"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        if not any(reason.startswith(allowed) for allowed in ALLOWED_SKIPS):
            _unexpected_skips.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session, exitstatus):
    if _unexpected_skips:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if _unexpected_skips:
        terminalreporter.section("unexpected skips (OPS_REQUIRE_ALL=1): each is a failure")
        for line in _unexpected_skips:
            terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    """A published home page as the default site's root, like ``load_demo`` makes."""
    root = Page.get_first_root_node()
    home = HomePage(title="Strona główna", slug="strona-glowna", intro_heading="Jak możemy pomóc?")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return HomePage.objects.get(pk=home.pk)


@pytest.fixture
def site_settings(home):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.name = "Ośrodek Pomocy Społecznej w Testowie"
    settings.street_address = "ul. Próbna 1"
    settings.postal_code = "00-001"
    settings.city = "Testowo"
    settings.email = "ops@example.pl"
    settings.bip_url = "https://bip.example.pl/"
    settings.save()
    SiteSettingsPhone.objects.create(settings=settings, label="Sekretariat", number="12 345 67 89")
    return SiteSettings.objects.get(pk=settings.pk)


@pytest.fixture
def demo_site(db):
    """The whole demo site (slow: use for integration tests only)."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    return HomePage.objects.get()


@pytest.fixture
def collected(tmp_path, settings):
    """collectstatic of our own static folder with the production storage: (root, manifest)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_DIRS = [django_settings.BASE_DIR / "static"]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "core.storage.MinifiedStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    settings.DEBUG = False
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((settings.STATIC_ROOT / "staticfiles.json").read_text())["paths"]
    return settings.STATIC_ROOT, manifest
