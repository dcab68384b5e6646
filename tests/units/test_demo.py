"""The facilities demo: idempotent, and a resident can do what the issue asks with it."""

import re
from datetime import datetime

import pytest
import time_machine

from demo import site as website_demo
from demo import units as units_demo
from units.hours import WARSAW
from units.models import UnitIndexPage, UnitPage


@pytest.fixture
def demo_units(db):
    ctx = {"large": False}
    website_demo.load(ctx)
    units_demo.load(ctx)
    return ctx


def test_demo_is_idempotent(demo_units):
    before = list(UnitPage.objects.values_list("slug", "path"))
    units_demo.load(dict(demo_units))
    assert list(UnitPage.objects.values_list("slug", "path")) == before
    assert UnitIndexPage.objects.count() == 1
    assert len(before) == 6


def test_demo_units_in_order_with_hours_and_photos(demo_units):
    index = demo_units["units_index"]
    units = list(index.units())
    assert [unit.slug for unit in units][:3] == [
        "swietlica-usmiech",
        "klub-seniora",
        "punkt-nieodplatnej-pomocy-prawnej",
    ]
    day_care = units[0]
    assert (day_care.age_from, day_care.age_to, day_care.capacity) == (6, 16, 30)
    assert day_care.photo is not None
    assert day_care.hours.count() == 5
    assert day_care.gallery_photos.count() == 3
    club = units[1]
    assert club.year_founded == 2009
    assert not UnitPage.objects.get(slug="zespol-interdyscyplinarny").schedule


@time_machine.travel(datetime(2025, 3, 3, 13, 0, tzinfo=WARSAW), tick=False)
def test_resident_finds_the_day_care_room_and_its_form(client, demo_units):
    html = client.get("/placowki/").content.decode()
    assert "Świetlica Środowiskowa „Uśmiech”" in html
    assert "Godziny otwarcia (poniedziałek, 3 marca): 12:00–18:00" in html
    page = client.get("/placowki/swietlica-usmiech/").content.decode()
    assert "od 6 do 16 lat" in page
    assert "kuratora sądowego lub pedagoga szkolnego" in page
    assert 'href="tel:+48748123461"' in page
    form = re.search(
        r'<a href="([^"]+)" class="documents__link" download>\s*'
        r'<span class="documents__icon" aria-hidden="true">PDF</span>\s*'
        r"<span>Pobierz Wniosek o przyjęcie dziecka do świetlicy",
        page,
    )
    assert form
    response = client.get(form.group(1))
    assert response.status_code == 200
    assert (
        b"".join(response.streaming_content if response.streaming else [response.content])[:5]
        == b"%PDF-"
    )
