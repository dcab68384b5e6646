"""Staff write news in the admin: a post with an image appears on home and in the feed."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from news.models import NewsCategory, NewsPage
from tests.factories import make_category, make_image, make_index


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("redaktor", "r@example.pl", "haslo-123456")
    client.force_login(user)
    return user


@pytest.fixture
def news_index(home):
    return make_index(home)


def post_form(image, category, **overrides):
    data = {
        "title": "Zbiórka zabawek dla świetlicy",
        "slug": "zbiorka-zabawek",
        "date": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "lead": "Przez cały grudzień zbieramy zabawki i gry planszowe dla świetlicy.",
        "image": image.pk,
        "image_caption": "Fot. MGOPS",
        "category": category.pk,
        "body": streamfield([("paragraph", rich_text("<p>Dary przyjmuje sekretariat.</p>"))]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_sees_polish_form_with_help(client, editor, news_index):
    response = client.get(f"/admin/pages/add/news/newspage/{news_index.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Data publikacji",
        "Wstęp",
        "Zdjęcie główne",
        "Wyróżnij na stronie głównej",
        "Data w przyszłości oznacza",
    ]:
        assert text in html, text


def test_staff_post_with_image_appears_on_home_and_in_feed(
    client, editor, news_index, django_capture_on_commit_callbacks
):
    image = make_image("Zabawki", alt="Pluszowe misie i gry planszowe na stole")
    category = make_category("Dzieci i młodzież")
    # Visitors saw the pages before: the cached copies must not hide the new post.
    client.logout()
    assert "Zbiórka zabawek" not in client.get("/").content.decode()
    assert "Zbiórka zabawek" not in client.get("/aktualnosci/rss/").content.decode()
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/add/news/newspage/{news_index.pk}/", post_form(image, category)
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    post = NewsPage.objects.get(slug="zbiorka-zabawek")
    assert post.live and post.image == image and post.category == category

    client.logout()
    home = client.get("/").content.decode()
    assert "Zbiórka zabawek dla świetlicy" in home
    assert 'alt="Pluszowe misie i gry planszowe na stole"' in home
    feed = ET.fromstring(client.get("/aktualnosci/rss/").content)
    links = [item.findtext("link") for item in feed.iter("item")]
    assert links == ["http://testserver/aktualnosci/zbiorka-zabawek/"]


def test_staff_post_dated_in_future_is_scheduled(client, editor, news_index):
    image = make_image("Zabawki", alt="Zabawki")
    category = make_category("Dzieci i młodzież")
    later = timezone.localtime() + timezone.timedelta(days=5)
    response = client.post(
        f"/admin/pages/add/news/newspage/{news_index.pk}/",
        post_form(image, category, date=later.strftime("%Y-%m-%d %H:%M")),
    )
    assert response.status_code == 302
    post = NewsPage.objects.get(slug="zbiorka-zabawek")
    assert not post.live
    assert post.go_live_at is not None
    assert post.get_latest_revision().approved_go_live_at == post.go_live_at
    client.logout()
    assert "Zbiórka zabawek" not in client.get("/").content.decode()


def test_reserved_slug_is_refused_in_polish(client, editor, news_index):
    image = make_image("Zabawki", alt="Zabawki")
    category = make_category("Dzieci i młodzież")
    response = client.post(
        f"/admin/pages/add/news/newspage/{news_index.pk}/",
        post_form(image, category, slug="2024"),
    )
    assert response.status_code == 200
    assert "Ten adres jest zarezerwowany dla archiwum aktualności" in response.content.decode()
    assert not NewsPage.objects.exists()


def test_categories_are_managed_as_snippets(client, editor):
    response = client.post(
        "/admin/snippets/news/newscategory/add/", {"name": "Dzieci i młodzież", "slug": ""}
    )
    assert response.status_code == 302
    assert NewsCategory.objects.get().slug == "dzieci-i-mlodziez"
    listing = client.get("/admin/snippets/news/newscategory/").content.decode()
    assert "Dzieci i młodzież" in listing
