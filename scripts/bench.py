#!/usr/bin/env python3
"""``make bench``: load-test the production server on this machine and print the figures.

What it does, in one run (about a minute, two the first time):

1. Builds the demo site in a SQLite database of its own and collects the static
   files with the production storage (hashed names, gzip and brotli). Both are
   kept in ~/.cache/ops-bench/ keyed by a fingerprint of the code, so later runs
   skip this; the developer's db.sqlite3 and media/ are never touched.
2. Starts gunicorn with the production settings (2 workers x 4 threads, a generated
   secret key, ALLOWED_HOSTS=127.0.0.1, no HTTPS redirect) on a free loopback
   port, with the cache shared by the workers (a file cache, or Redis with
   ``--redis URL``).
3. Loads each target for a few seconds from several processes (new connection
   per request) and prints
   requests/s, p50 and p99 latency, and the ratio to a static file of similar
   size served by whitenoise from the same server.
4. Checks the visit counter: every simulated visitor has a user agent of its
   own; the month's count must grow by exactly the number of visitors whose
   page views succeeded.
5. Loads the static file and the home page (robot, counted, uncached) again with
   keep-alive connections (wrk, installed from Debian's packages when missing),
   each as a ratio to the static file in the same run; any wrk error stops the
   report instead of printing figures.
6. Renders the home page, news index, news post, a facility page and the ordinances
   register in one process with no page cache (``manage.py render_times``): the
   median milliseconds per render, the fastest, and the queries of one render.

Options: --seconds N per target (default 5), --large (10,000 news posts and
5,000 ordinances), --redis URL, --keep (leave the working directory).
"""

import argparse
import hashlib
import http.client
import json
import multiprocessing
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
CACHE_ROOT = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ops-bench"
# Our apps: every folder with an apps.py (the demo database depends on their models).
APPS = sorted(path.parent.name for path in BASE_DIR.glob("*/apps.py"))
BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
# A simulated visitor makes this many requests, then the next visitor comes.
REQUESTS_PER_VISITOR = 25
PROCESSES = 2
THREADS_PER_PROCESS = 4
SEARCH_QUERY = "pomoc"
# Several words, one with a typo: lemmas, synonyms, the spelling suggestion (issue 16).
SEARCH_WORDS_QUERY = "zasilek+celowy+swietlca"


# --- preparing the site -----------------------------------------------------------------


def log(message):
    print(message, flush=True)


