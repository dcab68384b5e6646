"""News posts linked to a project: listed on its page newest first; the post links back."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import NewsPage
from projects.linked import LinkedItem, linked_items, register_linked_source
from tests.factories import (
    make_image,
    make_index,
    make_post,
    make_programme,
    make_project,
    make_project_index,
)
from tests.support import BOT_UA, evict

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(home):
    index = make_project_index(home)
    return make_project(index, "Szansa-Pomoc-Aktywizacja", make_programme(regional=True))


@pytest.fixture
def news_index(home):
    return make_index(home)


def linked_titles(html):
    section = html[html.index("project-news-heading") :]
    return re.findall(r'class="project-linked__title"><a href="[^"]+">([^<]+)</a>', section)


def test_project_lists_its_published_posts_newest_first(client, project, news_index):
    make_post(news_index, "Starszy wpis", days_ago=30, project=project)
    make_post(news_index, "Nowy wpis", days_ago=1, project=project)
    make_post(news_index, "Środkowy wpis", days_ago=10, project=project)
    make_post(news_index, "Inny projekt", days_ago=2)
    make_post(news_index, "Szkic", days_ago=3, project=project, publish=False)
    make_post(news_index, "Jutro", days_ago=-1, project=project)
    html = client.get(project.url).content.decode()
    assert linked_titles(html) == ["Nowy wpis", "Środkowy wpis", "Starszy wpis"]


def test_post_shows_the_project_link_and_its_strip(client, project, news_index):
    post = make_post(news_index, "Rekrutacja", project=project)
    html = client.get(post.url).content.decode()
    assert f'Projekt: <a href="{project.url}">Szansa-Pomoc-Aktywizacja</a>' in html
    box = html[html.index('class="post-project"') :]
    assert re.findall(r'alt="([^"]+)"', box)[:4] == [
        "Fundusze Europejskie dla Dolnego Śląska 2021–2027",
        "Rzeczpospolita Polska",
        "Dofinansowane przez Unię Europejską",
        "Dolny Śląsk",
    ]


def test_post_of_an_unpublished_project_shows_no_link(client, project, news_index):
    post = make_post(news_index, "Rekrutacja", project=project)
    project.unpublish()
    html = client.get(post.url).content.decode()
    assert "post-project" not in html


def test_a_second_source_is_merged_by_date(rf, project, news_index):
    make_post(news_index, "Wpis", days_ago=5, project=project)
    today = timezone.localdate()

    def events(request, project):
        return [LinkedItem("Spotkanie", "/wydarzenia/1/", today - timedelta(days=2), "Wydarzenie")]

    register_linked_source(events, order=20)
    try:
        items = linked_items(rf.get("/"), project)
    finally:
        from projects import linked

        linked._SOURCES[:] = [entry for entry in linked._SOURCES if entry[2] is not events]
    assert [item.title for item in items] == ["Spotkanie", "Wpis"]


def queries(client, path):
    """Queries of a page-cache miss (warm fragments, renditions made)."""
    client.get(path, HTTP_USER_AGENT=BOT_UA)
    evict(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, HTTP_USER_AGENT=BOT_UA).status_code == 200
    return len(captured)


def test_project_page_queries_do_not_grow_with_posts(client, project, news_index):
    make_post(news_index, "Wpis 0", project=project)
    few = queries(client, project.url)
    for number in range(1, 9):
        make_post(news_index, f"Wpis {number}", days_ago=number, project=project)
    many = queries(client, project.url)
    assert many == few <= 12


def test_post_with_project_within_the_news_budget(client, project, news_index):
    image = make_image("Zdjęcie", alt="Opis")
    plain = make_post(news_index, "Bez projektu", image=image)
    linked = make_post(news_index, "Z projektem", image=image, project=project)
    # One more query: the project with its programme and signs (renditions come with the post's).
    assert queries(client, linked.url) <= queries(client, plain.url) + 1 <= 12
    assert NewsPage.objects.filter(project=project).count() == 1


def test_staff_choose_the_project_on_a_post(client, project, news_index):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("redaktor", "r@example.pl", "haslo-123456")
    client.force_login(user)
    html = client.get(f"/admin/pages/add/news/newspage/{news_index.pk}/").content.decode()
    assert 'name="project"' in html and "Współfinansowany projekt, którego dotyczy wpis" in html
    chooser = client.get("/admin/choose-page/", {"page_type": "projects.projectpage"})
    assert chooser.status_code == 200
    assert "Szansa-Pomoc-Aktywizacja" in chooser.content.decode()


def test_project_lists_its_events_with_its_posts(client, project, news_index, home):
    from tests.factories import make_event, make_event_index

    events = make_event_index(home)
    today = timezone.localdate()
    make_event(events, "Warsztaty projektu", start_date=today + timedelta(days=5), project=project)
    make_event(events, "Inne wydarzenie", start_date=today + timedelta(days=6))
    make_post(news_index, "Wpis projektu", days_ago=3, project=project)
    html = client.get(project.url).content.decode()
    assert linked_titles(html) == ["Warsztaty projektu", "Wpis projektu"]
