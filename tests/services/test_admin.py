"""Staff can build every page type of the app in the admin, and edit criteria and areas."""

import pytest
from django.urls import reverse

from pages.models import StandardPage
from services.models import (
    AudienceIndexPage,
    AudiencePage,
    Criterion,
    EligibilityCheckPage,
    FormsLibraryPage,
    ServiceFormPage,
    ServiceIndexPage,
    ServicePage,
    WorkerArea,
    WorkerSearchPage,
)
from tests.factories import make_service_topic


@pytest.mark.parametrize(
    ("parent", "child"),
    [
        (StandardPage, ServiceIndexPage),
        (StandardPage, FormsLibraryPage),
        (StandardPage, EligibilityCheckPage),
        (StandardPage, WorkerSearchPage),
        (StandardPage, AudienceIndexPage),
        (ServiceIndexPage, ServicePage),
        (FormsLibraryPage, ServiceFormPage),
        (AudienceIndexPage, AudiencePage),
    ],
)
def test_tree_rules(parent, child):
    assert child in parent.allowed_subpage_models()
    assert parent in child.allowed_parent_page_models()


def test_service_create_form_opens(home, admin_client):
    topic = make_service_topic(home)
    url = reverse("wagtailadmin_pages:add", args=["services", "servicepage", topic.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dokumenty do przyniesienia".lower() in html.lower()


@pytest.mark.parametrize("model", [Criterion, WorkerArea])
def test_snippet_admin_opens(db, admin_client, model):
    url = reverse(f"wagtailsnippets_services_{model._meta.model_name}:list")
    assert admin_client.get(url).status_code == 200
    add = reverse(f"wagtailsnippets_services_{model._meta.model_name}:add")
    assert admin_client.get(add).status_code == 200


def test_criterion_edit_form_shows_the_dated_values(db, admin_client):
    criterion = Criterion.objects.get(key="income_single")
    url = reverse("wagtailsnippets_services_criterion:edit", args=[criterion.pk])
    html = admin_client.get(url).content.decode()
    assert "2025-01-01" in html and "2022-01-01" in html and "2018-10-01" in html


@pytest.mark.parametrize(
    ("group", "can_criteria"), [("Redaktorzy", False), ("Moderatorzy", True), ("Dyrektor", True)]
)
def test_roles_get_the_permissions_of_the_app(db, django_user_model, group, can_criteria):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(group, password="x" * 12)
    user.groups.add(Group.objects.get(name=group))
    assert user.has_perm("services.change_feedback")
    assert user.has_perm("services.change_workerarea")
    assert user.has_perm("services.change_criterion") is can_criteria