def fingerprint(*parts):
    """A hash of the files and package versions the prepared data depends on."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode())
    versions = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions()
    )
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()[:16]


def tree_stats(*roots, suffixes=None):
    stats = []
    for root in roots:
        root = BASE_DIR / root
        if not root.exists():
            continue
        for path in sorted(root.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            if suffixes and path.suffix not in suffixes:
                continue
            stat = path.stat()
            stats.append((str(path.relative_to(BASE_DIR)), stat.st_size, stat.st_mtime_ns))
    return stats


def demo_sources():
    """The files the demo database depends on: models, migrations, the demo app and its data."""
    stats = tree_stats("demo", suffixes={".py", ".toml"})
    for app in APPS:
        for path, size, mtime in tree_stats(app, suffixes={".py"}):
            name = Path(path)
            if (
                "migrations" in name.parts
                or "models" in name.parts
                or name.name in {"models.py", "bulk_pages.py"}
            ):
                stats.append((path, size, mtime))
    return stats


def manage(env, *args, quiet=True):
    result = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        log(result.stdout[-3000:])
        log(result.stderr[-3000:])
        raise SystemExit(f"manage.py {' '.join(args)} failed")
    return result.stdout


def base_env(workdir, data_dir, static_root, redis_url):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "CACHE_", "PAGE_CACHE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        MEDIA_ROOT=str(data_dir / "media"),
        STATIC_ROOT=str(static_root),
        CACHE_DIR=str(workdir / "cache"),
        # The counter's spool folds every second here, so the check below need not wait.
        VISITS_SPOOL_DIR=str(workdir / "spool"),
        VISITS_SPOOL_SECONDS="1",
        VISITS_FOLD_SECONDS="1",
        PYTHONUNBUFFERED="1",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
        env["CACHE_KEY_PREFIX"] = f"ops-bench-{secrets.token_hex(4)}"
    return env


def prepare_demo(large, env_for):
    """The demo database and media, built once per code fingerprint."""
    key = fingerprint(demo_sources(), large)
    data_dir = CACHE_ROOT / f"demo-{'large-' if large else ''}{key}"
    if (data_dir / "db.sqlite3").exists():
        log(f"Demo site: reusing {data_dir}")
        return data_dir
    log("Demo site: building (migrate + load_demo, once per code change)...")
    started = time.monotonic()
    shutil.rmtree(data_dir, ignore_errors=True)
    building = data_dir.with_name(data_dir.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    env = env_for(building, building)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    if large:
        manage(env, "load_large")
    checkpoint(building / "db.sqlite3")
    for old in CACHE_ROOT.glob(f"demo-{'large-' if large else ''}*"):
        if old != building:
            shutil.rmtree(old, ignore_errors=True)
    building.rename(data_dir)
    log(f"Demo site: built in {time.monotonic() - started:.0f} s")
    return data_dir


def prepare_static(env_for):
    key = fingerprint(tree_stats("static"))
    static_root = CACHE_ROOT / f"static-{key}"
    if (static_root / "staticfiles.json").exists():
        log(f"Static files: reusing {static_root}")
        return static_root
    log("Static files: collectstatic with the production storage (gzip + brotli)...")
    started = time.monotonic()
    for old in CACHE_ROOT.glob("static-*"):
        shutil.rmtree(old, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = env_for(Path(tmp), Path(tmp))
        env["STATIC_ROOT"] = str(static_root)
        manage(env, "collectstatic", "--noinput")
    log(f"Static files: collected in {time.monotonic() - started:.0f} s")
    return static_root


def checkpoint(db_path):
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def copy_database(source, target):
    source_db = sqlite3.connect(source)
    target_db = sqlite3.connect(target)
    source_db.backup(target_db)
    source_db.close()
    target_db.close()


# --- the server -------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env, port, workdir):
    log_file = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 (closed in stop_server)
    process = subprocess.Popen(  # noqa: S603 (our own gunicorn)
        [
            str(VENV_BIN / "gunicorn"),
            "website.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            # gthread workers keep connections alive (sync workers close every one).
            "--threads",
            "4",
            "--keep-alive",
            "5",
            "--backlog",
            "256",
            "--timeout",
            "60",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process.log_file = log_file
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            if fetch(port, "/healthz")[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    stop_server(process)
    log((workdir / "gunicorn.log").read_text()[-3000:])
    raise SystemExit("gunicorn did not start")


def stop_server(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    process.log_file.close()


def fetch(port, path, user_agent=BOT_UA):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"User-Agent": user_agent})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


# --- the load generator -----------------------------------------------------------------


# A target ending in UNCACHED is rendered on every request: it is sent with a session
# cookie, as staff's requests are, which the page cache never answers (and the counter
# never counts). A made-up query parameter would not do: the page's own entry answers it.
UNCACHED = "#uncached"
SESSION_COOKIE = "sessionid=bench-not-a-session"


def split_target(path):
    """(path to request, extra header lines)."""
    if path.endswith(UNCACHED):
        return path[: -len(UNCACHED)], f"Cookie: {SESSION_COOKIE}\r\n"
    return path, ""


def request_bytes(port, path, user_agent):
    path, extra = split_target(path)
    return (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: {user_agent}\r\n"
        f"Accept: text/html,*/*\r\n{extra}Connection: close\r\n\r\n"
    ).encode("latin-1")


def one_request(port, payload):
    """Status of one request on a new connection (the server closes it after the answer)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(payload)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    head = chunks[0] if chunks else b""
    try:
        return int(head[9:12])
    except ValueError:
        return 0


def load_worker(args):
    """One process: threads sending requests until the deadline; returns their records."""
    port, path, seconds, process_no, visitor_prefix, count_visitors = args
    deadline = time.monotonic() + seconds
    results = []
    lock = threading.Lock()

    def run(thread_no):
        latencies, statuses, visitors_ok = [], {}, set()
        done = 0
        while time.monotonic() < deadline:
            if count_visitors:
                visitor = (
                    f"{visitor_prefix}-{process_no}-{thread_no}-{done // REQUESTS_PER_VISITOR}"
                )
                user_agent = f"{BROWSER_UA} visitor/{visitor}"
            else:
                visitor, user_agent = None, BROWSER_UA
            payload = request_bytes(port, path, user_agent)
            started = time.perf_counter()
            try:
                status = one_request(port, payload)
            except OSError:
                status = 0
            latencies.append(time.perf_counter() - started)
            statuses[status] = statuses.get(status, 0) + 1
            if status == 200 and visitor:
                visitors_ok.add(visitor)
            done += 1
        with lock:
            results.append((latencies, statuses, visitors_ok))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS_PER_PROCESS)]
    cpu_before = time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.process_time() - cpu_before


