"""Upload checks (issue 10): documents are accepted by what they contain, not by their name.

Allowed: PDF, DOC/DOCX, ODT, XLS/XLSX, ODS, plain text, and MP4/WebM videos. Each extension must
match the file's content:

- pdf            starts with ``%PDF-``
- doc, xls       an OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1) with a Word or
                 Excel stream
- docx, xlsx     a ZIP package whose [Content_Types].xml declares a Word document
                 or Excel workbook (macro-enabled variants are refused)
- odt, ods       a ZIP package whose ``mimetype`` entry names an OpenDocument text
                 or spreadsheet
- txt            UTF-8 or Windows-1250 text without NUL bytes and without web
                 page or script markup
- mp4            an ISO media file (``ftyp`` box first) - videos in Polish sign
                 language (PJM) for the statutory page
- webm           a Matroska/EBML file (1A 45 DF A3) whose DocType is ``webm``

HTML, SVG and scripts are refused whatever they are called, so nothing uploaded can
run as a page on the site's origin. Wagtail serves documents through its own view
with Content-Disposition, ``X-Content-Type-Options: nosniff`` and
``Content-Security-Policy: default-src 'none'``.
"""

import logging
import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from core.media import storage_problem

from .image_scaling import scaled_down

logger = logging.getLogger(__name__)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
MAX_SMALL_ENTRY = 1024 * 1024  # [Content_Types].xml and mimetype are tiny

OOXML_MAIN_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
OLE2_STREAMS = {
    "doc": ["WordDocument"],
    "xls": ["Workbook", "Book"],
}
KIND_NAMES = {
    "pdf": "PDF",
    "doc": "Word 97–2003 (DOC)",
    "docx": "Word (DOCX)",
    "odt": "OpenDocument (ODT)",
    "xls": "Excel 97–2003 (XLS)",
    "xlsx": "Excel (XLSX)",
    "ods": "OpenDocument (ODS)",
    "txt": "TXT",
    "mp4": "MP4",
    "webm": "WebM",
}
# Markers of a web page, an SVG image or a script anywhere near the start of a file.
ACTIVE_MARKERS = re.compile(
    rb"<\s*(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|script[\s>]|svg[\s>]|iframe|object|"
    rb"embed|meta[\s>]|link[\s>]|form[\s>]|img[^>]+on\w+\s*=|\?xml)|"
    rb"javascript:|vbscript:|^#!",
    re.IGNORECASE | re.MULTILINE,
)
SNIFF_BYTES = 64 * 1024


class DocumentRefused(ValidationError):
    pass


def _active_content_error():
    return DocumentRefused(
        _(
            "This file contains a web page, an SVG image or a script. Such files could run "
            "code on the site, so they cannot be uploaded. Save the document as PDF and "
            "upload the PDF."
        ),
        code="active_content",
    )


def _mismatch_error(extension):
    return DocumentRefused(
        _(
            "The content of this file does not match its extension .%(extension)s. Open the "
            "file in the program it was made in, save it again as %(kind)s and upload it once "
            "more."
        )
        % {"extension": extension, "kind": KIND_NAMES.get(extension, extension.upper())},
        code="content_mismatch",
    )


def _not_allowed_error(extension):
    return DocumentRefused(
        _(
            "Files of type .%(extension)s cannot be uploaded. Allowed: PDF, DOC, DOCX, ODT, "
            "XLS, XLSX, ODS and TXT."
        )
        % {"extension": extension or "?"},
        code="extension_not_allowed",
    )


def read_all(uploaded):
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def _check_zip(uploaded, extension):
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if extension in OOXML_MAIN_TYPES:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size > MAX_SMALL_ENTRY:
                    return False
                content_types = archive.read(info).decode("utf-8", "replace")
                return OOXML_MAIN_TYPES[extension] in content_types
            if extension in ODF_MIMETYPES:
                if "mimetype" not in names:
                    return False
                info = archive.getinfo("mimetype")
                if info.file_size > MAX_SMALL_ENTRY:
                    return False
                return archive.read(info).strip() == ODF_MIMETYPES[extension].encode()
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError, EOFError):
        return False
    finally:
        uploaded.seek(0)
    return False


def _mismatch_or_active(head, extension):
    return _active_content_error() if ACTIVE_MARKERS.search(head) else _mismatch_error(extension)


