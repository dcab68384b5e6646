"""What the three import commands share: the options, the progress bar, the summary."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from .jobs import execute


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="The file to import.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; write nothing."
        )
        parser.add_argument("--update", action="store_true", help="Update items imported before.")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--publish", action="store_const", dest="mode", const="publish")
        mode.add_argument(
            "--moderate",
            action="store_const",
            dest="mode",
            const="moderate",
            help="Save drafts and submit them to the moderation workflow.",
        )
        parser.add_argument("--user", help="Username recorded as the author of the revisions.")

    def page(self, value, model=None):
        if value in (None, ""):
            return None
        query = (model or Page).objects
        page = (
            query.filter(pk=int(value)).first()
            if str(value).isdigit()
            else query.filter(url_path__endswith=str(value).strip("/") + "/").first()
        )
        if page is None:
            raise CommandError(f"No such page: {value}")
        return page.specific

    def import_options(self, options):
        return {}

    def handle(self, *args, **options):
        user = None
        if options.get("user"):
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No such user: {options['user']}")
        report = execute(
            self.kind,
            options["file"],
            dry_run=options["dry_run"],
            update=options["update"],
            mode=options.get("mode") or "draft",
            user=user,
            progress=self.progress if options["verbosity"] > 0 else None,
            **self.import_options(options),
        )
        if options["verbosity"] > 0:
            self.stdout.write("")
        for kind in ("created", "updated", "skipped", "warnings", "errors"):
            for line in getattr(report, kind):
                if options["verbosity"] > 1 or kind in ("warnings", "errors"):
                    self.stdout.write(f"[{kind}] {line}")
        if options["verbosity"] > 0 and report.review:
            self.stdout.write("Pages to review:")
            for title, url in report.review[:200]:
                self.stdout.write(f"  {title}: {url}")
        self.stdout.write(report.summary())
        if report.errors and not (report.created or report.updated or report.skipped):
            raise CommandError(report.errors[0])

    def progress(self, done, total):
        width = 30
        filled = int(width * done / total) if total else width
        self.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        self.stderr.flush()
