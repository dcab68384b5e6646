"""Moderation e-mails in Polish with the site's address (issue 21, item 2)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation
from wagtail.models import Page

from tests.staff.test_admin_polish import login, site  # noqa: F401 (the fixture)


def test_submitting_a_post_mails_the_moderators_in_polish(site):  # noqa: F811
    post = Page.objects.get(title="Czeka").specific
    post.current_workflow_state.cancel(user=post.owner)
    editor = get_user_model().objects.get(username="crawl-editor")
    mail.outbox.clear()
    with translation.override("pl"):
        # What the editor's "Wyślij do zatwierdzenia" does.
        post.get_workflow().start(post, editor)
    assert mail.outbox, "no notification sent"
    message = next(m for m in mail.outbox if "moderator@example.pl" in m.to)
    assert "Czeka" in message.subject
    assert "czeka na zatwierdzenie" in message.subject
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{post.pk}/" in message.body
    for english in ["has been submitted", "You can preview", "Edit your notification"]:
        assert english not in message.body


def test_the_editor_sees_the_moderators_comment(client, site):  # noqa: F811
    post = Page.objects.get(title="Do poprawy")
    login(client, "editor")
    with translation.override("pl"):
        edit = client.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    assert "Marek Testowa prosi o zmiany: „Proszę dopisać godziny.”" in edit
