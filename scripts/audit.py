"""Accessibility audit: axe-core (WCAG 2.0/2.1 A and AA) over every page type of the demo site.

Usage: python scripts/audit.py [--base-url URL] [--contrast]

Without --base-url it starts its own server the way the browser tests do (fresh SQLite
database and media folder, ``migrate``, ``load_demo``, gunicorn on a free loopback port),
finds the pages from /sitemap.xml, sorts them into page types by the ``data-page-type``
attribute of <body> and the top bar's ETR/PJM links, runs axe in Debian's Chromium on each,
and prints the number of violations per page type. Exit status 1 if any page type has one.

The browser tests (tests/browser/test_a11y.py) use the same functions.
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "resultTypes": ["violations"],
}

# Page types the issue lists, in report order: key -> (label, how the key is found).
REQUIRED_TYPES = {
    "home": "Home page",
    "news_index": "News index",
    "news_post": "News post",
    "ordinance_register": "Ordinance register",
    "ordinance": "Ordinance",
    "mission": "Mission",
    "tasks": "Tasks",
    "unit": "Unit pages (each)",
    "contact": "Contact page",
    "accessibility_statement": "Accessibility statement",
    "etr": "Easy-to-read (ETR)",
    "pjm": "Sign language (PJM)",
}
OTHER_LABELS = {"unit_index": "Units index"}
# Views and states that are not sitemap pages.
SPECIAL_TYPES = {
    "contact_form_errors": "Contact form after an empty submission",
    "search_hits": "Search results with hits",
    "search_empty": "Search results without hits",
    "not_found": "404 page",
    "cookie_banner": "Cookie banner open (first visit)",
    "news_listing_states": "News archive year and category",
    "register_states": "Ordinance register filtered (a year; nothing found)",
}

_PAGE_TYPE_ATTR = re.compile(r'<body[^>]*\sdata-page-type="([^"]+)"')
_TOP_BAR_LINK = re.compile(r'<a href="([^"]+)" class="top-bar__(etr|pjm)"')
_STATEMENT_META = re.compile(r'<meta name="deklaracja-dostępności" content="([^"]+)"')


def classify(model_label):
    """Map a page model label ("app.modelname") to a page-type key."""
    app, _, model = model_label.partition(".")
    if model_label == "website.homepage":
        return "home"
    if app == "news":
        return "news_index" if "index" in model else "news_post"
    if app == "units":
        return "unit_index" if "index" in model else "unit"
    if "ordinance" in model or "register" in model:
        return "ordinance_register" if ("index" in model or "register" in model) else "ordinance"
    if "mission" in model:
        return "mission"
    if "task" in model:
        return "tasks"
    if "contact" in model:
        return "contact"
    if "accessibility" in model or "statement" in model:
        return "accessibility_statement"
    return model_label


def fetch(url, timeout=30):
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - our server
        return response.read().decode("utf-8", "replace")


def sitemap_paths(base_url):
    """Paths of all pages in the sitemap (its host is the site's, not the test server's)."""
    # Our own server's sitemap, not untrusted input.
    tree = ElementTree.fromstring(fetch(base_url + "/sitemap.xml").encode())  # noqa: S314
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    paths = []
    for loc in tree.findall("sm:url/sm:loc", ns):
        parts = urlsplit(loc.text.strip())
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def discover(base_url):
    """{page type key: [paths]} for every page in the sitemap."""
    found = {}
    etr_pjm = {}
    statement_path = None
    for path in sitemap_paths(base_url):
        html = fetch(base_url + path)
        match = _PAGE_TYPE_ATTR.search(html)
        key = classify(match.group(1)) if match else "unknown"
        found.setdefault(key, []).append(path)
        if not etr_pjm:
            etr_pjm = {kind: href for href, kind in _TOP_BAR_LINK.findall(html)}
        statement = _STATEMENT_META.search(html)
        if statement and statement_path is None:
            statement_path = urlsplit(statement.group(1)).path
    for kind, href in etr_pjm.items():
        path = urlsplit(href).path
        found[kind] = [path]
        _remove_from_other_types(found, kind, path)
    if statement_path and "accessibility_statement" not in found:
        found["accessibility_statement"] = [statement_path]
        _remove_from_other_types(found, "accessibility_statement", statement_path)
    return found


def _remove_from_other_types(found, keep_key, path):
    for key in list(found):
        if key != keep_key and path in found[key]:
            found[key].remove(path)
            if not found[key]:
                del found[key]


def run_axe(page, context=None):
    """axe violations of the page as loaded (whole document unless context is given)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, context=context, options=AXE_OPTIONS).response["violations"]


