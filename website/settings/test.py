"""Tests: SQLite by default; DATABASE_URL and REDIS_URL switch to the real services."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url

from .base import *  # noqa: F403
from .base import SQLITE_OPTIONS

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Per-process paths: several test runs (and helpers) may run at once on one machine.
# OPS_TEST_RUN_DIR lets the browser tests' server process use a directory of its own.
_RUN_DIR = Path(
    os.environ.get("OPS_TEST_RUN_DIR") or Path(tempfile.gettempdir()) / f"ops-test-{os.getpid()}"
)
if not os.environ.get("OPS_TEST_RUN_DIR"):
    # Our own folder (database, media): removed when this process ends.
    atexit.register(shutil.rmtree, _RUN_DIR, ignore_errors=True)
MEDIA_ROOT = _RUN_DIR / "media"
# The browser tests' server shows the pictures, so their layout and weight are real.
SERVE_MEDIA = True
VISITS_SPOOL_DIR = Path(os.environ.get("OPS_TEST_SPOOL_DIR") or _RUN_DIR / "visits")
# Tests fold where they check the numbers (visits.spool.fold(own=True)); a server
# process started by a test may fold in the background, as in production.
VISITS_FOLD_IN_BACKGROUND = os.environ.get("OPS_TEST_FOLD_IN_BACKGROUND") == "1"
VISITS_SPOOL_SECONDS = float(os.environ.get("VISITS_SPOOL_SECONDS", 5))
VISITS_FOLD_SECONDS = float(os.environ.get("VISITS_FOLD_SECONDS", 5))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files straight from the source folders (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
    DATABASES["default"]["TEST"] = {"NAME": f"test_ops_{os.getpid()}"}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _RUN_DIR / "db.sqlite3",
            "OPTIONS": dict(SQLITE_OPTIONS),
            "TEST": {"NAME": str(_RUN_DIR / "test-db.sqlite3")},
        }
    }


def _redis_url_of_this_worker(url):
    """Each pytest-xdist worker gets a Redis database of its own.

    ``cache.clear()`` is ``FLUSHDB``: on a shared database one worker's clear
    would wipe the keys of the tests running in the other worker.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return url
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    database = (base + 1 + int(worker[2:])) % 16
    return urlunsplit(parts._replace(path=f"/{database}"))


if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url_of_this_worker(os.environ["REDIS_URL"]),
            "KEY_PREFIX": f"ops-test-{os.getpid()}",
        }
    }

_RUN_DIR.mkdir(parents=True, exist_ok=True)

# A cache shared by this process and the subprocesses a test starts (two app
# processes on one server): the test sets it for both.
if os.environ.get("OPS_TEST_FILE_CACHE"):
    CACHES = {
        "default": {
            "BACKEND": "pagecache.file_cache.SharedFileCache",
            "LOCATION": os.environ["OPS_TEST_FILE_CACHE"],
        }
    }
