"""Media in an S3 bucket (issue 24), against a real S3 API server on loopback.

moto's server mode (ThreadedMotoServer) answers the S3 protocol over HTTP like
MinIO or a provider would; the app talks to it with boto3 through django-storages,
nothing is mocked inside the process. The storage options are the ones
``website.settings.production`` builds from the S3_* variables.
"""

import io
import json
import socket
import tarfile
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from core.management.commands.restore import Command as RestoreCommand
from security.uploads import STORAGE_UNAVAILABLE
from tests.factories import make_image, make_index, make_post
from tests.production import production_settings

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "ops-media"
KEYS = {"S3_ACCESS_KEY_ID": "ops-test-key", "S3_SECRET_ACCESS_KEY": "ops-test-secret"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clear_caches():
    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="session")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def s3_storage_setting(endpoint, bucket=BUCKET):
    """STORAGES["default"] as production settings build it, for this endpoint and bucket."""
    built = production_settings(
        MEDIA_STORAGE="s3", S3_ENDPOINT_URL="http://s3.invalid", S3_BUCKET="b",
        S3_REGION="eu-central-1", **KEYS,
    )["STORAGES"]["default"]  # fmt: skip
    options = {**built["OPTIONS"], "endpoint_url": endpoint, "bucket_name": bucket}
    return {**built, "OPTIONS": options}


@pytest.fixture(scope="session")
def s3_client(s3_endpoint):
    """boto3, to look inside the bucket from outside the app."""
    return boto3.client(
        "s3", endpoint_url=s3_endpoint, region_name="eu-central-1",
        aws_access_key_id=KEYS["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["S3_SECRET_ACCESS_KEY"],
    )  # fmt: skip


@pytest.fixture
def bucket(s3_endpoint, s3_client, settings):
    """An empty bucket as the media storage; returns the boto3 client."""
    client = s3_client
    existing = {b["Name"] for b in client.list_buckets()["Buckets"]}
    if BUCKET not in existing:
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
        )
        # What README asks of the bucket: anyone may read images, nothing else.
        policy = (ROOT / "deploy" / "s3" / "bucket-policy.json").read_text()
        client.put_bucket_policy(Bucket=BUCKET, Policy=policy.replace("BUCKET", BUCKET))
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage_setting(s3_endpoint)}
    return client


