"""Bad files: a clear report, nothing half-written, nothing raised."""

import pytest
from wagtail.models import Page

from importers.jobs import execute
from news.models import NewsPage

from .builders import Entry, SiteBuilder

pytestmark = pytest.mark.django_db

BOMB = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<rss><channel><title>&d;</title></channel></rss>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>"""


def write(tmp_path, data, name="plik.xml"):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return str(path)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (BOMB, "XML"),
        (EXTERNAL, "XML"),
        ("<rss><channel><item><title>Urwany", "line"),
        (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>RSS</title></channel></rss>',
            "WordPress",
        ),
        (b"PK\x03\x04 to jest zip", "XML"),
        (b"", "empty"),
    ],
    ids=["entity-bomb", "external-entity", "truncated", "plain-rss", "zip", "empty"],
)
def test_bad_wordpress_files_are_reported(news_index, tmp_path, data, expected):
    pages = Page.objects.count()
    report = execute("wordpress", write(tmp_path, data))
    assert len(report.errors) == 1
    message = report.errors[0]
    assert expected.lower() in message.lower() or translated(expected, message)
    assert Page.objects.count() == pages


def translated(expected, message):
    polish = {"line": "wiersz", "empty": "pust", "WordPress": "WordPress", "XML": "XML"}
    return polish[expected].lower() in message.lower()


def test_truncated_export_says_where(news_index, tmp_path):
    site = SiteBuilder(tmp_path)
    for number in range(3):
        site.add(Entry(number + 1, f"Wpis {number}", content="<p>x</p>", slug=f"w{number}"))
    path = site.write()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    report = execute("wordpress", str(path))
    assert len(report.errors) == 1 and NewsPage.objects.count() == 0
    assert any(char.isdigit() for char in report.errors[0])


def test_oversized_file_is_refused_before_parsing(news_index, tmp_path, settings, monkeypatch):
    settings.IMPORTERS_MAX_FILE_BYTES = 10 * 1024 * 1024
    path = tmp_path / "duzy.xml"
    with path.open("wb") as handle:  # sparse: 2 GB on paper, nothing on disk
        handle.truncate(2 * 1024 * 1024 * 1024)

    def never(*args, **kwargs):
        raise AssertionError("parsed a file over the limit")

    monkeypatch.setattr("importers.wxr.safe_parse", never)
    report = execute("wordpress", str(path))
    assert len(report.errors) == 1 and "2048" in report.errors[0]


def test_one_bad_item_does_not_stop_the_others_and_leaves_nothing(
    news_index, tmp_path, monkeypatch
):
    site = SiteBuilder(tmp_path)
    for number in range(3):
        site.add(Entry(number + 1, f"Wpis {number}", content="<p>x</p>", slug=f"w{number}"))
    path = site.write()
    from importers import wordpress

    original = wordpress.WordPressImport.redirects

    def failing(self, item, page):
        original(self, item, page)
        if item.title == "Wpis 1":
            raise RuntimeError("awaria w połowie")

    monkeypatch.setattr(wordpress.WordPressImport, "redirects", failing)
    report = execute("wordpress", str(path), mode="publish")
    assert len(report.created) == 2 and len(report.errors) == 1
    assert "Wpis 1" in report.errors[0] and "awaria" in report.errors[0]
    assert not NewsPage.objects.filter(title="Wpis 1").exists()
    from wagtail.contrib.redirects.models import Redirect

    assert not Redirect.objects.filter(old_path__contains="/w1").exists()
