from django.core.management.base import BaseCommand


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
        from demo import loader

        if if_empty and HomePage.objects.exists():
            self.stdout.write("Demo: the site already has content, nothing to do.")
            return
        loader.run(
            {"large": large},
            report=lambda area: self.stdout.write(f"Demo: {area} loaded (demo/data/{area}.toml)."),
        )
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
