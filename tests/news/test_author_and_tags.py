"""A post shows its author and tags (kept from the old site, issue 19); a tag lists its posts."""

import json
import re

import pytest

from tests.factories import make_index, make_post


@pytest.fixture
def news_index(home):
    return make_index(home)


def tagged(post, *names, author=""):
    post.author_name = author
    post.tags.add(*names)
    post.save_revision().publish()
    return post


def json_ld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )


@pytest.mark.django_db
def test_a_post_shows_its_author_and_its_tags_as_links(client, news_index):
    post = tagged(
        make_post(news_index, "Festyn na osiedlu"), "Festyn", "Rodzina", author="Anna Nowak"
    )
    html = client.get(post.url).content.decode()

    assert "Autor: Anna Nowak" in html
    tags = re.search(r'<p class="news-post__tags">(.*?)</p>', html, re.S)[1]
    assert "Tagi:" in tags
    assert re.findall(r'href="([^"]+)" rel="tag">([^<]+)<', tags) == [
        (f"{news_index.url}?tag=festyn", "Festyn"),
        (f"{news_index.url}?tag=rodzina", "Rodzina"),
    ]
    data = json_ld(html)
    assert data["author"] == {"@type": "Person", "name": "Anna Nowak"}
    assert data["keywords"] == ["Festyn", "Rodzina"]


@pytest.mark.django_db
def test_without_author_or_tags_nothing_empty_is_shown(client, news_index):
    post = make_post(news_index, "Komunikat dyrektora")
    html = client.get(post.url).content.decode()

    assert "Autor:" not in html and "news-post__tags" not in html
    data = json_ld(html)
    assert data["author"]["@type"] == "Organization" and "keywords" not in data


@pytest.mark.django_db
def test_a_tag_lists_only_its_posts_and_keeps_the_tag_across_pages(client, news_index):
    for number in range(12):
        tagged(make_post(news_index, f"Wypoczynek {number}", days_ago=number + 1), "Wakacje")
    tagged(make_post(news_index, "Dodatek osłonowy", days_ago=1), "Świadczenia")

    first = client.get(news_index.url, {"tag": "wakacje"})
    html = first.content.decode()
    assert first.status_code == 200
    assert "<title>Aktualności: tag „Wakacje”" in html
    assert "Dodatek osłonowy" not in html and html.count('class="news-card') == 10
    assert f'rel="canonical" href="http://testserver{news_index.url}?tag=wakacje"' in html
    assert "?tag=wakacje&amp;page=2" in html or "?page=2&amp;tag=wakacje" in html

    second = client.get(news_index.url, {"tag": "wakacje", "page": 2}).content.decode()
    assert second.count('class="news-card') == 2


@pytest.mark.django_db
def test_an_unknown_tag_is_not_found(client, news_index):
    tagged(make_post(news_index, "Festyn"), "Festyn")
    assert client.get(news_index.url, {"tag": "nie-ma-takiego"}).status_code == 404
    assert client.get(news_index.url, {"tag": "<script>"}).status_code == 404


@pytest.mark.django_db
def test_a_tag_with_polish_letters_links_and_lists(client, news_index):
    post = tagged(make_post(news_index, "Paczki na święta"), "Pomoc żywnościowa")
    slug = "pomoc-%C5%BCywno%C5%9Bciowa"
    assert f'?tag={slug}" rel="tag">Pomoc żywnościowa<' in client.get(post.url).content.decode()

    for _ in range(2):  # the second answer may come from the page cache
        response = client.get(f"{news_index.url}?tag={slug}")
        html = response.content.decode()
        assert response.status_code == 200 and "Paczki na święta" in html
        assert f'rel="canonical" href="http://testserver{news_index.url}?tag={slug}"' in html