def count_nodes(violations):
    return sum(len(violation["nodes"]) for violation in violations)


def describe(violations, where=""):
    """Readable lines: rule, impact, WCAG tags, element and its HTML."""
    lines = []
    for violation in violations:
        tags = ",".join(t for t in violation["tags"] if t.startswith("wcag"))
        lines.append(
            f"{where}[{violation['id']}] ({violation['impact']}; {tags}) {violation['help']}"
        )
        for node in violation["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    {target}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def load(page, url):
    page.goto(url, wait_until="load")
    # main.js and consent.js are deferred: let them finish before axe looks.
    page.wait_for_function("document.readyState === 'complete'")
    page.wait_for_timeout(100)


def new_context(browser, *, contrast=False):
    """A fresh browser context (first visit); in high-contrast mode if asked."""
    context = browser.new_context(locale="pl-PL", timezone_id="Europe/Warsaw")
    if contrast:
        context.add_init_script("try { localStorage.setItem('ops-contrast', '1'); } catch (e) {}")
    return context


def audit_pages(browser, base_url, paths, *, contrast=False):
    """[(path, violations)] for the paths, each in a fresh browser context."""
    results = []
    context = new_context(browser, contrast=contrast)
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        for path in paths:
            load(page, base_url + path)
            results.append((path, run_axe(page)))
    finally:
        context.close()
    return results


def submit_empty_form(page):
    """Submit the first form in <main> empty, with the browser's own validation off."""
    form = page.locator("main form[method=post], main form[method=POST]").first
    form.evaluate("f => { f.noValidate = true; }")
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit], button:not([type])").first.click()
    page.wait_for_function("document.readyState === 'complete'")


COOKIE_BANNER = "[data-cookie-banner], .cookie-banner, #cookie-banner"


def banner_shown(banner, timeout=5_000):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        banner.wait_for(state="visible", timeout=timeout)
    except PlaywrightTimeout:
        return False
    return True


def special_cases(browser, base_url, found, *, contrast=False):
    """[(key, path, violations)] for the views and states that are not plain pages."""
    results = []
    context = new_context(browser, contrast=contrast)
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        load(page, base_url + "/")
        banner = page.locator(COOKIE_BANNER).first
        if banner_shown(banner):
            results.append(("cookie_banner", "/", run_axe(page)))
        if found.get("contact"):
            path = found["contact"][0]
            load(page, base_url + path)
            if page.locator("main form").count():
                submit_empty_form(page)
                results.append(("contact_form_errors", path, run_axe(page)))
        for key, query in (("search_hits", "pomoc"), ("search_empty", "xyzzyqwerty")):
            path = f"/szukaj/?q={query}"
            load(page, base_url + path)
            results.append((key, path, run_axe(page)))
        path = "/nie-ma-takiej-strony-404/"
        load(page, base_url + path)
        results.append(("not_found", path, run_axe(page)))
        for key, path in listing_states(base_url, found):
            load(page, base_url + path)
            results.append((key, path, run_axe(page)))
    finally:
        context.close()
    return results


