import pytest

from importers.wordpress import WordPressImport
from tests.factories import make_index

from .builders import realistic_site


@pytest.fixture
def news_index(home):
    return make_index(home)


@pytest.fixture
def old_site(tmp_path):
    site = realistic_site(tmp_path)
    site.path = site.write()
    return site


@pytest.fixture
def run_wordpress(news_index, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

    def run(site_or_path, folder=None, **options):
        path = getattr(site_or_path, "path", site_or_path)
        if folder is None and hasattr(site_or_path, "uploads"):
            folder = site_or_path.uploads
        options.setdefault("mode", "publish")
        return WordPressImport(path, media_folder=folder, **options).run()

    return run
