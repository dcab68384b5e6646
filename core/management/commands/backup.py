"""``python manage.py backup [--output PATH]``: one .tar.gz with the database and the media.

The archive holds:

- ``manifest.json``  format version, date, database vendor, row counts per model
                     and the list of media files;
- ``db.json``        ``dumpdata`` of every app (plain Django JSON), without what
                     Django or Wagtail rebuild by themselves (content types,
                     permissions, sessions, the admin log, login-attempt records,
                     image renditions, the search index and the reference index).
                     Content types and permissions are written by natural key, so the
                     dump loads into SQLite or PostgreSQL whatever ids the target gives
                     them. Primary keys of everything else are kept (not Wagtail's
                     url_path natural keys): revisions and logs refer to pages, users
                     and images by id inside their JSON;
- ``media/...``      every uploaded file (original images, documents), read through
                     the storage API, so it works with local disk and object storage.

The archive contains password hashes and residents' messages: it is written with
permissions 0600; keep it somewhere only administrators can read.
"""

import datetime
import json
import os
import tarfile
import tempfile
import time
from pathlib import Path

import django
import wagtail
from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.serializers.json import (
    Deserializer,  # noqa: F401 - a serializer module (register_serializer) needs one
    DjangoJSONEncoder,
)
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import connection
from django.utils import timezone

FORMAT_VERSION = 1

# Rebuilt by Django or Wagtail, transient, or security logs that must not come back.
EXCLUDED_MODELS = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    "wagtailimages.rendition",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "search.searchdocument",
    "search.searchterm",
    "wagtailcore.referenceindex",
    "wagtailcore.uploadedfile",
    "wagtailadmin.editingsession",
    "wagtailadmin.admin",
]
# Only these are written by natural key: the target install creates them itself
# (post_migrate), with ids of its own. Everything else keeps its primary key.
NATURAL_KEY_MODELS = {"contenttypes.contenttype", "auth.permission"}
SERIALIZATION_FORMAT = "ops_portable_json"

# Renditions are re-created from the originals on demand.
EXCLUDED_MEDIA_PREFIXES = ("images/",)


class FullPrecisionEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds; a restore must give back microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            value = o.isoformat()
            return value[:-6] + "Z" if value.endswith("+00:00") else value
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    """JSON with natural keys for content types and permissions only.

    Wagtail gives pages (url_path) and collections natural keys too; written by
    natural key a page reference breaks when two sites share a path or a log entry
    points at a deleted page. Ids are exact and the target starts empty.
    """

    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = FullPrecisionEncoder

    def _natural(self, field):
        return field.remote_field.model._meta.label_lower in NATURAL_KEY_MODELS

    def handle_fk_field(self, obj, field):
        saved, self.use_natural_foreign_keys = self.use_natural_foreign_keys, self._natural(field)
        try:
            super().handle_fk_field(obj, field)
        finally:
            self.use_natural_foreign_keys = saved

    def handle_m2m_field(self, obj, field):
        saved, self.use_natural_foreign_keys = self.use_natural_foreign_keys, self._natural(field)
        try:
            super().handle_m2m_field(obj, field)
        finally:
            self.use_natural_foreign_keys = saved


def register_format():
    if SERIALIZATION_FORMAT not in serializers.get_serializer_formats():
        serializers.register_serializer(SERIALIZATION_FORMAT, __name__)


def excluded_labels():
    """The models EXCLUDED_MODELS names, as installed here.

    Labels of models this install lacks are dropped: some exist on one database only
    (SQLite's full-text index table), and dumpdata refuses a label it does not know.
    """
    labels = set()
    for item in EXCLUDED_MODELS:
        try:
            if "." in item:
                labels.add(apps.get_model(item)._meta.label_lower)
            else:
                config = apps.get_app_config(item)
                labels.update(model._meta.label_lower for model in config.get_models())
        except LookupError:
            continue
    return labels


def included_models():
    skip = excluded_labels()
    return [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in skip and model._meta.managed and not model._meta.proxy
    ]


def model_counts():
    return {model._meta.label_lower: model._default_manager.count() for model in included_models()}


def walk_storage(storage, directory=""):
    """Every file name in a storage, recursively, as relative POSIX paths."""
    try:
        directories, files = storage.listdir(directory)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for sub in sorted(directories):
        yield from walk_storage(storage, f"{directory}/{sub}" if directory else sub)


def media_files(storage=None):
    storage = storage or default_storage
    return [
        name
        for name in walk_storage(storage)
        if not name.startswith(EXCLUDED_MEDIA_PREFIXES) and not name.endswith("/")
    ]


class Command(BaseCommand):
    help = "Writes one .tar.gz archive with a portable database dump and all media files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="Archive path (default: ops-backup-<date>-<time>.tar.gz in the current folder).",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        output = Path(options.get("output") or f"ops-backup-{stamp}.tar.gz").resolve()
        output.parent.mkdir(parents=True, exist_ok=True)

        exclude = sorted(excluded_labels())
        with tempfile.TemporaryDirectory(prefix="ops-backup-") as work:
            dump = Path(work) / "db.json"
            register_format()
            call_command(
                "dumpdata",
                format=SERIALIZATION_FORMAT,
                natural_foreign=True,
                exclude=exclude,
                output=str(dump),
                indent=None,
                verbosity=0,
            )
            files = media_files()
            manifest = {
                "format": FORMAT_VERSION,
                "created": timezone.now().isoformat(),
                "database_vendor": connection.vendor,
                "django": django.get_version(),
                "wagtail": wagtail.__version__,
                "excluded_models": exclude,
                "counts": model_counts(),
                "media_files": len(files),
            }
            manifest_path = Path(work) / "manifest.json"
            manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")

            partial = output.with_name(output.name + ".partial")
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
                archive.add(manifest_path, arcname="manifest.json")
                archive.add(dump, arcname="db.json")
                media_bytes = 0
                for name in files:
                    with default_storage.open(name, "rb") as handle:
                        info = tarfile.TarInfo(f"media/{name}")
                        info.size = default_storage.size(name)
                        info.mtime = int(time.time())
                        info.mode = 0o644
                        archive.addfile(info, handle)
                        media_bytes += info.size
            os.replace(partial, output)

        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {output}: {rows} database rows in "
                f"{len(manifest['counts'])} tables, {len(files)} media files "
                f"({media_bytes / 2**20:.1f} MB), {output.stat().st_size / 2**20:.1f} MB archive, "
                f"{time.monotonic() - started:.1f} s."
            )
        )
        return None
