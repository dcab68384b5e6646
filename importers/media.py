"""Files the old content links to: found in a local folder or fetched, deduplicated.

A file is found in the folder the user points at (the old ``wp-content/uploads``
copied over) by its path after ``/uploads/``, or, when fetching is allowed, fetched
from the old site's own host with a timeout and a size limit. The same content
(SHA-256) becomes one Wagtail image or document however many times it is linked.
A missing or unreadable file is a warning, never the end of the import.
"""

import hashlib
import io
import posixpath
import re
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

HASH_SOURCE = "sha256"
FETCH_TIMEOUT = 10
# WordPress's resized copies: photo-300x200.jpg is a copy of photo.jpg.
RESIZED = re.compile(r"-\d{2,5}x\d{2,5}(?=\.[A-Za-z0-9]+$)")


def max_file_bytes():
    return getattr(settings, "IMPORTERS_MAX_MEDIA_BYTES", 20 * 1024 * 1024)


def extension(path):
    return posixpath.splitext(path)[1].lower().lstrip(".")


def is_image_path(path):
    return extension(path) in settings.WAGTAILIMAGES_EXTENSIONS


def is_document_path(path):
    return extension(path) in settings.WAGTAILDOCS_EXTENSIONS


def uploads_path(url):
    """The part of a file's address after ``/uploads/`` (or the whole path), unquoted."""
    path = unquote(urlparse(url or "").path)
    marker = "/uploads/"
    if marker in path:
        return path.split(marker, 1)[1].lstrip("/")
    return path.lstrip("/")


class MediaLibrary:
    """Turns file addresses into Wagtail images and documents for one import."""

    def __init__(self, runner, *, folder=None, base_url="", allow_fetch=False):
        self.runner = runner
        self.folder = Path(folder).resolve() if folder else None
        self.base_url = base_url or ""
        self.allowed_host = urlparse(self.base_url).hostname
        self.allow_fetch = allow_fetch
        self.cache = {}
        self.redirects = []  # (old path, object) for the redirects module
        self.sink = None  # the current item's warnings, when an item is running
        self.known = {}  # uploads path -> (title, alt) the export gives the file

    def warn(self, text):
        if self.sink is not None:
            self.sink(text)
        else:
            self.runner.report.add("warnings", text)

    def forget(self):
        """After a failed item: its rows were rolled back, so cached objects are stale."""
        self.cache.clear()
        self.redirects.clear()

    # Reading -------------------------------------------------------------------

    def read(self, url):
        """The file's bytes from the folder or the old site, or None (with a warning)."""
        relative = uploads_path(url)
        candidates = [relative]
        original = RESIZED.sub("", relative)
        if original != relative:
            candidates.append(original)
        if self.folder is not None:
            for candidate in candidates:
                data = self._read_local(candidate)
                if data is not None:
                    return data
        if self.allow_fetch:
            data = self._fetch(url)
            if data is not None:
                return data
        self.warn(_("File not found: %(url)s") % {"url": url})
        return None

    def _read_local(self, relative):
        if not relative:
            return None
        path = (self.folder / relative).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():
            return None
        if path.stat().st_size > max_file_bytes():
            self.warn(_("File too large, left out: %(name)s") % {"name": relative})
            return None
        return path.read_bytes()

    def _fetch(self, url):
        absolute = urljoin(self.base_url, url)
        parsed = urlparse(absolute)
        if parsed.scheme not in ("http", "https") or parsed.hostname != self.allowed_host:
            return None  # only the old site itself, never any address the content names
        limit = max_file_bytes()
        try:
            # The scheme is checked above: http or https, on the old site's host only.
            request = urllib.request.Request(absolute, headers={"User-Agent": "ops-import"})  # noqa: S310
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
                data = response.read(limit + 1)
        except (OSError, ValueError) as exc:
            self.warn(_("Could not fetch %(url)s: %(error)s") % {"url": absolute, "error": exc})
            return None
        if len(data) > limit:
            self.warn(_("File too large, left out: %(name)s") % {"name": absolute})
            return None
        return data

    # Objects -----------------------------------------------------------------

    def image(self, url, title="", alt=""):
        """A Wagtail image for the file at ``url`` (imported once), or None."""
        return self._get(url, title, alt, image=True)

    def document(self, url, title=""):
        return self._get(url, title, "", image=False)

    def file(self, url, title="", alt=""):
        """An image or a document, by the file's extension; None for other files."""
        path = uploads_path(url)
        if is_image_path(path):
            return self.image(url, title, alt)
        if is_document_path(path):
            return self.document(url, title)
        return None

    def _get(self, url, title, alt, *, image):
        if not url:
            return None
        key = (uploads_path(url), image)
        if key in self.cache:
            return self.cache[key]
        obj = self._load(url, title, alt, image=image)
        self.cache[key] = obj
        if obj is not None:
            self.redirects.append((urlparse(url).path, obj))
        return obj

    def _load(self, url, title, alt, *, image):
        runner = self.runner
        existing = runner.lookup(f"file:{uploads_path(url)}")
        if existing is not None:
            return existing
        data = self.read(url)
        if data is None:
            return None
        name = posixpath.basename(uploads_path(url)) or "plik"
        path = uploads_path(url)
        known = self.known.get(path) or self.known.get(RESIZED.sub("", path))
        if known:
            title, alt = known[0] or title, known[1] or alt
        title = (title or posixpath.splitext(name)[0].replace("-", " ").replace("_", " "))[:255]
        if runner.dry_run:
            return None
        digest = hashlib.sha256(data).hexdigest()
        obj = runner.lookup(digest, source=HASH_SOURCE)
        if obj is None:
            obj = self._same_content(data) or self._create(data, name, title, alt, image=image)
            if obj is None:
                return None
            runner.remember(digest, obj, source=HASH_SOURCE)
        runner.remember(f"file:{uploads_path(url)}", obj)
        return obj

    def _same_content(self, data):
        """A file already on the site with the same content (Wagtail's own SHA-1 hash)."""
        sha1 = hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's file_hash is SHA-1
        return (
            get_image_model().objects.filter(file_hash=sha1).first()
            or get_document_model().objects.filter(file_hash=sha1).first()
        )

    def _create(self, data, name, title, alt, *, image):
        if image:
            try:
                with PILImage.open(io.BytesIO(data)) as picture:
                    picture.verify()
            except Exception:  # noqa: BLE001 - Pillow raises many kinds for a bad file
                self.warn(_("Not a readable image, left out: %(name)s") % {"name": name})
                return None
            obj = get_image_model()(title=title, description=alt[:255])
            obj.file = ImageFile(io.BytesIO(data), name=name)
        else:
            obj = get_document_model()(title=title)
            obj.file = ContentFile(data, name=name)
        obj.save()
        return obj
