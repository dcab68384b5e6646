"""Pages moved in from an old WordPress site pass the same axe check as the demo's (issue 19).

A copy of the browser tests' demo site (database and media, so the demo's server is
untouched) gets the realistic export of ``tests/importers/builders.py`` imported with
``manage.py import_wordpress --publish``: posts with tables, galleries, captioned images,
a YouTube film, broken HTML and Polish letters, and pages with children. A server of its
own serves the copy; every page the import added to the sitemap is checked whole in the
browser, as a first visit with the cookie banner open.
"""

import pytest

from tests.browser.conftest import copy_site, manage_command, serving
from tests.browser.test_a11y import assert_no_violations, audit
from tests.importers.builders import realistic_site

POSTS = 32


@pytest.fixture(scope="module")
def imported_site(live_url, server_env, tmp_path_factory):
    """(base URL, paths the import added to the sitemap) of the demo site with the import."""
    env = copy_site(server_env, tmp_path_factory.mktemp("imported-site"))
    old_site = realistic_site(tmp_path_factory.mktemp("old-wordpress"), posts=POSTS)
    manage_command(env)(
        "import_wordpress",
        str(old_site.write()),
        "--media-folder",
        str(old_site.uploads),
        "--publish",
    )
    with serving(env, workers=1) as url:
        added = set(audit.sitemap_paths(url)) - set(audit.sitemap_paths(live_url))
        yield url, sorted(added)


def test_the_imported_posts_and_pages_are_in_the_sitemap(imported_site):
    _url, paths = imported_site
    assert len(paths) >= POSTS + 5, paths


def test_imported_pages_have_no_axe_violations(imported_site, browser):
    url, paths = imported_site
    assert_no_violations(audit.audit_pages(browser, url, paths))
