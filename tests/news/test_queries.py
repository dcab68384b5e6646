"""Query budgets: the news index, a post and the home page do not grow with posts or images.

Each page is rendered once (so renditions exist, as on a running site), then every cache
is emptied and the page is rendered again under the budget: the uncached case.
"""

import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_category, make_image, make_index, make_many_posts, make_post

# The whole page: the site shell (site, settings, menu, alerts, footer, visit counter,
# cookie groups) plus the news part. The news part alone has its own, tighter budget.
PAGE_BUDGET = 30
# Counted: queries on news_* and wagtailimages_* tables, Wagtail's routing to the page
# included. A post's body costs one query per kind of image block, never one per image.
NEWS_BUDGET = {"index": 6, "post": 8, "home": 5}
NEWS_TABLES = re.compile(r'"(news_\w+|wagtailimages_\w+)"')


@pytest.fixture
def news_index(home, site_settings):
    index = make_index(home)
    category = make_category("Projekty")
    index.test_category = category
    return index


def uncached_queries(client, url, show=False):
    cache.clear()
    assert client.get(url).status_code == 200  # renditions are made on the first view
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    queries = [q["sql"] for q in context.captured_queries]
    news = [sql for sql in queries if NEWS_TABLES.search(sql.split(" WHERE ")[0])]
    if show:
        print("\n".join(sql[:50] + " ... " + sql[-120:] for sql in news))
    return len(queries), len(news)


def gallery_post(index, slug, photos):
    images = [make_image(f"{slug} {n}", alt=f"Zdjęcie {n}") for n in range(photos)]
    body = [
        {"type": "paragraph", "value": "<p>Relacja z wydarzenia.</p>"},
        {
            "type": "gallery",
            "value": {
                "title": "Galeria",
                "images": [
                    {
                        "image": {"image": image.pk, "alt_text": "Zdjęcie", "decorative": False},
                        "caption": "Podpis",
                    }
                    for image in images
                ],
            },
        },
        {
            "type": "image",
            "value": {
                "image": {"image": images[0].pk, "alt_text": "Zdjęcie", "decorative": False},
                "caption": "",
            },
        },
        {
            "type": "cofinanced",
            "value": {
                "heading": "",
                "description": "",
                "logos": [
                    {"image": image.pk, "name": f"Logo {n}", "url": ""}
                    for n, image in enumerate(images[:4])
                ],
            },
        },
    ]
    return make_post(
        index,
        f"Galeria {slug}",
        slug=slug,
        body=json.dumps(body),
        image=images[-1],
        category=index.test_category,
    )


@pytest.mark.parametrize(
    "url",
    [
        "/aktualnosci/",
        "/aktualnosci/?page=2",
        "/aktualnosci/{year}/",
        "/aktualnosci/?kategoria=projekty",
        "/",
    ],
)
def test_listings_do_not_grow_with_posts(client, news_index, url):
    category = news_index.test_category
    # Fifteen posts: two pages, so ?page=2 is a real page, not one past the end.
    posts = make_many_posts(news_index, 15, category=category)
    url = url.format(year=posts[0].date.year)
    small = uncached_queries(client, url)
    # Sixty more: the first pages' posts with pictures (as the listings show them), the rest
    # without; a query per post or per picture shows as growth.
    make_many_posts(news_index, 20, start=15, category=category)
    make_many_posts(news_index, 40, start=35, category=category, images=False)
    large = uncached_queries(client, url)
    assert large == small, (url, small, large)
    total, news = large
    assert total <= PAGE_BUDGET, total
    assert news <= NEWS_BUDGET["home" if url == "/" else "index"], news


def test_post_does_not_grow_with_images(client, news_index):
    make_many_posts(news_index, 10)
    small = uncached_queries(client, gallery_post(news_index, "mala", 2).url)
    make_many_posts(news_index, 40, start=10, images=False)
    large = uncached_queries(client, gallery_post(news_index, "duza", 30).url)
    assert large == small, (small, large)
    total, news = large
    assert total <= PAGE_BUDGET, total
    assert news <= NEWS_BUDGET["post"], news


def test_feed_does_not_grow_with_posts(client, news_index):
    make_many_posts(news_index, 10, images=False)
    small = uncached_queries(client, "/aktualnosci/rss/")
    make_many_posts(news_index, 60, start=10, images=False)
    assert uncached_queries(client, "/aktualnosci/rss/") == small
