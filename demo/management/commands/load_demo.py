import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that has demo content provides ``<app>.demo.load(ctx)``; order matters:
# later parts link to pages made by earlier ones.
DEMO_LOADERS = ["demo.site", "pages.demo", "units.demo", "news.demo"]


class Command(BaseCommand):
    help = "Builds (or completes) the demo site of an imaginary centre. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--large",
            action="store_true",
            help="Also add 10,000 news posts and 5,000 ordinances (scale tests, benchmarks).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the site already has content pages.",
        )

    def handle(self, *args, large=False, if_empty=False, **options):
        from core.models import HomePage

        if if_empty and HomePage.objects.exists():
            self.stdout.write("Demo: the site already has content, nothing to do.")
            return
        ctx = {"large": large, "stdout": self.stdout}
        for name in DEMO_LOADERS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as error:
                if error.name != name:
                    raise
                continue
            with transaction.atomic():
                module.load(ctx)
            self.stdout.write(f"Demo: {name} loaded.")
        with transaction.atomic():
            contact_last()
        self.stdout.write(self.style.SUCCESS("Demo site ready."))


def contact_last():
    """Contact goes last in the menu, where residents look for it.

    The parts are loaded in dependency order (contact before facilities and
    news), which is not the order of the menu.
    """
    from core.models import HomePage
    from pages.models import ContactPage

    home = HomePage.objects.first()
    contact = ContactPage.objects.child_of(home).first() if home else None
    if contact is None:
        return
    last = home.get_children().last()
    if last.pk != contact.pk:
        contact.move(last, pos="right")
