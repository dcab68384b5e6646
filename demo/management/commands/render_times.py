"""Milliseconds per uncached render of each main page type, in this process (make bench).

Each page is requested through the whole middleware stack with the Django test client,
with a session cookie as staff's requests carry, which the page cache never answers: what
is timed is building the page (queries, page objects, templates), not the network. Every
target is warmed first (renditions, template loaders, the site-wide fragments a warm site
keeps), then requested ``--repeat`` times; the median and the fastest are printed with
the queries and bytes of one render. ``--profile NAME`` prints where the time goes.
"""

import cProfile
import json
import pstats
import statistics
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

TARGETS = ("home", "news index", "news post", "unit page", "register")


def target_urls():
    """{name: path} of the demo site's pages measured, the busiest of each type."""
    from news.models import NewsIndexPage, NewsPage
    from pages.models import OrdinanceIndexPage
    from units.models import UnitPage

    urls = {"home": "/"}
    found = {
        "news index": NewsIndexPage.objects.live().first(),
        "news post": NewsPage.objects.live().order_by("-date").first(),
        "unit page": UnitPage.objects.live().order_by("path").first(),
        "register": OrdinanceIndexPage.objects.live().first(),
    }
    for name, page in found.items():
        if page is not None:
            urls[name] = page.url
    return urls


class Command(BaseCommand):
    help = "Print milliseconds per uncached render of the main page types (in this process)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30, help="timed renders per page")
        parser.add_argument("--profile", choices=TARGETS, help="print cProfile's top entries")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def client(self):
        host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h), "localhost")
        client = Client(HTTP_HOST=host.lstrip("."))
        # Like staff's requests: the page cache never answers a request with a session.
        client.cookies[settings.SESSION_COOKIE_NAME] = "render-times-not-a-session"
        return client

    def handle(self, *args, repeat, profile, **options):
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        client = self.client()
        urls = target_urls()
        results = {}
        for name, url in urls.items():
            for _ in range(3):
                response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{name} ({url}) answered {response.status_code}.")
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            query_count = len(queries)  # now: each request empties Django's query log
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            results[name] = {
                "url": url,
                "median_ms": round(statistics.median(times), 2),
                "fastest_ms": round(min(times), 2),
                "queries": query_count,
                "bytes": len(response.content),
            }
        if options["json"]:
            self.stdout.write(json.dumps(results, indent=2))
        else:
            self.stdout.write(f"{'page':<12} {'median ms':>10} {'fastest':>8} {'queries':>8}  url")
            for name, row in results.items():
                self.stdout.write(
                    f"{name:<12} {row['median_ms']:>10.1f} {row['fastest_ms']:>8.1f} "
                    f"{row['queries']:>8}  {row['url']}"
                )
        if profile:
            if profile not in urls:
                raise CommandError(f"The site has no {profile}.")
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(repeat):
                client.get(urls[profile])
            profiler.disable()
            stats = pstats.Stats(profiler, stream=sys.stdout)
            # The project's own functions first (where a fix would go), then everything.
            stats.sort_stats("cumulative").print_stats(str(settings.BASE_DIR) + "/(?!.venv)", 40)
            stats.sort_stats("tottime").print_stats(25)
