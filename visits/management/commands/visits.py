"""``python manage.py visits``: this month's and the total visit count as one JSON line."""

import json

from django.core.management.base import BaseCommand

from visits.counter import compute_counts, forget_past_days, today


class Command(BaseCommand):
    help = 'Print {"month": N, "total": N} (visits this month and in total) as one JSON line.'

    def handle(self, *args, **options):
        day = today()
        forget_past_days(day)  # a quiet day may have left yesterday's salt behind
        self.stdout.write(json.dumps(compute_counts(day)))
