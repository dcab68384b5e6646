"""``python manage.py load_large``: the demo site plus 10,000 news posts and 5,000 ordinances.

The same scale data as ``load_demo --large`` (same slugs, titles and dates, so the two
can be mixed and both are idempotent), inserted in bulk by ``demo.scale``:
about a minute instead of an hour. For scale tests and ``scripts/bench.py --large``.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo.scale import NEWS_COUNT, ORDINANCE_COUNT, load_many_ordinances, load_many_posts


class Command(BaseCommand):
    help = "Adds 10,000 news posts and 5,000 ordinances to the demo site, fast. Safe to rerun."

    def add_arguments(self, parser):
        parser.add_argument("--news", type=int, default=NEWS_COUNT, help="news posts in all")
        parser.add_argument(
            "--ordinances", type=int, default=ORDINANCE_COUNT, help="ordinances in all"
        )

    def handle(self, *args, news=NEWS_COUNT, ordinances=ORDINANCE_COUNT, **options):
        from core.models import HomePage
        from news.models import NewsIndexPage
        from pages.models import OrdinanceIndexPage

        if not HomePage.objects.exists():
            call_command("load_demo", verbosity=options.get("verbosity", 1))
        started = time.monotonic()
        made_news = made_ordinances = 0
        index = NewsIndexPage.objects.first()
        if index is None:
            self.stderr.write("No news index: run load_demo first.")
        else:
            made_news = load_many_posts(index, news)
        register = OrdinanceIndexPage.objects.first()
        if register is None:
            self.stderr.write("No ordinance register: run load_demo first.")
        else:
            made_ordinances = load_many_ordinances(register, ordinances)
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data: {made_news} news posts and {made_ordinances} ordinances added "
                f"in {time.monotonic() - started:.0f} s."
            )
        )
