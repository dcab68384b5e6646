"""``python manage.py purge_search_queries``: delete search statistics past retention.

Run it every night from cron, next to ``purge_form_submissions``: the admin report shows
the last 30 days, nothing older is kept.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from search.models import SearchQueryDay
from search.stats import RETENTION_DAYS


class Command(BaseCommand):
    help = "Deletes search query statistics older than the retention period."

    def handle(self, *args, **options):
        cutoff = timezone.localdate() - datetime.timedelta(days=RETENTION_DAYS)
        deleted, _ = SearchQueryDay.objects.filter(day__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} search statistics row(s) before {cutoff}.")
