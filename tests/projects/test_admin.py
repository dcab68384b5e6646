"""Staff edit projects and programmes in the admin; bad input gets a Polish message."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from projects.models import Programme, ProgrammeLogo, ProjectPage, logo_size_error
from tests.factories import make_programme, make_project, make_project_index, make_sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("redaktor", "r@example.pl", "haslo-123456")
    client.force_login(user)
    return user


@pytest.fixture
def index(home):
    return make_project_index(home)


def project_form(programme, **overrides):
    data = {
        "title": "Szansa-Pomoc-Aktywizacja",
        "slug": "szansa-pomoc-aktywizacja",
        "summary": "Wsparcie dla osób zagrożonych wykluczeniem.",
        "programme": programme.pk,
        "beneficiary": "MGOPS w Lipowie Zdrojowym",
        "aims": rich_text("<p>Aktywizacja 40 osób.</p>"),
        "total_value": "986450.00",
        "eu_contribution": "838482.50",
        "national_contribution": "98645.00",
        "start_date": "2025-01-01",
        "end_date": "2027-12-31",
        "indicators": inline_formset(
            [{"name": "Liczba osób objętych wsparciem", "target": "40", "achieved": ""}]
        ),
        "documents": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(index):
    return f"/admin/pages/add/projects/projectpage/{index.pk}/"


def test_staff_publish_a_project(client, editor, index):
    response = client.post(add_url(index), project_form(make_programme()))
    assert response.status_code == 302, response.context["form"].errors
    project = ProjectPage.objects.get(slug="szansa-pomoc-aktywizacja")
    assert project.live and project.indicators.count() == 1
    assert client.get(project.url).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"end_date": "2024-12-31"},
            "end_date",
            "Data zakończenia nie może być wcześniejsza niż data rozpoczęcia.",
        ),
        (
            {"eu_contribution": "1000000.00"},
            "eu_contribution",
            "Dofinansowanie z UE nie może być większe niż wartość projektu.",
        ),
        (
            {"national_contribution": "200000.00"},
            "national_contribution",
            "Dofinansowanie z UE i współfinansowanie krajowe razem nie mogą być większe",
        ),
        ({"total_value": "-1.00"}, "total_value", "Wartość nie może być ujemna."),
        ({"eu_contribution": "-5"}, "eu_contribution", "Wartość nie może być ujemna."),
    ],
)
def test_bad_values_are_refused_in_polish(client, editor, index, overrides, field, message):
    response = client.post(add_url(index), project_form(make_programme(), **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert message in response.content.decode()
    assert not ProjectPage.objects.exists()


def test_negative_indicator_is_refused(client, editor, index):
    indicators = inline_formset([{"name": "Liczba osób", "target": "-3", "achieved": ""}])
    response = client.post(add_url(index), project_form(make_programme(), indicators=indicators))
    assert response.status_code == 200
    assert "Wartość nie może być ujemna." in response.content.decode()


def test_edit_view_warns_when_the_programme_has_no_strip(client, editor, index):
    programme = make_programme("Program bez znaków", signs=False)
    project = make_project(index, "Projekt", programme)
    html = client.get(f"/admin/pages/{project.pk}/edit/").content.decode()
    assert "Program „Program bez znaków” nie ma jeszcze kompletnego zestawienia znaków" in html
    assert (
        "Znak Funduszy Europejskich, Barwy Rzeczypospolitej Polskiej, Znak Unii Europejskiej"
        in html
    )
    assert f"/admin/snippets/projects/programme/edit/{programme.pk}/" in html
    complete = make_project(index, "Projekt 2", make_programme("Pełny"), slug="projekt-2")
    html = client.get(f"/admin/pages/{complete.pk}/edit/").content.decode()
    assert "nie ma jeszcze kompletnego" not in html


def test_preview_shows_the_warning_to_staff(client, editor, index):
    project = make_project(index, "Projekt", make_programme("Program bez znaków", signs=False))
    response = client.get(f"/admin/pages/{project.pk}/view_draft/")
    assert "Dla pracowników: zestawienie znaków nie jest wyświetlane" in response.content.decode()


def test_programme_listing_shows_what_is_missing(client, editor):
    make_programme("Pełny program")
    make_programme("Niepełny program", signs=False)
    html = client.get("/admin/snippets/projects/programme/").content.decode()
    assert "kompletne" in html and "brakuje: Znak Funduszy Europejskich" in html


def programme_form(eu_sign, logo, **overrides):
    data = {
        "name": "Fundusze Europejskie dla Dolnego Śląska 2021–2027",
        "slug": "",
        "period": "2021-2027",
        "website": "",
        "fe_sign": make_sign("FE").pk,
        "fe_alt": "",
        "rp_sign": make_sign("RP").pk,
        "eu_sign": eu_sign.pk,
        "eu_alt": "",
        "regional_sign": "",
        "regional_alt": "",
        "other_logos": inline_formset([{"image": logo.pk, "alt_text": "Stowarzyszenie „Razem”"}]),
    }
    data.update(overrides)
    return nested_form_data(data)


ADD_PROGRAMME = "/admin/snippets/projects/programme/add/"


def test_logo_larger_than_the_eu_flag_is_refused(client, editor):
    eu_sign = make_sign("UE", size=(620, 160))  # the flag: 240 × 160 px
    too_wide = make_sign("Logo partnera", size=(300, 100))
    response = client.post(ADD_PROGRAMME, programme_form(eu_sign, too_wide))
    assert response.status_code == 200
    html = response.content.decode()
    assert "To logo (300 × 100 px) jest większe niż flaga Unii Europejskiej" in html
    assert "najwyżej 240 px szerokości i 160 px wysokości" in html
    assert not Programme.objects.exists()


def test_logo_as_large_as_the_flag_is_accepted(client, editor):
    eu_sign = make_sign("UE", size=(620, 160))
    logo = make_sign("Logo partnera", size=(240, 160))
    response = client.post(ADD_PROGRAMME, programme_form(eu_sign, logo))
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert programme.slug == "fundusze-europejskie-dla-dolnego-slaska-2021-2027"
    assert ProgrammeLogo.objects.filter(programme=programme).count() == 1


def test_regional_sign_needs_its_text(client, editor):
    eu_sign = make_sign("UE")
    logo = make_sign("Logo", size=(100, 100))
    data = programme_form(eu_sign, logo, regional_sign=make_sign("Region").pk)
    response = client.post(ADD_PROGRAMME, data)
    assert "Podaj tekst znaku regionalnego" in response.content.decode()


def test_size_rule_on_its_own():
    eu_sign = make_sign("UE", size=(620, 160))
    assert logo_size_error(make_sign("a", size=(240, 160)), eu_sign) is None
    assert logo_size_error(make_sign("b", size=(241, 100)), eu_sign)
    assert logo_size_error(make_sign("c", size=(100, 161)), eu_sign)
    assert logo_size_error(make_sign("d", size=(100, 100)), None) is None


def test_other_logos_are_never_taller_than_the_strip(client, index):
    programme = make_programme()
    ProgrammeLogo.objects.create(
        programme=programme, image=make_sign("Partner", size=(200, 120)), alt_text="Partner"
    )
    project = make_project(index, "Projekt", programme)
    html = client.get(project.url).content.decode()
    assert 'width="75" height="45" alt="Partner"' in html
