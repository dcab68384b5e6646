"""Scale data in bulk (core.bulk_pages, load_large): a correct tree, routable, searchable."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from core.bulk_pages import bulk_add_children, index_for_search


@pytest.fixture
def news_index(home, site_settings):
    from tests.factories import make_index, make_post

    index = make_index(home)
    make_post(index, "Wiadomość dodana zwyczajnie", days_ago=1)
    return index


def test_bulk_children_make_a_valid_tree(client, news_index):
    from news.models import NewsPage
    from tests.factories import make_post

    posts = [
        NewsPage(title=f"Wiadomość zbiorcza {n}", slug=f"zbiorcza-{n}", lead="Wstęp.", live=True)
        for n in range(40)
    ]
    bulk_add_children(news_index, posts)
    assert Page.find_problems() == ([], [], [], [], [])
    news_index.refresh_from_db()
    assert news_index.numchild == 41
    # The tree goes on growing the ordinary way after a bulk insert.
    later = make_post(news_index, "Wiadomość po imporcie", days_ago=0)
    assert later.path > posts[-1].path
    assert Page.find_problems() == ([], [], [], [], [])
    response = client.get(posts[17].url)
    assert response.status_code == 200
    assert "Wiadomość zbiorcza 17" in response.content.decode()
    assert NewsPage.objects.get(pk=posts[17].pk).url_path.endswith("/aktualnosci/zbiorcza-17/")


def test_bulk_children_are_found_by_search(client, news_index):
    from news.models import NewsPage

    posts = [
        NewsPage(title=f"Sprawozdanie kwartalne {n}", slug=f"kwartal-{n}", lead="Wstęp.", live=True)
        for n in range(3)
    ]
    bulk_add_children(news_index, posts)
    index_for_search(NewsPage.objects.filter(pk__in=[post.pk for post in posts]))
    response = client.get("/szukaj/", {"q": "sprawozdanie kwartalne"})
    assert response.content.decode().count("Sprawozdanie kwartalne") >= 3


def test_load_large_adds_what_is_missing_once(news_index):
    from news.models import NewsPage
    from pages.models import OrdinanceIndexPage, OrdinancePage

    register = OrdinanceIndexPage(title="Zarządzenia dyrektora", slug="zarzadzenia")
    news_index.get_parent().add_child(instance=register)
    register.save_revision().publish()
    call_command("load_large", news=25, ordinances=12, verbosity=0)
    call_command("load_large", news=30, ordinances=12, verbosity=0)
    assert NewsPage.objects.filter(slug__startswith="skala-").count() == 30
    assert OrdinancePage.objects.filter(slug__startswith="skala-").count() == 12
    assert all(page.attachments.count() == 1 for page in OrdinancePage.objects.all())
    assert Page.find_problems() == ([], [], [], [], [])
