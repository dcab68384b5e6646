"""The services demo: at least 12 services with documents, steps and forms; idempotent."""

import pytest
from wagtail.models import Page

from demo import pages as pages_demo
from demo import services as services_demo
from demo import site as website_demo
from demo import units as units_demo
from services.models import (
    AudiencePage,
    FormsLibraryPage,
    ServiceFormPage,
    ServicePage,
    WorkerArea,
    WorkerAreaStreet,
)

ISSUE_SERVICES = [
    "zasilek-staly",
    "zasilek-okresowy",
    "zasilek-celowy",
    "specjalny-zasilek-celowy",
    "dozywianie",
    "uslugi-opiekuncze",
    "dom-pomocy-spolecznej",
    "dodatek-mieszkaniowy",
    "dodatek-energetyczny",
    "karta-duzej-rodziny",
    "asystent-rodziny",
    "pomoc-w-kryzysie-bezdomnosci",
    "niebieska-karta",
]


def load():
    ctx = {"large": False}
    for module in (website_demo, pages_demo, units_demo, services_demo):
        module.load(ctx)
    return ctx


@pytest.fixture
def demo_services(db):
    return load()


def snapshot():
    return (
        list(Page.objects.order_by("path").values_list("path", "slug")),
        WorkerArea.objects.count(),
        WorkerAreaStreet.objects.count(),
    )


def test_every_service_of_the_issue_is_there_and_complete_and_loading_twice_changes_nothing(
    demo_services,
):
    services = {page.slug: page for page in ServicePage.objects.live()}
    assert set(ISSUE_SERVICES) <= set(services)
    for slug in ISSUE_SERVICES:
        page = services[slug]
        assert len(page.documents) >= 1, slug
        assert len(page.steps) >= 2, slug
        assert page.last_reviewed, slug
        assert page.eligibility_rule, slug
        assert page.audiences.exists(), slug
    assert services["niebieska-karta"].office.slug == "zespol-interdyscyplinarny"
    assert services["zasilek-staly"].get_parent().slug == "pomoc-finansowa"
    check_forms_are_real_pdfs_linked_to_services()
    check_audiences_and_areas()
    # Idempotent: a second load gives the same tree and rows.
    before = snapshot()
    load()
    assert snapshot() == before


def check_forms_are_real_pdfs_linked_to_services():
    forms = list(ServiceFormPage.objects.live().select_related("document", "service"))
    assert len(forms) >= 9
    for form in forms:
        assert form.service is not None
        with form.document.file.open("rb") as file:
            assert file.read(5) == b"%PDF-"
    assert FormsLibraryPage.objects.count() == 1


def check_audiences_and_areas():
    assert AudiencePage.objects.live().count() == 6
    assert WorkerArea.objects.count() == 4
    assert WorkerAreaStreet.objects.filter(locality="Dębina").exists()
