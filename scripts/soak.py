"""Soak check (issue 22, ``make soak``): mixed traffic for a bounded time, with faults.

Two configurations, one after the other (SOAK_CONFIGS, default "sqlite,postgres"):

- sqlite: one gunicorn (2 workers) with production settings on the embedded default
  (SQLite, the shared file cache);
- postgres: two gunicorn instances on this machine's PostgreSQL and a Redis of their own.

Each runs for SOAK_SECONDS (default 300; CI passes a shorter time) while a load
generator on loopback sends, from several threads at once: anonymous page reads over
the sitemap (a crawler's user agent, not counted), distinct counted visitors (a browser's
user agent, one new visitor per request), searches, feed reads (every feed the home page
announces), contact-form messages (each from its own client address behind the trusted
proxy) and cookie-consent choices. Meanwhile an editor process publishes a page with a
new title, or unpublishes it, every 10 seconds and a monitor checks how long any
instance still serves the old state; one gunicorn worker is killed with SIGKILL once a
minute; on PostgreSQL, Redis is restarted once half-way.

Checked and printed as a table: requests sent and their statuses (no 5xx), visits and
page views counted against the visitors answered (exact; a request cut off by a killed
worker may or may not have been counted, and is reported apart), messages stored and
mailed against the messages accepted (exact), the longest time a page was served stale
after its publish returned (at most 1 s), the database's integrity (SQLite's
``integrity_check``, the page tree) and the server logs (no errors beyond the killed
workers).

Exit status 0 when every check held, 1 otherwise.
"""

import collections
import http.client
import itertools
import json
import os
import random
import re
import secrets
import signal
import socketserver
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import scale_check  # noqa: E402 - the scale check's environment, reused
from scale_check import PYTHON, Environment, Findings, free_port  # noqa: E402

SECONDS = int(os.environ.get("SOAK_SECONDS", "300"))
CONFIGS = [c.strip() for c in os.environ.get("SOAK_CONFIGS", "sqlite,postgres").split(",") if c]
THREADS = int(os.environ.get("SOAK_THREADS", "6"))
PUBLISH_EVERY = 10
KILL_EVERY = 60
STALE_LIMIT = 1.0
BOT_UA = "soak-check crawler (bot)"
BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36 soak-{}"
)
SEARCHES = ["świetlica", "zasiłek", "klub seniora", "zarządzenie", "12/2020", "godziny", "pomoc"]
# What a real visitor's browser sends: the contact form checks Origin / Referer.
FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}
HONEYPOT = "strona_www"  # pages.forms.HONEYPOT_FIELD: left empty, as people do


def log(message):
    print(f"[soak] {message}", flush=True)


scale_check.log = log  # the shared Findings print with this check's prefix


# --- a mail server that only counts -------------------------------------------------------


class MailSink(socketserver.ThreadingTCPServer):
    """Enough SMTP for Django's backend: counts the messages it is given."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        self.messages = 0
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", free_port()), MailHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self):
        return self.server_address[1]


class MailHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 soak-sink")
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 soak-sink")
            elif command == "DATA":
                self.reply("354 end with .")
                while (data := self.rfile.readline()) and data.rstrip(b"\r\n") != b".":
                    pass
                with self.server.lock:
                    self.server.messages += 1
                self.reply("250 queued")
            elif command == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


# --- HTTP -------------------------------------------------------------------------------


class Forms(HTMLParser):
    """The forms of a page: action, method and their fields' default values."""

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.textarea = [], None, None
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {"action": attrs.get("action", ""), "method": attrs.get("method", "get"),
                            "fields": {}, "names": []}  # fmt: skip
            self.forms.append(self.current)
        elif tag == "link" and attrs.get("rel") == "alternate" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif self.current is not None and tag in {"input", "textarea", "select", "button"}:
            name = attrs.get("name")
            if not name:
                return
            kind = attrs.get("type", "text")
            if tag == "input" and kind == "checkbox":
                self.current["fields"].setdefault(name, attrs.get("value", "on"))
            elif tag == "button" or kind == "submit":
                self.current["names"].append((name, attrs.get("value", "")))
            else:
                self.current["fields"][name] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


