"""The dashboard staff can follow (issue 21, items 2 and 7): moderation first, one guide,
controls only for those who may use them, statuses in the centre's words."""

import pytest
from django.utils import translation

from tests.staff.admin_crawl import visible_text
from tests.staff.test_admin_polish import login, site  # noqa: F401 (the fixture)


def dashboard(client, role):
    login(client, role)
    with translation.override("pl"):
        response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", ["editor", "moderator", "director"])
def test_only_wagtails_english_guides_are_gone(client, site, role):  # noqa: F811
    markup = dashboard(client, role)
    assert "guide.wagtail.org" not in markup
    assert "whats-new" not in markup
    assert "/admin/poradnik/" in markup


def test_editors_see_alerts_without_controls(client, site):  # noqa: F811
    text = visible_text(dashboard(client, "editor"))
    assert "2 maja ośrodek będzie nieczynny." in text
    assert "Dodaj komunikat" not in text
    assert "/snippets/alerts/alert/" not in dashboard(client, "editor")


@pytest.mark.parametrize("role", ["moderator", "director"])
def test_moderators_add_and_edit_alerts_from_the_dashboard(client, site, role):  # noqa: F811
    markup = dashboard(client, role)
    assert "Dodaj komunikat" in visible_text(markup)
    assert "/snippets/alerts/alert/edit/" in markup


def test_the_moderators_queue_comes_first(client, site):  # noqa: F811
    text = visible_text(dashboard(client, "moderator"))
    assert "Czeka na Twoje zatwierdzenie" in text
    assert text.index("Czeka na Twoje zatwierdzenie") < text.index("Otwórz poradnik redaktora")


def test_the_editor_sees_where_their_posts_are(client, site):  # noqa: F811
    text = visible_text(dashboard(client, "editor"))
    assert text.index("Twoje strony czekające na zatwierdzenie") < text.index(
        "Otwórz poradnik redaktora"
    )
    assert "Czeka — czeka na zatwierdzenie" in " ".join(text.split())
    assert "Do poprawy — szkic (zażądano zmian)" in " ".join(text.split())
