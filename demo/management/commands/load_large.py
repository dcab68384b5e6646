"""``python manage.py load_large``: the demo site plus 10,000 news posts and 5,000 ordinances.

The same scale data as ``load_demo --large`` (same slugs, titles and dates, so the two
can be mixed and both are idempotent), inserted in bulk (``core.bulk_pages``):
about a minute instead of an hour. For scale tests and ``scripts/bench.py --large``.
"""

import datetime
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from core.bulk_pages import bulk_add_children, index_for_search

NEWS_COUNT = 10_000
ORDINANCE_COUNT = 5_000
SCALE_PREFIX = "skala-"


class Command(BaseCommand):
    help = "Adds 10,000 news posts and 5,000 ordinances to the demo site, fast. Safe to rerun."

    def add_arguments(self, parser):
        parser.add_argument("--news", type=int, default=NEWS_COUNT, help="news posts in all")
        parser.add_argument(
            "--ordinances", type=int, default=ORDINANCE_COUNT, help="ordinances in all"
        )

    def handle(self, *args, news=NEWS_COUNT, ordinances=ORDINANCE_COUNT, **options):
        from core.models import HomePage

        if not HomePage.objects.exists():
            call_command("load_demo", verbosity=options.get("verbosity", 1))
        started = time.monotonic()
        made_news = self.load_news(news)
        made_ordinances = self.load_ordinances(ordinances)
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data: {made_news} news posts and {made_ordinances} ordinances added "
                f"in {time.monotonic() - started:.0f} s."
            )
        )

    def load_news(self, count):
        from demo.media import demo_image
        from demo.site import PALETTES
        from news.models import NewsIndexPage, NewsPage

        index = NewsIndexPage.objects.first()
        if index is None:
            self.stderr.write("No news index: run load_demo first.")
            return 0
        existing = set(
            NewsPage.objects.child_of(index)
            .filter(slug__startswith=SCALE_PREFIX)
            .values_list("slug", flat=True)
        )
        images = [
            demo_image(f"Zdjęcie testowe {n}", PALETTES[palette], motif, "Ilustracja testowa")
            for n, (palette, motif) in enumerate(
                [("blue", "sun"), ("green", "trees"), ("warm", "box"), ("evening", "people")]
            )
        ]
        start = timezone.now() - datetime.timedelta(days=400)
        posts = [
            NewsPage(
                title=f"Wiadomość testowa nr {i}",
                slug=f"{SCALE_PREFIX}{i}",
                date=start - datetime.timedelta(hours=6 * i),
                lead=f"Dane testowe do sprawdzenia wydajności listy aktualności ({i}).",
                image=images[i % len(images)],
                live=True,
            )
            for i in range(count)
            if f"{SCALE_PREFIX}{i}" not in existing
        ]
        bulk_add_children(index, posts)
        index_for_search(NewsPage.objects.filter(pk__in=[post.pk for post in posts]))
        return len(posts)

    def load_ordinances(self, count):
        from demo.media import demo_document
        from pages.models import OrdinanceAttachment, OrdinanceIndexPage, OrdinancePage

        register = OrdinanceIndexPage.objects.first()
        if register is None:
            self.stderr.write("No ordinance register: run load_demo first.")
            return 0
        existing = set(
            OrdinancePage.objects.child_of(register)
            .filter(slug__startswith=SCALE_PREFIX)
            .values_list("slug", flat=True)
        )
        document = demo_document(
            "Zarządzenie – wzór (dane testowe)",
            "zarzadzenie-wzor.pdf",
            ["Dane testowe do sprawdzenia wydajności rejestru zarządzeń."],
        )
        start = datetime.date(2000, 1, 1)
        pages = []
        for i in range(count):
            if f"{SCALE_PREFIX}{i}" in existing:
                continue
            year = 2000 + i // 250
            number = f"{i % 250 + 101}/{year}"
            pages.append(
                OrdinancePage(
                    title=f"Zarządzenie nr {number} w sprawie testu wydajności {i}",
                    slug=f"{SCALE_PREFIX}{i}",
                    number=number,
                    date_signed=start + datetime.timedelta(days=(i * 365) // 250),
                    subject=f"w sprawie testu wydajności {i}",
                    live=True,
                )
            )
        bulk_add_children(register, pages)
        OrdinanceAttachment.objects.bulk_create(
            [OrdinanceAttachment(page_id=page.pk, document=document) for page in pages],
            batch_size=500,
        )
        index_for_search(
            OrdinancePage.objects.filter(pk__in=[page.pk for page in pages]).prefetch_related(
                "attachments__document"
            )
        )
        return len(pages)