def _check_text(data):
    if b"\x00" in data:
        return False
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            data.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def detect_problem(uploaded, filename):
    """Returns a ValidationError for a document that must be refused, or None."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    allowed = [ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", KIND_NAMES)]
    if extension not in allowed or extension not in KIND_NAMES:
        return _not_allowed_error(extension)
    data = read_all(uploaded)
    if not data:
        return DocumentRefused(_("The file is empty."), code="empty")
    head = data[:SNIFF_BYTES]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")

    if extension == "pdf":
        if not stripped.startswith(b"%PDF-"):
            return (
                _active_content_error()
                if ACTIVE_MARKERS.search(head)
                else _mismatch_error(extension)
            )
        return None
    if extension in OLE2_STREAMS:
        if not data.startswith(OLE2_MAGIC):
            return (
                _active_content_error()
                if ACTIVE_MARKERS.search(head)
                else _mismatch_error(extension)
            )
        if not any(name.encode("utf-16-le") in data for name in OLE2_STREAMS[extension]):
            return _mismatch_error(extension)
        return None
    if extension in OOXML_MAIN_TYPES or extension in ODF_MIMETYPES:
        if data.startswith(ZIP_MAGIC):
            return None if _check_zip(uploaded, extension) else _mismatch_error(extension)
        return (
            _active_content_error() if ACTIVE_MARKERS.search(head) else _mismatch_error(extension)
        )
    if extension == "mp4":
        return None if data[4:8] == b"ftyp" else _mismatch_or_active(head, extension)
    if extension == "webm":
        is_webm = data.startswith(EBML_MAGIC) and b"webm" in data[:64]
        return None if is_webm else _mismatch_or_active(head, extension)
    # txt
    if ACTIVE_MARKERS.search(data):
        return _active_content_error()
    if not _check_text(data):
        return _mismatch_error(extension)
    return None


def validate_document_file(uploaded, filename=None):
    problem = detect_problem(uploaded, filename or getattr(uploaded, "name", "") or "")
    if problem is not None:
        raise problem


STORAGE_UNAVAILABLE = gettext_lazy(
    "The file could not be saved: the file storage is not answering right now. Nothing was "
    "saved. Try again in a few minutes; if it keeps happening, tell the administrator."
)


class StorageReachableMixin:
    """With media in an S3 bucket (core.media_storage): an upload while the bucket is away
    is a form error before anything is saved, not a 500 (issue 24)."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("file") and "file" in self.changed_data and "file" not in self.errors:
            problem = storage_problem()
            if problem:
                logger.error("Upload refused, media storage unavailable: %s", problem)
                self.add_error("file", ValidationError(STORAGE_UNAVAILABLE, code="storage"))
        return cleaned


class SafeDocumentForm(StorageReachableMixin, BaseDocumentForm):
    """Wagtail's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE) with the content check, and
    the file of a document on a published page replaced only by who may (staff.documents)."""

    def __init__(self, *args, **kwargs):
        self.editing_user = kwargs.get("user")
        super().__init__(*args, **kwargs)

    def clean_file(self):
        from staff.documents import may_replace_file

        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            if not may_replace_file(self.editing_user, self.instance):
                raise ValidationError(
                    gettext_lazy(
                        "This document is linked from a published page, so its file can only "
                        "be replaced by a moderator or the director. Ask them, or upload the "
                        "new file as a new document."
                    ),
                    code="published_file",
                )
            validate_document_file(uploaded, uploaded.name)
        return uploaded


class SafeWagtailImageField(WagtailImageField):
    """Wagtail's image field; a file Pillow cannot read (a bare ``GIF89a`` header) is a form
    error, not a 500 (issue 22: Willow guessed the format from the header, Pillow failed on
    the size check)."""

    def to_python(self, data):
        # A phone photo over the limits is scaled down first (security.image_scaling).
        data = scaled_down(data)
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 - anything the image library raises
            raise ValidationError(
                gettext_lazy(
                    "The file is not a readable image. Save it again in a graphics program "
                    "(as JPG or PNG) and upload it once more."
                ),
                code="invalid_image",
            ) from error


class SafeImageForm(StorageReachableMixin, BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            # Built per form, as Wagtail builds its own, so the limits are read from settings now.
            self.fields["file"] = SafeWagtailImageField(
                label=field.label, required=field.required, widget=field.widget
            )
        description = self.fields.get("description")
        if description is not None:
            # The description becomes the image's alt text wherever it is used (issue 21).
            description.label = gettext_lazy("Description (alternative text)")
            description.help_text = gettext_lazy(
                "Read aloud to blind visitors instead of the image: one sentence on what it "
                "shows and why it matters, e.g. “Volunteers handing out food parcels in front "
                "of the centre”. Do not start with “photo of”; leave empty only for a "
                "decorative image."
            )
