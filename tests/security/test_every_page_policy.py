"""Every public page keeps to the content security policy: no inline script, no style=.

Checked with the test client over every page in the sitemap, plus search and
the 404 page, so that a template anywhere that adds an inline ``<script>``, an
``on…=`` handler or a ``style=`` attribute fails here (the browser suite only
confirms it). JSON data blocks (JSON-LD, ``json_script``) are not scripts.
"""

from html.parser import HTMLParser

import pytest

from tests.support import sitemap_paths

DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


class PolicyChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._inline_script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in attributes:
            if name == "style" or name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> at line {self.getpos()[0]}")
        if tag == "style":
            self.problems.append(f"<style> element at line {self.getpos()[0]}")
        is_data = attributes.get("type") in DATA_SCRIPT_TYPES
        if tag == "script" and "src" not in attributes and not is_data:
            self._inline_script = self.getpos()[0]

    def handle_data(self, data):
        if self._inline_script is not None and data.strip():
            self.problems.append(f"inline <script> at line {self._inline_script}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inline_script = None


def problems_in(html):
    checker = PolicyChecker()
    checker.feed(html)
    return checker.problems


def test_the_checker_finds_what_it_guards_against():
    assert problems_in('<p style="color:red">x</p>')
    assert problems_in("<script>alert(1)</script>")
    assert problems_in('<a href="#" onclick="go()">x</a>')
    assert problems_in("<style>p{}</style>")
    assert not problems_in('<script src="/static/js/main.js" defer></script>')
    assert not problems_in('<script type="application/ld+json">{"a": 1}</script>')


@pytest.mark.django_db
def test_every_public_page_has_the_policy_and_no_inline_code(client, demo_site):
    paths = sitemap_paths(client)
    assert len(paths) > 20, "the demo site's sitemap lists its pages"
    paths += ["/szukaj/?q=pomoc", "/szukaj/?q=", "/nie-ma-takiej-strony/"]
    found = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        if path.startswith("/nie-ma"):
            assert response.status_code == 404
        policy = response.headers.get("Content-Security-Policy", "")
        assert "script-src" in policy or "default-src" in policy, path
        assert "'unsafe-inline'" not in policy.split("script-src", 1)[-1].split(";", 1)[0], path
        problems = problems_in(response.content.decode())
        if problems:
            found[path] = problems
    assert found == {}
