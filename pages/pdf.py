"""The PDF check run on every uploaded document: page count, text layer, text for search.

A scanned ordinance is a picture of text: screen readers cannot read it and search cannot
find it. The check records what it finds in ``DocumentPdfInfo`` so staff are warned on the
ordinance's edit view, residents see "skan bez warstwy tekstowej", and the text of real PDFs
is indexed with the ordinance.
"""

import io
import logging
from dataclasses import dataclass

from django.db.models.signals import post_save

logger = logging.getLogger(__name__)

MAX_PAGES_READ = 200
MAX_TEXT_CHARS = 100_000
MIN_CHARS_PER_PAGE = 10


@dataclass
class PdfCheck:
    page_count: int | None = None
    has_text_layer: bool = False
    pages_without_text: int = 0
    text: str = ""
    error: str = ""


def inspect_pdf(data):
    """Read PDF bytes; never raises (a broken file gives ``error``)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return PdfCheck(error="encrypted")
        page_count = len(reader.pages)
        texts, without_text = [], 0
        length = 0
        for number, page in enumerate(reader.pages):
            if number >= MAX_PAGES_READ:
                break
            try:
                text = page.extract_text() or ""
            except (PyPdfError, ValueError, KeyError, TypeError):
                text = ""
            if len("".join(text.split())) < MIN_CHARS_PER_PAGE:
                without_text += 1
            elif length < MAX_TEXT_CHARS:
                texts.append(text)
                length += len(text)
        text = " ".join(" ".join(texts).split())[:MAX_TEXT_CHARS]
        return PdfCheck(
            page_count=page_count,
            has_text_layer=bool(text),
            pages_without_text=without_text,
            text=text,
        )
    except Exception as error:  # noqa: BLE001 - any unreadable file is reported, not raised
        logger.info("PDF check failed: %s", error)
        return PdfCheck(error=str(error)[:300] or error.__class__.__name__)


def check_document(document):
    """Create or refresh the document's ``DocumentPdfInfo``; returns it (None for non-PDFs)."""
    from .models import DocumentPdfInfo

    if document.file_extension.lower() != "pdf":
        DocumentPdfInfo.objects.filter(document=document).delete()
        return None
    _fill_file_metadata(document)
    info = DocumentPdfInfo.objects.filter(document=document).first()
    if info is not None and document.file_hash and info.file_hash == document.file_hash:
        return info
    with document.open_file() as handle:
        result = inspect_pdf(handle.read())
    info, _created = DocumentPdfInfo.objects.update_or_create(
        document=document,
        defaults={
            "file_hash": document.file_hash,
            "page_count": result.page_count,
            "has_text_layer": result.has_text_layer,
            "pages_without_text": result.pages_without_text,
            "text": result.text,
            "error": result.error,
        },
    )
    _reindex_ordinances(document)
    return info


def _fill_file_metadata(document):
    """Documents made in code (not through the admin upload) lack size and hash."""
    if document.file_size and document.file_hash:
        return
    document._set_document_file_metadata()
    type(document).objects.filter(pk=document.pk).update(
        file_size=document.file_size, file_hash=document.file_hash
    )


def _reindex_ordinances(document):
    from wagtail.search.index import insert_or_update_object

    from .models import OrdinancePage

    for page in OrdinancePage.objects.filter(attachments__document=document).distinct():
        insert_or_update_object(page)


def on_document_saved(sender, instance, raw=False, **kwargs):
    if raw or not instance.file:
        return
    try:
        check_document(instance)
    except OSError:
        logger.exception("PDF check: could not read document %s", instance.pk)


def connect():
    from wagtail.documents import get_document_model

    post_save.connect(
        on_document_saved, sender=get_document_model(), dispatch_uid="pages_pdf_check"
    )
