"""'Komu pomagamy': hubs list the services tagged with them and the chosen facilities."""

import pytest

from services.models import AudienceFacility, AudienceIndexPage, AudiencePage
from tests.factories import (
    make_service,
    make_service_topic,
    make_unit_index,
    make_units,
    publish_child,
)


@pytest.fixture
def hubs(home, site_settings):
    index = publish_child(home, AudienceIndexPage(title="Komu pomagamy", slug="komu-pomagamy"))
    seniors = publish_child(
        index, AudiencePage(title="Seniorzy", slug="seniorzy", intro="Dla was.")
    )
    families = publish_child(index, AudiencePage(title="Rodziny z dziećmi", slug="rodziny"))
    club = make_units(make_unit_index(home), 1)[0]
    AudienceFacility.objects.create(page=seniors, unit=club, sort_order=0)
    topic = make_service_topic(home)
    make_service(topic, "Usługi opiekuńcze", audiences=[seniors])
    make_service(topic, "Karta Dużej Rodziny", audiences=[families])
    make_service(topic, "Zasiłek celowy", audiences=[seniors, families])
    return index, seniors, families


def test_hub_lists_tagged_services_and_facilities(hubs, client):
    index, seniors, families = hubs
    html = client.get(seniors.url).content.decode()
    assert "Usługi opiekuńcze" in html and "Zasiłek celowy" in html
    assert "Karta Dużej Rodziny" not in html
    assert "Placówka 0" in html
    html = client.get(families.url).content.decode()
    assert "Karta Dużej Rodziny" in html and "Usługi opiekuńcze" not in html
    index_html = client.get(index.url).content.decode()
    assert "Seniorzy" in index_html and "Rodziny z dziećmi" in index_html


def test_unpublished_service_is_not_listed(hubs, client):
    _index, seniors, _families = hubs
    from services.models import ServicePage

    ServicePage.objects.get(title="Usługi opiekuńcze").unpublish()
    assert "Usługi opiekuńcze" not in client.get(seniors.url).content.decode()


def test_service_page_names_its_audiences(hubs, client):
    from services.models import ServicePage

    page = ServicePage.objects.get(title="Zasiłek celowy")
    html = client.get(page.url).content.decode()
    assert "Seniorzy" in html and "Rodziny z dziećmi" in html
