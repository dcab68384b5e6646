"""The projects index: filter by programme without JavaScript, bad filters answer 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Period
from tests.factories import make_programme, make_project, make_project_index
from tests.support import BOT_UA, evict

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    index = make_project_index(home)
    feds = make_programme()
    gmina = make_programme("Środki własne Gminy Lipowo", Period.NATIONAL, signs=False)
    make_project(index, "Szansa-Pomoc-Aktywizacja", feds)
    make_project(index, "Nordic Walking po Lipowie", gmina)
    return index


def test_filter_form_is_a_plain_get_form(client, index):
    html = client.get(index.url).content.decode()
    assert '<form class="project-filter" method="get" action="/projekty/">' in html
    assert '<label for="project-programme">Program</label>' in html
    assert '<option value="srodki-wlasne-gminy-lipowo">Środki własne Gminy Lipowo</option>' in html


def test_filter_by_programme(client, index):
    response = client.get(index.url, {"program": "srodki-wlasne-gminy-lipowo"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nordic Walking po Lipowie" in html and "Szansa-Pomoc-Aktywizacja" not in html
    assert 'value="srodki-wlasne-gminy-lipowo" selected' in html
    assert "1 projekt programu „Środki własne Gminy Lipowo”" in html
    assert (
        '<link rel="canonical" href="http://testserver/projekty/?program=srodki-wlasne-gminy-lipowo">'
        in html
    )


@pytest.mark.parametrize("value", ["nie-ma-takiego", "1", "'; DROP TABLE", "ż" * 300])
def test_unknown_programme_is_404(client, index, value):
    assert client.get(index.url, {"program": value}).status_code == 404


@pytest.mark.parametrize("query", ["?program=", "?program=&page=x", "?inne=1", "?program[]=1"])
def test_empty_or_other_params_list_everything(client, index, query):
    response = client.get(index.url + query)
    assert response.status_code == 200
    assert response.context["project_count"] == 2


def queries(client, path):
    client.get(path, HTTP_USER_AGENT=BOT_UA)
    evict(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, HTTP_USER_AGENT=BOT_UA).status_code == 200
    return len(captured)


def test_index_queries_do_not_grow_with_projects(client, index):
    few = queries(client, index.url)
    programme = make_programme("Program drugi", signs=False)
    for number in range(8):
        make_project(index, f"Projekt {number}", programme)
    assert queries(client, index.url) == few <= 12


def test_project_page_queries_do_not_grow_with_rows(client, index):
    from wagtail.documents import get_document_model

    from projects.models import ProjectDocument, ProjectIndicator, ProjectPage

    project = ProjectPage.objects.get(title="Szansa-Pomoc-Aktywizacja")
    few = queries(client, project.url)
    document = get_document_model().objects.create(title="Regulamin", file="regulamin.pdf")
    for number in range(6):
        ProjectIndicator.objects.create(page=project, name=f"Wskaźnik {number}", target=10)
        ProjectDocument.objects.create(page=project, document=document, sort_order=number)
    assert queries(client, project.url) == few <= 12


def test_home_features_ongoing_projects(client, index):
    html = client.get("/").content.decode()
    assert "Projekty w realizacji" in html
    assert '<a href="/projekty/">Wszystkie projekty</a>' in html
    assert "Szansa-Pomoc-Aktywizacja" in html
