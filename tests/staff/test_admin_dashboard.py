"""The dashboard staff can follow (issue 21, items 2 and 7): moderation first, one guide,
controls only for those who may use them, statuses in the centre's words."""

import pytest
from bs4 import BeautifulSoup
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


def test_the_moderator_approves_or_asks_for_changes_with_visible_buttons(client, site):  # noqa: F811
    """Not behind "…": the row's own buttons, which Wagtail's workflow script drives."""
    soup = BeautifulSoup(dashboard(client, "moderator"), "html.parser")
    row = next(
        tr for tr in soup.select("#awaiting-review-section tbody tr") if "Czeka" in tr.get_text(" ")
    )
    buttons = row.select("[data-moderation-actions] > button[data-workflow-action-url]")
    labels = [" ".join(button.get_text().split()) for button in buttons]
    assert labels == ["Poproś o zmiany", "Zatwierdź", "Zatwierdź z komentarzem"]
    assert all(
        not button.find_parent(attrs={"data-controller": "w-dropdown"}) for button in buttons
    )
    assert "/approve/" in buttons[1]["data-workflow-action-url"]
    assert buttons[0].has_attr("data-launch-modal")  # the comment is asked for in a dialog
    assert "wagtailadmin/js/workflow-action.js" in str(soup)


def test_the_editor_reads_the_moderators_comment_on_the_dashboard(client, site):  # noqa: F811
    soup = BeautifulSoup(dashboard(client, "editor"), "html.parser")
    comments = [" ".join(p.get_text().split()) for p in soup.select("[data-requested-changes]")]
    assert comments == ["Komentarz moderatora: „Proszę dopisać godziny.”"]


@pytest.mark.django_db
def test_the_login_screen_is_in_polish(client):
    with translation.override("pl"):
        text = visible_text(client.get("/admin/login/").content.decode())
    assert "Hasło" in text and "Password" not in text
    assert "Zaloguj się do panelu administracyjnego" in text and "Wagtail" not in text
