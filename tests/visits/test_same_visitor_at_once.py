"""The same visitor arriving twice at once is one visit, never two.

A visit is decided when the spool is folded, by the unique ``VisitorSeen`` row
of the day. The first test folds many files with overlapping visitors in
parallel threads (on PostgreSQL the same visitor's rows race for the unique
constraint); the second runs a production-like server whose three worker
processes spool and fold in the background, and sends one visitor's requests
all at once.
"""

import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support import free_port, process_env
from visits import counter as visits
from visits import spool
from visits.models import DailyVisits, FoldedSpool, VisitorSeen

ROOT = Path(__file__).resolve().parents[2]
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36"
)


@pytest.fixture(autouse=True)
def _fresh_salt_memo():
    visits.reset_salt_memo()
    yield
    visits.reset_salt_memo()


def write_spool_file(directory, name, lines):
    (directory / f"{name}{spool.SUFFIX}").write_bytes(b"".join(lines))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_folds_of_overlapping_files_count_each_visitor_once(settings, tmp_path):
    settings.VISITS_SPOOL_DIR = tmp_path
    day = visits.today()
    visitors = [f"{number:064x}" for number in range(30)]
    # Eight files, each with every visitor: as eight workers that all saw them.
    for file_number in range(8):
        write_spool_file(
            tmp_path, f"host-{file_number}-1-0", [spool.encode_line(day, v, "/") for v in visitors]
        )
    start = threading.Barrier(4)
    results, errors = [], []

    def folder():
        from django.db import connection

        try:
            start.wait(timeout=30)
            results.append(spool.fold())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=folder) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sum(result.files for result in results) == 8  # each file folded by one of them
    row = DailyVisits.objects.get(day=day)
    assert (row.visits, row.page_views) == (30, 240)
    assert VisitorSeen.objects.filter(day=day).count() == 30
    assert FoldedSpool.objects.count() == 8
    assert list(tmp_path.iterdir()) == []


# --- for real: several worker processes of a production-like server --------------------

REQUESTS = 24


@pytest.fixture
def server(tmp_path, site_settings):
    env = process_env(
        tmp_path / "cache",
        OPS_TEST_RUN_DIR=str(tmp_path / "run"),
        OPS_TEST_FOLD_IN_BACKGROUND="1",
        VISITS_SPOOL_SECONDS="0.5",
        VISITS_FOLD_SECONDS="0.5",
    )
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
    yield url, tmp_path / "run" / "visits"
    process.terminate()
    process.wait(timeout=10)


def folded_row(until):
    """The day's row once the server's workers folded ``until`` page views (at most 30 s)."""
    deadline = time.monotonic() + 30
    while True:
        row = DailyVisits.objects.filter(day=visits.today()).first()
        if (row and row.page_views >= until) or time.monotonic() > deadline:
            return row
        time.sleep(0.2)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_visitor_many_requests_at_once_over_several_workers(server):
    url, spool_directory = server
    start = threading.Barrier(REQUESTS)
    statuses = []

    def fetch():
        request = urllib.request.Request(url + "/", headers={"User-Agent": BROWSER})
        start.wait(timeout=30)
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            statuses.append(response.status)

    threads = [threading.Thread(target=fetch) for _ in range(REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert statuses == [200] * REQUESTS
    row = folded_row(REQUESTS)
    assert row is not None, "the workers folded nothing in 30 s"
    assert (row.visits, row.page_views) == (1, REQUESTS)
    time.sleep(1.5)  # three more fold periods: nothing else arrives
    row.refresh_from_db()
    assert (row.visits, row.page_views) == (1, REQUESTS)
    assert not list(spool_directory.glob("*" + spool.SUFFIX)) or row.page_views == REQUESTS
