"""Scale data for tests and benchmarks: thousands of news posts and ordinances, in bulk.

Used by ``load_demo --large`` and ``load_large`` alike (same slugs, titles and dates,
so the two can be mixed); both are idempotent. The pages are inserted with
``core.bulk_pages`` (no revisions) and indexed for search in batches.
"""

import datetime

from django.utils import timezone

from core.bulk_pages import BATCH_SIZE, bulk_add_children, index_for_search

from .media import PALETTES, demo_document, demo_image

NEWS_COUNT = 10_000
ORDINANCE_COUNT = 5_000
PREFIX = "skala-"


def _missing(model, parent, count):
    existing = set(
        model.objects.child_of(parent)
        .filter(slug__startswith=PREFIX)
        .values_list("slug", flat=True)
    )
    return [i for i in range(count) if f"{PREFIX}{i}" not in existing]


def load_many_posts(index, count=NEWS_COUNT, batch=BATCH_SIZE):
    """Up to ``count`` live scale posts under ``index``, four shared pictures; returns the added."""
    from news.models import NewsPage

    images = [
        demo_image(f"Zdjęcie testowe {n}", PALETTES[palette], motif, "Ilustracja testowa")
        for n, (palette, motif) in enumerate(
            [("blue", "sun"), ("green", "trees"), ("warm", "box"), ("evening", "people")]
        )
    ]
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(days=400)
    posts = []
    for i in _missing(NewsPage, index, count):
        date = start - datetime.timedelta(hours=6 * i)
        posts.append(
            NewsPage(
                title=f"Wiadomość testowa nr {i}",
                slug=f"{PREFIX}{i}",
                date=date,
                first_published_at=date,
                lead=f"Dane testowe do sprawdzenia wydajności listy aktualności ({i}).",
                image=images[i % len(images)],
                live=True,
            )
        )
    bulk_add_children(index, posts, batch_size=batch)
    index_for_search(NewsPage.objects.filter(pk__in=[post.pk for post in posts]), batch)
    return len(posts)


def load_many_ordinances(register, count=ORDINANCE_COUNT, batch=BATCH_SIZE):
    """Up to ``count`` scale ordinances (101/2000, …), one shared PDF; returns the added."""
    from pages.models import OrdinanceAttachment, OrdinancePage

    document = demo_document(
        "Zarządzenie – wzór (dane testowe)",
        "zarzadzenie-wzor.pdf",
        ["Dane testowe do sprawdzenia wydajności rejestru zarządzeń."],
    )
    start = datetime.date(2000, 1, 1)
    pages = []
    for i in _missing(OrdinancePage, register, count):
        number = f"{i % 250 + 101}/{2000 + i // 250}"
        pages.append(
            OrdinancePage(
                title=f"Zarządzenie nr {number} w sprawie testu wydajności {i}",
                slug=f"{PREFIX}{i}",
                number=number,
                date_signed=start + datetime.timedelta(days=(i * 365) // 250),
                subject=f"w sprawie testu wydajności {i}",
                live=True,
            )
        )
    bulk_add_children(register, pages, batch_size=batch)
    OrdinanceAttachment.objects.bulk_create(
        [OrdinanceAttachment(page_id=page.pk, document=document) for page in pages],
        batch_size=batch,
    )
    index_for_search(
        OrdinancePage.objects.filter(pk__in=[page.pk for page in pages]).prefetch_related(
            "attachments__document"
        ),
        batch,
    )
    return len(pages)
