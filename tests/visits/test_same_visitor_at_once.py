"""The same visitor arriving twice at once is one visit, never two.

"Seen today" must be one atomic ``cache.add``: a ``get`` then ``set`` lets two
requests that arrive together both read "not seen" and both count a visit.
The first test makes that interleaving certain (each request reads the cache
before the other one writes); the second runs it for real, in a production
server's worker processes sharing the embedded default's file cache.
"""

import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.cache.backends.locmem import LocMemCache

from tests.support import free_port, process_env
from visits import counter as visits
from visits.models import DailyVisits

ROOT = Path(__file__).resolve().parents[2]
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36"
)


class ReadsBeforeTheOtherWrites(LocMemCache):
    """A cache as two simultaneous requests see it: neither sees the other's write."""

    def get(self, key, default=None, version=None):
        if key.startswith("visits:seen:"):
            return default
        return super().get(key, default, version)

    def has_key(self, key, version=None):
        if key.startswith("visits:seen:"):
            return False
        return super().has_key(key, version)


@pytest.fixture(autouse=True)
def _fresh_salt_memo():
    visits.reset_salt_memo()
    yield
    visits.reset_salt_memo()


def test_two_requests_at_once_count_one_visit(client, site_settings, monkeypatch):
    monkeypatch.setattr(visits, "cache", ReadsBeforeTheOtherWrites("seen-race", {}))
    for _ in range(2):
        response = client.get("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200
    row = DailyVisits.objects.get(day=visits.today())
    assert (row.visits, row.page_views) == (1, 2)


# --- for real: several worker processes of a production-like server --------------------

REQUESTS = 24


@pytest.fixture
def server(tmp_path, site_settings):
    env = process_env(tmp_path / "cache", OPS_TEST_RUN_DIR=str(tmp_path / "run"))
    port = free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    log = tmp_path / "server.log"
    with open(log, "w") as output:
        process = subprocess.Popen(
            [gunicorn, "website.wsgi", "-b", f"127.0.0.1:{port}", "-w", "3", "--threads", "4"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):  # noqa: S310 - loopback
                break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_visitor_many_requests_at_once_over_several_workers(server):
    start = threading.Barrier(REQUESTS)
    statuses = []

    def fetch():
        request = urllib.request.Request(server + "/", headers={"User-Agent": BROWSER})
        start.wait(timeout=30)
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            statuses.append(response.status)

    threads = [threading.Thread(target=fetch) for _ in range(REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert statuses == [200] * REQUESTS
    row = DailyVisits.objects.get(day=visits.today())
    assert (row.visits, row.page_views) == (1, REQUESTS)
