"""Backup and restore round trip (issue 10).

The source is this test's database with the demo site, visits, form submissions,
a staff account with two-factor authentication and uploaded files. The target is a
fresh install made the way an administrator makes one: ``migrate`` in a new
process with its own database and media folder, then ``restore``. Both sides print
the same summary (pages, documents and images with file hashes, counter totals,
form submissions, users, row counts per model), which must be equal.

The SQLite target always runs; the PostgreSQL target runs when a server answers
on OPS_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)
and uses a database of its own that it drops afterwards.
"""

import datetime
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.models import Page

from core.management.commands.restore import safe_media_name

# Marked, so pytest-django runs it before the transactional tests (which leave the
# database empty behind them), like every test that needs the migrations' rows.
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get(
    "OPS_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)

SUMMARY = r"""
import hashlib, json
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site
from core.management.commands.backup import model_counts


def digest(field):
    with field.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def sums(label, *fields):
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    return model.objects.aggregate(**{f: Sum(f) for f in fields})


client = Client(raise_request_exception=False)
# One page of each type is rendered (each render makes its renditions: all 50-odd
# pages twice would cost a minute); every page's row is compared in "pages".
live = []
for p in Page.objects.live().filter(depth__gt=1).order_by("path"):
    if p.content_type_id not in {q.content_type_id for q in live}:
        live.append(p)
summary = {
    "pages": [
        [p.url_path, p.title, p.live, p.content_type.app_label, p.content_type.model,
         p.owner.username if p.owner_id else None, p.live_revision_id]
        for p in Page.objects.order_by("path").select_related("content_type", "owner")
    ],
    "responses": {p.url_path: client.get(p.url).status_code for p in live if p.url},
    "documents": sorted(
        [d.title, d.file.name, digest(d.file)] for d in get_document_model().objects.all()
    ),
    "images": sorted(
        [i.title, i.file.name, digest(i.file), i.width, i.height]
        for i in get_image_model().objects.all()
    ),
    "submissions": sorted(
        [s.page.url_path, json.dumps(s.form_data, sort_keys=True), s.submit_time.isoformat()]
        for s in FormSubmission.objects.select_related("page")
    ),
    "visits": sums("visits.DailyVisits", "visits", "page_views"),
    "page_views": sums("visits.PageViews", "views"),
    "users": sorted(
        [u.username, u.password, u.is_superuser, sorted(g.name for g in u.groups.all())]
        for u in get_user_model().objects.all()
    ),
    "sites": sorted([s.hostname, s.port, s.root_page.url_path] for s in Site.objects.all()),
    "revisions": Revision.objects.count(),
    # Every match (a cut at N would depend on how ties rank): the same set after a restore.
    "search": sorted(p.title for p in Page.objects.live().search("Lipowo")),
    "counts": model_counts(),
}
print("SUMMARY=" + json.dumps(summary, sort_keys=True, default=str))
"""


def summary_in_process():
    out = io.StringIO()
    namespace = {"print": lambda text: out.write(text)}
    exec(SUMMARY, namespace)  # noqa: S102 - our own code, shared with the target process
    return json.loads(out.getvalue().split("SUMMARY=", 1)[1])


def target_env(run_dir, database_url=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    env["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
    env["OPS_TEST_RUN_DIR"] = str(run_dir)
    return env


def manage(env, *args, check=True):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=check,
    )


def summary_in(env):
    result = manage(env, "shell", "-c", SUMMARY)
    return json.loads(result.stdout.split("SUMMARY=", 1)[1])


COUNTS = (
    "import json; from core.management.commands.backup import model_counts; "
    "print('COUNTS=' + json.dumps(model_counts(), sort_keys=True, default=str))"
)


def counts_in(env):
    """Only the row counts per model (no pages rendered)."""
    result = manage(env, "shell", "-c", COUNTS)
    return json.loads(result.stdout.split("COUNTS=", 1)[1])


@pytest.fixture
def source_site(demo_site):
    """The demo plus what only a running site has: visits, messages, staff, uploads."""
    from django.apps import apps

    user = get_user_model().objects.create_superuser(
        username="dyrektor", email="dyrektor@example.pl", password="Dlugie-Haslo-2025"
    )
    TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)
    get_document_model().objects.create(
        title="Regulamin świetlicy (TXT)",
        file=SimpleUploadedFile("regulamin-swietlicy.txt", "Zażółć gęślą jaźń.\n".encode()),
    )
    contact = Page.objects.type(apps.get_model("pages", "ContactPage")).first()
    form_page = contact or Page.objects.filter(depth=2).first()
    now = timezone.now()
    for i in range(3):
        submission = FormSubmission.objects.create(
            page=form_page,
            form_data={"imie": f"Mieszkanka {i}", "wiadomosc": "Proszę o kontakt — ąęśćż."},
        )
        FormSubmission.objects.filter(pk=submission.pk).update(
            submit_time=now - datetime.timedelta(days=i)
        )
    daily = apps.get_model("visits", "DailyVisits")
    views = apps.get_model("visits", "PageViews")
    today = timezone.localdate()
    for offset, count in enumerate([120, 75, 31]):
        day = today - datetime.timedelta(days=offset)
        daily.objects.update_or_create(day=day, defaults={"visits": count, "page_views": count * 3})
        views.objects.update_or_create(day=day, path="/", defaults={"views": count * 2})
    return demo_site


def make_backup(tmp_path):
    archive = tmp_path / "kopia.tar.gz"
    call_command("backup", output=str(archive), verbosity=0, stdout=io.StringIO())
    return archive


def test_archive_contents(source_site, tmp_path):
    archive = make_backup(tmp_path)
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
        dump = json.load(tar.extractfile("db.json"))
    assert "db.json" in names
    media = [n for n in names if n.startswith("media/")]
    assert any(n.startswith("media/documents/") for n in media)
    assert any(n.startswith("media/original_images/") for n in media)
    assert not any(n.startswith("media/images/") for n in media), "renditions are rebuilt"
    assert manifest["media_files"] == len(media)
    models = {row["model"] for row in dump}
    assert "wagtailcore.page" in models
    assert "wagtailforms.formsubmission" in models
    assert "otp_totp.totpdevice" in models
    assert not models & {"contenttypes.contenttype", "auth.permission", "sessions.session"}
    # content types travel as natural keys, never as database ids
    page_row = next(row for row in dump if row["model"] == "wagtailcore.page")
    assert isinstance(page_row["fields"]["content_type"], list)


@pytest.mark.parametrize("target", ["sqlite", "postgres"])
def test_round_trip_into_fresh_install(source_site, tmp_path, target):
    database_url = None
    admin = None
    if target == "postgres":
        # The PostgreSQL target runs in the PostgreSQL stage only; there a missing
        # server is a failure, not a skip.
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            pytest.skip("PostgreSQL target: runs with DATABASE_URL=postgres://…")
        import psycopg

        admin = psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3)
        name = f"ops_restore_{uuid.uuid4().hex[:10]}"
        admin.execute(f'CREATE DATABASE "{name}"')
        database_url = POSTGRES_URL.rsplit("/", 1)[0] + "/" + name
    try:
        expected = summary_in_process()
        assert expected["documents"] and expected["images"] and expected["submissions"]
        assert expected["visits"]["visits"] == 226
        archive = make_backup(tmp_path)

        env = target_env(tmp_path / "fresh", database_url)
        manage(env, "migrate", "--noinput")
        result = manage(env, "restore", str(archive))
        assert "Restored" in result.stdout

        actual = summary_in(env)
        same_vendor = (target == "postgres") == bool(os.environ.get("DATABASE_URL"))
        for key in expected:
            if key == "search" and not same_vendor:
                # SQLite FTS5 and PostgreSQL rank and stem differently; the index is rebuilt.
                assert actual["search"], "the search index is rebuilt after a restore"
                continue
            assert actual[key] == expected[key], key
        assert set(actual["responses"].values()) == {200}

        # a second restore into the now full install needs --force
        refused = manage(env, "restore", str(archive), check=False)
        assert refused.returncode != 0
        assert "--force" in refused.stderr
        forced = manage(env, "restore", str(archive), "--force")
        assert "Restored" in forced.stdout
        assert counts_in(env) == expected["counts"]
    finally:
        if admin is not None:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()


def test_restore_refuses_a_site_with_content(source_site, tmp_path):
    archive = make_backup(tmp_path)
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive), stdout=io.StringIO())


def test_restore_rejects_a_foreign_archive(db, tmp_path):
    bogus = tmp_path / "obce.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        data = b'{"format": 99}'
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="format"):
        call_command("restore", str(bogus), stdout=io.StringIO())


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        ("media/documents/a.pdf", "documents/a.pdf"),
        ("media/../../etc/passwd", None),
        ("media//etc/passwd", None),
        ("media/documents/../../x", None),
        ("db.json", None),
        ("media/a\\..\\b", None),
    ],
)
def test_media_paths_cannot_escape(member, expected):
    assert safe_media_name(member) == expected
