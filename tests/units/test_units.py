"""Facilities ("Placówki"): the index, unit pages, JSON-LD, the home section, query budgets."""

import io
import json
import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from core.models import HomePage
from units.hours import WARSAW
from units.models import (
    UnitDocument,
    UnitException,
    UnitIndexPage,
    UnitOpeningHours,
    UnitPage,
    UnitPhoto,
)

# Monday 3 March 2025, 10:00 in Warsaw.
MONDAY_10 = datetime(2025, 3, 3, 10, 0, tzinfo=WARSAW)
# Queries of the unit's own data (not the page rows Wagtail's routing loads).
UNIT_TABLES = re.compile(
    r'FROM "(units_(?!unitpage"|unitindexpage")\w+|wagtailimages_\w+|wagtaildocs_\w+)"'
)


def make_image(title="Zdjęcie", alt="Dzieci przy stole w świetlicy"):
    out = io.BytesIO()
    PILImage.new("RGB", (160, 100), "#88aacc").save(out, "JPEG")
    image = get_image_model()(title=title, description=alt)
    image.file = ImageFile(io.BytesIO(out.getvalue()), name="photo.jpg")
    image.save()
    return image


def make_document(title="Wniosek o przyjęcie dziecka do świetlicy"):
    document = get_document_model()(title=title)
    document.file.save("wniosek.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    return document


OFFICE_HOURS = [(day, "08:00", "16:00") for day in range(5)]


def make_unit(index, title, hours=OFFICE_HOURS, exceptions=(), **fields):
    fields.setdefault("short_description", f"Opis: {title}")
    unit = UnitPage(title=title, **fields)
    unit.hours = [
        UnitOpeningHours(
            weekday=day,
            opens=time.fromisoformat(opens),
            closes=time.fromisoformat(closes),
            sort_order=i,
        )
        for i, (day, opens, closes) in enumerate(hours)
    ]
    unit.exceptions = list(exceptions)
    index.add_child(instance=unit)
    unit.save_revision().publish()
    return UnitPage.objects.get(pk=unit.pk)


@pytest.fixture
def index(home, site_settings):
    page = UnitIndexPage(title="Placówki", slug="placowki", intro="Miejsca, które prowadzimy.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return UnitIndexPage.objects.get(pk=page.pk)


@pytest.fixture
def day_care(index):
    photo = make_image()
    unit = make_unit(
        index,
        "Świetlica Środowiskowa „Uśmiech”",
        kind=UnitPage.Kind.DAY_CARE,
        short_description="Zajęcia i pomoc w nauce dla dzieci w wieku 6–16 lat.",
        photo=photo,
        target_group="Dzieci i młodzież z gminy.",
        age_from=6,
        age_to=16,
        capacity=30,
        admission="<ol><li>Rodzic składa pisemny wniosek.</li></ol>",
        street_address="ul. Lipowa 7",
        postal_code="58-321",
        city="Lipowo Zdrojowe",
        location_note="parter",
        phone="74 812 34 60",
        email="swietlica@example.pl",
        contact_person="Anna Kowal, kierowniczka",
        year_founded=2004,
        access_entrance="Wejście bez progów",
        access_parking="Dwa miejsca przy wejściu",
        exceptions=[
            UnitException(date=date(2025, 3, 5), closed=True, note="Dzień Kobiet", sort_order=0),
            UnitException(
                date=date(2025, 3, 10),
                date_to=date(2025, 3, 11),
                closed=False,
                opens=time(8),
                closes=time(12),
                sort_order=1,
            ),
            UnitException(date=date(2025, 1, 1), closed=True, note="Nowy Rok", sort_order=2),
        ],
    )
    UnitDocument.objects.create(page=unit, document=make_document(), title="Wniosek (PDF)")
    for number in range(3):
        UnitPhoto.objects.create(
            page=unit,
            image=make_image(f"Galeria {number}"),
            caption=f"Zajęcia {number}",
            sort_order=number,
        )
    return unit


def get(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


# The tree


def test_tree_rules(home):
    assert UnitIndexPage.can_create_at(home)
    assert UnitIndexPage.max_count == 1
    assert UnitPage.parent_page_types == ["units.UnitIndexPage"]
    assert not UnitPage.can_create_at(home)
    assert UnitIndexPage.show_in_menus_default


# The index


@time_machine.travel(MONDAY_10, tick=False)
def test_index_lists_units_in_the_order_staff_set(client, index):
    first = make_unit(index, "Klub Seniora")
    second = make_unit(index, "Punkt nieodpłatnej pomocy prawnej")
    third = make_unit(index, "Świetlica „Uśmiech”")
    # Staff drag the day-care room to the top in the admin.
    Page.objects.get(pk=third.pk).move(index, pos="first-child")
    html = get(client, index)
    titles = re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html)
    assert titles == [third.title, first.title, second.title]


@time_machine.travel(MONDAY_10, tick=False)
def test_index_card_shows_name_line_photo_address_and_todays_hours(client, index, day_care):
    make_unit(index, "Klub Seniora", hours=[])  # no hours, no photo, centre's address
    html = get(client, index)
    assert "Świetlica Środowiskowa „Uśmiech”" in html
    assert "Zajęcia i pomoc w nauce dla dzieci w wieku 6–16 lat." in html
    assert "ul. Lipowa 7, 58-321 Lipowo Zdrojowe, parter" in html
    assert html.count("<picture") == 1
    assert "Godziny otwarcia (poniedziałek, 3 marca): 8:00–16:00" in html
    # The phone on the card, tap to call.
    assert 'href="tel:+48748123460"' in html
    # The club falls back to the centre's address and says how to get in touch.
    assert "ul. Próbna 1, 00-001 Testowo" in html
    assert "Brak stałych godzin otwarcia" in html
    # The live status comes from the browser: the data and the script are there.
    assert 'id="opening-hours-texts"' in html
    assert "js/opening-hours.js" in html
    assert "data-opening-hours=" in html


def test_index_without_units(client, index):
    html = get(client, index)
    assert "Nie opublikowano jeszcze żadnej placówki." in html


def test_draft_and_private_units_are_not_listed(client, index):
    make_unit(index, "Widoczna")
    draft = make_unit(index, "Szkic")
    draft.unpublish()
    html = get(client, index)
    assert "Widoczna" in html
    assert "Szkic" not in html


@pytest.fixture
def no_page_cache(settings):
    """Every request renders, so query counts measure the page and not the cache."""
    settings.PAGE_CACHE_EXCLUDED_PREFIXES = ("/",)


def _index_queries(client, index):
    client.get(index.url)  # warm up: renditions are made on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(index.url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


@time_machine.travel(MONDAY_10, tick=False)
def test_index_queries_do_not_grow_with_the_number_of_units(client, index, no_page_cache):
    photo = make_image()
    exceptions = lambda: [UnitException(date=date(2025, 3, 5), closed=True)]  # noqa: E731
    for number in range(3):
        make_unit(index, f"Placówka {number}", photo=photo, exceptions=exceptions())
    with_three = _index_queries(client, index)
    for number in range(3, 30):
        make_unit(index, f"Placówka {number}", photo=photo, exceptions=exceptions())
    with_thirty = _index_queries(client, index)
    assert len(with_thirty) == len(with_three)
    # The cards: units, their hours, exceptions and photos' renditions.
    own = [sql for sql in with_thirty if UNIT_TABLES.search(sql)]
    assert 0 < len(own) <= 4
    assert get(client, index).count('class="card unit-card"') == 30


# A unit page


@time_machine.travel(MONDAY_10, tick=False)
def test_unit_page_shows_what_a_resident_needs(client, day_care):
    html = get(client, day_care)
    assert "<h1>Świetlica Środowiskowa „Uśmiech”</h1>" in html
    assert "Świetlica dla dzieci i młodzieży" in html  # kind
    assert "od 6 do 16 lat" in html
    assert "<dd>30</dd>" in html
    assert "<li>Rodzic składa pisemny wniosek.</li>" in html
    assert 'href="tel:+48748123460"' in html
    assert 'Zadzwoń: <span class="unit-phone__number">74 812 34 60</span>' in html
    assert 'href="mailto:swietlica@example.pl"' in html
    assert "Anna Kowal, kierowniczka" in html
    assert (
        'href="https://www.openstreetmap.org/search?query=ul.+Lipowa+7%2C+58-321+Lipowo+Zdrojowe"'
        in html
    )
    assert "Wejście bez progów" in html
    assert "Dwa miejsca przy wejściu" in html
    assert "Działa od roku" in html and "<dd>2004</dd>" in html
    # The application form, with its descriptive title.
    assert "Wniosek (PDF)" in html
    assert f'href="{UnitDocument.objects.get().document.url}"' in html
    # The gallery.
    assert html.count("data-gallery-item") == 3
    assert "Zajęcia 2" in html
    published = day_care.last_published_at.astimezone(ZoneInfo("Europe/Warsaw")).date()
    assert f'Ostatnia aktualizacja: <time datetime="{published.isoformat()}">' in html


@time_machine.travel(MONDAY_10, tick=False)
def test_hours_table_marks_today(client, day_care):
    html = get(client, day_care)
    table = re.search(r'<table class="hours-table".*?</table>', html, re.S).group(0)
    assert "<caption>Stałe godziny otwarcia</caption>" in table
    rows = re.findall(
        r'<tr data-weekday="(\d)"( aria-current="date")?>\s*'
        r'<th scope="row">(.*?)</th>\s*<td>(.*?)</td>',
        table,
        re.S,
    )
    assert [row[0] for row in rows] == ["0", "1", "2", "3", "4", "5", "6"]
    today = [row for row in rows if row[1]]
    assert len(today) == 1
    assert today[0][0] == "0"
    # Not by colour alone: the row says it is today.
    assert "(dziś)" in today[0][2]
    assert today[0][2].startswith("Poniedziałek")
    assert rows[6][3] == "nieczynne"
    assert rows[0][3] == "8:00–16:00"


@time_machine.travel(datetime(2025, 3, 8, 12, 0, tzinfo=WARSAW), tick=False)
def test_today_moves_with_the_date(client, day_care):
    html = get(client, day_care)
    assert re.search(r'<tr data-weekday="5" aria-current="date">', html)
    assert "Godziny otwarcia (sobota, 8 marca): nieczynne" in html


@time_machine.travel(MONDAY_10, tick=False)
def test_status_fallback_and_data_for_the_browser(client, day_care):
    html = get(client, day_care)
    assert "Godziny otwarcia (poniedziałek, 3 marca): 8:00–16:00" in html
    data = json.loads(re.search(r"data-opening-hours='([^']+)'", html).group(1))
    assert data["week"][0] == [["08:00", "16:00"]]
    assert data["week"][5] == []
    # Only exceptions from today on; the New Year is history.
    assert data["exceptions"] == [
        {"from": "2025-03-05", "to": "2025-03-05", "hours": []},
        {"from": "2025-03-10", "to": "2025-03-11", "hours": [["08:00", "12:00"]]},
    ]
    texts = json.loads(
        re.search(
            r'<script id="opening-hours-texts" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )
    assert texts["open"] == "Otwarte teraz, do %(time)s"
    assert texts["onWeekday"][1] == "we wtorek"


@time_machine.travel(MONDAY_10, tick=False)
def test_closures_are_listed(client, day_care):
    html = get(client, day_care)
    assert "Zmiany godzin otwarcia" in html
    assert "5 marca:</strong> nieczynne (Dzień Kobiet)" in html
    assert "10–11 marca:</strong> 8:00–12:00" in html
    assert "Nowy Rok" not in html


@time_machine.travel(datetime(2025, 3, 5, 10, 0, tzinfo=WARSAW), tick=False)
def test_status_fallback_on_a_closure_day(client, day_care):
    html = get(client, day_care)
    assert "Godziny otwarcia (środa, 5 marca): nieczynne" in html


@time_machine.travel(MONDAY_10, tick=False)
def test_json_ld_matches_the_page(client, day_care):
    data = json_ld(get(client, day_care))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOffice"
    assert data["name"] == day_care.title
    assert data["description"] == day_care.short_description
    assert data["url"] == day_care.full_url
    assert data["telephone"] == "+48748123460"
    assert data["email"] == "swietlica@example.pl"
    assert data["foundingDate"] == "2004"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "ul. Lipowa 7",
        "postalCode": "58-321",
        "addressLocality": "Lipowo Zdrojowe",
        "addressCountry": "PL",
    }
    assert data["parentOrganization"]["name"] == "Ośrodek Pomocy Społecznej w Testowie"
    hours = data["openingHoursSpecification"]
    assert len(hours) == 5
    assert hours[0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Monday",
        "opens": "08:00",
        "closes": "16:00",
    }
    special = data["specialOpeningHoursSpecification"]
    assert {
        "@type": "OpeningHoursSpecification",
        "validFrom": "2025-03-05",
        "validThrough": "2025-03-05",
        "opens": "00:00",
        "closes": "00:00",
    } in special
    assert {
        "@type": "OpeningHoursSpecification",
        "validFrom": "2025-03-10",
        "validThrough": "2025-03-11",
        "opens": "08:00",
        "closes": "12:00",
    } in special


def test_json_ld_cannot_be_broken_out_of(client, index):
    unit = make_unit(index, "Klub </script><script>alert(1)</script>", hours=[])
    html = get(client, unit)
    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == unit.title


@time_machine.travel(MONDAY_10, tick=False)
def test_unit_without_hours_photo_or_details_renders_cleanly(client, index):
    unit = make_unit(index, "Zespół Interdyscyplinarny", hours=[], short_description="Pomoc.")
    html = get(client, unit)
    assert "<h1>Zespół Interdyscyplinarny</h1>" in html
    assert "<table" not in html
    assert "<picture" not in html
    assert "Brak stałych godzin otwarcia" in html
    # No empty "Godziny otwarcia" heading; how to get in touch instead.
    assert 'id="unit-hours-heading"' not in html
    assert 'class="unit-hours unit-hours--none"' in html
    assert "data-opening-hours=" not in html
    assert "tel:" not in html.split('id="tresc"')[1].split('id="stopka"')[0]
    # The centre's address from the site settings.
    assert "ul. Próbna 1<br>00-001 Testowo" in html
    data = json_ld(html)
    assert "openingHoursSpecification" not in data
    assert data["address"]["streetAddress"] == "ul. Próbna 1"
    for empty_section in ("Dla kogo", "Jak się zapisać", "Dostępność miejsca", "Galeria"):
        assert f">{empty_section}</h2>" not in html


def test_hours_note_replaces_the_generic_text(client, index):
    unit = make_unit(
        index, "Komisja", hours=[], hours_note="Posiedzenia w każdy pierwszy wtorek miesiąca."
    )
    html = get(client, unit)
    assert "Posiedzenia w każdy pierwszy wtorek miesiąca." in html
    assert "Brak stałych godzin otwarcia" not in html


def _unit_page_queries(client, page):
    client.get(page.url)  # renditions are made on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


@time_machine.travel(MONDAY_10, tick=False)
def test_unit_page_query_budget(client, day_care, no_page_cache):
    queries = _unit_page_queries(client, day_care)
    # The unit's own part: hours, exceptions, documents, gallery, its renditions, the photo.
    # (The site shell -- routing, menu, breadcrumbs, alert, footer -- is counted separately.)
    own = [sql for sql in queries if UNIT_TABLES.search(sql)]
    assert 0 < len(own) <= 6
    # More photos, documents, hours and exceptions cost no more queries.
    for number in range(10):
        UnitPhoto.objects.create(page=day_care, image=make_image(f"Więcej {number}"))
        UnitDocument.objects.create(page=day_care, document=make_document(f"Plik {number}"))
        UnitOpeningHours.objects.create(page=day_care, weekday=5, opens=time(9), closes=time(10))
        UnitException.objects.create(page=day_care, date=date(2025, 4, number + 1))
    assert len(_unit_page_queries(client, day_care)) == len(queries)


def test_unknown_unit_is_404(client, index):
    assert client.get("/placowki/nie-ma-takiej/").status_code == 404


def test_age_range_must_be_in_order(index):
    from django.core.exceptions import ValidationError

    unit = UnitPage(title="Zła", short_description="x", age_from=16, age_to=6)
    with pytest.raises(ValidationError):
        unit.clean()


def test_exception_dates_read_naturally():
    assert UnitException(date=date(2025, 3, 5)).dates_label == "5 marca"
    assert UnitException(date=date(2025, 3, 10), date_to=date(2025, 3, 11)).dates_label == (
        "10–11 marca"
    )
    assert UnitException(date=date(2025, 6, 30), date_to=date(2025, 7, 1)).dates_label == (
        "30 czerwca–1 lipca"
    )


def test_changed_hours_need_times():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        UnitException(date=date(2025, 3, 5), closed=False).clean()
    with pytest.raises(ValidationError):
        UnitException(date=date(2025, 3, 5), date_to=date(2025, 3, 1)).clean()


def test_search_finds_a_unit_by_what_residents_type(index):
    make_unit(
        index,
        "Świetlica Środowiskowa „Uśmiech”",
        hours=[],
        target_group="Dzieci i młodzież",
        short_description="Pomoc w nauce.",
    )
    texts = " ".join(str(t) for t in UnitPage.objects.get().search_texts())
    assert "Dzieci i młodzież" in texts
    assert "Pomoc w nauce." in texts


# Home page


@time_machine.travel(MONDAY_10, tick=False)
def test_home_page_lists_units_as_quick_links(client, home, index, day_care):
    make_unit(index, "Klub Seniora", hours=[(2, "10:00", "14:00")])
    html = get(client, HomePage.objects.get())
    section = re.search(r'<section class="home-units".*?</section>', html, re.S).group(0)
    assert ">Prowadzimy</h2>" in section
    assert f'href="{index.url}"' in section
    assert f'href="{day_care.url}"' in section
    assert "Zajęcia i pomoc w nauce dla dzieci w wieku 6–16 lat." in section
    assert "Godziny otwarcia (poniedziałek, 3 marca): 8:00–16:00" in section
    assert "Godziny otwarcia (poniedziałek, 3 marca): nieczynne" in section
    assert section.index("Świetlica") < section.index("Klub Seniora")


@time_machine.travel(MONDAY_10, tick=False)
def test_home_quick_link_of_a_unit_without_hours_stays_short(client, home, index):
    make_unit(index, "Komisja", hours=[], hours_note="Posiedzenia raz w miesiącu.")
    html = get(client, HomePage.objects.get())
    section = re.search(r'<section class="home-units".*?</section>', html, re.S).group(0)
    assert "Komisja" in section
    assert "Posiedzenia raz w miesiącu." not in section
    assert "Brak stałych godzin" not in section


def test_home_page_without_units_has_no_section(client, home, site_settings):
    html = get(client, home)
    assert "home-units" not in html


# Admin


def test_admin_edit_form_renders(admin_client, day_care):
    response = admin_client.get(f"/admin/pages/{day_care.pk}/edit/")
    assert response.status_code == 200
    assert "Godziny otwarcia" in response.content.decode()
