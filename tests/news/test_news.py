"""News index: ordering, pagination, archive, category filter, feeds, home page section."""

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from news.models import NewsIndexPage, NewsPage
from tests.factories import make_category, make_image, make_index, make_post

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news_index(home):
    return make_index(home, intro="Co słychać w ośrodku.")


def titles(html):
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_tree_rules(home, news_index):
    assert NewsIndexPage.parent_page_types == ["website.HomePage"]
    assert NewsIndexPage.max_count == 1
    assert NewsPage.parent_page_types == ["news.NewsIndexPage"]
    assert news_index.url == "/aktualnosci/"


def test_index_lists_newest_first(client, news_index):
    make_post(news_index, "Starsza", days_ago=5)
    make_post(news_index, "Najnowsza", days_ago=1)
    make_post(news_index, "Środkowa", days_ago=3)
    response = client.get("/aktualnosci/")
    assert response.status_code == 200
    assert titles(response.content.decode()) == ["Najnowsza", "Środkowa", "Starsza"]


def test_same_date_orders_by_newest_pk(client, news_index):
    moment = timezone.now() - timedelta(days=1)
    first = make_post(news_index, "Pierwsza", date=moment)
    second = make_post(news_index, "Druga", date=moment)
    assert second.pk > first.pk
    assert titles(client.get("/aktualnosci/").content.decode()) == ["Druga", "Pierwsza"]


def test_index_item_shows_date_lead_and_thumbnail_alt(client, news_index):
    image = make_image("Paczki", alt="Wolontariusze wydają paczki z żywnością")
    make_post(news_index, "Paczki", lead="Wydaliśmy 300 paczek.", image=image, days_ago=2)
    html = client.get("/aktualnosci/").content.decode()
    assert "Wydaliśmy 300 paczek." in html
    # A valid HTML date: whole seconds and an offset.
    assert re.search(
        r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d">\d{1,2} \w+ \d{4}</time>',
        html,
    )
    assert 'alt="Wolontariusze wydają paczki z żywnością"' in html


@pytest.fixture
def twelve_posts(news_index):
    return [make_post(news_index, f"Wiadomość {n:02d}", days_ago=n + 1) for n in range(12)]


def test_pagination_ten_per_page(client, twelve_posts):
    first = titles(client.get("/aktualnosci/").content.decode())
    second = titles(client.get("/aktualnosci/?page=2").content.decode())
    assert first == [f"Wiadomość {n:02d}" for n in range(10)]
    assert second == ["Wiadomość 10", "Wiadomość 11"]
    html = client.get("/aktualnosci/").content.decode()
    assert 'href="?page=2"' in html


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("abc", "Wiadomość 00"),
        ("0", "Wiadomość 00"),
        ("-3", "Wiadomość 00"),
        ("99999", "Wiadomość 10"),
        ("1e9", "Wiadomość 00"),
        ("%00", "Wiadomość 00"),
    ],
)
def test_bad_page_numbers_give_first_or_last_page(client, twelve_posts, query, expected_first):
    response = client.get(f"/aktualnosci/?page={query}")
    assert response.status_code == 200
    assert titles(response.content.decode())[0] == expected_first


def _dated(year, month, day=15):
    return timezone.make_aware(datetime(year, month, day, 12, 0))


@pytest.fixture
def archive_posts(news_index):
    this_year = timezone.localdate().year
    return {
        "nov": make_post(news_index, "Listopadowa", date=_dated(this_year - 1, 11)),
        "nov2": make_post(news_index, "Listopadowa druga", date=_dated(this_year - 1, 11, 20)),
        "mar": make_post(news_index, "Marcowa", date=_dated(this_year - 1, 3)),
        "old": make_post(news_index, "Sprzed dwóch lat", date=_dated(this_year - 2, 6)),
        "year": this_year - 1,
    }


