"""RODO retention: contact-form messages older than the period staff set are deleted."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page


def add_submission(page, days_old):
    submission = FormSubmission.objects.create(page=page, form_data={"wiadomosc": "Dzień dobry"})
    FormSubmission.objects.filter(pk=submission.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=days_old)
    )
    return submission


def purge(*args):
    out = io.StringIO()
    call_command("purge_form_submissions", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def form_page(home):
    page = Page(title="Kontakt", slug="kontakt")
    home.add_child(instance=page)
    return page


def test_default_period_is_a_year(site_settings):
    assert site_settings.form_retention_days == 365


def test_old_messages_are_deleted_and_recent_kept(site_settings, form_page):
    site_settings.form_retention_days = 30
    site_settings.save()
    keep = [add_submission(form_page, days) for days in (0, 10, 29)]
    for days in (31, 200, 800):
        add_submission(form_page, days)
    output = purge()
    assert "3 submissions deleted" in output
    assert set(FormSubmission.objects.values_list("pk", flat=True)) == {s.pk for s in keep}


def test_dry_run_deletes_nothing(site_settings, form_page):
    site_settings.form_retention_days = 30
    site_settings.save()
    add_submission(form_page, 100)
    assert "1 submissions to delete" in purge("--dry-run")
    assert FormSubmission.objects.count() == 1


def test_period_is_per_site_and_pages_outside_sites_use_the_setting(
    site_settings, form_page, settings
):
    settings.FORM_SUBMISSION_RETENTION_DAYS = 90
    site_settings.form_retention_days = 400
    site_settings.save()
    orphan_parent = Page.get_first_root_node()
    orphan = Page(title="Stary formularz", slug="stary-formularz")
    orphan_parent.add_child(instance=orphan)
    inside = add_submission(form_page, 300)
    add_submission(orphan, 100)
    kept_orphan = add_submission(orphan, 50)
    purge()
    assert set(FormSubmission.objects.values_list("pk", flat=True)) == {inside.pk, kept_orphan.pk}


def test_retention_bounds_are_validated(site_settings):
    from django.core.exceptions import ValidationError

    site_settings.form_retention_days = 1
    with pytest.raises(ValidationError):
        site_settings.full_clean()
