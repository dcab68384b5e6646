"""``python manage.py purge_form_submissions``: delete contact-form messages past retention.

Run it every night from cron or a systemd timer. The period is set by staff in
Settings → Site settings → "keep contact-form messages for (days)", per site;
messages of form pages outside every site use FORM_SUBMISSION_RETENTION_DAYS.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Site

from core.models import SiteSettings


def retention_plan():
    """[(site or None, days, queryset of that site's submissions)]."""
    default_days = getattr(settings, "FORM_SUBMISSION_RETENTION_DAYS", 365)
    plan = []
    covered = FormSubmission.objects.none()
    for site in Site.objects.select_related("root_page").order_by("-root_page__depth", "pk"):
        site_settings = SiteSettings.for_site(site)
        days = getattr(site_settings, "form_retention_days", None) or default_days
        submissions = FormSubmission.objects.filter(page__path__startswith=site.root_page.path)
        # A site nested inside another one's tree keeps its own period.
        submissions = submissions.exclude(pk__in=covered.values("pk"))
        plan.append((site, days, submissions))
        covered = covered | submissions
    plan.append((None, default_days, FormSubmission.objects.exclude(pk__in=covered.values("pk"))))
    return plan


class Command(BaseCommand):
    help = "Deletes contact-form submissions older than the retention period (RODO)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, **options):
        now = timezone.now()
        total = 0
        with transaction.atomic():
            for site, days, submissions in retention_plan():
                cutoff = now - datetime.timedelta(days=days)
                old = submissions.filter(submit_time__lt=cutoff)
                count = old.count()
                if count and not options["dry_run"]:
                    # Delete by primary key: the site querysets use subqueries.
                    FormSubmission.objects.filter(
                        pk__in=list(old.values_list("pk", flat=True))
                    ).delete()
                total += count
                label = site.hostname if site else "(no site)"
                self.stdout.write(
                    f"{label}: {count} submissions older than {days} days "
                    f"({'would be deleted' if options['dry_run'] else 'deleted'})"
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"{total} submissions {'to delete' if options['dry_run'] else 'deleted'}."
            )
        )