def test_year_archive(client, archive_posts):
    year = archive_posts["year"]
    response = client.get(f"/aktualnosci/{year}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(html) == ["Listopadowa druga", "Listopadowa", "Marcowa"]
    assert f'<h1>Aktualności<span class="news-filter-title">: {year}</span></h1>' in html
    assert f'<link rel="canonical" href="http://testserver/aktualnosci/{year}/">' in html


def test_month_archive(client, archive_posts):
    year = archive_posts["year"]
    response = client.get(f"/aktualnosci/{year}/11/")
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(html) == ["Listopadowa druga", "Listopadowa"]
    assert f"listopad {year}" in html


def test_archive_lists_years_and_months(client, archive_posts):
    year = archive_posts["year"]
    html = client.get(f"/aktualnosci/{year}/").content.decode()
    assert f'href="/aktualnosci/{year - 1}/"' in html
    assert f'href="/aktualnosci/{year}/11/"' in html
    assert f'href="/aktualnosci/{year}/03/"' in html


@pytest.mark.parametrize(
    "path",
    [
        "0000/",
        "0001/",
        "1899/",
        "99999/",
        "3000/",
        "{year}/13/",
        "{year}/00/",
        "{year}/1/",
        "{year}/07/",
        "{empty}/",
        "abcd/",
        "{year}/11/x/",
    ],
)
def test_bad_archive_paths_are_404(client, archive_posts, path):
    year = archive_posts["year"]
    url = "/aktualnosci/" + path.format(year=year, empty=year - 5)
    assert client.get(url).status_code == 404


def test_category_filter(client, news_index):
    seniors = make_category("Seniorzy")
    food = make_category("Pomoc żywnościowa")
    make_post(news_index, "Dla seniorów", category=seniors, days_ago=2)
    make_post(news_index, "Paczki", category=food, days_ago=1)
    make_post(news_index, "Bez kategorii", days_ago=3)
    assert food.slug == "pomoc-zywnosciowa"
    response = client.get("/aktualnosci/?kategoria=seniorzy")
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(html) == ["Dla seniorów"]
    assert 'href="/aktualnosci/?kategoria=seniorzy" aria-current="page"' in html
    assert titles(client.get("/aktualnosci/?kategoria=pomoc-zywnosciowa").content.decode()) == [
        "Paczki"
    ]


@pytest.mark.parametrize("value", ["nie-ma-takiej", "'; drop table", "x" * 500, "%ff"])
def test_unknown_category_is_404(client, news_index, value):
    make_post(news_index, "Cokolwiek")
    assert client.get("/aktualnosci/", {"kategoria": value}).status_code == 404


def test_category_with_archive_and_pagination_keeps_filter(client, news_index):
    seniors = make_category("Seniorzy")
    for n in range(12):
        make_post(news_index, f"Senior {n:02d}", category=seniors, days_ago=n + 1)
    html = client.get("/aktualnosci/?kategoria=seniorzy").content.decode()
    assert 'href="?kategoria=seniorzy&amp;page=2"' in html
    html = client.get("/aktualnosci/?kategoria=seniorzy&page=2").content.decode()
    assert titles(html) == ["Senior 10", "Senior 11"]


# Feeds --------------------------------------------------------------------------------------


def test_rss_feed_is_valid_with_twenty_newest_and_absolute_links(client, news_index):
    category = make_category("Projekty")
    for n in range(23):
        make_post(news_index, f"Wpis {n:02d}", days_ago=n + 1, category=category)
    response = client.get("/aktualnosci/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("link") == "http://testserver/aktualnosci/"
    items = channel.findall("item")
    assert len(items) == 20
    assert items[0].findtext("title") == "Wpis 00"
    assert items[-1].findtext("title") == "Wpis 19"
    for item in items:
        assert re.fullmatch(r"http://testserver/aktualnosci/[a-z0-9-]+/", item.findtext("link"))
        assert item.findtext("guid") == item.findtext("link")
        assert item.findtext("pubDate")
        assert item.findtext("category") == "Projekty"
    assert items[0].findtext("description") == "Wstęp: Wpis 00."


def test_atom_feed_is_valid(client, news_index):
    make_post(news_index, "Wpis atomowy")
    response = client.get("/aktualnosci/atom/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == "http://testserver/aktualnosci/wpis-atomowy/"


def test_feeds_are_advertised_in_head(client, news_index):
    post = make_post(news_index, "Wpis")
    for url in ["/aktualnosci/", post.url]:
        head = client.get(url).content.decode().split("</head>")[0]
        assert (
            '<link rel="alternate" type="application/rss+xml" title="Aktualności (RSS)" '
            'href="/aktualnosci/rss/">' in head
        )
        assert 'type="application/atom+xml"' in head


def test_post_slug_cannot_shadow_archive_routes(news_index):
    from django.core.exceptions import ValidationError

    for slug in ["2024", "rss", "atom"]:
        with pytest.raises(ValidationError):
            make_post(news_index, "Zła", slug=slug)


# Home page ----------------------------------------------------------------------------------


def test_home_shows_newest_posts_with_pinned_first(client, news_index):
    image = make_image("Spacer", alt="Grupa z kijkami na leśnej ścieżce")
    make_post(news_index, "Przypięta", days_ago=30, pinned=True)
    for n in range(5):
        make_post(news_index, f"Nowa {n}", days_ago=n + 1, image=image if n == 0 else None)
    html = client.get("/").content.decode()
    section = html.split('id="home-news-heading"')[1].split("</section>")[0]
    found = re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', section)
    assert found == ["Przypięta", "Nowa 0", "Nowa 1", "Nowa 2"]
    assert "Wyróżnione" in section
    assert 'alt="Grupa z kijkami na leśnej ścieżce"' in section
    assert '<a href="/aktualnosci/">Wszystkie aktualności</a>' in section


def test_home_without_news_index_has_no_news_section(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert "home-news-heading" not in response.content.decode()


def test_home_without_pinned_post_shows_four_newest(client, news_index):
    for n in range(6):
        make_post(news_index, f"Nowa {n}", days_ago=n + 1)
    html = client.get("/").content.decode()
    section = html.split('id="home-news-heading"')[1].split("</section>")[0]
    found = re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', section)
    assert found == ["Nowa 0", "Nowa 1", "Nowa 2", "Nowa 3"]
    assert "Wyróżnione" not in section
