from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from core.addresses import served_host_and_port


class Command(BaseCommand):
    help = (
        "Points the default site at the address it is served on (host:port), so that "
        "canonical links, the sitemap, feeds and the accessibility statement name it. "
        "0.0.0.0 stands for this machine's network address."
    )

    def add_arguments(self, parser):
        parser.add_argument("address", help="e.g. 127.0.0.1:8000 or 0.0.0.0:8080")

    def handle(self, *args, address, **options):
        try:
            host, port = served_host_and_port(address)
        except ValueError as error:
            raise CommandError(str(error)) from error
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site yet: run load_demo or create one.")
        if (site.hostname, site.port) != (host, port):
            site.hostname, site.port = host, port
            site.save()  # empties the page cache: cached pages name the old address
        self.stdout.write(f"Site address: {site.root_url}")
        return None