def run_load(port, path, seconds, visitor_prefix, count_visitors=True):
    jobs = [(port, path, seconds, n, visitor_prefix, count_visitors) for n in range(PROCESSES)]
    started = time.monotonic()
    with multiprocessing.Pool(PROCESSES) as pool:
        outputs = pool.map(load_worker, jobs)
    elapsed = time.monotonic() - started
    latencies, statuses, visitors, cpu = [], {}, set(), 0.0
    for results, worker_cpu in outputs:
        cpu += worker_cpu
        for thread_latencies, thread_statuses, thread_visitors in results:
            latencies.extend(thread_latencies)
            for status, count in thread_statuses.items():
                statuses[status] = statuses.get(status, 0) + count
            visitors |= thread_visitors
    latencies.sort()
    count = len(latencies)
    return {
        "requests": count,
        "rps": count / seconds,
        "p50": latencies[count // 2] * 1000 if count else float("nan"),
        "p99": latencies[min(count - 1, int(count * 0.99))] * 1000 if count else float("nan"),
        "mean": statistics.fmean(latencies) * 1000 if count else float("nan"),
        "statuses": statuses,
        "visitors": visitors,
        "generator_cpu": cpu / elapsed,
    }


# --- keep-alive load: wrk -------------------------------------------------------------

WRK_SCRIPT = r"""
-- Each thread's requests: a new visitor every REQUESTS_PER_VISITOR requests when counted.
counter = 0  -- global: done() reads it with thread:get
local threads = {}
function setup(thread)
  thread:set("tag", tostring(#threads + 1))
  table.insert(threads, thread)
end
request = function()
  counter = counter + 1
  local agent = bot_agent
  if counted then
    agent = browser_agent .. " visitor/" .. prefix .. "-" .. tag .. "-"
      .. math.floor((counter - 1) / per_visitor)
  end
  local headers = {["User-Agent"] = agent, ["Accept"] = "text/html,*/*"}
  if cookie ~= "" then headers["Cookie"] = cookie end
  return wrk.format("GET", target, headers)
end
function done(summary, latency, requests)
  local visitors = 0
  for _, thread in ipairs(threads) do
    visitors = visitors + math.ceil(thread:get("counter") / per_visitor)
  end
  io.write(string.format(
    "WRK=%d %d %d %d %d %d %.3f %.3f %d\n", summary.requests, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, visitors))
end
"""


def ensure_wrk():
    """wrk from Debian's packages (installed when missing and we may), else None."""
    found = shutil.which("wrk")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    log("Installing wrk (Debian package) for the keep-alive figures…")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, capture_output=True)  # noqa: S607
    return shutil.which("wrk")


def run_wrk(wrk, port, path, seconds, prefix, counted, workdir):
    """Keep-alive load: 2 threads, 8 connections. Refuses figures with any error."""
    script = workdir / "bench.lua"
    path, extra = split_target(path)
    cookie = SESSION_COOKIE if extra else ""
    script.write_text(
        f"target = {json.dumps(path)}\nprefix = {json.dumps(prefix)}\n"
        f"cookie = {json.dumps(cookie)}\n"
        f"counted = {'true' if counted else 'false'}\nper_visitor = {REQUESTS_PER_VISITOR}\n"
        f"bot_agent = {json.dumps(BOT_UA)}\nbrowser_agent = {json.dumps(BROWSER_UA)}\n" + WRK_SCRIPT
    )
    result = subprocess.run(  # noqa: S603 - our own arguments, loopback only
        [wrk, "-t2", "-c8", f"-d{max(1, int(seconds))}s", "--timeout", "10s", "-s", str(script),
         f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, timeout=seconds + 60,
    )  # fmt: skip
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("WRK=")), None)
    if result.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed on {path}:\n{result.stdout}\n{result.stderr}")
    requests, *errors, p50, p99, visitors = line[4:].split()
    errors = [int(e) for e in errors]
    if any(errors):
        raise SystemExit(
            f"wrk: errors on {path} (connect, read, write, status, timeout = {errors}); "
            "no figures reported"
        )
    return {
        "requests": int(requests),
        "rps": int(requests) / int(max(1, seconds)),
        "p50": float(p50),
        "p99": float(p99),
        "visitors": int(visitors) if counted else 0,
    }


# --- targets ----------------------------------------------------------------------------


