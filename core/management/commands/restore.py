"""``python manage.py restore ARCHIVE [--force]``: bring an install back from ``backup``.

Run it on a fresh install after ``migrate``. It refuses to overwrite a database
that already holds content (users, pages beyond Wagtail's welcome page, documents,
images or form submissions) unless ``--force`` is given. Then, in one transaction,
it empties the database (``flush``), loads the dump, and afterwards writes the
media files back, rebuilds the search and reference indexes and empties the page
cache. Row counts are compared with the archive's manifest.
"""

import json
import posixpath
import tarfile
import tempfile
import time
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from .backup import FORMAT_VERSION, model_counts


def database_has_content():
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    if get_user_model().objects.exists():
        return True
    if get_document_model().objects.exists() or get_image_model().objects.exists():
        return True
    if apps.is_installed("wagtail.contrib.forms"):
        from wagtail.contrib.forms.models import FormSubmission

        if FormSubmission.objects.exists():
            return True
    if Page.objects.filter(depth__gte=3).exists():
        return True
    # A fresh install has only Wagtail's own welcome page (a plain Page) below the root.
    return Page.objects.filter(depth=2).exclude(content_type__model="page").exists()


def safe_media_name(member_name):
    """'media/documents/a.pdf' -> 'documents/a.pdf'; None for anything unsafe."""
    if not member_name.startswith("media/"):
        return None
    name = posixpath.normpath(member_name[len("media/") :])
    if name.startswith(("/", "../")) or name in {".", ".."} or "\\" in name or "\x00" in name:
        return None
    return name


def empty_page_cache():
    try:
        from pagecache.middleware import bump_generation

        bump_generation()
    except Exception:  # noqa: BLE001 - an unreachable cache must not fail the restore
        return False
    return True


class Command(BaseCommand):
    help = "Restores the database and media files from an archive written by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Path of the .tar.gz written by `backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the content of a database that is not empty.",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        path = Path(options["archive"])
        if not path.is_file():
            raise CommandError(f"No such archive: {path}")
        if database_has_content() and not options["force"]:
            raise CommandError(
                "The database already has content (users, pages, documents or form "
                "submissions). Restore into a fresh, migrated install, or add --force to "
                "replace everything in this one."
            )

        with (
            tempfile.TemporaryDirectory(prefix="ops-restore-") as work,
            tarfile.open(path, "r:gz") as archive,
        ):
            manifest = self.read_json(archive, "manifest.json")
            if manifest.get("format") != FORMAT_VERSION:
                raise CommandError(f"Unknown archive format: {manifest.get('format')!r}")
            dump = Path(work) / "db.json"
            member = archive.getmember("db.json")
            with archive.extractfile(member) as source, dump.open("wb") as target:
                while chunk := source.read(1024 * 1024):
                    target.write(chunk)

            with transaction.atomic():
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(dump), verbosity=0)

            restored_files = self.restore_media(archive)

        call_command("rebuild_references_index", verbosity=0)
        call_command("update_index", verbosity=0)
        cache_emptied = empty_page_cache()

        expected = manifest.get("counts", {})
        actual = model_counts()
        mismatches = {
            label: (count, actual.get(label))
            for label, count in expected.items()
            if actual.get(label) != count
        }
        if mismatches:
            details = ", ".join(f"{k}: {a} expected {b}" for k, (b, a) in mismatches.items())
            raise CommandError(f"Restored row counts differ from the archive: {details}")
        if restored_files != manifest.get("media_files", restored_files):
            raise CommandError(
                f"Restored {restored_files} media files, the archive lists "
                f"{manifest.get('media_files')}."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(actual.values())} database rows and {restored_files} media "
                f"files from {path} (made {manifest.get('created')} on "
                f"{manifest.get('database_vendor')}) in {time.monotonic() - started:.1f} s."
                + ("" if cache_emptied else " The page cache could not be emptied.")
            )
        )

    @staticmethod
    def read_json(archive, name):
        try:
            with archive.extractfile(archive.getmember(name)) as handle:
                return json.load(handle)
        except (KeyError, ValueError) as error:
            raise CommandError(f"The archive has no valid {name}: {error}") from error

    def restore_media(self, archive):
        count = 0
        for member in archive:
            name = safe_media_name(member.name)
            if name is None or not member.isfile():
                if member.name.startswith("media/") and not member.isdir():
                    self.stderr.write(f"Skipped unsafe archive entry: {member.name!r}")
                continue
            with archive.extractfile(member) as handle:
                if default_storage.exists(name):
                    default_storage.delete(name)
                saved = default_storage.save(name, File(handle, name=posixpath.basename(name)))
            if saved != name:
                raise CommandError(f"Storage saved {name} as {saved}")
            count += 1
        return count
