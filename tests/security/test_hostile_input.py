"""Bad input never breaks pages (issue 10).

Every public URL of the demo site (the sitemap, links found on those pages such as
archive routes, filters and pagination, the search, the forms, the cookie views,
health and robots) is requested with hostile and malformed parameters: long
strings, SQL and HTML fragments, invalid UTF-8 percent-escapes in the query and the
path, negative and huge numbers, repeated and array-style parameters, NUL bytes,
right-to-left marks and quotes. Every answer must be one of ALLOWED (never a 500),
and no answer may echo the raw script fragments back.

The sweep is generic: it covers whatever apps exist when it runs.
"""

import re
from collections import Counter
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.test import Client

ALLOWED = {200, 301, 302, 400, 403, 404, 405, 429}
XSS = [
    "<script>alert(1)</script>",
    '"><svg/onload=alert(1)>',
    "'><img src=x onerror=alert(1)>",
]
VALUES = [
    *XSS,
    "A" * 10_000,
    "' OR '1'='1' --",
    "1 UNION SELECT username, password FROM auth_user --",
    "\"'`",
    "-1",
    "-99999999999999999999999",
    "99999999999999999999999999999999",
    "1e308",
    "NaN",
    "\u202egnp.exe",
    "../../../../etc/passwd",
    "{{7*7}}${7*7}%s%n",
    "\x00",
]
# Query strings sent as they are, including bytes that are not UTF-8.
RAW_QUERIES = [
    "page=%FF%FE&q=%FF%FE%00&rok=%C0%AF",
    "page=1&page=2&page=-3",
    "page[]=1&page[]=2&rok[]=2024",
    "rok=%00&year=%00&page=%00",
    "page=" + "9" * 400,
    "%FF=%FE&=&&==&page",
]
# The site search gets these on top (issue 16): quotes and operators of the search
# backends, a 1,000-character query, NUL bytes, only stop words, mixed scripts.
SEARCH_QUERIES = [
    '"', '"zasiłek', "zasiłek\"'`", "AND OR NOT NEAR(", "NEAR(a b)", "zasiłek* OR 1=1 --",
    "title:zasiłek", "-zasiłek +świetlica", "ą" * 1000, "zasiłek " * 200, "\x00zasiłek\x00",
    "i w z na do", "czy jak gdzie", "12/2020/2021//", "9" * 40, "😀", "ściana\u202e",
]  # fmt: skip
# Light sweep of every other URL (another page of a type, or a route shape, swept in
# full above): what depends on the page's own content rather than on its view code, that
# is reflection and decoding. Numbers and arrays are parsed by the view: swept in full.
LIGHT = [XSS[0]]
LIGHT_RAW = ["page=%FF%FE&q=%FF%FE&page[]=1"]
LIGHT_SUFFIXES = 1
COMMON_PARAMS = [
    "page", "q", "rok", "year", "miesiac", "month", "kategoria", "category", "tag", "typ",
    "sort", "next", "status", "p",
]  # fmt: skip
PATH_SUFFIXES = [
    "%FF%FE/",
    "%3Cscript%3Ealert(1)%3C/script%3E/",
    "%00/",
    "..%2F..%2Fetc%2Fpasswd",
    "A" * 2000 + "/",
    "2025/13/",
    "-1/",
    "99999999999999999999/",
]
EXTRA_PATHS = ["/szukaj/", "/healthz", "/robots.txt", "/sitemap.xml", "/cookies/"]
MAX_DISCOVERED = 150
PER_PAGE_TYPE = 1
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/")
HREF = re.compile(r'href="([^"#]+)"')
FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S | re.I)
FIELD = re.compile(r'<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"', re.I)
ACTION = re.compile(r'\baction="([^"]*)"', re.I)
METHOD = re.compile(r'\bmethod="([^"]*)"', re.I)


LOCAL_HOSTS = {"testserver", "localhost", "127.0.0.1"}


def local_path(url):
    parts = urlsplit(url)
    if parts.scheme and parts.hostname not in LOCAL_HOSTS:
        return None
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith(SKIP_PREFIXES):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