def keys(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


@pytest.fixture
def unreachable(settings):
    """The media storage pointed at a loopback port where nothing listens."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage_setting(f"http://127.0.0.1:{free_port()}"),
    }


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        username="redakcja", email="r@example.pl", password="Dlugie-Haslo-123"
    )


def png(size=(64, 48)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(client, name="zdjecie.png", data=None):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Zdjęcie",
            "file": SimpleUploadedFile(name, data or png(), content_type="image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_production_settings_use_the_bucket_only_when_asked():
    local = production_settings()
    assert local["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert local["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == ["'self'", "data:"]
    s3 = production_settings(
        MEDIA_STORAGE="s3", S3_ENDPOINT_URL="https://s3.waw.io.cloud.ovh.net", S3_BUCKET="ops",
        S3_PUBLIC_URL="https://media.ops.example.pl", **KEYS,
    )  # fmt: skip
    options = s3["STORAGES"]["default"]["OPTIONS"]
    assert s3["STORAGES"]["default"]["BACKEND"] == "core.media_storage.S3MediaStorage"
    assert options["querystring_auth"] is False and options["file_overwrite"] is False
    assert options["custom_domain"] == "media.ops.example.pl"
    assert "https://media.ops.example.pl" in s3["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]
    assert s3["WAGTAILDOCS_SERVE_METHOD"] == "serve_view"
    with pytest.raises(RuntimeError, match="MEDIA_STORAGE=s3 needs S3_BUCKET"):
        production_settings(MEDIA_STORAGE="s3", S3_ENDPOINT_URL="http://127.0.0.1:9", **KEYS)


def test_upload_and_renditions_live_in_the_bucket(client, editor, bucket, s3_endpoint):
    client.force_login(editor)
    response = upload_image(client)
    assert response.status_code == 302, response.content[:500]
    image = get_image_model().objects.get()
    assert keys(bucket) == [image.file.name]
    assert image.file.name.startswith("original_images/")

    rendition = image.get_rendition("fill-32x32")
    assert f"{rendition.file.name}" in keys(bucket)
    assert rendition.url.startswith(f"{s3_endpoint}/{BUCKET}/images/")
    with urllib.request.urlopen(rendition.url, timeout=10) as answer:  # noqa: S310 - loopback
        data = answer.read()
    assert PILImage.open(io.BytesIO(data)).size == (32, 32)


def test_documents_are_served_by_the_view_with_access_checks(
    client, editor, bucket, home, s3_endpoint
):
    Document = get_document_model()
    public = Document(title="Regulamin", file=SimpleUploadedFile("regulamin.pdf", b"%PDF-1.4 r"))
    public.save()
    internal = Collection.get_first_root_node().add_child(name="Wewnętrzne")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type="login")
    private = Document(
        title="Wewnętrzny", collection=internal,
        file=SimpleUploadedFile("wewnetrzny.pdf", b"%PDF-1.4 w"),
    )  # fmt: skip
    private.save()
    assert {public.file.name, private.file.name} <= set(keys(bucket))
    assert public.url.startswith("/dokumenty/")
    # The bucket's own address of a document answers nobody (bucket policy: images only).
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{s3_endpoint}/{BUCKET}/{private.file.name}", timeout=10)  # noqa: S310
    assert refused.value.code == 403

    response = client.get(public.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 r"
    assert client.get(private.url).status_code == 302  # to the login page
    client.force_login(editor)
    response = client.get(private.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 w"


def test_deleting_an_image_deletes_its_objects(bucket, db, django_capture_on_commit_callbacks):
    image = make_image()
    image.get_rendition("fill-20x20")
    assert len(keys(bucket)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert keys(bucket) == []


def test_start_up_check_names_what_is_wrong(s3_endpoint, bucket, settings):
    assert checks.run_checks(tags=["storage"]) == []

    settings.STORAGES = {**settings.STORAGES, "default": s3_storage_setting(s3_endpoint, "brak")}
    (error,) = checks.run_checks(tags=["storage"])
    assert error.id == "website.E024"
    assert "bucket 'brak'" in error.msg and "does not exist (S3_BUCKET)" in error.msg

    port = free_port()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage_setting(f"http://127.0.0.1:{port}"),
    }
    (error,) = checks.run_checks(tags=["storage"])
    assert f"127.0.0.1:{port}" in error.msg and "cannot be reached (S3_ENDPOINT_URL)" in error.msg


def test_local_disk_needs_no_check(settings):
    assert settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")
    assert checks.run_checks(tags=["storage"]) == []


def test_upload_while_the_bucket_is_away_saves_nothing(client, editor, unreachable):
    client.force_login(editor)
    response = upload_image(client)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [str(STORAGE_UNAVAILABLE)]
    assert not get_image_model().objects.exists()

    response = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("wniosek.pdf", b"%PDF-1.4 x")},
    )
    payload = json.loads(response.content)
    assert payload["success"] is False
    assert str(STORAGE_UNAVAILABLE) in json.dumps(payload, ensure_ascii=False)
    assert not get_document_model().objects.exists()


def test_pages_with_images_keep_answering_while_the_bucket_is_away(
    client, bucket, home, s3_endpoint, settings
):
    image = make_image()
    post = make_post(make_index(home), "Z obrazem", image=image)
    first = client.get(post.url)
    assert first.status_code == 200
    shown = {k for k in keys(bucket) if k.startswith("images/")}
    assert shown, "the post renders renditions of its image"

    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage_setting(f"http://127.0.0.1:{free_port()}"),
    }
    clear_caches()
    again = client.get(post.url)
    assert again.status_code == 200
    # The renditions already made are shown as before (their rows know their names).
    assert all(name in again.content.decode() for name in shown)
    # A rendition not made yet cannot be made now: Wagtail shows its "not found" one.
    image.renditions.all().delete()
    clear_caches()
    without = client.get(post.url)
    assert without.status_code == 200


def test_backup_and_restore_carry_the_bucket(bucket, db, tmp_path):
    image = make_image()
    image.get_rendition("fill-20x20")
    document = get_document_model()(title="Druk", file=SimpleUploadedFile("druk.pdf", b"%PDF-1 d"))
    document.save()
    archive_path = tmp_path / "kopia.tar.gz"
    call_command("backup", output=str(archive_path), verbosity=0)
    with tarfile.open(archive_path) as archive:
        media = sorted(m.name for m in archive.getmembers() if m.name.startswith("media/"))
    assert media == sorted(f"media/{name}" for name in (image.file.name, document.file.name))

    for key in keys(bucket):
        bucket.delete_object(Bucket=BUCKET, Key=key)
    with tarfile.open(archive_path) as archive:
        assert RestoreCommand().restore_media(archive) == 2
    assert {image.file.name, document.file.name} <= set(keys(bucket))
    body = bucket.get_object(Bucket=BUCKET, Key=document.file.name)["Body"].read()
    assert body == b"%PDF-1 d"


def test_the_multiple_uploader_puts_images_in_the_bucket(client, editor, bucket):
    client.force_login(editor)
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("galeria.png", png(), content_type="image/png")},
    )
    payload = json.loads(response.content)
    assert payload["success"] is True, payload
    image = get_image_model().objects.get(pk=payload["image_id"])
    assert image.file.name in keys(bucket)


def test_start_up_check_names_a_refused_key(bucket, monkeypatch):
    from moto import settings as moto_settings

    # moto then checks every request's key against its IAM users: ours is none of them.
    monkeypatch.setattr(moto_settings, "INITIAL_NO_AUTH_ACTION_COUNT", 0)
    (error,) = checks.run_checks(tags=["storage"])
    assert "refused the key (S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY)" in error.msg
