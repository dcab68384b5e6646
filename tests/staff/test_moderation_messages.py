"""The dashboard's moderation buttons say what they did (issue 21, item 2)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from news.models import NewsPage
from tests.staff.test_admin_polish import login, site  # noqa: F401 (the fixture)

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def action_url(post, action):
    state = post.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[post.pk, action, state.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def waiting(site):  # noqa: F811
    return NewsPage.objects.get(slug="czeka")


def test_approving_says_the_post_is_published(client, waiting):
    login(client, "moderator")
    with translation.override("pl"):
        response = client.post(action_url(waiting, "approve"), {"next": "/admin/"})
    assert response.status_code == 302
    assert messages_of(response) == ["Zatwierdzono „Czeka”: strona jest opublikowana."]
    waiting.refresh_from_db()
    assert waiting.live


def test_asking_for_changes_says_where_the_author_sees_the_comment(client, waiting):
    login(client, "moderator")
    with translation.override("pl"):
        response = client.post(
            action_url(waiting, "reject"), {"comment": "Proszę dodać zdjęcie."}, **XHR
        )
    assert response.status_code == 200 and response.json()["step"] == "success"
    assert messages_of(response) == [
        "Poproszono o zmiany w „Czeka”: autor zobaczy Twój komentarz na pulpicie i w edytorze."
    ]


def test_opening_the_comment_dialog_or_a_second_click_reports_no_success(client, waiting):
    login(client, "moderator")
    url = action_url(waiting, "approve")
    with translation.override("pl"):
        dialog = client.get(action_url(waiting, "reject"), **XHR)
        assert dialog.json()["step"] == "action" and messages_of(dialog) == []
        client.post(url, {"next": "/admin/"})
        client.get("/admin/")  # the first click's message is shown there
        again = client.post(url, {"next": "/admin/"})
    assert not any(text.startswith("Zatwierdzono") for text in messages_of(again))


def test_an_editor_cannot_approve(client, waiting):
    login(client, "editor")
    with translation.override("pl"):
        response = client.post(action_url(waiting, "approve"), {"next": "/admin/"})
    assert not any(text.startswith("Zatwierdzono") for text in messages_of(response))
    waiting.refresh_from_db()
    assert not waiting.live and waiting.current_workflow_task_state.status == "in_progress"