class Sweep:
    def __init__(self):
        self.client = Client(raise_request_exception=False)
        self.failures = []
        self.statuses = Counter()
        self.requests = 0
        self.form_posts = 0
        self.form_statuses = Counter()
        self.html = {}  # path -> the page as collect_urls fetched it

    def check(self, method, path, response, note=""):
        self.requests += 1
        self.statuses[response.status_code] += 1
        where = f"{method} {path[:160]} {note[:80]!r}"
        if response.status_code not in ALLOWED:
            self.failures.append(f"{response.status_code} {where}")
            return
        content = b"" if getattr(response, "streaming", False) else response.content
        for marker in XSS:
            if marker.encode() in content:
                self.failures.append(f"reflected {marker!r}: {where}")

    def get(self, path, note="", **extra):
        response = self.client.get(path, **extra)
        self.check(
            "GET",
            path + ("?" + extra["QUERY_STRING"] if "QUERY_STRING" in extra else ""),
            response,
            note,
        )
        return response

    def post(self, path, data, note="", **extra):
        response = self.client.post(path, data, **extra)
        self.check("POST", path, response, note)
        return response

    def post_form(self, path, data, note=""):
        """A form sent as a browser on this site sends it: same origin, its own address.

        Each post comes from another address, so the contact form's rate limit (per
        address) does not answer in place of the form's own validation.
        """
        self.form_posts += 1
        address = f"198.51.{self.form_posts // 250 % 250}.{self.form_posts % 250 + 1}"
        response = self.post(path, data, note, HTTP_ORIGIN="http://testserver", REMOTE_ADDR=address)
        self.form_statuses[response.status_code] += 1
        return response


def collect_urls(sweep):
    from wagtail.models import Site

    LOCAL_HOSTS.update(Site.objects.values_list("hostname", flat=True))
    sitemap = sweep.client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    pages = []
    for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.content.decode()):
        path = local_path(loc)
        if path and path not in pages:
            pages.append(path)
    assert len(pages) >= 10, pages
    discovered = []
    for path in pages + EXTRA_PATHS:
        response = sweep.client.get(path)
        if response.status_code != 200 or getattr(response, "streaming", False):
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        sweep.html[path] = response.content.decode(errors="replace")
        for href in HREF.findall(sweep.html[path]):
            link = local_path(href.replace("&amp;", "&"))
            if link and link not in pages and link not in discovered:
                discovered.append(link)
    # Prefer links with parameters (filters, archive, pagination) and routes below pages.
    discovered.sort(key=lambda link: ("?" not in link, link.count("/") < 3, link))
    return pages, discovered[:MAX_DISCOVERED]


def hostile_queries(path, values=VALUES, raw_queries=RAW_QUERIES):
    base, _, query = path.partition("?")
    existing = [name for name, _ in parse_qsl(query, keep_blank_values=True)]
    names = list(dict.fromkeys(existing + COMMON_PARAMS))
    for value in values:
        yield base, urlencode([(name, value) for name in names]), value[:40]
    for raw in raw_queries:
        yield base, raw, raw[:40]


def representatives(pages, discovered):
    """A few URLs of each page type and of each discovered route shape get every value."""
    from wagtail.models import Page

    model_of = {}
    for page in Page.objects.live().filter(depth__gt=1).specific():
        url = page.get_url()
        if url:
            model_of[local_path(url)] = type(page).__name__
    chosen, per_type = [], Counter()
    for path in pages:
        kind = model_of.get(path, path)
        if per_type[kind] < PER_PAGE_TYPE:
            per_type[kind] += 1
            chosen.append(path)
    shapes = set()
    for path in discovered:
        base, _, query = path.partition("?")
        shape = (re.sub(r"[0-9]+", "N", base), tuple(sorted({k for k, _ in parse_qsl(query)})))
        if shape not in shapes:
            shapes.add(shape)
            chosen.append(path)
    return chosen


@pytest.fixture
def sweep(demo_site):
    return Sweep()


