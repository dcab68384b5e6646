"""Browser tests: a real server with the demo site, driven by Debian's Chromium.

One server per test session: a gunicorn process on a free loopback port, with
its own SQLite database and media folder, migrated and loaded with
``load_demo``. Tests get a fresh browser context (no cookies, no storage) each.
"""

import contextlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if not Path(CHROMIUM).exists():
                item.add_marker(
                    pytest.mark.skip(
                        reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
                    )
                )


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(run_dir):
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
    env["OPS_TEST_RUN_DIR"] = str(run_dir)
    env["PYTHONUNBUFFERED"] = "1"
    return env


@pytest.fixture(scope="session")
def server_env(tmp_path_factory):
    run_dir = tmp_path_factory.mktemp("browser-site")
    return _server_env(run_dir)


@pytest.fixture(scope="session")
def manage(server_env):
    """Run a management command against the browser tests' server database."""
    return manage_command(server_env)


@contextlib.contextmanager
def serving(env, workers=2):
    """A gunicorn process serving the site of ``env``'s run folder; yields its base URL."""
    run_dir = Path(env["OPS_TEST_RUN_DIR"])
    port = _free_port()
    log = open(run_dir / "server.log", "w")  # noqa: SIM115
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    process = subprocess.Popen(
        [gunicorn, "website.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers)]
        + ["--threads", "4", "--timeout", "120"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "browser test server did not start:\n" + (run_dir / "server.log").read_text()
                )
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def manage_command(env):
    """Run a management command against the database of ``env``'s run folder."""

    def run(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result

    return run


def copy_site(env, run_dir):
    """The environment of a copy of ``env``'s site (database and media) in ``run_dir``."""
    source = Path(env["OPS_TEST_RUN_DIR"])
    with (
        sqlite3.connect(source / "db.sqlite3") as src,
        sqlite3.connect(run_dir / "db.sqlite3") as dst,
    ):
        src.backup(dst)
    if (source / "media").exists():
        shutil.copytree(source / "media", run_dir / "media")
    return _server_env(run_dir)


@pytest.fixture(scope="session")
def live_url(server_env, manage):
    """Base URL of a gunicorn server with the demo site, e.g. http://127.0.0.1:41234."""
    manage("migrate", "--noinput")
    manage("load_demo")
    with serving(server_env) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="pl-PL", timezone_id="Europe/Warsaw")
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    page.close()
