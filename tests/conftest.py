"""Shared fixtures. Each app's tests build the pages they need with the models' own API."""

import json
import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command

from core.models import HomePage
from tests.factories import make_home, make_site_settings

# Skips that are expected, with why. In CI (OPS_REQUIRE_ALL=1) any other skip fails the
# run: a missing browser, xgettext or Node.js, or a regression turned into a skip.
ALLOWED_SKIPS = {
    "SQLite only": "WAL and busy-timeout settings exist on SQLite only",
    "reads SQLite's EXPLAIN QUERY PLAN": "PostgreSQL plans are checked by their own tests",
    "PostgreSQL target: runs with DATABASE_URL": "the PostgreSQL stage runs it",
    "HTML validity is checked in the SQLite stage": "the markup does not depend on the database",
    "set IMPORTERS_PERF=1": "the 400-post import measurement (issue 19) runs on request",
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
    clear_visit_spool()
    yield
    cache.clear()
    clear_visit_spool()


def clear_visit_spool():
    """No test sees another's counted requests: close this process's file, drop them all."""
    from visits.spool import spool, spool_dir

    spool.close()
    if spool_dir().is_dir():
        for path in spool_dir().iterdir():
            path.unlink(missing_ok=True)


@pytest.fixture
def home(db):
    """A published home page as the default site's root, like ``load_demo`` makes."""
    return make_home()


@pytest.fixture
def site_settings(home):
    return make_site_settings()


@pytest.fixture
def demo_site(db):
    """The whole demo site: built once per test process, copied into each test after that."""
    from tests import snapshot

    snapshot.load_demo()
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
