from types import SimpleNamespace

import pytest

from importers.wordpress import WordPressImport
from tests import snapshot
from tests.factories import make_home, make_index

from .builders import realistic_site, small_site


@pytest.fixture
def news_index(home):
    return make_index(home)


@pytest.fixture
def old_site(tmp_path):
    """The realistic old site, written for this test (a test may change it)."""
    site = realistic_site(tmp_path)
    site.path = site.write()
    return site


@pytest.fixture(scope="session")
def shared_old_site(tmp_path_factory):
    site = realistic_site(tmp_path_factory.mktemp("old-site"))
    site.path = site.write()
    return site


def import_wordpress(site_or_path, folder=None, **options):
    path = getattr(site_or_path, "path", site_or_path)
    if folder is None and hasattr(site_or_path, "uploads"):
        folder = site_or_path.uploads
    options.setdefault("mode", "publish")
    return WordPressImport(path, media_folder=folder, **options).run()


@pytest.fixture
def run_wordpress(db):
    return import_wordpress


@pytest.fixture
def imported(db, shared_old_site):
    """A home page, a news index and the realistic export imported into them, published.

    Imported once per test process and copied into each test (``tests.snapshot``).
    """

    def build():
        make_index(make_home())
        return import_wordpress(shared_old_site).as_dict()

    return SimpleNamespace(**snapshot.build_once("importers-realistic-wxr", build))


@pytest.fixture
def few_posts(tmp_path):
    """Five posts and two pages (``builders.small_site``), written for this test."""
    site = small_site(tmp_path)
    site.path = site.write()
    return site
