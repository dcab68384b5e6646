"""The demo projects: two finished, two ongoing, each with its strip and linked posts."""

import re

import pytest
from django.core.management import call_command

from news.models import NewsPage
from projects.models import Programme, ProjectPage, Status


@pytest.mark.django_db
def test_demo_projects(client, demo_site):
    projects = {project.slug: project for project in ProjectPage.objects.live()}
    assert {slug: project.status for slug, project in projects.items()} == {
        "centrum-aktywnosci-seniora": Status.FINISHED,
        "nordic-walking-po-lipowie": Status.FINISHED,
        "pomoc-zywnosciowa-fepz": Status.ONGOING,
        "szansa-pomoc-aktywizacja": Status.ONGOING,
    }
    assert all(NewsPage.objects.live().filter(project=p).exists() for p in projects.values())
    assert client.get("/projekty/").status_code == 200

    strips = {}
    for slug, project in projects.items():
        html = client.get(project.url).content.decode()
        strip = re.search(r'class="eu-strip".*?</ul>', html, re.S)
        strips[slug] = re.findall(r'alt="([^"]+)"', strip.group(0)) if strip else []
    assert strips == {
        "centrum-aktywnosci-seniora": [
            "Fundusze Europejskie Program Regionalny",
            "Rzeczpospolita Polska",
            "Dolny Śląsk",
            "Unia Europejska – Europejski Fundusz Społeczny",
        ],
        "nordic-walking-po-lipowie": [],
        "pomoc-zywnosciowa-fepz": [
            "Fundusze Europejskie na Pomoc Żywnościową",
            "Rzeczpospolita Polska",
            "Dofinansowane przez Unię Europejską",
        ],
        "szansa-pomoc-aktywizacja": [
            "Fundusze Europejskie dla Dolnego Śląska",
            "Rzeczpospolita Polska",
            "Dofinansowane przez Unię Europejską",
            "Dolny Śląsk",
        ],
    }
    post = NewsPage.objects.get(slug="szansa-pomoc-aktywizacja-rekrutacja")
    assert (
        'Projekt: <a href="/projekty/szansa-pomoc-aktywizacja/">'
        in client.get(post.url).content.decode()
    )

    before = sorted(ProjectPage.objects.values_list("slug", flat=True))
    posts = NewsPage.objects.count()
    call_command("load_demo", verbosity=0)
    assert sorted(ProjectPage.objects.values_list("slug", flat=True)) == before
    assert NewsPage.objects.count() == posts
    assert Programme.objects.count() == 4
