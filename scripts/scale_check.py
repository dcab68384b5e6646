"""Scale-out check (issue 10, ``make scale-check``): two app servers, one PostgreSQL, one Redis.

What it does, on this machine's PostgreSQL (SCALE_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432/postgres) and a Redis server of its own:

1. creates a database ops_scale_<pid> and starts ``redis-server`` on a free port
   (never touching the system's Redis), collects static files, migrates and loads
   the demo with production settings;
2. starts two gunicorn instances A and B on free ports, both with production
   settings, the same DATABASE_URL and the same REDIS_URL (db 1, prefix ops-scale);
3. checks:
   - a page published in a separate process (like an editor's save in the admin of
     either instance) is served fresh by A and B at once, though both had it cached;
   - visits sent to A and B at the same time add up exactly in the database;
   - with Redis stopped mid-run every request still succeeds (uncached, slower),
     no visit is lost, publishing still works; after Redis returns caching resumes;
4. prints the findings as a table, removes the database, stops what it started.

Exit status 0 when every check held, 1 otherwise.
"""

import concurrent.futures
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pagecache.resilient_cache import ResilientRedisCache  # noqa: E402

PYTHON = sys.executable
ADMIN_URL = os.environ.get("SCALE_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36 scale-check-{}"
)
VISITS_PER_INSTANCE = int(os.environ.get("SCALE_VISITS", "30"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log(message):
    print(f"[scale-check] {message}", flush=True)


class Findings:
    def __init__(self):
        self.rows = []

    def add(self, check, expected, observed, held):
        self.rows.append((check, str(expected), str(observed), "held" if held else "FAILED"))
        log(f"{'ok ' if held else 'FAIL'} {check}: {observed}")

    @property
    def all_held(self):
        return all(row[3] == "held" for row in self.rows)

    def table(self):
        headers = ("check", "expected", "observed", "result")
        widths = [
            min(60, max(len(headers[i]), *(len(row[i]) for row in self.rows))) for i in range(4)
        ]
        line = "+-" + "-+-".join("-" * w for w in widths) + "-+"

        def render(cells):
            return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

        out = [line, render(headers), line]
        for row in self.rows:
            out.append(
                render(
                    [
                        c if len(c) <= w else c[: w - 1] + "…"
                        for c, w in zip(row, widths, strict=True)
                    ]
                )
            )
        out.append(line)
        return "\n".join(out)


class Environment:
    """Everything the check starts, and how to take it down again."""

    def __init__(self):
        self.work = Path(tempfile.mkdtemp(prefix="ops-scale-"))
        self.db_name = f"ops_scale_{os.getpid()}"
        self.redis_port = free_port()
        self.redis_proc = None
        self.servers = {}
        self.logs = []
        self.admin = None
        base = ADMIN_URL.rsplit("/", 1)[0]
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "website.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": f"{base}/{self.db_name}",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/1",
            "CACHE_KEY_PREFIX": "ops-scale",
            "MEDIA_ROOT": str(self.work / "media"),
            "STATIC_ROOT": str(self.work / "static"),
            "PYTHONUNBUFFERED": "1",
            # Counting is folded from the spool in the background (visits.spool); short
            # periods here so that the counts settle within seconds of the last request.
            "VISITS_SPOOL_DIR": str(self.work / "spool"),
            "VISITS_SPOOL_SECONDS": "1",
            "VISITS_FOLD_SECONDS": "1",
        }

    # --- services -------------------------------------------------------------------
    def create_database(self):
        import psycopg

        self.admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5)
        self.admin.execute(f'DROP DATABASE IF EXISTS "{self.db_name}"')
        self.admin.execute(f'CREATE DATABASE "{self.db_name}"')

    def drop_database(self):
        if self.admin is not None:
            try:
                self.admin.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
            finally:
                self.admin.close()
                self.admin = None

    def start_redis(self):
        redis_server = shutil.which("redis-server")
        if not redis_server:
            raise RuntimeError("redis-server not found (apt-get install redis-server)")
        self.redis_proc = subprocess.Popen(  # noqa: S603 - our own arguments
            [redis_server, "--port", str(self.redis_port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.work)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.redis_port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop_redis(self):
        if self.redis_proc and self.redis_proc.poll() is None:
            self.redis_proc.terminate()
            try:
                self.redis_proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.redis_proc.kill()
        self.redis_proc = None

    def manage(self, *args, timeout=900):
        result = subprocess.run(  # noqa: S603 - our own arguments
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True,
            text=True, timeout=timeout,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def start_server(self, name):
        port = free_port()
        log_path = self.work / f"gunicorn-{name}.log"
        handle = open(log_path, "w")  # noqa: SIM115 - closed in stop_servers
        gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
        process = subprocess.Popen(  # noqa: S603 - our own arguments
            [gunicorn, "website.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--threads", "4",
             "--timeout", "60", "--graceful-timeout", "5"],
            cwd=ROOT, env=self.env, stdout=handle, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.servers[name] = (process, f"http://127.0.0.1:{port}", handle, log_path)
        return f"http://127.0.0.1:{port}"

    def wait_for_servers(self):
        for name, (process, url, _handle, log_path) in self.servers.items():
            deadline = time.monotonic() + 90
            while True:
                try:
                    if get(url + "/healthz")[0] in {200, 503}:
                        break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server {name} did not start:\n{log_path.read_text()}")
                time.sleep(0.3)

    def stop_servers(self):
        for process, _url, _handle, _log in self.servers.values():
            if process.poll() is None:
                process.terminate()
        for process, _url, handle, _log in self.servers.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
            handle.close()

    def server_errors(self):
        """Server errors the instances logged: Django's 5xx log lines and gunicorn errors.

        Tracebacks logged with a warning (the visit counter's "cache unavailable,
        using the database") are counted separately: they are not errors.
        """
        errors, warnings = [], 0
        for name, (_p, _u, handle, log_path) in self.servers.items():
            handle.flush()
            lines = log_path.read_text(errors="replace").splitlines()
            for number, line in enumerate(lines):
                if "Internal Server Error" in line or "[ERROR]" in line or "[CRITICAL]" in line:
                    if not errors:  # the first one in full: CI keeps only this output
                        log(f"first server error on {name}:\n" + "\n".join(lines[number:][:40]))
                    errors.append(f"{name}: {line[:160]}")
                elif "Traceback" in line:
                    warnings += 1
        return errors, warnings

    def teardown(self):
        self.stop_servers()
        self.stop_redis()
        self.drop_database()
        if os.environ.get("SCALE_KEEP") != "1":
            shutil.rmtree(self.work, ignore_errors=True)


def get(url, agent="scale-check monitor (bot)", timeout=120):
    headers = {"User-Agent": agent, "Accept": "text/html"}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http://127.0.0.1 only
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read()
            return response.status, body, dict(response.headers), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers), time.monotonic() - started
    except (TimeoutError, urllib.error.URLError, ConnectionError) as error:
        return f"no answer ({type(error).__name__})", b"", {}, time.monotonic() - started


SHELL_PUBLISH = """
import json
from wagtail.models import Page
page = Page.objects.live().filter(depth__gt=2).order_by("path").first().specific
page.title = {title!r}
page.save_revision().publish()
print("PUBLISHED=" + json.dumps({{"id": page.pk, "url": page.url}}))
"""

SQL_TOTALS = (
    "SELECT COALESCE(SUM(visits), 0), COALESCE(SUM(page_views), 0) FROM website_dailyvisits"
)


def totals(environment):
    import psycopg

    with psycopg.connect(environment.env["DATABASE_URL"], connect_timeout=5) as conn:
        return tuple(int(v) for v in conn.execute(SQL_TOTALS).fetchone())


def settled_totals(environment, before, expected, limit=20):
    """The totals once the servers folded ``expected`` more visits (or ``limit`` s passed).

    Then two more fold periods, so that a count above the expected one shows too.
    """
    deadline = time.monotonic() + limit
    while totals(environment)[0] - before[0] < expected and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(2.5)
    return totals(environment)


def publish(environment, title):
    out = environment.manage("shell", "-c", SHELL_PUBLISH.format(title=title), timeout=300)
    return json.loads(out.split("PUBLISHED=", 1)[1].strip())


def fresh_everywhere(urls, path, title, attempts=1):
    """(A and B both show the title, statuses) right after publishing."""
    observed = {}
    for name, base in urls.items():
        for _ in range(attempts):
            status, body, _headers, _t = get(base + path)
            observed[name] = (status, title.encode() in body)
            if observed[name] == (200, True):
                break
            time.sleep(0.2)
    return all(value == (200, True) for value in observed.values()), observed


def cache_states(urls, path, wait=0.0):
    """X-Cache of ``path`` on each instance after warming it, and the seconds it took.

    With ``wait``, keeps trying until both answer HIT or ``wait`` seconds have passed.
    """
    started = time.monotonic()
    while True:
        for base in urls.values():
            for _ in range(3):
                get(base + path)
        states = [get(base + path)[2].get("X-Cache", "-") for base in urls.values()]
        elapsed = time.monotonic() - started
        if states == ["HIT", "HIT"] or elapsed >= wait:
            return states, elapsed
        time.sleep(0.5)


def send_visits(urls, count, tag):
    """count distinct visitors per instance, sent concurrently. Returns statuses and times."""
    jobs = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        for name, base in urls.items():
            for i in range(count):
                agent = BROWSER_UA.format(f"{tag}-{name}-{i}")
                jobs.append(pool.submit(get, base + "/", agent))
        results = [job.result() for job in jobs]
    statuses = {}
    for status, *_rest in results:
        statuses[status] = statuses.get(status, 0) + 1
    return statuses, [r[3] for r in results], [r[2].get("X-Cache", "-") for r in results]


def run(findings):
    environment = Environment()
    try:
        log(f"work folder {environment.work}, database {environment.db_name}, "
            f"redis port {environment.redis_port}")  # fmt: skip
        environment.create_database()
        environment.start_redis()
        log("collectstatic, migrate, load_demo (production settings, PostgreSQL)…")
        environment.manage("collectstatic", "--noinput", "-v", "0")
        environment.manage("migrate", "--noinput", "-v", "0")
        environment.manage("load_demo", "-v", "0")
        urls = {"A": environment.start_server("A"), "B": environment.start_server("B")}
        environment.wait_for_servers()
        log(f"instances: {urls}")

        # 1. Cache warm on both, then publish elsewhere: both must serve the new title at once.
        probe = publish(environment, "Skalowanie — stan początkowy")
        path = probe["url"].split("://", 1)[-1].split("/", 1)[-1]
        path = "/" + path
        states, _elapsed = cache_states(urls, path)
        findings.add(
            "page cached on A and B before publishing", "X-Cache HIT on both",
            f"A={states[0]} B={states[1]}", states == ["HIT", "HIT"],
        )  # fmt: skip
        title = f"Skalowanie — opublikowano {secrets.token_hex(4)}"
        publish(environment, title)
        held, observed = fresh_everywhere(urls, path, title)
        findings.add("published page fresh on A and B at once", "new title, 200", observed, held)

        # 2. Concurrent visits to A and B add up exactly.
        before = totals(environment)
        statuses, times, _cache = send_visits(urls, VISITS_PER_INSTANCE, "up")
        expected = 2 * VISITS_PER_INSTANCE
        after = settled_totals(environment, before, expected)
        findings.add(
            "visits from A and B add up (Redis up)", f"+{expected} visits, +{expected} views",
            f"+{after[0] - before[0]} visits, +{after[1] - before[1]} views, statuses {statuses}",
            after[0] - before[0] == expected and after[1] - before[1] == expected
            and statuses == {200: expected},
        )  # fmt: skip
        median_up = statistics.median(times)

        # 3. Redis stops mid-run.
        log("stopping Redis…")
        environment.stop_redis()
        before = totals(environment)
        statuses, times, down_states = send_visits(urls, VISITS_PER_INSTANCE, "down")
        after = settled_totals(environment, before, expected)
        findings.add(
            "requests while Redis is down", f"{expected}× 200, no 5xx",
            f"statuses {statuses}, median {statistics.median(times) * 1000:.0f} ms "
            f"(up: {median_up * 1000:.0f} ms), X-Cache {sorted(set(down_states))}",
            statuses == {200: expected},
        )  # fmt: skip
        findings.add(
            "no visit lost while Redis is down", f"+{expected} visits, +{expected} views",
            f"+{after[0] - before[0]} visits, +{after[1] - before[1]} views",
            after[0] - before[0] == expected and after[1] - before[1] == expected,
        )  # fmt: skip
        health = {name: get(base + "/healthz")[0] for name, base in urls.items()}
        findings.add(
            "health check reports the missing cache", "503 (load balancer notices)",
            health, set(health.values()) == {503},
        )  # fmt: skip
        title = f"Skalowanie — bez Redisa {secrets.token_hex(4)}"
        try:
            publish(environment, title)
            published = True
        except RuntimeError as error:
            published = False
            log(f"publishing without Redis failed: {str(error)[-400:]}")
        held, observed = fresh_everywhere(urls, path, title)
        findings.add(
            "publish while Redis is down, fresh on A and B", "published, new title",
            f"published={published} {observed}", published and held,
        )  # fmt: skip

        # 4. Redis returns (empty): caching resumes, nothing stale.
        log("starting Redis again…")
        environment.start_redis()
        # Each worker process leaves Redis alone for RETRY_AFTER seconds after its last
        # failure (pagecache.resilient_cache), so caching resumes within that window.
        states, resumed = cache_states(urls, path, wait=ResilientRedisCache.RETRY_AFTER + 10)
        held, observed = fresh_everywhere(urls, path, title)
        findings.add(
            "after Redis returns: cached again and fresh",
            f"HIT on both within {ResilientRedisCache.RETRY_AFTER:.0f} s + margin, current title",
            f"X-Cache A={states[0]} B={states[1]} after {resumed:.1f} s, {observed}",
            states == ["HIT", "HIT"] and held,
        )  # fmt: skip
        before = totals(environment)
        statuses, _times, _cache = send_visits(urls, VISITS_PER_INSTANCE // 2, "again")
        expected = 2 * (VISITS_PER_INSTANCE // 2)
        after = settled_totals(environment, before, expected)
        findings.add(
            "visits add up after Redis returns", f"+{expected} visits",
            f"+{after[0] - before[0]} visits, statuses {statuses}",
            after[0] - before[0] == expected and statuses == {200: expected},
        )  # fmt: skip
        try:
            counter = environment.manage("visits", timeout=120).strip().splitlines()[-1]
        except RuntimeError as error:
            counter = f"unavailable ({str(error)[:80]})"
        findings.add("`manage.py visits` answers", "JSON month/total", counter, "total" in counter)
        errors, logged_tracebacks = environment.server_errors()
        findings.add(
            "no server errors in either log", "no 5xx, no worker errors",
            f"{len(errors)} errors {errors[:2]}; {logged_tracebacks} tracebacks logged "
            "with warnings",
            not errors,
        )  # fmt: skip
    except Exception as error:  # noqa: BLE001 - reported in the table, then cleaned up
        findings.add("scale check ran to the end", "no exception", repr(error)[-300:], False)
        log(f"stopped by: {error}")
        if environment.servers:
            for name, (_p, _u, handle, log_path) in environment.servers.items():
                handle.flush()
                tail = log_path.read_text(errors="replace")[-2000:]
                log(f"server {name} log tail:\n{tail}")
    finally:
        environment.teardown()


def main():
    findings = Findings()
    started = time.monotonic()
    run(findings)
    print()
    print("Scale-out check: two gunicorn instances, one PostgreSQL, one Redis")
    print(findings.table())
    print(f"{sum(r[3] == 'held' for r in findings.rows)}/{len(findings.rows)} held "
          f"in {time.monotonic() - started:.0f} s")  # fmt: skip
    return 0 if findings.all_held else 1


if __name__ == "__main__":
    sys.exit(main())
