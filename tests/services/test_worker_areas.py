"""Finding one's social worker: accents and word forms forgiven, odd input answered normally."""

import pytest

from services.areas import parse_query, stem, words_of
from services.models import WorkerArea, WorkerAreaStreet, WorkerSearchPage
from tests.factories import publish_child


@pytest.fixture
def search_page(home, site_settings):
    areas = [
        (
            "Rejon 1",
            "Katarzyna Nowicka",
            [
                ("Lipowo Zdrojowe", "Lipowa", 1, 40, "all"),
                ("Lipowo Zdrojowe", "Kościelna", None, None, "all"),
                ("Lipowo Zdrojowe", "3 Maja", None, None, "all"),
            ],
        ),
        (
            "Rejon 2",
            "Tomasz Wilk",
            [
                ("Lipowo Zdrojowe", "Lipowa", 41, None, "all"),
                ("Lipowo Zdrojowe", "Zdrojowa", None, None, "even"),
            ],
        ),
        (
            "Rejon 3",
            "Magdalena Sikora",
            [
                ("Wólka", "", None, None, "all"),
                ("Dębina", "", None, None, "all"),
                ("Lipowo Zdrojowe", "Zdrojowa", None, None, "odd"),
            ],
        ),
    ]
    for order, (name, worker, streets) in enumerate(areas):
        area = WorkerArea(
            name=name,
            worker_name=worker,
            phone=f"74 812 34 7{order}",
            duty_hours="wtorek 12:00–15:30",
            sort_order=order,
        )
        area.streets = [
            WorkerAreaStreet(
                locality=loc,
                street=street,
                number_from=start,
                number_to=end,
                parity=parity,
                sort_order=n,
            )
            for n, (loc, street, start, end, parity) in enumerate(streets)
        ]
        area.save()
    return publish_child(home, WorkerSearchPage(title="Znajdź pracownika", slug="pracownik"))


def results(client, page, query):
    response = client.get(page.url, {"adres": query})
    assert response.status_code == 200
    html = response.content.decode()
    part = html.split('id="worker-results"', 1)[1].split('id="all-areas"', 1)[0]
    return {name for name in ("Nowicka", "Wilk", "Sikora") if name in part}, part


def test_parse_query():
    assert parse_query("ul. Lipowej 5") == (["lipow"], 5)
    assert parse_query("3 Maja") == (["3", "maj"], None)
    assert parse_query("3 Maja 12a") == (["3", "maj"], 12)
    assert words_of("Dębinie") == words_of("debina") == [stem("debina")]


@pytest.mark.parametrize(
    ("query", "workers"),
    [
        ("Lipowa 5", {"Nowicka"}),
        ("ul. lipowej 5", {"Nowicka"}),
        ("LIPOWA 41", {"Wilk"}),
        ("Lipowa", {"Nowicka", "Wilk"}),
        ("koscielna", {"Nowicka"}),
        ("Kościelnej 3", {"Nowicka"}),
        ("w Wólce", {"Sikora"}),
        ("Wolka", {"Sikora"}),
        ("Dębinie", {"Sikora"}),
        ("Zdrojowa 7", {"Sikora"}),
        ("Zdrojowa 8", {"Wilk"}),
        ("3 Maja 12", {"Nowicka"}),
    ],
)
def test_resident_finds_the_worker(search_page, client, query, workers):
    found, part = results(client, search_page, query)
    assert found == workers, part
    assert "wtorek 12:00–15:30" in part


def test_town_name_alone_asks_for_the_street(search_page, client):
    found, part = results(client, search_page, "Lipowo Zdrojowe")
    assert "zależy od ulicy" in part
    assert found == {"Nowicka", "Wilk", "Sikora"}


@pytest.mark.parametrize(
    "query", ["'; DROP TABLE x;--", '"', "12345", "ąęśćżźńół" * 30, "Nieistniejąca 7", "%00", "<b>"]
)
def test_odd_input_is_answered_normally(search_page, client, query):
    found, part = results(client, search_page, query)
    assert found == set()
    assert 'role="status"' in part


def test_browse_list_by_area_and_cached_without_a_query(search_page, client):
    html = client.get(search_page.url).content.decode()
    assert 'id="worker-results"' not in html
    for text in [
        "Rejon 1",
        "Rejon 2",
        "Rejon 3",
        "Lipowo Zdrojowe, ul. Lipowa 1–40",
        "numery parzyste",
        "Dębina",
    ]:
        assert text in html, text
    assert client.get(search_page.url)["X-Cache"] == "HIT"


def test_an_area_saved_in_the_admin_shows_at_once(
    search_page, client, django_capture_on_commit_callbacks
):
    client.get(search_page.url)
    area = WorkerArea.objects.get(name="Rejon 3")
    with django_capture_on_commit_callbacks(execute=True):
        WorkerAreaStreet.objects.create(area=area, locality="Kamionka", sort_order=9)
    found, _part = results(client, search_page, "Kamionka")
    assert found == {"Sikora"}


def test_a_search_costs_few_queries(search_page, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(search_page.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(search_page.url, {"adres": "Lipowa 3"}).status_code == 200
    assert len(queries) <= 12
