"""Unpublished, future-dated and private posts stay hidden everywhere residents look."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from news.models import NewsPage
from tests.factories import make_index, make_post

PLACES = [
    "/aktualnosci/",
    "/aktualnosci/{year}/",
    "/aktualnosci/rss/",
    "/aktualnosci/atom/",
    "/",
    "/sitemap.xml",
]


@pytest.fixture
def news_index(home):
    return make_index(home)


@pytest.fixture
def visible(news_index):
    return make_post(news_index, "Widoczna wiadomość", slug="widoczna", days_ago=1)


def shown_everywhere(client, title, slug, year):
    """Where the post can be seen: listing, archive, feeds, home, sitemap, search."""
    found = {}
    for place in PLACES:
        url = place.format(year=year)
        response = client.get(url)
        body = response.content.decode() if response.status_code == 200 else ""
        found[url] = title in body or f"/aktualnosci/{slug}/" in body
    search = client.get("/szukaj/", {"q": title}).content.decode()
    found["search"] = f'href="/aktualnosci/{slug}/"' in search
    return found


def test_visible_post_is_everywhere(client, visible):
    found = shown_everywhere(client, "Widoczna wiadomość", "widoczna", visible.date.year)
    assert all(found.values()), found


def test_draft_post_is_hidden_everywhere(client, news_index, visible):
    draft = make_post(news_index, "Szkic wiadomości", slug="szkic", publish=False)
    assert not draft.live
    found = shown_everywhere(client, "Szkic wiadomości", "szkic", draft.date.year)
    assert not any(found.values()), found
    assert client.get("/aktualnosci/szkic/").status_code == 404


def test_unpublished_post_is_hidden_everywhere(
    client, news_index, visible, django_capture_on_commit_callbacks
):
    post = make_post(news_index, "Wycofana wiadomość", slug="wycofana")
    found = shown_everywhere(client, "Wycofana wiadomość", "wycofana", post.date.year)
    assert all(found.values()), found
    # The page cache is emptied when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        post.unpublish()
    found = shown_everywhere(client, "Wycofana wiadomość", "wycofana", post.date.year)
    assert not any(found.values()), found
    assert client.get("/aktualnosci/wycofana/").status_code == 404


def test_future_post_is_scheduled_and_hidden_until_its_date(
    client, news_index, visible, django_capture_on_commit_callbacks
):
    when = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    post = make_post(news_index, "Wiadomość z przyszłości", slug="przyszla", date=when)
    assert not post.live
    assert post.go_live_at == when
    found = shown_everywhere(client, "Wiadomość z przyszłości", "przyszla", when.year)
    assert not any(found.values()), found
    assert client.get("/aktualnosci/przyszla/").status_code == 404

    with time_machine.travel(when + timedelta(minutes=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("publish_scheduled", verbosity=0)
        assert NewsPage.objects.get(pk=post.pk).live
        found = shown_everywhere(client, "Wiadomość z przyszłości", "przyszla", when.year)
        assert all(found.values()), found


def test_live_post_with_future_date_is_kept_out_of_lists(client, news_index, visible):
    """Even a post made live by other means (e.g. an import) waits for its date."""
    post = make_post(news_index, "Przed czasem", slug="przed-czasem")
    NewsPage.objects.filter(pk=post.pk).update(date=timezone.now() + timedelta(days=3))
    for url in ["/aktualnosci/", "/aktualnosci/rss/", "/"]:
        assert "Przed czasem" not in client.get(url).content.decode(), url
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)
    locs = [el.text for el in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "http://testserver/aktualnosci/widoczna/" in locs
    assert "http://testserver/aktualnosci/przed-czasem/" not in locs


def test_private_post_is_hidden_from_lists(client, news_index, visible):
    post = make_post(news_index, "Tylko dla zalogowanych", slug="prywatna")
    PageViewRestriction.objects.create(page=post, restriction_type=PageViewRestriction.LOGIN)
    for url in ["/aktualnosci/", "/aktualnosci/rss/", "/"]:
        body = client.get(url).content.decode()
        assert "Tylko dla zalogowanych" not in body, url
        assert "Widoczna wiadomość" in body, url


def test_pinned_draft_is_not_on_home(client, news_index, visible):
    make_post(news_index, "Przypięty szkic", pinned=True, publish=False)
    html = client.get("/").content.decode()
    assert "Przypięty szkic" not in html
    assert "Widoczna wiadomość" in html
    assert "Wyróżnione" not in html
