"""Roles that protect residents (issue 21, item 3): messages for who needs them, exports
without spreadsheet formulas, the retention period shown, public files replaced only by a
moderator or the director, each group's description where users get their groups."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page

from pages.models import ContactFormField, OrdinanceAttachment
from staff.roles import SECRETARIAT
from tests.factories import make_pdf_document
from tests.staff.admin_crawl import visible_text
from tests.staff.test_admin_polish import login, site  # noqa: F401 (the fixture)

RESIDENT_MESSAGE = '=HYPERLINK("http://zly.example/";"Kliknij")'


@pytest.fixture
def contact(site):  # noqa: F811
    page = Page.objects.get(pk=site["pages.ContactPage"]).specific
    ContactFormField.objects.create(page=page, label="Wiadomość", field_type="multiline")
    FormSubmission.objects.create(
        page=page, form_data={"wiadomosc": RESIDENT_MESSAGE, "telefon": "+48 600 100 200"}
    )
    return page


@pytest.fixture
def secretary(db):
    user = get_user_model().objects.create_user(username="sekretarka", email="s@example.pl")
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


def get(client, url):
    with translation.override("pl"):
        return client.get(url)


def test_the_secretariat_group_exists_and_opens_the_admin(secretary):
    assert secretary.has_perm("wagtailadmin.access_admin")


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_cannot_read_or_export_messages(client, contact, role):
    login(client, role)
    assert (
        f"/admin/forms/submissions/{contact.pk}/"
        not in get(client, "/admin/forms/").content.decode()
    )
    listing = f"/admin/forms/submissions/{contact.pk}/"
    # Refused: Wagtail sends the user back to the dashboard with "no permission".
    for url in [listing, listing + "?export=csv"]:
        response = get(client, url)
        assert response.status_code in (302, 403)
        assert "HYPERLINK" not in str(getattr(response, "content", b""))
    assert "/admin/forms/" not in get(client, "/admin/").content.decode()


@pytest.mark.parametrize("role", ["secretary", "director", "admin"])
def test_the_secretariat_and_the_director_read_messages_with_the_retention(
    client, contact, secretary, role
):
    if role == "secretary":
        client.force_login(secretary)
    else:
        login(client, role)
    response = get(client, f"/admin/forms/submissions/{contact.pk}/")
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "HYPERLINK" in text
    assert "365 dni" in text


def test_csv_export_neutralises_formulas(client, contact, secretary):
    client.force_login(secretary)
    response = get(client, f"/admin/forms/submissions/{contact.pk}/?export=csv")
    assert response.status_code == 200
    csv = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in csv
    assert ",=HYPERLINK" not in csv and "\n=HYPERLINK" not in csv


@pytest.fixture
def published_ordinance_file(site):  # noqa: F811
    ordinance = Page.objects.get(pk=site["pages.OrdinancePage"]).specific
    document = make_pdf_document(title="Zarządzenie 1/2026", filename="zarzadzenie.pdf")
    OrdinanceAttachment.objects.create(page=ordinance, document=document)
    ordinance.save_revision().publish()
    return document


def replace_file(client, document):
    source = make_pdf_document(text="Inna treść.", filename="nowe.pdf")
    with source.file.open("rb") as handle:
        new_pdf = handle.read()
    with translation.override("pl"):
        return client.post(
            f"/admin/documents/edit/{document.pk}/",
            {
                "title": document.title,
                "collection": document.collection_id,
                "file": SimpleUploadedFile("nowe.pdf", new_pdf, "application/pdf"),
                "tags": "",
            },
        )


def test_an_editor_cannot_replace_the_file_of_a_published_ordinance(
    client, published_ordinance_file
):
    old_name = published_ordinance_file.file.name
    login(client, "editor")
    response = replace_file(client, published_ordinance_file)
    assert response.status_code == 200
    assert "tylko moderator lub dyrektor" in visible_text(response.content.decode())
    published_ordinance_file.refresh_from_db()
    assert published_ordinance_file.file.name == old_name


@pytest.mark.parametrize("role", ["moderator", "director"])
def test_a_moderator_or_the_director_can_replace_it(client, published_ordinance_file, role):
    old_name = published_ordinance_file.file.name
    login(client, role)
    response = replace_file(client, published_ordinance_file)
    assert response.status_code == 302, visible_text(response.content.decode())[-800:]
    published_ordinance_file.refresh_from_db()
    assert published_ordinance_file.file.name != old_name


def test_an_editor_still_replaces_a_file_nobody_links_to(client, site):  # noqa: F811
    document = make_pdf_document(title="Szkic ulotki", filename="ulotka.pdf")
    login(client, "editor")
    assert replace_file(client, document).status_code == 302


def test_group_descriptions_are_shown_where_users_get_their_groups(client, site):  # noqa: F811
    login(client, "admin")
    editor = get_user_model().objects.get(username="crawl-editor")
    for url in [
        reverse("wagtailusers_users:add"),
        reverse("wagtailusers_users:edit", args=[editor.pk]),
    ]:
        text = visible_text(get(client, url).content.decode())
        assert "Sekretariat" in text
        assert "eksportuje wiadomości" in text
        assert "zatwierdzenie moderatora" in text or "zatwierdzenia moderatora" in text
