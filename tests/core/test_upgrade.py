"""An install made before the apps were split keeps every row when it migrates forward.

The database is taken back to the migration state of the commit before the
split (visit counter and alert banner in the ``website`` app, news category
permissions granted by ``website`` 0006), filled through the historical
models of that state, then migrated forward to today's models.
"""

import datetime

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from alerts.models import Alert
from visits.models import DailyVisits, PageViews, VisitorSeen, VisitSalt

# The leaf migrations of our apps in the commit before the split.
BEFORE_SPLIT = [
    ("website", "0007_security_settings"),
    ("news", "0001_initial"),
    ("alerts", None),
    ("visits", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    nodes = [target for target in targets if target[1] is not None]
    return MigrationExecutor(connection).loader.project_state(nodes).apps


def latest_targets():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_splitting_the_apps_keeps_every_row(home):
    from cookie_consent.models import CookieGroup, LogItem

    # Rows of tables the split does not move: they must simply survive.
    home.save_revision(log_action=True)
    document = get_document_model().objects.create(
        title="Zarządzenie 1/2026", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="z1.pdf")
    )
    group = CookieGroup.objects.first()
    LogItem.objects.create(action=1, cookiegroup=group, version=group.get_version())
    FormSubmission.objects.create(page=home, form_data={"imie": "Anna"})
    untouched = {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "documents": get_document_model().objects.count(),
        "consent log": LogItem.objects.count(),
        "submissions": FormSubmission.objects.count(),
    }
    alert_type_pk = ContentType.objects.get_for_model(Alert).pk

    old_apps = migrate(BEFORE_SPLIT)
    # Back in the old state the moved models are the website app's again.
    assert ContentType.objects.filter(app_label="website", model="alert").exists()
    assert not ContentType.objects.filter(app_label="alerts").exists()
    day = datetime.date(2026, 11, 30)
    old_apps.get_model("website", "DailyVisits").objects.create(day=day, visits=7, page_views=19)
    old_apps.get_model("website", "PageViews").objects.create(day=day, path="/", views=19)
    old_apps.get_model("website", "VisitSalt").objects.create(day=day, salt="s" * 64)
    old_apps.get_model("website", "VisitorSeen").objects.create(day=day, visitor_hash="h" * 64)
    old_apps.get_model("website", "Alert").objects.create(
        message="Ośrodek nieczynny 24 grudnia", scope_page_id=home.pk
    )

    migrate(latest_targets())
    # The moves empty the process's content-type cache; fill it again as Django's own
    # start-up does, so the next test's restore of the database creates no type twice.
    ContentType.objects.get_for_models(*django_apps.get_models())

    assert {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "documents": get_document_model().objects.count(),
        "consent log": LogItem.objects.count(),
        "submissions": FormSubmission.objects.count(),
    } == untouched
    assert get_document_model().objects.get(pk=document.pk).file.read().startswith(b"%PDF")
    assert list(DailyVisits.objects.values_list("day", "visits", "page_views")) == [(day, 7, 19)]
    assert list(PageViews.objects.values_list("path", "views")) == [("/", 19)]
    assert VisitSalt.objects.get().salt == "s" * 64
    assert VisitorSeen.objects.get().visitor_hash == "h" * 64
    alert = Alert.objects.get()
    assert (alert.message, alert.scope_page_id) == ("Ośrodek nieczynny 24 grudnia", home.pk)
    # The content type (and with it every permission given to a group) moved, not recreated.
    assert ContentType.objects.get_for_model(Alert).pk == alert_type_pk
    assert not ContentType.objects.filter(app_label="website", model="alert").exists()
    moderators = Group.objects.get(name="Moderatorzy").permissions
    assert moderators.filter(content_type__app_label="alerts", codename="add_alert").exists()
    assert moderators.filter(
        content_type__app_label="news", codename="change_newscategory"
    ).exists()
