"""What empties the page cache, beyond pages and settings: snippets, images, documents.

Each change is also made from a second process sharing the cache, as a second
app worker or a cron job on the same server would.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.snippets.models import get_snippet_models

from alerts.models import Alert
from demo.media import demo_document, demo_image
from news.models import NewsCategory
from pagecache import invalidation
from tests.support import process_env

ROOT = Path(__file__).resolve().parents[2]


def x_cache(response):
    return response.headers.get("X-Cache")


def warm(client, url="/"):
    client.get(url)
    assert x_cache(client.get(url)) == "HIT"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_every_snippet_model_but_the_consent_log_is_watched(db):
    watched = invalidation.watched_model_labels()
    snippets = {model._meta.label_lower for model in get_snippet_models()}
    assert snippets - {"cookie_consent.logitem"}, "no snippet models registered"
    assert snippets - {"cookie_consent.logitem"} <= watched
    assert "cookie_consent.logitem" not in watched


@pytest.mark.parametrize("make", ["alert", "news category"])
def test_saving_a_snippet_empties_the_cache(make, client, site_settings, on_commit):
    warm(client)
    with on_commit():
        if make == "alert":
            Alert.objects.create(message="Jutro nieczynne", enabled=False)
        else:
            NewsCategory.objects.create(name="Projekty", slug="projekty")
    assert x_cache(client.get("/")) == "MISS"


def test_deleting_an_image_and_saving_a_document_empty_the_cache(client, site_settings, on_commit):
    with on_commit():
        image = demo_image("Zdjęcie", ("#ffffff", "#000000", "#333333"), "house", "Dom")
        document = demo_document("Regulamin", "regulamin.pdf", ["Tekst."], 1)
    warm(client)
    with on_commit():
        get_image_model().objects.get(pk=image.pk).delete()
    assert x_cache(client.get("/")) == "MISS"
    warm(client)
    with on_commit():
        document = get_document_model().objects.get(pk=document.pk)
        document.title = "Regulamin świetlicy"
        document.save()
    assert x_cache(client.get("/")) == "MISS"


# --- from a second process -------------------------------------------------------------

CHANGES = {
    "snippet saved": (
        "from alerts.models import Alert; Alert.objects.create(message='Z drugiego procesu')"
    ),
    "image deleted": (
        "from wagtail.images import get_image_model; get_image_model().objects.all().delete()"
    ),
    "document saved": (
        "from wagtail.documents import get_document_model; "
        "d = get_document_model().objects.get(); d.title = 'Nowy tytuł'; d.save()"
    ),
}


@pytest.fixture
def shared_cache(tmp_path, settings):
    location = str(tmp_path / "cache")
    settings.CACHES = {
        "default": {"BACKEND": "pagecache.file_cache.SharedFileCache", "LOCATION": location}
    }
    return location


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_in_another_process_empties_this_ones_cache(
    change, shared_cache, client, site_settings
):
    demo_image("Zdjęcie", ("#ffffff", "#000000", "#333333"), "house", "Dom")
    demo_document("Regulamin", "regulamin.pdf", ["Tekst."], 1)
    warm(client)
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", CHANGES[change]],
        cwd=ROOT,
        env=process_env(shared_cache),
        check=True,
        capture_output=True,
    )
    assert x_cache(client.get("/")) == "MISS"
    assert x_cache(client.get("/")) == "HIT"
