"""The demo news: enough posts over two years, every kind of block, all pages answer."""

import re

import pytest
from django.core.management import call_command

from news.models import NewsCategory, NewsIndexPage, NewsPage


@pytest.fixture
def demo(demo_site):
    return NewsIndexPage.objects.get()


def block_types(post):
    return {block.block_type for block in post.body}


def test_demo_has_posts_over_two_years_with_every_block(demo):
    posts = list(NewsPage.objects.child_of(demo).live())
    assert len(posts) >= 12
    assert len({post.date.year for post in posts}) >= 2
    assert all(post.image_id and post.lead for post in posts)
    kinds = set().union(*(block_types(post) for post in posts))
    assert {"gallery", "documents", "youtube", "cofinanced", "quote", "heading"} <= kinds
    assert NewsCategory.objects.count() == 4
    assert sum(post.pinned for post in posts) == 1
    assert demo.show_in_menus and demo.url == "/aktualnosci/"


def test_demo_loads_twice_to_the_same_tree(demo):
    before = sorted(NewsPage.objects.values_list("slug", flat=True))
    call_command("load_demo", verbosity=0)
    assert sorted(NewsPage.objects.values_list("slug", flat=True)) == before
    assert NewsIndexPage.objects.count() == 1
    assert NewsCategory.objects.count() == 4


def test_demo_news_pages_answer(client, demo):
    home = client.get("/").content.decode()
    assert "Wydawanie paczek żywnościowych z Banku Żywności" in home
    assert re.search(r'<a href="/aktualnosci/"[^>]*>Aktualności</a>', home)
    index = client.get("/aktualnosci/")
    assert index.status_code == 200
    assert client.get("/aktualnosci/?page=2").status_code == 200
    for post in NewsPage.objects.live():
        response = client.get(post.url)
        assert response.status_code == 200, post.url
    assert client.get("/aktualnosci/rss/").status_code == 200


def test_demo_funders_strip_has_accessible_names(client, demo):
    html = client.get("/aktualnosci/aktywny-senior-nowy-projekt/").content.decode()
    for name in [
        "Fundusze Europejskie dla Dolnego Śląska",
        "Rzeczpospolita Polska",
        "Dofinansowane przez Unię Europejską",
    ]:
        assert re.search(rf'<img [^>]*alt="{name}"', html), name


def test_scale_posts_are_bulk_inserted_into_a_sound_tree(client, home):
    from wagtail.models import Page

    from demo.scale import load_many_posts
    from tests.factories import make_index, make_post

    index = make_index(home)
    make_post(index, "Zwykła wiadomość", slug="zwykla")
    load_many_posts(index, 25, batch=10)
    load_many_posts(index, 25, batch=10)  # idempotent
    assert NewsPage.objects.child_of(index).count() == 26
    assert Page.find_problems() == ([], [], [], [], [])
    index.refresh_from_db()
    assert index.numchild == 26
    assert client.get("/aktualnosci/skala-24/").status_code == 200
    assert client.get("/aktualnosci/?page=3").status_code == 200
    html = client.get("/szukaj/", {"q": "testowa nr 17"}).content.decode()
    assert 'href="/aktualnosci/skala-17/"' in html
