"""Staff experience: roles, moderation workflow, scheduled publishing, alerts, review dates."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from alerts.models import Alert, alerts_for, seconds_until_next_change
from news.models import NewsIndexPage, NewsPage
from pages.models import OrdinanceIndexPage, StandardPage
from staff.roles import DIRECTOR, EDITORS, MODERATORS
from staff.wagtail_hooks import pages_due_for_review

WARSAW = datetime.timezone(datetime.timedelta(hours=1))


def make_user(username, group=None, **extra):
    user = get_user_model().objects.create_user(
        username=username,
        password="Bardzo-dlugie-haslo-2026",
        email=f"{username}@example.pl",
        **extra,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def staff(db):
    return {
        "editor": make_user("redaktor", EDITORS),
        "moderator": make_user("moderator", MODERATORS),
        "director": make_user("dyrektor", DIRECTOR),
        "resident": make_user("mieszkaniec"),
    }


@pytest.fixture
def tree(home):
    news_index = NewsIndexPage(title="Aktualności", slug="aktualnosci")
    home.add_child(instance=news_index)
    register = OrdinanceIndexPage(title="Zarządzenia dyrektora", slug="zarzadzenia")
    home.add_child(instance=register)
    about = StandardPage(title="O nas", slug="o-nas")
    home.add_child(instance=about)
    return {"home": home, "news": news_index, "register": register, "about": about}


def client_for(client, user):
    client.force_login(user)
    return client


class TestRoles:
    def test_groups_exist_with_polish_names(self, db):
        names = set(Group.objects.values_list("name", flat=True))
        assert {"Redaktorzy", "Moderatorzy", "Dyrektor"} <= names
        assert "Editors" not in names
        assert "Moderators" not in names

    @pytest.mark.parametrize(
        ("role", "can_publish"),
        [("editor", False), ("moderator", True), ("director", True), ("resident", False)],
    )
    def test_publish_permission_per_role(self, staff, tree, role, can_publish):
        perms = tree["about"].permissions_for_user(staff[role])
        assert perms.can_publish() is can_publish
        assert perms.can_edit() is (role != "resident")

    @pytest.mark.parametrize("role", ["editor", "moderator", "director"])
    def test_every_role_can_open_the_admin_and_upload(self, client, staff, role):
        user = staff[role]
        assert user.has_perm("wagtailadmin.access_admin")
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.permissions import policy_registry

        images = policy_registry.get_by_type(get_image_model())
        documents = policy_registry.get_by_type(get_document_model())

        assert images.user_has_permission(user, "add")
        assert images.user_has_permission(user, "choose")
        assert documents.user_has_permission(user, "add")
        assert client_for(client, user).get("/admin/").status_code == 200

    def test_resident_account_cannot_open_the_admin(self, client, staff):
        response = client_for(client, staff["resident"]).get("/admin/")
        assert response.status_code == 302

    def test_only_moderators_and_director_manage_alerts(self, staff):
        assert not staff["editor"].has_perm("alerts.add_alert")
        assert staff["moderator"].has_perm("alerts.add_alert")
        assert staff["director"].has_perm("alerts.add_alert")

    def test_only_director_changes_site_settings(self, staff):
        assert not staff["moderator"].has_perm("website.change_sitesettings")
        assert staff["director"].has_perm("website.change_sitesettings")

    @pytest.mark.parametrize("role", ["editor", "moderator"])
    def test_editors_and_moderators_cannot_touch_ordinances(self, client, staff, tree, role):
        client_for(client, staff[role])
        add_url = f"/admin/pages/add/pages/ordinancepage/{tree['register'].pk}/"
        response = client.get(add_url, follow=True)
        assert response.redirect_chain
        assert "Tylko dyrektor lub administrator" in response.content.decode()
        response = client.get(f"/admin/pages/{tree['register'].pk}/edit/")
        assert response.status_code == 302

    def test_director_can_add_an_ordinance(self, client, staff, tree):
        client_for(client, staff["director"])
        add_url = f"/admin/pages/add/pages/ordinancepage/{tree['register'].pk}/"
        assert client.get(add_url).status_code == 200

    def test_editor_can_add_news(self, client, staff, tree):
        client_for(client, staff["editor"])
        add_url = f"/admin/pages/add/news/newspage/{tree['news'].pk}/"
        assert client.get(add_url).status_code == 200


class TestWorkflow:
    def test_editor_submits_moderator_approves_page_goes_live(self, staff, tree):
        post = NewsPage(
            title="Zbiórka darów dla seniorów",
            slug="zbiorka",
            lead="Zbieramy dary dla seniorów z gminy.",
            live=False,
            owner=staff["editor"],
        )
        tree["news"].add_child(instance=post)
        revision = post.save_revision(user=staff["editor"])
        workflow = post.get_workflow()
        assert workflow is not None
        assert workflow.name == "Moderacja"
        workflow_state = workflow.start(post, staff["editor"])
        assert not NewsPage.objects.get(pk=post.pk).live

        task_state = workflow_state.current_task_state
        task = task_state.task.specific
        assert task.user_can_access_editor(post, staff["moderator"])
        assert staff["moderator"] in get_user_model().objects.filter(groups__in=task.groups.all())
        assert staff["editor"] not in get_user_model().objects.filter(groups__in=task.groups.all())
        task.on_action(task_state, staff["moderator"], "approve")
        post.refresh_from_db()
        assert post.live
        assert post.live_revision_id == revision.pk

    def test_director_is_an_approver_too(self, staff, tree):
        post = NewsPage(title="Ferie w świetlicy", slug="ferie", lead="Ferie.", live=False)
        tree["news"].add_child(instance=post)
        post.save_revision(user=staff["editor"])
        state = post.get_workflow().start(post, staff["editor"])
        task = state.current_task_state.task.specific
        task.on_action(state.current_task_state, staff["director"], "approve")
        post.refresh_from_db()
        assert post.live


class TestScheduledPublishing:
    def test_publish_scheduled_publishes_and_expires_on_time(self, tree):
        go_live = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.UTC)
        expire = datetime.datetime(2026, 12, 24, 8, 0, tzinfo=datetime.UTC)
        with time_machine.travel(datetime.datetime(2026, 11, 20, 8, 0, tzinfo=datetime.UTC)):
            post = NewsPage(
                title="Godziny pracy w grudniu",
                slug="grudzien",
                lead="Zmiany.",
                live=False,
            )
            tree["news"].add_child(instance=post)
            post.go_live_at = go_live
            post.expire_at = expire
            revision = post.save_revision()
            revision.publish()
            post.refresh_from_db()
            assert not post.live
            call_command("publish_scheduled")
            post.refresh_from_db()
            assert not post.live
        with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
            call_command("publish_scheduled")
            post.refresh_from_db()
            assert post.live
        with time_machine.travel(expire + datetime.timedelta(minutes=1)):
            call_command("publish_scheduled")
            post.refresh_from_db()
            assert not post.live
            assert post.expired

    def test_revisions_compare_and_history_available(self, admin_client, tree):
        page = tree["about"]
        page.title = "O ośrodku"
        first = page.save_revision()
        first.publish()
        page.title = "O naszym ośrodku"
        second = page.save_revision()
        response = admin_client.get(f"/admin/pages/{page.pk}/history/")
        assert response.status_code == 200
        response = admin_client.get(
            f"/admin/pages/{page.pk}/revisions/compare/{first.pk}...{second.pk}/"
        )
        assert response.status_code == 200
        assert "O naszym ośrodku" in response.content.decode()


class TestAlerts:
    def test_alert_shows_between_its_dates_and_disappears_by_itself(self, client, home, settings):
        # Rendering only: how long the page cache may keep a page around an alert's start
        # and end is tested below (seconds_until_next_change) and in test_page_cache.
        settings.PAGE_CACHE_EXCLUDED_PREFIXES = ("/",)
        start = datetime.datetime(2026, 4, 30, 12, 0, tzinfo=datetime.UTC)
        end = datetime.datetime(2026, 5, 2, 22, 0, tzinfo=datetime.UTC)
        Alert.objects.create(
            message="2 maja ośrodek będzie nieczynny.", level="urgent", starts_at=start, ends_at=end
        )
        with time_machine.travel(start - datetime.timedelta(hours=1)):
            assert "ośrodek będzie nieczynny" not in client.get("/").content.decode()
        with time_machine.travel(start + datetime.timedelta(hours=1)):
            html = client.get("/").content.decode()
            assert "2 maja ośrodek będzie nieczynny." in html
            assert 'role="alert"' in html
            assert "Pilne:" in html
        with time_machine.travel(end + datetime.timedelta(minutes=1)):
            assert "ośrodek będzie nieczynny" not in client.get("/").content.decode()

    def test_scope_page_and_children(self, tree):
        units = StandardPage(title="Placówki", slug="placowki-test")
        tree["home"].add_child(instance=units)
        child = StandardPage(title="Klub Seniora", slug="klub")
        units.add_child(instance=child)
        only_units = Alert.objects.create(
            message="Klub nieczynny", scope_page=units, include_children=True
        )
        only_page = Alert.objects.create(
            message="Tylko na tej stronie", scope_page=units, include_children=False
        )
        everywhere = Alert.objects.create(message="Wszędzie", level="info")
        assert set(alerts_for(child)) == {only_units, everywhere}
        assert set(alerts_for(units)) == {only_units, only_page, everywhere}
        assert set(alerts_for(tree["about"])) == {everywhere}
        assert set(alerts_for(None)) == {everywhere}

    def test_most_urgent_first_and_disabled_hidden(self, home):
        Alert.objects.create(message="Informacja", level="info")
        Alert.objects.create(message="Pilne", level="urgent")
        Alert.objects.create(message="Wyłączony", level="urgent", enabled=False)
        assert [a.message for a in alerts_for(home)] == ["Pilne", "Informacja"]

    def test_page_cache_never_outlives_the_next_change(self, db):
        now = timezone.now()
        Alert.objects.create(message="Jutro", starts_at=now + datetime.timedelta(seconds=300))
        assert 1 <= seconds_until_next_change(now) <= 300

    def test_end_before_start_is_refused(self, db):
        from django.core.exceptions import ValidationError

        now = timezone.now()
        alert = Alert(message="Zły", starts_at=now, ends_at=now - datetime.timedelta(days=1))
        with pytest.raises(ValidationError):
            alert.full_clean()


class TestReviewAndDashboard:
    def test_pages_past_review_date_listed(self, tree, staff):
        today = timezone.localdate()
        about = tree["about"]
        about.review_date = today - datetime.timedelta(days=3)
        about.owner = staff["editor"]
        about.save()
        fresh = StandardPage(
            title="Świeża strona", slug="swieza", review_date=today + datetime.timedelta(days=30)
        )
        tree["home"].add_child(instance=fresh)
        due = pages_due_for_review(today)
        assert about.pk in [p.pk for p in due]
        assert fresh.pk not in [p.pk for p in due]

    def test_dashboard_shows_staff_panels(self, admin_client, tree):
        about = tree["about"]
        about.review_date = timezone.localdate() - datetime.timedelta(days=1)
        about.save()
        html = admin_client.get("/admin/").content.decode()
        assert "Strony do przeglądu" in html
        assert "O nas" in html
        assert "Poradnik redaktora" in html
        assert "Ostatnie aktualności" in html

    def test_editor_guide_page(self, admin_client, db):
        response = admin_client.get("/admin/poradnik/")
        assert response.status_code == 200
        html = response.content.decode()
        for section in (
            "Jak napisać aktualność",
            "Jak dodać zarządzenie",
            "tekstu alternatywnego",
            "Komunikat",
        ):
            assert section in html
        # every screenshot the guide shows is in the repository (taken by the browser suite)
        from django.conf import settings

        images = re.findall(r'src="/static/(img/guide/[\w-]+\.png)"', html)
        assert len(images) >= 4
        for image in images:
            assert (settings.BASE_DIR / "static" / image).stat().st_size > 10_000, image

    def test_alerts_snippet_admin(self, admin_client, db):
        assert admin_client.get("/admin/snippets/alerts/alert/").status_code == 200
        assert admin_client.get("/admin/snippets/alerts/alert/add/").status_code == 200


def test_every_field_of_every_page_type_has_help_text():
    """Staff see a short Polish hint under every field they fill in."""
    from django.apps import apps
    from django.utils import translation

    from core.models import BasePage

    inherited = {f.name for f in Page._meta.get_fields()} | {"review_date"}
    missing = []
    for model in apps.get_models():
        if not issubclass(model, BasePage) or model._meta.abstract:
            continue
        for field in model._meta.get_fields():
            if field.name in inherited or not getattr(field, "editable", False):
                continue
            if field.auto_created or field.is_relation and field.many_to_one is False:
                continue
            if field.name.endswith("_ptr"):
                continue
            with translation.override("pl"):
                text = str(getattr(field, "help_text", "") or "")
            if not text:
                missing.append(f"{model._meta.label}.{field.name}")
    assert missing == [], missing
