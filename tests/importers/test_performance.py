"""400 posts from a WordPress export on this database: time and counts (issue 19).

Runs only with ``IMPORTERS_PERF=1`` (it takes about a minute):
``IMPORTERS_PERF=1 pytest -n 0 tests/importers/test_performance.py -s``
"""

import os
import time

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from news.models import NewsPage
from pages.models import StandardPage

from .builders import realistic_site
from .conftest import import_wordpress

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("IMPORTERS_PERF"), reason="set IMPORTERS_PERF=1"),
]


def test_four_hundred_posts(news_index, tmp_path):
    site = realistic_site(tmp_path, posts=400)
    site.path = site.write()
    started = time.perf_counter()
    report = import_wordpress(site)
    seconds = time.perf_counter() - started
    assert report.errors == []
    assert NewsPage.objects.live().count() == 400
    assert StandardPage.objects.count() == 5
    dated = NewsPage.objects.filter(title__startswith="Aktualność numer").count()
    with_image = NewsPage.objects.exclude(image=None).count()
    redirects = Redirect.objects.count()
    print(
        f"\n400-post WXR on {os.environ.get('DATABASE_URL', 'SQLite').split(':')[0]}: "
        f"{seconds:.1f} s ({seconds / 406 * 1000:.0f} ms per item); "
        f"created {len(report.created)}, warnings {len(report.warnings)}; "
        f"posts {NewsPage.objects.count()} (numbered {dated}), featured images {with_image}, "
        f"images {get_image_model().objects.count()}, "
        f"documents {get_document_model().objects.count()}, "
        f"redirects {redirects}"
    )
    started = time.perf_counter()
    again = import_wordpress(site)
    print(f"second run: {time.perf_counter() - started:.1f} s, created {len(again.created)}")
    assert again.created == []
    assert redirects >= 2 * 400  # the permalink and /?p=ID of every post