def test_every_public_url_survives_hostile_parameters(sweep):
    pages, discovered = collect_urls(sweep)
    everything = list(dict.fromkeys(pages + discovered + EXTRA_PATHS))
    full = list(dict.fromkeys(representatives(pages, discovered) + EXTRA_PATHS))
    sent = set()  # the same request twice proves nothing more: each (path, query) once
    for path in everything:
        values, raw = (VALUES, RAW_QUERIES) if path in full else (LIGHT, LIGHT_RAW)
        for base, query, note in hostile_queries(path, values, raw):
            if (base, query) not in sent:
                sent.add((base, query))
                sweep.get(base, note=note, QUERY_STRING=query)
    for value in SEARCH_QUERIES:
        for extra in ({}, {"dzial": "aktualnosci"}, {"dzial": value, "page": "2"}):
            sweep.get("/szukaj/", note=value[:40], QUERY_STRING=urlencode({"q": value, **extra}))
    for path in everything:
        base = path.partition("?")[0].rstrip("/") + "/"
        suffixes = PATH_SUFFIXES if path in full else PATH_SUFFIXES[:LIGHT_SUFFIXES]
        for suffix in suffixes:
            if (base + suffix, "") not in sent:
                sent.add((base + suffix, ""))
                sweep.get(base + suffix, note="path")
    print(
        f"\nhostile sweep: {len(pages)} sitemap pages, {len(discovered)} discovered links, "
        f"{len(full)} with every value, {sweep.requests} requests, "
        f"statuses {dict(sorted(sweep.statuses.items()))}"
    )
    assert not sweep.failures, "\n".join(sweep.failures[:40])
    assert sweep.requests > 500


def test_forms_posts_and_documents_survive_garbage(sweep):
    """Every form with garbage, a POST to every page, and hostile document URLs."""
    from wagtail.documents import get_document_model

    pages, _discovered = collect_urls(sweep)
    forms_seen = set()
    for path in pages + ["/szukaj/", "/cookies/"]:
        # Each page as collect_urls fetched it, without asking for it again.
        for form in FORM.findall(sweep.html.get(path, "")):
            opening = form.split(">", 1)[0]
            method = (METHOD.search(opening) or [None, "get"])[1].lower()
            action_match = ACTION.search(opening)
            action = local_path(action_match[1]) if action_match and action_match[1] else path
            fields = [name for name in FIELD.findall(form) if name != "csrfmiddlewaretoken"]
            # The same form on many pages (search box, cookie banner) is swept once.
            identity = (method, action.partition("?")[0], tuple(sorted(fields)))
            if not action or not fields or identity in forms_seen:
                continue
            forms_seen.add(identity)
            for value in VALUES:
                data = dict.fromkeys(fields, value)
                if method == "post":
                    sweep.post_form(action, data, note=value[:40])
                else:
                    sweep.get(
                        action.partition("?")[0], note=value[:40], QUERY_STRING=urlencode(data)
                    )
            if method == "post":
                sweep.post_form(action, {}, note="empty")
                sweep.post_form(action, {name: ["1", "2"] for name in fields}, note="arrays")
                sweep.post_form(action, {f"{name}[]": "x" for name in fields}, note="renamed")
    assert any(method == "post" for method, _, _ in forms_seen), forms_seen
    # The garbage reached the forms: their own validation answered, not a refusal at the door.
    refused = sum(sweep.form_statuses[status] for status in (403, 405, 429))
    assert refused <= sweep.form_posts // 10, dict(sweep.form_statuses)

    for path in pages + EXTRA_PATHS:
        sweep.post(path.partition("?")[0], {"page": XSS[0], "x": "A" * 10_000}, note="post")

    documents = list(get_document_model().objects.all()[:5])
    assert documents, "the demo has documents"
    for document in documents:
        url = document.url
        sweep.get(url, note="plain")
        sweep.get(url + "%FF%FE", note="path")
        sweep.get(url, note="query", QUERY_STRING="page=%FF%FE&x=" + "A" * 5000)
        base = url.rsplit("/", 2)[0]
        sweep.get(f"{base}/99999999999999999999/x.pdf", note="huge id")
        sweep.get(f"{base}/-1/x.pdf", note="negative id")
    print(
        f"\nform/post/document sweep: {len(forms_seen)} forms, {sweep.requests} requests, "
        f"form posts {dict(sorted(sweep.form_statuses.items()))}, "
        f"statuses {dict(sorted(sweep.statuses.items()))}"
    )
    assert not sweep.failures, "\n".join(sweep.failures[:40])
