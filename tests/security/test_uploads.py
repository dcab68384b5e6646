"""Uploads (issue 10): documents checked by content, images limited, documents served safely."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from demo.media import pdf_bytes
from security.uploads import detect_problem

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def content_types(main):
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/content-types"><Override PartName="/x" ContentType="{main}"/></Types>'
    )


DOCX = zip_bytes(
    {
        "[Content_Types].xml": content_types(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        ),
        "word/document.xml": "<w:document/>",
    }
)
DOCM = zip_bytes(
    {
        "[Content_Types].xml": content_types(
            "application/vnd.ms-word.document.macroEnabled.main+xml"
        ),
        "word/vbaProject.bin": "x",
    }
)
XLSX = zip_bytes(
    {
        "[Content_Types].xml": content_types(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
        ),
        "xl/workbook.xml": "<workbook/>",
    }
)
ODT = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
ODS = zip_bytes(
    {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}
)
DOC = OLE2 + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 64
XLS = OLE2 + b"\x00" * 504 + "Workbook".encode("utf-16-le") + b"\x00" * 64
PDF = pdf_bytes("Zarządzenie nr 1/2025", ["Treść zarządzenia w sprawie regulaminu."])
TXT_UTF8 = "Godziny otwarcia: poniedziałek–piątek 7:30–15:30. Zażółć gęślą jaźń.\n".encode()
TXT_CP1250 = "Zażółć gęślą jaźń — regulamin świetlicy.\n".encode("cp1250")
# The first bytes of real files: an MP4 "ftyp" box and a WebM EBML header.
MP4 = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x00" * 64
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 64
MKV = WEBM.replace(b"webm", b"mkv ")

ACCEPTED = [
    ("zarzadzenie.pdf", PDF),
    ("wniosek.docx", DOCX),
    ("tabela.xlsx", XLSX),
    ("regulamin.odt", ODT),
    ("budzet.ods", ODS),
    ("stary-wniosek.doc", DOC),
    ("stara-tabela.xls", XLS),
    ("godziny.txt", TXT_UTF8),
    ("regulamin.txt", TXT_CP1250),
    ("WIELKIE.PDF", PDF),
    ("informacja-pjm.mp4", MP4),
    ("informacja-pjm.webm", WEBM),
]
REFUSED = [
    ("strona.pdf", HTML, "active_content"),
    ("obrazek.pdf", SVG, "active_content"),
    ("obrazek.svg", SVG, "extension_not_allowed"),
    ("strona.html", HTML, "extension_not_allowed"),
    ("skrypt.js", b"alert(1)", "extension_not_allowed"),
    ("strona.txt", HTML, "active_content"),
    ("obrazek.txt", SVG, "active_content"),
    ("skrypt.txt", b"#!/bin/sh\nrm -rf /\n", "active_content"),
    ("link.txt", b"kliknij javascript:alert(1)", "active_content"),
    ("strona.docx", HTML, "active_content"),
    ("strona.doc", HTML, "active_content"),
    ("makro.docx", DOCM, "content_mismatch"),
    ("tabela.docx", XLSX, "content_mismatch"),
    ("tekst.ods", ODT, "content_mismatch"),
    ("dokument.xls", DOC, "content_mismatch"),
    ("zip.odt", zip_bytes({"a.txt": "x"}), "content_mismatch"),
    ("pdf-jako-word.docx", PDF, "content_mismatch"),
    ("binarny.txt", b"abc\x00def", "content_mismatch"),
    ("obraz.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "content_mismatch"),
    ("pusty.pdf", b"", "empty"),
    ("bez-rozszerzenia", PDF, "extension_not_allowed"),
    ("program.exe", b"MZ\x90\x00", "extension_not_allowed"),
    ("film.mp4", HTML, "active_content"),
    ("film.mp4", PDF, "content_mismatch"),
    ("film.webm", MKV, "content_mismatch"),
    ("film.webm", MP4, "content_mismatch"),
]


@pytest.mark.parametrize(("name", "data"), ACCEPTED)
def test_allowed_documents_pass(name, data):
    assert detect_problem(io.BytesIO(data), name) is None


@pytest.mark.parametrize(("name", "data", "code"), REFUSED)
def test_disguised_and_active_files_are_refused(name, data, code):
    problem = detect_problem(io.BytesIO(data), name)
    assert problem is not None
    assert problem.code == code


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_superuser(
        username="sekretariat", email="s@example.pl", password="Dlugie-Haslo-123"
    )
    return user


def upload(client, name, data, title="Dokument"):
    return client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )


class TestAdminUpload:
    def test_pdf_is_accepted(self, client, editor):
        client.force_login(editor)
        response = upload(client, "zarzadzenie.pdf", PDF, title="Zarządzenie 1/2025")
        assert response.status_code == 302
        assert get_document_model().objects.filter(title="Zarządzenie 1/2025").exists()

    def test_html_renamed_pdf_is_refused_in_polish(self, client, editor):
        client.force_login(editor)
        response = upload(client, "zarzadzenie.pdf", HTML)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Ten plik zawiera stronę internetową, grafikę SVG lub skrypt" in body
        assert not get_document_model().objects.exists()

    def test_svg_with_script_is_refused(self, client, editor):
        client.force_login(editor)
        response = upload(client, "logo.svg", SVG)
        assert response.status_code == 200
        assert not get_document_model().objects.exists()
        response = upload(client, "logo.txt", SVG)
        assert "Ten plik zawiera stronę internetową" in response.content.decode()
        assert not get_document_model().objects.exists()

    def test_mismatch_message_names_the_format(self, client, editor):
        client.force_login(editor)
        response = upload(client, "tabela.docx", XLSX)
        body = response.content.decode()
        assert "Zawartość pliku nie odpowiada rozszerzeniu .docx" in body
        assert "Word (DOCX)" in body

    def test_size_limit(self, client, editor, settings):
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
        client.force_login(editor)
        response = upload(client, "duzy.txt", b"a" * 4096)
        assert response.status_code == 200
        assert not get_document_model().objects.exists()

    def test_multiple_uploader_refuses_too(self, client, editor):
        client.force_login(editor)
        response = client.post(
            "/admin/documents/multiple/add/",
            {"files[]": SimpleUploadedFile("strona.pdf", HTML)},
        )
        assert response.status_code == 200
        payload = json.loads(response.content)
        assert payload["success"] is False
        assert "Ten plik zawiera" in json.dumps(payload, ensure_ascii=False)
        assert not get_document_model().objects.exists()

    def test_multiple_uploader_accepts_docx(self, client, editor):
        client.force_login(editor)
        response = client.post(
            "/admin/documents/multiple/add/",
            {"files[]": SimpleUploadedFile("wniosek.docx", DOCX)},
        )
        assert json.loads(response.content)["success"] is True
        assert get_document_model().objects.count() == 1


class TestDocumentServing:
    def make(self, name, data):
        return get_document_model().objects.create(title=name, file=SimpleUploadedFile(name, data))

    def test_pdf_inline_with_nosniff_and_sandboxing_csp(self, client, home):
        document = self.make("zarzadzenie.pdf", PDF)
        response = client.get(document.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("inline")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")

    @pytest.mark.parametrize(("name", "data"), [("wniosek.docx", DOCX), ("godziny.txt", TXT_UTF8)])
    def test_other_documents_are_attachments(self, client, home, name, data):
        document = self.make(name, data)
        response = client.get(document.url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert "html" not in response["Content-Type"]

    def test_serve_method_is_the_view(self, settings):
        assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
        assert settings.WAGTAILDOCS_INLINE_CONTENT_TYPES == ["application/pdf"]


def image_bytes(size, fmt="PNG", mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size, "white").save(buffer, fmt)
    return buffer.getvalue()


def file_errors(response):
    """The reasons the admin form shows for the uploaded file."""
    return response.context["form"].errors.get("file", [])


class TestImages:
    def upload(self, client, name, data):
        return client.post(
            "/admin/images/add/",
            {
                "title": name,
                "file": SimpleUploadedFile(name, data),
                "collection": Collection.get_first_root_node().pk,
            },
        )

    def test_svg_is_not_an_image_format_here(self, client, editor, settings):
        assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
        client.force_login(editor)
        response = self.upload(client, "logo.svg", SVG)
        assert response.status_code == 200
        assert "Nieobsługiwany format obrazu" in " ".join(file_errors(response))
        assert not get_image_model().objects.exists()

    def test_html_renamed_jpg_is_refused(self, client, editor):
        client.force_login(editor)
        response = self.upload(client, "zdjecie.jpg", HTML)
        assert response.status_code == 200
        assert "Rozszerzenie nie pasuje do formatu pliku" in " ".join(file_errors(response))
        assert not get_image_model().objects.exists()

    def test_decompression_bomb_is_refused(self, client, editor, settings):
        settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
        client.force_login(editor)
        response = self.upload(client, "bomba.png", image_bytes((2000, 2000), mode="1"))
        assert response.status_code == 200
        reason = " ".join(file_errors(response))
        assert "(4000000)" in reason and "1000000" in reason, reason
        assert not get_image_model().objects.exists()

    def test_production_pixel_limit(self, settings):
        assert 0 < settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 50_000_000

    def test_renditions_are_re_encoded(self, db):
        payload = b"<script>alert(1)</script>"
        image = get_image_model().objects.create(
            title="zdjęcie",
            file=SimpleUploadedFile("foto.jpg", image_bytes((400, 300), "JPEG") + payload),
        )
        rendition = image.get_rendition("width-200")
        with rendition.file.open("rb") as handle:
            data = handle.read()
        assert payload not in data
        assert data.startswith(b"\xff\xd8")
