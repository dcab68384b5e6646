"""A project's status comes from its dates; amounts are written the Polish way."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from projects.formatting import format_number, format_pln
from projects.models import Status, project_status
from tests.factories import make_programme, make_project, make_project_index

NBSP = "\u00a0"
START, END = datetime.date(2024, 3, 1), datetime.date(2026, 6, 30)
WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (datetime.date(2024, 2, 29), Status.PLANNED),
        (START, Status.ONGOING),  # the first day counts
        (datetime.date(2025, 1, 1), Status.ONGOING),
        (END, Status.ONGOING),  # and the last one
        (datetime.date(2026, 7, 1), Status.FINISHED),
    ],
)
def test_status_is_derived_from_the_dates(today, status):
    assert project_status(START, END, today) == status


@pytest.mark.django_db
def test_status_follows_the_clock_on_the_page(client, home):
    index = make_project_index(home)
    project = make_project(index, "Projekt", make_programme(), start=START, end=END)
    for moment, label in [
        (datetime.datetime(2024, 2, 1, 12, tzinfo=WARSAW), "planowany"),
        (datetime.datetime(2026, 6, 30, 23, 30, tzinfo=WARSAW), "w realizacji"),
        (datetime.datetime(2026, 7, 1, 0, 30, tzinfo=WARSAW), "zakończony"),
    ]:
        with time_machine.travel(moment, tick=False):
            project.refresh_from_db()
            assert project.status_label == label
            html = client.get(project.url).content.decode()
            assert f"Status: <strong>{label}</strong>" in html


@pytest.mark.django_db
def test_index_groups_projects_by_status(client, home):
    index = make_project_index(home)
    programme = make_programme()
    make_project(index, "Trwający", programme, start=START, end=END)
    make_project(index, "Skończony", programme, start=datetime.date(2019, 1, 1), end=START)
    make_project(index, "Przyszły", programme, start=END, end=datetime.date(2027, 12, 31))
    with time_machine.travel(datetime.datetime(2025, 5, 5, 12, tzinfo=WARSAW), tick=False):
        response = client.get(index.url)
    context = response.context
    assert [p.title for p in context["ongoing"]] == ["Trwający"]
    assert [p.title for p in context["finished"]] == ["Skończony"]
    assert [p.title for p in context["planned"]] == ["Przyszły"]
    html = response.content.decode()
    ongoing, planned, finished = (
        html.index(heading)
        for heading in ("Projekty w realizacji", "Projekty planowane", "Projekty zakończone")
    )
    assert ongoing < html.index("Trwający") < planned < html.index("Przyszły") < finished


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1234567.89"), f"1{NBSP}234{NBSP}567,89{NBSP}zł"),
        (Decimal("486200"), f"486{NBSP}200,00{NBSP}zł"),
        (Decimal("999.995"), f"1{NBSP}000,00{NBSP}zł"),
        (Decimal("0.5"), f"0,50{NBSP}zł"),
        (Decimal("0"), f"0,00{NBSP}zł"),
        (None, ""),
    ],
)
def test_amounts_in_polish(value, text):
    assert format_pln(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("40.00"), "40"), (Decimal("38.50"), "38,5"), (Decimal("12500"), f"12{NBSP}500")],
)
def test_indicator_values_in_polish(value, text):
    assert format_number(value) == text


@pytest.mark.django_db
def test_page_and_card_show_the_amounts(client, home):
    index = make_project_index(home)
    project = make_project(
        index,
        "Centrum Aktywności Seniora",
        make_programme(),
        total_value=Decimal("1234567.89"),
        eu_contribution=Decimal("1049382.71"),
        national_contribution=Decimal("123456.79"),
    )
    page = client.get(project.url).content.decode()
    assert f"1{NBSP}234{NBSP}567,89{NBSP}zł" in page
    assert f"1{NBSP}049{NBSP}382,71{NBSP}zł (85%)" in page
    assert f"123{NBSP}456,79{NBSP}zł" in page
    card = client.get(index.url).content.decode()
    assert f"1{NBSP}234{NBSP}567,89{NBSP}zł" in card and f"1{NBSP}049{NBSP}382,71{NBSP}zł" in card
