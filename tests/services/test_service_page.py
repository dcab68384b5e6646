"""The service page: structured parts shown only when filled, criteria of the day, JSON-LD."""

import datetime
import json
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from services.models import Criterion, CriterionValue, ServicePage
from services.models.criteria import CriteriaTable, format_pln
from tests.factories import make_service, make_service_topic, make_unit_index, make_units

DOCUMENTS = [
    ("document", {"name": "Dowód osobisty", "note": ""}),
    ("document", {"name": "Zaświadczenie o dochodach", "note": "z ostatniego miesiąca"}),
]
STEPS = [
    ("step", {"title": "Zadzwoń do pracownika socjalnego", "text": "<p>Umówimy wizytę.</p>"}),
    ("step", {"title": "Wywiad środowiskowy", "text": ""}),
    ("step", {"title": "Decyzja", "text": "<p>W ciągu miesiąca.</p>"}),
]
LAW = [
    (
        "act",
        {
            "act": "Ustawa z dnia 12 marca 2004 r. o pomocy społecznej",
            "article": "art. 37",
            "url": "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20040640593",
        },
    )
]


def criterion(key):
    return Criterion.objects.get(key=key)


@pytest.fixture
def topic(home, site_settings):
    return make_service_topic(home)


@pytest.fixture
def full_service(topic):
    index = make_unit_index(topic.get_parent().specific)
    unit = make_units(index, 1)[0]
    return make_service(
        topic,
        eligibility_plain="<p>Dla osób, które nie mogą pracować.</p>",
        eligibility_legal="<p>Art. 37 ustawy.</p>",
        criteria=[criterion("income_single"), criterion("income_family")],
        documents=DOCUMENTS,
        steps=STEPS,
        office=unit,
        office_room="pokój 12, parter",
        online_epuap=True,
        deadline="W dowolnym momencie.",
        decision_time="Do 30 dni.",
        cost="Bezpłatnie.",
        appeal="<p>Do SKO w ciągu 14 dni.</p>",
        legal_basis=LAW,
        contact_name="Dział Pomocy Środowiskowej",
        contact_phone="74 812 34 70",
        last_reviewed=datetime.date(2026, 10, 1),
    )


def test_seeded_criteria_are_in_force_by_date(db):
    table = CriteriaTable(datetime.date(2025, 1, 1))
    assert table.value("income_single") == Decimal("1010")
    assert table.value("income_family") == Decimal("823")
    assert table.value("permanent_allowance_max") == Decimal("1229")
    assert table.meals_limits() == (Decimal("2020"), Decimal("1646"))
    before = CriteriaTable(datetime.date(2024, 12, 31))
    assert (before.value("income_single"), before.value("income_family")) == (776, 600)
    older = CriteriaTable(datetime.date(2021, 12, 31))
    assert (older.value("income_single"), older.value("income_family")) == (701, 528)
    assert CriteriaTable(datetime.date(2018, 9, 30)).value("income_single") is None


def test_future_value_entered_in_advance_shows_on_its_day(full_service, client):
    CriterionValue.objects.create(
        criterion=criterion("income_single"),
        value=Decimal("1100"),
        applies_from=datetime.date(2027, 1, 1),
    )
    with time_machine.travel(datetime.datetime(2026, 12, 31, 12, tzinfo=datetime.UTC)):
        html = client.get(full_service.url).content.decode()
        assert "1010 zł" in html
        assert "1100 zł" in html  # announced as the next value
    with time_machine.travel(datetime.datetime(2027, 1, 2, 12, tzinfo=datetime.UTC)):
        html = client.get(full_service.url).content.decode()
        assert "1100 zł" in html
        assert "1010 zł" not in html


def test_full_service_page_shows_every_part(full_service, client):
    response = client.get(full_service.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Kto może dostać",
        "Dowód osobisty",
        "z ostatniego miesiąca",
        "Zadzwoń do pracownika socjalnego",
        "Placówka 0",  # the facility, taken from its page
        "ul. Lipowa 1",
        "pokój 12, parter",
        "74 812 34 60",
        "ePUAP",
        "Do 30 dni.",
        "Bezpłatnie.",
        "Do SKO",
        "isap.sejm.gov.pl",
        "art. 37",
        "Dział Pomocy Środowiskowej",
        "1 października 2026",
        "1010 zł",
        "823 zł",
    ]:
        assert text in html, text
    # The checklist is a plain visible list, the steps a numbered list.
    assert re.search(r'<ul class="checklist">\s*<li>Dowód osobisty', html)
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<details" not in main
    assert html.count('class="steps__item"') == 3
    assert re.search(r"<ol class=\"steps\">", html)


def test_json_ld_is_a_government_service(full_service, client):
    html = client.get(full_service.url).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "Zasiłek stały"
    assert data["provider"]["name"] == "Ośrodek Pomocy Społecznej w Testowie"
    assert data["availableChannel"][0]["servicePhone"]["telephone"] == "+48748123460"
    assert data["dateModified"] == "2026-10-01"


def test_empty_parts_are_not_shown(topic, client):
    page = make_service(topic, title="Asystent rodziny", in_person=False, by_post=False)
    html = client.get(page.url).content.decode()
    for heading in [
        "Kto może dostać",
        "Dokumenty",
        "krok po kroku",
        "Gdzie złożyć",
        "Podstawa prawna",
        "Jak się odwołać",
        "Kryterium dochodowe",
    ]:
        assert heading not in html, heading
    # Not reviewed yet: the date it was last published stands in.
    published = page.last_published_at.astimezone(ZoneInfo("Europe/Warsaw")).date()
    assert f'Ostatnia aktualizacja: <time datetime="{published.isoformat()}">' in html


def test_in_person_without_a_facility_uses_the_site_settings(topic, client):
    page = make_service(topic, title="Zasiłek okresowy")
    html = client.get(page.url).content.decode()
    assert "ul. Próbna 1" in html
    assert "12 345 67 89" in html


def test_format_pln():
    assert format_pln(Decimal("1010")) == "1010 zł"
    assert format_pln(Decimal("1229.50")) == "1229,50 zł"


def test_a_service_lives_under_a_topic_only(topic):
    assert ServicePage.parent_page_types == ["services.ServiceIndexPage"]
    from pages.models import StandardPage

    assert "services.ServiceIndexPage" in StandardPage.subpage_types
