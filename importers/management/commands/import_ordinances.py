from django.core.management.base import CommandError

from importers.cli import ImportCommand
from importers.models import ImportJob
from pages.models import OrdinanceIndexPage


class Command(ImportCommand):
    help = "Import the ordinances register from a CSV or XLSX file."
    kind = ImportJob.KIND_ORDINANCES

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--register", help="Ordinances register page (id or path).")
        parser.add_argument("--files-folder", help="Folder with the files the rows name.")
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="FIELD=HEADER",
            help="Header mapping, e.g. --column number='Nr zarz.' (fields: number, date, "
            "subject, status, repealed_by, file).",
        )

    def import_options(self, options):
        mapping = {}
        for pair in options["column"]:
            field, sep, header = pair.partition("=")
            if not sep:
                raise CommandError(f"Write the mapping as FIELD=HEADER: {pair}")
            mapping[field.strip()] = header
        return {
            "register": self.page(options["register"], OrdinanceIndexPage),
            "files_folder": options["files_folder"],
            "mapping": mapping,
        }
