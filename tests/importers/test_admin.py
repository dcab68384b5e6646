"""The administrator's import page: upload, background run, report; nobody else gets in."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from importers.models import ImportJob
from news.models import NewsPage
from staff.roles import EDITORS

pytestmark = pytest.mark.django_db

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss><channel><title>&lol3;</title></channel></rss>"""


@pytest.fixture
def admin_client(client, db, settings):
    settings.IMPORTERS_RUN_INLINE = True
    user = get_user_model().objects.create_superuser("admin", "a@example.pl", "haslo-123456")
    client.force_login(user)
    return client


def upload(client, data, name="eksport.xml", **fields):
    form = {"kind": "wordpress", "mode": "publish", "file": SimpleUploadedFile(name, data)}
    form.update(fields)
    return client.post("/admin/import/", form, follow=True)


def test_superuser_uploads_and_reads_the_report(admin_client, news_index, few_posts):
    response = admin_client.get("/admin/import/")
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    response = upload(admin_client, few_posts.path.read_bytes())
    assert response.status_code == 200
    job = ImportJob.objects.get()
    assert job.status == ImportJob.STATUS_DONE and job.done == job.total == 7
    assert len(job.report["created"]) == 7
    html = response.content.decode()
    assert "Krótka wiadomość 0" in html and "/admin/pages/" in html
    assert NewsPage.objects.live().count() == 5
    status = admin_client.get(f"/admin/import/{job.pk}/status/").json()
    assert status == {"status": "done", "done": 7, "total": 7, "percent": 100, "finished": True}


def test_dry_run_from_the_admin_writes_nothing(admin_client, news_index, few_posts):
    upload(admin_client, few_posts.path.read_bytes(), dry_run="on")
    job = ImportJob.objects.get()
    assert job.report["dry_run"] is True and len(job.report["created"]) == 7
    assert NewsPage.objects.count() == 0


def test_a_running_job_refreshes_itself(admin_client):
    job = ImportJob.objects.create(kind="wordpress", file_name="x.xml", total=10, done=4)
    html = admin_client.get(f"/admin/import/{job.pk}/").content.decode()
    assert 'http-equiv="refresh"' in html and "4 / 10" in html


@pytest.mark.parametrize(
    "data",
    [BOMB, b"<rss><channel><item><title>urwany", b"%PDF-1.4 not xml", b"\x00\x01\x02" * 100],
    ids=["xml-bomb", "truncated", "pdf", "binary"],
)
def test_hostile_uploads_give_a_report_not_a_500(admin_client, news_index, data):
    response = upload(admin_client, data)
    assert response.status_code == 200
    job = ImportJob.objects.get()
    assert job.status == ImportJob.STATUS_DONE
    assert len(job.report["errors"]) == 1 and job.report["created"] == []
    assert escape(job.report["errors"][0]) in response.content.decode()
    assert NewsPage.objects.count() == 0


def test_too_large_a_file_is_refused_before_it_is_read(admin_client, news_index, settings):
    settings.IMPORTERS_MAX_FILE_BYTES = 1024
    response = upload(admin_client, b"<rss>" + b" " * 2048 + b"</rss>")
    assert response.status_code == 200
    assert ImportJob.objects.count() == 0
    assert "MB" in response.content.decode()


def test_an_editor_gets_403_and_no_menu_item(client, home):
    user = get_user_model().objects.create_user("redaktor", "r@example.pl", "haslo-123456")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    assert client.get("/admin/import/").status_code == 403
    assert client.post("/admin/import/", {"kind": "wordpress"}).status_code == 403
    job = ImportJob.objects.create(kind="wordpress", file_name="x.xml")
    assert client.get(f"/admin/import/{job.pk}/").status_code == 403
    assert client.get(f"/admin/import/{job.pk}/status/").status_code == 403
    assert b"/admin/import/" not in client.get("/admin/").content