def listing_states(base_url, found):
    """[(key, path)]: a news archive year and category, the register filtered by year and by
    a text that finds nothing (the states residents reach through links and filters)."""
    states = []
    for index in found.get("news_index", [])[:1]:
        html = fetch(base_url + index)
        for pattern in (r"\d{4}/", r"\?kategoria=[^\"&]+"):
            match = re.search(f'href="({re.escape(index)}{pattern})"', html)
            if match:
                states.append(("news_listing_states", match.group(1)))
    for register in found.get("ordinance_register", [])[:1]:
        html = fetch(base_url + register)
        year = re.search(r'<option value="(\d{4})"', html)
        if year:
            states.append(("register_states", f"{register}?rok={year.group(1)}"))
        states.append(("register_states", f"{register}?q=xyzzyqwerty"))
    return states


def full_audit(browser, base_url, *, contrast=False):
    """{key: {"label", "paths", "violations": [(path, violations)]}} for every page type."""
    found = discover(base_url)
    report = {}
    labels = {**REQUIRED_TYPES, **SPECIAL_TYPES, **OTHER_LABELS}
    for key, paths in found.items():
        report[key] = {
            "label": labels.get(key, key),
            "results": audit_pages(browser, base_url, paths, contrast=contrast),
        }
    for key, path, violations in special_cases(browser, base_url, found, contrast=contrast):
        report.setdefault(key, {"label": labels[key], "results": []})
        report[key]["results"].append((path, violations))
    return report


def print_report(report):
    order = [*REQUIRED_TYPES, "unit_index", *SPECIAL_TYPES]
    keys = [k for k in order if k in report] + sorted(k for k in report if k not in order)
    missing = [k for k in [*REQUIRED_TYPES, *SPECIAL_TYPES] if k not in report]
    total = 0
    print(f"{'page type':52} {'pages':>5} {'violations':>10}  rules")
    for key in keys:
        results = report[key]["results"]
        rules = sorted({v["id"] for _, violations in results for v in violations})
        count = sum(count_nodes(violations) for _, violations in results)
        total += count
        print(f"{report[key]['label']:52} {len(results):>5} {count:>10}  {', '.join(rules)}")
    for key in missing:
        print(f"{({**REQUIRED_TYPES, **SPECIAL_TYPES})[key]:52} {'-':>5} {'-':>10}  not found")
    print(f"{'total':52} {'':>5} {total:>10}")
    for key in keys:
        for path, violations in report[key]["results"]:
            if violations:
                print(f"\n{path}:\n{describe(violations)}")
    return total, missing


class DemoServer:
    """A gunicorn server with a fresh demo site, as in tests/browser/conftest.py."""

    def __enter__(self):
        sys.path.insert(0, str(ROOT))
        from tests.browser.conftest import _free_port, _server_env

        self.run_dir = Path(tempfile.mkdtemp(prefix="ops-audit-"))
        self.env = _server_env(self.run_dir)
        for command in (["migrate", "--noinput"], ["load_demo"]):
            subprocess.run(  # noqa: S603
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=self.env,
                check=True,
                capture_output=True,
            )
        port = _free_port()
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
        self.log = open(self.run_dir / "server.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [gunicorn, "website.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--threads", "4"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(self.url + "/healthz", timeout=2)
                break
            except (OSError, urllib.error.URLError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((self.run_dir / "server.log").read_text()) from None
                time.sleep(0.3)
        return self.url

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.run_dir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="audit a running site instead of a fresh demo")
    parser.add_argument("--contrast", action="store_true", help="audit in high-contrast mode")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    def run(base_url):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return full_audit(browser, base_url.rstrip("/"), contrast=args.contrast)
            finally:
                browser.close()

    if args.base_url:
        report = run(args.base_url)
    else:
        with DemoServer() as url:
            report = run(url)
    mode = "high-contrast mode" if args.contrast else "default mode"
    print(f"axe-core {', '.join(AXE_TAGS)} violations per page type ({mode}):\n")
    total, missing = print_report(report)
    if missing:
        print(f"\nPage types not found in the sitemap: {', '.join(missing)}")
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
