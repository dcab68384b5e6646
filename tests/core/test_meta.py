"""Every page type describes itself: meta description, OpenGraph, canonical (issue 23)."""

import re
from html import unescape
from urllib.parse import urlsplit

from wagtail.models import Site

from core.seo import DESCRIPTION_LENGTH, meta_description, shorten
from pages.models import StandardPage
from tests.core.test_html_valid import one_page_of_each_type

META = re.compile(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


def head_of(response):
    head = response.content.decode().split("</head>", 1)[0]
    metas = {}
    for name, content in META.findall(head):
        metas.setdefault(name, []).append(unescape(content))
    return metas, CANONICAL.findall(head)


def test_every_page_type_has_description_open_graph_and_canonical(client, demo_site):
    root = urlsplit(Site.objects.get(is_default_site=True).root_url)
    paths = one_page_of_each_type()
    assert len(paths) >= 20, paths
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code == 200, path
        metas, canonicals = head_of(response)
        where = f"{name} {path}"
        # Template syntax that leaked into the page, e.g. a {# … #} comment over two lines.
        leaked = re.findall(r".{0,40}(?:\{#|#\}|\{%|%\}).{0,40}", response.content.decode())
        assert leaked == [], (where, leaked)
        assert len(metas.get("description", [])) == 1, where
        description = metas["description"][0]
        assert 20 <= len(description) <= DESCRIPTION_LENGTH, (where, description)
        assert "<" not in description and "  " not in description, (where, description)
        for prop in ("og:type", "og:title", "og:description", "og:url", "og:locale"):
            assert len(metas.get(prop, [])) == 1, (where, prop)
        assert metas["og:description"] == [description], where
        assert len(canonicals) == 1, where
        canonical = urlsplit(canonicals[0])
        assert (canonical.scheme, canonical.netloc) == (root.scheme, root.netloc), where
        assert canonical.path == urlsplit(path).path or path.startswith("http"), where
        assert metas["og:url"] == canonicals, where


def test_description_falls_back_to_the_lead_then_the_first_paragraph(demo_site):
    page = StandardPage.objects.live().exclude(lead="").first()
    page.search_description = ""
    assert meta_description(page) == shorten(" ".join(page.lead.split()))
    page.lead = ""
    page.body = [("heading", {"text": "Nagłówek", "level": "h2"}),
                 ("paragraph", "<p>Pierwszy <b>akapit</b> &amp; dalej.</p>")]  # fmt: skip
    assert meta_description(page) == "Pierwszy akapit & dalej."
    page.search_description = "Opis od redakcji."
    assert meta_description(page) == "Opis od redakcji."


def test_a_long_text_is_cut_at_a_word():
    text = "Świadczenia " * 30
    cut = shorten(text.strip())
    assert len(cut) <= DESCRIPTION_LENGTH
    assert cut.endswith("Świadczenia…")
    assert shorten("Krótki opis.") == "Krótki opis."
