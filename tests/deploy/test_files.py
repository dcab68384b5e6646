"""deploy/: the nginx template and its renderer, the Caddy file, the systemd units.

What nginx does with the rendered file is checked by ``make deploy-check``
(scripts/deploy_check.py, a real nginx in front of gunicorn); here: the file nginx
accepts, the values that must agree with the app, the commands the units run, and
the document hand-off to nginx (core.sendfile_nginx) with Wagtail's access checks.
"""

import configparser
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import get_commands
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))
sys.path.insert(0, str(ROOT / "scripts"))

import deploy_check  # noqa: E402
import render  # noqa: E402

DEPLOY = ROOT / "deploy"
MIB = 1024 * 1024


def app_upload_limit():
    return max(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)


def test_body_size_is_the_apps_upload_limit_plus_the_form():
    assert render.upload_limit() == app_upload_limit()
    size = int(render.body_size().removesuffix("m")) * MIB
    assert app_upload_limit() < size <= app_upload_limit() + 2 * MIB
    assert f"client_max_body_size {render.body_size()};" in render.render()


def test_every_upstream_server_is_listed_and_every_placeholder_filled():
    text = render.render(upstreams=("10.0.0.11:8001", "10.0.0.12:8001"), https_listen="8443")
    assert "server 10.0.0.11:8001 max_fails=3" in text
    assert "server 10.0.0.12:8001 max_fails=3" in text
    assert "{{" not in text
    assert "return 301 https://$host:8443$request_uri;" in text
    assert "return 301 https://$host$request_uri;" in render.render()


def test_an_unknown_placeholder_is_an_error():
    with pytest.raises(KeyError, match="colour"):
        render.render(template="server_name {{ server_name }}; {{ colour }}")


def test_rendered_site_passes_nginx_t(tmp_path):
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    assert nginx, "nginx is installed by .ci/run (apt-get install nginx)"
    cert, key = deploy_check.make_certificate(tmp_path)
    (tmp_path / "media").mkdir()
    conf = deploy_check.write_nginx(
        tmp_path, cert, key, ["127.0.0.1:8001", "127.0.0.1:8002"], tmp_path / "media",
        tmp_path / "static", deploy_check.free_port(), deploy_check.free_port(),
    )  # fmt: skip
    result = subprocess.run(  # noqa: S603 - our own arguments
        [nginx, "-t", "-c", str(conf), "-e", str(tmp_path / "logs" / "error.log")],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_caddy_has_the_same_limit_and_upload_headers():
    caddy = (DEPLOY / "caddy" / "Caddyfile").read_text()
    nginx = render.render()
    limit = re.search(r"max_size (\d+)MB", caddy).group(1)
    assert f"{limit}m" == render.body_size()
    for header in ("X-Content-Type-Options nosniff", "sandbox; default-src 'none'", "immutable"):
        assert header.split()[-1] in caddy
        assert header.split()[-1] in nginx
    assert "/media/documents/*" in caddy
    assert "location /media/documents/" in nginx


def unit_files(suffix):
    return sorted((DEPLOY / "systemd").glob(f"*.{suffix}"))


def test_units_run_commands_the_app_has():
    commands = get_commands()
    used = []
    for path in unit_files("service"):
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str
        parser.read_string(path.read_text().replace("\\\n", " "))
        assert parser["Service"]["WorkingDirectory"] == "/srv/ops"
        for name in re.findall(r"manage\.py (\w+)", path.read_text()):
            assert name in commands, f"{path.name}: manage.py {name} does not exist"
            used.append(name)
    assert {"publish_scheduled", "backup", "purge_form_submissions"} <= set(used)
    assert "gunicorn website.wsgi" in (DEPLOY / "systemd" / "ops.service").read_text()


def test_each_timer_starts_a_service_of_its_name():
    timers = unit_files("timer")
    assert {t.stem for t in timers} == {"ops-scheduler", "ops-cleanup", "ops-backup", "ops-visits"}
    for timer in timers:
        assert (DEPLOY / "systemd" / f"{timer.stem}.service").exists()
        assert "OnCalendar=" in timer.read_text()


@pytest.fixture
def nginx_sendfile(settings, home):
    settings.SENDFILE_BACKEND = "core.sendfile_nginx"
    settings.SENDFILE_ROOT = settings.MEDIA_ROOT
    settings.SENDFILE_URL = "/_protected_media/"


def make_document(title, name, content, collection=None):
    document = get_document_model()(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


@pytest.mark.django_db
def test_documents_are_handed_to_nginx_after_the_checks(client, nginx_sendfile):
    public = make_document("Film", "film-pjm.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100)
    response = client.get(public.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected_media/{public.file.name}"
    assert response["Content-Type"] == "video/mp4"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response) == b""

    internal = Collection.get_first_root_node().add_child(name="Wewnętrzne")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type="login")
    private = make_document("Wewnętrzny", "wewnetrzny.pdf", b"%PDF-1.4 x", internal)
    response = client.get(private.url)
    assert response.status_code == 302
    assert "X-Accel-Redirect" not in response
