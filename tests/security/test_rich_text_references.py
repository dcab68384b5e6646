"""Rich-text references an editor cannot break a page with (issue 22, finding 3).

A LINK entity whose id is not a number, or a DOCUMENT entity with a bad id, is
refused on save with a Polish message; one already stored renders as plain text on
the public page, in the revision preview and in the editor. Text that is not the
editor's JSON, and an image file that is only a GIF header, are form errors.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from pages.models import StandardPage

EVIL_ID = '1" onmouseover="alert(1)'
STORED = (
    '<p><a linktype="page" id="1&quot; onmouseover=&quot;alert(1)">Kliknij</a> i '
    '<a linktype="document" id="abc">pobierz plik</a></p>'
)


def contentstate(entity_type, entity_id):
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "text": "Kliknij tutaj",
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 7, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {
                "0": {
                    "type": entity_type,
                    "mutability": "MUTABLE",
                    "data": {"id": entity_id, "url": "/"},
                }
            },
        }
    )


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redaktor", "r@example.pl", "Dlugie-Haslo-123")


@pytest.fixture
def page(home):
    page = StandardPage(title="O nas", slug="o-nas")
    home.add_child(instance=page)
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


@pytest.fixture
def staff_client(editor):
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    return client


def edit(client, page, paragraph):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "lead": "",
            "body": streamfield([("paragraph", paragraph)]),
            "comments": inline_formset([]),
        }
    )
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def body_errors(response):
    """The messages of the body's blocks, as the stream editor receives them."""
    errors = response.context["form"].errors["body"].as_data()
    return json.dumps([error.as_json_data() for error in errors], ensure_ascii=False)


class TestRefusedOnSave:
    @pytest.mark.parametrize(
        "entity_type, entity_id", [("LINK", EVIL_ID), ("DOCUMENT", "abc"), ("DOCUMENT", EVIL_ID)]
    )
    def test_malformed_reference_is_refused_in_polish(
        self, staff_client, page, entity_type, entity_id
    ):
        response = edit(staff_client, page, contentstate(entity_type, entity_id))
        assert response.status_code == 200
        assert "Odnośnik w tekście jest uszkodzony" in body_errors(response)
        assert "onmouseover" not in StandardPage.objects.get(pk=page.pk).body.raw_data.__repr__()
        assert page.get_latest_revision().content.get("body") in (None, [], "[]")

    def test_good_page_link_is_saved(self, staff_client, page, home):
        response = edit(staff_client, page, contentstate("LINK", home.pk))
        assert response.status_code == 302

    def test_text_that_is_not_the_editors_json_is_a_form_error(self, staff_client, page):
        response = edit(staff_client, page, '{"blocks": [ nie json')
        assert response.status_code == 200
        assert "Nie udało się odczytać tekstu" in body_errors(response)


class TestStoredMalformedReferences:
    @pytest.fixture
    def broken(self, page):
        page.body = [("paragraph", STORED)]
        revision = page.save_revision()
        revision.publish()
        return StandardPage.objects.get(pk=page.pk), revision

    def test_public_page_renders_them_as_text(self, broken):
        page, _revision = broken
        response = Client(raise_request_exception=False).get(page.url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Kliknij" in body and "pobierz plik" in body
        assert "onmouseover" not in body

    def test_editor_opens_so_it_can_be_fixed(self, staff_client, broken):
        page, _revision = broken
        assert staff_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200

    def test_revision_preview_renders(self, staff_client, broken):
        page, revision = broken
        url = f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/"
        response = staff_client.get(url)
        assert response.status_code == 200
        assert "onmouseover" not in response.content.decode()


def test_gif_header_only_is_an_upload_error(staff_client):
    response = staff_client.post(
        "/admin/images/add/",
        {
            "title": "zepsuty",
            "file": SimpleUploadedFile("zepsuty.gif", b"GIF89a"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()