class Client:
    """One visitor behind the TLS proxy: cookies, user agent, forwarded address.

    The app runs with production settings behind a (simulated) proxy that terminates
    TLS: requests carry ``X-Forwarded-Proto: https``, so the app sets Secure cookies,
    which this client keeps and sends back itself (a cookie jar would not over http).
    """

    def __init__(self, agent=BOT_UA, address=None):
        self.agent, self.address, self.cookies = agent, address, {}
        self.opener = urllib.request.build_opener(NoRedirect())

    @staticmethod
    def public(url):
        """The address the visitor's browser shows (https, as the proxy serves it)."""
        return "https://" + url.split("://", 1)[1]

    def request(self, url, data=None, headers=None, method=None, timeout=30):
        headers = {"User-Agent": self.agent, "Accept": "text/html", "X-Forwarded-Proto": "https",
                   **(headers or {})}  # fmt: skip
        if self.address:
            headers["X-Forwarded-For"] = self.address
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers, method=method)  # noqa: S310
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                self.keep(response.headers)
                return response.status, response.read(), started
        except urllib.error.HTTPError as error:
            self.keep(error.headers)
            return error.code, error.read(), started
        except (OSError, urllib.error.URLError, http.client.HTTPException) as error:
            # Connection refused or cut: a killed worker. Not an HTTP status. A worker killed
            # after sending the headers cuts the body short (IncompleteRead): cut as well.
            return f"cut ({type(error).__name__})", b"", started

    def keep(self, headers):
        for header in headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()


def form_headers(base, url):
    """A form post as the visitor's browser sends it through the proxy."""
    return {**FORM_HEADERS, "Origin": Client.public(base), "Referer": Client.public(url)}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are answers of their own (a consent choice answers 302)."""

    def redirect_request(self, *args, **kwargs):
        return None


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.kinds = collections.Counter()
        self.visitors_ok = 0
        self.visitors_cut = 0
        self.messages_ok = 0
        self.messages_cut = 0
        self.samples = []

    def add(self, kind, status):
        with self.lock:
            self.kinds[kind] += 1
            self.statuses[status] += 1
            if isinstance(status, int) and status >= 500 and len(self.samples) < 5:
                self.samples.append(kind)


# --- the run ------------------------------------------------------------------------------

EDITOR = r"""
import json, sys
import django
django.setup()
from wagtail.models import Page
page = Page.objects.live().filter(depth__gt=3, numchild=0).order_by("path").first().specific
print(json.dumps({"id": page.pk, "url": page.url, "title": page.title}), flush=True)
for line in sys.stdin:
    command, _, title = line.strip().partition(" ")
    page = Page.objects.get(pk=page.pk).specific
    if command == "publish":
        page.title = title
        page.save_revision().publish()
    else:
        page.unpublish()
    print("done", flush=True)
"""

SHELL_COUNTS = """
import json
from django.db.models import Sum
from wagtail.contrib.forms.models import FormSubmission
from visits.models import DailyVisits
from visits.spool import fold
from wagtail.models import Page
fold()  # the closed spool files the servers have not folded yet
totals = DailyVisits.objects.aggregate(v=Sum("visits"), p=Sum("page_views"))
problems = [len(group) for group in Page.find_problems()]
print("COUNTS=" + json.dumps({"visits": totals["v"] or 0, "views": totals["p"] or 0,
      "messages": FormSubmission.objects.count(), "tree_problems": problems}))
