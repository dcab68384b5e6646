"""``python manage.py visits``: this month's and the total visit count as one JSON line.

Closed spool files are folded first, so the numbers include every finished view.
"""

import json

from django.core.management.base import BaseCommand

from visits.counter import compute_counts, forget_past_days, today
from visits.spool import fold


class Command(BaseCommand):
    help = 'Print {"month": N, "total": N} (visits this month and in total) as one JSON line.'

    def handle(self, *args, **options):
        day = today()
        fold()
        forget_past_days(day)  # a quiet day may have left yesterday's salt behind
        self.stdout.write(json.dumps(compute_counts(day)))