def discover_targets(env):
    """URLs of the pages to load, read from the bench database."""
    script = r"""
import json
from core.models import HomePage
out = {"home": "/"}
try:
    from news.models import NewsIndexPage, NewsPage
    index = NewsIndexPage.objects.live().public().first()
    post = NewsPage.objects.live().public().order_by("-first_published_at").first()
    out["news_index"] = index.url if index else None
    out["news_post"] = post.url if post else None
except ImportError:
    out["news_index"] = out["news_post"] = None
print(json.dumps(out))
"""
    output = manage(env, "shell", "-c", script)
    return json.loads(output.strip().splitlines()[-1])


def static_file_near(static_root, size):
    """The hashed static file (CSS or JS) whose size is nearest to ``size``."""
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    best = None
    for hashed in manifest.values():
        if not hashed.endswith((".css", ".js")):
            continue
        file_size = (static_root / hashed).stat().st_size
        if best is None or abs(file_size - size) < abs(best[1] - size):
            best = (hashed, file_size)
    return "/static/" + best[0], best[1]


def visits_this_month(env):
    output = manage(env, "visits")
    return json.loads(output.strip().splitlines()[-1])["month"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="load time per target")
    parser.add_argument("--large", action="store_true", help="10,000 posts, 5,000 ordinances")
    parser.add_argument("--redis", metavar="URL", help="use Redis as the shared cache")
    parser.add_argument("--keep", action="store_true", help="keep the working directory")
    options = parser.parse_args()
    total_started = time.monotonic()

    workdir = Path(tempfile.mkdtemp(prefix="ops-bench-"))
    CACHE_ROOT.mkdir(parents=True, exist_ok=True, mode=0o700)

    def env_for(db_dir, data_dir, static_root=None):
        env = base_env(db_dir, data_dir, static_root or workdir / "static", None)
        return env

    server = None
    try:
        data_dir = prepare_demo(options.large, env_for)
        static_root = prepare_static(env_for)
        copy_database(data_dir / "db.sqlite3", workdir / "db.sqlite3")
        env = base_env(workdir, data_dir, static_root, options.redis)
        manage(env, "migrate", "--noinput")  # nothing to do unless the code moved on
        urls = discover_targets(env)
        port = free_port()
        server = start_server(env, port, workdir)
        log(
            f"Server: gunicorn, production settings, 2 workers x 4 threads, http://127.0.0.1:{port}/"
        )

        status, headers, body = fetch(port, "/")
        if status != 200:
            raise SystemExit(f"The home page answered {status}")
        home_size = len(body)
        if fetch(port, "/")[1].get("X-Cache") != "HIT":
            log("Warning: the second request for the home page was not a cache hit")
        static_url, static_size = static_file_near(static_root, home_size)

        targets = [
            ("static file (whitenoise)", static_url, False),
            ("home, cached", "/", True),
            ("home, uncached", "/" + UNCACHED, False),
        ]
        if urls.get("news_index"):
            index = urls["news_index"]
            targets += [(" news index, cached", index, True)]
            targets += [(" news index, uncached", index + UNCACHED, False)]
        if urls.get("news_post"):
            post = urls["news_post"]
            targets += [(" news post, cached", post, True)]
            targets += [(" news post, uncached", post + UNCACHED, False)]
        scale = " (large)" if options.large else ""
        targets += [(f"search{scale}", f"/szukaj/?q={SEARCH_QUERY}", True)]
        targets += [(f"search, words and typo{scale}", f"/szukaj/?q={SEARCH_WORDS_QUERY}", True)]
        targets = [(name.strip(), url, counted) for name, url, counted in targets]

        for _name, url, _counted in targets:  # warm the page cache and the renditions
            fetch(port, split_target(url)[0])
        visits_before = visits_this_month(env)
        run_id = secrets.token_hex(3)
        results = []
        for number, (name, url, counted) in enumerate(targets):
            log(f"  loading {name:<24} {url}")
            result = run_load(port, url, options.seconds, f"{run_id}-{number}", counted)
            results.append((name, url, result))
        time.sleep(3)  # the servers' last spool files: closed and folded within 2 s
        visits_after = visits_this_month(env)
        keepalive = None
        wrk = ensure_wrk()
        if wrk is None:
            log("wrk is not installed (apt-get install wrk): no keep-alive figures.")
        else:
            keepalive = {"visits_before": visits_this_month(env), "rows": []}
            for number, (name, url, counted) in enumerate([
                ("static file (whitenoise)", static_url, False),
                ("home, cached, robot", "/", False),
                ("home, cached, counted", "/", True),
                ("home, uncached", "/" + UNCACHED, False),
            ]):  # fmt: skip
                log(f"  keep-alive {name:<24} {url}")
                result = run_wrk(
                    wrk, port, url, options.seconds, f"{run_id}-ka{number}", counted, workdir
                )
                keepalive["rows"].append((name, result))
            time.sleep(3)
            keepalive["visits_after"] = visits_this_month(env)
        log("  rendering in one process (manage.py render_times, 30 renders per page)")
        render_times = json.loads(manage(env, "render_times", "--json", "--repeat", "30"))
    finally:
        if server is not None:
            stop_server(server)
        if options.keep:
            log(f"Working directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    print_report(results, static_url, static_size, home_size, visits_before, visits_after)
    if keepalive:
        print_keepalive(keepalive)
    print_render_times(render_times)
    log(f"\nWhole run: {time.monotonic() - total_started:.0f} s. Machine: {os.cpu_count()} CPUs,")
    log(
        "the load generator runs on the same machine "
        f"({PROCESSES} processes x {THREADS_PER_PROCESS} threads, a new connection per request)."
    )


def print_report(results, static_url, static_size, home_size, visits_before, visits_after):
    static_rps = results[0][2]["rps"]
    log("")
    log(f"Home page HTML: {home_size / 1024:.1f} KB; static file: {static_url}")
    log(f"({static_size / 1024:.1f} KB, served by whitenoise from the same gunicorn).")
    log("")
    header = (
        f"{'target':<24} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs static':>10} "
        f"{'errors':>7} {'gen CPU':>8}"
    )
    log(header)
    log("-" * len(header))
    for name, _url, result in results:
        errors = sum(n for status, n in result["statuses"].items() if status != 200)
        log(
            f"{name:<24} {result['rps']:>8.0f} {result['p50']:>8.1f} {result['p99']:>8.1f} "
            f"{result['rps'] / static_rps:>10.2f} {errors:>7} {result['generator_cpu']:>7.0%}"
        )
    log("")
    by_name = {name: result for name, _url, result in results}
    cached = by_name["home, cached"]["rps"] / static_rps
    verdict = "met" if cached >= 0.5 else "NOT met"
    log(f"Goal: cached home page >= 0.5 x static file rate: {cached:.2f} ({verdict}).")
    simulated = set()
    for _name, _url, result in results:
        simulated |= result["visitors"]
    counted = visits_after - visits_before
    verdict = "exact" if counted == len(simulated) else "MISMATCH"
    log(
        f"Visit counter: {len(simulated)} distinct visitors simulated, "
        f"the month's count grew by {counted} ({verdict})."
    )


def print_keepalive(keepalive):
    rows = keepalive["rows"]
    static_rps = rows[0][1]["rps"]
    log("")
    log("Keep-alive (wrk -t2 -c8, gunicorn 2 workers x 4 threads), distinct visitors counted:")
    header = f"{'target':<26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs static':>10}"
    log(header)
    log("-" * len(header))
    for name, result in rows:
        log(
            f"{name:<26} {result['rps']:>8.0f} {result['p50']:>8.1f} {result['p99']:>8.1f} "
            f"{result['rps'] / static_rps:>10.2f}"
        )
    counted = dict(rows)["home, cached, counted"]["rps"] / static_rps
    verdict = "met" if counted >= 0.8 else "NOT met"
    log(f"Goal: cached home, counted, keep-alive >= 0.8 x static: {counted:.2f} ({verdict}).")
    sent = sum(result["visitors"] for _name, result in rows)
    grew = keepalive["visits_after"] - keepalive["visits_before"]
    # wrk stops with requests in flight: a visitor whose only request was cut may count.
    verdict = (
        "exact" if grew == sent else ("within in-flight" if 0 <= sent - grew <= 16 else "MISMATCH")
    )
    log(
        f"Visit counter (keep-alive): {sent} visitors sent, "
        f"the month's count grew by {grew} ({verdict})."
    )


def print_render_times(rows):
    log("")
    log("Uncached render in one process (no page cache, warm site-wide parts), per page:")
    header = f"{'page':<14} {'median ms':>10} {'fastest ms':>11} {'queries':>8} {'KB':>6}"
    log(header)
    log("-" * len(header))
    for name, row in rows.items():
        log(
            f"{name:<14} {row['median_ms']:>10.1f} {row['fastest_ms']:>11.1f} "
            f"{row['queries']:>8} {row['bytes'] / 1024:>6.1f}"
        )


if __name__ == "__main__":
    main()