"""


class SqliteEnvironment(Environment):
    """The embedded default: SQLite and the shared file cache, one app server."""

    def __init__(self):
        super().__init__()
        self.db_path = self.work / "db.sqlite3"
        self.env.pop("REDIS_URL")
        self.env["DATABASE_URL"] = f"sqlite:///{self.db_path}"
        self.env["CACHE_DIR"] = str(self.work / "cache")

    def create_database(self):
        pass

    def drop_database(self):
        pass

    def start_redis(self):
        pass

    def integrity(self):
        import sqlite3

        with sqlite3.connect(self.db_path) as conn:
            return conn.execute("PRAGMA integrity_check").fetchone()[0]


class PostgresEnvironment(Environment):
    def integrity(self):
        return "ok (PostgreSQL enforces its constraints; the page tree is checked below)"


def counts(environment):
    out = environment.manage("shell", "-c", SHELL_COUNTS, timeout=300)
    return json.loads(out.split("COUNTS=", 1)[1])


def sitemap_paths(base):
    status, body, _ = Client().request(base + "/sitemap.xml")
    if status != 200:
        raise RuntimeError(f"sitemap answered {status}")
    return [urllib.parse.urlsplit(u).path for u in re.findall(rb"<loc>([^<]+)</loc>", body and body)
            for u in [u.decode()]]  # fmt: skip


def workers_of(master_pid):
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            children.append(int(stat.parent.name))
    return children


class Soak:
    def __init__(self, name, environment, urls, mail, findings):
        self.name, self.environment, self.urls = name, environment, list(urls.values())
        self.mail, self.findings, self.tally = mail, findings, Tally()
        self.stop = threading.Event()
        self.stale = []  # seconds a stale answer was served after a publish returned
        self.kills = 0
        self.redis_restarts = 0
        self.publishes = 0
        self.paths = sitemap_paths(self.urls[0])
        # Every feed announced (<link rel="alternate">) by the home page or a section's
        # first page: news RSS/Atom, events RSS/Atom and iCalendar.
        sections = {"/"} | {p for p in self.paths if p.count("/") == 2}
        parser = Forms()
        for path in sorted(sections):
            parser.feed(Client().request(self.urls[0] + path)[1].decode(errors="replace"))
        self.feeds = sorted({urllib.parse.urlsplit(u).path for u in parser.links})
        log(f"{len(self.paths)} pages, feeds {self.feeds}")
        contact = [p for p in self.paths if "kontakt" in p]
        self.contact_path = contact[0] if contact else None
        self.addresses = (f"10.{a}.{b}.{c}" for a, b, c in itertools.product(
            range(1, 250), range(256), range(1, 255)))  # fmt: skip
        self.address_lock = threading.Lock()

    def base(self):
        return random.choice(self.urls)  # noqa: S311 - load mix, not security

    def next_address(self):
        with self.address_lock:
            return next(self.addresses)

    # Each action sends one or two requests and records what came back.
    def read(self):
        status, _b, _s = Client().request(self.base() + random.choice(self.paths))  # noqa: S311
        self.tally.add("page read", status)

    def visitor(self):
        client = Client(BROWSER_UA.format(secrets.token_hex(8)), self.next_address())
        status, _b, _s = client.request(self.base() + random.choice(self.paths))  # noqa: S311
        self.tally.add("counted visitor", status)
        with self.tally.lock:
            if status == 200:
                self.tally.visitors_ok += 1
            elif isinstance(status, str):
                self.tally.visitors_cut += 1

    def search(self):
        query = urllib.parse.urlencode({"q": random.choice(SEARCHES)})  # noqa: S311
        self.tally.add("search", Client().request(f"{self.base()}/szukaj/?{query}")[0])

    def feed(self):
        if self.feeds:
            path = random.choice(self.feeds)  # noqa: S311
            self.tally.add(
                "feed", Client().request(self.base() + path, headers={"Accept": "*/*"})[0]
            )

    def form_of(self, client, url, predicate):
        status, body, _s = client.request(url)
        if status != 200:
            return status, None
        parser = Forms()
        parser.feed(body.decode(errors="replace"))
        return status, next((f for f in parser.forms if predicate(f)), None)

    def message(self):
        if not self.contact_path:
            return
        base = self.base()
        client = Client(BOT_UA, self.next_address())
        url = base + self.contact_path
        status, form = self.form_of(client, url, lambda f: f["method"].lower() == "post"
                                    and "csrfmiddlewaretoken" in f["fields"])  # fmt: skip
        self.tally.add("contact form read", status)
        if form is None:
            return
        data = dict(form["fields"])
        for name, value in data.items():
            if name in {"csrfmiddlewaretoken", HONEYPOT} or value:
                continue
            if "mail" in name:
                data[name] = f"soak-{secrets.token_hex(4)}@example.pl"
            elif "telefon" in name or "phone" in name:
                data[name] = "600 100 200"
            else:
                data[name] = "Wiadomość z testu obciążenia — zażółć gęślą jaźń."
        target = urllib.parse.urljoin(url, form["action"] or url)
        status, body, _s = client.request(
            target,
            data=data,
            headers=form_headers(base, url),
        )
        self.tally.add("contact message", status)
        with self.tally.lock:
            if status == 200 and f'name="{HONEYPOT}"'.encode() not in body:
                self.tally.messages_ok += 1
            elif isinstance(status, str):
                self.tally.messages_cut += 1
            elif status == 200:
                self.tally.kinds["contact message refused by validation"] += 1

    def consent(self):
        base = self.base()
        client = Client(BOT_UA)
        url = base + random.choice(self.paths)  # noqa: S311
        status, form = self.form_of(client, url, lambda f: "/cookies/" in f["action"])
        if form is None:
            self.tally.add("consent page read", status)
            return
        target = urllib.parse.urljoin(url, form["action"])
        status, _b, _s = client.request(
            target,
            data=form["fields"],
            headers=form_headers(base, url),
        )
        self.tally.add("consent choice", status)

    ACTIONS = [(read, 30), (visitor, 30), (search, 8), (feed, 8), (message, 6), (consent, 6)]

    def generate(self):
        actions, weights = zip(*self.ACTIONS, strict=True)
        while not self.stop.is_set():
            action = random.choices(actions, weights)[0]  # noqa: S311
            try:
                action(self)
            except Exception as error:  # noqa: BLE001 - a generator bug is a failed run
                self.tally.add(f"generator error {type(error).__name__}: {error}"[:120], "error")

    # --- faults and the editor ----------------------------------------------------------
    def start_editor(self):
        """The editor's process, started (Django loaded) before the clock runs."""
        self.editor_process = subprocess.Popen(  # noqa: S603 - our own arguments
            [PYTHON, "-c", EDITOR], cwd=ROOT, env=self.environment.env, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
        )  # fmt: skip
        line = self.editor_process.stdout.readline()
        if not line:
            raise RuntimeError(f"editor did not start: {self.editor_process.stderr.read()[-2000:]}")
        self.edited_path = urllib.parse.urlsplit(json.loads(line)["url"]).path

    def editor(self):
        process, path = self.editor_process, self.edited_path
        try:
            for cycle in itertools.count():
                if self.stop.wait(PUBLISH_EVERY):
                    break
                if cycle % 3 == 2:
                    command, marker = "unpublish", None
                else:
                    marker = f"Soak {secrets.token_hex(4)}"
                    command = f"publish {marker}"
                process.stdin.write(command + "\n")
                if process.stdout.readline().strip() != "done":
                    raise RuntimeError(process.stderr.read()[-2000:])
                returned = time.monotonic()
                self.publishes += 1
                self.stale.append(self.staleness(path, marker, returned))
                if marker is None:  # publish it again for the readers
                    marker = f"Soak {secrets.token_hex(4)}"
                    process.stdin.write(f"publish {marker}\n")
                    process.stdout.readline()
                    self.stale.append(self.staleness(path, marker, time.monotonic()))
        finally:
            process.stdin.close()
            process.wait(timeout=60)

    def staleness(self, path, marker, returned):
        """Seconds after ``returned`` that any instance still started a stale answer."""
        latest_stale = 0.0
        fresh, seen = set(), {}
        deadline = returned + 60
        while len(fresh) < len(self.urls) and time.monotonic() < deadline:
            for base in self.urls:
                if base in fresh:
                    continue
                status, body, started = Client().request(base + path)
                seen[base] = status
                if not isinstance(status, int):
                    continue  # cut by a killed worker: no answer, stale or fresh
                current = status == 404 if marker is None else marker.encode() in body
                if current:
                    fresh.add(base)
                else:
                    latest_stale = max(latest_stale, started - returned)
            time.sleep(0.05)
        if len(fresh) < len(self.urls):
            log(f"{path} not fresh everywhere 60 s after {marker or 'unpublish'}: {seen}")
            return float("inf")
        return latest_stale

    def killer(self):
        # Half a period in, then every period: a short run still sees a kill.
        if self.stop.wait(KILL_EVERY / 2):
            return
        while True:
            process = random.choice(list(self.environment.servers.values()))[0]  # noqa: S311
            workers = workers_of(process.pid)
            if workers:
                os.kill(random.choice(workers), signal.SIGKILL)  # noqa: S311
                self.kills += 1
                log(f"killed a worker of {process.pid}")
            if self.stop.wait(KILL_EVERY):
                return

    def redis_restart(self):
        if self.stop.wait(SECONDS / 2):
            return
        log("restarting Redis…")
        self.environment.stop_redis()
        time.sleep(2)
        self.environment.start_redis()
        self.redis_restarts += 1

    def run(self, with_redis):
        before = counts(self.environment)
        mails_before = self.mail.messages
        self.start_editor()
        threads = [threading.Thread(target=self.generate) for _ in range(THREADS)]
        threads += [threading.Thread(target=self.editor), threading.Thread(target=self.killer)]
        if with_redis:
            threads.append(threading.Thread(target=self.redis_restart))
        started = time.monotonic()
        for thread in threads:
            thread.start()
        self.stop.wait(SECONDS)
        self.stop.set()
        for thread in threads:
            thread.join(timeout=120)
        took = time.monotonic() - started
        # The last messages' mail, and the counting: the servers close their spool
        # files and fold them within two 1-second periods (scale_check's environment).
        time.sleep(4)
        after = counts(self.environment)
        self.report(before, after, self.mail.messages - mails_before, took)

    def report(self, before, after, mails, took):
        t, add, name = self.tally, self.findings.add, self.name
        sent = sum(t.statuses.values())
        fives = sum(n for s, n in t.statuses.items() if isinstance(s, int) and s >= 500)
        errors = sum(n for s, n in t.statuses.items() if s == "error")
        statuses = dict(sorted(((str(k), v) for k, v in t.statuses.items())))
        add(f"{name}: requests answered", "0 × 5xx, no generator error",
            f"{sent} in {took:.0f} s ({sent / took:.0f}/s): {statuses}; "
            f"{dict(t.kinds)}; 5xx from {t.samples}", fives == 0 and errors == 0)  # fmt: skip
        visits = after["visits"] - before["visits"]
        views = after["views"] - before["views"]
        counted_ok = t.visitors_ok <= visits <= t.visitors_ok + t.visitors_cut
        add(f"{name}: visits and page views counted", "= visitors answered 200 "
            "(+ up to the ones cut by a killed worker)",
            f"answered {t.visitors_ok}, cut {t.visitors_cut}; +{visits} visits, +{views} views",
            counted_ok and visits == views)  # fmt: skip
        stored = after["messages"] - before["messages"]
        add(f"{name}: contact messages stored and mailed", "= accepted (+ cut ones at most)",
            f"accepted {t.messages_ok}, cut {t.messages_cut}; stored {stored}, mailed {mails}",
            t.messages_ok > 0 and t.messages_ok <= stored <= t.messages_ok + t.messages_cut
            and mails == stored)  # fmt: skip
        worst = max(self.stale, default=float("inf"))
        add(f"{name}: fresh after publishing", f"stale ≤ {STALE_LIMIT:.0f} s after it returned",
            f"{self.publishes} publish/unpublish, worst {worst:.2f} s",
            self.publishes > 0 and worst <= STALE_LIMIT)  # fmt: skip
        integrity = self.environment.integrity()
        add(f"{name}: database integrity", "ok, page tree sound",
            f"{integrity}; tree problems {after['tree_problems']}",
            integrity.startswith("ok") and not any(after["tree_problems"]))  # fmt: skip
        errors, _warnings = self.environment.server_errors()
        unexpected = [e for e in errors if "SIGKILL" not in e and "Worker (pid" not in e]
        add(f"{name}: faults survived, logs clean",
            f"workers killed every {KILL_EVERY} s, no other error",
            f"{self.kills} killed, Redis restarted {self.redis_restarts}×; "
            f"{len(unexpected)} other errors {unexpected[:2]}",
            self.kills >= max(1, SECONDS // KILL_EVERY) and not unexpected)  # fmt: skip


def run_config(name, findings, mail):
    environment = SqliteEnvironment() if name == "sqlite" else PostgresEnvironment()
    environment.env.update({
        "VISITS_TRUST_X_FORWARDED_FOR": "true",
        "TRUSTED_PROXY_COUNT": "1",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail.port),
        "DJANGO_HSTS_SECONDS": "0",
    })  # fmt: skip
    try:
        environment.create_database()
        environment.start_redis()
        log(f"{name}: collectstatic, migrate, load_demo…")
        environment.manage("collectstatic", "--noinput", "-v", "0")
        environment.manage("migrate", "--noinput", "-v", "0")
        environment.manage("load_demo", "-v", "0")
        servers = ["A"] if name == "sqlite" else ["A", "B"]
        urls = {server: environment.start_server(server) for server in servers}
        environment.wait_for_servers()
        log(f"{name}: {SECONDS} s of mixed traffic on {urls}")
        Soak(name, environment, urls, mail, findings).run(with_redis=name != "sqlite")
    except Exception as error:  # noqa: BLE001 - reported in the table, then cleaned up
        findings.add(f"{name}: soak ran to the end", "no exception", repr(error)[-300:], False)
        for server, (_p, _u, handle, log_path) in environment.servers.items():
            handle.flush()
            log(f"server {server} log tail:\n{log_path.read_text(errors='replace')[-2000:]}")
    finally:
        environment.teardown()


def main():
    findings = Findings()
    mail = MailSink()
    started = time.monotonic()
    for name in CONFIGS:
        run_config(name, findings, mail)
    mail.shutdown()
    print()
    print(f"Soak check: {SECONDS} s per configuration ({', '.join(CONFIGS)})")
    print(findings.table())
    held = sum(row[3] == "held" for row in findings.rows)
    print(f"{held}/{len(findings.rows)} held in {time.monotonic() - started:.0f} s")
    return 0 if findings.all_held else 1


if __name__ == "__main__":
    sys.exit(main())
