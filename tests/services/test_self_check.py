"""The self-check: a GET form, indicative results from the shared criteria, bad input -> 400."""

from decimal import Decimal

import pytest

from services.eligibility import assess, parse_amount
from services.models import EligibilityCheckPage
from services.models.criteria import CriteriaTable
from tests.factories import make_service, make_service_topic, publish_child


@pytest.fixture
def check(home, site_settings):
    topic = make_service_topic(home)
    make_service(topic, "Zasiłek stały", eligibility_rule="permanent")
    make_service(topic, "Zasiłek celowy", eligibility_rule="purpose")
    make_service(topic, "Dożywianie", eligibility_rule="meals")
    return publish_child(home, EligibilityCheckPage(title="Sprawdź", slug="sprawdz"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2450", "2450"),
        ("2 450,50", "2450.50"),
        ("2450.5 zł", "2450.5"),
        ("abc", None),
        ("1e3", None),
    ],
)
def test_parse_amount(raw, expected):
    assert parse_amount(raw) == (Decimal(expected) if expected else None)


def test_rules_use_the_criteria_of_the_day(db):
    table = CriteriaTable()
    results, per_person = assess(1, Decimal("900"), ["wiek"], table)
    rules = [rule for rule, _reason in results]
    assert per_person == Decimal("900.00")
    assert rules[:3] == ["permanent", "periodic", "purpose"]
    assert "meals" in rules
    assert "1229 zł" in dict(results)["permanent"]
    # A family of four with 4000 zł: 1000 zł a person, above 823 but within 200 %.
    results, _ = assess(4, Decimal("4000"), [], table)
    assert [rule for rule, _ in results] == ["meals"]
    # Far above every criterion, nothing with an income criterion applies.
    assert assess(1, Decimal("9000"), [], table)[0] == []


def test_the_check_answers_with_links_and_is_never_cached(check, client):
    response = client.get(check.url, {"osoby": "1", "dochod": "900", "sytuacja": "wiek"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Co może Ci przysługiwać" in html
    assert "Zasiłek stały" in html and "/zasilek-staly/" in html
    assert "o pomocy decyduje ośrodek".lower() in html.lower()
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert response.get("X-Cache") != "HIT"
    again = client.get(check.url, {"osoby": "1", "dochod": "900", "sytuacja": "wiek"})
    assert again.get("X-Cache") != "HIT"


def test_the_empty_form_is_an_ordinary_cached_page(check, client):
    first = client.get(check.url)
    assert first.status_code == 200
    assert "<fieldset" in first.content.decode()
    assert client.get(check.url)["X-Cache"] == "HIT"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"osoby": "0", "dochod": "100"}, "od 1 do 20"),
        ({"osoby": "99", "dochod": "100"}, "od 1 do 20"),
        ({"osoby": "abc", "dochod": "100"}, "od 1 do 20"),
        ({"osoby": "2", "dochod": "abc"}, "kwotę w złotych"),
        ({"osoby": "2", "dochod": "1000000000000"}, "za duża"),
        ({"osoby": "2", "dochod": "-5"}, "nie może być ujemny"),
        ({"osoby": "", "dochod": ""}, "Podaj liczbę osób"),
        ({"osoby": "2", "dochod": "100", "sytuacja": "xyz"}, "Wybierz tylko"),
        ({"osoby": "2" * 5000, "dochod": "1" * 5000}, "Popraw"),
    ],
)
def test_bad_input_gets_a_polish_error_summary(check, client, params, message):
    response = client.get(check.url, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert message in html
    assert "<title>Błąd:" in html
    assert "Co może Ci przysługiwać" not in html


def test_an_answer_costs_few_queries(check, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(check.url)  # the site-wide parts are cached, as on a running site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(check.url, {"osoby": "3", "dochod": "1500", "sytuacja": "wiek"})
    assert response.status_code == 200
    assert len(queries) <= 12
