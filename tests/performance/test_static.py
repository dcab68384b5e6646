"""Static files in production: hashed names, gzip and brotli, cached for good (issue 9).

collectstatic runs with the production storage into a temporary STATIC_ROOT, on our
own static folder only (the admin's thousands of files would make it slow and prove
nothing more), and whitenoise then answers from it as in production.
"""

import re

import pytest
from django.conf import settings as django_settings
from django.http import HttpResponseNotFound
from whitenoise.middleware import WhiteNoiseMiddleware

PRODUCTION_STORAGE = "core.storage.MinifiedStaticFilesStorage"


def test_production_uses_compressed_manifest_storage():
    from whitenoise.storage import CompressedManifestStaticFilesStorage

    from core.storage import MinifiedStaticFilesStorage
    from website.settings import base

    assert base.STORAGES["staticfiles"]["BACKEND"] == PRODUCTION_STORAGE
    assert issubclass(MinifiedStaticFilesStorage, CompressedManifestStaticFilesStorage)


def test_own_css_and_js_are_minified_and_still_whole(collected):
    root, manifest = collected
    source = django_settings.BASE_DIR / "static"
    for name in ["css/site.css", "js/main.js", "js/consent.js"]:
        original = (source / name).read_text()
        minified = (root / manifest[name]).read_text()
        assert len(minified) < 0.9 * len(original), name
        assert "/*" not in minified and "\n  " not in minified, name
    # nothing lost: every selector and every string of the source is still there
    css = (root / manifest["css/site.css"]).read_text()
    for selector in re.findall(r"^([.#][\w-]+)\s*{", (source / "css/site.css").read_text(), re.M):
        assert selector in css, selector
    js = (root / manifest["js/main.js"]).read_text()
    js_source = (source / "js/main.js").read_text()
    names = re.findall(r"function (\w+)\(", js_source)
    selectors = re.findall(r'"(\[data-[\w-]+\])"', js_source)
    assert names and selectors
    for name in names:
        assert f"function {name}(" in js, name
    for selector in selectors:
        assert selector in js, selector


def test_brotli_is_installed():
    import brotli  # whitenoise[brotli]

    assert brotli.decompress(brotli.compress(b"ops")) == b"ops"


@pytest.fixture
def whitenoise(collected, db):  # db: closing a response sends request_finished
    return WhiteNoiseMiddleware(lambda request: HttpResponseNotFound())


def test_hashed_files_have_gzip_and_brotli_twins(collected):
    root, manifest = collected
    hashed = manifest["css/site.css"]
    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", hashed)
    assert (root / (hashed + ".br")).stat().st_size < (root / hashed).stat().st_size
    assert (root / (hashed + ".gz")).stat().st_size < (root / hashed).stat().st_size


def test_hashed_files_are_cached_for_good_and_compressed(whitenoise, collected, rf):
    _root, manifest = collected
    for name in ["css/site.css", "js/main.js"]:
        response = whitenoise(rf.get("/static/" + manifest[name], HTTP_ACCEPT_ENCODING="br, gzip"))
        assert response.status_code == 200
        assert response["Cache-Control"] == "max-age=315360000, public, immutable"
        assert response["Content-Encoding"] == "br"
        assert "Accept-Encoding" in response["Vary"]
        response.close()
    gzip_only = whitenoise(
        rf.get("/static/" + manifest["css/site.css"], HTTP_ACCEPT_ENCODING="gzip")
    )
    assert gzip_only["Content-Encoding"] == "gzip"
    gzip_only.close()


def test_plain_names_are_cached_briefly(whitenoise, rf):
    """A file under its plain name may change on the next deploy: one hour, not a year."""
    response = whitenoise(rf.get("/static/img/favicon.svg"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=3600, public"
    response.close()


def test_pages_link_the_hashed_names(client, home, settings, collected):
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    _root, manifest = collected
    html = client.get("/").content.decode()
    assert f"/static/{manifest['css/site.css']}" in html
    assert f"/static/{manifest['js/main.js']}" in html
