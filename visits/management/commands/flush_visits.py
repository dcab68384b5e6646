"""``python manage.py flush_visits``: fold the spool files no process writes any more.

The counting processes fold on their own every few seconds; this command is for
cron or a systemd timer, so that the files of a server that stopped are counted
too. Safe to run at any time, in any number of copies.
"""

from django.core.management.base import BaseCommand

from visits.spool import fold, forget_old_folds


class Command(BaseCommand):
    help = "Add the closed visit-counter spool files to the counts (safe to run any time)."

    def handle(self, *args, **options):
        result = fold()
        forget_old_folds()
        self.stdout.write(
            f"folded {result.files} files: {result.lines} lines, {result.visits} visits, "
            f"{result.page_views} page views"
            + (f", {result.skipped_lines} unreadable lines" if result.skipped_lines else "")
        )
