"""Forms library: listing with format, size and version; topic filter; stable download URL."""

import datetime

import pytest

from services.models import FormsLibraryPage, ServiceFormPage
from tests.factories import (
    make_pdf_document,
    make_service,
    make_service_topic,
    publish_child,
)


@pytest.fixture
def library(home, site_settings):
    financial = make_service_topic(home)
    support = make_service_topic(home, "Wsparcie i opieka", "wsparcie-i-opieka")
    allowance = make_service(financial, "Zasiłek stały")
    care = make_service(support, "Usługi opiekuńcze")
    library = publish_child(home, FormsLibraryPage(title="Druki do pobrania", slug="druki"))
    forms = {}
    for slug, title, service in [
        ("wniosek-zasilek", "Wniosek o zasiłek stały", allowance),
        ("wniosek-uslugi", "Wniosek o usługi opiekuńcze", care),
    ]:
        forms[slug] = publish_child(
            library,
            ServiceFormPage(
                title=title,
                slug=slug,
                service=service,
                document=make_pdf_document(title, f"{slug}.pdf"),
                version_date=datetime.date(2025, 1, 2),
            ),
        )
    return {"library": library, "forms": forms, "allowance": allowance, "care": care}


def test_library_lists_every_form_with_format_size_and_version(library, client):
    html = client.get(library["library"].url).content.decode()
    assert "Wniosek o zasiłek stały" in html
    assert "Wniosek o usługi opiekuńcze" in html
    assert "PDF" in html
    assert "2 stycznia 2025" in html
    assert " KB" in html or " B" in html
    assert "2 druki" in html


def test_filter_by_topic(library, client):
    url = library["library"].url
    html = client.get(url + "?kategoria=wsparcie-i-opieka").content.decode()
    assert "Wniosek o usługi opiekuńcze" in html
    assert "Wniosek o zasiłek stały" not in html
    # An unknown topic shows everything, with a note, never an error.
    response = client.get(url + "?kategoria=%3Cscript%3E")
    assert response.status_code == 200
    assert "Nie ma takiego tematu" in response.content.decode()


def test_service_page_lists_its_forms_and_form_page_links_back(library, client):
    html = client.get(library["allowance"].url).content.decode()
    form = library["forms"]["wniosek-zasilek"]
    assert form.download_url in html
    assert "Wniosek o usługi opiekuńcze" not in html
    form_html = client.get(form.url).content.decode()
    assert library["allowance"].url in form_html


def test_download_url_stays_the_same_when_the_file_is_replaced(library, client):
    form = library["forms"]["wniosek-zasilek"]
    first = client.get(form.download_url)
    assert first.status_code == 302
    assert first["Location"] == form.document.url
    assert client.get(first["Location"]).status_code == 200
    # Staff upload a new version: the form's download address does not change.
    form.document = make_pdf_document("Wniosek (wersja 2026)", "wniosek-2026.pdf")
    form.version_date = datetime.date(2026, 1, 2)
    form.save_revision().publish()
    second = client.get(form.download_url)
    assert second.status_code == 302
    assert second["Location"] == form.document.url
    assert second["Location"] != first["Location"]
    assert "no-cache" in second["Cache-Control"]
