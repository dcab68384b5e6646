"""The logo strip: the signs in the order each period's rules fix, or none at all."""

import re

import pytest

from projects.models import Period, Programme
from tests.factories import make_programme, make_project, make_project_index, make_sign

pytestmark = pytest.mark.django_db


def kinds(programme):
    return [(sign.kind, sign.alt, sign.separated) for sign in programme.strip()]


def test_2021_2027_order_fe_rp_eu_then_regional_after_a_separator():
    programme = make_programme(regional=True, fe_alt="Fundusze Europejskie dla Dolnego Śląska")
    assert kinds(programme) == [
        ("fe", "Fundusze Europejskie dla Dolnego Śląska", False),
        ("rp", "Rzeczpospolita Polska", False),
        ("eu", "Dofinansowane przez Unię Europejską", False),
        ("regional", "Dolny Śląsk", True),
    ]


def test_2021_2027_without_regional_sign_ends_with_the_eu_sign():
    programme = make_programme(name="Program Fundusze Europejskie na Pomoc Żywnościową 2021-2027")
    assert [kind for kind, _alt, _sep in kinds(programme)] == ["fe", "rp", "eu"]
    # The programme's name gives the FE sign's text when staff leave it empty.
    assert kinds(programme)[0][1] == "Program Fundusze Europejskie na Pomoc Żywnościową 2021-2027"


def test_2014_2020_order_puts_the_eu_sign_last_and_no_separator():
    programme = make_programme(
        name="Regionalny Program Operacyjny 2014–2020",
        period=Period.EU_2014_2020,
        regional=True,
        eu_alt="Unia Europejska – Europejski Fundusz Społeczny",
    )
    assert kinds(programme) == [
        ("fe", "Fundusze Europejskie – Regionalny Program Operacyjny 2014–2020", False),
        ("rp", "Rzeczpospolita Polska", False),
        ("regional", "Dolny Śląsk", False),
        ("eu", "Unia Europejska – Europejski Fundusz Społeczny", False),
    ]


def test_2014_2020_eu_sign_default_text():
    programme = make_programme(name="Program 2014", period=Period.EU_2014_2020)
    assert kinds(programme)[-1][:2] == ("eu", "Unia Europejska")


def test_national_funds_have_no_strip_and_nothing_missing():
    programme = make_programme(name="Środki własne gminy", period=Period.NATIONAL)
    assert programme.strip() == []
    assert programme.missing_signs() == []
    assert not programme.has_eu_strip


def test_incomplete_strip_is_not_shown_and_names_what_is_missing():
    programme = make_programme(signs=False)
    programme.eu_sign = make_sign("Znak UE")
    programme.save()
    assert programme.strip() == []
    assert programme.missing_signs() == [
        "Znak Funduszy Europejskich",
        "Barwy Rzeczypospolitej Polskiej",
    ]


def test_project_page_shows_the_strip_first_in_order(client, home):
    index = make_project_index(home)
    programme = make_programme(regional=True, fe_alt="Fundusze Europejskie dla Dolnego Śląska")
    project = make_project(index, "Szansa-Pomoc-Aktywizacja", programme)
    html = client.get(project.url).content.decode()
    strip = html[html.index('class="eu-strip"') : html.index("</ul>", html.index("eu-strip"))]
    assert re.findall(r'alt="([^"]+)"', strip) == [
        "Fundusze Europejskie dla Dolnego Śląska",
        "Rzeczpospolita Polska",
        "Dofinansowane przez Unię Europejską",
        "Dolny Śląsk",
    ]
    assert strip.count("eu-strip__sign--separated") == 1
    # The strip comes before the page's heading: at the top of the page.
    assert html.index('class="eu-strip"') < html.index("<h1>")
    # Every sign at one height, its width from its proportions.
    assert 'width="232" height="60"' in strip and 'width="158" height="60"' in strip


def test_page_of_a_programme_without_signs_renders_without_strip(client, home):
    index = make_project_index(home)
    project = make_project(index, "Bez znaków", make_programme(signs=False))
    response = client.get(project.url)
    assert response.status_code == 200
    assert 'class="eu-strip"' not in response.content.decode()
    assert "Dla pracowników" not in response.content.decode()  # the warning is for staff only


def test_page_without_programme_renders(client, home):
    index = make_project_index(home)
    project = make_project(index, "Bez programu", make_programme())
    Programme.objects.all().delete()  # the project keeps its page, without a programme
    assert client.get(project.url).status_code == 200
