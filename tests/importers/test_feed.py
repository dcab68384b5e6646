"""News from an RSS or Atom feed file."""

import datetime

import pytest

from importers.rss import FeedImport
from news.models import NewsPage

from .builders import png_bytes

pytestmark = pytest.mark.django_db

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Stary OPS</title><link>https://stary.ops.pl/</link>
<item><title>Zbiórka żywności</title><link>https://stary.ops.pl/zbiorka-zywnosci.html</link>
<guid>https://stary.ops.pl/?id=11</guid><pubDate>Tue, 14 May 2019 08:00:00 +0200</pubDate>
<description>Krótko o zbiórce.</description>
<content:encoded><![CDATA[<p>Zbieramy <b>żywność</b>.</p><script>x()</script>]]></content:encoded>
<enclosure url="https://stary.ops.pl/img/zbiorka.png" type="image/png" length="100"/></item>
<item><title>Dzień Seniora</title><link>https://stary.ops.pl/dzien-seniora.html</link>
<guid>https://stary.ops.pl/?id=12</guid><pubDate>Wed, 02 Oct 2019 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Zapraszamy seniorów.&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Stary OPS</title>
<link href="https://stary.ops.pl/" rel="alternate"/><id>urn:ops</id>
<updated>2020-01-01T00:00:00Z</updated>
<entry><title>Nowe godziny kasy</title><id>urn:ops:1</id>
<link href="https://stary.ops.pl/kasa" rel="alternate"/>
<published>2020-01-02T09:15:00+01:00</published><updated>2020-01-03T09:15:00+01:00</updated>
<content type="html">&lt;p&gt;Kasa czynna do 15:00.&lt;/p&gt;</content></entry>
</feed>"""


@pytest.fixture
def feed_dir(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "zbiorka.png").write_bytes(png_bytes())
    return tmp_path


def run(path, **options):
    options.setdefault("mode", "publish")
    return FeedImport(path, **options).run()


def test_rss_items_become_news_with_date_body_and_enclosure(news_index, feed_dir, client):
    path = feed_dir / "feed.xml"
    path.write_text(RSS, encoding="utf-8")
    report = run(path, media_folder=feed_dir)
    assert report.errors == [] and len(report.created) == 2
    post = NewsPage.objects.get(title="Zbiórka żywności")
    assert post.date == datetime.datetime(2019, 5, 14, 6, 0, tzinfo=datetime.UTC)
    assert post.lead == "Krótko o zbiórce."
    body = str(list(post.body.raw_data))
    assert "<b>żywność</b>" in body and "script" not in body
    assert post.image is not None and post.live
    second = NewsPage.objects.get(title="Dzień Seniora")
    assert "Zapraszamy seniorów." in str(list(second.body.raw_data))
    response = client.get("/zbiorka-zywnosci.html")
    assert response.status_code == 301 and response["Location"] == post.url
    again = run(path, media_folder=feed_dir)
    assert again.created == [] and len(again.skipped) == 2
    assert NewsPage.objects.count() == 2


def test_atom_entries_are_imported_too(news_index, tmp_path):
    path = tmp_path / "atom.xml"
    path.write_text(ATOM, encoding="utf-8")
    report = run(path)
    assert report.errors == []
    post = NewsPage.objects.get()
    assert post.title == "Nowe godziny kasy"
    assert post.date == datetime.datetime(2020, 1, 2, 8, 15, tzinfo=datetime.UTC)
    assert "Kasa czynna do 15:00." in str(list(post.body.raw_data))


def test_a_file_that_is_not_a_feed_is_refused(news_index, tmp_path):
    from importers.jobs import execute

    path = tmp_path / "x.xml"
    path.write_text("<html><body>nie kanał</body></html>")
    report = execute("feed", str(path))
    assert len(report.errors) == 1 and NewsPage.objects.count() == 0
